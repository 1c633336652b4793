"""Reader-facing words: one function for sentences (:func:`words`) and one each for dates and
durations (:func:`date_words`, :func:`duration_words`), all in the language of the build
(``core.catalogs``: gettext catalogs under ``pledgewatch/locale``).

Every sentence is a whole message with named placeholders (``"overdue by {duration}"``), never
assembled from pieces, so a translator can reorder it (the rule gettext and ICU MessageFormat
follow). The English text is the gettext msgid; ``pybabel extract`` (``make translations``)
finds it through the :func:`N_` and :func:`plural` markers. Messages with a count have plural
forms, chosen by the catalog's ``Plural-Forms`` rule (gettext's ``ngettext``). Dates and
durations come from Babel's CLDR data (``format_date``, ``format_unit``) for the site's
``language``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.units import format_unit

from pledgewatch.core.catalogs import active, gettext_, ngettext_


def N_(message: str) -> str:  # noqa: N802 - gettext's name for a marker
    """Marks ``message`` for extraction and returns it unchanged; translated when used."""
    return message


class Plural(NamedTuple):
    """A message with plural forms: the English singular and plural and the name of the
    placeholder holding the count."""

    singular: str
    plural: str
    count: str


def plural(singular: str, other: str, count: str) -> Plural:
    """Marks a message with plural forms for extraction (keyword ``plural:1,2``)."""
    return Plural(singular, other, count)


class Translated(Mapping):
    """A read-only mapping whose English values are translated into the active language each
    time they are read (``STATUS_LABELS["kept"]`` -> ``"Tenue"`` in a French build); keys,
    codes that scripts read, stay as they are."""

    def __init__(self, english: dict[str, str]):
        self.english = english

    def __getitem__(self, key: str) -> str:
        return gettext_(self.english[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self.english)

    def __len__(self) -> int:
        return len(self.english)


MESSAGES: dict[str, str | Plural] = {
    # Deadline states (records.model.deadline_state), one message per state and wording.
    "deadline.upcoming": N_("due in {duration}"),
    "deadline.due-today": N_("due today"),
    "deadline.overdue": N_("overdue by {duration}"),
    "role.since-until": N_("{role}, {since} to {until}"),
    "role.since": N_("{role}, since {since}"),
    "role.until": N_("{role}, until {until}"),
    "deadline.met": N_("met on time"),
    "deadline.met-late": N_("met {duration} late"),
    "deadline.missed-broken": N_("missed: the pledge was broken"),
    "deadline.missed-partially-kept": N_("missed: the pledge was only partly kept"),
    "deadline.missed-early": N_("missed: broken {duration} before the date"),
    "deadline.held": N_("kept: held until the date"),
    "deadline.in-force": N_("in force for another {duration}"),
    "deadline.passed": N_("{duration} ago"),
    "deadline.event-today": N_("today"),
    # A deadline's date as the reader says it, by kind.
    "due.by": N_("by {date}"),
    "due.not-before": N_("no earlier than {date}"),
    "due.event": N_("on {date}"),
    "deadline.line": N_("{due}: {state}"),
    "deadline.event-line": N_("{title}, {date}"),
    # How exact the stated words are, by precision.
    "precision.day": N_(""),
    "precision.week": N_("the words give the week, not the day"),
    "precision.month": N_("the words give the month, not the day"),
    # Durations rounded to their unit.
    "duration.about": N_("about {duration}"),
    # Social cards.
    "card.made-by": N_("Made by {maker}"),
    "card.count": N_("{status}: {count}"),
    "card.home": plural("{total} pledge tracked, each status backed by cited sources",
                        "{total} pledges tracked, each status backed by cited sources", "total"),
    # Pages.
    "cite.short": N_("{publisher}, {date}"),
    "cite.details": N_("details"),
    "cited-by.quote": N_("quote by {name}, {date}"),
    "cited-by.deadline": N_("deadline \u201c{title}\u201d"),
    "cited-by.source": N_("source \u201c{title}\u201d"),
    "chart.status": N_("Pledges by status, as of {date}"),
    "chart.months": N_("Pledges by status at the end of each month"),
    "edit.record": N_("Edit this record"),
    "edit.deadline": N_("Edit this deadline"),
    "edit.source": N_("Edit this source"),
    "edit.quote": N_("Edit this quote"),
    "edit.compact": N_("Edit"),
    "home.byline": N_("Published by {publisher}, tracking pledges since {since}."),
    "home.byline-publisher": N_("Published by {publisher}."),
    "home.all": plural("The {total} pledge", "The {total} pledges", "total"),
    "home.recent": plural("The {shown} most recently changed of {total} pledge",
                          "The {shown} most recently changed of {total} pledges", "total"),
    "home.index": plural("All {total} pledge", "All {total} pledges", "total"),
    "verdict.reviewed": N_("Last reviewed {date}"),
    "verdict.as-of": N_("As of {date}"),
    "verdict.no-deadline": N_("No deadline recorded"),
    "verdict.now": N_("current status"),
    "verdict.scale": N_("Status scale, from not yet rated to broken"),
    "verdict.updated": N_("Last updated {date}"),
    "timeline.title": N_("Timeline of the pledge \u201c{title}\u201d"),
    "timeline.desc": N_("Status over time, from {start} to {end}."),
    "timeline.band": N_("{status} from {start} to {end}"),
    "timeline.as-of": N_("as of {date}"),
    "timeline.deadline": N_("deadline {date}"),
    "timeline.first": N_("Recorded as {status}"),
    "timeline.changed": N_("Rated {status}"),
    "timeline.same": N_("Reviewed: still {status}"),
    "timeline.deadline-row": N_("Deadline \u201c{title}\u201d ({state})"),
    "feed.deadline-summary": N_("Stated as \u201c{stated}\u201d; due {date}."),
    "feed.made": N_("Made by {maker} on {date}."),
    "feed.made-to": N_("Made by {maker} to {audience} on {date}."),
    "feed.title-rss": N_("{site}: pledge updates (RSS)"),
    "feed.site": N_("{site}: pledge updates"),
    "feed.actor": N_("{site}: pledges made by or to {name}"),
    "feed.pledge-subtitle": N_("Status updates and deadlines of the pledge \u201c{title}\u201d."),
    "feed.actor-subtitle": N_("Status updates and deadlines of the pledges {name} made or "
                              "received."),
    "feed.date-reached": N_("Date reached: {deadline} ({pledge})"),
    "feed.deadline-reached": N_("Deadline reached: {deadline} ({pledge})"),
    "feed.status": N_("Status: {status}"),
    "feed.state": N_("State: {state}"),
    "feed.deadline": N_("Deadline: {deadline}"),
    "feed.sources": N_("Sources: {sources}"),
    "feed.pledge": N_("Pledge: {pledge}"),
    "state.overdue": N_("overdue"),
    "state.upcoming": N_("upcoming"),
    "state.passed": N_("passed"),
    "event.recorded": N_("Pledge recorded: {title}"),
    "event.update": N_("{status}: {title}"),
    "event.deadline": N_("Deadline reached: {title} ({state})"),
    "calendar.name": N_("{site}: deadlines"),
    "calendar.summary": N_("Deadline: {title} ({stated})"),
    "calendar.stated": N_("Stated as \u201c{stated}\u201d: {kind} ({precision})."),
    "calendar.pledge": N_("Pledge: {title}"),
    "calendar.status": N_("Status: {status}"),
    "calendar.derived": N_("How the date was derived: {notes}"),
    "calendar.sources": N_("Sources:"),
    "calendar.subscribe": N_("Subscribe to the deadlines in your calendar app"),
    "calendar.download": N_("download deadlines.ics"),
    "data.title": N_("{site}: records"),
    "data.description": N_("Every record of {site}, as published on the site."),
    "badge.alt": N_("{site} status of the pledge \u201c{title}\u201d"),
    "chart.month-to": N_("{month} (to {date})"),
    "chart.month-total": N_("{month}: {counts} (total {total})."),
    "feed.title-atom": N_("{site}: pledge updates (Atom)"),
    # Corrections (records.trust): the dated notice, the feed item and the review date.
    "correction.notice": N_("Correction, {date}:"),
    "correction.sources": N_("Sources:"),
    "correction.title": N_("Correction: {title}"),
    "correction.of": N_("Correction of {date}."),
    "corrected.pledges": N_("Corrected pledge: {title}"),
    "corrected.actors": N_("Corrected actor: {title}"),
    "corrected.deadlines": N_("Corrected deadline: {title}"),
    "corrected.quotes": N_("Corrected quote: {title}"),
    "corrected.sources": N_("Corrected source: {title}"),
    "reviewed.note": N_("Last reviewed {date}."),
    # Pagination (site.paginate).
    "page.suffix": N_("(page {number} of {count})"),
    "page.where": N_("Page {number} of {count}"),
    "page.label": N_("Page {number}"),
    "page.nav": N_("Pages"),
    "page.previous": N_("Previous"),
    "page.next": N_("Next"),
}
"""Every message, keyed by a stable id; a translation replaces the values, not the keys."""

_DATE_PATTERN = "d MMMM y"  # "1 November 2022": day first, month in words, never ambiguous
_SHORT_PATTERN = "d MMM y"  # "1 Nov 2022", where space is short (chart labels)
# German writes the day as an ordinal with a full stop ("1. November 2022"; CLDR's de long
# date format, Duden "Datum"); every other language keeps the patterns above.
_PATTERNS = {"de": ("d. MMMM y", "d. MMM y")}
# (days in the unit, the least duration in days worded in it): days up to two weeks, weeks up
# to eight, months up to eleven, then years.
_UNITS = ((365, 330, "duration-year"), (30, 56, "duration-month"), (7, 14, "duration-week"),
          (1, 0, "duration-day"))
_SMALL = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine"}


def words(key: str, **values: object) -> str:
    """The message ``key`` in the active language with its placeholders filled, e.g.
    ``words("deadline.overdue", duration="three weeks")`` -> ``"overdue by three weeks"``; a
    :class:`Plural` message takes the form for the value of its count placeholder.

    Raises ``KeyError`` for an unknown key or a missing placeholder value.
    """
    message = MESSAGES[key]
    if isinstance(message, Plural):
        count = values[message.count]
        text = ngettext_(message.singular, message.plural, int(count))  # type: ignore[arg-type]
    else:
        text = gettext_(message) if message else ""  # gettext("") is the catalog's header
    return text.format(**values)


@functools.lru_cache(maxsize=32)
def babel_locale(tag: str) -> Locale:
    """The Babel (CLDR) locale for a BCP 47 language tag as ``site_config.yml`` gives it
    (``de-CH`` -> ``de_CH``): the tag's own when CLDR has it, else its primary language's
    (``gsw-XY`` -> ``gsw``), else English."""
    for candidate in (tag, tag.split("-")[0].split("_")[0], "en"):
        try:
            return Locale.parse(candidate.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            continue
    raise AssertionError("unreachable: en is always known")


def date_words(value: dt.date, locale: str | None = None, short: bool = False) -> str:
    """``1 November 2022`` (``short``: ``1 Nov 2022``): the date in words in ``locale`` (a
    CLDR locale id such as ``en`` or ``fr``; the active language when ``None``); day first,
    whatever the locale's usual order, as the site has always shown."""
    return _date_words(value, locale or active(), short)


@functools.lru_cache(maxsize=8192)
def _date_words(value: dt.date, locale: str, short: bool) -> str:
    """:func:`date_words` for a resolved ``locale``; cached, as a build words the same few
    thousand dates tens of thousands of times and Babel takes 20 µs for each."""
    found = babel_locale(locale)
    long, brief = _PATTERNS.get(found.language, (_DATE_PATTERN, _SHORT_PATTERN))
    if found.language == "fr" and value.day == 1:
        # French writes the first of the month as an ordinal, "1er mars" (Imprimerie
        # nationale, Lexique des règles typographiques); CLDR's patterns have no ordinal day.
        long, brief = (pattern.replace("d ", "d'er' ", 1) for pattern in (long, brief))
    return format_date(value, brief if short else long, locale=found)


def duration_words(delta: dt.timedelta, locale: str | None = None) -> str:
    """A duration as a reader says it: ``two days``, ``three weeks``, ``about four years``.

    Whole days only (the sign is ignored). Days below two weeks, weeks below eight, months
    (30 days) below 330 days, then years (365 days), each rounded to the nearest whole number;
    "about" says the rounding changed the figure. Babel words it for ``locale``;
    in English, one to nine are spelt out (AP and Chicago style). ``locale`` defaults to the
    active language. A zero duration is
    ``0 days``.
    """
    found = babel_locale(locale or active())
    days = abs(delta.days)
    size, unit = next((s, u) for s, least, u in _UNITS if days >= least)
    count = max(1, round(days / size)) if days else 0
    text = format_unit(count, unit, length="long", locale=found)
    if found.language == "en" and count in _SMALL:
        text = text.replace(str(count), _SMALL[count], 1)
    return words("duration.about", duration=text) if count * size != days else text
