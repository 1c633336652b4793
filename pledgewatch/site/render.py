"""Site, render: Jinja2 templates -> the pages of the docs folder: HTML (``NAME.html.j2``,
which MkDocs takes as it is, :mod:`html_pages`) or Markdown (``NAME.md.j2``).

Every ``{{ ... }}`` output is escaped for the page's kind unless our own code marked it safe
(``Markup``), so a template cannot forget to escape a record's text; links are relative URLs
on HTML pages and Markdown links that MkDocs rewrites on Markdown pages
(:mod:`page_markup`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import jinja2
from markupsafe import Markup

from pledgewatch.core import routes, text, wording
from pledgewatch.core.schema import STATUS_DEFINITIONS, STATUS_LABELS, STATUSES
from pledgewatch.core.text import long_date
from pledgewatch.outputs import calendar_ics, feeds
from pledgewatch.records import roles
from pledgewatch.records.model import Model
from pledgewatch.site import badges, charts, i18n, icons, timeline
from pledgewatch.site.badges import STATUS_ICONS
from pledgewatch.site.listings import ANCHORED, PAGINATED, ListingPages
from pledgewatch.site.page_markup import PageMarkup, finish_html, topic_label
from pledgewatch.site.paginate import anchor_map

HOME_LIMIT = 20
"""With more pledges than this, the home page lists the most recently changed ones and links
to the full index; with this many or fewer, it lists them all."""

_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z\u201c'\"(]|$)", re.S)


def first_sentence(value: str) -> str:
    """The first sentence of ``value``: up to the first ``.``, ``!`` or ``?`` followed by a
    capitalised word or the end; the whole text when there is no such stop."""
    folded = " ".join(value.split())
    found = _SENTENCE.match(folded)
    return found.group(1) if found else folded


def anchor(value: str, prefix: str) -> Markup:
    """A fragment id for a heading named by free text, e.g. an outlet: ``prefix-`` and the
    text's letters and digits folded to lower-case ASCII (``Le Monde`` -> ``outlet-le-monde``);
    the prefix keeps it apart from record ids on the same page."""
    folded = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return Markup("-".join([prefix, *re.findall(r"[a-z0-9]+", folded)]))


LISTING_TEMPLATES = {"home": "home", "pledge-index": "pledges", "actor-index": "actors",
                     "deadlines": "deadlines", "updates": "updates", "quotes": "quotes",
                     "sources": "sources", "about": "about", "topic-index": "topics",
                     "corrections": "corrections"}
"""The template (``NAME.md.j2`` or ``NAME.html.j2``) of each page of the route table that is
not per record."""


@dataclass(frozen=True)
class QuoteGroup:
    """The quotes about one pledge (``pledge`` is ``None`` for quotes about none), by speaker:
    ``speakers`` holds ``(actor, quotes)`` pairs."""

    pledge: object
    speakers: list


class Renderer(ListingPages, PageMarkup):
    """Renders the model's pages with the templates in ``template_dir/pages``, or in the
    first folder of a list of page folders that holds each one (``templates_path``)."""

    def __init__(self, model: Model, template_dir: Path | list[Path]):
        page_dirs = [template_dir / "pages"] if isinstance(template_dir, Path) else template_dir
        self.model = model
        self._citations: dict[tuple, Markup] = {}  # a source is cited on several pages
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(page_dirs),
            autoescape=False,  # finalize escapes, for the page's kind (PageMarkup)
            finalize=self.finalize,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,  # templates do not change during a render: no stat per include
        )
        i18n.install(self.env, self.finalize)  # {% trans %} and _() in the build's language
        self.env.filters.update(paras=self.paras, attr=text.attribute, date=long_date,
                                id=text.slug, topic=topic_label, anchor=anchor)
        self.env.globals.update(
            m=model, cfg=model.config, as_of=model.as_of, link=self.link, links=self.links,
            cite_link=self.cite_link, citations=self.citations, role_words=functools.partial(
                roles.role_words, language=model.config.language),
            state_for=self.state_for, source=self.source, status=self.status, state=self.state,
            STATUS_LABELS=STATUS_LABELS, STATUS_DEFINITIONS=STATUS_DEFINITIONS, icon=icons.use,
            edit=self.edit, pledge_table=self.pledge_table, topic_link=self.topic_link,
            status_chart=self.status_chart, months_chart=self.months_chart,
            month_name=charts.month_name, permalink=self.permalink, badge=self.badge,
            correction_notice=self.correction_notice,
            due_words=self.due_words, deadline_line=self.deadline_line, words=wording.words,
            reason=self.reason, show_trend=self.show_trend, home_pledges=self.home_pledges,
            status_meter=self.status_meter, timeline_chart=self.timeline_chart,
            timeline_rows=timeline.rows, first_sentence=first_sentence,
            quote_groups=self.quote_groups, short_source=self.short_source,
            source_groups=self.source_groups, STATUSES=STATUSES, HOME_LIMIT=HOME_LIMIT,
            entry=self.entry, href=self.href, feed_href=self.feed_href, heading=self.heading,
            badge_href=self.badge_href, title_heading=self.title_heading)
        # Feed autodiscovery front matter and calendar links (feeds.py, calendar_ics.py).
        self.env.globals.update(
            feed_front_matter=functools.partial(feeds.front_matter, model),
            has_feed=functools.partial(feeds.has_feed, model),
            calendar_links=calendar_ics.subscribe_links(model.config),
            webcal_url=calendar_ics.webcal_url(model.config), CALENDAR=routes.CALENDAR,
            SITE_FEEDS=routes.SITE_FEEDS,
            file_href=self.file_href)
        self._sort = functools.partial(jinja2.filters.do_sort, self.env)
        self.index_entries()

    def pledge_table(self, pledges, maker: bool = True) -> Markup:
        """The pledge listing table (pledge, made by, made on, deadline state, status) used by
        the index and every listing page; ``templates/assets/pledgewatch.css`` lays its rows
        out as cards on narrow screens and names the columns in the same order."""
        partial = "_pledge_table.html.j2" if self._html else "_pledge_table.md.j2"
        return Markup(self.env.get_template(partial).render(rows=list(pledges), maker=maker)
                      .rstrip("\n"))

    def status_chart(self) -> Markup:
        """The home page's scoreboard chart (an inline SVG figure)."""
        counts = {code: len(items) for code, items in self.model.pledges_by_status().items()}
        return charts.status_bars(counts, wording.words("chart.status", date=long_date(
            self.model.as_of)), "pw-chart-status")

    def months_chart(self) -> Markup:
        """The home page's chart of status counts at the end of each month."""
        return charts.status_months(self.model.status_changes_by_month(),
                                    wording.words("chart.months"),
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

    def due_words(self, deadline) -> str:
        """``by 4 November 2022``, ``no earlier than 23 November 2022`` or
        ``on 8 November 2022``: the deadline's date as a reader says it."""
        return wording.words(f"due.{deadline.kind}", date=wording.date_words(
            deadline.due, self.model.config.language))

    def deadline_line(self, pledge) -> Markup:
        """Each deadline of the pledge in plain words with its state (``by 4 November 2022:
        overdue by about four years``), or "No deadline recorded"."""
        found = self.model.deadlines_of(pledge.id)
        if not found:
            return self.esc(wording.words("verdict.no-deadline"))
        return Markup("; ").join(self._deadline_phrase(d, pledge.id) for d in found)

    def _deadline_phrase(self, deadline, pledge_id: str) -> Markup:
        state = dict(deadline.states)[pledge_id]
        if deadline.kind == "event":  # a date on the timeline, not something to meet
            phrase = wording.words("deadline.event-line", title=deadline.title, date=(
                wording.date_words(deadline.due, self.model.config.language)))
        else:
            phrase = wording.words("deadline.line", due=self.due_words(deadline),
                                   state=state.label)
        return Markup('<span class="pw-deadline pw-deadline--{}">{}</span>').format(
            state.code, self.esc(phrase))

    def reason(self, pledge) -> str:
        """The verdict's one line: the pledge's ``verdict`` sentence when it has one, else the
        first sentence of its last update."""
        return pledge.verdict or first_sentence(pledge.updates[-1].summary)

    def show_trend(self, months) -> bool:
        """Whether the trend chart says anything: at least two months whose counts differ."""
        return len({m.counts for m in months}) > 1

    def home_pledges(self) -> list:
        """The pledges the home page lists: all of them (newest change first), or the
        :data:`HOME_LIMIT` most recently changed."""
        ordered = sorted(self.model.pledges.values(),
                         key=lambda p: (p.updates[-1].date, p.id), reverse=True)
        return ordered[:HOME_LIMIT]

    def status_meter(self, code: str) -> Markup:
        """The six statuses in reading order, the pledge's one marked by words (``aria-current``
        and a "current" label) as well as by its colour and icon: an ordered list."""
        items = []
        for step in STATUSES:
            label = self.esc(STATUS_LABELS[step])
            if step == code:
                items.append(
                    f'<li class="pw-meter__step pw-meter__step--{step} pw-meter__step--current" '
                    f'aria-current="step">{text.icon(STATUS_ICONS[step])}'
                    f'<span class="pw-meter__label">{label}</span>'
                    f'<span class="pw-meter__now">{self.esc(wording.words("verdict.now"))}'
                    "</span></li>")
            else:
                items.append(f'<li class="pw-meter__step pw-meter__step--{step}">'
                             f"{text.icon(STATUS_ICONS[step])}"
                             f'<span class="pw-meter__label">{label}</span></li>')
        scale = self.esc(wording.words("verdict.scale"))
        return Markup(f'<ol class="pw-meter" aria-label="{scale}">{"".join(items)}</ol>')

    def quote_groups(self, quotes=None) -> list[QuoteGroup]:
        """The quotes page's groups of ``quotes`` (all, or one page's): one per pledge (in
        title order), then the quotes about no pledge; within each, one ``(actor, quotes
        oldest first)`` per speaker in name order. A quote about several pledges is grouped
        under its first."""
        groups: dict[str, dict[str, list]] = {}
        quotes = self.model.quotes.values() if quotes is None else quotes
        for q in sorted(quotes, key=lambda q: (q.said_on, q.id)):
            groups.setdefault(q.about[0] if q.about else "", {}).setdefault(
                q.speaker, []).append(q)
        actors, pledges = self.model.actors, self.model.pledges
        order = sorted((p for p in groups if p), key=lambda p: (pledges[p].title, p))
        return [QuoteGroup(pledges.get(p), [(actors[a], qs) for a, qs in sorted(
            groups[p].items(), key=lambda item: (actors[item[0]].name, item[0]))])
                for p in order + ([""] if "" in groups else [])]

    def source_groups(self, sources=None) -> list[tuple[str, list]]:
        """The sources page's groups of ``sources`` (all, or one page's): ``(outlet, sources
        newest first)``, outlets in alphabetical order (case-insensitive)."""
        groups: dict[str, list] = {}
        sources = self.model.sources.values() if sources is None else sources
        for s in sorted(sources, key=lambda s: (s.published, s.id), reverse=True):
            groups.setdefault(s.publisher, []).append(s)
        return sorted(groups.items(), key=lambda item: (item[0].casefold(), item[0]))

    def timeline_chart(self, pledge) -> Markup:
        """The pledge's status over time as an inline SVG (see :mod:`timeline`)."""
        return timeline.chart(pledge, self.model.deadlines_of(pledge.id), self.model.as_of,
                              self.model.config.language)

    def pages(self) -> dict[str, str]:
        """Every page: docs-relative path -> text (:meth:`iter_pages`)."""
        return dict(self.iter_pages())

    def iter_pages(self) -> Iterator[tuple[str, str]]:
        """Every page as ``(docs-relative path, text)``, one at a time: a build writes each
        as it comes, so the pages of 10,000 pledges (1 GB as Python text) are never all
        held at once."""
        m = self.model
        for name, template in LISTING_TEMPLATES.items():
            if name not in PAGINATED:
                yield routes.page(name), self.render_page(routes.page(name), template)
        for name in PAGINATED:
            yield from self.render_pages(LISTING_TEMPLATES[name],
                                         self.paged(routes.page(name))).items()
        for pledge in m.pledges.values():
            path = routes.page("pledges", pledge.id)
            yield path, self.render_page(path, "pledge", p=pledge)
        for actor in m.actors.values():
            yield from self.render_pages("actor", self.actor_pages(actor), a=actor).items()
        for code, pledges in m.pledges_by_status().items():
            yield from self.render_pages("status",
                                         self.paged(routes.page("status", code), pledges),
                                         code=code).items()
        for topic, pledges in m.topics().items():
            yield from self.render_pages("topic",
                                         self.paged(routes.page("topics", topic), pledges),
                                         topic=topic).items()

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

    def render_page(self, path: str, name: str, **context) -> str:
        """The page at Markdown path ``path`` rendered with template ``NAME.md.j2`` or, when
        no template folder has that one, ``NAME.html.j2`` (so a tracker's own Markdown
        template still replaces a packaged HTML one). An HTML page gets ``html: true`` in its
        front matter (:func:`page_markup.finish_html`): MkDocs then takes its body as it is."""
        template = self.env.select_template([f"{name}.md.j2", f"{name}.html.j2"])
        saved = self._page, self._html, self._ids
        self._page, self._html, self._ids = path, template.name.endswith(".html.j2"), set()
        try:
            out = template.render(**context)
            return finish_html(out) if self._html else out
        finally:
            self._page, self._html, self._ids = saved


