"""A Hugo baseline: the same generated Markdown pages rendered by Hugo with a trivial layout.

It is the floor for "these pages, as HTML" with a fast, compiled static-site generator: no
theme, no navigation, no search, just each page's Markdown (raw HTML kept, as MkDocs keeps
it) inside ``<html><body>``. The workspace is a copy of the docs folder that
``build.prepare`` writes for the bare ``mkdocs build``, with each folder's ``index.md``
renamed ``_index.md`` (Hugo reads ``index.md`` as a bundle of the pages beside it); feeds,
data and other non-Markdown files are left out, as they are copied, not rendered.
Used by :mod:`benchmarks.bench` when ``hugo`` is on the PATH (Debian package ``hugo``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

LAYOUT = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>{{ .Title }}</title>"
          "</head><body>{{ .Content }}</body></html>\n")
CONFIG = """\
baseURL = "https://example.org/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = true
[markup.goldmark.parser.attribute]
title = true
block = true
"""


def hugo() -> str | None:
    """The ``hugo`` executable, or ``None`` when it is not installed."""
    return shutil.which("hugo")


def prepare(docs: Path, work: Path) -> Path:
    """Write a Hugo site of the Markdown pages below ``docs`` into ``work`` (replaced);
    returns ``work``. Raises ``FileNotFoundError`` when ``docs`` does not exist."""
    if not docs.is_dir():
        raise FileNotFoundError(docs)
    shutil.rmtree(work, ignore_errors=True)
    content = work / "content"
    for page in docs.rglob("*.md"):
        relative = page.relative_to(docs)
        if relative.name == "index.md":
            relative = relative.with_name("_index.md")
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    layouts = work / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (layouts / name).write_text(LAYOUT, encoding="utf-8")
    (work / "config.toml").write_text(CONFIG, encoding="utf-8")
    return work


def command(work: Path) -> list[str]:
    """The command that builds the Hugo site at ``work`` into ``work/public``."""
    return [hugo() or "hugo", "--quiet", "--source", str(work), "--destination",
            str(work / "public")]
