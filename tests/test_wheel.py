"""The built wheel holds every module, the templates and the starter files; installed (not
editable) into a fresh virtual environment, its ``pledgewatch`` starts a tracker with ``init``,
then validates and builds it, from a folder outside this repository.

Offline, on purpose: nothing may download at test time.

- The wheel is built from a copy of the tracked files with ``pip wheel --no-deps
  --no-build-isolation``: the build backend (setuptools, a test dependency pinned in
  requirements.txt) comes from the test environment instead of a download.
- The fresh environment is made ``--without-pip``; the test environment's pip installs the
  wheel into it (``pip --python``) with ``--no-index --no-deps``. Its dependencies are the test
  environment's: a ``.pth`` file in the new site-packages appends the test environment's
  site-packages to ``sys.path``. A ``.pth`` line only appends a folder; the ``.pth`` files
  inside that folder are not run, so this checkout's editable install is not active there, and
  the new site-packages comes first: ``pledgewatch`` is imported from the wheel (asserted).
  Installing the dependencies from an index would need the network; ``--system-site-packages``
  would give the base interpreter's packages, not the test environment's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def tracked_files() -> list[str]:
    """The files of the checkout that git tracks (what a clone or a release holds)."""
    if not shutil.which("git") or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know the tracked files")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "--no-build-isolation", "--no-index", "--wheel-dir", str(out), str(source)],
                   check=True, capture_output=True)
    [built] = out.glob("pledgewatch-*.whl")
    return built


def test_the_wheel_holds_every_module_template_and_starter_file(wheel: Path) -> None:
    in_package = sorted(name for name in tracked_files() if name.startswith("pledgewatch/"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    assert sorted(n for n in names if ".dist-info/" not in n) == in_package
    assert "pledgewatch/site/templates/pages/pledge.html.j2" in names
    assert "pledgewatch/cli/starter/dot-github/workflows/pr.yml" in names
    assert "pledgewatch/outputs/database.py" in names
    assert "pledgewatch/locale/fr/LC_MESSAGES/pledgewatch.po" in names


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; "
                              "print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
                    "--no-index", "--no-deps", str(wheel)], check=True, capture_output=True)
    return env


def run(env: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(env / "bin" / "pledgewatch"), *args], cwd=cwd, env=environ,
                          capture_output=True, text=True, check=False)


def test_pledgewatch_is_imported_from_the_wheel(installed: Path) -> None:
    done = subprocess.run([str(installed / "bin" / "python"), "-c",
                           "import pledgewatch; print(pledgewatch.__file__)"],
                          cwd=installed, capture_output=True, text=True, check=True)
    assert Path(done.stdout.strip()).is_relative_to(installed)


def test_the_installed_command_starts_validates_and_builds_a_tracker(
        installed: Path, tmp_path: Path) -> None:
    done = run(installed, tmp_path, "init", "my-tracker", "--name", "My Tracker")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("created 18 files in my-tracker/; next:\n")
    tracker = tmp_path / "my-tracker"
    assert not (tracker / "templates").exists()
    done = run(installed, tracker, "validate")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "no problems found\n")
    done = run(installed, tracker, "build", "--strict")
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith("built 20 pages into site/ (no problems found)\n")
    site = tracker / "site"
    for page in ("index.html", "pledges/example-pledge/index.html", "data/records.db",
                 "data/records.json", "assets/pledgewatch.css", "404.html"):
        assert (site / page).is_file(), page
    assert "My Tracker" in (site / "index.html").read_text(encoding="utf-8")


def test_the_installed_command_builds_a_french_tracker(installed: Path, tmp_path: Path) -> None:
    """The catalogs travel in the wheel: ``--language fr`` gives a French site."""
    done = run(installed, tmp_path, "init", "suivi", "--name", "Suivi", "--language", "fr")
    assert done.returncode == 0, done.stderr
    done = run(installed, tmp_path / "suivi", "build", "--strict")
    assert done.returncode == 0, done.stderr
    home = (tmp_path / "suivi" / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in home
    assert "Le décompte" in home and "Ce que signifient les statuts" in home
    assert "The tally" not in home
