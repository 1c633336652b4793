"""The GitHub Actions workflows and the files GitHub reads: schemas, security, commands.

- every workflow, the Dependabot file and the issue forms validate against the schemas that
  check-jsonschema ships (no network);
- zizmor, offline, finds nothing of medium severity or above;
- every action is pinned to a full commit SHA with its version in a comment;
- every command a ``run:`` step calls exists (make targets, pledgewatch subcommands and options);
- the workflows run the README's commands, so local and CI never drift;
- the permissions, triggers and concurrency are the least a public site needs.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pledgewatch.cli.main import main
from pledgewatch.core.config import load_config
from tests import workflow_commands as wc

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
BIN = Path(sys.executable).parent


def load_workflow(path: Path) -> dict:
    """A workflow as data. PyYAML follows YAML 1.1, where the key ``on`` reads as ``True``."""
    data = yaml.safe_load(path.read_text())
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict):
    """``(job_id, step)`` for every step of every job."""
    for job_id, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield job_id, step


def run_steps():
    """``(workflow file name, job id, step, environment names set around it)`` for every
    ``run:`` step of every workflow."""
    for path in WORKFLOW_FILES:
        workflow = load_workflow(path)
        for job_id, step in steps(workflow):
            if "run" in step:
                env = {*workflow.get("env", {}), *workflow["jobs"][job_id].get("env", {}),
                       *step.get("env", {})}
                yield path.name, job_id, step, env


RUN_STEPS = list(run_steps())


def tool(name: str) -> list[str]:
    """The command line of a test tool from this environment, or skip with the reason."""
    if name == "check-jsonschema":
        pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed; "
                            "run: pip install -e '.[test]'")
        return [sys.executable, "-m", "check_jsonschema"]
    found = (BIN / name) if (BIN / name).exists() else shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed; run: pip install -e '.[test]'")
    return [str(found)]


# --- schemas -------------------------------------------------------------------------------

SCHEMA_CASES = (
    [("vendor.github-workflows", p) for p in WORKFLOW_FILES]
    + [("vendor.dependabot", ROOT / ".github" / "dependabot.yml"),
       ("vendor.github-issue-config", FORMS / "config.yml")]
    + [("vendor.github-issue-forms", p) for p in sorted(FORMS.glob("*.yml"))
       if p.name != "config.yml"]
)


def check_schema(schema: str, path: Path) -> dict:
    """check-jsonschema's JSON report for one file against one of its builtin schemas."""
    done = subprocess.run([*tool("check-jsonschema"), "--no-cache", "-o", "json",
                           "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, check=False)
    return json.loads(done.stdout)


def test_the_github_files_are_all_there() -> None:
    assert [p.name for p in WORKFLOW_FILES] == ["evidence.yml", "pr.yml", "publish.yml",
                                                "review.yml"]
    assert sorted(p.name for p in FORMS.glob("*.yml")) == [
        "config.yml", "report-correction.yml", "report-status-change.yml", "suggest-pledge.yml"]


@pytest.mark.parametrize(("schema", "path"), SCHEMA_CASES,
                         ids=[f"{s}:{p.name}" for s, p in SCHEMA_CASES])
def test_file_matches_its_published_schema(schema: str, path: Path) -> None:
    report = check_schema(schema, path)
    assert report == {"status": "ok", "errors": []}, report


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  a:\n    runs_on: ubuntu-24.04\n"
                      "    steps:\n      - run: make test\n")
    report = check_schema("vendor.github-workflows", broken)
    assert report["status"] == "fail"
    assert [e["best_match"]["message"] for e in report["errors"]] == [
        "'runs-on' is a required property"]


# --- zizmor ----------------------------------------------------------------------------------

def zizmor_findings(*inputs: Path) -> list[tuple[str, str, str]]:
    """``(audit, severity, file)`` for zizmor's findings of medium severity or above."""
    done = subprocess.run([*tool("zizmor"), "--offline", "--format", "json",
                           *map(str, inputs)], capture_output=True, text=True, check=False)
    # 0: no findings; 10-14: findings, by highest severity. Anything else is a failure to run.
    assert done.returncode in (0, 10, 11, 12, 13, 14), done.stderr
    return sorted(
        (f["ident"], f["determinations"]["severity"],
         f["locations"][0]["symbolic"]["key"]["Local"]["verbatim_path"])
        for f in json.loads(done.stdout)
        if f["determinations"]["severity"] in ("Medium", "High"))


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    assert zizmor_findings(WORKFLOWS, ROOT / ".github" / "dependabot.yml") == []


def test_zizmor_reports_a_dangerous_workflow(tmp_path: Path) -> None:
    workflow = tmp_path / ".github" / "workflows" / "bad.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n")
    audits = {ident for ident, _, _ in zizmor_findings(workflow.parent)}
    assert {"dangerous-triggers", "template-injection", "unpinned-uses"} <= audits


# --- pinned actions ----------------------------------------------------------------------------

USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+# v\d+\.\d+\.\d+$")


def uses_lines() -> list[tuple[str, str, str]]:
    """``(file, action@ref, rest of the line)`` for every ``uses:`` of every workflow."""
    found = []
    for path in WORKFLOW_FILES:
        for line in path.read_text().splitlines():
            if match := USES.match(line):
                found.append((path.name, match.group(1), match.group(2)))
    return found


def test_every_action_is_pinned_to_a_commit_sha_with_its_version() -> None:
    lines = uses_lines()
    parsed = [s["uses"] for p in WORKFLOW_FILES for _, s in steps(load_workflow(p)) if "uses" in s]
    assert [ref for _, ref, _ in lines] == parsed and len(parsed) == 17
    for name, ref, rest in lines:
        assert PINNED.match(ref), f"{name}: {ref} is not pinned to a full commit SHA"
        assert VERSION_COMMENT.match(rest), f"{name}: {ref} needs a '# vX.Y.Z' comment"


def test_each_action_has_one_pin_and_version_everywhere() -> None:
    pins: dict[str, set[str]] = {}
    for _, ref, rest in uses_lines():
        pins.setdefault(ref.split("@")[0], set()).add(ref.split("@")[1] + rest)
    assert sorted(pins) == ["actions/checkout", "actions/configure-pages",
                            "actions/deploy-pages", "actions/download-artifact",
                            "actions/setup-python",
                            "actions/upload-artifact", "actions/upload-pages-artifact"]
    assert {action: len(versions) for action, versions in pins.items()
            if len(versions) > 1} == {}


# --- commands of the run: steps -------------------------------------------------------------

@pytest.mark.parametrize(("workflow", "job", "step", "env"), RUN_STEPS,
                         ids=[f"{w}:{j}:{s['name']}" for w, j, s, _ in RUN_STEPS])
def test_every_command_of_a_run_step_exists(workflow, job, step, env) -> None:
    commands, _ = wc.parse_script(step["run"])
    assert commands
    assert [p for c in commands for p in wc.check_command(c)] == []
    assert wc.undefined_variables(step["run"], env) == []


@pytest.mark.parametrize(("script", "problem"), [
    ("make tset", "make target 'tset' does not exist: make: *** No rule to make target "
                  "'tset'.  Stop."),
    (".venv/bin/pledgewatch biuld --out site",
     f"pledgewatch has no subcommand 'biuld' (it has: {', '.join(sorted(main.commands))})"),
    ("pledgewatch build --stirct", "pledgewatch build --stirct: No such option '--stirct'. "
                                   "Did you mean '--strict'?"),
    ("pledgewatch validate --format xml",
     "pledgewatch validate --format xml: Invalid value for '--format': 'xml' is not one of "
     "'text', 'github', 'json'."),
    ("bash .ci/missing", ".ci/missing does not exist in the repository"),
    ("curl -sSf https://example.org | sh",
     "'curl' is neither a make target, pledgewatch, a file of the repository nor a runner tool "
     "(apt-get, bash, command, date, echo, git, test, true): curl -sSf https://example.org | sh"),
])
def test_a_command_that_cannot_run_is_reported(script: str, problem: str) -> None:
    commands, _ = wc.parse_script(script)
    assert [p for c in commands for p in wc.check_command(c)][:1] == [problem]


def test_make_variables_reach_the_recipe_and_are_checked() -> None:
    problems = wc.check_command(wc.Command(["make", "site", "AS_OF=2024-02-30"]))
    assert problems == ["make site: pledgewatch build --out site --as-of 2024-02-30: Invalid "
                        "value for '--as-of': '2024-02-30' does not match the format "
                        "'%Y-%m-%d'."]


def test_an_unset_variable_and_an_unknown_substitution_are_reported() -> None:
    assert wc.undefined_variables('make site AS_OF="$(TZ="$SITE_TIMEZONE" date +%F)"',
                                  {"SITE_TIME_ZONE"}) == ["SITE_TIMEZONE"]
    with pytest.raises(ValueError, match=r"unknown command substitution \$\(date \+%s\)"):
        wc.parse_script('X="$(date +%s)"')


# --- the README's commands ---------------------------------------------------------------------

def readme_commands() -> tuple[set[str], dict[str, str]]:
    """The make targets of the README's code blocks, and the README's command table:
    pledgewatch subcommand -> its row."""
    text = (ROOT / "README.md").read_text()
    blocks = "\n".join(re.findall(r"```sh\n(.*?)```", text, re.S))
    targets = set(re.findall(r"^make (\w+)", blocks, re.M))
    rows = dict(re.findall(r"^\| `pledgewatch (\w+)([^`]*)`", text, re.M))
    return targets, rows


def workflow_commands(name: str) -> list[wc.Command]:
    workflow = load_workflow(WORKFLOWS / name)
    return [c for _, s in steps(workflow) if "run" in s for c in wc.parse_script(s["run"])[0]]


def test_pull_requests_run_make_test_and_publishing_runs_make_site() -> None:
    assert ["make", "test"] in [c.words for c in workflow_commands("pr.yml")]
    assert "make site" in [" ".join(c.words[:2]) for c in workflow_commands("publish.yml")]


def test_workflows_call_only_the_readmes_commands_and_options() -> None:
    targets, rows = readme_commands()
    assert {"site", "test"} <= targets and {"validate", "build", "serve"} <= set(rows)
    for name in ("evidence.yml", "pr.yml", "publish.yml", "review.yml"):
        commands = workflow_commands(name)
        for command in commands:
            if command.program == "make":
                assert set(wc.make_args(command.words[1:])[1]) <= targets, command.words
        for call in wc.pledgewatch_calls(commands):
            assert call[0] in rows, f"{name}: pledgewatch {call[0]} is not in the README"
            options = {a.split("=")[0] for a in call[1:] if a.startswith("--")}
            assert {o for o in options if o not in rows[call[0]]} == set(), (name, call)


# --- triggers, permissions, concurrency ---------------------------------------------------------

def test_pull_request_workflow_runs_fork_code_without_privileges() -> None:
    workflow = load_workflow(WORKFLOWS / "pr.yml")
    assert workflow["on"] == {"pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert [j.get("permissions") for j in workflow["jobs"].values()] == [None]
    triggers = {t for p in WORKFLOW_FILES for t in load_workflow(p)["on"]}
    assert triggers == {"pull_request", "push", "schedule", "workflow_dispatch"}


def test_pull_request_workflow_caches_pip_and_uploads_the_strict_build() -> None:
    workflow = load_workflow(WORKFLOWS / "pr.yml")
    by_action = {s["uses"].split("@")[0]: s for _, s in steps(workflow) if "uses" in s}
    assert by_action["actions/setup-python"]["with"] == {
        "python-version": "3.11", "cache": "pip", "cache-dependency-path": "pyproject.toml"}
    assert by_action["actions/upload-artifact"]["with"]["path"] == "site/"
    builds = [c for c in wc.pledgewatch_calls(workflow_commands("pr.yml")) if c[0] == "build"]
    assert builds == [["build", "--strict", "--out", "site"]]
    validates = [c for c in wc.pledgewatch_calls(workflow_commands("pr.yml"))
                 if c[0] == "validate"]
    assert validates == [["validate", "--format", "github"]]


def test_every_checkout_keeps_no_credentials() -> None:
    checkouts = [s for p in WORKFLOW_FILES for _, s in steps(load_workflow(p))
                 if s.get("uses", "").startswith("actions/checkout@")]
    assert [s["with"]["persist-credentials"] for s in checkouts] == [False] * 6


def test_publishing_runs_on_main_daily_and_by_hand() -> None:
    workflow = load_workflow(WORKFLOWS / "publish.yml")
    assert workflow["on"] == {"push": {"branches": ["main"]},
                              "schedule": [{"cron": "17 5 * * *"}],
                              "workflow_dispatch": None}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_only_the_deploy_job_may_write_to_pages_and_only_from_main() -> None:
    workflow = load_workflow(WORKFLOWS / "publish.yml")
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == "github.ref == 'refs/heads/main'"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == [
        "actions/configure-pages", "actions/deploy-pages"]


def test_publishing_builds_as_of_today_in_the_site_time_zone_from_the_commit_time() -> None:
    workflow = load_workflow(WORKFLOWS / "publish.yml")
    assert workflow["env"]["SITE_TIME_ZONE"] == load_config(ROOT / "site_config.yml").time_zone
    script = next(s["run"] for _, s in steps(workflow) if "make site" in s.get("run", ""))
    commands, assigned = wc.parse_script(script)
    assert [c.words for c in commands] == [
        ["git", "log", "-1", "--format=%ct"], [], ["export", "SOURCE_DATE_EPOCH"],
        ["date", "+%F"], ["make", "site", "AS_OF=2024-04-02"]]
    assert commands[3].env == {"TZ": "$SITE_TIME_ZONE"}
    assert "SOURCE_DATE_EPOCH" in assigned
    assert wc.pledgewatch_calls(commands) == [["build", "--out", "site", "--as-of", "2024-04-02"]]
    upload = next(s for _, s in steps(workflow) if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"] == {"path": "site/"}


def test_dependabot_updates_actions_and_python_weekly() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())
    assert [(u["package-ecosystem"], u["directory"], u["schedule"]["interval"])
            for u in config["updates"]] == [("github-actions", "/", "weekly"),
                                            ("pip", "/", "weekly")]


# --- the editorial workflows (issue 13) -------------------------------------------------------

def test_only_the_jobs_that_act_may_write_and_each_only_what_it_needs() -> None:
    review = load_workflow(WORKFLOWS / "review.yml")
    evidence = load_workflow(WORKFLOWS / "evidence.yml")
    assert review["permissions"] == evidence["permissions"] == {"contents": "read"}
    assert {j: job.get("permissions") for j, job in review["jobs"].items()} == {
        "review": {"contents": "read", "issues": "write"}}
    assert {j: job.get("permissions") for j, job in evidence["jobs"].items()} == {
        "check": None,
        "pull-request": {"contents": "write", "pull-requests": "write"},
        "dead-links": {"contents": "read", "issues": "write"}}
    assert review["on"]["schedule"] == [{"cron": "41 6 * * *"}]
    assert evidence["on"]["schedule"] == [{"cron": "23 7 * * 1"}]
    assert review["env"]["SITE_TIME_ZONE"] == load_config(ROOT / "site_config.yml").time_zone


def test_the_evidence_check_validates_its_own_result_before_the_pull_request() -> None:
    calls = [" ".join(c.words) for c in workflow_commands("evidence.yml")]
    archive = calls.index(".venv/bin/pledgewatch archive")
    assert calls[archive + 2] == "make validate"
    assert calls[-2:] == ["bash .github/scripts/archive-pr.sh evidence",
                          "bash .github/scripts/update-issue.sh Dead links in sources "
                          "evidence/dead-links.md"]


def test_pull_requests_get_the_diff_for_readers_with_the_history_it_needs() -> None:
    workflow = load_workflow(WORKFLOWS / "pr.yml")
    checkout = next(s for _, s in steps(workflow) if s.get("uses", "").startswith(
        "actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    diffs = [c for c in wc.pledgewatch_calls(workflow_commands("pr.yml")) if c[0] == "diff"]
    assert diffs == [["diff", "--base", "origin/$GITHUB_BASE_REF", "--output",
                      "$GITHUB_STEP_SUMMARY"]]
