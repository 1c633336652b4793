"""The live preview's incremental rebuild (``pledgewatch serve``): after an edit, only the
changed content files are checked again, and only pages whose Markdown changed go through
MkDocs.

An update runs in two steps:

1. :meth:`Preview.update`, before the browser is told to reload: the changed files are read and
   checked again (the other files' results are kept, by path, size, modification time and
   inode, :class:`CheckCache`); the cross-record checks and the model run on the whole. Then
   each changed pledge's or actor's own page is rendered; those whose Markdown changed are
   written and go through MkDocs into the served site.
2. :meth:`Preview.finish`, in the background right after: first the listing pages with a
   changed record on them (and the home page) likewise, and the browser reloads again; then
   everything ``pledgewatch build`` generates (:func:`build.generate`: every page, the feeds,
   the calendar, the open data, the badges and social cards) is generated into a scratch
   folder; only files whose bytes changed
   replace those of the workspace's ``docs/`` (the others keep their modification time); the
   changed pages go through MkDocs, the other changed files are copied, pages and files no
   longer generated are deleted, the sitemap is written again when pages came or went, and
   Pagefind indexes the site again. Then the served site is what a full build of the same
   content makes, file for file (``tests/test_preview.py``). A newer edit stops this step
   before its next page or stage; the next one does its work.

Step 1 and the first part of step 2 are a shortcut that only makes the change visible sooner:
the pages they choose are rendered exactly as the build renders them, and whatever else
changed is found by the comparison of step 2.

A whole build, into a fresh folder swapped in when complete, starts the preview and follows an
edit of ``site_config.yml`` or of a template, a change of a record's earlier ids (the
redirects), and a new day when no as-of date was given.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from pledgewatch import build as pipeline
from pledgewatch.checks import batch, crosscheck, validate
from pledgewatch.core import catalogs
from pledgewatch.core.config import SiteConfig, load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.core.problems import ConfigError, Problem, is_error
from pledgewatch.ingest import load
from pledgewatch.site import docs_sync, mkdocs_run, publish, render, site_files, templates_path
from pledgewatch.site.mkdocs_session import Session


class CheckCache:
    """Each content file's check result, kept between rebuilds and made again only for files
    that are new or whose size, modification time (ns), inode or change time differ."""

    def __init__(self) -> None:
        self.files: dict[tuple[str, str], tuple] = {}  # (kind, name) -> (stamp, record, problems)

    def check(self, config: SiteConfig, as_of: dt.date,
              ) -> tuple[list[validate.Checked], list[Problem], set[str]]:
        """As :func:`build.check`: ``(records, problems)``, and the ids of the records whose
        files changed, came or went since the last call."""
        content = config.content_path
        problems, readable = load.folder_problems(content)  # links, stray files
        names = load.content_names(content) if readable else []
        stamps = {name: _file_stamp(content / name[0] / name[1]) for name in names}
        stale = [name for name in names if stamps[name] is None
                 or self.files.get(name, (None,))[0] != stamps[name]]
        records, changed, kept = [], set(), {}
        with pipeline.no_cycle_collection():
            fresh = dict(zip(stale, batch.check_each(content, config.root, config.max_file_bytes,
                                                     stale, config.zone), strict=True))
            for name in names:
                found = (stamps[name], *fresh[name]) if name in fresh else self.files[name]
                if name in fresh:
                    changed.add(found[1].id)
                kept[name] = found
                records.append(found[1])
                problems += found[2]
            changed |= {name.rsplit(".", 1)[0] for _, name in self.files.keys() - kept.keys()}
            self.files = kept
            problems += crosscheck.check_all(records, as_of)
        return records, sorted(problems), changed


CHUNK = 5
"""Pages built between two looks at whether a newer edit waits: a listing page of 1,000
pledges takes MkDocs about a tenth of a second."""


class Superseded(Exception):
    """A newer edit arrived while :meth:`Preview.finish` ran; the next update redoes it."""


class _Planner(render.Renderer):
    """A renderer whose :meth:`plan` lists every page without rendering it: path -> a call
    that renders it (its keyword arguments are the template's context)."""

    planning = False

    def render_page(self, path: str, name: str, **context):  # noqa: D102 - as Renderer's
        if self.planning:
            return functools.partial(render.Renderer.render_page, self, path, name, **context)
        return super().render_page(path, name, **context)

    def plan(self) -> dict | None:
        """Every page's path -> a call rendering it; ``None`` when the pages cannot be
        planned (then only the background step renders them)."""
        self.planning = True
        try:
            planned = self.pages()
        except Exception:  # noqa: BLE001 - pages() that works on the text it renders
            return None
        finally:
            self.planning = False
        return planned if all(map(callable, planned.values())) else None


class _Stoppable(render.Renderer):
    """A renderer that calls ``stopped()`` before each page (which raises
    :class:`Superseded` when a newer edit waits)."""

    def __init__(self, model, template_dirs, stopped):  # noqa: D107
        super().__init__(model, template_dirs)
        self.stopped = stopped

    def render_page(self, path: str, name: str, **context) -> str:  # noqa: D102 - as Renderer's
        self.stopped()
        return super().render_page(path, name, **context)


def _own(call, ids: set[str]) -> bool:
    """Whether the planned page ``call`` is the page of a record of ``ids``."""
    own = call.keywords.get("p") or call.keywords.get("a")
    return own is not None and own.id in ids


def _lists(call, ids: set[str]) -> bool:
    """Whether the planned page ``call`` lists a record of ``ids`` (or an update of one)."""
    return any(getattr(row, "id", None) in ids or getattr(row, "pledge", None) in ids
               for row in call.keywords.get("rows") or ())


@dataclass
class _Workspace:
    """The live generation: ``folder`` holds ``docs/``, ``site/`` (served) and ``search/``."""

    folder: Path
    session: Session
    stamp: tuple
    redirects: dict
    pages: int


class Preview:
    """The preview of the site of ``config_path`` in ``scratch``, served from ``served``
    (a symbolic link to the live generation's site). ``wanted()`` says a newer edit waits."""

    def __init__(self, config_path: Path, as_of: dt.date | None, scratch: Path,
                 wanted=lambda: False):
        self.config_path, self.as_of, self.scratch, self.wanted = (
            config_path, as_of, scratch, wanted)
        self.served = scratch / "site"
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.checks, self.live, self.model = CheckCache(), None, None
        self.published = lambda: None  # called when pages changed after update() returned
        self.planned: dict | None = None  # every page of the last update's model, unrendered
        self.unpublished: set[str] = set()  # ids changed whose listing pages are not rebuilt
        self.pending: set[str] = set()  # docs files newer than what the site shows
        self.sitemap = self.reindex = False  # pages came or went; changed since indexed
        self.changed_pages, self.generation = 0, 0

    def update(self) -> str:
        """The first step (see the module's description); returns what it did in words.
        Raises what :func:`build.build` raises (``ConfigError`` too); the served site is
        then unchanged."""
        self.stop.set()  # the background step stops at its next stage
        with self.lock:
            self.stop.clear()
            config = load_config(self.config_path)
            if not config.content_path.is_dir():  # moved away while serving: no empty site
                raise ConfigError(f"content folder {config.content_path} not found")
            context = BuildContext.resolve(config, self.as_of)
            stamp = (_stamp([self.config_path]), _stamp(_template_files(config)), context.as_of)
            if self.live is None or self.live.stamp != stamp:
                return self._whole(context, stamp)
            return self._update(context)

    def _update(self, context: BuildContext) -> str:
        started = time.perf_counter()
        config, live = context.config, self.live
        records, problems, changed = self.checks.check(config, context.as_of)
        self.unpublished |= changed
        if any(map(is_error, problems)):
            raise pipeline.ValidationFailed(problems)
        from pledgewatch.records import model as records_model

        with catalogs.speaking(config.language):
            model = records_model.build_model(records, config, context.as_of)
            if site_files.redirect_maps(model) != live.redirects:
                return self._whole(context, live.stamp)
            renderer = _Planner(model, templates_path.search_path(config.root, "pages",
                                                                  mkdocs_run.TEMPLATES))
            planned = renderer.plan() or {}
            written = self._publish(planned, [path for path, call in planned.items()
                                              if _own(call, self.unpublished)])
        self.model, self.planned = model, planned
        return f"updated {len(written)} page(s) in {time.perf_counter() - started:.2f} s"

    def _publish(self, planned: dict, paths: list[str]) -> list[str]:
        """Render the planned pages at ``paths``, write those whose Markdown changed and
        build them into the site; returns their paths."""
        live, docs = self.live, self.live.folder / "docs"
        written = [path for path in paths if docs_sync.write(docs / path, planned[path]())]
        if not all(map(live.session.has_page, written)):  # a new record's page
            self._refresh()
        live.session.build(written)
        self.pending -= set(written)
        self.reindex |= bool(written)
        self.changed_pages += len(written)
        return written

    def finish(self) -> str | None:
        """The second step (see the module's description), after :meth:`update`; returns
        what it did in words, or ``None`` when a newer edit stopped it or there is nothing to
        finish. Raises as :meth:`update`."""
        with self.lock:
            if self.model is None or self.live is None:
                return None
            started = time.perf_counter()
            try:
                added, other = self._finish()
            except Superseded:
                return None
            pages, self.changed_pages = self.changed_pages + added, 0
            return (f"built {self.live.pages} pages ({pages} changed, {other} other file(s) "
                    f"updated; feeds, data and search up to date in "
                    f"{time.perf_counter() - started:.2f} s)")

    def _stopped(self, *_ignored) -> None:
        if self.stop.is_set() or self.wanted():
            raise Superseded

    def _finish(self) -> tuple[int, int]:
        live, session = self.live, self.live.session
        if self.planned is not None:  # the listing pages of the changed records first
            ids = self.unpublished
            with catalogs.speaking(self.model.config.language):
                shown = self._publish(self.planned, [
                    path for path, call in self.planned.items()
                    if not _own(call, ids) and (path == "index.md" or _lists(call, ids))])
            self.planned, self.unpublished = None, set()
            if shown:
                self.published()
            self._stopped()
        docs, fresh = live.folder / "docs", self.scratch / "next-docs"
        shutil.rmtree(fresh, ignore_errors=True)
        try:
            live.pages = pipeline.generate(self.model, fresh, self._stopped, functools.partial(
                _Stoppable, stopped=self._stopped))
            self._stopped()
            changed, removed, added = docs_sync.sync(fresh, docs)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
        self.pending |= changed
        for path in removed:
            self._delete(path)
        if removed or added:
            self._refresh()
        self._stopped()
        pages = sorted(p for p in self.pending if session.has_page(p))
        for start in range(0, len(pages), CHUNK):
            self._stopped()
            chunk = pages[start:start + CHUNK]
            session.build(chunk)
            self.pending -= set(chunk)
            self.reindex = True
        other = sorted(self.pending)
        for path in other:
            session.copy(path)
            self.pending.discard(path)
        if self.sitemap:
            session.theme_templates()  # the sitemap lists every page
            self.sitemap = False
        if pages or other:
            self.published()
        self._stopped()
        if self.reindex:
            session.reindex(self.scratch)
            self.reindex = False
        self.model = None
        return len(pages), len(other)

    def _refresh(self) -> None:
        """MkDocs' files anew after docs files came or went. A page links to another page or
        file by its docs-relative path (``/pledges/x.md``), and MkDocs writes such a link
        differently when its target exists: the pages that name one that came or went are
        built again even when their Markdown did not change."""
        session, docs = self.live.session, self.live.folder / "docs"
        moved = session.refresh()
        self.sitemap |= any(path.endswith(".md") for path in moved)
        names = [f"/{path}" for path in moved]
        for file in session.files.documentation_pages():
            text = (docs / file.src_uri).read_text(encoding="utf-8")
            if any(name in text for name in names):
                self.pending.add(file.src_uri)

    def _delete(self, path: str) -> None:
        """Remove what the site has of docs-relative ``path``, which is no longer generated."""
        session = self.live.session
        file = session.files.get_file_from_path(path)
        if file is None:
            return
        if file.is_documentation_page():
            session.forget(file.url)
            self.reindex = True
        target = Path(file.abs_dest_path)
        target.unlink(missing_ok=True)
        docs_sync.remove_empty_folders(target, session.site)
        self.pending.discard(path)

    def _whole(self, context: BuildContext, stamp: tuple) -> str:
        """Check everything, build the whole site into a fresh folder, then serve it."""
        config, as_of = context.config, context.as_of
        self.checks = CheckCache()
        records, problems, _ = self.checks.check(config, as_of)
        if any(map(is_error, problems)):  # the last good site keeps being served
            raise pipeline.ValidationFailed(problems)
        from pledgewatch.records import model as records_model

        self.generation += 1
        folder = self.scratch / f"gen-{self.generation}"
        try:
            with catalogs.speaking(config.language):
                model = records_model.build_model(records, config, as_of)
                pages, mkdocs_yml = pipeline.prepare(model, folder)
                session = Session.run(mkdocs_yml, as_of, folder / "search")
            publish.mark(folder / "site")
            link = self.scratch / "site-next"
            link.unlink(missing_ok=True)
            link.symlink_to(folder / "site", target_is_directory=True)
            os.replace(link, self.served)  # one rename: the server never sees no site
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if self.live is not None:
            shutil.rmtree(self.live.folder, ignore_errors=True)
        self.live = _Workspace(folder, session, stamp, site_files.redirect_maps(model), pages)
        self.model, self.planned, self.unpublished, self.pending = None, None, set(), set()
        self.sitemap = self.reindex = False
        self.changed_pages = 0
        return f"built {pages} pages"


def _template_files(config: SiteConfig) -> list[Path]:
    """Every file of the packaged templates and of the tracker's own, if any."""
    folders = [mkdocs_run.TEMPLATES, templates_path.tracker_templates(config.root)]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                  if p.is_file())


def _file_stamp(path: Path) -> tuple | None:
    """Size, modification and change time (ns) and inode of a content file, ``None`` when it
    cannot be read: what says it changed since it was checked."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns)


def _stamp(paths: list[Path]) -> tuple:
    """Path, size and modification time (ns) of each of ``paths`` (``None`` if missing)."""
    out = []
    for path in paths:
        try:
            info = path.stat()
            out.append((str(path), info.st_size, info.st_mtime_ns))
        except OSError:
            out.append((str(path), None))
    return tuple(out)
