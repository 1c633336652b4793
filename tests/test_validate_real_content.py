"""The real content in ``content/`` (committed by the lead) validates clean: no error, no
warning. Skipped in a checkout without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config

ROOT = Path(__file__).parent.parent


@pytest.mark.skipif(not (ROOT / "content").is_dir(), reason="no content/ in this checkout")
def test_the_real_content_validates_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    records, problems = check(load_config(ROOT / "site_config.yml"))
    assert len(records) > 50
    assert [p.as_text() for p in problems] == []
