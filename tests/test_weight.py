"""Reader weight: which built files a first visit loads, and what is third-party."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from benchmarks.weight import first_search, first_visit, status_icon_bytes

PAGE = """<!doctype html><html><head>
<link rel="stylesheet" href="../../assets/main.css">
<link rel="icon" href="../../assets/favicon.png">
<link rel="alternate" type="application/rss+xml" href="../../feed.xml">
<link rel="canonical" href="https://watch.example.org/pledges/p/">
<style>.x { background: url(../../assets/bg.png) }</style>
<script src="https://cdn.example.com/tracker.js"></script>
</head><body>
<form class="md-search__form" name="search"></form>
<a href="https://news.example.org/story">a cited source</a>
<img src="data:image/png;base64,AAAA" alt="">
<img src="../../assets/missing.png" alt="">
<span class="pw-status pw-status--kept"><svg viewBox="0 0 24 24"><path d="M1"/></svg> Kept</span>
<script id="__config" type="application/json">{"base": "../..",
 "search": "../../assets/worker.js"}</script>
<script src="../../assets/bundle.js"></script>
</body></html>
"""
FILES = {
    "assets/main.css": b'@import "extra.css"; @font-face { src: url("fonts/f.woff2") }',
    "assets/extra.css": b".y { background: url('../assets/bg.png') }",
    "assets/fonts/f.woff2": b"\x00" * 700,
    "assets/favicon.png": b"\x89PNG" + b"\x00" * 96,
    "assets/bg.png": b"\x89PNG" + b"\x00" * 46,
    "assets/bundle.js": b"console.log(1);" * 40,
    "assets/worker.js": b"onmessage=()=>{};" * 10,
    "search/search_index.json": json.dumps({"config": {"lang": ["en"]}, "docs": []}).encode(),
    "feed.xml": b"<rss/>" * 100,
    "sitemap.xml": b"<urlset/>" * 3,
}


def make_site(root: Path) -> Path:
    for path, data in {**FILES, "pledges/p/index.html": PAGE.encode()}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    return root


def test_first_visit_counts_what_the_page_loads(tmp_path: Path) -> None:
    weight = first_visit(make_site(tmp_path), "pledges/p/index.html")
    loaded = ["pledges/p/index.html", "assets/bg.png", "assets/main.css", "assets/extra.css",
              "assets/fonts/f.woff2", "assets/favicon.png", "assets/bundle.js",
              "assets/worker.js", "sitemap.xml", "search/search_index.json"]
    assert list(weight.files) == loaded
    assert weight.total == len(PAGE.encode()) + sum(len(FILES[p]) for p in loaded[1:])
    assert weight.third_party == ["https://cdn.example.com/tracker.js"]
    assert weight.missing == ["assets/missing.png"]


def test_an_index_held_until_search_opens_counts_only_towards_the_first_search(
        tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = site / "pledges/p/index.html"
    page.write_text(PAGE.replace(
        '<script src="../../assets/bundle.js">',
        '<script src="../../assets/search-on-demand.js"></script>\n'
        '<script src="../../assets/bundle.js">'))
    (site / "assets/search-on-demand.js").write_bytes(b"hold();" * 30)
    visit = first_visit(site, "pledges/p/index.html")
    search = first_search(site, "pledges/p/index.html")
    assert list(visit.files) == [
        "pledges/p/index.html", "assets/bg.png", "assets/main.css", "assets/extra.css",
        "assets/fonts/f.woff2", "assets/favicon.png", "assets/search-on-demand.js",
        "assets/bundle.js", "assets/worker.js", "sitemap.xml"]
    assert list(search.files) == [*visit.files, "search/search_index.json"]
    assert search.total - visit.total == len(FILES["search/search_index.json"])


def test_without_the_script_the_first_search_loads_what_the_first_visit_did(
        tmp_path: Path) -> None:
    site = make_site(tmp_path)
    assert first_search(site, "pledges/p/index.html").files == first_visit(
        site, "pledges/p/index.html").files


def test_text_is_counted_gzipped_and_images_and_fonts_as_stored(tmp_path: Path) -> None:
    weight = first_visit(make_site(tmp_path), "pledges/p/index.html")
    js = FILES["assets/bundle.js"]
    assert weight.gzipped["assets/bundle.js"] == len(gzip.compress(js, 6, mtime=0)) < len(js)
    assert weight.gzipped["assets/favicon.png"] == 100
    assert weight.gzipped["assets/fonts/f.woff2"] == 700


def test_lunr_language_files_load_for_other_languages(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index = {"config": {"lang": ["en", "de"]}, "docs": []}
    (site / "search/search_index.json").write_text(json.dumps(index))
    weight = first_visit(site, "pledges/p/index.html")
    assert weight.missing == ["assets/missing.png",
                              "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
                              "assets/javascripts/lunr/min/lunr.de.min.js",
                              "assets/javascripts/lunr/min/lunr.multi.min.js"]


def test_status_icon_bytes() -> None:
    icon = '<svg viewBox="0 0 24 24"><path d="M1"/></svg>'
    html = (f'<span class="pw-status pw-status--kept">{icon} Kept</span> and '
            f'<span class="pw-status pw-status--broken">{icon} Broken</span> <svg>x</svg>')
    assert status_icon_bytes(html) == (2, 2 * len(icon))


def test_material_fetches_a_sitemap_beside_every_alternate_link(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    page = site / "pledges/p/index.html"
    page.write_text(PAGE.replace(
        '<link rel="canonical"', '<link rel="alternate" type="application/atom+xml" '
        'href="atom.xml">\n<link rel="canonical"'))
    (site / "pledges/p/sitemap.xml").write_bytes(b"<urlset/>")
    weight = first_visit(site, "pledges/p/index.html")
    assert [p for p in weight.files if p.endswith("sitemap.xml")] == [
        "sitemap.xml", "pledges/p/sitemap.xml"]
