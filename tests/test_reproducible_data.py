"""Same content and same as-of date give byte-identical machine-readable files, even when the
two builds read copies of the content from different folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pledgewatch.build import build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import machine_readable_files

pytestmark = pytest.mark.slow


def build_copy(source: Path, target: Path, as_of) -> Path:
    """Copy the site at ``source`` (configuration and content) to ``target``; build it there."""
    shutil.copytree(source / "content", target / "content")
    shutil.copy(source / "site_config.yml", target / "site_config.yml")
    build(BuildContext(load_config(target / "site_config.yml"), as_of), target / "site")
    return target / "site"


def test_two_builds_give_identical_machine_readable_files(tmp_path: Path) -> None:
    first = machine_readable_files(build_copy(FIXTURE, tmp_path / "one", AS_OF))
    second = machine_readable_files(build_copy(FIXTURE, tmp_path / "two" / "deeper", AS_OF))
    assert sorted(first) == [
        "actors/ada-mayor/atom.xml", "actors/ada-mayor/sitemap.xml",
        "actors/residents-union/atom.xml", "actors/residents-union/sitemap.xml", "atom.xml",
        "data/pledges.csv", "data/records.json", "deadlines.ics", "feed.xml",
        "pledges/fix-the-bridge/atom.xml", "pledges/fix-the-bridge/sitemap.xml",
        "pledges/reopen-library/atom.xml", "pledges/reopen-library/sitemap.xml",
        "schemas/actor.json", "schemas/deadline.json",
        "schemas/pledge.json", "schemas/quote.json", "schemas/records.json",
        "schemas/source.json", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz"]
    assert [name for name in first if first[name] != second.get(name)] == []
    assert sorted(second) == sorted(first)
