"""Regenerate tests/golden from tests/fixtures/site (``make goldens``); review the diff."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pledgewatch.build import check, generate
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model
from tests.conftest import AS_OF, FIXTURE, GOLDEN


def generate_fixture(target: Path) -> None:
    """Write the fixture site's MkDocs input (pages and feeds; no assets, no records.db) into
    ``target``."""
    config = load_config(FIXTURE / "site_config.yml")
    records, problems = check(config)
    assert not problems, problems
    with tempfile.TemporaryDirectory() as tmp:
        generate(build_model(records, config, AS_OF), Path(tmp))
        shutil.rmtree(Path(tmp) / "assets")
        # SQLite's file bytes may differ between library versions: test_database compares
        # its .dump instead (the CSVs of its tables are goldens).
        (Path(tmp) / "data" / "records.db").unlink()
        shutil.copytree(tmp, target, dirs_exist_ok=True)


if __name__ == "__main__":
    shutil.rmtree(GOLDEN, ignore_errors=True)
    generate_fixture(GOLDEN)
    print(f"wrote {sum(1 for p in GOLDEN.rglob('*') if p.is_file())} files to {GOLDEN}")
