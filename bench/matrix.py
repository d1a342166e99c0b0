#!/usr/bin/env python3
"""Benchmark matrix (issue 18): one rule per shape, each timed against the parse floor in the same
interleaved rounds, and against ast-grep where it has an equivalent rule.

Usage: bench/matrix.py plane|rust-analyzer CORPUS_COPY RUNS [SHAPE,...]
  CORPUS_COPY  a scratch copy of the corpus (never /work/corpus itself: the rule files of every
               shape are written into its root as archdrift-bench-<shape>.toml)
  RUNS         interleaved rounds (medians are reported)
  SHAPE,...    only these shapes (default: all of the corpus)
Env: ARCHDRIFT (default target/release/archdrift), ARCHDRIFT_BEFORE (an earlier build, timed in the
same rounds), AST_GREP (default /work/peers/node_modules/.bin/ast-grep), THREADS (default 2).
Prints a Markdown table: CPU s (user+sys) median, × the floor's CPU, the findings count, and for
ast-grep its CPU and archdrift's speed-up over it. The rule sets are in bench/matrix/shapes.py.
"""
import os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import timing
from matrix.shapes import SHAPES, AST_GREP_LANGS

corpus_kind, corpus, runs = sys.argv[1], os.path.abspath(sys.argv[2]), int(sys.argv[3])
only = sys.argv[4].split(",") if len(sys.argv) > 4 else None
if os.path.realpath(corpus).startswith("/work/corpus"):
    sys.exit("give a scratch copy of the corpus: rule files are written into its root")
threads = os.environ.get("THREADS", "2")
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
before = os.environ.get("ARCHDRIFT_BEFORE")
ast_grep = os.environ.get("AST_GREP", "/work/peers/node_modules/.bin/ast-grep")
scratch = os.path.join(corpus, ".bench-ast-grep")

shapes = [s for s in SHAPES[corpus_kind] if only is None or s[0] in only]
before_only = os.environ.get("BEFORE_SHAPES")
before_only = before_only.split(",") if before_only else None
# the floor needs a configuration only for the root and the excludes: the first shape's
floor_cfg = os.path.join(corpus, f"archdrift-bench-{shapes[0][0]}.toml")
with open(floor_cfg, "w") as f:
    f.write(shapes[0][1])
cmds = {"floor": [archdrift, "parse-floor", corpus, "--config", floor_cfg, "-j", threads]}
for name, toml, sg in shapes:
    cfg = os.path.join(corpus, f"archdrift-bench-{name}.toml")
    with open(cfg, "w") as f:
        f.write(toml)
    cmds[name] = [archdrift, "check", corpus, "--config", cfg, "--format", "compact", "-j", threads]
    if before and (before_only is None or name in before_only):
        cmds[name + " (before)"] = [before, "check", corpus, "--config", cfg, "--format", "compact",
                                    "-j", threads]
    if sg:
        d = os.path.join(scratch, name)
        os.makedirs(os.path.join(d, "rules"), exist_ok=True)
        with open(os.path.join(d, "sgconfig.yml"), "w") as f:
            f.write("ruleDirs:\n  - rules\n")
        for lang in AST_GREP_LANGS[corpus_kind]:
            with open(os.path.join(d, "rules", f"{name}-{lang}.yml"), "w") as f:
                f.write(f"id: {name}-{lang}\nlanguage: {lang}\nseverity: error\nmessage: {name}\n{sg}")
        cmds[name + " (ast-grep)"] = [ast_grep, "scan", "-j", threads, "-c",
                                      os.path.join(d, "sgconfig.yml"), corpus, "--json=compact"]

def count(cmd, sg):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if sg:
        import json
        return len(json.loads(p.stdout or "[]"))
    return sum(1 for l in p.stdout.splitlines() if l.strip() and not l.startswith(" "))

results = timing.interleaved(cmds, runs)
import json
with open(os.path.join(corpus, ".bench-results.json"), "w") as f:
    json.dump(results, f)
fw, fc, fr = results["floor"]
print(f"{corpus_kind}: parse floor {fw:.3f} s wall, {fc:.3f} s CPU, {fr:.1f} MiB; {runs} rounds\n")
head = "| shape | CPU s | × floor | findings |"
sep = "| --- | ---: | ---: | ---: |"
if before:
    head += " before CPU s | before × floor |"
    sep += " ---: | ---: |"
head += " ast-grep CPU s | ast-grep findings | archdrift faster |"
sep += " ---: | ---: | ---: |"
print(head)
print(sep)
for name, toml, sg in shapes:
    w, c, r = results[name]
    n = count(cmds[name], False)
    row = f"| {name} | {c:.3f} | {c / fc:.2f} | {n} |"
    if before and name + " (before)" in results:
        bw, bc, br = results[name + " (before)"]
        row += f" {bc:.3f} | {bc / fc:.2f} |"
    elif before:
        row += " – | – |"
    if sg:
        aw, ac, ar = results[name + " (ast-grep)"]
        an = count(cmds[name + " (ast-grep)"], True)
        row += f" {ac:.3f} | {an} | {ac / c:.2f}× |"
    else:
        row += " – | – | – |"
    print(row)
