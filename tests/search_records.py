"""What the built site's Pagefind bundle holds for each page, read from its fragment files."""

from __future__ import annotations

import gzip
import json
from pathlib import Path


def pagefind_records(site: Path) -> dict[str, dict]:
    """Each indexed page's record (``url``, ``content``, ``meta``, ``anchors``) by URL, from
    the gzipped fragment files of ``site/pagefind`` (each ``pagefind_dcd`` + JSON)."""
    out = {}
    for path in sorted((site / "pagefind" / "fragment").iterdir()):
        record = json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
        out[record["url"]] = record
    return out
