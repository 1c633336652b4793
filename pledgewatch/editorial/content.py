"""Content as the editorial commands read it: the checked records (with their locations) and
the model, from one validation run.

The validation itself is the pipeline's (``build.check``), handed in by the command line as a
:data:`Checker`: the editorial stage lies below ``build`` in the package's pipeline order, and
its commands must see exactly what ``validate`` sees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pledgewatch.checks.validate import Checked
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.context import resolve_as_of
from pledgewatch.core.problems import Problem, is_error
from pledgewatch.records.model import Model, build_model


@dataclass(frozen=True)
class Content:
    """The records keyed by ``(kind, id)`` (each knows the line and column of its fields) and
    the model built from them as of ``model.as_of``."""

    records: dict[tuple[str, str], Checked]
    model: Model

    def loc(self, kind: str, record_id: str, *path) -> tuple[str, int, int]:
        """``(shown path, line, column)`` of a record's field (see ``Checked.loc``)."""
        record = self.records[(kind, record_id)]
        line, column = record.loc(*path)
        return record.relpath, line, column


Checker = Callable[[SiteConfig, dt.date], tuple[list[Checked], list[Problem]]]
"""``(config, as_of) -> (records, problems)``: every record checked, every problem found."""


class ContentInvalid(Exception):
    """The content has validation errors: ``problems`` holds them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(map(is_error, problems))} validation error(s)")
        self.problems = problems


def read_content(config: SiteConfig, check: Checker, as_of: dt.date | None = None) -> Content:
    """Validate the content with ``check`` as of ``as_of`` (default as ``build``: today or
    ``SOURCE_DATE_EPOCH``) and build its model. Raises :class:`ContentInvalid` when there are
    errors (warnings do not stop the editorial commands) and ``ConfigError`` for a bad date."""
    day = resolve_as_of(config, as_of)
    records, problems = check(config, day)
    if any(map(is_error, problems)):
        raise ContentInvalid(problems)
    return Content({(r.kind, r.id): r for r in records}, build_model(records, config, day))
