"""The package's layout shows the pipeline: imports point down it, and modules stay small."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "pledgewatch"

ORDER = ["core", "ingest", "checks", "records", "outputs", "editorial", "site", "build", "preview",
         "cli"]
"""The pipeline, first stage first: a module may import its own stage and the ones before."""

MAX_LINES = 400


def stage(module: str) -> str:
    """``pledgewatch.site.render`` -> ``site``; ``pledgewatch.build`` -> ``build``."""
    return module.split(".")[1] if module.count(".") else ""


def imports(path: Path) -> list[str]:
    """The ``pledgewatch.…`` modules a file imports (top level and inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "pledgewatch":
                found += [f"pledgewatch.{a.name}" for a in node.names]
            elif node.module.startswith("pledgewatch."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("pledgewatch.")]
    return found


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_every_stage_is_in_the_pipeline_order() -> None:
    stages = {p.relative_to(PACKAGE).parts[0].removesuffix(".py") for p in modules()}
    assert stages - {"__init__"} <= set(ORDER), "add the new package to ORDER"


def test_imports_point_down_the_pipeline() -> None:
    upward = []
    for path in modules():
        here = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        if here == "__init__":
            continue
        for module in imports(path):
            there = stage(module)
            if there in ORDER and ORDER.index(there) > ORDER.index(here):
                upward.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert upward == []


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(PACKAGE)): n for p in modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}
