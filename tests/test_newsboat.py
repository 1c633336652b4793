"""A real feed reader: Debian's newsboat, headless, reads the fixture site's feeds served on
127.0.0.1. Its SQLite cache must hold exactly the items built, and after a pledge's title
changes and the site is rebuilt, the same items with the new title and no duplicate."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pledgewatch.build import build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF
from tests.newsboat import NEWSBOAT, Newsboat, by_feed, serve
from tests.requirements_check import require
from tests.test_feeds import BRIDGE, EVENTS, FEEDS

require(NEWSBOAT is not None, "newsboat, the real feed reader of these tests",
        "apt-get install newsboat")
pytestmark = pytest.mark.browser

RECORD_FEEDS = sorted(path for path in FEEDS if path != "atom.xml")


def expected(path: str, rename: bool = False) -> list[tuple[str, str, int]]:
    scope, keys, _, _ = FEEDS["atom.xml" if path == "feed.xml" else path]
    suffix = f";feed={scope}" if scope else ""
    rows = []
    for key in keys:
        guid, title, _, published = EVENTS[key]
        title = title.replace(BRIDGE, "Repair the old bridge") if rename else title
        rows.append((guid + suffix, title, int(dt.datetime.fromisoformat(published).timestamp())))
    # newsboat orders by pubDate; the test's query breaks ties by guid
    return sorted(rows, key=lambda r: (-r[2], r[0]))


def test_newsboat_stores_each_item_once_and_follows_a_title_change(site_copy: Path,
                                                                   tmp_path: Path) -> None:
    out = site_copy / "site"
    build(BuildContext(load_config(site_copy / "site_config.yml"), AS_OF), out)
    with serve(out) as base:
        # One reader subscribed to the RSS feed and every per-record feed; the Atom twin of
        # the site-wide feed (same items, same guids) in a reader of its own, as a subscriber
        # picks one format.
        rss = Newsboat(tmp_path / "rss", [base + p for p in ["feed.xml", *RECORD_FEEDS]])
        atom = Newsboat(tmp_path / "atom", [base + "atom.xml"])
        for reader in (rss, atom):
            reader.reload()
        first = {**by_feed(rss, base), **by_feed(atom, base)}
        want = {p: expected(p) for p in ["feed.xml", "atom.xml", *RECORD_FEEDS] if expected(p)}
        assert first == want
        assert len(rss.items()) == 5 + 3 + 2 + 5 + 5
        assert rss.feed_titles()[base + "pledges/fix-the-bridge/atom.xml"] == (
            f"Fixture Watch: {BRIDGE}")

        pledge = site_copy / "content/pledges/fix-the-bridge.yml"
        pledge.write_text(pledge.read_text().replace(f"title: {BRIDGE}",
                                                     "title: Repair the old bridge"))
        build(BuildContext(load_config(site_copy / "site_config.yml"), AS_OF), out)
        for reader in (rss, atom):
            reader.reload()
        second = {**by_feed(rss, base), **by_feed(atom, base)}
        assert second == {p: expected(p, rename=True) for p in want}
        assert len(rss.items()) == 20
        assert not any(BRIDGE in title for _, _, title, _ in rss.items() + atom.items())
        assert rss.feed_titles()[base + "pledges/fix-the-bridge/atom.xml"] == (
            "Fixture Watch: Repair the old bridge")
