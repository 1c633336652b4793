"""A deadline's state for one pledge as of the build's as-of date: a code and the reader's
words. The codes are listed once, in :data:`STATE_CODES`; the open data's schema reads them
from here and :class:`DeadlineState` refuses any other."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pledgewatch.core.text import long_date

if TYPE_CHECKING:  # model imports this module
    from pledgewatch.records.model import Pledge

STATE_CODES = ("upcoming", "due-today", "overdue", "met", "met-late", "missed", "passed")
"""Deadline state codes (see :func:`deadline_state`); ``passed`` is for events. The export's
schema lists these; :class:`DeadlineState` refuses any other."""


@dataclass(frozen=True)
class DeadlineState:
    """A deadline's state for one pledge as of the build date.

    ``code`` is one of :data:`STATE_CODES` (else ``ValueError``); ``label`` is the reader's
    wording, e.g. "overdue by 3 days".
    """

    code: str
    label: str

    def __post_init__(self):
        if self.code not in STATE_CODES:
            raise ValueError(f"deadline state {self.code!r} is not one of {STATE_CODES}")


def deadline_state(kind: str, due: dt.date, pledge: Pledge | None, as_of: dt.date) -> DeadlineState:
    """State of a deadline as of ``as_of``.

    ``by``: met (a kept update on or before the date), met late, missed (broken or partly kept),
    else upcoming, due today or overdue. ``not-before`` is kept by waiting: missed when the pledge
    was broken before the date, met once the date is reached unbroken. ``event``: upcoming, today
    or passed.
    """
    if kind == "not-before" and pledge is not None:
        broken_on = pledge.first_dated(("broken",))
        if broken_on is not None and broken_on < due:
            return DeadlineState("missed", f"missed: broken on {long_date(broken_on)}")
        if as_of >= due:
            return DeadlineState("met", "met: held until the date")
        return DeadlineState("upcoming", f"in force for {_days(due - as_of)}")
    if kind == "by" and pledge is not None:
        kept_on = pledge.first_dated(("kept",))
        if kept_on is not None and pledge.status == "kept":
            return DeadlineState(*(("met", "met") if kept_on <= due else ("met-late", "met late")))
        if pledge.status in ("broken", "partially-kept"):
            return DeadlineState("missed", "missed")
    if as_of < due:
        return DeadlineState("upcoming", f"due in {_days(due - as_of)}")
    if as_of == due:
        return DeadlineState("due-today", "due today")
    if kind == "event" or pledge is None:
        return DeadlineState("passed", "passed")
    return DeadlineState("overdue", f"overdue by {_days(as_of - due)}")


def _days(delta: dt.timedelta) -> str:
    return "1 day" if delta.days == 1 else f"{delta.days} days"
