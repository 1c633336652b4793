"""Pagination of listing pages: bounded pages at stable addresses, and the pager between them.

A listing of N records becomes ceil(N / page_size) pages. Page 1 keeps the listing's own
address (``updates.md`` -> ``/updates/``), so every address that existed before pagination
still works; page n > 1 is ``<stem>/page/<n>.md`` (``/updates/page/2/``), the scheme Hugo and
Jekyll's paginators use. A record's page depends only on its place in the listing's order, so
the address of an entry changes only when records before it are added or removed.

The pager is plain HTML (a ``<nav>`` of links with ``rel="prev"``/``rel="next"`` and every page
number, HTML Living Standard 4.6.6 link types), usable without JavaScript. Its links are
relative, computed here the way MkDocs computes them with ``use_directory_urls``, because raw
HTML is not rewritten by MkDocs.

Deadlines, quotes and sources have no page of their own: their permalinks (feeds, open data,
calendar) are the listing's first page at the record's id (``/sources/#id``). The first page of
such a listing therefore carries a small script that, when the address names an id not on it,
looks the id up in ``anchors.json`` beside the listing (written by :func:`anchor_map`) and goes
to the page that holds it. Links within the site go to that page directly.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from pledgewatch.core import routes
from pledgewatch.core.text import slug
from pledgewatch.core.wording import words

_FIND_ANCHOR = (
    "<script>(function () { var id = decodeURIComponent(location.hash.slice(1)); "
    "if (!id || document.getElementById(id)) return; "
    'fetch("anchors.json").then(function (r) { return r.ok ? r.json() : {}; })'
    ".then(function (pages) { if (pages[id]) location.replace(pages[id] + location.hash); })"
    "; })();</script>")
"""Inline on the first page of an anchored listing: a permalink's id on a later page."""


def page_path(base: str, number: int) -> str:
    """The docs-relative Markdown path of page ``number`` (from 1) of the listing at ``base``.

    ``("updates.md", 1)`` -> ``updates.md``; ``("updates.md", 2)`` -> ``updates/page/2.md``;
    ``("pledges/index.md", 3)`` -> ``pledges/page/3.md``;
    ``("status/kept.md", 2)`` -> ``status/kept/page/2.md``. Raises ``ValueError`` for a
    number below 1 or a base that is not a ``.md`` path.
    """
    if number < 1 or not base.endswith(".md"):
        raise ValueError(f"no page {number} of {base!r}")
    if number == 1:
        return base
    stem = base[:-len(".md")]
    stem = stem[:-len("/index")] if stem.endswith("/index") or stem == "index" else stem
    return f"{stem}/page/{number}.md" if stem != "index" else f"page/{number}.md"


page_url = routes.page_url
"""The URL of a Markdown path (:func:`pledgewatch.core.routes.page_url`)."""


def relative_url(from_path: str, to_path: str) -> str:
    """The relative link from the page at Markdown path ``from_path`` to the one at
    ``to_path`` (both docs-relative): ``("updates/page/2.md", "updates.md")`` -> ``../../``."""
    return routes.relative(from_path, routes.page_url(to_path))


@dataclass(frozen=True)
class Page:
    """One page of a listing: its ``number`` (from 1) of ``count``, its ``items`` (a slice of
    the listing), its Markdown ``path`` and the listing's ``base`` path (page 1)."""

    number: int
    count: int
    items: Sequence[Any]
    path: str
    base: str
    total: int
    anchored: bool = False

    @property
    def title_suffix(self) -> str:
        """`` (page 2 of 7)`` for front-matter titles; empty for the first page."""
        if self.number == 1:
            return ""
        return " " + words("page.suffix", number=self.number, count=self.count)

    def href(self, number: int) -> str:
        """The relative link from this page to page ``number`` of the same listing."""
        return relative_url(self.path, page_path(self.base, number))

    def pager(self) -> Markup:
        """The pager as HTML, or nothing when the listing fits on one page. The current page
        is marked ``aria-current="page"``; first and last pages are always listed, others
        within two of the current one, with an ellipsis for each gap."""
        if self.count == 1:
            return Markup("")
        parts = []
        if self.number > 1:
            previous = self.href(self.number - 1)
            parts.append(f'<a class="pw-pager__prev" rel="prev" href="{previous}">'
                         f'{escape(words("page.previous"))}</a>')
        last = 0
        for n in self._shown():
            if n > last + 1:
                parts.append('<span class="pw-pager__gap">…</span>')
            if n == self.number:
                parts.append(f'<span class="pw-pager__current" aria-current="page">{n}</span>')
            else:
                label = escape(words("page.label", number=n))
                parts.append(f'<a href="{self.href(n)}" aria-label="{label}">{n}</a>')
            last = n
        if self.number < self.count:
            parts.append(f'<a class="pw-pager__next" rel="next" '
                         f'href="{self.href(self.number + 1)}">{escape(words("page.next"))}</a>')
        script = _FIND_ANCHOR if self.anchored and self.number == 1 else ""
        where = words("page.where", number=self.number, count=self.count)
        return Markup(f'<nav class="pw-pager" aria-label="{escape(words("page.nav"))}">'
                      f'<span class="pw-pager__where">{escape(where)}</span> '
                      + " ".join(parts) + script + "</nav>")

    def _shown(self) -> list[int]:
        near = range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)
        return sorted({1, self.count, *near})


def paginate(items: Sequence[Any], base: str, size: int, anchored: bool = False) -> list[Page]:
    """Split ``items`` (in listing order) into pages of at most ``size`` (>= 1) items for the
    listing at Markdown path ``base``. An empty listing is one empty page, so its address
    still answers. ``anchored``: its records' permalinks are ids on the first page."""
    items = list(items)
    count = max(1, -(-len(items) // size))
    return [Page(n, count, items[(n - 1) * size:n * size], page_path(base, n), base, len(items),
                 anchored) for n in range(1, count + 1)]


def paginate_sections(sections: dict[str, Sequence[Any]], base: str,
                      size: int) -> list[Page]:
    """Pages of a record page that lists several things at once (an actor's pledges made,
    pledges made to it, quotes...): page n holds the nth slice of at most ``size`` (>= 1)
    entries of each list in ``sections`` (name -> entries, in order), so the page count is
    the longest list's. Each page's ``items`` are ``(name, slice)`` pairs, in the order of
    ``sections``, for the lists that still have entries on it; ``total`` is the longest
    list's length. With no entries at all, one page without sections."""
    lists = {name: list(entries) for name, entries in sections.items()}
    longest = max((len(entries) for entries in lists.values()), default=0)
    count = max(1, -(-longest // size))
    return [Page(n, count, [(name, entries[(n - 1) * size:n * size])
                            for name, entries in lists.items() if entries[(n - 1) * size:]],
                 page_path(base, n), base, longest)
            for n in range(1, count + 1)]


def anchor_map(pages: list[Page]) -> tuple[str, str] | None:
    """``anchors.json`` of an anchored listing: its docs-relative path beside the first page
    and its JSON text, mapping the slug of each record id (``.id``) on a later page to that
    page's address relative to the first (``{"some-id": "page/3/"}``); ``None`` when the
    listing has one page."""
    if len(pages) == 1:
        return None
    first = pages[0]
    found = {slug(r.id): relative_url(first.path, p.path) for p in pages[1:] for r in p.items}
    text = json.dumps(found, sort_keys=True, separators=(",", ":"))
    return page_url(first.path) + "anchors.json", text
