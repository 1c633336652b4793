"""``pledgewatch serve``: a live preview that rebuilds on edits and leaves nothing behind."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURE

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(process: subprocess.Popen, text: str, seen: list[str], timeout: float = 60) -> None:
    """Read the process's standard error line by line until a line contains ``text``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no {text!r} in:\n{''.join(seen)}")


def test_serve_rebuilds_on_an_edit_and_removes_its_site_on_sigterm(tmp_path: Path) -> None:
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURE, site)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from pledgewatch.cli.main import main; main()", "serve",
         "--port", str(port)], cwd=site, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
        text=True, env={**os.environ, "TMPDIR": str(scratch), "SOURCE_DATE_EPOCH": ""})
    seen: list[str] = []
    try:
        wait_for(process, "built 24 pages", seen)
        wait_for(process, f"serving on http://127.0.0.1:{port}/fixture/", seen)
        page = f"http://127.0.0.1:{port}/fixture/pledges/fix-the-bridge/"
        assert "Fix the old bridge" in urllib.request.urlopen(page).read().decode()
        [temporary] = list(scratch.iterdir())
        assert temporary.name.startswith("pledgewatch-serve-")

        pledge = site / "content/pledges/fix-the-bridge.yml"
        pledge.write_text(pledge.read_text().replace(
            "title: Fix the old bridge by the end of March",
            "title: Repair the old bridge by the end of March"))
        wait_for(process, "built 24 pages", seen)
        assert "Repair the old bridge" in urllib.request.urlopen(page).read().decode()
        # The pledge's page first, then the rest in the background (pledgewatch.preview).
        said = [line for line in seen if not line.startswith("serving on")]
        assert re.fullmatch(r"updated 1 page\(s\) in \d+\.\d\d s\n", said[-2]), said
        assert re.fullmatch(r"built 24 pages \(\d+ changed, \d+ other file\(s\) updated; feeds, "
                            r"data and search up to date in \d+\.\d\d s\)\n", said[-1]), said

        pledge.write_text(pledge.read_text().replace("made_by: ada-mayor", "made_by: nobody"))
        wait_for(process, "not rebuilt", seen)
        assert seen[-2:] == [  # the problems themselves go to standard output
            "1 error(s), 0 warning(s) in 1 file(s)\n",
            "not rebuilt: fix the problems above; still serving the last good site\n"]
        assert "Repair the old bridge" in urllib.request.urlopen(page).read().decode()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert list(scratch.iterdir()) == []
