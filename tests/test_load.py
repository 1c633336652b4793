"""The loader: what libyaml makes of hostile or odd files, and that each gives a located problem.

Exact messages per class are in test_validate_fixtures.py; these tests pin the behaviour behind
them (what is refused before composing, what libyaml resolves, what stays equal).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from pledgewatch.build import check
from pledgewatch.checks.validate import check_document
from pledgewatch.core.config import load_config
from pledgewatch.core.problems import Problem
from pledgewatch.ingest import load, yaml_nodes

FIXTURE = Path(__file__).parent / "fixtures"
QUOTE = FIXTURE / "site/content/quotes/union-library.yml"
ZONE = load_config(FIXTURE / "site/site_config.yml").zone


def parse(data: bytes) -> tuple[yaml.Node | None, list[Problem]]:
    return yaml_nodes.parse_bytes(data, "x.yml")


def test_the_c_loader_is_used() -> None:
    assert issubclass(yaml_nodes.Loader, yaml.CSafeLoader)


@pytest.mark.parametrize(("plain", "tag"), [
    ("NO", "bool"), ("off", "bool"), ("yes", "bool"), ("On", "bool"),
    ("1.10", "float"), ("0755", "int"), ("12:30", "int"), ("0x1F", "int"), ("1_000", "int"),
    ("2022-11-01", "timestamp"), ("~", "null"),
    # YAML 1.1 and libyaml read these as text, as YAML 1.2 does
    ("y", "str"), ("n", "str"), ("1e3", "str"), ("0o17", "str"), ("2022-11-01T12:00", "str"),
])
def test_what_pyyaml_resolves_plain_scalars_to(plain: str, tag: str) -> None:
    """PyYAML's resolver is YAML 1.1: the reason text fields must be checked on nodes."""
    node = yaml.compose(f"v: {plain}", Loader=yaml_nodes.Loader)
    assert node.value[0][1].tag == f"tag:yaml.org,2002:{tag}"


def billion_laughs(levels: int) -> bytes:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = [chr(ord("a") + i) for i in range(levels)]
    for prev, name in zip(names, names[1:], strict=False):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


def test_an_alias_bomb_is_refused_by_the_event_scan_before_compose(monkeypatch) -> None:
    def compose(*args, **kwargs):
        raise AssertionError("an alias bomb reached yaml.compose")

    monkeypatch.setattr(load.yaml, "compose", compose)
    node, problems = parse(billion_laughs(20))  # 9**20 "lol"s if expanded
    assert node is None
    assert [(p.line, p.column, p.code) for p in problems[:3]] == [
        (1, 4, "yaml-anchor"), (2, 4, "yaml-anchor"), (3, 4, "yaml-anchor")]
    assert sorted({p.code for p in problems}) == ["yaml-alias", "yaml-anchor"]
    assert len(problems) == 39  # 20 anchors, 19 alias names: one problem each, not per use


def test_text_without_anchor_syntax_skips_the_event_scan(monkeypatch) -> None:
    def scan(*args):
        raise AssertionError("scanned")

    monkeypatch.setattr(yaml_nodes, "_anchors_and_aliases", scan)
    node, problems = parse(b"id: at-and-t\nname: AT&T & partners\nkind: organisation\n")
    assert problems == []
    assert node.value[1][1].value == "AT&T & partners"


@pytest.mark.parametrize(("text", "line", "column"), [
    ("id: x\nmember_of: " + "[" * 100_000, 2, 1011),
    ("id: x\nmember_of: " + "{a: " * 100_000, 2, 4008),
    ("id: x\nmember_of:\n" + "- " * 100_000, 3, 1999),
])
def test_100000_levels_of_nesting_give_one_located_problem(text, line, column) -> None:
    """libyaml stops at its 1,000th level, where the problem is placed (no RecursionError,
    no crash)."""
    node, problems = parse(text.encode())
    assert node is None
    assert [(p.line, p.column, p.code) for p in problems] == [(line, column, "too-deep")]


def _values(data: bytes) -> dict:
    node, problems = parse(data)
    assert problems == []
    document = load.Document("quotes", "union-library", "x.yml", "x.yml", node)
    record, problems = check_document(document, ZONE)
    assert problems == []
    return record.values


def test_a_byte_order_mark_and_crlf_or_cr_line_ends_give_the_same_record() -> None:
    plain = QUOTE.read_bytes()
    committed = (FIXTURE / "bad/bom-crlf/content/quotes/union-library.yml").read_bytes()
    assert committed.startswith(b"\xef\xbb\xbf") and committed.count(b"\r\n") == 7
    assert _values(committed) == _values(plain) == {
        "id": "union-library", "speaker": "residents-union",
        "text": "A city without a library is a city without a memory.",
        "said_on": dt.date(2024, 2, 15), "source": "union-letter", "kind": "statement",
        "about": ["reopen-library"]}
    assert _values(plain.replace(b"\n", b"\r")) == _values(plain)


def test_positions_count_characters_after_a_byte_order_mark() -> None:
    _, problems = parse("\ufeffid: é\x07\n".encode())
    assert [(p.line, p.column) for p in problems] == [(1, 6)]
    _, problems = parse("\ufeffid: é".encode() + b"\xff\n")
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 6, "not-utf8")]


def test_the_size_cap_defaults_to_1_mb(site_copy: Path) -> None:
    config = load_config(site_copy / "site_config.yml")
    assert config.max_file_bytes == 1_000_000
    source = site_copy / "content/sources/gazette-2024-01-10.yml"
    text = source.read_text() + "# padding\n"
    source.write_text(text + "#" * (1_000_000 - len(text.encode()) - 1) + "\n")
    assert source.stat().st_size == 1_000_000
    assert check(config)[1] == []
    source.write_text(source.read_text() + "\n")
    assert [p.as_text() for p in check(config)[1]] == [
        "content/sources/gazette-2024-01-10.yml:1:1: error: file is 1,000,001 bytes, over the "
        "limit of 1,000,000 bytes (max_file_bytes in site_config.yml); a record should be far "
        "smaller: check that nothing was pasted in by mistake"]


def test_a_symbolic_link_is_refused(site_copy: Path) -> None:
    link = site_copy / "content/actors/mayor.yml"
    link.symlink_to(site_copy / "content/actors/ada-mayor.yml")
    _, problems = check(load_config(site_copy / "site_config.yml"))
    assert [p.as_text() for p in problems] == [
        "content/actors/mayor.yml:1:1: error: symbolic links are not accepted in content/; "
        "commit the file itself"]


def test_a_control_character_in_a_key_names_the_key() -> None:
    _, problems = parse(b"id: x\nna\x01me: y\n")
    assert [p.message for p in problems] == [
        "control character U+0001 in the field name 'na\ufffdme' is not allowed; delete it "
        "(it is invisible in most editors)"]


def test_a_symlinked_kind_folder_is_refused_and_not_read(site_copy: Path) -> None:
    elsewhere = site_copy.parent / "elsewhere"
    (site_copy / "content/quotes").rename(elsewhere)
    (site_copy / "content/quotes").symlink_to(elsewhere)
    _, problems = check(load_config(site_copy / "site_config.yml"))
    assert [p.as_text() for p in problems] == [
        "content/quotes:1:1: error: symbolic links are not accepted in content/; commit the "
        "folder or file itself"]


def test_a_folder_named_like_a_record_is_a_problem_not_a_crash(site_copy: Path) -> None:
    (site_copy / "content/quotes/draft.yml").mkdir()
    _, problems = check(load_config(site_copy / "site_config.yml"))
    assert [p.as_text() for p in problems] == [
        "content/quotes/draft.yml:1:1: error: this is not a file (a folder or a device); "
        "records are files ending in .yml"]


def test_an_unreadable_file_is_a_problem_not_a_crash(site_copy: Path, monkeypatch) -> None:
    def refuse(path, mode="r"):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(load, "open", refuse, raising=False)
    documents, problems = load.load_tree(site_copy / "content", site_copy, 1000)
    assert len(documents) == 12 and all(d.node is None for d in documents)
    assert problems[0].as_text() == (
        "content/actors/ada-mayor.yml:1:1: error: cannot read the file (Permission denied); "
        "check its permissions")
    assert {p.code for p in problems} == {"unreadable"}


def test_utf16_without_a_byte_order_mark_is_named() -> None:
    _, problems = parse(QUOTE.read_text().encode("utf-16-le"))
    assert [(p.line, p.column, p.code) for p in problems] == [(1, 1, "not-utf8")]
    assert problems[0].message.startswith("file is saved as UTF-16")


def test_a_binary_file_gives_ten_control_characters_and_a_count() -> None:
    _, problems = parse(b"id: x\nname: " + bytes(range(1, 9)) * 100 + b"\n")
    assert [(p.line, p.column) for p in problems] == [(2, c) for c in range(7, 18)]
    assert problems[-1].message == "790 more control characters from here on; is this a text file?"


def test_a_pasted_line_separator_is_named_where_the_editor_shows_it() -> None:
    """libyaml would break the line at U+2028 and blame the next key on a line that editors
    do not show; the loader names the character at its place instead."""
    node, problems = parse("id: x\ntext: one\u2028two\nkind: statement\n".encode())
    assert [p.as_text() for p in problems] == [
        "x.yml:2:10: error: line separator U+2028 in 'text' is not allowed: YAML reads it as a "
        "line break; replace it with a space"]
    assert node.value[2][0].start_mark.line == 2  # 'kind' stays on line 3
