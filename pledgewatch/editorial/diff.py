"""``pledgewatch diff --base REF``: what a change does for readers.

The content at a git revision (``git archive REF`` of the configuration file and the content
folder, unpacked into a temporary folder) and the content in the working tree are read into
two models as of the same date, and compared: pledges added and removed, status changes with
the sources of the update that made them, new corrections, deadlines added, removed or moved,
and the feed items that will appear or disappear (by guid, so a changed title is not a new
item). A date changed without ``original_date``/``original_due`` shows up as an item that
disappears and one that appears: that is what readers' feed readers would see. The report is
Markdown, for a pull request's job summary.
"""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pledgewatch.core.config import SiteConfig, load_config
from pledgewatch.core.schema import STATUS_LABELS
from pledgewatch.editorial.content import Checker, read_content
from pledgewatch.outputs.feeds import all_events, event_title, guid
from pledgewatch.records.model import Model


class DiffError(Exception):
    """The base revision cannot be read (not a git repository, an unknown REF)."""


@dataclass(frozen=True)
class Sides:
    """The two models compared: ``base`` (``None`` when the revision has no content yet)
    and ``head``."""

    base: Model | None
    head: Model


def _git(root: Path, *args: str) -> bytes:
    try:
        return subprocess.run(["git", "-C", str(root), *args], check=True,
                              capture_output=True).stdout
    except FileNotFoundError:
        raise DiffError("git is not installed") from None
    except subprocess.CalledProcessError as exc:
        raise DiffError(f"git {' '.join(args)}: {exc.stderr.decode(errors='replace').strip()}"
                        ) from None


def base_model(config: SiteConfig, config_path: Path, ref: str, as_of: dt.date,
               check: Checker) -> Model | None:
    """The model of the content at ``ref`` as of ``as_of`` (validated with ``check``), or
    ``None`` when the revision has no configuration file. Raises :class:`DiffError`, or
    ``ContentInvalid`` when the content at ``ref`` has errors."""
    top = Path(_git(config.root, "rev-parse", "--show-toplevel").decode().strip())
    config_rel = config_path.resolve().relative_to(top).as_posix()
    content_rel = config.content_path.resolve().relative_to(top).as_posix()
    listed = _git(top, "ls-tree", "-r", "--name-only", ref, "--", config_rel, content_rel)
    if config_rel not in listed.decode().splitlines():
        return None
    archive = _git(top, "archive", "--format=tar", ref, "--", config_rel, content_rel)
    with tempfile.TemporaryDirectory(prefix="pledgewatch-diff-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
        old = load_config(Path(scratch) / config_rel)
        return read_content(old, check, as_of).model


def compare(sides: Sides) -> list[str]:
    """The report's Markdown lines; a single line saying so when nothing changes for
    readers."""
    base, head = sides.base, sides.head
    old = {} if base is None else base.pledges
    lines = []
    added = [p for p in head.pledges.values() if p.id not in old
             and not any(a in old for a in p.aliases)]
    renamed = [(a, p) for p in head.pledges.values() if p.id not in old
               for a in p.aliases if a in old]
    removed = [p for p in old.values() if p.id not in head.pledges
               and not any(p.id in q.aliases for q in head.pledges.values())]
    lines += [f"- **Pledge added:** {p.title} ({_label(p.status)})" for p in added]
    lines += [f"- **Pledge renamed:** `{a}` \u2192 `{p.id}` (its old address redirects)"
              for a, p in renamed]
    lines += [f"- **Pledge removed:** {p.title} (`{p.id}`): its page and feed disappear"
              for p in removed]
    for p in head.pledges.values():
        before = old.get(p.id)
        if before is not None and before.status != p.status:
            cited = ", ".join(f"{head.sources[s].title} ({head.sources[s].publisher})"
                              for s in p.updates[-1].sources)
            lines.append(f"- **Status change:** {p.title}: {_label(before.status)} \u2192 "
                         f"{_label(p.status)}; sources: {cited}")
        if before is not None and before.reviewed_on != p.reviewed_on and p.reviewed_on:
            lines.append(f"- **Reviewed:** {p.title} on {p.reviewed_on}")
    lines += _corrections(base, head) + _deadlines(base, head) + _feed_items(base, head)
    return lines or ["Nothing changes for readers."]


def _label(status: str) -> str:
    return STATUS_LABELS[status]


def _corrections(base: Model | None, head: Model) -> list[str]:
    known = set() if base is None else {e.key for e in base.corrections}
    return [f"- **New correction** ({e.correction.date}) of {e.kind[:-1]} \u201c{e.title}\u201d: "
            f"{e.correction.summary}" for e in reversed(head.corrections) if e.key not in known]


def _deadlines(base: Model | None, head: Model) -> list[str]:
    old = {} if base is None else base.deadlines
    out = []
    for d in head.deadlines.values():
        before = old.get(d.id)
        if before is None:
            out.append(f"- **Deadline added:** {d.title}, due {d.due}")
        elif before.due != d.due:
            out.append(f"- **Deadline moved:** {d.title}: {before.due} \u2192 {d.due}")
    out += [f"- **Deadline removed:** {d.title} (due {d.due})"
            for d in old.values() if d.id not in head.deadlines]
    return out


def _feed_items(base: Model | None, head: Model) -> list[str]:
    def items(model: Model | None) -> dict[str, str]:
        if model is None:
            return {}
        return {guid(model, ev): f"{ev.date}: {event_title(model, ev)}"
                for ev in all_events(model)}

    old, new = items(base), items(head)
    out = [f"- **New feed item:** {title}" for g, title in new.items() if g not in old]
    out += [f"- **Feed item gone:** {title} (readers who have it keep it; if only its date "
            "was corrected, keep the first date in original_date or original_due)"
            for g, title in old.items() if g not in new]
    return out


def report(sides: Sides, ref: str) -> str:
    """The whole Markdown report."""
    lines = [f"## What this change does for readers (compared with `{ref}`)", ""]
    if sides.base is None:
        lines += [f"`{ref}` has no content yet: everything is new.", ""]
    return "\n".join(lines + compare(sides)) + "\n"
