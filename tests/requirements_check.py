"""Tools that some tests need from outside Python (Debian's Chromium, newsboat).

Locally, a missing tool skips those tests with the reason and how to install it. In CI
(``CI=true``, which GitHub Actions and this project's ``.ci/run`` set) it fails the run instead:
a green CI must mean the browser and feed-reader tests ran.
"""

from __future__ import annotations

import os

import pytest


def in_ci() -> bool:
    """Whether the tests run in CI: ``CI`` set to ``true`` (any case) or ``1``."""
    return os.environ.get("CI", "").strip().lower() in ("true", "1")


def require(present: bool, what: str, install: str) -> None:
    """Skip the calling test module when ``present`` is false, or fail it in CI.

    ``what`` names the tool and the tests, ``install`` the command that installs it; both go
    into the message. Call at module level.
    """
    if present:
        return
    message = f"{what} is not installed ({install})"
    if in_ci():
        pytest.fail(f"{message}; CI=true, so this fails instead of skipping", pytrace=False)
    pytest.skip(f"{message}; skipped", allow_module_level=True)
