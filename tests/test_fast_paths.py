"""The validation fast paths give exactly what the general code gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pledgewatch.core import urls
from pledgewatch.ingest import load, yaml_nodes

DOCUMENTS = [
    "a: yes\nb: No\nc: 1.10\nd: 12:30\ne: ~\nf: ''\ng:\nh: 2024-01-01\ni: 0x1F\nj: .inf\n"
    "k: -.5\nl: '1'\nm: !!str 1\nn: [1, true, null, 'x']\no: <<\np: {q: [r, {s: 1}]}\n",
    "- 2001-12-14t21:59:43.10-05:00\n- =\n- 1_000\n- 0o17\n- +12.5e3\n- \"quoted\"\n- |\n  lit\n",
    "id: x\ntitle: Caf\u00e9 \u6771\u4eac\nitems:\n  - date: 2024-03-01\n    sources: [a, b]\n",
]


def signature(node: yaml.Node):
    marks = (node.tag, node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        return marks + (node.value, node.style)
    if isinstance(node, yaml.SequenceNode):
        return marks + tuple(signature(n) for n in node.value)
    return marks + tuple((signature(k), signature(v)) for k, v in node.value)


@pytest.mark.parametrize("text", DOCUMENTS)
def test_lean_loader_composes_the_same_nodes_as_pyyaml(text: str) -> None:
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the loader yaml_nodes.Loader refines
    assert signature(yaml.compose(text, Loader=yaml_nodes.Loader)) == signature(
        yaml.compose(text, Loader=base))


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "- &x a\n- *x\n", "a: [&x 1, *x]\n", "a: {b: &x 1, c: *x}\n",
    "&x a: 1\n", "--- &x\na: 1\n", "? &k a\n: 1\n", "a: !!str &x v\n", "a:\n  &x\n  b: 1\n",
    "*a",
])
def test_every_anchor_or_alias_is_scanned(text: str) -> None:
    assert yaml_nodes._anchors_and_aliases(text, "f")  # the event scan finds one...
    assert yaml_nodes._may_hold_anchors(text)  # ...so the pre-filter must let the scan run


@pytest.mark.parametrize("text", ["a: AT&T\n", "u: https://x.org/?a=1&b=2\n", "a: & b\n",
                                  "a: x *\n", "a: \"&x\"\n", "t: 5*3\n"])
def test_prose_skips_the_event_scan(text: str) -> None:
    assert not yaml_nodes._may_hold_anchors(text)


URLS = ["https://a.example.org/x/y?q=1#f", "http://x", "https://x:80/", "https://ex.org/a%20b",
        "javascript:alert(1)", "https://x.org/\"", "https://x.org/a b", "HTTPS://X.ORG/",
        "https://[::1]/", "https://x.org/a[1]", "https:///path", "https://x.org/<",
        "https://x.org/'", "https://x.org/a&amp;b", "ftp://x.org/", "https://x.org:abc/",
        "https://", "https://x.org/\u00e9", "https://x.org/a`b", "http://-/"]


@pytest.mark.parametrize("url", URLS)
def test_plain_url_fast_path_agrees_with_the_full_check(url: str, monkeypatch) -> None:
    fast = urls.check_url(url)
    monkeypatch.setattr(urls, "_PLAIN", type("Never", (), {"fullmatch": staticmethod(
        lambda value: None)}))
    assert fast == urls.check_url(url)


def test_paths_shown_relative_to_the_working_directory(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "site" / "content" / "actors"
    folder.mkdir(parents=True)
    (folder / "ada.yml").write_text("id: ada\n")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "site")
    doc, problems = load.load_file("actors", Path("content/actors/ada.yml"), Path("."), 1000)
    assert problems == [] and (doc.relpath, doc.repo_path, doc.stem) == (
        "content/actors/ada.yml", "content/actors/ada.yml", "ada")
    monkeypatch.chdir(tmp_path / "elsewhere")
    doc, _ = load.load_file("actors", folder / "ada.yml", tmp_path / "site", 1000)
    assert (doc.relpath, doc.repo_path) == (str(folder / "ada.yml"), "content/actors/ada.yml")
