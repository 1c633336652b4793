"""The masthead settings of site_config.yml: intro, publisher, contact, since."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pledgewatch.core.config import load_config
from pledgewatch.core.problems import ConfigError
from pledgewatch.site.mkdocs_run import masthead

BASE = "site_name: Watch\nsite_url: https://watch.example.org/\n"


def _load(tmp_path: Path, extra: str):
    path = tmp_path / "site_config.yml"
    path.write_text(BASE + extra, encoding="utf-8")
    return path, load_config(path)


def test_masthead_defaults_are_empty(tmp_path: Path) -> None:
    _, config = _load(tmp_path, "")
    assert (config.intro, config.publisher, config.contact, config.since) == ("", "", "", "")
    assert (config.contact_url, config.since_date) == ("", None)


def test_masthead_values(tmp_path: Path) -> None:
    _, config = _load(tmp_path, "publisher: The desk\ncontact: desk@watch.example.org\n"
                                "since: 2022-11-01\nlicence: CC BY 4.0\n")
    assert (config.contact_url, config.since_date) == ("mailto:desk@watch.example.org",
                                                       dt.date(2022, 11, 1))
    assert masthead(config) == {
        "publisher": "The desk", "contact_url": "mailto:desk@watch.example.org",
        "licence": "CC BY 4.0", "licence_url": "", "repo_url": "", "since": "1 November 2022"}
    _, config = _load(tmp_path, "contact: https://watch.example.org/contact\n")
    assert config.contact_url == "https://watch.example.org/contact"


@pytest.mark.parametrize(("extra", "message"), [
    ("since: last year\n", "'since' must be a date written YYYY-MM-DD, not 'last year'"),
    ("contact: the desk\n", "'contact' must be an e-mail address or an http(s) URL, not "
                            "'the desk'"),
    ("intro: [a, b]\n", "'intro' must be text"),
    ("contact: javascript:alert(1)\n", "'contact' must be an e-mail address or an http(s) "
                                       "URL, not 'javascript:alert(1)'"),
])
def test_bad_masthead_settings_are_refused(tmp_path: Path, extra: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, extra)
    assert str(caught.value) == f"{tmp_path / 'site_config.yml'}: {message}"
