"""``make bench``: Pledgewatch's cost measured against the libraries underneath it.

For synthetic trees of N pledges (:mod:`benchmarks.synth`) it measures, in subprocesses so
interpreter start-up counts on both sides, and alternating the two sides run by run so a busy
machine slows both alike:

1. validation: ``pledgewatch validate`` over the bare parse of the same files with libyaml
   (:mod:`benchmarks.floor`);
2. build overhead: ``pledgewatch build`` over a bare ``mkdocs build`` of the same generated
   Markdown with the same ``mkdocs.yml`` (prepared with ``build.generate`` and
   ``build.write_mkdocs_config``);
3. growth: build seconds per pledge and bytes per pledge page, largest N over smallest;
4. memory: peak resident memory of validate and of build;
5. reader weight: what a first visit to a pledge page loads, and what opening search adds
   (:mod:`benchmarks.weight`);
7. preview latency: from a title edit to the pledge's page served by ``pledgewatch serve``
   showing it, and its listing page (:mod:`benchmarks.preview`).

Every ratio is of medians of runs made in the same invocation. The table is printed and
written to ``benchmarks/RESULTS.md`` with the machine's description.
``python -m benchmarks.bench --smoke --out FILE`` runs everything once at N = 20.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from pledgewatch import build as pipeline
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model

from . import hugo, preview, report, synth, weight
from .measure import Run, run

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SLOW = 5000  # from this many pledges (validation) or 500 (build), 3 runs instead of 5


@dataclass
class Pair:
    """Runs of Pledgewatch and of its baseline, made alternately."""

    ours: list[Run] = field(default_factory=list)
    base: list[Run] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.seconds(self.ours) / self.seconds(self.base)

    @staticmethod
    def seconds(runs: list[Run]) -> float:
        return statistics.median(r.seconds for r in runs)


@dataclass
class BuildFigures:
    """A build size's runs and what its output looks like."""

    pledges: int
    pair: Pair
    page_bytes: list[int]
    site_bytes: int
    first_visits: list[weight.Weight]
    first_searches: list[weight.Weight]
    search_index_bytes: int
    search_entries: int
    status_icons: dict[str, tuple[int, int, int]]  # page -> badges, their SVG bytes, page bytes
    summary: str
    largest_page: tuple[str, int] = ("", 0)  # the largest HTML page of the site, its bytes
    hugo: list[Run] = field(default_factory=list)  # Hugo rendering the same pages, if installed


class Bench:
    """One benchmark invocation: trees and outputs live in ``workdir``."""

    def __init__(self, workdir: Path, repeat: int | None, log=print):
        self.workdir, self.repeat, self.log = workdir, repeat, log

    def reps(self, pledges: int, slow_from: int) -> int:
        return self.repeat or (3 if pledges >= slow_from else 5)

    def tree(self, pledges: int) -> Path:
        root = self.workdir / f"tree-{pledges}"
        if not root.exists():
            self.log(f"writing a synthetic tree of {pledges:,} pledges")
            synth.write_tree(root, pledges)
        return root

    def alternate(self, ours: list[str], base: list[str], cwd: Path, reps: int,
                  before=None, env: dict | None = None) -> Pair:
        pair = Pair()
        for i in range(reps):
            order = [(ours, pair.ours), (base, pair.base)]
            for cmd, runs in (order if i % 2 == 0 else order[::-1]):
                if before:
                    before()
                runs.append(run(cmd, cwd, env))
        return pair

    def validation(self, pledges: int) -> Pair:
        root = self.tree(pledges)
        reps = self.reps(pledges, SLOW)
        self.log(f"validation at {pledges:,} pledges, {reps} runs each")
        return self.alternate([str(BIN / "pledgewatch"), "validate"],
                              [sys.executable, str(REPO / "benchmarks" / "floor.py"), "content"],
                              root, reps, env=_env())

    def build(self, pledges: int) -> BuildFigures:
        root = self.tree(pledges)
        bare = self._bare_workspace(root)
        out = root / "site"
        reps = self.reps(pledges, SLOW // 10)
        self.log(f"build at {pledges:,} pledges, {reps} runs each")
        epoch = int(dt.datetime.combine(synth.AS_OF, dt.time(), dt.UTC).timestamp())

        def clean() -> None:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(bare / "site", ignore_errors=True)

        pair = self.alternate(
            [str(BIN / "pledgewatch"), "build", "--as-of", synth.AS_OF.isoformat(), "--out",
             str(out)],
            [str(BIN / "mkdocs"), "build", "-q", "-f", str(bare / "mkdocs.yml")],
            root, reps, before=clean, env=_env(SOURCE_DATE_EPOCH=str(epoch)))
        if not out.is_dir():  # the last run was the baseline's: build once more to look at it
            run([str(BIN / "pledgewatch"), "build", "--as-of", synth.AS_OF.isoformat(), "--out",
                 str(out)], root, _env())
        figures = self._figures(pledges, pair, out)
        if hugo.hugo():
            self.log(f"Hugo baseline at {pledges:,} pledges, {reps} runs")
            site = hugo.prepare(bare / "docs", root / "hugo")
            for _ in range(reps):
                shutil.rmtree(site / "public", ignore_errors=True)
                figures.hugo.append(run(hugo.command(site), root, _env()))
        return figures

    def preview(self, pledges: int) -> preview.Latency:
        edits = self.repeat or 3
        self.log(f"preview latency at {pledges:,} pledges, {edits} edits")
        return preview.measure(
            self.tree(pledges), pledges, edits,
            [str(BIN / "pledgewatch"), "serve", "--as-of", synth.AS_OF.isoformat()], _env())

    def _bare_workspace(self, root: Path) -> Path:
        """The generated Markdown and ``mkdocs.yml`` exactly as ``pledgewatch build`` writes
        them into its workspace (``build.prepare``: ``generate`` and ``write_mkdocs_config``)."""
        work = root / "bare"
        shutil.rmtree(work, ignore_errors=True)
        config = load_config(root / "site_config.yml")
        records, problems = pipeline.check(config)
        assert not problems, problems[:5]
        pipeline.prepare(build_model(records, config, synth.AS_OF), work)
        return work

    def _figures(self, pledges: int, pair: Pair, out: Path) -> BuildFigures:
        pages = sorted(out.glob("pledges/*/index.html"))
        sizes = [p.stat().st_size for p in pages]
        visits = [weight.first_visit(out, p.relative_to(out).as_posix()) for p in pages]
        searches = [weight.first_search(out, p.relative_to(out).as_posix()) for p in pages]
        heaviest = max(pages, key=lambda p: p.stat().st_size)
        icons = {}
        for page in (heaviest, out / "pledges/index.html", out / "updates/index.html"):
            html = page.read_text(encoding="utf-8")
            icons[page.relative_to(out).as_posix()] = (
                *weight.status_icon_bytes(html), len(html.encode("utf-8")))
        bundle = out / "pagefind"
        entry = bundle / "pagefind-entry.json"
        entries = sum(lang["page_count"] for lang in json.loads(entry.read_bytes())[
            "languages"].values()) if entry.is_file() else 0
        index_bytes = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
        largest = max(out.rglob("*.html"), key=lambda p: p.stat().st_size)
        return BuildFigures(
            pledges, pair, sizes, sum(f.stat().st_size for f in out.rglob("*") if f.is_file()),
            visits, searches, index_bytes, entries, icons,
            pair.ours[-1].stderr.strip().splitlines()[-1],
            (largest.relative_to(out).as_posix(), largest.stat().st_size))


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    env.update(extra)
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pledgewatch's benchmark (make bench).")
    parser.add_argument("--sizes", default="100,1000", help="pledge counts to build")
    parser.add_argument("--validate-sizes", default="100,1000,10000",
                        help="pledge counts to validate")
    parser.add_argument("--preview-sizes", default="1000",
                        help="pledge counts to measure the preview's latency at")
    parser.add_argument("--repeat", type=int, default=None,
                        help="runs per measure (default 5, or 3 for the slow ones)")
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "RESULTS.md")
    parser.add_argument("--smoke", action="store_true",
                        help="N = 20 everywhere, one run each: checks the benchmark works")
    args = parser.parse_args(argv)
    if args.smoke:
        args.sizes = args.validate_sizes = args.preview_sizes = "20"
        args.repeat = 1
    sizes = sorted(int(n) for n in args.sizes.split(","))
    validate_sizes = sorted(int(n) for n in args.validate_sizes.split(","))
    preview_sizes = sorted(int(n) for n in args.preview_sizes.split(","))
    about = report.about_machine()
    with tempfile.TemporaryDirectory(prefix="pledgewatch-bench-") as tmp:
        bench = Bench(Path(tmp), args.repeat, log=lambda m: print(m, file=sys.stderr))
        validations = {n: bench.validation(n) for n in validate_sizes}
        builds = {n: bench.build(n) for n in sizes}
        previews = {n: bench.preview(n) for n in preview_sizes}  # last: it edits the trees
    text = report.results(about, validations, builds, previews)
    args.out.write_text(text, encoding="utf-8")
    print(report.table(report.rows(validations, builds, previews)))
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
