"""The feeds, calendar and open data of the real content (``content/`` beside this checkout's
``site_config.yml``), checked with the same real clients as the fixture: feedparser, newsboat,
icalendar, csv and jsonschema, plus a second build compared byte for byte.

The expected values come from the model of the content, since the content changes; the exact
values are pinned by the fixture tests. Skipped when the checkout has no ``content/``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import feedparser
import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.core.problems import format_problems, is_error
from pledgewatch.records.model import build_model
from tests.machine_readable import (
    check_all_feeds,
    check_calendar,
    check_exports,
    expected_feeds,
    machine_readable_files,
)
from tests.newsboat import NEWSBOAT, Newsboat, by_feed, serve
from tests.published_addresses import listed, published
from tests.requirements_check import require
from tests.test_reproducible_data import build_copy

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not (ROOT / "content").is_dir(),
                                reason=f"no real content in this checkout ({ROOT / 'content'})")]


AS_OF = dt.date(2026, 12, 2)
"""A fixed date, so that the suite does not start failing as time passes; move it forward when
the content records something later."""


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory):
    """(model, built site folder, a scratch folder) of the real content, as of :data:`AS_OF`."""
    config = load_config(ROOT / "site_config.yml")
    as_of = AS_OF
    records, problems = check(config, as_of=as_of)
    errors = [p for p in problems if is_error(p)]
    assert not errors, "the content has errors:\n" + format_problems(errors)
    scratch = tmp_path_factory.mktemp("real")
    site = build_copy(ROOT, scratch / "one", as_of)
    return build_model(records, config, as_of), site, scratch


def test_real_feeds(real) -> None:
    model, site, _ = real
    counts = check_all_feeds(model, site)
    expected = expected_feeds(model)
    assert counts["feed.xml"] == len(expected["feed.xml"][1]) > 0
    pledge_corrections = sum(len(p.corrections) for p in model.pledges.values())
    assert sum(counts[f"pledges/{p}/atom.xml"] for p in model.pledges) == (
        len(model.events) + pledge_corrections)


def test_real_calendar(real) -> None:
    model, site, _ = real
    assert len(check_calendar(model, site)) == len(model.deadlines)


def test_real_open_data(real) -> None:
    model, site, _ = real
    records, rows = check_exports(model, site)
    assert len(rows) == len(model.pledges) + 1
    assert sum(len(records[k]) for k in ("actors", "sources", "pledges", "deadlines",
                                         "quotes")) == sum(
        len(getattr(model, k)) for k in ("actors", "sources", "pledges", "deadlines", "quotes"))


def test_real_build_is_reproducible(real) -> None:
    model, site, scratch = real
    again = build_copy(ROOT, scratch / "two", model.as_of)
    first, second = machine_readable_files(site), machine_readable_files(again)
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.browser
def test_newsboat_reads_the_real_feeds(real) -> None:
    require(NEWSBOAT is not None, "newsboat, the real feed reader of this test",
            "apt-get install newsboat")
    model, site, scratch = real
    paths = sorted(expected_feeds(model))
    with serve(site) as base:
        readers = [Newsboat(scratch / "rss", [base + p for p in paths if p != "atom.xml"]),
                   Newsboat(scratch / "atom", [base + "atom.xml"])]
        for reader in readers:
            reader.reload()
        stored = {**by_feed(readers[0], base), **by_feed(readers[1], base)}
    want = {}
    for path in paths:
        entries = feedparser.parse((site / path).read_bytes()).entries
        rows = [(e.id, e.title, int(dt.datetime(*e.published_parsed[:6], tzinfo=dt.UTC)
                                    .timestamp())) for e in entries]
        if rows:
            want[path] = sorted(rows, key=lambda r: (-r[2], r[0]))
    assert stored == want


def test_every_published_address_and_guid_is_still_published(real) -> None:
    _, site, _ = real
    gone = sorted(listed() - published(site))
    assert gone == [], (
        "these addresses or feed guids were published and are gone (give a renamed record an "
        "alias, keep guids stable; if it is intended, remove the lines from "
        "tests/published-addresses.txt in the same commit):\n" + "\n".join(gone))
    assert listed(), "tests/published-addresses.txt is missing: python -m tests.published_addresses"
