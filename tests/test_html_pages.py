"""Pages written as HTML (``*.html.j2``): escaping, headings, the MkDocs hook that takes them
as they are (``pledgewatch.site.html_pages``) and a tracker's Markdown template over a
packaged HTML one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pledgewatch.core import text
from pledgewatch.site.html_pages import toc_tokens
from pledgewatch.site.page_markup import finish_html
from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import generate_site

HOSTILE = "<script>alert(1)</script> *bold* [x](y) {: .class} &amp; 'q' \"d\" # _u_ `c`"
HOSTILE_HTML = ("&lt;script&gt;alert(1)&lt;/script&gt; *bold* [x](y) {: .class} &amp;amp; "
                "&#x27;q&#x27; &quot;d&quot; # _u_ `c`")


def test_html_inline_escapes_the_five_characters_and_nothing_else() -> None:
    assert text.html_inline(HOSTILE) == HOSTILE_HTML
    assert text.html_inline("  two\n lines\u2028here ") == "two lines here"
    assert text.html_inline("- 1. list? > no") == "- 1. list? &gt; no"


def test_html_paragraphs_are_p_elements() -> None:
    assert text.html_paragraphs("One <b>.\n\n\n Two &\nthree.\n\n  \n") == (
        "<p>One &lt;b&gt;.</p>\n<p>Two &amp; three.</p>")
    assert text.html_paragraphs(" \n\n ") == ""


def _pledge_page(tmp_path: Path, old: str, new: str) -> str:
    site = tmp_path / "site"
    shutil.copytree(FIXTURE, site)
    path = site / "content" / "pledges" / "fix-the-bridge.yml"
    body = path.read_text(encoding="utf-8")
    assert old in body
    path.write_text(body.replace(old, new), encoding="utf-8")
    docs = tmp_path / "docs"
    generate_site(site, AS_OF, docs)
    return (docs / "pledges" / "fix-the-bridge.md").read_text(encoding="utf-8")


def test_hostile_text_is_literal_text_on_an_html_page(tmp_path: Path) -> None:
    page = _pledge_page(tmp_path, """statement: >-
  The old bridge will be repaired and open to traffic "by the end of March".
""", f"statement: >-\n  {HOSTILE}\n")
    assert ('<p class="pw-statement"><span class="pw-statement__label">What was pledged, as '
            f"reported:</span> {HOSTILE_HTML}</p>\n") in page
    # The summary of the last update, which is also the verdict's reason.
    page = _pledge_page(tmp_path / "2", "summary: The council approved the repair budget; "
                        "work starts in April.", f"summary: >-\n      {HOSTILE}")
    assert f'<p class="pw-verdict__reason">{HOSTILE_HTML}</p>\n' in page
    assert f"\n<p>{HOSTILE_HTML}</p>\n<p><strong>Sources:</strong> " in page


def test_the_title_heading_gets_the_id_python_markdown_gave_it(tmp_path: Path) -> None:
    page = _pledge_page(tmp_path, "title: Fix the old bridge by the end of March",
                        "title: Cite <b>this</b> & *that*")
    assert page.startswith("---\nhtml: true\ntitle: ")
    assert ('\n<h1 id="cite-bthisb-that">Cite &lt;b&gt;this&lt;/b&gt; &amp; *that*<a '
            'class="headerlink" href="#cite-bthisb-that" title="Permanent link">&para;</a>'
            "</h1>\n") in page


def test_a_title_id_taken_by_a_section_gets_a_suffix() -> None:
    page = finish_html('---\ntitle: "x"\n---\n<h1 id="timeline">Timeline<a class="headerlink" '
                       'href="#timeline" title="Permanent link">&para;</a></h1>\n'
                       '<h2 id="timeline">Timeline<a class="headerlink" href="#timeline"')
    assert page == ('---\nhtml: true\ntitle: "x"\n---\n<h1 id="timeline_1">Timeline<a '
                    'class="headerlink" href="#timeline_1" title="Permanent link">&para;</a>'
                    '</h1>\n<h2 id="timeline">Timeline<a class="headerlink" href="#timeline"')
    with pytest.raises(ValueError, match="front matter"):
        finish_html("<h1>no front matter</h1>")


def test_toc_tokens_nest_as_python_markdown_nests_them() -> None:
    assert toc_tokens([(1, "t", "T"), (2, "a", "A"), (3, "a1", "A1"), (2, "b", "B"),
                       (3, "b1", "B1"), (3, "b2", "B2")]) == [
        {"level": 1, "id": "t", "name": "T", "children": [
            {"level": 2, "id": "a", "name": "A", "children": [
                {"level": 3, "id": "a1", "name": "A1", "children": []}]},
            {"level": 2, "id": "b", "name": "B", "children": [
                {"level": 3, "id": "b1", "name": "B1", "children": []},
                {"level": 3, "id": "b2", "name": "B2", "children": []}]}]}]
    assert toc_tokens([(2, "a", "A"), (1, "t", "T")]) == [
        {"level": 2, "id": "a", "name": "A", "children": []},
        {"level": 1, "id": "t", "name": "T", "children": []}]


def test_the_last_paragraph_can_carry_a_class_as_attr_list_gave_it() -> None:
    from pledgewatch.site.page_markup import PageMarkup

    page = PageMarkup()
    page._html = True
    assert page.paras("One.\n\nTwo <i>.", last_class="pw-lede") == (
        '<p>One.</p>\n<p class="pw-lede">Two &lt;i&gt;.</p>')
    assert page.paras("Only.", last_class="pw-lede") == '<p class="pw-lede">Only.</p>'
    page._html = False
    assert page.paras("One.\n\nTwo *.", last_class="pw-lede") == "One.\n\nTwo &#42;."
