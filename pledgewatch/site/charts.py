"""Inline SVG charts for the home page, drawn by our own code: no script, no chart library.

Each chart is an ``<svg role="img">`` named by its ``<title>`` and summarised by its ``<desc>``
(WAI-ARIA Graphics, ``graphics-document``/``img`` with ``aria-labelledby``), and always sits
above a data table that holds the same figures: the table is the accessible source, the chart
a picture of it. Status is never told by colour alone (WCAG 2.2, 1.4.1): every bar is labelled
with its status in words or sits beside a worded legend, and each status has its own hatching
as well as its own colour. Colours come from CSS classes (``pw-fill--<status>``) so the dark
scheme can change them. Every piece of text is XML-escaped here, whatever its origin.
"""

from __future__ import annotations

import calendar
from html import escape

from markupsafe import Markup

from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.records.history import MonthCounts

WIDTH = 360
"""Width of every chart in CSS pixels; about a phone's content column, so text stays legible."""

FONT = 14
LABEL_WIDTH = 112

# One 8x8 hatching tile per status, drawn in the page background colour over the status colour,
# so statuses differ in pattern as well as in colour.
_HATCHES = {
    "not-yet-rated": "",
    "in-progress": '<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" class="pw-chart__hatch"/>',
    "stalled": '<path d="M0 4h8" class="pw-chart__hatch"/>',
    "partially-kept": '<path d="M4 0v8" class="pw-chart__hatch"/>',
    "kept": '<circle cx="4" cy="4" r="1.6" class="pw-chart__dot"/>',
    "broken": '<path d="M0 0l8 8M8 0l-8 8" class="pw-chart__hatch"/>',
}


def _svg_open(chart_id: str, height: int, title: str, desc: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="pw-chart" id="{escape(chart_id)}" '
            f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
            f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
            f'font-size="{FONT}">\n'
            f'<title id="{escape(chart_id)}-title">{escape(title)}</title>\n'
            f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>\n'
            f"{patterns(chart_id)}\n")


def patterns(chart_id: str) -> str:
    """The ``<defs>`` of one hatched fill per status, ids prefixed with ``chart_id``."""
    tiles = "".join(
        f'<pattern id="{escape(chart_id)}-{code}" width="8" height="8" '
        f'patternUnits="userSpaceOnUse"><rect width="8" height="8" class="pw-fill--{code}"/>'
        f"{hatch}</pattern>" for code, hatch in _HATCHES.items())
    return f"<defs>{tiles}</defs>"


def fill(chart_id: str, code: str) -> str:
    """The ``fill`` attribute painting a status's hatched fill (see :func:`patterns`)."""
    return f'fill="url(#{escape(chart_id)}-{code})"'


def _scale(value: int, largest: int, span: float) -> float:
    return 0.0 if largest == 0 else round(span * value / largest, 1)


def status_bars(counts: dict[str, int], title: str, chart_id: str) -> Markup:
    """A horizontal bar chart: one bar per status (all of them, in reading order), each
    labelled with the status in words and its count.

    ``counts`` maps status codes to pledge counts; ``chart_id`` must be unique on the page
    (it prefixes the ids of the title, description and patterns).
    """
    rows = [(code, STATUS_LABELS[code], counts.get(code, 0)) for code in STATUS_LABELS]
    row_h, bar_h, span = 28, 18, WIDTH - LABEL_WIDTH - 36
    height = row_h * len(rows)
    desc = "; ".join(f"{label}: {n}" for _, label, n in rows)
    largest = max(n for _, _, n in rows)
    parts = [_svg_open(chart_id, height, title, desc)]
    for i, (code, label, n) in enumerate(rows):
        y, w = i * row_h + (row_h - bar_h) // 2, _scale(n, largest, span)
        text_y = y + bar_h - 4
        parts.append(
            f'<text x="0" y="{text_y}" class="pw-chart__label">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w}" height="{bar_h}" '
            f'{fill(chart_id, code)} class="pw-chart__bar"/>'
            f'<text x="{LABEL_WIDTH + w + 5}" y="{text_y}" class="pw-chart__value">{n}</text>\n')
    parts.append("</svg>")
    return Markup("".join(parts))


def month_label(month: MonthCounts) -> str:
    """``Mar 2024``: the short month name used on the chart's axis."""
    return f"{month.month.strftime('%b')} {month.month.year}"


def month_name(month: MonthCounts) -> str:
    """``March 2024``, or ``April 2024 (to 2 April)`` for a month counted only up to the
    as-of date."""
    name = f"{month.month.strftime('%B')} {month.month.year}"
    if month.end.day != calendar.monthrange(month.month.year, month.month.month)[1]:
        name += f" (to {month.end.day} {month.end.strftime('%B')})"
    return name


def _legend(chart_id: str) -> tuple[str, int]:
    per_row, cell_w, row_h = 3, WIDTH // 3, 20
    items = []
    for i, (code, label) in enumerate(STATUS_LABELS.items()):
        x, y = (i % per_row) * cell_w, (i // per_row) * row_h
        items.append(f'<rect x="{x}" y="{y + 3}" width="13" height="13" {fill(chart_id, code)}'
                     f' class="pw-chart__bar"/><text x="{x + 18}" y="{y + 14}" '
                     f'class="pw-chart__label">{escape(label)}</text>')
    rows = -(-len(STATUS_LABELS) // per_row)
    return "".join(items) + "\n", rows * row_h + 8


def status_months(months: tuple[MonthCounts, ...], title: str, chart_id: str) -> Markup:
    """Stacked horizontal bars, one per month (oldest at the top): each bar is split into the
    statuses in reading order, with the month's total at its end and a worded legend above.

    ``months`` comes from :func:`pledgewatch.records.model.status_by_month`; ``chart_id`` must
    be unique on the page.
    """
    legend, top = _legend(chart_id)
    label_w, row_h, bar_h = 72, 24, 16
    span = WIDTH - label_w - 30
    height = top + row_h * len(months)
    desc = " ".join(f"{month_name(m)}: "
                    + ", ".join(f"{STATUS_LABELS[c]} {n}" for c, n in m.counts if n)
                    + f" (total {m.total})." for m in months)
    largest = max((m.total for m in months), default=0)
    parts = [_svg_open(chart_id, height, title, desc), legend]
    for i, m in enumerate(months):
        y = top + i * row_h + (row_h - bar_h) // 2
        parts.append(f'<text x="0" y="{y + bar_h - 3}" class="pw-chart__label">'
                     f"{escape(month_label(m))}</text>")
        x = float(label_w)
        for code, n in m.counts:
            w = _scale(n, largest, span)
            if w:
                parts.append(f'<rect x="{round(x, 1)}" y="{y}" width="{w}" height="{bar_h}" '
                             f'{fill(chart_id, code)} class="pw-chart__bar"/>')
            x += w
        parts.append(f'<text x="{round(x + 5, 1)}" y="{y + bar_h - 3}" '
                     f'class="pw-chart__value">{m.total}</text>\n')
    parts.append("</svg>")
    return Markup("".join(parts))

