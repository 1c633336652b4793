"""The ``pledgewatch`` command: validate, build and preview a Pledgewatch site.

Exit status (as compilers and linters use it): 0 success, 1 the content has problems,
2 a usage or configuration error.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import click

from pledgewatch import build as pipeline
from pledgewatch.cli import init, scaffold
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.core.problems import ConfigError, Problem, format_problems, is_error
from pledgewatch.core.progress import Progress
from pledgewatch.core.schema import KINDS, PLACEHOLDER, SINGULAR
from pledgewatch.ingest.load import display_path
from pledgewatch.outputs.jsonschemas import write_schemas
from pledgewatch.site.mkdocs_run import TEMPLATES
from pledgewatch.site.publish import UnsafeOutput, sweep_stale_workspaces
from pledgewatch.site.templates_path import tracker_templates

CONFIG_OPTION = click.option(
    "-c", "--config", "config_path", type=click.Path(path_type=Path),
    default=Path("site_config.yml"), show_default=True, help="The site configuration file.")


def _config(path: Path):
    try:
        return load_config(path)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def _context(config_path: Path, as_of: dt.datetime | None = None) -> BuildContext:
    """The command's one :class:`BuildContext`; a configuration error exits with status 2."""
    config = _config(config_path)
    try:
        return BuildContext.resolve(config, as_of.date() if as_of else None)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def _require_content(config, config_path: Path) -> None:
    """Exit with status 2 unless the content folder is a folder."""
    where = config.content_path
    if where.is_dir():
        return
    fix = ("is a file, not a folder; set content_dir" if where.exists()
           else "not found; create it or set content_dir")
    click.echo(f"error: content folder {where} {fix} in {config_path}", err=True)
    sys.exit(2)


def _fail(exc: OSError, after: str = "") -> None:
    """One line for a file system error (an unreadable folder, an output folder that cannot
    be written), then exit with status 2."""
    where = f"{display_path(Path(os.fsdecode(exc.filename)))}: " if exc.filename else ""
    click.echo(f"error: {where}{exc.strerror or exc}{after}", err=True)
    sys.exit(2)


def _summary(problems: list[Problem], strict: bool = False) -> str:
    errors = sum(map(is_error, problems))
    files = len({p.path for p in problems})
    if not problems:
        return "no problems found"
    line = f"{errors} error(s), {len(problems) - errors} warning(s) in {files} file(s)"
    return line + ("; --strict fails on warnings too" if strict and errors < len(problems)
                   else "")


def _report(problems: list[Problem], fmt: str, strict: bool = False) -> None:
    if fmt == "json" or problems:
        click.echo(format_problems(problems, fmt))
    click.echo(_summary(problems, strict), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pledgewatch")
def main() -> None:
    """Pledgewatch: track public pledges from YAML records to a website with feeds."""
    logging.basicConfig(format="%(levelname)s: %(message)s", level=logging.WARNING)


def entry_point() -> None:
    """The ``pledgewatch`` console script: :func:`main`, then the process ends at once.

    A large validation or build leaves millions of small objects that the interpreter would
    free one by one on the way out (a few tenths of a second for 10,000 pledges) with nothing
    left to write, so the streams are flushed and the process exits directly, as mypy does.
    """
    code: int | str | None = 0
    try:
        main()
    except SystemExit as exc:
        code = exc.code
    logging.shutdown()
    if isinstance(code, str):
        click.echo(code, err=True)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)


main.add_command(init.init)


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              show_default=True, help="text: PATH:LINE:COL lines; github: workflow "
              "annotations; json: a list of objects (path, line, column, severity, code, "
              "message).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Nothing may have happened after this date (default: today in the site's "
                   "time zone, or SOURCE_DATE_EPOCH), as for build.")
def validate(config_path: Path, fmt: str, strict: bool, as_of: dt.datetime | None) -> None:
    """Check every content record and report all problems, with file, line and column."""
    context = _context(config_path, as_of)
    config = context.config
    _require_content(config, config_path)
    progress = Progress()
    try:
        _, problems = pipeline.check(config, progress, context.as_of)
    except OSError as exc:  # a content folder that cannot be listed
        progress.close()
        _fail(exc)
    finally:
        progress.close()
    _report(problems, fmt, strict)
    if progress.long:
        click.echo(progress.summary(), err=True)
    failed = any(map(is_error, problems)) or (strict and problems)
    sys.exit(1 if failed else 0)


@main.command()
@CONFIG_OPTION
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Folder to write into  [default: schemas/ beside the configuration file]")
def schema(config_path: Path, out_dir: Path | None) -> None:
    """Write a JSON Schema (draft 2020-12) per record kind, for editors and reusers."""
    config = _config(config_path)
    for path in write_schemas(out_dir or config.root / "schemas", config.site_url):
        click.echo(display_path(path))


@main.command()
@CONFIG_OPTION
@click.argument("kind", type=click.Choice(sorted([*KINDS, *SINGULAR.values()])),
                metavar="KIND")
@click.argument("record_id", metavar="ID")
def new(config_path: Path, kind: str, record_id: str) -> None:
    """Start a record: content/KIND/ID.yml with its required fields to fill in.

    KIND is actor, source, pledge, deadline or quote (or the folder name, e.g. pledges).
    """
    context = _context(config_path)
    config = context.config
    try:
        path = scaffold.write_record(config.content_path, config.root, kind, record_id,
                                     context.as_of)
    except (scaffold.ScaffoldError, OSError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(display_path(path))
    click.echo(f"replace each '{PLACEHOLDER}' value, then run: pledgewatch validate", err=True)


@main.command()
@CONFIG_OPTION
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="Date the site's states are computed for (default: today in the site's "
                   "time zone, or SOURCE_DATE_EPOCH).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("site"),
              show_default=True, help="Output folder; replaced only when the build succeeds.")
@click.option("--strict", is_flag=True,
              help="Treat content warnings and MkDocs warnings as errors.")
def build(config_path: Path, as_of: dt.datetime | None, out_dir: Path, strict: bool) -> None:
    """Validate the content, then build the site into the output folder."""
    import jinja2  # here, not at the top: validate never renders, and it costs a start-up
    context = _context(config_path, as_of)
    _require_content(context.config, config_path)
    progress = Progress()
    try:
        # SIGTERM (a closed terminal, a CI job cancelled) stops the build like Ctrl+C: the
        # workspace is removed on the way out and the previous site stays.
        with _sigterm_interrupts():
            result = pipeline.build(context, out_dir, strict, progress)
    except KeyboardInterrupt as exc:
        progress.close()
        click.echo("build interrupted; the previous site is unchanged", err=True)
        sys.exit(128 + (signal.SIGTERM if isinstance(exc, Interrupted) else signal.SIGINT))
    except UnsafeOutput as exc:
        progress.close()
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except pipeline.ValidationFailed as failed:
        progress.close()
        _report(failed.problems, "text", strict)
        if progress.long:
            click.echo(progress.summary(), err=True)
        click.echo("build stopped: fix the problems above; the previous site is unchanged",
                   err=True)
        sys.exit(1)
    except OSError as exc:  # an output folder that cannot be written, a folder not readable
        progress.close()
        _fail(exc, "; the previous site is unchanged")
    except jinja2.TemplateError as exc:  # a broken page template or theme override
        progress.close()
        click.echo(f"error: {_template_error(exc)}; the previous site is unchanged", err=True)
        sys.exit(1)
    except Exception as exc:  # MkDocs' Abort/BuildError: the old site is untouched
        if type(exc).__name__ not in MKDOCS_ERRORS:
            raise
        progress.close()
        click.echo(f"error: MkDocs failed: {exc}; the previous site is unchanged", err=True)
        sys.exit(1)
    progress.close()
    if result.problems:
        click.echo(format_problems(result.problems))
    click.echo(f"built {result.pages} pages into {out_dir}/ ({_summary(result.problems)})",
               err=True)
    click.echo(progress.summary(), err=True)


MKDOCS_ERRORS = ("Abort", "BuildError", "ConfigurationError")


def _template_error(exc) -> str:
    where = f" ({exc.filename}:{exc.lineno})" if getattr(exc, "lineno", None) else ""
    return f"template error{where}: {exc.message}"


@main.command()
@CONFIG_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None)
def serve(config_path: Path, host: str, port: int, as_of: dt.datetime | None) -> None:
    """Preview the site, rebuilding when content, templates or the configuration change.

    After a content edit only the changed files are checked again and the pages showing the
    change are rebuilt first (then the browser reloads); the rest of the site (other pages,
    feeds, calendar, open data, cards, the search index) follows in the background. A
    template or site_config.yml edit rebuilds the whole site.
    """
    config = _config(config_path)
    _require_content(config, config_path)
    temp = Path(tempfile.gettempdir())
    try:
        sweep_stale_workspaces(temp, SERVE_PREFIX)  # the sites of previews that were killed
        scratch = Path(tempfile.mkdtemp(prefix=f"{SERVE_PREFIX}{os.getpid()}-", dir=temp))
    except OSError as exc:
        _fail(exc, "; set TMPDIR to a folder you can write")
    # SIGTERM (a closed terminal, a process manager) ends the preview like Ctrl+C, so the
    # temporary site is removed either way.
    with _sigterm_interrupts():
        _serve(config, config_path, host, port, as_of, scratch)


def _serve(config, config_path: Path, host: str, port: int, as_of: dt.datetime | None,
           scratch: Path) -> None:
    """Build into ``scratch``, serve it and rebuild on edits until Ctrl+C or SIGTERM; then
    remove ``scratch``."""
    from mkdocs.livereload import LiveReloadServer

    from pledgewatch.preview import Preview

    preview = Preview(config_path, as_of.date() if as_of else None, scratch)
    try:
        _rebuild(preview.update)
        mount = urlsplit(config.site_url).path or "/"

        class Server(LiveReloadServer):
            def _build_loop(self) -> None:
                # Announce once the port listens, requests are answered and edits are
                # watched: MkDocs' serve() starts the three, then enters this loop.
                click.echo(f"serving on http://{host}:{port}{mount} (Ctrl+C to stop)",
                           err=True)
                super()._build_loop()

        def builder() -> None:
            # The pages showing the edit first: the server answers requests and tells the
            # browser to reload when this returns; the rest follows in the background.
            if _rebuild(preview.update):
                threading.Thread(target=_rebuild, args=(preview.finish,), daemon=True).start()

        server = Server(builder=builder, host=host, port=port, root=str(preview.served),
                        mount_path=mount)
        preview.wanted = lambda: server._want_rebuild  # an edit waits: stop the background
        preview.published = functools.partial(_reload_browsers, server)
        watched = [config.content_path, TEMPLATES, config_path.resolve()]
        if tracker_templates(config.root).is_dir():  # the tracker's own templates, if any
            watched.append(tracker_templates(config.root))
        for path in watched:
            server.watch(str(path))
        try:
            server.serve()
        except OSError as exc:  # binding failed: the port is taken, the host not this machine
            click.echo(f"error: cannot serve on {host}:{port}: {exc.strerror or exc}; "
                       "choose another --port or --host", err=True)
            sys.exit(2)
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop.set()
        with preview.lock:  # the background step, if running, stops at its next stage
            preview.live = None  # and one yet to start finds nothing to do
            shutil.rmtree(scratch, ignore_errors=True)


SERVE_PREFIX = "pledgewatch-serve-"


def _reload_browsers(server) -> None:
    """Tell the browsers to reload (MkDocs' live reload), as after a rebuild: the background
    step of the preview changed pages. Not while a rebuild is under way: its end tells them."""
    with server._epoch_cond:
        if server._visible_epoch == server._wanted_epoch:
            server._visible_epoch = server._wanted_epoch = round(time.monotonic() * 1000)
            server._epoch_cond.notify_all()


def _rebuild(step) -> bool:
    """Run one step of the preview (:class:`pledgewatch.preview.Preview`) and print what it
    says. Whatever is wrong (the content, site_config.yml, a template) is reported and the
    last good site keeps being served; returns whether the step succeeded."""
    import jinja2

    try:
        said = step()
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
    except pipeline.ValidationFailed as failed:
        _report(failed.problems, "text")
    except jinja2.TemplateError as exc:
        click.echo(f"error: {_template_error(exc)}", err=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: Pagefind failed
        click.echo(f"error: {exc}", err=True)
    except Exception as exc:
        if type(exc).__name__ not in MKDOCS_ERRORS:
            raise
        click.echo(f"error: MkDocs failed: {exc}", err=True)
    else:
        if said:
            click.echo(said, err=True)
        return True
    click.echo("not rebuilt: fix the problems above; still serving the last good site",
               err=True)
    return False


@contextmanager
def _sigterm_interrupts():
    """While inside, SIGTERM raises :class:`Interrupted`; the previous handler is restored
    after (the commands also run inside other programs: tests, the benchmark)."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Interrupted(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C's KeyboardInterrupt so the same clean-up runs."""


def _interrupt(signum, frame) -> None:
    raise Interrupted


# The editorial commands (review, links, archive, diff) live in their own module.
from pledgewatch.cli import editorial  # noqa: E402

editorial.register(main, CONFIG_OPTION, _config)
