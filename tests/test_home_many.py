"""The home page of a large tracker lists the most recently changed pledges, not all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from benchmarks import synth
from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model
from pledgewatch.site.mkdocs_run import TEMPLATES
from pledgewatch.site.render import HOME_LIMIT, Renderer


def test_with_many_pledges_home_lists_the_latest_changed_and_links_the_index(
        tmp_path: Path) -> None:
    synth.write_tree(tmp_path, 50, seed=7)
    config = load_config(tmp_path / "site_config.yml")
    records, _ = check(config)
    model = build_model(records, config, dt.date(2026, 12, 2))
    renderer = Renderer(model, TEMPLATES)
    shown = renderer.home_pledges()
    assert len(model.pledges) == 50 and len(shown) == HOME_LIMIT == 20
    changed = [(p.updates[-1].date, p.id) for p in shown]
    assert changed == sorted(changed, reverse=True)
    assert min(changed) >= max((p.updates[-1].date, p.id) for p in model.pledges.values()
                               if p not in shown)
    home = renderer.render_page("index.md", "home")
    assert ('\n<h2 id="pledges">The 20 most recently changed of 50 pledges<a class="headerlink" '
            'href="#pledges" title="Permanent link">&para;</a></h2>\n') in home
    assert '<p><a href="pledges/">All 50 pledges</a> · ' in home
    assert home.count('<li><a href="status/') == 20
