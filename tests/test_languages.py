"""Languages: the shipped catalogs are complete and current, and the fixture site built in each
shipped language shows no English word of ours (tests/fixtures/site, built with MkDocs).

The build check reads every built page, feed and the calendar as a reader meets them (text,
``alt``/``title``/``aria-label`` and SVG text; not scripts, styles or code) and looks for the
words of our English messages that the language's own catalog never uses and that no record
or setting contains. A string a template or module forgot to mark shows up as such a word.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from pledgewatch.core import catalogs
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF, FIXTURE

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = catalogs.LOCALE_DIR / "pledgewatch.pot"
LANGUAGES = ("en", "fr", "de")
_PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}|`[^`]*`")
_WORD = re.compile(r"[A-Za-z][a-z]{2,}")


def _read(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as f:
        return read_po(f)


def _ids(catalog) -> dict[str, tuple[str, ...]]:
    """msgid (the singular for a plural) -> every English form."""
    return {(m.id if isinstance(m.id, str) else m.id[0]):
            ((m.id,) if isinstance(m.id, str) else tuple(m.id)) for m in catalog if m.id}


def test_the_shipped_languages_are_english_french_and_german() -> None:
    assert catalogs.shipped() == ("de", "en", "fr")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(language: str) -> None:
    template = _ids(_read(TEMPLATE))
    catalog = _read(catalogs.po_path(language))
    found = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}
    assert sorted(set(template) - set(found)) == [], "run make translations"
    problems = []
    for key, message in found.items():
        forms = (message.string,) if isinstance(message.string, str) else message.string
        if message.fuzzy or not all(forms) or len(forms) != (
                1 if isinstance(message.id, str) else catalog.num_plurals):
            problems.append(f"untranslated or fuzzy: {key!r}")
            continue
        wanted = set(_PLACEHOLDER.findall(template.get(key, (key,))[-1]))
        for form in forms:
            # a singular may leave out its count ("one pledge"); nothing else may go
            if not set(_PLACEHOLDER.findall(form)) >= wanted - {"{total}", "%(count)s"}:
                problems.append(f"placeholders of {key!r} in {form!r}")
    assert problems == []


def test_the_template_holds_every_marked_message(tmp_path: Path) -> None:
    """``make translations``' extraction gives the shipped template's messages: nothing marked
    in the code is missing from the catalogs, nothing in them is stale."""
    out = tmp_path / "now.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg",
         "-k", "N_", "-k", "gettext_", "-k", "plural:1,2", "-k", "t", "--no-location",
         "-o", str(out), "."], cwd=ROOT, check=True, capture_output=True)
    assert sorted(_ids(_read(out))) == sorted(_ids(_read(TEMPLATE)))


class _ReaderText(HTMLParser):
    """The text a reader meets in a page: text nodes and alt/title/aria-label/placeholder
    values, without scripts, styles and code."""

    SKIP = {"script", "style", "code", "pre"}
    ATTRIBUTES = {"alt", "title", "aria-label", "placeholder"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        self.parts += [v for k, v in attrs if k in self.ATTRIBUTES and v]

    def handle_endtag(self, tag) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data) -> None:
        if not self._skipping:
            self.parts.append(data)


def reader_text(markup: str) -> str:
    """The reader's text of an HTML or XML document (feeds carry HTML as escaped text)."""
    parser = _ReaderText()
    parser.feed(markup)
    text = " ".join(parser.parts)
    if "<" in text:  # the escaped HTML of a feed item's description
        return reader_text(text)
    return text


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


_FILE_NAME = re.compile(r"\S*[\w-]+\.(?:json|csv|xml|ics|db|svg|png)\b\S*|\S+/\S*")


def _words(texts) -> set[str]:
    """The lower-cased words of ``texts``, without placeholders, code, file names and paths
    (names that scripts and servers read are not translated)."""
    return {w.lower() for t in texts
            for w in _WORD.findall(_FILE_NAME.sub(" ", _PLACEHOLDER.sub(" ", t)))}


def english_words_of_ours(language: str) -> set[str]:
    """Words of our English messages that a page in ``language`` can only show by leaving a
    string untranslated: minus the words the language's catalog itself uses (codes and keys
    it quotes among them), the records' and settings' words (contributors' text is not
    translated) and :data:`KEYS_SHOWN`."""
    english = _words(f for forms in _ids(_read(TEMPLATE)).values() for f in forms)
    own = _words(s for m in _read(catalogs.po_path(language)) if m.id
                 for s in ((m.string,) if isinstance(m.string, str) else m.string))
    content = [yaml.safe_load(p.read_text(encoding="utf-8"))
               for p in (FIXTURE / "content").rglob("*.yml")]
    content.append(yaml.safe_load((FIXTURE / "site_config.yml").read_text(encoding="utf-8")))
    return english - own - _words(s for c in content for s in _strings(c)) - _words(KEYS_SHOWN)


KEYS_SHOWN = ["actors sources pledges deadlines quotes updates corrections",  # records.json's lists
              "JSON Schema iCalendar"]  # names of formats
"""Words shown as they are in every language: keys that scripts read, and proper names."""


def _field_names() -> list[str]:
    """The field and column names the Open data page lists (keys of the exports)."""
    from pledgewatch.outputs import exports_schema

    return [str(name) for rows in exports_schema.documentation().values() for name, _, _ in rows
            ] + [name for name, _ in exports_schema.CSV_COLUMNS]


KEYS_SHOWN += _field_names()
"""Not translated yet: the field tables of the Open data page (each field's meaning and type,
from core.schema, shared with the contributors' docs/records.md and the editor schemas)."""


@pytest.fixture(scope="module", params=["fr", "de"])
def built(request, tmp_path_factory) -> tuple[str, Path]:
    """The fixture site built with MkDocs in one shipped language other than English."""
    from pledgewatch.build import build

    src = tmp_path_factory.mktemp(f"src-{request.param}") / "site"
    import shutil

    shutil.copytree(FIXTURE, src)
    config_file = src / "site_config.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "language: en", f"language: {request.param}"), encoding="utf-8")
    out = tmp_path_factory.mktemp(f"built-{request.param}") / "site"
    build(BuildContext(load_config(config_file), AS_OF), out)
    return request.param, out


@pytest.mark.slow
def test_the_built_site_has_no_untranslated_word_of_ours(built) -> None:
    language, out = built
    suspect = english_words_of_ours(language)
    assert {"overdue", "methodology", "tally", "evidence"} <= suspect  # the check can see
    found = {}
    files = sorted([*out.rglob("*.html"), out / "feed.xml", out / "atom.xml"])
    for path in files:
        page = path.read_text(encoding="utf-8")
        if '<meta http-equiv="refresh"' in page:
            continue  # mkdocs-redirects' page for an earlier id: its own words, English only
        text = reader_text(page)
        for word in sorted(_words([text]) & suspect):
            at = re.search(rf"(?i).{{0,40}}\b{word}\b.{{0,40}}", text)
            found.setdefault(word, f"{path.relative_to(out)}: ...{at.group(0) if at else ''}...")
    calendar = html.unescape((out / "deadlines.ics").read_text(encoding="utf-8"))
    for word in sorted(_words([re.sub(r"(?m)^[A-Z-]+[:;]|https?://\S+", " ", calendar)])
                       & suspect):
        found.setdefault(word, "deadlines.ics")
    assert found == {}, "\n".join(f"{w}: {where}" for w, where in found.items())


@pytest.mark.slow
def test_labels_follow_the_language_and_keys_stay(built) -> None:
    """The exports translate labels, never keys, column names or status codes."""
    language, out = built
    records = json.loads((out / "data" / "records.json").read_text(encoding="utf-8"))
    english = json.loads((ROOT / "tests" / "golden" / "data" / "records.json").read_text(
        encoding="utf-8"))
    assert sorted(records) == sorted(english)
    pledge = {p["id"]: p for p in records["pledges"]}["fix-the-bridge"]
    assert pledge["status"] == "in-progress"
    assert pledge["status_label"] == {"fr": "En cours", "de": "In Arbeit"}[language]
    header = (out / "data" / "pledges.csv").read_text(encoding="utf-8").splitlines()[0]
    golden = (ROOT / "tests" / "golden" / "data" / "pledges.csv").read_text(encoding="utf-8")
    assert header == golden.splitlines()[0]
    meta = json.loads((out / "data" / "metadata.json").read_text(encoding="utf-8"))
    golden_meta = json.loads((ROOT / "tests" / "golden" / "data" / "metadata.json").read_text(
        encoding="utf-8"))
    tables, golden_tables = (m["databases"]["records"]["tables"] for m in (meta, golden_meta))
    assert {t: sorted(v["columns"]) for t, v in tables.items()} == {
        t: sorted(v["columns"]) for t, v in golden_tables.items()}
    assert tables["pledges"]["description"] == {
        "fr": "Engagements publics, avec leur statut actuel.",
        "de": "Öffentliche Zusagen mit ihrem aktuellen Status."}[language]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in page
    # social cards are drawn in the language (the card cache keys on it: an English card
    # drawn earlier in the session must not be reused)
    assert (out / "card.png").read_bytes() != (ROOT / "tests" / "golden" / "card.png").read_bytes()
    assert "CATEGORIES:" + {"fr": "Échéance", "de": "Frist"}[language] in (
        out / "deadlines.ics").read_text(encoding="utf-8")
