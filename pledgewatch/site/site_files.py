"""The files of the docs folder besides rendered pages: where rendered pages are written, and
the redirects from each record's earlier ids (mkdocs-redirects' ``redirect_maps``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pledgewatch.core import routes
from pledgewatch.records.model import Model


def redirect_maps(model: Model) -> dict[str, str]:
    """The mkdocs-redirects ``redirect_maps``: each earlier id (``aliases``) of a pledge or
    an actor -> the record's page, as docs-relative Markdown paths
    (``pledges/old-id.md`` -> ``pledges/new-id.md``)."""
    out = {}
    for route in routes.record_pages():
        for record in getattr(model, route.folder).values():
            for alias in record.aliases:
                out[routes.page(route.name, alias)] = routes.page(route.name, record.id)
    return dict(sorted(out.items()))


def write_pages(pages: Iterable[tuple[str, str]], docs_dir: Path) -> int:
    """Write rendered pages, ``(docs-relative path, text)`` pairs, below ``docs_dir`` (a build
    folder, never ``content/``) as they come; returns how many were written."""
    written = 0
    for relpath, text in pages:
        target = docs_dir / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written += 1
    return written
