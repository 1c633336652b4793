"""Every page address and feed guid the real site has published, kept in a list so that no
change re-sends items to subscribers or breaks a link without a redirect.

``tests/published-addresses.txt`` holds one address per line: ``page URL`` (site-relative, as
readers link it) or ``guid TAG`` (a feed item's guid, RFC 4151 ``tag:`` URI). The list only
grows: ``python -m tests.published_addresses`` adds what a build of the real content publishes
now to what the file already holds, and the test fails when anything listed is gone.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LIST = Path(__file__).with_name("published-addresses.txt")
ATOM = "{http://www.w3.org/2005/Atom}"


def published(site: Path) -> set[str]:
    """``page …`` and ``guid …`` lines for a built site folder: every HTML page (an alias's
    redirect page counts: the address still leads somewhere) and the guid of every item of the
    per-record feeds, with and without its ``;feed=`` scope. Every event is in its pledge's
    feed; the site-wide feeds hold only the newest ``feed_size`` of them (same guids, no
    scope), so they are not read."""
    out = set()
    for html in site.rglob("*.html"):
        rel = html.relative_to(site).as_posix()
        if rel == "404.html":
            continue
        out.add("page " + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    for feed in site.glob("*/*/atom.xml"):
        for entry in ET.parse(feed).getroot().iter(ATOM + "entry"):
            guid = entry.find(ATOM + "id").text
            out.update((f"guid {guid}", f"guid {guid.split(';feed=')[0]}"))
    return out


def listed() -> set[str]:
    """The addresses in the list file (empty when there is none yet)."""
    if not LIST.exists():
        return set()
    return {line for line in LIST.read_text(encoding="utf-8").splitlines() if line}


def main() -> None:
    """Build the real content as of the tests' date and add what it publishes to the list."""
    import tempfile

    from tests.test_real_content import AS_OF, ROOT
    from tests.test_reproducible_data import build_copy

    with tempfile.TemporaryDirectory() as scratch:
        site = build_copy(ROOT, Path(scratch) / "real", AS_OF)
        addresses = listed() | published(site)
    LIST.write_text("".join(f"{a}\n" for a in sorted(addresses)), encoding="utf-8")
    print(f"{LIST}: {len(addresses)} addresses", file=sys.stderr)


if __name__ == "__main__":
    main()
