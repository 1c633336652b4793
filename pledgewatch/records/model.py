"""Records: frozen typed records with references resolved and derived facts computed, which
depend only on the records and the build's as-of date: the status before each update, each
deadline's state, who cites what, and the event timeline that feeds are made of."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from pledgewatch.checks.validate import Checked
from pledgewatch.core.catalogs import speaking
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.schema import KINDS, STATUS_LABELS, UPDATE_FIELDS, Field
from pledgewatch.core.wording import date_words, words
from pledgewatch.records.citations import cited_by
from pledgewatch.records.deadline_state import (  # noqa: F401 - re-exported for renderers
    STATE_CODES,
    DeadlineState,
    deadline_state,
)
from pledgewatch.records.history import MonthCounts, months_with_changes, status_by_month
from pledgewatch.records.roles import Role, roles_of
from pledgewatch.records.trust import Corrected, Correction, corrections_of


@dataclass(frozen=True)
class Actor:
    """A person or organisation. ``member_of`` holds actor ids."""

    id: str
    name: str
    kind: str
    description: str
    member_of: tuple[str, ...]
    url: str
    sources: tuple[str, ...]
    aliases: tuple[str, ...]
    repo_path: str
    roles: tuple[Role, ...] = ()
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Source:
    """A document cited as evidence. ``url`` is ``""`` when no address is known."""

    id: str
    title: str
    publisher: str
    published_by: str
    kind: str
    published: dt.date
    url: str
    archive_url: str
    via: tuple[str, ...]
    notes: str
    repo_path: str
    reports_earlier_words: bool = False
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Update:
    """One dated development of a pledge; ``previous_status`` is ``""`` for the first.

    ``anchor`` (``update-2022-11-05``, then ``update-2022-11-05-2`` for a second update that
    day) is the update's stable fragment on the pledge page: inserting an earlier update does
    not change it, so feed guids built from it do not change either.
    """

    number: int
    anchor: str
    date: dt.date
    status: str
    previous_status: str
    summary: str
    sources: tuple[str, ...]
    original_date: dt.date | None = None  # the first date, when ``date`` was corrected


@dataclass(frozen=True)
class Pledge:
    """A commitment. ``updates`` are oldest first; ``status`` equals the last update's."""

    id: str
    title: str
    made_by: str
    made_to: tuple[str, ...]
    made_on: dt.date
    statement: str
    topics: tuple[str, ...]
    status: str
    updates: tuple[Update, ...]
    aliases: tuple[str, ...]
    repo_path: str
    reviewed_on: dt.date | None = None
    corrections: tuple[Correction, ...] = ()
    verdict: str = ""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def status_since(self) -> dt.date:
        """Date of the update that moved the pledge into its current status: later updates
        that keep the status do not reset it."""
        since = self.updates[-1].date
        for update in reversed(self.updates):
            if update.status != self.status:
                break
            since = update.date
        return since

    def first_dated(self, statuses: tuple[str, ...]) -> dt.date | None:
        """Date of the first update whose status is in ``statuses``."""
        return next((u.date for u in self.updates if u.status in statuses), None)


@dataclass(frozen=True)
class Deadline:
    """A date that pledges hang on; ``states`` pairs each pledge id with its state."""

    id: str
    title: str
    pledges: tuple[str, ...]
    due: dt.date
    kind: str
    as_stated: str
    precision: str
    sources: tuple[str, ...]
    notes: str
    states: tuple[tuple[str, DeadlineState], ...]
    state: DeadlineState
    repo_path: str
    original_due: dt.date | None = None
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Quote:
    """Words said by an actor, as a source reports them."""

    id: str
    speaker: str
    text: str
    said_on: dt.date
    source: str
    kind: str
    context: str
    about: tuple[str, ...]
    mentions: tuple[str, ...]
    repo_path: str
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Event:
    """One feed item: a pledge recorded, a status update, or a deadline reached.

    ``key`` is stable for the same event whatever titles become
    (``pledges/ID/update-2022-11-05``, ``deadlines/ID/PLEDGE``); feeds build guids from it.
    """

    kind: str
    date: dt.date
    key: str
    pledge: str
    title: str
    summary: str
    status: str
    previous_status: str
    sources: tuple[str, ...]
    deadline: str = ""
    key_date: dt.date | None = None  # the first date (original_date, original_due), if any
    record: str = ""  # ``KIND/ID`` of the corrected record, for a correction


@dataclass(frozen=True)
class Model(Corrected):
    """Everything the renderers need. Record mappings are keyed by id, in id order."""

    config: SiteConfig
    as_of: dt.date
    actors: dict[str, Actor]
    sources: dict[str, Source]
    pledges: dict[str, Pledge]
    deadlines: dict[str, Deadline]
    quotes: dict[str, Quote]
    events: tuple[Event, ...]
    cited_by: dict[str, tuple[tuple[str, str], ...]]

    def pledges_by_status(self) -> dict[str, list[Pledge]]:
        groups = defaultdict(list)
        for pledge in self.pledges.values():
            groups[pledge.status].append(pledge)
        return {status: groups.get(status, []) for status in STATUS_LABELS}

    # Pages ask these per pledge and per actor: each is one dictionary lookup in an index
    # built once, where a scan of every record per page made a build grow with N squared.

    def deadlines_of(self, pledge_id: str) -> list[Deadline]:
        """Deadlines naming the pledge, in id order."""
        return list(self._referrers["deadlines_of"].get(pledge_id, ()))

    def overdue_deadlines(self) -> list[tuple[Deadline, str, DeadlineState]]:
        """``(deadline, pledge id, state)`` for each pledge whose deadline is overdue, the
        earliest due first."""
        return [(d, p, st) for d in sorted(self.deadlines.values(), key=lambda d: (d.due, d.id))
                for p, st in d.states if st.code == "overdue"]

    def upcoming_deadlines(self) -> list[tuple[Deadline, str, DeadlineState]]:
        """``(deadline, pledge id, state)`` for deadlines due on or after the as-of date, the
        soonest first; an event (a deadline without pledges) has pledge id ``""``."""
        out = []
        for d in sorted(self.deadlines.values(), key=lambda d: (d.due, d.id)):
            if d.due >= self.as_of:
                out += [(d, p, st) for p, st in d.states] if d.states else [(d, "", d.state)]
        return out

    def quotes_about(self, pledge_id: str) -> list[Quote]:
        """Quotes about the pledge, oldest first."""
        return list(self._referrers["quotes_about"].get(pledge_id, ()))

    def members_of(self, actor_id: str) -> list[Actor]:
        """Actors whose ``member_of`` names the actor, in id order."""
        return list(self._referrers["members_of"].get(actor_id, ()))

    def pledges_made_by(self, actor_id: str) -> list[Pledge]:
        """Pledges the actor made, in id order."""
        return list(self._referrers["made_by"].get(actor_id, ()))

    def pledges_made_to(self, actor_id: str) -> list[Pledge]:
        """Pledges made to the actor, in id order."""
        return list(self._referrers["made_to"].get(actor_id, ()))

    def sources_published_by(self, actor_id: str) -> list[Source]:
        """Sources whose ``published_by`` names the actor, in id order."""
        return list(self._referrers["published_by"].get(actor_id, ()))

    def events_of(self, pledge_id: str) -> list[Event]:
        """The pledge's events, newest first (the order of ``events``)."""
        return list(self._referrers["events_of"].get(pledge_id, ()))

    def quotes_mentioning(self, actor_id: str) -> list[Quote]:
        return sorted((q for q in self.quotes.values() if actor_id in q.mentions),
                      key=lambda q: (q.said_on, q.id))

    def quotes_by(self, actor_id: str) -> list[Quote]:
        """Quotes the actor said, oldest first."""
        return list(self._referrers["quotes_by"].get(actor_id, ()))

    @cached_property
    def _referrers(self) -> dict[str, dict[str, list]]:
        """``{query: {target id: records referring to it}}``, each record listed once."""
        index = {name: defaultdict(list) for name in (
            "deadlines_of", "quotes_about", "members_of", "made_by", "made_to", "quotes_by",
            "events_of", "published_by")}
        for source in self.sources.values():
            if source.published_by:
                index["published_by"][source.published_by].append(source)
        for event in self.events:
            index["events_of"][event.pledge].append(event)
        for d in self.deadlines.values():
            for pledge_id in dict.fromkeys(d.pledges):
                index["deadlines_of"][pledge_id].append(d)
        for q in sorted(self.quotes.values(), key=lambda q: (q.said_on, q.id)):
            index["quotes_by"][q.speaker].append(q)
            for pledge_id in dict.fromkeys(q.about):
                index["quotes_about"][pledge_id].append(q)
        for a in self.actors.values():
            for group in dict.fromkeys(a.member_of):
                index["members_of"][group].append(a)
        for p in self.pledges.values():
            index["made_by"][p.made_by].append(p)
            for actor_id in dict.fromkeys(p.made_to):
                index["made_to"][actor_id].append(p)
        return index

    def status_by_month(self) -> tuple[MonthCounts, ...]:
        """Status counts at the end of each month: see :func:`status_by_month`."""
        return status_by_month(self.pledges.values(), self.as_of)

    def status_changes_by_month(self) -> tuple[MonthCounts, ...]:
        """:meth:`status_by_month` without the months in which no count changed."""
        return months_with_changes(self.status_by_month())

    def topics(self) -> dict[str, list[Pledge]]:
        groups = defaultdict(list)
        for pledge in self.pledges.values():
            for topic in pledge.topics:
                groups[topic].append(pledge)
        return dict(sorted(groups.items()))


def build_model(records: list[Checked], config: SiteConfig, as_of: dt.date) -> Model:
    """Turn validated records into the model. Call only when validation found no error.
    Its words (deadline states, event titles) are in ``config.language``."""
    with speaking(config.language):
        return _build_model(records, config, as_of)


def _build_model(records: list[Checked], config: SiteConfig, as_of: dt.date) -> Model:
    by_kind = defaultdict(list)
    for record in sorted(records, key=lambda r: (r.kind, r.id)):
        by_kind[record.kind].append(record)
    pledges = {r.id: _pledge(r) for r in by_kind["pledges"]}
    deadlines = {r.id: _deadline(r, pledges, as_of, config.language)
                 for r in by_kind["deadlines"]}
    return Model(
        config=config,
        as_of=as_of,
        actors={r.id: _actor(r) for r in by_kind["actors"]},
        sources={r.id: _source(r) for r in by_kind["sources"]},
        pledges=pledges,
        deadlines=deadlines,
        quotes={r.id: _quote(r) for r in by_kind["quotes"]},
        events=_events(pledges, deadlines, as_of, config.language),
        cited_by=cited_by(records),
    )


def _by_name(fields: tuple[Field, ...], values: dict, **derived) -> dict:
    """Keyword arguments for a record class: each schema field's model value by name (see
    ``Field.model_value``; corrections as :class:`Correction`), then the ``derived`` ones."""
    out = {f.name: f.model_value(values) for f in fields} | derived
    if "corrections" in out:
        out["corrections"] = corrections_of(values)
    return out


def _actor(r: Checked) -> Actor:
    return Actor(**_by_name(KINDS["actors"], r.values, repo_path=r.repo_path,
                            roles=roles_of(r.values)))


def _source(r: Checked) -> Source:
    return Source(**_by_name(KINDS["sources"], r.values, repo_path=r.repo_path))


def _pledge(r: Checked) -> Pledge:
    v = r.values
    updates, previous, same_day = [], "", defaultdict(int)
    for number, u in enumerate(v["updates"], start=1):
        day = u.get("original_date") or u["date"]  # a corrected date keeps its anchor
        same_day[day] += 1
        anchor = f"update-{day}" + (f"-{same_day[day]}" if same_day[day] > 1 else "")
        updates.append(Update(**_by_name(UPDATE_FIELDS, u, number=number, anchor=anchor,
                                         previous_status=previous)))
        previous = u["status"]
    return Pledge(**_by_name(KINDS["pledges"], v, updates=tuple(updates),
                             repo_path=r.repo_path))


def _deadline(r: Checked, pledges: dict[str, Pledge], as_of: dt.date,
              locale: str) -> Deadline:
    v = _by_name(KINDS["deadlines"], r.values, repo_path=r.repo_path)
    states = tuple((p, deadline_state(v["kind"], v["due"], pledges[p], as_of, locale))
                   for p in v["pledges"])
    overall = states[0][1] if len(states) == 1 else deadline_state(
        "event" if v["kind"] == "event" else "by", v["due"], None, as_of, locale)
    return Deadline(**v, states=states, state=overall)


def _quote(r: Checked) -> Quote:
    return Quote(**_by_name(KINDS["quotes"], r.values, repo_path=r.repo_path))


def _events(pledges: dict[str, Pledge], deadlines: dict[str, Deadline],
            as_of: dt.date, locale: str) -> tuple[Event, ...]:
    events = []
    for pledge in pledges.values():
        for u in pledge.updates:
            if u.date > as_of:
                continue
            first = u.number == 1
            events.append(Event(
                kind="recorded" if first else "update", date=u.date,
                key=f"pledges/{pledge.id}/{u.anchor}", pledge=pledge.id,
                title=(words("event.recorded", title=pledge.title) if first else
                       words("event.update", status=STATUS_LABELS[u.status], title=pledge.title)),
                summary=u.summary, status=u.status, previous_status=u.previous_status,
                sources=u.sources, key_date=u.original_date))
    for deadline in deadlines.values():
        if deadline.due > as_of:
            continue
        for pledge_id, state in deadline.states:
            events.append(Event(
                kind="deadline", date=deadline.due,
                key=f"deadlines/{deadline.id}/{pledge_id}", pledge=pledge_id,
                title=words("event.deadline", title=deadline.title, state=state.label),
                summary=words("feed.deadline-summary", stated=deadline.as_stated,
                              date=date_words(deadline.due, locale)),
                status=pledges[pledge_id].status, previous_status="", sources=deadline.sources,
                deadline=deadline.id, key_date=deadline.original_due))
    order = {"deadline": 0, "recorded": 1, "update": 2}
    return tuple(sorted(events, key=lambda e: (e.date, order[e.kind], e.key), reverse=True))

