#!/usr/bin/env python3
"""Interleaved benchmark: parse floor vs archdrift check vs ast-grep scan, same files, same threads.

Usage: bench/bench.py CORPUS_DIR RULESET_DIR [RUNS]
  CORPUS_DIR   a checkout outside this repository (e.g. /work/corpus/plane)
  RULESET_DIR  bench/plane or bench/rust-analyzer (holds archdrift.toml and ast-grep/sgconfig.yml)
Runs the three commands one after another, RUNS times (default 7), so that noise from other
work on a shared machine hits all three alike; prints medians of wall time, CPU time (user+sys)
and peak RSS. ARCHDRIFT_BEFORE=path adds an earlier build to the same runs. Needs ARCHDRIFT (default target/release/archdrift) and AST_GREP (default: ast-grep
on PATH) and GNU time at /usr/bin/time.
"""
import os, shutil, sys

import timing

corpus, ruleset = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
threads = os.environ.get("THREADS", "2")
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
ast_grep = os.environ.get("AST_GREP", shutil.which("ast-grep") or "ast-grep")

# archdrift reports relative to the directory of archdrift.toml: put the rule set there
shutil.copy(os.path.join(ruleset, "archdrift.toml"), os.path.join(corpus, "archdrift.toml"))
cmds = {
    "parse-floor": [archdrift, "parse-floor", corpus, "-j", threads],
    "archdrift": [archdrift, "check", corpus, "--format", "compact", "-j", threads],
}
# ARCHDRIFT_BEFORE: an earlier build, measured in the same interleaved runs (a refactor must not
# be slower)
before = os.environ.get("ARCHDRIFT_BEFORE")
if before:
    cmds["before"] = [before, "check", corpus, "--format", "compact", "-j", threads]
sg_config = os.path.join(ruleset, "ast-grep", "sgconfig.yml")
if os.path.exists(sg_config) and os.environ.get("NO_AST_GREP") is None:
    cmds["ast-grep"] = [ast_grep, "scan", "-j", threads, "-c", sg_config, corpus, "--json=compact"]

results = timing.interleaved(cmds, runs)
floor, floor_cpu, _ = results["parse-floor"]
print(f"{'command':12} {'wall s':>7} {'cpu s':>7} {'x floor (wall)':>15} {'x floor (cpu)':>14} {'peak RSS MiB':>13}")
for name, (wall, cpu, rss) in results.items():
    print(f"{name:12} {wall:7.3f} {cpu:7.3f} {wall / floor:15.2f} {cpu / floor_cpu:14.2f} {rss:13.1f}")
os.remove(os.path.join(corpus, "archdrift.toml"))
