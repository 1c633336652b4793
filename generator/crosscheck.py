"""Stage 2b, validate across records: references, ids, chronology, evidence before claims.

Takes the per-record results of ``validate.check_document`` and returns problems with the
location of the field at fault. Records that failed per-record checks take part with the fields
that passed, so one bad record does not hide problems in the others.
"""

from __future__ import annotations

import difflib
from collections import defaultdict

from . import schema
from .problems import Problem
from .validate import Checked

Index = dict[str, dict[str, Checked]]


def check_all(records: list[Checked]) -> list[Problem]:
    """Every cross-record problem, as errors and warnings."""
    index, problems = _index(records)
    # Listed once per record: both the reference check and the unused check walk them.
    refs = [(record, list(references_of(record))) for record in records]
    for record, found in refs:
        problems += _references(record, found, index)
    for pledge in index["pledges"].values():
        problems += _pledge_chronology(pledge, index)
    for quote in index["quotes"].values():
        problems += _quote_dates(quote, index)
    for deadline in index["deadlines"].values():
        problems += _deadline_dates(deadline, index)
    problems += _unused(refs, index)
    problems += _same_urls(index)
    return problems


def _problem(record: Checked, loc, code: str, message: str, severity="error") -> Problem:
    return Problem(record.relpath, loc[0], loc[1], severity, code, message)


def _index(records: list[Checked]) -> tuple[Index, list[Problem]]:
    index: Index = {kind: {} for kind in schema.KINDS}
    problems = []
    for record in records:
        if not record.id:
            continue
        first = index[record.kind].get(record.id)
        if first is None:
            index[record.kind][record.id] = record
            continue
        noun = schema.SINGULAR[record.kind]
        problems.append(_problem(record, record.loc("id"), "duplicate-id",
                                 f"duplicate {noun} id '{record.id}', also in {first.relpath}"))
        problems.append(_problem(first, first.loc("id"), "duplicate-id",
                                 f"duplicate {noun} id '{record.id}', also in {record.relpath}"))
    return index, problems


# The fields that can hold references, per kind: most fields hold none, and this runs for
# every record.
_REFERRING = {kind: tuple(f for f in fields if f.type in (schema.REF, schema.REFS) or (
    f.type == schema.OBJECTS and any(sub.type == schema.REFS for sub in f.item)))
    for kind, fields in schema.KINDS.items()}


def references_of(record: Checked):
    """Yield ``(field_path, target_kind, target_id)`` for every reference the record makes."""
    values = record.values
    for f in _REFERRING[record.kind]:
        value = values.get(f.name)
        if f.type == schema.REF and value:
            yield (f.name,), f.ref, value
        elif f.type == schema.REFS and value:
            yield from (((f.name, i), f.ref, v) for i, v in enumerate(value))
        elif f.type == schema.OBJECTS and value:
            for i, item in enumerate(value):
                for sub in f.item:
                    if sub.type == schema.REFS:
                        yield from (((f.name, i, sub.name, j), sub.ref, v)
                                    for j, v in enumerate(item.get(sub.name) or ()))


def _references(record: Checked, refs: list, index: Index) -> list[Problem]:
    problems = []
    for path, kind, target in refs:
        if target in index[kind]:
            continue
        close = difflib.get_close_matches(target, list(index[kind]), n=3, cutoff=0.6)
        hint = ("; did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else (
            f"; add content/{kind}/{target}.yml or fix the id")
        problems.append(_problem(record, record.loc(*path), "unknown-reference",
                                 f"unknown {schema.SINGULAR[kind]} '{target}'{hint}"))
    return problems


def _pledge_chronology(pledge: Checked, index: Index) -> list[Problem]:
    updates = pledge.values.get("updates") or []
    made_on = pledge.values.get("made_on")
    problems = []
    for i, update in enumerate(updates):
        date = update.get("date")
        if date is None:
            continue
        previous = updates[i - 1].get("date") if i else None
        if previous and date < previous:
            problems.append(_problem(pledge, pledge.loc("updates", i, "date"), "update-order",
                                     f"update dated {date} comes after one dated {previous}; "
                                     "list updates oldest first"))
        if i == 0 and made_on and date < made_on:
            problems.append(_problem(pledge, pledge.loc("updates", 0, "date"), "update-early",
                                     f"first update ({date}) is before the pledge was made "
                                     f"({made_on})"))
        problems += _evidence_first(pledge, i, update, index)
    status = pledge.values.get("status")
    last = updates[-1].get("status") if updates else None
    if status and last and status != last:
        problems.append(_problem(pledge, pledge.loc("status"), "status-mismatch",
                                 f"status '{status}' differs from the last update's status "
                                 f"'{last}'; set status: {last}"))
    return problems


def _evidence_first(pledge: Checked, i: int, update: dict, index: Index) -> list[Problem]:
    problems = []
    for j, source_id in enumerate(update.get("sources") or ()):
        source = index["sources"].get(source_id)
        published = source and source.values.get("published")
        if published and update.get("date") and published > update["date"]:
            problems.append(_problem(
                pledge, pledge.loc("updates", i, "sources", j), "source-after-update",
                f"source '{source_id}' was published {published}, after this update's date "
                f"{update['date']}; date the update on or after {published}"))
    return problems


def _quote_dates(quote: Checked, index: Index) -> list[Problem]:
    source = index["sources"].get(quote.values.get("source", ""))
    said_on = quote.values.get("said_on")
    published = source and source.values.get("published")
    if not (said_on and published) or said_on == published:
        return []
    if said_on > published:
        message = (f"said_on {said_on} is after the source '{source.id}' was published "
                   f"({published}); a source cannot report words not yet said")
    elif source.values.get("reports_earlier_words"):
        return []
    else:
        message = (f"said_on {said_on} is before the source '{source.id}' was published "
                   f"({published}); if the source reports earlier words, add "
                   f"'reports_earlier_words: true' to {source.relpath}")
    return [_problem(quote, quote.loc("said_on"), "quote-date", message)]


def _deadline_dates(deadline: Checked, index: Index) -> list[Problem]:
    due = deadline.values.get("due")
    if deadline.values.get("kind") != "by" or due is None:
        return []
    problems = []
    for i, pledge_id in enumerate(deadline.values.get("pledges") or ()):
        pledge = index["pledges"].get(pledge_id)
        made_on = pledge and pledge.values.get("made_on")
        if made_on and due < made_on:
            problems.append(_problem(deadline, deadline.loc("due"), "deadline-early",
                                     f"due {due} is before pledge '{pledge_id}' was made "
                                     f"({made_on})"))
    return problems


def _unused(refs: list, index: Index) -> list[Problem]:
    used = defaultdict(set)
    for record, found in refs:
        for _, kind, target in found:
            if not (kind == record.kind and target == record.id):
                used[kind].add(target)
    problems = []
    for kind in ("sources", "actors"):
        for record_id, record in index[kind].items():
            if record_id not in used[kind]:
                problems.append(_problem(record, record.loc("id"), f"unused-{kind[:-1]}",
                                         f"{schema.SINGULAR[kind]} '{record_id}' is not "
                                         "referenced by any record", severity="warning"))
    return problems


def _same_urls(index: Index) -> list[Problem]:
    by_url = defaultdict(list)
    for source in index["sources"].values():
        if source.values.get("url"):
            by_url[source.values["url"]].append(source)
    problems = []
    for sources in by_url.values():
        for a in sources:
            others = ", ".join(b.relpath for b in sources if b is not a)
            if others:
                problems.append(_problem(a, a.loc("url"), "duplicate-url",
                                         f"same url as {others}; merge the two sources",
                                         severity="warning"))
    return problems
