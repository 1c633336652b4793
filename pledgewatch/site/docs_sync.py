"""The preview's docs folder kept in step with a freshly generated one: only files whose bytes
changed are replaced, so the others keep their modification time (MkDocs' and the preview's
test of what changed), and files no longer generated are removed (:mod:`pledgewatch.preview`).
"""

from __future__ import annotations

import os
from pathlib import Path


def write(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it holds exactly that; whether it wrote."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def sync(fresh: Path, docs: Path) -> tuple[set[str], set[str], set[str]]:
    """Make ``docs`` hold what ``fresh`` holds, moving over only files whose bytes differ.
    Returns the docs-relative paths changed (new ones included), removed and added."""
    changed, added = set(), set()
    old = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if not p.is_dir()}
    for path in fresh.rglob("*"):
        if path.is_dir():
            continue
        relpath = path.relative_to(fresh).as_posix()
        target = docs / relpath
        if relpath in old:
            old.discard(relpath)
            if same(path, target):
                continue
        else:
            added.add(relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
        changed.add(relpath)
    for relpath in old:
        (docs / relpath).unlink()
        remove_empty_folders(docs / relpath, docs)
    return changed, old, added


def same(a: Path, b: Path) -> bool:
    """Whether files ``a`` and ``b`` hold the same bytes."""
    if a.stat().st_size != b.stat().st_size:
        return False
    return a.read_bytes() == b.read_bytes()


def remove_empty_folders(path: Path, stop: Path) -> None:
    """Remove ``path``'s folder and its parents while they are empty, up to ``stop``."""
    folder = path.parent
    while folder != stop and stop in folder.parents:
        try:
            os.rmdir(folder)
        except OSError:
            return
        folder = folder.parent
