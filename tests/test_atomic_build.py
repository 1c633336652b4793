"""Nothing lost: a build that fails or is killed leaves the previous site exactly as it was.

The kill test runs ``pledgewatch build`` as a separate process on a site large enough to stop
at chosen stages: it watches the build's workspace, freezes the process (SIGSTOP) as soon as a
stage shows, checks the published site, then kills it (SIGKILL) and checks again. The next
complete build must sweep what the killed ones left and publish the same bytes as a build that
was never interrupted. Sources (content/, templates/, site_config.yml) are never written.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch import build as pipeline
from pledgewatch.cli.main import main
from pledgewatch.core import routes
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.site import mkdocs_run, publish
from tests.conftest import AS_OF, FIXTURE
from tests.hostile_checks import tree_hashes

pytestmark = pytest.mark.slow

BULK = 150  # extra pledges: each stage of the build then lasts long enough to be caught


def add_bulk_pledges(root: Path, count: int, title: str = "Bulk pledge") -> None:
    for i in range(count):
        (root / f"content/pledges/bulk-{i:03d}.yml").write_text(
            f"id: bulk-{i:03d}\ntitle: {title} number {i}\nmade_by: ada-mayor\n"
            "made_on: 2024-01-09\nstatement: A pledge that makes the build take a while.\n"
            "status: not-yet-rated\nupdates:\n  - date: 2024-01-10\n    status: not-yet-rated\n"
            "    summary: Recorded.\n    sources: [gazette-2024-01-10]\n", encoding="utf-8")


def sources_snapshot(root: Path) -> dict[str, str]:
    """Hashes of everything a build must never write: the project (less site/) and templates."""
    project = {k: v for k, v in tree_hashes(root).items()
               if not k.startswith(("site/", publish.WORKSPACE_PREFIX))}
    templates = {f"templates/{k}": v for k, v in tree_hashes(mkdocs_run.TEMPLATES).items()}
    return project | templates


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture site with 300 more pledges, built once into ``site/``."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    add_bulk_pledges(root, BULK)
    pipeline.build(BuildContext(load_config(root / "site_config.yml"), AS_OF), root / "site")
    return root


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", "from pledgewatch.cli.main import main; main()", "build",
         "--as-of", AS_OF.isoformat()],
        cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# Stages of a build, seen from outside: in its workspace ``.pledgewatch-build-PID-*``, and in
# the published folder, whose inode changes when the new site is swapped in.
STAGES = {
    "workspace created": lambda work, swapped: True,
    "pages and feeds rendered": lambda work, swapped: (work / "docs/atom.xml").exists(),
    "MkDocs writing pages": lambda work, swapped: (work / "site/pledges").is_dir(),
    "MkDocs writing the search index":
        lambda work, swapped: (work / "site/search/search_index.json").exists(),
    "swapped, deleting the old site": lambda work, swapped: swapped(),
}
MUST_CATCH = ["workspace created", "pages and feeds rendered", "MkDocs writing pages"]


def freeze_at(process: subprocess.Popen, root: Path, stage: str) -> None:
    """Poll the build's workspace until ``stage`` shows, then SIGSTOP the build (unless it
    ended first)."""
    reached = STAGES[stage]
    inode = (root / "site").stat().st_ino

    def swapped() -> bool:
        return (root / "site").stat().st_ino != inode

    while process.poll() is None:
        for work in root.glob(f"{publish.WORKSPACE_PREFIX}{process.pid}-*"):
            if reached(work, swapped):
                process.send_signal(signal.SIGSTOP)
                return
        time.sleep(0.0005)


def test_a_killed_build_leaves_the_previous_site_and_no_stray_files(project: Path,
                                                                    tmp_path: Path) -> None:
    pristine = tmp_path / "old-site"
    shutil.copytree(project / "site", pristine)
    old_site = tree_hashes(pristine)
    # The edit the interrupted builds were publishing, and what it looks like when complete.
    add_bulk_pledges(project, BULK, title="Edited pledge")
    reference = tmp_path / "reference" / "site"
    pipeline.build(BuildContext(load_config(project / "site_config.yml"), AS_OF), reference)
    new_site = tree_hashes(reference)
    assert new_site != old_site
    sources = sources_snapshot(project)

    caught = []
    for stage in STAGES:
        if tree_hashes(project / "site") != old_site:  # a round that ended after the swap
            shutil.rmtree(project / "site")
            shutil.copytree(pristine, project / "site")
        process = start_build(project)
        freeze_at(process, project, stage)
        # At any moment the published site is the old one or the complete new one.
        frozen = tree_hashes(project / "site")
        assert frozen in (old_site, new_site), f"while frozen at {stage}"
        process.kill()
        process.wait()
        assert tree_hashes(project / "site") == frozen, f"after SIGKILL at {stage}"
        if frozen == old_site:
            caught.append(stage)
            assert process.returncode == -signal.SIGKILL
            stray = list(project.glob(f"{publish.WORKSPACE_PREFIX}{process.pid}-*"))
            assert len(stray) == 1, stage  # left behind, to be swept by the next build
        assert sources_snapshot(project) == sources, stage
    assert [s for s in MUST_CATCH if s not in caught] == []

    process = start_build(project)
    assert process.wait() == 0
    assert tree_hashes(project / "site") == new_site
    assert sorted(p.name for p in project.iterdir()) == ["content", "site", "site_config.yml"]
    assert sources_snapshot(project) == sources


# Builds that fail --------------------------------------------------------------------------


def failing_build(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.chdir(project)
    before_site, before_sources = tree_hashes(project / "site"), sources_snapshot(project)
    result = CliRunner().invoke(main, ["build", "--as-of", AS_OF.isoformat(), *args])
    assert result.exit_code == 1
    assert tree_hashes(project / "site") == before_site
    assert sources_snapshot(project) == before_sources
    assert sorted(p.name for p in project.iterdir()) == ["content", "site", "site_config.yml"]
    return result


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    pipeline.build(BuildContext(load_config(root / "site_config.yml"), AS_OF), root / "site")
    return root


def broken_templates(tmp_path: Path, name: str, old: str, new: str) -> Path:
    copy = tmp_path / "templates"
    shutil.copytree(mkdocs_run.TEMPLATES, copy)
    page = copy / name
    text = page.read_text(encoding="utf-8")
    assert old in text
    page.write_text(text.replace(old, new, 1), encoding="utf-8")
    return copy


def test_mkdocs_failing_at_the_end_keeps_the_previous_site(small_project: Path,
                                                           monkeypatch) -> None:
    # In strict mode MkDocs writes the whole site, then aborts over a warning: a failure that
    # comes after every page was written.
    nav = routes.nav()
    monkeypatch.setattr(routes, "nav", lambda: nav + [{"Missing": "missing.md"}])
    result = failing_build(small_project, monkeypatch, "--strict")
    assert result.stderr == ("error: MkDocs failed: Aborted with 1 warnings in strict mode!; "
                             "the previous site is unchanged\n")


def test_a_page_template_error_keeps_the_previous_site(small_project: Path, tmp_path: Path,
                                                       monkeypatch) -> None:
    templates = broken_templates(tmp_path, "pages/pledge.html.j2", "{{ p.statement }}",
                                 "{{ p.no_such_field }}")
    monkeypatch.setattr(mkdocs_run, "TEMPLATES", templates)
    result = failing_build(small_project, monkeypatch)
    assert result.stderr == ("error: template error: 'pledgewatch.records.model.Pledge object' "
                             "has no attribute 'no_such_field'; the previous site is unchanged\n")


def test_a_theme_override_error_keeps_the_previous_site(small_project: Path, tmp_path: Path,
                                                        monkeypatch) -> None:
    templates = broken_templates(tmp_path, "overrides/main.html", "{{ super() }}",
                                 "{{ super( }}")
    monkeypatch.setattr(mkdocs_run, "TEMPLATES", templates)
    result = failing_build(small_project, monkeypatch)
    source = (templates / "overrides/main.html").read_text().splitlines()
    line = next(i for i, text in enumerate(source, 1) if "{{ super( }}" in text)
    assert line > 1
    assert result.stderr == (f"error: template error ({templates}/overrides/main.html:{line}): "
                             "unexpected '}', expected ')'; the previous site is unchanged\n")
