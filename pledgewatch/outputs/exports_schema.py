"""The shape of the open data: ``data/records.json``, its JSON Schema and its documentation.

Everything here derives from ``schema.KINDS`` plus the computed fields listed in
:data:`COMPUTED`, so the exported values (``exports``), the published schema
(``schemas/records.json``) and the "Open data" page's field tables cannot drift apart: a field
added to ``KINDS`` appears in all three, and a test validates the export against the schema.

In the export every field of a kind is present. An absent optional text, URL or date is
``null``; an absent list is ``[]``; an absent true/false is ``false``. A reference to another
record is an object ``{"id": ..., "permalink": ...}``.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from pledgewatch.core import schema
from pledgewatch.outputs.jsonschemas import DRAFT

SCHEMA_VERSION = 1
"""Bumped whenever a field of ``records.json`` is renamed, removed or changes type."""

STATE_CODES = ("upcoming", "due-today", "overdue", "met", "met-late", "missed", "passed")
"""Deadline state codes (see ``model.deadline_state``)."""

_SLUG = {"type": "string", "pattern": schema.ID_PATTERN}
_URI = {"type": "string", "format": "uri", "pattern": "^https?://"}

DEFS = {
    "reference": {
        "type": "object",
        "description": "A reference to another record: its id and its page on the site.",
        "properties": {"id": _SLUG, "permalink": _URI},
        "required": ["id", "permalink"],
        "additionalProperties": False,
    },
    "citation": {
        "type": "object",
        "description": "A record that cites a source: its kind, id and page on the site.",
        "properties": {"kind": {"enum": list(schema.KINDS)}, "id": _SLUG, "permalink": _URI},
        "required": ["kind", "id", "permalink"],
        "additionalProperties": False,
    },
    "state": {
        "type": "object",
        "description": "A deadline state as of the as-of date: a code and the reader's words.",
        "properties": {"code": {"enum": list(STATE_CODES)}, "label": {"type": "string"}},
        "required": ["code", "label"],
        "additionalProperties": False,
    },
}


@dataclass(frozen=True)
class Computed:
    """A field of the export that the build computes: name, JSON Schema, the type as the docs
    word it, and its meaning."""

    name: str
    schema: dict
    type_doc: str
    description: str


def _ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}


_PERMALINK = Computed("permalink", _URI, "URL", "The record's address on the site.")
_FEED = Computed("feed", _URI, "URL", "Its Atom feed.")

COMPUTED: dict[str, tuple[Computed, ...]] = {
    "actors": (_PERMALINK, _FEED),
    "sources": (
        _PERMALINK,
        Computed("cited_by", {"type": "array", "items": _ref("citation")},
                 "list of {kind, id, permalink}", "Every record that cites the source."),
    ),
    "pledges": (
        _PERMALINK, _FEED,
        Computed("status_label", {"type": "string"}, "text",
                 "The current status in words, e.g. 'In progress'."),
    ),
    "deadlines": (
        _PERMALINK,
        Computed("state", _ref("state"), "{code, label}",
                 "Overall state as of the as-of date (one pledge: that pledge's state)."),
        Computed("states", {"type": "array", "items": {
            "type": "object",
            "properties": {"pledge": _ref("reference"), "code": {"enum": list(STATE_CODES)},
                           "label": {"type": "string"}},
            "required": ["pledge", "code", "label"], "additionalProperties": False}},
            "list of {pledge, code, label}", "The state for each of its pledges."),
    ),
    "quotes": (_PERMALINK,),
}

UPDATE_COMPUTED = (
    Computed("previous_status", {"enum": [*schema.STATUSES, None]}, "status or null",
             "Status before this update; null for the first."),
    Computed("permalink", _URI, "URL", "The update on the pledge's page."),
)

CSV_COLUMNS = (
    ("id", "The pledge's id."),
    ("title", "One line naming what was promised."),
    ("status", "Current status code, e.g. 'in-progress'."),
    ("made_by", "Id of the actor who made the pledge."),
    ("made_by_name", "That actor's name."),
    ("made_on", "Date the pledge was made (YYYY-MM-DD)."),
    ("deadline", "Due date of the pledge's earliest 'by' or 'not-before' deadline; empty "
                 "when it has none."),
    ("deadline_id", "That deadline's id."),
    ("deadline_state", "That deadline's state code for this pledge as of the as-of date."),
    ("permalink", "The pledge's page on the site."),
    ("reviewed_on", "Last date an editor checked the pledge against the evidence "
                    "(YYYY-MM-DD); empty when not recorded."),
)
"""Columns of ``data/pledges.csv``, in order, with their meaning."""


def value_schema(f: schema.Field) -> dict:
    """JSON Schema of one record field's exported value (see the module docstring)."""
    nullable = not f.required
    simple = {
        schema.TEXT: {"type": ["string", "null"] if nullable else "string"},
        schema.LINE: {"type": ["string", "null"] if nullable else "string"},
        schema.URL: {**_URI, "type": ["string", "null"]} if nullable else _URI,
        schema.DATE: {"type": ["string", "null"] if nullable else "string", "format": "date"},
        schema.ID: _SLUG,
        schema.BOOL: {"type": "boolean"},
        schema.ENUM: {"enum": list(f.choices)},
        schema.REF: ({"oneOf": [_ref("reference"), {"type": "null"}]} if nullable
                     else _ref("reference")),
        schema.REFS: {"type": "array", "items": _ref("reference")},
        schema.SLUGS: {"type": "array", "items": _SLUG},
    }
    if f.type == schema.OBJECTS:
        computed = UPDATE_COMPUTED if f.name == "updates" else ()
        out = {"type": "array", "items": _object(f.item, computed)}
    else:
        out = dict(simple[f.type])
    if f.description:
        out["description"] = f.description
    return out


def _object(fields: tuple[schema.Field, ...], computed: tuple[Computed, ...]) -> dict:
    properties = {f.name: value_schema(f) for f in fields}
    for c in computed:
        properties[c.name] = {**c.schema, "description": c.description}
    return {"type": "object", "properties": properties, "required": list(properties),
            "additionalProperties": False}


def kind_schema(kind: str) -> dict:
    """The closed object schema of one exported record of ``kind`` (a ``KINDS`` folder)."""
    return _object(schema.KINDS[kind], COMPUTED[kind])


def records_schema(base_url: str) -> dict:
    """The JSON Schema (draft 2020-12) of ``data/records.json``; ``$id`` is
    ``BASE_URL/schemas/records.json``."""
    top = {
        "$schema": {"type": "string", "description": "Address of this schema."},
        "schema_version": {"const": SCHEMA_VERSION},
        "as_of": {"type": "string", "format": "date",
                  "description": "Date the computed states are stated as of."},
        "site": {"type": "object", "properties": {
            "name": {"type": "string"}, "url": _URI, "licence": {"type": "string"},
            "licence_url": {"type": "string"}},
            "required": ["name", "url", "licence", "licence_url"], "additionalProperties": False},
        **{kind: {"type": "array", "items": kind_schema(kind)} for kind in schema.KINDS},
    }
    return {
        "$schema": DRAFT,
        "$id": f"{base_url.rstrip('/')}/schemas/records.json",
        "title": "Pledgewatch open data: every record of every kind",
        "type": "object",
        "properties": top,
        "required": list(top),
        "additionalProperties": False,
        "$defs": DEFS,
    }


_ARTICLE = {"actors": "an actor", "sources": "a source", "pledges": "a pledge",
            "deadlines": "a deadline", "quotes": "a quote", "": ""}


def type_doc(f: schema.Field) -> str:
    """The exported type of a record field in words, for the "Open data" page."""
    words = {
        schema.TEXT: "text", schema.LINE: "text (one line)", schema.ID: "id",
        schema.DATE: "date (YYYY-MM-DD)", schema.URL: "URL", schema.BOOL: "true or false",
        schema.SLUGS: "list of ids",
        schema.REF: f"{{id, permalink}} of {_ARTICLE[f.ref]}",
        schema.REFS: f"list of {{id, permalink}} of {f.ref}",
        schema.OBJECTS: ("list of updates (see below)" if f.name == "updates"
                         else "list of {" + ", ".join(x.name for x in f.item) + "}"),
        schema.ENUM: "one of: " + ", ".join(f.choices),
    }[f.type]
    if not f.required and f.type in (schema.TEXT, schema.LINE, schema.URL, schema.DATE,
                                     schema.REF):
        return words + ", or null"
    return words


def field_rows(fields: tuple[schema.Field, ...],
               computed: tuple[Computed, ...]) -> list[tuple[Markup, str, str]]:
    """``(field, type, meaning)`` rows: the record's fields (required ones marked ``*``),
    then the computed ones (meaning starts "Computed."). The field name is HTML ``<code>``
    made here from our own schema, so it is ``Markup``; the rest is text to escape."""
    def code(name: str, required: bool = False) -> Markup:
        return Markup("<code>%s</code>%s") % (name, Markup("&#42;") if required else "")

    rows = [(code(f.name, f.required), type_doc(f), f.description)
            for f in fields]
    rows += [(code(c.name), c.type_doc, f"Computed. {c.description}") for c in computed]
    return rows


def documentation() -> dict[str, list[tuple[Markup, str, str]]]:
    """Field tables for the "Open data" page: one per kind, then ``updates`` (the items of a
    pledge's ``updates``)."""
    docs = {kind: field_rows(fields, COMPUTED[kind]) for kind, fields in schema.KINDS.items()}
    docs["updates"] = field_rows(schema.UPDATE_FIELDS, UPDATE_COMPUTED)
    return docs
