"""Reading one YAML scalar node as the value a field wants: the shared part of the field checks.

The field types of ``core.fields`` call these. Each takes a ``yaml.ScalarNode`` and the field
(anything with ``name`` and ``required``) and returns the plain value, or raises
:class:`Rejected` with a problem code and a message that names the field, the value found, what
was expected and how to fix it; the walker in ``checks.validate`` adds the location.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from zoneinfo import ZoneInfo

import yaml

from pledgewatch.core.urls import check_url, url_warning

PLACEHOLDER = "FILL IN:"
"""Prefix of the values ``pledgewatch new`` writes for a contributor to replace; the validator
reports every value that still starts with it."""

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
MAX_ID_LENGTH = 100
"""Most characters of an id, alias or topic: each becomes a file name (at most 255 bytes on
every file system) and a web address; tar's ustar format and Windows paths want far less."""
DEVICE_NAMES = r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])"
"""Names Windows reserves for devices, in any case and before any extension: no file or
folder ``con.yml``, ``nul/`` can be made or checked out there."""
ID_RE = re.compile(rf"(?=.{{1,{MAX_ID_LENGTH}}}\Z)(?!{DEVICE_NAMES}\Z){ID_PATTERN[1:]}")
"""A valid id or reference of an allowed length, matched with ``fullmatch`` (``$`` alone lets a
final line feed through). A plain str-tagged scalar it matches passes :func:`read_id`."""
_WELL_FORMED = re.compile(ID_PATTERN)

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"

CONTROL_RANGES = (("\x00", "\x08"), ("\x0b", "\x0c"), ("\x0e", "\x1f"), ("\x7f", "\x9f"),
                  ("\ufffe", "\uffff"))
"""Characters refused in content: C0 controls but tab, LF and CR (XML 1.0 section 2.2 forbids
them), C1 controls (YAML 1.2 section 5.1 and RSS readers reject them) and the noncharacters
U+FFFE and U+FFFF. The loader's :data:`CONTROL` and the editor schemas' patterns are made from
this one list."""


def char_class(ranges, escaped: bool = False) -> str:
    """The inside of a regular-expression character class for ``(first, last)`` ranges;
    ``escaped`` writes ``\\uXXXX`` escapes (read alike by Python and ECMA-262) for JSON."""
    def one(c: str) -> str:  # beyond U+FFFF as itself: no escape reads alike in both
        return f"\\u{ord(c):04x}" if escaped and ord(c) <= 0xFFFF else c
    return "".join(one(a) if a == b else f"{one(a)}-{one(b)}" for a, b in ranges)


CONTROL = re.compile(f"[{char_class(CONTROL_RANGES)}]")

WHITESPACE_RANGES = (("\t", "\r"), ("\x1c", " "), ("\x85", "\x85"), ("\xa0", "\xa0"),
                     ("\u1680", "\u1680"), ("\u2000", "\u200a"), ("\u2028", "\u2029"),
                     ("\u202f", "\u202f"), ("\u205f", "\u205f"), ("\u3000", "\u3000"))
"""The characters ``str.isspace`` (and so ``str.strip``) takes as white space, written out for
the editor schemas: ECMA-262's ``\\s`` differs (it adds U+FEFF), so a schema using it would
refuse a text the validator accepts."""

LINE_BREAKS = "\n\r\u2028\u2029"
"""Line breaks a one-line field can receive through double-quoted escapes: LF, CR (``\\r``), and
the Unicode line and paragraph separators (``\\L``, ``\\P``); NEL is refused as a C1 control."""
LINE_BREAK = re.compile(f"[{LINE_BREAKS}]")
LINE_ENDS = " \t\n"
"""What a one-line field may start or end with around its line (a folded block's last LF)."""
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")

# What PyYAML's resolver (YAML 1.1) makes of plain scalars that YAML 1.2 and editors read as
# text: NO/off/yes -> bool, 1.10 -> float 1.1, 0755 -> octal int 493, 12:30 -> base-60 int 750.
_IMPLICIT = {
    BOOL: "the boolean",
    "tag:yaml.org,2002:int": "the number",
    "tag:yaml.org,2002:float": "the number",
    TIMESTAMP: "the date",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_RESOLVER = yaml.resolver.Resolver()  # SafeLoader's implicit rules (load.Loader's, in short)


class Rejected(Exception):
    """A value failed its check: ``code`` is the problem code, ``message`` says why and how to
    fix it, ``severity`` is ``error`` (or ``warning`` for advice that keeps the value, which is
    then ``value``; an error's ``value`` is ``None``)."""

    def __init__(self, code: str, message: str, severity: str = "error", value=None):
        super().__init__(message)
        self.code, self.message, self.severity, self.value = code, message, severity, value


def text_of(node: yaml.ScalarNode, f) -> str:
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


def _not_text(node: yaml.ScalarNode, f) -> Rejected:
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
        return Rejected("yaml-type", f"quote this value: YAML reads {short(node.value)} as "
                        f"{_IMPLICIT[node.tag]} {short(shown)}, but '{f.name}' is text; "
                        f"write \"{short(node.value)}\"")
    written = node.tag.replace("tag:yaml.org,2002:", "!!", 1)  # as the file spells it
    return Rejected("yaml-tag", f"field '{f.name}' has the YAML tag '{written}'; delete the tag "
                    "(records hold plain text, dates, lists and true/false only)")


INVISIBLE_RANGES = (("\u00ad", "\u00ad"), ("\u034f", "\u034f"), ("\u061c", "\u061c"),
                    ("\u115f", "\u1160"), ("\u17b4", "\u17b5"), ("\u180b", "\u180f"),
                    ("\u200b", "\u200f"), ("\u202a", "\u202e"), ("\u2060", "\u206f"),
                    ("\u2800", "\u2800"), ("\u3164", "\u3164"), ("\ufe00", "\ufe0f"),
                    ("\ufeff", "\ufeff"), ("\uffa0", "\uffa0"), ("\ufff0", "\ufff8"),
                    ("\U0001bca0", "\U0001bca3"), ("\U0001d173", "\U0001d17a"),
                    ("\U000e0000", "\U000e0fff"))
"""Characters that show nothing: Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties,
Unicode 15: zero-width space and joiners, bidirectional controls, variation selectors, the
Hangul fillers, the soft hyphen, tags) and the braille blank U+2800. With white space and
controls, a text of only these is empty to a reader."""

_SHOWN = re.compile(f"[^{char_class(WHITESPACE_RANGES + CONTROL_RANGES + INVISIBLE_RANGES)}]")
# What may come before a placeholder and still leave it one: white space and invisible
# characters (an editor's or a paste's).
PLACEHOLDER_LEAD = char_class(WHITESPACE_RANGES + INVISIBLE_RANGES)
_LEADING = re.compile(f"[{PLACEHOLDER_LEAD}]*")


def visible(value: str) -> bool:
    """True when ``value`` has a character that shows (not white space, a control or one of
    :data:`INVISIBLE_RANGES`): ``"\\u200b\\u200b"`` is empty, however many characters."""
    return _SHOWN.search(value) is not None


def placeholder_hint(value: str) -> str | None:
    """The hint of a ``pledgewatch new`` placeholder (``FILL IN: what to write``) in any
    letter case and after white space or invisible characters, or ``None`` when ``value`` is
    no placeholder."""
    if value.startswith(PLACEHOLDER):  # the placeholder as written: no scan needed
        return value[len(PLACEHOLDER):].strip()
    start = _LEADING.match(value).end()
    if value[start:start + len(PLACEHOLDER)].upper() != PLACEHOLDER:
        return None
    return value[start + len(PLACEHOLDER):].strip()


def read_id(node: yaml.ScalarNode, f) -> str:
    """An id or reference: lower-case words joined by single hyphens, at most
    :data:`MAX_ID_LENGTH` characters."""
    value = node.value
    if node.tag == STR and ID_RE.fullmatch(value):
        return value
    value = text_of(node, f)
    if re.fullmatch(DEVICE_NAMES, value):
        raise Rejected("reserved-id", f"'{value}' cannot be an id for '{f.name}': Windows "
                       f"reserves the name for a device, so no file {value}.yml or page folder "
                       f"{value}/ can be made there; choose another")
    if _WELL_FORMED.match(value):  # well formed, too long
        raise Rejected("id-too-long", f"'{value[:40]}\u2026' in '{f.name}' is {len(value):,} "
                       f"characters long, over the limit of {MAX_ID_LENGTH} for an id (it "
                       "becomes a file name and a web address); shorten it")
    suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-record"
    raise Rejected("bad-id", f"'{value}' is not a valid id for '{f.name}': use lower-case "
                   f"letters, digits and single hyphens (e.g. '{suggestion}')")


def read_url(node: yaml.ScalarNode, f) -> str:
    """An absolute http(s) address as ``urls.check_url`` accepts it; a host name that mixes
    scripts gives a warning that keeps the value (``urls.url_warning``)."""
    value = text_of(node, f)
    message = check_url(value)
    if message:
        raise Rejected("bad-url", f"field '{f.name}': {message}")
    warning = url_warning(value)
    if warning:
        raise Rejected("mixed-script-host", f"field '{f.name}': {warning}", "warning", value)
    return value


def short(value: str, limit: int = 60) -> str:
    """``value`` for a message, cut to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[:limit - 1] + "\u2026"


# ASCII digits only: Python's \d also matches other scripts' digits, which editors' ECMA-262
# patterns (and ISO 8601) do not.
DATE_RE = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
DATETIME_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}")

YEARS = range(1000, 9999)
"""Years a date may have: four digits, and room for the day after (a calendar event's end)
and the month after (the status chart's months)."""


def read_date(node: yaml.ScalarNode, f, zone: ZoneInfo) -> dt.date:
    """An ISO 8601 calendar date ``YYYY-MM-DD``, or a date-time with a time zone (read as its
    date in the site's ``zone``)."""
    text = node.value
    if node.tag == TIMESTAMP and len(text) == 10 and DATE_RE.match(text):  # the common case
        try:
            return _in_years(f, dt.date.fromisoformat(text))
        except ValueError:
            pass  # not a real calendar date: the checks below say why
    if node.tag not in (STR, TIMESTAMP):
        raise Rejected("bad-date", f"field '{f.name}' must be a date YYYY-MM-DD, "
                       f"not '{node.value}'")
    text = text_of(node, f) if node.tag == STR else node.value
    text = text.strip()
    if DATETIME_RE.match(text):
        return _datetime(f, text, zone)
    parts = DATE_RE.match(text)
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


def _datetime(f, text: str, zone: ZoneInfo) -> dt.date:
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


def _in_years(f, date: dt.date) -> dt.date:
    if date.year not in YEARS:
        raise _out_of_years(f, date.isoformat())
    return date


def _out_of_years(f, text: str) -> Rejected:
    return Rejected("bad-date", f"field '{f.name}': {text} is outside the years Pledgewatch "
                    f"handles ({YEARS[0]} to {YEARS[-1]}); check the year")
