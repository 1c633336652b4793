"""``site_config.yml``: the one configuration file, read into a frozen :class:`SiteConfig`.

The MkDocs configuration is derived from it (see ``build.mkdocs_config``), so a site owner edits
one file.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from pledgewatch.core import routes
from pledgewatch.core.problems import ConfigError
from pledgewatch.core.urls import check_url

DEFAULTS = {
    "description": "",
    "language": "en",
    "time_zone": "UTC",
    "repo_url": "",
    "edit_branch": "main",
    "feed_size": 50,
    "licence": "",
    "licence_url": "",
    "content_dir": "content",
    "max_file_bytes": 1_000_000,
    "review_after_days": 90,
    "reprint_hosts": (
        "news.yahoo.com", "finance.yahoo.com", "www.yahoo.com", "www.msn.com", "www.aol.com",
        "apple.news", "www.newsbreak.com", "flipboard.com"),
}
"""Settings a site may leave out. ``reprint_hosts`` are aggregators that republish other
outlets' articles under their own address (Yahoo, MSN, AOL, Apple News, NewsBreak,
Flipboard): a source cited there is best cited at its original publisher."""


@dataclass(frozen=True)
class SiteConfig:
    """Site identity and build settings.

    ``site_url`` always ends in ``/`` and may carry a sub-path (GitHub project pages);
    ``time_zone`` is an IANA zone name; ``feed_size`` is the item limit of the site-wide feeds;
    ``max_file_bytes`` caps the size of one content file. ``review_after_days`` is how long
    an open pledge may go unreviewed (``pledgewatch review``); ``reprint_hosts`` lists host
    names (lower case) that republish other outlets' articles. ``root`` is the folder holding
    the configuration file, against which ``content_dir`` resolves.
    """

    site_name: str
    site_url: str
    description: str
    language: str
    time_zone: str
    repo_url: str
    edit_branch: str
    feed_size: int
    licence: str
    licence_url: str
    content_dir: str
    max_file_bytes: int
    root: Path
    review_after_days: int = 90
    reprint_hosts: tuple[str, ...] = ()

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
    return _from_mapping(path, {**DEFAULTS, **data})


def _from_mapping(path: Path, data: dict) -> SiteConfig:
    known = {f.name for f in fields(SiteConfig)} - {"root"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {unknown[0]!r}; "
                          f"known: {', '.join(sorted(known))}")
    for name in ("site_name", "site_url"):
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise ConfigError(f"{path}: '{name}' is required and must be text")
    site_url = data["site_url"]
    if urlsplit(site_url).scheme not in ("http", "https"):
        raise ConfigError(f"{path}: 'site_url' must be an absolute http(s) URL, not {site_url!r}")
    for name in ("site_url", "repo_url", "licence_url"):  # they become links on every page
        problem = data[name] and check_url(str(data[name]))
        if problem:
            raise ConfigError(f"{path}: '{name}': {problem}")
    # Material prints the site name unescaped in places (<title>, the header), and escaped in
    # others, so it may not hold the characters that would start markup there.
    if any(c in data["site_name"] for c in '<>"'):
        raise ConfigError(f"{path}: 'site_name' may not contain <, > or \"; "
                          "it is shown as plain text")
    try:
        ZoneInfo(str(data["time_zone"]))
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(f"{path}: unknown time_zone {data['time_zone']!r}; use an IANA name "
                          "such as 'America/New_York'") from None
    numbers = ("feed_size", "max_file_bytes", "review_after_days")
    for name in numbers:
        if not isinstance(data[name], int) or isinstance(data[name], bool) or data[name] < 1:
            raise ConfigError(f"{path}: '{name}' must be a positive whole number")
    hosts = data["reprint_hosts"]
    if not isinstance(hosts, list | tuple) or not all(
            isinstance(h, str) and h and "/" not in h for h in hosts):
        raise ConfigError(f"{path}: 'reprint_hosts' must be a list of host names, such as "
                          "[news.yahoo.com, www.msn.com]")
    text = {k: str(v) for k, v in data.items() if k not in (*numbers, "reprint_hosts")}
    text["site_url"] = site_url.rstrip("/") + "/"
    return SiteConfig(**text, **{name: data[name] for name in numbers},
                      reprint_hosts=tuple(h.lower() for h in hosts), root=path.resolve().parent)
