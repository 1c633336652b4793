"""Checking on two cores gives what checking on one gives (checks/batch.py)."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from benchmarks import synth
from pledgewatch.checks import batch
from pledgewatch.core.config import load_config
from pledgewatch.ingest import load


def _args(root: Path) -> tuple:
    config = load_config(root / "site_config.yml")
    names = load.content_names(config.content_path)
    return (config.content_path, config.root, config.max_file_bytes, names, config.zone)


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic tree of 20 pledges (142 files) with three broken files among them."""
    root = tmp_path_factory.mktemp("batch")
    synth.write_tree(root, 20)
    pledges = sorted((root / "content" / "pledges").iterdir())
    pledges[0].write_text("id: [unclosed\n", encoding="utf-8")
    pledges[-1].write_text("title: 5\n", encoding="utf-8")
    shutil.copy(pledges[1], root / "content" / "pledges" / "copy.yml")  # a duplicate id
    return root


def test_two_cores_give_the_same_records_and_problems_in_the_same_order(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args = _args(tree)
    one = batch.check_part(*args)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    submitted: list[int] = []

    class Recorded(batch.ProcessPoolExecutor):
        def submit(self, fn, *args, **kwargs):
            submitted.append(len(args[3]))  # the worker's names
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recorded)
    counts: list[int] = []
    two = batch.check_files(*args, done=counts.append)
    assert submitted == [72]  # the second half of 143 files went to the worker
    assert len(one[0]) == 143 and len(one[1]) >= 2
    assert [r.relpath for r in two[0]] == [r.relpath for r in one[0]]
    assert two == one
    assert counts[-1] == 143 and counts[0] == 1  # this core's half counted as it goes


def test_small_trees_and_threaded_processes_stay_on_one_core(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args, **kwargs):
        raise AssertionError("a worker was started")

    monkeypatch.setattr(batch, "ProcessPoolExecutor", no_pool)
    args = _args(tree)
    assert batch.check_files(*args) == batch.check_part(*args)  # 143 files < PARALLEL_FROM
    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert batch.check_files(*args) == batch.check_part(*args)
    finally:
        stop.set()
        other.join()


def test_a_lost_worker_has_its_half_checked_here(tree: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    class LostPool:
        def __init__(self, **kwargs) -> None:
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            pass

        def submit(self, *args) -> Future:
            lost: Future = Future()
            lost.set_exception(RuntimeError("worker killed"))
            return lost

    monkeypatch.setattr(batch, "ProcessPoolExecutor", LostPool)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    args = _args(tree)
    assert batch.check_files(*args) == batch.check_part(*args)
