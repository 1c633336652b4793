"""The site search's index, written by Pagefind (pagefind.app) instead of Material's search.

Material's search plugin writes one JSON file that a reader downloads whole before the first
answer: 3.1 MB at 1,000 pledges even narrowed (:mod:`search_scope`), about 31 MB at 10,000.
Pagefind splits its index into chunks by word and a fragment per page, and the browser fetches
only the chunks of the words searched and the fragments of the results shown. Material's search
box, shortcuts, result list and highlighting stay: ``assets/pledgewatch-search.js`` stands in
for Material's search worker and asks Pagefind.

What is indexed is what :func:`search_scope.searchable` keeps of each page; the hooks hand each
page's narrowed HTML to :class:`Pages`, which writes them as small HTML files into a temporary
folder at the page's URL, then runs the Pagefind binary (the ``pagefind_bin`` wheel, no
download) over that folder once, into ``<site>/pagefind/``. Material's own ``search_index.json``
keeps its configuration (the highlighting on a result's page reads it) and no documents.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BUNDLE = "pagefind"
"""Folder of the Pagefind bundle in the built site."""


class Pages:
    """A temporary folder of narrowed pages for Pagefind; ``write`` indexes and removes it."""

    def __init__(self, language: str):
        self.language = language
        self.folder = Path(tempfile.mkdtemp(prefix="pledgewatch-search-"))
        self.count = 0

    def add(self, url: str, html: str) -> None:
        """Add a page at site-relative ``url`` (``pledges/x/``, ``""`` for the home page)
        whose searchable HTML is ``html`` (starting with its ``<h1>``)."""
        target = self.folder / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f'<!doctype html><html lang="{self.language}"><head><meta '
                          f'charset="utf-8"><title></title></head><body>{html}</body></html>',
                          encoding="utf-8")
        self.count += 1

    def write(self, site_dir: Path, keep: bool = False) -> None:
        """Index the pages into ``site_dir/pagefind/`` and remove the temporary folder (unless
        ``keep``: the preview keeps its pages to index again after an edit).
        Raises ``RuntimeError`` with Pagefind's message when it fails."""
        try:
            out = site_dir / BUNDLE
            done = subprocess.run(
                [sys.executable, "-m", "pagefind", "--site", str(self.folder), "--output-path",
                 str(out), "--exclude-selectors", ".headerlink", "--silent"],
                capture_output=True, text=True, check=False)
            if done.returncode != 0 or not (out / "pagefind.js").is_file():
                raise RuntimeError(f"Pagefind could not index the site: {done.stderr.strip()}")
            for unused in out.glob("pagefind-*ui*"):  # its own UIs: Material's is used
                unused.unlink()
        finally:
            if not keep:
                shutil.rmtree(self.folder, ignore_errors=True)


def empty_material_index(site_dir: Path) -> None:
    """Keep only the configuration of Material's ``search/search_index.json`` (separator,
    language, pipeline), which its highlighting of ``?h=`` words reads; drop its documents."""
    path = site_dir / "search" / "search_index.json"
    if path.is_file():
        index = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps({"config": index["config"], "docs": []},
                                   separators=(",", ":")), encoding="utf-8")
