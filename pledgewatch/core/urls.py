"""Which URLs a record may carry: absolute ``http``/``https`` only (RFC 3986 syntax).

Everything else, including ``javascript:``, ``data:`` and ``vbscript:`` in any letter case or
behind entity or percent encoding, is refused, so a link on the site can only lead to a web page.
"""

from __future__ import annotations

import html
import re
import unicodedata
from urllib.parse import unquote, urlsplit

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
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def shown(value: str) -> str:
    """``value`` for a message, with invisible characters (format controls such as U+200B or
    U+202E, separators, unusual spaces) written as ``\\uXXXX`` so the reader sees them."""
    return "".join(
        f"\\u{ord(c):04x}" if unicodedata.category(c) in ("Cf", "Cc", "Zl", "Zp")
        or (unicodedata.category(c) == "Zs" and c != " ") else c for c in value)


def check_url(value: str) -> str | None:
    """``None`` for an acceptable URL, else a message saying what is wrong and how to fix it."""
    if _PLAIN.fullmatch(value):
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
    if _BAD_PERCENT.search(value):
        return (f"'{value}' has a '%' that does not start a percent-escape such as %20; "
                "write a literal '%' as %25")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it checks the port number
    except ValueError as exc:
        return (f"'{shown(value)}' is not a valid URL ({exc}); copy the address from the "
                "browser's address bar")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return (f"'{shown(value)}' is not an absolute http(s) address; "
                "write it in full, starting with https://")
    if not _valid_host(parts.hostname, parts.netloc):
        return (f"'{value}' has no valid host name ('{parts.hostname}'); copy the address "
                "from the browser's address bar")
    return None


def _valid_host(hostname: str, netloc: str) -> bool:
    """A host name as ``_HOST`` reads it (internationalised names through IDNA), or a bracketed IP
    address literal (RFC 3986, section 3.2.2), which ``urlsplit`` has checked already."""
    if "[" in netloc:
        return True
    try:
        ascii_name = hostname.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return _HOST.fullmatch(ascii_name) is not None
