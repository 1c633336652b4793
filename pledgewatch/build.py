"""Stage 5, build: the whole pipeline as a short script, and the safe swap into place.

``build()`` checks everything before it writes anything, renders pages and feeds into a fresh
workspace beside the output folder, runs MkDocs there, and only then exchanges the new site with
the old one in a single rename, so a failed or killed build leaves the last good site intact.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import gc
import html
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from pledgewatch.checks import crosscheck, validate
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.problems import ConfigError, Problem, is_error
from pledgewatch.core.progress import Report, silent
from pledgewatch.ingest import load

if TYPE_CHECKING:
    from pledgewatch.records import model

TEMPLATES = Path(__file__).resolve().parent / "site" / "templates"
WORKSPACE_PREFIX = ".pledgewatch-build-"
NAV = [
    {"Home": "index.md"},
    {"Pledges": "pledges/index.md"},
    {"Topics": "topics/index.md"},
    {"Deadlines": "deadlines.md"},
    {"Updates": "updates.md"},
    {"Quotes": "quotes.md"},
    {"Sources": "sources.md"},
    {"People and organisations": "actors/index.md"},
    {"Open data": "data.md"},
    {"About": "about.md"},
]


class ValidationFailed(Exception):
    """The content has errors; ``problems`` holds all of them (and the warnings)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{sum(map(is_error, problems))} error(s) in the content")
        self.problems = problems


class UnsafeOutput(Exception):
    """The output folder cannot be replaced safely (it holds the sources, say); nothing was
    written. The CLI exits with status 2."""


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
    records, problems, zone = [], [], config.zone
    report("check", 0, total)
    # Check each file as it is parsed, so only one node tree is alive at a time.
    tree = load.iter_tree(config.content_path, config.root, config.max_file_bytes, names)
    with _no_cycle_collection():
        for document, found in tree:
            problems += found
            if document is not None:
                record, found = validate.check_document(document, zone)
                records.append(record)
                problems += found
                report("check", len(records), total)
        report("cross-check", 0, len(records))
        problems += crosscheck.check_all(records, as_of)
        report("cross-check", len(records), len(records))
    return records, sorted(problems)


@contextmanager
def _no_cycle_collection():
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


def resolve_as_of(config: SiteConfig, as_of: dt.date | None) -> dt.date:
    """``--as-of``, else ``SOURCE_DATE_EPOCH`` (reproducible-builds.org), else today, in the
    site's time zone: the calendar date there at that moment, whatever the date is in UTC.

    Raises :class:`ConfigError` for a malformed ``SOURCE_DATE_EPOCH`` (the specification asks
    builds to fail rather than guess; an empty one counts as unset) and for a date outside
    :data:`AS_OF_RANGE`.
    """
    if as_of is not None:
        return _stampable(as_of, f"--as-of {as_of}")
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return dt.datetime.now(config.zone).date()
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


def build(config: SiteConfig, out_dir: Path, as_of: dt.date | None = None,
          strict: bool = False, report: Report = silent) -> BuildResult:
    """Validate, then build the site into ``out_dir``.

    Raises :class:`UnsafeOutput` when ``out_dir`` must not be replaced, :class:`ConfigError`
    for a malformed ``SOURCE_DATE_EPOCH`` and :class:`ValidationFailed` when the content has
    errors (nothing is written in these cases); lets MkDocs' ``Abort``/``BuildError`` and
    template errors through (the workspace is removed and ``out_dir`` is untouched).
    ``report`` follows every stage (see :mod:`pledgewatch.core.progress`).
    """
    check_out_dir(config, out_dir)
    as_of = resolve_as_of(config, as_of)
    records, problems = check(config, report, as_of)
    if any(map(is_error, problems)) or (strict and problems):
        raise ValidationFailed(problems)
    from pledgewatch.records import model  # here, not at the top: validation alone needs none of it

    report("model", 0, len(records))
    site_model = model.build_model(records, config, as_of)
    report("model", len(records), len(records))
    del records  # MkDocs' run is the peak of memory: let it have what the records took
    with workspace(out_dir) as work:
        pages, mkdocs_yml = prepare(site_model, work, report)
        del site_model  # likewise: everything MkDocs needs is in the workspace now
        run_mkdocs(mkdocs_yml, as_of, strict, report)
        report("publish", 0, None)
        swap_into_place(work / "site", out_dir)
    return BuildResult(out_dir, pages, problems)


def check_out_dir(config: SiteConfig, out_dir: Path) -> None:
    """Refuse an output folder whose replacement would lose or pollute source files.

    The swap replaces ``out_dir`` as a whole and deletes what was there, so it must not be, or
    contain, the content folder, the templates, the folder of ``site_config.yml`` or the working
    folder; generated files never go inside content or templates; and a folder that exists must
    be empty or a site built before (it has an ``index.html``), never, say, ``docs/``. Raises
    :class:`UnsafeOutput` naming the folder and the reason.
    """
    out = out_dir.resolve()
    sources = {"the content folder": config.content_path.resolve(), "the templates": TEMPLATES,
               "the site configuration's folder": config.root.resolve(),
               "the working folder": Path.cwd().resolve()}
    for name, path in sources.items():
        if out == path or out in path.parents:
            relation = "is" if out == path else "contains"
            raise UnsafeOutput(f"{out_dir}: refusing to replace this folder: it {relation} "
                               f"{name} ({path}); choose another --out, such as 'site'")
    for name in ("the content folder", "the templates"):
        if sources[name] in out.parents:
            raise UnsafeOutput(f"{out_dir}: refusing to write into {name}; generated files "
                               "never go there; choose another --out, such as 'site'")
    if out.exists() and not out.is_dir():
        raise UnsafeOutput(f"{out_dir}: exists and is not a folder; choose another --out")
    if out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file():
        raise UnsafeOutput(f"{out_dir}: refusing to replace a folder that is not a built site "
                           "(it has no index.html); empty it or choose another --out")


def prepare(site_model: model.Model, work: Path, report: Report = silent) -> tuple[int, Path]:
    """Write MkDocs' whole input into ``work``: the pages and files (:func:`generate`, into
    ``docs/``) and ``mkdocs.yml``. Returns the page count and the ``mkdocs.yml`` path.

    The benchmark prepares its bare ``mkdocs build`` with this too, so both build the same.
    """
    from pledgewatch.site import render

    pages = generate(site_model, work / "docs", report)
    return pages, write_mkdocs_config(site_model.config, site_model.as_of, work,
                                      render.redirect_maps(site_model))


def generate(site_model: model.Model, docs: Path, report: Report = silent) -> int:
    """Write MkDocs' input: the Markdown pages, the assets, the feeds, the deadlines calendar
    and the open data. Returns the page count. This is what the golden tests compare.
    ``report`` follows ``render`` (pages) and ``feeds`` (files)."""
    from pledgewatch.outputs import calendar_ics, exports, exports_schema, feeds
    from pledgewatch.site import render

    report("render", 0, None)
    renderer = render.Renderer(site_model, TEMPLATES)
    pages = renderer.pages()
    pages["data.md"] = renderer.render("data.md.j2", fields=exports_schema.documentation(),
                                       csv_columns=exports_schema.CSV_COLUMNS)
    render.write_pages(pages, docs)
    render.write_pages(renderer.files(), docs)
    shutil.copytree(TEMPLATES / "assets", docs / "assets")
    report("render", len(pages), len(pages))
    report("feeds", 0, None)
    written = feeds.write_feeds(site_model, docs)
    calendar_ics.write_calendar(site_model, docs)
    exports.write_exports(site_model, docs)
    report("feeds", len(written), len(written))
    return len(pages)


def mkdocs_config(config: SiteConfig, as_of: dt.date,
                  redirects: dict[str, str] | None = None) -> dict:
    """The MkDocs configuration derived from ``site_config.yml`` (one file for the owner).

    ``redirects`` is the mkdocs-redirects ``redirect_maps`` (see ``render.redirect_maps``).
    ``repo_url`` is deliberately not passed on: Material would fetch the repository's facts
    from the GitHub API on every page, and no request may leave the site.
    """
    from pledgewatch.core.text import long_date

    return {
        "site_name": config.site_name,
        "site_url": config.site_url,
        # Material prints it unescaped into <meta name="description" content="...">.
        "site_description": html.escape(config.description, quote=True),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(TEMPLATES / "overrides"),
            "language": config.language,
            "font": False,  # no request may leave the site: no Google Fonts
            "features": ["navigation.sections", "navigation.top", "search.highlight"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-night", "name": "Switch to dark mode"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-sunny", "name": "Switch to light mode"}},
            ],
        },
        "extra_css": ["assets/pledgewatch.css"],
        "extra": {"as_of": long_date(as_of), "generator": False},
        "markdown_extensions": ["tables", "attr_list", "md_in_html",
                                {"toc": {"permalink": True}}],
        "plugins": [{"search": {"lang": config.language}},
                    {"redirects": {"redirect_maps": dict(redirects or {})}}],
        "hooks": [str(Path(__file__).parent / "site" / "search_scope.py")],
        "nav": NAV,
        "not_in_nav": "/pledges/*.md\n/actors/*.md\n/status/*.md\n/topics/*.md\n/corrections.md\n",
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn"},
            "links": {"absolute_links": "relative_to_docs", "unrecognized_links": "warn",
                      "anchors": "warn"},
        },
    }


def write_mkdocs_config(config: SiteConfig, as_of: dt.date, work: Path,
                        redirects: dict[str, str] | None = None) -> Path:
    """Write ``mkdocs.yml`` into the workspace, so a bare ``mkdocs build`` can re-run it."""
    path = work / "mkdocs.yml"
    path.write_text(yaml.safe_dump(mkdocs_config(config, as_of, redirects), sort_keys=False,
                                   allow_unicode=True), encoding="utf-8")
    return path


def run_mkdocs(config_file: Path, as_of: dt.date, strict: bool, report: Report = silent,
               ) -> None:
    """Run ``mkdocs build`` in-process.

    MkDocs dates the sitemap (``lastmod``) and stamps ``sitemap.xml.gz``'s gzip header with
    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org). It is set to midnight UTC of the as-of date
    for the run, whatever the caller's environment says, so the output depends on the content
    and the as-of date only; the caller's value is restored afterwards. ``report`` follows
    MkDocs' two page loops: ``mkdocs markdown`` (Markdown to HTML) and ``mkdocs html`` (pages
    written through the theme).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    epoch = int(dt.datetime.combine(as_of, dt.time(), dt.UTC).timestamp())
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        report("mkdocs markdown", 0, None)
        mkdocs_config = load_config(str(config_file), strict=strict)
        # Added here rather than in mkdocs.yml: a bare `mkdocs build` of the workspace runs
        # without it, and the benchmark charges its cost to Pledgewatch.
        mkdocs_config.plugins["pledgewatch/progress"] = _mkdocs_follower(report)
        # What is alive now (modules, the configuration) lives through the run: frozen, the
        # cycle collector stops walking it again and again while MkDocs allocates (4% faster).
        gc.collect()
        gc.freeze()
        try:
            mkdocs_build(mkdocs_config)
        finally:
            gc.unfreeze()  # `serve` builds again and again: let later collections see it all
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def _mkdocs_follower(report: Report):
    """A MkDocs plugin that reports the page loops; it runs after every other plugin."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Follower(BasePlugin):
        pages = converted = written = 0

        @event_priority(-100)
        def on_files(self, files, config):
            self.pages = len(files.documentation_pages())
            report("mkdocs markdown", 0, self.pages)
            return files

        @event_priority(-100)
        def on_page_content(self, html, page, config, files):
            self.converted += 1
            report("mkdocs markdown", self.converted, self.pages)
            return html

        @event_priority(100)
        def on_env(self, env, config, files):
            report("mkdocs html", 0, self.pages)
            return env

        @event_priority(-100)
        def on_post_page(self, output, page, config):
            self.written += 1
            report("mkdocs html", self.written, self.pages)
            return output

    return Follower()


@contextmanager
def workspace(out_dir: Path):
    """A fresh folder beside ``out_dir`` (same file system, so the swap is one rename).

    Removed on success and on failure; folders left by killed builds are swept first.
    """
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    sweep_stale_workspaces(parent)
    work = Path(tempfile.mkdtemp(prefix=f"{WORKSPACE_PREFIX}{os.getpid()}-", dir=parent))
    try:
        yield work
    finally:
        shutil.rmtree(work, ignore_errors=True)


def sweep_stale_workspaces(parent: Path) -> None:
    """Remove workspaces whose build process no longer runs (killed with SIGKILL, say)."""
    for folder in parent.glob(f"{WORKSPACE_PREFIX}*"):
        pid = folder.name[len(WORKSPACE_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def swap_into_place(new_site: Path, out_dir: Path) -> None:
    """Put ``new_site`` at ``out_dir`` atomically; the old site ends up at ``new_site``.

    Uses Linux ``renameat2(RENAME_EXCHANGE)`` so there is no moment without a site; elsewhere,
    two renames.
    """
    out_dir = out_dir.resolve()
    if not out_dir.exists():
        os.rename(new_site, out_dir)
        return
    if not _exchange(new_site, out_dir):
        parked = new_site.with_name("old-site")
        os.rename(out_dir, parked)
        os.rename(new_site, out_dir)
        os.rename(parked, new_site)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0
