"""Reader-facing words: one function for sentences (:func:`words`) and one each for dates and
durations (:func:`date_words`, :func:`duration_words`), so every string can be translated later.

Every sentence is a whole message with named placeholders (``"overdue by {duration}"``), never
assembled from pieces, so a translator can reorder it (the rule gettext and ICU MessageFormat
follow). Dates and durations come from Babel's CLDR data (``format_date``, ``format_unit``)
for the site's ``language``.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.units import format_unit

MESSAGES: dict[str, str] = {
    # Deadline states (records.model.deadline_state), one message per state and wording.
    "deadline.upcoming": "due in {duration}",
    "deadline.due-today": "due today",
    "deadline.overdue": "overdue by {duration}",
    "deadline.met": "met on time",
    "deadline.met-late": "met {duration} late",
    "deadline.missed-broken": "missed: the pledge was broken",
    "deadline.missed-partially-kept": "missed: the pledge was only partly kept",
    "deadline.missed-early": "missed: broken {duration} before the date",
    "deadline.held": "kept: held until the date",
    "deadline.in-force": "in force for another {duration}",
    "deadline.passed": "{duration} ago",
    "deadline.event-today": "today",
    # A deadline's date as the reader says it, by kind.
    "due.by": "by {date}",
    "due.not-before": "no earlier than {date}",
    "due.event": "on {date}",
    "deadline.line": "{due}: {state}",
    "deadline.event-line": "{title}, {date}",
    # How exact the stated words are, by precision.
    "precision.day": "",
    "precision.week": "the words give the week, not the day",
    "precision.month": "the words give the month, not the day",
    # Durations rounded to their unit.
    "duration.about": "about {duration}",
    # Social cards.
    "card.made-by": "Made by {maker}",
    "card.count": "{status}: {count}",
    "card.home": "{total} pledges tracked, each status backed by cited sources",
    # Pages.
    "cite.short": "{publisher}, {date}",
    "home.byline": "Published by {publisher}, tracking pledges since {since}.",
    "home.byline-publisher": "Published by {publisher}.",
    "home.all": "The {total} pledges",
    "home.recent": "The {shown} most recently changed of {total} pledges",
    "home.index": "All {total} pledges",
    "verdict.reviewed": "Last reviewed {date}",
    "verdict.as-of": "As of {date}",
    "verdict.no-deadline": "No deadline recorded",
    "verdict.now": "current status",
    "verdict.scale": "Status scale, from not yet rated to broken",
    "verdict.updated": "Last updated {date}",
    "timeline.title": "Timeline of the pledge \u201c{title}\u201d",
    "timeline.desc": "Status over time, from {start} to {end}.",
    "timeline.band": "{status} from {start} to {end}",
    "timeline.as-of": "as of {date}",
    "timeline.deadline": "deadline {date}",
    "timeline.first": "Recorded as {status}",
    "timeline.changed": "Rated {status}",
    "timeline.same": "Reviewed: still {status}",
    "timeline.deadline-row": "Deadline \u201c{title}\u201d ({state})",
    "feed.deadline-summary": "Stated as \u201c{stated}\u201d; due {date}.",
    "feed.made": "Made by {maker} on {date}.",
    "feed.made-to": "Made by {maker} to {audience} on {date}.",
    "feed.title-rss": "{site}: pledge updates (RSS)",
    "feed.title-atom": "{site}: pledge updates (Atom)",
}
"""Every message, keyed by a stable id; a translation replaces the values, not the keys."""

_DATE_PATTERN = "d MMMM y"  # "1 November 2022": day first, month in words, never ambiguous
_SHORT_PATTERN = "d MMM y"  # "1 Nov 2022", where space is short (chart labels)
# (days in the unit, the least duration in days worded in it): days up to two weeks, weeks up
# to eight, months up to eleven, then years.
_UNITS = ((365, 330, "duration-year"), (30, 56, "duration-month"), (7, 14, "duration-week"),
          (1, 0, "duration-day"))
_SMALL = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine"}


def words(key: str, **values: object) -> str:
    """The message ``key`` with its placeholders filled, e.g.
    ``words("deadline.overdue", duration="three weeks")`` -> ``"overdue by three weeks"``.

    Raises ``KeyError`` for an unknown key or a missing placeholder value.
    """
    return MESSAGES[key].format(**values)


def date_words(value: dt.date, locale: str = "en", short: bool = False) -> str:
    """``1 November 2022`` (``short``: ``1 Nov 2022``): the date in words in ``locale`` (a
    CLDR locale id such as ``en`` or ``fr``); day first, whatever the locale's usual order, as
    the site has always shown."""
    return format_date(value, _SHORT_PATTERN if short else _DATE_PATTERN, locale=locale)


def duration_words(delta: dt.timedelta, locale: str = "en") -> str:
    """A duration as a reader says it: ``two days``, ``three weeks``, ``about four years``.

    Whole days only (the sign is ignored). Days below two weeks, weeks below eight, months
    (30 days) below 330 days, then years (365 days), each rounded to the nearest whole number;
    "about" says the rounding changed the figure. Babel words it for ``locale``;
    in English, one to nine are spelt out (AP and Chicago style). A zero duration is
    ``0 days``.
    """
    days = abs(delta.days)
    size, unit = next((s, u) for s, least, u in _UNITS if days >= least)
    count = max(1, round(days / size)) if days else 0
    text = format_unit(count, unit, length="long", locale=locale)
    if locale.split("_")[0] == "en" and count in _SMALL:
        text = text.replace(str(count), _SMALL[count], 1)
    return words("duration.about", duration=text) if count * size != days else text
