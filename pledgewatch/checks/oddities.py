"""Stage 2c, odd data: records that are valid one by one and together, but that a reader would
find strange. Each gives a warning at the field at fault, never an error.

- an actor that is, through ``member_of``, a member of itself (a cycle of two or more);
- a ``by`` deadline that applies to no pledge (it falls due for nothing);
- a pledge made to the actor who made it (``made_to`` includes ``made_by``);
- an update none of whose sources can be checked (no ``url`` and no ``via``).
"""

from __future__ import annotations

from pledgewatch.checks.validate import Checked
from pledgewatch.core.problems import Problem

Index = dict[str, dict[str, Checked]]


def check_all(index: Index) -> list[Problem]:
    """Every odd-data warning for the records of ``index`` (kind -> id -> record)."""
    problems = _member_cycles(index["actors"])
    for deadline in index["deadlines"].values():
        problems += _deadline_without_pledges(deadline)
    for pledge in index["pledges"].values():
        problems += _made_to_maker(pledge) + _unverifiable_updates(pledge, index["sources"])
    return problems


def _warning(record: Checked, loc: tuple[int, int], code: str, message: str) -> Problem:
    return Problem(record.relpath, loc[0], loc[1], "warning", code, message)


def _member_cycles(actors: dict[str, Checked]) -> list[Problem]:
    """One warning per ``member_of`` that closes a cycle (a back edge of a depth-first search
    in id order), on the actor whose ``member_of`` item closes it: at most one per item, so
    the warnings grow with the memberships, never with the cycles through them. Iterative, so
    a long chain does not reach Python's recursion limit."""
    def members(actor_id: str) -> list[str]:
        value = actors[actor_id].values.get("member_of") or ()
        return [m for m in value if m in actors and m != actor_id]  # self: an error already

    state: dict[str, int] = {}  # 1: on the current path, 2: done
    problems = []
    for start in sorted(actors):
        if start in state:
            continue
        path, stack = [start], [iter(members(start))]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                problems.append(_cycle(actors[path[-1]], nxt, path, path.index(nxt)))
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(members(nxt)))
    return problems


def _cycle(actor: Checked, target: str, path: list[str], first: int) -> Problem:
    """The warning for ``actor``'s membership of ``target``, which closes the cycle
    ``path[first:]``; a long cycle is shown by its ends."""
    count = len(path) - first
    ring = [actor.id, *path[first:first + 2]] if count > 5 else [actor.id, *path[first:-1]]
    if count > 5:
        ring += [f"\u2026 {count - 4:,} more", path[-2]]
    loc = actor.loc("member_of", actor.values["member_of"].index(target))
    return _warning(actor, loc, "member-cycle", "member_of goes round in a circle ("
                    + " -> ".join([*ring, actor.id]) + "): an organisation cannot be a member "
                    "of itself; remove the membership that is wrong")


def _deadline_without_pledges(deadline: Checked) -> list[Problem]:
    values = deadline.values
    if values.get("kind") != "by" or values.get("pledges") or ("pledges",) in deadline.failed:
        return []
    return [_warning(deadline, deadline.loc("kind"), "deadline-no-pledges",
                     "a 'by' deadline with no pledges falls due for nothing; list the pledges "
                     "it applies to in 'pledges', or use kind: event for a date on the "
                     "timeline")]


def _made_to_maker(pledge: Checked) -> list[Problem]:
    maker = pledge.values.get("made_by")
    made_to = pledge.values.get("made_to") or ()
    if not maker or maker not in made_to:
        return []
    return [_warning(pledge, pledge.loc("made_to", made_to.index(maker)), "made-to-maker",
                     f"'{maker}' made this pledge (made_by) and is also listed in made_to; a "
                     "pledge is made to others: remove it from made_to")]


def _unverifiable_updates(pledge: Checked, sources: dict[str, Checked]) -> list[Problem]:
    problems = []
    for i, update in enumerate(pledge.values.get("updates") or ()):
        cited = [sources.get(s) for s in (update or {}).get("sources") or ()]
        if not cited or not all(s is not None and s.readable and _unverifiable(s)
                                for s in cited):
            continue
        names = ", ".join(f"'{s.id}'" for s in cited)
        problems.append(_warning(
            pledge, pledge.loc("updates", i, "sources"), "unverifiable-update",
            f"no source of this update can be checked by a reader: {names} "
            f"{'has' if len(cited) == 1 else 'have'} neither url nor via; add the "
            "source's url, or in via the sources that report it"))
    return problems


def _unverifiable(source: Checked) -> bool:
    """True when the source gives a reader no way to find it (a refused field is not absent:
    its own problem is reported in the source's file)."""
    return not any(source.values.get(name) or (name,) in source.failed
                   for name in ("url", "via"))
