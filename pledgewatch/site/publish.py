"""The publish step: a fresh workspace beside the output folder, and the atomic swap.

The build renders into a workspace and exchanges the finished site with the old one in a
single rename, so a failed or killed build leaves the last good site intact.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from pledgewatch.core.config import SiteConfig
from pledgewatch.site.templates_path import tracker_templates

WORKSPACE_PREFIX = ".pledgewatch-build-"


class UnsafeOutput(Exception):
    """The output folder cannot be replaced safely (it holds the sources, say); nothing was
    written. The CLI exits with status 2."""


def check_out_dir(config: SiteConfig, out_dir: Path, templates: Path) -> None:
    """Refuse an output folder whose replacement would lose or pollute source files.

    The swap replaces ``out_dir`` as a whole and deletes what was there, so it must not be, or
    contain, the content folder, the templates, the folder of ``site_config.yml`` or the working
    folder; generated files never go inside content or templates; and a folder that exists must
    be empty or a site built before (it has an ``index.html``), never, say, ``docs/``. Raises
    :class:`UnsafeOutput` naming the folder and the reason.
    """
    out = out_dir.resolve()
    sources = {"the content folder": config.content_path.resolve(), "the templates": templates,
               "the tracker's templates": tracker_templates(config.root),
               "the site configuration's folder": config.root.resolve(),
               "the working folder": Path.cwd().resolve()}
    for name, path in sources.items():
        if out == path or out in path.parents:
            relation = "is" if out == path else "contains"
            raise UnsafeOutput(f"{out_dir}: refusing to replace this folder: it {relation} "
                               f"{name} ({path}); choose another --out, such as 'site'")
    for name in ("the content folder", "the templates", "the tracker's templates"):
        if sources[name] in out.parents:
            raise UnsafeOutput(f"{out_dir}: refusing to write into {name}; generated files "
                               "never go there; choose another --out, such as 'site'")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out_dir}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise UnsafeOutput(f"{out_dir}: refusing to replace a folder that is not a built site "
                           "(it has no index.html); empty it or choose another --out")


@contextmanager
def workspace(out_dir: Path):
    """A fresh folder beside ``out_dir`` (same file system, so the swap is one rename).

    Removed on success and on failure; folders left by killed builds are swept first.
    """
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_workspaces(parent)
    work = Path(tempfile.mkdtemp(prefix=f"{WORKSPACE_PREFIX}{os.getpid()}-", dir=parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep_stale_workspaces(parent: Path) -> None:
    """Remove workspaces whose build process no longer runs (killed with SIGKILL, say)."""
    for folder in parent.glob(f"{WORKSPACE_PREFIX}*"):
        pid = folder.name[len(WORKSPACE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_into_place(new_site: Path, out_dir: Path) -> None:
    """Put ``new_site`` at ``out_dir`` atomically; the old site ends up at ``new_site``.

    Uses Linux ``renameat2(RENAME_EXCHANGE)`` so there is no moment without a site; elsewhere,
    two renames.
    """
    out_dir = out_dir.resolve()
    if not out_dir.exists():
        os.rename(new_site, out_dir)
        return
    if not _exchange(new_site, out_dir):
        parked = new_site.with_name("old-site")
        os.rename(out_dir, parked)
        os.rename(new_site, out_dir)
        os.rename(parked, new_site)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
