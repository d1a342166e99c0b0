#!/usr/bin/env python3
"""`init` + `check` on real repositories: counts per rule kind, and a seeded sample of findings.

  python3 bench/real-repos.py sample RUN_DIR LABEL [SEED]  # counts + sampled findings with context
  python3 bench/real-repos.py score  RUN_DIR LABEL [SEED]  # classes from bench/real-repos/LABEL.tsv

RUN_DIR holds <repo>/ (the repository, with the archdrift.toml that `init` wrote) and
<repo>.json (`archdrift check --format json` output). The sample is 20 findings per repository
drawn with random.Random(SEED) (default 16) from all findings sorted by (file, line, rule): the
same run and seed give the same sample. Classes are read from bench/real-repos/LABEL.tsv (repo, file:line, rule, class,
reason); class is A (actionable), C (correct but not acted on) or N (noise).
"""
import collections
import json
import os
import random
import sys

# REPOS=midday,helix (comma-separated) for other repositories, e.g. the held-out ones
REPOS = os.environ.get("REPOS", "plane,dub,formbricks,excalidraw,rust-analyzer").split(",")
HERE = os.path.dirname(os.path.abspath(__file__))


def load(run_dir, repo):
    with open(os.path.join(run_dir, f"{repo}.json")) as f:
        d = json.load(f)
    fs = sorted(d["findings"], key=lambda f: (f["file"], f["line"], f["rule"]))
    return d, fs


SEED = 16


def sample(fs):
    rng = random.Random(SEED)
    return sorted(rng.sample(fs, min(20, len(fs))), key=lambda f: (f["file"], f["line"], f["rule"]))


def counts(fs):
    by_kind = collections.Counter()
    for f in fs:
        k = f["kind"]
        if "cannot resolve import" in f["message"]:
            k += " (unresolved, info)"
        by_kind[k] += 1
    return by_kind


def cmd_sample(run_dir, label):
    for repo in REPOS:
        d, fs = load(run_dir, repo)
        print(f"=== {repo}: {len(fs)} findings {dict(counts(fs))}")
        for f in sample(fs):
            print(f"--- {repo}\t{f['file']}:{f['line']}\t{f['rule']}\t{f['severity']}\t{f['message'][:300]}")
            if f.get("help"):
                print(f"    help: {f['help'][:300]}")
            for r in f.get("related", [])[:8]:
                print(f"    related: {r['file']}:{r['line']}  {r.get('message', '')[:120]}")
            path = os.path.join(run_dir, repo, f["file"])
            try:
                lines = open(path, errors="replace").read().split("\n")
            except OSError:
                continue
            lo, hi = max(0, f["line"] - 3), min(len(lines), f["line"] + 2)
            for i in range(lo, hi):
                mark = ">" if i + 1 == f["line"] else " "
                print(f"  {mark}{i+1:5} {lines[i][:160]}")


def cmd_score(run_dir, label):
    labels = {}
    with open(os.path.join(HERE, "real-repos", f"{label}.tsv")) as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            repo, loc, rule, cls, reason = line.rstrip("\n").split("\t")
            labels[(repo, loc, rule)] = (cls, reason)
    total = collections.Counter()
    out = []
    for repo in REPOS:
        d, fs = load(run_dir, repo)
        c = counts(fs)
        out.append(f"#### {repo} ({label}): {len(fs)} findings")
        out.append("")
        out.append("| kind | findings |")
        out.append("| --- | ---: |")
        for k, n in sorted(c.items()):
            out.append(f"| {k} | {n} |")
        out.append("")
        per = collections.Counter()
        rows = []
        for f in sample(fs):
            key = (repo, f"{f['file']}:{f['line']}", f["rule"])
            cls, reason = labels.get(key, ("?", "not labelled"))
            per[cls] += 1
            total[cls] += 1
            rows.append(f"| {key[1]} | {key[2]} | {cls} | {reason} |")
        n = sum(per.values()) or 1
        out.append(f"Sample: {per['A']} actionable, {per['C']} correct but not acted on, {per['N']} noise"
                   + (f", {per['?']} unlabelled" if per['?'] else "") + f" (of {n})")
        out.append("")
        out.append("| finding | rule | class | why |")
        out.append("| --- | --- | --- | --- |")
        out.extend(rows)
        out.append("")
    n = sum(total.values()) or 1
    out.append(f"**All repositories ({label})**: {total['A']} actionable ({100*total['A']//n}%), "
               f"{total['C']} correct but not acted on ({100*total['C']//n}%), {total['N']} noise ({100*total['N']//n}%) of {n}.")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) > 4:
        SEED = int(sys.argv[4])
    {"sample": cmd_sample, "score": cmd_score}[sys.argv[1]](sys.argv[2], sys.argv[3])
