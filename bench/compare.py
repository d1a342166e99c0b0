#!/usr/bin/env python3
"""Interleaved A/B benchmark of two archdrift rule sets on one corpus (same style as bench.py).

Usage: bench/compare.py CORPUS_DIR RULESET_A RULESET_B [RUNS]
  e.g. bench/compare.py /work/corpus/plane bench/plane bench/plane-ds 9
Each round runs the parse floor, then `archdrift check` with A's archdrift.toml, then with B's
(copied to the corpus root, since findings are relative to it), so that noise from other work
on a shared machine hits all three alike; prints medians of wall time, CPU time (user+sys) and
peak RSS, and B relative to A. Needs ARCHDRIFT (default target/release/archdrift) and GNU time.
"""
import os, shutil, statistics, subprocess, sys

corpus, rule_a, rule_b = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 7
threads = os.environ.get("THREADS", "2")
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
target = os.path.join(corpus, "archdrift.toml")

def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall, user, sys_, rss = p.stderr.strip().splitlines()[-1].split()
    return float(wall), float(user) + float(sys_), int(rss)

names = ["parse-floor", os.path.basename(rule_a.rstrip("/")), os.path.basename(rule_b.rstrip("/"))]
results = {n: [] for n in names}
try:
    for _ in range(runs):
        shutil.copy(os.path.join(rule_a, "archdrift.toml"), target)
        results[names[0]].append(timed([archdrift, "parse-floor", corpus, "-j", threads]))
        results[names[1]].append(timed([archdrift, "check", corpus, "--format", "compact", "-j", threads]))
        shutil.copy(os.path.join(rule_b, "archdrift.toml"), target)
        results[names[2]].append(timed([archdrift, "check", corpus, "--format", "compact", "-j", threads]))
finally:
    if os.path.exists(target):
        os.remove(target)

med = {n: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs),
           statistics.median(r[2] for r in rs) / 1024) for n, rs in results.items()}
print(f"{'command':14} {'wall s':>7} {'cpu s':>7} {'x floor (cpu)':>14} {'peak RSS MiB':>13}")
for n in names:
    wall, cpu, rss = med[n]
    print(f"{n:14} {wall:7.3f} {cpu:7.3f} {cpu / med[names[0]][1]:14.2f} {rss:13.1f}")
a, b = med[names[1]], med[names[2]]
print(f"{names[2]} vs {names[1]}: wall {100 * (b[0] / a[0] - 1):+.1f}%, cpu {100 * (b[1] / a[1] - 1):+.1f}%")
