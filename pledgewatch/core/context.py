"""The build context: the site configuration and the as-of date, resolved once per command.

Every command (``validate``, ``build``, ``serve``, ``new``, ``review``) asks
:func:`BuildContext.resolve` for its context, so "today" has one definition: ``--as-of``, else
``SOURCE_DATE_EPOCH`` (reproducible-builds.org), else the clock, in the site's time zone.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

from pledgewatch.core.config import SiteConfig
from pledgewatch.core.problems import ConfigError


def utc_now() -> dt.datetime:
    """The current moment, timezone-aware in UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class BuildContext:
    """What every stage may ask about the run: ``config`` (the site configuration) and
    ``as_of`` (the calendar date, in the site's time zone, that states are computed for)."""

    config: SiteConfig
    as_of: dt.date

    @classmethod
    def resolve(cls, config: SiteConfig, as_of: dt.date | None = None,
                clock: Callable[[], dt.datetime] | None = None) -> BuildContext:
        """The context for ``config``; see :func:`resolve_as_of` for the date and its errors."""
        return cls(config, resolve_as_of(config, as_of, clock))


def resolve_as_of(config: SiteConfig, as_of: dt.date | None = None,
                  clock: Callable[[], dt.datetime] | None = None) -> dt.date:
    """``--as-of``, else ``SOURCE_DATE_EPOCH`` (reproducible-builds.org), else today by ``clock``
    (default :func:`utc_now`), in the site's time zone: the calendar date there at that moment,
    whatever the date is in UTC.

    Raises :class:`ConfigError` for a malformed ``SOURCE_DATE_EPOCH`` (the specification asks
    builds to fail rather than guess; an empty one counts as unset) and for a date outside
    :data:`AS_OF_RANGE`.
    """
    if as_of is not None:
        return _stampable(as_of, f"--as-of {as_of}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return (clock or utc_now)().astimezone(config.zone).date()
    try:
        if not epoch.isascii() or not epoch.isdigit():
            raise ValueError(epoch)
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since "
                          "1970-01-01 UTC; unset it or pass --as-of YYYY-MM-DD") from None
    day = moment.astimezone(config.zone).date()
    return _stampable(day, f"SOURCE_DATE_EPOCH={epoch} ({day})")


# The build hands its as-of date to MkDocs as SOURCE_DATE_EPOCH, and the gzip header of
# sitemap.xml.gz holds it as seconds since 1970 in 32 bits (RFC 1952, MTIME).
AS_OF_RANGE = (dt.date(1970, 1, 1), dt.date(2106, 2, 6))


def _stampable(day: dt.date, given: str) -> dt.date:
    if not AS_OF_RANGE[0] <= day <= AS_OF_RANGE[1]:
        raise ConfigError(f"{given} is outside the dates a build can stamp ({AS_OF_RANGE[0]} "
                          f"to {AS_OF_RANGE[1]}: seconds since 1970 in 32 bits, as gzip and "
                          "SOURCE_DATE_EPOCH count them)")
    return day
