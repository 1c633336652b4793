"""A reader's first search in a real browser: bytes transferred and time to the first results.

``python -m benchmarks.search_probe SITE_DIR WORD [WORD ...]`` serves the built site on
127.0.0.1 (Python's server, which sends files as stored: no gzip, so text counts at full size),
opens ``pledges/`` in Debian's Chromium with Playwright (the test extra), opens search, types
each query into Material's search box in a fresh browser context and prints the requests made
from the first key press until the network is idle, their bytes (headers and bodies), the
seconds from the first key press to the first result shown, and Material's result count.
Requests leaving 127.0.0.1 are counted separately (there should be none).
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def probe(site: Path, queries: list[str]) -> list[str]:
    """One line per query: requests, bytes, requests leaving the site, seconds, results."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    lines = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
            for query in queries:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(base + "pledges/", wait_until="networkidle")
                seen = []
                page.on("requestfinished", lambda request, seen=seen: seen.append(request))
                page.locator("input.md-search__input").click()
                start = time.perf_counter()
                page.keyboard.type(query)
                page.locator(".md-search-result__item").first.wait_for(timeout=60_000)
                seconds = time.perf_counter() - start
                page.wait_for_load_state("networkidle")
                size = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                           for r in seen)
                away = [r.url for r in seen if urlsplit(r.url).hostname != "127.0.0.1"]
                count = page.locator(".md-search-result__meta").inner_text()
                lines.append(f"{query!r}: {len(seen)} requests, {size:,} bytes as stored, "
                             f"{len(away)} leaving the site; first results {seconds:.2f} s "
                             f"after the first key press; {count}")
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return lines


if __name__ == "__main__":
    print("\n".join(probe(Path(sys.argv[1]), sys.argv[2:])))
