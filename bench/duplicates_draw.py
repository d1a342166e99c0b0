#!/usr/bin/env python3
"""Draws a held-out file list and pair pool for the duplicate evaluation (issue 15), the way the
in-sample sets were drawn: from an OLD binary's own pairs, so that nothing about the build under
test decides what is labelled.

Usage: bench/duplicates_draw.py OLD_BINARY REPO SCOPE [SCOPE...] [--every K] [--corpus DIR]
  OLD_BINARY  the build before the change (/work/archdrift-final2)
  REPO        a checkout in the corpus (default /work/corpus)
  SCOPE       the directories checked (as in scope.txt)
  --every K   take every K-th pair of each run (default 2)

Runs OLD_BINARY twice over a scratch copy of the scope: at its defaults and loose
(threshold = 0.35, min_tokens = 40). Draws every K-th cross-file pair of the default run and
every K-th pair under 50% of the loose run; the files of the drawn pairs are the file list
(printed first, as for files.txt); then every cross-file pair of the loose run with both sides in
that list is printed as `file_a,unit_a,file_b,unit_b,` (the pool to label, in the format of
pairs.csv; `name@line` where a file has two units of that name). Known families that no detector
proposed are added by hand to files.txt afterwards.
"""
import json, os, re, shutil, subprocess, sys, tempfile

args = sys.argv[1:]
corpus, every = "/work/corpus", 2
if "--corpus" in args:
    i = args.index("--corpus"); corpus = args[i + 1]; del args[i:i + 2]
if "--every" in args:
    i = args.index("--every"); every = int(args[i + 1]); del args[i:i + 2]
binary, repo, scopes = args[0], args[1], args[2:]

RULE = """[[rule]]
id = "draw"
kind = "duplicate-component"
severity = "warning"
message = "near-copies of `{{match}}`"
{extra}
"""


def pairs(extra):
    tmp = tempfile.mkdtemp(prefix="dupdraw-")
    try:
        for sd in scopes:
            shutil.copytree(os.path.join(corpus, repo, sd), os.path.join(tmp, sd), dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("node_modules", ".git"))
        open(os.path.join(tmp, "archdrift.toml"), "w").write(RULE.format(extra=extra))
        p = subprocess.run([binary, "check", tmp, "--format", "json", "-j", "2", "--no-progress"],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(p.stderr)
        report = json.loads(p.stdout)
    finally:
        shutil.rmtree(tmp)
    out = []
    for f in report["findings"]:
        a = (f["file"], f["match"], f["line"])
        for r in f.get("related", []):
            m = re.search(r"`([^`]+)`", r["message"])
            sim = re.search(r"(\d+)%", r["message"])
            b = (r["file"], m.group(1) if m else "?", r["line"])
            if a[0] != b[0]:
                out.append((a, b, int(sim.group(1)) / 100 if sim else 1.0))
    return out


default = pairs("")
loose = pairs("threshold = 0.35\nmin_tokens = 40")
drawn = default[::every] + [p for p in loose if p[2] < 0.5][::every]
files = sorted({s[0] for a, b, _ in drawn for s in (a, b)})
print("# files.txt")
for f in files:
    print(f)
listed = set(files)
print("# pool: every loose cross-file pair inside the list")
seen = set()
for a, b, sim in sorted(loose):
    if a[0] in listed and b[0] in listed:
        key = tuple(sorted([(a[0], a[1], a[2]), (b[0], b[1], b[2])]))
        if key not in seen:
            seen.add(key)
            print(f"{a[0]},{a[1]}@{a[2]},{b[0]},{b[1]}@{b[2]},  # {sim:.2f}")
