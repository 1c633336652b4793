"""YAML text to node trees that keep line and column, refusing what YAML would misread.

One file's bytes become a ``yaml.MappingNode``: UTF-8 (a byte-order mark and CRLF line ends are
fine), spaces for indentation, no control characters, no anchors or aliases, and a mapping at
the top. Every problem is returned, never raised.
"""

from __future__ import annotations

import re

import yaml

from pledgewatch.core.problems import Problem
from pledgewatch.core.scalars import CONTROL
from pledgewatch.core.schema import MAX_DEPTH

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
    resolvers (tests/test_fast_paths.py compares the node trees)."""

    # The parser also calls these two around every node, for path resolvers, which
    # SafeLoader has none of: C built-ins that take the same arguments and do nothing are
    # several times cheaper to call than the Python methods.
    descend_resolver = staticmethod(slice)  # slice(parent, index)
    ascend_resolver = staticmethod(tuple)  # tuple()

    if hasattr(yaml, "CSafeLoader") and _BaseLoader is yaml.CSafeLoader:
        def __init__(self, stream):
            # libyaml's parser alone: composing nodes needs neither the constructor's state
            # nor the resolver's path stacks, and this runs once per file.
            yaml.cyaml.CParser.__init__(self, stream)

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

# An anchor or alias token follows the start of a line, a space or a flow indicator, and has
# at least one name character (YAML 1.2 [101]-[104]). Text that cannot hold one skips the event
# scan, so "AT&T" or "bridge & library" cost nothing.
_ANCHOR_START = re.compile(r"[&*][^\s\[\]{},]")
_BEFORE_ANCHOR = frozenset(" \t\n[]{},:?-")
_REPLACEMENT = "\ufffd"
# U+2028 and U+2029 are line breaks to libyaml (YAML 1.1) but not to editors or GitHub, so a
# pasted one would move every line number after it; refused like control characters.
_REFUSED = re.compile(CONTROL.pattern[:-1] + "\u2028\u2029]")
_SEPARATORS = {"\u2028": "line separator", "\u2029": "paragraph separator"}
_MAX_CONTROLS = 10

def parse_bytes(data: bytes, shown: str) -> tuple[yaml.MappingNode | None, list[Problem]]:
    """Decode and parse one file's bytes into its root mapping node, with every problem found.

    ``shown`` is the path printed in problems. Never raises on bad content.
    """
    text, problems = _decode(data, shown)
    if text is None:
        return None, problems
    controls = list(_REFUSED.finditer(text)) if _REFUSED.search(text) else []
    if controls:  # libyaml refuses them; stand-ins keep every column so the rest still parses
        text = _REFUSED.sub(_REPLACEMENT, text)
    if _may_hold_anchors(text):
        refused = _anchors_and_aliases(text, shown)
        if refused:  # never compose: an alias bomb must not reach anything that expands it
            return None, _controls(controls, text, None, shown) + refused
    node, problems = _compose(text, shown)
    return node, (_controls(controls, text, node, shown) + problems if controls else problems)


def _may_hold_anchors(text: str) -> bool:
    return _ANCHOR_START.search(text) is not None and any(
        m.start() == 0 or text[m.start() - 1] in _BEFORE_ANCHOR
        for m in _ANCHOR_START.finditer(text))


def problem_at(shown: str, line: int, col: int, code: str, message: str) -> Problem:
    return Problem(shown, line, col, "error", code, message)


def _decode(data: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[:400].count(b"\x00") > 40:
        wide = "UTF-32" if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")) or (
            data[:400].count(b"\x00\x00\x00") > 20) else "UTF-16"
        return None, [problem_at(shown, 1, 1, "not-utf8", f"file is saved as {wide}; "
                               "save it as UTF-8 (the usual choice, called 'UTF-8' in editors)")]
    data = data.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte-order mark is not content
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = data.rfind(b"\n", 0, exc.start) + 1
        before = data[start:exc.start].decode("utf-8", errors="replace")
        line = data.count(b"\n", 0, exc.start) + 1
        return None, [problem_at(shown, line, len(before) + 1, "not-utf8",
                               f"byte 0x{data[exc.start]:02x} is not valid UTF-8 (the file was "
                               "probably saved as Latin-1 or Windows-1252); save it as UTF-8")]
    # YAML treats CR LF and a lone CR as one line break; normalise so columns match the parser.
    return (text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text), []


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _controls(matches, text: str, node: yaml.Node | None, shown: str) -> list[Problem]:
    problems = []
    for match in matches[:_MAX_CONTROLS]:
        line, col = _position(text, match.start())
        where, char = _where(node, line - 1, col - 1), match.group()
        if char in _SEPARATORS:
            problems.append(problem_at(shown, line, col, "line-separator",
                                     f"{_SEPARATORS[char]} U+{ord(char):04X}{where} is not "
                                     "allowed: YAML reads it as a line break; replace it with "
                                     "a space"))
            continue
        problems.append(problem_at(shown, line, col, "control-character",
                                 f"control character U+{ord(char):04X}{where} is not "
                                 "allowed; delete it (it is invisible in most editors)"))
    if len(matches) > _MAX_CONTROLS:  # a binary file: the first few say enough
        line, col = _position(text, matches[_MAX_CONTROLS].start())
        problems.append(problem_at(shown, line, col, "control-character",
                                 f"{len(matches) - _MAX_CONTROLS:,} more control characters "
                                 "from here on; is this a text file?"))
    return problems


def _where(node: yaml.Node | None, line: int, col: int) -> str:
    """`` in 'summary' in item 2 of 'updates'`` for the field holding a 0-based position."""
    if node is None:
        return ""
    stack = [(node, ())]
    while stack:  # iterative: nesting depth is not trusted here
        current, current_path = stack.pop()
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if _contains(key, line, col):
                    return f" in the field name {describe_path(current_path + (key.value,))}"
                stack.append((value, current_path + (str(key.value),)))
        elif isinstance(current, yaml.SequenceNode):
            stack += [(item, current_path + (i,)) for i, item in enumerate(current.value)]
        elif _contains(current, line, col) and current_path:
            return f" in {describe_path(current_path)}"
    return " in a comment or between fields"


def _contains(node: yaml.Node, line: int, col: int) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= (line, col) < (end.line, end.column)


def describe_path(path: tuple) -> str:
    """``('updates', 1, 'summary')`` -> ``'summary' in item 2 of 'updates'``."""
    return " ".join(f"item {p + 1} of" if isinstance(p, int) else f"'{p}'"
                    for p in reversed(path)).removesuffix(" of")


def _anchors_and_aliases(text: str, shown: str) -> list[Problem]:
    """Event-level scan: nothing is expanded, so an alias bomb is refused in one linear pass.

    Reports each anchor where it is defined and each alias name where it is first used (with
    the number of uses), so a hostile file gives a short list rather than one line per alias.
    """
    anchors, aliases = {}, {}
    try:
        for event in yaml.parse(text, Loader=Loader):
            name = getattr(event, "anchor", None)
            if name is None:
                continue
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent):
                aliases.setdefault(name, [mark, 0])[1] += 1
            else:
                anchors.setdefault(name, mark)
    except yaml.YAMLError:
        pass  # a syntax error after the anchors; fixing the anchors comes first
    problems = [problem_at(shown, mark.line + 1, mark.column + 1, "yaml-anchor",
                         f"YAML anchor '&{name}' is not allowed: anchors and aliases copy "
                         f"values; delete '&{name}' and write the value out wherever it is used")
                for name, mark in anchors.items()]
    for name, (mark, uses) in aliases.items():
        more = f" (and {uses - 1} more use{'s' if uses > 2 else ''})" if uses > 1 else ""
        problems.append(problem_at(shown, mark.line + 1, mark.column + 1, "yaml-alias",
                                 f"YAML alias '*{name}'{more} is not allowed: write the value "
                                 "out in full instead"))
    return problems


_COMMENT = re.compile(r"(?:^|\s)#")


def _compose(text: str, shown: str) -> tuple[yaml.Node | None, list[Problem]]:
    try:
        loader = Loader(text)  # yaml.compose, without its call
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(exc, text, shown)]
    except (yaml.YAMLError, RecursionError) as exc:  # pure-Python fallback only
        return None, [problem_at(shown, 1, 1, "yaml-syntax", f"YAML syntax: {exc}")]
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        kind = "comments only" if _COMMENT.search(text) else "empty"  # '---' alone: empty
        return None, [problem_at(shown, 1, 1, "empty-file",
                               f"file has no fields ({kind}); a record is a mapping of fields, "
                               "one per line, such as 'id: my-record'")]
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        return None, [problem_at(shown, mark.line + 1, mark.column + 1, "not-a-mapping",
                               "the top level must be a mapping of fields ('field: value' on "
                               f"each line), not {_node_kind(node)}")]
    return node, []


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, col = mark.line + 1, mark.column + 1
    problem = exc.problem or ""
    lines = text.split("\n")
    if mark.line < len(lines) and lines[mark.line][mark.column:mark.column + 1] == "\t":
        return problem_at(shown, line, col, "tab-indent",
                        "tab used for indentation; YAML needs spaces: replace the tab with spaces")
    if "maximum nesting depth" in problem:
        return problem_at(shown, line, col, "too-deep",
                        "lists and mappings are nested over 1,000 levels deep here; a record "
                        f"nests at most {MAX_DEPTH} levels (a pledge, its updates, an update, "
                        "its sources): check the brackets and the indentation")
    if "another document" in problem:
        return problem_at(shown, line, col, "multiple-documents",
                        "a second YAML document starts here; a file holds one record: delete "
                        "this '---' line, or move what follows into its own file")
    context = exc.context or ""
    if context and exc.context_mark and exc.context_mark is not mark:
        context += (f" (which starts at line {exc.context_mark.line + 1}, "
                    f"column {exc.context_mark.column + 1})")
    message = ": ".join(filter(None, [context, problem]))
    return problem_at(shown, line, col, "yaml-syntax", f"YAML syntax: {message}; check the "
                    "quotes, brackets and indentation around here")


def _node_kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    value = node.value if len(node.value) <= 40 else node.value[:39] + "…"
    return f"the single value '{value}'"
