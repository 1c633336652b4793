"""Mutation test: take the valid fixture content, break one thing, expect exactly one problem.

Each row of ``MUTATIONS`` applies one edit to one file of ``tests/fixtures/site`` (replace
``old`` by ``new``; ``old=None`` replaces the whole file; a path that does not exist is
created) and names the one problem it must cause: its code, file, line and column. One row per
class of bad edit in issue 3, and every reference field, so that a check which stops firing or
starts to cascade fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config

Q = "content/quotes/union-library.yml"
Q2 = "content/quotes/ada-bridge.yml"
P = "content/pledges/fix-the-bridge.yml"
P2 = "content/pledges/reopen-library.yml"
D = "content/deadlines/bridge-end-of-march.yml"
S = "content/sources/gazette-2024-01-10.yml"
S2 = "content/sources/council-minutes-2024-03-01.yml"
L = "content/sources/union-letter.yml"
A = "content/actors/residents-union.yml"
URL = "url: https://gazette.example.org/2024/01/10/mayor-promises"
MEMORY = "text: A city without a library is a city without a memory."

# (class, file, old, new, code, line, column); the problem is in that file unless REPORTED_IN
# names another
MUTATIONS = [
    # reading the file
    ("not UTF-8", Q, "memory", "m\xe9moire", "not-utf8", 3, 53),
    ("UTF-16", Q, "memory", "memory", "not-utf8", 1, 1),
    ("empty file", Q, None, "", "empty-file", 1, 1),
    ("comment-only file", Q, None, "# id: union-library\n", "empty-file", 1, 1),
    ("top level a list", Q, None, "- id: union-library\n", "not-a-mapping", 1, 1),
    ("top level a value", Q, None, "union-library\n", "not-a-mapping", 1, 1),
    ("tab indentation", Q, "about: [reopen-library]", "about:\n\t- reopen-library",
     "tab-indent", 8, 1),
    ("over the size cap", Q, "kind: statement", "kind: statement\n#" + "x" * 1_000_000,
     "file-too-large", 1, 1),
    ("nested deeper than the schema", Q, "about: [reopen-library]",
     "about: [[reopen-library]]", "wrong-type", 7, 9),
    ("nested over libyaml's limit", Q, "about: [reopen-library]",
     "about: " + "[" * 1001 + "reopen-library" + "]" * 1001, "too-deep", 7, 1007),
    ("second document", Q, "kind: statement", "kind: statement\n---", "multiple-documents",
     7, 1),
    ("syntax error", Q, "about: [reopen-library]", "about: [reopen-library", "yaml-syntax",
     8, 1),
    ("duplicate key", Q, "kind: statement", "kind: statement\nkind: statement",
     "duplicate-key", 7, 1),
    ("anchor", Q, "said_on: 2024-02-15", "said_on: &day 2024-02-15", "yaml-anchor", 4, 10),
    ("alias", Q2, "context: At the public meeting.", "context: *meeting", "yaml-alias", 7, 10),
    ("merge key", Q2, "context: At the public meeting.", "<<: {context: At the meeting.}",
     "yaml-merge", 7, 1),
    ("YAML tag", Q2, "context: At the public meeting.", "context: !note At the meeting.",
     "yaml-tag", 7, 10),
    ("YAML 1.1 NO", Q2, "context: At the public meeting.", "context: NO", "yaml-type", 7, 10),
    ("YAML 1.1 off", Q2, "context: At the public meeting.", "context: off", "yaml-type", 7, 10),
    ("YAML 1.1 yes", Q2, "context: At the public meeting.", "context: yes", "yaml-type", 7, 10),
    ("YAML 1.1 1.10", Q2, "context: At the public meeting.", "context: 1.10", "yaml-type", 7,
     10),
    ("YAML 1.1 0755", Q2, "context: At the public meeting.", "context: 0755", "yaml-type", 7,
     10),
    ("YAML 1.1 12:30", Q2, "context: At the public meeting.", "context: 12:30", "yaml-type", 7,
     10),
    ("YAML 1.1 yes for true", S, "reports_earlier_words: true", "reports_earlier_words: yes",
     "wrong-type", 7, 24),
    ("C0 control character", Q, "memory", "mem\x07ory", "control-character", 3, 55),
    ("C1 control character", Q, "memory", "mem\x85ory", "control-character", 3, 55),
    ("U+FFFE", Q, "memory", "mem\ufffeory", "control-character", 3, 55),
    ("U+FFFF", Q, "memory", "mem\uffffory", "control-character", 3, 55),
    ("pasted line separator", Q, "memory", "mem\u2028ory", "line-separator", 3, 55),
    ("escaped control character", Q, MEMORY, 'text: "A city without a memory.\\x1b"',
     "control-character", 3, 7),
    # each record
    ("missing field", Q, "kind: statement\n", "", "missing-field", 1, 1),
    ("missing field in an update", P, "    summary: Pledge made at a public meeting.\n", "",
     "missing-field", 11, 5),
    ("unknown field", Q2, "context:", "contxt:", "unknown-field", 7, 1),
    ("misspelt required field", Q, "kind: statement", "knid: statement", "unknown-field", 6, 1),
    ("wrong type", Q, "kind: statement", "kind: [statement]", "wrong-type", 6, 7),
    ("status not in the scale", P, "status: in-progress\nupdates", "status: in progress\nupdates",
     "bad-enum", 9, 9),
    ("kind not allowed", Q, "kind: statement", "kind: speech", "bad-enum", 6, 7),
    ("precision not allowed", D, "precision: month", "precision: quarter", "bad-enum", 7, 12),
    ("empty value", Q2, "context: At the public meeting.", "context:", "empty-value", 7, 9),
    ("id not a slug", Q, "id: union-library", "id: Union_Library", "bad-id", 1, 5),
    ("id not the file name", Q, "id: union-library", "id: union-quote", "id-mismatch", 1, 5),
    ("duplicate id", "content/quotes/union-library.yaml", None,
     Path("tests/fixtures/site", Q).read_text(), "duplicate-id", 1, 5),
    ("duplicate list item", P, "made_to: [residents-union]",
     "made_to: [residents-union, residents-union]", "duplicate-item", 4, 28),
    ("2022-02-30", Q, "said_on: 2024-02-15", "said_on: 2022-02-30", "bad-date", 4, 10),
    ("not a date", Q, "said_on: 2024-02-15", "said_on: 15 February 2024", "bad-date", 4, 10),
    ("date-time without a time zone", Q, "said_on: 2024-02-15", "said_on: 2024-02-15T10:00:00",
     "naive-datetime", 4, 10),
    ("javascript: in mixed case", S, URL, "url: JavaScript:alert(1)", "bad-url", 6, 6),
    ("javascript: as entities", S, URL, "url: '&#x6A;avascript:alert(1)'", "bad-url", 6, 6),
    ("javascript: percent-encoded", S, URL, "url: '%6Aavascript:alert(1)'", "bad-url", 6, 6),
    ("javascript: split by a tab", S, URL, "url: \"java\\tscript:alert(1)\"", "bad-url", 6, 6),
    ("data:", S, URL, "url: 'data:text/html,<script>alert(1)</script>'", "bad-url", 6, 6),
    ("vbscript:", S, URL, "url: VBScript:MsgBox(1)", "bad-url", 6, 6),
    ("relative URL", S, URL, "url: /2024/01/10/mayor-promises", "bad-url", 6, 6),
    ("malformed URL", S, URL, "url: 'https://[gazette.example.org/x'", "bad-url", 6, 6),
    ("URL with a space", S, URL, "url: https://gazette.example.org/mayor promises", "bad-url", 6,
     6),
    # across records: one row per reference field
    ("made_by", P2, "made_by: ada-mayor", "made_by: ada-mayr", "unknown-reference", 3, 10),
    ("made_to", P2, "made_to: [residents-union]", "made_to: [residents]", "unknown-reference",
     4, 11),
    ("speaker", Q2, "speaker: ada-mayor", "speaker: ada", "unknown-reference", 2, 10),
    ("source", Q2, "source: gazette-2024-01-10", "source: gazette", "unknown-reference", 5, 9),
    ("update sources", P, "sources: [gazette-2024-01-10]", "sources: [gazette-2024-01-11]",
     "unknown-reference", 14, 15),
    ("deadline sources", D, "sources: [gazette-2024-01-10]", "sources: [gazette-2024]",
     "unknown-reference", 8, 11),
    ("pledges", D, "pledges: [fix-the-bridge]", "pledges: [fix-bridge]", "unknown-reference",
     3, 11),
    ("about", Q, "about: [reopen-library]", "about: [reopen-the-library]", "unknown-reference",
     7, 9),
    ("member_of", A, "kind: organisation", "kind: organisation\nmember_of: [example-cty]",
     "unknown-reference", 4, 13),
    ("via", L, "via: [gazette-2024-01-10]", "via: [gazette-2024-01-01]", "unknown-reference",
     6, 7),
    ("mentions", Q, "about: [reopen-library]", "about: [reopen-library]\nmentions: [ada-mayr]",
     "unknown-reference", 8, 12),
    ("published_by", L, "publisher: Residents' Union",
     "publisher: Residents' Union\npublished_by: residents-onion", "unknown-reference", 4, 15),
    ("actor sources", A, "kind: organisation", "kind: organisation\nsources: [union-leter]",
     "unknown-reference", 4, 11),
    ("reference of the wrong kind", P2, "made_by: ada-mayor", "made_by: union-letter",
     "unknown-reference", 3, 10),
    ("updates out of order", P, "  - date: 2024-01-10", "  - date: 2024-03-02", "update-order",
     15, 11),
    ("update without a source", P, "sources: [gazette-2024-01-10]", "sources: []",
     "too-few-items", 14, 14),
    ("first update before made_on", P, "made_on: 2024-01-09", "made_on: 2024-01-11",
     "update-early", 11, 11),
    ("status is not the last update's", P, "status: in-progress\nupdates",
     "status: stalled\nupdates", "status-mismatch", 9, 9),
    ("source published after the update", P2, "  - date: 2024-03-01", "  - date: 2024-02-29",
     "source-after-update", 18, 15),
    ("quote before its source", S, "reports_earlier_words: true\n", "", "quote-date", 4, 10),
    ("quote after its source", Q, "said_on: 2024-02-15", "said_on: 2024-02-16", "quote-date",
     4, 10),
    ("'by' deadline before the pledge", D, "due: 2024-03-31", "due: 2024-01-01",
     "deadline-early", 4, 6),
    # warnings
    ("unused source", "content/sources/gazette-2024-01-11.yml", None,
     "id: gazette-2024-01-11\ntitle: Letters\npublisher: The Example Gazette\nkind: "
     "news-article\npublished: 2024-01-11\n", "unused-source", 1, 5),
    ("unused actor", "content/actors/city-treasurer.yml", None,
     "id: city-treasurer\nname: City Treasurer\nkind: person\n", "unused-actor", 1, 5),
    ("same URL twice", S2, "url: https://council.example.org/minutes/2024-03-01",
     "url: HTTPS://Gazette.example.org/2024/01/10/mayor-promises/", "duplicate-url", 6, 6),
    ("stray file", "content/quotes/union-library.yml.bak", None, "x", "not-a-record", 1, 1),
]


REPORTED_IN = {
    "duplicate id": Q,  # on the later of the two files, naming the other
    "quote before its source": Q2,
    "same URL twice": S,  # on the later source, naming the first
}


def _apply(root: Path, relpath: str, old: str | None, new: str, name: str) -> None:
    path = root / relpath
    text = new if old is None else path.read_text(encoding="utf-8")
    if old is not None:
        assert text.count(old) == 1, f"{name}: {old!r} must occur once in {relpath}"
        text = text.replace(old, new)
    encoding = {"not UTF-8": "latin-1", "UTF-16": "utf-16"}.get(name, "utf-8")
    path.write_bytes(text.encode(encoding))


def test_the_fixture_content_is_valid(site_copy: Path) -> None:
    assert check(load_config(site_copy / "site_config.yml"))[1] == []


@pytest.mark.parametrize(("name", "relpath", "old", "new", "code", "line", "column"),
                         MUTATIONS, ids=[row[0] for row in MUTATIONS])
def test_one_break_gives_exactly_one_located_problem(
        site_copy: Path, name, relpath, old, new, code, line, column) -> None:
    _apply(site_copy, relpath, old, new, name)
    _, problems = check(load_config(site_copy / "site_config.yml"))
    assert [(p.code, p.path, p.line, p.column) for p in problems] == [
        (code, REPORTED_IN.get(name, relpath), line, column)], [p.as_text() for p in problems]


def test_problems_after_a_refused_item_keep_their_own_position(site_copy: Path) -> None:
    _apply(site_copy, P, "made_to: [residents-union]",
           "made_to: [Residents, residents-unoin, residents-union, residents-union]", "items")
    _apply(site_copy, P, "updates:\n", "updates:\n  - not an update\n", "items")
    _apply(site_copy, P, "  - date: 2024-03-01", "  - date: 2024-02-28", "items")
    _, problems = check(load_config(site_copy / "site_config.yml"))
    assert [(p.code, p.line, p.column) for p in problems] == [
        ("bad-id", 4, 11),
        ("unknown-reference", 4, 22),
        ("duplicate-item", 4, 56),
        ("wrong-type", 11, 5),
        ("source-after-update", 19, 15),  # the third item's source: its own line and column
    ]
