#!/usr/bin/env python3
"""The human renderer at volume (issue 17): N findings in ONE file, human vs JSON output.

usage: bench/render/bench.py BINARY[,BINARY...] N[,N...] [RUNS] [TIMEOUT_S]

Generates (in a temp dir) a file of N lines `bad(i);` and a rule banning `bad`, then runs
`check -j 2 --no-progress` with --format human and --format json, RUNS times interleaved, and
prints the median wall and CPU (user+sys) seconds of each. A run over TIMEOUT_S is stopped and
reported as such.
"""
import os, resource, statistics, subprocess, sys, tempfile, time

CONFIG = """[check]
max_file_size = 100000000

[[rule]]
id = "b/call"
kind = "banned-pattern"
severity = "warning"
message = "`{match}` is banned"
calls = ["bad"]
"""


def run(binary, cwd, fmt, timeout):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    try:
        subprocess.run([binary, "check", "-j", "2", "--no-progress", "--format", fmt],
                       cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    binaries = sys.argv[1].split(",")
    sizes = [int(n) for n in sys.argv[2].split(",")]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 600
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            open(os.path.join(d, "archdrift.toml"), "w").write(CONFIG)
            os.makedirs(os.path.join(d, "src"))
            with open(os.path.join(d, "src", "many.ts"), "w") as f:
                f.write("".join(f"bad({i});\n" for i in range(n)))
            results = {}
            timed_out = set()
            for _ in range(runs):
                for b in binaries:
                    for fmt in ("human", "json"):
                        if (b, fmt) in timed_out:
                            continue
                        r = run(b, d, fmt, timeout)
                        if r is None:
                            timed_out.add((b, fmt))
                        else:
                            results.setdefault((b, fmt), []).append(r)
            for b in binaries:
                for fmt in ("human", "json"):
                    if (b, fmt) in timed_out:
                        print(f"{n:>7} {fmt:5} {b}: stopped after {timeout:.0f} s wall")
                        continue
                    rs = results[(b, fmt)]
                    wall = statistics.median(r[0] for r in rs)
                    cpu = statistics.median(r[1] for r in rs)
                    print(f"{n:>7} {fmt:5} {b}: wall {wall:.2f} s, cpu {cpu:.2f} s (median of {len(rs)})")


if __name__ == "__main__":
    main()
