"""A pledge's timeline as an inline SVG: its status over time as bands, with the dates of its
updates, its deadlines and the as-of date marked, and the rows of its table equivalent.

Like the home page's charts (:mod:`charts`), the SVG is ``role="img"`` named by its ``<title>``
("Timeline of the pledge ...") and described by its ``<desc>``; each status band carries its
status's hatching as well as its colour, and is labelled in words where it is wide enough; the
table (:func:`rows`) holds every fact the picture shows (WCAG 2.2, 1.1.1 and 1.4.1).

The axis runs from the pledge's first date to its last update or deadline, plus a margin. When
the as-of date lies further on, the axis is broken (a gap drawn with a zig-zag) and the as-of
date is marked at its end, so that weeks of changes are not squeezed into a sliver of years.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from markupsafe import Markup

from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.core.wording import date_words, words
from pledgewatch.site import charts

WIDTH, BAND_TOP, BAND_H, LEFT, RIGHT = 720, 58, 34, 8, 112
"""Drawing size in user units (the SVG scales to its column); the band's top and height; the
margins left of the first date and right of the last (where a break and the as-of date go)."""

CHAR_W = 7.2  # rough width of one 13 px character, to decide whether a label fits its band


def _span(pledge, deadlines, as_of: dt.date) -> tuple[dt.date, dt.date, bool]:
    """``(start, end, broken)``: the axis's dates, and whether the as-of date lies beyond
    ``end`` (the axis is broken before it)."""
    start = min([pledge.made_on, pledge.updates[0].date] + [d.due for d in deadlines])
    last = max([u.date for u in pledge.updates] + [d.due for d in deadlines])
    margin = max(dt.timedelta(days=3), (last - start) / 10)
    end = last + margin
    if as_of <= end:
        return start, max(as_of, last), False
    return start, end, True


def chart(pledge, deadlines, as_of: dt.date, locale: str = "en") -> Markup:
    """The SVG for ``pledge`` (a :class:`model.Pledge`) with its ``deadlines`` as of ``as_of``.

    Ids inside the SVG are prefixed ``pw-timeline``: one timeline per page.
    """
    start, end, broken = _span(pledge, deadlines, as_of)
    days = max((end - start).days, 1)
    inner = WIDTH - LEFT - RIGHT

    def x(day: dt.date) -> float:
        return round(LEFT + inner * min((day - start).days, days) / days, 1)

    def short(day: dt.date) -> str:
        return date_words(day, locale, short=True)

    cid = "pw-timeline"
    title = words("timeline.title", title=pledge.title)
    bands = []
    for i, u in enumerate(pledge.updates):
        until = pledge.updates[i + 1].date if i + 1 < len(pledge.updates) else as_of
        bands.append((u, until))
    desc = words("timeline.desc", start=date_words(start, locale),
                 end=date_words(as_of, locale)) + " " + "; ".join(
        words("timeline.band", status=STATUS_LABELS[u.status], start=date_words(u.date, locale),
              end=date_words(until, locale)) for u, until in bands) + "."
    height = BAND_TOP + BAND_H + 44
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="pw-timeline" id="{cid}" '
             f'role="img" aria-labelledby="{cid}-title {cid}-desc" '
             f'viewBox="0 0 {WIDTH} {height}" font-size="13">\n'
             f'<title id="{cid}-title">{escape(title)}</title>\n'
             f'<desc id="{cid}-desc">{escape(desc)}</desc>\n'
             f"{charts.patterns(cid)}\n"]
    band_end = WIDTH - RIGHT + (RIGHT - 8 if not broken else 40)
    labels = []  # drawn after every band, so a later band cannot cover a label
    for i, (u, _) in enumerate(bands):
        x0 = x(u.date)
        x1 = x(bands[i + 1][0].date) if i + 1 < len(bands) else band_end
        parts.append(f'<rect x="{x0}" y="{BAND_TOP}" width="{round(x1 - x0, 1)}" '
                     f'height="{BAND_H}" {charts.fill(cid, u.status)} class="pw-chart__bar"/>')
        label = STATUS_LABELS[u.status]
        run_end = next((x(b.date) for b, _ in bands[i + 1:] if b.status != u.status), band_end)
        continues = i > 0 and bands[i - 1][0].status == u.status
        if not continues and run_end - x0 >= len(label) * CHAR_W + 10:
            labels.append(f'<text x="{round(x0 + 5, 1)}" y="{BAND_TOP + BAND_H / 2 + 5}" '
                          f'class="pw-timeline__band-label">{escape(label)}</text>')
        # The update's date under the band, on alternating lines so close dates do not collide.
        low = BAND_TOP + BAND_H + (16 if i % 2 == 0 else 32)
        parts.append(f'<line x1="{x0}" y1="{BAND_TOP}" x2="{x0}" y2="{low - 11}" '
                     f'class="pw-timeline__tick"/><text x="{x0}" y="{low}" '
                     f'class="pw-chart__label">{escape(short(u.date))}</text>\n')
    parts += labels
    if broken:
        gap = WIDTH - RIGHT + 16
        parts.append(f'<path d="M{gap} {BAND_TOP - 4} l6 10 l-6 10 l6 10 l-6 10" '
                     f'class="pw-timeline__break"/>')
    for n, d in enumerate(sorted(deadlines, key=lambda d: (d.due, d.id))):
        dx, top = x(d.due), 14 + 18 * (n % 2)
        anchor = "end" if dx > WIDTH / 2 else "start"
        parts.append(f'<line x1="{dx}" y1="{top + 4}" x2="{dx}" y2="{BAND_TOP + BAND_H}" '
                     f'class="pw-timeline__deadline"/><text x="{dx}" y="{top}" '
                     f'text-anchor="{anchor}" class="pw-chart__label">'
                     f"{escape(words('timeline.deadline', date=short(d.due)))}</text>\n")
    ax = WIDTH - 8 if broken else x(as_of)
    parts.append(f'<line x1="{ax}" y1="{BAND_TOP - 10}" x2="{ax}" y2="{BAND_TOP + BAND_H + 4}" '
                 f'class="pw-timeline__asof"/><text x="{ax}" y="{BAND_TOP - 14}" '
                 f'text-anchor="end" class="pw-chart__value">'
                 f"{escape(words('timeline.as-of', date=short(as_of)))}</text>\n</svg>")
    return Markup("".join(parts))


def rows(pledge, deadlines, as_of: dt.date) -> list[tuple[dt.date, str, str]]:
    """The timeline's table: ``(date, what, status code or "")`` for every update and every
    deadline of ``pledge``, oldest first (updates before deadlines on the same day)."""
    out = [(u.date, 0, "update", u.status, u.previous_status) for u in pledge.updates]
    out += [(d.due, 1, "deadline", d.id, "") for d in deadlines]
    table = []
    for day, _, kind, value, previous in sorted(out):
        if kind == "update":
            what = words("timeline.first" if not previous else "timeline.changed"
                         if previous != value else "timeline.same", status=STATUS_LABELS[value])
            table.append((day, what, value))
        else:
            d = next(d for d in deadlines if d.id == value)
            state = dict(d.states)[pledge.id].label
            table.append((day, words("timeline.deadline-row", title=d.title, state=state), ""))
    return table
