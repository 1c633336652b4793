"""One source of truth for fields: the model's record classes and the field tables of
docs/records.md follow ``schema.KINDS``; parallel lists are gone."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pledgewatch.core import schema
from pledgewatch.outputs import exports_schema, records_doc
from pledgewatch.records import model

ROOT = Path(__file__).parent.parent

# What a record class holds beyond its kind's fields: computed by the model, never written.
DERIVED = {
    model.Actor: {"repo_path"},
    model.Source: {"repo_path"},
    model.Pledge: {"repo_path"},
    model.Update: {"number", "anchor", "previous_status"},
    model.Deadline: {"states", "state", "repo_path"},
    model.Quote: {"repo_path"},
}
CLASSES = {"actors": model.Actor, "sources": model.Source, "pledges": model.Pledge,
           "deadlines": model.Deadline, "quotes": model.Quote, "updates": model.Update}


@pytest.mark.parametrize("name", sorted(CLASSES))
def test_each_record_class_holds_its_kinds_fields_and_only_derived_extras(name: str) -> None:
    fields = schema.UPDATE_FIELDS if name == "updates" else schema.KINDS[name]
    cls = CLASSES[name]
    held = {f.name for f in dataclasses.fields(cls)}
    assert held - DERIVED[cls] == {f.name for f in fields}
    assert DERIVED[cls] <= held


def test_the_docs_field_tables_are_current() -> None:
    path = ROOT / "docs" / "records.md"
    text = path.read_text(encoding="utf-8")
    assert records_doc.regenerate(text) == text, (
        "the field tables of docs/records.md are stale; run `make docs`")
    assert text.count("<!-- fields:") == len(schema.KINDS) + 2  # every kind, updates, corrections


def test_regenerate_rewrites_a_stale_table_and_keeps_the_prose() -> None:
    stale = ("Prose before.\n<!-- fields:quotes -->\n| old | table |\n<!-- /fields -->\n"
             "Prose after.\n")
    assert records_doc.regenerate(stale) == (
        "Prose before.\n<!-- fields:quotes -->\n"
        "| field | type | meaning |\n|---|---|---|\n"
        "| `id`* | id | Identifier; equals the file name without '.yml'. |\n"
        "| `speaker`* | actor id | Actor who said it. |\n"
        "| `text`* | text, at most 20,000 characters | The exact words. |\n"
        "| `said_on`* | date | When the words were said or posted. |\n"
        "| `source`* | source id | Source reporting the words. |\n"
        "| `kind`* | `spoken` \\| `statement` \\| `social-post` | How the words were said. |\n"
        "| `context` | text, at most 20,000 characters | Where and to whom. |\n"
        "| `about` | list of pledge ids, at most 50 | Pledges the quote is about. |\n"
        "| `mentions` | list of actor ids, at most 50 | Actors the words name or refer to. |\n"
        "| `corrections` | list of corrections, at most 500 | Published corrections, oldest "
        "first. |\n"
        "<!-- /fields -->\nProse after.\n")


def test_regenerate_names_an_unknown_table() -> None:
    with pytest.raises(ValueError) as caught:
        records_doc.regenerate("<!-- fields:claims -->\n<!-- /fields -->\n")
    assert str(caught.value) == ("<!-- fields:claims -->: no such table; use one of actors, "
                                 "sources, pledges, deadlines, quotes, updates, corrections")


def test_the_check_command_names_the_command_to_run(tmp_path: Path, capsys) -> None:
    path = tmp_path / "records.md"
    path.write_text("<!-- fields:updates -->\n<!-- /fields -->\n", encoding="utf-8")
    assert records_doc.main([str(path), "--check"]) == 1
    assert capsys.readouterr().out == (
        f"{path}: the field tables are stale; run `make docs`\n")
    assert records_doc.main([str(path)]) == 0
    assert records_doc.main([str(path), "--check"]) == 0
    assert path.read_text(encoding="utf-8").splitlines()[3] == (
        "| `date`* | date | Date of the development the update records. |")


def test_a_deadline_state_outside_the_listed_codes_is_refused() -> None:
    with pytest.raises(ValueError) as caught:
        model.DeadlineState("late", "late")
    assert str(caught.value) == (
        "deadline state 'late' is not one of ('upcoming', 'due-today', 'overdue', 'met', "
        "'met-late', 'missed', 'passed')")
    assert exports_schema.DEFS["state"]["properties"]["code"]["enum"] == list(model.STATE_CODES)


def test_every_type_name_has_one_class() -> None:
    assert sorted(t.type for t in schema.TYPES) == sorted(
        (schema.TEXT, schema.LINE, schema.ID, schema.DATE, schema.URL, schema.BOOL,
         schema.ENUM, schema.REF, schema.REFS, schema.SLUGS, schema.OBJECTS))


def test_an_old_style_field_declaration_says_how_to_port_it() -> None:
    with pytest.raises(TypeError) as caught:
        schema.Field("verdict", schema.LINE, False, "The verdict.")
    assert str(caught.value) == (
        "Field('verdict', 'line', False, 'The verdict.') declares no type: use its type's "
        "class, e.g. Line(name, description, required=True) (see core/fields.py)")
