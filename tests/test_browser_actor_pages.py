"""A bounded actor page in a real browser (issue 16): the prolific site of
``tests/test_actor_pages.py`` (``page_size: 2``, the mayor with 5 pledges made, 1 made to her,
3 quotes) built with MkDocs and served under its sub-path like ``tests/test_browser.py``."""

from __future__ import annotations

import pytest

from tests.conftest import AS_OF
from tests.test_actor_pages import prolific_site
from tests.test_browser import OUTPUT, _texts, served

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def prolific_url(tmp_path_factory: pytest.TempPathFactory):
    """The prolific site, built, served at ``/fixture/``."""
    from pledgewatch.build import build
    from pledgewatch.core.config import load_config
    from pledgewatch.core.context import BuildContext

    root = tmp_path_factory.mktemp("prolific-site")
    config = prolific_site(root / "src")
    out = root / "site"
    build(BuildContext(load_config(config), AS_OF), out)
    yield from served(out)


def test_page_two_of_an_actor_fits_a_phone(browser, prolific_url) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800},
                                  device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(prolific_url + "actors/ada-mayor/page/2/", wait_until="networkidle")
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / "actor-page-2-360.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") == 360
        assert page.locator(".pw-pager").is_visible()
        assert page.locator(".pw-pager__where").inner_text() == "Page 2 of 3"
        assert page.locator("a[rel=prev]").is_visible()
        assert page.locator("a[rel=next]").is_visible()
    finally:
        context.close()


def test_an_actors_pages_are_walked_without_javascript(browser, prolific_url) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(prolific_url + "actors/ada-mayor/page/2/")
        assert page.title().startswith("Ada Müller-Šimić (page 2 of 3)")
        assert _texts(page.locator("article h1")) == ["Ada Müller-Šimić (page 2 of 3)"]
        assert _texts(page.locator("article h2")) == ["Pledges made",
                                                      "What Ada Müller-Šimić said"]
        page.locator("a[rel=next]").click()
        page.wait_for_url(prolific_url + "actors/ada-mayor/page/3/")
        assert _texts(page.locator("article h2")) == ["Pledges made"]
        assert page.locator("a[rel=next]").count() == 0
        page.locator(".pw-pager a[aria-label='Page 1']").click()
        page.wait_for_url(prolific_url + "actors/ada-mayor/")
        assert _texts(page.locator("article h1")) == ["Ada Müller-Šimić"]
        assert _texts(page.locator("article h2")) == [
            "Pledges made", "Pledges made to Ada Müller-Šimić", "What Ada Müller-Šimić said"]
        page.locator("a[rel=next]").click()
        page.wait_for_url(prolific_url + "actors/ada-mayor/page/2/")
    finally:
        context.close()
