"""MkDocs hook (``hooks:`` in the derived ``mkdocs.yml``): pages already written as HTML skip
Python-Markdown.

A page whose front matter says ``html: true`` (the renderer writes it for every page of an
``NAME.html.j2`` template, :func:`page_markup.finish_html`) holds HTML as Python-Markdown with
our extensions (``tables``, ``attr_list``, ``md_in_html``, ``toc`` with permalinks) would
have written it, links already relative. Converting it again cost most of a build (about
three quarters of MkDocs' time at 1,000 pledges). For such a page, :func:`on_pre_page`
replaces the page's ``render`` by :func:`render_html`, which sets what ``Page.render`` sets
(MkDocs 1.6, ``mkdocs/structure/pages.py``): ``content`` (the body as it is), ``toc`` (from
the body's headings, which carry explicit ids and a permalink each), the title from the
first ``<h1>``, the ids the page holds and no links to check (our links come from the route
table; ``tests/test_site_links.py`` checks every link of a built site). Every other page,
a tracker's Markdown templates included, is converted as before. The hook needs nothing but
the page, so it works the same for a build of some pages only.
"""

from __future__ import annotations

import html
import re
import types

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_HEADING = re.compile(
    r'<h([1-6]) id="([^"]*)"[^>]*>(.*?)<a class="headerlink" href="#[^"]*"', re.S)
_TAG = re.compile(r"<[^>]*>")
_ID = re.compile(r'\sid="([^"]*)"')


def on_pre_page(page: Page, config, files) -> Page:
    """Give the page :func:`render_html` in place of ``Page.render``; it falls back to
    ``Page.render`` for a page without ``html: true``, known only once the source is read."""
    page.render = types.MethodType(render_html, page)  # type: ignore[method-assign]
    return page


def render_html(page: Page, config, files) -> None:
    """``Page.render`` for a page whose front matter says ``html: true``; ``Page.render``
    itself (Python-Markdown) for any other."""
    if page.meta.get("html") is not True:
        Page.render(page, config, files)
        return
    body = page.markdown or ""
    page.content = body
    headings = [(int(level), anchor, _TAG.sub("", inner).strip())
                for level, anchor, inner in _HEADING.findall(body)]
    page.toc = get_toc(toc_tokens(headings))
    page._title_from_render = next(  # type: ignore[attr-defined]
        (html.unescape(name) for level, _, name in headings if level == 1), None)
    page.present_anchor_ids = set(_ID.findall(body))
    page.links_to_anchors = {}


def toc_tokens(headings: list[tuple[int, str, str]]) -> list[dict]:
    """Python-Markdown ``toc`` tokens (``level``, ``id``, ``name``, ``children``) nested as
    its ``nest_toc_tokens`` nests them, from ``(level, id, name)`` in page order: each heading
    is a child of the nearest earlier heading of a lower level."""
    roots: list[dict] = []
    stack: list[dict] = []
    for level, anchor, name in headings:
        token = {"level": level, "id": anchor, "name": name, "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else roots).append(token)
        stack.append(token)
    return roots
