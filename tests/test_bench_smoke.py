"""The benchmark's smoke run (N = 20, one run of each measure), so it cannot rot.

No time is asserted: speed is what `make bench` measures, on purpose, outside the tests.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.report import pages_seconds
from tests.requirements_check import require

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ROWS = [
    ("1. validate / libyaml parse", "20"),
    ("2. build / bare mkdocs build", "20"),
    ("2. whole build / Hugo rendering the same pages", "20"),
    ("2. build of the pages / Hugo rendering the same pages", "20"),
    ("3. build seconds per pledge", "20 / 20"),
    ("3. bytes per pledge page", "20 / 20"),
    ("4. peak memory of validate (libyaml parse)", "20"),
    ("4. peak memory of build (bare mkdocs)", "20"),
    ("5. first visit to a pledge page, bytes stored (heaviest; median)", "20"),
    ("5. the same, gzip as hosts send it (heaviest; median)", "20"),
    ("5. first visit, then a one-word search, gzip (heaviest; median)", "20"),
    ("5. third-party requests on a first visit", "20"),
    ("6. largest HTML page", "20"),
    ("6. total size of the site", "20"),
    ("7. preview: a title edit shown on the pledge's page (median)", "20"),
    ("7. preview: the same edit on its pledges index page (median)", "20"),
    ("7. preview: the whole site up to date, feeds and search too (median)", "20"),
]


def test_smoke_run_writes_every_row_and_the_machine(tmp_path: Path) -> None:
    require(shutil.which("hugo") is not None, "hugo, the benchmark's baseline",
            "apt-get install hugo")  # .ci/run installs it
    out = tmp_path / "RESULTS.md"
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--smoke", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ") and " N |" not in line]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table[:len(ROWS)]]
    # The largest page's row names the page: "6. largest HTML page (`path`)".
    assert [(re.sub(r" \(`[^`]+`\)$", "", c[0]), c[1]) for c in cells] == ROWS
    assert all(c[6] == "-" for c in cells)  # the targets apply at 100 to 10,000 pledges
    row = {re.sub(r" \(`[^`]+`\)$", "", c[0]): c for c in cells}
    for name in ROWS[:len(ROWS) - 13]:  # validation and the build ratios
        assert re.fullmatch(r"\d+\.\d\d s", row[name[0]][2]), row[name[0]]
        assert re.fullmatch(r"\d+\.\d\d s", row[name[0]][3]), row[name[0]]
    pages, whole = (float(row[f"2. {name} / Hugo rendering the same pages"][2][:-2])
                    for name in ("build of the pages", "whole build"))
    assert 0 < pages < whole  # less the cards, feeds and data stages
    assert row["3. build seconds per pledge"][4] == row["3. bytes per pledge page"][4] == "1.00"
    visit, search = (int(row[name][2].removesuffix(" KB")) for name in (
        "5. the same, gzip as hosts send it (heaviest; median)",
        "5. first visit, then a one-word search, gzip (heaviest; median)"))
    assert search > visit  # Pagefind's script, WebAssembly, index chunk and fragments
    assert row["5. third-party requests on a first visit"][2] == "0"
    assert row["6. largest HTML page"][0].startswith("6. largest HTML page (`")
    for name, _ in ROWS[-3:]:  # the preview's latency
        assert re.fullmatch(r"\d+\.\d\d s", row[name][2]), row[name]
    assert re.search(r"^- Preview edits at 20, seconds to the page: \d+\.\d\d; to the listing "
                     r"page: \d+\.\d\d; to the whole site: \d+\.\d\d$", text, re.M)
    machine = re.findall(r"^- (CPU|Cores|Memory|System|Python|Libraries): ", text, re.M)
    assert machine == ["CPU", "Cores", "Memory", "System", "Python", "Libraries"]
    assert "mkdocs-material " in text and "libyaml " in text
    assert re.search(r"- Search index \(Pagefind\): [\d,]+ bytes, [\d,]+ pages", text)
    assert done.stdout.startswith("| measure | N | Pledgewatch | baseline | result |")


def test_the_pages_of_a_build_leave_out_the_cards_feeds_and_data_stages() -> None:
    summary = ("built 24 pages into site/ (no problems found)\n"
               "check: 7,100 files in 0.45 s; cross-check: 7,100 records in 0.08 s; model: 7,100 "
               "records in 0.22 s; render: 1,252 pages in 2.95 s; cards: 1,001 cards in 46.50 s; "
               "feeds: 1,103 files in 1.25 s; data: 40 files in 1.00 s; mkdocs markdown: 1,252 "
               "pages in 16.26 s; mkdocs html: 1,252 pages in 4.18 s; search in 1.50 s; "
               "publish in 0.72 s; total 75.11 s\n")
    assert pages_seconds(summary, 76.0) == pytest.approx(76.0 - 46.5 - 1.25 - 1.0 - 1.5)
    assert pages_seconds("", 3.0) == 3.0
