"""Fuzz-style test: malformed and random bytes through the loader and validator give located
problems only, never an exception. Seeded, so every run checks the same inputs."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from pledgewatch.checks import crosscheck, validate
from pledgewatch.core.config import load_config
from pledgewatch.core.problems import Problem, format_problems
from pledgewatch.ingest import load, yaml_nodes

SITE = Path(__file__).parent / "fixtures" / "site"
CONFIG = load_config(SITE / "site_config.yml")
# Characters that matter to YAML, to the checks, or to decoders.
ALPHABET = list(":-?[]{},#&*!|>'\"%@`\t\r\n \\<>=~") + [
    "\x00", "\x07", "\x1b", "\x85", "\u2028", "\ufeff", "\ufffe", "é", "😀", "NO", "0755",
    "12:30", "2022-02-30", "<<", "---", "...", "!!binary", "&a", "*a", "javascript:", "- ",
    "  ", "FILL IN:", "id", "status", "updates", "sources", "date"]


def _originals() -> list[tuple[str, Path, bytes]]:
    return [(kind, path, path.read_bytes()) for kind, path in load.content_files(SITE / "content")]


def _mutate(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8")
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(text))
        action = rng.randrange(6)
        if action == 0:
            text = text[:at] + rng.choice(ALPHABET) + text[at:]
        elif action == 1:
            text = text[:at] + text[at + rng.randint(1, 12):]
        elif action == 2:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[rng.randrange(len(lines))])
            text = "\n".join(lines)
        elif action == 3:
            text = "\n".join(" " * rng.randint(0, 3) + line if rng.random() < 0.3 else line
                             for line in text.split("\n"))
        elif action == 4:
            text = text[:at]
        else:
            text = text[:at] + "".join(rng.choices(ALPHABET, k=rng.randint(1, 8))) + text[at:]
    encoded = text.encode("utf-8", errors="surrogatepass")
    if rng.random() < 0.05:  # a few invalid byte sequences too
        at = rng.randint(0, len(encoded))
        encoded = encoded[:at] + bytes([rng.randint(0x80, 0xff)]) + encoded[at:]
    return encoded


def _cases(seed: int, count: int):
    rng = random.Random(seed)
    originals = _originals()
    for _ in range(count):
        i = rng.randrange(len(originals))
        kind, path, data = originals[i]
        if rng.random() < 0.15:
            data = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 200)))
        else:
            data = _mutate(rng, data)
        yield i, kind, path, data


def _records():
    records = []
    for kind, path, _ in _originals():
        document, _ = load.load_file(kind, path, SITE, CONFIG.max_file_bytes)
        records.append(validate.check_document(document, CONFIG.zone)[0])
    return records


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_malformed_input_gives_only_located_problems(seed: int) -> None:
    valid = _records()
    seen_codes = set()
    for i, kind, path, data in _cases(seed, 1000):
        node, problems = yaml_nodes.parse_bytes(data, "fuzz.yml")
        document = load.Document(kind, path.stem, "fuzz.yml", "fuzz.yml", node)
        record, found = validate.check_document(document, CONFIG.zone)
        problems += found + crosscheck.check_all(valid[:i] + [record] + valid[i + 1:])
        assert all(isinstance(p, Problem) and p.line >= 1 and p.column >= 1 and p.code
                   and p.severity in ("error", "warning") and p.message for p in problems)
        assert all(p.path == "fuzz.yml" for p in problems if p.code.startswith("yaml"))
        for fmt in ("text", "github", "json"):
            format_problems(problems, fmt)
        seen_codes.update(p.code for p in problems)
    # The inputs reach deep into the checks, not only the parser's error path.
    assert {"yaml-syntax", "not-utf8", "control-character", "unknown-field",
            "unknown-reference"} <= seen_codes
