"""JSON Schemas for editors: committed files in sync with the model, valid draft 2020-12, and
agreeing with the validator on real records."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from pledgewatch.cli.main import main
from pledgewatch.core import schema
from pledgewatch.core.config import load_config
from pledgewatch.ingest.load import content_files
from pledgewatch.outputs.jsonschemas import DRAFT, json_schemas, schema_filename, schema_texts

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
SITE_URL = load_config(ROOT / "site_config.yml").site_url


class StringDates(yaml.SafeLoader):
    """YAML 1.1 as PyYAML reads it, but dates stay strings, as the YAML language server and
    JSON Schema see them."""


StringDates.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema_errors(kind: str, text: str) -> list[str]:
    """``["<json path>: <keyword>"]`` for each error, sorted."""
    validator = jsonschema.Draft202012Validator(json_schemas(SITE_URL)[kind])
    record = yaml.load(text, Loader=StringDates)  # noqa: S506 - a SafeLoader subclass
    return sorted(f"{e.json_path}: {e.validator}" for e in validator.iter_errors(record))


def test_committed_schemas_are_in_sync_with_the_model() -> None:
    committed = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "schemas").glob("*")}
    assert committed == schema_texts(SITE_URL)


def test_the_schema_command_writes_one_file_per_kind(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["schema", "-c", str(ROOT / "site_config.yml"),
                                       "--out", "out"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "out/actor.json", "out/deadline.json", "out/pledge.json", "out/quote.json",
        "out/source.json"]
    assert {p.name: p.read_text() for p in (tmp_path / "out").iterdir()} == schema_texts(
        SITE_URL)


@pytest.mark.parametrize("kind", sorted(schema.KINDS))
def test_each_schema_is_a_valid_draft_2020_12_schema(kind: str) -> None:
    value = json_schemas(SITE_URL)[kind]
    jsonschema.Draft202012Validator.check_schema(value)
    assert value["$schema"] == DRAFT
    assert value["$id"] == f"{SITE_URL}schemas/{schema_filename(kind)}"
    assert value["required"] == [f.name for f in schema.KINDS[kind] if f.required]
    assert list(value["properties"]) == [f.name for f in schema.KINDS[kind]]


@pytest.mark.parametrize("content", [FIXTURE / "content", ROOT / "content"],
                         ids=["fixture", "real"])
def test_valid_records_satisfy_their_schema(content: Path) -> None:
    if not content.is_dir():
        pytest.skip(f"no {content} in this checkout")
    files = content_files(content)
    assert files
    failing = {path.name: errors for kind, path in files
               if (errors := schema_errors(kind, path.read_text(encoding="utf-8-sig")))}
    assert failing == {}


@pytest.mark.parametrize(("kind", "text", "errors"), [
    ("quotes", "id: x\nspeaker: a\ntext: t\nsaid_on: 2024-01-01\nsource: s\nkind: shouted\n",
     ["$.kind: enum"]),
    ("quotes", "id: x\nspeaker: a\ntext: t\nsaid_on: 2024-02-30x\nsource: s\nkind: spoken\n",
     ["$.said_on: pattern"]),
    ("quotes", "id: x\nspeaker: A\ntext: ' '\nsaid_on: 2024-01-01\nsource: s\nkind: spoken\n"
     "contxt: c\n", ["$.speaker: pattern", "$.text: pattern", "$: additionalProperties"]),
    ("actors", "id: x\nname: \"a\\nb\"\nkind: person\nmember_of: [y, y]\nurl: /x\n",
     ["$.member_of: uniqueItems", "$.name: pattern", "$.url: pattern"]),
    ("actors", "id: x\nname: \"FILL IN: a name\"\nkind: person\n", ["$.name: pattern"]),
    ("actors", "id: x\nname: \"a\\x07\"\nkind: person\n", ["$.name: pattern"]),
    ("pledges", "id: x\ntitle: t\nmade_by: a\nmade_on: 2024-01-01\nstatement: s\n"
     "status: kept\nupdates: []\n", ["$.updates: minItems"]),
    ("sources", "id: x\ntitle: t\npublisher: p\nkind: report\npublished: 2024-01-01\n"
     "reports_earlier_words: yes\n", []),  # YAML 1.1 reads yes as true; the validator does not
])
def test_the_schemas_refuse_what_the_validator_refuses(kind, text, errors) -> None:
    assert schema_errors(kind, text) == errors
