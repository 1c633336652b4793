"""JSON Schemas (draft 2020-12) of the record kinds, derived from ``schema.KINDS``.

Editors with the YAML language server use them while a contributor types; the site publishes
them under ``schemas/``. The validator stays the authority (cross-record rules cannot be said in
JSON Schema); these schemas state what each file alone must look like.
"""

from __future__ import annotations

from . import schema

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def field_schema(f: schema.Field) -> dict:
    """The JSON Schema of one field's value."""
    text = {"type": "string", "minLength": 1}
    slug = {"type": "string", "pattern": schema.ID_PATTERN}
    by_type = {
        schema.TEXT: text,
        schema.LINE: {**text, "pattern": r"^[^\n]*\S[^\n]*$"},
        schema.ID: slug,
        schema.REF: slug,
        schema.DATE: {"type": "string", "format": "date"},
        schema.URL: {"type": "string", "format": "uri", "pattern": "^https?://"},
        schema.BOOL: {"type": "boolean"},
        schema.ENUM: {"enum": list(f.choices)},
        schema.REFS: {"type": "array", "items": slug},
        schema.SLUGS: {"type": "array", "items": slug},
    }
    if f.type == schema.OBJECTS:
        out = {"type": "array", "items": object_schema(f.item)}
    else:
        out = dict(by_type[f.type])
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


def json_schemas(base_url: str) -> dict[str, dict]:
    """``{kind folder: schema}``; each schema's ``$id`` is ``BASE_URL/schemas/<singular>.json``."""
    return {
        kind: {
            "$schema": DRAFT,
            "$id": f"{base_url.rstrip('/')}/schemas/{schema.SINGULAR[kind]}.json",
            "title": f"Pledgewatch {schema.SINGULAR[kind]} record",
            **object_schema(fields),
        }
        for kind, fields in schema.KINDS.items()
    }
