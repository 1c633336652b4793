"""Outputs, feeds: RSS 2.0 and Atom (RFC 4287) made with feedgen from the model's events.

Feeds written into the docs folder (MkDocs copies them into the site as they are):

- ``feed.xml`` (RSS 2.0) and ``atom.xml`` (Atom): the whole site, newest ``feed_size`` events;
- ``pledges/<id>/atom.xml``: every event of one pledge;
- ``actors/<id>/atom.xml``: every event of the pledges an actor made or received.

Items are events (a pledge recorded, a status update, a deadline reached as of the build date,
a correction of any record), newest first. The guid is a ``tag:`` URI (RFC 4151) built from the
site's domain, the event's first published date and the event's stable key, so neither a
changed title nor a corrected date makes a reader show an item twice (RSS 2.0
``guid isPermaLink="false"``; Atom ``id``). A corrected update date or due date keeps the first
one in ``original_date`` / ``original_due``, and the guid (and the update's page anchor) is made
of that: the guids of items published before the correction stay exactly as they were. A
correction's key is ``KIND/ID/correction-N``, N its place in the record's list, which is only
ever appended to. The site-wide RSS and Atom feeds are one feed in two
formats and share guids. A per-record feed qualifies the guid with its scope (``;feed=pledges/x``)
because real readers key items by guid alone: newsboat keeps one row per guid across all its
feeds, so an item shared by two subscribed feeds would hop between them on every reload.
Feed-level dates come from the newest event, never the clock, so the same content gives the
same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass, replace
from pathlib import Path

from feedgen.feed import FeedGenerator
from markupsafe import Markup

from pledgewatch.core import routes
from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.core.wording import N_, Translated, date_words, words
from pledgewatch.records.model import Event, Model
from pledgewatch.records.trust import record_title

EVENT_LABELS = Translated({"recorded": N_("Pledge recorded"), "update": N_("Status update"),
                           "deadline": N_("Deadline reached"),
                           "correction": N_("Correction")})
"""Reader-facing name of each event kind (the feed items' third category)."""


@dataclass(frozen=True)
class FeedSpec:
    """One feed: site-relative paths of the feed file and of its HTML page, its title, the
    guid scope (``""`` site-wide, else ``pledges/<id>`` or ``actors/<id>``) and its events,
    newest first."""

    path: str
    page: str
    title: str
    subtitle: str
    scope: str
    events: tuple[Event, ...]


def event_time(model: Model, date: dt.date) -> dt.datetime:
    """Midnight at the start of ``date`` in the site's time zone (timezone-aware)."""
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=model.config.zone)


def guid(model: Model, event: Event, scope: str = "") -> str:
    """``tag:DOMAIN,DATE:KEY`` (RFC 4151), plus ``;feed=SCOPE`` in a per-record feed.

    Stable for the same event whatever titles become: KEY is made of ids and the update's
    anchor (see :class:`model.Event`), never of titles. Stable when a date is corrected: DATE
    is the first published date (``Event.key_date``: ``original_date``/``original_due``).
    """
    first = event.key_date or event.date  # the first published date, if it was corrected
    tag = f"tag:{model.config.domain},{first.isoformat()}:{event.key}"
    return f"{tag};feed={scope}" if scope else tag


def event_link(model: Model, event: Event) -> str:
    """Absolute permalink of the event: the pledge page, at the update, or at its deadlines
    section for a deadline reached (the deadline's own entry is linked from the item text)."""
    if event.kind == "correction":
        kind, record_id, anchor = event.key.split("/")
        link = model.config.permalink(kind, record_id)
        return link + f"#{anchor}" if kind in ("pledges", "actors") else link
    if event.kind == "deadline":
        return model.config.permalink("pledges", event.pledge) + "#deadlines"
    return model.config.permalink("pledges", event.pledge) + f"#{event.key.rsplit('/', 1)[1]}"


def event_title(model: Model, event: Event) -> str:
    """The item title. A deadline item names the deadline and the pledge, not the state, so
    the title does not change every day a deadline stays overdue."""
    if event.kind != "deadline":
        return event.title
    deadline = model.deadlines[event.deadline]
    key = "feed.date-reached" if deadline.kind == "event" else "feed.deadline-reached"
    return words(key, deadline=deadline.title, pledge=model.pledges[event.pledge].title)


def stable_state(model: Model, event: Event) -> str:
    """The deadline's state for the event's pledge, without a day count ("overdue", not
    "overdue by 3 days"), so a daily rebuild does not rewrite the item."""
    state = dict(model.deadlines[event.deadline].states)[event.pledge]
    return words(f"state.{state.code}") if state.code in ("overdue", "upcoming", "passed") \
        else state.label


def event_html(model: Model, event: Event) -> str:
    """The item description: HTML built from escaped record text, never raw record content.

    Every link is absolute (built from ``site_url``); a source without an address links to its
    bibliography entry.
    """
    e, cfg = html.escape, model.config
    if event.kind == "correction":
        return correction_html(model, event)
    pledge = model.pledges[event.pledge]
    parts = []
    if event.kind == "recorded":
        made_to = ", ".join(model.actors[a].name for a in pledge.made_to)
        made = words("feed.made-to" if made_to else "feed.made", audience=made_to,
                     maker=model.actors[pledge.made_by].name,
                     date=date_words(pledge.made_on, cfg.language))
        parts.append(f"<p>{e(made)}</p><p>{e(pledge.statement)}</p>")
    status = STATUS_LABELS[event.status]
    if event.previous_status and event.previous_status != event.status:
        status = f"{STATUS_LABELS[event.previous_status]} \u2192 {status}"
    parts.append(f"<p>{e(words('feed.status', status=status))}</p>")
    if event.kind == "deadline":
        deadline = model.deadlines[event.deadline]
        link = (f'<a href="{e(cfg.permalink("deadlines", deadline.id))}">'
                f"{e(deadline.title)}</a>")
        parts.append(f"<p>{e(words('feed.state', state=stable_state(model, event)))}</p>"
                     f"<p>{_words_around('feed.deadline', 'deadline', link)}</p>")
    parts.append(f"<p>{e(event.summary)}</p>")
    cited = cited_html(model, event.sources)
    parts.append(f"<p>{_words_around('feed.sources', 'sources', cited)}</p>")
    link = f'<a href="{e(cfg.permalink("pledges", pledge.id))}">{e(pledge.title)}</a>'
    parts.append(f"<p>{_words_around('feed.pledge', 'pledge', link)}</p>")
    return "".join(parts)


def _words_around(key: str, name: str, html_value: str) -> str:
    """The message ``key`` escaped, with its placeholder ``name`` replaced by ``html_value``
    (HTML our code built from escaped parts)."""
    marker = "\x00"
    return html.escape(words(key, **{name: marker})).replace(marker, html_value)


def cited_html(model: Model, source_ids) -> str:
    """Escaped citations joined by ``; ``: each title linked to its address, or to its
    bibliography entry when it has none, with publisher and date."""
    e, cfg, cited = html.escape, model.config, []
    for source_id in source_ids:
        s = model.sources[source_id]
        href = s.url or cfg.permalink("sources", source_id)
        cited.append(f'<a href="{e(href)}">{e(s.title)}</a> '
                     f"({e(s.publisher)}, {e(date_words(s.published, cfg.language))})")
    return "; ".join(cited)


def correction_html(model: Model, event: Event) -> str:
    """A correction item's description: its date, its summary, its sources and the corrected
    record, from escaped text."""
    e = html.escape
    kind, record_id, _ = event.key.split("/")
    when = date_words(event.date, model.config.language)
    parts = [f"<p>{e(words('correction.of', date=when))}</p><p>{e(event.summary)}</p>"]
    if event.sources:
        cited = cited_html(model, event.sources)
        parts.append(f"<p>{_words_around('feed.sources', 'sources', cited)}</p>")
    link = (f'<a href="{e(event_link(model, event))}">'
            f"{e(record_title(model, kind, record_id))}</a>")
    parts.append(f"<p>{_words_around(f'corrected.{kind}', 'title', link)}</p>")
    return "".join(parts)


_ORDER = {"deadline": 0, "recorded": 1, "update": 2, "correction": 3}


def correction_events(model: Model, records: set[str] | None = None) -> list[Event]:
    """The corrections of ``records`` (``KIND/ID`` strings; all when ``None``) as feed
    events: title "Correction: TITLE", the record's current status for a pledge."""
    out = []
    for entry in model.corrections:
        scope = f"{entry.kind}/{entry.record_id}"
        if records is not None and scope not in records:
            continue
        c, pledge = entry.correction, entry.record_id if entry.kind == "pledges" else ""
        out.append(Event(kind="correction", date=c.date, key=entry.key, pledge=pledge,
                         title=words("correction.title", title=entry.title), summary=c.summary,
                         status=model.pledges[pledge].status if pledge else "",
                         previous_status="", sources=c.sources, record=scope))
    return out


def merged(events, corrections: list[Event]) -> tuple[Event, ...]:
    """Events and correction events in one list, newest first (ties: the model's order)."""
    return tuple(sorted([*events, *corrections], key=lambda ev: (
        ev.date, _ORDER[ev.kind], ev.key), reverse=True))


def all_events(model: Model) -> tuple[Event, ...]:
    """Every event of the site, corrections included, newest first."""
    if not model.corrections:
        return model.events
    return merged(model.events, correction_events(model))


def feed_updated(model: Model, events: tuple[Event, ...]) -> dt.datetime:
    """The feed's ``updated``/``lastBuildDate``: its newest event; for a feed without events
    the site's newest event; for a site without events the as-of date."""
    newest = events or all_events(model)
    return event_time(model, newest[0].date if newest else model.as_of)


def site_feed(model: Model) -> FeedSpec:
    """The site-wide feed: the newest ``feed_size`` events (``feed.xml`` and ``atom.xml``)."""
    name = model.config.site_name
    title = words("feed.site", site=name)
    return FeedSpec(routes.SITE_FEEDS["rss"], "", title, model.config.description or title, "",
                    all_events(model)[: model.config.feed_size])


def has_feed(model: Model, kind: str, record_id: str) -> bool:
    """Whether the record has its own feed: every pledge does; an actor does when it made or
    received a pledge (a feed that can never have an entry is not offered)."""
    if kind == "pledges":
        return True
    return bool(model.pledges_made_by(record_id) or model.pledges_made_to(record_id))


def feed_path(kind: str, record_id: str) -> str:
    """Site-relative path of a pledge's or an actor's feed (``kind``: ``pledges``/``actors``)."""
    return routes.feed(kind, record_id)


def feed_title(model: Model, kind: str, record_id: str) -> str:
    """Title of a pledge's or an actor's feed, also used by its autodiscovery link."""
    if kind == "pledges":
        return f"{model.config.site_name}: {model.pledges[record_id].title}"
    return words("feed.actor", site=model.config.site_name, name=model.actors[record_id].name)


def reviewed_note(pledge, language: str | None = None) -> str:
    """`` Last reviewed 2 March 2023.`` (in ``language``, a CLDR id; the active one when
    ``None``) for a pledge's feed subtitle, ``""`` without
    ``reviewed_on``: in the feed's description, not its items, so a review does not make every
    item look changed to feed readers."""
    if not pledge.reviewed_on:
        return ""
    return " " + words("reviewed.note", date=date_words(pledge.reviewed_on, language))


def pledge_feed(model: Model, pledge_id: str) -> FeedSpec:
    """Every event of one pledge, at ``pledges/<id>/atom.xml``."""
    title = model.pledges[pledge_id].title
    return FeedSpec(feed_path("pledges", pledge_id), routes.url("pledges", pledge_id),
                    feed_title(model, "pledges", pledge_id),
                    words("feed.pledge-subtitle", title=title)
                    + reviewed_note(model.pledges[pledge_id], model.config.language),
                    f"pledges/{pledge_id}",
                    merged(model.events_of(pledge_id),
                           correction_events(model, {f"pledges/{pledge_id}"})))


def actor_feed(model: Model, actor_id: str) -> FeedSpec:
    """Every event of the pledges ``actor_id`` made or received, at ``actors/<id>/atom.xml``."""
    name = model.actors[actor_id].name
    pledges = {p.id for p in model.pledges_made_by(actor_id) + model.pledges_made_to(actor_id)}
    return FeedSpec(feed_path("actors", actor_id), routes.url("actors", actor_id),
                    feed_title(model, "actors", actor_id),
                    words("feed.actor-subtitle", name=name),
                    f"actors/{actor_id}",
                    merged((ev for ev in model.events if ev.pledge in pledges),
                           correction_events(model, {f"actors/{actor_id}",
                                                     *(f"pledges/{p}" for p in pledges)})))


def record_feeds(model: Model) -> list[FeedSpec]:
    """The per-record Atom feeds: one per pledge, then one per actor that has one
    (:func:`has_feed`), in id order."""
    return ([pledge_feed(model, p) for p in model.pledges]
            + [actor_feed(model, a) for a in model.actors if has_feed(model, "actors", a)])


def make_feed(model: Model, spec: FeedSpec, self_path: str | None = None,
              descriptions: dict[Event, str] | None = None) -> FeedGenerator:
    """A feedgen feed of ``spec``; ``self_path`` overrides the self link (the site-wide
    feed is written twice, as RSS and as Atom). ``descriptions`` keeps each event's
    :func:`event_html` across feeds: an event is in the site's, its pledge's and its actors'
    feeds."""
    descriptions = {} if descriptions is None else descriptions
    cfg = model.config
    self_url = cfg.absolute(self_path or spec.path)
    fg = FeedGenerator()
    fg.id(self_url)
    fg.title(spec.title)
    fg.subtitle(spec.subtitle)
    fg.author({"name": cfg.site_name})
    fg.link(href=self_url, rel="self")
    fg.link(href=cfg.absolute(spec.page), rel="alternate")  # feedgen uses the last link for RSS
    fg.language(cfg.language)
    fg.generator("Pledgewatch")
    if cfg.licence:
        fg.rights(cfg.licence)
    newest = feed_updated(model, spec.events)
    fg.lastBuildDate(newest)
    fg.updated(newest)
    for event in spec.events:
        if event not in descriptions:
            descriptions[event] = event_html(model, event)
        _add_entry(fg, model, event, spec.scope, descriptions[event])
    return fg


def _add_entry(fg: FeedGenerator, model: Model, event: Event, scope: str,
               description: str) -> None:
    cfg = model.config
    entry = fg.add_entry(order="append")  # events are sorted already
    tag = guid(model, event, scope)
    entry.id(tag)
    entry.guid(tag, permalink=False)
    entry.title(event_title(model, event))
    entry.link(href=event_link(model, event))
    entry.description(description)
    entry.content(description, type="html")
    when = event_time(model, event.date)
    entry.published(when)
    entry.updated(when)
    if event.status:
        entry.category(term=event.status, label=STATUS_LABELS[event.status],
                       scheme=cfg.absolute("about/#statuses"))
    for topic in model.pledges[event.pledge].topics if event.pledge else ():
        entry.category(term=topic)
    entry.category(term=event.kind, label=EVENT_LABELS[event.kind],
                   scheme=cfg.absolute("data/#feed-items"))


def write_feeds(model: Model, out_dir: Path) -> list[str]:
    """Write every feed below ``out_dir`` (the docs folder); returns their site-relative paths
    in writing order: ``feed.xml``, ``atom.xml``, then the per-pledge and per-actor feeds,
    each with an :data:`EMPTY_SITEMAP` beside it."""
    site, descriptions, name = site_feed(model), {}, model.config.site_name
    rss, atom = routes.SITE_FEEDS["rss"], routes.SITE_FEEDS["atom"]
    # Titled differently, so a reader subscribed to both can tell them apart.
    make_feed(model, replace(site, title=words("feed.title-rss", site=name)), None,
              descriptions).rss_file(str(out_dir / rss), pretty=True)
    make_feed(model, replace(site, title=words("feed.title-atom", site=name)), atom,
              descriptions).atom_file(str(out_dir / atom), pretty=True)
    written = [rss, atom]
    for spec in record_feeds(model):
        target = out_dir / spec.path
        target.parent.mkdir(parents=True, exist_ok=True)
        make_feed(model, spec, None, descriptions).atom_file(str(target), pretty=True)
        (target.parent / "sitemap.xml").write_text(EMPTY_SITEMAP, encoding="utf-8")
        written.append(spec.path)
    return written


EMPTY_SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n')
"""Written beside every per-record feed. Material for MkDocs reads every
``<link rel="alternate">`` as the site in another language and fetches ``sitemap.xml``
relative to it: beside a pledge's or an actor's own feed that address would answer every
visit with the 404 page (15 KB) and a console error. An empty sitemap (sitemaps.org protocol
0.9) answers it in 100 bytes; the site's sitemap stays at the root, where search engines look."""


def front_matter(model: Model, kind: str, record_id: str) -> Markup:
    """The ``feed:`` and ``feed_title:`` front-matter lines of a pledge or actor page, which
    ``templates/overrides/main.html`` turns into an autodiscovery ``<link>``.

    The title is JSON-quoted (a valid YAML 1.2 double-quoted scalar) but not HTML-escaped:
    the theme template escapes it. ``kind`` is ``pledges`` or ``actors``; only for a record
    that has a feed (:func:`has_feed`).
    """
    title = json.dumps(" ".join(feed_title(model, kind, record_id).split()), ensure_ascii=False)
    return Markup(f"feed: {feed_path(kind, record_id)}\nfeed_title: {title}")
