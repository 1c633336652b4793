"""The sitemap as an index of parts (site/sitemap.py): what search engines and Material read."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pledgewatch.site import sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MKDOCS = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://example.org/w/</loc>
         <lastmod>2025-06-30</lastmod>
    </url>
    <url>
         <loc>https://example.org/w/a/</loc>
         <lastmod>2025-07-01</lastmod>
    </url>
    <url>
         <loc>https://example.org/w/b/</loc>
         <lastmod>2025-06-29</lastmod>
    </url>
</urlset>
"""


def test_split_writes_parts_of_at_most_the_limit_and_an_index_of_them() -> None:
    index, parts = sitemap.split(MKDOCS, "https://example.org/w/", limit=2)
    assert index == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        "    <sitemap><loc>https://example.org/w/sitemaps/pages-1.xml</loc>"
        "<lastmod>2025-07-01</lastmod></sitemap>\n"
        "    <sitemap><loc>https://example.org/w/sitemaps/pages-2.xml</loc>"
        "<lastmod>2025-06-29</lastmod></sitemap>\n"
        "</sitemapindex>\n")
    assert list(parts) == ["sitemaps/pages-1.xml", "sitemaps/pages-2.xml"]
    locs = {path: [e.text for e in ET.fromstring(xml).iter(f"{NS}loc")]
            for path, xml in parts.items()}
    assert locs == {"sitemaps/pages-1.xml": ["https://example.org/w/", "https://example.org/w/a/"],
                    "sitemaps/pages-2.xml": ["https://example.org/w/b/"]}


def test_the_protocol_limit_is_fifty_thousand_urls() -> None:
    assert sitemap.MAX_URLS == 50_000
    _, parts = sitemap.split(MKDOCS, "https://example.org/w/")
    assert list(parts) == ["sitemaps/pages-1.xml"]


def test_an_empty_sitemap_still_gets_one_empty_part() -> None:
    empty = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="x"></urlset>\n'
    index, parts = sitemap.split(empty, "https://example.org/")
    assert "<loc>https://example.org/sitemaps/pages-1.xml</loc></sitemap>" in index
    assert ET.fromstring(parts["sitemaps/pages-1.xml"]).findall(f"{NS}url") == []


@pytest.mark.slow
def test_the_built_site_has_a_small_index_and_every_page_in_its_part(built_site: Path) -> None:
    index = (built_site / "sitemap.xml").read_bytes()
    assert len(index) < 400  # what Material downloads on every first visit
    root = ET.fromstring(index)
    assert root.tag == f"{NS}sitemapindex"
    assert [e.text for e in root.iter(f"{NS}loc")] == [
        "https://watch.example.org/fixture/sitemaps/pages-1.xml"]
    pages = ET.parse(built_site / "sitemaps/pages-1.xml").getroot()
    locs = [e.text for e in pages.iter(f"{NS}loc")]
    assert "https://watch.example.org/fixture/pledges/fix-the-bridge/" in locs
    assert len(locs) == 24  # every page but the two redirects left at earlier ids
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()) == index


def test_rewriting_the_index_removes_parts_no_longer_listed(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "sitemaps").mkdir(parents=True)
    (site / "sitemaps/pages-2.xml").write_text("<urlset/>", encoding="utf-8")  # pages went
    (site / "sitemap.xml").write_text(MKDOCS, encoding="utf-8")
    sitemap.on_post_build({"site_dir": str(site), "site_url": "https://example.org/w/"})
    assert sorted(p.name for p in (site / "sitemaps").iterdir()) == ["pages-1.xml"]
    assert "<loc>https://example.org/w/sitemaps/pages-1.xml</loc>" in (
        site / "sitemap.xml").read_text(encoding="utf-8")
