"""``pledgewatch new KIND ID``: the file it writes, what it refuses, and that the new record
fails validation on its placeholders only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.build import check
from pledgewatch.cli import scaffold
from pledgewatch.cli.main import main
from pledgewatch.core import context
from pledgewatch.core.config import load_config
from tests.test_schemas import schema_errors

# 02:30 UTC on 2 April is still 1 April in the fixture site's zone (America/New_York).
MOMENT = dt.datetime(2024, 4, 2, 2, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(context, "utc_now", lambda: MOMENT)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


PLEDGE = """\
# yaml-language-server: $schema=../../schemas/pledge.json
# A new pledge. Replace every "FILL IN: ..." value, uncomment the optional
# fields you need, then run: pledgewatch validate (fields: docs/records.md)
id: restore-moderation-tools
title: "FILL IN: One line naming what was promised."
made_by: "FILL IN: Actor who made the pledge. An id from content/actors/."
# made_to: []  # optional: Actors the pledge was made to.
made_on: 2024-04-01
statement: "FILL IN: What was promised, as reported."
# topics: []  # optional: Topic ids, e.g. 'elections'.
status: not-yet-rated
# verdict: ""  # optional: One sentence giving the reason for the current status.
updates:
  - date: 2024-04-01
    status: not-yet-rated
    summary: "FILL IN: What happened, as the cited sources report it."
    sources:
      - "FILL IN: Sources for the update; none published after its date. Ids from \
content/sources/, one per line."
# aliases: []  # optional: Earlier ids of this record; old links redirect.
# reviewed_on: ""  # optional: Last date an editor checked the pledge against the evidence, \
even when nothing changed.
# corrections: []  # optional: Published corrections, oldest first.
"""


def test_new_pledge_writes_the_required_fields_and_a_schema_modeline(site_copy: Path) -> None:
    result = run("new", "pledge", "restore-moderation-tools")
    assert result.exit_code == 0
    assert result.stdout == "content/pledges/restore-moderation-tools.yml\n"
    assert result.stderr == "replace each 'FILL IN:' value, then run: pledgewatch validate\n"
    written = site_copy / "content/pledges/restore-moderation-tools.yml"
    assert written.read_text() == PLEDGE


def test_today_is_taken_in_the_site_time_zone() -> None:
    assert context.resolve_as_of(load_config(Path("tests/fixtures/site/site_config.yml"))) == (
        dt.date(2024, 4, 1))
    assert MOMENT.date() == dt.date(2024, 4, 2)


def test_the_new_pledge_fails_validation_on_its_placeholders_only(site_copy: Path) -> None:
    run("new", "pledges", "restore-moderation-tools")
    _, problems = check(load_config(site_copy / "site_config.yml"))
    path = "content/pledges/restore-moderation-tools.yml"
    assert [p.as_text() for p in problems] == [
        f"{path}:5:8: error: field 'title' still holds the placeholder; replace it: One line "
        "naming what was promised.",
        f"{path}:6:10: error: field 'made_by' still holds the placeholder; replace it: Actor "
        "who made the pledge. An id from content/actors/.",
        f"{path}:9:12: error: field 'statement' still holds the placeholder; replace it: What "
        "was promised, as reported.",
        f"{path}:16:14: error: field 'summary' still holds the placeholder; replace it: What "
        "happened, as the cited sources report it.",
        f"{path}:18:9: error: field 'sources' still holds the placeholder; replace it: Sources "
        "for the update; none published after its date. Ids from content/sources/, one per "
        "line.",
    ]


@pytest.mark.parametrize(("kind", "placeholders", "warnings"), [
    ("actor", ["name", "kind"], ["unused-actor"]),
    ("source", ["title", "publisher", "kind"], ["unused-source"]),
    ("pledge", ["title", "made_by", "statement", "summary", "sources"], []),
    ("deadline", ["title", "kind", "as_stated", "precision", "sources"], []),
    ("quote", ["speaker", "text", "source", "kind"], []),
])
def test_every_kind_fails_only_on_placeholders(site_copy: Path, kind, placeholders,
                                               warnings) -> None:
    assert run("new", kind, "brand-new").exit_code == 0
    _, problems = check(load_config(site_copy / "site_config.yml"))
    errors = [p for p in problems if p.severity == "error"]
    assert [p.code for p in errors] == ["placeholder"] * len(placeholders)
    assert [p.message.split("'")[1] for p in errors] == placeholders
    assert [p.code for p in problems if p.severity == "warning"] == warnings
    folder = scaffold.kind_folder(kind)
    text = (site_copy / f"content/{folder}/brand-new.yml").read_text()
    # Editors flag the same fields through the JSON Schema (enum placeholders fail 'enum').
    where = {"sources": "$.sources[0]"} if kind != "pledge" else {
        "summary": "$.updates[0].summary", "sources": "$.updates[0].sources[0]"}
    # (A placeholder in an id field over 100 characters also fails its maxLength: once a path.)
    assert sorted({e.split(":")[0] for e in schema_errors(folder, text)}) == sorted(
        where.get(name, f"$.{name}") for name in placeholders)


def test_a_filled_in_pledge_is_valid(site_copy: Path) -> None:
    run("new", "pledge", "restore-moderation-tools")
    path = site_copy / "content/pledges/restore-moderation-tools.yml"
    text = path.read_text()
    for placeholder, value in [
        ("One line naming what was promised.", "Restore the moderation tools"),
        ("Actor who made the pledge. An id from content/actors/.", "ada-mayor"),
        ("What was promised, as reported.", "Tools restored by Friday."),
        ("What happened, as the cited sources report it.", "Promised at the meeting."),
    ]:
        text = text.replace(f"FILL IN: {placeholder}", value)
    text = text.replace('"FILL IN: Sources for the update; none published after its date. Ids '
                        'from content/sources/, one per line."', "gazette-2024-01-10")
    path.write_text(text.replace("2024-04-01", "2024-01-10"))
    assert check(load_config(site_copy / "site_config.yml"))[1] == []


def test_an_existing_record_is_refused(site_copy: Path) -> None:
    before = (site_copy / "content/pledges/fix-the-bridge.yml").read_text()
    result = run("new", "pledge", "fix-the-bridge")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("error: content/pledges/fix-the-bridge.yml already exists; edit "
                             "it, or choose another id\n")
    assert (site_copy / "content/pledges/fix-the-bridge.yml").read_text() == before
    (site_copy / "content/quotes/old-words.yaml").write_text("id: old-words\n")
    result = run("new", "quote", "old-words")
    assert result.exit_code == 2
    assert result.stderr == ("error: content/quotes/old-words.yaml already exists; edit it, "
                             "or choose another id\n")


@pytest.mark.parametrize("kind", ["pledge", "actor"])
def test_index_is_refused_where_it_names_the_listing_page(site_copy: Path, kind: str) -> None:
    result = run("new", kind, "index")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"error: 'index' is reserved: {kind}s/index.md is the list of all "
                             f"{kind}s; choose another id\n")
    assert not (site_copy / f"content/{kind}s/index.yml").exists()


@pytest.mark.parametrize("bad", ["Fix_Bridge", "fix--bridge", "fix-", "fix bridge", "../x"])
def test_a_bad_id_is_refused(site_copy: Path, bad: str) -> None:
    result = run("new", "pledge", bad)
    assert (result.exit_code, result.stdout) == (2, "")
    example = {"Fix_Bridge": "fix-bridge", "fix--bridge": "fix-bridge", "fix-": "fix",
               "fix bridge": "fix-bridge", "../x": "x"}[bad]
    assert result.stderr == (f"error: '{bad}' is not a valid id: use lower-case letters, "
                             f"digits and single hyphens (e.g. '{example}')\n")
    assert sorted(p.name for p in (site_copy / "content/pledges").iterdir()) == [
        "fix-the-bridge.yml", "reopen-library.yml"]


def test_an_unknown_kind_is_a_usage_error(site_copy: Path) -> None:
    result = run("new", "promise", "x")
    assert result.exit_code == 2
    assert "Invalid value for 'KIND': 'promise' is not one of" in result.stderr


def test_the_modeline_points_at_schemas_from_a_nested_content_folder(tmp_path: Path) -> None:
    path = scaffold.write_record(tmp_path / "data" / "content", tmp_path, "actors", "ada",
                                 dt.date(2024, 4, 1))
    assert path.read_text().splitlines()[0] == (
        "# yaml-language-server: $schema=../../../schemas/actor.json")


def test_new_dates_the_record_by_source_date_epoch_like_every_command(
        site_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 2001-09-09 01:46:40 UTC is still 8 September in New York: one definition of "today".
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    run("new", "actor", "ada")
    written = (site_copy / "content/actors/ada.yml").read_text()
    assert "2001-09-08" not in written  # actors carry no date; use a pledge for the check
    run("new", "pledge", "dated")
    text = (site_copy / "content/pledges/dated.yml").read_text()
    assert "made_on: 2001-09-08\n" in text
    assert "  - date: 2001-09-08\n" in text
