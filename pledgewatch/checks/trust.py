"""Stage 2c, the dates of corrections and reviews (issue 13).

A correction (``corrections:`` on any record) is dated: corrections are listed oldest first and
none is before the record's own date (``made_on``, ``published``, ``said_on``): nothing can be
corrected before it existed. A pledge's ``reviewed_on`` is not before its ``made_on``. (That
neither is after the as-of date is checked with every other date of something that happened,
in ``crosscheck.dated_after``.) That a review is *due* is never a problem here: staleness is
the editors' business (``pledgewatch review``), so ``validate --strict`` stays passable.
"""

from __future__ import annotations

import datetime as dt

from pledgewatch.checks.validate import Checked
from pledgewatch.core.problems import Problem

OWN_DATE = {"pledges": "made_on", "sources": "published", "quotes": "said_on"}
"""The field holding the date a record of each kind came to be; actors and deadlines have
none (a deadline's ``due`` lies ahead)."""


def check_trust_dates(record: Checked) -> list[Problem]:
    """Errors for the order of the record's corrections and for a correction or a pledge's
    ``reviewed_on`` dated before the record's own date, each at the date at fault."""
    values = record.values
    own_name = OWN_DATE.get(record.kind)
    own = values.get(own_name) if own_name else None
    own = own if isinstance(own, dt.date) else None
    problems = []
    previous = None
    for i, item in enumerate(values.get("corrections") or ()):
        date = (item or {}).get("date")
        if not isinstance(date, dt.date):
            continue
        where = record.loc("corrections", i, "date")
        if previous and date < previous:
            problems.append(_error(record, where, "correction-order",
                                   f"correction dated {date} comes after one dated {previous}; "
                                   "list corrections oldest first"))
        if own and date < own:
            problems.append(_error(record, where, "correction-early",
                                   f"correction dated {date} is before {own_name} {own}; a "
                                   "record cannot be corrected before it exists"))
        previous = date
    reviewed = values.get("reviewed_on") if record.kind == "pledges" else None
    if isinstance(reviewed, dt.date):
        where = record.loc("reviewed_on")
        if own and reviewed < own:
            problems.append(_error(record, where, "review-early",
                                   f"reviewed_on {reviewed} is before made_on {own}; set it to "
                                   "the day of the review"))
    return problems


def _error(record: Checked, loc: tuple[int, int], code: str, message: str) -> Problem:
    return Problem(record.relpath, loc[0], loc[1], "error", code, message)
