"""MkDocs hooks (``hooks:`` in the derived ``mkdocs.yml``): what the site search indexes.

Material's search downloads its whole index before the first search (``search-on-demand.js``
holds that download until a reader opens search), so the index should hold what readers
search for and little else: every page by its title; a pledge's or actor's page also by
everything above its first section (a pledge's status, statement and facts; an actor's role as
described, kind and organisations); a pledge's timeline, each update its own entry that leads
to the update, without its citations; the quotes page by its headings and the words quoted;
the about page in full (status definitions, sourcing rules). Citations are not indexed, nor are
the listing pages (all pledges, deadlines, updates, sources, people, statuses, topics), whose
entries belong to record pages. Indexing whole pages put 11 MB in the index of a tracker of
1,000 pledges.

The pages themselves are unchanged: the hooks hand the narrowed copy of each page's HTML to
the Pagefind index (:mod:`search_index`), give Material's search plugin nothing to index (its
``search_index.json`` keeps only its configuration) and give the page its full HTML back before
the theme renders it.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from pledgewatch.core import routes
from pledgewatch.site import search_index

_QUOTED_PARTS = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>|<blockquote>.*?</blockquote>", re.DOTALL)

_TIMELINE = '<h2 id="evidence"'  # the updates, one <h3> each
_CITATIONS = re.compile(r"<p><strong>Sources?:</strong>.*?</p>", re.DOTALL)

_METER = re.compile(r'<ol[^>]*class="pw-meter".*?</ol>\s*', re.DOTALL)
"""A pledge's status meter names all six statuses: indexed, every pledge would match them."""

_FULL_HTML = "_pledgewatch_full_html"
_PAGE_N = re.compile(r"/page/[0-9]+\.md$")
_LIST = re.compile(r"<ul>.*?</ul>", re.DOTALL)


def searchable(src_uri: str, html: str) -> str:
    """The part of a page's HTML that goes into the search index: for a pledge's or an
    actor's page everything before the first ``<h2>`` (title, statement or role, facts), and
    for a pledge its updates (:func:`_timeline`) and not its status meter; for other pages
    their ``<h1>`` and the first list between that and the first ``<h2>``.

    ``src_uri`` is the page's source path (``pledges/x.md``); what is kept of it is the
    page's route's ``search`` mode (:mod:`pledgewatch.core.routes`). A later page of a
    paginated listing (``updates/page/2.md``, see :mod:`paginate`) is indexed as its first
    page is; a later page of an actor's page (``actors/x/page/2.md``) not at all: its
    profile is on the first page and its entries on their own pages, and its title alone
    would be one more result for the actor's name.
    """
    first = first_page(src_uri)
    mode = routes.search_mode(first)
    if first != src_uri and mode in (routes.SEARCH_LEAD, routes.SEARCH_LEAD_TIMELINE):
        return ""
    if mode == routes.SEARCH_WHOLE:
        return html
    if mode == routes.SEARCH_QUOTED:
        return "".join(_QUOTED_PARTS.findall(html))
    if mode == routes.SEARCH_NOTHING:
        return ""
    title_end = html.find("</h1>")
    if title_end < 0:
        return ""
    title_end += len("</h1>")
    lead_end = _first(html, ("<h2", "<hr"), title_end)  # a section, or the edit link's rule
    if mode in (routes.SEARCH_LEAD, routes.SEARCH_LEAD_TIMELINE):
        lead = _METER.sub("", html[:lead_end] if lead_end >= 0 else html)
        return lead + _timeline(html) if mode == routes.SEARCH_LEAD_TIMELINE else lead
    facts = _LIST.search(html, title_end, lead_end if lead_end >= 0 else len(html))
    return html[:title_end] + (facts.group() if facts else "")


def first_page(src_uri: str) -> str:
    """The first page of the listing that ``src_uri`` is a later page of, else ``src_uri``:
    ``updates/page/2.md`` -> ``updates.md``, ``pledges/page/3.md`` -> ``pledges/index.md``,
    ``actors/x/page/2.md`` -> ``actors/x.md`` (an actor's later page: its lead is its
    heading)."""
    if not _PAGE_N.search(src_uri):
        return src_uri
    stem = _PAGE_N.sub("", src_uri)
    index = f"{stem}/index.md"
    return index if any(r.page == index for r in routes.ROUTES) else f"{stem}.md"


def _first(html: str, marks: tuple[str, ...], start: int) -> int:
    """Where the first of ``marks`` occurs in ``html`` from ``start``, or -1."""
    found = [i for i in (html.find(m, start) for m in marks) if i >= 0]
    return min(found) if found else -1


def _timeline(html: str) -> str:
    """A pledge page's updates from its timeline section (each update's ``<h3>``, status and
    summary), without the citations."""
    start = html.find(_TIMELINE)
    if start < 0:
        return ""
    end = html.find("<h2", start + len(_TIMELINE))
    end = end if end >= 0 else len(html)
    first_update = html.find("<h3", start, end)  # the section heading alone says nothing
    return _CITATIONS.sub("", html[first_update:end]) if first_update >= 0 else ""


_pages: search_index.Pages | None = None
"""The narrowed pages of the build under way."""


def on_pre_build(config) -> None:
    global _pages
    _pages = search_index.Pages(config["theme"]["language"])


@event_priority(100)  # before Material's search plugin (priority 0) reads page.content
def _narrow(context, page, config, nav):
    setattr(page, _FULL_HTML, page.content)
    narrowed = searchable(page.file.src_uri, page.content or "")
    if narrowed and _pages is not None:
        _pages.add(page.url, narrowed)
    page.content = ""  # Material's index keeps only its configuration (search_index.py)
    return context


@event_priority(-100)  # after the search plugin, before the theme renders page.content
def _restore(context, page, config, nav):
    page.content = getattr(page, _FULL_HTML)
    delattr(page, _FULL_HTML)
    return context


on_page_context = CombinedEvent(_narrow, _restore)


@event_priority(-100)  # after Material's search plugin has written its index
def on_post_build(config) -> None:
    global _pages
    site_dir = Path(config["site_dir"])
    search_index.empty_material_index(site_dir)
    if _pages is not None:
        pages, _pages = _pages, None
        pages.write(site_dir)
