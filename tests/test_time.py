"""Time: the as-of date and deadline states are computed in the site's time zone.

The fixture site is in America/New_York; its deadline "Bridge open to traffic" (fix-the-bridge)
is due 2024-03-31. Builds just before and just after midnight there, while UTC is on the other
side of its own midnight, must state the New York date; 29 February is an ordinary day.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner

from pledgewatch.build import check
from pledgewatch.cli.main import main
from pledgewatch.core.config import load_config
from pledgewatch.core.context import resolve_as_of
from pledgewatch.core.problems import ConfigError
from pledgewatch.records.model import Pledge, Update, deadline_state
from tests.conftest import FIXTURE
from tests.hostile_checks import tree_hashes

pytestmark = pytest.mark.slow

NEW_YORK = dt.timezone(dt.timedelta(hours=-4))  # EDT, in force from 10 March 2024
EST = dt.timezone(dt.timedelta(hours=-5))
TOKYO = dt.timezone(dt.timedelta(hours=9))


def epoch(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


@pytest.mark.parametrize(("zone", "moment", "utc_date", "as_of"), [
    # One minute before midnight in New York: UTC is already on the next day.
    ("America/New_York", dt.datetime(2024, 3, 31, 23, 59, tzinfo=NEW_YORK),
     dt.date(2024, 4, 1), dt.date(2024, 3, 31)),
    # One minute after midnight in New York.
    ("America/New_York", dt.datetime(2024, 4, 1, 0, 1, tzinfo=NEW_YORK),
     dt.date(2024, 4, 1), dt.date(2024, 4, 1)),
    # Just after midnight UTC: New York is still on the evening before.
    ("America/New_York", dt.datetime(2024, 4, 1, 0, 30, tzinfo=dt.UTC),
     dt.date(2024, 4, 1), dt.date(2024, 3, 31)),
    # East of UTC the other way round: past midnight in Tokyo, still yesterday in UTC.
    ("Asia/Tokyo", dt.datetime(2024, 4, 1, 0, 30, tzinfo=TOKYO),
     dt.date(2024, 3, 31), dt.date(2024, 4, 1)),
    # The last minute of 29 February in New York is 1 March in UTC.
    ("America/New_York", dt.datetime(2024, 2, 29, 23, 59, tzinfo=EST),
     dt.date(2024, 3, 1), dt.date(2024, 2, 29)),
])
def test_as_of_is_the_date_in_the_site_time_zone(monkeypatch, zone: str, moment: dt.datetime,
                                                 utc_date: dt.date, as_of: dt.date) -> None:
    config = dataclasses.replace(load_config(FIXTURE / "site_config.yml"), time_zone=zone)
    assert moment.astimezone(dt.UTC).date() == utc_date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(moment))
    assert resolve_as_of(config, None) == as_of
    assert resolve_as_of(config, dt.date(2020, 1, 1)) == dt.date(2020, 1, 1)  # --as-of wins


@pytest.mark.parametrize("value", ["yesterday", "1.5", "-1", "１２３", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_an_error(monkeypatch, value: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ConfigError) as caught:
        resolve_as_of(load_config(FIXTURE / "site_config.yml"), None)
    assert str(caught.value) == (f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds "
                                 "since 1970-01-01 UTC; unset it or pass --as-of YYYY-MM-DD")


def test_a_malformed_source_date_epoch_stops_the_build(site_copy: Path) -> None:
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "yesterday"}).invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.stderr == ("error: SOURCE_DATE_EPOCH='yesterday' is not a number of seconds "
                             "since 1970-01-01 UTC; unset it or pass --as-of YYYY-MM-DD\n")
    assert not (site_copy / "site").exists()
    assert CliRunner(env={"SOURCE_DATE_EPOCH": ""}).invoke(
        main, ["build", "--as-of", "2024-04-02"]).exit_code == 0  # empty counts as unset


def build_at(root: Path, out: str, moment: dt.datetime | None, *args: str):
    env = {"SOURCE_DATE_EPOCH": epoch(moment) if moment else None}
    return CliRunner(env=env).invoke(main, ["build", "--out", out, *args])


def bridge_state(site: Path) -> str:
    html = (site / "pledges/fix-the-bridge/index.html").read_text(encoding="utf-8")
    start = html.index('<span class="pw-deadline')
    return html[start:html.index("</span>", start) + 7]


@pytest.mark.parametrize(("moment", "as_of_text", "state", "lastmod"), [
    (dt.datetime(2024, 3, 31, 23, 59, tzinfo=NEW_YORK), "31 March 2024",
     '<span class="pw-deadline pw-deadline--due-today">by 31 March 2024: due today</span>',
     "2024-03-31"),
    (dt.datetime(2024, 4, 1, 0, 30, tzinfo=dt.UTC), "31 March 2024",
     '<span class="pw-deadline pw-deadline--due-today">by 31 March 2024: due today</span>',
     "2024-03-31"),
    (dt.datetime(2024, 4, 1, 0, 1, tzinfo=NEW_YORK), "1 April 2024",
     '<span class="pw-deadline pw-deadline--overdue">by 31 March 2024: overdue by one day'
     "</span>", "2024-04-01"),
])
def test_a_build_around_midnight_states_the_new_york_date(site_copy: Path, moment, as_of_text,
                                                          state, lastmod) -> None:
    result = build_at(site_copy, "site", moment)
    assert result.exit_code == 0, result.output
    site = site_copy / "site"
    page = (site / "pledges/fix-the-bridge/index.html").read_text(encoding="utf-8")
    assert f"<li><strong>As of:</strong> {as_of_text}</li>" in page
    assert bridge_state(site) == state
    sitemap = (site / "sitemaps/pages-1.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<lastmod>{lastmod}</lastmod>") == 24
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert index.count(f"<lastmod>{lastmod}</lastmod>") == 1
    # The "deadline reached" feed item appears on the due date, dated midnight in New York.
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<pubDate>Sun, 31 Mar 2024 00:00:00 -0400</pubDate>" in feed
    assert "Deadline reached: Bridge open to traffic" in feed


# 29 February -------------------------------------------------------------------------------


@pytest.fixture
def leap_site(site_copy: Path) -> Path:
    """The fixture with the bridge deadline moved to 29 February 2028, after everything the
    fixture records (a site as of a date cannot show what happened later)."""
    deadline = site_copy / "content/deadlines/bridge-end-of-march.yml"
    deadline.write_text(deadline.read_text().replace("due: 2024-03-31", "due: 2028-02-29"))
    return site_copy


@pytest.mark.parametrize(("as_of", "state"), [
    ("2028-02-28", '<span class="pw-deadline pw-deadline--upcoming">by 29 February 2028: '
     "due in one day</span>"),
    ("2028-02-29", '<span class="pw-deadline pw-deadline--due-today">by 29 February 2028: '
     "due today</span>"),
    ("2028-03-01", '<span class="pw-deadline pw-deadline--overdue">by 29 February 2028: '
     "overdue by one day</span>"),
])
def test_a_deadline_due_on_29_february(leap_site: Path, as_of: str, state: str) -> None:
    result = build_at(leap_site, "site", None, "--as-of", as_of)
    assert result.exit_code == 0, result.output
    assert bridge_state(leap_site / "site") == state


def test_29_february_through_source_date_epoch(leap_site: Path) -> None:
    result = build_at(leap_site, "site", dt.datetime(2028, 2, 29, 23, 59, tzinfo=EST))
    assert result.exit_code == 0, result.output
    page = (leap_site / "site/pledges/fix-the-bridge/index.html").read_text(encoding="utf-8")
    assert "<li><strong>As of:</strong> 29 February 2028</li>" in page
    assert bridge_state(leap_site / "site") == (
        '<span class="pw-deadline pw-deadline--due-today">by 29 February 2028: due today'
        "</span>")


@pytest.mark.parametrize(("as_of", "code", "label"), [
    (dt.date(2024, 2, 28), "upcoming", "due in one day"),
    (dt.date(2024, 2, 29), "due-today", "due today"),
    (dt.date(2024, 3, 1), "overdue", "overdue by one day"),
    (dt.date(2025, 2, 28), "overdue", "overdue by one year"),
    (dt.date(2025, 3, 1), "overdue", "overdue by about one year"),
])
def test_deadline_state_counts_29_february(as_of: dt.date, code: str, label: str) -> None:
    pledge = Pledge("p", "t", "a", (), dt.date(2024, 1, 1), "s", (), "in-progress", (), (), "")
    state = deadline_state("by", dt.date(2024, 2, 29), pledge, as_of)
    assert (state.code, state.label) == (code, label)


def test_leap_day_dates_parse_and_impossible_ones_are_refused(site_copy: Path) -> None:
    deadline = site_copy / "content/deadlines/bridge-end-of-march.yml"
    deadline.write_text(deadline.read_text().replace("due: 2024-03-31", "due: 2023-02-29"))
    quote = site_copy / "content/quotes/ada-bridge.yml"
    quote.write_text(quote.read_text().replace("said_on: 2024-01-09", "said_on: 2024-02-29"))
    result = CliRunner().invoke(main, ["validate"])
    assert result.stdout == (
        "content/deadlines/bridge-end-of-march.yml:4:6: error: field 'due': 2023-02-29 is not "
        "a real calendar date (February 2023 has 28 days)\n"
        "content/quotes/ada-bridge.yml:4:10: error: said_on 2024-02-29 is after the source "
        "'gazette-2024-01-10' was published (2024-01-10); a source cannot report words not "
        "yet said\n")
    assert CliRunner().invoke(main, ["build", "--as-of", "2023-02-29"]).exit_code == 2


def test_a_date_time_counts_on_its_new_york_date(site_copy: Path) -> None:
    deadline = site_copy / "content/deadlines/bridge-end-of-march.yml"
    # 03:00 UTC on 1 March is 22:00 on 29 February in New York.
    deadline.write_text(deadline.read_text().replace("due: 2024-03-31",
                                                     "due: 2024-03-01T03:00:00Z"))
    records, problems = check(load_config(site_copy / "site_config.yml"))
    assert problems == []
    due = {r.id: r.values.get("due") for r in records if r.kind == "deadlines"}
    assert due["bridge-end-of-march"] == dt.date(2024, 2, 29)


def test_the_new_york_build_is_byte_identical_to_the_as_of_build(site_copy: Path) -> None:
    assert build_at(site_copy, "by-epoch", dt.datetime(2024, 3, 31, 23, 59,
                                                       tzinfo=NEW_YORK)).exit_code == 0
    assert build_at(site_copy, "by-date", None, "--as-of", "2024-03-31").exit_code == 0
    assert tree_hashes(site_copy / "by-epoch") == tree_hashes(site_copy / "by-date")


@pytest.mark.parametrize(("as_of", "broken_on", "code", "label"), [
    (dt.date(2022, 11, 24), dt.date(2022, 11, 19), "missed",
     "missed: broken three days before the date"),
    (dt.date(2022, 12, 24), dt.date(2022, 12, 20), "met", "kept: held until the date"),
    (dt.date(2022, 11, 20), None, "upcoming", "in force for another two days"),
])
def test_a_not_before_deadline_is_kept_by_waiting(as_of, broken_on, code, label) -> None:
    updates = () if broken_on is None else (
        Update(1, "update-x", broken_on, "broken", "", "s", ("x",)),)
    pledge = Pledge("p", "t", "a", (), dt.date(2022, 11, 1), "s", (), "broken" if broken_on
                    else "in-progress", updates, (), "")
    state = deadline_state("not-before", dt.date(2022, 11, 22), pledge, as_of)
    assert (state.code, state.label) == (code, label)
