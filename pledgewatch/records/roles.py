"""An actor's dated roles ("CEO of LULAC, until October 2022"), each with its sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pledgewatch.core.wording import date_words, words


@dataclass(frozen=True)
class Role:
    """A dated role of an actor: ``since``/``until`` are ``None`` where the sources give no
    date; ``sources`` holds source ids."""

    role: str
    since: dt.date | None
    until: dt.date | None
    sources: tuple[str, ...]


def roles_of(values: dict) -> tuple[Role, ...]:
    """The model's roles from a checked actor's ``values`` (the ``roles`` field)."""
    return tuple(Role(x["role"], x.get("since"), x.get("until"), tuple(x["sources"]))
                 for x in values.get("roles") or ())


def role_words(role: Role, language: str = "en") -> str:
    """The role as a reader reads it, in the build's language: ``CEO of X, since 1 May 2020``,
    ``…, until …``, ``…, 1 May 2020 to 3 June 2021``, or the role alone without dates."""
    since = date_words(role.since, language) if role.since else ""
    until = date_words(role.until, language) if role.until else ""
    if since and until:
        return words("role.since-until", role=role.role, since=since, until=until)
    if since:
        return words("role.since", role=role.role, since=since)
    if until:
        return words("role.until", role=role.role, until=until)
    return role.role
