"""pledgewatch review, links and archive against local stand-ins for the web (tests/web_fakes):
exact output, exit codes, the saved link results and the one-line edits of archive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import trustme
from click.testing import CliRunner

from pledgewatch.cli.main import main
from tests import web_fakes

SOURCE = """\
id: {id}
title: A story
publisher: {publisher}
kind: news-article
published: 2024-01-10
url: {url}
"""


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory):
    """``(plain server, https server, proxy, environment)``: every address goes through the
    proxy (HTTP_PROXY, HTTPS_PROXY): http ones are forwarded to the plain server, https ones
    tunnelled (CONNECT) to a site whose certificate the test CA issued for news.example.
    Sources name public-looking hosts: the validator refuses IP addresses and localhost."""
    ca = trustme.CA()
    ca_file = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    plain = web_fakes.Server().start()
    secure = web_fakes.tls_site(ca, "news.example")
    proxy = web_fakes.Proxy(secure.port, plain.port).start()
    env = {"HTTPS_PROXY": f"http://127.0.0.1:{proxy.server_address[1]}",
           "HTTP_PROXY": f"http://127.0.0.1:{proxy.server_address[1]}",
           "NO_PROXY": "", "SSL_CERT_FILE": str(ca_file), "SSL_CERT_DIR": "",
           "PLEDGEWATCH_WAYBACK_API": "http://plain.example/wayback/available",
           "PLEDGEWATCH_SAVE_API": "http://plain.example/save/"}
    yield plain, secure, proxy, env
    for server in (plain, secure, proxy):
        server.shutdown()


def add_source(site: Path, source_id: str, url: str, publisher: str = "Example News") -> None:
    (site / "content/sources" / f"{source_id}.yml").write_text(
        SOURCE.format(id=source_id, url=url, publisher=publisher), encoding="utf-8")


def set_url(site: Path, source_id: str, url: str, archive: str | None = None) -> None:
    path = site / "content/sources" / f"{source_id}.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"url: {url}" if line.startswith("url:") else line for line in lines
             if archive is not None or not line.startswith("archive_url:")]
    if archive:
        lines = [f"archive_url: {archive}" if line.startswith("archive_url:") else line
                 for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run(env: dict, *args: str):
    return CliRunner().invoke(main, list(args), env=env)


def test_links_reports_dead_and_moved_with_locations(site_copy: Path, web) -> None:
    plain, secure, proxy, env = web
    base = "http://plain.example"
    set_url(site_copy, "gazette-2024-01-10", f"{base}/ok")
    set_url(site_copy, "council-minutes-2024-03-01", f"{base}/moved", f"{base}/missing")
    add_source(site_copy, "s-gone", f"{base}/gone")
    add_source(site_copy, "s-slow", f"{base}/slow")
    add_source(site_copy, "s-flaky", f"{base}/flaky")
    add_source(site_copy, "s-temporary", f"{base}/temporary")
    add_source(site_copy, "s-secure", "https://news.example/news/story")
    add_source(site_copy, "s-secure-gone", "https://news.example/gone")
    result = run(env, "links", "--timeout", "0.5", "--retries", "1", "--backoff", "0",
                 "--as-of", "2024-04-02")
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == [
        f"content/sources/council-minutes-2024-03-01.yml:6:6: warning: url of source "
        f"'council-minutes-2024-03-01' {base}/moved has moved permanently to {base}/ok; "
        "update the address",
        f"content/sources/council-minutes-2024-03-01.yml:7:14: error: archive_url of source "
        f"'council-minutes-2024-03-01' {base}/missing is dead (404 Not Found)",
        f"content/sources/s-gone.yml:6:6: error: url of source 's-gone' {base}/gone is dead "
        "(410 Gone)",
        "content/sources/s-secure-gone.yml:6:6: error: url of source 's-secure-gone' "
        "https://news.example/gone is dead (410 Gone)",
        f"content/sources/s-slow.yml:6:6: warning: url of source 's-slow' {base}/slow could "
        "not be reached (no answer: ReadTimeout after 2 tries)"]
    assert result.stderr == ("checked 9 address(es): 4 ok, 1 moved, 3 dead, 1 unreachable, "
                             "0 error; results in .pledgewatch/links.json\n")
    assert plain.hits["/flaky"] == 2  # the 503 was retried, then answered 200
    assert plain.hits["/slow"] == 2 and plain.hits["/missing"] == 1
    assert set(proxy.tunnels) == {"news.example:443", "plain.example"}
    assert set(plain.agents) == {web_fakes_agent()}
    saved = json.loads((site_copy / ".pledgewatch/links.json").read_text(encoding="utf-8"))
    assert saved["checked_on"] == "2024-04-02"
    temporary = next(r for r in saved["results"] if r["source"] == "s-temporary")
    assert (temporary["status"], temporary["code"], temporary["final_url"],
            temporary["redirects"]) == ("ok", 200, f"{base}/ok", ["302 /ok"])


def web_fakes_agent() -> str:
    from pledgewatch.editorial.http import user_agent
    return user_agent()


def test_links_exit_0_when_nothing_is_dead(site_copy: Path, web) -> None:
    plain, _, _, env = web
    set_url(site_copy, "gazette-2024-01-10", "https://news.example/news/story")
    set_url(site_copy, "council-minutes-2024-03-01", "http://plain.example/ok",
            "https://news.example/ok")
    result = run(env, "links", "--timeout", "2", "--as-of", "2024-04-02")
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.startswith("checked 3 address(es): 3 ok, 0 moved, 0 dead")


def test_archive_writes_exactly_one_line_per_source(site_copy: Path, web) -> None:
    plain, _, _, env = web
    base = "http://plain.example"
    gazette = site_copy / "content/sources/gazette-2024-01-10.yml"
    gazette.write_text("# The Gazette's story, as first cited.\n" + gazette.read_text()
                       .replace("url: https://gazette.example.org/2024/01/10/mayor-promises",
                                f'url: "{base}/archived-story"  # the print edition'),
                       encoding="utf-8")
    before = gazette.read_text(encoding="utf-8")
    add_source(site_copy, "s-fresh", f"{base}/fresh-story")
    crlf = site_copy / "content/sources/s-crlf.yml"
    crlf.write_bytes(SOURCE.format(id="s-crlf", url=f"{base}/archived-crlf",
                                   publisher="P").replace("\n", "\r\n").encode())
    result = run(env, "archive", "--as-of", "2024-04-02")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"content/sources/gazette-2024-01-10.yml: archive_url: https://web.archive.org/web/"
        f"20240110120000/{base}/archived-story (snapshot)",
        f"content/sources/s-crlf.yml: archive_url: https://web.archive.org/web/"
        f"20240110120000/{base}/archived-crlf (snapshot)"]
    assert result.stderr == ("content/sources/s-fresh.yml: no copy (try --save)\n"
                             "2 of 3 source(s) without an archive copy now have one\n")
    lines = before.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("url:")) + 1
    assert gazette.read_text(encoding="utf-8") == "".join(
        lines[:at] + [f"archive_url: https://web.archive.org/web/20240110120000/{base}/"
                      "archived-story\n"] + lines[at:])
    assert crlf.read_bytes().endswith(
        f"url: {base}/archived-crlf\r\narchive_url: https://web.archive.org/web/"
        f"20240110120000/{base}/archived-crlf\r\n".encode())
    saved = run(env, "archive", "--save", "--as-of", "2024-04-02")
    assert saved.stdout == (f"content/sources/s-fresh.yml: archive_url: {base}/web/"
                            f"20240402000000/{base}/fresh-story (saved)\n")
    assert run(env, "validate", "--as-of", "2024-04-02").exit_code == 0


def test_archive_says_when_the_archive_cannot_be_reached(site_copy: Path, web) -> None:
    _, _, _, env = web
    env = {**env, "PLEDGEWATCH_WAYBACK_API": "http://127.0.0.1:9/wayback/available",
           "NO_PROXY": "127.0.0.1"}
    result = run(env, "archive", "--timeout", "0.5", "--as-of", "2024-04-02")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "0 of 1 source(s) without an archive copy now have one")
    assert result.stderr.startswith("content/sources/gazette-2024-01-10.yml: archive "
                                    "unreachable: ConnectError(")


def test_review_lists_most_urgent_first(site_copy: Path) -> None:
    set_url(site_copy, "gazette-2024-01-10", "https://news.yahoo.com/mayor-promises")
    (site_copy / ".pledgewatch").mkdir()
    (site_copy / ".pledgewatch/links.json").write_text(json.dumps({
        "checked_on": "2024-06-30", "results": [
            {"path": "content/sources/council-minutes-2024-03-01.yml", "line": 7,
             "column": 14, "source": "council-minutes-2024-03-01", "field": "archive_url",
             "url": "https://archive.example.org/council/2024-03-01", "status": "dead",
             "reason": "404 Not Found"},
            {"path": "content/sources/gazette-2024-01-10.yml", "line": 6, "column": 6,
             "source": "gazette-2024-01-10", "field": "url", "status": "ok"}]}),
        encoding="utf-8")
    result = run({}, "review", "--as-of", "2024-07-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "content/pledges/fix-the-bridge.yml:20:14: review-due: pledge 'fix-the-bridge' "
        "(\u201cFix the old bridge by the end of March\u201d, in-progress) is overdue for "
        "review: last reviewed 2024-03-01, 122 days before 2024-07-01; its deadline of "
        "2024-03-31 passed 92 days ago while it is still 'in-progress'. Look for new "
        "evidence; add an update if the status changed, then set reviewed_on: 2024-07-01",
        "content/sources/council-minutes-2024-03-01.yml:7:14: dead-link: archive_url of "
        "source 'council-minutes-2024-03-01' was dead at the last link check (404 Not Found): "
        "find where it moved, or cite the archived copy",
        "content/sources/gazette-2024-01-10.yml:6:6: reprint: source 'gazette-2024-01-10' is "
        "cited at news.yahoo.com, which reprints other outlets' articles, while its publisher "
        "is The Example Gazette: cite the original at The Example Gazette if it can be found, "
        "and keep this address in notes",
        "content/sources/gazette-2024-01-10.yml:6:6: no-archive: source 'gazette-2024-01-10' "
        "has no archive_url: run 'pledgewatch archive' or add the address of an archived copy"]
    assert result.stderr == ("4 item(s) to review: 1 review-due, 1 dead-link, 1 reprint, "
                             "1 no-archive\n")
    as_json = json.loads(run({}, "review", "--format", "json", "--as-of", "2024-07-01").stdout)
    assert [(i["kind"], i["record"]) for i in as_json] == [
        ("review-due", "fix-the-bridge"), ("dead-link", "council-minutes-2024-03-01"),
        ("reprint", "gazette-2024-01-10"), ("no-archive", "gazette-2024-01-10")]
    github = run({}, "review", "--format", "github", "--as-of", "2024-07-01").stdout
    assert github.splitlines()[2].startswith(
        "::notice file=content/sources/gazette-2024-01-10.yml,line=6,col=6,title=reprint::")


def test_review_is_quiet_when_all_is_current_and_never_fails_validate(site_copy: Path) -> None:
    result = run({}, "review", "--as-of", "2024-04-02")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "content/sources/gazette-2024-01-10.yml:6:6: no-archive: source "
        "'gazette-2024-01-10' has no archive_url: run 'pledgewatch archive' or add the "
        "address of an archived copy\n", "1 item(s) to review: 1 no-archive\n")
    late = run({}, "validate", "--strict", "--as-of", "2030-01-01")
    assert (late.exit_code, late.stderr) == (0, "no problems found\n")


def test_a_publishers_own_address_on_a_listed_host_is_not_a_reprint(site_copy: Path) -> None:
    add_source(site_copy, "s-yahoo", "https://news.yahoo.com/own-story", "Yahoo News")
    result = run({}, "review", "--format", "json", "--as-of", "2024-04-02")
    assert [(i["kind"], i["record"]) for i in json.loads(result.stdout)] == [
        ("no-archive", "gazette-2024-01-10"), ("no-archive", "s-yahoo")]


def test_a_review_after_the_deadlines_grace_period_answers_it() -> None:
    import datetime as dt
    from types import SimpleNamespace

    from pledgewatch.records.trust import review_due

    due, as_of = dt.date(2022, 11, 4), dt.date(2026, 12, 2)
    unrated = SimpleNamespace(status="not-yet-rated", made_on=dt.date(2022, 11, 1),
                              reviewed_on=as_of)
    assert review_due(unrated, as_of, 90, [due]) == ""  # reviewed today: the editor's answer
    stale = SimpleNamespace(status="not-yet-rated", made_on=dt.date(2022, 11, 1),
                            reviewed_on=dt.date(2022, 12, 1))  # before 4 Nov + 90 days
    assert review_due(stale, as_of, 90, [due]) == (
        "last reviewed 2022-12-01, 1462 days before 2026-12-02; its deadline of 2022-11-04 "
        "passed 1489 days ago while it is still 'not-yet-rated'")
