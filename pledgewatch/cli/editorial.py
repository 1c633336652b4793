"""The editorial commands of ``pledgewatch``: ``review``, ``links``, ``archive`` and ``diff``
(logic in :mod:`pledgewatch.editorial`). Exit status as for ``validate``: 0 success, 1 the
command found what it fails on (a dead link; content with errors), 2 a usage or configuration
error."""

from __future__ import annotations

import asyncio
import concurrent.futures
import datetime as dt
import sys
from pathlib import Path

import click

from pledgewatch import build as pipeline
from pledgewatch.core.config import SiteConfig
from pledgewatch.core.problems import ConfigError, format_problems
from pledgewatch.editorial import archive as archiving
from pledgewatch.editorial import diff as differ
from pledgewatch.editorial import links as linkcheck
from pledgewatch.editorial import review as reviewing
from pledgewatch.editorial.content import Content, ContentInvalid, read_content
from pledgewatch.ingest.load import display_path

AS_OF = click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), default=None,
                     help="The date to review as of (default: today in the site's time zone, "
                          "or SOURCE_DATE_EPOCH), as for build.")


def _content(config: SiteConfig, as_of: dt.datetime | None) -> Content:
    try:
        return read_content(config, _check, as_of.date() if as_of else None)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except ContentInvalid as invalid:
        click.echo(format_problems(invalid.problems))
        click.echo("stopped: the content has errors; run pledgewatch validate", err=True)
        sys.exit(1)


def _check(config: SiteConfig, as_of: dt.date):
    """The pipeline's validation (what ``validate`` runs), for the editorial commands."""
    return pipeline.check(config, as_of=as_of)


def _run(coroutine):
    """``asyncio.run(coroutine)``, in a worker thread when this thread already runs an event
    loop (the command invoked in-process by a host that has one, such as a notebook or a test
    session driving Playwright), where ``asyncio.run`` refuses to start."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def register(main: click.Group, config_option, load) -> None:
    """Add the commands to ``main``; ``config_option`` is the ``-c`` option, ``load`` reads
    the configuration (exiting 2 on error)."""

    @main.command()
    @config_option
    @click.option("--format", "fmt",
                  type=click.Choice(["text", "github", "json", "markdown"]), default="text",
                  show_default=True, help="text: PATH:LINE:COL lines; github: workflow "
                  "notices; json: a list; markdown: a checklist for an issue.")
    @AS_OF
    @click.option("--links", "links_file", type=click.Path(path_type=Path), default=None,
                  help="Results of the last link check  [default: .pledgewatch/links.json "
                       "beside the configuration file]")
    @click.option("--only", multiple=True, type=click.Choice(reviewing.KINDS),
                  help="List only items of this kind (repeatable).")
    @click.option("--output", type=click.Path(path_type=Path), default=None,
                  help="Write the list to this file (empty when there is nothing to review) "
                       "instead of standard output.")
    def review(config_path: Path, fmt: str, as_of, links_file: Path | None,
               only: tuple[str, ...], output: Path | None) -> None:
        """List what needs an editor's eyes, most urgent first: pledges overdue for review,
        dead links, sources cited through a reprint, sources without an archive copy. Never
        fails on what it lists."""
        config = load(config_path)
        content = _content(config, as_of)
        try:
            dead = reviewing.read_dead_links(links_file or config.root / linkcheck.LINKS_FILE)
        except (ValueError, OSError) as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        items = [i for i in reviewing.review_items(content, dead) if not only or i.kind in only]
        text = reviewing.format_items(items, fmt) if items or fmt == "json" else ""
        if output is not None:
            output.write_text(text + "\n" if text else "", encoding="utf-8")
        elif text:
            click.echo(text)
        click.echo(reviewing.summary(items), err=True)

    @main.command()
    @config_option
    @click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]),
                  default="text", show_default=True)
    @click.option("--output", type=click.Path(path_type=Path), default=None,
                  help="Where to save the results  [default: .pledgewatch/links.json beside "
                       "the configuration file]")
    @click.option("--concurrency", default=8, show_default=True, type=click.IntRange(1, 64))
    @click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.01),
                  help="Seconds to wait for each step of a request.")
    @click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 10))
    @click.option("--backoff", default=1.0, show_default=True, type=click.FloatRange(0),
                  help="Seconds before the first retry; doubled for each further one.")
    @AS_OF
    def links(config_path: Path, fmt: str, output: Path | None, concurrency: int,
              timeout: float, retries: int, backoff: float, as_of) -> None:
        """Check every source's url and archive_url; report dead and moved links with file,
        line and column; exit 1 when a link is dead."""
        config = load(config_path)
        content = _content(config, as_of)
        found = linkcheck.links_of(content)
        results = _run(linkcheck.check_links(found, concurrency, timeout, retries, backoff))
        problems = linkcheck.problems_of(results)
        if problems or fmt == "json":
            click.echo(format_problems(problems, fmt))
        target = output or config.root / linkcheck.LINKS_FILE
        linkcheck.save_results(results, target, content.model.as_of.isoformat())
        counts = {s: sum(r.status == s for r in results)
                  for s in ("ok", "moved", "dead", "unreachable", "error")}
        click.echo(f"checked {len(results)} address(es): "
                   + ", ".join(f"{n} {s}" for s, n in counts.items())
                   + f"; results in {display_path(target)}", err=True)
        sys.exit(1 if counts["dead"] else 0)

    @main.command()
    @config_option
    @click.option("--save", is_flag=True,
                  help="Ask Save Page Now for a capture where the archive has none.")
    @click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(0.01))
    @AS_OF
    def archive(config_path: Path, save: bool, timeout: float, as_of) -> None:
        """Find an archived copy (Wayback Machine) for each source with a url and no
        archive_url, and write archive_url into its file (one added line)."""
        config = load(config_path)
        content = _content(config, as_of)
        found = _run(archiving.find_copies(archiving.wanted(content), save, timeout))
        failed = False
        for f in found:
            if f.archive_url:
                archiving.insert_archive_url(f.file, f.archive_url)
                click.echo(f"{display_path(f.file)}: archive_url: {f.archive_url} ({f.how})")
            else:
                failed = failed or f.how.startswith("archive unreachable")
                click.echo(f"{display_path(f.file)}: {f.how}", err=True)
        written = sum(bool(f.archive_url) for f in found)
        click.echo(f"{written} of {len(found)} source(s) without an archive copy now have one",
                   err=True)
        sys.exit(1 if failed else 0)

    @main.command()
    @config_option
    @click.option("--base", "ref", required=True,
                  help="The git revision to compare with, e.g. origin/main.")
    @AS_OF
    @click.option("--output", type=click.Path(path_type=Path), default=None,
                  help="Append the report to this file (e.g. $GITHUB_STEP_SUMMARY) instead of "
                       "writing it to standard output.")
    def diff(config_path: Path, ref: str, as_of, output: Path | None) -> None:
        """Say what the change since REF does for readers, in Markdown: pledges added or
        removed, status changes, new corrections, deadlines moved, feed items to appear."""
        config = load(config_path)
        head = _content(config, as_of).model
        try:
            base = differ.base_model(config, config_path, ref, head.as_of, _check)
        except differ.DiffError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except ContentInvalid as invalid:
            click.echo(format_problems(invalid.problems), err=True)
            click.echo(f"error: the content at {ref} has errors", err=True)
            sys.exit(2)
        text = differ.report(differ.Sides(base, head), ref)
        if output is None:
            click.echo(text, nl=False)
        else:
            with output.open("a", encoding="utf-8") as summary:
                summary.write(text)
