"""The gettext catalogs: ``pledgewatch/locale/<lang>/LC_MESSAGES/pledgewatch.po``, one per
shipped language, and the language the current build speaks.

The ``.po`` files are the only copy: each is compiled in memory the first time it is needed
(Babel's ``read_po`` and ``write_mo``), so there is no binary to keep in step with its source
and no build step before a wheel. A language without a catalog gets the English messages
(the msgids themselves); Babel still formats its dates and durations.

The active language is a context variable set by :func:`speaking` for the length of a build,
so the model, the pages, the feeds and the exports of one build all speak its language.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "pledgewatch"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
"""Where the catalogs live inside the package (shipped as package data)."""

_ACTIVE: contextvars.ContextVar[str] = contextvars.ContextVar("pledgewatch_language",
                                                               default="en")


def shipped() -> tuple[str, ...]:
    """The languages with a catalog, e.g. ``("de", "en", "fr")``, sorted."""
    return tuple(sorted(p.parent.parent.name
                        for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


def po_path(language: str) -> Path:
    """The catalog file of ``language`` (which may not exist)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=16)
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of ``language`` (a CLDR id such as ``fr`` or ``de_CH``; a region
    falls back to its language's catalog), or ``NullTranslations`` (English) when none is
    shipped. Fuzzy entries are left out, as ``msgfmt`` does."""
    for code in (language, language.split("_")[0].split("-")[0]):
        path = po_path(code)
        if path.is_file():
            with path.open("rb") as f:
                catalog = read_po(f, locale=code, domain=DOMAIN)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(fp=buffer, domain=DOMAIN)
    return gettext.NullTranslations()


def active() -> str:
    """The language the current build speaks (``en`` outside any :func:`speaking`)."""
    return _ACTIVE.get()


@contextlib.contextmanager
def speaking(language: str):
    """Make ``language`` the active one inside the ``with`` block, then restore the last."""
    token = _ACTIVE.set(language or "en")
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def gettext_(message: str) -> str:
    """``message`` in the active language (the msgid itself when it has no translation)."""
    return translations(active()).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    """The form of the message for the count ``n`` in the active language, by its catalog's
    ``Plural-Forms`` rule (English's rule without a catalog)."""
    return translations(active()).ngettext(singular, plural, n)


def fill_english(path: Path | None = None) -> int:
    """Give every entry of the English catalog (``path``, by default the shipped one) its
    msgid as its translation, English being the language the messages are written in; the
    other entries are kept. Returns how many entries were filled. Used by
    ``make translations``."""
    from babel.messages.pofile import write_po

    path = path or po_path("en")
    with path.open("rb") as f:
        catalog = read_po(f, locale="en", domain=DOMAIN)
    filled = 0
    for message in catalog:
        if not message.id:
            continue
        wanted = message.id if isinstance(message.id, str) else tuple(message.id)
        if message.string != wanted or message.fuzzy:
            message.string, filled = wanted, filled + 1
            message.flags.discard("fuzzy")
    with path.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False)
    return filled


if __name__ == "__main__":  # python -m pledgewatch.core.catalogs fill-english
    import sys

    if sys.argv[1:] != ["fill-english"]:
        sys.exit("usage: python -m pledgewatch.core.catalogs fill-english")
    print(f"{fill_english()} English entries filled from their msgids")
