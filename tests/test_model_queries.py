"""The model's per-page queries (indexed once) answer what a scan of every record answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import synth
from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.records.model import Model, build_model

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Model:
    root = tmp_path_factory.mktemp("queries") / "tree"
    synth.write_tree(root, 40, seed=3)
    config = load_config(root / "site_config.yml")
    records, problems = check(config)
    assert problems == []
    return build_model(records, config, synth.AS_OF)


def by_date(quotes):
    return sorted(quotes, key=lambda q: (q.said_on, q.id))


def test_pledge_queries_match_a_full_scan(model: Model) -> None:
    for pledge_id in model.pledges:
        assert model.deadlines_of(pledge_id) == [
            d for d in model.deadlines.values() if pledge_id in d.pledges]
        assert model.quotes_about(pledge_id) == by_date(
            q for q in model.quotes.values() if pledge_id in q.about)
    assert sum(len(model.deadlines_of(p)) for p in model.pledges) == 36  # 4 of 40 are events
    assert sum(len(model.quotes_about(p)) for p in model.pledges) == 80


def test_actor_queries_match_a_full_scan(model: Model) -> None:
    for actor_id in model.actors:
        assert model.members_of(actor_id) == [
            a for a in model.actors.values() if actor_id in a.member_of]
        assert model.pledges_made_by(actor_id) == [
            p for p in model.pledges.values() if p.made_by == actor_id]
        assert model.pledges_made_to(actor_id) == [
            p for p in model.pledges.values() if actor_id in p.made_to]
        assert model.quotes_by(actor_id) == by_date(
            q for q in model.quotes.values() if q.speaker == actor_id)
    assert [len(model.pledges_made_by(a)) for a in model.actors] == [10, 10, 10, 10]


def test_queries_return_copies(model: Model) -> None:
    pledge_id = next(iter(model.pledges))
    model.deadlines_of(pledge_id).clear()
    assert model.deadlines_of(pledge_id) != []


def test_events_of_a_pledge_match_a_full_scan(model: Model) -> None:
    for pledge_id in model.pledges:
        assert model.events_of(pledge_id) == [e for e in model.events if e.pledge == pledge_id]
    assert sum(len(model.events_of(p)) for p in model.pledges) == len(model.events) > 0


def test_sources_published_by_an_actor_match_a_full_scan() -> None:
    # The real content names publishers (published_by); the synthetic trees do not.
    config = load_config(ROOT / "site_config.yml")
    records, _ = check(config)
    real = build_model(records, config, synth.AS_OF)
    for actor_id in real.actors:
        assert real.sources_published_by(actor_id) == [
            s for s in real.sources.values() if s.published_by == actor_id]
    assert [s.id for s in real.sources_published_by("the-hill")] == [
        s.id for s in real.sources.values() if s.publisher == "The Hill"] != []
