"""The listing pages' records and pages, for :class:`render.Renderer`: which records each
listing shows and in what order (which decides on which page each one is), its pages
(:mod:`paginate`), and where a deadline's, quote's or source's entry is."""

from __future__ import annotations

from markupsafe import Markup

from pledgewatch.core import routes, text
from pledgewatch.site.paginate import Page, paginate, paginate_sections

ANCHORED = {kind: routes.page(kind) for kind in ("deadlines", "quotes", "sources")}
"""Kinds shown as entries of a listing rather than on pages of their own: links to one go to
the page of its listing that holds it, at its id."""

PAGINATED = ("pledge-index", "actor-index", "deadlines", "updates", "quotes", "sources")
"""The routes of top-level listings, shown ``page_size`` records a page (with each status's
and each topic's listing)."""

ACTOR_SECTIONS = ("made", "received", "said", "mentioned", "published")
"""The lists of an actor's page, in page order, each shown ``page_size`` entries a page:
pledges made by the actor, pledges made to it, quotes it said, quotes mentioning it, sources
it published (:meth:`ListingPages.actor_pages`)."""


class ListingPages:
    """Mixed into :class:`render.Renderer` (which provides ``model``, ``render_page``,
    ``_sort``, ``quote_groups``, ``source_groups`` and the page being rendered, ``_page`` and
    ``_html``)."""

    def index_entries(self) -> None:
        """Note the page of each deadline's, quote's and source's entry (see :meth:`entry`)."""
        self._entry_pages: dict[tuple[str, str], str] = {}
        for kind, base in ANCHORED.items():
            for page in self.paged(base):
                self._entry_pages.update(((kind, r.id), page.path) for r in page.items)

    def listing(self, base: str) -> list:
        """The records of the top-level listing at Markdown path ``base``, in listing order
        (the order the pages show them in, which decides on which page each one is)."""
        m, sort = self.model, self._sort
        return {
            "pledge-index": lambda: sort(m.pledges.values(), attribute="made_on,title"),
            "actor-index": lambda: sort(m.actors.values(), attribute="name"),
            "deadlines": lambda: sort(m.deadlines.values(), attribute="due,id"),
            "updates": lambda: m.events,
            # In the order of the pages' groups, so each page holds whole runs of a group.
            "quotes": lambda: [q for group in self.quote_groups()
                               for _, quotes in group.speakers for q in quotes],
            "sources": lambda: [s for _, group in self.source_groups() for s in group],
        }[next(name for name in PAGINATED if routes.page(name) == base)]()

    def paged(self, base: str, items=None) -> list[Page]:
        """The pages of the listing at ``base``: :meth:`listing`'s records, or ``items``."""
        records = self.listing(base) if items is None else items
        return paginate(records, base, self.model.config.page_size,
                        anchored=base in ANCHORED.values())

    def actor_pages(self, actor) -> list[Page]:
        """The pages of an actor's page (issue 16, every page bounded): page n holds the nth
        ``page_size`` entries of each of :data:`ACTOR_SECTIONS` that still has some, as
        ``(section, entries)`` pairs (:func:`paginate.paginate_sections`); page 1 is at the
        actor's address, page n at ``actors/<id>/page/<n>/``."""
        m, actor_id = self.model, actor.id
        found = dict(zip(ACTOR_SECTIONS, (
            m.pledges_made_by(actor_id), m.pledges_made_to(actor_id), m.quotes_by(actor_id),
            m.quotes_mentioning(actor_id), m.sources_published_by(actor_id)), strict=True))
        return paginate_sections(found, routes.page("actors", actor_id),
                                 self.model.config.page_size)

    def entry(self, kind: str, record_id: str) -> Markup:
        """The link target of a deadline's, quote's or source's entry: the page of its listing
        that holds it, at its id; relative to the page being rendered on an HTML page
        (``../../sources/page/3/#some-id``), ``/sources/page/3.md#some-id`` on a Markdown page
        (see :mod:`page_markup`)."""
        page, anchor = self._entry_pages[kind, record_id], text.slug(record_id)
        if self._html:
            return Markup(routes.relative(self._page, f"{routes.page_url(page)}#{anchor}"))
        return Markup(f"/{page}#{anchor}")

    def render_pages(self, template: str, pages: list[Page], **context) -> dict[str, str]:
        """Each page of a listing rendered with ``template`` (a name for
        ``render_page``), which gets the page as
        ``pager`` (its ``items``, ``total``, ``title_suffix`` and ``pager()`` links) and
        ``rows``, the records on it: Markdown path -> text."""
        return {page.path: self.render_page(page.path, template, pager=page, rows=page.items,
                                            **context)
                for page in pages}
