"""Open data to query: ``data/records.db`` (SQLite, written with sqlite-utils), one CSV per
table under ``data/tables/`` and ``data/metadata.json`` for Datasette.

The tables follow ``schema.KINDS`` and the computed fields of ``exports_schema``, and their
values are those of ``records.json`` (``exports.records_document``), so the database cannot
drift from the JSON export:

- one table per kind (``actors``, ``sources``, ``pledges``, ``deadlines``, ``quotes``), primary
  key ``id``; a reference to one record (``made_by``, ``speaker``, ...) is a column holding its
  id, with a foreign key; a true/false field is 0 or 1; a date is ``YYYY-MM-DD`` text; a
  deadline's state is ``state_code`` and ``state_label``;
- ``updates``: each item of a pledge's ``updates``, id ``PLEDGE/ANCHOR`` (the anchor of its
  permalink), with ``pledge`` and ``position`` (1 for the oldest);
- one link table per list field, named ``OWNER_FIELD`` (``pledge_made_to``,
  ``update_sources``, ``deadline_pledges``, ...): ``OWNER_id``, the item (``TARGET_id`` with a
  foreign key, or the text of a topic or alias) and its ``position`` in the record's list;
  ``deadline_pledges`` also holds each pledge's state for the deadline;
- the view ``citations``: every (kind, record, source) where a record cites a source;
- full-text search (FTS5) over the columns of :data:`FTS_COLUMNS`, in tables ``TABLE_fts``.

The same records and as-of date give the same ``.dump``: rows go in in id order and nothing is
timestamped. The file's bytes may differ between SQLite versions.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from pledgewatch.core import routes, schema
from pledgewatch.core.catalogs import gettext_
from pledgewatch.core.wording import words
from pledgewatch.outputs import exports, exports_schema
from pledgewatch.records.model import Model

DB_PATH = f"{routes.DATA_FOLDER}records.db"
CSV_DIR = f"{routes.DATA_FOLDER}tables"
METADATA_PATH = f"{routes.DATA_FOLDER}metadata.json"

FTS_COLUMNS = {"actors": ("name", "description"), "sources": ("title",),
               "pledges": ("title", "statement"), "deadlines": ("title",),
               "quotes": ("text",), "updates": ("summary",)}
"""Columns searchable with ``MATCH`` through the FTS5 table ``TABLE_fts``."""

_ITEM_COLUMN = {"topics": "topic", "aliases": "alias"}  # lists of ids that are not records
_SKIPPED = {"cited_by"}  # the reverse of the citations: the view `citations` holds them

DESCRIPTIONS = {
    "actors": "People and organisations that make or receive pledges, publish sources or are "
              "quoted.",
    "sources": "Published documents that the records cite.",
    "pledges": "Public commitments, with their current status.",
    "deadlines": "Dates by which pledges fall due, and dates on the timeline.",
    "quotes": "Exact words of actors, with the source that reports them.",
    "updates": "Dated updates of each pledge, oldest first; each sets the pledge's status.",
}
"""What each table of a kind (and ``updates``) holds, for ``metadata.json``."""


@dataclass
class Table:
    """One table: ``columns`` maps a name to its SQLite type (``str`` TEXT, ``int`` INTEGER),
    in order; ``foreign_keys`` are ``(column, other table, "id")``; ``docs`` maps a column to
    its meaning; ``rows`` are dicts of every column."""

    name: str
    columns: dict[str, type]
    pk: str | tuple[str, ...]
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    docs: dict[str, str] = field(default_factory=dict)
    rows: list[dict] = field(default_factory=list)
    description: str = ""
    not_null: set[str] = field(default_factory=set)


def tables(model: Model) -> dict[str, Table]:
    """Every table with its rows: the kinds' tables (in ``KINDS`` order), ``updates``, then the
    link tables, each in order of creation."""
    doc = exports.records_document(model)
    main: dict[str, Table] = {}
    links: dict[str, Table] = {}
    for kind, fields in schema.KINDS.items():
        table = Table(kind, {}, "id", description=DESCRIPTIONS[kind])
        main[kind] = _record_table(table, schema.SINGULAR[kind], fields,
                                   exports_schema.COMPUTED[kind], doc[kind], links)
        for f in fields:
            if f.type == schema.OBJECTS:
                item_table = _item_table(kind, f, doc[kind], links)
                main[item_table.name] = item_table
    _add_states(links["deadline_pledges"], doc["deadlines"])
    return {**main, **links}


def _item_table(kind: str, f, records: list[dict], links: dict[str, Table]) -> Table:
    """The table of a list-of-objects field: ``updates`` (a pledge's), or ``KIND_FIELD`` for a
    field every kind may have (``pledge_corrections``, ``source_corrections``, ...). An item's
    id is its record's id and the anchor of its permalink, or its position when it has no
    permalink."""
    owner = schema.SINGULAR[kind]
    name = f.name if f.name == "updates" else f"{owner}_{f.name}"
    table = Table(name, {"id": str, owner: str, "position": int}, "id",
                  [(owner, kind, "id")], {
                      "id": f"'{owner.upper()}/ANCHOR': the {owner}'s id and the anchor of the "
                            "item on its page.",
                      owner: f"The {owner} it belongs to.",
                      "position": "Its place in the list, 1 for the oldest."},
                  description=DESCRIPTIONS.get(f.name, f.description))
    items = [{**item, "id": f"{record['id']}/{_anchor(item, n)}", owner: record["id"],
              "position": n}
             for record in records for n, item in enumerate(record[f.name], 1)]
    computed = exports_schema.UPDATE_COMPUTED if f.name == "updates" else ()
    return _record_table(table, name.removesuffix("s"), f.item, computed, items, links)


def _anchor(item: dict, position: int) -> str:
    permalink = item.get("permalink")
    return permalink.rpartition("#")[2] if permalink and "#" in permalink else str(position)


def _record_table(table: Table, owner: str, fields, computed, records: list[dict],
                  links: dict[str, Table]) -> Table:
    """Fill ``table`` (its leading columns may be set) with a column per field that holds one
    value and per computed field, and add a link table per list field to ``links``."""
    getters: dict[str, Callable[[dict], object]] = {name: _key(name) for name in table.columns}
    for f in fields:
        if f.type in (schema.REFS, schema.SLUGS):
            link = _link_table(owner, table.name, f, records)
            links[link.name] = link
        elif f.type != schema.OBJECTS:
            table.columns[f.name] = int if f.type == schema.BOOL else str
            table.docs[f.name] = f.description
            getters[f.name] = _key(f.name)
            if f.required:
                table.not_null.add(f.name)
            if f.type == schema.REF:
                table.foreign_keys.append((f.name, f.ref, "id"))
    for c in computed:
        if c.name in _SKIPPED or c.name == "states":  # states: see _add_states
            continue
        if c.name == "state":
            for part in ("code", "label"):
                table.columns[f"state_{part}"] = str
                table.docs[f"state_{part}"] = f"Computed. {c.description} ({part})."
                getters[f"state_{part}"] = lambda r, p=part: r["state"][p]
        else:
            table.columns[c.name] = str
            table.docs[c.name] = f"Computed. {c.description}"
            getters[c.name] = _key(c.name)
    table.rows = [{name: get(r) for name, get in getters.items()} for r in records]
    return table


def _key(name: str) -> Callable[[dict], object]:
    """A getter of one exported value as SQLite stores it: a reference as its id, true/false
    as 1/0."""
    def get(record: dict) -> object:
        value = record[name]
        if isinstance(value, dict):
            return value["id"]
        return int(value) if isinstance(value, bool) else value
    return get


def _link_table(owner: str, owner_table: str, f, records: list[dict]) -> Table:
    """``OWNER_FIELD``: one row per item of a list field, with its position."""
    owner_id = f"{owner}_id"
    if f.type == schema.SLUGS:
        item, fks = _ITEM_COLUMN.get(f.name, "value"), []
        meaning = f"One of {f.name}."
    else:
        target = schema.SINGULAR[f.ref]
        item = f"{f.name}_id" if target == owner else f"{target}_id"
        fks = [(item, f.ref, "id")]
        meaning = f"The {target}'s id."
    rows = [{owner_id: r["id"], item: v["id"] if isinstance(v, dict) else v, "position": n}
            for r in records for n, v in enumerate(r[f.name], 1)]
    return Table(f"{owner}_{f.name}", {owner_id: str, item: str, "position": int},
                 (owner_id, "position"), [(owner_id, owner_table, "id"), *fks],
                 {owner_id: f"The {owner}'s id.", item: meaning,
                  "position": f"Its place in the {owner}'s list, from 1."}, rows,
                 f"The field {f.name} of each {owner}: one row per item.")


def _add_states(link: Table, deadlines: list[dict]) -> None:
    """Each pledge's state for a deadline (the computed ``states``) beside its link row."""
    states = {(d["id"], s["pledge"]["id"]): s for d in deadlines for s in d["states"]}
    for part in ("code", "label"):
        link.columns[f"state_{part}"] = str
        link.docs[f"state_{part}"] = f"The pledge's state for the deadline as of the as-of " \
                                     f"date ({part})."
    for row in link.rows:
        state = states[row["deadline_id"], row["pledge_id"]]
        row.update(state_code=state["code"], state_label=state["label"])


def citations_sql(all_tables: dict[str, Table]) -> str:
    """The view ``citations`` (kind, record, source): every reference to a source, from a
    column (``quotes.source``) or a link table (``update_sources``), ordered."""
    selects = []
    for table in all_tables.values():
        # A kind's table: the record is the row; a link table: the owner its first key names.
        owner_column, owner_table = (("id", table.name) if table.pk == "id"
                                     else table.foreign_keys[0][:2])
        for column, other, _ in table.foreign_keys:
            if other != "sources" or column == owner_column:
                continue
            selects.append(f"SELECT '{owner_table}' AS kind, [{owner_column}] AS record, "
                           f"[{column}] AS source FROM [{table.name}] "
                           f"WHERE [{column}] IS NOT NULL")
    return "\nUNION ALL\n".join(selects) + "\nORDER BY source, kind, record"


def write_database(model: Model, out_dir: Path) -> list[str]:
    """Write ``records.db``, a CSV per table and ``metadata.json`` below ``out_dir``; returns
    their paths relative to it. An earlier ``records.db`` there is replaced."""
    all_tables = tables(model)
    path = out_dir / DB_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    db = sqlite_utils.Database(partial)
    try:
        # One transaction: committing each batch of rows (sqlite-utils' insert_all) synced the
        # file thousands of times, and its per-value checks cost more than the inserts: 28 s
        # for 10,000 pledges. The rows are plain text and numbers: executemany takes them.
        with db.atomic():
            for table in all_tables.values():
                keys = {table.pk} if isinstance(table.pk, str) else set(table.pk)
                db[table.name].create(table.columns, pk=table.pk,
                                      foreign_keys=table.foreign_keys,
                                      not_null=sorted(table.not_null | keys))
                names = list(table.columns)
                db.conn.executemany(
                    f"INSERT INTO [{table.name}] ({', '.join(f'[{n}]' for n in names)}) "
                    f"VALUES ({', '.join('?' * len(names))})",
                    [tuple(row[n] for n in names) for row in table.rows])
            for name, columns in FTS_COLUMNS.items():
                db[name].enable_fts(columns, fts_version="FTS5")
            db.create_view("citations", citations_sql(all_tables))
    finally:
        db.close()
    os.replace(partial, path)
    written = [DB_PATH]
    for table in all_tables.values():
        rows = [list(table.columns)] + [[_csv_cell(row[c]) for c in table.columns]
                                        for row in table.rows]
        written.append(_write(out_dir, f"{CSV_DIR}/{table.name}.csv", exports.csv_text(rows)))
    document = metadata(model.config, all_tables)
    written.append(_write(out_dir, METADATA_PATH, exports.json_text(document)))
    return written


def metadata(config, all_tables: dict[str, Table]) -> dict:
    """``metadata.json`` as Datasette reads it (``datasette records.db -m metadata.json``):
    title, description, licence and source of the database, and each table's description and
    column meanings (docs.datasette.io, "Metadata"), in the site's language (table and column
    names are keys and stay)."""
    document = {
        "title": words("data.title", site=config.site_name),
        "description": words("data.description", site=config.site_name),
        "source": config.site_name,
        "source_url": config.site_url,
    }
    if config.licence:
        document["license"] = config.licence
    if config.licence_url:
        document["license_url"] = config.licence_url
    document["databases"] = {Path(DB_PATH).stem: {"tables": {
        t.name: {"description": gettext_(t.description),  # in the site's language
                 "columns": {name: gettext_(doc) for name, doc in t.docs.items()}}
        for t in all_tables.values()}}}
    return document


def _csv_cell(value: object) -> str:
    return "" if value is None else str(value)


def _write(out_dir: Path, relpath: str, text: str) -> str:
    target = out_dir / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode("utf-8"))
    return relpath


def dump(path: Path) -> list[str]:
    """The database as SQL statements (Python's ``iterdump``, as ``sqlite3 .dump``)."""
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()
