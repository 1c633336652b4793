"""Derived history: how many pledges had each status at the end of each month.

Computed from the dated updates only, as of the build date, so the same records and the same
as-of date always give the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pledgewatch.core.schema import STATUSES


@dataclass(frozen=True)
class MonthCounts:
    """How many pledges had each status at the end of one month.

    ``month`` is the month's first day; ``end`` its last day, or the as-of date for the month
    the build falls in (a month is never counted beyond what is known). ``counts`` pairs every
    status, in reading order, with a count; a pledge counts from its first dated update on.
    """

    month: dt.date
    end: dt.date
    counts: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


def status_by_month(pledges, as_of: dt.date) -> tuple[MonthCounts, ...]:
    """Status of each pledge at the end of each month, from its dated updates, oldest month
    first: from the month of the earliest update up to the month holding ``as_of``. Updates
    dated after ``as_of`` are ignored. Empty when no update is dated on or before ``as_of``.
    """
    dated = sorted((u.date, p.id, u.number, u.status) for p in pledges for u in p.updates
                   if u.date <= as_of)  # same-day updates of a pledge stay in record order
    if not dated:
        return ()
    months, month, i, current = [], dated[0][0].replace(day=1), 0, {}
    while month <= as_of:
        end = min(_next_month(month) - dt.timedelta(days=1), as_of)
        while i < len(dated) and dated[i][0] <= end:
            current[dated[i][1]] = dated[i][3]
            i += 1
        tally = {code: 0 for code in STATUSES}
        for code in current.values():
            tally[code] += 1
        months.append(MonthCounts(month, end, tuple(tally.items())))
        month = _next_month(month)
    return tuple(months)


def months_with_changes(months: tuple[MonthCounts, ...]) -> tuple[MonthCounts, ...]:
    """The months whose counts differ from the month before, plus the first and the last.

    A tracker lives for years while statuses change in bursts: a row for every unchanged month
    would bury the changes (49 identical bars for the first real content), so runs of unchanged
    months are left out and the last month still shows where things stand as of the build.
    """
    return tuple(m for i, m in enumerate(months)
                 if i in (0, len(months) - 1) or m.counts != months[i - 1].counts)


def _next_month(month: dt.date) -> dt.date:
    return dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
