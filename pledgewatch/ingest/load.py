"""Ingest: find every content file and read it, within the size cap, into a :class:`Document`.

Nothing here interprets fields; :mod:`yaml_nodes` turns each file's bytes into a node tree that
keeps line and column. Every problem is returned, never raised; a file that cannot be read still
yields a :class:`Document` (with ``node=None``) so that records pointing at it are not reported
as pointing at nothing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from pledgewatch.core import urls
from pledgewatch.core.problems import Problem
from pledgewatch.ingest.yaml_nodes import parse_bytes, problem_at

KIND_FOLDERS = ("actors", "sources", "pledges", "deadlines", "quotes")
RECORD_SUFFIXES = (".yml", ".yaml")

@dataclass(frozen=True)
class Document:
    """One content file, parsed.

    ``kind`` is the folder name (``pledges`` ...); ``stem`` the file name without suffix;
    ``relpath`` is the path shown in messages (relative to the working directory when
    possible); ``repo_path`` is relative to the site root (for edit links); ``node`` is the
    root ``yaml.MappingNode``, or ``None`` when the file could not be read (its problems say
    why).
    """

    kind: str
    stem: str
    relpath: str
    repo_path: str
    node: yaml.MappingNode | None


def display_path(path: Path) -> str:
    """``path`` relative to the working directory where it lies below it, else absolute.

    Invisible and control characters are written as ``\\uXXXX``: a line break in a file name
    must not start a new line of the report (or a GitHub workflow command).
    """
    path = _real_folder(path)
    try:
        return _printable(str(path.relative_to(Path.cwd().resolve())))
    except ValueError:
        return _printable(str(path))


def _printable(path: str) -> str:
    return path if path.isprintable() else urls.shown(path)


def _real_folder(path: Path) -> Path:
    """The absolute path with its folder resolved but not the file itself, so that a symbolic
    link is shown (and refused) under its own name."""
    return path.absolute().parent.resolve() / path.name


def content_files(content_dir: Path) -> list[tuple[str, Path]]:
    """``(kind, path)`` for every ``*.yml``/``*.yaml`` file, sorted so output is stable."""
    return [(kind, content_dir / kind / name) for kind, name in content_names(content_dir)]


def content_names(content_dir: Path) -> list[tuple[str, str]]:
    """``(kind, file name)`` for every ``*.yml``/``*.yaml`` file, sorted so output is stable:
    the listing :func:`content_files` gives, without a path object per file."""
    found = []
    for kind in KIND_FOLDERS:
        folder = content_dir / kind
        if folder.is_dir() and not folder.is_symlink():
            found += [(kind, name) for name in os.listdir(folder)
                      if _suffix(name) in RECORD_SUFFIXES]
    return sorted(found)


def _suffix(name: str) -> str:
    """``PurePath(name).suffix``, for a bare file name."""
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def _stem(name: str) -> str:
    """``PurePath(name).stem``, for a bare file name."""
    i = name.rfind(".")
    return name[:i] if 0 < i < len(name) - 1 else name


def stray_files(content_dir: Path) -> list[Problem]:
    """Warnings for files and folders in ``content/`` that are never read as records, such as
    ``pledges/x.yml.txt``, ``pledges/x.YML`` or a misspelt folder ``pledge/``."""
    problems = []
    if not content_dir.is_dir():
        return problems
    for entry in sorted(content_dir.iterdir(), key=lambda p: p.name):
        if entry.name.startswith(".") or entry.name.lower() in ("readme.md", "readme"):
            continue
        if entry.is_symlink():
            problems.append(Problem(display_path(entry), 1, 1, "error", "symlink",
                                    "symbolic links are not accepted in content/; commit the "
                                    "folder or file itself"))
        elif entry.is_dir() and entry.name in KIND_FOLDERS:
            problems += [_stray(entry / name, _NOT_READ.get(name.lower(), "records are files "
                                                                          "ending in .yml"))
                         for name in sorted(os.listdir(entry))
                         if (_suffix(name) not in RECORD_SUFFIXES and not name.startswith("."))
                         or name.lower() in _NOT_READ]
        else:
            problems.append(_stray(entry, "records go in content/<kind>/, where <kind> is one of "
                                   + ", ".join(KIND_FOLDERS)))
    return problems


# Hidden files are skipped quietly (.gitkeep), but not one whose whole name is the suffix: it
# was meant as a record and lacks its id.
_NOT_READ = {suffix: f"a record's file is named after its id, as in 'my-record{suffix}'; this "
             "name has no id before the dot" for suffix in RECORD_SUFFIXES}


def _stray(path: Path, why: str) -> Problem:
    return Problem(display_path(path), 1, 1, "warning", "not-a-record",
                   f"'{path.name}' is not read: {why}")


def iter_tree(content_dir: Path, root: Path, max_bytes: int,
              names: list[tuple[str, str]] | None = None,
              ) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Parse the content files one at a time: ``(document, problems)`` per file, after one
    ``(None, problems)`` for the folder itself (a linked ``content/``, stray files).
    ``names`` is :func:`content_names` when the caller has listed the folder already.

    A caller that checks each document as it comes and keeps only the result holds one node
    tree at a time instead of all of them (about 15 KB of nodes and marks per record).
    """
    problems, readable = folder_problems(content_dir)
    yield None, problems
    if not readable:
        return
    yield from iter_files(content_dir, root, max_bytes,
                          content_names(content_dir) if names is None else names)


def folder_problems(content_dir: Path) -> tuple[list[Problem], bool]:
    """The problems of the content folder itself and whether its files may be read: a linked
    ``content/`` is refused whole (a link could publish files from anywhere on the builder);
    otherwise the stray files (:func:`stray_files`)."""
    if content_dir.is_symlink():
        return [problem_at(display_path(content_dir), 1, 1, "symlink", "symbolic links are "
                           "not accepted in content/; commit the folder itself")], False
    return stray_files(content_dir), True


def iter_files(content_dir: Path, root: Path, max_bytes: int, names: list[tuple[str, str]],
               ) -> Iterator[tuple[Document | None, list[Problem]]]:
    """:func:`iter_tree`'s files alone: ``(document, problems)`` for each ``(kind, file
    name)`` of ``names``, in their order, without the checks of the folder itself."""
    places = {}
    for kind, name in names:
        if kind not in places:  # resolve each folder once, not each file
            places[kind] = (os.path.join(content_dir, kind, ""),) + _places(content_dir / kind,
                                                                            root)
        yield _load(kind, name, *places[kind], max_bytes)


def load_tree(content_dir: Path, root: Path,
              max_bytes: int) -> tuple[list[Document], list[Problem]]:
    """Parse every content file. Returns one document per file and all problems found."""
    documents, problems = [], []
    for document, found in iter_tree(content_dir, root, max_bytes):
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems


def load_file(kind: str, path: Path, root: Path, max_bytes: int) -> tuple[Document, list[Problem]]:
    """Read one file; the document's ``node`` is ``None`` when it cannot become a mapping."""
    return _load(kind, path.name, os.path.join(path.parent, ""), *_places(path.parent, root),
                 max_bytes)


def _places(folder: Path, root: Path) -> tuple[str, str]:
    """The prefix of a folder's files as shown in messages (see :func:`display_path`), and the
    folder relative to the site root (for edit links)."""
    real = folder.resolve()
    try:
        repo = real.relative_to(root.resolve()).as_posix()
    except ValueError:
        repo = real.name
    try:
        shown = real.relative_to(Path.cwd().resolve())
    except ValueError:
        shown = real
    return ("" if shown == Path(".") else os.path.join(shown, "")), repo


def _load(kind: str, name: str, folder: str, shown_prefix: str, repo_folder: str,
          max_bytes: int) -> tuple[Document, list[Problem]]:
    """Read and parse ``folder + name``; ``folder`` ends with a separator."""
    # Strings, not paths: this runs for every file, and pathlib's operations add up.
    shown = _printable(shown_prefix + name)
    repo_path = f"{repo_folder}/{name}".removeprefix("./")
    stem, path = _stem(name), folder + name
    if not name.isprintable():  # line breaks, bidi controls: names that disguise
        return Document(kind, stem, shown, repo_path, None), [problem_at(
            shown, 1, 1, "bad-file-name", "the file name has invisible or control characters; "
            "name the file after the record's id, as in 'my-record.yml'")]
    try:
        status = os.lstat(path)
        if stat.S_ISREG(status.st_mode) and status.st_size <= max_bytes:  # the common case
            with open(path, "rb") as file:
                data = _read(file, status.st_size, max_bytes)
            node, problems = parse_bytes(data, shown)
            return Document(kind, stem, shown, repo_path, node), problems
    except OSError as exc:
        return Document(kind, stem, shown, repo_path, None), [problem_at(
            shown, 1, 1, "unreadable", f"cannot read the file ({exc.strerror}); check its "
            "permissions")]
    return Document(kind, stem, shown, repo_path, None), [_refused(shown, status, max_bytes)]


def _refused(shown: str, status: os.stat_result, max_bytes: int) -> Problem:
    """Why a file that is not a regular file within the size cap is not read."""
    if stat.S_ISLNK(status.st_mode):
        return problem_at(shown, 1, 1, "symlink", "symbolic links are not accepted in content/; "
                        "commit the file itself")
    if not stat.S_ISREG(status.st_mode):
        return problem_at(shown, 1, 1, "not-a-file", "this is not a file (a folder or a device); "
                        "records are files ending in .yml")
    return problem_at(
        shown, 1, 1, "file-too-large",
        f"file is {status.st_size:,} bytes, over the limit of {max_bytes:,} bytes "
        "(max_file_bytes in site_config.yml); a record should be far smaller: "
        "check that nothing was pasted in by mistake")


def _read(file, size: int, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of an open file whose size was ``size``. Reading for the
    size found is several times cheaper than asking for ``max_bytes + 1`` (Python allocates
    the whole buffer first); a file that grew since is read on, up to the cap."""
    data = file.read(size + 1)
    if len(data) > size:
        data += file.read(max_bytes + 1 - len(data))
    return data

