"""Which URLs a record may carry: absolute ``http``/``https`` only, read as browsers read
them (the WHATWG URL Standard), leading to a public host.

Everything else, including ``javascript:``, ``data:`` and ``vbscript:`` in any letter case or
behind entity or percent encoding, is refused, so a link on the site can only lead to a web page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote, urlsplit

import ada_url

_UNSAFE = ("javascript:", "data:", "vbscript:", "file:")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f\x7f]")
# Host names: labels of letters, digits and hyphens with at least one letter or digit (RFC 1123
# wants no hyphen at either end, but browsers accept one, as in Tumblr's "name-.tumblr.com"),
# and underscores, which DNS names carry in practice.
_LABEL = r"(?=[A-Za-z0-9_-]{0,62}[A-Za-z0-9])[A-Za-z0-9_-]{1,63}"
_HOST = re.compile(rf"(?:{_LABEL}\.)*{_LABEL}\.?")
# Most addresses are plain: an http(s) scheme, a host name, and a path of characters that need
# no decoding and cannot hide a scheme. Such an address passes every check below, so it is
# accepted without them (they cost more than the rest of a record's checks).
_PLAIN = re.compile(rf"https?://{_HOST.pattern}(?::[0-9]{{1,4}})?"
                    r"(?:[/?#][A-Za-z0-9._~!$()*+,;=:@/?#-]*)?")
_ABSOLUTE = re.compile("https?://", re.IGNORECASE)
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def shown(value: str) -> str:
    """``value`` for a message, with invisible characters (format controls such as U+200B or
    U+202E, separators, unusual spaces) written as ``\\uXXXX`` so the reader sees them."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")
        or (unicodedata.category(c) == "Zs" and c != " ") else c for c in value)


def check_url(value: str, public: bool = True) -> str | None:
    """``None`` for an acceptable URL, else a message saying what is wrong and how to fix it.

    The address is read as browsers read it (the WHATWG URL Standard, through ``ada-url``, the
    parser of Node.js), so the host the validator checks is the host a reader's browser
    visits. Refused besides unsafe schemes and malformed addresses: backslashes (browsers
    read ``\\`` as ``/``), user information (``user@`` before the host, which disguises it),
    and, when ``public``, IP address literals and local or private host names
    (:func:`private_host`).
    """
    if _PLAIN.fullmatch(value) and not (public and private_host(_plain_host(value))):
        return None
    decoded = _SPACE_OR_CONTROL.sub("", unquote(html.unescape(value))).lower()
    for scheme in _UNSAFE:
        if decoded.startswith(scheme):
            return f"'{scheme}' links are not allowed; only http:// and https:// addresses"
    if _SPACE_OR_CONTROL.search(value) or any(c in value for c in '<>"`'):
        return (f"'{shown(value)}' contains spaces, quotes or angle brackets; percent-encode "
                "them (a space is %20, \" is %22)")
    if shown(value) != value:
        return (f"'{shown(value)}' contains an invisible character; delete it (copy the "
                "address from the browser's address bar)")
    if "\\" in value:
        return (f"'{value}' contains a backslash, which browsers read as '/', so the link "
                "would lead elsewhere than it reads; write '/' or percent-encode it as %5C")
    if _BAD_PERCENT.search(value):
        return (f"'{value}' has a '%' that does not start a percent-escape such as %20; "
                "write a literal '%' as %25")
    if not _ABSOLUTE.match(value):
        return (f"'{shown(value)}' is not an absolute http(s) address; "
                "write it in full, starting with https://")
    try:
        parsed = ada_url.URL(value)
    except ValueError:
        return (f"'{shown(value)}' is not a valid URL{_reason(value)}; copy the address from "
                "the browser's address bar")
    if "@" in _authority(value):
        return (f"'{value}' has user information before the host ('...@'), which can "
                "disguise where the link leads; delete everything between '//' and '@'")
    if not _HOST.fullmatch(parsed.hostname) and parsed.host_type == ada_url.HostType.DEFAULT:
        return (f"'{value}' has no valid host name ('{parsed.hostname}'); copy the address "
                "from the browser's address bar")
    if public and parsed.host_type != ada_url.HostType.DEFAULT:
        return (f"'{value}' names its host by IP address ('{parsed.hostname}'); link to the "
                "page by its host name, as readers see it")
    if public and private_host(parsed.hostname):
        return (f"'{value}' points to a local or private host ('{parsed.hostname}'), which "
                "readers cannot reach; link to the page's public address")
    return None


def _reason(value: str) -> str:
    """`` (Port out of range 0-65535)``: what Python's parser can say about an address the
    WHATWG parser refused (it gives no reason), or nothing."""
    try:
        urlsplit(value).port  # noqa: B018 - reading it checks the port number
    except ValueError as exc:
        return f" ({exc})"
    return ""


def _authority(value: str) -> str:
    """The part between ``//`` and the path, query or fragment (where user information is)."""
    rest = value.split("//", 1)[1] if "//" in value else ""
    return re.split(r"[/?#\\]", rest, maxsplit=1)[0]


def _plain_host(value: str) -> str:
    return _authority(value).rsplit(":", 1)[0] if ":" in _authority(value) else _authority(value)


# Special-use names (RFC 6761, RFC 6762 .local, RFC 8375 .home.arpa, ICANN's .internal): they
# name machines on the builder's or the reader's own network, never a public page.
_PRIVATE_SUFFIXES = (".localhost", ".local", ".home.arpa", ".internal", ".lan")


def private_host(host: str) -> bool:
    """True for a host name no reader can reach as the author meant: ``localhost``, a name
    under a special-use suffix, a name without a dot (a machine on a local network), or one
    whose last label is a number (WHATWG reads it as an IPv4 address: ``0x7f.1``)."""
    name = host.lower().rstrip(".")
    last = name.rsplit(".", 1)[-1]
    return (name == "localhost" or "." not in name or name.endswith(_PRIVATE_SUFFIXES)
            or last.isdigit() or re.fullmatch("0x[0-9a-f]*", last) is not None)


def url_warning(value: str) -> str | None:
    """A warning for an accepted URL whose host name mixes writing systems in one label, as
    look-alike addresses do (``аpple.com`` with a Cyrillic а); else ``None``. Unicode
    Technical Standard #39, section 5.1 ("Highly Restrictive"): Latin with Han, Hiragana,
    Katakana, Hangul or Bopomofo is a normal Japanese, Chinese or Korean mix, not a warning."""
    if value.isascii() and "xn--" not in value.lower():
        return None
    try:
        host = ada_url.idna_to_unicode(ada_url.URL(value).hostname)
    except ValueError:
        return None
    for label in host.split("."):
        scripts = {_script(c) for c in label if c.isalpha()}
        if scripts - {"Latin"} <= _EAST_ASIAN:
            continue
        if len(scripts) > 1:
            return (f"the host name '{host}' mixes {' and '.join(sorted(scripts))} letters in "
                    f"'{label}', as look-alike addresses do; check that the link leads where "
                    "it should")
    return None


_EAST_ASIAN = frozenset(("Han", "Hiragana", "Katakana", "Hangul", "Bopomofo"))


def _script(char: str) -> str:
    """The writing system of a letter, from the first word of its Unicode name (Python has
    no Script property): 'Latin', 'Cyrillic', 'Greek', 'Han' ..."""
    word = unicodedata.name(char, "UNKNOWN").split(" ", 1)[0]
    return {"CJK": "Han"}.get(word, word.title())
