"""Plain words: durations, dates, deadline states and messages, with exact values."""

from __future__ import annotations

import datetime as dt

import pytest

from pledgewatch.core import catalogs
from pledgewatch.core.catalogs import speaking
from pledgewatch.core.schema import STATUS_DEFINITIONS, STATUS_LABELS
from pledgewatch.core.wording import MESSAGES, Plural, date_words, duration_words, words
from pledgewatch.records.model import Pledge, Update, deadline_state
from pledgewatch.site.render import first_sentence

DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(("days", "expected"), [
    (0, "0 days"), (1, "one day"), (2, "two days"), (9, "nine days"), (10, "10 days"),
    (13, "13 days"), (14, "two weeks"), (21, "three weeks"), (30, "about four weeks"),
    (40, "about six weeks"), (56, "about two months"), (60, "two months"),
    (200, "about seven months"), (329, "about 11 months"), (330, "about one year"),
    (365, "one year"), (1489, "about four years"), (-2, "two days"),
])
def test_durations_as_a_reader_says_them(days: int, expected: str) -> None:
    assert duration_words(days * DAY) == expected


def test_durations_in_another_language_come_from_babel() -> None:
    assert duration_words(21 * DAY, "fr") == "3\u00a0semaines"  # CLDR: a no-break space
    assert duration_words(2 * DAY, "de") == "2 Tage"


@pytest.mark.parametrize(("locale", "short", "expected"), [
    ("en", False, "1 November 2022"), ("en", True, "1 Nov 2022"),
    ("fr", False, "1er novembre 2022"), ("de", False, "1. November 2022"),
    ("fr", True, "1er nov. 2022"), ("de", True, "1. Nov. 2022"),
])
def test_dates_in_words(locale: str, short: bool, expected: str) -> None:
    assert date_words(dt.date(2022, 11, 1), locale, short) == expected


def test_messages_are_whole_sentences_with_named_placeholders() -> None:
    assert words("deadline.overdue", duration="about four years") == (
        "overdue by about four years")
    assert words("due.not-before", date="23 November 2022") == "no earlier than 23 November 2022"
    with pytest.raises(KeyError):
        words("deadline.overdue")
    with pytest.raises(KeyError):
        words("no.such.message")
    # No message is a fragment to be glued to another: none starts or ends with a space.
    texts = [(k, t) for k, v in MESSAGES.items()
             for t in (v[:2] if isinstance(v, Plural) else (v,))]
    assert [k for k, t in texts if t != t.strip()] == []


def _pledge(status: str, *changes: tuple[dt.date, str]) -> Pledge:
    updates = tuple(Update(i, f"update-{d}", d, s, "", "s", ("x",))
                    for i, (d, s) in enumerate(changes, start=1))
    return Pledge("p", "t", "a", (), dt.date(2022, 11, 1), "s", (), status, updates, (), "")


NOV = dt.date(2022, 11, 4)


@pytest.mark.parametrize(("kind", "pledge", "as_of", "code", "label"), [
    ("by", _pledge("kept", (dt.date(2022, 11, 6), "kept")), dt.date(2026, 12, 2),
     "met-late", "met two days late"),
    ("by", _pledge("kept", (dt.date(2022, 11, 3), "kept")), dt.date(2026, 12, 2),
     "met", "met on time"),
    ("by", _pledge("in-progress", (dt.date(2022, 11, 2), "in-progress")), dt.date(2026, 12, 2),
     "overdue", "overdue by about four years"),
    ("by", _pledge("in-progress", (dt.date(2022, 11, 2), "in-progress")), dt.date(2022, 10, 14),
     "upcoming", "due in three weeks"),
    ("by", _pledge("broken", (dt.date(2022, 11, 2), "broken")), dt.date(2026, 12, 2),
     "missed", "missed: the pledge was broken"),
    ("by", _pledge("partially-kept", (dt.date(2022, 11, 2), "partially-kept")),
     dt.date(2026, 12, 2), "missed", "missed: the pledge was only partly kept"),
    ("not-before", _pledge("broken", (dt.date(2022, 10, 31), "broken")), dt.date(2026, 12, 2),
     "missed", "missed: broken four days before the date"),
    ("not-before", _pledge("in-progress"), dt.date(2022, 11, 1), "upcoming",
     "in force for another three days"),
    ("event", None, dt.date(2026, 12, 2), "passed", "about four years ago"),
    ("event", None, NOV, "due-today", "due today"),
])
def test_deadline_states_in_plain_words(kind, pledge, as_of, code, label) -> None:
    state = deadline_state(kind, NOV, pledge, as_of)
    assert (state.code, state.label) == (code, label)


@pytest.mark.parametrize(("text", "expected"), [
    ("Musk said so. Then he did not.", "Musk said so."),
    ("On 22 November he posted that 'a deal' was off (Business Today). Leaders denied it.",
     "On 22 November he posted that 'a deal' was off (Business Today)."),
    ("A version 2.0 release. Next.", "A version 2.0 release."),
    ("No stop at all", "No stop at all"),
    ("Line\nbreaks fold. Second.", "Line breaks fold."),
])
def test_first_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


@pytest.mark.parametrize(("language", "key", "values", "expected"), [
    ("fr", "deadline.overdue", {"duration": "3 semaines"}, "en retard de 3 semaines"),
    ("de", "deadline.overdue", {"duration": "3 Wochen"}, "3 Wochen überfällig"),
    ("en", "home.all", {"total": 1}, "The 1 pledge"),
    ("en", "home.all", {"total": 2}, "The 2 pledges"),
    # French counts 0 and 1 as singular (CLDR plural rule "one": i = 0,1)
    ("fr", "home.all", {"total": 0}, "0 promesse"),
    ("fr", "home.all", {"total": 1}, "1 promesse"),
    ("fr", "home.all", {"total": 2}, "Les 2 promesses"),
    ("de", "home.all", {"total": 0}, "Die 0 Versprechen"),
    ("de", "home.all", {"total": 1}, "1 Versprechen"),
    ("de", "precision.day", {}, ""),
])
def test_words_in_the_build_language(language: str, key: str, values: dict,
                                     expected: str) -> None:
    with speaking(language):
        assert words(key, **values) == expected
    assert catalogs.active() == "en"  # restored after the block


def test_status_names_follow_the_build_language_and_codes_stay() -> None:
    with speaking("fr"):
        assert dict(STATUS_LABELS) == {
            "not-yet-rated": "Pas encore évaluée", "in-progress": "En cours",
            "stalled": "Au point mort", "partially-kept": "Partiellement tenue",
            "kept": "Tenue", "broken": "Rompue"}
        assert duration_words(21 * DAY) == "3\u00a0semaines"  # CLDR: a no-break space
        assert date_words(dt.date(2022, 11, 1)) == "1er novembre 2022"
    with speaking("de"):
        assert list(STATUS_LABELS.values()) == [
            "Noch nicht bewertet", "In Arbeit", "Ins Stocken geraten", "Teilweise gehalten",
            "Gehalten", "Gebrochen"]
        assert STATUS_DEFINITIONS["kept"] == "Das Versprochene ist eingetreten, wie Quellen zeigen."
    assert STATUS_LABELS["kept"] == "Kept"


def test_a_language_without_a_catalog_speaks_english_with_its_own_dates() -> None:
    with speaking("es"):
        assert words("deadline.due-today") == "due today"
        assert date_words(dt.date(2022, 11, 1)) == "1 noviembre 2022"


def test_a_regional_tag_speaks_its_language() -> None:
    """``language`` is a BCP 47 tag: de-CH gets the German catalog and Swiss German dates'
    CLDR data; pt-BR (no catalog) English words with Brazilian dates."""
    with speaking("de-CH"):
        assert STATUS_LABELS["kept"] == "Gehalten"
        assert date_words(dt.date(2022, 11, 1)) == "1. November 2022"
    with speaking("pt-BR"):
        assert STATUS_LABELS["kept"] == "Kept"
        assert date_words(dt.date(2022, 11, 1)) == "1 novembro 2022"


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    assert date_words(dt.date(2024, 3, 1), "fr") == "1er mars 2024"
    assert date_words(dt.date(2024, 11, 1), "fr", short=True) == "1er nov. 2024"
    assert date_words(dt.date(2024, 3, 2), "fr") == "2 mars 2024"
    assert date_words(dt.date(2024, 3, 1), "en") == "1 March 2024"
    assert date_words(dt.date(2024, 3, 1), "de") == "1. März 2024"
