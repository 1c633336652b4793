"""The field tables of ``docs/records.md``, generated from ``schema.KINDS``.

The prose of the page is written by hand; each table sits between ``<!-- fields:NAME -->`` and
``<!-- /fields -->``, where NAME is a kind folder (``pledges``) or ``updates`` (the items of a
pledge's ``updates``). ``make docs`` (``python -m pledgewatch.outputs.records_doc``) rewrites
the tables in place; ``--check`` exits 1 when they are stale, and a test runs that check.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pledgewatch.core import schema

DOC = Path("docs/records.md")  # from the repository root, where make runs
COMMAND = "make docs"
_BLOCK = re.compile(r"(<!-- fields:([a-z_]+) -->\n)(.*?)(<!-- /fields -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def field_table(fields: tuple[schema.Field, ...]) -> str:
    """A Markdown table ``| field | type | meaning |``, one row per field (required ones marked
    ``*``), the type in the field type's words (:meth:`Field.doc`), the meaning its
    description."""
    rows = ["| field | type | meaning |", "|---|---|---|"]
    rows += [f"| `{f.name}`{'*' if f.required else ''} | {f.doc()} | {_cell(f.description)} |"
             for f in fields]
    return "\n".join(rows) + "\n"


def tables() -> dict[str, str]:
    """``{marker name: table}``: one per kind, ``updates`` and ``corrections``."""
    return {**{kind: field_table(fields) for kind, fields in schema.KINDS.items()},
            "updates": field_table(schema.UPDATE_FIELDS),
            "corrections": field_table(schema.CORRECTION_FIELDS)}


def regenerate(text: str) -> str:
    """``text`` with every marked table rewritten; ``ValueError`` names an unknown marker."""
    known = tables()

    def table(match: re.Match) -> str:
        name = match.group(2)
        if name not in known:
            raise ValueError(f"<!-- fields:{name} -->: no such table; use one of "
                             f"{', '.join(known)}")
        return match.group(1) + known[name] + match.group(4)

    return _BLOCK.sub(table, text)


def main(argv: list[str]) -> int:
    """``[PATH] [--check]``: rewrite PATH (default ``docs/records.md``), or with ``--check``
    print whether it is current; returns the exit status."""
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    path = Path(paths[0]) if paths else DOC
    text = path.read_text(encoding="utf-8")
    fresh = regenerate(text)
    if check:
        if fresh != text:
            print(f"{path}: the field tables are stale; run `{COMMAND}`")
            return 1
        return 0
    if fresh != text:
        path.write_text(fresh, encoding="utf-8", newline="\n")
        print(f"rewrote the field tables of {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
