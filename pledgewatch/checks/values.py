"""Checks of single scalar values: YAML 1.1 implicit types, text, ids, enums, URLs and dates.

Each check takes a ``yaml.ScalarNode`` and its :class:`schema.Field` and returns the plain
value, or raises :class:`Rejected` with a code and a message that names the field, the value
found, what was expected and how to fix it. The walker in ``validate`` adds the location.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from zoneinfo import ZoneInfo

import yaml

from pledgewatch.core import ids, schema
from pledgewatch.core.text import placeholder_hint, visible
from pledgewatch.core.urls import check_url, url_warning
from pledgewatch.ingest.load import CONTROL

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

# What PyYAML's resolver (YAML 1.1) makes of plain scalars that YAML 1.2 and editors read as
# text: NO/off/yes -> bool, 1.10 -> float 1.1, 0755 -> octal int 493, 12:30 -> base-60 int 750.
_IMPLICIT = {
    BOOL: "the boolean",
    "tag:yaml.org,2002:int": "the number",
    "tag:yaml.org,2002:float": "the number",
    TIMESTAMP: "the date",
}
ID_RE = ids.PLAIN_ID
"""A valid id or reference. A plain str-tagged scalar it matches passes :func:`check_id` (it
cannot hold a placeholder or a control character), so the walker may skip the call."""
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}")
# Longest text a field may hold, in characters. Far above real titles and statements, but it
# bounds the build: Python-Markdown's inline processing grows faster than linearly with the
# number of escaped characters in one line, so a megabyte of punctuation would take hours.
MAX_CHARS = {"line": 2_000, "text": 20_000}
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class Rejected(Exception):
    """A value failed its check: ``code`` is the problem code, ``message`` says why and how to
    fix it, ``severity`` is ``error`` (or ``warning`` for advice that keeps the value, which is
    then ``value``; an error's ``value`` is ``None``)."""

    def __init__(self, code: str, message: str, severity: str = "error", value=None):
        super().__init__(message)
        self.code, self.message, self.severity, self.value = code, message, severity, value


def text_of(node: yaml.ScalarNode, f: schema.Field) -> str:
    """The scalar's text when YAML reads it as a string; else a message telling to quote it.

    Also refuses ``pledgewatch new``'s placeholders and control characters that double-quoted
    escapes such as ``"\\x07"`` produce (the loader only sees the raw file).
    """
    if node.tag != STR:
        raise _not_text(node, f)
    value = node.value
    hint = placeholder_hint(value)
    if hint is not None:
        raise Rejected("placeholder", f"field '{f.name}' still holds the placeholder; "
                       f"replace it: {hint}")
    found = CONTROL.search(value)
    if found:
        raise Rejected("control-character", f"field '{f.name}' contains the control character "
                       f"U+{ord(found.group()):04X}, written as a backslash escape in double "
                       "quotes; remove the escape")
    return value


def _not_text(node: yaml.ScalarNode, f: schema.Field) -> Rejected:
    if node.tag == NULL:
        fix = "give it a value" if f.required else "give it a value or delete the line"
        if node.value:  # `null`, `Null`, `~` written out: perhaps meant as the text
            fix += f" (if {node.value} is the text, write \"{node.value}\")"
            return Rejected("empty-value", f"field '{f.name}' is empty: YAML reads "
                            f"{node.value} as no value; {fix}")
        return Rejected("empty-value", f"field '{f.name}' is empty; {fix}")
    if node.tag in _IMPLICIT and _RESOLVER.resolve(yaml.ScalarNode, node.value,
                                                   (True, False)) == node.tag:
        # YAML 1.1 read the plain text as another type; `!!bool maybe` wrote the tag out.
        try:
            read = _CONSTRUCTOR.construct_object(node)
            shown = str(read).lower() if node.tag == BOOL else str(read)
        except ValueError:  # an integer of more digits than int() and str() convert
            shown = node.value
        return Rejected("yaml-type", f"quote this value: YAML reads {_short(node.value)} as "
                        f"{_IMPLICIT[node.tag]} {_short(shown)}, but '{f.name}' is text; "
                        f"write \"{_short(node.value)}\"")
    written = node.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as the file spells it
    return Rejected("yaml-tag", f"field '{f.name}' has the YAML tag '{written}'; delete the tag "
                    "(records hold plain text, dates, lists and true/false only)")


_RESOLVER = yaml.resolver.Resolver()  # SafeLoader's implicit rules (load.Loader's, in short)


def _short(value: str, limit: int = 60) -> str:
    """``value`` for a message, cut to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[:limit - 1] + "\u2026"


def check_id(node: yaml.ScalarNode, f: schema.Field) -> str:
    """An id or a reference: lower-case words joined by single hyphens."""
    value = node.value
    if node.tag == STR and ID_RE.match(value):  # the common case: no placeholder, no control
        return value
    value = text_of(node, f)
    if ids.too_long(value, f.name):
        raise Rejected("id-too-long", ids.too_long(value, f.name))
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-record"
    raise Rejected("bad-id", f"'{value}' is not a valid id for '{f.name}': use lower-case "
                   f"letters, digits and single hyphens (e.g. '{suggestion}')")


def check_enum(node: yaml.ScalarNode, f: schema.Field) -> str:
    """One of the field's choices; a near miss gets a did-you-mean."""
    value = node.value
    if node.tag == STR and value in f.choices:  # choices hold no placeholder or control
        return value
    value = text_of(node, f)
    hint = difflib.get_close_matches(value, f.choices, n=1, cutoff=0.5)
    fix = f"; did you mean '{hint[0]}'?" if hint else ""
    raise Rejected("bad-enum", f"{f.name} '{value}' is not one of: {', '.join(f.choices)}{fix}")


def check_link(node: yaml.ScalarNode, f: schema.Field) -> str:
    """An absolute http(s) URL (see ``urls.check_url``)."""
    value = text_of(node, f)
    message = check_url(value)
    if message:
        raise Rejected("bad-url", f"field '{f.name}': {message}")
    if url_warning(value):
        raise Rejected("mixed-script-host", f"field '{f.name}': {url_warning(value)}",
                       "warning", value)
    return value


def check_line(node: yaml.ScalarNode, f: schema.Field) -> str:
    """:func:`check_text` for a one-line field (names, titles)."""
    return check_text(node, f, True)


def check_text(node: yaml.ScalarNode, f: schema.Field, one_line: bool = False) -> str:
    """Non-blank text; ``one_line`` refuses line breaks inside it. Bidirectional controls in
    one-line fields (names, titles), which can disguise text (Unicode Technical Standard #39,
    section 5), raise a warning :class:`Rejected` that keeps the value."""
    value = node.value
    if node.tag != STR or CONTROL.search(value) or placeholder_hint(value) is not None:
        value = text_of(node, f)  # raises: what it refuses is just what was found
    if not visible(value):
        raise Rejected("empty-value", f"field '{f.name}' is empty; give it a value")
    if one_line and _LINE_BREAK.search(value.strip(" \t\n")):  # a folded block's last \n
        raise Rejected("multi-line", f"field '{f.name}' must be one line; join the lines "
                       "(use a '>-' folded block if the line is long)")
    limit = MAX_CHARS["line" if one_line else "text"]
    if len(value) > limit:
        raise Rejected("too-long", f"field '{f.name}' is {len(value):,} characters long, "
                       f"over the limit of {limit:,}; shorten it")
    if one_line and _BIDI.search(value):
        raise Rejected("bidi-control", f"field '{f.name}' contains a bidirectional control "
                       "character, which can disguise text; remove it unless it is needed",
                       "warning", value)
    return value


# Line breaks a one-line field can receive through double-quoted escapes: LF, CR (\\r), and
# the Unicode line and paragraph separators (\\L, \\P); NEL is refused as a C1 control.
_LINE_BREAK = re.compile("[\n\r\u2028\u2029]")


def check_bool(node: yaml.ScalarNode, f: schema.Field) -> bool:
    """``true`` or ``false`` exactly: YAML 1.1's yes/no/on/off are refused, as YAML 1.2 and
    editors read them as text."""
    if node.tag != BOOL or node.value not in ("true", "false"):
        raise Rejected("wrong-type", f"field '{f.name}' must be true or false, "
                       f"not '{node.value}'")
    return node.value == "true"


def check_date(node: yaml.ScalarNode, f: schema.Field, zone: ZoneInfo) -> dt.date:
    """An ISO 8601 calendar date ``YYYY-MM-DD``, or a date-time with a time zone (read as its
    date in the site's ``zone``)."""
    text = node.value
    if node.tag == TIMESTAMP and len(text) == 10 and _DATE_RE.match(text):  # the common case
        try:
            return _in_years(f, dt.date.fromisoformat(text))
        except ValueError:
            pass  # not a real calendar date: the checks below say why
    if node.tag not in (STR, TIMESTAMP):
        raise Rejected("bad-date", f"field '{f.name}' must be a date YYYY-MM-DD, "
                       f"not '{node.value}'")
    text = text_of(node, f) if node.tag == STR else node.value
    text = text.strip()
    if _DATETIME_RE.match(text):
        return _datetime(f, text, zone)
    parts = _DATE_RE.match(text)
    if not parts:
        raise Rejected("bad-date", f"field '{f.name}': '{text}' is not a date; write it as "
                       "YYYY-MM-DD")
    year, month, day = map(int, parts.groups())
    if year not in YEARS:
        raise _out_of_years(f, text)
    if not 1 <= month <= 12:
        raise Rejected("bad-date", f"field '{f.name}': {text} is not a real calendar date "
                       f"(there is no month {month}); write YYYY-MM-DD")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise Rejected("bad-date", f"field '{f.name}': {text} is not a real calendar date "
                       f"({calendar.month_name[month]} {year} has {days} days)")
    return dt.date(year, month, day)


def _datetime(f: schema.Field, text: str, zone: ZoneInfo) -> dt.date:
    try:
        moment = dt.datetime.fromisoformat(text.replace("t", "T").replace("z", "Z"))
    except ValueError:
        raise Rejected("bad-date", f"field '{f.name}': '{text}' is not a real date-time; write "
                       "YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SS+HH:MM") from None
    if moment.tzinfo is None:
        raise Rejected("naive-datetime", f"field '{f.name}': date-time '{text}' has no time "
                       "zone; add one (e.g. '+00:00' or 'Z') or give just the date")
    try:
        return _in_years(f, moment.astimezone(zone).date())
    except OverflowError:  # the first or last day Python handles, moved out of its range
        raise _out_of_years(f, text) from None


# Years a date may have: four digits, and room for the day after (a calendar event's end)
# and the month after (the status chart's months).
YEARS = range(1000, 9999)


def _in_years(f: schema.Field, date: dt.date) -> dt.date:
    if date.year not in YEARS:
        raise _out_of_years(f, date.isoformat())
    return date


def _out_of_years(f: schema.Field, text: str) -> Rejected:
    return Rejected("bad-date", f"field '{f.name}': {text} is outside the years Pledgewatch "
                    f"handles ({YEARS[0]} to {YEARS[-1]}); check the year")
