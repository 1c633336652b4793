"""Issue 12, the second attack round, for validate: one case per class, each asserting the exact
problems (message and location) it gives on the fixture site.

Classes: lists capped per field (2), ids that become file names (3), URLs read as browsers
read them (4), invisible text and placeholders (5), odd data (8), small ones of the loader and
the report (10). The CLI, build and serve classes are in test_attack_round2_cli.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.checks import crosscheck
from pledgewatch.cli.main import main
from pledgewatch.core import urls
from pledgewatch.core.config import load_config
from pledgewatch.core.problems import ConfigError
from tests.test_validate_edges import edit, problems

P = "content/pledges/fix-the-bridge.yml"
R = "content/pledges/reopen-library.yml"
S = "content/sources/gazette-2024-01-10.yml"
GAZETTE = "url: https://gazette.example.org/2024/01/10/mayor-promises"
TOO_LONG = ("'{}\u2026' in '{}' is 101 characters long, over the limit of 100 for an id (it "
            "becomes a file name and a web address); shorten it")
IP = ("'{}' names its host by IP address ('{}'); link to the page by its host name, as readers "
      "see it")
PRIVATE = ("'{}' points to a local or private host ('{}'), which readers cannot reach; link to "
           "the page's public address")
USER = ("'{}' has user information before the host ('...@'), which can disguise where the link "
        "leads; delete everything between '//' and '@'")

CASES = [
    # 3. Every value that becomes a file name fits one.
    ("topic of 101 characters", P, "topics: [transport]", f"topics: [transport, {'t' * 101}]",
     [f"{P}:8:21: error: " + TOO_LONG.format("t" * 40, "topics")]),
    ("alias of 101 characters", P, "aliases: [repair-the-bridge]", f"aliases: [{'ab-' * 33}cd]",
     [f"{P}:19:11: error: " + TOO_LONG.format("ab-" * 13 + "a", "aliases")]),
    ("reference of 101 characters", P, "made_by: ada-mayor", f"made_by: {'m' * 101}",
     [f"{P}:3:10: error: " + TOO_LONG.format("m" * 40, "made_by")]),
    ("topic named for a Windows device", P, "topics: [transport]", "topics: [transport, nul]",
     [f"{P}:8:21: error: 'nul' cannot be an id for 'topics': Windows reserves the name for a "
      "device, so no file nul.yml or page folder nul/ can be made there; choose another"]),
    # 2. Lists are capped per field; the items past the cap are not checked.
    ("21 topics", P, "topics: [transport]", "topics: [" + ", ".join(
        f"t{i}" for i in range(21)) + "]",
     [f"{P}:8:9: error: field 'topics' lists 21 items, over the limit of 20; delete 1"]),
    ("21 aliases", P, "aliases: [repair-the-bridge]", "aliases: [" + ", ".join(
        f"a{i}" for i in range(21)) + "]",
     [f"{P}:19:10: error: field 'aliases' lists 21 items, over the limit of 20; delete 1"]),
    # 4. URLs as browsers read them.
    ("backslash before @", S, GAZETTE, "url: https://evil.example\\@www.good.example/",
     [f"{S}:6:6: error: field 'url': 'https://evil.example\\@www.good.example/' contains a "
      "backslash, which browsers read as '/', so the link would lead elsewhere than it reads; "
      "write '/' or percent-encode it as %5C"]),
    ("user and password", S, GAZETTE, "url: https://user:pw@gazette.example.org/x",
     [f"{S}:6:6: error: field 'url': " + USER.format("https://user:pw@gazette.example.org/x")]),
    ("empty user", S, GAZETTE, "url: https://@gazette.example.org/x",
     [f"{S}:6:6: error: field 'url': " + USER.format("https://@gazette.example.org/x")]),
    ("IPv4 literal", S, GAZETTE, "url: http://192.168.1.1/x",
     [f"{S}:6:6: error: field 'url': " + IP.format("http://192.168.1.1/x", "192.168.1.1")]),
    ("IPv4 in hexadecimal", S, GAZETTE, "url: http://0x7f.1/",
     [f"{S}:6:6: error: field 'url': " + IP.format("http://0x7f.1/", "127.0.0.1")]),
    ("IPv4 as one number", S, GAZETTE, "url: http://2130706433/",
     [f"{S}:6:6: error: field 'url': " + IP.format("http://2130706433/", "127.0.0.1")]),
    ("IPv6 literal", S, GAZETTE, "url: http://[::1]/",
     [f"{S}:6:6: error: field 'url': " + IP.format("http://[::1]/", "[::1]")]),
    ("localhost", S, GAZETTE, "url: https://localhost:8000/",
     [f"{S}:6:6: error: field 'url': " + PRIVATE.format("https://localhost:8000/",
                                                        "localhost")]),
    ("name without a dot", S, GAZETTE, "url: https://intranet/page",
     [f"{S}:6:6: error: field 'url': " + PRIVATE.format("https://intranet/page", "intranet")]),
    ("mDNS name", S, GAZETTE, "url: https://printer.local/",
     [f"{S}:6:6: error: field 'url': " + PRIVATE.format("https://printer.local/",
                                                        "printer.local")]),
    ("mixed scripts", S, GAZETTE, "url: https://\u0430pple.com/",
     [f"{S}:6:6: warning: field 'url': the host name '\u0430pple.com' mixes Cyrillic and Latin "
      "letters in '\u0430pple', as look-alike addresses do; check that the link leads where "
      "it should"]),
    ("mixed scripts in punycode", S, GAZETTE, "url: https://xn--pple-43d.com/",
     [f"{S}:6:6: warning: field 'url': the host name '\u0430pple.com' mixes Cyrillic and Latin "
      "letters in '\u0430pple', as look-alike addresses do; check that the link leads where "
      "it should"]),
    # 5. Invisible text is empty; placeholders in any case, after any space.
    ("zero-width title", P, "title: Fix the old bridge by the end of March",
     'title: "\\u200b\\u200b"', [f"{P}:2:8: error: field 'title' is empty; give it a value"]),
    ("tag characters beyond U+FFFF", P, "title: Fix the old bridge by the end of March",
     'title: "\U000e0041\U000e0042"',
     [f"{P}:2:8: error: field 'title' is empty; give it a value"]),
    ("filler and word joiner", P, "title: Fix the old bridge by the end of March",
     'title: "\\u3164\\u2060 \\ufe0f"',
     [f"{P}:2:8: error: field 'title' is empty; give it a value"]),
    ("placeholder in lower case after spaces", P, "summary: Pledge made at a public meeting.",
     'summary: "  fill in: what happened"',
     [f"{P}:13:14: error: field 'summary' still holds the placeholder; replace it: what happened"]),
    ("placeholder after a zero-width space", P, "title: Fix the old bridge by the end of March",
     'title: "\\u200bFill In: one line"',
     [f"{P}:2:8: error: field 'title' still holds the placeholder; replace it: one line"]),
    # 8. Odd data gets a warning.
    ("pledge made to its maker", P, "made_to: [residents-union]",
     "made_to: [residents-union, ada-mayor]",
     [f"{P}:4:28: warning: 'ada-mayor' made this pledge (made_by) and is also listed in "
      "made_to; a pledge is made to others: remove it from made_to"]),
    ("'by' deadline without pledges", "content/deadlines/budget-vote.yml", "kind: event",
     "kind: by",
     ["content/deadlines/budget-vote.yml:5:7: warning: a 'by' deadline with no pledges falls "
      "due for nothing; list the pledges it applies to in 'pledges', or use kind: event for a "
      "date on the timeline"]),
]


@pytest.mark.parametrize(("name", "relpath", "old", "new", "expected"), CASES,
                         ids=[case[0] for case in CASES])
def test_attack_gives_its_located_problem(site_copy: Path, name, relpath, old, new,
                                          expected) -> None:
    edit(site_copy, relpath, old, new)
    assert problems(site_copy) == expected


def test_longest_id_and_fullest_lists_pass(site_copy: Path) -> None:
    edit(site_copy, P, "topics: [transport]", "topics: [transport, " + ", ".join(
        f"t{i}" for i in range(18)) + f", {'t' * 100}]")
    assert problems(site_copy) == []


def test_member_of_cycles_are_warned_at_the_membership_that_closes_each(
        site_copy: Path) -> None:
    # ada-mayor is a member of example-city already: two circles through example-city.
    edit(site_copy, "content/actors/residents-union.yml", "kind: organisation",
         "kind: organisation\nmember_of: [example-city]")
    edit(site_copy, "content/actors/example-city.yml", "kind: organisation",
         "kind: organisation\nmember_of: [ada-mayor, residents-union]")
    assert problems(site_copy) == [
        "content/actors/example-city.yml:4:13: warning: member_of goes round in a circle "
        "(example-city -> ada-mayor -> example-city): an organisation cannot be a member of "
        "itself; remove the membership that is wrong",
        "content/actors/residents-union.yml:4:13: warning: member_of goes round in a circle "
        "(residents-union -> example-city -> residents-union): an organisation cannot be a "
        "member of itself; remove the membership that is wrong"]


def test_a_long_member_of_cycle_is_shown_by_its_ends(site_copy: Path) -> None:
    for i in range(300):
        (site_copy / f"content/actors/c{i}.yml").write_text(
            f"id: c{i}\nname: C {i}\nkind: organisation\nmember_of: [c{(i + 1) % 300}]\n",
            encoding="utf-8")
    found = [line for line in problems(site_copy) if "circle" in line]
    assert found == [
        "content/actors/c299.yml:4:13: warning: member_of goes round in a circle (c299 -> c0 "
        "-> c1 -> \u2026 296 more -> c298 -> c299): an organisation cannot be a member of itself; "
        "remove the membership that is wrong"]


def test_update_whose_only_source_cannot_be_checked(site_copy: Path) -> None:
    edit(site_copy, "content/sources/council-minutes-2024-03-01.yml",
         "url: https://council.example.org/minutes/2024-03-01\n", "")
    edit(site_copy, "content/sources/council-minutes-2024-03-01.yml",
         "archive_url: https://archive.example.org/council/2024-03-01\n", "")
    assert problems(site_copy) == [
        f"{P}:18:14: warning: no source of this update can be checked by a reader: "
        "'council-minutes-2024-03-01' has neither url nor via; add the source's url, or in via "
        "the sources that report it"]


def test_only_the_first_unknown_references_of_a_record_get_suggestions(site_copy: Path) -> None:
    edit(site_copy, P, "made_to: [residents-union]",
         "made_to: [residents-unio, residents-uni, residents-un, residents-u]")
    close = "unknown actor '{}'; did you mean 'residents-union'?"
    assert problems(site_copy) == [
        f"{P}:4:11: error: " + close.format("residents-unio"),
        f"{P}:4:27: error: " + close.format("residents-uni"),
        f"{P}:4:42: error: " + close.format("residents-un"),
        f"{P}:4:56: error: unknown actor 'residents-u'; add content/actors/residents-u.yml or "
        "fix the id"]


def test_suggestions_stop_after_the_budget_of_a_run(site_copy: Path) -> None:
    for i in range(crosscheck.SUGGESTIONS + 1):
        (site_copy / f"content/quotes/q{i:02d}.yml").write_text(
            f"id: q{i:02d}\nspeaker: ada-mayr\ntext: Words.\nsaid_on: 2024-01-10\n"
            "source: gazette-2024-01-10\nkind: spoken\n", encoding="utf-8")
    found = [line for line in problems(site_copy) if "ada-mayr" in line]
    assert len(found) == crosscheck.SUGGESTIONS + 1
    assert found[-2].endswith("unknown actor 'ada-mayr'; did you mean 'ada-mayor'?")
    assert found[-1] == ("content/quotes/q50.yml:2:10: error: unknown actor 'ada-mayr'; add "
                         "content/actors/ada-mayr.yml or fix the id")


# 10. Small ones ---------------------------------------------------------------------------


def test_a_file_of_only_a_document_start_is_empty(site_copy: Path) -> None:
    (site_copy / "content/actors/dashes.yml").write_text("---\n", encoding="utf-8")
    assert problems(site_copy) == [
        "content/actors/dashes.yml:1:1: error: file has no fields (empty); a record is a "
        "mapping of fields, one per line, such as 'id: my-record'"]


def test_a_file_named_only_the_suffix_is_reported(site_copy: Path) -> None:
    (site_copy / "content/pledges/.yml").write_text("id: x\n", encoding="utf-8")
    assert problems(site_copy) == [
        "content/pledges/.yml:1:1: warning: '.yml' is not read: a record's file is named after "
        "its id, as in 'my-record.yml'; this name has no id before the dot"]


def test_json_report_stays_valid_for_a_file_name_that_is_not_utf8(site_copy: Path) -> None:
    import os

    os.rename(site_copy / "content/quotes/union-library.yml",
              os.fsencode(site_copy / "content/quotes") + b"/union\xff.yml")
    result = CliRunner().invoke(main, ["validate", "--format", "json"])
    assert result.exit_code == 1
    raw = result.stdout_bytes.decode("utf-8")  # strict: no lone surrogate got through
    assert [p["path"] for p in json.loads(raw)] == ["content/quotes/union\\xff.yml"]


# 9. The site configuration -----------------------------------------------------------------


@pytest.mark.parametrize(("line", "message"), [
    ('language: en"x', "'language' is not a BCP 47 language tag ('en\"x'); use one such as "
                       "'en', 'en-GB', 'fr' or 'pt-BR' (letters and digits joined by hyphens)"),
    ("language: en_GB", "'language' is not a BCP 47 language tag ('en_GB'); use one such as "
                        "'en', 'en-GB', 'fr' or 'pt-BR' (letters and digits joined by hyphens)"),
    ("language: english", "'language' is not a BCP 47 language tag ('english'); use one such "
                          "as 'en', 'en-GB', 'fr' or 'pt-BR' (letters and digits joined by "
                          "hyphens)"),
    ("content_dir: ../elsewhere", "'content_dir' is outside the folder of this file "
                                  "('../elsewhere'); give a folder inside it, such as "
                                  "'content'"),
    ("content_dir: /tmp", "'content_dir' is outside the folder of this file ('/tmp'); give a "
                          "folder inside it, such as 'content'"),
])
def test_site_configuration_is_refused(site_copy: Path, line: str, message: str) -> None:
    key = line.split(":", 1)[0]
    config = site_copy / "site_config.yml"
    text = "".join(f"{line}\n" if old.startswith(f"{key}:") else old
                   for old in config.read_text().splitlines(keepends=True))
    config.write_text(text)
    with pytest.raises(ConfigError) as raised:
        load_config(config)
    assert str(raised.value) == f"{config}: {message}"


@pytest.mark.parametrize(("tag", "theme"), [("de-CH", "de"), ("pt-BR", "pt-BR"),
                                            ("sr-Latn", "sr"), ("x-klingon", "en")])
def test_a_valid_tag_gets_the_nearest_theme_language(tag: str, theme: str) -> None:
    from pledgewatch.core.config import _language
    from pledgewatch.site.mkdocs_run import theme_language

    assert _language(tag) == tag
    assert theme_language(tag) == theme


def test_site_url_may_be_local_but_links_may_not() -> None:
    assert urls.check_url("http://localhost:8000/", public=False) is None
    assert urls.check_url("http://localhost:8000/") == PRIVATE.format("http://localhost:8000/",
                                                                      "localhost")


@pytest.mark.parametrize(("record_id", "message"), [
    ("con", "error: 'con' cannot be an id: Windows reserves the name for a device; choose "
            "another\n"),
    ("a" * 101, "error: '" + "a" * 40 + "\u2026' is 101 characters long, over the limit of 100 "
                "for an id; shorten it\n"),
])
def test_new_refuses_an_id_no_file_system_takes(site_copy: Path, record_id: str,
                                                message: str) -> None:
    result = CliRunner().invoke(main, ["new", "pledge", record_id])
    assert (result.exit_code, result.stderr) == (2, message)
    assert sorted(p.name for p in (site_copy / "content/pledges").iterdir()) == [
        "fix-the-bridge.yml", "reopen-library.yml"]


def test_only_the_first_unknown_field_names_of_a_record_get_suggestions(site_copy: Path) -> None:
    edit(site_copy, P, "topics: [transport]\n", "topics: [transport]\n" + "".join(
        f"titl{i}: x\n" for i in range(21)))
    found = problems(site_copy)
    assert len(found) == 21
    assert found[19] == f"{P}:28:1: error: unknown field 'titl19'; did you mean 'title'?"
    assert found[20] == (f"{P}:29:1: error: unknown field 'titl20'; known fields: id, title, "
                         "made_by, made_to, made_on, statement, topics, status, verdict, "
                         "updates, aliases, reviewed_on, corrections")
