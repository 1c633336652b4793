"""What the site search indexes: titles, record leads, pledges' updates, quotes and the about
page, no listings."""

from __future__ import annotations

import gzip
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
    # Later pages of a paginated listing are indexed as their first page is.
    assert searchable("updates/page/2.md", RECORD) == ""
    assert searchable("pledges/page/3.md", RECORD) == ""
    assert searchable("status/kept/page/2.md", RECORD) == ""
    assert searchable("quotes/page/2.md", RECORD) == searchable("quotes.md", RECORD)


def _fragments(site: Path) -> dict[str, dict]:
    """Pagefind's record of each indexed page (its gzipped fragment files), by URL."""
    out = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[record["url"]] = record
    return out


def test_built_index_holds_titles_facts_and_about(built_site: Path) -> None:
    pages = _fragments(built_site)
    assert sorted(pages) == [
        "/", "/about/", "/actors/ada-mayor/", "/actors/example-city/",
        "/actors/residents-union/", "/corrections/", "/data/", "/pledges/fix-the-bridge/",
        "/pledges/reopen-library/", "/quotes/"]
    assert [(a["element"], a["id"]) for a in pages["/quotes/"]["anchors"]] == [
        ("h1", "quotes"), ("h2", "about-fix-the-bridge"), ("h3", "ada-muller-simic"),
        ("h2", "about-reopen-library"), ("h3", "residents-union")]
    pledge = pages["/pledges/fix-the-bridge/"]
    assert pledge["meta"] == {"title": "Fix the old bridge by the end of March"}
    assert [(a["element"], a["id"], a["text"]) for a in pledge["anchors"]] == [
        ("h1", "fix-the-old-bridge-by-the-end-of-march", "Fix the old bridge by the end of March"),
        ("h3", "update-2024-03-01", "1 March 2024: In progress"),
        ("h3", "update-2024-01-10", "10 January 2024: Not yet rated")]
    # The verdict (its reason and facts), the pledge's record, then its updates.
    assert pledge["content"] == (
        "Fix the old bridge by the end of March. The council approved the repair budget; work "
        "starts in April. Status: In progress since 1 March 2024 · What the statuses mean. "
        "Deadline: by 31 March 2024: overdue by two days. Last reviewed: 1 March 2024. As of: "
        "2 April 2024. What was pledged, as reported: The old bridge will be repaired and open "
        "to traffic \"by the end of March\". Made by: Ada Müller-Šimić. Made to: Residents' "
        "Union. Made on: 9 January 2024. Topics: transport. 1 March 2024: In progress. "
        "Previously Not yet rated. The council approved the repair budget; work starts in "
        "April. 10 January 2024: Not yet rated. Pledge made at a public meeting.")


def test_material_index_keeps_its_configuration_only(built_site: Path) -> None:
    index = json.loads((built_site / "search/search_index.json").read_text())
    assert index == {"config": {"lang": ["en"], "separator": "[\\s\\-]+",
                                "pipeline": ["stopWordFilter"],
                                "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0},
                                           "tags": {"boost": 1000000.0}}},
                     "docs": []}


def test_pages_keep_their_whole_content(built_site: Path) -> None:
    html = (built_site / "pledges/fix-the-bridge/index.html").read_text()
    assert 'id="evidence"' in html and "The council approved the repair budget" in html
