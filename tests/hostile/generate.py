"""Write the hostile corpus (tests/hostile/content): ``python -m tests.hostile.generate``.

Each kind has a handful of records; every text field of the kind gets every payload, spread
round-robin over its records (payload ``k`` goes to record ``k % N``). Multi-paragraph fields
join their payloads with blank lines, so each payload also starts a paragraph; one-line fields
(names, titles) join them with `` · `` on one line. Strings are written as double-quoted YAML
scalars with invisible characters (format controls, separators, unusual spaces) escaped as
``\\uXXXX``, so a reviewer sees them. The output is committed; rerun after editing payloads.py.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

from tests.hostile.payloads import PAYLOADS

ROOT = Path(__file__).parent
CONTENT = ROOT / "content"
COUNTS = {"actors": 7, "sources": 7, "pledges": 7, "deadlines": 6, "quotes": 6}
LONG_ID = ("a-very-long-but-valid-id-" + "-".join(f"part{i}" for i in range(20)))[:100]
"""An id of the longest length allowed (core.fields.MAX_ID_LENGTH)."""

# Valid but awkward addresses: each must come out as exactly this href, and nothing else.
URLS = [
    "https://example.org/a?b=1&c=2&amp;d=3",
    "https://example.org/%22%3E%3Cscript%3Ealert(1)%3C/script%3E",
    "https://example.org/)](javascript:alert(1))",
    "https://example.org/{{7*7}}/{%20raw%20}",
    "HTTPS://EXAMPLE.ORG/UPPER-CASE",
    "https://example.org:8443/path;param?q=1#frag",
    "https://例え.テスト/パス",
    "https://xn--80ak6aa92e.example/punycode",
    "https://example.org/javascript:alert(1)",
    "https://example.org/data:text/html,x",
]


class Raw(str):
    """A value written as it is (dates, enums, ids, the block of updates)."""


def on_one_line(payload: str) -> str:
    """The payload as a one-line field (a name, a title) can hold it: line breaks (LF, CR,
    U+2028, U+2029) become spaces, since the validator refuses them there."""
    return " ".join(re.split("[\n\r\u2028\u2029]", payload))


def spread(kind_count: int, index: int, one_line: bool, offset: int = 0) -> str:
    """The payloads of record ``index`` of ``kind_count`` for one field."""
    chosen = [p for k, p in enumerate(PAYLOADS) if (k + offset) % kind_count == index]
    if one_line:
        return " · ".join(on_one_line(p) for p in chosen)
    return "\n\n".join(chosen)


def quoted(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are YAML 1.2 double-quoted scalars)."""
    out = []
    for ch in json.dumps(value, ensure_ascii=False):
        visible = unicodedata.category(ch) not in ("Cf", "Zl", "Zp", "Cc") and (
            ch == " " or unicodedata.category(ch) != "Zs")
        out.append(ch if visible else f"\\u{ord(ch):04x}")
    return "".join(out)


def write(kind: str, record_id: str, fields: list[tuple[str, object]]) -> None:
    lines = []
    for name, value in fields:
        if isinstance(value, list):
            lines.append(f"{name}: [{', '.join(value)}]")
        elif isinstance(value, Raw):
            lines.append(f"{name}:{value}" if value.startswith("\n") else f"{name}: {value}")
        else:
            lines.append(f"{name}: {quoted(value)}")
    path = CONTENT / kind / f"{record_id}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def actor_id(i: int) -> str:
    return LONG_ID if i == 6 else f"actor-{i}"


def main() -> None:
    shutil.rmtree(CONTENT, ignore_errors=True)
    n = COUNTS["actors"]
    for i in range(n):
        fields = [("id", Raw(actor_id(i))), ("name", spread(n, i, True)),
                  ("kind", Raw("organisation" if i % 2 else "person")),
                  ("description", spread(n, i, False, 3))]
        if i:
            fields.append(("member_of", [actor_id(i - 1)]))
        fields.append(("url", URLS[i]))
        write("actors", actor_id(i), fields)
    n = COUNTS["sources"]
    for i in range(n):
        fields = [("id", Raw(f"source-{i}")), ("title", spread(n, i, True)),
                  ("publisher", spread(n, i, True, 2)), ("kind", Raw("news-article")),
                  ("published", Raw(f"2024-01-0{i + 1}"))]
        if i == n - 1:
            fields.append(("via", ["source-0"]))
        else:
            fields += [("url", URLS[i] + f"?s={i}"), ("archive_url", URLS[-1 - i] + f"?a={i}")]
        fields.append(("notes", spread(n, i, False, 4)))
        write("sources", f"source-{i}", fields)
    n = COUNTS["pledges"]
    for i in range(n):
        a, b = spread(n * 2, 2 * i, False, 1), spread(n * 2, 2 * i + 1, False, 1)
        update = ("  - date: 2024-02-0{d}\n    status: {s}\n    summary: {t}\n"
                  "    sources: [source-{src}]")
        updates = "\n" + "\n".join([
            update.format(d=1, s="not-yet-rated", t=quoted(a), src=i % 6),
            update.format(d=2, s="in-progress", t=quoted(b), src=6)])
        write("pledges", f"pledge-{i}", [
            ("id", Raw(f"pledge-{i}")), ("title", spread(n, i, True)),
            ("made_by", Raw(actor_id(i))), ("made_to", [actor_id((i + 1) % 7)]),
            ("made_on", Raw("2024-01-15")), ("statement", spread(n, i, False, 5)),
            ("topics", ["hostile", f"topic-{i}"]), ("status", Raw("in-progress")),
            ("verdict", spread(n, i, True, 6)),
            ("updates", Raw(updates))])
    n = COUNTS["deadlines"]
    for i in range(n):
        write("deadlines", f"deadline-{i}", [
            ("id", Raw(f"deadline-{i}")), ("title", spread(n, i, True)),
            ("pledges", [f"pledge-{i}"] if i < 5 else []), ("due", Raw(f"2024-03-0{i + 1}")),
            ("kind", Raw("event" if i == 5 else "by")), ("as_stated", spread(n, i, True, 1)),
            ("precision", Raw("day")), ("sources", [f"source-{i}"]),
            ("notes", spread(n, i, False, 2))])
    n = COUNTS["quotes"]
    for i in range(n):
        write("quotes", f"quote-{i}", [
            ("id", Raw(f"quote-{i}")), ("speaker", Raw(actor_id(i))),
            ("text", spread(n, i, False)), ("said_on", Raw(f"2024-01-0{i + 1}")),
            ("source", Raw(f"source-{i}")), ("kind", Raw("spoken")),
            ("context", spread(n, i, False, 3)), ("about", [f"pledge-{i}", "pledge-6"])])


if __name__ == "__main__":
    main()
    print(f"wrote {sum(1 for _ in CONTENT.rglob('*.yml'))} records to {CONTENT}")
