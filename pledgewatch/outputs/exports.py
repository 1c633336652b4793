"""Open data: ``data/records.json``, ``data/pledges.csv`` and the JSON Schemas under
``schemas/``, written into the docs folder so MkDocs copies them into the site.

The shape of ``records.json`` is defined in ``exports_schema`` (from ``schema.KINDS``); this
module fills it from the model. Output depends only on the content and the as-of date, so two
builds give the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from pledgewatch.core import routes, schema
from pledgewatch.outputs import exports_schema
from pledgewatch.outputs.jsonschemas import json_schemas
from pledgewatch.records.model import Model, Update

RECORDS_PATH = routes.DATA_FOLDER + "records.json"
CSV_PATH = routes.DATA_FOLDER + "pledges.csv"


def field_value(model: Model, f: schema.Field, value: object) -> object:
    """A field's value in the export (the field type's ``export_value``): see
    ``exports_schema``'s docstring for the rules."""
    return f.export_value(value, model.config.permalink)


def record_values(model: Model, kind: str, record: object) -> dict:
    """Every field of ``KINDS[kind]`` (in that order) followed by the computed fields.

    Raises ``AttributeError`` naming the field when the model's record class does not carry a
    field of ``KINDS``: the open data must never drop a field silently.
    """
    out = {}
    for f in schema.KINDS[kind]:
        if not hasattr(record, f.name):
            raise AttributeError(f"model.{type(record).__name__} has no field {f.name!r} of "
                                 f"schema.KINDS[{kind!r}]; add it to the model to export it")
        if f.name == "updates":
            out[f.name] = [update_values(model, record.id, u) for u in getattr(record, f.name)]
        elif f.item:  # corrections: the item's fields as they are
            out[f.name] = [{sub.name: field_value(model, sub, getattr(item, sub.name))
                            for sub in f.item} for item in getattr(record, f.name)]
        else:
            out[f.name] = field_value(model, f, getattr(record, f.name))
    out.update((c.name, c.value(model, kind, record)) for c in exports_schema.COMPUTED[kind])
    return out


def update_values(model: Model, pledge_id: str, update: Update) -> dict:
    """One item of a pledge's ``updates`` with its computed fields (previous status and
    permalink)."""
    out = {f.name: field_value(model, f, getattr(update, f.name)) for f in schema.UPDATE_FIELDS}
    out.update((c.name, c.value(model, pledge_id, update)) for c in exports_schema.UPDATE_COMPUTED)
    return out


def records_document(model: Model) -> dict:
    """The whole ``records.json`` document: every record of every kind, in id order."""
    cfg = model.config
    doc = {
        "$schema": cfg.absolute("schemas/records.json"),
        "schema_version": exports_schema.SCHEMA_VERSION,
        "as_of": model.as_of.isoformat(),
        "site": {"name": cfg.site_name, "url": cfg.site_url, "licence": cfg.licence,
                 "licence_url": cfg.licence_url},
    }
    for kind in schema.KINDS:
        doc[kind] = [record_values(model, kind, r) for r in getattr(model, kind).values()]
    return doc


def pledge_rows(model: Model) -> list[list[str]]:
    """The rows of ``pledges.csv`` (header first), one cell per ``exports_schema.CSV`` column."""
    rows = [[c.name for c in exports_schema.CSV]]
    for p in model.pledges.values():
        dated = sorted((d for d in model.deadlines_of(p.id) if d.kind != "event"),
                       key=lambda d: (d.due, d.id))
        first = dated[0] if dated else None
        rows.append([c.value(model, p, first) for c in exports_schema.CSV])
    return rows


def csv_text(rows: list[list[str]]) -> str:
    """RFC 4180 text: CRLF after every record, fields quoted only when they hold a comma,
    quote or line break, quotes doubled."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def json_text(value: object) -> str:
    """Indented UTF-8 JSON with a final newline, keys in the order built."""
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def write_json(value: object, target: Path) -> None:
    """Write :func:`json_text`'s text of ``value`` to ``target``, chunk by chunk: the whole
    text of ``records.json`` at 10,000 pledges (and the encoder's list of its pieces) took
    900 MB more than the records themselves."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8", newline="") as out:  # no newline translation
        json.dump(value, out, ensure_ascii=False, indent=2)
        out.write("\n")


def write_exports(model: Model, out_dir: Path) -> list[str]:
    """Write the records, the CSV and every schema below ``out_dir``; returns their paths."""
    write_json(records_document(model), out_dir / RECORDS_PATH)
    files = {
        CSV_PATH: csv_text(pledge_rows(model)),
        "schemas/records.json": json_text(exports_schema.records_schema(model.config.site_url)),
    }
    for kind, kind_schema in json_schemas(model.config.site_url).items():
        files[f"schemas/{schema.SINGULAR[kind]}.json"] = json_text(kind_schema)
    for path, text in files.items():
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))  # bytes: no newline translation on any OS
    return [RECORDS_PATH, *files]
