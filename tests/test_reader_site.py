"""The reader's site without a browser: derived history, charts, badges, redirects, the MkDocs
configuration, and the built fixture site's meta tags, links under the sub-path and search."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from pledgewatch.build import check
from pledgewatch.core.config import load_config
from pledgewatch.records.history import MonthCounts, status_by_month
from pledgewatch.records.model import Pledge, Update, build_model
from pledgewatch.site import badges, charts, render, site_files
from pledgewatch.site.mkdocs_run import mkdocs_config
from tests.conftest import AS_OF, FIXTURE
from tests.search_records import pagefind_records

SVG = "{http://www.w3.org/2000/svg}"
SITE = "https://watch.example.org/fixture/"


@pytest.fixture(scope="module")
def fixture_model():
    config = load_config(FIXTURE / "site_config.yml")
    records, problems = check(config)
    assert problems == []
    return build_model(records, config, AS_OF)


def _counts(**given: int) -> tuple[tuple[str, int], ...]:
    order = ("not-yet-rated", "in-progress", "stalled", "partially-kept", "kept", "broken")
    return tuple((code, given.get(code.replace("-", "_"), 0)) for code in order)


def test_status_by_month_of_the_fixture(fixture_model) -> None:
    assert fixture_model.status_by_month() == (
        MonthCounts(dt.date(2024, 1, 1), dt.date(2024, 1, 31), _counts(not_yet_rated=2)),
        MonthCounts(dt.date(2024, 2, 1), dt.date(2024, 2, 29), _counts(not_yet_rated=2)),
        MonthCounts(dt.date(2024, 3, 1), dt.date(2024, 3, 31), _counts(in_progress=1, broken=1)),
        MonthCounts(dt.date(2024, 4, 1), dt.date(2024, 4, 2), _counts(in_progress=1, broken=1)),
    )


def _pledge(pledge_id: str, *updates: tuple[str, str]) -> Pledge:
    made = [Update(n, f"u{n}", dt.date.fromisoformat(d), s, "", "", ("src",))
            for n, (d, s) in enumerate(updates, start=1)]
    return Pledge(pledge_id, pledge_id, "a", (), made[0].date, "", (), made[-1].status,
                  tuple(made), (), "")


def test_status_by_month_crosses_the_year_and_ignores_the_future() -> None:
    pledges = [
        _pledge("a", ("2023-11-30", "not-yet-rated"), ("2024-01-05", "kept"),
                ("2024-03-01", "broken")),  # after the as-of date: not counted
        _pledge("b", ("2023-12-31", "stalled"), ("2023-12-31", "in-progress")),  # same day
    ]
    months = status_by_month(pledges, dt.date(2024, 1, 20))
    assert [(m.month, m.end, m.total) for m in months] == [
        (dt.date(2023, 11, 1), dt.date(2023, 11, 30), 1),
        (dt.date(2023, 12, 1), dt.date(2023, 12, 31), 2),
        (dt.date(2024, 1, 1), dt.date(2024, 1, 20), 2),
    ]
    assert months[1].counts == _counts(not_yet_rated=1, in_progress=1)
    assert months[2].counts == _counts(in_progress=1, kept=1)
    assert status_by_month(pledges, dt.date(2023, 11, 29)) == ()


def test_month_names() -> None:
    full = MonthCounts(dt.date(2024, 2, 1), dt.date(2024, 2, 29), _counts())
    part = MonthCounts(dt.date(2024, 4, 1), dt.date(2024, 4, 2), _counts())
    assert (charts.month_label(full), charts.month_name(full)) == ("Feb 2024", "February 2024")
    assert charts.month_name(part) == "April 2024 (to 2 April)"


def test_status_bars_svg() -> None:
    svg = str(charts.status_bars({"in-progress": 2, "broken": 1}, 'Counts <as of> "now" & then',
                                 "sc"))
    root = ET.fromstring(svg)
    assert (root.get("role"), root.get("aria-labelledby")) == ("img", "sc-title sc-desc")
    assert root.find(f"{SVG}title").text == 'Counts <as of> "now" & then'
    assert '<title id="sc-title">Counts &lt;as of&gt; &quot;now&quot; &amp; then</title>' in svg
    assert root.find(f"{SVG}desc").text == (
        "Not yet rated: 0; In progress: 2; Stalled: 0; Partially kept: 0; Kept: 0; Broken: 1")
    labels = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "pw-chart__label"]
    assert labels == ["Not yet rated", "In progress", "Stalled", "Partially kept", "Kept",
                      "Broken"]
    bars = [(r.get("width"), r.get("fill")) for r in root.iter(f"{SVG}rect")
            if r.get("class") == "pw-chart__bar"]
    assert bars == [("0.0", "url(#sc-not-yet-rated)"), ("212.0", "url(#sc-in-progress)"),
                    ("0.0", "url(#sc-stalled)"), ("0.0", "url(#sc-partially-kept)"),
                    ("0.0", "url(#sc-kept)"), ("106.0", "url(#sc-broken)")]
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_status_months_svg(fixture_model) -> None:
    root = ET.fromstring(str(charts.status_months(fixture_model.status_by_month(), "Over time",
                                                  "mo")))
    assert root.find(f"{SVG}desc").text == (
        "January 2024: Not yet rated 2 (total 2). February 2024: Not yet rated 2 (total 2). "
        "March 2024: In progress 1, Broken 1 (total 2). "
        "April 2024 (to 2 April): In progress 1, Broken 1 (total 2).")
    months = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "pw-chart__label"]
    assert months[6:] == ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024"]  # after the legend
    march = [(r.get("x"), r.get("width"), r.get("fill")) for r in root.iter(f"{SVG}rect")
             if r.get("class") == "pw-chart__bar" and r.get("y") == "100"]
    assert march == [("72.0", "129.0", "url(#mo-in-progress)"),
                     ("201.0", "129.0", "url(#mo-broken)")]


def test_status_badge() -> None:
    svg = badges.status_badge("A & <B>", "broken")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "A & <B>: Broken"
    assert root.get("aria-label") == "A & <B>: Broken"
    texts = [(t.text, t.get("textLength")) for t in root.iter(f"{SVG}text")]
    assert texts == [("A & <B>", "44"), ("Broken", "39")]  # 43.4 and 38.7 rounded up
    assert (root.get("width"), root.get("height")) == ("125", "20")  # 6+44+6 | 6+14+4+39+6
    assert [r.get("fill") for r in root.findall(f"{SVG}rect")] == ["#3d3d3d", "#b00020"]
    assert "<script" not in svg and "href" not in svg


def test_embed_snippet_escapes_everything() -> None:
    assert badges.embed_snippet("https://x.example/p/a/", "https://x.example/p/a/badge.svg",
                                "W&W", 'Say "no" <now>') == (
        '<a href="https://x.example/p/a/"><img src="https://x.example/p/a/badge.svg" '
        'alt="W&amp;W status of the pledge \u201cSay &quot;no&quot; &lt;now&gt;\u201d"></a>')


def test_redirects_and_mkdocs_config(fixture_model) -> None:
    maps = site_files.redirect_maps(fixture_model)
    assert maps == {"actors/ada-mueller.md": "actors/ada-mayor.md",
                    "pledges/repair-the-bridge.md": "pledges/fix-the-bridge.md"}
    config = mkdocs_config(fixture_model.config, AS_OF, maps)
    assert "repo_url" not in config and "repo_name" not in config
    assert config["theme"]["font"] is False
    assert config["plugins"] == [{"search": {"lang": "en"}},
                                 {"redirects": {"redirect_maps": maps}}]


def test_files_are_badges_at_ids_and_aliases(fixture_model) -> None:
    files = render.Renderer(fixture_model, Path(render.__file__).parent.parent / "templates"
                            ).files()
    assert sorted(files) == ["assets/pledgewatch-icons.css", "pledges/fix-the-bridge/badge.svg",
                             "pledges/reopen-library/badge.svg",
                             "pledges/repair-the-bridge/badge.svg"]
    assert files["pledges/repair-the-bridge/badge.svg"] == files[
        "pledges/fix-the-bridge/badge.svg"] == badges.status_badge("Fixture Watch",
                                                                    "in-progress")


def _meta(html: str) -> dict[str, str]:
    class Meta(HTMLParser):
        found: dict[str, str] = {}

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            key = a.get("property") or a.get("name") or a.get("rel")
            if tag in ("meta", "link") and key and key.startswith(("og:", "twitter:",
                                                                   "canonical")):
                self.found[key] = a.get("content") or a.get("href")

    parser = Meta()
    parser.found = {}
    parser.feed(html)
    return parser.found


def test_pledge_page_social_meta_and_canonical(built_site: Path) -> None:
    html = (built_site / "pledges/fix-the-bridge/index.html").read_text()
    description = ('In progress: The old bridge will be repaired and open to traffic "by the '
                   'end of March".')
    assert _meta(html) == {
        "canonical": SITE + "pledges/fix-the-bridge/",
        "og:type": "article",
        "og:site_name": "Fixture Watch",
        "og:title": "Fix the old bridge by the end of March",
        "og:description": description,
        "og:url": SITE + "pledges/fix-the-bridge/",
        "og:image": SITE + "pledges/fix-the-bridge/card.png",
        "og:image:width": "1200",
        "og:image:height": "630",
        "og:image:alt": "Fix the old bridge by the end of March",
        "twitter:card": "summary_large_image",
        "twitter:image": SITE + "pledges/fix-the-bridge/card.png",
        "twitter:title": "Fix the old bridge by the end of March",
        "twitter:description": description,
    }
    assert _meta((built_site / "index.html").read_text())["og:type"] == "website"


def test_pledge_page_cite_line(built_site: Path) -> None:
    html = (built_site / "pledges/reopen-library/index.html").read_text()
    link = "https://watch.example.org/fixture/pledges/reopen-library/"
    assert (f'<p class="pw-cite">“Reopen the central library”, Fixture Watch, <a href="{link}">'
            f"{link}</a>, as of 2 April 2024.</p>") in html


class _Links(HTMLParser):
    """Every URL an HTML page links to or loads, with the ids it defines."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        for name in ("href", "src"):
            if a.get(name) is not None and tag in ("a", "link", "script", "img"):
                self.urls.append((f"{tag}[{a.get('rel', '')}]", a[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_link_and_asset_resolves_under_the_sub_path(built_site: Path) -> None:
    """Served at http://host/fixture/, every local URL of every page, the 404 page from a
    deep address included, names a file of the site (and an id on it, for fragments)."""
    pages = {p.relative_to(built_site).as_posix(): p for p in built_site.rglob("*.html")}
    parsed = {name: _parse(path) for name, path in pages.items()}
    problems, checked = [], 0
    for name, links in parsed.items():
        at = "no/such/deep/page/" if name == "404.html" else name.removesuffix("index.html")
        base = f"http://host/fixture/{at}"
        for tag, url in links.urls:
            target, fragment = urldefrag(urljoin(base, url))
            parts = urlsplit(target)
            if parts.netloc != "host":
                if not tag.startswith("a[") and tag != "link[canonical]":
                    problems.append(f"{name}: {tag} loads {url} from another site")
                continue
            if not parts.path.startswith("/fixture/"):
                problems.append(f"{name}: {url} leaves the sub-path")
                continue
            local = parts.path[len("/fixture/"):]
            local = local + "index.html" if local.endswith("/") or not local else local
            checked += 1
            if local == "corrections/index.html":
                continue  # the masthead's corrections page is built by issue 13's branch
            if not (built_site / local).is_file():
                problems.append(f"{name}: {url} -> missing {local}")
            elif fragment and local.endswith(".html") and not fragment.startswith("__") \
                    and fragment not in parsed[local].ids:
                problems.append(f"{name}: {url} -> no id {fragment!r} in {local}")
    assert problems == []
    assert checked > 500  # the crawler saw the pages' links (788 when written)


def test_no_page_loads_anything_from_another_site(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        for tag, url in _parse(page).urls:
            if not tag.startswith("a[") and urlsplit(url).netloc:
                assert tag == "link[canonical]", (page, tag, url)


def test_every_page_states_its_as_of_date(built_site: Path) -> None:
    redirects = {"pledges/repair-the-bridge/index.html", "actors/ada-mueller/index.html"}
    for page in built_site.rglob("*.html"):
        name = page.relative_to(built_site).as_posix()
        html = page.read_text()
        if name in redirects:
            assert 'http-equiv="refresh"' in html, name
        elif name.startswith("pledges/") and name != "pledges/index.html":
            # A pledge page states it in its verdict block instead, once.
            assert '<p class="pw-asof">' not in html, name
            assert html.count("<li><strong>As of:</strong> 2 April 2024</li>") == 1, name
        else:
            assert html.count('<p class="pw-asof">As of 2 April 2024</p>') == 1, name


def test_search_index_holds_pledges_quotes_and_actors(built_site: Path) -> None:
    records = pagefind_records(built_site)
    pledge = records["/pledges/fix-the-bridge/"]
    assert pledge["meta"]["title"] == "Fix the old bridge by the end of March"
    assert "repaired and open to traffic" in pledge["content"]
    assert "a city without a memory" in records["/quotes/"]["content"]
    assert records["/actors/residents-union/"]["content"].startswith(
        "Residents' Union. A tenants' association.")


def test_status_and_topic_listings_are_written(built_site: Path) -> None:
    for path in ("status/not-yet-rated", "status/in-progress", "status/stalled",
                 "status/partially-kept", "status/kept", "status/broken", "topics",
                 "topics/culture", "topics/transport"):
        assert (built_site / path / "index.html").is_file(), path
    kept = (built_site / "status/kept/index.html").read_text()
    assert "<p>No pledge has this status as of 2 April 2024.</p>" in kept


def _deadline_rows(rows) -> list[tuple[str, str, str]]:
    return [(d.id, pledge_id, st.label) for d, pledge_id, st in rows]


@pytest.mark.parametrize(("as_of", "overdue", "upcoming"), [
    ("2024-02-20", [], [("budget-vote", "", "due in 10 days"),
                        ("bridge-end-of-march", "fix-the-bridge", "due in about six weeks")]),
    ("2024-03-01", [], [("budget-vote", "", "due today"),
                        ("bridge-end-of-march", "fix-the-bridge", "due in about four weeks")]),
    ("2024-04-02", [("bridge-end-of-march", "fix-the-bridge", "overdue by two days")], []),
])
def test_home_page_deadline_lists(as_of: str, overdue, upcoming) -> None:
    config = load_config(FIXTURE / "site_config.yml")
    records, _ = check(config)
    model = build_model(records, config, dt.date.fromisoformat(as_of))
    assert _deadline_rows(model.overdue_deadlines()) == overdue
    assert _deadline_rows(model.upcoming_deadlines()) == upcoming


def test_unchanged_months_are_left_out_of_the_chart() -> None:
    import datetime as dt

    from pledgewatch.records.history import MonthCounts, months_with_changes

    def month(y, m, broken):
        counts = tuple((c, broken if c == "broken" else 1 if c == "kept" else 0)
                       for c in ("not-yet-rated", "kept", "broken"))
        return MonthCounts(dt.date(y, m, 1), dt.date(y, m, 28), counts)

    months = (month(2022, 11, 1), month(2022, 12, 2), month(2023, 1, 2), month(2023, 2, 2),
              month(2023, 3, 3), month(2023, 4, 3), month(2023, 5, 3))
    kept = months_with_changes(months)
    assert [m.month for m in kept] == [dt.date(2022, 11, 1), dt.date(2022, 12, 1),
                                       dt.date(2023, 3, 1), dt.date(2023, 5, 1)]
    assert months_with_changes(months[:1]) == months[:1]
    assert months_with_changes(()) == ()


def test_status_since_is_when_the_status_was_entered() -> None:
    import datetime as dt

    from pledgewatch.records.model import Pledge, Update

    def update(n, day, status, previous):
        return Update(n, f"update-2022-11-0{day}", dt.date(2022, 11, day), status, previous,
                      "s", ("src",))

    updates = (update(1, 2, "not-yet-rated", ""), update(2, 5, "in-progress", "not-yet-rated"),
               update(3, 9, "in-progress", "in-progress"))
    pledge = Pledge("p", "T", "a", (), dt.date(2022, 11, 1), "s", (), "in-progress", updates,
                    (), "content/pledges/p.yml")
    assert pledge.status_since == dt.date(2022, 11, 5)
