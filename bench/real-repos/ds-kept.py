#!/usr/bin/env python3
"""Which labelled design-system findings a day-one run still reports: for each ds/* row of the
label files (repo, file:line, rule, class, reason), kept (the same file, line and rule is a
finding, or a related place of a grouped one) or gone; counts per class, then the gone rows.

  python3 bench/real-repos/ds-kept.py RUN_DIR LABEL [LABEL...]   # LABEL.tsv in this folder

Repositories whose JSON the run lacks are skipped.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def places(run_dir, repo):
    path = os.path.join(run_dir, f"{repo}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        d = json.load(f)
    out = set()
    for f in d["findings"]:
        if not f["rule"].startswith("ds/"):
            continue
        out.add((f["file"], f["line"], f["rule"]))
        for r in f.get("related") or []:
            if "file" in r and "line" in r:
                out.add((r["file"], r["line"], f["rule"]))
    return out


def main():
    run_dir, labels = sys.argv[1], sys.argv[2:]
    cache = {}
    counts = collections.Counter()
    gone = []
    for label in labels:
        with open(os.path.join(HERE, f"{label}.tsv")) as f:
            for line in f:
                if not line.strip() or line.startswith("#"):
                    continue
                repo, loc, rule, cls, reason = line.rstrip("\n").split("\t")[:5]
                if not rule.startswith("ds/"):
                    continue
                if repo not in cache:
                    cache[repo] = places(run_dir, repo)
                if cache[repo] is None:
                    continue
                file, ln = loc.rsplit(":", 1)
                kept = (file, int(ln), rule) in cache[repo]
                counts[(cls, "kept" if kept else "gone")] += 1
                if not kept:
                    gone.append(f"{cls}\t{repo}\t{loc}\t{rule}\t{reason[:90]}")
    for cls in "ACN":
        print(f"{cls}: kept {counts[(cls, 'kept')]}, gone {counts[(cls, 'gone')]}")
    for g in gone:
        print("  gone", g)


if __name__ == "__main__":
    main()
