#!/usr/bin/env python3
"""Interleaved benchmark: `archdrift trend` over N weekly samples vs one `check` of the tip.

Usage: bench/trend.py GIT_DIR HEAD_TREE RULES_TOML [SAMPLES] [RUNS]
  GIT_DIR     a git repository (bare is fine; only read), e.g. a mirror of makeplane/plane
  HEAD_TREE   its tip extracted outside this repository (`git --git-dir=GIT_DIR archive HEAD | tar -x`)
  RULES_TOML  the rule set, e.g. bench/plane/archdrift.toml (copied into HEAD_TREE for the check,
              passed with --config to trend, which then applies it to the whole repository)
  SAMPLES     weekly samples (default 26: --since (SAMPLES-1).weeks --every 1.week)
Runs check, trend and a one-sample trend one after another, RUNS times (default 5), so noise
from other work hits all alike; prints medians of wall time, CPU time (user+sys) and peak RSS.
With ATTRIBUTE=1 also `trend N --attribute` (issue 21's cost: attribution over a plain trend).
Needs ARCHDRIFT (default target/release/archdrift) and GNU time at /usr/bin/time.
"""
import os, shutil, statistics, subprocess, sys, tempfile

git_dir, head_tree, rules = sys.argv[1], sys.argv[2], sys.argv[3]
samples = int(sys.argv[4]) if len(sys.argv) > 4 else 26
runs = int(sys.argv[5]) if len(sys.argv) > 5 else 5
threads = os.environ.get("THREADS", "2")
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
out = tempfile.mkdtemp(prefix="archdrift-trend-bench-")

shutil.copy(rules, os.path.join(head_tree, "archdrift.toml"))
trend = [archdrift, "trend", git_dir, "--config", rules, "--every", "1.week", "-j", threads, "--out", out]
cmds = {
    "check HEAD": [archdrift, "check", head_tree, "--format", "compact", "-j", threads],
    f"trend {samples}": trend + ["--since", f"{samples - 1}.weeks"],
    "trend 1": trend + ["--since", "1.day"],
}
if os.environ.get("ATTRIBUTE") == "1":
    cmds[f"trend {samples} --attribute"] = trend + ["--since", f"{samples - 1}.weeks", "--attribute"]
results = {k: [] for k in cmds}
notes = {}
for _ in range(runs):
    for name, cmd in cmds.items():
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = p.stderr.strip().splitlines()
        wall, user, sys_, rss = lines[-1].split()
        notes[name] = next((l for l in lines if l.startswith("trend:")), "")
        results[name].append((float(wall), float(user) + float(sys_), int(rss)))

base = statistics.median(r[0] for r in results["check HEAD"])
base_cpu = statistics.median(r[1] for r in results["check HEAD"])
print(f"{'command':24} {'wall s':>7} {'cpu s':>7} {'x check (wall)':>15} {'x check (cpu)':>14} {'peak RSS MiB':>13}")
for name, rs in results.items():
    wall = statistics.median(r[0] for r in rs)
    cpu = statistics.median(r[1] for r in rs)
    rss = statistics.median(r[2] for r in rs) / 1024
    print(f"{name:24} {wall:7.3f} {cpu:7.3f} {wall / base:15.2f} {cpu / base_cpu:14.2f} {rss:13.1f}")
for name, n in notes.items():
    if n:
        print(f"{name}: {n}")
os.remove(os.path.join(head_tree, "archdrift.toml"))
shutil.rmtree(out)
