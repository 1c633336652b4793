"""What a contributor meets: edit links, issue forms, the pull request template, pre-commit
hooks and CONTRIBUTING.md, each checked against the code it describes."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from pledgewatch.core.config import load_config
from pledgewatch.core.schema import SINGULAR, STATUSES
from tests import workflow_commands as wc
from tests.conftest import FIXTURE

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
CONTRIBUTING = ROOT / "CONTRIBUTING.md"
TEMPLATE = ROOT / ".github" / "pull_request_template.md"
REPO_URL = load_config(ROOT / "site_config.yml").repo_url


# --- "Edit this record" -------------------------------------------------------------------------

class Links(HTMLParser):
    """Every ``<a href>`` of a page, with entities decoded as a browser decodes them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a" and dict(attrs).get("href"):
            self.hrefs.append(dict(attrs)["href"])


def edit_links(built_site: Path, repo_url: str) -> dict[str, list[str]]:
    """page (relative path) -> the repository-editor links on it, for pages that have any."""
    found = {}
    for page in sorted(built_site.rglob("*.html")):
        parser = Links()
        parser.feed(page.read_text())
        links = [h for h in parser.hrefs if h.startswith(repo_url + "/edit/")]
        if links:
            found[page.relative_to(built_site).as_posix()] = links
    return found


def test_edit_link_opens_the_records_yaml_file_in_the_web_editor(built_site: Path) -> None:
    repo_url = load_config(FIXTURE / "site_config.yml").repo_url
    links = edit_links(built_site, repo_url)
    assert links["pledges/fix-the-bridge/index.html"] == [
        "https://github.com/example/fixture-watch/edit/main/content/pledges/fix-the-bridge.yml"]
    # A pledge or an actor has its own page; sources, quotes and deadlines share a listing
    # page, with an edit link in each entry.
    expected = {f"{kind}/{path.stem}/index.html":
                [f"{repo_url}/edit/main/content/{kind}/{path.name}"]
                for kind in ("actors", "pledges")
                for path in sorted((FIXTURE / "content" / kind).glob("*.yml"))}
    order = {"sources": ("published", True), "quotes": ("said_on", False),
             "deadlines": ("due", False)}
    for kind, (field, newest_first) in order.items():
        records = [yaml.safe_load(p.read_text()) for p in (FIXTURE / "content" / kind).glob("*")]
        records.sort(key=lambda r: (str(r[field]), r["id"]), reverse=newest_first)
        expected[f"{kind}/index.html"] = [f"{repo_url}/edit/main/content/{kind}/{r['id']}.yml"
                                          for r in records]
    assert links == expected and len(expected) == 8
    for link in (link for found in links.values() for link in found):  # files that exist
        assert (FIXTURE / link.removeprefix(f"{repo_url}/edit/main/")).is_file(), link


def test_the_real_site_edits_files_at_their_repository_path() -> None:
    config = load_config(ROOT / "site_config.yml")
    assert config.root == ROOT  # site_config.yml is at the repository root
    assert config.edit_url("content/pledges/my-pledge-id.yml") == (
        "https://github.com/pledgewatch/pledgewatch/edit/main/content/pledges/my-pledge-id.yml")


# --- issue forms ----------------------------------------------------------------------------------

FORM_FILES = ["suggest-pledge.yml", "report-status-change.yml", "report-correction.yml"]


def form(name: str) -> dict:
    return yaml.safe_load((FORMS / name).read_text())


@pytest.mark.parametrize("name", FORM_FILES)
def test_every_issue_form_requires_the_source(name: str) -> None:
    fields = {item.get("id"): item for item in form(name)["body"]}
    assert fields["source"]["type"] == "textarea"
    assert fields["source"]["attributes"]["label"] == "Source"
    assert fields["source"]["validations"] == {"required": True}


def test_issue_forms_are_the_three_reports() -> None:
    assert [form(n)["name"] for n in FORM_FILES] == [
        "Suggest a pledge", "Report a status change", "Report a correction"]


def test_status_form_offers_exactly_the_validators_statuses() -> None:
    [dropdown] = [i for i in form("report-status-change.yml")["body"] if i["type"] == "dropdown"]
    assert tuple(dropdown["attributes"]["options"]) == STATUSES


def test_issue_chooser_links_point_at_this_repository_and_site() -> None:
    config = yaml.safe_load((FORMS / "config.yml").read_text())
    assert config["blank_issues_enabled"] is False
    urls = [link["url"] for link in config["contact_links"]]
    site = load_config(ROOT / "site_config.yml").site_url
    assert urls == [f"{REPO_URL}/blob/main/CONTRIBUTING.md", f"{site}about/"]


# --- pre-commit -----------------------------------------------------------------------------------

def pre_commit() -> list[str]:
    """pre-commit's command line in this environment, or skip with the reason."""
    pytest.importorskip("pre_commit", reason="pre-commit is not installed; "
                        "run: pip install -e '.[test]'")
    return [sys.executable, "-m", "pre_commit"]


def test_hook_definition_has_the_shape_pre_commit_requires() -> None:
    done = subprocess.run([*pre_commit(), "validate-manifest", ".pre-commit-hooks.yaml"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {k: hook[k] for k in ("id", "entry", "language", "pass_filenames", "files")} == {
        "id": "pledgewatch-validate", "entry": "pledgewatch validate", "language": "python",
        "pass_filenames": False, "files": "^content/"}
    assert wc.check_pledgewatch(hook["entry"].split()[1:]) == []


def test_hook_manifest_shape_check_rejects_a_broken_hook(tmp_path: Path) -> None:
    broken = tmp_path / ".pre-commit-hooks.yaml"
    broken.write_text("- id: pledgewatch-validate\n  entry: pledgewatch validate\n")
    done = subprocess.run([*pre_commit(), "validate-manifest", str(broken)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "Missing required key: name" in done.stdout


def test_own_pre_commit_config_runs_the_hook_and_ruff() -> None:
    done = subprocess.run([*pre_commit(), "validate-config", ".pre-commit-config.yaml"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    [definition] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    local, ruff = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
    [hook] = local["hooks"]
    assert local["repo"] == "local"
    for key in ("id", "name", "pass_filenames", "files"):
        assert hook[key] == definition[key], key
    # Run from the checkout: `make validate` runs the same `pledgewatch validate`.
    [command], _ = wc.parse_script(hook["entry"])
    assert wc.check_command(command) == []
    assert wc.pledgewatch_calls([command]) == [["validate"]]
    assert ruff["repo"] == "https://github.com/astral-sh/ruff-pre-commit"
    assert re.fullmatch(r"v\d+\.\d+\.\d+", ruff["rev"])
    assert [h["id"] for h in ruff["hooks"]] == ["ruff-check"]


# --- CONTRIBUTING.md and the pull request template ------------------------------------------------

def code_lines(text: str) -> list[str]:
    """The command lines of the ```sh blocks of a Markdown text."""
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    return [line for block in blocks for line in wc.logical_lines(block)
            if line.strip() and not line.lstrip().startswith("#")]


def contributing_commands() -> list[wc.Command]:
    return [c for line in code_lines(CONTRIBUTING.read_text())
            for c in wc.parse_script(line)[0]]


def test_contributing_links_resolve_and_point_at_the_field_reference() -> None:
    text = CONTRIBUTING.read_text()
    targets = re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", text)
    local = [t for t in targets if not t.startswith(("http://", "https://", "mailto:"))]
    assert "docs/records.md" in local
    assert [t for t in local if not (ROOT / t).exists()] == []
    slugs = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
             for h in re.findall(r"^#+ (.+)$", text, re.M)}
    anchors = re.findall(r"\]\(#([^)]+)\)", text)
    assert len(anchors) == 3 and set(anchors) <= slugs, set(anchors) - slugs


@pytest.mark.parametrize("words", [c.words for c in contributing_commands()
                                   if Path(c.program).name in ("pledgewatch", "make")],
                         ids=lambda words: " ".join(words))
def test_every_pledgewatch_and_make_command_in_contributing_works(words: list[str]) -> None:
    assert wc.check_command(wc.Command(words)) == []


def test_contributing_walks_from_fork_to_merge_and_covers_every_kind_of_change() -> None:
    text = CONTRIBUTING.read_text()
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [
        "From fork to merged pull request", "Starting a record", "Adding a source",
        "Adding a pledge", "Adding a status update", "Adding a quote",
        "Adding an actor or a deadline", "Making a correction", "Sourcing rules",
        "Checking your change locally", "What review looks at", "Changing the code"]
    kinds = {c.words[2] for c in contributing_commands() if c.words[1:2] == ["new"]}
    assert kinds == set(SINGULAR.values())  # the README's and docs/records.md's KIND too
    assert ".venv/bin/pledgewatch new pledge my-pledge-id" in code_lines(text)
    for status in STATUSES:
        assert f"`{status}`" in text, status


def test_pull_request_template_checklist() -> None:
    items = re.findall(r"^- \[ \] (.+)$", TEMPLATE.read_text(), re.M)
    assert len(items) == 9
    assert items[0] == "`pledgewatch validate` reports no problems."
    assert items[1] == ("Every new or changed status update cites at least one source "
                        "published on or before its date.")
    assert any("archive_url" in i for i in items) and any("guessed" in i for i in items)
    assert any("pledgewatch serve" in i for i in items)
