"""Actor pages are bounded (issue 16, every page bounded): an actor's pledges made, pledges
made to it, quotes it said, quotes mentioning it and sources it published are shown
``page_size`` entries a page (pledgewatch/site/listings.py ``actor_pages``,
pledgewatch/site/paginate.py ``paginate_sections``, templates/pages/actor.html.j2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.records.model import build_model
from pledgewatch.site import render, search_scope, site_files
from pledgewatch.site.mkdocs_run import TEMPLATES
from pledgewatch.site.paginate import paginate_sections
from tests.conftest import AS_OF, FIXTURE

_PLEDGE = """id: {id}
title: {title}
made_by: {by}
made_to: [{to}]
made_on: 2024-01-09
statement: >-
  {title}.
topics: [transport]
status: not-yet-rated
updates:
  - date: 2024-01-10
    status: not-yet-rated
    summary: Pledge made at the public meeting.
    sources: [gazette-2024-01-10]
"""

_QUOTE = """id: {id}
speaker: ada-mayor
text: {text}
said_on: {said_on}
source: gazette-2024-01-10
kind: spoken
"""

NEW_PLEDGES = {"build-bike-lanes": "Build bike lanes", "cut-bus-fares": "Cut bus fares",
               "plant-trees": "Plant a thousand trees"}
"""With the fixture's two, the mayor makes five pledges (id order: build-bike-lanes,
cut-bus-fares, fix-the-bridge, plant-trees, reopen-library)."""


def prolific_site(root: Path) -> Path:
    """A copy of the fixture site at ``root`` with ``page_size: 2`` where the mayor
    (``ada-mayor``) made 5 pledges, had 1 made to her (by the council) and said 3 quotes;
    returns its ``site_config.yml``."""
    shutil.copytree(FIXTURE, root)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "page_size: 2\n", encoding="utf-8")
    content = root / "content"
    pledges = {**{i: (t, "ada-mayor", "residents-union") for i, t in NEW_PLEDGES.items()},
               "fund-the-mayor": ("Fund the mayor's office", "example-city", "ada-mayor")}
    for pledge_id, (title, by, to) in pledges.items():
        (content / "pledges" / f"{pledge_id}.yml").write_text(
            _PLEDGE.format(id=pledge_id, title=title, by=by, to=to), encoding="utf-8")
    for quote_id, said_on, words in (("ada-bus", "2024-01-10", "Buses will be cheaper."),
                                     ("ada-trees", "2024-01-10", "Trees are coming.")):
        (content / "quotes" / f"{quote_id}.yml").write_text(
            _QUOTE.format(id=quote_id, said_on=said_on, text=words), encoding="utf-8")
    return config


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The rendered pages of :func:`prolific_site` (Markdown path -> text)."""
    config = load_config(prolific_site(tmp_path_factory.mktemp("prolific") / "src"))
    records, problems = check(config)
    assert problems == []
    model = build_model(records, config, AS_OF)
    return render.Renderer(model, TEMPLATES).pages()


def _sections(page: str) -> dict[str, list[str]]:
    """The ids of each ``<h2>`` section of a page -> the pledge slugs its table links to, or
    the quotes it shows (the text between curly quotes)."""
    out = {}
    for part in re.split(r'(?=<h2 id=")', page)[1:]:
        name = re.match(r'<h2 id="([^"]+)"', part).group(1)
        out[name] = (re.findall(r'class="pw-pledge-link"[^>]*href="[./]*pledges/([^/"]+)/"',
                                part)
                     or re.findall(r'href="[./]*pledges/([^/"]+)/"', part)
                     or re.findall(r"<p>“([^”]*)”</p>", part))
    return out


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def test_a_prolific_actor_gets_pages_with_a_slice_of_each_list(pages) -> None:
    assert sorted(p for p in pages if p.startswith("actors/ada-mayor")) == [
        "actors/ada-mayor.md", "actors/ada-mayor/page/2.md", "actors/ada-mayor/page/3.md"]
    shown = {path: {name: _dedupe(found) for name, found in _sections(pages[path]).items()}
             for path in ("actors/ada-mayor.md", "actors/ada-mayor/page/2.md",
                          "actors/ada-mayor/page/3.md")}
    assert shown == {
        "actors/ada-mayor.md": {
            "pledges-made": ["build-bike-lanes", "cut-bus-fares"],
            "pledges-made-to-ada-muller-simic": ["fund-the-mayor"],
            "what-ada-muller-simic-said": [
                "The bridge will be open by the end of March, you have my word.",
                "Buses will be cheaper."]},
        "actors/ada-mayor/page/2.md": {
            "pledges-made": ["fix-the-bridge", "plant-trees"],
            "what-ada-muller-simic-said": ["Trees are coming."]},
        "actors/ada-mayor/page/3.md": {"pledges-made": ["reopen-library"]}}


def test_the_profile_is_on_page_one_and_later_pages_carry_the_suffix(pages) -> None:
    first, second = pages["actors/ada-mayor.md"], pages["actors/ada-mayor/page/2.md"]
    assert 'title: "Ada Müller-Šimić"' in first
    assert "<strong>Kind:</strong>" in first and "Mayor of Example City" in first
    assert 'title: "Ada Müller-Šimić (page 2 of 3)"' in second
    assert re.search(r"<h1 [^>]*>(.*?)<a", second).group(1) == "Ada Müller-Šimić (page 2 of 3)"
    assert re.search(r"<h1 [^>]*>(.*?)<a", first).group(1) == "Ada Müller-Šimić"
    for later in (second, pages["actors/ada-mayor/page/3.md"]):
        body = later.split("\n---\n", 1)[1]  # the description stays in the front matter
        assert "<strong>Kind:</strong>" not in body and "Mayor of Example City" not in body
        assert "Follow the pledges" not in later


def _pager(page: str) -> str:
    return re.search(r'<nav class="pw-pager".*?</nav>', page).group()


def test_every_page_has_the_listings_pager(pages) -> None:
    assert _pager(pages["actors/ada-mayor.md"]) == (
        '<nav class="pw-pager" aria-label="Pages"><span class="pw-pager__where">Page 1 of 3'
        '</span> <span class="pw-pager__current" aria-current="page">1</span> '
        '<a href="page/2/" aria-label="Page 2">2</a> '
        '<a href="page/3/" aria-label="Page 3">3</a> '
        '<a class="pw-pager__next" rel="next" href="page/2/">Next</a></nav>')
    assert _pager(pages["actors/ada-mayor/page/2.md"]) == (
        '<nav class="pw-pager" aria-label="Pages"><span class="pw-pager__where">Page 2 of 3'
        '</span> <a class="pw-pager__prev" rel="prev" href="../../">Previous</a> '
        '<a href="../../" aria-label="Page 1">1</a> '
        '<span class="pw-pager__current" aria-current="page">2</span> '
        '<a href="../3/" aria-label="Page 3">3</a> '
        '<a class="pw-pager__next" rel="next" href="../3/">Next</a></nav>')
    assert _pager(pages["actors/ada-mayor/page/3.md"]) == (
        '<nav class="pw-pager" aria-label="Pages"><span class="pw-pager__where">Page 3 of 3'
        '</span> <a class="pw-pager__prev" rel="prev" href="../2/">Previous</a> '
        '<a href="../../" aria-label="Page 1">1</a> <a href="../2/" aria-label="Page 2">2</a> '
        '<span class="pw-pager__current" aria-current="page">3</span></nav>')


def test_actors_with_short_lists_keep_one_page_and_links_go_to_page_one(pages) -> None:
    # The council made one pledge and said nothing: one page, as before.
    assert [p for p in pages if p.startswith("actors/example-city")] == [
        "actors/example-city.md"]
    # The union had five pledges made to it: three pages.
    assert sorted(p for p in pages if p.startswith("actors/residents-union")) == [
        "actors/residents-union.md", "actors/residents-union/page/2.md",
        "actors/residents-union/page/3.md"]
    assert "pw-pager" not in pages["actors/example-city.md"]
    # Links to the mayor from elsewhere name her first page.
    assert 'href="../../actors/ada-mayor/"' in pages["pledges/fix-the-bridge.md"]
    assert "ada-mayor/page/" not in pages["pledges/fix-the-bridge.md"]


def test_later_pages_are_not_searched_and_aliases_lead_to_page_one(pages) -> None:
    assert search_scope.first_page("actors/ada-mayor/page/2.md") == "actors/ada-mayor.md"
    first, second = (pages[f"actors/ada-mayor{tail}.md"].split("\n---\n", 1)[1]
                     for tail in ("", "/page/2"))
    # Page 1 is searched by its lead (the profile); a later page would add only its title.
    assert search_scope.searchable("actors/ada-mayor/page/2.md", second) == ""
    assert "Ada Müller-Šimić</h1>" in re.sub(r"<a [^>]*>&para;</a>", "", search_scope.searchable(
        "actors/ada-mayor.md", first))
    config = load_config(FIXTURE / "site_config.yml")
    records, _ = check(config)
    assert site_files.redirect_maps(build_model(records, config, AS_OF))[
        "actors/ada-mueller.md"] == "actors/ada-mayor.md"


def test_paginate_sections_slices_each_list_and_drops_empty_ones() -> None:
    found = paginate_sections({"made": "abcde", "received": "f", "said": "ghi"},
                              "actors/x.md", 2)
    assert [(p.number, p.count, p.path, p.total, p.items) for p in found] == [
        (1, 3, "actors/x.md", 5, [("made", ["a", "b"]), ("received", ["f"]),
                                  ("said", ["g", "h"])]),
        (2, 3, "actors/x/page/2.md", 5, [("made", ["c", "d"]), ("said", ["i"])]),
        (3, 3, "actors/x/page/3.md", 5, [("made", ["e"])])]
    [only] = paginate_sections({"made": [], "said": ["q"]}, "actors/y.md", 2)
    assert (only.number, only.count, only.path, only.items) == (
        1, 1, "actors/y.md", [("said", ["q"])])
    [empty] = paginate_sections({"made": []}, "actors/z.md", 2)
    assert (empty.count, empty.items, empty.pager()) == (1, [], "")
