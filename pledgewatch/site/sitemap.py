"""MkDocs hook (``hooks:`` in the derived ``mkdocs.yml``): the sitemap as an index of parts.

MkDocs writes one ``sitemap.xml`` that lists every page: 2 MB at 10,000 pledges. Material's
JavaScript fetches ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page, taking it
for the site in another language; every page links the site-wide feeds, so every first visit
downloaded the whole list (155 KB compressed). The sitemaps.org protocol (0.9, "Using Sitemap
index files") lets ``sitemap.xml`` be an index of sitemaps instead, and caps a sitemap at
50,000 URLs and 50 MB; so after the build the list moves into parts
(:data:`routes.SITEMAP_PART`) and ``sitemap.xml`` becomes the index, a few hundred bytes that
search engines follow and Material reads as an empty map.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from mkdocs.plugins import event_priority

from pledgewatch.core import routes

MAX_URLS = 50_000
"""The protocol's limit of URLs in one sitemap."""

_URL = re.compile(r"<url>.*?</url>", re.DOTALL)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def split(sitemap: str, site_url: str, limit: int = MAX_URLS) -> tuple[str, dict[str, str]]:
    """The index and its parts for MkDocs' ``sitemap`` text: ``(index XML, {path: part
    XML})``, parts of at most ``limit`` URLs in MkDocs' order at :data:`routes.SITEMAP_PART`
    (``n`` from 1), and each part listed in the index at ``site_url`` + its path, dated by the
    latest ``lastmod`` of its pages (ISO 8601 dates compare as text). ``site_url`` ends in
    ``/`` (:class:`SiteConfig` checks it)."""
    urls = _URL.findall(sitemap)
    parts, entries = {}, []
    for n, start in enumerate(range(0, max(len(urls), 1), limit), start=1):
        chunk = urls[start:start + limit]
        path = routes.SITEMAP_PART.format(n=n)
        parts[path] = f"{_HEAD}<urlset {_NS}>\n" + "".join(f"    {u}\n" for u in chunk) + \
            "</urlset>\n"
        dates = [d for u in chunk for d in _LASTMOD.findall(u)]
        lastmod = f"<lastmod>{max(dates)}</lastmod>" if dates else ""
        entries.append(f"    <sitemap><loc>{escape(site_url + path)}</loc>{lastmod}</sitemap>\n")
    return f"{_HEAD}<sitemapindex {_NS}>\n{''.join(entries)}</sitemapindex>\n", parts


@event_priority(-90)  # after the theme and the plugins wrote theirs
def on_post_build(config) -> None:
    """Replace ``sitemap.xml`` (and ``sitemap.xml.gz``) of the built site by the index, and
    write its parts. Does nothing when the theme wrote no sitemap. The gzip header's time is
    ``SOURCE_DATE_EPOCH`` (set by ``mkdocs_run.run_mkdocs``), as MkDocs stamps its own."""
    site = Path(config["site_dir"])
    source = site / routes.SITEMAP
    if not source.is_file():
        return
    index, parts = split(source.read_text(encoding="utf-8"), config["site_url"] or "/")
    folder = (site / routes.SITEMAP_PART).parent
    for old in folder.glob("*.xml") if folder.is_dir() else ():  # a preview's earlier parts
        if old.relative_to(site).as_posix() not in parts:
            old.unlink()
    for path, xml in parts.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(xml, encoding="utf-8")
    source.write_text(index, encoding="utf-8")
    packed = site / f"{routes.SITEMAP}.gz"
    if packed.is_file():  # as MkDocs writes it: the file's name in the header (RFC 1952 FNAME)
        epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
        with packed.open("wb") as out, gzip.GzipFile(routes.SITEMAP, "wb", fileobj=out,
                                                     mtime=epoch) as zipped:
            zipped.write(index.encode("utf-8"))
