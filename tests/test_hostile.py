"""Hostile content: the corpus in tests/hostile is built end to end and every output is parsed
back as a browser, a feed reader and Material's search would read it.

Nothing a record says may become an element, an attribute or a link; every hostile string must
reach the reader as the text it is. The theme's own markup is the baseline: the fixture site
(tests/fixtures/site) built with the same templates.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import html5lib
import pytest

from pledgewatch.build import BuildResult, build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.core.text import close_bidi, inline
from pledgewatch.site.mkdocs_run import TEMPLATES
from tests.conftest import AS_OF, FIXTURE
from tests.hostile.generate import on_one_line
from tests.hostile.payloads import BIDI_PAYLOAD, PAYLOADS
from tests.hostile_checks import (
    HOSTILE,
    UNSAFE_SCHEME,
    URL_ATTRIBUTES,
    article_text,
    attribute_values,
    elements,
    field_values,
    folded,
    local,
    one_line_fields,
    pages,
    parse,
    records,
    scripts,
    text_fields,
    theme_shapes,
    tree_hashes,
)
from tests.search_records import pagefind_records

pytestmark = pytest.mark.slow

CONFIG = load_config(HOSTILE / "site_config.yml")
FIXTURE_CONFIG = load_config(FIXTURE / "site_config.yml")
CORPUS = records(HOSTILE / "content")
BASES = (urlsplit(CONFIG.site_url).path, urlsplit(FIXTURE_CONFIG.site_url).path)


SOURCES_BEFORE: dict[str, str] = {}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The hostile corpus built with MkDocs, as of 2024-04-02."""
    SOURCES_BEFORE.update(tree_hashes(HOSTILE) | tree_hashes(TEMPLATES))
    return build(BuildContext(CONFIG, AS_OF), tmp_path_factory.mktemp("hostile") / "site")


def test_the_build_writes_nothing_into_content_or_templates(hostile: BuildResult) -> None:
    assert SOURCES_BEFORE and tree_hashes(HOSTILE) | tree_hashes(TEMPLATES) == SOURCES_BEFORE


def record_urls() -> set[str]:
    return {r[f] for rs in CORPUS.values() for r in rs for f in ("url", "archive_url") if f in r}


# The corpus itself -------------------------------------------------------------------------


def test_corpus_has_at_least_30_records() -> None:
    assert {kind: len(rs) for kind, rs in CORPUS.items()} == {
        "actors": 7, "sources": 7, "pledges": 7, "deadlines": 6, "quotes": 6}


@pytest.mark.parametrize("kind", sorted(CORPUS))
def test_every_text_field_of_every_kind_carries_every_payload(kind: str) -> None:
    fields = text_fields(kind) + (["summary"] if kind == "pledges" else [])
    for name in fields:
        joined = "\n".join(v for r in CORPUS[kind] for f, v in field_values(kind, r) if f == name)
        one_line = name in one_line_fields(kind)
        missing = [p[:40] for p in PAYLOADS
                   if (on_one_line(p) if one_line else p) not in joined]
        assert missing == [], (kind, name)


# Validation of the corpus ------------------------------------------------------------------


def test_bidi_controls_in_names_and_titles_are_warned_about(hostile: BuildResult) -> None:
    got = [(Path(p.path).name, p.line, p.column, p.severity, p.message)
           for p in hostile.problems if p.code == "bidi-control"]
    warning = ("field '{}' contains a bidirectional control character, which can disguise "
               "text; remove it unless it is needed")
    assert got == [
        ("actor-0.yml", 2, 7, "warning", warning.format("name")),
        ("deadline-3.yml", 2, 8, "warning", warning.format("title")),
        ("deadline-4.yml", 6, 12, "warning", warning.format("as_stated")),
        ("pledge-0.yml", 2, 8, "warning", warning.format("title")),
        ("pledge-6.yml", 9, 10, "warning", warning.format("verdict")),
        ("source-0.yml", 2, 8, "warning", warning.format("title")),
        ("source-2.yml", 3, 12, "warning", warning.format("publisher")),
    ]
    carrying = sorted(f"{r['id']}.{f}" for kind, rs in CORPUS.items() for r in rs
                      for f, v in field_values(kind, r)
                      if f in one_line_fields(kind) and " ".join(BIDI_PAYLOAD.split()) in v)
    assert carrying == ["actor-0.name", "deadline-3.title", "deadline-4.as_stated",
                        "pledge-0.title", "pledge-6.verdict", "source-0.title",
                        "source-2.publisher"]


def test_csv_columns_that_start_like_a_formula_are_warned_about(hostile: BuildResult) -> None:
    got = [(Path(p.path).name[:12], p.line, p.column, p.severity, p.message)
           for p in hostile.problems if p.code == "formula-start"]
    warning = ("field '{}' starts with '{}', which spreadsheets opening data/pledges.csv read "
               "as a formula; begin it with a letter, a digit or a quotation mark")
    assert got == [
        ("a-very-long-", 2, 7, "warning", warning.format("name", "=")),
        ("actor-1.yml", 2, 7, "warning", warning.format("name", "-")),
        ("pledge-1.yml", 2, 8, "warning", warning.format("title", "-")),
        ("pledge-6.yml", 2, 8, "warning", warning.format("title", "=")),
    ]
    assert {p.code for p in hostile.problems} == {"bidi-control", "formula-start"}


# Pages -------------------------------------------------------------------------------------


def fixture_page_for(relpath: str) -> str:
    """The fixture page made from the same template as a hostile page."""
    parts = relpath.split("/")
    if parts[0] in ("pledges", "actors", "topics") and len(parts) == 3:
        return {"pledges": "pledges/fix-the-bridge/index.html",
                "actors": "actors/ada-mayor/index.html",
                "topics": "topics/transport/index.html"}[parts[0]]
    return relpath


def test_pages_have_only_the_themes_scripts(hostile: BuildResult, built_site: Path) -> None:
    checked = 0
    for page in pages(hostile.out_dir):
        relpath = page.relative_to(hostile.out_dir).as_posix()
        theirs = scripts(built_site / fixture_page_for(relpath), BASES[1])
        assert scripts(page, BASES[0]) == theirs, relpath
        checked += 1
    assert checked == 40


def test_no_event_handler_attribute_anywhere(hostile: BuildResult) -> None:
    handlers = [(page.name, el.tag, name) for page in pages(hostile.out_dir)
                for el in elements(page) for name in el.attrib
                if local(name).lower().startswith("on")]
    assert handlers == []


def test_no_script_or_data_url_anywhere(hostile: BuildResult) -> None:
    unsafe = []
    for page in pages(hostile.out_dir):
        for el in elements(page):
            for name, value in el.attrib.items():
                scheme = re.sub(r"[\x00-\x20]", "", value)
                if local(name).lower() in URL_ATTRIBUTES and UNSAFE_SCHEME.match(scheme):
                    unsafe.append((page.name, el.tag, name, value))
    assert unsafe == []


def test_no_element_or_attribute_came_from_record_text(hostile: BuildResult,
                                                       built_site: Path) -> None:
    theirs = theme_shapes(built_site)
    extra = {tag: names - theirs.get(tag, set())
             for tag, names in theme_shapes(hostile.out_dir).items()}
    assert {tag: names for tag, names in extra.items() if names or tag not in theirs} == {}
    # Attribute values: the same as the theme's, except ids made from record text (slugs),
    # links, and the page description (an attribute Material escapes).
    theirs = attribute_values(built_site, BASES[1])
    ours = attribute_values(hostile.out_dir, BASES[0])
    for (tag, name), values in ours.items():
        new = {v for v in values - theirs[(tag, name)]
               if v not in (CONFIG.site_name, f"{CONFIG.site_name} (RSS)",
                            f"{CONFIG.site_name} (Atom)")
               and not v.startswith(f"{CONFIG.site_name} status badge: ")}
        if name == "id":
            assert all(re.fullmatch(r"[a-z0-9_-]+", v) for v in new), (tag, name)
        elif tag.startswith("{http://www.w3.org/2000/svg}"):  # chart geometry: numbers only
            assert all(re.fullmatch(r"[0-9. -]+", v) for v in new), (tag, name)
        elif (tag, name) in (("meta", "content"), ("a", "href"), ("link", "href"),
                             ("link", "title")):  # a page's own feed is titled after it
            continue
        elif (tag, name) == ("nav", "aria-label"):
            # Material names the table of contents' list of a section's subsections after the
            # section's heading (tags stripped, escaped): a grouped quotes page has such
            # sections, headed by a pledge's title.
            # Jinja's striptags folds every kind of white space, no-break spaces included.
            headings = {" ".join("".join(h.itertext()).removesuffix("\u00b6").split())
                        for page in pages(hostile.out_dir) for h in elements(page)
                        if h.tag == "h2"}
            new = {" ".join(v.split()) for v in new}
            assert new <= headings, (tag, name, sorted(new - headings)[:3])
        else:
            assert new == set(), (tag, name, sorted(new)[:3])


def test_links_lead_only_to_validated_urls_or_the_site(hostile: BuildResult,
                                                       built_site: Path) -> None:
    webcal = "webcal://" + CONFIG.site_url.split("://", 1)[1] + "deadlines.ics"
    allowed = record_urls() | {CONFIG.repo_url, CONFIG.licence_url, webcal}
    external, kinds = set(), set()
    for page in pages(hostile.out_dir):
        for el in elements(page):
            href = el.get("href")
            if el.tag != "a" or href is None:
                continue
            if href.startswith(CONFIG.repo_url + "/edit/main/content/"):
                kinds.add("edit")
            elif href.startswith(CONFIG.site_url):  # "cite this page": the permalink
                assert re.fullmatch(r"[a-z0-9/_.#-]*", href[len(CONFIG.site_url):]), href
            elif urlsplit(href).scheme:
                external.add(href)
            else:
                assert not href.startswith("//"), href
                assert re.fullmatch(r"(\.\./|\./)*[a-z0-9/_.#-]*", href), href
    assert external <= allowed
    assert external - {CONFIG.repo_url, CONFIG.licence_url, webcal} == record_urls()
    assert kinds == {"edit"}


FIELD_PAGES = {
    "actors": "actors/{id}/index.html", "sources": "sources/index.html",
    "pledges": "pledges/{id}/index.html", "deadlines": "deadlines/index.html",
    "quotes": "quotes/index.html",
}


def other_pages(kind: str, record: dict) -> list[tuple[str, tuple[str, ...]]]:
    """Further pages that show some of a record's fields: ``(page, fields)``."""
    if kind == "deadlines":  # the deadline table of each of its pledges
        return [(f"pledges/{p}/index.html", ("title", "as_stated")) for p in record["pledges"]]
    if kind == "quotes":  # what was said, on the pledges it is about and its speaker's page
        return [(f"pledges/{p}/index.html", ("text", "context")) for p in record["about"]] + [
            (f"actors/{record['speaker']}/index.html", ("text", "context"))]
    return []


@pytest.mark.parametrize("kind", sorted(FIELD_PAGES))
def test_every_hostile_string_is_visible_as_text(hostile: BuildResult, kind: str) -> None:
    checked = 0
    for record in CORPUS[kind]:
        shown = [(FIELD_PAGES[kind].format(id=record["id"]), None)] + other_pages(kind, record)
        for page, only in shown:
            text = article_text(hostile.out_dir / page)
            for name, value in field_values(kind, record):
                if only and name not in only:
                    continue
                # Paragraphs of multi-line fields are separate blocks; each reads as written.
                parts = [value] if name in one_line_fields(kind) else re.split(
                    r"\n[ \t]*\n", value)
                for part in parts:
                    assert folded(part) in text, (record["id"], page, name, folded(part)[:80])
                    checked += 1
    # One per one-line value, one per paragraph of the others (some payloads hold two).
    assert checked == {"actors": 80, "sources": 87, "pledges": 160, "deadlines": 95,
                       "quotes": 584}[kind]


def after(text: str, prefix: str) -> str:
    """What follows ``prefix`` in ``text``, less the bidi closers (PDF, PDI) text.inline adds."""
    assert text.startswith(prefix)
    return text[len(prefix):].lstrip("\u202c\u2069")


def test_page_titles_are_the_record_titles_as_text(hostile: BuildResult) -> None:
    for kind, field in (("pledges", "title"), ("actors", "name")):
        for record in CORPUS[kind]:
            page = hostile.out_dir / FIELD_PAGES[kind].format(id=record["id"])
            title = parse(page).find(".//title").text
            assert after(title, folded(record[field])) == f" - {CONFIG.site_name}"
            h1 = parse(page).find(".//article//h1")
            assert after(folded("".join(h1.itertext())), folded(record[field])) == "\u00b6"


# Feeds, search index, sitemap --------------------------------------------------------------


def feed_items(path: Path) -> list[tuple[str, str]]:
    """``(title, description HTML)`` of every RSS item or Atom entry, as XML text."""
    root = ET.parse(path).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    if root.tag == f"{atom}feed":
        return [(e.findtext(f"{atom}title"), e.findtext(f"{atom}content"))
                for e in root.iter(f"{atom}entry")]
    return [(i.findtext("title"), i.findtext("description")) for i in root.iter("item")]


@pytest.mark.parametrize("name", ["feed.xml", "atom.xml"])
def test_feed_items_carry_hostile_text_as_text(hostile: BuildResult, name: str) -> None:
    items = feed_items(hostile.out_dir / name)
    assert len(items) == 19  # 14 updates, 5 deadlines reached
    titles = {folded(r["title"]) for r in CORPUS["pledges"]}
    summaries = {folded(u["summary"]) for r in CORPUS["pledges"] for u in r["updates"]}
    seen_titles, seen_summaries = set(), set()
    for title, description in items:
        seen_titles |= {t for t in titles if folded(title).endswith(": " + t)}
        fragment = html5lib.parseFragment(description, treebuilder="etree",
                                          namespaceHTMLElements=False)
        tags = [el for el in fragment.iter() if isinstance(el.tag, str)][1:]
        assert {el.tag for el in tags} <= {"p", "a", "blockquote"}
        for el in tags:
            assert set(el.attrib) <= {"href"} and (el.tag == "a") == ("href" in el.attrib)
            href = el.get("href", "https://x")
            assert href in record_urls() | {"https://x"} or href.startswith(CONFIG.site_url)
        text = folded("".join(fragment.itertext()))
        seen_summaries |= {s for s in summaries if s in text}
    assert seen_titles == titles
    assert seen_summaries == summaries


def test_search_index_holds_text_not_markup(hostile: BuildResult) -> None:
    # Pagefind holds each page's text as text: a record's markup appears as the characters
    # written, so it is found in the text exactly as the record spells it.
    text = []
    for url, record in pagefind_records(hostile.out_dir).items():
        assert url.startswith("/") and not urlsplit(url).scheme, url
        text += [folded(record["meta"]["title"]), folded(record["content"])]
    everything = "\n".join(text)
    for record in CORPUS["pledges"]:
        assert folded(record["title"]) in everything
        # Pagefind ends each paragraph with a full stop: look for them one by one.
        for paragraph in re.split(r"\n\s*\n", record["statement"]):
            if paragraph.strip():
                assert folded(paragraph) in everything, paragraph


def test_sitemap_lists_only_pages_named_by_ids(hostile: BuildResult) -> None:
    root = ET.parse(hostile.out_dir / "sitemaps/pages-1.xml").getroot()
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [e.text for e in root.iter(f"{ns}loc")]
    assert len(locs) == 39
    for loc in locs:
        assert loc.startswith(CONFIG.site_url)
        assert re.fullmatch(r"[a-z0-9/-]*", loc[len(CONFIG.site_url):]), loc


# Bidirectional controls --------------------------------------------------------------------

BLOCKS = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "blockquote", "title"}


def open_bidi(text: str) -> int:
    """How many embeddings, overrides or isolates ``text`` leaves open (UAX #9, X1-X8)."""
    stack = []
    for ch in text:
        if ch in "\u202a\u202b\u202d\u202e":
            stack.append("E")
        elif ch in "\u2066\u2067\u2068":
            stack.append("I")
        elif ch == "\u202c" and stack and stack[-1] == "E":
            stack.pop()
        elif ch == "\u2069" and "I" in stack:
            while stack.pop() != "I":
                pass
    return len(stack)


def test_bidi_controls_never_reach_past_the_record_text(hostile: BuildResult) -> None:
    blocks_with_controls = 0
    for page in pages(hostile.out_dir):
        for el in elements(page):
            if el.tag in BLOCKS:
                text = "".join(el.itertext())
                assert open_bidi(text) == 0, (page, el.tag, text[:80])
                blocks_with_controls += "\u202e" in text
    assert blocks_with_controls > 0


@pytest.mark.parametrize(("value", "closed"), [
    ("plain", "plain"),
    ("evil\u202efdp.exe", "evil\u202efdp.exe\u202c"),
    ("a\u2067b\u202bc", "a\u2067b\u202bc\u202c\u2069"),
    ("a\u2066b\u202ec\u2069d", "a\u2066b\u202ec\u2069d"),  # the PDI closes both
    ("a\u202bb\u202cc\u202c", "a\u202bb\u202cc\u202c"),  # a stray PDF is left alone
    ("\u202b\u2067x\u202c", "\u202b\u2067x\u202c\u2069\u202c"),  # a PDF cannot close an isolate
])
def test_close_bidi(value: str, closed: str) -> None:
    assert close_bidi(value) == closed
    assert open_bidi(closed) == 0


def test_inline_escapes_what_markdown_and_html_read_and_keeps_unicode_spaces() -> None:
    assert inline("<a href='x'>[y](z) {{ 7*7 }}</a>") == (
        "&#60;a href='x'&#62;&#91;y&#93;(z) &#123;&#123; 7&#42;7 &#125;&#125;&#60;/a&#62;")
    assert inline('\\`_!|#&"') == "&#92;&#96;&#95;&#33;&#124;&#35;&#38;&#34;"
    # What would open a block at the start of a line is escaped there, and only there.
    assert [inline(v) for v in ("- a-b", "+ c", "= d", "~ e", ": f", "1984. g", "7) h", "i. j")
            ] == ["&#45; a-b", "&#43; c", "&#61; d", "&#126; e", "&#58; f", "1984&#46; g",
                  "7&#41; h", "i. j"]
    assert inline("  a\n\tb\u2028c\u00a0d\u3000e  ") == "a b c\u00a0d\u3000e"
