"""The one HTTP client of the editorial commands: httpx, with an honest user agent, timeouts,
redirects followed, and the environment's proxies (``HTTP_PROXY``, ``HTTPS_PROXY``,
``NO_PROXY``) and certificate authorities (``SSL_CERT_FILE``, ``SSL_CERT_DIR``) honoured."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import httpx


def user_agent() -> str:
    """``Pledgewatch/VERSION (+https://github.com/pledgewatch/pledgewatch; link check)``: who
    asks and why, so that a publisher can tell the requests apart from a browser's."""
    try:
        own = version("pledgewatch")
    except PackageNotFoundError:  # run from a source tree that was not installed
        own = "0"
    return f"Pledgewatch/{own} (+https://github.com/pledgewatch/pledgewatch; link check)"


def client(timeout: float, connections: int) -> httpx.AsyncClient:
    """An ``AsyncClient``: ``timeout`` seconds for each of connect, read, write and pool;
    at most ``connections`` open at once; redirects followed (at most 10)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout), follow_redirects=True, max_redirects=10,
        headers={"User-Agent": user_agent()}, trust_env=True,
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections))
