"""Open data of the fixture site: records.json against its JSON Schema (jsonschema), the CSV
with Python's csv module, the published record schemas, and the "Open data" page's tables."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from pledgewatch.core import schema
from pledgewatch.outputs.exports_schema import COMPUTED, CSV_COLUMNS, UPDATE_COMPUTED
from pledgewatch.outputs.jsonschemas import json_schemas
from pledgewatch.records import model as model_module
from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import check_exports, generate_site

SITE = "https://watch.example.org/fixture/"
MODEL_CLASSES = {"actors": model_module.Actor, "sources": model_module.Source,
                 "pledges": model_module.Pledge, "deadlines": model_module.Deadline,
                 "quotes": model_module.Quote}


def ref(kind: str, record_id: str) -> dict:
    path = {"actors": "actors/{}/", "pledges": "pledges/{}/"}.get(kind, kind + "/#{}")
    return {"id": record_id, "permalink": SITE + path.format(record_id)}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    docs = tmp_path_factory.mktemp("docs")
    return generate_site(FIXTURE, AS_OF, docs), docs


@pytest.fixture(scope="module")
def records(generated) -> dict:
    return check_exports(*generated)[0]


@pytest.fixture(scope="module")
def validator(generated) -> jsonschema.Draft202012Validator:
    schema_doc = json.loads((generated[1] / "schemas/records.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema_doc,
                                           format_checker=jsonschema.FormatChecker())


def test_top_level_and_counts(records: dict) -> None:
    assert {k: v for k, v in records.items() if not isinstance(v, list)} == {
        "$schema": SITE + "schemas/records.json", "schema_version": 1, "as_of": "2024-04-02",
        "site": {"name": "Fixture Watch", "url": SITE, "licence": "CC BY 4.0",
                 "licence_url": ""}}
    assert {k: len(v) for k, v in records.items() if isinstance(v, list)} == {
        "actors": 3, "sources": 3, "pledges": 2, "deadlines": 2, "quotes": 2}


def test_a_pledge_with_references_and_computed_fields(records: dict) -> None:
    source = ref("sources", "council-minutes-2024-03-01")
    assert records["pledges"][1] == {
        "id": "reopen-library", "title": "Reopen the central library",
        "made_by": ref("actors", "ada-mayor"), "made_to": [ref("actors", "residents-union")],
        "made_on": "2024-01-09", "statement": "The central library will reopen with its old hours.",
        "topics": ["culture", "transport"], "status": "broken", "verdict": None,
        "updates": [
            {"date": "2024-01-10", "status": "not-yet-rated",
             "summary": "Pledge made at the same meeting.",
             "sources": [ref("sources", "gazette-2024-01-10")], "previous_status": None,
             "original_date": None,
             "permalink": SITE + "pledges/reopen-library/#update-2024-01-10"},
            {"date": "2024-03-01", "status": "broken",
             "summary": "The council voted to close the library for good.",
             "sources": [source, ref("sources", "union-letter")],
             "previous_status": "not-yet-rated",
             "original_date": None,
             "permalink": SITE + "pledges/reopen-library/#update-2024-03-01"}],
        "aliases": [], "reviewed_on": None, "corrections": [],
        "permalink": SITE + "pledges/reopen-library/",
        "feed": SITE + "pledges/reopen-library/atom.xml", "status_label": "Broken"}


def test_deadline_states_and_cited_by(records: dict) -> None:
    bridge = records["deadlines"][0]
    assert (bridge["id"], bridge["state"], bridge["states"]) == (
        "bridge-end-of-march", {"code": "overdue", "label": "overdue by two days"},
        [{"pledge": ref("pledges", "fix-the-bridge"), "code": "overdue",
          "label": "overdue by two days"}])
    vote = records["deadlines"][1]
    assert (vote["pledges"], vote["state"], vote["states"], vote["notes"]) == (
        [], {"code": "passed", "label": "about five weeks ago"}, [], None)
    letter = records["sources"][2]
    assert letter == {
        "id": "union-letter", "title": "Open letter on the library",
        "publisher": "Residents' Union", "published_by": None, "kind": "letter",
        "published": "2024-02-15",
        "url": None, "archive_url": None, "via": [ref("sources", "gazette-2024-01-10")],
        "reports_earlier_words": False, "notes": "No address of the letter itself was found.",
        "corrections": [], "permalink": SITE + "sources/#union-letter",
        "cited_by": [{"kind": "pledges", **ref("pledges", "reopen-library")},
                     {"kind": "quotes", **ref("quotes", "union-library")}]}
    assert records["sources"][1]["reports_earlier_words"] is True



def test_every_record_field_and_computed_field_is_exported(records: dict) -> None:
    for kind, fields in schema.KINDS.items():
        names = [f.name for f in fields] + [c.name for c in COMPUTED[kind]]
        assert all(list(r) == names for r in records[kind]), kind
    update_names = [f.name for f in schema.UPDATE_FIELDS] + [c.name for c in UPDATE_COMPUTED]
    assert all(list(u) == update_names for p in records["pledges"] for u in p["updates"])


def test_the_model_carries_every_field_of_every_kind() -> None:
    # The export reads record fields from the model: a field added to schema.KINDS must be
    # added to the model's record class too, or the open data would lose it.
    for kind, fields in schema.KINDS.items():
        carried = {f.name for f in dataclasses.fields(MODEL_CLASSES[kind])}
        assert [f.name for f in fields if f.name not in carried] == [], kind


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["actors"][0].update(extra=1),
     "Additional properties are not allowed ('extra' was unexpected)"),
    (lambda d: d["quotes"][0].pop("permalink"), "'permalink' is a required property"),
    (lambda d: d["deadlines"][0]["state"].update(code="late"),
     "'late' is not one of ['upcoming', 'due-today', 'overdue', 'met', 'met-late', 'missed', "
     "'passed']"),
    (lambda d: d["pledges"][0].update(made_on="2024-02-30"), "'2024-02-30' is not a 'date'"),
    (lambda d: d["pledges"][0]["made_to"][0].pop("permalink"),
     "'permalink' is a required property"),
    (lambda d: d.update(schema_version=2), "1 was expected"),
])
def test_the_schema_rejects_what_the_docs_rule_out(records, validator, change, message) -> None:
    broken = json.loads(json.dumps(records))
    change(broken)
    assert [e.message for e in validator.iter_errors(broken)] == [message]


def test_pledges_csv_is_rfc_4180(generated) -> None:
    _, docs = generated
    raw = (docs / "data/pledges.csv").read_bytes()
    assert raw == (
        "id,title,status,made_by,made_by_name,made_on,deadline,deadline_id,deadline_state,"
        "permalink,reviewed_on\r\n"
        "fix-the-bridge,Fix the old bridge by the end of March,in-progress,ada-mayor,"
        "Ada Müller-Šimić,2024-01-09,2024-03-31,bridge-end-of-march,overdue,"
        f"{SITE}pledges/fix-the-bridge/,2024-03-01\r\n"
        "reopen-library,Reopen the central library,broken,ada-mayor,Ada Müller-Šimić,"
        f"2024-01-09,,,,{SITE}pledges/reopen-library/,\r\n").encode()
    assert [name for name, _ in CSV_COLUMNS] == raw.decode().split("\r\n")[0].split(",")


def test_csv_quotes_commas_and_quotes(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(FIXTURE, root)
    pledge = root / "content/pledges/reopen-library.yml"
    pledge.write_text(pledge.read_text().replace(
        "title: Reopen the central library", "title: 'Reopen the \"central\" library, now'"))
    generate_site(root, AS_OF, tmp_path / "docs")
    raw = (tmp_path / "docs/data/pledges.csv").read_bytes()
    assert b'reopen-library,"Reopen the ""central"" library, now",broken,' in raw
    with open(tmp_path / "docs/data/pledges.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, strict=True))
    assert rows[2][:3] == ["reopen-library", 'Reopen the "central" library, now', "broken"]


def test_record_schemas_are_published(generated) -> None:
    _, docs = generated
    for kind, kind_schema in json_schemas(SITE).items():
        path = docs / f"schemas/{schema.SINGULAR[kind]}.json"
        assert json.loads(path.read_text(encoding="utf-8")) == kind_schema
        jsonschema.Draft202012Validator.check_schema(kind_schema)
    assert sorted(p.name for p in (docs / "schemas").iterdir()) == [
        "actor.json", "deadline.json", "pledge.json", "quote.json", "records.json",
        "source.json"]


def test_open_data_page_documents_every_field_and_the_licence(generated) -> None:
    _, docs = generated
    page = (docs / "data.md").read_text(encoding="utf-8")
    for kind, fields in schema.KINDS.items():
        section = page.split(f"### {kind} {{ #fields-{kind} }}\n")[1].split("\n\n###")[0]
        rows = [line.split(" | ")[0] for line in section.splitlines() if line.startswith("| <")]
        assert rows == [f"| <code>{f.name}</code>" + ("&#42;" if f.required else "")
                        for f in fields] + [f"| <code>{c.name}</code>" for c in COMPUTED[kind]]
    for name, _ in CSV_COLUMNS:
        assert f"\n| {name.replace('_', '&#95;')} | " in page
    assert "published under CC BY 4.0.\n" in page


def test_open_data_page_is_built_and_in_the_navigation(built_site: Path) -> None:
    html = (built_site / "data/index.html").read_text(encoding="utf-8")
    assert '<h1 id="open-data">Open data<a class="headerlink" href="#open-data"' in html
    assert '<a href="records.json">data/records.json</a>' in html
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="data/"' in index
    for name in ("data/records.json", "data/pledges.csv", "schemas/records.json",
                 "deadlines.ics"):
        assert (built_site / name).is_file(), name
