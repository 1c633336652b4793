"""The reader's site in a real browser: Playwright for Python driving Debian's Chromium.

The fixture site is built once per session (``built_site``) and served from this process on
127.0.0.1 under the sub-path of its ``site_url`` (``/fixture/``), the way GitHub project pages
serve it, with the site's ``404.html`` for any missing address. Screenshots go to
``test-output/screenshots/``.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pledgewatch.build import build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from tests.conftest import AS_OF
from tests.requirements_check import require
from tests.test_corrections import BRIDGE_CORRECTION, site_with

CHROMIUM = Path("/usr/bin/chromium")
require(CHROMIUM.exists(), "Debian's Chromium at /usr/bin/chromium, for the browser tests",
        "apt-get install chromium")
from playwright import sync_api  # noqa: E402 - only once Chromium is known to be there

pytestmark = pytest.mark.browser

PREFIX = "/fixture/"  # the path of the fixture's site_url
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"
PAGES = {
    "home": "",
    "pledge": "pledges/fix-the-bridge/",
    "pledge index": "pledges/",
    "status listing": "status/in-progress/",
    "topic listing": "topics/transport/",
    "topics": "topics/",
    "actor": "actors/ada-mayor/",
    "actors": "actors/",
    "deadlines": "deadlines/",
    "updates": "updates/",
    "quotes": "quotes/",
    "sources": "sources/",
    "about": "about/",
}


class _SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at PREFIX only; anything missing gets the site's 404 page."""

    def translate_path(self, path: str) -> str:
        plain = urlsplit(path).path
        if not plain.startswith(PREFIX):
            return str(Path(self.directory) / "__outside-the-sub-path__")
        return super().translate_path("/" + plain[len(PREFIX):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, *args) -> None:  # keep the test output quiet
        pass


def served(site: Path):
    """Serve the built ``site`` folder at ``http://127.0.0.1:PORT/fixture/`` from a thread
    while the generator is alive: yields that address (for a fixture to ``yield from``)."""
    handler = functools.partial(_SubPathHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(built_site: Path):
    """``http://127.0.0.1:PORT/fixture/``, served from a thread for the whole session."""
    yield from served(built_site)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def _texts(locator) -> list[str]:
    """Inner texts without the headings' permalink sign and surrounding white space."""
    return [re.sub(r"\s+", " ", t).removesuffix("\u00b6").strip()
            for t in locator.all_inner_texts()]


def _h1(page) -> str:
    return _texts(page.locator("article h1"))[0]


SECTIONS = ["Home", "Pledges", "Topics", "Deadlines", "Updates", "Quotes", "Sources",
            "People and organisations", "Open data", "About"]


@pytest.mark.parametrize("kind", ["home", "pledge"])
def test_every_section_is_one_click_away_at_1280_px(page, base_url: str, kind: str) -> None:
    page.goto(base_url + PAGES[kind])
    nav = page.locator("nav.md-nav--primary > ul > li > a")
    assert [t.strip() for t in nav.all_inner_texts()] == SECTIONS
    assert all(link.is_visible() for link in nav.all())
    nav.filter(has_text="Quotes").click()
    page.wait_for_url(base_url + "quotes/")


def test_reader_path_home_to_pledge_and_back(page, base_url: str) -> None:
    page.goto(base_url)
    page.get_by_role("link", name="All pledges", exact=True).first.click()
    page.wait_for_url(base_url + "pledges/")
    page.get_by_role("link", name="Fix the old bridge by the end of March").click()
    page.wait_for_url(base_url + "pledges/fix-the-bridge/")

    assert _h1(page) == "Fix the old bridge by the end of March"
    assert page.locator("article .pw-status").first.inner_text().strip() == "In progress"
    state = page.locator("article .pw-verdict .pw-deadline")
    assert state.inner_text() == "by 31 March 2024: overdue by two days"
    assert page.get_by_role("link", name="Council minutes, 1 March 2024").get_attribute(
        "href") == "https://council.example.org/minutes/2024-03-01"

    page.get_by_role("link", name="All pledges with the status \u201cIn progress\u201d").click()
    page.wait_for_url(base_url + "status/in-progress/")
    assert _h1(page) == "Status: In progress"
    page.get_by_role("link", name="Fix the old bridge by the end of March").click()
    page.wait_for_url(base_url + "pledges/fix-the-bridge/")

    page.locator("article").get_by_role("link", name="Ada Müller-Šimić").first.click()
    page.wait_for_url(base_url + "actors/ada-mayor/")
    assert _h1(page) == "Ada Müller-Šimić"
    page.get_by_role("link", name="Fix the old bridge by the end of March").click()
    page.wait_for_url(base_url + "pledges/fix-the-bridge/")


def test_scoreboard_status_links_lead_to_listings(page, base_url: str) -> None:
    page.goto(base_url)
    figures = page.locator("#scoreboard ~ details.pw-figures").first
    assert not figures.locator("table").is_visible()  # the chart shows; its table on demand
    figures.locator("summary").click()
    figures.locator("table").get_by_role("link", name="Broken").click()
    page.wait_for_url(base_url + "status/broken/")
    rows = page.locator(".pw-pledges tbody tr")
    assert rows.count() == 1
    assert rows.first.locator("td").first.inner_text() == "Reopen the central library"


def _load_recording(page, url: str) -> tuple[list[str], list[str], list[bytes]]:
    """Load ``url``; return every request URL, every failure, and every response body."""
    requests, failures, bodies = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(f"{r.url}: {r.failure}"))

    def on_response(response):
        path = urlsplit(response.url).path
        # Material fetches sitemap.xml beside every <link rel=alternate>, also beside a
        # pledge's own feed: the build answers there with an empty sitemap, so any 404 fails.
        if response.status >= 400 and path != urlsplit(url).path:
            failures.append(f"{response.url}: HTTP {response.status}")
        try:
            bodies.append(response.body())
        except sync_api.Error:  # a redirect has no body
            pass

    page.on("response", on_response)
    page.goto(url, wait_until="networkidle")
    if page.url.split("#")[0] != url:
        # A redirect page replaces itself with its target while it loads; Chromium may then
        # report the replaced document as aborted. That is the redirect working, not a failure.
        failures = [f for f in failures if f != f"{url}: net::ERR_ABORTED"]
    return requests, failures, bodies


@pytest.mark.parametrize("kind", [*PAGES, "404", "alias redirect"])
def test_every_request_stays_on_the_site(browser, base_url: str, kind: str) -> None:
    path = {"404": "no/such/page/", "alias redirect": "pledges/repair-the-bridge/"}.get(
        kind, PAGES.get(kind))
    context = browser.new_context()
    try:
        page = context.new_page()
        requests, failures, _ = _load_recording(page, base_url + path)
        landed = page.url
    finally:
        context.close()
    if kind == "alias redirect":
        assert landed == base_url + "pledges/fix-the-bridge/"
    assert requests, kind
    leaving = [u for u in requests if urlsplit(u).hostname != "127.0.0.1"]
    assert leaving == [], kind
    assert failures == [], kind
    stylesheets = [u for u in requests if u.endswith(".css")]
    # Material's two, ours and the icons' (site/icons.py): under PREFIX
    assert len(stylesheets) == 4, (kind, stylesheets)
    assert all(urlsplit(u).path.startswith(PREFIX) for u in requests), kind


def test_404_page_under_the_sub_path(page, base_url: str) -> None:
    response = page.goto(base_url + "deep/missing/address/")
    assert response.status == 404
    assert _h1(page) == "Page not found"
    assert page.locator(".pw-asof").inner_text() == "As of 2 April 2024"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky", "fixed")  # Material's stylesheet loaded from the absolute sub-path
    page.locator("article").get_by_role("link", name="All pledges").click()
    page.wait_for_url(base_url + "pledges/")
    assert _h1(page) == "Pledges"


def test_alias_redirects_to_the_pledge(page, base_url: str) -> None:
    page.goto(base_url + "pledges/repair-the-bridge/#update-2024-03-01")
    page.wait_for_url(base_url + "pledges/fix-the-bridge/#update-2024-03-01")
    assert _h1(page) == "Fix the old bridge by the end of March"
    page.goto(base_url + "actors/ada-mueller/")
    page.wait_for_url(base_url + "actors/ada-mayor/")


def test_first_load_of_a_pledge_page(browser, base_url: str) -> None:
    context = browser.new_context()
    try:
        requests, failures, bodies = _load_recording(context.new_page(),
                                                     base_url + PAGES["pledge"])
    finally:
        context.close()
    assert failures == []
    raw = sum(map(len, bodies))
    gzipped = sum(len(gzip.compress(b, 9)) for b in bodies)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "first-load.json").write_text(json.dumps(
        {"page": PAGES["pledge"], "requests": len(requests), "bytes": raw,
         "gzip_bytes": gzipped, "files": sorted(urlsplit(u).path for u in requests)},
        indent=2) + "\n")
    # The page, Material's CSS and JS, ours, the favicon, the badge, the search worker, the
    # sitemap Material reads: no font files, no search index (held until search opens).
    kinds = sorted({Path(urlsplit(u).path).suffix for u in requests})
    assert kinds == ["", ".css", ".js", ".png", ".svg", ".xml"]
    assert raw < 400_000 and gzipped < 120_000, (raw, gzipped)


def test_without_javascript_the_pledge_page_shows_its_records(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + PAGES["pledge"])
        article = page.locator("article")
        assert [s.inner_text().strip() for s in article.locator(".pw-status").all()
                if s.is_visible()] == ["In progress"]  # once, in the verdict
        assert _texts(article.locator("h3")) == [
            "1 March 2024: In progress", "10 January 2024: Not yet rated"]
        reason = article.get_by_text("The council approved the repair budget; work starts in "
                                     "April.")
        assert reason.count() == 2  # the verdict's reason, and the update it comes from
        assert all(r.is_visible() for r in reason.all())
        sources = article.locator("p:has(strong:text('Sources:')) a[href^='https://']")
        assert sources.all_inner_texts() == [
            "Council minutes, 1 March 2024",
            "Mayor promises to fix the bridge & reopen the library"]
        assert article.locator(".pw-verdict .pw-deadline").inner_text() == (
            "by 31 March 2024: overdue by two days")
    finally:
        context.close()


LISTED = {  # page -> (CSS selector of one record, the records' texts in page order)
    "pledges/": (".pw-pledges tbody tr td:first-child",
                 ["Fix the old bridge by the end of March", "Reopen the central library"]),
    "status/broken/": (".pw-pledges tbody tr td:first-child", ["Reopen the central library"]),
    "topics/transport/": (".pw-pledges tbody tr td:first-child",
                          ["Fix the old bridge by the end of March",
                           "Reopen the central library"]),
    "actors/": ("article tbody tr td:first-child",
                ["Ada Müller-Šimić", "Example City Council", "Residents' Union"]),
    "quotes/": (".pw-entry blockquote", [
        "\u201cThe bridge will be open by the end of March, you have my word.\u201d",
        "\u201cA city without a library is a city without a memory.\u201d"]),
    "sources/": (".pw-entry > p:first-child strong", [
        "Council minutes, 1 March 2024", "Open letter on the library",
        "Mayor promises to fix the bridge & reopen the library"]),
    "deadlines/": ("article h2", ["1 March 2024: Council budget vote",
                                  "31 March 2024: Bridge open to traffic"]),
    "updates/": ("article h2", ["31 March 2024: Fix the old bridge by the end of March",
                                "1 March 2024: Reopen the central library",
                                "1 March 2024: Fix the old bridge by the end of March",
                                "10 January 2024: Reopen the central library",
                                "10 January 2024: Fix the old bridge by the end of March"]),
}


@pytest.mark.parametrize("path", LISTED)
def test_without_javascript_every_listing_shows_all_records(browser, base_url: str,
                                                            path: str) -> None:
    selector, expected = LISTED[path]
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + path)
        assert _texts(page.locator(selector)) == expected
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["home", "pledge", "actor", "deadlines", "quotes"])
def test_no_serious_accessibility_violations(browser, base_url: str, kind: str,
                                             scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(base_url + PAGES[kind], wait_until="networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == (
            "slate" if scheme == "dark" else "default")
        results = Axe().run(page)
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]])
                   for v in results.response["violations"]
                   if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("kind", ["home", "pledge", "pledge index"])
def test_screenshots(browser, base_url: str, kind: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800},
                                  device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(base_url + PAGES[kind], wait_until="networkidle")
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{kind.replace(' ', '-')}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 0
        # Nothing is wider than the screen: the page never scrolls sideways.
        assert page.evaluate("document.documentElement.scrollWidth") == width
    finally:
        context.close()


def test_pledge_index_reads_at_360_px(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    try:
        page = context.new_page()
        page.goto(base_url + PAGES["pledge index"], wait_until="networkidle")
        for row in page.locator(".pw-pledges tbody tr").all():
            for cell in row.locator("td").all():
                box = cell.bounding_box()
                assert box["x"] >= 0 and box["x"] + box["width"] <= 360, cell.inner_text()
        first = page.locator(".pw-pledges tbody tr").first
        assert [c.strip() for c in first.locator("td").all_inner_texts()] == [
            "Fix the old bridge by the end of March", "Ada Müller-Šimić", "9 January 2024",
            "by 31 March 2024: overdue by two days", "In progress"]
        assert first.locator("td").nth(1).evaluate(
            "cell => getComputedStyle(cell, '::before').content") == '"Made by: "'
    finally:
        context.close()


def test_status_badge_is_shown_and_embeddable(page, base_url: str, built_site: Path) -> None:
    page.goto(base_url + PAGES["pledge"], wait_until="networkidle")
    badge = page.locator("#badge ~ p img")
    assert badge.get_attribute("alt") == "Fixture Watch status badge: In progress"
    svg = (built_site / "pledges/fix-the-bridge/badge.svg").read_text()
    width = int(re.search(r'<svg [^>]*width="(\d+)"', svg)[1])
    assert badge.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [width, 20]
    assert page.locator("pre.pw-snippet code").inner_text() == (
        '<a href="https://watch.example.org/fixture/pledges/fix-the-bridge/">'
        '<img src="https://watch.example.org/fixture/pledges/fix-the-bridge/badge.svg" '
        'alt="Fixture Watch status of the pledge \u201cFix the old bridge by the end of '
        'March\u201d"></a>')


@pytest.mark.parametrize(("words", "expected"), [
    ("memory", "Residents' Union"),   # a quote's words, under who said them
    ("bridge", "Fix the old bridge by the end of March"),  # a pledge's title
    ("tenants", "Residents' Union"),  # an actor's description
    ("meeting", "10 January 2024: Not yet rated"),  # an update's words, under its pledge
])
def test_search_finds_pledges_quotes_and_actors(page, base_url: str, words: str,
                                                expected: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.type(words)  # Material searches on key events, which fill() does not send
    page.locator(".md-search-result__item").first.wait_for()
    articles = page.locator(".md-search-result__article :is(h1, h2)")
    assert expected in _texts(articles)
    hrefs = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert all(h.startswith(base_url) for h in hrefs), hrefs


INDEX = PREFIX + "search/search_index.json"


def _index_requests(page) -> list[str]:
    """A list that fills with the page's requests for the search index."""
    seen: list[str] = []
    page.on("request", lambda r: urlsplit(r.url).path == INDEX and seen.append(r.url))
    return seen


@pytest.mark.parametrize(("how", "width"), [
    ("click the search field", 1280), ("press the / shortcut", 1280),
    ("tap the search icon", 360)])
def test_search_index_loads_when_the_reader_opens_search(browser, base_url: str, how: str,
                                                         width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        index = _index_requests(page)
        page.goto(base_url + PAGES["pledge"], wait_until="networkidle")
        assert index == []
        if how == "click the search field":
            page.locator("input.md-search__input").click()
        elif how == "press the / shortcut":
            page.keyboard.press("/")
        else:
            page.locator("label.md-header__button[for=__search]").click()
        page.keyboard.type("bridge")
        page.locator(".md-search-result__item").first.wait_for()
        assert index == [base_url + "search/search_index.json"]
        assert "Fix the old bridge by the end of March" in _texts(
            page.locator(".md-search-result__article :is(h1, h2)"))
    finally:
        context.close()


def test_a_result_link_without_words_does_not_load_the_index(page, base_url: str) -> None:
    # Material links a page-level result as "?h=" when the page's own entry lacks the words.
    index = _index_requests(page)
    page.goto(base_url + PAGES["pledge"] + "?h=", wait_until="networkidle")
    assert index == []
    assert page.locator("article mark[data-md-highlight]").count() == 0


def test_arriving_from_a_search_result_highlights_the_words(page, base_url: str) -> None:
    index = _index_requests(page)
    page.goto(base_url + PAGES["pledge"] + "?h=budget", wait_until="networkidle")
    assert index == [base_url + "search/search_index.json"]
    marks = page.locator("article mark[data-md-highlight]")
    marks.first.wait_for()
    assert {m.lower() for m in marks.all_inner_texts()} == {"budget"}


def test_the_server_serves_only_the_sub_path(page, base_url: str) -> None:
    root = base_url[: -len(PREFIX)] + "/index.html"
    assert page.goto(root).status == 404
    assert page.goto(base_url + "index.html").status == 200


def test_search_asks_pagefind_for_the_words_only(browser, base_url: str) -> None:
    """Material's search box answered by Pagefind (assets/pledgewatch-search.js): its own
    worker and Lunr are never loaded, and a search fetches Pagefind's script and WebAssembly,
    one chunk of the index and one fragment per result, all under the site's sub-path."""
    context = browser.new_context()
    try:
        page = context.new_page()
        seen: list[str] = []
        page.on("requestfinished", lambda r: seen.append(urlsplit(r.url).path))
        page.goto(base_url + PAGES["updates"], wait_until="networkidle")
        page.keyboard.press("/")  # Material's shortcut still opens the search box
        page.keyboard.type("library")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_load_state("networkidle")
        # The pledge with its matching update, and the quotes page with the matching quote's
        # group (the pledge it is about) and speaker.
        assert _texts(page.locator(".md-search-result__article :is(h1, h2)")) == [
            "Reopen the central library", "1 March 2024: Broken", "Quotes",
            "Reopen the central library", "Residents' Union"]
        assert page.locator(".md-search-result__meta").inner_text() == "2 matching documents"
        paths = [p.removeprefix(PREFIX) for p in seen]
        assert all(p.startswith(PREFIX) for p in seen), seen
        assert "assets/pledgewatch-search.js" in paths
        assert not any("javascripts/workers" in p or "lunr" in p for p in paths), paths
        bundle = sorted(re.sub(r"_[0-9a-f]+\.", "_HASH.", p) for p in paths
                        if p.startswith("pagefind/"))
        assert bundle == ["pagefind/fragment/en_HASH.pf_fragment"] * 2 + [
            "pagefind/index/en_HASH.pf_index", "pagefind/pagefind-entry.json",
            "pagefind/pagefind.en_HASH.pf_meta", "pagefind/pagefind.js",
            "pagefind/wasm.en.pagefind"]
        # A result leads to its page with the words highlighted there, as Material does.
        page.locator("a.md-search-result__link").first.click()
        page.wait_for_url(base_url + "pledges/reopen-library/?h=library")
        marks = page.locator("article mark[data-md-highlight]")
        marks.first.wait_for()
        assert {m.lower() for m in marks.all_inner_texts()} == {"library"}
    finally:
        context.close()


# --- a corrected pledge (issue 13) -------------------------------------------------------------
# The notice above the verdict, "Last reviewed" in it, and the footer's Corrections link,
# at 1280 and 360 px; screenshots in test-output/screenshots/corrected-pledge-WIDTH.png.

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
def test_corrected_pledge_page(browser, corrected_url: str, width: int) -> None:
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
        verdict = page.locator("article div.pw-corrections + div.pw-verdict")
        assert verdict.count() == 1
        reviewed = verdict.locator("li", has_text="Last reviewed")
        assert _texts(reviewed) == ["Last reviewed: 1 March 2024"] and reviewed.is_visible()
        folder = OUTPUT / "screenshots"
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"corrected-pledge-{width}.png"), full_page=False)
        page.locator("footer .pw-masthead a", has_text="Corrections").click()
        page.wait_for_url("**/corrections/")
        assert _texts(page.locator("article h2")) == [
            "5 March 2024: Fix the old bridge by the end of March"]
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["pledges/fix-the-bridge/", "corrections/"])
def test_corrected_pages_have_no_serious_accessibility_violations(
        browser, corrected_url: str, path: str, scheme: str) -> None:
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
# The tracker's front page and pledge page (issue 15) ----------------------------------------


def test_home_lists_every_pledge_on_the_first_screen(page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(base_url, wait_until="networkidle")
    intro = page.locator("article .pw-lede")
    assert intro.inner_text().startswith("Fixture Watch follows what the mayor")
    assert _texts(page.locator("article h2").first) == ["The 2 pledges"]
    items = page.locator(".pw-tracker li")
    assert [_texts(i.locator(".pw-status")) + _texts(i.locator("strong a")) +
            _texts(i.locator(".pw-tracker__meta")) for i in items.all()] == [
        ["Broken", "Reopen the central library",
         "Ada Müller-Šimić · No deadline recorded · Last updated 1 March 2024"],
        ["In progress", "Fix the old bridge by the end of March",
         "Ada Müller-Šimić · by 31 March 2024: overdue by two days · "
         "Last reviewed 1 March 2024"]]
    for item in items.all():  # all of them on the first screen, without scrolling
        box = item.bounding_box()
        assert box["y"] + box["height"] <= 800


def test_no_section_of_the_home_page_is_empty(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    assert _texts(page.locator("article h2")) == [
        "The 2 pledges", "The tally", "How the statuses changed", "Latest changes"]
    for heading in page.locator("article h2").all():
        following = heading.evaluate(
            "h => { let n = h.nextElementSibling, t = ''; "
            "while (n && n.tagName !== 'H2') { t += n.innerText || n.textContent; "
            "n = n.nextElementSibling; } return t.trim(); }")
        assert following, heading.inner_text()
    assert page.get_by_text("No deadline falls due").count() == 0


def test_the_verdict_block_comes_first(page, base_url: str) -> None:
    page.goto(base_url + PAGES["pledge"], wait_until="networkidle")
    verdict = page.locator("article .pw-verdict")
    assert verdict.evaluate("v => v.previousElementSibling.tagName") == "H1"
    steps = verdict.locator("ol.pw-meter > li")
    assert _texts(steps) == ["Not yet rated", "In progress CURRENT STATUS", "Stalled",
                             "Partially kept", "Kept", "Broken"]
    assert [s.get_attribute("aria-current") for s in steps.all()] == [
        None, "step", None, None, None, None]
    assert verdict.locator(".pw-verdict__reason").inner_text() == (
        "The council approved the repair budget; work starts in April.")
    assert _texts(verdict.locator("ul > li")) == [
        "Status: In progress since 1 March 2024 · What the statuses mean",
        "Deadline: by 31 March 2024: overdue by two days",
        "Last reviewed: 1 March 2024", "As of: 2 April 2024"]
    # The as-of date is stated once at the top of the page.
    assert page.locator("article .pw-asof").count() == 0
    assert page.locator("article").inner_text().count("As of") == 1


def test_the_timeline_is_an_svg_with_a_table(page, base_url: str) -> None:
    page.goto(base_url + PAGES["pledge"], wait_until="networkidle")
    svg = page.get_by_role("img", name="Timeline of the pledge \u201cFix the old bridge by the "
                                       "end of March\u201d")
    assert svg.evaluate("s => s.tagName") == "svg" and svg.is_visible()
    def svg_texts(selector: str) -> list[str]:  # SVG elements have no innerText
        return svg.locator(selector).evaluate_all("ts => ts.map(t => t.textContent)")

    assert svg_texts("text.pw-timeline__band-label") == ["Not yet rated", "In progress"]
    assert svg_texts("text") == [
        "10 Jan 2024", "1 Mar 2024", "Not yet rated", "In progress", "deadline 31 Mar 2024",
        "as of 2 Apr 2024"]
    table = page.locator("#timeline ~ details.pw-figures").first
    table.locator("summary").click()
    rows = [_texts(r.locator("td")) for r in table.locator("tbody tr").all()]
    assert rows == [
        ["10 January 2024", "Recorded as Not yet rated", "Not yet rated"],
        ["1 March 2024", "Rated In progress", "In progress"],
        ["31 March 2024", "Deadline \u201cBridge open to traffic\u201d (overdue by two days)",
         ""]]


@pytest.mark.parametrize("kind", ["home", "pledge", "quotes"])
def test_the_footer_names_publisher_contact_licence_and_corrections(page, base_url: str,
                                                                     kind: str) -> None:
    page.goto(base_url + PAGES[kind], wait_until="networkidle")
    footer = page.locator("footer .pw-masthead")
    assert "Licence: CC BY 4.0" in _texts(footer.locator("li"))
    assert _texts(footer.locator("p")) == [
        "Fixture Watch is published by The Fixture Watch desk, tracking pledges since "
        "9 January 2024."]
    resolved = {a.inner_text(): a.evaluate("a => a.href") for a in footer.locator("a").all()}
    assert resolved == {
        "Contact": "mailto:desk@watch.example.org",
        "Corrections": base_url + "corrections/",
        "How ratings are decided": base_url + "about/#ratings",
        "Source and records": "https://github.com/example/fixture-watch",
        "RSS": base_url + "feed.xml", "Atom": base_url + "atom.xml"}


def test_pledge_page_offers_a_large_social_card(page, base_url: str, built_site: Path) -> None:
    page.goto(base_url + PAGES["pledge"])
    meta = {m.get_attribute("property") or m.get_attribute("name"): m.get_attribute("content")
            for m in page.locator("head meta").all()}
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == meta["twitter:image"] == (
        "https://watch.example.org/fixture/pledges/fix-the-bridge/card.png")
    response = page.request.get(base_url + "pledges/fix-the-bridge/card.png")
    assert response.ok and response.headers["content-type"] == "image/png"
