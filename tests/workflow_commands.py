"""Read the shell of GitHub Actions ``run:`` steps and check that every command they call exists.

A step that calls a missing make target, a ``pledgewatch`` subcommand that is not there or an
option it does not take fails only once it reaches GitHub. This module finds those mistakes
locally: it splits each script into simple commands (POSIX shell grammar, enough of it for CI
scripts: ``&&``, ``||``, ``;``, ``|``, ``if``/``then``/``fi``, ``VAR=value`` prefixes, ``export``,
``sudo`` and ``$(...)`` substitutions) and checks each one:

- ``make TARGET...``: ``make -n TARGET`` must succeed in the repository, and every
  ``pledgewatch`` line of the recipe it prints is checked in turn;
- ``pledgewatch`` (or ``.venv/bin/pledgewatch``): the subcommand and its options are parsed by
  the real click command, ``pledgewatch.cli.main.main``;
- a path (``.ci/run``): the file must exist in the repository;
- anything else must be a tool the GitHub-hosted Ubuntu runner provides (``RUNNER_TOOLS``).

Every ``$NAME`` a script reads must be set by the workflow, the job, the step, the script itself
or the runner (``GITHUB_*``, ``RUNNER_*``).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent

# Tools of the runner image (ubuntu-24.04) and shell builtins that workflows may call.
RUNNER_TOOLS = frozenset({"apt-get", "git", "date", "echo", "test", "true", "command", "bash"})
KEYWORDS = frozenset({"if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!",
                      "{", "}"})
OPERATORS = frozenset({"&&", "||", ";", "|", "&", "(", ")", ";;"})
# What each allowed command substitution prints, so the command around it can be checked
# with a realistic value. A new kind of substitution must be added here on purpose.
SUBSTITUTION_SAMPLES = {
    ("date", "+%F"): "2024-04-02",
    ("git", "log", "-1", "--format=%ct"): "1712030400",
}
ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
VARIABLE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
RUNNER_VARIABLE = re.compile(r"^(GITHUB|RUNNER)_[A-Z_]+$|^(HOME|PATH|CI)$")


@dataclass
class Command:
    """One simple command of a script: its words (quotes removed), the variables assigned just
    for it (``TZ=... date``) and the text it came from, for messages."""

    words: list[str]
    env: dict[str, str] = field(default_factory=dict)
    source: str = ""

    @property
    def program(self) -> str:
        return self.words[0] if self.words else ""


def split_substitutions(line: str) -> tuple[str, list[str]]:
    """Replace each top-level ``$(...)`` in ``line`` by a placeholder ``@SUBSTn@``.

    Returns the new line and the inner command texts, in order. Raises ``ValueError`` for an
    unbalanced ``$(``.
    """
    out, inner, i = [], [], 0
    while i < len(line):
        if line.startswith("$(", i):
            depth, j = 1, i + 2
            while j < len(line) and depth:
                depth += {"(": 1, ")": -1}.get(line[j], 0)
                j += 1
            if depth:
                raise ValueError(f"unbalanced $( in: {line}")
            out.append(f"@SUBST{len(inner)}@")
            inner.append(line[i + 2:j - 1])
            i = j
        else:
            out.append(line[i])
            i += 1
    return "".join(out), inner


def logical_lines(script: str) -> list[str]:
    """The script's lines with backslash-newline continuations joined."""
    return script.replace("\\\n", " ").splitlines()


def parse_script(script: str) -> tuple[list[Command], list[str]]:
    """Every simple command of ``script`` (substitutions' inner commands included, with their
    placeholders replaced by ``SUBSTITUTION_SAMPLES``) and the names the script assigns."""
    commands, assigned = [], []
    for line in logical_lines(script):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        text, inner = split_substitutions(line)
        samples = []
        for sub in inner:
            sub_commands, _ = parse_script(sub)
            commands += sub_commands
            samples.append(substitution_sample(sub_commands, sub))
        for words in _simple_commands(text):
            words = [_fill(w, samples) for w in words]
            command = _strip_prefixes(words, line)
            assigned += list(command.env)
            if command.program == "export":
                assigned += [w.split("=", 1)[0] for w in command.words[1:]]
            if command.words:
                commands.append(command)
            elif command.env:  # a bare assignment: NAME=value
                commands.append(Command([], command.env, line))
    return commands, assigned


def substitution_sample(sub_commands: list[Command], text: str) -> str:
    """What ``$(text)`` prints, from ``SUBSTITUTION_SAMPLES``; ``ValueError`` if unknown."""
    if len(sub_commands) == 1 and tuple(sub_commands[0].words) in SUBSTITUTION_SAMPLES:
        return SUBSTITUTION_SAMPLES[tuple(sub_commands[0].words)]
    raise ValueError(f"unknown command substitution $({text}); add what it prints to "
                     "SUBSTITUTION_SAMPLES in tests/workflow_commands.py")


def _fill(word: str, samples: list[str]) -> str:
    return re.sub(r"@SUBST(\d+)@", lambda m: samples[int(m.group(1))], word)


def _simple_commands(text: str) -> list[list[str]]:
    lexer = shlex.shlex(text, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    groups: list[list[str]] = [[]]
    for token in lexer:
        if token in OPERATORS:
            groups.append([])
        else:
            groups[-1].append(token)
    return [g for g in groups if g]


def _strip_prefixes(words: list[str], source: str) -> Command:
    env = {}
    while words and (words[0] in KEYWORDS or ASSIGNMENT.match(words[0])):
        if words[0] not in KEYWORDS:
            name, value = words[0].split("=", 1)
            env[name] = value
        words = words[1:]
    if words and words[0] == "sudo":  # check the command sudo runs
        words = words[1:]
        while words and words[0].startswith("-"):
            words = words[1:]
    return Command(words, env, source)


def variables_read(script: str) -> set[str]:
    """Names of the environment variables ``script`` reads (``$NAME``, ``${NAME}``)."""
    script = script.replace("${{", "")  # GitHub expressions are not shell variables
    return {a or b for a, b in VARIABLE.findall(script)}


def undefined_variables(script: str, defined: set[str]) -> list[str]:
    """Variables the script reads that nothing sets, sorted."""
    _, assigned = parse_script(script)
    known = defined | set(assigned)
    return sorted(n for n in variables_read(script)
                  if n not in known and not RUNNER_VARIABLE.match(n))


def check_command(command: Command, root: Path = ROOT) -> list[str]:
    """Problems with one simple command; ``[]`` when it can run."""
    if not command.words:
        return []
    program = command.program
    if program == "make":
        return check_make(command.words[1:], root)
    if Path(program).name == "pledgewatch":
        return check_pledgewatch(command.words[1:])
    if program == "bash" and len(command.words) > 1:
        return check_path(command.words[1], root)
    if "/" in program:
        return check_path(program, root)
    if program in RUNNER_TOOLS or program == "export":
        return []
    return [f"{program!r} is neither a make target, pledgewatch, a file of the repository nor "
            f"a runner tool ({', '.join(sorted(RUNNER_TOOLS))}): {command.source.strip()}"]


def check_path(path: str, root: Path) -> list[str]:
    """The script or program must be a file of the repository."""
    return [] if (root / path).is_file() else [f"{path} does not exist in the repository"]


def make_args(args: list[str]) -> tuple[list[str], list[str]]:
    """``(variables, targets)`` of a make command line (options dropped)."""
    variables = [a for a in args if ASSIGNMENT.match(a)]
    return variables, [a for a in args if not a.startswith("-") and a not in variables]


def make_dry_run(target: str, variables: list[str], root: Path) -> subprocess.CompletedProcess:
    """``make -n`` (print the recipe, run nothing) for one target, independent of any make
    that runs the tests (``make test`` sets MAKELEVEL and MAKEFLAGS)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    return subprocess.run(["make", "--no-print-directory", "-n", *variables, target],
                          cwd=root, env=env, capture_output=True, text=True, check=False)


def recipe_pledgewatch_calls(recipe: str) -> list[list[str]]:
    """The argument lists of the ``pledgewatch`` lines of a printed recipe."""
    lines = [shlex.split(line) for line in recipe.splitlines() if line.strip()]
    return [words[1:] for words in lines if Path(words[0]).name == "pledgewatch"]


def check_make(args: list[str], root: Path) -> list[str]:
    """``make -n`` every target with the given variables; check the ``pledgewatch`` calls of
    the recipes it prints."""
    variables, targets = make_args(args)
    if not targets:
        return ["make without a target runs the Makefile's first rule; name the target"]
    problems = []
    for target in targets:
        done = make_dry_run(target, variables, root)
        if done.returncode:
            problems.append(f"make target {target!r} does not exist: {done.stderr.strip()}")
            continue
        for call in recipe_pledgewatch_calls(done.stdout):
            problems += [f"make {target}: {p}" for p in check_pledgewatch(call)]
    return problems


def check_pledgewatch(args: list[str]) -> list[str]:
    """Parse ``pledgewatch ARGS`` with the real click command; ``[]`` when click accepts it."""
    from pledgewatch.cli.main import main

    known = ", ".join(sorted(main.commands))
    if not args or args[0].startswith("-"):
        return [f"pledgewatch {' '.join(args)}: name a subcommand ({known})"]
    name, rest = args[0], args[1:]
    command = main.commands.get(name)
    if command is None:
        return [f"pledgewatch has no subcommand {name!r} (it has: {known})"]
    try:
        command.make_context(f"pledgewatch {name}", list(rest))
    except click.UsageError as exc:
        return [f"pledgewatch {name} {' '.join(rest)}: {exc.format_message()}"]
    return []


def pledgewatch_calls(commands: list[Command], root: Path = ROOT) -> list[list[str]]:
    """The ``pledgewatch`` argument lists the commands run, directly or through make."""
    calls = []
    for command in commands:
        if Path(command.program).name == "pledgewatch":
            calls.append(command.words[1:])
        elif command.program == "make":
            variables, targets = make_args(command.words[1:])
            for target in targets:
                calls += recipe_pledgewatch_calls(make_dry_run(target, variables, root).stdout)
    return calls
