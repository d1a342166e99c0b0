#!/usr/bin/env python3
"""The design-system findings of a day-one run only: counts per rule, and a seeded sample of
up to 20 `ds/*` findings per repository (the design-system part of issue 16's target).

  python3 bench/real-repos/ds-sample.py sample RUN_DIR [SEED]        # sampled findings with context
  python3 bench/real-repos/ds-sample.py score  RUN_DIR LABEL [SEED]  # classes from LABEL.tsv here
  python3 bench/real-repos/ds-sample.py counts RUN_DIR               # ds/* findings per rule

The sample is drawn like bench/real-repos.py's (random.Random(SEED) over the findings sorted by
file, line, rule), but from the ds/* findings alone. LABEL.tsv rows: repo, file:line, rule,
class (A/C/N), reason.
"""
import collections
import json
import os
import random
import sys

REPOS = os.environ.get("REPOS", "plane,dub,formbricks,excalidraw").split(",")
HERE = os.path.dirname(os.path.abspath(__file__))


def ds_findings(run_dir, repo):
    with open(os.path.join(run_dir, f"{repo}.json")) as f:
        d = json.load(f)
    fs = [f for f in d["findings"] if f["rule"].startswith("ds/")]
    return sorted(fs, key=lambda f: (f["file"], f["line"], f["rule"]))


def sample(fs, seed):
    rng = random.Random(seed)
    return sorted(rng.sample(fs, min(20, len(fs))), key=lambda f: (f["file"], f["line"], f["rule"]))


def cmd_counts(run_dir):
    for repo in REPOS:
        c = collections.Counter(f["rule"] for f in ds_findings(run_dir, repo))
        print(repo, sum(c.values()), dict(sorted(c.items())))


def cmd_sample(run_dir, seed):
    for repo in REPOS:
        for f in sample(ds_findings(run_dir, repo), seed):
            print(f"--- {repo}\t{f['file']}:{f['line']}\t{f['rule']}\t{f['message'][:150]}")
            try:
                lines = open(os.path.join(run_dir, repo, f["file"]), errors="replace").read().split("\n")
            except OSError:
                continue
            for i in range(max(0, f["line"] - 3), min(len(lines), f["line"] + 4)):
                mark = ">" if i + 1 == f["line"] else " "
                print(f"  {mark}{i+1:5} {lines[i][:200]}")


def cmd_score(run_dir, label, seed):
    labels = {}
    with open(os.path.join(HERE, f"{label}.tsv")) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            repo, loc, rule, cls, reason = line.rstrip("\n").split("\t")
            labels[(repo, loc, rule)] = cls
    total = collections.Counter()
    per_rule = collections.defaultdict(collections.Counter)
    for repo in REPOS:
        per = collections.Counter()
        for f in sample(ds_findings(run_dir, repo), seed):
            cls = labels.get((repo, f"{f['file']}:{f['line']}", f["rule"]), "?")
            per[cls] += 1
            total[cls] += 1
            per_rule[f["rule"]][cls] += 1
        print(f"{repo}: A {per['A']} / C {per['C']} / N {per['N']}" + (f" / unlabelled {per['?']}" if per["?"] else ""))
    for rule, c in sorted(per_rule.items()):
        print(f"  {rule}: A {c['A']} / C {c['C']} / N {c['N']}")
    n = sum(total.values()) or 1
    print(f"all: A {total['A']} ({100 * total['A'] // n}%) / C {total['C']} ({100 * total['C'] // n}%) / N {total['N']} ({100 * total['N'] // n}%) of {n}")


if __name__ == "__main__":
    cmd, run = sys.argv[1], sys.argv[2]
    if cmd == "counts":
        cmd_counts(run)
    elif cmd == "sample":
        cmd_sample(run, int(sys.argv[3]) if len(sys.argv) > 3 else 1607)
    else:
        cmd_score(run, sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1607)
