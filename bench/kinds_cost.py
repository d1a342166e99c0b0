#!/usr/bin/env python3
"""Cost of the competing-solutions and pass-through kinds over the parse floor (BENCHMARKS.md).

Usage: bench/kinds_cost.py CORPUS_COPY [RUNS]
  CORPUS_COPY  a writable copy of a corpus (the rule sets of bench/kinds-cost/ are copied to its
               root as archdrift-<name>.toml: findings are relative to the configuration)
Each round runs the parse floor, then `check` with each rule set (competing, pass-through,
both), interleaved so that noise on a shared machine hits all alike; prints medians of wall
time, CPU time and peak RSS, and CPU relative to the floor. ARCHDRIFT: the binary (default
target/release/archdrift); THREADS (default 2).
"""
import os, shutil, sys

import timing

corpus = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
threads = os.environ.get("THREADS", "2")
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
cmds = {"parse-floor": [archdrift, "parse-floor", corpus, "-j", threads]}
for name in ["competing", "pass-through", "both"]:
    cfg = os.path.join(corpus, f"archdrift-{name}.toml")
    shutil.copy(os.path.join(here, "kinds-cost", f"{name}.toml"), cfg)
    cmds[name] = [archdrift, "check", corpus, "--config", cfg, "--format", "compact", "-j", threads]
res = timing.interleaved(cmds, runs)
floor = res["parse-floor"][1]
print(f"| command | wall s | CPU s | × floor (CPU) | peak RSS MiB |")
print(f"| --- | ---: | ---: | ---: | ---: |")
for name, (wall, cpu, rss) in res.items():
    print(f"| {name} | {wall:.2f} | {cpu:.2f} | {cpu / floor:.2f} | {rss:.1f} |")
