"""CLI behaviour with click's CliRunner: exact output and exit codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.cli.main import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def seconds_masked(text: str) -> str:
    """The output with every ``1.23 s`` written ``S s``: timings differ from run to run."""
    return re.sub(r"\b\d+\.\d\d s\b", "S s", text)


CHECKED = "check: 12 files in S s; cross-check: 12 records in S s"


def test_validate_good_content_exits_0(site_copy: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "no problems found\n"  # quick: no stage summary


def test_validate_reports_every_problem_with_location(site_copy: Path) -> None:
    pledge = site_copy / "content/pledges/fix-the-bridge.yml"
    pledge.write_text(pledge.read_text().replace("made_by: ada-mayor", "made_by: ada-mayr")
                      .replace("status: in-progress\nupdates", "staus: in-progress\nupdates"))
    quote = site_copy / "content/quotes/ada-bridge.yml"
    quote.write_text(quote.read_text().replace("kind: spoken", "kind: shouted"))
    result = run("validate")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "content/pledges/fix-the-bridge.yml:3:10: error: unknown actor 'ada-mayr'; "
        "did you mean 'ada-mayor'?",
        "content/pledges/fix-the-bridge.yml:9:1: error: unknown field 'staus'; "
        "did you mean 'status'?",
        "content/quotes/ada-bridge.yml:6:7: error: kind 'shouted' is not one of: spoken, "
        "statement, social-post",
    ]
    assert result.stderr == "3 error(s), 0 warning(s) in 2 file(s)\n"


def test_validate_github_format(site_copy: Path) -> None:
    quote = site_copy / "content/quotes/ada-bridge.yml"
    quote.write_text(quote.read_text().replace("said_on: 2024-01-09", "said_on: 2024-02-30"))
    result = run("validate", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout == ("::error file=content/quotes/ada-bridge.yml,line=4,col=10::"
                             "field 'said_on': 2024-02-30 is not a real calendar date "
                             "(February 2024 has 29 days)\n")


def test_missing_config_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 2
    assert result.stderr == ("error: site_config.yml: configuration file not found "
                             "(pass -c FILE)\n")


def test_build_stops_on_problems_and_keeps_the_old_site(site_copy: Path) -> None:
    old = site_copy / "site"
    old.mkdir()
    (old / "index.html").write_text("previous good site")
    (old / ".pledgewatch-site").write_text("built by Pledgewatch")
    (site_copy / "content/actors/bad.yml").write_text("id: bad\nname: [1, 2]\nkind: person\n")
    result = run("build", "--as-of", "2024-04-02", "--out", "site")
    assert result.exit_code == 1
    assert result.stdout == (
        "content/actors/bad.yml:1:5: warning: actor 'bad' is not referenced by any record; "
        "name it in a pledge, a quote, a source or member_of, or delete the file\n"
        "content/actors/bad.yml:2:7: error: field 'name' must be text, not a list\n")
    assert sorted(p.name for p in old.iterdir()) == [".pledgewatch-site", "index.html"]
    assert (old / "index.html").read_text() == "previous good site"


def test_build_output_is_plain_with_a_summary_of_every_stage(site_copy: Path) -> None:
    result = run("build", "--as-of", "2024-04-02", "--out", "site")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert seconds_masked(result.stderr) == (
        "built 24 pages into site/ (no problems found)\n"
        f"{CHECKED}; model: 12 records in S s; render: 24 pages in S s; "
        "cards: 3 cards in S s; feeds: 7 files in S s; data: 40 files in S s; "
        "mkdocs markdown: 24 pages in S s; "
        "mkdocs html: 24 pages in S s; search in S s; publish in S s; total S s\n")


def test_console_script_flushes_everything_before_its_fast_exit(site_copy: Path) -> None:
    import subprocess
    import sys

    quote = site_copy / "content/quotes/ada-bridge.yml"
    quote.write_text(quote.read_text().replace("kind: spoken", "kind: shouted"))
    done = subprocess.run([sys.executable, "-c", "from pledgewatch.cli.main import entry_point; "
                           "entry_point()", "validate"], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout == ("content/quotes/ada-bridge.yml:6:7: error: kind 'shouted' is not one "
                           "of: spoken, statement, social-post\n")
    assert done.stderr == "1 error(s), 0 warning(s) in 1 file(s)\n"  # quick: no summary


@pytest.mark.parametrize(("line", "message"), [
    ("time_zone: Mars/Olympus", "'time_zone' names an unknown time zone, 'Mars/Olympus'; use an "
                                "IANA name such as 'America/New_York'"),
    ("feed_size: 0", "'feed_size' must be a positive whole number"),
    ("feed_size: true", "'feed_size' must be a positive whole number"),
    ("page_size: 0", "'page_size' must be a positive whole number"),
    ("site_url: ftp://example.org/", "'site_url' must be an absolute http(s) URL, not "
                                     "'ftp://example.org/'"),
    ("site_name: ''", "'site_name' is required and must be text"),
    ("description: [a, b]", "'description' must be text"),
    ("colour: red", "unknown setting 'colour'; known: contact, content_dir, description, "
                    "edit_branch, feed_size, intro, language, licence, licence_url, "
                    "max_file_bytes, page_size, publisher, repo_url, reprint_hosts, "
                    "review_after_days, since, site_name, site_url, time_zone"),
    ("review_after_days: 0", "'review_after_days' must be a positive whole number"),
    ("reprint_hosts: news.yahoo.com", "'reprint_hosts' must be a list of host names, such as "
                                      "[news.yahoo.com, www.msn.com]"),
])
def test_each_setting_is_checked_with_a_message_naming_it(site_copy, line: str,
                                                          message: str) -> None:
    config = site_copy / "site_config.yml"
    key = line.split(":", 1)[0]
    kept = [x for x in config.read_text().splitlines() if not x.startswith(key + ":")]
    config.write_text("\n".join(kept + [line]) + "\n")
    result = CliRunner().invoke(main, ["validate"])
    assert (result.exit_code, result.stderr) == (2, f"error: site_config.yml: {message}\n")


def test_settings_are_listed_once_with_defaults_and_documentation() -> None:
    from pledgewatch.core.config import REQUIRED, settings

    listed = settings()
    assert [name for name, _, _ in listed] == [
        "site_name", "site_url", "description", "language", "time_zone", "repo_url",
        "edit_branch", "feed_size", "page_size", "licence", "licence_url", "content_dir",
        "max_file_bytes", "review_after_days", "reprint_hosts", "intro", "publisher", "contact",
        "since"]
    assert listed[0] == ("site_name", REQUIRED,
                         "The site's name, in every page's header and title.")
    assert listed[7][:2] == ("feed_size", 50)
    assert listed[8][:2] == ("page_size", 100)
    assert all(doc for _, _, doc in listed)
