"""Preview latency: how long after an edit ``pledgewatch serve`` shows it.

A real ``pledgewatch serve`` runs on a free 127.0.0.1 port over a synthetic tree. Once it
serves, each edit puts a new word in front of one pledge's title in its YAML file, then the
benchmark asks over HTTP, every 20 ms, for the pledge's page until the word appears ("page"),
then for the page of the pledges index that lists the pledge (found before the edit) until it
appears there ("listing"), then waits for the preview's line saying the whole site is up to
date, feeds, open data and search included ("complete"). The time is taken from just before
the file is written. The edits go to different pledges, one at a time, each after the last
one's site was complete; the files are put back afterwards.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

POLL = 0.02  # seconds between requests
TIMEOUT = 600  # seconds to wait for anything, then the measure fails


@dataclass
class Latency:
    """Seconds from each edit to the pledge's page, its listing page and the whole site."""

    pledges: int
    page: list[float] = field(default_factory=list)
    listing: list[float] = field(default_factory=list)
    complete: list[float] = field(default_factory=list)

    @staticmethod
    def median(values: list[float]) -> float:
        return statistics.median(values)


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Serve:
    """``pledgewatch serve`` in a subprocess; its standard error lines go to ``lines``."""

    def __init__(self, command: list[str], cwd: Path, env: dict[str, str]):
        self.process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stderr:
            self.lines.put(line)
        self.lines.put("")  # the end

    def wait_for(self, pattern: str) -> str:
        """The next line matching ``pattern``; raises ``RuntimeError`` when the command ends
        or nothing matches in time."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if not line:
                break
            if re.search(pattern, line):
                return line
        raise RuntimeError(f"pledgewatch serve: no line like {pattern!r} in:\n"
                           + "".join(self.seen))

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):  # a 404 while a page comes, a reset
        return ""


def _wait_until(url: str, text: str, start: float) -> float:
    deadline = start + TIMEOUT
    while time.monotonic() < deadline:
        if text in _get(url):
            return time.monotonic() - start
        time.sleep(POLL)
    raise RuntimeError(f"{text!r} never appeared at {url}")


def _listing_page(base: str, pledge_id: str) -> str:
    """The address of the pledges index page that links the pledge."""
    url, number = f"{base}pledges/", 1
    while True:
        html = _get(url)
        if not html:
            raise RuntimeError(f"no pledges index page lists {pledge_id}")
        if f"{pledge_id}/\"" in html:  # a relative link to its page
            return url
        number += 1
        url = f"{base}pledges/page/{number}/"


def measure(tree: Path, pledges: int, edits: int, command: list[str],
            env: dict[str, str]) -> Latency:
    """Serve ``tree`` with ``command`` (``pledgewatch serve --as-of DATE``, port added) and
    time ``edits`` title edits (see the module's description)."""
    port = free_port()
    serve = _Serve([*command, "--port", str(port)], tree, env)
    files = sorted((tree / "content" / "pledges").glob("*.yml"))
    step = max(1, len(files) // edits)
    chosen = [files[i * step] for i in range(edits)]
    originals = {path: path.read_bytes() for path in chosen}
    figures = Latency(pledges)
    try:
        base = re.search(r"serving on (\S+)", serve.wait_for(r"serving on ")).group(1)
        for n, path in enumerate(chosen):
            listing = _listing_page(base, path.stem)
            text = originals[path].decode("utf-8")
            word = f"Previewedit{n}"
            edited = re.sub(r"^title: ", f"title: {word} ", text, count=1, flags=re.M)
            start = time.monotonic()
            path.write_text(edited, encoding="utf-8")
            figures.page.append(_wait_until(f"{base}pledges/{path.stem}/", word, start))
            figures.listing.append(_wait_until(listing, word, start))
            serve.wait_for(r"^built \d+ pages \(")
            figures.complete.append(time.monotonic() - start)
    finally:
        serve.stop()
        for path, data in originals.items():
            path.write_bytes(data)
            os.utime(path)
    return figures
