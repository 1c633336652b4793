"""Stage 2a, validate each record: walk a YAML node tree against its kind's fields.

Works on nodes, not on loaded Python values, so that every problem has the line and column of
the value at fault, duplicate keys are seen (PyYAML's loader keeps the last silently) and
YAML 1.1's implicit types (``NO`` -> false, ``1.10`` -> 1.1) are caught before they change
data. Returns every problem; never raises on bad content.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import yaml

from . import schema
from .load import Document
from .problems import Problem
from .urls import check_url

Loc = tuple[int, int]
FieldPath = tuple  # ('updates', 0, 'sources', 1)

_ID_RE = re.compile(schema.ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
_STR = "tag:yaml.org,2002:str"
_YAML_TYPES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


@dataclass
class Checked:
    """A record whose fields passed the per-record checks it could.

    ``values`` maps field names to plain values (``str``, ``bool``, ``datetime.date``, lists,
    lists of dicts); fields that failed are absent. ``locs`` maps a field path such as
    ``("updates", 0, "date")`` to its ``(line, column)``, 1-based. ``ok`` is False when any
    error was found in this record.
    """

    kind: str
    relpath: str
    repo_path: str
    values: dict
    locs: dict[FieldPath, Loc] = field(default_factory=dict)
    ok: bool = True

    @property
    def id(self) -> str:
        return self.values.get("id", "")

    def loc(self, *path) -> Loc:
        """Location of a field path, falling back to its nearest located parent."""
        while path and path not in self.locs:
            path = path[:-1]
        return self.locs.get(path, (1, 1))


class _Walker:
    """Converts one document's nodes, collecting problems with locations."""

    def __init__(self, doc: Document, zone: ZoneInfo):
        self.doc, self.zone, self.problems = doc, zone, []
        self.record = Checked(doc.kind, doc.relpath, doc.repo_path, {})

    def error(self, node_or_loc, code: str, message: str, severity="error") -> None:
        line, col = (node_or_loc if isinstance(node_or_loc, tuple) else
                     (node_or_loc.start_mark.line + 1, node_or_loc.start_mark.column + 1))
        self.problems.append(Problem(self.doc.relpath, line, col, severity, code, message))
        if severity == "error":
            self.record.ok = False

    def mapping(self, node: yaml.MappingNode, fields: tuple[schema.Field, ...],
                path: FieldPath) -> dict:
        known = _known(fields)
        out, seen = {}, {}
        for key_node, value_node in node.value:
            name = key_node.value
            # The usual case inline (a plain-text key naming a field); self.key reports others.
            if not (key_node.tag == _STR and type(key_node) is yaml.ScalarNode
                    and name in known):
                name = self.key(key_node, known)
                if name is None:
                    continue
            if name in seen:
                self.error(key_node, "duplicate-key",
                           f"duplicate field '{name}' (also on line {seen[name]}); "
                           "keep one of them")
                continue
            seen[name] = key_node.start_mark.line + 1
            sub = _intern(path + (name,))
            mark = value_node.start_mark
            self.record.locs[sub] = (mark.line + 1, mark.column + 1)
            value = self.value(value_node, known[name], sub)
            if value is not None:
                out[name] = value
        for f in fields:
            if f.required and f.name not in seen:
                where = f" in {_describe(path)}" if path else ""
                self.error(node, "missing-field", f"missing required field '{f.name}'{where}")
        return out

    def key(self, key_node: yaml.Node, known: dict) -> str | None:
        if key_node.tag == "tag:yaml.org,2002:merge":
            self.error(key_node, "yaml-merge", "merge keys ('<<') are not allowed; "
                       "write the fields out in full")
            return None
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
            self.error(key_node, "bad-key", f"field name {_shown(key_node)} must be plain text")
            return None
        name = key_node.value
        if name not in known:
            hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
            fix = f"did you mean '{hint[0]}'?" if hint else f"known fields: {', '.join(known)}"
            self.error(key_node, "unknown-field", f"unknown field '{name}'; {fix}")
            return None
        return name

    def value(self, node: yaml.Node, f: schema.Field, path: FieldPath):
        if f.type in (schema.REFS, schema.SLUGS, schema.OBJECTS):
            return self.sequence(node, f, path)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "wrong-type", f"field '{f.name}' must be {_expected(f)}, "
                       f"not a {'list' if isinstance(node, yaml.SequenceNode) else 'mapping'}")
            return None
        return self.scalar(node, f)

    def sequence(self, node: yaml.Node, f: schema.Field, path: FieldPath) -> list | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "wrong-type", f"field '{f.name}' must be a list ({_expected(f)})")
            return None
        if len(node.value) < f.min_items:
            self.error(node, "too-few-items",
                       f"field '{f.name}' needs at least {f.min_items} item(s)")
        items = []
        for i, item in enumerate(node.value):
            sub = _intern(path + (i,))
            self.record.locs[sub] = (item.start_mark.line + 1, item.start_mark.column + 1)
            value = self.item(item, f, sub)
            if value is not None:
                items.append(value)
        return items

    def item(self, node: yaml.Node, f: schema.Field, path: FieldPath):
        if f.type == schema.OBJECTS:
            if not isinstance(node, yaml.MappingNode):
                self.error(node, "wrong-type", f"each item of '{f.name}' must be a mapping "
                           f"of {', '.join(x.name for x in f.item)}")
                return None
            return self.mapping(node, f.item, path)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "wrong-type", f"each item of '{f.name}' must be an id")
            return None
        return self.string(node, f, _Walker.check_id)

    def scalar(self, node: yaml.ScalarNode, f: schema.Field):
        if f.type == schema.DATE:
            return self.date(node, f)
        if f.type == schema.BOOL:
            if node.tag != "tag:yaml.org,2002:bool" or node.value not in ("true", "false"):
                self.error(node, "wrong-type", f"field '{f.name}' must be true or false, "
                           f"not {_shown(node)}")
                return None
            return node.value == "true"
        return self.string(node, f, _STRING_CHECKS[f.type])

    def string(self, node: yaml.ScalarNode, f: schema.Field, check) -> str | None:
        if node.tag != _STR:
            found = _YAML_TYPES.get(node.tag, node.tag)
            if node.tag == "tag:yaml.org,2002:null":
                self.error(node, "empty-value", f"field '{f.name}' is empty; give it a value "
                           "or remove the line")
            else:
                self.error(node, "yaml-type", f"quote this value: YAML reads {node.value} as "
                           f"{found}, but '{f.name}' is text; write \"{node.value}\"")
            return None
        value = node.value
        return value if check(self, node, f, value) else None

    def check_id(self, node, f: schema.Field, value: str) -> bool:
        if _ID_RE.match(value):
            return True
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        self.error(node, "bad-id", f"'{value}' is not a valid id for '{f.name}': use lower-case "
                   f"letters, digits and single hyphens (e.g. '{suggestion or 'my-record'}')")
        return False

    def check_enum(self, node, f: schema.Field, value: str) -> bool:
        if value in f.choices:
            return True
        hint = difflib.get_close_matches(value, f.choices, n=1, cutoff=0.5)
        fix = f"; did you mean '{hint[0]}'?" if hint else ""
        self.error(node, "bad-enum", f"{f.name} '{value}' is not one of: "
                   f"{', '.join(f.choices)}{fix}")
        return False

    def check_url(self, node, f: schema.Field, value: str) -> bool:
        message = check_url(value)
        if message:
            self.error(node, "bad-url", f"field '{f.name}': {message}")
        return message is None

    def check_text(self, node, f: schema.Field, value: str) -> bool:
        """Text fields; a ``line`` field must also be one line."""
        stripped = value.strip()
        if not stripped:
            self.error(node, "empty-value", f"field '{f.name}' is empty; give it a value")
            return False
        one_line = f.type == schema.LINE
        if one_line and "\n" in stripped:
            self.error(node, "multi-line", f"field '{f.name}' must be one line")
            return False
        if one_line and _BIDI.search(value):
            self.error(node, "bidi-control", f"field '{f.name}' contains a bidirectional control "
                       "character, which can disguise text; remove it unless it is needed",
                       severity="warning")
        return True

    def date(self, node: yaml.ScalarNode, f: schema.Field) -> dt.date | None:
        text = node.value.strip()
        if node.tag not in (_STR, "tag:yaml.org,2002:timestamp"):
            self.error(node, "bad-date", f"field '{f.name}' must be a date YYYY-MM-DD, "
                       f"not {_shown(node)}")
            return None
        if _DATETIME_RE.match(text):
            return self.datetime(node, f, text)
        if not _DATE_RE.match(text):
            self.error(node, "bad-date", f"field '{f.name}': '{text}' is not a date; "
                       "write it as YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.error(node, "bad-date", f"field '{f.name}': {text} is not a real calendar date")
            return None

    def datetime(self, node, f: schema.Field, text: str) -> dt.date | None:
        try:
            moment = dt.datetime.fromisoformat(text.replace("t", "T").replace("z", "Z"))
        except ValueError:
            self.error(node, "bad-date", f"field '{f.name}': '{text}' is not a real date-time")
            return None
        if moment.tzinfo is None:
            self.error(node, "naive-datetime", f"field '{f.name}': date-time '{text}' has no "
                       "time zone; add one (e.g. '+00:00' or 'Z') or give just the date")
            return None
        return moment.astimezone(self.zone).date()


# How each kind of text-valued field is checked: ``check(walker, node, field, value)``.
_STRING_CHECKS = {schema.ID: _Walker.check_id, schema.REF: _Walker.check_id,
                  schema.ENUM: _Walker.check_enum, schema.URL: _Walker.check_url,
                  schema.LINE: _Walker.check_text, schema.TEXT: _Walker.check_text}
_KNOWN: dict[int, tuple[tuple[schema.Field, ...], dict[str, schema.Field]]] = {}


_PATHS: dict[FieldPath, FieldPath] = {}


def _intern(path: FieldPath) -> FieldPath:
    """One tuple per field path for all records (``("updates", 0, "date")`` recurs in every
    pledge): the locations of 10,000 pledges' records take a third less memory."""
    return _PATHS.setdefault(path, path)


def _known(fields: tuple[schema.Field, ...]) -> dict[str, schema.Field]:
    """``{name: field}``, made once per field list (they are the schema's constants)."""
    entry = _KNOWN.get(id(fields))
    if entry is None or entry[0] is not fields:
        entry = _KNOWN[id(fields)] = (fields, {f.name: f for f in fields})
    return entry[1]


def _describe(path: FieldPath) -> str:
    return " ".join(f"item {p + 1} of" if isinstance(p, int) else f"'{p}'" for p in reversed(path))


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return f"'{node.value}'"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _expected(f: schema.Field) -> str:
    if f.type in (schema.REFS, schema.SLUGS):
        return "a list of ids"
    if f.type == schema.OBJECTS:
        return "a list of mappings"
    return {schema.DATE: "a date", schema.BOOL: "true or false"}.get(f.type, "text")


def check_document(doc: Document, zone: ZoneInfo) -> tuple[Checked, list[Problem]]:
    """Check one document against its kind's fields, and its id against its file name."""
    walker = _Walker(doc, zone)
    walker.record.values = walker.mapping(doc.node, schema.KINDS[doc.kind], ())
    record_id = walker.record.values.get("id")
    if record_id is not None and record_id != doc.stem:
        walker.error(walker.record.loc("id"), "id-mismatch",
                     f"id '{record_id}' does not match the file name '{doc.stem}'; "
                     f"rename the file to '{record_id}.yml' or set id: {doc.stem}")
    return walker.record, walker.problems
