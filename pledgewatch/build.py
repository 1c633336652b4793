"""The build: the whole pipeline as a short script of stages.

check (ingest + checks) -> model (records) -> generate (site pages, outputs) -> MkDocs run
(site.mkdocs_run) -> publish (site.publish: the workspace and the atomic swap). ``build()``
checks everything before it writes anything, so a failed or killed build leaves the last good
site intact.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pledgewatch.checks import batch, crosscheck, validate
from pledgewatch.core import catalogs, routes
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.context import BuildContext
from pledgewatch.core.problems import Problem, is_error
from pledgewatch.core.progress import Report, silent
from pledgewatch.ingest import load
from pledgewatch.site import mkdocs_run, publish

if TYPE_CHECKING:
    from pledgewatch.records import model


class ValidationFailed(Exception):
    """The content has errors; ``problems`` holds all of them (and the warnings)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(map(is_error, problems))} error(s) in the content")
        self.problems = problems


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the output folder, page count and the problems (warnings)."""

    out_dir: Path
    pages: int
    problems: list[Problem]


def check(config: SiteConfig, report: Report = silent, as_of: dt.date | None = None,
          ) -> tuple[list[validate.Checked], list[Problem]]:
    """Load and validate all content: every record checked, every problem returned; with
    ``as_of``, dates of things that happened later than it are errors too.

    ``report`` follows the stages ``check`` (files) and ``cross-check`` (records).
    """
    names = load.content_names(config.content_path)
    total = len(names)
    report("check", 0, total)
    problems, readable = load.folder_problems(config.content_path)  # links, stray files
    records = []
    with no_cycle_collection():
        if readable:
            records, found = batch.check_files(
                config.content_path, config.root, config.max_file_bytes, names, config.zone,
                lambda done: report("check", done, total))
            problems += found
        report("cross-check", 0, len(records))
        problems += crosscheck.check_all(records, as_of)
        report("cross-check", len(records), len(records))
    return records, sorted(problems)


@contextmanager
def no_cycle_collection():
    """Pause Python's cycle collector. Checking allocates millions of small objects (nodes,
    marks, values, references) that form no reference cycles; the collector would walk the
    growing heap again and again and free nothing: a fifth of the time of validating 10,000
    pledges."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(context: BuildContext, out_dir: Path, strict: bool = False,
          report: Report = silent) -> BuildResult:
    """Validate, then build the site into ``out_dir``, as of ``context.as_of``.

    Raises :class:`publish.UnsafeOutput` when ``out_dir`` must not be replaced and
    :class:`ValidationFailed` when the content has errors (nothing is written in these cases);
    lets MkDocs' ``Abort``/``BuildError`` and template errors through (the workspace is removed
    and ``out_dir`` is untouched). ``report`` follows every stage (see
    :mod:`pledgewatch.core.progress`).
    """
    config, as_of = context.config, context.as_of
    publish.check_out_dir(config, out_dir, mkdocs_run.TEMPLATES)
    records, problems = check(config, report, as_of)
    if any(map(is_error, problems)) or (strict and problems):
        raise ValidationFailed(problems)
    from pledgewatch.records import model  # here: validation alone needs none of it

    with catalogs.speaking(config.language):  # every word of the build in its language
        report("model", 0, len(records))
        site_model = model.build_model(records, config, as_of)
        report("model", len(records), len(records))
        del records  # MkDocs' run is the peak of memory: let it have what the records took
        with publish.workspace(out_dir) as work:
            pages, mkdocs_yml = prepare(site_model, work, report)
            del site_model  # likewise: everything MkDocs needs is in the workspace now
            mkdocs_run.run_mkdocs(mkdocs_yml, as_of, strict, report)
            report("publish", 0, None)
            publish.mark(work / "site")
            publish.swap_into_place(work / "site", out_dir)
    return BuildResult(out_dir, pages, problems)


def prepare(site_model: model.Model, work: Path, report: Report = silent) -> tuple[int, Path]:
    """Write MkDocs' whole input into ``work``: the pages and files (:func:`generate`, into
    ``docs/``) and ``mkdocs.yml``. Returns the page count and the ``mkdocs.yml`` path.

    The benchmark prepares its bare ``mkdocs build`` with this too, so both build the same.
    """
    from pledgewatch.site import site_files

    with catalogs.speaking(site_model.config.language):  # the nav titles too
        pages = generate(site_model, work / "docs", report)
        return pages, mkdocs_run.write_mkdocs_config(site_model.config, site_model.as_of, work,
                                                     site_files.redirect_maps(site_model))


def generate(site_model: model.Model, docs: Path, report: Report = silent,
             renderer=None) -> int:
    """Write MkDocs' input: the Markdown pages, the assets, the social cards, the feeds, the
    deadlines calendar and the open data. Returns the page count. This is what the golden
    tests compare. ``report`` follows ``render`` (pages), ``cards`` (cards), ``feeds`` (feeds
    and the calendar) and ``data`` (data files), so a slow stage shows as its own.
    ``renderer`` makes the renderer from the model and the template folders (default
    :class:`render.Renderer`; the preview's stops between pages when an edit arrives)."""

    with catalogs.speaking(site_model.config.language):
        return _generate(site_model, docs, report, renderer)


def _generate(site_model: model.Model, docs: Path, report: Report, renderer=None) -> int:
    """:func:`generate`, in the site's language."""
    from pledgewatch.outputs import calendar_ics, database, exports, exports_schema, feeds
    from pledgewatch.site import cards, render, site_files, templates_path

    report("render", 0, None)
    root, packaged = site_model.config.root, mkdocs_run.TEMPLATES  # root/templates overrides
    renderer = (renderer or render.Renderer)(
        site_model, templates_path.search_path(root, "pages", packaged))
    data_page = routes.page("data")
    pages = site_files.write_pages(renderer.iter_pages(), docs) + site_files.write_pages(
        [(data_page, renderer.render_page(data_page, "data", csv_columns=exports_schema.CSV_COLUMNS,
                                          fields=exports_schema.documentation()))], docs)
    site_files.write_pages(renderer.files().items(), docs)
    templates_path.copy_assets(root, docs, packaged)
    report("render", pages, pages)
    report("cards", 0, None)
    written = cards.write_cards(site_model, docs).written
    report("cards", written, written)
    report("feeds", 0, None)
    written = len(feeds.write_feeds(site_model, docs)) + len([
        calendar_ics.write_calendar(site_model, docs)])
    report("feeds", written, written)
    report("data", 0, None)
    written = len(exports.write_exports(site_model, docs))
    written += len(database.write_database(site_model, docs))  # records.db, CSVs, metadata
    report("data", written, written)
    return pages
