"""Stage 4, render: Jinja2 templates -> Markdown pages, written into a build folder.

Every ``{{ ... }}`` output passes through :func:`text.inline` unless our own code marked it
safe (``Markup``), so a template cannot forget to escape a record's text. Links between pages
are Markdown links to the ``.md`` sources, absolute from the docs root; MkDocs checks and
rewrites them to relative URLs, so the site works under any sub-path.
"""

from __future__ import annotations

import datetime as dt
import functools
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from pledgewatch.core import routes, text
from pledgewatch.core.schema import STATUS_DEFINITIONS, STATUS_LABELS
from pledgewatch.core.text import long_date
from pledgewatch.outputs import calendar_ics, feeds
from pledgewatch.records.model import DeadlineState, Model
from pledgewatch.site import badges, charts, icons
from pledgewatch.site.badges import STATUS_ICONS
from pledgewatch.site.paginate import Page, anchor_map, paginate, relative_url

ANCHORED = {kind: routes.page(kind) for kind in ("deadlines", "quotes", "sources")}
"""Kinds shown as entries of a listing rather than on pages of their own: links to one go to
the page of its listing that holds it, at its id."""

HOME_LIST = 10
"""The most overdue and upcoming deadlines the home page lists (the first of each, in the
model's order); the rest are on the deadlines pages, so the home page stays bounded."""

PAGINATED = ("pledge-index", "actor-index", "deadlines", "updates", "quotes", "sources")
"""The routes of top-level listings, shown ``page_size`` records a page (with each status's
and each topic's listing)."""


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    if isinstance(value, dt.date):
        return long_date(value)
    return text.inline(value) if value is not None else ""


LISTING_TEMPLATES = {"home": "home.md.j2", "pledge-index": "pledges.md.j2",
                     "actor-index": "actors.md.j2", "deadlines": "deadlines.md.j2",
                     "updates": "updates.md.j2", "quotes": "quotes.md.j2",
                     "sources": "sources.md.j2", "about": "about.md.j2",
                     "topic-index": "topics.md.j2"}
"""The template of each page of the route table that is not per record."""


def topic_label(topic: str) -> str:
    """A topic id as readers see it: ``content-moderation`` -> ``content moderation``."""
    return topic.replace("-", " ")


class Renderer:
    """Renders the model's pages with the templates in ``templates/pages``."""

    def __init__(self, model: Model, template_dir: Path):
        self.model = model
        self._citations: dict[str, Markup] = {}  # a source is cited on several pages
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(template_dir / "pages"),
            autoescape=False,  # the output is Markdown; _finalize escapes instead
            finalize=_finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(paras=text.paragraphs, attr=text.attribute, date=long_date,
                                id=text.slug, topic=topic_label)
        self.env.globals.update(
            m=model, cfg=model.config, as_of=model.as_of, link=self.link, links=self.links,
            cite_link=self.cite_link, citations=self.citations,
            state_for=self.state_for, source=self.source, status=self.status, state=self.state,
            html_link=self.html_link, HOME_LIST=HOME_LIST,
            STATUS_LABELS=STATUS_LABELS, STATUS_DEFINITIONS=STATUS_DEFINITIONS, icon=icons.use,
            edit=self.edit, pledge_table=self.pledge_table, topic_link=self.topic_link,
            status_chart=self.status_chart, months_chart=self.months_chart,
            month_name=charts.month_name, permalink=self.permalink, badge=self.badge,
            entry=self.entry)
        # Feed autodiscovery front matter and calendar links (feeds.py, calendar_ics.py).
        self.env.globals.update(
            feed_front_matter=functools.partial(feeds.front_matter, model),
            has_feed=functools.partial(feeds.has_feed, model),
            calendar_links=calendar_ics.subscribe_links(model.config))
        self._sort = functools.partial(jinja2.filters.do_sort, self.env)
        self._here = "index.md"  # the page being rendered, for links in raw HTML
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
            "quotes": lambda: sort(m.quotes.values(), attribute="said_on,id"),
            "sources": lambda: sort(m.sources.values(), attribute="published,id", reverse=True),
        }[next(name for name in PAGINATED if routes.page(name) == base)]()

    def paged(self, base: str, items=None) -> list[Page]:
        """The pages of the listing at ``base``: :meth:`listing`'s records, or ``items``."""
        records = self.listing(base) if items is None else items
        return paginate(records, base, self.model.config.page_size,
                        anchored=base in ANCHORED.values())

    def entry(self, kind: str, record_id: str) -> Markup:
        """The Markdown link target of a deadline's, quote's or source's entry: the page of
        its listing that holds it, at its id (``/sources/page/3.md#some-id``)."""
        return Markup(f"/{self._entry_pages[kind, record_id]}#{text.slug(record_id)}")

    def link(self, kind: str, record_id: str, label: str | None = None) -> Markup:
        """A Markdown link to a record's page (``kind`` is ``pledges`` or ``actors``)."""
        record = getattr(self.model, kind)[record_id]
        name = label or getattr(record, "title", None) or record.name
        return Markup(f"[{text.inline(name)}]({routes.link(kind, record_id)})")

    def href(self, path: str) -> str:
        """The relative URL from the page being rendered to the docs-relative Markdown page
        ``path``, for links in raw HTML, which MkDocs does not rewrite."""
        return relative_url(self._here, path)

    def html_link(self, kind: str, record_id: str) -> Markup:
        """An HTML link to a record's page (``kind`` is ``pledges`` or ``actors``)."""
        record = getattr(self.model, kind)[record_id]
        name = getattr(record, "title", None) or record.name
        return Markup(f'<a href="{self.href(routes.page(kind, record_id))}">'
                      f"{text.inline(name)}</a>")

    def links(self, kind: str, record_ids) -> Markup:
        """Comma-separated :meth:`link` s."""
        return Markup(", ").join(self.link(kind, i) for i in record_ids)

    def cite_link(self, kind: str, record_id: str) -> Markup:
        """A link to whatever cites a source: a pledge, quote, deadline or source entry."""
        if kind in ("pledges", "actors"):
            return self.link(kind, record_id)
        return Markup(f"[{text.inline(self._cited_by_label(kind, record_id))}]"
                      f"({self.entry(kind, record_id)})")

    def _cited_by_label(self, kind: str, record_id: str) -> str:
        """``quote by NAME, DATE``, ``deadline “TITLE”`` or ``source “TITLE”``."""
        if kind == "quotes":
            quote = self.model.quotes[record_id]
            name = self.model.actors[quote.speaker].name
            return f"quote by {name}, {long_date(quote.said_on)}"
        record = getattr(self.model, kind)[record_id]
        return f"{kind[:-1]} \u201c{record.title}\u201d"

    def citations(self, source_ids) -> Markup:
        """``source`` citations joined by semicolons."""
        return Markup("; ").join(self.source(s) for s in source_ids)

    def source(self, source_id: str) -> Markup:
        """A citation: linked title, publisher, date, and a link to its bibliography entry."""
        cached = self._citations.get(source_id)
        if cached is not None:
            return cached
        s = self.model.sources[source_id]
        title = text.inline(s.title)
        if s.url:
            title = Markup(f'<a href="{text.inline(s.url)}">{title}</a>')
        cited = self._citations[source_id] = Markup(
            f"{title} ({text.inline(s.publisher)}, {long_date(s.published)}) "
            f"[&#91;details&#93;]({self.entry('sources', source_id)})")
        return cited

    def status(self, code: str, linked: bool = True, html: bool = False) -> Markup:
        """Status as icon plus words, never colour alone; linked (unless ``linked`` is false)
        to the status's page, which opens with its definition and lists its pledges; the link
        is HTML rather than Markdown with ``html`` (inside raw HTML)."""
        pill = Markup(
            f'<span class="pw-status pw-status--{code}">{icons.use(STATUS_ICONS[code])}'
            f" {text.inline(STATUS_LABELS[code])}</span>")
        if not linked:
            return pill
        if html:
            page = routes.page("status", text.slug(code))
            return Markup(f'<a href="{self.href(page)}">{pill}</a>')
        return Markup(f"[{pill}]({routes.link('status', text.slug(code))})")

    def topic_link(self, topic: str) -> Markup:
        """A Markdown link to a topic's page, labelled in words."""
        return Markup(f"[{text.inline(topic_label(topic))}]"
                      f"({routes.link('topics', text.slug(topic))})")

    def pledge_table(self, pledges) -> Markup:
        """The pledge listing table (pledge, made by, made on, deadline state, status) used by
        the index and every listing page; ``templates/assets/pledgewatch.css`` lays its rows
        out as cards on narrow screens and names the columns in the same order."""
        return Markup(self.render("_pledge_table.html.j2", rows=list(pledges)))

    def status_chart(self) -> Markup:
        """The home page's scoreboard chart (an inline SVG figure)."""
        counts = {code: len(items) for code, items in self.model.pledges_by_status().items()}
        return charts.status_bars(counts, f"Pledges by status, as of {long_date(self.model.as_of)}",
                                  "pw-chart-status")

    def months_chart(self) -> Markup:
        """The home page's chart of status counts at the end of each month."""
        return charts.status_months(self.model.status_changes_by_month(),
                                    "Pledges by status at the end of each month",
                                    "pw-chart-months")

    def permalink(self, kind: str, record_id: str) -> str:
        """The absolute address of a record's page (``https://SITE/pledges/ID/``)."""
        return self.model.config.permalink(kind, text.slug(record_id))

    def badge(self, pledge) -> Markup:
        """The embed snippet for a pledge's status badge, escaped, in a code block."""
        snippet = badges.embed_snippet(
            self.permalink("pledges", pledge.id), self.permalink("pledges", pledge.id) +
            "badge.svg", self.model.config.site_name, pledge.title)
        return Markup(f'<pre class="pw-snippet"><code>{escape(snippet)}</code></pre>')

    def state_for(self, deadline, pledge_id: str) -> Markup:
        """The deadline's state for one of its pledges."""
        return self.state(dict(deadline.states)[pledge_id])

    def state(self, value: DeadlineState) -> Markup:
        return Markup(f'<span class="pw-deadline pw-deadline--{value.code}">'
                      f"{text.inline(value.label)}</span>")

    def edit(self, repo_path: str, noun: str = "record") -> Markup:
        """A link to the record's YAML file in the repository's web editor ("Edit this
        NOUN"), or nothing when the site names no repository."""
        url = self.model.config.edit_url(repo_path)
        if not url:
            return Markup("")
        return Markup(f'<a class="pw-edit" href="{text.inline(url)}">'
                      f"{icons.use('pencil')} Edit this {noun}</a>")

    def pages(self) -> dict[str, str]:
        """Every page: docs-relative path -> Markdown text."""
        m = self.model
        at = self.render_at
        out = {routes.page(name): at(routes.page(name), template)
               for name, template in LISTING_TEMPLATES.items() if name not in PAGINATED}
        for name in PAGINATED:
            out.update(self.render_pages(LISTING_TEMPLATES[name], self.paged(routes.page(name))))
        for pledge in m.pledges.values():
            path = routes.page("pledges", pledge.id)
            out[path] = at(path, "pledge.md.j2", p=pledge)
        for actor in m.actors.values():
            path = routes.page("actors", actor.id)
            out[path] = at(path, "actor.md.j2", a=actor)
        for code, pledges in m.pledges_by_status().items():
            out.update(self.render_pages("status.md.j2",
                                         self.paged(routes.page("status", code), pledges),
                                         code=code))
        for topic, pledges in m.topics().items():
            out.update(self.render_pages("topic.md.j2",
                                         self.paged(routes.page("topics", topic), pledges),
                                         topic=topic))
        return out

    def render_pages(self, template: str, pages: list[Page], **context) -> dict[str, str]:
        """Each page of a listing rendered with ``template``, which gets the page as
        ``pager`` (its ``items``, ``total``, ``title_suffix`` and ``pager()`` links) and
        ``rows``, the records on it: Markdown path -> text."""
        return {page.path: self.render_at(page.path, template, pager=page, rows=page.items,
                                          **context)
                for page in pages}

    def render_at(self, path: str, template: str, **context) -> str:
        """Render ``template`` as the page at docs-relative Markdown ``path`` (links in raw
        HTML are made relative to it)."""
        self._here = path
        return self.render(template, **context)

    def files(self) -> dict[str, str]:
        """Other files for the docs folder, which MkDocs copies as they are: the icons'
        stylesheet (:mod:`icons`), ``anchors.json`` of each paginated listing of deadlines,
        quotes or sources (:func:`paginate.anchor_map`), each pledge's
        status badge at ``pledges/<id>/badge.svg``, and a copy at every earlier id, so
        embedded badges keep working after a rename."""
        out = {icons.STYLESHEET: icons.stylesheet()}
        for base in ANCHORED.values():
            found = anchor_map(self.paged(base))
            if found:
                out[found[0]] = found[1]
        for pledge in self.model.pledges.values():
            svg = badges.status_badge(self.model.config.site_name, pledge.status)
            for pledge_id in (pledge.id, *pledge.aliases):
                out[routes.badge("pledges", pledge_id)] = svg
        return out

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)



def redirect_maps(model: Model) -> dict[str, str]:
    """The mkdocs-redirects ``redirect_maps``: each earlier id (``aliases``) of a pledge or
    an actor -> the record's page, as docs-relative Markdown paths
    (``pledges/old-id.md`` -> ``pledges/new-id.md``)."""
    out = {}
    for route in routes.record_pages():
        for record in getattr(model, route.folder).values():
            for alias in record.aliases:
                out[routes.page(route.name, alias)] = routes.page(route.name, record.id)
    return dict(sorted(out.items()))


def write_pages(pages: dict[str, str], docs_dir: Path) -> None:
    """Write rendered pages below ``docs_dir`` (a build folder, never ``content/``)."""
    for relpath, markdown in sorted(pages.items()):
        target = docs_dir / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
