"""requirements.txt pins what `make site` and `make test` install: it must satisfy pyproject.toml
and keep the other places that name a version in step."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def pins() -> dict[str, str]:
    """``{canonical name: version}`` of every ``name==version`` line."""
    found = {}
    for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = re.fullmatch(r"([A-Za-z0-9._-]+)==([^\s;]+)", line.strip()).groups()
            found[canonicalize_name(name)] = version
    return found


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [Requirement(r) for r in
            [*project["dependencies"], *project["optional-dependencies"]["test"]]]


def test_every_dependency_is_pinned_within_its_declared_range() -> None:
    pinned = pins()
    outside = [f"{r.name}=={pinned.get(canonicalize_name(r.name))} (wants {r.specifier})"
               for r in declared()
               if pinned.get(canonicalize_name(r.name)) not in r.specifier]
    assert outside == []


def test_pre_commit_runs_the_pinned_ruff() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [ruff] = [r for r in config["repos"] if r["repo"].endswith("/ruff-pre-commit")]
    assert ruff["rev"] == "v" + pins()["ruff"]
