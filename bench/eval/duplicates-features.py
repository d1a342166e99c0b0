#!/usr/bin/env python3
"""What separates a copy from a look-alike: the pair features of the duplicate kind (issue 15).

Usage:
  bench/eval/duplicates-features.py dump BINARY OUT.jsonl REPO [REPO...] [--corpus DIR]
      runs BINARY over each evaluation folder as bench/eval/duplicates.py does (the scope copied
      to a scratch directory, the folder's archdrift.toml) with ARCHDRIFT_DUP_FEATURES set, and
      writes every candidate pair the kind verified (similarity >= 0.25 or containment >= 0.4,
      and every exact pair) with its features and its label from pairs.csv (duplicate,
      look-alike, or none), one JSON object a line, tagged with the repo.
  bench/eval/duplicates-features.py study OUT.jsonl
      prints, for the labelled pairs the rule keeps today (`ok`), each feature's distribution
      per label, then fits the pair decision (a veto on kept pairs) by leave-one-repository-out
      cross-validation over the Rust sets: for each repository, the thresholds are chosen on the
      others and the held-out repository is scored (the TSX sets keep too few look-alikes to fit
      on: 3). The fit on all is printed last.

  bench/eval/duplicates-features.py study-tsx OUT.jsonl
      the same for the TSX/JS pairs (ninth session): the labelled pairs the kind verified as
      near-copies before the TSX decision (dump with a build run with `compare_differences =
      false`, or with a build before it: `ok` is the token decision), one pair per checkout
      (`dub` and `dub-wide` are one repository), and the decision "distinct renames over
      aligned names above R, for pairs of at least 8 aligned names, is not a copy" fitted
      leave-one-repository-out (R chosen on the other repositories, a lost copy weighing as
      much as 4 kept look-alikes) and scored on the held-out one.

Pair-level scores here count labelled pairs only (a kept unlabelled pair is not counted); the
cluster-level score of the built rule is bench/eval/duplicates.py's.
Deterministic; no network.
"""
import csv, itertools, json, os, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))



def checkout_of(d, repo):
    """The corpus checkout a folder evaluates: its checkout.txt when it has one (several folders
    can score one checkout: `plane-wide` is plane), else the folder's own name."""
    p = os.path.join(d, "checkout.txt")
    return open(p).read().strip() if os.path.exists(p) else repo

def side_matches(lf, lu, rf, rname, rline):
    if lf != rf:
        return False
    name, _, line = lu.partition("@")
    return name == rname and (not line or abs(int(line) - rline) <= 2)


def dump(binary, out, repos, corpus):
    rows = []
    for repo in repos:
        d = os.path.join(here, "duplicates", repo)
        read = lambda f: [l.strip() for l in open(os.path.join(d, f)) if l.strip() and not l.startswith("#")]
        files, scope = read("files.txt"), read("scope.txt")
        tmp = tempfile.mkdtemp(prefix="dupfeat-")
        try:
            for sd in scope:
                shutil.copytree(os.path.join(corpus, checkout_of(d, repo), sd), os.path.join(tmp, sd), dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("node_modules", ".git"), ignore_dangling_symlinks=True)
            for f in files:
                dst = os.path.join(tmp, f)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                shutil.copyfile(os.path.join(corpus, checkout_of(d, repo), f), dst)
            shutil.copyfile(os.path.join(d, "archdrift.toml"), os.path.join(tmp, "archdrift.toml"))
            feat = os.path.join(tmp, "features.jsonl")
            env = dict(os.environ, ARCHDRIFT_DUP_FEATURES=feat)
            p = subprocess.run([binary, "check", tmp, "--format", "json", "-j", "2", "--no-progress"],
                               capture_output=True, text=True, env=env)
            if p.returncode not in (0, 1):
                sys.exit(f"{binary} failed on {repo}: {p.stderr}")
            lines = [json.loads(l) for l in open(feat) if l.strip()] if os.path.exists(feat) else []
        finally:
            shutil.rmtree(tmp)
        labels = []
        with open(os.path.join(d, "pairs.csv")) as fh:
            for row in csv.DictReader(fh):
                labels.append((row["file_a"], row["unit_a"], row["file_b"], row["unit_b"], row["label"]))
        listed = set(files)
        for r in lines:
            if r["file_a"] not in listed or r["file_b"] not in listed:
                continue
            a = (r["file_a"], r["unit_a"], r["line_a"])
            b = (r["file_b"], r["unit_b"], r["line_b"])
            lab = "none"
            for fa, ua, fb, ub, l in labels:
                if (side_matches(fa, ua, *a) and side_matches(fb, ub, *b)) or \
                        (side_matches(fa, ua, *b) and side_matches(fb, ub, *a)):
                    lab = l
                    break
            r["repo"], r["label"] = repo, lab
            rows.append(r)
        print(f"{repo}: {len(lines)} candidate pairs, {sum(1 for r in rows if r['repo'] == repo)} in files.txt",
              file=sys.stderr)
    with open(out, "w") as fh:
        for r in rows:
            fh.write(json.dumps(r, sort_keys=True) + "\n")


def derived(r):
    """The features the decision reads, from one dump line."""
    share = lambda same, n: same / n if n else 1.0
    size = max(r["tokens_a"], r["tokens_b"])
    return {
        "cover_max": r["cover_max"],
        "cover_min": r["cover_min"],
        "run_cover": r["run_cover"],
        "names_same": share(r["names_same"], r["names"]),
        "calls_same": share(r["calls_same"], r["calls"]),
        "types_same": share(r["types_same"], r["types"]),
        "lits_same": share(r["lits_same"], r["lits"]),
        "renames_per_100": 100 * r["renames"] / size,
        "hunks_per_100": 100 * r["hunks"] / size,
        "gap_calls_per_100": 100 * r["gap_calls"] / size,
        "gap_types_per_100": 100 * r["gap_types"] / size,
        "gap_control_per_100": 100 * r["gap_control"] / size,
        "calls_diff": r["calls"] - r["calls_same"] + r["gap_calls"],
        "sim": r["sim"],
        "contain": r["contain"],
        "nsim": r["nsim"],
        "name_sim": r["name_sim"],
        "tokens": size,
        "ratio": min(r["tokens_a"], r["tokens_b"]) / size,
    }


def study(path):
    rows = [json.loads(l) for l in open(path)]
    kept = [r for r in rows if r["ok"] and r["label"] != "none"]
    repos = sorted({r["repo"] for r in rows})
    print(f"{len(rows)} labelled-file candidate pairs; kept today with a label: {len(kept)} "
          f"({sum(r['label'] == 'duplicate' for r in kept)} duplicate)")
    feats = list(derived(kept[0]).keys()) if kept else []
    for lang in ("rust", "tsx"):
        sub = [r for r in kept if r["rust"] == (lang == "rust")]
        if not sub:
            continue
        print(f"\n{lang}: feature   duplicate q10/q50/q90   look-alike q10/q50/q90")
        for f in feats:
            q = lambda lab: sorted(derived(r)[f] for r in sub if r["label"] == lab)
            fmt = lambda v: "/".join(f"{v[int(p * (len(v) - 1))]:.2f}" for p in (0.1, 0.5, 0.9)) if v else "-"
            print(f"  {f:22} {fmt(q('duplicate')):24} {fmt(q('look-alike'))}")
    return rows, repos


# The decision (the kind's `compare_differences`, Rust only): a kept near pair (not an identical
# one) is dropped as parallel code when the two functions are in one crate and the smaller holds
# less than PART of its k-grams in the larger, or when, also in one crate, fewer than NAMES of the
# aligned names are spelled the same. PART and NAMES are chosen from a grid. Compared: `scope`
# "crate-part" (only the PART test limited to one crate) and "all" (neither limited): both lose
# the copies made across crates.
PART = [0.0, 0.75, 0.8, 0.82, 0.85, 0.88, 0.9]
NAMES = [0.0, 0.3, 0.4, 0.5, 0.6]


def crate_root(f):
    return f.rsplit("/src/", 1)[0] if "/src/" in f else os.path.dirname(f)


def parallel(r, part, names, scope):
    if r["exact"] or not r["rust"]:
        return False
    same = scope == "all" or crate_root(r["file_a"]) == crate_root(r["file_b"])
    ns = r["names_same"] / r["names"] if r["names"] else 1.0
    renamed = r["aligned"] and ns < names and (scope != "crate" or same)
    return (same and r["contain"] < part) or renamed


def score(rows, part, names, scope):
    tp = fp = fn = 0
    for r in rows:
        dup = r["label"] == "duplicate"
        if parallel(r, part, names, scope):
            fn += dup
        else:
            tp += dup
            fp += not dup
    return tp, fp, fn


def objective(s):
    tp, fp, fn = s
    p, rc = tp / max(1, tp + fp), tp / max(1, tp + fn)
    return min(p, rc) + 0.01 * (p + rc)


def fit(rows, scope):
    cands = [(objective(score(rows, c, n, scope)), -c, -n, c, n) for c in PART for n in NAMES]
    best = max(cands)
    return best[3], best[4]


def pr(s):
    tp, fp, fn = s
    return f"precision {tp / max(1, tp + fp):.2f} ({tp}/{tp + fp}), recall {tp / max(1, tp + fn):.2f} ({tp}/{tp + fn})"


def loro(rows, repos):
    # one row per unit pair (an identical pair is dumped by both lookups: the exact one kept)
    seen = {}
    for r in rows:
        k = (r["repo"], r["file_a"], r["line_a"], r["file_b"], r["line_b"])
        if k not in seen or r["exact"]:
            seen[k] = r
    kept = [r for r in seen.values() if r["ok"] and r["label"] != "none"]
    rust = sorted({r["repo"] for r in kept if r["rust"]})
    for scope in ("crate", "crate-part", "all"):
        print(f"\nleave-one-repository-out, scope {scope} (labelled Rust pairs kept today):")
        tb, ta = [0, 0, 0], [0, 0, 0]
        for repo in rust:
            train = [r for r in kept if r["repo"] != repo and r["rust"]]
            test = [r for r in kept if r["repo"] == repo]
            c, n = fit(train, scope)
            b, a = score(test, 0.0, 0.0, scope), score(test, c, n, scope)
            for k in range(3):
                tb[k] += b[k]
                ta[k] += a[k]
            print(f"  {repo:14} part {c:.2f} names {n:.2f}: before {pr(b)}; after {pr(a)}")
        print(f"  all before: {pr(tb)}")
        print(f"  all after (CV): {pr(ta)}")
        c, n = fit([r for r in kept if r["rust"]], scope)
        print(f"  fit on all: part {c:.2f} names {n:.2f}: {pr(score([r for r in kept if r['rust']], c, n, scope))}")


def study_tsx(path, weight=4):
    seen, lab = set(), []
    for l in open(path):
        r = json.loads(l)
        if r["label"] == "none" or r["rust"] or not r["ok"]:
            continue
        repo = r["repo"].removesuffix("-wide")
        key = (repo,) + tuple(sorted([(r["file_a"], r["line_a"]), (r["file_b"], r["line_b"])]))
        if key in seen:
            continue
        seen.add(key)
        r["repo"] = repo
        lab.append(r)

    def renamed(r, t):
        return t is not None and r["names"] >= 8 and r["renames"] > t * r["names"]

    def sc(rows, t):
        tp = sum(1 for r in rows if not renamed(r, t) and r["label"] == "duplicate")
        fp = sum(1 for r in rows if not renamed(r, t) and r["label"] != "duplicate")
        fn = sum(1 for r in rows if renamed(r, t) and r["label"] == "duplicate")
        return tp, fp, fn

    grid = [None] + [x / 100 for x in range(20, 60)]
    repos = sorted({r["repo"] for r in lab})
    tot, base = [0, 0, 0], [0, 0, 0]
    for R in repos:
        train = [r for r in lab if r["repo"] != R]
        test = [r for r in lab if r["repo"] == R]
        t = max(grid, key=lambda t: (-sc(train, t)[1] - weight * sc(train, t)[2], t or 0))
        b, a = sc(test, None), sc(test, t)
        print(f"{R:12} R = {t}: before {pr(b)}  after {pr(a)}")
        tot = [x + y for x, y in zip(tot, a)]
        base = [x + y for x, y in zip(base, b)]
    print(f"{'all':12} before {pr(base)}  after (CV) {pr(tot)}")
    t = max(grid, key=lambda t: (-sc(lab, t)[1] - weight * sc(lab, t)[2], t or 0))
    print(f"fit on all: R = {t}: {pr(sc(lab, t))}")


if __name__ == "__main__":
    args = sys.argv[1:]
    corpus = "/work/corpus"
    if "--corpus" in args:
        i = args.index("--corpus"); corpus = args[i + 1]; del args[i:i + 2]
    if args and args[0] == "dump":
        dump(args[1], args[2], args[3:], corpus)
    elif args and args[0] == "study-tsx":
        study_tsx(args[1])
    elif args and args[0] == "study":
        rows, repos = study(args[1])
        loro(rows, repos)
    else:
        sys.exit(__doc__)
