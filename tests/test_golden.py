"""Golden-directory test: the fixture site's generated Markdown and feeds, byte for byte.

After an intended change, run ``make goldens`` and review the diff of tests/golden.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.conftest import GOLDEN
from tests.regen_goldens import generate_fixture


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_generated_markdown_and_feeds_match_goldens(tmp_path: Path) -> None:
    generate_fixture(tmp_path)
    got, want = _files(tmp_path), _files(GOLDEN)
    assert sorted(got) == sorted(want)
    for name in sorted(want):
        if got[name] != want[name]:
            diff = difflib.unified_diff(want[name].decode().splitlines(),
                                        got[name].decode().splitlines(), "golden", "now",
                                        lineterm="")
            raise AssertionError(f"{name} differs from its golden copy:\n" + "\n".join(diff))
