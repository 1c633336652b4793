"""Same bytes: the same content and as-of date give byte-identical sites, every file compared.

Builds differ in what should not matter: the process (PYTHONHASHSEED), the working folder, the
output path, SOURCE_DATE_EPOCH when --as-of is given, and the clock. The sitemap's dates and
the gzip header of sitemap.xml.gz follow the as-of date (reproducible-builds.org's
SOURCE_DATE_EPOCH, which MkDocs reads), and the search index keeps its order.
"""

from __future__ import annotations

import datetime as dt
import gzip
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from pledgewatch.build import build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF, FIXTURE
from tests.hostile_checks import HOSTILE, tree_hashes

pytestmark = pytest.mark.slow

EXPECTED_FILES = 205  # the hostile corpus: 41 pages, feeds, sitemaps, search bundle, assets,
# 8 social cards, records.db, its table CSVs (corrections and roles included), metadata.json,
# the marker


def cli_build(config: Path, out: Path, cwd: Path, **env: str) -> None:
    """``pledgewatch build`` in a fresh process with the given environment additions."""
    environ = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env
    subprocess.run([sys.executable, "-c", "from pledgewatch.cli.main import main; main()", "build",
                    "-c", str(config), "--as-of", AS_OF.isoformat(), "--out", str(out)],
                   cwd=cwd, env=environ, check=True, capture_output=True)


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = tmp_path_factory.mktemp("first") / "site"
    build(BuildContext(load_config(HOSTILE / "site_config.yml"), AS_OF), out)
    return tree_hashes(out)


def test_two_builds_give_the_same_bytes(first: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "second"
    build(BuildContext(load_config(HOSTILE / "site_config.yml"), AS_OF), out)
    assert len(first) == EXPECTED_FILES
    assert {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "feed.xml",
            "atom.xml", "404.html"} <= set(first)
    assert tree_hashes(out) == first


def test_other_processes_folders_and_hash_seeds_give_the_same_bytes(
        first: dict[str, str], tmp_path: Path) -> None:
    # A copy of the corpus elsewhere, built from another working folder into a deeper path.
    copy = tmp_path / "elsewhere" / "corpus"
    shutil.copytree(HOSTILE, copy)
    (tmp_path / "cwd").mkdir()
    runs = [
        (HOSTILE / "site_config.yml", tmp_path / "a" / "site", HOSTILE, "0"),
        (copy / "site_config.yml", tmp_path / "b" / "deeper" / "public", tmp_path / "cwd",
         "4242"),
        (Path("site_config.yml"), Path("out"), copy, "random"),
    ]
    for config, out, cwd, seed in runs:
        cli_build(config, out, cwd, PYTHONHASHSEED=seed)
        assert tree_hashes(cwd / out if not out.is_absolute() else out) == first, (out, seed)


def test_source_date_epoch_does_not_change_a_build_with_an_as_of_date(
        first: dict[str, str], tmp_path: Path) -> None:
    later = int(dt.datetime(2031, 5, 6, 7, 8, tzinfo=dt.UTC).timestamp())
    cli_build(HOSTILE / "site_config.yml", tmp_path / "site", HOSTILE,
              SOURCE_DATE_EPOCH=str(later))
    assert tree_hashes(tmp_path / "site") == first


def test_sitemap_and_its_gzip_copy_are_dated_by_the_as_of_date(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_bytes()  # the index of its parts
    assert sitemap.count(b"<lastmod>2024-04-02</lastmod>") == 1
    part = (built_site / "sitemaps/pages-1.xml").read_bytes()
    assert part.count(b"<lastmod>2024-04-02</lastmod>") == 24
    packed = (built_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(packed) == sitemap
    # RFC 1952: MTIME is bytes 4-7 (little-endian); FNAME, a zero-ended name, follows the
    # 10-byte header when FLG has bit 3 set. Neither may depend on the build's path or clock.
    midnight = int(dt.datetime.combine(AS_OF, dt.time(), dt.UTC).timestamp())
    assert struct.unpack("<I", packed[4:8])[0] == midnight
    assert packed[3] & 0x08 and packed[10:packed.index(b"\0", 10)] == b"sitemap.xml"


def test_the_fixture_gives_the_same_bytes_from_a_copy(built_site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURE, copy)
    cli_build(copy / "site_config.yml", copy / "site", copy, PYTHONHASHSEED="7")
    assert tree_hashes(copy / "site") == tree_hashes(built_site)
