#!/usr/bin/env python3
"""Scores duplicate-component findings against hand-labelled pairs (issue 15).

Usage: bench/eval/duplicates.py BINARY REPO [REPO...] [--corpus DIR] [--dump] [--config FILE]
  BINARY  an archdrift build (before: the main release build; after: this branch's)
  REPO    a folder of bench/eval/duplicates/ (checkout.txt, when present, names the corpus checkout
          it scores; else the folder name does): files.txt (the fixed file list, paths relative to
          the repository), scope.txt (the directories checked, so that the run sees what a real
          run sees — IDF statistics, representatives — while only pairs with both sides in
          files.txt are scored), archdrift.toml (the rule evaluated) and pairs.csv
          (file_a,unit_a,file_b,unit_b,label; label = duplicate | look-alike; a unit is its
          name, or name@line when a file has two of that name)
  --drop REGEX    leave out labelled and reported pairs with a side in a file matching REGEX
                  (e.g. test code a later rule excludes), to score both ways
  --corpus DIR    where the checkouts are (default /work/corpus; commits in COMMITS.txt)
  --config FILE   evaluate this rule file instead of the folder's archdrift.toml
  --dump          also print every reported pair, labelled or not (for labelling)
  --labelled-only precision over the labelled reported pairs only (for the sampled `*-wide` sets,
                  whose pool labels a deterministic sample of the reported pairs: an unlabelled
                  pair there is unread, not wrong); the unlabelled count is still printed

The scope's files are copied into a scratch directory (never into this repository) with the rule
file, the binary checks it with 2 threads, and each finding gives the pairs it asserts: its unit
(the finding's file and `match`) with each `related` member (file, and the first `name` of the
related message). Scoring is order-free; a side matches a labelled unit when the file is the
same and the name is (and the line within 2 of name@line, when given).
  precision = reported pairs labelled duplicate / all reported pairs (an unlabelled reported
              pair counts against it, and so does a pair inside one file: the rules evaluated
              ask for copies across files; both are listed)
  recall    = labelled duplicate pairs found / labelled duplicate pairs, where a pair is found
              when reported, or when both sides are in one reported cluster
"""
import csv, json, os, re, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
args = sys.argv[1:]
corpus, dump, config = "/work/corpus", False, None
if "--corpus" in args:
    i = args.index("--corpus"); corpus = args[i + 1]; del args[i:i + 2]
if "--config" in args:
    i = args.index("--config"); config = os.path.abspath(args[i + 1]); del args[i:i + 2]
drop = None
if "--drop" in args:
    i = args.index("--drop"); drop = re.compile(args[i + 1]); del args[i:i + 2]
if "--dump" in args:
    args.remove("--dump"); dump = True
labelled_only = "--labelled-only" in args
if labelled_only:
    args.remove("--labelled-only")
binary, repos = args[0], args[1:]



def checkout_of(d, repo):
    """The corpus checkout a folder evaluates: its checkout.txt when it has one (several folders
    can score one checkout: `plane-wide` is plane), else the folder's own name."""
    p = os.path.join(d, "checkout.txt")
    return open(p).read().strip() if os.path.exists(p) else repo

def side_matches(label_side, rep_side):
    (lf, lu), (rf, rname, rline) = label_side, rep_side
    if lf != rf:
        return False
    name, _, line = lu.partition("@")
    return name == rname and (not line or abs(int(line) - rline) <= 2)


def run(repo):
    d = os.path.join(here, "duplicates", repo)
    files = [l.strip() for l in open(os.path.join(d, "files.txt")) if l.strip() and not l.startswith("#")]
    tmp = tempfile.mkdtemp(prefix="dupeval-")
    try:
        scope = [l.strip() for l in open(os.path.join(d, "scope.txt")) if l.strip() and not l.startswith("#")]
        for sd in scope:
            shutil.copytree(os.path.join(corpus, checkout_of(d, repo), sd), os.path.join(tmp, sd), dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("node_modules", ".git"), ignore_dangling_symlinks=True)
        for f in files:
            dst = os.path.join(tmp, f)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(corpus, checkout_of(d, repo), f), dst)
        shutil.copyfile(config or os.path.join(d, "archdrift.toml"), os.path.join(tmp, "archdrift.toml"))
        p = subprocess.run([binary, "check", tmp, "--format", "json", "-j", "2", "--no-progress"],
                           capture_output=True, text=True)
        if p.returncode not in (0, 1):
            sys.exit(f"{binary} failed on {repo}: {p.stderr}")
        report = json.loads(p.stdout)
    finally:
        shutil.rmtree(tmp)
    reported, clusters, how = [], [], {}
    listed = set(files)
    for f in report["findings"]:
        if f["kind"] != "duplicate-component":
            continue
        a = (f["file"], f["match"], f["line"])
        members = [a]
        for r in f.get("related", []):
            m = re.search(r"`([^`]+)`", r["message"])
            b = (r["file"], m.group(1) if m else "?", r["line"])
            if a[0] in listed and b[0] in listed:
                reported.append((a, b))
                how[(a, b)] = r["message"][m.end():].strip() if m else ""

            members.append(b)
        clusters.append(members)
    labels = []
    with open(os.path.join(d, "pairs.csv")) as fh:
        for row in csv.DictReader(fh):
            if drop and (drop.search(row["file_a"]) or drop.search(row["file_b"])):
                continue
            labels.append(((row["file_a"], row["unit_a"]), (row["file_b"], row["unit_b"]), row["label"]))
    if drop:
        reported = [(a, b) for a, b in reported if not (drop.search(a[0]) or drop.search(b[0]))]

    def label_of(a, b):
        for la, lb, lab in labels:
            if (side_matches(la, a) and side_matches(lb, b)) or (side_matches(la, b) and side_matches(lb, a)):
                return lab
        return None

    tp = fp = same_file = 0
    unlabelled = []
    for a, b in reported:
        lab = label_of(a, b)
        if lab is None and a[0] == b[0]:
            same_file += 1
            if dump:
                print(f"  {'SAME-FILE':10} {a[0]},{a[1]}@{a[2]},{b[0]},{b[1]}@{b[2]}")
            continue
        if lab == "duplicate":
            tp += 1
        elif lab == "look-alike":
            fp += 1
        else:
            unlabelled.append((a, b))
        if dump:
            print(f"  {lab or 'UNLABELLED':10} {a[0]},{a[1]}@{a[2]},{b[0]},{b[1]}@{b[2]}  # {how[(a, b)]}")
    dups = [(la, lb) for la, lb, lab in labels if lab == "duplicate"]
    found = 0
    missed = []
    for la, lb in dups:
        direct = any((side_matches(la, a) and side_matches(lb, b)) or (side_matches(la, b) and side_matches(lb, a))
                     for a, b in reported)
        together = any(any(side_matches(la, m) for m in c) and any(side_matches(lb, m) for m in c) for c in clusters)
        if direct or together:
            found += 1
        else:
            missed.append((la, lb))
    n_rep = tp + fp + same_file + (0 if labelled_only else len(unlabelled))
    prec = tp / n_rep if n_rep else 1.0
    rec = found / len(dups) if dups else 1.0
    print(f"{repo}: {len(files)} files, {len(labels)} labelled pairs ({len(dups)} duplicate); "
          f"reported {n_rep} pairs: {tp} duplicate, {fp} look-alike, {same_file} in one file, "
          f"{len(unlabelled)} unlabelled; "
          f"precision {prec:.2f}, recall {rec:.2f} ({found}/{len(dups)})")
    for a, b in ([] if labelled_only else unlabelled):
        print(f"    unlabelled: {a[0]},{a[1]}@{a[2]},{b[0]},{b[1]}@{b[2]}")
    for la, lb in missed:
        print(f"    missed: {la[0]},{la[1]},{lb[0]},{lb[1]}")
    return tp, fp + same_file + (0 if labelled_only else len(unlabelled)), found, len(dups)


tot = [0, 0, 0, 0]
for repo in repos:
    for k, v in enumerate(run(repo)):
        tot[k] += v
if len(repos) > 1:
    tp, bad, found, dups = tot
    print(f"all: precision {tp / max(1, tp + bad):.2f} ({tp}/{tp + bad}), recall {found / max(1, dups):.2f} ({found}/{dups})")
