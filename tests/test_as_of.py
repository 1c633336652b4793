"""The as-of date bounds the content: nothing recorded as having happened may be dated after it.

A site as of a date shows the statuses, deadline states and updates known on that date, so a
later update, quote, source or pledge is a typo or content the build cannot show: both
``validate`` and ``build`` refuse it with its location. Deadlines lie ahead and are exempt.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from click.testing import CliRunner

from pledgewatch.cli.main import main
from tests.hostile_checks import tree_hashes

LATER = ("is after the as-of date 2024-02-29; a site as of 2024-02-29 cannot show what "
         "happened later: correct the date if it is a typo, or build as of 2024-03-01 or "
         "later (--as-of 2024-03-01)")
BEFORE_THE_MINUTES = [
    f"content/pledges/fix-the-bridge.yml:15:11: error: date 2024-03-01 {LATER}",
    f"content/pledges/fix-the-bridge.yml:20:14: error: reviewed_on 2024-03-01 {LATER}",
    f"content/pledges/reopen-library.yml:15:11: error: date 2024-03-01 {LATER}",
    f"content/sources/council-minutes-2024-03-01.yml:5:12: error: published 2024-03-01 {LATER}",
]


def run(*args: str, **env: str):
    return CliRunner(env=env or None).invoke(main, list(args))


def test_validate_refuses_what_happened_after_the_as_of_date(site_copy: Path) -> None:
    result = run("validate", "--as-of", "2024-02-29")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BEFORE_THE_MINUTES
    assert result.stderr == "4 error(s), 0 warning(s) in 3 file(s)\n"


def test_the_as_of_date_itself_and_later_deadlines_are_fine(site_copy: Path) -> None:
    # The newest records are dated 2024-03-01; the bridge deadline is due 2024-03-31.
    result = run("validate", "--as-of", "2024-03-01")
    assert (result.exit_code, result.stdout) == (0, "")


def test_every_kind_of_date_that_happened_is_checked(site_copy: Path) -> None:
    edits = {"pledges/fix-the-bridge.yml": ("made_on: 2024-01-09", "made_on: 2099-01-08"),
             "quotes/ada-bridge.yml": ("said_on: 2024-01-09", "said_on: 2099-01-09"),
             "deadlines/bridge-end-of-march.yml": ("due: 2024-03-31", "due: 2099-03-31")}
    for name, (old, new) in edits.items():
        path = site_copy / "content" / name
        assert old in path.read_text()
        path.write_text(path.read_text().replace(old, new))
    result = run("validate", "--as-of", "2098-12-31")
    later = ("is after the as-of date 2098-12-31; a site as of 2098-12-31 cannot show what "
             "happened later: correct the date if it is a typo, or build as of {0} or later "
             "(--as-of {0})")
    # (Other checks object too: the pledge's updates now come before it was made.)
    assert [line for line in result.stdout.splitlines() if "as-of" in line] == [
        "content/pledges/fix-the-bridge.yml:5:10: error: made_on 2099-01-08 "
        + later.format("2099-01-08"),
        "content/quotes/ada-bridge.yml:4:10: error: said_on 2099-01-09 "
        + later.format("2099-01-09"),
    ]


def test_a_date_in_the_future_is_caught_by_default(site_copy: Path) -> None:
    pledge = site_copy / "content/pledges/reopen-library.yml"
    pledge.write_text(pledge.read_text().replace("- date: 2024-03-01", "- date: 2204-03-01"))
    # SOURCE_DATE_EPOCH stands for "today": 2024-04-02 12:00 UTC.
    epoch = str(int(dt.datetime(2024, 4, 2, 12, tzinfo=dt.UTC).timestamp()))
    result = run("validate", SOURCE_DATE_EPOCH=epoch)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "content/pledges/reopen-library.yml:15:11: error: date 2204-03-01 is after the as-of "
        "date 2024-04-02; a site as of 2024-04-02 cannot show what happened later: correct "
        "the date if it is a typo, or build as of 2204-03-01 or later (--as-of 2204-03-01)")


def test_validate_refuses_a_malformed_source_date_epoch(site_copy: Path) -> None:
    result = run("validate", SOURCE_DATE_EPOCH="yesterday")
    assert result.exit_code == 2
    assert result.stderr == (
        "error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds since 1970-01-01 UTC; "
        "unset it or pass --as-of YYYY-MM-DD\n")


def test_a_build_as_of_an_earlier_date_stops_and_keeps_the_site(site_copy: Path) -> None:
    assert run("build", "--as-of", "2024-04-02").exit_code == 0
    before = tree_hashes(site_copy / "site")
    result = run("build", "--as-of", "2024-02-29")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == BEFORE_THE_MINUTES
    assert result.stderr.endswith(
        "build stopped: fix the problems above; the previous site is unchanged\n")
    assert tree_hashes(site_copy / "site") == before
