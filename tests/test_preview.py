"""The incremental preview (``pledgewatch.preview``): after each edit, the served site equals a
fresh full build of the same content, file for file and byte for byte."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from pledgewatch.build import ValidationFailed, build
from pledgewatch.core.config import load_config
from pledgewatch.core.context import BuildContext
from pledgewatch.preview import CheckCache, Preview
from tests.conftest import AS_OF

pytestmark = pytest.mark.slow


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` (symbolic links followed): relative path -> bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def folders_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_dir())


def assert_same_as_full_build(preview: Preview, root: Path, tmp_path: Path, name: str) -> None:
    """The served site against ``pledgewatch build`` of the same content and as-of date:
    the same files, folders and bytes; nothing ignored."""
    out = tmp_path / f"full-{name}"
    build(BuildContext(load_config(root / "site_config.yml"), AS_OF), out)
    served, full = files_of(preview.served.resolve()), files_of(out)
    assert sorted(served) == sorted(full)
    assert [path for path in full if served[path] != full[path]] == []
    assert folders_of(preview.served.resolve()) == folders_of(out)


def new_preview(site_copy: Path, tmp_path: Path) -> Preview:
    """A preview of the copied fixture site in a fresh scratch folder, not started yet."""
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    return Preview(site_copy / "site_config.yml", AS_OF, scratch)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_served_site_equals_a_full_build_after_each_edit(site_copy: Path,
                                                              tmp_path: Path) -> None:
    preview = new_preview(site_copy, tmp_path)
    assert preview.update() == "built 24 pages"
    assert preview.finish() is None  # a whole build leaves nothing to finish
    docs = preview.live.folder / "docs"
    about = (docs / "about.md").stat().st_mtime_ns
    pledges = site_copy / "content" / "pledges"

    edit(pledges / "fix-the-bridge.yml", "title: Fix the old bridge by the end of March",
         "title: Repair the old bridge by the end of March")
    assert preview.update().startswith("updated 1 page(s) in ")
    page = preview.served / "pledges" / "fix-the-bridge" / "index.html"
    assert "Repair the old bridge" in page.read_text(encoding="utf-8")  # before the rest
    assert preview.finish().startswith("built 24 pages (")
    assert_same_as_full_build(preview, site_copy, tmp_path, "title")
    assert (docs / "about.md").stat().st_mtime_ns == about  # written only when it changed

    edit(pledges / "fix-the-bridge.yml", "status: in-progress\nupdates:",
         "status: stalled\nupdates:")
    edit(pledges / "fix-the-bridge.yml", "    status: in-progress\n", "    status: stalled\n")
    preview.update()
    preview.finish()
    assert_same_as_full_build(preview, site_copy, tmp_path, "status")

    added = (pledges / "reopen-library.yml").read_text(encoding="utf-8").replace(
        "reopen-library", "plant-trees").replace(
        "Reopen the central library", "Plant a thousand trees").replace(
        "culture, transport", "parks")
    (pledges / "plant-trees.yml").write_text(added, encoding="utf-8")
    preview.update()
    assert preview.finish().startswith("built 26 pages (")  # its page, its topic's
    assert_same_as_full_build(preview, site_copy, tmp_path, "added")

    (site_copy / "content" / "quotes" / "union-library.yml").unlink()
    (pledges / "plant-trees.yml").unlink()
    preview.update()
    assert preview.finish().startswith("built 24 pages (")
    assert not (preview.served / "pledges" / "plant-trees").exists()
    assert_same_as_full_build(preview, site_copy, tmp_path, "deleted")


def test_a_bad_edit_keeps_the_last_site_and_a_fix_publishes_it(site_copy: Path,
                                                                tmp_path: Path) -> None:
    preview = new_preview(site_copy, tmp_path)
    preview.update()
    before = files_of(preview.served.resolve())
    pledge = site_copy / "content" / "pledges" / "fix-the-bridge.yml"
    edit(pledge, "title: Fix the old bridge by the end of March",
         "title: Repair the old bridge by the end of March\nmade_by: nobody")
    with pytest.raises(ValidationFailed) as failed:
        preview.update()
    assert [(p.path, p.line, p.code) for p in failed.value.problems] == [
        ("content/pledges/fix-the-bridge.yml", 3, "unknown-reference"),
        ("content/pledges/fix-the-bridge.yml", 4, "duplicate-key")]
    assert preview.finish() is None
    assert files_of(preview.served.resolve()) == before
    edit(pledge, "\nmade_by: nobody", "")
    preview.update()
    preview.finish()
    assert_same_as_full_build(preview, site_copy, tmp_path, "fixed")


def test_a_template_edit_builds_the_whole_site_again(site_copy: Path, tmp_path: Path) -> None:
    preview = new_preview(site_copy, tmp_path)
    preview.update()
    first = preview.served.resolve()
    own = site_copy / "templates" / "pages" / "about.md.j2"
    own.parent.mkdir(parents=True)
    packaged = Path(__file__).resolve().parent.parent / "pledgewatch/site/templates/pages"
    own.write_text((packaged / "about.md.j2").read_text(encoding="utf-8") + "\nOur own words.\n",
                   encoding="utf-8")
    assert preview.update() == "built 24 pages"
    assert preview.served.resolve() != first and not first.exists()  # a fresh folder
    assert "Our own words." in (preview.served / "about" / "index.html").read_text("utf-8")
    assert_same_as_full_build(preview, site_copy, tmp_path, "template")


def test_the_check_cache_reads_only_changed_files(site_copy: Path) -> None:
    config = load_config(site_copy / "site_config.yml")
    cache = CheckCache()
    records, problems, changed = cache.check(config, AS_OF)
    assert problems == [] and len(records) == 12 and len(changed) == 12
    assert cache.check(config, AS_OF)[2] == set()
    pledge = site_copy / "content" / "pledges" / "reopen-library.yml"
    pledge.write_text(pledge.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    os.utime(pledge, ns=(time.time_ns(), time.time_ns() + 10**9))
    (site_copy / "content" / "quotes" / "union-library.yml").unlink()
    records, problems, changed = cache.check(config, AS_OF)
    assert changed == {"reopen-library", "union-library"}
    assert problems == [] and len(records) == 11


class StopAt:
    """A ``wanted`` callable that says "a newer edit waits" on its ``at``-th call only."""

    def __init__(self, at: int | None = None):
        self.at, self.calls = at, 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls == self.at


def test_a_background_step_stopped_anywhere_is_completed_by_the_next(site_copy: Path,
                                                                      tmp_path: Path) -> None:
    preview = new_preview(site_copy, tmp_path)
    preview.update()
    pledge = site_copy / "content" / "pledges" / "reopen-library.yml"
    counter = preview.wanted = StopAt()
    edit(pledge, "title: Reopen the central library", "title: Reopen the library 0")
    preview.update()
    assert preview.finish().startswith("built 24 pages (")
    checkpoints = counter.calls
    assert checkpoints > 20  # between pages, stages and batches of pages
    for n, at in enumerate((1, 3, checkpoints // 2, checkpoints - 1), start=1):
        edit(pledge, f"title: Reopen the library {n - 1}", f"title: Reopen the library {n}")
        preview.update()
        preview.wanted = StopAt(at)
        assert preview.finish() is None
        preview.wanted = StopAt()
        assert preview.finish().startswith("built 24 pages (")
        assert_same_as_full_build(preview, site_copy, tmp_path, f"stopped-{at}")


def test_a_change_of_earlier_ids_builds_the_whole_site_again(site_copy: Path,
                                                              tmp_path: Path) -> None:
    preview = new_preview(site_copy, tmp_path)
    preview.update()
    edit(site_copy / "content" / "pledges" / "fix-the-bridge.yml",
         "aliases: [repair-the-bridge]", "aliases: [repair-the-bridge, mend-the-bridge]")
    assert preview.update() == "built 24 pages"  # the redirects are written by whole builds
    assert (preview.served / "pledges" / "mend-the-bridge" / "index.html").is_file()
    assert_same_as_full_build(preview, site_copy, tmp_path, "aliases")


def test_pages_that_cannot_be_planned_all_come_with_the_background_step(
        site_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pledgewatch.site import render

    rendered = render.Renderer.pages

    def pages_worked_on(self):  # a renderer that works on the text of its pages
        return {path: text.replace("bridge", "bridge") for path, text in rendered(self).items()}

    monkeypatch.setattr(render.Renderer, "pages", pages_worked_on)
    preview = new_preview(site_copy, tmp_path)
    preview.update()
    edit(site_copy / "content" / "pledges" / "fix-the-bridge.yml",
         "title: Fix the old bridge by the end of March",
         "title: Repair the old bridge by the end of March")
    assert preview.update().startswith("updated 0 page(s) in ")
    assert preview.finish().startswith("built 24 pages (")
    assert_same_as_full_build(preview, site_copy, tmp_path, "unplanned")
