"""``pledgewatch review``: what needs an editor's eyes, most urgent first.

Four kinds of item, in this order (within a kind, the longest neglected first):

1. ``review-due``: an open pledge (not ``kept``, not ``broken``) not reviewed within
   ``review_after_days`` of the as-of date, or whose ``by`` deadline passed that long ago while
   it is still ``not-yet-rated`` or ``in-progress`` (see ``records.trust.review_due``);
2. ``dead-link``: a source address the last ``pledgewatch links`` run found dead;
3. ``reprint``: a source cited at a reprint or syndication host (``reprint_hosts``) while its
   ``publisher`` names another outlet: cite the original;
4. ``no-archive``: a source with a ``url`` and no ``archive_url``.

None of this is a validation problem: staleness is the editors' business, never the
contributor's, so ``validate --strict`` does not see it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pledgewatch.editorial.content import Content
from pledgewatch.records.trust import review_due

KINDS = ("review-due", "dead-link", "reprint", "no-archive")


@dataclass(frozen=True, order=True)
class ReviewItem:
    """One thing to look at: where (``path``, 1-based ``line`` and ``column``), its ``kind``
    (one of :data:`KINDS`), the record's id and what to do (``message``)."""

    rank: tuple
    path: str
    line: int
    column: int
    kind: str
    record: str
    message: str

    def as_text(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.kind}: {self.message}"

    def as_github(self) -> str:
        """A ``::notice`` workflow command (escaped as ``Problem.as_github`` escapes)."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return (f"::notice file={path},line={self.line},col={self.column},"
                f"title={self.kind}::{message}")

    def as_markdown(self) -> str:
        """A checklist item: ``- [ ] **KIND** `PATH:LINE`: MESSAGE`` (the message escaped so
        that record text cannot become markup or mention anyone)."""
        message = re.sub(r"([\\`*_{}\[\]<>()#+!|~@])", r"\\\1", self.message)
        return f"- [ ] **{self.kind}** `{self.path}:{self.line}`: {message}"

    def as_json(self) -> dict:
        out = asdict(self)
        del out["rank"]
        return out


def review_items(content: Content, dead_links: list[dict] = ()) -> list[ReviewItem]:
    """Every item, most urgent first. ``dead_links`` are the ``dead`` results of the last link
    check (see ``editorial.links``), each with ``path``, ``line``, ``column``, ``source``,
    ``field``, ``url`` and ``reason``."""
    items = _pledges(content) + _dead(dead_links) + _sources(content)
    return sorted(items)


def _pledges(content: Content) -> list[ReviewItem]:
    m, cfg = content.model, content.model.config
    items = []
    for pledge in m.pledges.values():
        dues = [d.due for d in m.deadlines_of(pledge.id) if d.kind == "by"]
        why = review_due(pledge, m.as_of, cfg.review_after_days, dues)
        if not why:
            continue
        where = ("reviewed_on",) if pledge.reviewed_on else ("status",)
        path, line, col = content.loc("pledges", pledge.id, *where)
        last = pledge.reviewed_on or pledge.made_on
        items.append(ReviewItem(
            (0, last, -why.count(";"), pledge.id), path, line, col, "review-due", pledge.id,
            f"pledge '{pledge.id}' (\u201c{pledge.title}\u201d, {pledge.status}) is overdue "
            f"for review: {why}. Look for new evidence; add an update if the status changed, "
            f"then set reviewed_on: {m.as_of}"))
    return items


def _dead(results: list[dict]) -> list[ReviewItem]:
    return [ReviewItem((1, r["path"], r["line"], r["column"]), r["path"], r["line"],
                       r["column"], "dead-link", r["source"],
                       f"{r['field']} of source '{r['source']}' was dead at the last link check "
                       f"({r['reason']}): find where it moved, or cite the archived copy")
            for r in results]


def _sources(content: Content) -> list[ReviewItem]:
    m = content.model
    hosts = set(m.config.reprint_hosts)
    items = []
    for source in m.sources.values():
        host = (urlsplit(source.url).hostname or "").lower() if source.url else ""
        if host in hosts and not _names_host(source.publisher, host):
            path, line, col = content.loc("sources", source.id, "url")
            items.append(ReviewItem(
                (2, source.published, source.id), path, line, col, "reprint", source.id,
                f"source '{source.id}' is cited at {host}, which reprints other outlets' "
                f"articles, while its publisher is {source.publisher}: cite the original at "
                f"{source.publisher} if it can be found, and keep this address in notes"))
        if source.url and not source.archive_url:
            path, line, col = content.loc("sources", source.id, "url")
            items.append(ReviewItem(
                (3, source.published, source.id), path, line, col, "no-archive", source.id,
                f"source '{source.id}' has no archive_url: run 'pledgewatch archive' or add "
                "the address of an archived copy"))
    return items


def _names_host(publisher: str, host: str) -> bool:
    """Whether the publisher's name contains the host's own name (``Yahoo News`` at
    ``news.yahoo.com``): then the address is the publisher's own, not a reprint."""
    labels = host.removeprefix("www.").split(".")
    brand = labels[-2] if len(labels) > 1 else labels[0]
    return brand in re.sub(r"[^a-z0-9]", "", publisher.lower())


def read_dead_links(path: Path) -> list[dict]:
    """The ``dead`` results of a links file written by ``pledgewatch links`` (``[]`` when the
    file does not exist). Raises ``ValueError`` for a file that is not one."""
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ValueError(f"{path} is not a links file written by 'pledgewatch links'")
    return [r for r in data["results"] if r.get("status") == "dead"]


def format_items(items: list[ReviewItem], fmt: str) -> str:
    """``text`` lines, ``github`` notices, a ``json`` list of objects or a ``markdown``
    checklist."""
    if fmt == "json":
        return json.dumps([i.as_json() for i in items], indent=2, ensure_ascii=False)
    render = {"github": ReviewItem.as_github, "markdown": ReviewItem.as_markdown}.get(
        fmt, ReviewItem.as_text)
    return "\n".join(render(i) for i in items)


def summary(items: list[ReviewItem]) -> str:
    """``N item(s): a review-due, b dead-link, ...`` or ``nothing to review``."""
    if not items:
        return "nothing to review"
    counts = [f"{sum(i.kind == k for i in items)} {k}" for k in KINDS
              if any(i.kind == k for i in items)]
    return f"{len(items)} item(s) to review: {', '.join(counts)}"
