"""A corrected pledge in Chromium at 1280 and 360 px: the correction notice above the status,
"Last reviewed" beside it, and the footer's Corrections link. Screenshots go to
``test-output/screenshots/corrected-pledge-WIDTH.png``."""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from pledgewatch.build import build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF
from tests.test_browser import OUTPUT, PREFIX, _SubPathHandler, _texts, browser  # noqa: F401
from tests.test_corrections import BRIDGE_CORRECTION, site_with


@pytest.fixture(scope="module")
def corrected_url(tmp_path_factory: pytest.TempPathFactory):
    site = site_with(tmp_path_factory.mktemp("corrected"),
                     {"pledges/fix-the-bridge.yml": BRIDGE_CORRECTION})
    out = site / "out"
    build(BuildContext(load_config(site / "site_config.yml"), AS_OF), out)
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_SubPathHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", [1280, 360])
def test_corrected_pledge_page(browser, corrected_url: str, width: int) -> None:  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(corrected_url + "pledges/fix-the-bridge/")
        notice = page.locator("article .pw-corrections")
        assert _texts(notice) == [
            "Correction, 5 March 2024: The update of 1 March said the repair budget was "
            "approved in February; the council's minutes show it was approved on 1 March. "
            "Sources: Council minutes, 1 March 2024 (Example City Council, 1 March 2024) "
            "[details]"]
        assert notice.is_visible() and page.locator("#correction-1").is_visible()
        # The notice comes first, then the status line with the review date.
        status_line = _texts(page.locator("article div.pw-corrections + p"))
        assert len(status_line) == 1 and status_line[0].endswith(
            "In progress · What the statuses mean · as of 2 April 2024 · "
            "Last reviewed 1 March 2024")
        assert page.locator(".pw-reviewed").is_visible()
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"corrected-pledge-{width}.png"), full_page=False)
        page.locator("footer a.pw-corrections-link").click()
        page.wait_for_url("**/corrections/")
        assert _texts(page.locator("article h2")) == [
            "5 March 2024: Fix the old bridge by the end of March"]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["pledges/fix-the-bridge/", "corrections/"])
def test_no_serious_accessibility_violations(browser, corrected_url: str,  # noqa: F811
                                             path: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(corrected_url + path, wait_until="networkidle")
        results = Axe().run(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]])
                for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")] == []
    finally:
        context.close()
