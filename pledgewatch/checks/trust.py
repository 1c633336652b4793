"""Stage 2c, the dates of corrections and reviews (issue 13).

A correction (``corrections:`` on any record) is dated: corrections are listed oldest first,
none after the as-of date (a site as of a date cannot show a later correction) and none before
the record's own date (``made_on``, ``published``, ``said_on``): nothing can be corrected before
it existed. A pledge's ``reviewed_on`` lies between its ``made_on`` and the as-of date. That a
review is *due* is never a problem here: staleness is the editors' business (``pledgewatch
review``), so ``validate --strict`` stays passable.
"""

from __future__ import annotations

import datetime as dt

from pledgewatch.checks.validate import Checked
from pledgewatch.core.problems import Problem

OWN_DATE = {"pledges": "made_on", "sources": "published", "quotes": "said_on"}
"""The field holding the date a record of each kind came to be; actors and deadlines have
none (a deadline's ``due`` lies ahead)."""


def check_trust_dates(record: Checked, as_of: dt.date | None) -> list[Problem]:
    """Errors for the record's corrections' dates and a pledge's ``reviewed_on``, each at the
    location of the date at fault. ``as_of`` ``None`` skips the as-of rules."""
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
        if as_of is not None and date > as_of:
            problems.append(_error(record, where, "correction-after-as-of",
                                   f"correction dated {date} is after the as-of date {as_of}; "
                                   "date it on the day the correction is published"))
        if own and date < own:
            problems.append(_error(record, where, "correction-early",
                                   f"correction dated {date} is before {own_name} {own}; a "
                                   "record cannot be corrected before it exists"))
        previous = date
    reviewed = values.get("reviewed_on") if record.kind == "pledges" else None
    if isinstance(reviewed, dt.date):
        where = record.loc("reviewed_on")
        if as_of is not None and reviewed > as_of:
            problems.append(_error(record, where, "review-after-as-of",
                                   f"reviewed_on {reviewed} is after the as-of date {as_of}; "
                                   "set it to the day of the review"))
        if own and reviewed < own:
            problems.append(_error(record, where, "review-early",
                                   f"reviewed_on {reviewed} is before made_on {own}; set it to "
                                   "the day of the review"))
    return problems


def _error(record: Checked, loc: tuple[int, int], code: str, message: str) -> Problem:
    return Problem(record.relpath, loc[0], loc[1], "error", code, message)
