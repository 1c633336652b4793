"""The whole pipeline on the fixture site: MkDocs output, feeds parsed back, autodiscovery."""

from __future__ import annotations

from pathlib import Path

import feedparser

SITE = "https://watch.example.org/fixture/"


def test_every_pledge_and_actor_has_a_page(built_site: Path) -> None:
    for path in ("index.html", "pledges/index.html", "pledges/fix-the-bridge/index.html",
                 "pledges/reopen-library/index.html", "actors/ada-mayor/index.html",
                 "deadlines/index.html", "updates/index.html", "quotes/index.html",
                 "sources/index.html", "about/index.html", "404.html"):
        assert (built_site / path).is_file(), path


def test_pages_state_as_of_and_link_both_feeds(built_site: Path) -> None:
    html = (built_site / "pledges/fix-the-bridge/index.html").read_text()
    # The verdict block states the as-of date, once: the theme's line is left out.
    assert '<p class="pw-asof">' not in html
    # Beside the verdict, the timeline's description (start to as-of, the last band's end)
    # and the citation.
    assert html.count("2 April 2024") == 4
    assert "<li><strong>As of:</strong> 2 April 2024</li>" in html
    assert ('<link rel="alternate" type="application/rss+xml" title="Fixture Watch: pledge '
            'updates (RSS)" href="../../feed.xml">') in html
    assert ('<link rel="alternate" type="application/atom+xml" title="Fixture Watch: pledge '
            'updates (Atom)" href="../../atom.xml">') in html
    assert ('<span class="pw-deadline pw-deadline--overdue">by 31 March 2024&#58; overdue by '
            "two days</span>") in html


def test_no_google_fonts_or_cdn(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page


EXPECTED_ITEMS = [
    ("tag:watch.example.org,2024-03-31:deadlines/bridge-end-of-march/fix-the-bridge",
     "Deadline reached: Bridge open to traffic (Fix the old bridge by the end of March)",
     SITE + "pledges/fix-the-bridge/#deadlines"),
    ("tag:watch.example.org,2024-03-01:pledges/reopen-library/update-2024-03-01",
     "Broken: Reopen the central library", SITE + "pledges/reopen-library/#update-2024-03-01"),
    ("tag:watch.example.org,2024-03-01:pledges/fix-the-bridge/update-2024-03-01",
     "In progress: Fix the old bridge by the end of March",
     SITE + "pledges/fix-the-bridge/#update-2024-03-01"),
    ("tag:watch.example.org,2024-01-10:pledges/reopen-library/update-2024-01-10",
     "Pledge recorded: Reopen the central library",
     SITE + "pledges/reopen-library/#update-2024-01-10"),
    ("tag:watch.example.org,2024-01-10:pledges/fix-the-bridge/update-2024-01-10",
     "Pledge recorded: Fix the old bridge by the end of March",
     SITE + "pledges/fix-the-bridge/#update-2024-01-10"),
]


def test_rss_and_atom_list_events_newest_first(built_site: Path) -> None:
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((built_site / name).read_bytes())
        assert not feed.bozo, (name, feed.get("bozo_exception"))
        got = [(e.id, e.title, e.link) for e in feed.entries]
        assert got == EXPECTED_ITEMS, name
        assert feed.entries[0].published == (
            "Sun, 31 Mar 2024 00:00:00 -0400" if name == "feed.xml"
            else "2024-03-31T00:00:00-04:00")


def test_rss_guids_are_not_permalinks(built_site: Path) -> None:
    rss = (built_site / "feed.xml").read_text()
    assert rss.count('<guid isPermaLink="false">tag:watch.example.org,') == 5
    assert "<lastBuildDate>Sun, 31 Mar 2024 00:00:00 -0400</lastBuildDate>" in rss
