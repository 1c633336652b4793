"""A synthetic Pledgewatch content tree of N pledges, valid and deterministic for a seed.

Proportions follow what a real tracker accumulates: per pledge 3 updates (1 to 5), 2 quotes
(0 to 4), 3 sources and 1 deadline (one in ten of them an event on the timeline), and one actor
per 10 pledges. Texts vary from a line to several paragraphs; names, publishers and words mix
scripts (Latin with diacritics, Greek, Cyrillic, CJK, Arabic) and characters that Markdown and
HTML treat specially (``&``, ``#``, ``*``, ``|``, quotes), so the benchmark exercises escaping as
real content does. Records are written as curators write them: plain scalars where YAML reads
them as text, double-quoted otherwise, folded blocks for long text, flow lists of ids.

Usage: ``python -m benchmarks.synth OUT --pledges 1000 [--seed 7]`` writes ``OUT/site_config.yml``
and ``OUT/content/``. The same seed and N give a byte-identical tree.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import textwrap
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from . import words as W

SITE_CONFIG = """\
site_name: Synthetic Watch
site_url: https://bench.example.org/watch/
description: >-
  A synthetic tracker for Pledgewatch's benchmark: generated pledges, quotes, sources and
  deadlines in realistic proportions.
language: en
time_zone: Europe/Berlin
repo_url: https://github.com/example/synthetic-watch
edit_branch: main
feed_size: 50
licence: CC BY 4.0
licence_url: https://creativecommons.org/licenses/by/4.0/
content_dir: content
"""
FIRST_DAY = dt.date(2019, 1, 1)
LAST_START = 1800  # days after FIRST_DAY; the latest update lands before 2025-04
AS_OF = dt.date(2025, 6, 30)  # the benchmark's build date: every event lies before it

_PLAIN = re.compile(r"^[A-Za-z\u00c0-\uffff][^:#'\"\[\]{},&*!|>%@`\\]*(?<! )$")
_YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}
_FOLDED = {"statement", "summary", "text", "description", "notes", "context"}
# Letters NFKD does not decompose into an ASCII base letter.
_TRANSLITERATE = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                                "Æ": "AE", "đ": "d", "ı": "i", "œ": "oe", "þ": "th"})


@dataclass
class Tree:
    """The records of a synthetic tree, by kind; each record is a list of ``(field, value)``."""

    records: dict[str, list[list[tuple[str, object]]]] = field(
        default_factory=lambda: {k: [] for k in ("actors", "sources", "pledges", "deadlines",
                                                  "quotes")})

    def count(self, kind: str) -> int:
        return len(self.records[kind])

    @property
    def updates(self) -> int:
        return sum(len(dict(p)["updates"]) for p in self.records["pledges"])


def slug(text: str, fallback: str) -> str:
    """An id-safe slug of ``text`` (accents dropped, other scripts removed), else ``fallback``."""
    ascii_text = (unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE))
                  .encode("ascii", "ignore").decode())
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())[:6]
    return "-".join(words) or fallback


class _Synth:
    """Draws every record from one seeded generator, in a fixed order."""

    def __init__(self, pledges: int, seed: int):
        self.n, self.rng, self.tree = pledges, random.Random(seed), Tree()
        self.serial = 0

    def sentence(self, lo: int, hi: int) -> str:
        words = [self.rng.choice(W.WORDS) for _ in range(self.rng.randint(lo, hi))]
        if self.rng.random() < 0.3:
            words.insert(self.rng.randrange(len(words)), self.rng.choice(W.MARKED))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def prose(self, sentences: tuple[int, int], paragraphs: tuple[int, int] = (1, 1)) -> str:
        paras = [" ".join(self.sentence(5, 18) for _ in range(self.rng.randint(*sentences)))
                 for _ in range(self.rng.randint(*paragraphs))]
        return "\n".join(paras)  # a folded block turns one blank line into one line break

    def shuffled_cycle(self, values: list[int]) -> list[int]:
        """``n`` draws whose mean is exactly the mean of ``values`` when ``n`` is a multiple."""
        out = [values[i % len(values)] for i in range(self.n)]
        self.rng.shuffle(out)
        return out

    def actors(self) -> list[tuple[str, str]]:
        count = -(-self.n // 10)  # one actor per ten pledges, rounded up
        made, organisations = [], []
        for i in range(count):
            kind = "organisation" if i % 5 in (1, 3) else "person"
            if kind == "person":
                name = (f"{self.rng.choice(W.FIRST_NAMES)} {self.rng.choice(W.SURNAMES)}"
                        if self.rng.random() < 0.8 else self.rng.choice(W.OTHER_SCRIPT_PEOPLE))
            else:
                name = f"{self.rng.choice(W.ORGANISATIONS)} {self.rng.choice(W.PLACES)}"
            actor_id = f"{slug(name, 'actor')}-{i + 1}"
            record = [("id", actor_id), ("name", name), ("kind", kind)]
            if self.rng.random() < 0.8:
                record.append(("description", self.prose((1, 2))))
            if kind == "person" and organisations and self.rng.random() < 0.5:
                record.append(("member_of", [self.rng.choice(organisations)]))
            elif kind == "organisation":
                organisations.append(actor_id)
                record.append(("url", f"https://{slug(name, 'org')[:30]}-{i + 1}.example.org/"))
            self.tree.records["actors"].append(record)
            made.append((actor_id, kind))
        return made

    def source(self, published: dt.date, via: str | None = None) -> str:
        self.serial += 1
        publisher = self.rng.choice(W.PUBLISHERS)
        pub_slug = slug(publisher, "news")
        source_id = f"{pub_slug}-{published}-{self.serial}"
        title = self.sentence(4, 14).rstrip(".")
        record = [("id", source_id), ("title", title), ("publisher", publisher),
                  ("kind", self.rng.choice(W.SOURCE_KINDS)), ("published", published)]
        if via is None:
            path = f"{published:%Y/%m/%d}/{slug(title, 'story')}-{self.serial}"
            record.append(("url", f"https://{pub_slug[:20]}.example.org/{path}"))
            if self.rng.random() < 0.5:
                record.append(("archive_url", f"https://archive.example.org/web/{path}"))
        else:
            record.append(("via", [via]))
            record.append(("notes", "No address of the original was found; " +
                           self.sentence(4, 12)))
        self.tree.records["sources"].append(record)
        return source_id

    def pledge(self, i: int, made_by: str, actor_ids: list[str], updates: int,
               quotes: int) -> None:
        verb = self.rng.choice(W.VERBS)
        title = f"{verb} {self.sentence(3, 9).rstrip('.').lower()}"
        pledge_id = f"{slug(title, 'pledge')[:48].strip('-')}-{i + 1}"
        made_on = FIRST_DAY + dt.timedelta(days=self.rng.randrange(LAST_START))
        dates = [made_on + dt.timedelta(days=self.rng.randint(0, 3))]
        for _ in range(updates - 1):
            dates.append(dates[-1] + dt.timedelta(days=self.rng.randint(1, 120)))
        # Three sources: the first reports the pledge, the others the later updates.
        s0 = self.source(dates[0])
        s1 = self.source(dates[min(1, updates - 1)],
                         via=s0 if self.rng.random() < 0.05 else None)
        s2 = self.source(dates[min(2, updates - 1)])
        sources = [(s0, dates[0]), (s1, dates[min(1, updates - 1)]),
                   (s2, dates[min(2, updates - 1)])]
        update_list, status = [], "not-yet-rated"
        for j, date in enumerate(dates):
            cited = [s for s, d in sources if d == date] if j < 3 else [s2]
            if j:
                status = self.rng.choice(W.LATER_STATUSES)
            update_list.append({"date": date, "status": status,
                                "summary": self.prose((1, 4), (1, 2)), "sources": cited})
        record = [("id", pledge_id), ("title", title), ("made_by", made_by)]
        want = self.rng.randint(0, 3)
        drawn = self.rng.sample(actor_ids, k=min(len(actor_ids), want + 1))
        made_to = [a for a in drawn if a != made_by][:want]
        if made_to:
            record.append(("made_to", made_to))
        record += [("made_on", made_on), ("statement", self.prose((1, 5), (1, 3)))]
        topics = sorted(self.rng.sample(W.TOPICS, k=self.rng.randint(0, 3)))
        if topics:
            record.append(("topics", topics))
        record += [("status", status), ("updates", update_list)]
        self.tree.records["pledges"].append(record)
        self.deadline(i, pledge_id, made_on, s0)
        for k in range(quotes):
            speaker = self.rng.choice([made_by, *made_to])
            self.quote(pledge_id, k, speaker, sources[k % 3], made_on)

    def deadline(self, i: int, pledge_id: str, made_on: dt.date, source: str) -> None:
        kind = "event" if i % 10 == 9 else ("not-before" if i % 10 == 4 else "by")
        record = [("id", f"{pledge_id}-deadline"),
                  ("title", self.sentence(2, 6).rstrip(".")),
                  ("pledges", [] if kind == "event" else [pledge_id]),
                  ("due", made_on + dt.timedelta(days=self.rng.randint(7, 400))),
                  ("kind", kind), ("as_stated", self.rng.choice(W.AS_STATED)),
                  ("precision", self.rng.choice(("day", "week", "month"))),
                  ("sources", [source])]
        if self.rng.random() < 0.4:
            record.append(("notes", self.sentence(6, 16)))
        self.tree.records["deadlines"].append(record)

    def quote(self, pledge_id: str, k: int, speaker: str, source: tuple[str, dt.date],
              made_on: dt.date) -> None:
        source_id, published = source
        record = [("id", f"{pledge_id}-quote-{k + 1}"), ("speaker", speaker),
                  ("text", self.prose((1, 3))), ("said_on", published), ("source", source_id),
                  ("kind", self.rng.choice(("spoken", "statement", "social-post")))]
        if self.rng.random() < 0.6:
            record.append(("context", self.sentence(4, 12)))
        record.append(("about", [pledge_id]))
        self.tree.records["quotes"].append(record)

    def run(self) -> Tree:
        actors = self.actors()
        actor_ids = [a for a, _ in actors]
        updates = self.shuffled_cycle([1, 2, 3, 4, 5])
        quotes = self.shuffled_cycle([0, 1, 2, 3, 4])
        for i in range(self.n):
            # Round robin, so every actor makes about ten pledges and none is unused.
            self.pledge(i, actor_ids[i % len(actor_ids)], actor_ids, updates[i], quotes[i])
        return self.tree


def synthesize(pledges: int, seed: int = 7) -> Tree:
    """The records of a tree of ``pledges`` pledges (at least 1), drawn from ``seed``."""
    if pledges < 1:
        raise ValueError("a synthetic tree needs at least one pledge")
    return _Synth(pledges, seed).run()


def scalar(value: object) -> str:
    """One YAML scalar: plain where YAML 1.1 and 1.2 both read it as this text, else
    double-quoted (a JSON string is a valid YAML double-quoted scalar)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _YAML11_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _field(key: str, value: object, indent: str) -> list[str]:
    if isinstance(value, list) and value and isinstance(value[0], dict):
        lines = [f"{indent}{key}:"]
        for item in value:
            sub = [line for k, v in item.items() for line in _field(k, v, indent + "    ")]
            lines += [f"{indent}  - {sub[0].lstrip()}", *sub[1:]]
        return lines
    if isinstance(value, list):
        return [f"{indent}{key}: [{', '.join(value)}]"]
    if key in _FOLDED and (len(value) > 90 - len(indent) or "\n" in value):
        body = [line for para in value.split("\n")
                for line in [*textwrap.wrap(para, 92 - len(indent), break_long_words=False,
                                                    break_on_hyphens=False), ""]][:-1]
        return [f"{indent}{key}: >-", *(f"{indent}  {line}" if line else "" for line in body)]
    return [f"{indent}{key}: {scalar(value)}"]


def dump(record: list[tuple[str, object]]) -> str:
    """A record as a curator would write it."""
    return "\n".join(line for key, value in record for line in _field(key, value, "")) + "\n"


def write_tree(root: Path, pledges: int, seed: int = 7) -> Tree:
    """Write ``root/site_config.yml`` and ``root/content/<kind>/<id>.yml``.

    Raises ``FileExistsError`` when ``root/content`` exists, so a real tree is never mixed
    with or overwritten by a synthetic one.
    """
    tree = synthesize(pledges, seed)
    content = root / "content"
    content.mkdir(parents=True)
    (root / "site_config.yml").write_text(SITE_CONFIG, encoding="utf-8")
    for kind, records in tree.records.items():
        folder = content / kind
        folder.mkdir()
        for record in records:
            (folder / f"{dict(record)['id']}.yml").write_text(dump(record), encoding="utf-8")
    return tree


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write site_config.yml and content/ to")
    parser.add_argument("--pledges", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    tree = write_tree(args.out, args.pledges, args.seed)
    print(", ".join(f"{tree.count(k)} {k}" for k in tree.records) + f", {tree.updates} updates")


if __name__ == "__main__":
    main()
