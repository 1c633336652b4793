"""Hostile input that must be refused: script and data links in url fields, ids that are paths,
symbolic links and other non-files in content/, and output folders that hold the sources.

The invalid corpus is tests/hostile/invalid; every problem is reported in one run, each with
its exact location and message, and nothing is ever written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.build import build, check
from pledgewatch.cli.main import main
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF
from tests.hostile_checks import INVALID

REFUSED_SCHEME = "field 'url': '{}:' links are not allowed; only http:// and https:// addresses"
NOT_ABSOLUTE = ("field 'url': '{}' is not an absolute http(s) address; write it in full, "
                "starting with https://")
QUOTES = ("field 'url': '{}' contains spaces, quotes or angle brackets; percent-encode them "
          "(a space is %20, \" is %22)")
INVISIBLE = ("field 'url': '{}' contains an invisible character; delete it (copy the address "
             "from the browser's address bar)")

# content/actors/url-NN.yml, in order: what the url field says and what the contributor is told.
REFUSED_URLS = [
    ("javascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("JaVaScRiPt:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("  javascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("java\tscript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("\u2028javascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("&#106;avascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("&#x6A;&#x61;&#x76;&#x61;script:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
     "&#0000116&#0000058alert(1)", REFUSED_SCHEME.format("javascript")),
    ("javascript&colon;alert(1)", REFUSED_SCHEME.format("javascript")),
    ("%6Aavascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("jav&#x09;ascript:alert(1)", REFUSED_SCHEME.format("javascript")),
    ("javascript://example.org/%0Aalert(1)", REFUSED_SCHEME.format("javascript")),
    ("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", REFUSED_SCHEME.format("data")),
    ("DATA:text/html,<script>alert(1)</script>", REFUSED_SCHEME.format("data")),
    ("vbscript:msgbox(1)", REFUSED_SCHEME.format("vbscript")),
    ("VBScript:MsgBox(1)", REFUSED_SCHEME.format("vbscript")),
    ("file:///etc/passwd", REFUSED_SCHEME.format("file")),
    ("//evil.example/x", NOT_ABSOLUTE.format("//evil.example/x")),
    ("/relative/path", NOT_ABSOLUTE.format("/relative/path")),
    ("https:evil.example", NOT_ABSOLUTE.format("https:evil.example")),
    ("ftp://example.org/x", NOT_ABSOLUTE.format("ftp://example.org/x")),
    ("blob:https://example.org/uuid", NOT_ABSOLUTE.format("blob:https://example.org/uuid")),
    ("ja\u200bvascript:alert(1)", INVISIBLE.format("ja\\u200bvascript:alert(1)")),
    ("&#x26;#106;avascript:alert(1)", NOT_ABSOLUTE.format("&#x26;#106;avascript:alert(1)")),
    ('https://example.org/" onmouseover="alert(1)',
     QUOTES.format('https://example.org/" onmouseover="alert(1)')),
    ("https://example.org/<script>", QUOTES.format("https://example.org/<script>")),
    ("https://example.org/`x`", QUOTES.format("https://example.org/`x`")),
    ("https://exa mple.org/", QUOTES.format("https://exa mple.org/")),
]

BAD_ID = ("'{}' is not a valid id for '{}': use lower-case letters, digits and single hyphens "
          "(e.g. '{}')")
OTHER_ERRORS = [
    "content/actors/Bad Name.yml:1:5: error: id 'bad-name' does not match the file name "
    "'Bad Name'; rename the file to 'bad-name.yml'",
    "content/actors/absolute-path.yml:1:5: error: "
    + BAD_ID.format("/tmp/pledgewatch-escape", "id", "tmp-pledgewatch-escape"),
    "content/actors/dot-dot.yml:1:5: error: " + BAD_ID.format("..", "id", "my-record"),
    "content/actors/index.yml:1:5: error: 'index' is reserved: actors/index.md is the list of "
    "all actors; choose another id",
    "content/actors/path-escape.yml:1:5: error: " + BAD_ID.format("../../x", "id", "x"),
    "content/actors/path-escape.yml:4:11: error: " + BAD_ID.format("..", "aliases", "my-record"),
    "content/actors/path-escape.yml:4:17: error: " + BAD_ID.format("../index", "aliases",
                                                                   "index"),
    "content/actors/path-escape.yml:4:29: error: " + BAD_ID.format("/etc/passwd", "aliases",
                                                                   "etc-passwd"),
    "content/actors/path-escape.yml:4:44: error: " + BAD_ID.format("a/b", "aliases", "a-b"),
    "content/actors/path-escape.yml:4:51: error: " + BAD_ID.format("C:\\Windows\\x", "aliases",
                                                                   "c-windows-x"),
    "content/actors/path-escape.yml:4:69: error: " + BAD_ID.format(".hidden", "aliases",
                                                                   "hidden"),
    "content/actors/path-escape.yml:4:80: error: " + BAD_ID.format("x.yml", "aliases", "x-yml"),
]
LATER_ERRORS = [
    "content/deadlines/two-documents.yml:8:1: error: a second YAML document starts here; a "
    "file holds one record: delete this '---' line, or move what follows into its own file",
    "content/pledges/escape-references.yml:3:10: error: "
    + BAD_ID.format("../../actors/x", "made_by", "actors-x"),
    "content/pledges/escape-references.yml:4:11: error: "
    + BAD_ID.format("/etc/passwd", "made_to", "etc-passwd"),
    "content/pledges/escape-references.yml:7:10: error: "
    + BAD_ID.format("../../topics", "topics", "topics"),
    "content/pledges/escape-references.yml:7:26: error: "
    + BAD_ID.format("%2e%2e", "topics", "2e-2e"),
    "content/pledges/escape-references.yml:9:11: error: 'index' is reserved: pledges/index.md "
    "is the list of all pledges; choose another id",
    "content/pledges/escape-references.yml:14:15: error: "
    + BAD_ID.format("../sources/x", "sources", "sources-x"),
]
SOURCE_ERRORS = [
    "content/sources/archive-javascript.yml:7:14: error: field 'archive_url': 'javascript:' "
    "links are not allowed; only http:// and https:// addresses",
    "content/sources/archive-javascript.yml:8:7: error: " + BAD_ID.format("../../etc", "via",
                                                                          "etc"),
]


@pytest.fixture
def invalid(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(INVALID)
    return INVALID


def test_invalid_corpus_urls_are_what_the_table_says(invalid: Path) -> None:
    import yaml

    files = sorted((invalid / "content/actors").glob("url-*.yml"))
    assert [yaml.safe_load(f.read_text())["url"] for f in files] == [u for u, _ in REFUSED_URLS]


def test_every_refused_record_is_reported_with_its_exact_message(invalid: Path) -> None:
    _, problems = check(load_config(Path("site_config.yml")))
    errors = [p.as_text() for p in problems if p.severity == "error"
              and p.path != "content/quotes/python-tags.yml"]
    url_errors = [f"content/actors/url-{i:02d}.yml:4:6: error: {message}"
                  for i, (_, message) in enumerate(REFUSED_URLS)]
    assert errors == OTHER_ERRORS + url_errors + LATER_ERRORS + SOURCE_ERRORS
    # No "unused" warnings: with references lost to errors they would be guesses.
    assert [p for p in problems if p.severity == "warning"] == []


def test_yaml_tags_are_refused_and_never_run(invalid: Path) -> None:
    _, problems = check(load_config(Path("site_config.yml")))
    tagged = [(p.line, p.column, p.severity) for p in problems
              if p.path == "content/quotes/python-tags.yml"]
    assert tagged == [(2, 10, "error"), (3, 7, "error")]
    assert not Path("/tmp/pledgewatch-pwned").exists()


def test_refused_content_writes_nothing(invalid: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--as-of", "2024-04-02",
                                       "--out", str(tmp_path / "site")])
    assert result.exit_code == 1
    assert result.stderr.endswith("51 error(s), 0 warning(s) in 37 file(s)\n"
                                  "build stopped: fix the problems above; the previous site is "
                                  "unchanged\n")
    assert list(tmp_path.iterdir()) == []
    assert not list(invalid.glob(".pledgewatch-build-*"))


# Symbolic links and other non-files in content/ --------------------------------------------

LINK_MESSAGE = "symbolic links are not accepted in content/; commit the {} itself"


def problems_of(root: Path) -> list[str]:
    _, problems = check(load_config(root / "site_config.yml"))
    return [p.as_text() for p in problems]


def test_a_file_symlink_is_refused_and_its_target_never_read(site_copy: Path,
                                                             tmp_path: Path) -> None:
    secret = tmp_path / "secret.yml"
    secret.write_text("id: residents-union\nname: SECRET-TOKEN\nkind: person\n")
    (site_copy / "content/actors/residents-union.yml").unlink()
    (site_copy / "content/actors/residents-union.yml").symlink_to(secret)
    (site_copy / "content/sources/passwd.yml").symlink_to("/etc/passwd")
    got = problems_of(site_copy)
    assert got == [
        "content/actors/residents-union.yml:1:1: error: " + LINK_MESSAGE.format("file"),
        "content/sources/passwd.yml:1:1: error: " + LINK_MESSAGE.format("file"),
    ]


def test_a_folder_symlink_is_refused_and_never_read(site_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "quotes-elsewhere"
    shutil.move(site_copy / "content/quotes", elsewhere)
    (site_copy / "content/quotes").symlink_to(elsewhere, target_is_directory=True)
    records, problems = check(load_config(site_copy / "site_config.yml"))
    assert [p.as_text() for p in problems] == [
        "content/quotes:1:1: error: " + LINK_MESSAGE.format("folder or file")]
    assert sorted({r.kind for r in records}) == ["actors", "deadlines", "pledges", "sources"]


def test_a_linked_content_folder_is_refused(tmp_path: Path, monkeypatch) -> None:
    from tests.conftest import FIXTURE

    shutil.copytree(FIXTURE, tmp_path / "real")
    (tmp_path / "site").mkdir()
    shutil.copy(FIXTURE / "site_config.yml", tmp_path / "site")
    (tmp_path / "site/content").symlink_to(tmp_path / "real/content", target_is_directory=True)
    monkeypatch.chdir(tmp_path / "site")
    assert problems_of(tmp_path / "site") == [
        "content:1:1: error: " + LINK_MESSAGE.format("folder")]


def test_folders_and_pipes_named_like_records_are_refused(site_copy: Path) -> None:
    (site_copy / "content/pledges/folder.yml").mkdir()
    os.mkfifo(site_copy / "content/quotes/pipe.yml")  # reading it would wait for ever
    message = ("error: this is not a file (a folder or a device); records are files ending "
               "in .yml")
    assert problems_of(site_copy) == [f"content/pledges/folder.yml:1:1: {message}",
                                      f"content/quotes/pipe.yml:1:1: {message}"]


# Output folders ----------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("out", "message"), [
    ("content", "content: refusing to replace this folder: it is the content folder ({c}); "
                "choose another --out, such as 'site'"),
    (".", ".: refusing to replace this folder: it contains the content folder ({c}); choose "
          "another --out, such as 'site'"),
    ("..", "..: refusing to replace this folder: it contains the content folder ({c}); choose "
           "another --out, such as 'site'"),
    ("content/site", "content/site: refusing to write into the content folder; generated files "
                     "never go there; choose another --out, such as 'site'"),
    ("docs", "docs: refusing to replace a folder that Pledgewatch did not build (it has no "
             ".pledgewatch-site file), as everything in it would be deleted; empty it or "
             "choose another --out"),
    ("site_config.yml", "site_config.yml: exists and is not a folder; choose another --out"),
])
def test_an_output_folder_holding_sources_is_refused(site_copy: Path, out: str,
                                                     message: str) -> None:
    (site_copy / "docs").mkdir()
    (site_copy / "docs/notes.md").write_text("the owner's notes")
    before = snapshot(site_copy.parent)
    result = CliRunner().invoke(main, ["build", "--as-of", "2024-04-02", "--out", out])
    assert result.exit_code == 2
    content = (site_copy / "content").resolve()
    assert result.stderr == f"error: {message.format(c=content)}\n"
    assert snapshot(site_copy.parent) == before


def test_the_templates_are_never_an_output_folder(site_copy: Path) -> None:
    from pledgewatch.site.mkdocs_run import TEMPLATES
    from pledgewatch.site.publish import UnsafeOutput

    config = load_config(site_copy / "site_config.yml")
    for out in (TEMPLATES, TEMPLATES / "pages", TEMPLATES.parent):
        with pytest.raises(UnsafeOutput):
            build(BuildContext(config, AS_OF), out)


# The site configuration is text too ---------------------------------------------------------


@pytest.mark.parametrize(("line", "message"), [
    ('site_name: "Watch</title><script>alert(1)</script>"',
     "'site_name' may not contain <, > or \"; it is shown as plain text"),
    ("repo_url: JavaScript:alert(1)",
     "'repo_url' is refused: 'javascript:' links are not allowed; only http:// and https:// "
     "addresses"),
    ("licence_url: data:text/html,x",
     "'licence_url' is refused: 'data:' links are not allowed; only http:// and https:// "
     "addresses"),
])
def test_markup_and_script_links_in_the_configuration_are_refused(site_copy: Path, line: str,
                                                                  message: str) -> None:
    config = site_copy / "site_config.yml"
    key = line.split(":", 1)[0]
    kept = [x for x in config.read_text().splitlines() if not x.startswith(key + ":")]
    config.write_text("\n".join(kept + [line]) + "\n")
    result = CliRunner().invoke(main, ["build", "--as-of", "2024-04-02"])
    assert (result.exit_code, result.stderr) == (2, f"error: site_config.yml: {message}\n")
    assert not (site_copy / "site").exists()


def test_the_site_description_reaches_the_404_page_as_text(site_copy: Path) -> None:
    import html5lib

    config = site_copy / "site_config.yml"
    described = 'A "quoted" <b>description</b> & more'
    config.write_text(config.read_text().replace(
        "description: A small fixture site for Pledgewatch's tests.",
        "description: 'A \"quoted\" <b>description</b> & more'"))
    assert CliRunner().invoke(main, ["build", "--as-of", "2024-04-02"]).exit_code == 0
    page = html5lib.parse((site_copy / "site/404.html").read_bytes(), treebuilder="etree",
                          namespaceHTMLElements=False)
    metas = [m.get("content") for m in page.iter("meta") if m.get("name") == "description"]
    assert metas == [described]
    assert [el.tag for el in page.iter() if el.tag == "b"] == []


# Text long enough to stall the build -------------------------------------------------------


def test_text_beyond_the_length_limits_is_refused(site_copy: Path) -> None:
    # Python-Markdown's cost grows faster than linearly with the escaped characters of a line:
    # the fixture with a pledge title of 12,000 punctuation characters built in 3.7 s, 24,000
    # in 9.2 s, 48,000 in 39 s (1 s without).
    pledge = site_copy / "content/pledges/reopen-library.yml"
    text = pledge.read_text()
    text = text.replace("title: Reopen the central library", 'title: "' + "<" * 2001 + '"')
    text = text.replace("  The central library will reopen with its old hours.",
                        "  " + "[" * 20_001)
    pledge.write_text(text)
    actor = site_copy / "content/actors/ada-mayor.yml"
    actor.write_text(actor.read_text().replace("name: Ada Müller-Šimić", "name: " + "A" * 2000))
    assert problems_of(site_copy) == [
        "content/pledges/reopen-library.yml:2:8: error: field 'title' is 2,001 characters long, "
        "over the limit of 2,000; shorten it",
        "content/pledges/reopen-library.yml:6:12: error: field 'statement' is 20,001 characters "
        "long, over the limit of 20,000; shorten it",
    ]


# File names ----------------------------------------------------------------------------------


def test_a_file_name_cannot_inject_report_lines_or_workflow_commands(site_copy: Path) -> None:
    evil = "evil\n::error file=README.md,line=1::injected\n\u202ex.yml"
    shutil.copy(site_copy / "content/actors/example-city.yml", site_copy / "content/actors" / evil)
    message = ("the file name has invisible or control characters; name the file after the "
               "record's id, as in 'my-record.yml'")
    shown = "content/actors/evil\\u000a::error file=README.md,line=1::injected\\u000a\\u202ex.yml"
    text = CliRunner().invoke(main, ["validate"])
    assert text.stdout == f"{shown}:1:1: error: {message}\n"
    github = CliRunner().invoke(main, ["validate", "--format", "github"])
    assert github.stdout == (
        "::error file=content/actors/evil\\u000a%3A%3Aerror file=README.md%2Cline=1%3A%3A"
        f"injected\\u000a\\u202ex.yml,line=1,col=1::{message}\n")
    assert github.stdout.count("\n") == 1 and github.stdout.count("::") == 2


def test_record_text_quoted_in_a_message_stays_on_one_line(site_copy: Path) -> None:
    actor = site_copy / "content/actors/example-city.yml"
    actor.write_text(actor.read_text().replace(
        "kind: organisation", 'kind: "organisation\\n::error::injected \\u202e"'))
    result = CliRunner().invoke(main, ["validate"])
    assert result.stdout == (
        "content/actors/example-city.yml:3:7: error: kind 'organisation\\u000a::error::injected "
        "\\u202e' is not one of: person, organisation; did you mean 'organisation'?\n")
