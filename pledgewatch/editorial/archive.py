"""``pledgewatch archive``: an archived copy for each source that has a ``url`` and no
``archive_url``, found through the Internet Archive's Wayback Machine.

The availability API (``GET BASE?url=URL&timestamp=YYYYMMDD``, documented at
https://archive.org/help/wayback_api.php) answers ``{"archived_snapshots": {"closest":
{"available": true, "url": ..., "timestamp": ..., "status": "200"}}}``, or an empty
``archived_snapshots`` when it has no copy. The timestamp asked for is the source's
publication date, so the copy closest to what was cited is chosen. With ``save``, an address
without a copy is sent to Save Page Now (``GET SAVE_BASE + URL``), whose answer redirects to,
or names in ``Content-Location``, the new capture.

The base addresses come from ``PLEDGEWATCH_WAYBACK_API`` and ``PLEDGEWATCH_SAVE_API`` (for
tests and mirrors). The address found is written into the source's file by
:func:`insert_archive_url`, which adds exactly one line.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx
import yaml

from pledgewatch.editorial.content import Content
from pledgewatch.editorial.http import client

WAYBACK_API = "https://archive.org/wayback/available"
SAVE_API = "https://web.archive.org/save/"


@dataclass(frozen=True)
class Found:
    """The outcome for one source: its id, file (``Path``), cited ``url``, and the archived
    copy's address (``""`` when none) with how it was had (``snapshot``, ``saved``, or why
    not)."""

    source: str
    file: Path
    url: str
    archive_url: str
    how: str


def wanted(content: Content) -> list[tuple[str, Path, str, str]]:
    """``(source id, file, url, YYYYMMDD published)`` of each source with a ``url`` and no
    ``archive_url``, in id order."""
    root = content.model.config.root
    return [(s.id, root / s.repo_path, s.url, s.published.strftime("%Y%m%d"))
            for s in content.model.sources.values() if s.url and not s.archive_url]


async def _closest(http: httpx.AsyncClient, api: str, url: str, stamp: str) -> str:
    answer = await http.get(api, params={"url": url, "timestamp": stamp})
    answer.raise_for_status()
    try:
        closest = answer.json().get("archived_snapshots", {}).get("closest") or {}
    except (json.JSONDecodeError, AttributeError):
        return ""
    if closest.get("available") and str(closest.get("status", "200")).startswith("2"):
        return _https(str(closest.get("url", "")))
    return ""


async def _save(http: httpx.AsyncClient, save_api: str, url: str) -> str:
    answer = await http.get(save_api + url)
    if "/web/" in str(answer.url) and answer.is_success:
        return _https(str(answer.url))
    where = answer.headers.get("content-location", "")
    return _https(urljoin(str(answer.url), where)) if "/web/" in where else ""


def _https(address: str) -> str:
    """The API answers ``http://web.archive.org/...``; the same copy is served over https."""
    return re.sub(r"^http://web\.archive\.org/", "https://web.archive.org/", address)


async def find_copies(items: list[tuple[str, Path, str, str]], save: bool = False,
                      timeout: float = 30.0, concurrency: int = 2) -> list[Found]:
    """Look up (and with ``save``, request) a copy for each item of :func:`wanted`. The
    Wayback Machine limits request rates, so few run at once."""
    api = os.environ.get("PLEDGEWATCH_WAYBACK_API", WAYBACK_API)
    save_api = os.environ.get("PLEDGEWATCH_SAVE_API", SAVE_API)
    gate = asyncio.Semaphore(concurrency)

    async def one(http, source, file, url, stamp) -> Found:
        async with gate:
            try:
                copy = await _closest(http, api, url, stamp)
                if copy:
                    return Found(source, file, url, copy, "snapshot")
                if not save:
                    return Found(source, file, url, "", "no copy (try --save)")
                copy = await _save(http, save_api, url)
                return Found(source, file, url, copy, "saved" if copy else "save failed")
            except httpx.HTTPError as exc:
                return Found(source, file, url, "", f"archive unreachable: {exc!r}")

    async with client(timeout, concurrency) as http:
        return list(await asyncio.gather(*(one(http, *item) for item in items)))


def insert_archive_url(file: Path, archive_url: str) -> None:
    """Add ``archive_url: ADDRESS`` to a source file on the line after its ``url`` value, at
    the ``url`` key's indentation, with the file's own line ending: the file's diff is exactly
    one added line (comments, order, quoting and line breaks stay as they were). The address
    is written plain when YAML reads it back unchanged, else double-quoted.

    Raises ``ValueError`` when the file has no top-level ``url`` or already has
    ``archive_url``.
    """
    raw = file.read_bytes()
    text = raw.decode("utf-8-sig")
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    keys = {k.value: (k, v) for k, v in root.value} if isinstance(root, yaml.MappingNode) else {}
    if "url" not in keys or "archive_url" in keys:
        raise ValueError(f"{file}: expected a 'url' and no 'archive_url'")
    key, value = keys["url"]
    newline = "\r\n" if b"\r\n" in raw else "\n"
    lines = text.splitlines(keepends=True)
    end = min(value.end_mark.line if value.end_mark.column else value.end_mark.line - 1,
              len(lines) - 1)
    scalar = archive_url if _plain_ok(archive_url) else json.dumps(archive_url)
    added = " " * key.start_mark.column + f"archive_url: {scalar}{newline}"
    if not lines[end].endswith(("\n", "\r")):  # the last line, without a line break: so is ours
        lines[end] += newline
        added = added.rstrip("\r\n")
    lines.insert(end + 1, added)
    body = "".join(lines)
    file.write_bytes((b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b"")
                     + body.encode("utf-8"))


def _plain_ok(value: str) -> bool:
    try:
        return yaml.safe_load(f"k: {value}\n") == {"k": value}
    except yaml.YAMLError:
        return False
