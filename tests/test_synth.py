"""The synthetic tree of the benchmark: deterministic, valid, in realistic proportions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from benchmarks import synth
from pledgewatch.cli.main import main


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("synth") / "tree"
    synth.write_tree(root, 50, seed=7)
    return root


def records(root: Path, kind: str) -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8"))
            for p in sorted((root / "content" / kind).glob("*.yml"))]


def test_same_seed_gives_a_byte_identical_tree(tmp_path: Path, tree: Path) -> None:
    synth.write_tree(tmp_path / "again", 50, seed=7)
    assert files(tmp_path / "again") == files(tree)


def test_another_seed_gives_another_tree(tmp_path: Path, tree: Path) -> None:
    synth.write_tree(tmp_path / "other", 50, seed=8)
    assert files(tmp_path / "other") != files(tree)


def test_tree_validates_clean(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    result = CliRunner().invoke(main, ["validate", "--strict"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "no problems found"
    if len(lines) > 1:  # a run over two seconds (a loaded machine) adds its stage summary
        assert len(lines) == 2 and re.sub(r"\d+\.\d\d s", "S s", lines[1]) == (
            "check: 355 files in S s; cross-check: 355 records in S s; total S s")


def test_proportions_per_pledge(tree: Path) -> None:
    counts = {kind: len(list((tree / "content" / kind).glob("*.yml")))
              for kind in ("actors", "sources", "pledges", "deadlines", "quotes")}
    assert counts == {"actors": 5, "sources": 150, "pledges": 50, "deadlines": 50,
                      "quotes": 100}
    pledges = records(tree, "pledges")
    assert sum(len(p["updates"]) for p in pledges) == 150
    assert {len(p["updates"]) for p in pledges} == {1, 2, 3, 4, 5}
    events = [d for d in records(tree, "deadlines") if d["kind"] == "event"]
    assert len(events) == 5 and all(d["pledges"] == [] for d in events)


def test_varied_lengths_and_scripts(tree: Path) -> None:
    statements = [len(p["statement"]) for p in records(tree, "pledges")]
    assert min(statements) < 100 and max(statements) > 800
    text = "".join(p.read_text(encoding="utf-8") for p in (tree / "content").rglob("*.yml"))
    assert re.search("[\u00c0-\u024f]", text)  # Latin with diacritics
    assert re.search("[\u0370-\u03ff\u0400-\u04ff\u4e00-\u9fff\u0600-\u06ff]", text)
    assert any(not a["name"].isascii() for a in records(tree, "actors"))


@pytest.mark.parametrize("value", [
    "yes", "No", "on", "null", "~", "1.10", "12:30", "2024-01-02", "a: b", "#x", "x #y", "&a",
    "*b", "- x", "", " lead", "trail ", "@at", "`tick", "%pct", "it's", "O'Neill", "\"q\"",
    "back\\slash", "caf\u00e9 \u6771\u4eac", "{{ x }}", "[sic]", "a|b", "> x", "!tag",
])
def test_scalars_read_back_as_the_same_text(value: str) -> None:
    assert yaml.safe_load(f"k: {synth.scalar(value)}\n") == {"k": value}


def test_folded_text_reads_back_as_written() -> None:
    statement = " ".join(["word"] * 40) + "\n" + "Second paragraph & more: #1."
    record = [("id", "x"), ("statement", statement), ("updates", [
        {"date": synth.AS_OF, "summary": " ".join(["long"] * 30), "sources": ["a", "b"]}])]
    assert yaml.safe_load(synth.dump(record)) == {
        "id": "x", "statement": statement,
        "updates": [{"date": synth.AS_OF, "summary": " ".join(["long"] * 30),
                     "sources": ["a", "b"]}]}
