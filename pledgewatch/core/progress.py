"""Progress of long work: a live bar on a terminal, and a one-line summary at the end.

The pipeline reports through a plain callback, ``report(stage, done, total)``: the first call
with a new stage name starts that stage and ends the one before; ``done`` counts the units of
work finished so far (files checked, pages written) and ``total`` is how many there will be,
or ``None`` while unknown. :class:`Progress` is such a callback. On a terminal it shows a bar
(stage, done out of total, elapsed time) once the work has run for ``delay`` seconds, so quick
runs stay quiet; when the output is not a terminal (CI logs, pipes) it draws nothing. Either
way :meth:`Progress.summary` gives one line with the count and seconds of every stage.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich is imported when a bar is drawn: validate starts faster without it
    from rich.console import Console
    from rich.progress import Progress as Bar

Report = Callable[[str, int, "int | None"], None]

UNITS = {
    "check": "files",
    "cross-check": "records",
    "model": "records",
    "render": "pages",
    "cards": "cards",
    "feeds": "files",
    "data": "files",
    "mkdocs markdown": "pages",
    "mkdocs html": "pages",
}
"""What each stage counts; a stage not listed is summarised by its seconds alone."""

_REDRAW_SECONDS = 0.05  # a redraw costs far more than a file; 20 a second is smooth enough


def silent(stage: str, done: int, total: int | None) -> None:
    """The callback that reports nothing (the default of every pipeline function)."""


@dataclass
class Stage:
    """One stage's record: when it started and ended (``clock`` seconds) and its counts."""

    name: str
    started: float
    ended: float | None = None
    done: int = 0
    total: int | None = None

    @property
    def seconds(self) -> float:
        return (self.ended if self.ended is not None else self.started) - self.started


class Progress:
    """A :data:`Report` callback that shows a bar on a terminal and summarises at the end.

    ``console`` is where the bar goes (standard error by default); ``live`` says whether to
    draw it (default: when the console's file is a terminal, whatever ``FORCE_COLOR`` says,
    so CI logs stay plain); ``delay`` is how many seconds of work pass before the bar
    appears; ``clock`` returns seconds (injectable so tests need not sleep). Call
    :meth:`close` when the work ends, then :meth:`summary`.
    """

    def __init__(self, console: Console | None = None, live: bool | None = None,
                 delay: float = 2.0, clock: Callable[[], float] = time.perf_counter):
        self.console = console
        self.delay, self.clock = delay, clock
        self.begun = clock()
        self.stages: list[Stage] = []
        isatty = getattr(console.file if console is not None else sys.stderr, "isatty", None)
        self.live = live if live is not None else bool(isatty and isatty())
        self._bar: Bar | None = None
        self._task = None
        self._drawn = 0.0

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        current = self.stages[-1] if self.stages else None
        if current is None or current.name != stage:
            now = self.clock()
            if current is not None:
                current.ended = now
            current = Stage(stage, now)
            self.stages.append(current)
            self._task = None
        current.done = done
        if total is not None:
            current.total = total
        if self.live:
            self._draw(current)

    def _draw(self, stage: Stage) -> None:
        now = self.clock()
        if self._bar is None:
            if now - self.begun < self.delay:
                return
            self._bar = self._start_bar()
        if self._task is None:
            self._task = self._bar.add_task(stage.name, total=stage.total,
                                            unit=UNITS.get(stage.name, ""))
        elif now - self._drawn < _REDRAW_SECONDS and stage.done != stage.total:
            return
        self._drawn = now
        self._bar.update(self._task, completed=stage.done, total=stage.total)

    def _start_bar(self) -> Bar:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        if self.console is None:
            self.console = Console(stderr=True)
        bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[unit]}"), TimeElapsedColumn(), console=self.console,
                  transient=True)
        bar.start()
        return bar

    def close(self) -> None:
        """End the last stage and remove the bar (the summary line replaces it)."""
        if self.stages and self.stages[-1].ended is None:
            self.stages[-1].ended = self.clock()
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    @property
    def long(self) -> bool:
        """Whether the work ran for ``delay`` seconds or more: a quick validation prints only
        its result, a long one also the summary of its stages."""
        ends = [s.ended for s in self.stages if s.ended is not None]
        return bool(ends) and max(ends) - self.begun >= self.delay

    def summary(self) -> str:
        """``check: 7,100 files in 1.23 s; cross-check: 7,100 records in 0.10 s; total 1.33 s``.

        Counts are each stage's last ``done``; seconds run from a stage's start to the next
        stage's start; the total from the first start to the last end.
        """
        parts = []
        for stage in self.stages:
            unit = UNITS.get(stage.name)
            count = f": {stage.done:,} {unit}" if unit else ""
            parts.append(f"{stage.name}{count} in {stage.seconds:.2f} s")
        ends = [s.ended for s in self.stages if s.ended is not None]
        total = (max(ends) - self.stages[0].started) if ends else 0.0
        return "; ".join([*parts, f"total {total:.2f} s"])
