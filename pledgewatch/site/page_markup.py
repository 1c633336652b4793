"""Site, page markup: what the page helpers write, in the kind of the page being rendered.

A page template is HTML (``NAME.html.j2``: MkDocs takes its body as it is, see
:mod:`html_pages`) or Markdown (``NAME.md.j2``: the about and data pages, and any template a
tracker overrides in Markdown). :class:`PageMarkup`, mixed into :class:`render.Renderer`, knows
which one it is rendering (``_html``) and for which page (``_page``, its Markdown path), and
writes accordingly:

- contributors' text is escaped by the page kind's one escaping function
  (:func:`text.html_inline` or :func:`text.inline`), through Jinja's ``finalize`` for every
  ``{{ ... }}`` and through :meth:`esc` in the helpers, so no template can forget it;
- links between pages are ``<a href>`` with URLs relative to the page, computed from the route
  table (:func:`routes.relative`), on HTML pages; Markdown links to the ``.md`` sources,
  absolute from the docs root, which MkDocs checks and rewrites, on Markdown pages.
"""

from __future__ import annotations

import datetime as dt
import re

from markdown.extensions.toc import slugify, unique
from markupsafe import Markup

from pledgewatch.core import catalogs, routes, text, wording
from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.core.text import long_date
from pledgewatch.records.model import DeadlineState
from pledgewatch.site import icons
from pledgewatch.site.badges import STATUS_ICONS


def topic_label(topic: str) -> str:
    """A topic id as readers see it: ``content-moderation`` -> ``content moderation``."""
    return topic.replace("-", " ")


_H1 = re.compile(r'<h1 id="([^"]*)">(.*?)<a class="headerlink" href="#\1"', re.S)


def finish_html(page: str) -> str:
    """A rendered HTML page as MkDocs' hook (:mod:`html_pages`) expects it: ``html: true``
    added to its front matter; its title's id made unique on the page as Python-Markdown's
    ``toc`` makes it (``_1`` appended when another element has the same id, or the title has
    no letters or digits)."""
    if not page.startswith("---\n"):
        raise ValueError("an HTML page template must start with front matter ('---')")
    page = "---\nhtml: true\n" + page[4:]
    found = _H1.search(page)
    if found and (not found.group(1) or page.count(f'id="{found.group(1)}"') > 1):
        unique = f"{found.group(1)}_1"
        start, end = found.span()
        page = (page[:start] + found.group(0).replace(f'"{found.group(1)}"', f'"{unique}"')
                .replace(f'"#{found.group(1)}"', f'"#{unique}"') + page[end:])
    return page


class PageMarkup:
    """Mixed into :class:`render.Renderer` (which provides ``model`` and ``entry``)."""

    _html = False
    _page = ""
    _ids: set[str] = set()  # the ids of the headings written so far on the page
    _citations: dict

    def esc(self, value: object) -> Markup:
        """``value`` escaped for the page being rendered (our own ``Markup`` as it is)."""
        return text.html_inline(value) if self._html else text.inline(value)

    def finalize(self, value: object) -> object:
        """Jinja's ``finalize``: every ``{{ ... }}`` of a page template, escaped for its kind;
        dates in words."""
        if isinstance(value, Markup):
            return value
        if isinstance(value, dt.date):
            return long_date(value)
        return self.esc(value) if value is not None else ""

    def paras(self, value: str, last_class: str = "") -> Markup:
        """Escaped text that keeps its paragraphs: ``<p>`` elements on an HTML page (the last
        one with class ``last_class``, as attr_list's ``{: .CLASS }`` under the text gave it),
        blank-line separated lines on a Markdown page."""
        if not self._html:
            return text.paragraphs(value)
        out = text.html_paragraphs(value)
        if last_class and out:
            head, _, last = out.rpartition("<p>")
            out = Markup(f'{head}<p class="{self.esc(last_class)}">{last}')
        return out

    def href(self, name: str, record_id: str = "") -> Markup:
        """The link target of route ``name``'s page (with ``#id`` for a record shown as an
        entry): relative to the page on an HTML page, ``/PATH.md`` on a Markdown page."""
        if self._html:
            url = routes.url(name, record_id) if record_id else routes.page_url(routes.page(name))
            return Markup(routes.relative(self._page, url))
        return Markup(routes.link(name, record_id) if record_id else f"/{routes.page(name)}")

    def file_href(self, path: str) -> Markup:
        """The link to a site-relative file (``pledges/x/atom.xml``), relative to the page on
        an HTML page, absolute from the site's root on a Markdown page (MkDocs rewrites it)."""
        return Markup(routes.relative(self._page, path) if self._html else f"/{path}")

    def feed_href(self, kind: str, record_id: str) -> Markup:
        """The link to a record's own Atom feed (:func:`routes.feed`)."""
        return self.file_href(routes.feed(kind, text.slug(record_id)))

    def badge_href(self, kind: str, record_id: str) -> Markup:
        """The link to a record's status badge (:func:`routes.badge`)."""
        return self.file_href(routes.badge(kind, text.slug(record_id)))

    def a(self, target: str, label: object) -> Markup:
        """A link to ``target`` labelled with escaped ``label``."""
        if self._html:
            return Markup(f'<a href="{target}">{self.esc(label)}</a>')
        return Markup(f"[{self.esc(label)}]({target})")

    def heading(self, level: int, label: object, anchor: str | None = None) -> Markup:
        """A section heading with its id and permalink, as Python-Markdown's ``toc``
        (``permalink: true``) writes it. ``anchor`` is a validated id; without one, the id is
        made from the heading's words as ``toc`` makes it (``slugify``)."""
        label = self.esc(label)
        if anchor:
            self._ids.add(text.slug(anchor))
        else:  # made unique among the page's headings as toc does: _1, _2, ...
            anchor = unique(slugify(" ".join(label.striptags().split()), "-"), self._ids)
        title = self.esc(catalogs.gettext_("Permanent link"))
        return Markup(f'<h{level} id="{anchor}">{label}<a class="headerlink"'
                      f' href="#{anchor}" title="{title}">&para;</a></h{level}>')

    def title_heading(self, title: str) -> Markup:
        """The page's ``<h1>``, its id made from its words as Python-Markdown's ``toc`` does
        (``slugify``; see :func:`finish_html` for duplicates)."""
        label = self.esc(title)
        anchor = slugify(" ".join(label.striptags().split()), "-")  # only [A-Za-z0-9_-]
        self._ids.add(anchor)
        permalink = self.esc(catalogs.gettext_("Permanent link"))
        return Markup(f'<h1 id="{anchor}">{label}<a class="headerlink" '
                      f'href="#{anchor}" title="{permalink}">&para;</a></h1>')

    def link(self, kind: str, record_id: str, label: str | None = None) -> Markup:
        """A link to a record's page (``kind`` is ``pledges`` or ``actors``)."""
        record = getattr(self.model, kind)[record_id]
        name = label or getattr(record, "title", None) or record.name
        return self.a(self.href(kind, record_id), name)

    def links(self, kind: str, record_ids) -> Markup:
        """Comma-separated :meth:`link` s."""
        return Markup(", ").join(self.link(kind, i) for i in record_ids)

    def cite_link(self, kind: str, record_id: str) -> Markup:
        """A link to whatever cites a source: a pledge, quote, deadline or source entry."""
        if kind in ("pledges", "actors"):
            return self.link(kind, record_id)
        return self.a(self.entry(kind, record_id), self._cited_by_label(kind, record_id))

    def _cited_by_label(self, kind: str, record_id: str) -> str:
        """``quote by NAME, DATE``, ``deadline “TITLE”`` or ``source “TITLE”``."""
        if kind == "quotes":
            quote = self.model.quotes[record_id]
            name = self.model.actors[quote.speaker].name
            return wording.words("cited-by.quote", name=name, date=long_date(quote.said_on))
        record = getattr(self.model, kind)[record_id]
        return wording.words(f"cited-by.{kind[:-1]}", title=record.title)

    def citations(self, source_ids) -> Markup:
        """``source`` citations joined by semicolons."""
        return Markup("; ").join(self.source(s) for s in source_ids)

    def source(self, source_id: str) -> Markup:
        """A citation: linked title, publisher, date, and a link to its bibliography entry."""
        details = self.entry("sources", source_id)
        key = (source_id, self._html, details)  # a source is cited on several pages
        cached = self._citations.get(key)
        if cached is not None:
            return cached
        s = self.model.sources[source_id]
        title = self.esc(s.title)
        if s.url:
            title = Markup(f'<a href="{self.esc(s.url)}">{title}</a>')
        label = self.esc(wording.words("cite.details"))
        bracketed = (Markup(f'<a href="{details}">[{label}]</a>') if self._html
                     else Markup(f"[&#91;{label}&#93;]({details})"))
        cited = self._citations[key] = Markup(
            f"{title} ({self.esc(s.publisher)}, {long_date(s.published)}) {bracketed}")
        return cited

    def correction_notice(self, record, entry: bool = False) -> Markup:
        """The dated notice of a record's corrections, newest first, for the top of its page or
        entry: one ``<p id="correction-N">`` per correction (the anchor its feed item links
        to; ``ID-correction-N`` for an ``entry`` of a listing page, where several records share
        the page) in a ``<div class="pw-corrections">``; nothing without corrections.
        Summaries are escaped text; on a Markdown page, citations are Markdown links
        (``md_in_html``)."""
        shown = [c for c in reversed(record.corrections) if c.date <= self.model.as_of]
        if not shown:
            return Markup("")
        md_span, md_block = ("", "") if self._html else (' markdown="span"', ' markdown="block"')
        items = []
        for c in shown:
            cited = (Markup(" <em>{}</em> ").format(wording.words("correction.sources"))
                     + self.citations(c.sources) if c.sources else Markup(""))
            items.append(Markup('<p class="pw-correction" id="{}"{}><strong>'
                                "{}</strong> {}{}</p>").format(
                f"{record.id}-{c.anchor}" if entry else c.anchor, Markup(md_span),
                self.esc(wording.words("correction.notice", date=long_date(c.date))),
                self.esc(c.summary), cited))
        return Markup('<div class="pw-corrections"{}>\n{}\n</div>\n').format(
            Markup(md_block), Markup("\n").join(items))

    def short_source(self, source_id: str) -> Markup:
        """A short citation, ``Publisher, 2 November 2022``, linked to the source's entry in
        the bibliography (which links the document itself)."""
        s = self.model.sources[source_id]
        label = wording.words("cite.short", publisher=s.publisher, date=(
            wording.date_words(s.published, self.model.config.language)))
        return self.a(self.entry("sources", source_id), label)

    def status(self, code: str, linked: bool = True) -> Markup:
        """Status as icon plus words, never colour alone; linked (unless ``linked`` is false)
        to the status's page, which opens with its definition and lists its pledges."""
        pill = Markup(
            f'<span class="pw-status pw-status--{code}">{icons.use(STATUS_ICONS[code])}'
            f" {self.esc(STATUS_LABELS[code])}</span>")
        if not linked:
            return pill
        target = self.href("status", text.slug(code))
        return (Markup(f'<a href="{target}">{pill}</a>') if self._html
                else Markup(f"[{pill}]({target})"))

    def topic_link(self, topic: str) -> Markup:
        """A link to a topic's page, labelled in words."""
        return self.a(self.href("topics", text.slug(topic)), topic_label(topic))

    def state(self, value: DeadlineState) -> Markup:
        """A deadline's state in words, in a span classed by its code."""
        return Markup(f'<span class="pw-deadline pw-deadline--{value.code}">'
                      f"{self.esc(value.label)}</span>")

    def edit(self, repo_path: str, noun: str = "record", compact: bool = False) -> Markup:
        """A link to the record's YAML file in the repository's web editor ("Edit this
        NOUN"; ``compact``: "Edit"), or nothing when the site names no repository."""
        url = self.model.config.edit_url(repo_path)
        if not url:
            return Markup("")
        label = self.esc(wording.words(f"edit.{noun}"))
        if compact:
            return Markup(f'<a class="pw-edit" href="{self.esc(url)}" '
                          f'aria-label="{label}">{icons.use("pencil")} '
                          f'{self.esc(wording.words("edit.compact"))}</a>')
        return Markup(f'<a class="pw-edit" href="{self.esc(url)}">'
                      f"{icons.use('pencil')} {label}</a>")
