"""The deadlines calendar, ``deadlines.ics`` (iCalendar, RFC 5545), made with ``icalendar``.

One all-day event per deadline (``DTSTART;VALUE=DATE`` and ``DTEND`` the next day, RFC 5545
3.6.1: DTEND is exclusive). Everything in it comes from the records, never from the clock or the
as-of date: ``UID`` is ``<deadline id>@<site domain>`` (stable across builds, so a calendar
updates the event instead of adding a second one) and ``DTSTAMP`` is the last date the facts the
event shows were revised. The same content therefore gives the same bytes on every build.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote, urlsplit

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from markupsafe import Markup

from pledgewatch.core import routes
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.schema import PRECISION_LABELS, STATUS_LABELS
from pledgewatch.core.wording import N_, Translated, words
from pledgewatch.records.model import Deadline, Model

PATH = routes.CALENDAR
PRODID = "-//Pledgewatch//Deadlines calendar//EN"
KIND_WORDS = Translated({
    "by": N_("must happen by this date"),
    "not-before": N_("must not happen before this date"),
    "event": N_("a date on the timeline"),
})


def uid(config: SiteConfig, deadline: Deadline) -> str:
    """``<deadline id>@<domain>`` (RFC 5545 3.8.4.7 recommends a domain on the right)."""
    return f"{deadline.id}@{config.domain}"


def revised_on(model: Model, deadline: Deadline) -> dt.date:
    """The newest date among the deadline's sources and its pledges' updates: the last
    revision of what the event shows (RFC 5545 3.8.7.2, DTSTAMP without a METHOD)."""
    dates = [model.sources[s].published for s in deadline.sources]
    for pledge_id in deadline.pledges:
        dates += [u.date for u in model.pledges[pledge_id].updates]
    return max(dates)


def summary(deadline: Deadline) -> str:
    """``Deadline: TITLE (STATED WORDS)``; an ``event`` date is just its title."""
    if deadline.kind == "event":
        return deadline.title
    return words("calendar.summary", title=deadline.title, stated=deadline.as_stated)


def description(model: Model, deadline: Deadline) -> str:
    """Plain text: the stated words, each pledge with its status and link, how the date was
    derived, the sources, and the deadline's own link. The ``icalendar`` package escapes
    commas, semicolons and newlines (RFC 5545 3.3.11)."""
    cfg = model.config
    lines = [words("calendar.stated", stated=deadline.as_stated, kind=KIND_WORDS[deadline.kind],
                   precision=PRECISION_LABELS[deadline.precision])]
    for pledge_id in deadline.pledges:
        pledge = model.pledges[pledge_id]
        lines += ["", words("calendar.pledge", title=pledge.title),
                  words("calendar.status", status=STATUS_LABELS[pledge.status]),
                  cfg.permalink("pledges", pledge_id)]
    if deadline.notes:
        lines += ["", words("calendar.derived", notes=" ".join(deadline.notes.split()))]
    lines += ["", words("calendar.sources")]
    for source_id in deadline.sources:
        s = model.sources[source_id]
        lines.append(f"- {s.title} ({s.publisher}, {s.published.isoformat()}) "
                     f"{s.url or cfg.permalink('sources', source_id)}")
    return "\n".join(lines)


def calendar(model: Model) -> Calendar:
    """The calendar: one VEVENT per deadline, in due-date then id order.

    No ``METHOD``: without it DTSTAMP means "last revised" (RFC 5545 3.8.7.2), which is what
    :func:`revised_on` gives; with ``METHOD:PUBLISH`` it would mean "when this file was made".
    """
    cfg = model.config
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = words("calendar.name", site=cfg.site_name)
    cal.add("name", name)  # RFC 7986
    cal.add("x-wr-calname", name)  # the same, for clients that predate RFC 7986
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "P1D")
    cal.add("source", cfg.absolute(PATH), parameters={"VALUE": "URI"})
    for deadline in sorted(model.deadlines.values(), key=lambda d: (d.due, d.id)):
        cal.add_component(_event(model, deadline))
    return cal


CATEGORIES = Translated({"by": N_("Deadline"), "not-before": N_("Not before"),
                         "event": N_("Event")})
"""A deadline's kind as calendar clients show it (RFC 5545 3.8.1.2 CATEGORIES)."""


def _event(model: Model, deadline: Deadline) -> CalendarEvent:
    cfg = model.config
    event = CalendarEvent()
    event.add("uid", uid(cfg, deadline))
    stamp = dt.datetime.combine(revised_on(model, deadline), dt.time(0, 0), tzinfo=cfg.zone)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + dt.timedelta(days=1))
    event.add("summary", summary(deadline))
    event.add("description", description(model, deadline))
    event.add("url", cfg.permalink("deadlines", deadline.id), parameters={"VALUE": "URI"})
    event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
    event.add("categories", [CATEGORIES[deadline.kind]])
    return event


def write_calendar(model: Model, out_dir: Path) -> str:
    """Write ``deadlines.ics`` into ``out_dir`` (CRLF line ends, folded at 75 octets, UTF-8,
    as RFC 5545 3.1 requires); returns its site-relative path."""
    (out_dir / PATH).write_bytes(calendar(model).to_ical())
    return PATH


def webcal_url(config: SiteConfig) -> str:
    """``webcal://HOST/PATH/deadlines.ics``: the de facto scheme that makes browsers hand a
    calendar to the calendar app as a subscription rather than a one-off import."""
    url = config.absolute(PATH)
    rest = url[len(urlsplit(url).scheme) + 3:]
    return "webcal://" + quote(rest, safe="/:@-._~!$&'*+,;=%")


def subscribe_links(config: SiteConfig) -> Markup:
    """The deadlines page's Markdown line: subscribe (``webcal:``) and download links."""
    return Markup(f"[{words('calendar.subscribe')}]({webcal_url(config)}) · "
                  f"[{words('calendar.download')}](/{PATH})")
