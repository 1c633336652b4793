"""Every link of a built site leads to a page that exists, and to an id that page holds.

Pages written as HTML (``*.html.j2``) skip Python-Markdown, and with it MkDocs' checks of
their links (``validation.links``) and anchors: their links come from the route table
(``routes.relative``). This checks them all, in the site as published: each relative
``href``/``src`` in a page's article resolves to a file of the site, and its ``#fragment`` to
an id of that page (or, on an anchored listing, to a page that ``anchors.json`` names).
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

_ARTICLE = re.compile(r"<article.*?</article>", re.S)
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def _target(site: Path, page: str, link: str) -> tuple[str, str] | None:
    """The site-relative file and the fragment ``link`` on ``page`` leads to; ``None`` for a
    link that leaves the site."""
    if re.match(r"[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
        return None
    path, _, fragment = link.partition("#")
    here = posixpath.dirname(page)
    resolved = posixpath.normpath(posixpath.join(here, path)) if path else page
    if (site / resolved).is_dir():
        resolved = posixpath.join(resolved, "index.html")
    return resolved.removeprefix("./"), fragment


def broken_links(site: Path) -> list[str]:
    """``PAGE: LINK`` for each link of a page's article (every ``index.html`` of ``site``)
    whose file is missing, or whose fragment names no id of the page it leads to."""
    ids: dict[str, set[str]] = {}

    def ids_of(relpath: str) -> set[str]:
        if relpath not in ids:
            ids[relpath] = set(_ID.findall((site / relpath).read_text(encoding="utf-8")))
        return ids[relpath]

    broken = []
    for file in sorted(site.rglob("index.html")):
        page = file.relative_to(site).as_posix()
        for article in _ARTICLE.findall(file.read_text(encoding="utf-8")):
            for link in _LINK.findall(article):
                target = _target(site, page, link)
                if target is None:
                    continue
                relpath, fragment = target
                if relpath.startswith("..") or not (site / relpath).is_file():
                    broken.append(f"{page}: {link}")
                elif fragment and relpath.endswith(".html") and fragment not in ids_of(relpath):
                    anchors = site / posixpath.dirname(relpath) / "anchors.json"
                    elsewhere = anchors.is_file() and fragment in json.loads(anchors.read_text())
                    if not elsewhere:
                        broken.append(f"{page}: {link}")
    return broken


def test_every_link_of_the_built_site_leads_somewhere(built_site: Path) -> None:
    assert (built_site / "pledges" / "fix-the-bridge" / "index.html").is_file()
    assert broken_links(built_site) == []


def test_a_missing_page_or_id_is_caught(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "pledges" / "x").mkdir(parents=True)
    (site / "actors" / "y").mkdir(parents=True)
    (site / "actors" / "y" / "index.html").write_text('<h2 id="made">M</h2>', encoding="utf-8")
    (site / "pledges" / "x" / "index.html").write_text(
        '<article><a href="../../actors/y/#made">ok</a> <a href="../../actors/y/#gone">id</a> '
        '<a href="../../actors/z/">page</a> <img src="badge.svg"> <a href="#top">here</a> '
        '<a href="https://example.org/#x">out</a></article><p id="top"></p>', encoding="utf-8")
    assert broken_links(site) == ["pledges/x/index.html: ../../actors/y/#gone",
                                  "pledges/x/index.html: ../../actors/z/",
                                  "pledges/x/index.html: badge.svg"]


def test_an_html_page_keeps_its_table_of_contents_and_title(built_site: Path) -> None:
    page = (built_site / "pledges" / "fix-the-bridge" / "index.html").read_text(encoding="utf-8")
    assert "<title>Fix the old bridge by the end of March - Fixture Watch</title>" in page
    toc = page[page.index('<nav class="md-nav md-nav--secondary"'):]
    toc = toc[:toc.index('<div class="md-content"')]
    assert re.findall(r'href="(#[^"]*)"', toc) == [
        "#timeline", "#deadlines", "#evidence", "#update-2024-03-01", "#update-2024-01-10",
        "#what-was-said", "#browse", "#cite", "#badge"]
