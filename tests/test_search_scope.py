"""What the site search indexes: titles, record leads, pledges' updates, quotes and the about
page, no listings."""

from __future__ import annotations

import json
from pathlib import Path

from pledgewatch.site.search_scope import searchable

RECORD = ('<h1 id="fix">Fix the bridge</h1>\n<p><span class="pw-status">Kept</span></p>\n'
          "<blockquote><p>Statement</p></blockquote>\n<ul>\n<li>Made by: Ada</li>\n</ul>\n"
          '<h2 id="timeline">Timeline</h2>\n<ul><li>not this</li></ul>')


def test_record_page_gives_everything_before_its_first_section() -> None:
    assert searchable("pledges/fix.md", RECORD) == RECORD[:RECORD.index("<h2")]
    assert searchable("actors/ada.md", RECORD) == RECORD[:RECORD.index("<h2")]


def test_pledge_page_adds_its_updates_without_citations() -> None:
    timeline = ('<h2 id="timeline">Timeline</h2>\n<p>the chart</p>\n'
                '<h2 id="evidence">Evidence, update by update</h2>\n'
                '<h3 id="update-2024-03-01">1 March 2024: Kept</h3>'
                "\n<p>Opened.</p>\n<p><strong>Sources:</strong> <a href=\"x\">Minutes</a></p>\n"
                '<h3 id="update-2024-01-10">10 January 2024</h3>\n<p>Made.</p>\n'
                '<h2 id="said">What was said</h2>\n<p>not this</p>')
    lead = RECORD[:RECORD.index("<h2")]
    assert searchable("pledges/fix.md", lead + timeline) == lead + (
        '<h3 id="update-2024-03-01">1 March 2024: Kept</h3>\n<p>Opened.</p>\n\n'
        '<h3 id="update-2024-01-10">10 January 2024</h3>\n<p>Made.</p>\n')
    assert searchable("actors/fix.md", lead + timeline) == lead


def test_a_record_page_lead_ends_at_the_edit_link_rule() -> None:
    page = '<h1 id="a">Ada</h1>\n<p>Mayor</p>\n<hr>\n<p>Edit this record</p>'
    assert searchable("actors/ada.md", page) == '<h1 id="a">Ada</h1>\n<p>Mayor</p>\n'


def test_page_without_facts_gives_its_title() -> None:
    assert searchable("index.md", '<h1 id="w">Watch</h1><p>About us</p><h2>Latest</h2><ul>'
                      "<li>x</li></ul>") == '<h1 id="w">Watch</h1>'


def test_listings_give_nothing_quotes_their_words_and_about_everything() -> None:
    assert searchable("updates.md", RECORD) == ""
    assert searchable("status/kept.md", RECORD) == ""
    assert searchable("topics/transport.md", RECORD) == ""
    assert searchable("about.md", RECORD) == RECORD
    assert searchable("quotes.md", RECORD) == (
        '<h1 id="fix">Fix the bridge</h1><blockquote><p>Statement</p></blockquote>'
        '<h2 id="timeline">Timeline</h2>')


def test_built_index_holds_titles_facts_and_about(built_site: Path) -> None:
    docs = json.loads((built_site / "search/search_index.json").read_text())["docs"]
    assert [d["location"] for d in docs] == [
        "", "about/", "about/#statuses", "about/#ratings", "about/#deadlines",
        "about/#sourcing-rules",
        "about/#corrections", "about/#licence", "corrections/", "data/", "quotes/",
        "quotes/#about-fix-the-bridge", "quotes/#ada-muller-simic",
        "quotes/#about-reopen-library", "quotes/#residents-union", "actors/ada-mayor/",
        "actors/example-city/", "actors/residents-union/", "pledges/fix-the-bridge/",
        "pledges/fix-the-bridge/#update-2024-03-01", "pledges/fix-the-bridge/#update-2024-01-10",
        "pledges/reopen-library/", "pledges/reopen-library/#update-2024-03-01",
        "pledges/reopen-library/#update-2024-01-10"]
    pledge, update = docs[-6], docs[-5]
    assert pledge["title"] == "Fix the old bridge by the end of March"
    # The verdict (its reason and facts, not the six-step meter), then the pledge's record.
    assert pledge["text"] == (
        "<p>The council approved the repair budget; work starts in April.</p> <ul> "
        "<li>Status:  In progress since 1 March 2024 \u00b7 What the statuses mean</li> "
        "<li>Deadline: by 31 March 2024: overdue by two days</li> "
        "<li>Last reviewed: 1 March 2024</li> <li>As of: 2 April 2024</li> </ul> "
        "<p>What was pledged, as reported: The old bridge will be repaired and open to "
        "traffic \"by the end of March\".</p> <ul> "
        "<li>Made by: Ada M\u00fcller-\u0160imi\u0107</li> <li>Made to: Residents' Union</li> "
        "<li>Made on: 9 January 2024</li> <li>Topics: transport</li> </ul>")
    assert (update["title"], update["text"]) == (
        "1 March 2024: In progress", "<p>Previously Not yet rated.</p> <p>The council "
        "approved the repair budget; work starts in April.</p>")


def test_pages_keep_their_whole_content(built_site: Path) -> None:
    html = (built_site / "pledges/fix-the-bridge/index.html").read_text()
    assert 'id="evidence"' in html and "The council approved the repair budget" in html
