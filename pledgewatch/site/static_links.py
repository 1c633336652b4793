"""MkDocs hook (``hooks:`` in the derived ``mkdocs.yml``): the build's own files reach the site
as hard links, not copies.

Everything besides the pages that a build writes into the workspace's docs folder (social
cards, feeds, badges, the calendar, the open data, assets: 4,300 files at 1,000 pledges)
MkDocs copies into the site folder byte by byte, about two seconds at 1,000 pledges. Both
folders are in the same workspace (``publish.workspace``) and the docs folder is thrown away
after the build, so a hard link to the same bytes does the same in a twentieth of the time.
Where linking is not possible (a file system without hard links), the file is copied as
MkDocs would. Files from elsewhere (the theme's, in the Python environment) are copied as
before: a link would tie the site to the installed package.
"""

from __future__ import annotations

import os
import types
from pathlib import Path

from mkdocs.structure.files import File, Files
from mkdocs.utils import copy_file


def on_files(files: Files, config) -> Files:
    """Give each non-page file below ``docs_dir`` :func:`link_file` as its ``copy_file``."""
    docs = Path(config["docs_dir"]).resolve()
    for file in files:
        if file.is_documentation_page() or file.abs_src_path is None:
            continue
        if Path(file.abs_src_path).resolve().is_relative_to(docs):
            file.copy_file = types.MethodType(link_file, file)  # type: ignore[method-assign]
    return files


def link_file(file: File, dirty: bool = False) -> None:
    """``File.copy_file`` (MkDocs 1.6) by a hard link: the destination is replaced by a link
    to the source, or, when the file system refuses one (``OSError``), a copy."""
    if dirty and not file.is_modified():
        return
    source, target = file.abs_src_path, file.abs_dest_path
    assert source is not None
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        if os.path.lexists(target):  # a file of an earlier run into the same site folder
            os.unlink(target)
        os.link(source, target)
    except OSError:
        copy_file(source, target)
