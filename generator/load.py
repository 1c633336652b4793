"""Stage 1, load: read every content file into a YAML node tree that keeps line and column.

Nothing here interprets fields; it only makes sure each file is a readable YAML 1.2-compatible
document: UTF-8 (a byte-order mark and CRLF line ends are fine), no tabs in indentation, no
control characters, no anchors, aliases or merge keys, within the size cap. Every problem is
returned, never raised.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .problems import Problem

try:  # libyaml's C parser: the same nodes, several times faster.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

# SafeLoader's implicit resolvers (YAML 1.1 bool, int, float, null, timestamp, merge, value),
# by the first character of the plain scalar they can match.
_IMPLICIT = {first: tuple(resolvers)
             for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()}


class Loader(_BaseLoader):
    """The safe loader with a leaner resolver: the parser calls it for every node, and
    SafeLoader's general version (path resolvers, wildcard resolvers, list concatenation)
    costs a sixth of the parse. The tags are the same: SafeLoader has no path or wildcard
    resolvers."""

    # The parser also calls these two around every node, for path resolvers, which
    # SafeLoader has none of: C built-ins that take the same arguments and do nothing are
    # several times cheaper to call than the Python methods.
    descend_resolver = staticmethod(slice)  # slice(parent, index)
    ascend_resolver = staticmethod(tuple)  # tuple()

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        if kind is yaml.SequenceNode:
            return self.DEFAULT_SEQUENCE_TAG
        return self.DEFAULT_MAPPING_TAG

KIND_FOLDERS = ("actors", "sources", "pledges", "deadlines", "quotes")

# XML 1.0 forbids C0 controls but tab/LF/CR; C1 controls and U+FFFE/U+FFFF break feeds.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_NODE_START = "[{,:"  # besides white space and the start of the text
_NOT_ANCHOR_CHAR = ",[]{}"  # besides white space (YAML 1.2, production ns-anchor-char)


@dataclass(frozen=True)
class Document:
    """One content file, parsed.

    ``kind`` is the folder name (``pledges`` ...); ``relpath`` is the path shown in messages
    (relative to the working directory when possible); ``repo_path`` is relative to the site
    root (for edit links); ``node`` is the root ``yaml.MappingNode``.
    """

    kind: str
    stem: str
    relpath: str
    repo_path: str
    node: yaml.MappingNode


def display_path(path: Path) -> str:
    """``path`` relative to the working directory where it lies below it, else absolute."""
    return _below(_real(path), _real_folder(os.getcwd())) or str(path)


@lru_cache(maxsize=256)
def _real_folder(folder: str) -> str:
    # Resolving every file costs one lstat per path component; the folders are few.
    return os.path.realpath(folder)


def _real(path: Path | str) -> str:
    folder, sep, name = os.fspath(path).rpartition(os.sep)
    real = _real_folder(folder or sep or ".")  # "a.yml" is in ".", "/a.yml" in "/"
    return real + name if real.endswith(os.sep) else real + os.sep + name


def _below(real: str, folder: str) -> str | None:
    """``real`` relative to ``folder`` (both resolved), or ``None`` when it is not below it."""
    prefix = folder.rstrip(os.sep) + os.sep
    return real[len(prefix):] if real.startswith(prefix) else None


def content_files(content_dir: Path) -> list[tuple[str, Path]]:
    """``(kind, path)`` for every ``*.yml``/``*.yaml`` file, sorted so output is stable."""
    found = []
    for kind in KIND_FOLDERS:
        folder = content_dir / kind
        if folder.is_dir():
            found += [(kind, p) for p in folder.iterdir() if p.suffix in (".yml", ".yaml")]
    return sorted(found, key=lambda item: (item[0], item[1].name))


def iter_tree(files: list[tuple[str, Path]], root: Path, max_bytes: int,
              ) -> Iterator[tuple[Document | None, list[Problem]]]:
    """Parse ``files`` (from :func:`content_files`) one at a time: ``(document or None,
    problems)`` per file.

    A caller that checks each document as it comes and keeps only the result holds one node
    tree at a time, instead of all of them (about 15 KB of nodes and marks per record).
    """
    _real_folder.cache_clear()  # folders may have moved since the last build (serve)
    for kind, path in files:
        yield load_file(kind, path, root, max_bytes)


def load_tree(content_dir: Path, root: Path, max_bytes: int) -> tuple[list[Document], list[Problem]]:
    """Parse every content file. Returns the documents that parsed and all problems found."""
    documents, problems = [], []
    for document, found in iter_tree(content_files(content_dir), root, max_bytes):
        problems += found
        if document is not None:
            documents.append(document)
    return documents, problems


def load_file(kind: str, path: Path, root: Path, max_bytes: int) -> tuple[Document | None, list[Problem]]:
    """Read one file; ``(None, problems)`` when it cannot become a mapping node."""
    name = os.fspath(path)  # once: every os call below would convert the Path again
    real = _real(name)
    shown = _below(real, _real_folder(os.getcwd())) or name  # as display_path(path)
    text, problems = _read_text(name, shown, max_bytes)
    if text is None:
        return None, problems
    problems = _scan_text(text, shown)
    if problems:
        return None, problems
    node, problems = _compose(text, shown)
    if node is None:
        return None, problems
    repo_path = _below(real, _real_folder(str(root)))
    repo_path = repo_path.replace(os.sep, "/") if repo_path else path.name
    return Document(kind, os.path.splitext(os.path.basename(name))[0], shown, repo_path,
                    node), []


def _problem(shown: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(shown, line, col, "error", code, message)


def _read_text(path: str, shown: str, max_bytes: int) -> tuple[str | None, list[Problem]]:
    status = os.lstat(path)  # one system call for both checks
    if stat.S_ISLNK(status.st_mode):
        return None, [_problem(shown, 0, 0, "symlink",
                               "symbolic links are not accepted in content/; commit the file itself")]
    size = status.st_size
    if size > max_bytes:
        return None, [_problem(shown, 0, 0, "file-too-large",
                               f"file is {size:,} bytes, over the limit of {max_bytes:,}; "
                               "split it into smaller records")]
    with open(path, "rb") as file:
        data = file.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [_problem(shown, line, col, "not-utf8",
                               f"byte 0x{data[exc.start]:02x} is not valid UTF-8; "
                               "save the file as UTF-8")]
    return text.replace("\r\n", "\n"), []


def _scan_text(text: str, shown: str) -> list[Problem]:
    problems = []
    for match in _CONTROL.finditer(text):
        line, col = _position(text, match.start())
        problems.append(_problem(shown, line, col, "control-character",
                                 f"control character U+{ord(match.group()):04X} is not allowed; "
                                 "delete it (it is invisible in most editors)"))
    for match in (_TAB_INDENT.finditer(text) if "\t" in text else ()):
        line, col = _position(text, match.end() - 1)
        problems.append(_problem(shown, line, col, "tab-indent",
                                 "tab used for indentation; YAML needs spaces"))
    if not problems and _may_have_anchors(text):
        problems += _anchors_and_aliases(text, shown)
    return problems


def _may_have_anchors(text: str) -> bool:
    """False when no '&' or '*' in ``text`` can start an anchor or alias: one must begin a
    node (after white space, a flow indicator or the start) and be followed by an anchor
    character. Prose like "AT&T" or a URL's "?a=1&b=2" then skips the event scan."""
    for mark in "&*":
        at = text.find(mark)
        while at >= 0:
            before, after = text[at - 1:at] or " ", text[at + 1:at + 2]
            if ((before.isspace() or before in _NODE_START) and after and not after.isspace()
                    and after not in _NOT_ANCHOR_CHAR):
                return True
            at = text.find(mark, at + 1)
    return False


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _anchors_and_aliases(text: str, shown: str) -> list[Problem]:
    """Event-level scan: no expansion happens, so an alias bomb is refused in microseconds."""
    problems = []
    try:
        for event in yaml.parse(text, Loader=Loader):
            name = "alias" if isinstance(event, yaml.AliasEvent) else "anchor"
            if getattr(event, "anchor", None):
                mark = event.start_mark
                problems.append(_problem(shown, mark.line + 1, mark.column + 1, f"yaml-{name}",
                                         f"YAML {name} '{event.anchor}' is not allowed; "
                                         "write the value out in full"))
    except yaml.YAMLError:
        pass  # reported, with its location, by _compose
    return problems


def _compose(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [_problem(shown, mark.line + 1, mark.column + 1, "yaml-syntax",
                               f"YAML syntax: {message}")]
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [_problem(shown, 0, 0, "yaml-syntax", f"YAML syntax: {exc}")]
    if node is None:
        return None, [_problem(shown, 1, 1, "empty-file",
                               "file is empty; a record is a mapping of fields such as 'id: ...'")]
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        return None, [_problem(shown, mark.line + 1, mark.column + 1, "not-a-mapping",
                               "the top level must be a mapping of fields ('field: value'), "
                               f"not a {_node_kind(node)}")]
    return node, []


def _node_kind(node: yaml.Node) -> str:
    return {yaml.SequenceNode: "list", yaml.ScalarNode: "single value"}.get(type(node), "mapping")
