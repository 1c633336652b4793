"""data/records.db: tables, keys, full-text search, the citations view, reproducibility, and the
CSV and Datasette metadata beside it (``pledgewatch.outputs.database``).

The database file is not a golden (SQLite's bytes may differ between library versions); its
``.dump`` is compared between two builds here, and its CSVs are goldens (test_golden)."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.outputs import database
from pledgewatch.records.model import build_model
from tests.conftest import AS_OF, FIXTURE

KIND_TABLES = ["actors", "actor_roles", "actor_corrections", "sources", "source_corrections",
               "pledges", "updates", "pledge_corrections", "deadlines", "deadline_corrections",
               "quotes", "quote_corrections"]
LINK_TABLES = ["actor_member_of", "actor_sources", "actor_aliases", "actor_role_sources",
               "actor_correction_sources",
               "source_via", "source_correction_sources", "pledge_made_to", "pledge_topics",
               "pledge_aliases", "update_sources", "pledge_correction_sources",
               "deadline_pledges", "deadline_sources", "deadline_correction_sources",
               "quote_about", "quote_mentions", "quote_correction_sources"]


def write(target: Path) -> Path:
    """Check the fixture, build its model afresh and write the database below ``target``."""
    config = load_config(FIXTURE / "site_config.yml")
    records, problems = check(config)
    assert not problems
    written = database.write_database(build_model(records, config, AS_OF), target)
    assert written == [database.DB_PATH, *[f"data/tables/{t}.csv"
                                           for t in KIND_TABLES + LINK_TABLES],
                       database.METADATA_PATH]
    return target


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("db"))


@pytest.fixture
def db(out: Path):
    connection = sqlite3.connect(out / database.DB_PATH)
    yield connection
    connection.close()


def test_two_builds_give_the_same_dump(out: Path, tmp_path: Path) -> None:
    again = write(tmp_path)
    first = database.dump(out / database.DB_PATH)
    assert database.dump(again / database.DB_PATH) == first
    assert len(first) > 100


def test_one_table_per_kind_updates_and_links(db) -> None:
    names = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%_fts%' "
        "ORDER BY name")]
    assert names == sorted(KIND_TABLES + LINK_TABLES)
    views = db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall()
    assert views == [("citations",)]


def test_columns_keys_and_not_null(db) -> None:
    columns = [(name, kind, notnull, pk) for _, name, kind, notnull, _, pk
               in db.execute("PRAGMA table_info(pledges)")]
    assert columns == [("id", "TEXT", 1, 1), ("title", "TEXT", 1, 0), ("made_by", "TEXT", 1, 0),
                       ("made_on", "TEXT", 1, 0), ("statement", "TEXT", 1, 0),
                       ("status", "TEXT", 1, 0), ("verdict", "TEXT", 0, 0),
                       ("reviewed_on", "TEXT", 0, 0), ("permalink", "TEXT", 0, 0),
                       ("feed", "TEXT", 0, 0), ("status_label", "TEXT", 0, 0)]
    keys = sorted((table, row[3], row[2]) for table in KIND_TABLES + LINK_TABLES
                  for row in db.execute(f"PRAGMA foreign_key_list({table})"))
    assert ("pledges", "made_by", "actors") in keys
    assert ("quotes", "source", "sources") in keys
    assert ("update_sources", "update_id", "updates") in keys
    assert ("deadline_pledges", "pledge_id", "pledges") in keys
    assert ("actor_member_of", "member_of_id", "actors") in keys
    assert ("pledge_corrections", "pledge", "pledges") in keys
    assert ("pledge_correction_sources", "pledge_correction_id", "pledge_corrections") in keys
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_rows_hold_the_exported_values(db) -> None:
    assert db.execute("SELECT id, pledge, position, status, previous_status FROM updates "
                      "WHERE pledge = 'reopen-library' ORDER BY position").fetchall() == [
        ("reopen-library/update-2024-01-10", "reopen-library", 1, "not-yet-rated", None),
        ("reopen-library/update-2024-03-01", "reopen-library", 2, "broken", "not-yet-rated")]
    assert db.execute("SELECT source_id, position FROM update_sources WHERE update_id = "
                      "'reopen-library/update-2024-03-01'").fetchall() == [
        ("council-minutes-2024-03-01", 1), ("union-letter", 2)]
    assert db.execute("SELECT * FROM deadline_pledges").fetchall() == [
        ("bridge-end-of-march", "fix-the-bridge", 1, "overdue", "overdue by two days")]
    assert db.execute("SELECT reports_earlier_words FROM sources WHERE id = 'union-letter'"
                      ).fetchall() == [(0,)]
    assert db.execute("SELECT pledge_id, topic FROM pledge_topics ORDER BY pledge_id, position"
                      ).fetchall() == [("fix-the-bridge", "transport"),
                                       ("reopen-library", "culture"),
                                       ("reopen-library", "transport")]


@pytest.mark.parametrize("table, query, expected", [
    ("pledges", "bridge", ["fix-the-bridge"]),
    ("pledges", "hours", ["reopen-library"]),  # in the statement only
    ("updates", "budget", ["fix-the-bridge/update-2024-03-01"]),
    ("quotes", "memory", ["union-library"]),
    ("sources", "letter", ["union-letter"]),
    ("deadlines", "vote", ["budget-vote"]),
    ("actors", "tenants", ["residents-union"]),
])
def test_full_text_search(db, table: str, query: str, expected: list[str]) -> None:
    found = db.execute(f"SELECT {table}.id FROM {table} JOIN {table}_fts ON {table}.rowid = "
                       f"{table}_fts.rowid WHERE {table}_fts MATCH ? ORDER BY {table}.id",
                       (query,)).fetchall()
    assert [row[0] for row in found] == expected


def test_the_citations_view_is_the_cited_by_of_records_json(db) -> None:
    records = json.loads((FIXTURE.parent.parent / "golden" / "data" / "records.json")
                         .read_text(encoding="utf-8"))
    want = sorted((s["id"], c["kind"], c["id"]) for s in records["sources"]
                  for c in s["cited_by"])
    got = {(source, kind, record.split("/")[0] if kind == "updates" else record)
           for kind, record, source in db.execute("SELECT * FROM citations")}
    assert sorted((s, "pledges" if k == "updates" else k, r) for s, k, r in got) == want


def test_a_csv_per_table_with_the_same_rows(out: Path, db) -> None:
    for table in KIND_TABLES + LINK_TABLES:
        with open(out / "data" / "tables" / f"{table}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        cursor = db.execute(f"SELECT * FROM {table}")
        assert rows[0] == [d[0] for d in cursor.description]
        assert rows[1:] == [["" if v is None else str(v) for v in row] for row in cursor]


def test_metadata_describes_every_table_and_column_for_datasette(out: Path, db) -> None:
    meta = json.loads((out / database.METADATA_PATH).read_text(encoding="utf-8"))
    assert {k: meta[k] for k in ("title", "source", "source_url", "license")} == {
        "title": "Fixture Watch: records", "source": "Fixture Watch",
        "source_url": "https://watch.example.org/fixture/", "license": "CC BY 4.0"}
    described = meta["databases"]["records"]["tables"]
    assert sorted(described) == sorted(KIND_TABLES + LINK_TABLES)
    for table, entry in described.items():
        assert entry["description"]
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert list(entry["columns"]) == columns
        assert all(entry["columns"].values()), table


def test_the_real_content_gives_a_database_with_every_record_and_no_broken_key(
        tmp_path: Path) -> None:
    from tests.test_real_content import AS_OF as REAL_AS_OF
    from tests.test_real_content import ROOT

    config = load_config(ROOT / "site_config.yml")
    records, _ = check(config, as_of=REAL_AS_OF)
    model = build_model(records, config, REAL_AS_OF)
    database.write_database(model, tmp_path)
    connection = sqlite3.connect(tmp_path / database.DB_PATH)
    try:
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        counts = {kind: connection.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
                  for kind in ("actors", "sources", "pledges", "deadlines", "quotes", "updates")}
    finally:
        connection.close()
    assert counts == {"actors": len(model.actors), "sources": len(model.sources),
                      "pledges": len(model.pledges), "deadlines": len(model.deadlines),
                      "quotes": len(model.quotes),
                      "updates": sum(len(p.updates) for p in model.pledges.values())}
    assert min(counts.values()) > 0
