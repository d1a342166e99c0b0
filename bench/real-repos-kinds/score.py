#!/usr/bin/env python3
"""Scores competing-solutions and pass-through on real repositories against labels.tsv.

Usage: bench/real-repos-kinds/score.py CORPUS_COPIES_DIR [REPO...]
  CORPUS_COPIES_DIR holds writable copies of the corpora (e.g. /tmp/kinds-corpus/dub, …): the
  repo's archdrift.toml from this folder is copied there (archdrift reports relative to it).
ARCHDRIFT: the binary (default target/release/archdrift). Prints, per kind, the findings
reported, how many are labelled real / not, the unlabelled ones (to label), and the labelled
real findings no longer reported.
"""
import collections, json, os, shutil, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
copies = sys.argv[1]
repos = sys.argv[2:] or ["dub", "formbricks", "excalidraw", "nushell"]
binary = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "..", "target", "release", "archdrift"))
KIND = {"eval/competing": "competing-solutions", "eval/pass-through": "pass-through",
        "eval/pass-through-1": "pass-through"}

labels = {}
for line in open(os.path.join(here, "labels.tsv")):
    if line.startswith("#") or line.startswith("repo\t") or not line.strip():
        continue
    repo, file, ln, kind, verdict, reason = line.rstrip("\n").split("\t")
    labels[(repo, file, int(ln), kind)] = verdict

stats = collections.defaultdict(lambda: collections.Counter())
unlabelled, reported_keys = [], set()
for repo in repos:
    dst = os.path.join(copies, repo)
    shutil.copy(os.path.join(here, repo, "archdrift.toml"), os.path.join(dst, "archdrift.toml"))
    out = subprocess.run([binary, "check", dst, "--format", "json"], capture_output=True, text=True)
    v = json.loads(out.stdout)
    seen = set()
    for f in v["findings"]:
        kind = KIND.get(f["rule"])
        key = (repo, f["file"], f["line"], kind)
        if kind is None or key in seen:
            continue
        seen.add(key)
        reported_keys.add(key)
        rule = f["rule"]
        stats[(kind, rule)]["reported"] += 1
        verdict = labels.get(key)
        stats[(kind, rule)][verdict or "unlabelled"] += 1
        if verdict is None:
            unlabelled.append((repo, f["file"], f["line"], kind, f["message"][:120]))
    a = v["summary"].get("design_system_adoption")
    if a:
        print(f"{repo}: design-system adoption {a['total']}")
for (kind, rule), c in sorted(stats.items()):
    judged = c["real"] + c["not"]
    prec = f"{100 * c['real'] / judged:.0f}%" if judged else "-"
    print(f"{rule:22} {kind:20} reported {c['reported']:3}  real {c['real']:3}  not {c['not']:3}  unlabelled {c['unlabelled']:3}  precision {prec}")
for u in unlabelled:
    print("UNLABELLED", *u, sep="\t")
for key, verdict in sorted(labels.items()):
    if verdict == "real" and key not in reported_keys and key[0] in repos:
        print("LOST REAL", *key, sep="\t")
