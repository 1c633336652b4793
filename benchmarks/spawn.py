"""Run one command; write its wall-clock seconds and peak resident memory to a file.

Linux charges a child's peak resident memory (``ru_maxrss``) with the memory of the process it
was forked from until it calls exec, so a command started straight from the benchmark (which
has the whole pipeline loaded) would seem to need at least as much as the benchmark. This
launcher is a bare interpreter (``python -I -S``, about 10 MB), below any command measured.

Usage: ``python -I -S spawn.py RESULT_FILE COMMAND [ARG ...]``. Writes ``SECONDS BYTES`` to
RESULT_FILE and exits with the command's status.
"""

import os
import sys
import time


def main() -> int:
    result, command = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(command[0], command)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    with open(result, "w", encoding="ascii") as out:
        out.write(f"{seconds!r} {usage.ru_maxrss * 1024}\n")
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main())
