"""Embeddable status badges: ``pledges/<id>/badge.svg``, a small stand-alone SVG file.

A badge reads "SITE NAME | icon Status": the status in words with its icon on the status
colour, so it is never told by colour alone (WCAG 2.2, 1.4.1), and white text on every status
colour has a contrast ratio of at least 4.5:1 (WCAG 2.2, 1.4.3). Text widths are estimated and
then enforced with ``textLength``, so the words fit whatever font the embedding page's reader
has. The file loads nothing: no fonts, no images, no scripts.
"""

from __future__ import annotations

from html import escape

from pledgewatch.core import text
from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.core.wording import words

BADGE_COLOURS = {
    "not-yet-rated": "#595959",
    "in-progress": "#0b5394",
    "stalled": "#7a4d00",
    "partially-kept": "#5b3c88",
    "kept": "#1b5e20",
    "broken": "#b00020",
}
"""Right-hand colour of each status; white text on each is at least 6.9:1."""

STATUS_ICONS = {
    "not-yet-rated": "help-circle-outline",
    "in-progress": "progress-clock",
    "stalled": "pause-circle-outline",
    "partially-kept": "circle-half-full",
    "kept": "check-circle",
    "broken": "close-circle",
}
"""Material Design icon of each status (Material for MkDocs' bundled set, Apache 2.0)."""

_NARROW = set("fijlrtI.,:;'!|() ")
_WIDE = set("mwMW@%")
HEIGHT, PAD, ICON = 20, 6, 14


def text_width(value: str) -> int:
    """Estimated width in pixels of ``value`` set in 11 px Verdana (whole pixels, rounded up).

    A plain estimate per character class; ``textLength`` then makes the text fit exactly.
    """
    total = 0.0
    for c in value:
        if c in _NARROW:
            total += 3.9
        elif c in _WIDE:
            total += 10.7
        elif c.isupper() or c.isdigit():
            total += 7.6
        else:
            total += 6.8
    return int(-(-total // 1))


def status_badge(site_name: str, code: str) -> str:
    """The badge SVG document for a pledge whose status is ``code``, as text.

    Raises ``KeyError`` for an unknown status code.
    """
    label, words = site_name, STATUS_LABELS[code]
    left_w = text_width(label) + 2 * PAD
    right_text = text_width(words)
    right_w = PAD + ICON + 4 + right_text + PAD
    width = left_w + right_w
    title = f"{label}: {words}"
    icon = str(text.icon(STATUS_ICONS[code])).replace(
        "<svg ", f'<svg x="{left_w + PAD}" y="{(HEIGHT - ICON) // 2}" width="{ICON}" '
                 f'height="{ICON}" fill="#fff" ', 1)
    text_x = left_w + PAD + ICON + 4
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{HEIGHT}" '
        f'viewBox="0 0 {width} {HEIGHT}" role="img" aria-label="{escape(title)}">\n'
        f"<title>{escape(title)}</title>\n"
        f'<rect width="{left_w}" height="{HEIGHT}" fill="#3d3d3d"/>\n'
        f'<rect x="{left_w}" width="{right_w}" height="{HEIGHT}" '
        f'fill="{BADGE_COLOURS[code]}"/>\n'
        f"{icon}\n"
        f'<g fill="#fff" font-family="Verdana,DejaVu Sans,Geneva,sans-serif" font-size="11">\n'
        f'<text x="{PAD}" y="14" textLength="{left_w - 2 * PAD}" '
        f'lengthAdjust="spacingAndGlyphs">{escape(label)}</text>\n'
        f'<text x="{text_x}" y="14" textLength="{right_text}" '
        f'lengthAdjust="spacingAndGlyphs">{escape(words)}</text>\n'
        "</g>\n</svg>\n")


def embed_snippet(permalink: str, badge_url: str, site_name: str, title: str) -> str:
    """The HTML a publisher pastes to show the badge, linked to the pledge's permalink.

    The ``alt`` text names the pledge, not its status, so it stays true when the status (and
    so the picture) changes. Every value is HTML-escaped.
    """
    alt = words("badge.alt", site=site_name, title=title)
    return (f'<a href="{escape(permalink)}"><img src="{escape(badge_url)}" '
            f'alt="{escape(alt)}"></a>')
