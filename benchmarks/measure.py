"""Timing and peak memory of one command, and the machine the figures come from."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

SPAWN = Path(__file__).with_name("spawn.py")
LIBRARIES = ("PyYAML", "mkdocs", "mkdocs-material", "Markdown", "pymdown-extensions", "Jinja2",
             "feedgen", "click", "rich")


class CommandFailed(Exception):
    """A measured command exited with a non-zero status; the message holds its stderr."""


@dataclass(frozen=True)
class Run:
    """One run of a command: wall-clock ``seconds``, peak resident memory ``rss`` in bytes
    (the kernel's ``ru_maxrss`` of that child alone) and its standard error."""

    seconds: float
    rss: int
    stderr: str


def run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``cmd`` to completion with no terminal attached (so no progress bar is drawn).

    The command is started by :mod:`benchmarks.spawn`, which times it and takes its peak
    memory from ``os.wait4`` (that one child, not mixed with earlier runs as
    ``RUSAGE_CHILDREN`` would be). Raises :class:`CommandFailed`.
    """
    with tempfile.TemporaryDirectory(prefix="pledgewatch-run-") as tmp:
        result = Path(tmp) / "result"
        err_path = Path(tmp) / "stderr"
        with open(err_path, "wb") as err:
            code = subprocess.call([sys.executable, "-I", "-S", str(SPAWN), str(result), *cmd],
                                   cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err)
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        if code != 0:
            raise CommandFailed(f"{' '.join(cmd)} exited with {code} in {cwd}:\n{stderr}")
        seconds, rss = result.read_text(encoding="ascii").split()
    return Run(float(seconds), int(rss), stderr)


def _proc_field(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def machine() -> list[tuple[str, str]]:
    """``(label, value)`` pairs describing this machine and the software measured."""
    import yaml

    memory = _proc_field("/proc/meminfo", "MemTotal")
    memory_gib = f"{int(memory.split()[0]) / 2**20:.1f} GiB" if memory else "unknown"
    cores = os.cpu_count() or 0
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cores
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    libyaml = yaml._yaml.get_version_string() if getattr(yaml, "__with_libyaml__", False) else (
        "absent")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return [
        ("CPU", _proc_field("/proc/cpuinfo", "model name") or platform.processor() or "unknown"),
        ("Cores", f"{cores} ({usable} usable by this process)"),
        ("Memory", memory_gib),
        ("System", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("Libraries", ", ".join(versions) + f"; libyaml {libyaml}"),
        ("Load average at start (1, 5, 15 min)", load),
    ]
