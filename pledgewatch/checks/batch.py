"""Checks, batch: every content file parsed and checked, on two cores when there are many.

Parsing and checking a file needs nothing from any other file, so a large tree is split in
two: a forked worker process checks the second half while this process checks the first,
and the worker's records and problems come back pickled (plain values and locations, about a
tenth of the time of checking them). Records keep the order of ``names`` either way, so
everything after (cross-checks, "first"/"later" in duplicate reports) is the same as on one
core; ``tests/test_batch.py`` compares the two. One core is used for small trees (a worker
costs more than it saves), where ``fork`` is not available, on a machine with one core, and
when other threads run (``serve``'s: forking a process with threads can deadlock the child).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from zoneinfo import ZoneInfo

from pledgewatch.checks import validate
from pledgewatch.core.problems import Problem
from pledgewatch.ingest import load

PARALLEL_FROM = 2_000
"""Files from which a second core is used."""

Part = tuple[list[validate.Checked], list[Problem]]


def check_files(content_dir: Path, root: Path, max_bytes: int, names: list[tuple[str, str]],
                zone: ZoneInfo, done: Callable[[int], None] = lambda n: None) -> Part:
    """``(records, problems)`` for the files ``names`` (``(kind, file name)``, see
    :func:`load.content_names`) of ``content_dir``: one record per parsed file, in the order
    of ``names``, and every problem found in them (unsorted). ``done(n)`` is called as the
    count of checked files grows. Raises nothing the one-core path would not: a worker that
    fails is replaced by checking its half here."""
    args = (content_dir, root, max_bytes)
    if len(names) < PARALLEL_FROM or not _second_core():
        return check_part(*args, names, zone, done)
    half = len(names) // 2
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        later = pool.submit(check_part, *args, names[half:], zone)
        records, problems = check_part(*args, names[:half], zone, done)
        try:
            more_records, more_problems = later.result()
        except Exception:  # noqa: BLE001 - a lost worker: check its half here instead
            more_records, more_problems = check_part(*args, names[half:], zone)
    done(len(records) + len(more_records))
    return records + more_records, problems + more_problems


def check_part(content_dir: Path, root: Path, max_bytes: int, names: list[tuple[str, str]],
               zone: ZoneInfo, done: Callable[[int], None] = lambda n: None) -> Part:
    """:func:`check_files` on this core."""
    records, problems = [], []
    for record, found in check_each(content_dir, root, max_bytes, names, zone):
        records.append(record)
        problems += found
        done(len(records))
    return records, problems


def check_each(content_dir: Path, root: Path, max_bytes: int, names: list[tuple[str, str]],
               zone: ZoneInfo) -> Iterator[tuple[validate.Checked, list[Problem]]]:
    """``(record, problems)`` of each file of ``names`` in turn, loading and checking it:
    each file is checked as it is parsed, so only one node tree is alive at a time."""
    for document, loaded in load.iter_files(content_dir, root, max_bytes, names):
        record, checked = validate.check_document(document, zone)
        yield record, loaded + checked


def _second_core() -> bool:
    """Whether a forked worker may run on a core of its own."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return ("fork" in multiprocessing.get_all_start_methods() and (cores or 1) >= 2
            and threading.active_count() == 1)
