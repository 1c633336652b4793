"""Stage 6, feeds: RSS 2.0 and Atom (RFC 4287) made with feedgen from the model's events.

Items are events (a pledge recorded, a status update, a deadline reached), newest first. The
guid is a ``tag:`` URI (RFC 4151) built from the site's domain and the event's stable key, so a
changed title never makes a reader show an item twice (RSS 2.0 ``guid isPermaLink="false"``;
Atom ``id``). Feed-level dates come from the newest event, never the clock, so the same content
gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from feedgen.feed import FeedGenerator

from .model import Event, Model
from .schema import STATUS_LABELS


def event_time(model: Model, date: dt.date) -> dt.datetime:
    """Midnight at the start of ``date`` in the site's time zone (timezone-aware)."""
    return dt.datetime.combine(date, dt.time(0, 0), tzinfo=model.config.zone)


def guid(model: Model, event: Event) -> str:
    """``tag:DOMAIN,DATE:KEY`` (RFC 4151): stable for the same event whatever titles become."""
    return f"tag:{model.config.domain},{event.date.isoformat()}:{event.key}"


def event_link(model: Model, event: Event) -> str:
    """Absolute permalink of the event: the pledge page, at the update or deadline."""
    if event.kind == "deadline":
        return model.config.absolute(f"deadlines/#{event.deadline}")
    return model.config.absolute(f"pledges/{event.pledge}/#{event.key.rsplit('/', 1)[1]}")


def event_html(model: Model, event: Event) -> str:
    """The item description: HTML built from escaped record text, never raw record content."""
    e = html.escape
    status = STATUS_LABELS[event.status]
    if event.previous_status and event.previous_status != event.status:
        status = f"{STATUS_LABELS[event.previous_status]} \u2192 {status}"
    cited = []
    for source_id in event.sources:
        s = model.sources[source_id]
        label = f"{e(s.title)} ({e(s.publisher)}, {s.published.isoformat()})"
        cited.append(f'<a href="{e(s.url)}">{label}</a>' if s.url else label)
    return (f"<p>Status: {e(status)}</p><p>{e(event.summary)}</p>"
            f"<p>Sources: {'; '.join(cited)}</p>")


def make_feed(model: Model, events: list[Event], title: str, page: str, self_path: str,
              ) -> FeedGenerator:
    """A feed of ``events`` (already newest first). ``page`` and ``self_path`` are
    site-relative paths of the HTML page the feed belongs to and of the feed itself."""
    cfg = model.config
    fg = FeedGenerator()
    fg.id(cfg.absolute(self_path))
    fg.title(title)
    fg.author({"name": cfg.site_name})
    fg.link(href=cfg.absolute(self_path), rel="self")
    fg.link(href=cfg.absolute(page), rel="alternate")  # feedgen uses the last link for RSS
    fg.description(cfg.description or title)
    fg.language(cfg.language)
    newest = event_time(model, events[0].date if events else model.as_of)
    fg.lastBuildDate(newest)
    fg.updated(newest)
    for event in events:
        _add_entry(fg, model, event)
    return fg


def _add_entry(fg: FeedGenerator, model: Model, event: Event) -> None:
    pledge = model.pledges[event.pledge]
    entry = fg.add_entry(order="append")  # events are sorted already
    entry.id(guid(model, event))
    entry.guid(guid(model, event), permalink=False)
    entry.title(event.title)
    entry.link(href=event_link(model, event))
    entry.description(event_html(model, event))
    entry.content(event_html(model, event), type="html")
    when = event_time(model, event.date)
    entry.published(when)
    entry.updated(when)
    entry.category(term=event.status, label=STATUS_LABELS[event.status])
    for topic in pledge.topics:
        entry.category(term=topic)


def write_feeds(model: Model, out_dir: Path) -> list[str]:
    """Write the site-wide ``feed.xml`` (RSS 2.0) and ``atom.xml``; returns their paths."""
    events = list(model.events[: model.config.feed_size])
    title = f"{model.config.site_name}: pledge updates"
    make_feed(model, events, title, "", "feed.xml").rss_file(str(out_dir / "feed.xml"),
                                                             pretty=True)
    make_feed(model, events, title, "", "atom.xml").atom_file(str(out_dir / "atom.xml"),
                                                              pretty=True)
    return ["feed.xml", "atom.xml"]
