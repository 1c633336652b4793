"""Debian's newsboat as a headless feed reader, against a site served on 127.0.0.1.

``newsboat -u URLS -c CACHE -C CONFIG -x reload`` fetches every feed once and stores the items
in its SQLite cache (table ``rss_item``), which the tests then read. HOME and the XDG folders
point into a temporary folder and the environment carries no proxy settings, so nothing touches
the user's files or leaves the machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sqlite3
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

NEWSBOAT = shutil.which("newsboat")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on 127.0.0.1 (a free port) from a thread; yields the base
    URL. Files are looked up per request, so a rebuilt site is served as soon as it is
    swapped into ``folder``."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


class Newsboat:
    """One newsboat profile (URLs file, cache, config) in ``home``, a folder of its own."""

    def __init__(self, home: Path, urls: list[str]):
        home.mkdir(parents=True)
        self.home = home
        self.urls = home / "urls"
        self.urls.write_text("".join(u + "\n" for u in urls), encoding="utf-8")
        self.cache = home / "cache.db"
        self.config = home / "config"
        self.config.write_text("download-retries 2\nreload-threads 2\n", encoding="utf-8")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local"),
            "XDG_CACHE_HOME": str(home / ".cache"), "LANG": "C.UTF-8", "TERM": "dumb",
            "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1",
        }

    def reload(self) -> None:
        """Fetch every feed once; raises ``CalledProcessError`` (with newsboat's output)
        when newsboat fails."""
        subprocess.run([NEWSBOAT, "-u", str(self.urls), "-c", str(self.cache),
                        "-C", str(self.config), "-x", "reload"],
                       env=self.env, check=True, capture_output=True, text=True, timeout=300)

    def items(self) -> list[tuple[str, str, str, int]]:
        """``(feed url, guid, title, pubDate as a Unix time)`` of every stored item, by feed,
        newest first."""
        with sqlite3.connect(self.cache) as db:
            return db.execute("SELECT feedurl, guid, title, pubDate FROM rss_item "
                              "WHERE deleted = 0 ORDER BY feedurl, pubDate DESC, guid").fetchall()

    def feed_titles(self) -> dict[str, str]:
        """``{feed url: title}`` as newsboat stored them."""
        with sqlite3.connect(self.cache) as db:
            return dict(db.execute("SELECT rssurl, title FROM rss_feed").fetchall())


def by_feed(reader: Newsboat, base: str) -> dict[str, list[tuple[str, str, int]]]:
    """The stored items grouped by feed path (the URL without ``base``):
    ``{path: [(guid, title, pubDate), ...]}``, newest first."""
    grouped: dict[str, list[tuple[str, str, int]]] = {}
    for url, guid, title, published in reader.items():
        grouped.setdefault(url.removeprefix(base), []).append((guid, title, published))
    return grouped
