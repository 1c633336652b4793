"""The route table (core/routes.py): every address is derived from one entry per page kind."""

from __future__ import annotations

import posixpath

import pytest

from pledgewatch.core import routes


@pytest.mark.parametrize(("name", "record_id", "page", "url", "link"), [
    ("home", "", "index.md", "", "/index.md"),
    ("pledges", "fix-the-bridge", "pledges/fix-the-bridge.md", "pledges/fix-the-bridge/",
     "/pledges/fix-the-bridge.md"),
    ("actors", "ada", "actors/ada.md", "actors/ada/", "/actors/ada.md"),
    ("sources", "s1", "sources.md", "sources/#s1", "/sources.md#s1"),
    ("quotes", "q1", "quotes.md", "quotes/#q1", "/quotes.md#q1"),
    ("deadlines", "d1", "deadlines.md", "deadlines/#d1", "/deadlines.md#d1"),
    ("status", "in-progress", "status/in-progress.md", "status/in-progress/",
     "/status/in-progress.md"),
    ("topics", "transport", "topics/transport.md", "topics/transport/", "/topics/transport.md"),
    ("pledge-index", "", "pledges/index.md", "pledges/", "/pledges/index.md"),
])
def test_page_url_and_link_of_each_kind(name, record_id, page, url, link) -> None:
    assert routes.page(name, record_id) == page
    assert routes.url(name, record_id) == url
    assert routes.link(name, record_id) == link


def test_feeds_and_badges() -> None:
    assert routes.feed("pledges", "x") == "pledges/x/atom.xml"
    assert routes.feed("actors", "x") == "actors/x/atom.xml"
    assert routes.badge("pledges", "x") == "pledges/x/badge.svg"
    assert routes.SITE_FEEDS == {"rss": "feed.xml", "atom": "atom.xml"}


def test_nav_and_not_in_nav() -> None:
    assert routes.nav() == [
        {"Home": "index.md"}, {"Pledges": "pledges/index.md"}, {"Topics": "topics/index.md"},
        {"Deadlines": "deadlines.md"}, {"Updates": "updates.md"}, {"Quotes": "quotes.md"},
        {"Sources": "sources.md"}, {"People and organisations": "actors/index.md"},
        {"Open data": "data.md"}, {"About": "about.md"}]
    assert routes.not_in_nav() == ("/pledges/*.md\n/actors/*.md\n/status/*.md\n/topics/*.md\n"
                                   "/corrections.md\n**/page/*.md\n")


@pytest.mark.parametrize(("src_uri", "mode"), [
    ("index.md", routes.SEARCH_TITLE), ("data.md", routes.SEARCH_TITLE),
    ("about.md", routes.SEARCH_WHOLE), ("quotes.md", routes.SEARCH_QUOTED),
    ("sources.md", routes.SEARCH_NOTHING), ("updates.md", routes.SEARCH_NOTHING),
    ("pledges/index.md", routes.SEARCH_NOTHING), ("topics/index.md", routes.SEARCH_NOTHING),
    ("pledges/x.md", routes.SEARCH_LEAD_TIMELINE), ("actors/x.md", routes.SEARCH_LEAD),
    ("status/kept.md", routes.SEARCH_NOTHING), ("topics/transport.md", routes.SEARCH_NOTHING),
    ("pledges/x/y.md", routes.SEARCH_TITLE),  # no route has pages two folders deep
])
def test_search_mode_of_each_page(src_uri: str, mode: str) -> None:
    assert routes.search_mode(src_uri) == mode


def test_reserved_ids_name_the_fields_whose_values_become_page_names() -> None:
    assert routes.reserved_ids() == {
        ("pledges", "id"): ("pledges", ("index",)),
        ("pledges", "aliases"): ("pledges", ("index",)),
        ("actors", "id"): ("actors", ("index",)),
        ("actors", "aliases"): ("actors", ("index",)),
        ("pledges", "topics"): ("topics", ("index",)),
    }


def test_record_pages_are_the_kinds_with_a_page_of_their_own() -> None:
    assert [r.name for r in routes.record_pages()] == ["pledges", "actors"]


@pytest.mark.parametrize(("page", "url", "expected"), [
    ("pledges/x.md", "actors/y/", "../../actors/y/"),
    ("pledges/x.md", "pledges/x/atom.xml", "atom.xml"),
    ("pledges/x.md", "pledges/", "../"),
    ("pledges/x.md", "pledges/x/", "./"),
    ("pledges/x.md", "sources/#a-b", "../../sources/#a-b"),
    ("index.md", "", "./"),
    ("index.md", "pledges/x/", "pledges/x/"),
    ("sources.md", "sources/#x", "./#x"),
    ("sources/page/2.md", "sources/#q", "../../#q"),
    ("sources/page/2.md", "sources/page/3/#q", "../3/#q"),
    ("deadlines.md", "deadlines.ics", "../deadlines.ics"),
    ("pledges/index.md", "pledges/x/", "x/"),
    ("topics/t/page/2.md", "topics/u/", "../../../u/"),
])
def test_relative_links_are_the_ones_mkdocs_writes(page: str, url: str, expected: str) -> None:
    assert routes.relative(page, url) == expected
    # The same as posixpath.relpath between the page's URL and the target, with the trailing
    # slash of a folder kept.
    path, _, fragment = url.partition("#")
    rel = posixpath.relpath(path or ".", routes.page_url(page) or ".")
    rel = ("./" if rel == "." else rel + "/") if path.endswith("/") or not path else rel
    assert expected == rel + ("#" + fragment if fragment else "")
