"""Checks of the machine-readable output that hold for any content: feeds, calendar, exports.

Each check reads the written files with a real client (feedparser, icalendar, csv, jsonschema)
and compares what the client sees with what the model says, computed here independently of the
writers (guids are rebuilt from their RFC 4151 recipe, feed membership from the records). The
fixture tests add exact expected values on top; ``test_real_content`` runs these on content/.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import icalendar
import jsonschema

from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.outputs.feeds import EVENT_LABELS
from pledgewatch.records.model import Event, Model

MACHINE_READABLE = ("*.xml", "*.xml.gz", "*.json", "*.csv", "*.ics")
HREF = re.compile(r'href="([^"]*)"')


def expected_feeds(model: Model) -> dict[str, tuple[str, list[Event]]]:
    """``{feed path: (guid scope, events newest first)}`` for every feed the site must have:
    the model's events, and each record's corrections (issue 13) in the site's feeds, in the
    feed of the corrected pledge or actor, and in the feeds of a corrected pledge's actors."""
    from pledgewatch.outputs.feeds import correction_events, merged

    site = list(merged(model.events, correction_events(model))[: model.config.feed_size])
    feeds = {"feed.xml": ("", site), "atom.xml": ("", site)}
    for pledge_id in model.pledges:
        feeds[f"pledges/{pledge_id}/atom.xml"] = (
            f"pledges/{pledge_id}",
            list(merged([e for e in model.events if e.pledge == pledge_id],
                        correction_events(model, {f"pledges/{pledge_id}"}))))
    for actor_id in model.actors:
        theirs = {p.id for p in model.pledges.values()
                  if p.made_by == actor_id or actor_id in p.made_to}
        if not theirs:  # an actor who made or received no pledge has no feed
            continue
        scopes = {f"actors/{actor_id}", *(f"pledges/{p}" for p in theirs)}
        feeds[f"actors/{actor_id}/atom.xml"] = (
            f"actors/{actor_id}",
            list(merged([e for e in model.events if e.pledge in theirs],
                        correction_events(model, scopes))))
    return feeds


def expected_guid(model: Model, event: Event, scope: str) -> str:
    """RFC 4151 ``tag:`` URI: domain, event date, event key; ``;feed=SCOPE`` per record."""
    tag = f"tag:{model.config.domain},{event.date.isoformat()}:{event.key}"
    return tag + (f";feed={scope}" if scope else "")


def midnight(model: Model, date: dt.date) -> dt.datetime:
    return dt.datetime.combine(date, dt.time(), tzinfo=model.config.zone)


def parse_date(text: str) -> dt.datetime:
    """An RSS (RFC 822) or Atom (RFC 3339) date, as written, timezone-aware."""
    if text[:1].isdigit():
        return dt.datetime.fromisoformat(text)
    return email.utils.parsedate_to_datetime(text)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)


def html_tags(fragment: str) -> set[str]:
    """The element names used in an HTML fragment."""
    parser = _Tags()
    parser.feed(fragment)
    return parser.tags


def check_feed(model: Model, docs: Path, path: str, scope: str, events: list[Event]) -> None:
    """One feed file as feedparser reads it: valid, the expected items in order, with stable
    guids, tz-aware dates in the site's zone, absolute links, only our own markup."""
    raw = (docs / path).read_bytes()
    feed = feedparser.parse(raw)
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    assert feed.version == ("rss20" if path == "feed.xml" else "atom10"), path
    assert [e.id for e in feed.entries] == [expected_guid(model, e, scope) for e in events], path
    site = model.config.site_url
    newest = events[0].date if events else (model.events[0].date if model.events else None)
    updated_text = feed.feed.get("updated")
    if newest is not None:
        assert parse_date(updated_text) == midnight(model, newest), path
    for entry, event in zip(feed.entries, events, strict=True):
        when = parse_date(entry.published)
        assert when == midnight(model, event.date), (path, entry.id)
        assert when.utcoffset() == midnight(model, event.date).utcoffset(), (path, entry.id)
        assert entry.link.startswith(site), (path, entry.link)
        terms = [t.term for t in entry.tags]
        topics = list(model.pledges[event.pledge].topics) if event.pledge else []
        status = [event.status] if event.status else []  # a correction of a source has none
        # RSS has no term/label pair: feedgen writes the label where there is one.
        assert terms == ([*(STATUS_LABELS[s] for s in status), *topics, EVENT_LABELS[event.kind]]
                         if path == "feed.xml" else [*status, *topics, event.kind])
        body = entry.content[0].value if "content" in entry else entry.summary
        assert html_tags(body) <= {"p", "a", "blockquote"}, (path, entry.id)
        for href in HREF.findall(body):
            assert href.startswith(("https://", "http://")), (path, href)
    dates = [parse_date(e.published) for e in feed.entries]
    assert dates == sorted(dates, reverse=True), path
    assert len({e.id for e in feed.entries}) == len(feed.entries), path


def check_all_feeds(model: Model, docs: Path) -> dict[str, int]:
    """Every feed the site must have, and no other ``atom.xml``; returns item counts."""
    feeds = expected_feeds(model)
    written = {p.relative_to(docs).as_posix() for p in docs.rglob("atom.xml")} | {"feed.xml"}
    assert written == set(feeds)
    for path, (scope, events) in feeds.items():
        check_feed(model, docs, path, scope, events)
    return {path: len(events) for path, (_, events) in feeds.items()}


def check_calendar(model: Model, docs: Path) -> list[icalendar.Event]:
    """``deadlines.ics`` as icalendar reads it: one all-day event per deadline, with the
    stated words, every pledge's status and link; RFC 5545 line rules on the raw bytes."""
    raw = (docs / "deadlines.ics").read_bytes()
    lines = raw.split(b"\r\n")
    assert lines[-1] == b"" and all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    cal = icalendar.Calendar.from_ical(raw)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"]).startswith("-//Pledgewatch//")
    events = cal.walk("VEVENT")
    deadlines = sorted(model.deadlines.values(), key=lambda d: (d.due, d.id))
    assert [str(e["UID"]) for e in events] == [f"{d.id}@{model.config.domain}"
                                               for d in deadlines]
    for event, d in zip(events, deadlines, strict=True):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and start == d.due, d.id
        assert type(end) is dt.date and end == d.due + dt.timedelta(days=1), d.id
        assert event.decoded("DTSTAMP").tzinfo is not None, d.id
        assert d.title in str(event["SUMMARY"]), d.id
        text = str(event["DESCRIPTION"])
        assert f"\u201c{d.as_stated}\u201d" in text, d.id
        for pledge_id in d.pledges:
            pledge = model.pledges[pledge_id]
            assert (f"Pledge: {pledge.title}\nStatus: {STATUS_LABELS[pledge.status]}\n"
                    f"{model.config.site_url}pledges/{pledge_id}/") in text, d.id
        assert str(event["URL"]) == f"{model.config.site_url}deadlines/#{d.id}"
    return events


def check_exports(model: Model, docs: Path) -> tuple[dict, list[list[str]]]:
    """``records.json`` valid against ``schemas/records.json`` (formats checked) with every
    record; ``pledges.csv`` RFC 4180 with one row per pledge. Returns both, parsed."""
    doc = json.loads((docs / "data/records.json").read_text(encoding="utf-8"))
    schema = json.loads((docs / "schemas/records.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()
                                    ).validate(doc)
    assert doc["as_of"] == model.as_of.isoformat() and doc["schema_version"] == 1
    for kind in ("actors", "sources", "pledges", "deadlines", "quotes"):
        assert [r["id"] for r in doc[kind]] == list(getattr(model, kind)), kind
    for record in doc["pledges"]:
        assert record["status"] == model.pledges[record["id"]].status
    for record in doc["deadlines"]:
        d = model.deadlines[record["id"]]
        assert record["state"] == {"code": d.state.code, "label": d.state.label}
        assert [(s["pledge"]["id"], s["code"]) for s in record["states"]] == [
            (p, st.code) for p, st in d.states]
    for record in doc["sources"]:
        assert [(c["kind"], c["id"]) for c in record["cited_by"]] == list(
            model.cited_by.get(record["id"], ()))
    raw = (docs / "data/pledges.csv").read_bytes()
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n")
    with open(docs / "data/pledges.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    assert rows[0] == ["id", "title", "status", "made_by", "made_by_name", "made_on",
                       "deadline", "deadline_id", "deadline_state", "permalink",
                       "reviewed_on"]
    assert [r[0] for r in rows[1:]] == list(model.pledges)
    for row in rows[1:]:
        pledge = model.pledges[row[0]]
        assert row[1:4] == [pledge.title, pledge.status, pledge.made_by]
        assert row[9] == f"{model.config.site_url}pledges/{pledge.id}/"
    return doc, rows


def machine_readable_files(root: Path) -> dict[str, bytes]:
    """Every machine-readable file below ``root``: path -> bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for pattern in MACHINE_READABLE for p in sorted(root.rglob(pattern))}


def generate_site(root: Path, as_of: dt.date, docs: Path) -> Model:
    """Validate the site at ``root`` and write its MkDocs input (pages, feeds, calendar, open
    data) into ``docs``, without running MkDocs; returns the model."""
    from pledgewatch.build import check, generate
    from pledgewatch.core.config import load_config
    from pledgewatch.core.problems import is_error
    from pledgewatch.records.model import build_model

    config = load_config(root / "site_config.yml")
    records, problems = check(config)
    assert not [p for p in problems if is_error(p)], problems
    model = build_model(records, config, as_of)
    generate(model, docs)
    return model
