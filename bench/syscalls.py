#!/usr/bin/env python3
"""System calls of a check against the parse floor (issue 18): the CPU time a check spends in the
kernel is not in callgrind's instruction counts, so the two are compared by their calls.

Usage: bench/syscalls.py CORPUS_COPY CONFIG [THREADS]
Env: ARCHDRIFT (default target/release/archdrift). Needs strace. Prints, per system call that
either makes at least 100 times, the calls (and failed calls) of the floor and of the check.
"""
import os, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
corpus, cfg = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
threads = sys.argv[3] if len(sys.argv) > 3 else "1"
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
cmds = {
    "floor": [archdrift, "parse-floor", corpus, "--config", cfg, "-j", threads],
    "check": [archdrift, "check", corpus, "--config", cfg, "--format", "compact", "-j", threads],
}


def counts(cmd):
    with tempfile.NamedTemporaryFile("r", suffix=".strace") as out:
        subprocess.run(["strace", "-f", "-c", "-o", out.name] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        calls = {}
        for line in out.read().splitlines():
            p = line.split()
            # % time, seconds, usecs/call, calls, [errors], syscall
            if len(p) >= 5 and p[0][0].isdigit() and p[-1] != "total":
                errors = int(p[4]) if len(p) == 6 else 0
                calls[p[-1]] = (int(p[3]), errors)
        return calls


got = {name: counts(cmd) for name, cmd in cmds.items()}
print("| system call | floor calls (failed) | check calls (failed) |")
print("| --- | ---: | ---: |")
names = sorted(set(got["floor"]) | set(got["check"]),
               key=lambda n: -max(got["floor"].get(n, (0, 0))[0], got["check"].get(n, (0, 0))[0]))
for n in names:
    f, c = got["floor"].get(n, (0, 0)), got["check"].get(n, (0, 0))
    if max(f[0], c[0]) >= 100:
        print(f"| {n} | {f[0]} ({f[1]}) | {c[0]} ({c[1]}) |")
