"""``pledgewatch validate`` through click's CliRunner: exact output in each format, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.cli.main import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def broken(site_copy: Path) -> Path:
    """Two errors and a warning in three files, written out of path order."""
    quote = site_copy / "content/quotes/union-library.yml"
    quote.write_text(quote.read_text().replace("kind: statement", "kind: NO"))
    (site_copy / "content/actors/city-treasurer.yml").write_text(
        "id: city-treasurer\nname: City Treasurer\nkind: person\n")
    pledge = site_copy / "content/pledges/fix-the-bridge.yml"
    pledge.write_text(pledge.read_text().replace("made_by: ada-mayor", "made_by: ada-mayr"))
    return site_copy


TEXT = [
    "content/actors/city-treasurer.yml:1:5: warning: actor 'city-treasurer' is not referenced "
    "by any record; name it in a pledge, a quote, a source or member_of, or delete the file",
    "content/pledges/fix-the-bridge.yml:3:10: error: unknown actor 'ada-mayr'; did you mean "
    "'ada-mayor'?",
    "content/quotes/union-library.yml:6:7: error: quote this value: YAML reads NO as the "
    "boolean false, but 'kind' is text; write \"NO\"",
]


def test_text_is_sorted_by_path_and_line(broken: Path) -> None:
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == TEXT
    assert result.stderr == "2 error(s), 1 warning(s) in 3 file(s)\n"


def test_github_format_annotates_each_line(broken: Path) -> None:
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::warning file=content/actors/city-treasurer.yml,line=1,col=5::actor 'city-treasurer' "
        "is not referenced by any record; name it in a pledge, a quote, a source or member_of, "
        "or delete the file",
        "::error file=content/pledges/fix-the-bridge.yml,line=3,col=10::unknown actor "
        "'ada-mayr'; did you mean 'ada-mayor'?",
        "::error file=content/quotes/union-library.yml,line=6,col=7::quote this value: YAML "
        "reads NO as the boolean false, but 'kind' is text; write \"NO\"",
    ]


def test_json_format_lists_every_field(broken: Path) -> None:
    result = run("validate", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"path": "content/actors/city-treasurer.yml", "line": 1, "column": 5,
         "severity": "warning", "code": "unused-actor",
         "message": TEXT[0].split(": warning: ")[1]},
        {"path": "content/pledges/fix-the-bridge.yml", "line": 3, "column": 10,
         "severity": "error", "code": "unknown-reference",
         "message": "unknown actor 'ada-mayr'; did you mean 'ada-mayor'?"},
        {"path": "content/quotes/union-library.yml", "line": 6, "column": 7,
         "severity": "error", "code": "yaml-type",
         "message": "quote this value: YAML reads NO as the boolean false, but 'kind' is text; "
                    "write \"NO\""},
    ]


def test_json_format_of_valid_content_is_an_empty_list(site_copy: Path) -> None:
    result = run("validate", "--format", "json")
    assert (result.exit_code, result.stdout) == (0, "[]\n")


def test_github_format_escapes_what_would_end_a_property() -> None:
    from pledgewatch.core.problems import Problem

    problem = Problem("content/a,b:c.yml", 2, 3, "error", "x", "100% wrong\nsecond line")
    assert problem.as_github() == ("::error file=content/a%2Cb%3Ac.yml,line=2,col=3::"
                                   "100%25 wrong\\u000asecond line")


@pytest.mark.parametrize(("args", "status", "summary"), [
    ((), 0, "0 error(s), 1 warning(s) in 1 file(s)\n"),
    (("--strict",), 1, "0 error(s), 1 warning(s) in 1 file(s); --strict fails on warnings too\n"),
])
def test_warnings_fail_only_with_strict(site_copy: Path, args, status, summary) -> None:
    (site_copy / "content/actors/city-treasurer.yml").write_text(
        "id: city-treasurer\nname: City Treasurer\nkind: person\n")
    result = run("validate", *args)
    assert result.exit_code == status
    assert result.stdout == TEXT[0] + "\n"
    assert result.stderr == summary


def test_usage_errors_exit_2(site_copy: Path) -> None:
    result = run("validate", "--format", "xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of 'text', 'github', 'json'." in (
        result.stderr)


def test_a_bad_configuration_exits_2(site_copy: Path) -> None:
    config = site_copy / "site_config.yml"
    config.write_text(config.read_text() + "max_file_bytes: lots\n")
    result = run("validate")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"error: {Path('site_config.yml')}: 'max_file_bytes' must be a "
                             "positive whole number\n")


def test_a_missing_content_folder_exits_2(site_copy: Path) -> None:
    config = site_copy / "site_config.yml"
    config.write_text(config.read_text().replace("content_dir: content", "content_dir: contnet"))
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == (f"error: content folder {site_copy / 'contnet'} not found; create "
                             "it or set content_dir in site_config.yml\n")


@pytest.mark.parametrize("command", ["validate", "schema", "new"])
def test_the_command_has_help_and_is_in_the_readme(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert main.commands[command].help
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert f"| `pledgewatch {command}" in readme


def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(site_copy: Path) -> None:
    import os

    os.rename(site_copy / "content/quotes/union-library.yml",
              os.fsencode(site_copy / "content/quotes") + b"/union-library\xff.yml")
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/quotes/union-library\\xff.yml:1:1: error: the file name has invisible or "
        "control characters; name the file after the record's id, as in 'my-record.yml'"]
