"""Corrections and review dates in the model (issue 13).

A correction is a dated notice on any record; each becomes a feed item whose key
``KIND/ID/correction-N`` (N counts the record's corrections from 1, oldest first) never depends
on a title or a summary. Corrections are appended, never reordered (``checks.trust`` keeps them
oldest first), so N stays the same once published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from pledgewatch.core.text import long_date


@dataclass(frozen=True)
class Correction:
    """One published correction: ``number`` counts from 1 in the record's list, ``anchor`` is
    its fragment (``correction-1``) on the record's page or entry."""

    number: int
    date: dt.date
    summary: str
    sources: tuple[str, ...]

    @property
    def anchor(self) -> str:
        return f"correction-{self.number}"


@dataclass(frozen=True)
class CorrectionEntry:
    """A correction with the record it belongs to: ``kind`` is a content folder name."""

    kind: str
    record_id: str
    title: str
    correction: Correction

    @property
    def key(self) -> str:
        """``KIND/ID/correction-N``: the stable part of its feed guid."""
        return f"{self.kind}/{self.record_id}/{self.correction.anchor}"


def corrections_of(values: dict) -> tuple[Correction, ...]:
    """The model's corrections from a checked record's ``values``."""
    return tuple(Correction(n, c["date"], c["summary"], tuple(c.get("sources", ())))
                 for n, c in enumerate(values.get("corrections") or (), start=1))


def record_title(model, kind: str, record_id: str) -> str:
    """How a record is named to readers: a pledge's, source's or deadline's title, an actor's
    name, ``Quote by NAME, DATE`` for a quote."""
    record = getattr(model, kind)[record_id]
    if kind == "actors":
        return record.name
    if kind == "quotes":
        return f"Quote by {model.actors[record.speaker].name}, {long_date(record.said_on)}"
    return record.title


def all_corrections(model) -> tuple[CorrectionEntry, ...]:
    """Every correction of every record up to the as-of date, newest first (then by kind,
    id and number, for a stable order)."""
    entries = [CorrectionEntry(kind, rid, record_title(model, kind, rid), c)
               for kind in ("pledges", "actors", "sources", "deadlines", "quotes")
               for rid, record in getattr(model, kind).items()
               for c in record.corrections if c.date <= model.as_of]
    return tuple(sorted(entries, key=lambda e: (-e.correction.date.toordinal(), e.kind,
                                                e.record_id, e.correction.number)))


class Corrected:
    """The model's ``corrections``: every correction of every record, newest first, computed
    once (see :func:`all_corrections`)."""

    @cached_property
    def corrections(self) -> tuple[CorrectionEntry, ...]:
        return all_corrections(self)


def review_due(pledge, as_of: dt.date, after_days: int, due_dates: list[dt.date]) -> str:
    """Why the pledge is overdue for review as of ``as_of``, or ``""`` when it is not.

    A pledge whose status is not ``kept`` or ``broken`` is open: it is overdue when it was not
    reviewed (``reviewed_on``, else ``made_on``) within ``after_days`` of ``as_of``, or when one
    of its ``by`` deadlines (``due_dates``) passed ``after_days`` or more ago while it is still
    ``not-yet-rated`` or ``in-progress`` and no review is dated after that grace period (a
    review then is the editor's answer: the evidence still does not settle it).
    """
    if pledge.status in ("kept", "broken"):
        return ""
    reasons = []
    last = pledge.reviewed_on or pledge.made_on
    if (as_of - last).days > after_days:
        what = f"last reviewed {last}" if pledge.reviewed_on else f"never reviewed (made {last})"
        reasons.append(f"{what}, {(as_of - last).days} days before {as_of}")
    if pledge.status in ("not-yet-rated", "in-progress"):
        grace = dt.timedelta(days=after_days)
        late = [d for d in due_dates if (as_of - d).days >= after_days
                and not (pledge.reviewed_on and pledge.reviewed_on >= d + grace)]
        if late:
            reasons.append(f"its deadline of {min(late)} passed {(as_of - min(late)).days} days "
                           f"ago while it is still '{pledge.status}'")
    return "; ".join(reasons)
