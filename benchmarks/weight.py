"""Reader weight: the bytes a first visit to a built page loads, counted from the built files.

A first visit loads the page's HTML and every stylesheet, script, icon and image it references,
the fonts and images those stylesheets reference (``url()`` and ``@import``), and what Material
for MkDocs' JavaScript fetches on load: when the page has Material's search form, the search
worker and the whole search index (``search/search_index.json``, plus lunr's language files for
languages other than English), and the ``sitemap.xml`` beside every ``<link rel=alternate>``
(Material reads them as the site in other languages and fetches their sitemaps). Links to
other pages and feeds are not loads. A reference with a host is a third-party request (no
host is ours: the built site only links relatively).

Sizes are given as stored and as a static host sends text with gzip (level 6: GitHub Pages
and most hosts compress HTML, CSS, JavaScript, JSON and SVG; images and fonts go as stored).
"""

from __future__ import annotations

import functools
import gzip
import json
import posixpath
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

_LOADED_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload",
                "modulepreload", "manifest"}
_CSS_REFS = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_ON_DEMAND = "search-on-demand.js"
_COMPRESSED_BY_HOSTS = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}


@dataclass
class Weight:
    """What a first visit to ``page`` loads: ``files`` maps site-relative paths to bytes
    stored, ``gzipped`` to bytes sent compressed; ``third_party`` lists references with a
    host; ``missing`` lists references to files the build does not contain."""

    page: str
    files: dict[str, int] = field(default_factory=dict)
    gzipped: dict[str, int] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())

    @property
    def total_gzipped(self) -> int:
        return sum(self.gzipped.values())


class _References(HTMLParser):
    """Collects the URLs an HTML page loads by itself, and Material's configuration."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.alternates: list[str] = []
        self.search_form = False
        self.search_on_demand = False
        self.material_config: dict = {}
        self.inline_css: list[str] = []
        self._in = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rels = set(a.get("rel", "").lower().split()) if tag == "link" else set()
        if _LOADED_RELS & rels:
            self.urls.append(a.get("href", ""))
        if rels == {"alternate"}:  # what Material's link[rel=alternate] selects
            self.alternates.append(a.get("href", ""))
        elif tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get(
                "src"):
            self.urls.append(a["src"])
            self.search_on_demand |= a["src"].endswith(_ON_DEMAND)
        if tag in ("img", "source") and a.get("srcset"):
            self.urls += [c.strip().split()[0] for c in a["srcset"].split(",") if c.strip()]
        if tag == "form" and a.get("name") == "search":
            self.search_form = True
        self._in = ("config" if tag == "script" and a.get("id") == "__config" else
                    "style" if tag == "style" else "")

    def handle_endtag(self, tag: str) -> None:
        self._in = ""

    def handle_data(self, data: str) -> None:
        if self._in == "config":
            self.material_config = json.loads(data)
        elif self._in == "style":
            self.inline_css.append(data)


def first_visit(site: Path, page: str) -> Weight:
    """The weight of a first visit to ``page`` (a path relative to ``site``, e.g.
    ``pledges/x/index.html``), before the reader does anything."""
    weight, refs = _page_load(site, page)
    if refs.search_form and refs.material_config and not refs.search_on_demand:
        _add_search_index(weight, site, page, refs)
    return weight


PAGEFIND_RESULTS = 20
"""Results whose fragments a search loads (``LIMIT`` in assets/pledgewatch-search.js)."""


def first_search(site: Path, page: str) -> Weight:
    """The weight of a first visit to ``page`` on which the reader then opens search and
    searches one word: the first visit and, wherever it was held back, the search index;
    with a Pagefind bundle (site/search_index.py), its script, WebAssembly and metadata, the
    largest chunk of its index and the :data:`PAGEFIND_RESULTS` largest page fragments: an
    upper bound for a one-word search (each further word may add a chunk)."""
    weight, refs = _page_load(site, page)
    if refs.search_form and refs.material_config:
        _add_search_index(weight, site, page, refs)
        _add_pagefind(weight, site)
    return weight


def _add_pagefind(weight: Weight, site: Path) -> None:
    for path in _pagefind_files(site):
        _add(weight, site, path)


@functools.lru_cache(maxsize=4)
def _pagefind_files(site: Path) -> tuple[str, ...]:
    """The Pagefind files a one-word search fetches at most (see :func:`first_search`), once
    per site: listing 10,000 fragments for each of 10,000 pages took longer than the build."""
    bundle = site / "pagefind"
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return ()
    languages = json.loads(entry.read_bytes())["languages"].values()
    language = max(languages, key=lambda lang: lang["page_count"])
    paths = [bundle / "pagefind.js", entry, bundle / f"pagefind.{language['hash']}.pf_meta",
             bundle / f"wasm.{language['wasm']}.pagefind"]
    by_size = lambda folder: sorted(folder.iterdir(), key=lambda p: -p.stat().st_size)  # noqa: E731
    paths += by_size(bundle / "index")[:1] + by_size(bundle / "fragment")[:PAGEFIND_RESULTS]
    return tuple(path.relative_to(site).as_posix() for path in paths)


def _page_load(site: Path, page: str) -> tuple[Weight, _References]:
    weight = Weight(page)
    html = _add(weight, site, page)
    refs = _References()
    refs.feed(html.decode("utf-8"))
    here = posixpath.dirname(page)
    for css in refs.inline_css:
        for url in _css_urls(css):
            _follow(weight, site, here, url)
    for url in refs.urls:
        _follow(weight, site, here, url)
    if refs.search_form and refs.material_config:
        _follow(weight, site, here, refs.material_config.get("search", ""))  # the worker
    if refs.material_config:  # Material reads each alternate link as a language version
        for href in refs.alternates:
            _follow(weight, site, here, posixpath.join(posixpath.dirname(href), "sitemap.xml"))
    return weight, refs


def _add_search_index(weight: Weight, site: Path, page: str, refs: _References) -> None:
    here = posixpath.dirname(page)
    base = refs.material_config.get("base", ".")
    _follow(weight, site, here, posixpath.join(base, "search/search_index.json"))
    for lunr in _lunr_files(site):
        _follow(weight, site, here, posixpath.join(base, lunr))


def _lunr_files(site: Path) -> list[str]:
    """lunr's language support files the search worker imports (none for English alone)."""
    index = site / "search" / "search_index.json"
    if not index.is_file():
        return []
    langs = json.loads(index.read_bytes()).get("config", {}).get("lang", [])
    others = [lang for lang in langs if lang != "en"]
    if not others:
        return []
    files = ["assets/javascripts/lunr/min/lunr.stemmer.support.min.js"]
    files += [f"assets/javascripts/lunr/min/lunr.{lang}.min.js" for lang in others]
    return files + (["assets/javascripts/lunr/min/lunr.multi.min.js"] if len(langs) > 1 else [])


def _css_urls(css: str) -> list[str]:
    return [a or b for a, b in _CSS_REFS.findall(css)]


def _follow(weight: Weight, site: Path, here: str, url: str) -> None:
    if not url or url.startswith(("data:", "#")):
        return
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if url not in weight.third_party:
            weight.third_party.append(url)
        return
    path = posixpath.normpath(posixpath.join(here, parts.path))
    if path in weight.files or path in weight.missing:
        return
    if not (site / path).is_file():
        weight.missing.append(path)
        return
    data = _add(weight, site, path)
    if path.endswith(".css"):
        for ref in _css_urls(data.decode("utf-8", "replace")):
            _follow(weight, site, posixpath.dirname(path), ref)


def _add(weight: Weight, site: Path, path: str) -> bytes:
    file = site / path
    data = file.read_bytes()
    weight.files[path] = len(data)
    compressible = posixpath.splitext(path)[1] in _COMPRESSED_BY_HOSTS
    stat = file.stat()
    weight.gzipped[path] = (_gzipped(file, stat.st_size, stat.st_mtime_ns) if compressible
                            else len(data))
    return data


@functools.lru_cache(maxsize=256)
def _gzipped(file: Path, size: int, mtime_ns: int) -> int:
    """Bytes of ``file`` gzipped at level 6; remembered for the files every page loads
    (Material's CSS and JavaScript), keyed by size and time so a changed file is redone."""
    return len(gzip.compress(file.read_bytes(), 6, mtime=0))


_STATUS_ICON = re.compile(r'<span class="pw-status[^"]*">\s*(<svg\b.*?</svg>)', re.DOTALL)


def status_icon_bytes(html: str) -> tuple[int, int]:
    """``(badges, bytes)``: how many status badges the page has and the bytes of the inline
    SVG icons inside them."""
    icons = _STATUS_ICON.findall(html)
    return len(icons), sum(len(icon.encode("utf-8")) for icon in icons)
