"""Field types as objects: each owns everything about one kind of value.

A field type (in the manner of MkDocs' ``config_options``) owns: the check of a YAML value
(:meth:`Field.check`, raising :class:`~pledgewatch.core.scalars.Rejected`), its limits
(``max_length``, ``pattern``, ``choices``, ``min_items``, ``max_items``, ``unique_items``), its
JSON Schema fragment for editors (:meth:`Field.json_schema`, carrying exactly those limits), its
model value (:meth:`Field.model_value`), its open-data schema fragment and value
(:meth:`Field.export_schema`, :meth:`Field.export_value`, :meth:`Field.export_doc`) and its
one-line documentation (:meth:`Field.doc`). ``core.schema`` declares the record kinds with them.

What JSON Schema cannot say stays in the check only, and the editor schema is never stricter
than the check: URL parsing as browsers do it, bidirectional controls (a warning), calendar
validity and the years a date may have, YAML 1.1's implicit types, cross-record rules.

Adding a field to a kind is one line in ``core/schema.py``::

    Line("title", "One line naming what was promised.", required=True),
    Ref("made_by", "actors", "Actor who made the pledge.", required=True),
    Refs("sources", "sources", "Sources for the deadline.", required=True, min_items=1),
    Enum("kind", ("by", "not-before", "event"), "What the date means.", required=True),
    Objects("corrections", CORRECTION_FIELDS, "Corrections, oldest first.", noun="correction"),

Old-style ``Field(name, TYPE, required, description, choices=, ref=, item=, min_items=)``
maps to ``TYPE_CLASS(name, [choices | ref | item,] description, required=, min_items=)``
with the classes ``Text Line Id Date Url Bool Enum Ref Refs Slugs Objects`` for the types
``TEXT LINE ID DATE URL BOOL ENUM REF REFS SLUGS OBJECTS``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from pledgewatch.core import scalars
from pledgewatch.core.scalars import (  # noqa: F401 - ID_PATTERN re-exported
    ID_PATTERN,
    ID_RE,
    MAX_ID_LENGTH,
    STR,
    Rejected,
    text_of,
)

# Type names, the value of each class's ``type`` (``f.type == REFS`` reads as before).
TEXT, LINE, ID, DATE, URL, BOOL, ENUM, REF, REFS, SLUGS, OBJECTS = (
    "text", "line", "id", "date", "url", "bool", "enum", "ref", "refs", "slugs", "objects")

# Editor-schema building blocks. ``patternErrorMessage`` is the YAML language server's message
# for a failed pattern; other validators ignore it (JSON Schema 2020-12 section 6.5).
_CONTROL = scalars.char_class(scalars.CONTROL_RANGES, escaped=True)
_ANY_CASE = "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in scalars.PLACEHOLDER)
_LEAD = scalars.char_class(scalars.WHITESPACE_RANGES + scalars.INVISIBLE_RANGES, True)
_NOT_PLACEHOLDER = f"(?![{_LEAD}]*{_ANY_CASE})"  # as scalars.placeholder_hint reads it
_SPACE = scalars.char_class(scalars.WHITESPACE_RANGES, escaped=True)
_INVISIBLE = scalars.char_class(scalars.INVISIBLE_RANGES, escaped=True)
_VISIBLE = f"[^{_SPACE}{_CONTROL}{_INVISIBLE}]"  # a character that shows (scalars.visible)
_IN_LINE = f"[^{scalars.char_class([(c, c) for c in scalars.LINE_BREAKS], True)}{_CONTROL}]"
_ENDS = "[ \\t\\n]*"  # what str.strip(LINE_ENDS) takes off
EDITOR_SLUG = {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH,
         "patternErrorMessage": "An id: lower-case letters, digits and single hyphens."}
# Export-schema building blocks (data/records.json).
EXPORT_SLUG = {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID_LENGTH}
EXPORT_URI = {"type": "string", "format": "uri", "pattern": "^https?://"}
Link = Callable[[str, str], str]  # (kind folder, id) -> the record's permalink


def export_ref(name: str) -> dict:
    """A ``$ref`` to ``#/$defs/NAME`` of ``schemas/records.json``."""
    return {"$ref": f"#/$defs/{name}"}


def _nullable(schema: dict, nullable: bool) -> dict:
    return {**schema, "type": [schema["type"], "null"]} if nullable else schema


class Field:
    """One field of a record kind: ``name``, ``description`` (one sentence, shown to editors,
    in the docs and on the "Open data" page) and ``required``.

    Subclasses set ``type`` (a type name above), ``expected`` (the value in words, for "must
    be ..." messages) and ``absent`` (the model's value when an optional field is left out).
    """

    type = ""
    expected = "text"
    absent: object = ""
    is_list = False
    exports_null = True  # an absent optional value is null in the open data
    # Limits; each subclass sets those it has. None or 0 or False: no such limit.
    max_length: int | None = None
    min_items = 0
    max_items: int | None = None
    unique_items = False
    choices: tuple[str, ...] = ()
    ref = ""
    item: tuple[Field, ...] = ()

    def __new__(cls, *args, **kwargs):
        if cls is Field:  # an old-style Field(name, TYPE, required, description, ...)
            raise TypeError(f"Field{args!r} declares no type: use its type's class, e.g. "
                            "Line(name, description, required=True) (see core/fields.py)")
        return super().__new__(cls)

    def __init__(self, name: str, description: str = "", *, required: bool = False):
        self.name, self.description, self.required = name, description, required

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, required={self.required})"

    def check(self, node, zone) -> object:
        """The plain value of a scalar ``node`` (``zone``: the site's ``ZoneInfo``, for
        dates); raises ``Rejected``. List types check their items with :meth:`check_item`."""
        return text_of(node, self)

    def json_schema(self) -> dict:
        """The editor JSON Schema (draft 2020-12) fragment of the value, description last."""
        return self._described(self._json())

    def _json(self) -> dict:
        raise NotImplementedError

    def _described(self, out: dict) -> dict:
        if self.description:
            out["description"] = self.description
        return out

    def model_value(self, values: dict) -> object:
        """The model's value from a record's checked ``values``: lists become tuples, and an
        absent optional field is ``absent``."""
        return values.get(self.name, self.absent)

    def export_schema(self) -> dict:
        """The JSON Schema of the value in ``data/records.json``."""
        return self._described(self._export())

    def _export(self) -> dict:
        return _nullable({"type": "string"}, not self.required)

    def export_value(self, value: object, link: Link) -> object:
        """The value in ``data/records.json``: an absent optional value is ``null``."""
        return value if value or self.required else None

    def export_doc(self) -> str:
        """The exported type in words, for the "Open data" page."""
        return self._export_words() + ("" if self.required or not self.exports_null
                                       else ", or null")

    def _export_words(self) -> str:
        return "text"

    def doc(self) -> str:
        """The type and limits in words, for the field tables of ``docs/records.md``."""
        return "text"


class Text(Field):
    """Non-blank text of at most ``max_length`` characters; paragraphs allowed."""

    type, max_length = TEXT, 20_000
    # The limit is far above real statements but bounds the build: Python-Markdown's inline
    # processing grows faster than linearly with the escaped characters in one line.

    def check(self, node, zone=None) -> str:
        value = node.value
        if node.tag != STR or scalars.CONTROL.search(value) or scalars.placeholder_hint(
                value) is not None:
            value = text_of(node, self)  # raises: what it refuses is just what was found
        if not scalars.visible(value):
            raise Rejected("empty-value", f"field '{self.name}' is empty; give it a value")
        self._check_line(value)
        if len(value) > self.max_length:
            raise Rejected("too-long", f"field '{self.name}' is {len(value):,} characters "
                           f"long, over the limit of {self.max_length:,}; shorten it")
        return self._warn(value)

    def _check_line(self, value: str) -> None:
        pass

    def _warn(self, value: str) -> str:
        return value

    def _json(self) -> dict:
        return {"type": "string", "maxLength": self.max_length,
                "pattern": f"^{_NOT_PLACEHOLDER}[^{_CONTROL}]*{_VISIBLE}[^{_CONTROL}]*$",
                "patternErrorMessage": "Write the text: not blank, no placeholder, no control "
                                       "characters."}

    def doc(self) -> str:
        return f"text, at most {self.max_length:,} characters"


class Line(Text):
    """:class:`Text` on one line (names, titles), at most ``max_length`` characters.
    Bidirectional controls, which can disguise text (Unicode Technical Standard #39, section
    5), raise a warning that keeps the value."""

    type, max_length = LINE, 2_000

    def _check_line(self, value: str) -> None:
        if scalars.LINE_BREAK.search(value.strip(scalars.LINE_ENDS)):  # a folded block's \n
            raise Rejected("multi-line", f"field '{self.name}' must be one line; join the "
                           "lines (use a '>-' folded block if the line is long)")

    def _warn(self, value: str) -> str:
        if scalars.BIDI.search(value):
            raise Rejected("bidi-control", f"field '{self.name}' contains a bidirectional "
                           "control character, which can disguise text; remove it unless it "
                           "is needed", "warning", value)
        return value

    def _json(self) -> dict:
        return {"type": "string", "maxLength": self.max_length,
                "pattern": f"^{_NOT_PLACEHOLDER}{_ENDS}{_IN_LINE}*{_VISIBLE}{_IN_LINE}*{_ENDS}$",
                "patternErrorMessage": "Write one line: not blank, no placeholder, no control "
                                       "characters."}

    def _export_words(self) -> str:
        return "text (one line)"

    def doc(self) -> str:
        return f"text, one line, at most {self.max_length:,} characters"


class Id(Field):
    """An id: lower-case letters and digits in words joined by single hyphens."""

    type, exports_null = ID, False

    def check(self, node, zone=None) -> str:
        value = node.value
        if node.tag == STR and ID_RE.fullmatch(value):  # the common case
            return value
        return scalars.read_id(node, self)

    def _json(self) -> dict:
        return dict(EDITOR_SLUG)

    def _export(self) -> dict:
        return dict(EXPORT_SLUG)

    def _export_words(self) -> str:
        return "id"

    def doc(self) -> str:
        return "id"


class Ref(Id):
    """The id of a record of the kind whose folder is ``ref``."""

    type, exports_null = REF, True

    def __init__(self, name: str, ref: str, description: str = "", *, required: bool = False):
        super().__init__(name, description, required=required)
        self.ref = ref

    def _export(self) -> dict:
        return ({"oneOf": [export_ref("reference"), {"type": "null"}]} if not self.required
                else export_ref("reference"))

    def export_value(self, value, link: Link):
        return {"id": value, "permalink": link(self.ref, value)} if value else None

    def _export_words(self) -> str:
        singular = singular_of(self.ref)
        return f"{{id, permalink}} of {'an' if singular[0] in 'aeiou' else 'a'} {singular}"

    def doc(self) -> str:
        return f"{singular_of(self.ref)} id"


def singular_of(kind: str) -> str:
    """``actors`` -> ``actor``: a kind folder in the singular (``schema.SINGULAR``)."""
    from pledgewatch.core.schema import SINGULAR  # declared beside KINDS, which imports us

    return SINGULAR[kind]


class Date(Field):
    """An ISO 8601 date ``YYYY-MM-DD``, or a date-time with a time zone (its date in the site's
    time zone); years 1000 to 9998."""

    type, expected, absent = DATE, "a date", None
    # Looser than the check where the check parses (calendar days, years, Python's
    # fromisoformat); as strict on the shape: a date, or a date-time with a zone mark.
    _TIME = r"[Tt ][0-9]{2}:[0-9]{2}[0-9:.,+\- ]*([Zz]|[+-][0-9:.,]*)"

    def check(self, node, zone) -> object:
        return scalars.read_date(node, self, zone)

    def _json(self) -> dict:
        return {"type": "string", "pattern": f"^[{_SPACE}]*[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}"
                                             f"({self._TIME})?[{_SPACE}]*$",
                "patternErrorMessage": "A date YYYY-MM-DD (or a date-time with a time zone)."}

    def _export(self) -> dict:
        return {**_nullable({"type": "string"}, not self.required), "format": "date"}

    def export_value(self, value, link: Link):
        return value.isoformat() if value else None

    def _export_words(self) -> str:
        return "date (YYYY-MM-DD)"

    def doc(self) -> str:
        return "date"


class Url(Field):
    """An absolute ``http://`` or ``https://`` address, as ``urls.check_url`` accepts it."""

    type = URL

    def check(self, node, zone=None) -> str:
        return scalars.read_url(node, self)

    def _json(self) -> dict:
        # No "format": "uri": RFC 3986 refuses the international addresses browsers accept.
        return {"type": "string", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s<>\"`]+$",
                "patternErrorMessage": "An absolute http:// or https:// address."}

    def _export(self) -> dict:
        return _nullable(EXPORT_URI, not self.required)

    def _export_words(self) -> str:
        return "URL"

    def doc(self) -> str:
        return "http(s) URL"


class Bool(Field):
    """``true`` or ``false`` exactly: YAML 1.1's yes/no/on/off are refused, as YAML 1.2 and
    editors read them as text."""

    type, expected, absent, exports_null = BOOL, "true or false", False, False

    def check(self, node, zone=None) -> bool:
        if node.tag != scalars.BOOL or node.value not in ("true", "false"):
            raise Rejected("wrong-type", f"field '{self.name}' must be true or false, "
                           f"not '{node.value}'")
        return node.value == "true"

    def _json(self) -> dict:
        return {"type": "boolean"}

    def _export(self) -> dict:
        return {"type": "boolean"}

    def export_value(self, value, link: Link) -> bool:
        return bool(value)

    def _export_words(self) -> str:
        return "true or false"

    def doc(self) -> str:
        return "true/false"


class Enum(Field):
    """One of ``choices``; a near miss gets a did-you-mean."""

    type, exports_null = ENUM, False

    def __init__(self, name: str, choices: tuple[str, ...], description: str = "", *,
                 required: bool = False):
        super().__init__(name, description, required=required)
        self.choices = tuple(choices)

    def check(self, node, zone=None) -> str:
        value = node.value
        if node.tag == STR and value in self.choices:  # choices hold no placeholder or control
            return value
        value = text_of(node, self)
        hint = difflib.get_close_matches(value, self.choices, n=1, cutoff=0.5)
        fix = f"; did you mean '{hint[0]}'?" if hint else ""
        raise Rejected("bad-enum", f"{self.name} '{value}' is not one of: "
                       f"{', '.join(self.choices)}{fix}")

    def _json(self) -> dict:
        return {"enum": list(self.choices)}

    def _export(self) -> dict:
        return {"enum": list(self.choices)}

    def _export_words(self) -> str:
        return "one of: " + ", ".join(self.choices)

    def doc(self) -> str:
        return " \\| ".join(f"`{c}`" for c in self.choices)

