"""A deadline's state for one pledge as of the build's as-of date: a code and the reader's
words. The codes are listed once, in :data:`STATE_CODES`; the open data's schema reads them
from here and :class:`DeadlineState` refuses any other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledgewatch.core.wording import duration_words, words

if TYPE_CHECKING:  # model imports this module
    from pledgewatch.records.model import Pledge

STATE_CODES = ("upcoming", "due-today", "overdue", "met", "met-late", "missed", "passed")
"""Deadline state codes (see :func:`deadline_state`); ``passed`` is for events. The export's
schema lists these; :class:`DeadlineState` refuses any other."""


@dataclass(frozen=True)
class DeadlineState:
    """A deadline's state for one pledge as of the build date.

    ``code`` is one of :data:`STATE_CODES` (else ``ValueError``); ``label`` is the reader's
    wording, e.g. "overdue by three days".
    """

    code: str
    label: str

    def __post_init__(self):
        if self.code not in STATE_CODES:
            raise ValueError(f"deadline state {self.code!r} is not one of {STATE_CODES}")


def deadline_state(kind: str, due: dt.date, pledge: Pledge | None, as_of: dt.date,
                   locale: str = "en") -> DeadlineState:
    """State of a deadline as of ``as_of``, worded for ``locale`` (see :mod:`wording`).

    ``by``: met (a kept update on or before the date), met late, missed (broken or partly kept),
    else upcoming, due today or overdue. ``not-before`` is kept by waiting: missed when the pledge
    was broken before the date, met once the date is reached unbroken. ``event``: upcoming, today
    or passed.
    """
    def span(a: dt.date, b: dt.date) -> str:
        return duration_words(b - a, locale)

    if kind == "not-before" and pledge is not None:
        broken_on = pledge.first_dated(("broken",))
        if broken_on is not None and broken_on < due:
            return DeadlineState("missed", words("deadline.missed-early",
                                                 duration=span(broken_on, due)))
        if as_of >= due:
            return DeadlineState("met", words("deadline.held"))
        return DeadlineState("upcoming", words("deadline.in-force", duration=span(as_of, due)))
    if kind == "by" and pledge is not None:
        kept_on = pledge.first_dated(("kept",))
        if kept_on is not None and pledge.status == "kept":
            if kept_on <= due:
                return DeadlineState("met", words("deadline.met"))
            return DeadlineState("met-late", words("deadline.met-late",
                                                   duration=span(due, kept_on)))
        if pledge.status in ("broken", "partially-kept"):
            return DeadlineState("missed", words(f"deadline.missed-{pledge.status}"))
    if as_of < due:
        return DeadlineState("upcoming", words("deadline.upcoming", duration=span(as_of, due)))
    if as_of == due:
        return DeadlineState("due-today", words("deadline.due-today"))
    if kind == "event" or pledge is None:
        return DeadlineState("passed", words("deadline.passed", duration=span(due, as_of)))
    return DeadlineState("overdue", words("deadline.overdue", duration=span(due, as_of)))
