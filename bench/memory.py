#!/usr/bin/env python3
"""Peak memory of a check of a corpus and of 4 copies of it side by side (issue 18).

Usage: bench/memory.py CORPUS_COPY CORPUS_X4 RUNS
  CORPUS_COPY  a scratch copy of plane; CORPUS_X4 a folder holding 4 copies of it (p1..p4)
The rule set is bench/plane's 12 banned patterns, hardcoded-config's two rules of bench/plane-ds
and the duplicate rule of bench/plane-dup (the kinds whose cross-file facts grow with the
files; design-system and layer rules name paths of one plane checkout). Prints medians of
wall, CPU and peak RSS of the parse floor and the check on both, interleaved.
Env: ARCHDRIFT (default target/release/archdrift); ARCHDRIFT_BEFORE, an earlier build whose
checks run in the same rounds (its x4 / x1 ratio is printed too).
"""
import os, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import timing
from matrix.shapes import PLANE_12, DUPS, _rules, _read

one, four, runs = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), int(sys.argv[3])
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
rules = PLANE_12 + _rules(_read("plane-ds/archdrift.toml"),
                          ["bench/no-secrets", "bench/hardcoded-config"]) + DUPS
before = os.environ.get("ARCHDRIFT_BEFORE")
cmds = {}
for name, root in (("plane", one), ("plane x4", four)):
    cfg = os.path.join(root, "archdrift-bench-memory.toml")
    with open(cfg, "w") as f:
        f.write(rules)
    cmds[name + " floor"] = [archdrift, "parse-floor", root, "--config", cfg, "-j", "2"]
    cmds[name + " check"] = [archdrift, "check", root, "--config", cfg, "--format", "compact",
                             "-j", "2"]
    if before:
        cmds[name + " check (before)"] = [before, "check", root, "--config", cfg, "--format",
                                          "compact", "-j", "2"]
res = timing.interleaved(cmds, runs)
print("| run | wall s | CPU s | peak RSS MiB |\n| --- | ---: | ---: | ---: |")
for name, (w, c, r) in res.items():
    print(f"| {name} | {w:.2f} | {c:.2f} | {r:.1f} |")
print(f"\ncheck peak RSS x4 / x1: {res['plane x4 check'][2] / res['plane check'][2]:.2f}")
if before:
    print(f"before: check peak RSS x4 / x1: "
          f"{res['plane x4 check (before)'][2] / res['plane check (before)'][2]:.2f}")
