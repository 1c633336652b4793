"""The route table: where every page, feed and badge of the site lives (one place for each).

Each :class:`Route` declares once a page kind's source folder, its Markdown page path and URL,
its feed and badge, whether and under which title it is in the navigation, what the site search
indexes of it, and whether ``index`` is reserved among its ids. Pages, feeds, calendar, exports,
the MkDocs configuration, the search hook and the validator read it (the idea of Pelican's URL
settings). Adding a page kind is one entry here and one template.

Paths use ``{id}`` for the record's id (or a status code, or a topic). Page paths are relative
to MkDocs' docs folder (``pledges/{id}.md``); URLs and feed and badge paths are relative to the
site's root (``pledges/{id}/``), as MkDocs' ``use_directory_urls`` publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pledgewatch.core.wording import N_

# What the search index holds of a page (see pledgewatch.site.search_scope).
SEARCH_NOTHING = "nothing"
"""Listing pages: their entries belong to record pages."""
SEARCH_WHOLE = "whole"
"""Methodology and status definitions: what readers look up."""
SEARCH_QUOTED = "quoted"
"""Headings and quoted words only: a quote is found by what was said and who said it."""
SEARCH_LEAD = "lead"
"""A record page's title and everything above its first section."""
SEARCH_LEAD_TIMELINE = "lead+timeline"
"""A pledge page: its lead and each update of its timeline, without citations."""
SEARCH_TITLE = "title"
"""Other pages: the title and the first list of facts."""


@dataclass(frozen=True)
class Route:
    """One page kind of the site.

    ``name``: the route's key; for a record kind, its content folder (``pledges``).
    ``page``: the Markdown source path in MkDocs' docs folder; ``url``: the published address,
    both with ``{id}`` where a page or an entry is per record (or per status, per topic).
    ``folder``: the content folder whose records the route shows, or ``""``.
    ``nav``: the navigation title, or ``""`` when the page is reached through links only.
    ``feed``/``badge``: the path of the record's own Atom feed or status badge, or ``""``.
    ``search``: one of the ``SEARCH_*`` modes. ``reserved``: ids that would collide with the
    kind's listing page (``index`` for ``pledges/index.md``). ``ids``: the record fields, as
    ``KIND.FIELD``, whose values become this route's ``{id}`` (and so a file name).
    """

    name: str
    page: str
    url: str
    folder: str = ""
    nav: str = ""
    feed: str = ""
    badge: str = ""
    search: str = SEARCH_TITLE
    reserved: tuple[str, ...] = ()
    ids: tuple[str, ...] = ()

    @property
    def per_record(self) -> bool:
        """Whether the route has one page or entry per id (its paths hold ``{id}``)."""
        return "{id}" in self.page or "{id}" in self.url

    @property
    def own_page(self) -> bool:
        """Whether each id gets a page of its own (not an entry of a listing page)."""
        return "{id}" in self.page


ROUTES: tuple[Route, ...] = (
    Route("home", "index.md", "", nav=N_("Home")),
    Route("pledge-index", "pledges/index.md", "pledges/", nav=N_("Pledges"), search=SEARCH_NOTHING),
    Route("topic-index", "topics/index.md", "topics/", nav=N_("Topics"), search=SEARCH_NOTHING),
    Route("deadlines", "deadlines.md", "deadlines/#{id}", folder="deadlines", nav=N_("Deadlines"),
          search=SEARCH_NOTHING),
    Route("updates", "updates.md", "updates/", nav=N_("Updates"), search=SEARCH_NOTHING),
    Route("quotes", "quotes.md", "quotes/#{id}", folder="quotes", nav=N_("Quotes"),
          search=SEARCH_QUOTED),
    Route("sources", "sources.md", "sources/#{id}", folder="sources", nav=N_("Sources"),
          search=SEARCH_NOTHING),
    Route("actor-index", "actors/index.md", "actors/", nav=N_("People and organisations"),
          search=SEARCH_NOTHING),
    Route("data", "data.md", "data/", nav=N_("Open data")),
    Route("about", "about.md", "about/", nav=N_("About"), search=SEARCH_WHOLE),
    # Linked from every page's footer (templates/overrides/main.html), not from the navigation.
    Route("corrections", "corrections.md", "corrections/", search=SEARCH_WHOLE),
    Route("pledges", "pledges/{id}.md", "pledges/{id}/", folder="pledges",
          feed="pledges/{id}/atom.xml", badge="pledges/{id}/badge.svg",
          search=SEARCH_LEAD_TIMELINE, reserved=("index",), ids=("pledges.id", "pledges.aliases")),
    Route("actors", "actors/{id}.md", "actors/{id}/", folder="actors",
          feed="actors/{id}/atom.xml", search=SEARCH_LEAD, reserved=("index",),
          ids=("actors.id", "actors.aliases")),
    Route("status", "status/{id}.md", "status/{id}/", search=SEARCH_NOTHING),
    Route("topics", "topics/{id}.md", "topics/{id}/", search=SEARCH_NOTHING,
          reserved=("index",), ids=("pledges.topics",)),
)

BY_NAME: dict[str, Route] = {route.name: route for route in ROUTES}

SITE_FEEDS = {"rss": "feed.xml", "atom": "atom.xml"}
"""The site-wide feeds: RSS 2.0 and Atom (RFC 4287), one feed in two formats."""

CALENDAR = "deadlines.ics"
"""The deadlines calendar (RFC 5545)."""

DATA_FOLDER = "data/"
"""Where the open data (``records.json``, ``pledges.csv``) is published."""

SITEMAP = "sitemap.xml"
"""The sitemap index (sitemaps.org protocol 0.9), where search engines look for it."""

SITEMAP_PART = "sitemaps/pages-{n}.xml"
"""Each part of the sitemap the index lists, numbered from 1; at most 50,000 pages each."""


def route(name: str) -> Route:
    """The route called ``name``; raises ``KeyError`` for an unknown one."""
    return BY_NAME[name]


def page(name: str, record_id: str = "") -> str:
    """The Markdown source path of a page: ``page("pledges", "x")`` -> ``pledges/x.md``.

    For a record shown as an entry of a listing page, the listing's path."""
    return BY_NAME[name].page.format(id=record_id)


def url(name: str, record_id: str = "") -> str:
    """The site-relative address: ``url("pledges", "x")`` -> ``pledges/x/``;
    ``url("sources", "x")`` -> ``sources/#x``."""
    return BY_NAME[name].url.format(id=record_id)


def link(name: str, record_id: str = "") -> str:
    """A Markdown link target, absolute from the docs root, that MkDocs checks and rewrites:
    ``/pledges/x.md`` or ``/sources.md#x``."""
    r = BY_NAME[name]
    anchor = f"#{record_id}" if r.per_record and not r.own_page else ""
    return f"/{r.page.format(id=record_id)}{anchor}"


def feed(name: str, record_id: str) -> str:
    """Site-relative path of a record's own Atom feed (``pledges/x/atom.xml``)."""
    return BY_NAME[name].feed.format(id=record_id)


def badge(name: str, record_id: str) -> str:
    """Site-relative path of a record's status badge (``pledges/x/badge.svg``)."""
    return BY_NAME[name].badge.format(id=record_id)


def nav() -> list[dict[str, str]]:
    """MkDocs' ``nav``: the routes with a navigation title, in table order."""
    return [{r.nav: r.page} for r in ROUTES if r.nav]


def not_in_nav() -> str:
    """MkDocs' ``not_in_nav``: the per-record pages, the other pages without a navigation
    title and the later pages of paginated listings (``updates/page/2.md``, reached through
    the pager), as gitignore-style patterns."""
    folders = [r.page.split("{id}")[0] for r in ROUTES if r.own_page]
    single = [r.page for r in ROUTES if not r.nav and not r.per_record]
    return ("".join(f"/{folder}*.md\n" for folder in folders)
            + "".join(f"/{page}\n" for page in single) + "**/page/*.md\n")


def search_mode(src_uri: str) -> str:
    """What the search index holds of the page at ``src_uri`` (``pledges/x.md``): one of the
    ``SEARCH_*`` modes."""
    for r in ROUTES:
        if r.page == src_uri or (r.own_page and _matches(r.page, src_uri)):
            return r.search
    return SEARCH_TITLE


def _matches(pattern: str, src_uri: str) -> bool:
    before, after = pattern.split("{id}")
    middle = src_uri[len(before):len(src_uri) - len(after)]
    return (src_uri.startswith(before) and src_uri.endswith(after) and bool(middle)
            and "/" not in middle)


def record_pages() -> tuple[Route, ...]:
    """The routes of record kinds with a page of their own (pledges, actors)."""
    return tuple(r for r in ROUTES if r.folder and r.own_page)


def reserved_ids() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """``(kind, field)`` -> ``(folder, ids)``: the record fields whose values may not be one of
    ``ids``, because a listing page has that path in the route's folder (``pledges/index.md``)."""
    out = {}
    for r in ROUTES:
        for kind_field in r.ids if r.reserved else ():
            kind, field = kind_field.split(".")
            out[(kind, field)] = (r.page.split("/")[0], r.reserved)
    return out
