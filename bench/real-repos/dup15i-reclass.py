#!/usr/bin/env python3
"""Day-one duplicate findings before/after (dup15i): counts per repository, and the classes that
in-sample readers gave earlier findings (A actionable / C correct, not acted on / N noise), by
whether each is still reported.

Usage: bench/real-repos/dup15i-reclass.py BEFORE_RUN AFTER_RUN
  *_RUN  folders written by /work/tools/dayone.sh BIN RUN (REPO.json = `archdrift check --format json`)
Reader files (in-sample only): final1603/1605/1607/1608-reader.tsv, dup16h-dayone1608.tsv; rows
repo, file:line, rule, class, reason. A finding is matched by repository, file, line and rule;
a reader row seen in several files counts once (its last class).
"""
import collections, json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
READERS = ["final1603-reader.tsv", "final1605-reader.tsv", "final1607-reader.tsv",
           "final1608-reader.tsv", "dup16h-dayone1608.tsv"]
REPOS = ["plane", "dub", "formbricks", "excalidraw", "rust-analyzer"]


def findings(run, repo):
    p = os.path.join(run, f"{repo}.json")
    rep = json.load(open(p))
    return {(f["file"], f["line"], f["rule"]) for f in rep["findings"] if f["rule"].startswith("dup/")}


before, after = sys.argv[1], sys.argv[2]
print("| repo | dup findings before | after |\n| --- | --- | --- |")
fb, fa = {}, {}
for repo in REPOS:
    fb[repo], fa[repo] = findings(before, repo), findings(after, repo)
    print(f"| {repo} | {len(fb[repo])} | {len(fa[repo])} |")
classed = {}
for name in READERS:
    for line in open(os.path.join(here, name)):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[2].startswith("dup/") or cols[3] not in "ACN" or cols[0] not in REPOS:
            continue
        file, _, ln = cols[1].rpartition(":")
        classed[(cols[0], file, int(ln), cols[2])] = (cols[3], cols[4] if len(cols) > 4 else "")
counts = collections.Counter()
for (repo, file, ln, rule), (cls, reason) in sorted(classed.items()):
    key = (file, ln, rule)
    if key not in fb[repo]:
        counts[(cls, "not reported before")] += 1
        continue
    state = "kept" if key in fa[repo] else "dropped"
    counts[(cls, state)] += 1
    if state == "dropped":
        print(f"  dropped {cls} {repo} {file}:{ln} {rule}: {reason}")
print("\nclassed findings reported before, by class: kept / dropped (not reported before)")
for cls in "ACN":
    print(f"  {cls}: {counts[(cls, 'kept')]} kept, {counts[(cls, 'dropped')]} dropped "
          f"({counts[(cls, 'not reported before')]} not in the before run)")
