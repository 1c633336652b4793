"""Paginated listings in a real browser: the fixture site built with ``page_size: 1``, so
every listing of more than one record has later pages, served under its sub-path like
``tests/test_browser.py`` serves the default build."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import AS_OF, FIXTURE
from tests.test_browser import OUTPUT, _texts, served

pytestmark = pytest.mark.browser

UPDATES = ["31 March 2024: Fix the old bridge by the end of March",
           "1 March 2024: Reopen the central library",
           "1 March 2024: Fix the old bridge by the end of March",
           "10 January 2024: Reopen the central library",
           "10 January 2024: Fix the old bridge by the end of March"]


@pytest.fixture(scope="module")
def paged_url(tmp_path_factory: pytest.TempPathFactory):
    """The fixture site built with one record a page, served at ``/fixture/``."""
    from pledgewatch.build import build
    from pledgewatch.core.config import load_config
    from pledgewatch.core.context import BuildContext

    root = tmp_path_factory.mktemp("paged") / "src"
    shutil.copytree(FIXTURE, root)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "page_size: 1\n", encoding="utf-8")
    out = root.parent / "site"
    build(BuildContext(load_config(config), AS_OF), out)
    yield from served(out)


def test_without_javascript_next_links_walk_every_page_in_order(browser, paged_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(paged_url + "updates/")
        seen, urls = [], []
        while True:
            urls.append(page.url)
            seen += _texts(page.locator("article h2"))
            assert page.locator(".pw-pager__where").inner_text() == f"Page {len(urls)} of 5"
            assert page.locator(".pw-pager__current").inner_text() == str(len(urls))
            following = page.locator("a[rel=next]")
            if following.count() == 0:
                break
            following.click()
            page.wait_for_url(paged_url + f"updates/page/{len(urls) + 1}/")
        assert seen == UPDATES
        assert urls == [paged_url + "updates/"] + [
            paged_url + f"updates/page/{n}/" for n in range(2, 6)]
        # rel=prev leads back one page at a time; the first page has none.
        page.locator("a[rel=prev]").click()
        page.wait_for_url(paged_url + "updates/page/4/")
        assert page.title().startswith("Updates (page 4 of 5)")
    finally:
        context.close()


def test_page_numbers_jump_to_their_page(browser, paged_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(paged_url + "updates/")
        # Page 1 of 5 lists 1, 2, 3 and 5 (within two of the current page, and the last).
        assert page.locator(".pw-pager a:not([rel])").all_inner_texts() == ["2", "3", "5"]
        page.locator(".pw-pager a[aria-label='Page 5']").click()
        page.wait_for_url(paged_url + "updates/page/5/")
        assert _texts(page.locator("article h2")) == UPDATES[4:]
        page.locator(".pw-pager a[aria-label='Page 1']").click()
        page.wait_for_url(paged_url + "updates/")
    finally:
        context.close()


def test_a_citation_leads_to_its_entry_on_a_later_page(browser, paged_url) -> None:
    page = browser.new_page()
    try:
        page.goto(paged_url + "pledges/fix-the-bridge/")
        # The gazette article is the oldest source: the last of three pages, newest first.
        page.locator("a:text('[details]')").last.click()
        page.wait_for_url(paged_url + "sources/page/3/#gazette-2024-01-10")
        assert page.locator("#gazette-2024-01-10").inner_text().startswith(
            "Mayor promises to fix the bridge & reopen the library")
        # And the source's "Cited by" link to a quote goes to the quote's page.
        page.goto(paged_url + "sources/page/2/")
        page.locator("a:text('quote by')").first.click()
        page.wait_for_url(paged_url + "quotes/**")
        anchor = page.url.split("#")[1]
        assert page.locator(f"[id='{anchor}']").count() == 1
    finally:
        page.close()


@pytest.mark.parametrize(("permalink", "page"), [
    ("sources/#gazette-2024-01-10", "sources/page/3/"),  # as in feeds, open data, calendar
    ("deadlines/#bridge-end-of-march", "deadlines/page/2/"),
    ("sources/#council-minutes-2024-03-01", "sources/")])  # on the first page: stays
def test_a_permalink_to_an_entry_finds_its_page(browser, paged_url, permalink, page) -> None:
    tab = browser.new_page()
    try:
        tab.goto(paged_url + permalink)
        anchor = permalink.split("#")[1]
        tab.wait_for_url(paged_url + page + "#" + anchor)
        assert tab.locator(f"[id='{anchor}']").count() == 1
    finally:
        tab.close()


@pytest.mark.parametrize("width", [1280, 360])
def test_pager_screenshots_fit_the_screen(browser, paged_url, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800},
                                   device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(paged_url + "updates/page/3/", wait_until="networkidle")
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"pager-{width}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") == width
        assert page.locator("a[rel=prev]").is_visible() and page.locator("a[rel=next]").is_visible()
    finally:
        context.close()
