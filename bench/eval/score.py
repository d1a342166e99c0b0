#!/usr/bin/env python3
"""Score archdrift's findings against hand-labelled real code.

Layout, one folder per rule kind and corpus repository:

    bench/eval/<kind>/<repo>/archdrift.toml   the rules translated from the ADRs
    bench/eval/<kind>/<repo>/adr/*.md         the ADRs (plausible decisions for that repo)
    bench/eval/<kind>/<repo>/files.txt        the fixed list of files scored (relative to the repo root)
    bench/eval/<kind>/<repo>/labels.csv       file,line,rule,label   (label: finding | near-miss)

`finding` rows must be reported (rule id and line exact); `near-miss` rows must stay silent.
Every finding of the scored kind in a listed file that no `finding` row names counts against
precision (labelled near-misses and unlabelled findings alike; the unlabelled ones are printed so
they can be labelled or fixed). Files outside files.txt are not scored.

The repository (read-only, from /work/corpus/<repo> or --corpus) is copied once to a scratch
directory; the config and ADRs are placed at its root and `archdrift check --format json` runs
over the whole repository, so cross-file context (clusters, imports) is the real one.

    python3 bench/eval/score.py --kind design-system --binary target/release/archdrift
    python3 bench/eval/score.py --kind hardcoded-config --repo dub --verbose
    python3 bench/eval/score.py --kind design-system --config archdrift.before.toml --binary OLD --per-rule

A case folder named `<repo>.<tag>` (e.g. `dub.heldout`) is another file list of the same repository.
`--config NAME` picks another rule file of the case folder (e.g. the same rules without the fields an
older binary lacks); it is placed at the repository root as archdrift.toml. `--per-rule` adds a line
per rule id.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def load_labels(path):
    expected, near = set(), set()
    with open(path, newline="") as fh:
        rows = (r for r in fh if r.strip() and not r.lstrip().startswith("#"))
        for row in csv.DictReader(rows):
            key = (row["file"].strip(), int(row["line"]), row["rule"].strip())
            label = row["label"].strip()
            if label == "finding":
                expected.add(key)
            elif label == "near-miss":
                near.add(key)
            else:
                sys.exit(f"{path}: unknown label {label!r} (finding | near-miss)")
    return expected, near


def load_files(path):
    with open(path) as fh:
        return {
            line.strip()
            for line in fh
            if line.strip() and not line.lstrip().startswith("#")
        }


def scratch_copy(repo, corpus, scratch):
    dest = os.path.join(scratch, repo)
    if not os.path.isdir(dest):
        src = os.path.join(corpus, repo)
        if not os.path.isdir(src):
            sys.exit(f"corpus repository {src} not found")
        shutil.copytree(src, dest, symlinks=True)
        for root, dirs, files in os.walk(dest):
            for name in dirs + files:
                p = os.path.join(root, name)
                if not os.path.islink(p):
                    os.chmod(p, os.stat(p).st_mode | 0o200)
    return dest


def place_config(case_dir, dest, config="archdrift.toml"):
    src = os.path.join(case_dir, config)
    if not os.path.isfile(src):
        sys.exit(f"{src} not found")
    shutil.copyfile(src, os.path.join(dest, "archdrift.toml"))
    adr_src = os.path.join(case_dir, "adr")
    adr_dest = os.path.join(dest, "adr")
    if os.path.isdir(adr_src):
        if os.path.isdir(adr_dest) and not os.path.exists(os.path.join(adr_dest, ".archdrift-eval")):
            sys.exit(f"{adr_dest} exists in the repository; name the ADR folder differently")
        shutil.rmtree(adr_dest, ignore_errors=True)
        shutil.copytree(adr_src, adr_dest)
        open(os.path.join(adr_dest, ".archdrift-eval"), "w").close()


def run(binary, dest, threads):
    cmd = [binary, "check", "--format", "json", "--color", "never"]
    if threads:
        cmd += ["--threads", str(threads)]
    cmd.append(".")
    proc = subprocess.run(cmd, cwd=dest, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout)


def ratio(a, b):
    return a / b if b else 1.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", required=True, help="rule kind folder under bench/eval (e.g. design-system)")
    ap.add_argument("--binary", default="target/release/archdrift")
    ap.add_argument("--repo", action="append", help="only these repositories (repeatable)")
    ap.add_argument("--corpus", default="/work/corpus")
    ap.add_argument("--scratch", default="/tmp/archdrift-eval")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--verbose", action="store_true", help="list every false positive and missed label")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--config", default="archdrift.toml", help="rule file of the case folder to use")
    ap.add_argument("--per-rule", action="store_true", help="also print the scores of each rule id")
    args = ap.parse_args()

    kind_dir = os.path.join(HERE, args.kind)
    if not os.path.isdir(kind_dir):
        sys.exit(f"no labels for kind {args.kind!r} ({kind_dir})")
    repos = sorted(
        d for d in os.listdir(kind_dir)
        if os.path.isfile(os.path.join(kind_dir, d, "labels.csv"))
        and (not args.repo or d in args.repo)
    )
    if not repos:
        sys.exit("no repository with labels.csv")
    binary = os.path.abspath(args.binary)
    totals = defaultdict(lambda: [0, 0, 0])  # kind -> [tp, fp, fn]
    scores = {}
    for repo in repos:
        case = os.path.join(kind_dir, repo)
        expected, near = load_labels(os.path.join(case, "labels.csv"))
        files = load_files(os.path.join(case, "files.txt"))
        stray = sorted(k for k in expected | near if k[0] not in files)
        if stray:
            sys.exit(f"{repo}: labels in files not in files.txt: {stray[:5]}")
        dest = scratch_copy(repo.split(".")[0], args.corpus, args.scratch)
        place_config(case, dest, args.config)
        report = run(binary, dest, args.threads)
        kinds_of_rule = {}
        reported = set()
        for f in report["findings"]:
            if f["file"] not in files:
                continue
            kinds_of_rule[f["rule"]] = f["kind"]
            reported.add((f["file"], f["line"], f["rule"]))
        problems = [p for p in report.get("problems", []) if p.get("file") in files]
        per_kind = defaultdict(lambda: [0, 0, 0])
        tp = reported & expected
        fp = reported - expected
        fn = expected - reported
        for key in tp:
            per_kind[kinds_of_rule[key[2]]][0] += 1
        for key in fp:
            per_kind[kinds_of_rule[key[2]]][1] += 1
        for key in fn:
            per_kind[kinds_of_rule.get(key[2], args.kind)][2] += 1
        scores[repo] = {}
        for k, (a, b, c) in sorted(per_kind.items()):
            totals[k][0] += a
            totals[k][1] += b
            totals[k][2] += c
            scores[repo][k] = {"tp": a, "fp": b, "fn": c,
                               "precision": round(ratio(a, a + b), 3),
                               "recall": round(ratio(a, a + c), 3)}
        if not args.json:
            print(f"== {repo}: {len(files)} files, {len(expected)} expected, {len(near)} near-misses, "
                  f"{len(reported)} reported in scored files")
            for k, s in scores[repo].items():
                print(f"   {k:24} tp {s['tp']:4}  fp {s['fp']:4}  fn {s['fn']:4}  "
                      f"precision {s['precision']:.3f}  recall {s['recall']:.3f}")
            if args.per_rule:
                rules = sorted({k[2] for k in reported | expected})
                for r in rules:
                    a = sum(1 for k in tp if k[2] == r)
                    b = sum(1 for k in fp if k[2] == r)
                    c = sum(1 for k in fn if k[2] == r)
                    print(f"     rule {r:20} tp {a:4}  fp {b:4}  fn {c:4}  "
                          f"precision {ratio(a, a + b):.3f}  recall {ratio(a, a + c):.3f}")
            if problems:
                print(f"   problems in scored files: {len(problems)}")
            if args.verbose:
                for key in sorted(fp):
                    tag = "near-miss" if key in near else "unlabelled"
                    print(f"   FP ({tag}) {key[0]}:{key[1]} {key[2]}")
                for key in sorted(fn):
                    print(f"   MISSED     {key[0]}:{key[1]} {key[2]}")
    total = {k: {"tp": a, "fp": b, "fn": c,
                 "precision": round(ratio(a, a + b), 3), "recall": round(ratio(a, a + c), 3)}
             for k, (a, b, c) in sorted(totals.items())}
    if args.json:
        print(json.dumps({"repos": scores, "total": total}, indent=2))
    else:
        print("== total")
        for k, s in total.items():
            print(f"   {k:24} tp {s['tp']:4}  fp {s['fp']:4}  fn {s['fn']:4}  "
                  f"precision {s['precision']:.3f}  recall {s['recall']:.3f}")


if __name__ == "__main__":
    main()
