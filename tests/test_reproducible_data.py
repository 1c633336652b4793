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

TABLES = ["actors", "sources", "pledges", "updates", "deadlines", "quotes", "actor_member_of",
          "actor_sources", "actor_aliases", "source_via", "pledge_made_to", "pledge_topics",
          "pledge_aliases", "update_sources", "deadline_pledges", "deadline_sources",
          "quote_about", "quote_mentions", "actor_corrections", "source_corrections",
          "pledge_corrections", "deadline_corrections", "quote_corrections",
          "actor_correction_sources", "source_correction_sources", "pledge_correction_sources",
          "deadline_correction_sources", "quote_correction_sources", "actor_roles",
          "actor_role_sources"]
# records.db's tables, each a CSV (test_database)


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
        "data/metadata.json", "data/pledges.csv", "data/records.json",
        *[f"data/tables/{name}.csv" for name in sorted(TABLES)], "deadlines.ics", "feed.xml",
        "pagefind/pagefind-entry.json",
        "pledges/fix-the-bridge/atom.xml", "pledges/fix-the-bridge/sitemap.xml",
        "pledges/reopen-library/atom.xml", "pledges/reopen-library/sitemap.xml",
        "schemas/actor.json", "schemas/deadline.json",
        "schemas/pledge.json", "schemas/quote.json", "schemas/records.json",
        "schemas/source.json", "search/search_index.json", "sitemap.xml", "sitemap.xml.gz",
        "sitemaps/pages-1.xml"]
    assert [name for name in first if first[name] != second.get(name)] == []
    assert sorted(second) == sorted(first)
