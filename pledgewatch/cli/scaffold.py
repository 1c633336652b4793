"""``pledgewatch new KIND ID``: start a record with its required fields and placeholders.

The file begins with a ``yaml-language-server`` modeline pointing at the kind's JSON Schema, so
editors with the YAML language server check it while the contributor types. Every value the
contributor must supply is a ``FILL IN:`` placeholder that says what belongs there; the
validator refuses placeholders with that same hint, so the new file fails validation on the
placeholders only. Optional fields follow as comments.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path

from pledgewatch.checks.validate import RESERVED_IDS
from pledgewatch.core import schema
from pledgewatch.core.scalars import DEVICE_NAMES, MAX_ID_LENGTH
from pledgewatch.ingest.load import RECORD_SUFFIXES, display_path
from pledgewatch.outputs.jsonschemas import schema_filename

_ID_RE = re.compile(schema.ID_PATTERN)
_DEFAULTS = {"status": "not-yet-rated"}  # a new pledge, and its first update, are unrated


class ScaffoldError(Exception):
    """The kind, the id or the target file is not usable; the CLI exits with status 2."""


def kind_folder(kind: str) -> str:
    """``pledge`` or ``pledges`` -> ``pledges``; raises :class:`ScaffoldError` otherwise."""
    for folder, singular in schema.SINGULAR.items():
        if kind in (folder, singular):
            return folder
    raise ScaffoldError(f"unknown kind '{kind}'; use one of: {', '.join(schema.SINGULAR.values())}")


def target_path(content_dir: Path, kind: str, record_id: str) -> Path:
    """``content/<kind folder>/<id>.yml``, refusing a bad id or an existing record."""
    if re.fullmatch(DEVICE_NAMES, record_id):
        raise ScaffoldError(f"'{record_id}' cannot be an id: Windows reserves the name for a "
                            "device; choose another")
    if _ID_RE.match(record_id) and len(record_id) > MAX_ID_LENGTH:
        raise ScaffoldError(f"'{record_id[:40]}\u2026' is {len(record_id):,} characters long, "
                            f"over the limit of {MAX_ID_LENGTH} for an id; shorten it")
    if not _ID_RE.match(record_id):
        example = re.sub(r"[^a-z0-9]+", "-", record_id.lower()).strip("-") or "my-record"
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lower-case letters, digits "
                            f"and single hyphens (e.g. '{example}')")
    folder = content_dir / kind_folder(kind)
    if record_id == "index" and (folder.name, "id") in RESERVED_IDS:
        raise ScaffoldError(f"'index' is reserved: {folder.name}/index.md is the list of all "
                            f"{folder.name}; choose another id")
    for suffix in RECORD_SUFFIXES:
        existing = folder / f"{record_id}{suffix}"
        if existing.exists() or existing.is_symlink():
            raise ScaffoldError(f"{display_path(existing)} already exists; edit it, or choose "
                                "another id")
    return folder / f"{record_id}.yml"


def record_text(kind: str, record_id: str, date: dt.date, schema_ref: str) -> str:
    """The new file's text: modeline, a how-to comment, required fields, optional ones as
    comments. ``schema_ref`` is the schema's path relative to the file."""
    folder = kind_folder(kind)
    noun = schema.SINGULAR[folder]
    lines = [
        f"# yaml-language-server: $schema={schema_ref}",
        f"# A new {noun}. Replace every \"{schema.PLACEHOLDER} ...\" value, uncomment the optional",
        "# fields you need, then run: pledgewatch validate (fields: docs/records.md)",
    ]
    for f in schema.KINDS[folder]:
        if f.name == "id":
            lines.append(f"id: {record_id}")
        elif f.required:
            lines += _field_lines(f, date, "")
        else:
            lines.append(f"# {f.name}: {_optional_hint(f)}")
    return "\n".join(lines) + "\n"


def write_record(content_dir: Path, root: Path, kind: str, record_id: str, today: dt.date,
                 ) -> Path:
    """Write the new record, dated ``today`` (the build context's as-of date), and return its
    path. Raises :class:`ScaffoldError`."""
    path = target_path(content_dir, kind, record_id)
    schema_file = root / "schemas" / schema_filename(kind_folder(kind))
    reference = Path(os.path.relpath(schema_file, path.parent)).as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = record_text(kind, record_id, today, reference)
    with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
        out.write(text)
    return path


def _field_lines(f: schema.Field, date: dt.date, indent: str) -> list[str]:
    if f.type == schema.DATE:
        return [f"{indent}{f.name}: {date.isoformat()}"]
    if f.name in _DEFAULTS:
        return [f"{indent}{f.name}: {_DEFAULTS[f.name]}"]
    if f.type == schema.OBJECTS:
        item = [line for sub in f.item if sub.required
                for line in _field_lines(sub, date, indent + "    ")]
        item[0] = indent + "  - " + item[0].lstrip()
        return [f"{indent}{f.name}:", *item]
    if f.type in (schema.REFS, schema.SLUGS):
        return [f"{indent}{f.name}:", f"{indent}  - {_placeholder(f)}"]
    return [f"{indent}{f.name}: {_placeholder(f)}"]


def _placeholder(f: schema.Field) -> str:
    extra = {
        schema.REF: f" An id from content/{f.ref}/.",
        schema.REFS: f" Ids from content/{f.ref}/, one per line.",
        schema.ENUM: f" One of: {', '.join(f.choices)}.",
    }.get(f.type, "")
    return json.dumps(f"{schema.PLACEHOLDER} {f.description}{extra}", ensure_ascii=False)


def _optional_hint(f: schema.Field) -> str:
    """An uncommentable line: valid YAML, and a value the validator asks to complete."""
    empty = {schema.URL: '"https://"', schema.BOOL: "true", schema.REFS: "[]",
             schema.SLUGS: "[]", schema.OBJECTS: "[]"}.get(f.type, '""')
    return f"{empty}  # optional: {f.description}"
