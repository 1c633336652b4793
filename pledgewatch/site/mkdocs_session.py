"""The preview's MkDocs session: one whole MkDocs run that keeps what it made, then single
pages rebuilt from that state after an edit (``pledgewatch serve``, :mod:`pledgewatch.preview`).

A whole run (:meth:`Session.run`) is :func:`mkdocs_run.run_mkdocs` with one more plugin that
keeps MkDocs' configuration, theme environment, files and navigation, and the search's narrowed
copy of every page (:mod:`search_scope`) in a folder that outlives the run. After an edit,
:meth:`Session.build` runs for each changed page the two steps MkDocs' own build runs for every
page (``_populate_page``: read the Markdown, convert it, the plugins' page events;
``_build_page``: the theme's template, the plugins, write the HTML), with the kept state.

Why not ``mkdocs build --dirty``: it still makes every page object, walks the navigation,
writes the sitemap and the redirects, and its ``on_post_build`` would have Pagefind index the
rebuilt pages alone. What a page's HTML depends on besides its own Markdown is the same for
every page (the configuration, the navigation, whose titles ``mkdocs.yml`` names, the theme),
so a page whose Markdown did not change keeps its HTML. Anchors of links between pages are
checked by whole runs only (a warning, never a failure, outside ``--strict``).
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from pledgewatch.core.progress import Report, silent
from pledgewatch.site import mkdocs_run, search_index
from pledgewatch.site.publish import swap_into_place


class KeptPages(search_index.Pages):
    """The search's narrowed pages in ``folder``, kept after indexing so a page can be
    replaced and the site indexed again."""

    def __init__(self, language: str, folder: Path):  # noqa: D107 - no temporary folder
        self.language, self.folder, self.count = language, folder, 0
        folder.mkdir(parents=True, exist_ok=True)

    def write(self, site_dir: Path, keep: bool = True) -> None:
        """Index into ``site_dir/pagefind/``, keeping the pages (see ``Pages.write``)."""
        super().write(site_dir, keep=True)

    def remove(self, url: str) -> None:
        """Forget the page at site-relative ``url``: it was removed, or is rebuilt (a page
        whose narrowed copy comes out empty is not added again)."""
        (self.folder / url / "index.html").unlink(missing_ok=True)


def _hook(mkdocs_config, path: Path = mkdocs_run.SEARCH_HOOK):
    """The hook module of file ``path`` (default :mod:`search_scope`) as MkDocs loaded it
    (MkDocs loads a hook file as a module of its own, once per process)."""
    for plugin in mkdocs_config.plugins.values():
        if getattr(plugin, "__file__", None) == str(path):
            return plugin
    raise LookupError(f"the hook {path} is not in the MkDocs configuration")


def _keeper(search_folder: Path):
    """A MkDocs plugin that keeps the run's state; it runs after every other plugin."""
    from mkdocs.plugins import BasePlugin, event_priority

    class Keeper(BasePlugin):
        config_ = files = nav = env = search = None

        @event_priority(-100)  # after search_scope's on_pre_build made its temporary folder
        def on_pre_build(self, config):
            hook = _hook(config)
            made = hook._pages
            self.search = hook._pages = KeptPages(made.language, search_folder)
            shutil.rmtree(made.folder, ignore_errors=True)

        @event_priority(-100)
        def on_nav(self, nav, config, files):
            self.nav, self.files = nav, files
            return nav

        @event_priority(-100)  # after the i18n hook installed the theme's translations
        def on_env(self, env, config, files):
            self.config_, self.env, self.files = config, env, files
            return env

    return Keeper()


class Session:
    """MkDocs' state after a whole run of the workspace's ``mkdocs.yml``, to rebuild pages
    with. ``site`` is the site folder the run wrote; ``as_of`` dates the sitemap."""

    def __init__(self, keeper, as_of: dt.date):
        self.config, self.env = keeper.config_, keeper.env
        self.files, self.nav, self.search = keeper.files, keeper.nav, keeper.search
        self.as_of = as_of
        self.site = Path(self.config.site_dir)

    @classmethod
    def run(cls, mkdocs_yml: Path, as_of: dt.date, search_folder: Path,
            report: Report = silent) -> Session:
        """The whole MkDocs run of ``mkdocs_yml`` (as :func:`mkdocs_run.run_mkdocs`), keeping
        its state and the search's narrowed pages in ``search_folder``. Lets MkDocs' errors
        through."""
        keeper = _keeper(search_folder)
        mkdocs_run.run_mkdocs(mkdocs_yml, as_of, False, report,
                              plugins={"pledgewatch/preview": keeper})
        return cls(keeper, as_of)

    def has_page(self, path: str) -> bool:
        """Whether docs-relative ``path`` is a page of the site (as of the last refresh)."""
        file = self.files.get_file_from_path(path)
        return file is not None and file.is_documentation_page()

    def build(self, paths) -> int:
        """Rebuild the pages at docs-relative Markdown ``paths`` (pages of :attr:`files`)
        from their Markdown in the docs folder; returns how many. Lets MkDocs' errors
        through."""
        from mkdocs.commands.build import _build_page, _populate_page
        from mkdocs.structure.pages import Page

        pages = []
        hook = _hook(self.config)
        hook._pages = self.search  # the hook adds each rebuilt page's narrowed copy
        with mkdocs_run.build_epoch(self.as_of):
            for path in paths:
                file = self.files.get_file_from_path(path)
                page = file.page if file.page is not None else Page(None, file, self.config)
                self.search.remove(page.url)
                _populate_page(page, self.config, self.files)
                pages.append(page)
            doc_files = self.files.documentation_pages()
            for page in pages:
                _build_page(page, self.config, doc_files, self.nav, self.env)
        hook._pages = None
        return len(pages)

    def copy(self, path: str) -> None:
        """Publish docs-relative ``path`` as the whole run did (its ``File.copy_file``, a hard
        link by :mod:`static_links`); nothing when MkDocs does not publish it (as of the last
        refresh)."""
        file = self.files.get_file_from_path(path)
        if file is not None and not file.is_documentation_page():
            file.copy_file()

    def refresh(self) -> set[str]:
        """Files, navigation and page objects made again from the docs folder, as MkDocs'
        build makes them, after files were added or removed. Pages are not read: only the
        changed ones are rebuilt (:meth:`build`). Returns the docs-relative paths that came
        or went."""
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.nav import get_navigation
        from mkdocs.structure.pages import Page

        config, before = self.config, {f.src_uri for f in self.files}
        with mkdocs_run.build_epoch(self.as_of):
            files = get_files(config)
            files.add_files_from_theme(self.env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            nav = get_navigation(files, config)
            self.nav = config.plugins.on_nav(nav, config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None:
                    Page(None, file, config)
            self.files = files
        return before ^ {f.src_uri for f in files}

    def theme_templates(self) -> None:
        """Write the theme's own templates again (``sitemap.xml`` and its gzip copy, and
        ``404.html``), after pages came or went, and split the sitemap into its index and
        parts as the :mod:`sitemap` hook does after a whole run."""
        from mkdocs.commands.build import _build_theme_template

        with mkdocs_run.build_epoch(self.as_of):
            for template in self.config.theme.static_templates:
                _build_theme_template(template, self.env, self.files, self.config, self.nav)
            _hook(self.config, mkdocs_run.SITEMAP_HOOK).on_post_build(self.config)

    def forget(self, url: str) -> None:
        """Drop a removed page's narrowed copy from the search."""
        self.search.remove(url)

    def reindex(self, scratch: Path) -> None:
        """Index the kept pages with Pagefind into a folder of ``scratch``, then swap it for
        the site's ``pagefind/`` (a fresh bundle: the old chunks' names are hashes that would
        linger). Raises ``RuntimeError`` when Pagefind fails."""
        staging = scratch / "search-next"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.search.write(staging)
        swap_into_place(staging / search_index.BUNDLE, self.site / search_index.BUNDLE)
        shutil.rmtree(staging, ignore_errors=True)
