"""Where templates come from: a tracker's own ``templates/`` first, then the packaged ones.

A tracker (the folder of its ``site_config.yml``) may hold a ``templates/`` folder laid out as
the packaged one (``pledgewatch/site/templates``): ``pages/`` (Jinja2 page templates),
``overrides/`` (Material theme overrides) and ``assets/`` (CSS, scripts). Each file found there
replaces the packaged file of the same path; every other file comes from the package. This is
how MkDocs' ``theme.custom_dir`` works over a theme, one level further down:

- pages: a Jinja2 search path ``[TRACKER/templates/pages, PACKAGED/pages]``
  (``FileSystemLoader`` with several folders takes the first that has the file);
- overrides: the tracker's ``overrides/`` becomes MkDocs' ``custom_dir`` and the packaged one is
  put right after it in the theme's search path by :func:`on_config` (a MkDocs hook), so the
  order is tracker, package, Material;
- assets: the packaged files are copied, then the tracker's over them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

PACKAGED = Path(__file__).resolve().parent / "templates"
"""The templates shipped inside the package (package data in the wheel)."""


def tracker_templates(root: Path) -> Path:
    """``ROOT/templates``: the tracker's own templates folder (it need not exist)."""
    return root.resolve() / "templates"


def search_path(root: Path, part: str, packaged: Path = PACKAGED) -> list[Path]:
    """The folders to look up ``part`` (``pages``, ``overrides`` or ``assets``) in, first
    match wins: the tracker's ``templates/PART`` when it is a folder, then ``packaged/PART``
    (``packaged`` is a templates folder laid out as :data:`PACKAGED`)."""
    own = tracker_templates(root) / part
    fallback = packaged / part
    return [own, fallback] if own.is_dir() and own.resolve() != fallback.resolve() else [fallback]


def custom_dir(root: Path, packaged: Path = PACKAGED) -> Path:
    """MkDocs' ``theme.custom_dir``: the first folder of the overrides search path."""
    return search_path(root, "overrides", packaged)[0]


def copy_assets(root: Path, docs: Path, packaged: Path = PACKAGED) -> None:
    """Copy the assets into ``docs/assets``: the packaged ones, then the tracker's over them."""
    for folder in reversed(search_path(root, "assets", packaged)):
        shutil.copytree(folder, docs / "assets", dirs_exist_ok=True)


def on_config(config):
    """MkDocs hook: put the packaged overrides right after the tracker's ``custom_dir`` in the
    theme's search path, when the tracker has its own (otherwise ``custom_dir`` is already the
    packaged folder). ``config.theme.dirs`` is ``[custom_dir, Material's folder, MkDocs']``."""
    packaged = str(PACKAGED / "overrides")
    dirs = config.theme.dirs
    if packaged not in dirs:
        dirs.insert(1, packaged)
    return config
