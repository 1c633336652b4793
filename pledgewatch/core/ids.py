"""How long an id may be: every id, alias and topic becomes a file name and a web address.

File systems take at most 255 bytes per file name (ext4, APFS, NTFS: 255 UTF-16 units);
the longest name made from an id is ``ID.md`` or ``ID.xml``, and some tools and archives
(tar's ustar format, Windows' 260-character paths) want much less, so ids stay far below.
"""

from __future__ import annotations

import re

from pledgewatch.core.schema import ID_PATTERN

MAX_ID_CHARS = 100
"""Most characters an id, alias or topic may have (ids are ASCII: one byte each)."""

PLAIN_ID = re.compile(rf"^(?=.{{1,{MAX_ID_CHARS}}}$){ID_PATTERN.removeprefix('^')}")
"""A valid id of an acceptable length: what the validator's fast paths accept unchecked."""
_WELL_FORMED = re.compile(ID_PATTERN)


def too_long(value: str, field: str) -> str | None:
    """A message when ``value`` (an id, reference, alias or topic of ``field``) is well formed
    but has more than :data:`MAX_ID_CHARS` characters, else ``None``."""
    if len(value) <= MAX_ID_CHARS or not _WELL_FORMED.match(value):
        return None
    return (f"'{value[:40]}\u2026' in '{field}' is {len(value):,} characters long, over the "
            f"limit of {MAX_ID_CHARS} for an id (it becomes a file name and a web address); "
            "shorten it")
