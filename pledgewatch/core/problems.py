"""Located problems: the one shape every stage uses to report bad input.

A problem prints as ``PATH:LINE:COL: SEVERITY: MESSAGE``, the format compilers use (GNU Coding
Standards, "Formatting Error Messages"), so editors and CI annotate the right line.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Literal

from pledgewatch.core.urls import shown

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one file.

    ``line`` and ``column`` are 1-based (a character count, as editors show it); a problem
    with the whole file (its size, its encoding) is placed at 1:1. ``code`` is a stable
    machine-readable name (``unknown-field``, ``yaml-syntax`` ...); ``message`` is for people.
    Ordering sorts by path, then line, then column, which is the order problems are printed in.
    """

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def as_text(self) -> str:
        """``PATH:LINE:COL: error: MESSAGE``, on one line whatever the message quotes."""
        message = _visible(self.message)
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {message}"

    def as_github(self) -> str:
        """A GitHub Actions workflow command, so the problem annotates the changed line.

        The message and the file property are escaped as GitHub's toolkit does (``%``, CR, LF;
        in properties also ``:`` and ``,``), so no text can end the command or start another.
        """
        message = (_visible(self.message).replace("%", "%25").replace("\r", "%0D")
                   .replace("\n", "%0A"))
        path = (self.path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
                .replace(":", "%3A").replace(",", "%2C"))
        return (
            f"::{self.severity} file={path},line={max(self.line, 1)},"
            f"col={max(self.column, 1)}::{message}"
        )


def _visible(message: str) -> str:
    """Messages quote record text: line breaks and bidi controls in it are shown escaped, so
    they cannot start a line of their own or reorder the report."""
    return message if message.isprintable() else shown(message)


def is_error(problem: Problem) -> bool:
    """True when the problem fails validation (warnings fail only under ``--strict``)."""
    return problem.severity == "error"


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    """Render sorted problems as ``text`` lines, ``github`` commands or a ``json`` list."""
    ordered = sorted(problems)
    if fmt == "json":  # escaped before quoting: JSON has no escape for a lone surrogate
        text = json.dumps([{k: _bytes_shown(v) if isinstance(v, str) else v
                            for k, v in asdict(p).items()} for p in ordered],
                          indent=2, ensure_ascii=False)
    else:
        render = Problem.as_github if fmt == "github" else Problem.as_text
        text = _bytes_shown("\n".join(render(p) for p in ordered))
    return text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _bytes_shown(text: str) -> str:
    """A file name that is not UTF-8 reaches us with lone surrogates (Python's
    ``surrogateescape``): each undecodable byte is shown as ``\\xNN``, so the output is valid
    UTF-8 (and valid JSON) and names the byte the file system holds."""
    if not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub(lambda m: f"\\x{ord(m.group()) - 0xdc00:02x}"
                          if ord(m.group()) >= 0xdc80 else f"\\u{ord(m.group()):04x}", text)


class ConfigError(Exception):
    """``site_config.yml`` is missing or wrong; the CLI exits with status 2."""
