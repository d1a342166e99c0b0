#!/usr/bin/env python3
"""Scores bench/real-repos/dayone16h-labels.tsv against a day-one run (RUN/<repo>.json).

usage: dayone16h-score.py RUN [LABELS]
A label holds when: report = a finding of that rule at that file and line; silent = none;
help~TEXT = one whose help contains TEXT; help!~TEXT = none whose help contains TEXT. Prints each label's outcome and the totals.
"""
import json
import os
import sys

run = sys.argv[1]
labels = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "dayone16h-labels.tsv")
cache = {}


def findings(repo):
    if repo not in cache:
        with open(os.path.join(run, repo + ".json")) as f:
            cache[repo] = json.load(f)["findings"]
    return cache[repo]


ok = bad = 0
for row in open(labels):
    if row.startswith("#") or not row.strip():
        continue
    repo, place, rule, expect, why = row.rstrip("\n").split("\t")[:5]
    file, line = place.rsplit(":", 1)
    here = [f for f in findings(repo) if f["file"] == file and f["line"] == int(line) and f["rule"] == rule]
    if expect == "report":
        good = bool(here)
    elif expect == "silent":
        good = not here
    elif expect.startswith("help!~"):
        text = expect[6:]
        good = not any(text in (f.get("help") or "") for f in here)
    elif expect.startswith("help~"):
        text = expect[5:]
        good = any(text in (f.get("help") or "") for f in here)
    else:
        raise SystemExit(f"unknown expectation {expect!r}")
    ok += good
    bad += not good
    got = "; ".join((f.get("help") or "")[:90] for f in here) or "(no finding)"
    print(f"{'ok ' if good else 'BAD'}\t{repo}\t{place}\t{rule}\t{expect}\t{got}")
print(f"{ok} of {ok + bad} labels hold")
