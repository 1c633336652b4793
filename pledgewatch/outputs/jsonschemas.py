"""JSON Schemas (draft 2020-12) of the record kinds, derived from ``schema.KINDS``.

``pledgewatch schema`` writes them to ``schemas/<kind>.json`` (``actor.json``, ``pledge.json``
...), and ``pledgewatch new`` points each new record at its schema, so that editors with the YAML
language server check a file while the contributor types. The validator stays the authority:
cross-record rules (references, chronology) and the id-equals-file-name rule cannot be said in
JSON Schema; these schemas state what each file alone must look like. Dates are strings here, as
the YAML language server reads YAML 1.2, where ``2022-11-01`` is a string.
"""

from __future__ import annotations

import json
from pathlib import Path

from pledgewatch.core import schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Characters the loader refuses (see ``yaml_nodes.CONTROL``), as an ECMA-262 character class.
_CONTROL = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\ufffe\\uffff"
_NOT_PLACEHOLDER = f"(?!{schema.PLACEHOLDER})"
_DATE = r"\d{4}-\d{2}-\d{2}"
_ZONED_TIME = r"[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})"

# ``patternErrorMessage`` is the YAML language server's message for a failed pattern; other
# validators ignore it (JSON Schema 2020-12 section 6.5: unknown keywords are annotations).
_VISIBLE = f"[^\\s{_CONTROL}]"  # one character that is neither space nor a control
_TEXT = {"type": "string", "pattern": f"^{_NOT_PLACEHOLDER}[^{_CONTROL}]*{_VISIBLE}[^{_CONTROL}]*$",
         "patternErrorMessage": "Write the text: not blank, no placeholder, no control "
                                "characters."}
_LINE = {"type": "string",
         "pattern": f"^{_NOT_PLACEHOLDER}\\s*[^\\n{_CONTROL}]*{_VISIBLE}[^\\n{_CONTROL}]*\\s*$",
         "patternErrorMessage": "Write one line: not blank, no placeholder, no control "
                                "characters."}
_SLUG = {"type": "string", "pattern": schema.ID_PATTERN,
         "patternErrorMessage": "An id: lower-case letters, digits and single hyphens."}
_BY_TYPE = {
    schema.TEXT: _TEXT,
    schema.LINE: _LINE,
    schema.ID: _SLUG,
    schema.REF: _SLUG,
    schema.DATE: {"type": "string", "pattern": f"^{_DATE}({_ZONED_TIME})?$",
                  "patternErrorMessage": "A date YYYY-MM-DD (or a date-time with a time zone)."},
    schema.URL: {"type": "string", "format": "uri", "pattern": "^https?://[^\\s<>\"'`]+$",
                 "patternErrorMessage": "An absolute http:// or https:// address."},
    schema.BOOL: {"type": "boolean"},
}


def field_schema(f: schema.Field) -> dict:
    """The JSON Schema of one field's value."""
    if f.type == schema.OBJECTS:
        out = {"type": "array", "items": object_schema(f.item)}
    elif f.type in (schema.REFS, schema.SLUGS):
        out = {"type": "array", "items": _SLUG, "uniqueItems": True}
    elif f.type == schema.ENUM:
        out = {"enum": list(f.choices)}
    else:
        out = dict(_BY_TYPE[f.type])
    if f.min_items:
        out["minItems"] = f.min_items
    if f.description:
        out["description"] = f.description
    return out


def object_schema(fields: tuple[schema.Field, ...]) -> dict:
    """A closed object: listed properties only, required ones required."""
    return {
        "type": "object",
        "properties": {f.name: field_schema(f) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


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
