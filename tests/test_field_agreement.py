"""The editor schemas and the validator agree, for every field type.

Each value is written as YAML and run through both: the validator's walker (``check_fields``)
and the field's JSON Schema (``object_json_schema``), loaded as editors load it (dates stay
strings). A value refused for a listed limit is refused by both, for that limit (the schema's
keyword and the validator's problem code are both asserted); what JSON Schema cannot say is
refused by the validator only; nothing the validator accepts is refused by the schema.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import yaml

from pledgewatch.checks.validate import check_fields
from pledgewatch.core import scalars, schema
from pledgewatch.core.field_lists import object_json_schema
from pledgewatch.core.fields import Field
from pledgewatch.ingest.yaml_nodes import Loader
from tests.test_schemas import StringDates

ZONE = ZoneInfo("UTC")
ACCEPT = ("accept",)


def refuse(keyword: str, code: str) -> tuple:
    """Refused by the schema's ``keyword`` and the validator's problem ``code``."""
    return ("refuse", keyword, code)


def validator_only(code: str) -> tuple:
    """Refused by the validator (problem ``code``) for a rule JSON Schema cannot say."""
    return ("validator-only", code)


def q(value) -> str:
    """``value`` as YAML text (JSON is YAML: strings double-quoted, escapes kept)."""
    return json.dumps(value)


def validator_codes(f: Field, text: str) -> list[str]:
    node = yaml.compose(f"{f.name}: {text}\n", Loader=Loader)
    _, problems = check_fields(node, (f,), ZONE)
    return [p.code for p in problems if p.severity == "error"]


def schema_keywords(f: Field, text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(object_json_schema((f,)))
    record = yaml.load(f"{f.name}: {text}\n", Loader=StringDates)  # noqa: S506 - safe loader
    return sorted({e.validator for e in validator.iter_errors(record)})


def verdicts(f: Field, text: str) -> tuple:
    codes, keywords = validator_codes(f, text), schema_keywords(f, text)
    if not codes:
        return ("accept",) if not keywords else ("schema-only", keywords)
    if not keywords:
        return ("validator-only", codes[0])
    return ("refuse", keywords[0], codes[0])


LINE = schema.Line("title", "A title.", required=True)
TEXT = schema.Text("notes", "Notes.")
BIG = "x" * 20_000
IDS_LIMITED = schema.Slugs("topics", "Topics.", min_items=1, max_items=2)
UPDATE = {"date": "2022-11-01", "status": "kept", "summary": "s", "sources": ["a"]}
UPDATES = [f for f in schema.KINDS["pledges"] if f.name == "updates"][0]

CORPUS: list[tuple[Field, str, tuple]] = [
    # Text: every rule is the schema's too.
    (TEXT, q("a"), ACCEPT), (TEXT, q("  two\n\nparagraphs  "), ACCEPT),
    (TEXT, q(BIG), ACCEPT),
    (TEXT, q("\ufeff"), refuse("pattern", "empty-value")),  # nothing visible
    (TEXT, q("\u200b\u3164 \u2800"), refuse("pattern", "empty-value")),
    (TEXT, q(" fill in: the notes"), refuse("pattern", "placeholder")),
    (TEXT, q(BIG + "x"), refuse("maxLength", "too-long")),
    (TEXT, q(" \n\t\u3000"), refuse("pattern", "empty-value")),
    (TEXT, q("FILL IN: the notes"), refuse("pattern", "placeholder")),
    (TEXT, q("bell\u0007"), refuse("pattern", "control-character")),
    (TEXT, "", refuse("type", "empty-value")), (TEXT, "[a]", refuse("type", "wrong-type")),
    # Line: one line, and a shorter limit.
    (LINE, q("A title"), ACCEPT), (LINE, q(" \n A title \n"), ACCEPT),
    (LINE, q("x" * 2_000), ACCEPT), (LINE, q("\u202eA\u202c"), ACCEPT),  # a warning only
    (LINE, q("x" * 2_001), refuse("maxLength", "too-long")),
    (LINE, q("two\nlines"), refuse("pattern", "multi-line")),
    (LINE, q("\rtwo"), refuse("pattern", "multi-line")),
    (LINE, q("two\u2028lines"), refuse("pattern", "multi-line")),
    (LINE, q("FILL IN: a title"), refuse("pattern", "placeholder")),
    (LINE, q("\u200bFill In: a title"), refuse("pattern", "placeholder")),
    # Id and Ref: the id pattern.
    (schema.Id("id", required=True), q("a-b-1"), ACCEPT),
    (schema.Id("id", required=True), q("A-b"), refuse("pattern", "bad-id")),
    (schema.Id("id", required=True), q("a--b"), refuse("pattern", "bad-id")),
    (schema.Id("id", required=True), q("a" * 100), ACCEPT),
    (schema.Id("id", required=True), q("a" * 101), refuse("maxLength", "id-too-long")),
    (schema.Ref("made_by", "actors"), "some-actor", ACCEPT),
    (schema.Ref("made_by", "actors"), q("-x"), refuse("pattern", "bad-id")),
    (schema.Ref("made_by", "actors"), q("FILL IN: an id"), refuse("pattern", "placeholder")),
    # Date: the shape is the schema's; the calendar and the years are the validator's.
    (schema.Date("due"), "2022-11-01", ACCEPT), (schema.Date("due"), q(" 2022-11-01 "), ACCEPT),
    (schema.Date("due"), "2022-11-01T10:00:00+01:00", ACCEPT),
    (schema.Date("due"), q("2022-11-01 10:00Z"), ACCEPT),
    (schema.Date("due"), q("2022-11-01T10:00:00,5+0100"), ACCEPT),
    (schema.Date("due"), q("1 November 2022"), refuse("pattern", "bad-date")),
    (schema.Date("due"), q("2022-11-01T10:00:00"), refuse("pattern", "naive-datetime")),
    (schema.Date("due"), q("\u0662\u0660\u0662\u0662-11-01"), refuse("pattern", "bad-date")),
    (schema.Date("due"), q("2022-02-30"), validator_only("bad-date")),
    (schema.Date("due"), q("0999-01-01"), validator_only("bad-date")),
    (schema.Date("due"), q("2022-11-01T10:00:00+25:00"), validator_only("bad-date")),
    # Url: the scheme and the characters are the schema's; parsing is the validator's.
    (schema.Url("url"), q("https://example.org/a?b=c#d"), ACCEPT),
    (schema.Url("url"), q("HTTPS://EXAMPLE.ORG/"), ACCEPT),
    (schema.Url("url"), q("https://example.org/it's"), ACCEPT),
    (schema.Url("url"), q("https://b\u00fccher.example/\u00e9"), ACCEPT),
    (schema.Url("url"), q("javascript:alert(1)"), refuse("pattern", "bad-url")),
    (schema.Url("url"), q("/relative"), refuse("pattern", "bad-url")),
    (schema.Url("url"), q("https://a b.org/"), refuse("pattern", "bad-url")),
    (schema.Url("url"), q("https://-/"), validator_only("bad-url")),
    (schema.Url("url"), q("https://example.org:99999/"), validator_only("bad-url")),
    (schema.Url("url"), q("https://example.org/%zz"), validator_only("bad-url")),
    (schema.Url("url"), q("https://exa\u200bmple.org/"), validator_only("bad-url")),
    # Bool: true or false.
    (schema.Bool("flag"), "true", ACCEPT), (schema.Bool("flag"), "false", ACCEPT),
    (schema.Bool("flag"), q("true"), refuse("type", "wrong-type")),
    (schema.Bool("flag"), "True", validator_only("wrong-type")),  # YAML 1.2 reads it too
    # Enum: the choices.
    (schema.Enum("kind", ("by", "event")), "by", ACCEPT),
    (schema.Enum("kind", ("by", "event")), "By", refuse("enum", "bad-enum")),
    (schema.Enum("kind", ("by", "event")), "", refuse("enum", "empty-value")),
    # Slugs and Refs: ids, each once, as many as allowed.
    (IDS_LIMITED, "[a, b]", ACCEPT),
    (IDS_LIMITED, "[]", refuse("minItems", "too-few-items")),
    (IDS_LIMITED, "[a, b, c]", refuse("maxItems", "too-many-items")),
    (IDS_LIMITED, "[a, a]", refuse("uniqueItems", "duplicate-item")),
    (IDS_LIMITED, "[A]", refuse("pattern", "bad-id")),
    (IDS_LIMITED, "a", refuse("type", "wrong-type")),
    (IDS_LIMITED, "[[a]]", refuse("type", "wrong-type")),
    (schema.Refs("via", "sources"), "[]", ACCEPT),
    (schema.Refs("via", "sources"), "[x, y, x]", refuse("uniqueItems", "duplicate-item")),
    # Objects: closed mappings of their fields.
    (UPDATES, q([UPDATE]), ACCEPT),
    (UPDATES, "[]", refuse("minItems", "too-few-items")),
    (UPDATES, q([{**UPDATE, "extra": "x"}]), refuse("additionalProperties", "unknown-field")),
    (UPDATES, q([{k: v for k, v in UPDATE.items() if k != "summary"}]),
     refuse("required", "missing-field")),
    (UPDATES, q([{**UPDATE, "sources": []}]), refuse("minItems", "too-few-items")),
    (UPDATES, "[a]", refuse("type", "wrong-type")),
]


def test_the_corpus_covers_every_field_type() -> None:
    assert {type(f) for f, _, _ in CORPUS} == set(schema.TYPES)


@pytest.mark.parametrize(("f", "text", "expected"), CORPUS,
                         ids=[f"{type(f).__name__}-{i}" for i, (f, _, _) in enumerate(CORPUS)])
def test_validator_and_schema_agree(f: Field, text: str, expected: tuple) -> None:
    assert verdicts(f, text) == expected


def _valid(f: Field) -> object:
    """A value every field of the type accepts."""
    if f.item:
        return [{sub.name: _valid(sub) for sub in f.item}] * max(f.min_items, 1)
    if f.is_list:
        return [f"id-{i}" for i in range(max(f.min_items, 1))]
    return {"date": "2022-11-01", "url": "https://example.org/", "bool": True,
            "enum": f.choices[0] if f.choices else ""}.get(f.type, "a")


def _boundaries(f: Field) -> list[tuple[object, bool]]:
    """``(value, accepted)`` on each side of each of the field's limits."""
    out = [(_valid(f), True)]
    if f.max_length:
        out += [("x" * f.max_length, True), ("x" * (f.max_length + 1), False)]
    out += [(c, True) for c in f.choices] + ([("not-a-choice", False)] if f.choices else [])
    if f.is_list and not f.item:
        out += [([f"id-{i}" for i in range(f.min_items)], True),
                (["a", "a"], not f.unique_items)]
        if f.min_items:
            out += [([f"id-{i}" for i in range(f.min_items - 1)], False)]
    if f.item:
        out += [(_valid(f)[:f.min_items - 1], not f.min_items)]
    return out


REAL = [(kind, f) for kind, fields in schema.KINDS.items() for f in fields] + [
    ("updates", f) for f in schema.UPDATE_FIELDS]


@pytest.mark.parametrize(("kind", "f"), REAL, ids=[f"{k}.{f.name}" for k, f in REAL])
def test_every_real_field_agrees_at_its_limits(kind: str, f: Field) -> None:
    for value, accepted in _boundaries(f):
        text = q(value)
        assert (not validator_codes(f, text), not schema_keywords(f, text)) == (
            accepted, accepted), (f.name, value)


# Characters at the edges of the text rules: spaces of both engines, line breaks, controls,
# bidirectional marks, the placeholder's letters.
ALPHABET = ["a", " ", "\t", "\n", "\r", "\u2028", "\u00a0", "\ufeff", "\u3000", "\u0007",
            "\u0085", "\u202e", "\u200b", "FILL IN:", "\u001c", "\ufffe"]


@pytest.mark.parametrize("f", [TEXT, LINE], ids=["Text", "Line"])
def test_text_rules_give_the_same_verdict_on_random_texts(f: Field) -> None:
    rng = random.Random(11)
    disagreements = []
    for _ in range(3_000):
        value = "".join(rng.choices(ALPHABET, k=rng.randint(0, 6)))
        codes, keywords = validator_codes(f, q(value)), schema_keywords(f, q(value))
        if bool(codes) != bool(keywords):
            disagreements.append((value, codes, keywords))
    assert disagreements == []


def test_the_schemas_white_space_is_what_strip_removes() -> None:
    spaces = re.compile(f"[{scalars.char_class(scalars.WHITESPACE_RANGES)}]")
    assert [c for c in map(chr, range(sys.maxunicode + 1))
            if bool(spaces.match(c)) != c.isspace()] == []


def _ecma_matches(pairs: list[tuple[str, str]]) -> list[bool]:
    """Whether each ``(pattern, value)`` matches as editors match it: ECMA-262 regular
    expressions with the ``u`` flag (ajv's default), run by Node.js."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed: the ECMA-262 pattern check needs it")
    script = ("const pairs = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
              "console.log(JSON.stringify(pairs.map(([p, v]) => new RegExp(p, 'u').test(v))));")
    done = subprocess.run([node, "-e", script], input=json.dumps(pairs), capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout)


def test_editors_regular_expressions_are_never_stricter_than_the_validator() -> None:
    """The same, with the patterns as editors run them (ECMA-262, not Python's ``re``):
    one-line and other text get the same verdict; nothing the validator accepts is refused."""
    rng = random.Random(12)
    cases = [(f, json.loads(text)) for f, text, _ in CORPUS
             if f.type in ("text", "line", "id", "ref", "date", "url") and text.startswith('"')]
    cases += [(f, "".join(rng.choices(ALPHABET, k=rng.randint(0, 6))))
              for f in (TEXT, LINE) for _ in range(1_000)]
    matched = _ecma_matches([(f.json_schema()["pattern"], value) for f, value in cases])
    wrong = []
    for (f, value), match in zip(cases, matched, strict=True):
        accepted = not validator_codes(f, q(value))
        ecma = match and len(value) <= (f.max_length or len(value))
        if (accepted and not ecma) or (f.type in ("text", "line") and accepted != ecma):
            wrong.append((f.name, value, accepted, ecma))
    assert wrong == []
