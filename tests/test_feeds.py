"""Feeds of the fixture site read back with feedparser: items, order, dates, guids, escaping,
the feed_size limit, per-pledge and per-actor feeds, and autodiscovery in the built pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest

from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import check_all_feeds, generate_site

SITE = "https://watch.example.org/fixture/"
TAG = "tag:watch.example.org,"
BRIDGE = "Fix the old bridge by the end of March"
# The fixture's five events, newest first: (guid without scope, title, link, published).
EVENTS = {
    "deadline": (TAG + "2024-03-31:deadlines/bridge-end-of-march/fix-the-bridge",
                 f"Deadline reached: Bridge open to traffic ({BRIDGE})",
                 SITE + "pledges/fix-the-bridge/#deadlines", "2024-03-31T00:00:00-04:00"),
    "library-broken": (TAG + "2024-03-01:pledges/reopen-library/update-2024-03-01",
                       "Broken: Reopen the central library",
                       SITE + "pledges/reopen-library/#update-2024-03-01",
                       "2024-03-01T00:00:00-05:00"),
    "bridge-progress": (TAG + "2024-03-01:pledges/fix-the-bridge/update-2024-03-01",
                        f"In progress: {BRIDGE}",
                        SITE + "pledges/fix-the-bridge/#update-2024-03-01",
                        "2024-03-01T00:00:00-05:00"),
    "library-recorded": (TAG + "2024-01-10:pledges/reopen-library/update-2024-01-10",
                         "Pledge recorded: Reopen the central library",
                         SITE + "pledges/reopen-library/#update-2024-01-10",
                         "2024-01-10T00:00:00-05:00"),
    "bridge-recorded": (TAG + "2024-01-10:pledges/fix-the-bridge/update-2024-01-10",
                        f"Pledge recorded: {BRIDGE}",
                        SITE + "pledges/fix-the-bridge/#update-2024-01-10",
                        "2024-01-10T00:00:00-05:00"),
}
ALL = list(EVENTS)
# Feed path -> (guid scope, events in order, feed title, updated).
FEEDS = {
    "atom.xml": ("", ALL, "Fixture Watch: pledge updates (Atom)", "2024-03-31T00:00:00-04:00"),
    "pledges/fix-the-bridge/atom.xml": (
        "pledges/fix-the-bridge", ["deadline", "bridge-progress", "bridge-recorded"],
        f"Fixture Watch: {BRIDGE}", "2024-03-31T00:00:00-04:00"),
    "pledges/reopen-library/atom.xml": (
        "pledges/reopen-library", ["library-broken", "library-recorded"],
        "Fixture Watch: Reopen the central library", "2024-03-01T00:00:00-05:00"),
    "actors/ada-mayor/atom.xml": (
        "actors/ada-mayor", ALL,
        "Fixture Watch: pledges made by or to Ada Müller-Šimić", "2024-03-31T00:00:00-04:00"),
    "actors/residents-union/atom.xml": (
        "actors/residents-union", ALL,
        "Fixture Watch: pledges made by or to Residents' Union", "2024-03-31T00:00:00-04:00"),
}


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    generate_site(FIXTURE, AS_OF, out)
    return out


def parse(path: Path):
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def test_an_actor_without_pledges_has_no_feed_to_offer(docs: Path) -> None:
    # Example City Council neither made nor received a pledge: its feed could never have an
    # entry, so there is none, and its page neither links to one nor announces one.
    assert not (docs / "actors/example-city/atom.xml").exists()
    page = (docs / "actors/example-city.md").read_text(encoding="utf-8")
    assert "atom.xml" not in page and "feed" not in page.split("---")[1]
    assert "feed: actors/ada-mayor/atom.xml\n" in (docs / "actors/ada-mayor.md").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_atom_feeds_hold_the_expected_items(docs: Path, path: str) -> None:
    scope, keys, title, updated = FEEDS[path]
    feed = parse(docs / path)
    assert feed.version == "atom10"
    assert feed.feed.title == title
    assert feed.feed.updated == updated
    assert feed.feed.id == SITE + path
    suffix = f";feed={scope}" if scope else ""
    assert [(e.id, e.title, e.link, e.published) for e in feed.entries] == [
        (EVENTS[k][0] + suffix, *EVENTS[k][1:]) for k in keys]


def test_rss_feed_items_dates_and_guids(docs: Path) -> None:
    feed = parse(docs / "feed.xml")
    assert feed.version == "rss20"
    assert feed.feed.link == SITE
    assert [(e.id, e.title, e.link, e.published) for e in feed.entries] == [
        (EVENTS[k][0], EVENTS[k][1], EVENTS[k][2], date) for k, date in zip(ALL, [
            "Sun, 31 Mar 2024 00:00:00 -0400", "Fri, 01 Mar 2024 00:00:00 -0500",
            "Fri, 01 Mar 2024 00:00:00 -0500", "Wed, 10 Jan 2024 00:00:00 -0500",
            "Wed, 10 Jan 2024 00:00:00 -0500"], strict=True)]
    rss = (docs / "feed.xml").read_text(encoding="utf-8")
    assert rss.count('<guid isPermaLink="false">tag:watch.example.org,') == 5
    assert "<lastBuildDate>Sun, 31 Mar 2024 00:00:00 -0400</lastBuildDate>" in rss


def test_categories_carry_status_topics_and_event_kind(docs: Path) -> None:
    atom = parse(docs / "atom.xml").entries[1]
    assert [(t.term, t.scheme, t.label) for t in atom.tags] == [
        ("broken", SITE + "about/#statuses", "Broken"),
        ("culture", None, None), ("transport", None, None),
        ("update", SITE + "data/#feed-items", "Status update")]
    rss = parse(docs / "feed.xml").entries[1]
    assert [(t.term, t.scheme) for t in rss.tags] == [
        ("Broken", SITE + "about/#statuses"), ("culture", None), ("transport", None),
        ("Status update", SITE + "data/#feed-items")]


def test_update_description_has_statuses_summary_and_absolute_source_links(docs: Path) -> None:
    entry = parse(docs / "atom.xml").entries[1]
    assert entry.content[0].value == (
        "<p>Status: Not yet rated \u2192 Broken</p>"
        "<p>The council voted to close the library for good.</p>"
        '<p>Sources: <a href="https://council.example.org/minutes/2024-03-01">Council minutes, '
        "1 March 2024</a> (Example City Council, 1 March 2024); "
        f'<a href="{SITE}sources/#union-letter">Open letter on the library</a> '
        "(Residents&#x27; Union, 15 February 2024)</p>"
        f'<p>Pledge: <a href="{SITE}pledges/reopen-library/">Reopen the central library</a></p>')


def test_recorded_and_deadline_descriptions(docs: Path) -> None:
    entries = parse(docs / "pledges/fix-the-bridge/atom.xml").entries
    gazette = ('<p>Sources: <a href="https://gazette.example.org/2024/01/10/mayor-promises">'
               "Mayor promises to fix the bridge &amp; reopen the library</a> "
               "(The Example Gazette, 10 January 2024)</p>")
    pledge = f'<p>Pledge: <a href="{SITE}pledges/fix-the-bridge/">{BRIDGE}</a></p>'
    assert entries[0].content[0].value == (
        "<p>Status: In progress</p><p>State: overdue</p><p>Deadline: <a href=\""
        + SITE + "deadlines/#bridge-end-of-march\">Bridge open to traffic</a></p>"
        "<p>Stated as \u201cby the end of March\u201d; due 31 March 2024.</p>" + gazette + pledge)
    assert entries[2].content[0].value == (
        "<p>Made by Ada Müller-Šimić to Residents&#x27; Union on 9 January 2024.</p>"
        "<p>The old bridge will be repaired and open to traffic "
        "&quot;by the end of March&quot;.</p><p>Status: Not yet rated</p>"
        "<p>Pledge made at a public meeting.</p>" + gazette + pledge)


def test_every_feed_passes_the_generic_checks(tmp_path: Path) -> None:
    counts = check_all_feeds(generate_site(FIXTURE, AS_OF, tmp_path), tmp_path)
    assert counts == {"feed.xml": 5, "atom.xml": 5, "pledges/fix-the-bridge/atom.xml": 3,
                      "pledges/reopen-library/atom.xml": 2, "actors/ada-mayor/atom.xml": 5,
                      "actors/residents-union/atom.xml": 5}


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "src"
    shutil.copytree(FIXTURE, root)
    return root


def test_feed_size_limits_only_the_site_wide_feeds(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    config = root / "site_config.yml"
    config.write_text(config.read_text().replace("feed_size: 50", "feed_size: 2"))
    docs = tmp_path / "docs"
    generate_site(root, AS_OF, docs)
    for name in ("feed.xml", "atom.xml"):
        assert [e.id for e in parse(docs / name).entries] == [
            EVENTS["deadline"][0], EVENTS["library-broken"][0]]
    assert len(parse(docs / "actors/ada-mayor/atom.xml").entries) == 5


def test_record_text_is_escaped_in_descriptions(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    pledge = root / "content/pledges/reopen-library.yml"
    pledge.write_text(pledge.read_text().replace(
        "The council voted to close the library for good.",
        '"<script>alert(1)</script> & <a href=javascript:x>close</a>"'))
    docs = tmp_path / "docs"
    generate_site(root, AS_OF, docs)
    raw = (docs / "atom.xml").read_text(encoding="utf-8")
    assert "&lt;p&gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp; " in raw
    entry = parse(docs / "atom.xml").entries[1]
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;a href=javascript:x&gt;close" \
           "&lt;/a&gt;</p>" in entry.content[0].value


def test_guids_survive_a_title_change(tmp_path: Path) -> None:
    before = tmp_path / "before"
    generate_site(FIXTURE, AS_OF, before)
    root = _copy(tmp_path)
    pledge = root / "content/pledges/fix-the-bridge.yml"
    pledge.write_text(pledge.read_text().replace(f"title: {BRIDGE}",
                                                 "title: Repair the old bridge"))
    after = tmp_path / "after"
    generate_site(root, AS_OF, after)
    for path in ("atom.xml", "feed.xml", "pledges/fix-the-bridge/atom.xml"):
        old, new = parse(before / path).entries, parse(after / path).entries
        assert [e.id for e in new] == [e.id for e in old]
        assert sum(BRIDGE in e.title for e in old) == sum(
            "Repair the old bridge" in e.title for e in new) == 3


def test_feeds_are_announced_and_linked_from_their_pages(built_site: Path) -> None:
    for page, title in (("pledges/fix-the-bridge", f"Fixture Watch: {BRIDGE}"),
                        ("actors/ada-mayor",
                         "Fixture Watch: pledges made by or to Ada Müller-Šimić")):
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        assert (f'<link rel="alternate" type="application/atom+xml" title="{title}" '
                'href="atom.xml">') in html
        assert re.search(r'<a href="atom.xml">Follow [^<]* in a feed reader \(Atom\)</a>', html)
        assert parse(built_site / page / "atom.xml").feed.title == title


def test_a_deadline_items_state_does_not_change_from_day_to_day() -> None:
    """The page says "overdue by about four years"; the feed item says "overdue", so a daily
    rebuild does not rewrite the item (the real content's end-of-week deadline for the
    moderation tools)."""
    import datetime as dt

    from pledgewatch.build import check
    from pledgewatch.core.config import load_config
    from pledgewatch.outputs.feeds import stable_state
    from pledgewatch.records.model import build_model

    config = load_config(Path(__file__).parent.parent / "site_config.yml")
    records, _ = check(config)
    states = set()
    for day in (dt.date(2026, 12, 2), dt.date(2027, 6, 1)):
        model = build_model(records, config, day)
        event = next(e for e in model.events if e.deadline == "moderation-tools-end-of-week")
        states.add((stable_state(model, event),
                    dict(model.deadlines[event.deadline].states)[event.pledge].label))
    assert states == {("overdue", "overdue by about four years"),
                      ("overdue", "overdue by about five years")}
