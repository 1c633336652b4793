"""MkDocs hooks (``hooks:`` in the derived ``mkdocs.yml``): what the site search indexes.

Material's search fetches its whole index on every first visit to any page, so the index is
part of what each reader downloads, and it grows with every record. It holds what readers
search for: every page by its title; a pledge's or actor's page also by everything above its
first section (a pledge's status, statement and facts; an actor's role as described, kind and
organisations); the quotes page by its headings and the words quoted; the about page in full
(status definitions, sourcing rules). Timelines and citations are not indexed, nor are the other
listing pages (all pledges, deadlines, updates, sources, people, statuses, topics), whose
entries belong to record pages. Indexing whole pages put 11 MB in the index of a tracker of
1,000 pledges; this scope keeps it to titles, leads, facts and quoted words.

The pages themselves are unchanged: the hooks hand the search plugin a narrowed copy of the
page's HTML and give the page its full HTML back before the theme renders it.
"""

from __future__ import annotations

import re

from mkdocs.plugins import CombinedEvent, event_priority

LISTINGS = frozenset({"pledges/index.md", "actors/index.md", "deadlines.md", "updates.md",
                      "sources.md"})
"""Pages left out of the index: their entries are on the record pages."""

LISTING_FOLDERS = ("status/", "topics/")
"""Folders of listing pages (pledges by status, by topic), left out likewise."""

WHOLE = frozenset({"about.md"})
"""Pages indexed in full: methodology and status definitions are what readers look up."""

QUOTED = frozenset({"quotes.md"})
"""Pages indexed by their headings and quoted words only: a quote is found by what was said
(and by who said it, in its heading); its context and citation would double the index."""

_QUOTED_PARTS = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>|<blockquote>.*?</blockquote>", re.DOTALL)

_FULL_HTML = "_pledgewatch_full_html"
_LIST = re.compile(r"<ul>.*?</ul>", re.DOTALL)


def searchable(src_uri: str, html: str) -> str:
    """The part of a page's HTML that goes into the search index: for a pledge's or an
    actor's page everything before the first ``<h2>`` (title, statement or role, facts); for
    other pages their ``<h1>`` and the first list between that and the first ``<h2>``.

    ``src_uri`` is the page's source path (``pledges/x.md``).
    """
    if src_uri in WHOLE:
        return html
    if src_uri in QUOTED:
        return "".join(_QUOTED_PARTS.findall(html))
    if src_uri in LISTINGS or src_uri.startswith(LISTING_FOLDERS):
        return ""
    title_end = html.find("</h1>")
    if title_end < 0:
        return ""
    title_end += len("</h1>")
    lead_end = html.find("<h2", title_end)
    if src_uri.startswith(("actors/", "pledges/")):
        return html[:lead_end] if lead_end >= 0 else html
    facts = _LIST.search(html, title_end, lead_end if lead_end >= 0 else len(html))
    return html[:title_end] + (facts.group() if facts else "")


@event_priority(100)  # before Material's search plugin (priority 0) reads page.content
def _narrow(context, page, config, nav):
    setattr(page, _FULL_HTML, page.content)
    page.content = searchable(page.file.src_uri, page.content or "")
    return context


@event_priority(-100)  # after the search plugin, before the theme renders page.content
def _restore(context, page, config, nav):
    page.content = getattr(page, _FULL_HTML)
    delattr(page, _FULL_HTML)
    return context


on_page_context = CombinedEvent(_narrow, _restore)
