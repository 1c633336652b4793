"""The MkDocs run: the MkDocs configuration derived from ``site_config.yml``, and the build.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import os
from contextlib import contextmanager
from pathlib import Path

import yaml

from pledgewatch.core import routes
from pledgewatch.core.catalogs import gettext_
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.progress import Report, silent
from pledgewatch.core.text import long_date
from pledgewatch.core.wording import date_words
from pledgewatch.site import templates_path

TEMPLATES = Path(__file__).resolve().parent / "templates"
SEARCH_HOOK = Path(__file__).resolve().parent / "search_scope.py"
TEMPLATES_HOOK = Path(__file__).resolve().parent / "templates_path.py"
I18N_HOOK = Path(__file__).resolve().parent / "i18n.py"  # the overrides' {% trans %}
SITEMAP_HOOK = Path(__file__).resolve().parent / "sitemap.py"  # sitemap.xml as an index
HTML_HOOK = Path(__file__).resolve().parent / "html_pages.py"  # HTML pages skip Markdown


def masthead(config: SiteConfig) -> dict[str, str]:
    """The masthead values the theme's footer prints on every page (``config.extra.masthead``,
    see ``overrides/partials/copyright.html``): plain text, escaped by the template."""
    since = config.since_date
    return {"publisher": config.publisher, "contact_url": config.contact_url,
            "licence": config.licence, "licence_url": config.licence_url,
            "repo_url": config.repo_url,
            "since": date_words(since, config.language) if since else ""}


def mkdocs_config(config: SiteConfig, as_of: dt.date,
                  redirects: dict[str, str] | None = None) -> dict:
    """The MkDocs configuration derived from ``site_config.yml`` (one file for the owner).

    ``redirects`` is the mkdocs-redirects ``redirect_maps`` (see ``site_files.redirect_maps``).
    ``repo_url`` is deliberately not passed on: Material would fetch the repository's facts
    from the GitHub API on every page, and no request may leave the site.
    """
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
            # The tracker's templates/overrides first, when it has one (templates_path).
            "custom_dir": str(templates_path.custom_dir(config.root, TEMPLATES)),
            "language": theme_language(config.language),
            "font": False,  # no request may leave the site: no Google Fonts
            "features": ["navigation.sections", "navigation.top", "search.highlight"],
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-night",
                            "name": gettext_("Switch to dark mode")}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                 "primary": "indigo", "accent": "indigo",
                 "toggle": {"icon": "material/weather-sunny",
                            "name": gettext_("Switch to light mode")}},
            ],
        },
        "extra_css": ["assets/pledgewatch.css", "assets/pledgewatch-icons.css"],
        "extra": {"as_of": long_date(as_of), "generator": False,
                  "masthead": masthead(config)},
        "markdown_extensions": ["tables", "attr_list", "md_in_html",
                                {"toc": {"permalink": True,
                                         "permalink_title": gettext_("Permanent link")}}],
        "plugins": [{"search": {"lang": config.language}},
                    {"redirects": {"redirect_maps": dict(redirects or {})}}],
        "hooks": [str(SEARCH_HOOK), str(TEMPLATES_HOOK), str(I18N_HOOK), str(HTML_HOOK),
                  str(SITEMAP_HOOK)],
        "nav": [{gettext_(title): page} for entry in routes.nav() for title, page in entry.items()],
        "not_in_nav": routes.not_in_nav(),
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
               plugins: dict | None = None) -> None:
    """Run ``mkdocs build`` in-process.

    MkDocs dates the sitemap (``lastmod``) and stamps ``sitemap.xml.gz``'s gzip header with
    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org). It is set to midnight UTC of the as-of date
    for the run, whatever the caller's environment says, so the output depends on the content
    and the as-of date only; the caller's value is restored afterwards. ``report`` follows
    MkDocs' two page loops: ``mkdocs markdown`` (Markdown to HTML) and ``mkdocs html`` (pages
    written through the theme), then ``search`` (the Pagefind index, :mod:`search_scope`).
    ``plugins`` (name -> plugin object) are added after every other plugin (the preview's,
    :mod:`pledgewatch.preview`, keeps what the run made).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    with build_epoch(as_of):
        report("mkdocs markdown", 0, None)
        mkdocs_config = load_config(str(config_file), strict=strict)
        # Added here rather than in mkdocs.yml: a bare `mkdocs build` of the workspace runs
        # without it, and the benchmark charges its cost to Pledgewatch.
        mkdocs_config.plugins["pledgewatch/progress"] = _mkdocs_follower(report)
        for name, plugin in (plugins or {}).items():
            mkdocs_config.plugins[name] = plugin
        # What is alive now (modules, the configuration) lives through the run: frozen, the
        # cycle collector stops walking it again and again while MkDocs allocates (4% faster).
        gc.collect()
        gc.freeze()
        try:
            mkdocs_build(mkdocs_config)
        finally:
            gc.unfreeze()  # `serve` builds again and again: let later collections see it all


@contextmanager
def build_epoch(as_of: dt.date):
    """While inside, ``SOURCE_DATE_EPOCH`` is midnight UTC of ``as_of`` (see
    :func:`run_mkdocs`); the caller's value is restored afterwards."""
    epoch = int(dt.datetime.combine(as_of, dt.time(), dt.UTC).timestamp())
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
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

        @event_priority(-99)  # after the sitemap (-90), before the search index (-100)
        def on_post_build(self, config):
            report("search", 0, None)

    return Follower()


def theme_language(tag: str) -> str:
    """The Material theme language for a BCP 47 ``tag``: the tag itself when Material has
    translations for it (``pt-BR``), else its primary language (``de`` for ``de-CH``), else
    ``en``. Material has a fixed set of languages and fails on any other."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    primary = tag.split("-", 1)[0].lower()
    for candidate in (tag, primary):
        if (languages / f"{candidate}.html").is_file():
            return candidate
    return "en"
