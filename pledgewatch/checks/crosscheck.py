"""Checks across records: references, ids, chronology, evidence before claims.

Takes the per-record results of ``validate.check_document`` and returns problems with the
location of the field at fault. Records that failed per-record checks take part with the fields
that passed, so one bad record does not hide problems in the others.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from urllib.parse import urlsplit

from pledgewatch.checks import oddities
from pledgewatch.checks.trust import check_trust_dates
from pledgewatch.checks.validate import Checked
from pledgewatch.core import schema
from pledgewatch.core.problems import Problem

Index = dict[str, dict[str, Checked]]


def check_all(records: list[Checked], as_of: dt.date | None = None) -> list[Problem]:
    """Every cross-record problem, as errors and warnings; with ``as_of``, also every date
    of something that happened (see :func:`dated_after`) later than it."""
    index, problems = _index(records)
    if as_of is not None:
        for record in records:
            problems += dated_after(record, as_of)
    problems += _formula_starts(index)
    targets = [_targets(record) for record in records]
    budget = [SUGGESTIONS]
    for record, found in zip(records, targets, strict=True):
        problems += _references(record, found, index, budget)
        if record.kind in _SELF_REFERRING:
            problems += _self_references(record)
        problems += check_trust_dates(record)
    for pledge in index["pledges"].values():
        problems += _pledge_chronology(pledge, index)
    for quote in index["quotes"].values():
        problems += _quote_dates(quote, index)
    for deadline in index["deadlines"].values():
        problems += _deadline_dates(deadline, index)
    for kind in ("pledges", "actors"):
        problems += _alias_clashes(index[kind], kind)
    problems += _unused(records, targets, index)
    problems += _same_urls(index)
    problems += oddities.check_all(index)
    return problems


# The dates of things that happened. A deadline's `due` is not one: deadlines lie ahead.
_HAPPENED = {"pledges": ("made_on", "reviewed_on"), "quotes": ("said_on",),
             "sources": ("published",)}


def dated_after(record: Checked, as_of: dt.date) -> list[Problem]:
    """Errors for the record's dates of things that happened (a pledge's ``made_on``, its
    updates' ``date`` and its ``reviewed_on``, a quote's ``said_on``, a source's ``published``,
    any record's corrections' ``date``) later than ``as_of``.

    A site built as of a date shows the statuses, deadline states and updates known on that
    date, so a later date is either a typo or content the build cannot show consistently.
    """
    values = record.values
    dated = [((name,), values.get(name)) for name in _HAPPENED.get(record.kind, ())]
    if record.kind == "pledges":
        dated += [(("updates", i, "date"), u.get("date"))
                  for i, u in enumerate(values.get("updates") or ()) if u]
    dated += [(("corrections", i, "date"), c.get("date"))  # a correction is published news
              for i, c in enumerate(values.get("corrections") or ()) if c]
    return [_problem(record, record.loc(*path), "after-as-of",
                     f"{path[-1]} {day} is after the as-of date {as_of}; a site as of "
                     f"{as_of} cannot show what happened later: correct the date if it is "
                     f"a typo, or build as of {day} or later (--as-of {day})")
            for path, day in dated if isinstance(day, dt.date) and day > as_of]


def _alias_clashes(records: dict[str, Checked], kind: str) -> list[Problem]:
    """An alias redirects the page of an earlier id to the record's page, so it must not be
    the record's own id (a redirect loop), another record's id (its page would be replaced),
    or an alias of another record (one address cannot redirect to two pages)."""
    noun, problems, claimed = schema.SINGULAR[kind], [], {}
    for record in records.values():
        aliases = record.values.get("aliases") or ()
        for i, alias in enumerate(aliases if isinstance(aliases, list) else ()):
            other = records.get(alias) if isinstance(alias, str) else None
            if other is record:
                message = (f"alias '{alias}' is this {noun}'s own id; an alias is an earlier id "
                           f"that now redirects here, so remove it")
            elif other is not None:
                message = (f"alias '{alias}' is the id of another {noun} ({other.relpath}); its "
                           f"page would be replaced by a redirect here; remove the alias")
            elif alias in claimed and claimed[alias] is not record:
                message = (f"alias '{alias}' is also an alias of the {noun} "
                           f"'{claimed[alias].id}' ({claimed[alias].relpath}); an earlier id "
                           f"can redirect to one {noun} only: remove it from one of the two")
            else:
                claimed.setdefault(alias, record)
                continue
            problems.append(_problem(record, record.loc("aliases", i), "alias-clash", message))
    return problems


_FORMULA_START = frozenset("=+-@")


def _formula_starts(index: Index) -> list[Problem]:
    """Warnings for the free text of data/pledges.csv (exports.CSV_COLUMNS: pledge titles,
    and the names of the actors who made them) that starts with a character spreadsheets read
    as the start of a formula (OWASP, "CSV injection"): the CSV keeps text as recorded."""
    pledges = index["pledges"].values()
    makers = {p.values.get("made_by") for p in pledges}
    fields = [(p, "title") for p in pledges] + [
        (a, "name") for a in index["actors"].values() if a.id in makers]
    problems = []
    for record, name in fields:
        value = record.values.get(name)
        first = value.lstrip()[:1] if isinstance(value, str) else ""
        if first and first in _FORMULA_START:
            problems.append(_problem(
                record, record.loc(name), "formula-start",
                f"field '{name}' starts with '{first}', which spreadsheets opening "
                f"data/pledges.csv read as a formula; begin it with a letter, a digit or a "
                f"quotation mark", "warning"))
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
        noun = schema.SINGULAR[record.kind]  # reported once, on the later file, naming both
        problems.append(_problem(record, record.loc("id"), "duplicate-id",
                                 f"duplicate {noun} id '{record.id}': {first.relpath} has it "
                                 f"too; ids must be unique, so rename one of the two files"))
    return index, problems


# The fields that can hold references, per kind: most fields hold none, and this runs for
# every record, twice (the reference check and the unused check).
_REFERRING = {kind: tuple(f for f in fields if f.type in (schema.REF, schema.REFS) or (
    f.type == schema.OBJECTS and any(sub.type == schema.REFS for sub in f.item)))
    for kind, fields in schema.KINDS.items()}


# Kinds with a field that refers to records of their own kind (an actor's member_of, a
# source's via).
_SELF_REFERRING = frozenset(kind for kind, fields in schema.KINDS.items()
                            if any(f.ref == kind for f in fields))


def _self_references(record: Checked) -> list[Problem]:
    noun = schema.SINGULAR[record.kind]
    return [_problem(record, record.loc(*path), "self-reference",
                     f"'{path[0]}' names this {noun} itself ('{target}'); remove it")
            for path, kind, target in references_of(record)
            if kind == record.kind and target == record.id]


def references_of(record: Checked):
    """Yield ``(field_path, target_kind, target_id)`` for every reference the record makes."""
    values = record.values
    for f in _REFERRING[record.kind]:
        value = values.get(f.name)
        if f.type == schema.REF and value:
            yield (f.name,), f.ref, value
        elif f.type == schema.REFS and value:
            yield from (((f.name, i), f.ref, v) for i, v in enumerate(value) if v)
        elif f.type == schema.OBJECTS and value:
            for i, item in enumerate(value):
                for sub in f.item:
                    if sub.type == schema.REFS and item:
                        yield from (((f.name, i, sub.name, j), sub.ref, v)
                                    for j, v in enumerate(item.get(sub.name) or ()) if v)


def _targets(record: Checked) -> list[tuple[str, list | tuple]]:
    """``(target_kind, ids)`` groups of the references the record makes; an id is ``None``
    where a list item was refused. What :func:`references_of` yields, without a path per
    reference: most records refer only to what exists, and this runs for every record."""
    values, found = record.values, []
    for f in _REFERRING[record.kind]:
        value = values.get(f.name)
        if not value:
            continue
        if f.type == schema.REF:
            found.append((f.ref, (value,)))
        elif f.type == schema.REFS:
            found.append((f.ref, value))
        else:
            subs = [sub for sub in f.item if sub.type == schema.REFS]
            for item in value:
                for sub in subs if item else ():
                    ids = item.get(sub.name)
                    if ids:
                        found.append((sub.ref, ids))
    return found


# Unknown references that get a "did you mean": the first few of each record, and at most
# SUGGESTIONS in a run. Each suggestion compares the id with every id of its kind (difflib), so
# suggesting for all of 20,000 unknown ids among 2,000 actors took minutes; the rest are
# reported without one.
SUGGEST_PER_RECORD, SUGGESTIONS = 3, 50


def _references(record: Checked, targets: list, index: Index,
                budget: list[int]) -> list[Problem]:
    """Errors for the record's unknown references; ``budget`` holds the suggestions left for
    the run (one-item list, decremented)."""
    if all(v is None or v in index[kind] for kind, ids in targets for v in ids):
        return []  # the common case; else find each unknown one with its path
    problems = []
    for path, kind, target in references_of(record):
        if target not in index[kind]:
            suggest = len(problems) < SUGGEST_PER_RECORD and budget[0] > 0
            budget[0] -= suggest
            problems.append(_problem(record, record.loc(*path), "unknown-reference",
                                     _unknown(target, kind, index, suggest)))
    return problems


def _unknown(target: str, kind: str, index: Index, suggest: bool = True) -> str:
    """'unknown actor 'x'; did you mean ...?', or which kind the id belongs to instead;
    without ``suggest``, no list of close ids (see SUGGESTIONS)."""
    noun = schema.SINGULAR[kind]
    other = next((k for k in schema.KINDS if target in index[k]), None)
    if other:  # the right id in the wrong field: list the closest ids of the right kind
        wrong = f"'{target}' is {_a(schema.SINGULAR[other])}, not {_a(noun)}"
        if not suggest:
            return f"{wrong}; use the id of {_a(noun)} (see content/{kind}/)"
        close = _closest(target, index[kind], cutoff=0.0)
        listed = ", ".join(f"'{c}'" for c in close) or f"none yet: add one in content/{kind}/"
        return f"{wrong}; closest {noun} ids: {listed}"
    close = _closest(target, index[kind], cutoff=0.6) if suggest else ()
    if close:
        return f"unknown {noun} '{target}'; did you mean " + " or ".join(
            f"'{c}'" for c in close) + "?"
    return f"unknown {noun} '{target}'; add content/{kind}/{target}.yml or fix the id"


def _closest(target: str, ids, cutoff: float) -> list[str]:
    return difflib.get_close_matches(target, sorted(ids), n=3, cutoff=cutoff)


def _a(noun: str) -> str:
    return f"an {noun}" if noun[0] in "aeiou" else f"a {noun}"


def _pledge_chronology(pledge: Checked, index: Index) -> list[Problem]:
    updates = [u or {} for u in pledge.values.get("updates") or ()]  # {}: a refused item
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
                                     f"({made_on}); correct the date or made_on"))
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
        source = index["sources"].get(source_id or "")
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
    elif source.values.get("reports_earlier_words") or (
            ("reports_earlier_words",) in source.failed):  # reported in the source's own file
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
    for pledge_id in deadline.values.get("pledges") or ():
        pledge = index["pledges"].get(pledge_id or "")
        made_on = pledge and pledge.values.get("made_on")
        if made_on and due < made_on:
            problems.append(_problem(deadline, deadline.loc("due"), "deadline-early",
                                     f"'by' deadline {due} is before pledge '{pledge_id}' was "
                                     f"made ({made_on}); correct due, or use kind: event"))
    return problems


def _unused(records: list[Checked], targets: list, index: Index) -> list[Problem]:
    if not all(r.readable and not _lost_references(r) for r in records):
        return []  # what an unreadable file or a refused reference pointed at is unknown
    used = defaultdict(set)
    for record, found in zip(records, targets, strict=True):
        for kind, ids in found:
            if kind == record.kind:
                used[kind].update(v for v in ids if v != record.id)
            else:
                used[kind].update(ids)
    problems = []
    for kind in ("sources", "actors"):
        for record_id, record in index[kind].items():
            if record_id not in used[kind] and record.readable:
                problems.append(_problem(record, record.loc("id"), f"unused-{kind[:-1]}",
                                         f"{schema.SINGULAR[kind]} '{record_id}' is not "
                                         f"referenced by any record; {_USE[kind]}",
                                         severity="warning"))
    return problems


def _lost_references(record: Checked) -> bool:
    """True when a reference field (or an update holding one) was present but refused."""
    if not record.failed:
        return False
    fields = {f.name: f for f in schema.KINDS[record.kind]}
    return any(fields[path[0]].type in (schema.REF, schema.REFS, schema.OBJECTS)
               for path in record.failed if path[0] in fields)


_USE = {
    "sources": "cite it from an update, a deadline or a quote, or delete the file",
    "actors": "name it in a pledge, a quote, a source or member_of, or delete the file",
}


def _same_urls(index: Index) -> list[Problem]:
    by_url = defaultdict(list)
    for source in index["sources"].values():
        if source.values.get("url"):
            by_url[same_page(source.values["url"])].append(source)
    problems = []
    for first, *later in by_url.values():  # reported on each later source, naming the first
        problems += [_problem(b, b.loc("url"), "duplicate-url",
                              f"same url as {first.relpath} (source '{first.id}'); if they are "
                              "the same document, keep one source and cite it instead",
                              severity="warning") for b in later]
    return problems


def same_page(url: str) -> str:
    """A key under which addresses of the same page compare equal: scheme, letter case of the
    host, a default port, a trailing slash and an empty fragment do not make a different page.
    A fragment does: it can name one post of a live blog, or the page itself (``#!/...``)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port not in (None, 80, 443) else ""
    fragment = f"#{parts.fragment}" if parts.fragment else ""
    return f"{host}{port}{parts.path.rstrip('/')}?{parts.query}{fragment}"
