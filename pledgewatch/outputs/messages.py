"""Outputs, messages: the generated English of the open data's documentation, for the gettext
catalogs. The Open data page's field tables (each field's type and meaning, each CSV column's
meaning) and ``metadata.json`` (each table's description and column meanings) are made from
``core.schema`` rather than written as literals, so ``pybabel extract`` cannot find them in the
code: :func:`extract` is a Babel extraction method (``babel.cfg``) that lists them instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator


def english() -> list[str]:
    """Every generated message, first use first, each once."""
    from pledgewatch.core.config import SiteConfig
    from pledgewatch.outputs import database, exports_schema
    from pledgewatch.records.model import build_model

    found = [x for kind in exports_schema.documentation().values() for _, t, m in kind
             for x in (t, m)] + [m for _, m in exports_schema.CSV_COLUMNS]
    # the tables' documentation does not depend on the records: an empty tracker has it all
    config = SiteConfig("Tracker", "https://tracker.example/")
    tables = database.tables(build_model([], config, dt.date(2000, 1, 1)))
    for table in tables.values():
        found += [table.description, *table.docs.values()]
    return list(dict.fromkeys(str(m) for m in found if m))


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:
    """Babel's extraction-method interface: ``(lineno, funcname, message, comments)`` for
    each of :func:`english`; ``fileobj`` (this module) is not read."""
    for message in english():
        yield 0, None, message, ["generated from core.schema: open data documentation"]
