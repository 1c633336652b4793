"""Pagination of listings (pledgewatch/site/paginate.py), the icons stylesheet, and what the
renderer does with them: bounded pages at stable addresses, entry links to the right page."""

from __future__ import annotations

import dataclasses
import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from pledgewatch.build import check
from pledgewatch.core import routes
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model
from pledgewatch.site import icons, render
from pledgewatch.site.mkdocs_run import TEMPLATES
from pledgewatch.site.paginate import anchor_map, page_path, page_url, paginate, relative_url
from tests.conftest import AS_OF, FIXTURE

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("base", "number", "path"), [
    ("updates.md", 1, "updates.md"),
    ("updates.md", 2, "updates/page/2.md"),
    ("pledges/index.md", 1, "pledges/index.md"),
    ("pledges/index.md", 3, "pledges/page/3.md"),
    ("status/kept.md", 2, "status/kept/page/2.md"),
    ("topics/content-moderation.md", 12, "topics/content-moderation/page/12.md"),
])
def test_page_path(base: str, number: int, path: str) -> None:
    assert page_path(base, number) == path


@pytest.mark.parametrize(("base", "number"), [("updates.md", 0), ("updates", 2)])
def test_page_path_refuses_what_is_no_page(base: str, number: int) -> None:
    with pytest.raises(ValueError, match=f"no page {number} of '{base}'"):
        page_path(base, number)


def test_urls_are_mkdocs_directory_urls() -> None:
    assert [page_url(p) for p in ("index.md", "updates.md", "pledges/index.md",
                                  "updates/page/2.md")] == ["", "updates/", "pledges/",
                                                            "updates/page/2/"]
    assert relative_url("updates/page/2.md", "updates.md") == "../../"
    assert relative_url("updates.md", "updates/page/2.md") == "page/2/"
    assert relative_url("updates/page/2.md", "updates/page/3.md") == "../3/"
    assert relative_url("pledges/page/2.md", "pledges/index.md") == "../../"
    assert relative_url("status/kept.md", "status/kept/page/2.md") == "page/2/"
    assert relative_url("updates.md", "updates.md") == "./"


def test_paginate_splits_in_order_and_keeps_an_empty_listing() -> None:
    pages = paginate(range(7), "quotes.md", 3)
    assert [(p.number, p.count, list(p.items), p.path, p.total) for p in pages] == [
        (1, 3, [0, 1, 2], "quotes.md", 7), (2, 3, [3, 4, 5], "quotes/page/2.md", 7),
        (3, 3, [6], "quotes/page/3.md", 7)]
    assert [p.title_suffix for p in pages] == ["", " (page 2 of 3)", " (page 3 of 3)"]
    empty = paginate([], "status/kept.md", 3)
    assert [(p.number, p.count, list(p.items), p.path) for p in empty] == [
        (1, 1, [], "status/kept.md")]
    assert empty[0].pager() == ""


def test_pager_links_prev_next_and_page_numbers() -> None:
    page = paginate(range(10), "updates.md", 1)[4]  # page 5 of 10
    assert page.pager() == (
        '<nav class="pw-pager" aria-label="Pages"><span class="pw-pager__where">Page 5 of 10'
        '</span> <a class="pw-pager__prev" rel="prev" href="../4/">Previous</a> '
        '<a href="../../" aria-label="Page 1">1</a> <span class="pw-pager__gap">…</span> '
        '<a href="../3/" aria-label="Page 3">3</a> <a href="../4/" aria-label="Page 4">4</a> '
        '<span class="pw-pager__current" aria-current="page">5</span> '
        '<a href="../6/" aria-label="Page 6">6</a> <a href="../7/" aria-label="Page 7">7</a> '
        '<span class="pw-pager__gap">…</span> <a href="../10/" aria-label="Page 10">10</a> '
        '<a class="pw-pager__next" rel="next" href="../6/">Next</a></nav>')
    first = paginate(range(2), "updates.md", 1)[0]
    assert first.pager() == (
        '<nav class="pw-pager" aria-label="Pages"><span class="pw-pager__where">Page 1 of 2'
        '</span> <span class="pw-pager__current" aria-current="page">1</span> '
        '<a href="page/2/" aria-label="Page 2">2</a> '
        '<a class="pw-pager__next" rel="next" href="page/2/">Next</a></nav>')


def test_icons_are_spans_drawn_by_one_stylesheet() -> None:
    assert icons.use("pencil") == ('<span class="pw-icon pw-icon--pencil" '
                                   'aria-hidden="true"></span>')
    css = icons.stylesheet()
    for name in icons.NAMES:
        assert css.count(f".pw-icon--{name} {{ --pw-icon: url(\"data:image/svg+xml,%3Csvg ") == 1
    with pytest.raises(ValueError, match="icon 'nope' is not in icons.NAMES"):
        icons.use("nope")


def _pages(config) -> dict[str, str]:
    records, problems = check(config)
    assert problems == []
    return render.Renderer(build_model(records, config, AS_OF), TEMPLATES).pages()


def _unpaginated_paths(model) -> set[str]:
    """Every page address before pagination: a listing was one page."""
    return ({"index.md", "about.md", "corrections.md", "pledges/index.md", "actors/index.md",
             "deadlines.md", "updates.md", "quotes.md", "sources.md", "topics/index.md"}
            | {f"pledges/{i}.md" for i in model.pledges} | {f"actors/{i}.md" for i in model.actors}
            | {f"status/{c}.md" for c in model.pledges_by_status()}
            | {f"topics/{t}.md" for t in model.topics()})


@pytest.mark.skipif(not (ROOT / "content").is_dir(), reason="no real content in this checkout")
def test_real_content_keeps_every_page_address() -> None:
    config = load_config(ROOT / "site_config.yml")
    records, problems = check(config)
    assert [p for p in problems if p.severity == "error"] == []
    model = build_model(records, config, AS_OF)
    pages = render.Renderer(model, TEMPLATES).pages()
    assert set(pages) == _unpaginated_paths(model)
    assert not any("pw-pager" in text for text in pages.values())


def test_small_pages_split_listings_and_link_entries_to_their_page() -> None:
    config = dataclasses.replace(load_config(FIXTURE / "site_config.yml"), page_size=1)
    pages = _pages(config)
    later = sorted(p for p in pages if "/page/" in p)
    # The fixture has 3 actors, 2 deadlines, 2 pledges (both about transport), 2 quotes,
    # 3 sources, 5 events and one pledge of each status it uses; the mayor made both
    # pledges, both made to the union (test_actor_pages.py).
    assert later == ["actors/ada-mayor/page/2.md", "actors/page/2.md", "actors/page/3.md",
                     "actors/residents-union/page/2.md", "deadlines/page/2.md",
                     "pledges/page/2.md", "quotes/page/2.md", "sources/page/2.md",
                     "sources/page/3.md", "topics/transport/page/2.md", "updates/page/2.md",
                     "updates/page/3.md", "updates/page/4.md", "updates/page/5.md"]
    assert 'title: "Updates (page 2 of 5)"' in pages["updates/page/2.md"]
    assert '<a class="pw-pager__prev" rel="prev" href="../../">' in pages["updates/page/2.md"]
    # Each source's [details] link goes to the page of the bibliography that holds it.
    holder = {p: t for p, t in pages.items() if p.startswith("sources")}
    linked = 0
    for link_path, text in pages.items():
        here = routes.page_url(link_path) or "."
        for href, anchor in re.findall(r'href="([^"#:]*)#([^"]+)"', text):
            url = posixpath.normpath(posixpath.join(here, href))
            if url != "sources" and not url.startswith("sources/page/"):
                continue
            page = "sources.md" if url == "sources" else url + ".md"
            assert f'id="{anchor}"' in holder[page], (link_path, page, anchor)
            linked += page != "sources.md"
    assert linked > 0  # some links do go to later pages


def test_anchored_listings_map_later_ids_to_their_page() -> None:
    records = [SimpleNamespace(id=i) for i in ("a", "b-c", "d")]
    pages = paginate(records, "sources.md", 1, anchored=True)
    assert anchor_map(pages) == ("sources/anchors.json", '{"b-c":"page/2/","d":"page/3/"}')
    assert anchor_map(paginate(records, "sources.md", 3, anchored=True)) is None
    assert 'fetch("anchors.json")' in pages[0].pager()
    assert "<script>" not in pages[1].pager()
    assert "<script>" not in paginate(records, "updates.md", 1)[0].pager()

