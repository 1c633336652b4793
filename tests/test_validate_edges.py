"""Edges found by attacking the validator: each once crashed it, let a bad value through, or
crashed the build after a clean validation. One break per row, its exact message and place."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.build import check
from pledgewatch.cli.main import main
from pledgewatch.core.config import load_config

S = "content/sources/gazette-2024-01-10.yml"
D = "content/deadlines/bridge-end-of-march.yml"
PUBLISHED = "published: 2024-01-10"
URL = "url: https://gazette.example.org/2024/01/10/mayor-promises"
TITLE = 'title: "Mayor promises to fix the bridge & reopen the library"'
YEARS = "is outside the years Pledgewatch handles (1000 to 9998); check the year"
HOST = "copy the address from the browser's address bar"

EDGES = [
    ("year 0", S, PUBLISHED, "published: 0000-01-01",
     f"{S}:5:12: error: field 'published': 0000-01-01 {YEARS}"),
    ("year 9999", D, "due: 2024-03-31", "due: 9999-12-31",
     f"{D}:4:6: error: field 'due': 9999-12-31 {YEARS}"),
    ("date-time moved before year 1", S, PUBLISHED, "published: 0001-01-01T00:00:00+01:00",
     f"{S}:5:12: error: field 'published': 0001-01-01T00:00:00+01:00 {YEARS}"),
    ("date-time moved past year 9999", S, PUBLISHED, "published: 9999-12-31T23:00:00-05:00",
     f"{S}:5:12: error: field 'published': 9999-12-31T23:00:00-05:00 {YEARS}"),
    ("port out of range", S, URL, "url: https://gazette.example.org:99999/x",
     f"{S}:6:6: error: field 'url': 'https://gazette.example.org:99999/x' is not a valid URL "
     f"(Port out of range 0-65535); {HOST}"),
    ("host of hyphens", S, URL, "url: https://-/x",
     f"{S}:6:6: error: field 'url': 'https://-/x' has no valid host name ('-'); {HOST}"),
    ("empty host label", S, URL, "url: https://gazette..example.org/x",
     f"{S}:6:6: error: field 'url': 'https://gazette..example.org/x' has no valid host name "
     f"('gazette..example.org'); {HOST}"),
    ("bad percent escape", S, URL, "url: https://gazette.example.org/100%zz",
     f"{S}:6:6: error: field 'url': 'https://gazette.example.org/100%zz' has a '%' that does "
     "not start a percent-escape such as %20; write a literal '%' as %25"),
    ("invisible character in a URL", S, URL, 'url: "https://gazette.example.org/x\\u200b"',
     f"{S}:6:6: error: field 'url': 'https://gazette.example.org/x\\u200b' contains an "
     f"invisible character; delete it ({HOST})"),
    ("a number over 4,300 digits", S, TITLE, "title: 0x" + "f" * 4500,
     f"{S}:2:8: error: quote this value: YAML reads 0x{'f' * 57}\u2026 as the number "
     f"0x{'f' * 57}\u2026, but 'title' is text; write \"0x{'f' * 57}\u2026\""),
    ("Null as a title", S, TITLE, "title: Null",
     f"{S}:2:8: error: field 'title' is empty: YAML reads Null as no value; give it a value "
     "(if Null is the text, write \"Null\")"),
    ("carriage return escape in a title", S, TITLE, 'title: "Mayor\\rpromises"',
     f"{S}:2:8: error: field 'title' must be one line; join the lines (use a '>-' folded "
     "block if the line is long)"),
    ("line separator escape in a title", S, TITLE, 'title: "Mayor\\Lpromises"',
     f"{S}:2:8: error: field 'title' must be one line; join the lines (use a '>-' folded "
     "block if the line is long)"),
    ("line break at the start of a title", S, TITLE, 'title: "\\r\\n  Mayor"',
     f"{S}:2:8: error: field 'title' must be one line; join the lines (use a '>-' folded "
     "block if the line is long)"),
    ("explicit !!bool tag on text", S, TITLE, 'title: !!bool maybe',
     f"{S}:2:8: error: field 'title' has the YAML tag '!!bool'; delete the tag (records hold "
     "plain text, dates, lists and true/false only)"),
    ("explicit !!timestamp tag on text", S, TITLE, 'title: !!timestamp Keep the team',
     f"{S}:2:8: error: field 'title' has the YAML tag '!!timestamp'; delete the tag (records hold "
     "plain text, dates, lists and true/false only)"),
    ("explicit !!int tag on text", S, TITLE, 'title: !!int ""',
     f"{S}:2:8: error: field 'title' has the YAML tag '!!int'; delete the tag (records hold "
     "plain text, dates, lists and true/false only)"),
    ("explicit !!float tag on text", S, TITLE, 'title: !!float ""',
     f"{S}:2:8: error: field 'title' has the YAML tag '!!float'; delete the tag (records hold "
     "plain text, dates, lists and true/false only)"),
]


def edit(site_copy: Path, relpath: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be there) by ``new`` in one file of the site copy."""
    path = site_copy / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text, (relpath, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def problems(site_copy: Path) -> list[str]:
    """Every problem of the site copy, as ``PATH:LINE:COL: SEVERITY: MESSAGE`` lines."""
    return [p.as_text() for p in check(load_config(site_copy / "site_config.yml"))[1]]


@pytest.mark.parametrize(("name", "relpath", "old", "new", "expected"), EDGES,
                         ids=[row[0] for row in EDGES])
def test_edge_gives_its_located_problem(site_copy: Path, name, relpath, old, new,
                                        expected) -> None:
    edit(site_copy, relpath, old, new)
    assert problems(site_copy) == [expected]


@pytest.mark.parametrize(("args", "env", "given"), [
    (["--as-of", "9999-12-31"], {}, "--as-of 9999-12-31"),
    (["--as-of", "1969-07-19"], {}, "--as-of 1969-07-19"),
    (["--as-of", "2106-02-08"], {}, "--as-of 2106-02-08"),
    ([], {"SOURCE_DATE_EPOCH": "253402300000"}, "SOURCE_DATE_EPOCH=253402300000 (9999-12-31)"),
])
def test_an_as_of_date_a_build_cannot_stamp_is_a_usage_error(site_copy: Path, args, env,
                                                              given) -> None:
    for command in ("build", "validate"):
        result = CliRunner(env=env).invoke(main, [command, *args])
        assert (result.exit_code, result.stderr) == (2, (
            f"error: {given} is outside the dates a build can stamp (1970-01-01 to 2106-02-06: "
            "seconds since 1970 in 32 bits, as gzip and SOURCE_DATE_EPOCH count them)\n"))
    assert not (site_copy / "site").exists()


def test_the_last_stampable_day_builds(site_copy: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--as-of", "2106-02-06"])
    assert result.exit_code == 0, result.output
    assert (site_copy / "site/sitemap.xml.gz").is_file()


def test_a_record_that_names_itself_is_refused(site_copy: Path) -> None:
    edit(site_copy, "content/actors/residents-union.yml", "association.\n",
         "association.\nmember_of: [residents-union]\n")
    edit(site_copy, "content/sources/union-letter.yml", "via: [gazette-2024-01-10]",
         "via: [gazette-2024-01-10, union-letter]")
    assert problems(site_copy) == [
        "content/actors/residents-union.yml:5:13: error: 'member_of' names this actor itself "
        "('residents-union'); remove it",
        "content/sources/union-letter.yml:6:27: error: 'via' names this source itself "
        "('union-letter'); remove it",
    ]


@pytest.mark.parametrize(("codec", "named"), [
    ("utf-16", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32"), ("utf-32-be", "UTF-32")])
def test_wide_encodings_are_named(site_copy: Path, codec: str, named: str) -> None:
    path = site_copy / S
    path.write_bytes(path.read_text(encoding="utf-8").encode(codec))
    assert problems(site_copy) == [
        f"{S}:1:1: error: file is saved as {named}; save it as UTF-8 (the usual choice, called "
        "'UTF-8' in editors)"]


def test_a_file_name_that_is_no_id_is_not_offered_as_one(site_copy: Path) -> None:
    (site_copy / S).rename(site_copy / "content/sources/Gazette_2024.yml")
    assert [line for line in problems(site_copy) if "does not match" in line] == [
        "content/sources/Gazette_2024.yml:1:5: error: id 'gazette-2024-01-10' does not match the "
        "file name 'Gazette_2024'; rename the file to 'gazette-2024-01-10.yml'"]


@pytest.mark.parametrize("url", ["https://en.wikipedia.org/wiki/Conan_O'Brien",
                                 "https://something-.tumblr.com/post/1"])
def test_addresses_browsers_accept_are_accepted(site_copy: Path, url: str) -> None:
    edit(site_copy, S, URL, f'url: "{url}"')
    assert problems(site_copy) == []


def test_only_names_that_reach_the_csv_are_warned_about(site_copy: Path) -> None:
    edit(site_copy, "content/actors/example-city.yml",  # made no pledge: not in the CSV
         "name: Example City Council", 'name: "+972 Example Council"')
    assert problems(site_copy) == []


S2 = "content/sources/council-minutes-2024-03-01.yml"
S2_URL = "url: https://council.example.org/minutes/2024-03-01"
DUPLICATE = (f"{S}:6:6: warning: same url as {S2} (source 'council-minutes-2024-03-01'); if "
             "they are the same document, keep one source and cite it instead")


@pytest.mark.parametrize(("first", "second", "expected"), [
    ("https://news.example.org/live#post-1", "https://news.example.org/live#post-2", []),
    ("https://news.example.org/live", "https://WWW.news.example.org/live/", [DUPLICATE]),
])
def test_a_fragment_makes_a_different_page(site_copy: Path, first, second, expected) -> None:
    edit(site_copy, S, URL, f'url: "{first}"')
    edit(site_copy, S2, S2_URL, f'url: "{second}"')
    assert problems(site_copy) == expected
