"""Site, i18n: Jinja2's i18n extension (``{% trans %}``, ``_()``, ``ngettext()``) wired to the
build's gettext catalogs (``core.catalogs``), for page templates (HTML or Markdown).

The extension runs in its "newstyle" mode (Jinja2 docs, "i18n Extension"): the template passes
the placeholders' values to the gettext callable, which fills them in. Here the callable keeps
the translated words as they are (HTML or Markdown, as the template's own text is), and
escapes each value as the template would print it (our own ``Markup`` as it is, anything else
escaped as contributors' text), so a translated sentence can hold a link or a status pill.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jinja2
from markupsafe import Markup

from pledgewatch.core import catalogs
from pledgewatch.core.schema import PRECISION_LABELS, VALUE_LABELS

_PLACEHOLDER = re.compile(r"%\((\w+)\)s|%%")


def fill(message: str, values: dict, finalize: Callable[[object], object]) -> Markup:
    """``message`` (a translated string with ``%(name)s`` placeholders and ``%%`` for a
    percent sign, the form Jinja2's ``{% trans %}`` produces) with each placeholder replaced
    by ``finalize(value)``. The message's own words are Markdown, trusted as the template
    they come from is (a translator keeps its code spans); only the values are escaped.
    Raises ``KeyError`` for a missing value."""
    return Markup(_PLACEHOLDER.sub(
        lambda found: "%" if found.group(0) == "%%" else str(finalize(values[found.group(1)])),
        message))


def install(env: jinja2.Environment, finalize: Callable[[object], object]) -> None:
    """Add the i18n extension to ``env`` with callables that translate into the build's
    language at render time and fill values through ``finalize``. ``{% trans %}`` blocks are
    trimmed (white space runs become one space), so line breaks in a template do not reach
    the msgid."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True  # type: ignore[attr-defined]

    def gettext(message: str, **values: object) -> Markup:
        return fill(catalogs.gettext_(message), values, finalize)

    def ngettext(singular: str, plural: str, num: int, **values: object) -> Markup:
        return fill(catalogs.ngettext_(singular, plural, num), {"num": num, **values},
                    finalize)

    env.globals.update(gettext=gettext, _=gettext, ngettext=ngettext,
                       t=catalogs.gettext_,  # plain text, for front matter (``|attr``)
                       VALUE_LABELS=VALUE_LABELS, PRECISION_LABELS=PRECISION_LABELS)


def on_env(env: jinja2.Environment, config, files):
    """MkDocs hook: the theme's templates (``templates/overrides``) get the i18n extension too,
    translating into the theme's ``language`` (the site's ``language``). MkDocs' environment
    does not autoescape: the overrides escape what they print with ``| e``.

    The theme's templates do not change during a build, so Jinja2 stops asking the file
    system whether they did (``auto_reload``): a page includes some forty partials, and each
    include was a ``stat`` (12,000 pages: half a million). ``serve`` starts a new build, with a
    new environment, when a template changes."""
    env.auto_reload = False
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(  # type: ignore[attr-defined]
        catalogs.translations(config.theme.get("language") or "en"), newstyle=True)
    return env
