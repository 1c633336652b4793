"""The shape of the open data: ``data/records.json``, its JSON Schema and its documentation.

Everything here derives from ``schema.KINDS`` (each field type's ``export_schema``,
``export_value`` and ``export_doc``) plus the computed fields listed in :data:`COMPUTED`, each
with its value, so the exported values (``exports``), the published schema
(``schemas/records.json``) and the "Open data" page's field tables cannot drift apart: a field
added to ``KINDS`` appears in all three, and a test validates the export against the schema.

In the export every field of a kind is present. An absent optional text, URL or date is
``null``; an absent list is ``[]``; an absent true/false is ``false``. A reference to another
record is an object ``{"id": ..., "permalink": ...}``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup

from pledgewatch.core import schema
from pledgewatch.core.fields import EXPORT_SLUG as _SLUG
from pledgewatch.core.fields import EXPORT_URI as _URI
from pledgewatch.core.fields import export_ref as _ref
from pledgewatch.outputs.feeds import feed_path, has_feed
from pledgewatch.outputs.jsonschemas import DRAFT
from pledgewatch.records.model import STATE_CODES, Deadline, Model, Pledge

SCHEMA_VERSION = 1
"""Bumped whenever a field of ``records.json`` is renamed, removed or changes type."""

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
    word it, its meaning, and ``value(model, kind, record)``, its value for one record of the
    kind (for an update: ``value(model, pledge id, update)``)."""

    name: str
    schema: dict
    type_doc: str
    description: str
    value: Callable[[Model, str, object], object]


def _reference(model: Model, kind: str, record_id: str) -> dict:
    return {"id": record_id, "permalink": model.config.permalink(kind, record_id)}


_PERMALINK = Computed("permalink", _URI, "URL", "The record's address on the site.",
                      lambda m, kind, r: m.config.permalink(kind, r.id))
_FEED = Computed("feed", _URI, "URL", "Its Atom feed.",
                 lambda m, kind, r: m.config.absolute(feed_path(kind, r.id)))
_ACTOR_FEED = Computed("feed", {"anyOf": [_URI, {"type": "null"}]}, "URL or null",
                       "Its Atom feed; null for an actor who made and received no pledge "
                       "(such an actor has no feed).",
                       lambda m, kind, r: m.config.absolute(feed_path(kind, r.id))
                       if has_feed(m, kind, r.id) else None)

COMPUTED: dict[str, tuple[Computed, ...]] = {
    "actors": (_PERMALINK, _ACTOR_FEED),
    "sources": (
        _PERMALINK,
        Computed("cited_by", {"type": "array", "items": _ref("citation")},
                 "list of {kind, id, permalink}", "Every record that cites the source.",
                 lambda m, kind, s: [{"kind": k, **_reference(m, k, i)}
                                     for k, i in m.cited_by.get(s.id, ())]),
    ),
    "pledges": (
        _PERMALINK, _FEED,
        Computed("status_label", {"type": "string"}, "text",
                 "The current status in words, e.g. 'In progress'.",
                 lambda m, kind, p: p.status_label),
    ),
    "deadlines": (
        _PERMALINK,
        Computed("state", _ref("state"), "{code, label}",
                 "Overall state as of the as-of date (one pledge: that pledge's state).",
                 lambda m, kind, d: {"code": d.state.code, "label": d.state.label}),
        Computed("states", {"type": "array", "items": {
            "type": "object",
            "properties": {"pledge": _ref("reference"), "code": {"enum": list(STATE_CODES)},
                           "label": {"type": "string"}},
            "required": ["pledge", "code", "label"], "additionalProperties": False}},
            "list of {pledge, code, label}", "The state for each of its pledges.",
            lambda m, kind, d: [{"pledge": _reference(m, "pledges", p), "code": st.code,
                                 "label": st.label} for p, st in d.states]),
    ),
    "quotes": (_PERMALINK,),
}
"""The computed fields of each kind, after the record's own fields, in this order."""

UPDATE_COMPUTED = (
    Computed("previous_status", {"enum": [*schema.STATUSES, None]}, "status or null",
             "Status before this update; null for the first.",
             lambda m, pledge_id, u: u.previous_status or None),
    Computed("permalink", _URI, "URL", "The update on the pledge's page.",
             lambda m, pledge_id, u: m.config.permalink("pledges", pledge_id) + f"#{u.anchor}"),
)


@dataclass(frozen=True)
class Column:
    """A column of ``data/pledges.csv``: its name, meaning and ``value(model, pledge, first
    dated deadline or None)``, a string."""

    name: str
    description: str
    value: Callable[[Model, Pledge, Deadline | None], str]


CSV = (
    Column("id", "The pledge's id.", lambda m, p, d: p.id),
    Column("title", "One line naming what was promised.", lambda m, p, d: p.title),
    Column("status", "Current status code, e.g. 'in-progress'.", lambda m, p, d: p.status),
    Column("made_by", "Id of the actor who made the pledge.", lambda m, p, d: p.made_by),
    Column("made_by_name", "That actor's name.", lambda m, p, d: m.actors[p.made_by].name),
    Column("made_on", "Date the pledge was made (YYYY-MM-DD).",
           lambda m, p, d: p.made_on.isoformat()),
    Column("deadline", "Due date of the pledge's earliest 'by' or 'not-before' deadline; empty "
                       "when it has none.", lambda m, p, d: d.due.isoformat() if d else ""),
    Column("deadline_id", "That deadline's id.", lambda m, p, d: d.id if d else ""),
    Column("deadline_state", "That deadline's state code for this pledge as of the as-of date.",
           lambda m, p, d: dict(d.states)[p.id].code if d else ""),
    Column("permalink", "The pledge's page on the site.",
           lambda m, p, d: m.config.permalink("pledges", p.id)),
    Column("reviewed_on", "Last date an editor checked the pledge against the evidence "
                          "(YYYY-MM-DD); empty when not recorded.",
           lambda m, p, d: p.reviewed_on.isoformat() if p.reviewed_on else ""),
)
"""Columns of ``data/pledges.csv``, in order: each names, explains and fills itself."""

CSV_COLUMNS = tuple((c.name, c.description) for c in CSV)
"""``(name, meaning)`` of each column, for the "Open data" page."""


def value_schema(f: schema.Field) -> dict:
    """JSON Schema of one record field's exported value (see the module docstring)."""
    if f.name == "updates":
        return f.export_schema({c.name: {**c.schema, "description": c.description}
                                for c in UPDATE_COMPUTED})
    if f.item:
        return f.export_schema()
    return f.export_schema()


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


def type_doc(f: schema.Field) -> str:
    """The exported type of a record field in words, for the "Open data" page."""
    return f.export_doc()


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
    pledge's ``updates``) and ``corrections`` (the items of any record's ``corrections``)."""
    docs = {kind: field_rows(fields, COMPUTED[kind]) for kind, fields in schema.KINDS.items()}
    docs["updates"] = field_rows(schema.UPDATE_FIELDS, UPDATE_COMPUTED)
    docs["corrections"] = field_rows(schema.CORRECTION_FIELDS, ())
    return docs

