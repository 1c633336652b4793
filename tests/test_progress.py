"""Progress reporting: the summary line, the bar on a terminal, silence elsewhere."""

from __future__ import annotations

import io

from rich.console import Console

from pledgewatch.core.progress import Progress


class Clock:
    """A clock the test moves by hand: ``clock.now`` seconds."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def terminal() -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=True, width=100, color_system=None), out


def run_stages(progress: Progress, clock: Clock) -> None:
    progress("check", 0, 4)
    for done in range(1, 5):
        clock.now += 0.5
        progress("check", done, 4)
    progress("cross-check", 0, 4)
    clock.now += 0.25
    progress("cross-check", 4, 4)
    progress("publish", 0, None)
    clock.now += 1.0
    progress.close()


def test_summary_counts_and_times_every_stage() -> None:
    clock = Clock()
    progress = Progress(console=terminal()[0], live=False, clock=clock)
    run_stages(progress, clock)
    assert progress.summary() == ("check: 4 files in 2.00 s; cross-check: 4 records in 0.25 s; "
                                  "publish in 1.00 s; total 3.25 s")


def test_only_work_past_the_delay_counts_as_long() -> None:
    clock = Clock()
    quick = Progress(console=terminal()[0], live=False, clock=clock, delay=2.0)
    quick("check", 0, 1)
    clock.now += 1.99
    quick.close()
    assert quick.long is False
    clock = Clock()
    slow = Progress(console=terminal()[0], live=False, clock=clock, delay=2.0)
    run_stages(slow, clock)  # 3.25 s
    assert slow.long is True


def test_summary_of_no_work() -> None:
    progress = Progress(console=terminal()[0], live=False, clock=Clock())
    progress.close()
    assert progress.summary() == "total 0.00 s"


def test_not_a_terminal_draws_nothing() -> None:
    out = io.StringIO()
    clock = Clock()
    progress = Progress(console=Console(file=out), clock=clock, delay=0)
    assert progress.live is False  # a StringIO is not a terminal
    run_stages(progress, clock)
    assert out.getvalue() == ""


def test_terminal_shows_stage_and_pages_done_after_the_delay() -> None:
    console, out = terminal()
    clock = Clock()
    progress = Progress(console=console, live=True, delay=2.0, clock=clock)
    progress("check", 0, 4)
    clock.now += 1.0
    progress("check", 1, 4)
    assert out.getvalue() == ""  # a quick run stays quiet
    clock.now += 1.5
    progress("check", 3, 4)
    assert progress._bar is not None
    progress._bar.refresh()
    drawn = out.getvalue()
    assert "check" in drawn and "3/4" in drawn and "files" in drawn
    progress.close()
    assert progress._bar is None
