"""Issue 12, the second attack round, for build and serve: data loss (1), tracebacks (6), serve
and a bad site_config.yml (7), and feed addresses that answer (10). Exact messages and exit
statuses; files checked before and after."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.cli.main import main
from pledgewatch.site import publish
from tests.conftest import FIXTURE
from tests.test_atomic_build import add_bulk_pledges
from tests.test_serve import free_port, wait_for

AS_OF = ["--as-of", "2024-04-02"]
NOT_BUILT = ("error: {}: refusing to replace a folder that Pledgewatch did not build (it has no "
             ".pledgewatch-site file), as everything in it would be deleted; empty it or choose "
             "another --out\n")


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def build(*args: str):
    return CliRunner().invoke(main, ["build", *AS_OF, *args])


# 1. Data loss ------------------------------------------------------------------------------


def test_a_folder_with_an_index_html_is_not_replaced(site_copy: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("<p>my page</p>")
    (victim / "thesis.tex").write_text("\\documentclass{article}")
    before = files(victim)
    result = build("--out", str(victim))
    assert (result.exit_code, result.stderr) == (2, NOT_BUILT.format(victim))
    assert files(victim) == before


def test_a_built_site_carries_the_marker_and_is_replaced(site_copy: Path) -> None:
    assert build("--out", "site").exit_code == 0
    assert (site_copy / "site/.pledgewatch-site").read_text() == publish.MARKER_TEXT
    (site_copy / "site/stale.html").write_text("from an older build")
    assert build("--out", "site").exit_code == 0
    assert not (site_copy / "site/stale.html").exists()


def test_a_site_built_before_the_marker_is_replaced_only_when_it_is_exactly_one(
        site_copy: Path) -> None:
    assert build("--out", "site").exit_code == 0
    (site_copy / "site/.pledgewatch-site").unlink()
    assert build("--out", "site").exit_code == 0  # an earlier build's layout: replaced
    (site_copy / "site/.pledgewatch-site").unlink()
    (site_copy / "site/pledges/notes.md").write_text("the owner's notes")
    before = files(site_copy / "site")
    result = build("--out", "site")
    assert (result.exit_code, result.stderr) == (2, NOT_BUILT.format("site"))
    assert files(site_copy / "site") == before


def _interruptible() -> None:
    """In the child, before it starts: Ctrl+C's default action back. A shell starts background
    jobs with SIGINT ignored, and Python keeps an ignored SIGINT ignored, so a test suite run
    in the background would otherwise send a SIGINT that nobody receives."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize(("signum", "stage"), [  # while rendering; while MkDocs writes
    (signal.SIGTERM, "docs"), (signal.SIGTERM, "site/pledges"), (signal.SIGINT, "site/pledges")])
def test_a_stopped_build_removes_its_workspace(tmp_path: Path, signum: int, stage: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    # Enough pledges that MkDocs writes pages for a few seconds: the signal must land while
    # the stage runs, also on a busy machine (with 150 a loaded run once missed the window).
    add_bulk_pledges(root, 400)
    process = subprocess.Popen(
        [sys.executable, "-c", "from pledgewatch.cli.main import entry_point; entry_point()",
         "build", *AS_OF], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, preexec_fn=_interruptible)
    while process.poll() is None and not list(root.glob(f"{publish.WORKSPACE_PREFIX}*/{stage}")):
        time.sleep(0.001)
    process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signum
    assert err.splitlines()[-1] == "build interrupted; the previous site is unchanged"
    assert sorted(p.name for p in root.iterdir()) == ["content", "site_config.yml"]


# 6. One line and exit 2, never a traceback ----------------------------------------------------


def test_an_output_folder_that_cannot_be_made(site_copy: Path) -> None:
    result = build("--out", "/proc/x")
    assert (result.exit_code, result.stderr) == (
        2, "error: /proc/x: cannot write the site there (No such file or directory); choose "
           "another --out\n")


def test_an_output_folder_that_cannot_be_written(site_copy: Path, monkeypatch) -> None:
    def refused(*args, **kwargs):  # what mkdtemp meets in a folder of another user
        raise PermissionError(13, "Permission denied", kwargs.get("dir"))

    monkeypatch.setattr(publish.tempfile, "mkdtemp", refused)
    result = build("--out", "site")
    assert (result.exit_code, result.stderr) == (
        2, "error: site: cannot write the site there (Permission denied); choose another "
           "--out\n")
    assert not (site_copy / "site").exists()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_a_content_folder_that_cannot_be_listed(site_copy: Path, monkeypatch,
                                                command: str) -> None:
    from pledgewatch.ingest import load

    listdir = os.listdir

    def refused(path):
        if str(path).endswith("pledges"):
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(load.os, "listdir", refused)
    result = CliRunner().invoke(main, [command, *AS_OF])
    suffix = "; the previous site is unchanged" if command == "build" else ""
    assert (result.exit_code, result.stderr) == (
        2, f"error: content/pledges: Permission denied{suffix}\n")


@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_a_content_folder_that_is_a_file(site_copy: Path, command: str) -> None:
    shutil.rmtree(site_copy / "content")
    (site_copy / "content").write_text("not a folder")
    result = CliRunner().invoke(main, [command])
    assert (result.exit_code, result.stderr) == (
        2, f"error: content folder {site_copy.resolve()}/content is a file, not a folder; set "
           "content_dir in site_config.yml\n")


@pytest.mark.parametrize("port", ["0", "65536", "99999", "-1"])
def test_serve_port_out_of_range(site_copy: Path, port: str) -> None:
    result = CliRunner().invoke(main, ["serve", "--port", port])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"Error: Invalid value for '--port': {port} is not in the range 1<=x<=65535.")


def test_serve_on_a_busy_port(site_copy: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), *AS_OF])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: cannot serve on 127.0.0.1:{port}: Address already in use; choose another "
        "--port or --host")
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("pledgewatch-serve-")] == []


# 7. serve keeps serving; it sweeps what killed previews left ---------------------------------


def test_serve_survives_a_bad_configuration_and_sweeps_killed_previews(tmp_path: Path) -> None:
    site = tmp_path / "site-src"
    shutil.copytree(FIXTURE, site)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = scratch / f"pledgewatch-serve-{dead.pid}-abc123"  # a killed preview's site
    (left / "site").mkdir(parents=True)
    alive = scratch / f"pledgewatch-serve-{os.getpid()}-def456"  # a running one's: kept
    alive.mkdir()
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", "from pledgewatch.cli.main import main; main()", "serve",
         "--port", str(port), *AS_OF], cwd=site, stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL, text=True, env={**os.environ, "TMPDIR": str(scratch)})
    seen: list[str] = []
    config = site / "site_config.yml"
    good = config.read_text()
    page = f"http://127.0.0.1:{port}/fixture/pledges/fix-the-bridge/"
    try:
        wait_for(process, "serving on", seen)
        assert not left.exists() and alive.exists()
        config.write_text(good.replace("language: en", "language: 'en\"><script>'"))
        wait_for(process, "not rebuilt", seen)
        assert seen[-2:] == [
            "error: site_config.yml: 'language' is not a BCP 47 language tag ('en\"><script>'); "
            "use one such as 'en', 'en-GB', 'fr' or 'pt-BR' (letters and digits joined by "
            "hyphens)\n",
            "not rebuilt: fix the problems above; still serving the last good site\n"]
        assert "Fix the old bridge" in urllib.request.urlopen(page).read().decode()
        config.write_text(good.replace("site_name: Fixture Watch", "site_name: Fixed Watch"))
        wait_for(process, "built 24 pages", seen)
        assert "Fixed Watch" in urllib.request.urlopen(page).read().decode()
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert [p.name for p in scratch.iterdir()] == [alive.name]


# 10. Every feed address in the open data answers ------------------------------------------


def test_every_feed_in_records_json_exists(built_site: Path) -> None:
    records = json.loads((built_site / "data/records.json").read_text())
    prefix = "https://watch.example.org/fixture/"
    feeds = {kind: {r["id"]: r["feed"] for r in records[kind]} for kind in ("actors", "pledges")}
    assert feeds["actors"] == {"ada-mayor": f"{prefix}actors/ada-mayor/atom.xml",
                               "example-city": None,
                               "residents-union": f"{prefix}actors/residents-union/atom.xml"}
    for feed in [*feeds["actors"].values(), *feeds["pledges"].values()]:
        assert feed is None or (built_site / feed.removeprefix(prefix)).is_file(), feed
