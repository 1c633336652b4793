"""``pledgewatch init DIR``: start a new tracker in a new or empty folder.

The starter files ship in the package (``pledgewatch/cli/starter``, package data in the wheel):
``site_config.yml``, one valid example record of each kind under ``content/``, a README with the
two commands, a Makefile, CONTRIBUTING.md, the GitHub workflows and issue forms, the pre-commit
configuration and ``requirements.txt``. No templates are copied: the tracker uses the packaged
ones until it puts its own in ``templates/`` (see ``site.templates_path``).

The tracker installs Pledgewatch from the release it was made with, a tag of the repository
(:data:`RELEASES_URL`) named after the package version, pinned in ``requirements.txt`` that the
Makefile and workflows install from, and as the pre-commit hook's ``rev``: trackers upgrade on
purpose, by changing the tag.

Starter paths whose part begins with ``dot-`` are written with a ``.`` instead (``dot-github``
-> ``.github``): package data globs skip hidden files, and this repository's own CI must not
take the starter's workflows for its own. ``@@NAME@@`` tokens in the files are replaced by
:func:`tokens`; ``@@SITE_NAME_QUOTED@@`` is the name escaped for a YAML double-quoted scalar.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from pledgewatch.core.config import load_config
from pledgewatch.core.problems import ConfigError

STARTER = Path(__file__).resolve().parent / "starter"
RELEASES_URL = "https://github.com/pledgewatch/pledgewatch"


@dataclass(frozen=True)
class Settings:
    """What ``init`` asks for: the site's name, its address (``url``), its language (a code
    Material for MkDocs translates, e.g. ``fr``) and its IANA time zone."""

    name: str = "Pledge tracker"
    url: str = "https://example.org/"
    language: str = "en"
    time_zone: str = "UTC"


PROMPTS = {"name": "Site name", "url": "Site address (URL)",
           "language": "Language (e.g. en, fr, de)", "time_zone": "Time zone (IANA name)"}


_SETTING_OF = {"--name": "site_name", "--url": "site_url", "--time-zone": "time_zone"}


class InitError(Exception):
    """The folder or a setting is not usable; nothing was written. The CLI exits with 2."""


def release_tag() -> str:
    """The release tag of the installed Pledgewatch: ``v`` and the package version."""
    return "v" + metadata.version("pledgewatch")


def requirement() -> str:
    """The pip requirement of that release (PEP 508 direct reference to the tagged source)."""
    return f"pledgewatch @ git+{RELEASES_URL}@{release_tag()}"


def local_today(time_zone: str) -> dt.date:
    """Today's date in ``time_zone`` (UTC's for a zone that does not exist: the settings check
    refuses it before anything is written)."""
    try:
        zone = ZoneInfo(time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return dt.datetime.now(zone).date()


def tokens(settings: Settings, today: dt.date) -> dict[str, str]:
    """The ``@@NAME@@`` replacements for the starter files. The example records are dated
    around ``today``: the pledge made yesterday and reported today, due in six months, so a
    new tracker shows an upcoming deadline rather than one long overdue."""
    made_on = today - dt.timedelta(days=1)
    return {
        "@@MADE_ON@@": made_on.isoformat(),
        "@@REPORTED_ON@@": today.isoformat(),
        "@@DUE@@": (made_on + dt.timedelta(days=183)).isoformat(),
        "@@SITE_NAME@@": settings.name,
        "@@SITE_NAME_QUOTED@@": json.dumps(settings.name, ensure_ascii=False)[1:-1],
        "@@SITE_URL@@": settings.url.rstrip("/") + "/",
        "@@LANGUAGE@@": settings.language,
        "@@TIME_ZONE@@": settings.time_zone,
        "@@RELEASES_URL@@": RELEASES_URL,
        "@@RELEASE_TAG@@": release_tag(),
        "@@PLEDGEWATCH_REQUIREMENT@@": requirement(),
    }


def starter_files(settings: Settings, today: dt.date) -> dict[str, str]:
    """``{relative path: text}`` of the new tracker, in path order, tokens replaced."""
    replacements = tokens(settings, today)
    files = {}
    for path in sorted(p for p in STARTER.rglob("*") if p.is_file()):
        parts = path.relative_to(STARTER).parts
        relpath = "/".join("." + p[4:] if p.startswith("dot-") else p for p in parts)
        text = path.read_text(encoding="utf-8")
        for token, value in replacements.items():
            text = text.replace(token, value)
        files[relpath] = text
    return files


def check_settings(settings: Settings, config_text: str) -> None:
    """Refuse settings the build would refuse: ``site_config.yml`` is loaded as the build
    loads it, and the language must be one Material translates. Raises :class:`InitError`."""
    import material  # mkdocs-material: its translations of the theme's labels

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    if not (languages / f"{settings.language}.html").is_file():
        known = ", ".join(sorted(p.stem for p in languages.glob("*.html")))
        raise InitError(f"--language {settings.language!r} is not a language Material for "
                        f"MkDocs has labels for; use one of: {known}")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "site_config.yml"
        path.write_text(config_text, encoding="utf-8")
        try:
            load_config(path)
        except ConfigError as exc:
            message = str(exc).replace(f"{path}: ", "")
            for option, setting in _SETTING_OF.items():  # the option the user typed
                message = message.replace(f"'{setting}'", f"{option} ({setting})")
            raise InitError(message) from None


def write_tracker(target: Path, settings: Settings, today: dt.date | None = None) -> list[str]:
    """Write a new tracker into ``target`` (created if missing; it must be empty), its examples
    dated around ``today`` (default: today in the site's time zone). Returns the relative paths
    written. Raises :class:`InitError` for a folder that is not empty or a bad setting, before
    writing anything."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InitError(f"{target}: not an empty folder; init writes only into a new or empty "
                        "folder (nothing was changed)")
    files = starter_files(settings, today or local_today(settings.time_zone))
    check_settings(settings, files["site_config.yml"])
    for relpath, text in files.items():
        path = target / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as out:  # "x": never overwrite
            out.write(text)
    return list(files)


def _interactive() -> bool:
    """Whether to prompt: only when a person is at the terminal (a function for the tests)."""
    return sys.stdin.isatty()


@click.command()
@click.argument("directory", type=click.Path(path_type=Path), metavar="DIR")
@click.option("--name", help=f"The site's name  [default: {Settings.name}]")
@click.option("--url", help=f"The address it is published at  [default: {Settings.url}]")
@click.option("--language", help=f"Language code  [default: {Settings.language}]")
@click.option("--time-zone", "time_zone",
              help=f"IANA time zone of the dates  [default: {Settings.time_zone}]")
def init(directory: Path, **given: str | None) -> None:
    """Start a new tracker in DIR (new or empty): configuration, example records, README,
    Makefile, workflows and issue forms. Asks for the settings not given when run on a
    terminal; uses the defaults otherwise."""
    values = {}
    for name, value in given.items():
        default = getattr(Settings, name)
        if value is None and _interactive():
            value = click.prompt(PROMPTS[name], default=default)
        values[name] = default if value is None else value
    try:
        written = write_tracker(directory, Settings(**values))
    except (InitError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"created {len(written)} files in {directory}/; next:")
    click.echo(f"  cd {directory}")
    click.echo("  make validate   # check the records (installs Pledgewatch on first use)")
    click.echo("  make site       # build the site into site/")
