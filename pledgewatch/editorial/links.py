"""``pledgewatch links``: is every source's ``url`` and ``archive_url`` still there?

Each address is fetched with GET (HEAD is answered wrongly by too many sites), the body not
read, redirects followed. Outcomes:

- ``ok``: a 2xx answer, without a permanent redirect on the way;
- ``moved``: a 2xx answer after a permanent redirect (301, 308): update the address;
- ``dead``: 404 Not Found or 410 Gone (after retries), or a host name that does not resolve;
- ``unreachable``: timeouts or connection failures on every try; ``error``: any other answer
  (403 from a bot wall, a 5xx on every try). Neither is called dead: they are often passing.

Timeouts, connection failures, 429 and 5xx are retried (``retries`` more tries, waiting
``backoff`` seconds, doubled each time). Requests run concurrently, at most ``concurrency``
at once. The results are saved as JSON for ``pledgewatch review``.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, astuple, dataclass
from pathlib import Path

import httpx

from pledgewatch.core.problems import Problem
from pledgewatch.editorial.content import Content
from pledgewatch.editorial.http import client

LINKS_FILE = Path(".pledgewatch") / "links.json"
"""Where ``links`` saves its results, below the site root (git-ignored)."""

_RETRY_STATUS = frozenset((429, 500, 502, 503, 504))
_DEAD_STATUS = frozenset((404, 410))
_PERMANENT = frozenset((301, 308))


@dataclass(frozen=True)
class Link:
    """One address to check: the source, the field (``url``/``archive_url``) and where the
    value is written."""

    path: str
    line: int
    column: int
    source: str
    field: str
    url: str


@dataclass(frozen=True)
class LinkResult(Link):
    """The outcome for one :class:`Link` (its fields first): ``status`` (see the module
    docstring), the final HTTP ``code`` (0 without an answer), the ``final_url`` after
    redirects, the redirect chain as ``"CODE URL"`` strings, and ``reason`` in words."""

    status: str
    code: int
    final_url: str
    redirects: tuple[str, ...]
    reason: str


def links_of(content: Content) -> list[Link]:
    """Every ``url`` and ``archive_url`` of every source, in file order."""
    out = []
    for source in content.model.sources.values():
        for name in ("url", "archive_url"):
            value = getattr(source, name)
            if value:
                out.append(Link(*content.loc("sources", source.id, name), source.id, name,
                                value))
    return out


async def _check_one(http: httpx.AsyncClient, link: Link, gate: asyncio.Semaphore,
                     retries: int, backoff: float) -> LinkResult:
    reason, code, final, chain = "", 0, link.url, ()
    for attempt in range(retries + 1):
        if attempt:
            await asyncio.sleep(backoff * 2 ** (attempt - 1))
        try:
            async with gate, http.stream("GET", link.url) as answer:
                code, final = answer.status_code, str(answer.url)
                chain = tuple(f"{r.status_code} {r.headers.get('location', '')}"
                              for r in answer.history)
                permanent = any(r.status_code in _PERMANENT for r in answer.history)
        except (httpx.TooManyRedirects, httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            return _result(link, "error", 0, final, chain, str(exc))
        except httpx.ConnectError as exc:
            if _unresolvable(exc):
                return _result(link, "dead", 0, final, chain, "host name does not resolve")
            reason = f"cannot connect: {exc}"
            continue
        except httpx.TransportError as exc:  # timeouts, resets, a proxy's refusal
            reason = f"no answer: {type(exc).__name__}"
            continue
        if code in _RETRY_STATUS or code in _DEAD_STATUS:
            reason = f"HTTP {code}"
            if attempt < retries and code in _RETRY_STATUS:
                continue
            break
        if 200 <= code < 300:
            if permanent:
                return _result(link, "moved", code, final, chain, f"moved permanently to {final}")
            return _result(link, "ok", code, final, chain, "")
        return _result(link, "error", code, final, chain, f"HTTP {code}")
    if code in _DEAD_STATUS:
        return _result(link, "dead", code, final, chain, _phrase(code))
    if code:
        return _result(link, "error", code, final, chain, reason)
    return _result(link, "unreachable", 0, final, chain, f"{reason} after {retries + 1} tries")


def _phrase(code: int) -> str:
    return {404: "404 Not Found", 410: "410 Gone"}.get(code, f"HTTP {code}")


def _unresolvable(exc: Exception) -> bool:
    text = str(exc).lower()
    return "name or service not known" in text or "nodename nor servname" in text or (
        "name resolution" in text)


def _result(link: Link, status: str, code: int, final: str, chain: tuple[str, ...],
            reason: str) -> LinkResult:
    return LinkResult(*astuple(link), status, code, final, chain, reason)


async def check_links(links: list[Link], concurrency: int = 8, timeout: float = 20.0,
                      retries: int = 2, backoff: float = 1.0) -> list[LinkResult]:
    """Check every link; results in the order of ``links``. ``timeout`` is in seconds per
    request phase; at most ``concurrency`` requests run at once."""
    gate = asyncio.Semaphore(concurrency)
    async with client(timeout, concurrency) as http:
        return list(await asyncio.gather(
            *(_check_one(http, link, gate, retries, backoff) for link in links)))


def problems_of(results: list[LinkResult]) -> list[Problem]:
    """A located error for each dead link, a warning for each moved, unreachable or erring
    one (``ok`` results give none)."""
    out = []
    for r in results:
        if r.status == "ok":
            continue
        severity = "error" if r.status == "dead" else "warning"
        what = {"dead": f"is dead ({r.reason})", "moved": f"has {r.reason}; update the address",
                "unreachable": f"could not be reached ({r.reason})",
                "error": f"answered {r.reason}"}[r.status]
        out.append(Problem(r.path, r.line, r.column, severity, f"link-{r.status}",
                           f"{r.field} of source '{r.source}' {r.url} {what}"))
    return out


def save_results(results: list[LinkResult], path: Path, checked_on: str) -> None:
    """Write the results as JSON (``{"checked_on", "results": [...]}``), creating the folder,
    for ``pledgewatch review`` to read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"checked_on": checked_on, "results": [asdict(r) for r in results]}
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
