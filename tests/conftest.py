"""Shared fixtures: the small fixture site under tests/fixtures/site and copies of it."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext

FIXTURE = Path(__file__).parent / "fixtures" / "site"
GOLDEN = Path(__file__).parent / "golden"
AS_OF = dt.date(2024, 4, 2)


@pytest.fixture
def site_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the fixture site; the working directory is set to it."""
    root = tmp_path / "site-src"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built once with MkDocs, as of 2024-04-02."""
    from pledgewatch.build import build

    out = tmp_path_factory.mktemp("built") / "site"
    build(BuildContext(load_config(FIXTURE / "site_config.yml"), AS_OF), out)
    return out


@pytest.fixture(scope="session", autouse=True)
def _card_cache(tmp_path_factory: pytest.TempPathFactory):
    """Social cards drawn by the tests' builds (in this process and the builds it starts) are
    cached in a temporary folder, not in the user's ``~/.cache``."""
    import os

    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved
