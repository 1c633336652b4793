"""Corrections and review dates (issue 13): their validation, pages, feeds and exports, on
copies of the fixture site with corrections added."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import generate_site

SITE = "https://watch.example.org/fixture/"
BRIDGE_CORRECTION = """\
corrections:
  - date: 2024-03-05
    summary: >-
      The update of 1 March said the repair budget was approved in February; the council's
      minutes show it was approved on 1 March.
    sources: [council-minutes-2024-03-01]
"""
GAZETTE_CORRECTION = """\
corrections:
  - date: 2024-02-01
    summary: The date was given as 11 January; the article was published on 10 January.
"""


def site_with(tmp_path: Path, additions: dict[str, str], replace: dict | None = None) -> Path:
    """A copy of the fixture site with text appended to (``additions``) or replaced in
    (``replace``: path -> (old, new)) its content files."""
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    for relpath, text in additions.items():
        path = site / "content" / relpath
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    for relpath, (old, new) in (replace or {}).items():
        path = site / "content" / relpath
        body = path.read_text(encoding="utf-8")
        assert old in body
        path.write_text(body.replace(old, new), encoding="utf-8")
    return site


def problems_of(site: Path) -> list[str]:
    _, problems = check(load_config(site / "site_config.yml"), as_of=AS_OF)
    prefix = f"{site}/"
    return [p.as_text().removeprefix(prefix) for p in problems]


@pytest.mark.parametrize(("relpath", "text", "expected"), [
    ("pledges/reopen-library.yml",
     "corrections:\n  - date: 2024-03-02\n    summary: a\n  - date: 2024-03-01\n    summary: b\n",
     ["content/pledges/reopen-library.yml:22:11: error: correction dated 2024-03-01 comes after "
      "one dated 2024-03-02; list corrections oldest first"]),
    ("pledges/reopen-library.yml",
     "corrections:\n  - date: 2024-04-03\n    summary: a\n",
     ["content/pledges/reopen-library.yml:20:11: error: date 2024-04-03 is after the as-of "
      "date 2024-04-02; a site as of 2024-04-02 cannot show what happened later: correct the "
      "date if it is a typo, or build as of 2024-04-03 or later (--as-of 2024-04-03)"]),
    ("pledges/reopen-library.yml",
     "corrections:\n  - date: 2024-01-08\n    summary: a\n",
     ["content/pledges/reopen-library.yml:20:11: error: correction dated 2024-01-08 is before "
      "made_on 2024-01-09; a record cannot be corrected before it exists"]),
    ("sources/union-letter.yml",
     "corrections:\n  - date: 2024-02-14\n    summary: a\n",
     ["content/sources/union-letter.yml:9:11: error: correction dated 2024-02-14 is before "
      "published 2024-02-15; a record cannot be corrected before it exists"]),
    ("quotes/union-library.yml",
     "corrections:\n  - date: 2024-03-01\n    summary: a\n    sources: [union-leter]\n",
     ["content/quotes/union-library.yml:11:15: error: unknown source 'union-leter'; did you "
      "mean 'union-letter'?"]),
    ("pledges/reopen-library.yml", "reviewed_on: 2024-04-03\n",
     ["content/pledges/reopen-library.yml:19:14: error: reviewed_on 2024-04-03 is after the "
      "as-of date 2024-04-02; a site as of 2024-04-02 cannot show what happened later: "
      "correct the date if it is a typo, or build as of 2024-04-03 or later "
      "(--as-of 2024-04-03)"]),
    ("pledges/reopen-library.yml", "reviewed_on: 2024-01-08\n",
     ["content/pledges/reopen-library.yml:19:14: error: reviewed_on 2024-01-08 is before "
      "made_on 2024-01-09; set it to the day of the review"]),
], ids=["order", "after-as-of", "before-made-on", "before-published", "unknown-source",
        "reviewed-after-as-of", "reviewed-before-made-on"])
def test_bad_corrections_and_review_dates(tmp_path: Path, relpath: str, text: str,
                                          expected: list[str]) -> None:
    assert problems_of(site_with(tmp_path, {relpath: text})) == expected


def test_good_corrections_and_an_old_review_give_no_problem(tmp_path: Path) -> None:
    # A review long overdue is the editors' business: validate says nothing.
    site = site_with(tmp_path, {"pledges/fix-the-bridge.yml": BRIDGE_CORRECTION,
                                "sources/gazette-2024-01-10.yml": GAZETTE_CORRECTION},
                     {"pledges/fix-the-bridge.yml": ("reviewed_on: 2024-03-01",
                                                     "reviewed_on: 2024-01-09")})
    assert problems_of(site) == []


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = site_with(tmp_path_factory.mktemp("corrected"),
                     {"pledges/fix-the-bridge.yml": BRIDGE_CORRECTION,
                      "sources/gazette-2024-01-10.yml": GAZETTE_CORRECTION})
    docs = site / "docs"
    generate_site(site, AS_OF, docs)
    return docs


def test_pledge_page_shows_the_notice_and_last_reviewed(corrected: Path) -> None:
    page = (corrected / "pledges/fix-the-bridge.md").read_text(encoding="utf-8")
    lines = page.split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("<h1 "))
    assert lines[heading:heading + 5] == [
        '<h1 id="fix-the-old-bridge-by-the-end-of-march">Fix the old bridge by the end of March'
        '<a class="headerlink" href="#fix-the-old-bridge-by-the-end-of-march" '
        'title="Permanent link">&para;</a></h1>',
        '<div class="pw-corrections">',
        '<p class="pw-correction" id="correction-1"><strong>Correction, '
        "5 March 2024:</strong> The update of 1 March said the repair budget was approved in "
        "February; the council&#x27;s minutes show it was approved on 1 March. "
        "<em>Sources:</em> <a href=\"https://council.example.org/"
        "minutes/2024-03-01\">Council minutes, 1 March 2024</a> (Example City "
        'Council, 1 March 2024) <a href="../../sources/#council-minutes-2024-03-01">[details]</a>'
        "</p>",
        "</div>", '<div class="pw-verdict">']
    assert "<li><strong>Last reviewed:</strong> 1 March 2024</li>\n" in page


def test_source_entry_notice_has_an_anchor_of_its_own(corrected: Path) -> None:
    page = (corrected / "sources.md").read_text(encoding="utf-8")
    assert ('<p class="pw-correction" id="gazette-2024-01-10-correction-1">'
            "<strong>Correction, 1 February 2024:</strong> The date was given as 11 January; "
            "the article was published on 10 January.</p>") in page


def test_corrections_page_lists_newest_first(corrected: Path) -> None:
    page = (corrected / "corrections.md").read_text(encoding="utf-8")
    headings = [line for line in page.split("\n") if line.startswith("<h2 ")]
    assert headings == [
        '<h2 id="pledges-fix-the-bridge-correction-1">5 March 2024: Fix the old bridge by the end '
        'of March<a class="headerlink" href="#pledges-fix-the-bridge-correction-1" '
        'title="Permanent link">&para;</a></h2>',
        '<h2 id="sources-gazette-2024-01-10-correction-1">1 February 2024: Mayor promises to fix '
        'the bridge &amp; reopen the library<a class="headerlink" '
        'href="#sources-gazette-2024-01-10-correction-1" title="Permanent link">&para;</a></h2>']
    assert '<p><a href="../sources/#gazette-2024-01-10">The corrected source</a></p>' in page


def test_corrections_are_feed_items_with_stable_guids(corrected: Path) -> None:
    site = feedparser.parse((corrected / "atom.xml").read_bytes())
    items = [(e.id, e.title, e.link) for e in site.entries if e.title.startswith("Correction")]
    assert items == [
        ("tag:watch.example.org,2024-03-05:pledges/fix-the-bridge/correction-1",
         "Correction: Fix the old bridge by the end of March",
         SITE + "pledges/fix-the-bridge/#correction-1"),
        ("tag:watch.example.org,2024-02-01:sources/gazette-2024-01-10/correction-1",
         "Correction: Mayor promises to fix the bridge & reopen the library",
         SITE + "sources/#gazette-2024-01-10")]
    gazette = next(e for e in site.entries if e.id.endswith("gazette-2024-01-10/correction-1"))
    assert gazette.content[0].value == (
        "<p>Correction of 1 February 2024.</p><p>The date was given as 11 January; the article was "
        "published on 10 January.</p><p>Corrected source: "
        f'<a href="{SITE}sources/#gazette-2024-01-10">Mayor promises to fix the bridge &amp; '
        "reopen the library</a></p>")
    pledge = feedparser.parse((corrected / "pledges/fix-the-bridge/atom.xml").read_bytes())
    assert [e.id for e in pledge.entries][:2] == [
        "tag:watch.example.org,2024-03-31:deadlines/bridge-end-of-march/fix-the-bridge"
        ";feed=pledges/fix-the-bridge",
        "tag:watch.example.org,2024-03-05:pledges/fix-the-bridge/correction-1"
        ";feed=pledges/fix-the-bridge"]
    library = feedparser.parse((corrected / "pledges/reopen-library/atom.xml").read_bytes())
    assert not [e for e in library.entries if e.title.startswith("Correction")]


def test_corrections_are_exported(corrected: Path) -> None:
    records = json.loads((corrected / "data/records.json").read_text(encoding="utf-8"))
    bridge = records["pledges"][0]
    assert (bridge["reviewed_on"], bridge["corrections"]) == ("2024-03-01", [{
        "date": "2024-03-05",
        "summary": "The update of 1 March said the repair budget was approved in February; the "
                   "council's minutes show it was approved on 1 March.",
        "sources": [{"id": "council-minutes-2024-03-01",
                     "permalink": SITE + "sources/#council-minutes-2024-03-01"}]}])


def test_a_corrected_date_keeps_the_guid_and_anchor(tmp_path: Path) -> None:
    # The update of 1 March is corrected to 29 February; original_date keeps what readers
    # have: the same guid in every feed and the same #update-2024-03-01 anchor.
    site = site_with(tmp_path, {"pledges/fix-the-bridge.yml": BRIDGE_CORRECTION}, {
        "pledges/fix-the-bridge.yml": (
            "  - date: 2024-03-01\n    status: in-progress",
            "  - date: 2024-02-29\n    original_date: 2024-03-01\n    status: in-progress"),
        "sources/council-minutes-2024-03-01.yml": ("published: 2024-03-01",
                                                   "published: 2024-02-29")})
    assert problems_of(site) == []
    docs = tmp_path / "docs"
    generate_site(site, AS_OF, docs)
    feed = feedparser.parse((docs / "atom.xml").read_bytes())
    progress = [e for e in feed.entries if e.title.startswith("In progress")]
    assert [(e.id, e.link, e.published) for e in progress] == [
        ("tag:watch.example.org,2024-03-01:pledges/fix-the-bridge/update-2024-03-01",
         SITE + "pledges/fix-the-bridge/#update-2024-03-01", "2024-02-29T00:00:00-05:00")]
    page = (docs / "pledges/fix-the-bridge.md").read_text(encoding="utf-8")
    assert ('<h3 id="update-2024-03-01">29 February 2024: In progress<a class="headerlink" '
            'href="#update-2024-03-01" title="Permanent link">&para;</a></h3>') in page


def test_corrections_are_tables_of_the_database(corrected: Path) -> None:
    import sqlite3

    db = sqlite3.connect(corrected / "data/records.db")
    try:
        assert db.execute("SELECT id, pledge, position, date, summary FROM pledge_corrections"
                          ).fetchall() == [
            ("fix-the-bridge/1", "fix-the-bridge", 1, "2024-03-05",
             "The update of 1 March said the repair budget was approved in February; the "
             "council's minutes show it was approved on 1 March.")]
        assert db.execute("SELECT * FROM pledge_correction_sources").fetchall() == [
            ("fix-the-bridge/1", "council-minutes-2024-03-01", 1)]
        assert db.execute("SELECT id, source, date FROM source_corrections").fetchall() == [
            ("gazette-2024-01-10/1", "gazette-2024-01-10", "2024-02-01")]
    finally:
        db.close()
