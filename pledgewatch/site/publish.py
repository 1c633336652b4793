"""The publish step: a fresh workspace beside the output folder, and the atomic swap.

The build renders into a workspace and exchanges the finished site with the old one in a
single rename, so a failed or killed build leaves the last good site intact.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import stat
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
    be empty or a site Pledgewatch built (:func:`built_here`), never, say, ``docs/``. Raises
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
    if out.is_dir() and any(out.iterdir()) and not built_here(out):
        raise UnsafeOutput(f"{out_dir}: refusing to replace a folder that Pledgewatch did not "
                           f"build (it has no {MARKER} file), as everything in it would be "
                           "deleted; empty it or choose another --out")


MARKER = ".pledgewatch-site"
"""The file every build writes at the top of the site it publishes: only a folder holding it
(or a site built before the marker existed, see :func:`built_here`) is ever replaced."""

MARKER_TEXT = ("This folder was built by Pledgewatch (pledgewatch build). The next build "
               "replaces it as a whole: anything added here is deleted then. Keep your own "
               "files elsewhere.\n")

# A site built before the marker existed has these files (data/records.json and the
# stylesheet are Pledgewatch's own) and only files of the kinds a build writes.
_LEGACY_FILES = ("index.html", "404.html", "feed.xml", "atom.xml", "sitemap.xml",
                 "data/records.json", "assets/pledgewatch.css")
_BUILT_SUFFIXES = frozenset((".html", ".xml", ".gz", ".json", ".csv", ".ics", ".css", ".js",
                             ".map", ".png", ".svg", ".ico", ".woff", ".woff2", ".txt", ".db"))


def built_here(folder: Path) -> bool:
    """True when ``folder`` is a site Pledgewatch built: it holds :data:`MARKER`, or it is
    exactly a site of a build before the marker (every file of ``_LEGACY_FILES`` present,
    and no file of a kind a build never writes, such as ``thesis.tex`` or ``notes.md``).
    A folder that fails both is never replaced, whatever else it holds."""
    if (folder / MARKER).is_file():
        return True
    if not all((folder / name).is_file() for name in _LEGACY_FILES):
        return False
    for _, _, files in os.walk(folder):
        if any(os.path.splitext(name)[1].lower() not in _BUILT_SUFFIXES for name in files):
            return False
    return True


def mark(site: Path) -> None:
    """Write :data:`MARKER` into a finished site, before it is swapped into place."""
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


@contextmanager
def workspace(out_dir: Path):
    """A fresh folder beside ``out_dir`` (same file system, so the swap is one rename).

    Removed on success and on failure; folders left by killed builds are swept first.
    Raises :class:`UnsafeOutput` when the folder cannot be made there.
    """
    parent = out_dir.resolve().parent
    prefix = f"{WORKSPACE_PREFIX}{os.getpid()}-"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        sweep_stale_workspaces(parent)
    except OSError as exc:  # /proc, a read-only disk, a folder of another user
        raise _unwritable(out_dir, exc) from None
    try:
        try:
            work = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        except OSError as exc:
            raise _unwritable(out_dir, exc) from None
        yield work
    finally:
        # By prefix, not by ``work``: Ctrl+C or SIGTERM can land after mkdtemp made the
        # folder and before it returned. A process runs one build at a time.
        for folder in parent.glob(f"{prefix}*"):
            shutil.rmtree(folder, ignore_errors=True)


def _unwritable(out_dir: Path, exc: OSError) -> UnsafeOutput:
    return UnsafeOutput(f"{out_dir}: cannot write the site there ({exc.strerror}); "
                        "choose another --out")


def sweep_stale_workspaces(parent: Path, prefix: str = WORKSPACE_PREFIX) -> None:
    """Remove folders named ``PREFIX<pid>-...`` in ``parent`` whose process no longer runs
    (a build or preview killed with SIGKILL, say). Only folders of this user are touched, never
    a symbolic link (``/tmp`` is shared)."""
    for folder in parent.glob(f"{prefix}*"):
        pid = folder.name[len(prefix):].split("-", 1)[0]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
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
