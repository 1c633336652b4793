"""A tracker's own ``templates/`` overrides the packaged templates file by file
(``pledgewatch.site.templates_path``), as MkDocs' ``custom_dir`` overrides a theme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pledgewatch import build as pipeline
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.site import templates_path
from pledgewatch.site.publish import UnsafeOutput
from tests.conftest import AS_OF, FIXTURE

ABOUT = """---
title: "About us"
description: "Our own page"
---
# About us

Our own methodology for {{ cfg.site_name }}.

## Statuses { #statuses }

## Deadlines
"""
PLEDGE = """---
title: {{ p.title|attr }}
---
# {{ p.title }}

Our own pledge page for **{{ p.title }}**, made by {{ link("actors", p.made_by) }}.

## Evidence { #evidence }
"""
NOT_FOUND = """{% extends "main.html" %}
{% block content %}<h1>Lost on our tracker</h1>{% endblock %}
"""


@pytest.fixture(scope="module")
def overridden(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture tracker with its own about page, 404 page and stylesheet, built."""
    root = tmp_path_factory.mktemp("tracker") / "tracker"
    shutil.copytree(FIXTURE, root)
    own = root / "templates"
    for relpath, text in {"pages/about.md.j2": ABOUT, "pages/pledge.md.j2": PLEDGE,
                          "overrides/404.html": NOT_FOUND,
                          "assets/pledgewatch.css": "/* ours */\n",
                          "assets/extra.js": "// ours\n"}.items():
        (own / relpath).parent.mkdir(parents=True, exist_ok=True)
        (own / relpath).write_text(text, encoding="utf-8")
    pipeline.build(BuildContext(load_config(root / "site_config.yml"), AS_OF), root / "site")
    return root / "site"


def test_a_page_template_of_the_tracker_replaces_the_packaged_one(overridden: Path) -> None:
    about = (overridden / "about" / "index.html").read_text(encoding="utf-8")
    assert "Our own methodology for Fixture Watch." in about
    assert "What the statuses mean" not in about


def test_a_markdown_page_template_of_the_tracker_replaces_a_packaged_html_one(
        overridden: Path) -> None:
    # The packaged pledge template is HTML (pledge.html.j2); the tracker's pledge.md.j2 wins
    # and goes through Python-Markdown, its links rewritten by MkDocs.
    assert not (templates_path.PACKAGED / "pages" / "pledge.md.j2").exists()
    page = (overridden / "pledges" / "fix-the-bridge" / "index.html").read_text(encoding="utf-8")
    assert ('<p>Our own pledge page for <strong>Fix the old bridge by the end of March</strong>, '
            'made by <a href="../../actors/ada-mayor/">Ada Müller-Šimić</a>.</p>') in page
    assert ('<h2 id="evidence">Evidence<a class="headerlink" href="#evidence" '
            'title="Permanent link">&para;</a></h2>') in page
    # The actor pages, not overridden, are still the packaged HTML.
    actor = (overridden / "actors" / "ada-mayor" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../pledges/fix-the-bridge/">Fix the old bridge' in actor


def test_pages_the_tracker_does_not_override_come_from_the_package(overridden: Path) -> None:
    quotes = (overridden / "quotes" / "index.html").read_text(encoding="utf-8")
    packaged = (templates_path.PACKAGED / "pages" / "quotes.html.j2").read_text(encoding="utf-8")
    assert 'title: {{ (t("Quotes") ~ pager.title_suffix)|attr }}' in packaged
    assert "<h1 id=\"quotes\">Quotes" in quotes


def test_a_theme_override_of_the_tracker_comes_first_and_the_packaged_ones_follow(
        overridden: Path) -> None:
    page = (overridden / "404.html").read_text(encoding="utf-8")
    assert "<h1>Lost on our tracker</h1>" in page
    assert "There is no page at this address" not in page
    # main.html, which the tracker does not override, is still the packaged one: its feed links.
    assert 'type="application/rss+xml"' in page


def test_assets_of_the_tracker_are_copied_over_the_packaged_ones(overridden: Path) -> None:
    assert (overridden / "assets" / "pledgewatch.css").read_text() == "/* ours */\n"
    assert (overridden / "assets" / "extra.js").read_text() == "// ours\n"
    assert (overridden / "assets" / "search-on-demand.js").read_bytes() == (
        templates_path.PACKAGED / "assets" / "search-on-demand.js").read_bytes()


def test_without_a_templates_folder_the_search_path_is_the_package(tmp_path: Path) -> None:
    assert templates_path.search_path(tmp_path, "pages") == [templates_path.PACKAGED / "pages"]
    assert templates_path.custom_dir(tmp_path) == templates_path.PACKAGED / "overrides"
    (tmp_path / "templates" / "pages").mkdir(parents=True)
    assert templates_path.search_path(tmp_path, "pages") == [
        tmp_path.resolve() / "templates" / "pages", templates_path.PACKAGED / "pages"]
    # Only the parts the tracker has: no overrides/ folder, so Material gets the packaged one.
    assert templates_path.custom_dir(tmp_path) == templates_path.PACKAGED / "overrides"


def test_the_build_never_writes_into_the_trackers_templates(tmp_path: Path) -> None:
    root = tmp_path / "tracker"
    shutil.copytree(FIXTURE, root)
    (root / "templates" / "pages").mkdir(parents=True)
    config = load_config(root / "site_config.yml")
    with pytest.raises(UnsafeOutput) as refused:
        pipeline.build(BuildContext(config, AS_OF), root / "templates" / "site")
    assert str(refused.value) == (
        f"{root}/templates/site: refusing to write into the tracker's templates; generated "
        "files never go there; choose another --out, such as 'site'")
    assert not (root / "templates" / "site").exists()
