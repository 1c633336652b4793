"""A missing Chromium or newsboat skips locally and fails in CI (tests/requirements_check.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.requirements_check import in_ci, require

MODULE = '''
from tests.requirements_check import require
require(False, "Debian's Chromium, for the browser tests", "apt-get install chromium")

def test_never_reached():
    pass
'''


def run_module(tmp_path: Path, ci: str | None) -> subprocess.CompletedProcess:
    (tmp_path / "test_needs_tool.py").write_text(MODULE)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path.cwd())}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           "-rs", str(tmp_path / "test_needs_tool.py")], capture_output=True,
                          text=True, env=env, cwd=Path.cwd(), check=False)


def test_a_missing_tool_fails_the_run_in_ci(tmp_path: Path) -> None:
    result = run_module(tmp_path, "true")
    assert result.returncode == 2  # pytest: errors during collection
    assert ("Debian's Chromium, for the browser tests is not installed (apt-get install "
            "chromium); CI=true, so this fails instead of skipping") in result.stdout
    assert "1 error" in result.stdout


def test_a_missing_tool_skips_with_the_reason_locally(tmp_path: Path) -> None:
    result = run_module(tmp_path, None)
    assert result.returncode == 5  # pytest: no test ran (the module was skipped whole)
    assert ("SKIPPED [1] tests/requirements_check.py:31: Debian's Chromium, for the browser "
            "tests is not installed (apt-get install chromium); skipped") in result.stdout
    assert "1 skipped" in result.stdout


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("TRUE", True), ("1", True),
                                                 ("", False), ("false", False), ("0", False)])
def test_ci_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, value: str,
                                         expected: bool) -> None:
    monkeypatch.setenv("CI", value)
    assert in_ci() is expected


def test_a_present_tool_changes_nothing() -> None:
    assert require(True, "anything", "nothing") is None
