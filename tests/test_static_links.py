"""The build's own files reach the site as hard links (site/static_links.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files

from pledgewatch.site import static_links


def _files(tmp_path: Path) -> tuple[Files, dict]:
    docs, theme, site = tmp_path / "docs", tmp_path / "theme", tmp_path / "site"
    for folder, name, data in ((docs, "feed.xml", b"<rss/>"), (docs, "index.md", b"# Home"),
                               (theme, "bundle.js", b"js")):
        folder.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    files = Files([File("feed.xml", str(docs), str(site), True),
                   File("index.md", str(docs), str(site), True),
                   File("bundle.js", str(theme), str(site), True)])
    return static_links.on_files(files, {"docs_dir": str(docs)}), {"docs": docs, "site": site}


def test_a_generated_file_is_linked_and_a_theme_file_copied(tmp_path: Path) -> None:
    files, at = _files(tmp_path)
    (at["site"]).mkdir()
    (at["site"] / "feed.xml").write_bytes(b"from an earlier run")
    files.copy_static_files()
    assert os.path.samefile(at["docs"] / "feed.xml", at["site"] / "feed.xml")
    assert (at["site"] / "feed.xml").read_bytes() == b"<rss/>"
    assert (at["site"] / "bundle.js").read_bytes() == b"js"
    assert not os.path.samefile(tmp_path / "theme" / "bundle.js", at["site"] / "bundle.js")
    assert not (at["site"] / "index.md").exists()  # pages are built, not copied


def test_a_file_system_without_links_gets_a_copy(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source, target):
        raise OSError(95, "Operation not supported")

    monkeypatch.setattr(static_links.os, "link", refuse)
    files, at = _files(tmp_path)
    files.copy_static_files()
    assert (at["site"] / "feed.xml").read_bytes() == b"<rss/>"
    assert not os.path.samefile(at["docs"] / "feed.xml", at["site"] / "feed.xml")
