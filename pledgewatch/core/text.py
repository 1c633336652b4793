r"""Contributors' text is data, never markup: the escaping used by every generated page.

There is one escaping function per kind of generated page. Pages written as HTML (templates
named ``*.html.j2``, which MkDocs does not run through Python-Markdown) use :func:`html_inline`
and :func:`html_paragraphs`: the five characters that HTML gives a meaning in text or in a
quoted attribute value (``&``, ``<``, ``>``, ``"``, ``'``) become character references, and
nothing else changes. Pages written as Markdown (``*.md.j2``: the about and data pages, and
a tracker's own Markdown templates) use :func:`inline` and :func:`paragraphs`. The characters
of record text that could start Markdown anywhere in a line (``\``, `````, ``*``, ``_``,
``[``, ``]``, ``!``, ``{``, ``}``, ``|``, ``#``), HTML (``<``, ``>``, ``&``) or end an
attribute value (``"``) are written as numeric character references (HTML Living Standard,
"character references"): Markdown leaves references alone and the browser shows the character
itself. So is the character that would make a line's start a list item, a heading underline
or a blockquote (``-``, ``+``, ``=``, ``~``, ``:``, the ``.`` or ``)`` after leading digits).
Other
punctuation (``.``, ``,``, ``'``, ``(``, ``/``, ...) means nothing to Markdown in running text
and stays as it is: each reference is one more match for Markdown's inline pass, which was the
largest cost of a build. Only :class:`markupsafe.Markup` made by our own code passes through
unescaped.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

_ESCAPES = {ord(c): f"&#{ord(c)};" for c in '\\`*_[]!{}|#<>&"'}
_LINE_START = re.compile(r"[-+=~:>]|[0-9]+[.)]")  # what opens a block at a line's start
# Line breaks and ASCII white space fold to one space; other Unicode spaces (no-break space,
# ideographic space) are the writer's choice and stay. U+2028/U+2029 are line breaks to YAML.
_SPACE = re.compile("[ \t\n\r\f\v\u2028\u2029]+")
_PARAGRAPHS = re.compile("\n[ \t\r\f\v]*\n")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def inline(value: object) -> Markup:
    """One line of escaped text: runs of white space, newlines included, become one space.

    Bidirectional embeddings and isolates the text leaves open are closed at its end
    (:func:`close_bidi`), so they cannot reorder the page text that follows.
    """
    if isinstance(value, Markup):
        return value
    escaped = close_bidi(_SPACE.sub(" ", str(value)).strip(" ")).translate(_ESCAPES)
    start = _LINE_START.match(escaped)
    if start:
        end = start.end() - 1
        escaped = f"{escaped[:end]}&#{ord(escaped[end])};{escaped[end + 1:]}"
    return Markup(escaped)


_EMBEDDINGS = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO, closed by PDF U+202C
_ISOLATES = "\u2066\u2067\u2068"  # LRI RLI FSI, closed by PDI U+2069
_PDF, _PDI = "\u202c", "\u2069"
_OPENERS = re.compile(f"[{_EMBEDDINGS}{_ISOLATES}]")


def close_bidi(value: str) -> str:
    """``value`` with a PDF or PDI appended for every embedding, override or isolate it opens
    and does not close, innermost first, so the text is intact and its direction changes end
    where it ends.

    Follows the pairing rules of Unicode Standard Annex #9 (Unicode Bidirectional Algorithm),
    rules X6a and X7: a PDI closes its isolate and every embedding opened inside it; a PDF
    closes the innermost embedding, never an isolate. Unmatched closers are left as they are:
    the algorithm ignores them.
    """
    if not _OPENERS.search(value):
        return value
    stack: list[str] = []
    for ch in value:
        if ch in _EMBEDDINGS:
            stack.append(_PDF)
        elif ch in _ISOLATES:
            stack.append(_PDI)
        elif ch == _PDF and stack and stack[-1] == _PDF:
            stack.pop()
        elif ch == _PDI and _PDI in stack:
            while stack.pop() != _PDI:
                pass
    return value + "".join(reversed(stack))


def slug(value: str) -> Markup:
    """A validated id, safe as a file name, URL path segment and HTML id as it is.

    Raises ``ValueError`` for anything else: ids reach templates only after validation.
    """
    if not _SLUG.match(value):
        raise ValueError(f"not a validated id: {value!r}")
    return Markup(value)


def html_inline(value: object) -> Markup:
    """One line of HTML-escaped text for an HTML page: runs of white space, newlines included,
    become one space; ``&<>"'`` become character references (so the text is safe in element
    content and in a quoted attribute value); open bidirectional controls are closed
    (:func:`close_bidi`). Our own :class:`Markup` passes as it is."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(close_bidi(_SPACE.sub(" ", str(value)).strip(" ")), quote=True))


def html_paragraphs(value: str) -> Markup:
    """Escaped text (:func:`html_inline`) as HTML paragraphs: one ``<p>`` per blank-line
    separated paragraph, joined by newlines; nothing for blank text."""
    parts = [html_inline(p) for p in _PARAGRAPHS.split(value) if _SPACE.sub("", p)]
    return Markup("\n".join(f"<p>{p}</p>" for p in parts))


def paragraphs(value: str) -> Markup:
    """Escaped text that keeps its blank-line paragraph breaks (each paragraph on one line)."""
    parts = [inline(p) for p in _PARAGRAPHS.split(value) if _SPACE.sub("", p)]
    return Markup("\n\n".join(parts))


def attribute(value: str) -> Markup:
    """Text for a YAML front-matter value that the theme prints unescaped into HTML.

    Material's templates print ``page.meta.title`` and ``description`` raw (MkDocs' Jinja
    environment does not autoescape), so the value is HTML-escaped here and JSON-quoted, which
    is also a valid YAML 1.2 double-quoted scalar.
    """
    escaped = html.escape(close_bidi(_SPACE.sub(" ", value).strip(" ")), quote=True)
    return Markup(json.dumps(escaped, ensure_ascii=False))


@lru_cache(maxsize=64)
def icon(name: str) -> Markup:
    """An inline SVG icon from Material's bundled Material Design icon set (Apache 2.0)."""
    import material

    path = Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
    svg = path.read_text(encoding="utf-8").strip()
    return Markup(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))


def long_date(value: dt.date) -> str:
    """``1 November 2022`` (``1 novembre 2022`` in a French build): day first, month in words,
    never ambiguous; in the build's language (:func:`wording.date_words`)."""
    from pledgewatch.core.wording import date_words  # wording needs Babel; text does not

    return date_words(value)
