"""Helpers for the hostile-content tests: parse built pages with an HTML5 parser and read the
corpus back as plain data. Kept apart from the tests so each test reads as its assertion."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import html5lib
import yaml

from pledgewatch.core import schema

HOSTILE = Path(__file__).parent / "hostile"
INVALID = HOSTILE / "invalid"

# White space that text.inline folds into one space; every other character must survive.
FOLDED = re.compile("[ \t\n\r\f\v\u2028\u2029]+")
UNSAFE_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
# Attributes whose value the browser may load or follow (HTML Living Standard, SVG 2).
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster",
                  "background", "cite", "srcset", "ping", "manifest", "codebase"}


def tree_hashes(root: Path) -> dict[str, str]:
    """Relative path -> SHA-256 of every file below ``root``."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def folded(text: str) -> str:
    """``text`` as the page shows it: runs of white space and line separators as one space."""
    return FOLDED.sub(" ", text).strip(" ")


@lru_cache(maxsize=256)
def parse(path: Path):
    """The page's element tree, as a browser builds it (html5lib, no namespace prefixes)."""
    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def elements(path: Path):
    """Every element of the page (comments and doctype left out)."""
    return [el for el in parse(path).iter() if isinstance(el.tag, str)]


def local(name: str) -> str:
    """``{http://www.w3.org/1999/xlink}href`` -> ``xlink:href``; other names unchanged."""
    if name.startswith("{http://www.w3.org/1999/xlink}"):
        return "xlink:" + name.split("}", 1)[1]
    return name.split("}", 1)[-1]


def article_text(path: Path) -> str:
    """The folded text of the page's main content (the ``<article>``)."""
    return folded("".join(parse(path).find(".//article").itertext()))


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def records(content: Path) -> dict[str, list[dict]]:
    """Every record of the corpus as loaded by PyYAML, by kind, in file-name order."""
    return {kind: [yaml.safe_load(p.read_text(encoding="utf-8"))
                   for p in sorted((content / kind).glob("*.yml"))]
            for kind in schema.KINDS}


def text_fields(kind: str) -> list[str]:
    """Names of the kind's free-text fields (one-line and multi-line), from the schema."""
    return [f.name for f in schema.KINDS[kind] if f.type in (schema.TEXT, schema.LINE)]


def one_line_fields(kind: str) -> set[str]:
    return {f.name for f in schema.KINDS[kind] if f.type == schema.LINE}


def field_values(kind: str, record: dict) -> list[tuple[str, str]]:
    """``(field, text)`` for every free-text value of a record, update summaries included."""
    values = [(name, record[name]) for name in text_fields(kind) if name in record]
    if kind == "pledges":
        values += [("summary", u["summary"]) for u in record["updates"]]
    return values


def theme_shapes(root: Path) -> dict[str, set[str]]:
    """Tag -> every attribute name it carries anywhere in the site."""
    shapes = defaultdict(set)
    for page in pages(root):
        for el in elements(page):
            shapes[el.tag].update(local(a) for a in el.attrib)
    return shapes


def attribute_values(root: Path, base: str) -> dict[tuple[str, str], set[str]]:
    """``(tag, attribute)`` -> values, with the site's base path written as ``/BASE/``."""
    values = defaultdict(set)
    for page in pages(root):
        for el in elements(page):
            for name, value in el.attrib.items():
                values[(el.tag, local(name))].add(value.replace(base, "/BASE/"))
    return values


def scripts(page: Path, base: str) -> list[tuple[str, str]]:
    """``(src, inline code)`` of every ``<script>``, with the base path as ``/BASE/``."""
    return [((el.get("src") or "").replace(base, "/BASE/"),
             (el.text or "").replace(base, "/BASE/"))
            for el in elements(page) if el.tag == "script"]
