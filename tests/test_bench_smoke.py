"""The benchmark's smoke run (N = 20, one run of each measure), so it cannot rot.

No time is asserted: speed is what `make bench` measures, on purpose, outside the tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
ROWS = [
    ("1. validate / libyaml parse", "20"),
    ("2. build / bare mkdocs build", "20"),
    ("3. build seconds per pledge", "20 / 20"),
    ("3. bytes per pledge page", "20 / 20"),
    ("4. peak memory of validate (libyaml parse)", "20"),
    ("4. peak memory of build (bare mkdocs)", "20"),
    ("5. first visit to a pledge page, bytes stored (heaviest; median)", "20"),
    ("5. the same, gzip as hosts send it (heaviest; median)", "20"),
    ("5. first visit, then opening search (adds the index), gzip (heaviest; median)", "20"),
    ("5. third-party requests on a first visit", "20"),
]


def test_smoke_run_writes_every_row_and_the_machine(tmp_path: Path) -> None:
    out = tmp_path / "RESULTS.md"
    done = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--smoke", "--out", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ") and " N |" not in line]
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in table[:len(ROWS)]]
    assert [(c[0], c[1]) for c in cells] == ROWS
    assert all(c[6] == "-" for c in cells)  # the targets apply at 100 to 10,000 pledges
    for c in cells[:2]:
        assert re.fullmatch(r"\d+\.\d\d s", c[2]) and re.fullmatch(r"\d+\.\d\d s", c[3])
    assert cells[2][4] == cells[3][4] == "1.00"  # 20 pledges over 20 pledges
    visit, search = (int(cells[i][2].removesuffix(" KB")) for i in (7, 8))
    assert search > visit  # the index, held until the reader opens search
    assert cells[9][2] == "0"  # no third-party request
    machine = re.findall(r"^- (CPU|Cores|Memory|System|Python|Libraries): ", text, re.M)
    assert machine == ["CPU", "Cores", "Memory", "System", "Python", "Libraries"]
    assert "mkdocs-material " in text and "libyaml " in text
    assert re.search(r"- Search index: [\d,]+ bytes, [\d,]+ entries", text)
    assert done.stdout.startswith("| measure | N | Pledgewatch | baseline | result |")
