"""The floor for validation: read every content file and compose it with libyaml.

``python -m benchmarks.floor CONTENT_DIR`` composes each ``*.yml`` file below ``CONTENT_DIR``
with ``yaml.compose(handle, Loader=yaml.CSafeLoader)`` from the file's open binary handle: libyaml
reads the bytes and decodes UTF-8 itself, the cheapest way to get YAML nodes with line and
column, which any validator that reports locations has to do. (Decoding each file to a Python
string first made the floor about 20% slower, and the ratio against it look better than it
is.) Run as a subprocess, like ``pledgewatch validate``, so both pay for starting the
interpreter.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def parse_all(content_dir: Path) -> int:
    """Compose every ``*.yml`` file below ``content_dir``; returns the number of files."""
    count = 0
    for path in sorted(content_dir.glob("*/*.yml")):
        with path.open("rb") as handle:
            yaml.compose(handle, Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    print(parse_all(Path(sys.argv[1])))
