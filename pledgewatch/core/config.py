"""``site_config.yml``: the one configuration file, read into a frozen :class:`SiteConfig`.

The MkDocs configuration is derived from it (see ``build.mkdocs_config``), so a site owner edits
one file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pledgewatch.core import routes
from pledgewatch.core.problems import ConfigError
from pledgewatch.core.urls import check_url

REQUIRED = object()
"""The default of a setting that ``site_config.yml`` must give."""


def setting(doc: str, default: object = REQUIRED, check=None):
    """A :class:`SiteConfig` field: its one-line documentation, its default (or
    :data:`REQUIRED`) and its check, a function ``(value) -> value`` that raises ``ValueError``
    with the message to show (the file and the setting's name are added). Each setting is
    declared once, here, with all three (the idea of MkDocs' ``config_options``)."""
    extra = {} if default is REQUIRED else {"default": default}
    return field(metadata={"doc": doc, "check": check or _text}, **extra)


def _text(value: object) -> str:
    if isinstance(value, dict | list) or value is None:
        raise ValueError("must be text")
    return str(value)


def _required_text(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("is required and must be text")
    return value


def _site_name(value: object) -> str:
    value = _required_text(value)
    # Material prints the site name unescaped in places (<title>, the header), and escaped in
    # others, so it may not hold the characters that would start markup there.
    if any(c in value for c in '<>"'):
        raise ValueError('may not contain <, > or "; it is shown as plain text')
    return value


def _site_url(value: object) -> str:
    value = _required_text(value)
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"must be an absolute http(s) URL, not {value!r}")
    # A site may be built for a local address (a preview on the owner's network).
    return _link(value, public=False).rstrip("/") + "/"


def _link(value: object, public: bool = True) -> str:
    """An address that becomes a link on every page: checked as content URLs are."""
    value = _text(value)
    problem = value and check_url(value, public)
    if problem:
        raise ValueError(f"is refused: {problem}")
    return value


def _time_zone(value: object) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"names an unknown time zone, {value!r}; use an IANA name such as "
                         "'America/New_York'") from None
    return str(value)


REPRINT_HOSTS = ("news.yahoo.com", "finance.yahoo.com", "www.yahoo.com", "www.msn.com",
                 "www.aol.com", "apple.news", "www.newsbreak.com", "flipboard.com")
"""The default ``reprint_hosts``: aggregators that republish other outlets' articles under
their own address (Yahoo, MSN, AOL, Apple News, NewsBreak, Flipboard)."""


def _hosts(value: object) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(
            isinstance(h, str) and h.strip() and "/" not in h for h in value):
        raise ValueError("must be a list of host names, such as [news.yahoo.com, www.msn.com]")
    return tuple(h.strip().lower() for h in value)
# The syntax of a BCP 47 language tag (RFC 5646, section 2.1): subtags of ASCII letters and
# digits, one to eight long, joined by hyphens; langcodes then checks the subtags against the
# IANA Language Subtag Registry.
_TAG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")


def _language(value: object) -> str:
    """A BCP 47 language tag (RFC 5646) such as ``en``, ``en-GB`` or ``pt-BR``: it reaches the
    pages' ``lang``, the feeds and the search index."""
    import langcodes

    tag = _text(value)
    if not _TAG.fullmatch(tag) or not langcodes.tag_is_valid(tag):
        raise ValueError(f"is not a BCP 47 language tag ({tag!r}); use one such as 'en', "
                         "'en-GB', 'fr' or 'pt-BR' (letters and digits joined by hyphens)")
    return tag


def _inside(value: object) -> str:
    """A folder inside the configuration's folder, checked as written (a linked folder is the
    loader's to refuse, by name)."""
    folder = _text(value)
    if os.path.isabs(folder) or os.path.normpath(folder).split(os.sep)[0] == "..":
        raise ValueError(f"is outside the folder of this file ({folder!r}); give a folder "
                         "inside it, such as 'content'")
    return folder
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")


def _contact(value: object) -> str:
    """An e-mail address, or an http(s) URL checked as links are."""
    value = _text(value)
    if value and "://" in value:
        return _link(value)
    if value and not _EMAIL.match(value):
        raise ValueError(f"must be an e-mail address or an http(s) URL, not {value!r}")
    return value


def _date(value: object) -> str:
    """An ISO date (YAML reads an unquoted one as a date already), kept as its ISO text."""
    if value in ("", None):
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"must be a date written YYYY-MM-DD, not {value!r}") from None


def _positive(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ValueError("must be a positive whole number")
    return value


@dataclass(frozen=True)
class SiteConfig:
    """Site identity and build settings, from ``site_config.yml``; each field is one setting
    (see :func:`setting`), and ``root`` is the folder holding the file, against which
    ``content_dir`` resolves."""

    site_name: str = setting("The site's name, in every page's header and title.",
                             check=_site_name)
    site_url: str = setting("The published address; may carry a sub-path (GitHub project "
                            "pages); always ends in '/'.", check=_site_url)
    description: str = setting("One or two sentences on what the site tracks.", "")
    language: str = setting("The site's language, a BCP 47 tag (en, en-GB, pt-BR), for the "
                            "theme and search.", "en", _language)
    time_zone: str = setting("IANA time zone; every date-derived state is computed in it.",
                             "UTC", _time_zone)
    repo_url: str = setting("The repository, for 'Edit this record' links; empty for none.",
                            "", _link)
    edit_branch: str = setting("The branch edit links open.", "main")
    feed_size: int = setting("How many items the site-wide feeds hold.", 50, _positive)
    page_size: int = setting("The most records (rows, entries) one page of a listing shows; "
                             "longer listings continue on page 2, 3, ...", 100, _positive)
    licence: str = setting("The content's licence, by name.", "")
    licence_url: str = setting("The licence's address.", "", _link)
    content_dir: str = setting("The content folder, relative to this file and inside its "
                               "folder.", "content", _inside)
    max_file_bytes: int = setting("The size cap of one content file, in bytes.", 1_000_000,
                                  _positive)
    review_after_days: int = setting(
        "How many days an open pledge may go unreviewed before pledgewatch review lists it.",
        90, _positive)
    reprint_hosts: tuple[str, ...] = setting(
        "Host names that republish other outlets' articles; a source cited there while its "
        "publisher is another outlet is on the review list.", REPRINT_HOSTS, _hosts)
    intro: str = setting("The home page's opening: what is tracked, why and by whom.", "")
    publisher: str = setting("Who publishes the tracker, named in every page's footer.", "")
    contact: str = setting("An e-mail address or http(s) URL for readers, in the footer.", "",
                           _contact)
    since: str = setting("The date tracking began (YYYY-MM-DD), in the footer.", "", _date)
    root: Path = field(default=Path("."), metadata={"doc": "", "check": None})

    @property
    def zone(self) -> ZoneInfo:
        """The site's time zone; every date-derived state is computed in it."""
        return ZoneInfo(self.time_zone)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def domain(self) -> str:
        """Host name of ``site_url``, used in ``tag:`` URIs (RFC 4151)."""
        return urlsplit(self.site_url).hostname or "localhost"

    def absolute(self, path: str) -> str:
        """An absolute URL for a site-relative path such as ``pledges/x/``."""
        return self.site_url + path.lstrip("/")

    def permalink(self, kind: str, record_id: str) -> str:
        """Absolute address of a record on the site, e.g. ``https://SITE/pledges/ID/`` or
        ``https://SITE/sources/#ID`` (``kind`` is a route name, see :mod:`routes`)."""
        return self.absolute(routes.url(kind, record_id))

    @property
    def contact_url(self) -> str:
        """``contact`` as a link target: ``mailto:`` for an e-mail address, else the URL."""
        if self.contact and "://" not in self.contact:
            return f"mailto:{self.contact}"
        return self.contact

    @property
    def since_date(self) -> dt.date | None:
        """``since`` as a date, or ``None`` when not given."""
        return dt.date.fromisoformat(self.since) if self.since else None

    def edit_url(self, relpath: str) -> str:
        """The repository web editor's address for a file, or ``""`` without a repository."""
        if not self.repo_url:
            return ""
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{relpath}"


def load_config(path: Path) -> SiteConfig:
    """Read and check ``site_config.yml``.

    Raises :class:`ConfigError` naming the file and the field when the file is missing,
    unreadable, or a field is absent or of the wrong kind.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found (pass -c FILE)") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the configuration must be a mapping of settings")
    return _from_mapping(path, data)


def settings() -> list[tuple[str, object, str]]:
    """``(name, default, documentation)`` of every setting, in file order (:data:`REQUIRED`
    for a setting without a default)."""
    return [(f.name, REQUIRED if f.default is MISSING else f.default, f.metadata["doc"])
            for f in fields(SiteConfig) if f.metadata.get("check")]


def _from_mapping(path: Path, data: dict) -> SiteConfig:
    checked = {f.name: f for f in fields(SiteConfig) if f.metadata.get("check")}
    unknown = sorted(set(data) - set(checked))
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}; "
                          f"known: {', '.join(sorted(checked))}")
    values = {}
    for name, f in checked.items():
        if name not in data and f.default is MISSING:
            raise ConfigError(f"{path}: '{name}' is required and must be text")
        try:
            values[name] = f.metadata["check"](data.get(name, f.default))
        except ValueError as exc:
            raise ConfigError(f"{path}: '{name}' {exc}") from None
    return SiteConfig(**values, root=path.resolve().parent)
