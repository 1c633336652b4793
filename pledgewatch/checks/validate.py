"""Checks of each record: walk a YAML node tree against its kind's fields.

Works on nodes, not on loaded Python values, so that every problem has the line and column of
the value at fault, duplicate keys are seen (PyYAML's loader keeps the last silently) and
YAML 1.1's implicit types (``NO`` -> false, ``1.10`` -> 1.1) are caught before they change
data. Single values are checked by their field type (``core.fields``). Returns every problem;
never raises on bad content.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import yaml

from pledgewatch.core import routes, schema
from pledgewatch.core.fields import ID_RE
from pledgewatch.core.problems import Problem
from pledgewatch.core.scalars import STR, Rejected
from pledgewatch.ingest.load import Document
from pledgewatch.ingest.yaml_nodes import describe_path

Loc = tuple[int, int]
FieldPath = tuple  # ('updates', 0, 'sources', 1)

_MERGE = "tag:yaml.org,2002:merge"


_NO_FAILURES: frozenset = frozenset()  # shared by the records with nothing refused


@dataclass(slots=True)
class Checked:
    """A record whose fields passed the per-record checks it could.

    ``values`` maps field names to plain values (``str``, ``bool``, ``datetime.date``, lists,
    lists of dicts); fields that failed are absent, and a refused list item is ``None``, so
    that ``values["made_to"][i]`` is still the item at ``("made_to", i)``. ``locs`` maps a
    field path such as ``("updates", 0, "date")`` to its ``(line, column)``, 1-based.
    ``ok`` is False when any error was found in this record; ``failed`` holds the paths of
    fields present but refused (so that cross-record checks do not read them as absent).
    ``readable`` is False when the file could not be parsed at all: ``values`` then holds
    only the file name as ``id``, so that references to it do not add noise to the loader's
    problem.
    """

    kind: str
    relpath: str
    repo_path: str
    values: dict
    locs: dict[FieldPath, Loc] = field(default_factory=dict)
    ok: bool = True
    readable: bool = True
    failed: set[FieldPath] | frozenset = _NO_FAILURES

    @property
    def id(self) -> str:
        return self.values.get("id", "")

    def loc(self, *path) -> Loc:
        """Location of a field path, falling back to its nearest located parent."""
        while path and path not in self.locs:
            path = path[:-1]
        return self.locs.get(path, (1, 1))


def _at(node: yaml.Node) -> Loc:
    return node.start_mark.line + 1, node.start_mark.column + 1


_ScalarNode = yaml.ScalarNode


class _Fields:
    """A field list prepared once for the walker: ``known`` maps each name to its field and
    its path at the top level (shared by every record of the kind); ``required`` lists the
    fields that must be present."""

    __slots__ = ("fields", "known", "required", "required_names")

    def __init__(self, fields: tuple[schema.Field, ...]):
        self.fields = fields
        self.known = {f.name: (f, (f.name,)) for f in fields}
        self.required = tuple(f for f in fields if f.required)
        self.required_names = frozenset(f.name for f in self.required)


_PREPARED: dict[int, _Fields] = {}


def _prepared(fields: tuple[schema.Field, ...]) -> _Fields:
    found = _PREPARED.get(id(fields))
    if found is None or found.fields is not fields:
        found = _PREPARED[id(fields)] = _Fields(fields)
    return found


class _Walker:
    """Converts one document's nodes, collecting problems with locations.

    The loops are written out for the common case (a plain field name, a plain id): they run
    for every value of every record, so each Python call saved there counts.
    """

    def __init__(self, doc: Document, zone: ZoneInfo):
        self.doc, self.zone, self.problems = doc, zone, []
        self.record = Checked(doc.kind, doc.relpath, doc.repo_path, {})
        self.failed: set[FieldPath] = set()  # the record's, when anything is refused
        # Did-you-mean for the first unknown field names of a record only: difflib costs
        # 50 microseconds a name, and a file of 80,000 unknown names took 5 seconds.
        self.hints_left = 20

    def error(self, where, code: str, message: str, severity="error") -> None:
        line, col = where if isinstance(where, tuple) else _at(where)
        self.problems.append(Problem(self.doc.relpath, line, col, severity, code, message))
        if severity == "error":
            self.record.ok = False

    def mapping(self, node: yaml.MappingNode, fields: tuple[schema.Field, ...],
                path: FieldPath) -> dict:
        prepared = _prepared(fields)
        known, zone = prepared.known, self.zone
        locs, failed, str_tag, scalar = self.record.locs, self.failed, STR, _ScalarNode
        out, seen, merged, suggested = {}, {}, False, set()
        for key_node, value_node in node.value:
            name = key_node.value
            if key_node.tag != str_tag or not isinstance(key_node, scalar) or name not in known:
                if key_node.tag == _MERGE:
                    merged = True
                    self.error(key_node, "yaml-merge", "merge keys ('<<') are not allowed: "
                               "they copy fields from elsewhere; write the fields out in full")
                    continue
                name = self.key(key_node, known, suggested)
                if name is None:
                    continue
            if name in seen:
                self.error(key_node, "duplicate-key",
                           f"duplicate field '{name}' (also on line "
                           f"{seen[name].start_mark.line + 1}); YAML would keep only this one: "
                           "delete one of them")
                continue
            seen[name] = key_node
            f, sub = known[name]
            if path:
                sub = path + sub
            mark = value_node.start_mark
            locs[sub] = (mark.line + 1, mark.column + 1)
            if f.is_list:
                value = self.sequence(value_node, f, sub)
            elif isinstance(value_node, scalar):
                try:
                    value = f.check(value_node, zone)
                except Rejected as rejected:
                    self.error(value_node, rejected.code, rejected.message, rejected.severity)
                    value = rejected.value
            else:
                self.error(value_node, "wrong-type", f"field '{f.name}' must be "
                           f"{f.expected}, not {_shown(value_node)}")
                value = None
            if value is None:
                failed.add(sub)
            else:
                out[name] = value
        if not prepared.required_names <= seen.keys():
            self.missing(node, prepared.required, seen, merged, suggested, path)
        return out

    def missing(self, node: yaml.MappingNode, required: tuple[schema.Field, ...], seen: dict,
                merged: bool, suggested: set, path: FieldPath) -> None:
        for f in required:
            # A merge key or a misspelt name ('staus') already explains the missing field.
            if f.name not in seen and not merged and f.name not in suggested:
                where = f" in {describe_path(path)}" if path else ""
                self.error(node, "missing-field", f"missing required field '{f.name}'{where}")

    def key(self, key_node: yaml.Node, known: dict, suggested: set) -> str | None:
        """The field name, or None after reporting it; adds did-you-mean names to
        ``suggested``."""
        if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != STR:
            self.error(key_node, "bad-key", f"field name {_shown(key_node)} must be plain text")
            return None
        name = key_node.value
        if name not in known:
            self.hints_left -= 1
            hint = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6) if (
                self.hints_left >= 0) else []
            fix = f"did you mean '{hint[0]}'?" if hint else f"known fields: {', '.join(known)}"
            suggested.update(hint)
            self.error(key_node, "unknown-field", f"unknown field '{name}'; {fix}")
            return None
        return name

    def sequence(self, node: yaml.Node, f: schema.Field, path: FieldPath) -> list | None:
        """A list field's items (``None`` for a refused item); its length against
        ``min_items``/``max_items``, and each item once when ``unique_items``."""
        ids = not f.item  # a list of ids, not of mappings
        if not isinstance(node, yaml.SequenceNode):
            found = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else "a mapping"
            fix = (f"; write [{node.value}]" if isinstance(node, yaml.ScalarNode)
                   and node.tag == STR and ids else "")
            self.error(node, "wrong-type", f"field '{f.name}' must be {f.expected}, "
                       f"not {found}{fix}")
            return None
        listed = self.length(node, f, path)
        locs, failed, str_tag, scalar = self.record.locs, self.failed, STR, _ScalarNode
        plain_id, unique = ID_RE.fullmatch, f.unique_items
        items, first = [], {}
        for i, item in enumerate(listed):
            sub = path + (i,)
            mark = item.start_mark
            locs[sub] = (mark.line + 1, mark.column + 1)
            value = item.value
            if not (ids and item.tag == str_tag and isinstance(item, scalar) and plain_id(value)):
                value = self.item(item, f, sub)
            if value is None:
                failed.add(sub)
            elif unique and isinstance(value, str) and value in first:
                self.error(item, "duplicate-item", f"'{value}' is listed twice in "
                           f"'{f.name}' (also item {first[value] + 1}); delete one")
                value = None
            elif isinstance(value, str):
                first[value] = i
            items.append(value)  # None keeps the place of a refused item: paths stay true
        return items

    def length(self, node: yaml.SequenceNode, f: schema.Field, path: FieldPath) -> list:
        """The items to check: all, or the first ``max_items`` (the rest are reported here and
        not checked, so a huge list costs no more than its cap)."""
        count = len(node.value)
        if count < f.min_items:
            found = "is empty" if not count else f"lists only {count}"
            self.error(node, "too-few-items", f"field '{f.name}' {found}; list at least "
                       f"{f.min_items} {f.item_noun}")
        if f.max_items is not None and count > f.max_items:
            self.error(node, "too-many-items", f"field '{f.name}' lists {count:,} items, over "
                       f"the limit of {f.max_items}; delete {count - f.max_items:,}")
            self.failed.add(path + (f.max_items,))  # what the rest refer to is unknown
            return node.value[:f.max_items]
        return node.value

    def item(self, node: yaml.Node, f: schema.Field, path: FieldPath):
        if f.item:
            if not isinstance(node, yaml.MappingNode):
                self.error(node, "wrong-type", f"each item of '{f.name}' must be a mapping "
                           f"of {', '.join(x.name for x in f.item)}, not {_shown(node)}")
                return None
            return self.mapping(node, f.item, path)
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, "wrong-type", f"each item of '{f.name}' must be an id, "
                       f"not {_shown(node)} (lists do not nest here)")
            return None
        try:
            return f.check_item(node, self.zone)
        except Rejected as rejected:
            self.error(node, rejected.code, rejected.message, rejected.severity)
            return rejected.value


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return f"'{node.value}'"
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


# Ids that name a listing page of their folder: a record or topic with one would replace it.
RESERVED_IDS = routes.reserved_ids()


_RESERVED_KINDS = frozenset(kind for kind, _ in RESERVED_IDS)


def _reserved_ids(record: Checked) -> list[Problem]:
    if record.kind not in _RESERVED_KINDS:
        return []
    problems = []
    for (kind, name), (folder, reserved) in RESERVED_IDS.items():
        value = record.values.get(name) if kind == record.kind else None
        for i, item in enumerate([value] if isinstance(value, str) else value or ()):
            if item in reserved:
                line, col = record.loc(name) if isinstance(value, str) else record.loc(name, i)
                problems.append(Problem(record.relpath, line, col, "error", "reserved-id",
                                        f"'{item}' is reserved: {folder}/{item}.md is the list "
                                        f"of all {folder}; choose another id"))
    return problems


def check_document(doc: Document, zone: ZoneInfo) -> tuple[Checked, list[Problem]]:
    """Check one document against its kind's fields, and its id against its file name.

    A document the loader could not parse gives an unreadable placeholder record and no
    further problems. A record whose ``id`` is wrong keeps the file name as its id, so that
    references to it still resolve while the id problem is reported once.
    """
    if doc.node is None:
        return Checked(doc.kind, doc.relpath, doc.repo_path, {"id": doc.stem}, ok=False,
                       readable=False), []
    walker = _Walker(doc, zone)
    record = walker.record
    record.values = walker.mapping(doc.node, schema.KINDS[doc.kind], ())
    if walker.failed:
        record.failed = walker.failed
    record_id = record.values.get("id")
    if record_id is not None and record_id != doc.stem:
        fix = f"rename the file to '{record_id}.yml'" + (
            f" or set id: {doc.stem}" if ID_RE.fullmatch(doc.stem) else "")
        walker.error(record.loc("id"), "id-mismatch",
                     f"id '{record_id}' does not match the file name '{doc.stem}'; {fix}")
    record.values["id"] = doc.stem  # the same as the id, or the id was reported above
    reserved = _reserved_ids(record)
    record.ok = record.ok and not reserved
    return record, walker.problems + reserved


def check_fields(node: yaml.MappingNode, fields: tuple[schema.Field, ...], zone: ZoneInfo,
                 relpath: str = "<record>") -> tuple[dict, list[Problem]]:
    """Check a mapping ``node`` against ``fields`` alone, without a kind's id and file-name
    rules: ``(values that passed, problems)``. For tools and tests that hold a field list."""
    walker = _Walker(Document("", "", relpath, relpath, node), zone)
    return walker.mapping(node, fields, ()), walker.problems
