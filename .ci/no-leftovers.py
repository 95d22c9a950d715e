"""Runs a command and fails when it leaves a process behind.

Usage: python3 .ci/no-leftovers.py [--exit N] COMMAND [ARG...]

This process becomes a child subreaper (Linux's PR_SET_CHILD_SUBREAPER), so every process the
command started that outlives it, running or already ended but never waited for (a zombie: a
shell's process substitution still ending when the shell execs the JVM stays the JVM's unreaped
child), is handed to this process instead of init. After the command ends, any such process is
a failure: one line on stderr naming it, exit 1. The command's own exit status must be N (default
0); its output is discarded. Linux only.
"""

import ctypes
import os
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def children():
    """The processes whose parent is this one: (pid, name, state)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        state, parent = stat[stat.rindex(")") + 2 :].split()[:2]
        if int(parent) == os.getpid():
            found.append((int(entry), name, state))
    return found


def main(command, expected):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("no-leftovers: cannot become a subreaper: " + os.strerror(ctypes.get_errno()))
    status = subprocess.run(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    ).returncode
    if status != expected:
        sys.exit(f"no-leftovers: {' '.join(command)} exited with {status}, not {expected}")
    # A process the command's last one did not wait for is handed over when that one ends:
    # give the kernel a moment to do it.
    time.sleep(0.3)
    left = children()
    for pid, _, _ in left:
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
        except (ChildProcessError, ProcessLookupError):
            pass
    if left:
        described = ", ".join(
            f"{name} (pid {pid}, {'ended, never waited for' if state == 'Z' else 'still running'})"
            for pid, name, state in left
        )
        sys.exit(f"no-leftovers: {' '.join(command)} left {described}")


if __name__ == "__main__":
    arguments = sys.argv[1:]
    expected = 0
    if arguments[:1] == ["--exit"] and len(arguments) > 1 and arguments[1].isdigit():
        expected = int(arguments[1])
        arguments = arguments[2:]
    if not arguments:
        sys.exit(__doc__)
    main(arguments, expected)
