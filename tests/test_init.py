"""``pledgewatch init DIR``: a new tracker that validates and builds at once, refusals that
write nothing, prompts on a terminal only, and starter GitHub files that pass the same checks
as this repository's (tests/test_workflows.py)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pledgewatch import build as pipeline
from pledgewatch.cli import init
from pledgewatch.cli.main import main
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.test_workflows import check_schema, zizmor_findings

ROOT = Path(__file__).resolve().parent.parent
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
FILES = [
    ".github/ISSUE_TEMPLATE/config.yml", ".github/ISSUE_TEMPLATE/report-correction.yml",
    ".github/ISSUE_TEMPLATE/report-status-change.yml",
    ".github/ISSUE_TEMPLATE/suggest-pledge.yml", ".github/workflows/pr.yml",
    ".github/workflows/publish.yml", ".gitignore", ".pre-commit-config.yaml",
    "CONTRIBUTING.md", "Makefile", "README.md", "content/actors/example-mayor.yml",
    "content/deadlines/example-deadline.yml", "content/pledges/example-pledge.yml",
    "content/quotes/example-quote.yml", "content/sources/example-gazette.yml",
    "requirements.txt", "site_config.yml"]
OPTIONS = ["--name", "Ville: promesses # tenues", "--url", "https://watch.example.org/ville",
           "--language", "fr", "--time-zone", "Europe/Paris"]


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(main, list(args), input=stdin)


def files_under(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def tracker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "ville"
    result = run("init", str(target), *OPTIONS)
    assert result.exit_code == 0, result.output
    assert result.stdout == (f"created 18 files in {target}/; next:\n  cd {target}\n"
                             "  make validate   # check the records (installs Pledgewatch on "
                             "first use)\n  make site       # build the site into site/\n")
    return target


def test_init_writes_the_starter_files_and_no_templates(tracker: Path) -> None:
    assert files_under(tracker) == FILES
    config = load_config(tracker / "site_config.yml")
    assert (config.site_name, config.site_url, config.language, config.time_zone) == (
        "Ville: promesses # tenues", "https://watch.example.org/ville/", "fr", "Europe/Paris")


def test_the_new_tracker_validates_and_builds_strictly_at_once(tracker: Path,
                                                               tmp_path: Path) -> None:
    result = run("validate", "-c", str(tracker / "site_config.yml"))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no problems found\n")
    out = tmp_path / "site"
    today = init.local_today("Europe/Paris")
    context = BuildContext(load_config(tracker / "site_config.yml"), today)
    built = pipeline.build(context, out, strict=True)
    assert built.problems == []
    assert (out / "pledges" / "example-pledge" / "index.html").is_file()
    assert (out / "data" / "records.db").is_file()
    assert '<html lang="fr"' in (out / "index.html").read_text(encoding="utf-8")


def test_the_examples_are_dated_around_the_day_of_init(tmp_path: Path) -> None:
    init.write_tracker(tmp_path / "t", init.Settings(), dt.date(2026, 3, 1))
    pledge = yaml.safe_load((tmp_path / "t" / "content/pledges/example-pledge.yml").read_text())
    deadline = yaml.safe_load(
        (tmp_path / "t" / "content/deadlines/example-deadline.yml").read_text())
    assert (pledge["made_on"], pledge["updates"][0]["date"], deadline["due"]) == (
        dt.date(2026, 2, 28), dt.date(2026, 3, 1), dt.date(2026, 8, 30))


def test_the_release_is_pinned_from_the_package_version(tracker: Path) -> None:
    pin = f"pledgewatch @ git+https://github.com/pledgewatch/pledgewatch@v{VERSION}"
    lines = (tracker / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [pin]
    hooks = yaml.safe_load((tracker / ".pre-commit-config.yaml").read_text())
    assert hooks == {"repos": [{"repo": "https://github.com/pledgewatch/pledgewatch",
                                "rev": f"v{VERSION}",
                                "hooks": [{"id": "pledgewatch-validate"}]}]}
    # The hook it names is the one this repository offers.
    offered = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in offered] == ["pledgewatch-validate"]


@pytest.mark.skipif(not shutil.which("make"), reason="make is not installed")
def test_the_makefile_installs_the_pin_and_runs_the_two_commands(tracker: Path) -> None:
    def dry(target: str) -> list[str]:
        done = subprocess.run(["make", "-n", "-C", str(tracker), target], capture_output=True,
                              text=True, check=True)
        return [line for line in done.stdout.splitlines() if not line.startswith("make")]

    install = ["python3 -m venv .venv", "touch .venv/.installed",
               ".venv/bin/python -m pip install --quiet --upgrade pip",
               ".venv/bin/python -m pip install --quiet -r requirements.txt"]
    assert sorted(dry("validate")) == sorted(install + [
        ".venv/bin/pledgewatch validate --format text"])
    assert dry("site")[-2:] == [".venv/bin/pledgewatch build --out site ",
                                'echo "Site built in site/. Preview it with: make serve"']


def test_the_workflows_and_issue_forms_match_their_schemas(tracker: Path) -> None:
    github = tracker / ".github"
    cases = [("vendor.github-workflows", github / "workflows" / "pr.yml"),
             ("vendor.github-workflows", github / "workflows" / "publish.yml"),
             ("vendor.github-issue-config", github / "ISSUE_TEMPLATE" / "config.yml")] + [
        ("vendor.github-issue-forms", p) for p in sorted((github / "ISSUE_TEMPLATE").glob("*"))
        if p.name != "config.yml"]
    for schema, path in cases:
        assert check_schema(schema, path) == {"status": "ok", "errors": []}, path


def test_zizmor_finds_nothing_in_the_workflows(tracker: Path) -> None:
    assert zizmor_findings(tracker / ".github" / "workflows") == []


def test_the_publish_workflow_uses_the_site_time_zone(tracker: Path) -> None:
    workflow = yaml.safe_load((tracker / ".github" / "workflows" / "publish.yml").read_text())
    assert workflow["env"] == {"SITE_TIME_ZONE": "Europe/Paris"}


def test_a_folder_that_is_not_empty_is_refused_and_left_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = run("init", str(tmp_path))
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (f"error: {tmp_path}: not an empty folder; init writes only into a "
                             "new or empty folder (nothing was changed)\n")
    assert files_under(tmp_path) == ["notes.txt"]
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    assert run("init", str(tmp_path)).exit_code == 0
    assert files_under(tmp_path) == FILES


@pytest.mark.parametrize("option, value, message", [
    ("--url", "ftp://example.org/", "--url (site_url) must be an absolute http(s) URL, not "
                                    "'ftp://example.org/'"),
    ("--name", 'The "best" tracker', "--name (site_name) may not contain <, > or \"; it is "
                                     "shown as plain text"),
    ("--time-zone", "Mars/Base", "--time-zone (time_zone) names an unknown time zone, "
                                 "'Mars/Base'; use an IANA name such as 'America/New_York'"),
])
def test_a_bad_setting_is_refused_before_anything_is_written(tmp_path: Path, option: str,
                                                             value: str, message: str) -> None:
    result = run("init", str(tmp_path / "new"), option, value)
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")
    assert not (tmp_path / "new").exists()


def test_an_unknown_language_is_refused(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "new"), "--language", "xx")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: --language 'xx' is not a language Material for "
                                    "MkDocs has labels for; use one of: af, ar, az, ")
    assert ", de, " in result.stderr and ", fr, " in result.stderr
    assert not (tmp_path / "new").exists()


def test_without_a_terminal_the_defaults_are_used(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "t")).exit_code == 0
    config = load_config(tmp_path / "t" / "site_config.yml")
    assert (config.site_name, config.site_url, config.language, config.time_zone) == (
        "Pledge tracker", "https://example.org/", "en", "UTC")


def test_on_a_terminal_the_settings_not_given_are_asked_for(tmp_path: Path,
                                                            monkeypatch) -> None:
    monkeypatch.setattr(init, "_interactive", lambda: True)
    result = run("init", str(tmp_path / "t"), "--language", "de",
                 stdin="Stadtwatch\nhttps://stadt.example.org\nEurope/Berlin\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(
        "Site name [Pledge tracker]: Stadtwatch\n"
        "Site address (URL) [https://example.org/]: https://stadt.example.org\n"
        "Time zone (IANA name) [UTC]: Europe/Berlin\ncreated 18 files")
    config = load_config(tmp_path / "t" / "site_config.yml")
    assert (config.site_name, config.site_url, config.language, config.time_zone) == (
        "Stadtwatch", "https://stadt.example.org/", "de", "Europe/Berlin")
