"""Contributors' text is data, never markup: the escaping used by every generated page.

Generated pages are Markdown that Python-Markdown turns into HTML. Any ASCII punctuation in
record text could start Markdown (``#``, ``|``, ``[``, ``*``), HTML (``<``, ``&``) or an
attribute break (``"``), so every such character is written as a numeric character reference
(HTML Living Standard, "character references"): Markdown leaves references alone and the
browser shows the character itself. Only :class:`markupsafe.Markup` made by our own code passes
through unescaped.
"""

from __future__ import annotations

import html
import json
import re
import string
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

_ESCAPES = {ord(c): f"&#{ord(c)};" for c in string.punctuation}
_SPACE = re.compile(r"\s+")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def inline(value: object) -> Markup:
    """One line of escaped text: runs of white space, newlines included, become one space."""
    if isinstance(value, Markup):
        return value
    return Markup(_SPACE.sub(" ", str(value)).strip().translate(_ESCAPES))


def slug(value: str) -> Markup:
    """A validated id, safe as a file name, URL path segment and HTML id as it is.

    Raises ``ValueError`` for anything else: ids reach templates only after validation.
    """
    if not _SLUG.match(value):
        raise ValueError(f"not a validated id: {value!r}")
    return Markup(value)


def paragraphs(value: str) -> Markup:
    """Escaped text that keeps its blank-line paragraph breaks (each paragraph on one line)."""
    parts = [inline(p) for p in _PARAGRAPHS.split(value.strip()) if p.strip()]
    return Markup("\n\n".join(parts))


def attribute(value: str) -> Markup:
    """Text for a YAML front-matter value that the theme prints unescaped into HTML.

    Material's templates print ``page.meta.title`` and ``description`` raw (MkDocs' Jinja
    environment does not autoescape), so the value is HTML-escaped here and JSON-quoted, which
    is also a valid YAML 1.2 double-quoted scalar.
    """
    escaped = html.escape(_SPACE.sub(" ", value).strip(), quote=True)
    return Markup(json.dumps(escaped, ensure_ascii=False))


@lru_cache(maxsize=64)
def icon(name: str) -> Markup:
    """An inline SVG icon from Material's bundled Material Design icon set (Apache 2.0)."""
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").strip()
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))
