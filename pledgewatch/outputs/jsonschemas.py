"""JSON Schemas (draft 2020-12) of the record kinds, derived from ``schema.KINDS``.

``pledgewatch schema`` writes them to ``schemas/<kind>.json`` (``actor.json``, ``pledge.json``
...), and ``pledgewatch new`` points each new record at its schema, so that editors with the YAML
language server check a file while the contributor types. The validator stays the authority:
cross-record rules (references, chronology) and the id-equals-file-name rule cannot be said in
JSON Schema; these schemas state what each file alone must look like, with the validator's limits
(lengths, patterns, choices, list lengths, unique items), never stricter than it. Each fragment
comes from its field type (``core.fields``). Dates are strings here, as the YAML language server
reads YAML 1.2, where ``2022-11-01`` is a string.
"""

from __future__ import annotations

import json
from pathlib import Path

from pledgewatch.core import schema
from pledgewatch.core.field_lists import object_json_schema as object_schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def schema_filename(kind: str) -> str:
    """``pledges`` -> ``pledge.json``: the file name under ``schemas/`` and in ``$id``."""
    return f"{schema.SINGULAR[kind]}.json"


def json_schemas(base_url: str) -> dict[str, dict]:
    """``{kind folder: schema}``; each schema's ``$id`` is ``BASE_URL/schemas/<singular>.json``."""
    return {
        kind: {
            "$schema": DRAFT,
            "$id": f"{base_url.rstrip('/')}/schemas/{schema_filename(kind)}",
            "$comment": "Generated from pledgewatch/core/schema.py by 'pledgewatch schema'; "
                        "do not edit by hand.",
            "title": f"Pledgewatch {schema.SINGULAR[kind]} record",
            **object_schema(fields),
        }
        for kind, fields in schema.KINDS.items()
    }


def schema_texts(base_url: str) -> dict[str, str]:
    """``{file name: JSON text}``, formatted the same way on every run (sorted by kind,
    two-space indent, UTF-8, final newline) so the committed files diff cleanly."""
    return {schema_filename(kind): json.dumps(value, indent=2, ensure_ascii=False) + "\n"
            for kind, value in json_schemas(base_url).items()}


def write_schemas(out_dir: Path, base_url: str) -> list[Path]:
    """Write every kind's schema into ``out_dir`` (created if missing); returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in sorted(schema_texts(base_url).items()):
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
