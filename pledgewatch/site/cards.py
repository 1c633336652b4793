"""Social cards: the 1200 x 630 PNG a link preview shows (``og:image``, ``twitter:image``).

One card per pledge at ``pledges/<id>/card.png`` (its title, status in words with its icon,
who made it, the site's name) and one for the home page at ``card.png`` (the site's name and
the count of pledges in each status). They are drawn at build time with Pillow in DejaVu Sans,
committed in ``fonts/`` with its licence: nothing is fetched (Material's social plugin would
download fonts). 1200 x 630 is the size Facebook's and X's large-image cards ask for (1.91:1).

Cards are cached by content: the file name in the cache folder is a hash of everything drawn
(text, status, colours, sizes, the font files and Pillow's version), so a rebuild draws only
the cards whose content changed and copies the others. The same content gives the same bytes:
PNGs are written without timestamps or other metadata.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import PIL
from PIL import Image, ImageDraw, ImageFont

from pledgewatch.core.catalogs import speaking
from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.core.wording import words
from pledgewatch.site.badges import BADGE_COLOURS

WIDTH, HEIGHT, MARGIN = 1200, 630, 64
FONTS = Path(__file__).resolve().parent / "fonts"


def cache_folder() -> Path:
    """Where drawn cards are kept between builds: ``$XDG_CACHE_HOME/pledgewatch/cards``
    (XDG Base Directory Specification; ``~/.cache`` when unset). Outside the project, so no
    build writes into the sources; cards are named by their content, so sites share it safely."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pledgewatch" / "cards"

DRAWING_VERSION = 2  # raise when the drawing code changes, so cached cards are redrawn
INK, PAPER, MUTED = "#1a1a1a", "#ffffff", "#555555"


@dataclass(frozen=True)
class Card:
    """What one card shows. ``status`` is a status code (a pledge card), or ``""`` for the
    home card, whose ``counts`` holds ``(status code, pledges)`` pairs; ``language`` is the
    one its words (status names, "Made by") are drawn in."""

    title: str
    site_name: str
    status: str = ""
    made_by: str = ""
    counts: tuple[tuple[str, int], ...] = ()
    language: str = "en"

    def key(self) -> str:
        """A hash of everything drawn, the card's name in the cache."""
        fonts = [_font_digest(name) for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")]
        data = json.dumps([DRAWING_VERSION, PIL.__version__, WIDTH, HEIGHT, fonts,
                           self.title, self.site_name, self.status, self.made_by,
                           list(self.counts), self.language], ensure_ascii=False)
        return hashlib.sha256(data.encode("utf-8")).hexdigest()


@lru_cache(maxsize=4)
def _font_digest(name: str) -> str:
    return hashlib.sha256((FONTS / name).read_bytes()).hexdigest()


@lru_cache(maxsize=16)
def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")),
                              size, layout_engine=ImageFont.Layout.BASIC)


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy word wrap of ``text`` to lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def _fit(text: str, width: int, max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest bold size (64 down to 36 px) at which ``text`` fits ``max_lines`` lines;
    at the smallest, the last line ends in an ellipsis."""
    for size in range(64, 35, -4):
        font = _font(size, bold=True)
        lines = _wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = lines[:max_lines]
    while font.getlength(lines[-1] + "\u2026") > width and " " in lines[-1]:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    lines[-1] += "\u2026"
    return font, lines


def _icon(draw: ImageDraw.ImageDraw, code: str, x: int, y: int, size: int, ink: str) -> None:
    """The status's icon drawn with plain shapes (Pillow cannot draw the SVG icons): a ring
    holding a mark that differs by status, as the site's Material icons do."""
    w = max(3, size // 10)
    box = (x, y, x + size, y + size)
    draw.ellipse(box, outline=ink, width=w)
    c, r = x + size / 2, size / 2
    if code == "kept":
        draw.line([(c - r * 0.45, y + r), (c - r * 0.1, y + r * 1.4),
                   (c + r * 0.5, y + r * 0.6)], fill=ink, width=w, joint="curve")
    elif code == "broken":
        d = r * 0.42
        draw.line([(c - d, y + r - d), (c + d, y + r + d)], fill=ink, width=w)
        draw.line([(c - d, y + r + d), (c + d, y + r - d)], fill=ink, width=w)
    elif code == "stalled":
        for dx in (-r * 0.25, r * 0.25):
            draw.line([(c + dx, y + r * 0.55), (c + dx, y + r * 1.45)], fill=ink, width=w)
    elif code == "partially-kept":
        draw.pieslice(box, 90, 270, fill=ink)
    elif code == "in-progress":
        draw.line([(c, y + r * 0.45), (c, y + r), (c + r * 0.4, y + r * 1.3)], fill=ink,
                  width=w, joint="curve")
    else:  # not yet rated: a question mark
        font = _font(int(size * 0.7), bold=True)
        draw.text((c, y + r), "?", font=font, fill=ink, anchor="mm")


def draw(card: Card) -> bytes:
    """The card as PNG bytes: the same card always gives the same bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    colour = BADGE_COLOURS.get(card.status, "#283593")
    pen.rectangle((0, 0, WIDTH, 18), fill=colour)
    pen.text((MARGIN, 52), card.site_name, font=_font(34, bold=True), fill=MUTED)
    font, lines = _fit(card.title, WIDTH - 2 * MARGIN, 3 if card.status else 2)
    y = 120
    for line in lines:
        pen.text((MARGIN, y), line, font=font, fill=INK)
        y += int(font.size * 1.22)
    if card.status:
        _status_pill(pen, card.status, MARGIN, HEIGHT - 200)
        if card.made_by:
            pen.text((MARGIN, HEIGHT - 96), words("card.made-by", maker=card.made_by),
                     font=_font(36), fill=MUTED)
    else:
        _tally(pen, card.counts, y + 30)
    buffer = io.BytesIO()  # a new image has no info dictionary: no metadata is written
    # zlib level 6: a third of the time of level 9 (15 against 52 ms a card) for 5% more bytes.
    image.save(buffer, format="PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def _status_pill(pen: ImageDraw.ImageDraw, code: str, x: int, y: int) -> None:
    label, font, height = STATUS_LABELS[code], _font(48, bold=True), 84
    width = int(font.getlength(label)) + height + 44
    pen.rounded_rectangle((x, y, x + width, y + height), radius=height // 2,
                          fill=BADGE_COLOURS[code])
    _icon(pen, code, x + 16, y + 14, height - 28, PAPER)
    pen.text((x + height + 8, y + height / 2), label, font=font, fill=PAPER, anchor="lm")


def _tally(pen: ImageDraw.ImageDraw, counts, top: int) -> None:
    """The home card's counts: two columns of ``icon  Status  N``."""
    font = _font(36, bold=True)
    shown = [(code, n) for code, n in counts if n]
    for i, (code, n) in enumerate(shown):
        x, y = MARGIN + (i % 2) * 540, top + (i // 2) * 70
        _icon(pen, code, x, y, 48, BADGE_COLOURS[code])
        label = words("card.count", status=STATUS_LABELS[code], count=n)
        pen.text((x + 64, y + 24), label, font=font, fill=BADGE_COLOURS[code], anchor="lm")


def cached(card: Card, cache: Path) -> tuple[bytes, bool]:
    """``(png, drawn)``: the card from ``cache`` (a folder), or drawn and stored there
    (written to a temporary name and renamed, so a killed build leaves no half file)."""
    path = cache / f"{card.key()}.png"
    if path.is_file():
        return path.read_bytes(), False
    with speaking(card.language):
        png = draw(card)
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
    with os.fdopen(fd, "wb") as f:
        f.write(png)
    os.replace(tmp, path)
    return png, True


def site_cards(model) -> dict[str, Card]:
    """Docs-relative path -> card, for the home page and every pledge."""
    cfg = model.config
    counts = tuple((code, len(items)) for code, items in model.pledges_by_status().items())
    title = words("card.home", total=len(model.pledges))
    out = {"card.png": Card(title, cfg.site_name, counts=counts, language=cfg.language)}
    for p in model.pledges.values():
        out[f"pledges/{p.id}/card.png"] = Card(p.title, cfg.site_name, p.status,
                                               model.actors[p.made_by].name,
                                               language=cfg.language)
    return out


class Written(NamedTuple):
    """What :func:`write_cards` did: cards ``written`` below the docs folder, of which
    ``drawn`` were drawn anew (the rest came from the cache)."""

    written: int
    drawn: int


def write_cards(model, docs: Path, cache: Path | None = None) -> Written:
    """Write every card below ``docs``, drawing those not in ``cache`` (by default
    :func:`cache_folder`)."""
    cache = cache if cache is not None else cache_folder()
    written = drawn = 0
    for relpath, card in site_cards(model).items():
        png, new = cached(card, cache)
        written, drawn = written + 1, drawn + new
        target = docs / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png)
    return Written(written, drawn)
