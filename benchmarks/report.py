"""The benchmark's table and ``RESULTS.md``: figures, targets, verdicts and the machine.

Units: seconds are wall-clock medians; 1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass

from .measure import machine

# Each target applies at one size (growth: to one pair of sizes), as issues 7 and 16 set them.
VALIDATION_RATIO, VALIDATION_AT = 2.0, 10_000
BUILD_RATIO, BUILD_AT = 1.25, 1_000
HUGO_RATIO = 5.0  # at BUILD_AT: the pages of a build within 5x Hugo rendering the same pages
GROWTH_RATIO, GROWTH_SIZES = 1.2, (1_000, 10_000)
MEMORY_MB, LARGE_AT, BUILD_MEMORY_MB = 500, 10_000, 2_000
WEIGHT_KB = 300  # a first visit, and a first search, at 1,000 and at 10,000 pledges
PAGE_KB = 500  # every HTML page, at LARGE_AT
PREVIEW_S, PREVIEW_AT = 3.0, 1_000  # an edit shown by `pledgewatch serve` (issue 16)


@dataclass(frozen=True)
class Row:
    """One line of the table; ``verdict`` is ``met``, ``missed`` or ``-`` (no target at this
    size)."""

    measure: str
    size: str
    ours: str
    base: str
    result: str
    target: str
    verdict: str


def about_machine() -> list[tuple[str, str]]:
    """The machine description, taken before the runs (load average included)."""
    return machine()


def _verdict(applies: bool, met: bool) -> str:
    return ("met" if met else "missed") if applies else "-"


def _mb(nbytes: float) -> str:
    return f"{nbytes / 1e6:.0f} MB"


def _kb(nbytes: float) -> str:
    return f"{nbytes / 1e3:.0f} KB"


def rows(validations: dict, builds: dict, previews: dict | None = None) -> list[Row]:
    """The table's rows from the runs (see :mod:`benchmarks.bench` for the inputs)."""
    out = []
    for n, pair in validations.items():
        applies = n == VALIDATION_AT
        out.append(Row("1. validate / libyaml parse", f"{n:,}", f"{pair.seconds(pair.ours):.2f} s",
                       f"{pair.seconds(pair.base):.2f} s", f"{pair.ratio:.2f}",
                       f"<= {VALIDATION_RATIO}" if applies else "",
                       _verdict(applies, pair.ratio <= VALIDATION_RATIO)))
    for n, b in builds.items():
        applies = n == BUILD_AT
        out.append(Row("2. build / bare mkdocs build", f"{n:,}",
                       f"{b.pair.seconds(b.pair.ours):.2f} s",
                       f"{b.pair.seconds(b.pair.base):.2f} s", f"{b.pair.ratio:.2f}",
                       f"<= {BUILD_RATIO}" if applies else "",
                       _verdict(applies, b.pair.ratio <= BUILD_RATIO)))
        if b.hugo:
            whole, floor = b.pair.seconds(b.pair.ours), b.pair.seconds(b.hugo)
            ours = statistics.median(pages_seconds(r.stderr, r.seconds) for r in b.pair.ours)
            out.append(Row("2. whole build / Hugo rendering the same pages", f"{n:,}",
                           f"{whole:.2f} s", f"{floor:.2f} s", f"{whole / floor:.2f}", "", "-"))
            out.append(Row("2. build of the pages / Hugo rendering the same pages", f"{n:,}",
                           f"{ours:.2f} s", f"{floor:.2f} s", f"{ours / floor:.2f}",
                           f"<= {HUGO_RATIO}" if applies else "",
                           _verdict(applies, ours / floor <= HUGO_RATIO)))
    if builds:
        out += _growth(builds)
        out += _memory(validations, builds)
        out += _weight(builds[max(builds)])
    for latency in (previews or {}).values():
        out += _preview(latency)
    return out


def _preview(latency) -> list[Row]:
    applies = latency.pledges == PREVIEW_AT
    median = latency.median
    page, listing, complete = (median(latency.page), median(latency.listing),
                               median(latency.complete))
    size = f"{latency.pledges:,}"
    return [
        Row("7. preview: a title edit shown on the pledge's page (median)", size,
            f"{page:.2f} s", "", f"{page:.2f} s", f"< {PREVIEW_S:g} s" if applies else "",
            _verdict(applies, page < PREVIEW_S)),
        Row("7. preview: the same edit on its pledges index page (median)", size,
            f"{listing:.2f} s", "", f"{listing:.2f} s", "", "-"),
        Row("7. preview: the whole site up to date, feeds and search too (median)", size,
            f"{complete:.2f} s", "", f"{complete:.2f} s", "", "-"),
    ]


OWN_STAGES = ("cards", "feeds", "data", "search")
"""Stages of a build that make no page (social cards; feeds and the calendar; the open data;
the Pagefind search index): the Hugo comparison leaves them out, as Hugo renders pages only
(issue 16)."""

_STAGE = re.compile(r"(?:^|; )([a-z -]+?)(?::[^;]*?)? in ([0-9.]+) s")


def pages_seconds(summary: str, seconds: float) -> float:
    """``seconds`` of a ``pledgewatch build`` run less the seconds its progress ``summary``
    (its standard error's last line) gives the :data:`OWN_STAGES`."""
    last = summary.strip().splitlines()[-1] if summary.strip() else ""
    return seconds - sum(float(t) for name, t in _STAGE.findall(last) if name in OWN_STAGES)


def _growth(builds: dict) -> list[Row]:
    small, large = builds[min(builds)], builds[max(builds)]
    applies = (small.pledges, large.pledges) == GROWTH_SIZES
    size = f"{large.pledges:,} / {small.pledges:,}"
    per = [b.pair.seconds(b.pair.ours) / b.pledges for b in (large, small)]
    page = [statistics.mean(b.page_bytes) for b in (large, small)]
    target = f"<= {GROWTH_RATIO}" if applies else ""
    return [
        Row("3. build seconds per pledge", size, f"{per[0] * 1e3:.1f} ms", f"{per[1] * 1e3:.1f} ms",
            f"{per[0] / per[1]:.2f}", target, _verdict(applies, per[0] / per[1] <= GROWTH_RATIO)),
        Row("3. bytes per pledge page", size, f"{page[0]:,.0f} B", f"{page[1]:,.0f} B",
            f"{page[0] / page[1]:.2f}", target,
            _verdict(applies, page[0] / page[1] <= GROWTH_RATIO)),
    ]


def _memory(validations: dict, builds: dict) -> list[Row]:
    out = []
    if validations:
        n = max(validations)
        pair = validations[n]
        peak = max(r.rss for r in pair.ours)
        applies = n == VALIDATION_AT
        out.append(Row("4. peak memory of validate (libyaml parse)", f"{n:,}", _mb(peak),
                       _mb(max(r.rss for r in pair.base)), _mb(peak),
                       f"< {MEMORY_MB} MB" if applies else "",
                       _verdict(applies, peak < MEMORY_MB * 1e6)))
    n = max(builds)
    peak = max(r.rss for r in builds[n].pair.ours)
    applies = n == LARGE_AT
    out.append(Row("4. peak memory of build (bare mkdocs)", f"{n:,}", _mb(peak),
                   _mb(max(r.rss for r in builds[n].pair.base)), _mb(peak),
                   f"< {BUILD_MEMORY_MB} MB" if applies else "",
                   _verdict(applies, peak < BUILD_MEMORY_MB * 1e6)))
    return out


def _weight(b) -> list[Row]:
    heaviest = max(b.first_visits, key=lambda w: w.total)
    median = statistics.median(w.total for w in b.first_visits)
    median_gz = statistics.median(w.total_gzipped for w in b.first_visits)
    gz = max(w.total_gzipped for w in b.first_visits)
    third = sorted({u for w in b.first_visits for u in w.third_party})
    applies = b.pledges in (BUILD_AT, LARGE_AT)
    target = f"< {WEIGHT_KB} KB" if applies else ""
    search_gz = max(w.total_gzipped for w in b.first_searches)
    page, page_bytes = b.largest_page
    large = b.pledges == LARGE_AT
    return [
        Row("5. first visit to a pledge page, bytes stored (heaviest; median)", f"{b.pledges:,}",
            _kb(heaviest.total), _kb(median), _kb(heaviest.total), target,
            _verdict(applies, heaviest.total < WEIGHT_KB * 1e3)),
        Row("5. the same, gzip as hosts send it (heaviest; median)", f"{b.pledges:,}", _kb(gz),
            _kb(median_gz), _kb(gz), target, _verdict(applies, gz < WEIGHT_KB * 1e3)),
        Row("5. first visit, then a one-word search, gzip (heaviest; median)",
            f"{b.pledges:,}", _kb(search_gz),
            _kb(statistics.median(w.total_gzipped for w in b.first_searches)),
            _kb(search_gz), target, _verdict(applies, search_gz < WEIGHT_KB * 1e3)),
        Row("5. third-party requests on a first visit", f"{b.pledges:,}", str(len(third)), "",
            str(len(third)), "0" if applies else "", _verdict(applies, not third)),
        Row(f"6. largest HTML page (`{page}`)", f"{b.pledges:,}", _kb(page_bytes), "",
            _kb(page_bytes), f"< {PAGE_KB} KB" if large else "",
            _verdict(large, page_bytes < PAGE_KB * 1e3)),
        Row("6. total size of the site", f"{b.pledges:,}", _mb(b.site_bytes), "",
            _mb(b.site_bytes), "", "-"),
    ]


def table(table_rows: list[Row]) -> str:
    """A Markdown table: measure, N, Pledgewatch, baseline, result, target, verdict."""
    lines = ["| measure | N | Pledgewatch | baseline | result | target | verdict |",
             "|---|---:|---:|---:|---:|---|---|"]
    lines += [f"| {r.measure} | {r.size} | {r.ours} | {r.base} | {r.result} | {r.target} | "
              f"{r.verdict} |" for r in table_rows]
    return "\n".join(lines)


METHOD = """\
Each figure is measured in subprocesses, so interpreter start-up counts on both sides of every
ratio. The two sides of a ratio run alternately (ours, base, base, ours, ...) in the same
invocation, and each side's median is taken: 5 runs, 3 for validation at 5,000 pledges or
more and builds at 500 or more. Trees are written by `benchmarks/synth.py` (seed 7) and built
as of {as_of}.

1. validate: `pledgewatch validate` against `benchmarks/floor.py`, which opens every file of
   the same tree and runs `yaml.compose(handle, Loader=yaml.CSafeLoader)` on its binary handle
   (the floor for YAML nodes with line numbers).
2. build: `pledgewatch build` against `mkdocs build -q` of the same generated Markdown and the
   same `mkdocs.yml`, written by `build.prepare` (`build.generate` and
   `build.write_mkdocs_config`), as the build writes its own; and, when `hugo` is installed,
   against Hugo rendering the same pages (the generated `.md` files, most of them HTML after
   their front matter) with a trivial layout (`benchmarks/hugo.py`, run after the pair, same
   number of runs). "The pages of a build" is each run's time less the stages that make no
   page, as its progress summary gives them: cards, feeds (and the calendar), data and search
   (the Pagefind index).
3. growth: median build seconds divided by pledges, and the mean size of the
   `pledges/*/index.html` pages, largest size over smallest.
4. memory: the peak resident set (`ru_maxrss` from `os.wait4` of that one process), the highest
   of the runs.
5. reader weight: the pledge page's HTML and every file it loads on a first visit, resolved
   from the built files: stylesheets (and what they `url()`), scripts, icons, images, and what
   Material's JavaScript fetches on load (the search worker). The search row adds what a
   one-word search fetches from the Pagefind bundle: its script, WebAssembly and metadata,
   the largest chunk of its index and the 20 largest page fragments (an upper bound).
6. the largest `.html` file of the built site, and the size of all its files.
   "gzip" is what a host that compresses text (GitHub Pages does) sends.
7. preview: a real `pledgewatch serve --as-of {as_of}` on a free 127.0.0.1 port; after it
   serves, 3 edits (one at a time, each once the last one's site is complete) put a word in
   front of a pledge's title in its YAML file; the benchmark requests the pledge's page every
   20 ms until the word shows, then the pledges index page that lists it, then waits for the
   preview's line saying the whole site (every page, feeds, open data, search) is up to date.
   Times run from just before the file is written; medians of the 3 edits
   (`benchmarks/preview.py`).

1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes."""


def results(about: list[tuple[str, str]], validations: dict, builds: dict,
            previews: dict | None = None) -> str:
    """The whole of ``RESULTS.md``."""
    from .synth import AS_OF

    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "# Benchmark results", "",
        f"Written by `make bench` (`benchmarks/bench.py`) on {now}. Re-run it on a quiet "
        "machine for steadier figures; the ratios compare runs made side by side.", "",
        "## Machine", "", *(f"- {label}: {value}" for label, value in about), "",
        "## Results", "", table(rows(validations, builds, previews)), "",
        "## Details", "", *_details(validations, builds, previews or {}), "",
        "## Method", "", METHOD.format(as_of=AS_OF.isoformat()), "",
    ]
    return "\n".join(parts)


def _details(validations: dict, builds: dict, previews: dict) -> list[str]:
    out = []
    for n, b in builds.items():
        out += [f"### Build at {n:,} pledges", "",
                f"- Stages of the last `pledgewatch build` run: {b.summary}",
                f"- Output: {_mb(b.site_bytes)} in all ({b.site_bytes / n / 1e3:.0f} KB per "
                f"pledge); pledge pages {min(b.page_bytes):,} to {max(b.page_bytes):,} bytes",
                f"- Search index (Pagefind): {b.search_index_bytes:,} bytes, "
                f"{b.search_entries:,} pages",
                *(f"- Status badges on `{page}`: {badges:,} badges carry {svg:,} bytes of inline "
                  f"SVG icons, {100 * svg / size:.1f}% of its {size:,} bytes"
                  for page, (badges, svg, size) in b.status_icons.items()),
                f"- Runs, seconds: build {_runs(b.pair.ours)}; bare mkdocs {_runs(b.pair.base)}",
                ""]
        heaviest = max(b.first_visits, key=lambda w: w.total)
        out += [f"First visit to `{heaviest.page}` (the heaviest):", "",
                "| file | bytes | gzip |", "|---|---:|---:|"]
        out += [f"| `{path}` | {size:,} | {heaviest.gzipped[path]:,} |"
                for path, size in heaviest.files.items()]
        out += [f"| total | {heaviest.total:,} | {heaviest.total_gzipped:,} |", ""]
    for n, pair in validations.items():
        out.append(f"- Validation runs at {n:,}, seconds: validate {_runs(pair.ours)}; "
                   f"libyaml parse {_runs(pair.base)}")
    for n, latency in previews.items():
        out.append(f"- Preview edits at {n:,}, seconds to the page: "
                   f"{', '.join(f'{s:.2f}' for s in latency.page)}; to the listing page: "
                   f"{', '.join(f'{s:.2f}' for s in latency.listing)}; to the whole site: "
                   f"{', '.join(f'{s:.2f}' for s in latency.complete)}")
    return out


def _runs(runs) -> str:
    return ", ".join(f"{r.seconds:.2f}" for r in runs)
