"""pledgewatch diff --base REF on a git repository made of the fixture site: exact reports."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from pledgewatch.cli.main import main

HEADING = "## What this change does for readers (compared with `HEAD`)\n\n"


def git(site: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(site), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    *args], check=True, capture_output=True)


def committed(site: Path) -> Path:
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "base")
    return site


def edit(site: Path, relpath: str, old: str, new: str) -> None:
    path = site / "content" / relpath
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def diff(*extra: str):
    return CliRunner().invoke(main, ["diff", "--base", "HEAD", "--as-of", "2024-04-02", *extra])


def test_nothing_changes(site_copy: Path) -> None:
    committed(site_copy)
    result = diff()
    assert (result.exit_code, result.stdout) == (0, HEADING + "Nothing changes for readers.\n")


def test_status_change_correction_moved_deadline_and_feed_items(site_copy: Path) -> None:
    committed(site_copy)
    edit(site_copy, "pledges/fix-the-bridge.yml", "status: in-progress\nupdates",
         "status: kept\nupdates")
    edit(site_copy, "pledges/fix-the-bridge.yml", "aliases: [repair-the-bridge]\n",
         "  - date: 2024-04-01\n    status: kept\n    summary: Open.\n"
         "    sources: [council-minutes-2024-03-01]\naliases: [repair-the-bridge]\n")
    edit(site_copy, "pledges/fix-the-bridge.yml", "reviewed_on: 2024-03-01\n",
         "reviewed_on: 2024-04-02\n"
         "corrections:\n  - date: 2024-04-02\n    summary: The bridge is in Example City.\n")
    edit(site_copy, "deadlines/bridge-end-of-march.yml", "due: 2024-03-31", "due: 2024-03-29")
    result = diff()
    assert result.exit_code == 0, result.output
    assert result.stdout == HEADING + "\n".join([
        "- **Status change:** Fix the old bridge by the end of March: In progress \u2192 Kept; "
        "sources: Council minutes, 1 March 2024 (Example City Council)",
        "- **Reviewed:** Fix the old bridge by the end of March on 2024-04-02",
        "- **New correction** (2024-04-02) of pledge \u201cFix the old bridge by the end of "
        "March\u201d: The bridge is in Example City.",
        "- **Deadline moved:** Bridge open to traffic: 2024-03-31 \u2192 2024-03-29",
        "- **New feed item:** 2024-04-02: Correction: Fix the old bridge by the end of March",
        "- **New feed item:** 2024-04-01: Kept: Fix the old bridge by the end of March",
        "- **New feed item:** 2024-03-29: Deadline reached: Bridge open to traffic (Fix the old "
        "bridge by the end of March)",
        "- **Feed item gone:** 2024-03-31: Deadline reached: Bridge open to traffic (Fix the old "
        "bridge by the end of March) (readers who have it keep it; if only its date was "
        "corrected, keep the first date in original_date or original_due)"]) + "\n"


def test_original_due_keeps_the_feed_item(site_copy: Path) -> None:
    committed(site_copy)
    edit(site_copy, "deadlines/bridge-end-of-march.yml", "due: 2024-03-31",
         "due: 2024-03-29\noriginal_due: 2024-03-31")
    assert diff().stdout == HEADING + (
        "- **Deadline moved:** Bridge open to traffic: 2024-03-31 \u2192 2024-03-29\n")


def test_pledge_added_removed_and_renamed(site_copy: Path) -> None:
    committed(site_copy)
    library = site_copy / "content/pledges/reopen-library.yml"
    text = library.read_text(encoding="utf-8")
    library.unlink()
    (site_copy / "content/pledges/reopen-the-library.yml").write_text(
        text.replace("id: reopen-library", "id: reopen-the-library")
        + "aliases: [reopen-library]\n", encoding="utf-8")
    (site_copy / "content/quotes/union-library.yml").write_text(
        (site_copy / "content/quotes/union-library.yml").read_text(encoding="utf-8")
        .replace("reopen-library", "reopen-the-library"), encoding="utf-8")
    lines = diff().stdout.splitlines()
    assert lines[2] == ("- **Pledge renamed:** `reopen-library` \u2192 `reopen-the-library` "
                        "(its old address redirects)")


def test_unknown_base_is_a_usage_error(site_copy: Path) -> None:
    committed(site_copy)
    result = CliRunner().invoke(main, ["diff", "--base", "no-such-ref", "--as-of", "2024-04-02"])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: git ls-tree -r --name-only no-such-ref")
