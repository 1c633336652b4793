"""Which records cite each source: the bibliography's "cited by"."""

from __future__ import annotations

from collections import defaultdict

from pledgewatch.checks.crosscheck import references_of
from pledgewatch.checks.validate import Checked


def cited_by(records: list[Checked]) -> dict[str, tuple[tuple[str, str], ...]]:
    """Source id -> ``(kind, id)`` of every record citing it, sorted; sources nobody cites
    are left out."""
    cited = defaultdict(set)
    for record in records:
        for _, kind, target in references_of(record):
            if kind == "sources":
                cited[target].add((record.kind, record.id))
    return {source: tuple(sorted(refs)) for source, refs in sorted(cited.items())}
