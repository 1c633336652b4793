"""Social cards: size, the same bytes for the same content, and a cache keyed by content."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from PIL import Image

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model
from pledgewatch.site import cards
from tests.conftest import FIXTURE


def _model(root: Path):
    config = load_config(root / "site_config.yml")
    records, _ = check(config)
    return build_model(records, config, dt.date(2024, 4, 2))


def test_every_card_is_a_1200_by_630_png(tmp_path: Path) -> None:
    assert cards.write_cards(_model(FIXTURE), tmp_path / "docs", tmp_path / "cache") == (3, 3)
    written = sorted(p.relative_to(tmp_path / "docs").as_posix()
                     for p in (tmp_path / "docs").rglob("*.png"))
    assert written == ["card.png", "pledges/fix-the-bridge/card.png",
                       "pledges/reopen-library/card.png"]
    for name in written:
        image = Image.open(tmp_path / "docs" / name)
        assert (image.format, image.size, image.mode) == ("PNG", (1200, 630), "RGB")
        assert image.info == {}  # no timestamp, no software name: nothing but the picture


def test_the_same_card_gives_the_same_bytes_and_others_differ() -> None:
    card = cards.Card("Fix the old bridge by the end of March", "Fixture Watch", "in-progress",
                      "Ada Müller-Šimić")
    assert cards.draw(card) == cards.draw(card)
    other = cards.Card(card.title, card.site_name, "broken", card.made_by)
    assert cards.draw(other) != cards.draw(card)
    assert other.key() != card.key()


def test_a_long_title_is_cut_with_an_ellipsis_inside_the_card() -> None:
    card = cards.Card("word " * 80, "Fixture Watch", "kept", "Ada")
    image = Image.open(io.BytesIO(cards.draw(card)))
    assert image.size == (1200, 630)
    font, lines = cards._fit(card.title, 1200 - 2 * cards.MARGIN, 3)
    assert (font.size, len(lines), lines[-1][-1]) == (36, 3, "\u2026")


def test_a_rebuild_draws_only_the_cards_that_changed(site_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert cards.write_cards(_model(site_copy), tmp_path / "a", cache) == (3, 3)
    assert cards.write_cards(_model(site_copy), tmp_path / "b", cache) == (3, 0)
    pledge = site_copy / "content/pledges/reopen-library.yml"
    pledge.write_text(pledge.read_text().replace("title: Reopen the central library",
                                                 "title: Reopen the central library soon"))
    assert cards.write_cards(_model(site_copy), tmp_path / "c", cache) == (3, 1)
    same = ["card.png", "pledges/fix-the-bridge/card.png"]
    for name in same:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "c" / name).read_bytes()
    changed = "pledges/reopen-library/card.png"
    assert (tmp_path / "a" / changed).read_bytes() != (tmp_path / "c" / changed).read_bytes()
    assert len(list(cache.iterdir())) == 4


def test_the_default_cache_is_outside_the_project(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cards.cache_folder() == tmp_path / "pledgewatch" / "cards"
