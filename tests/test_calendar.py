"""deadlines.ics read back with the icalendar parser: every event exactly, RFC 5545 line rules,
and stability: the same UIDs and bytes whatever the build date."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest

from pledgewatch.core.config import load_config
from pledgewatch.outputs.calendar_ics import webcal_url
from tests.conftest import AS_OF, FIXTURE
from tests.machine_readable import check_calendar, generate_site

SITE = "https://watch.example.org/fixture/"
UTC = dt.UTC


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory):
    docs = tmp_path_factory.mktemp("docs")
    return generate_site(FIXTURE, AS_OF, docs), docs


def read(docs: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((docs / "deadlines.ics").read_bytes())


def props(event) -> dict:
    return {
        "UID": str(event["UID"]), "SUMMARY": str(event["SUMMARY"]),
        "DTSTART": event.decoded("DTSTART"), "DTEND": event.decoded("DTEND"),
        "DTSTAMP": event.decoded("DTSTAMP"), "URL": str(event["URL"]),
        "TRANSP": str(event["TRANSP"]),
        "CATEGORIES": [str(c) for c in event["CATEGORIES"].cats],
        "DESCRIPTION": str(event["DESCRIPTION"]),
    }


def test_calendar_properties(generated) -> None:
    _, docs = generated
    cal = read(docs)
    assert {k: str(v) for k, v in cal.items() if k != "REFRESH-INTERVAL"} == {
        "VERSION": "2.0", "PRODID": "-//Pledgewatch//Deadlines calendar//EN",
        "CALSCALE": "GREGORIAN", "NAME": "Fixture Watch: deadlines",
        "X-WR-CALNAME": "Fixture Watch: deadlines", "SOURCE": SITE + "deadlines.ics",
        "X-PUBLISHED-TTL": "P1D"}
    assert cal.decoded("REFRESH-INTERVAL") == dt.timedelta(days=1)


def test_every_deadline_is_one_all_day_event(generated) -> None:
    _, docs = generated
    events = read(docs).walk("VEVENT")
    assert [props(e) for e in events] == [
        {"UID": "budget-vote@watch.example.org", "SUMMARY": "Council budget vote",
         "DTSTART": dt.date(2024, 3, 1), "DTEND": dt.date(2024, 3, 2),
         "DTSTAMP": dt.datetime(2024, 3, 1, 5, 0, tzinfo=UTC),
         "URL": SITE + "deadlines/#budget-vote", "TRANSP": "TRANSPARENT",
         "CATEGORIES": ["Event"],
         "DESCRIPTION": "Stated as \u201cthe March council meeting\u201d: a date on the "
                        "timeline (precise to the day).\n\nSources:\n- Council minutes, 1 March "
                        "2024 (Example City Council, 2024-03-01) "
                        "https://council.example.org/minutes/2024-03-01"},
        {"UID": "bridge-end-of-march@watch.example.org",
         "SUMMARY": "Deadline: Bridge open to traffic (by the end of March)",
         "DTSTART": dt.date(2024, 3, 31), "DTEND": dt.date(2024, 4, 1),
         # the newest of its source (10 January) and its pledge's updates (1 March), at
         # midnight in New York
         "DTSTAMP": dt.datetime(2024, 3, 1, 5, 0, tzinfo=UTC),
         "URL": SITE + "deadlines/#bridge-end-of-march", "TRANSP": "TRANSPARENT",
         "CATEGORIES": ["Deadline"],
         "DESCRIPTION": "Stated as \u201cby the end of March\u201d: must happen by this date "
                        "(precise to the month).\n\nPledge: Fix the old bridge by the end of "
                        "March\nStatus: In progress\n" + SITE + "pledges/fix-the-bridge/\n\n"
                        "How the date was derived: The last day of March 2024.\n\nSources:\n"
                        "- Mayor promises to fix the bridge & reopen the library (The Example "
                        "Gazette, 2024-01-10) https://gazette.example.org/2024/01/10/"
                        "mayor-promises"},
    ]


def test_raw_text_follows_rfc_5545(generated) -> None:
    model, docs = generated
    raw = (docs / "deadlines.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert raw.endswith(b"END:VCALENDAR\r\n")
    # commas and semicolons in TEXT are escaped, long lines folded with CRLF + space
    assert b"SUMMARY:Deadline: Bridge open to traffic (by the end of March)\r\n" in raw
    assert b"DESCRIPTION:Stated as \xe2\x80\x9cthe March council meeting\xe2\x80\x9d: a date" \
           b" on the timel\r\n ine" in raw
    assert b"Council minutes\\, 1 March 2024" in raw
    assert b"DTSTART;VALUE=DATE:20240331\r\nDTEND;VALUE=DATE:20240401\r\n" in raw
    assert len(check_calendar(model, docs)) == 2


def test_calendar_does_not_depend_on_the_build_date(generated, tmp_path: Path) -> None:
    _, docs = generated
    generate_site(FIXTURE, dt.date(2025, 1, 1), tmp_path)
    assert (tmp_path / "deadlines.ics").read_bytes() == (docs / "deadlines.ics").read_bytes()


def test_a_new_update_moves_dtstamp_and_status_but_not_uid(tmp_path: Path) -> None:
    root = tmp_path / "src"
    shutil.copytree(FIXTURE, root)
    pledge = root / "content/pledges/fix-the-bridge.yml"
    text = pledge.read_text().replace("status: in-progress\nupdates", "status: kept\nupdates")
    pledge.write_text(text.replace("\naliases:", (
        "\n  - date: 2024-03-29\n    status: kept\n    summary: The bridge reopened.\n"
        "    sources: [council-minutes-2024-03-01]\naliases:"), 1))
    generate_site(root, AS_OF, tmp_path / "docs")
    event = read(tmp_path / "docs").walk("VEVENT")[1]
    assert str(event["UID"]) == "bridge-end-of-march@watch.example.org"
    assert event.decoded("DTSTAMP") == dt.datetime(2024, 3, 29, 4, 0, tzinfo=UTC)
    assert "\nStatus: Kept\n" in str(event["DESCRIPTION"])


def test_webcal_url_and_deadlines_page_links(built_site: Path) -> None:
    assert webcal_url(load_config(FIXTURE / "site_config.yml")) == (
        "webcal://watch.example.org/fixture/deadlines.ics")
    html = (built_site / "deadlines/index.html").read_text(encoding="utf-8")
    assert ('<a href="webcal://watch.example.org/fixture/deadlines.ics">Subscribe to the '
            'deadlines in your calendar app</a> · <a href="../deadlines.ics">download '
            "deadlines.ics</a>") in html
    assert (built_site / "deadlines.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
