"""Nested matches of one rule (issue 13, item 5): the time of `archdrift check` on one file whose
matches nest N deep, for N = 1k, 10k, 100k.

- `ts`: `b` followed by N `!` (`b!!!…!;`) with a banned-pattern query `(non_null_expression) @match`
  (N nested non-null expressions, each one a finding);
- `rs`: `fn f() { x.unwrap().unwrap()…; }` with N chained `.unwrap()` and `methods = ["unwrap"]`.

Usage: python3 bench/nested.py [BINARY] [RUNS] [N...]
(default: target/release/archdrift, 3 runs, N = 1000 10000 100000). Each case runs in a fresh
temporary folder; a run over the time limit (ARCHDRIFT_BENCH_LIMIT seconds, default 300) is
stopped and shown as `>LIMIT`; ARCHDRIFT_BENCH_CASES="ts" runs one case. Prints the median wall time of RUNS runs and the finding count.
"""
import json, os, statistics, subprocess, sys, tempfile, time

BIN = sys.argv[1] if len(sys.argv) > 1 else "target/release/archdrift"
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
NS = [int(n) for n in sys.argv[3:]] or [1000, 10000, 100000]
LIMIT = float(os.environ.get("ARCHDRIFT_BENCH_LIMIT", "300"))

RULES = {
    "ts": ('[[rule]]\nid = "nn"\nkind = "banned-pattern"\nmessage = "non-null"\n'
           "language = \"typescript\"\nquery = '(non_null_expression) @match'\n"),
    "rs": ('[[rule]]\nid = "unwrap"\nkind = "banned-pattern"\nmessage = "unwrap"\n'
           'methods = ["unwrap"]\n'),
}


def source(case, n):
    if case == "ts":
        return "a.ts", "b" + "!" * n + ";\n"
    return "a.rs", "fn f() {\n    x" + ".unwrap()" * n + ";\n}\n"


def one(case, n):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "archdrift.toml"), "w") as f:
            f.write(RULES[case])
        name, text = source(case, n)
        with open(os.path.join(d, name), "w") as f:
            f.write(text)
        times, count = [], None
        for _ in range(RUNS):
            t = time.monotonic()
            try:
                p = subprocess.run([os.path.abspath(BIN), "check", "--format", "json", d],
                                   capture_output=True, text=True, timeout=LIMIT, cwd=d)
            except subprocess.TimeoutExpired:
                return None, None
            times.append(time.monotonic() - t)
            try:
                doc = json.loads(p.stdout)
                count = len(doc["findings"])
                problems = [x["kind"] for x in doc.get("problems", [])]
                if problems:
                    count = f"{count} (+ problems {problems})"
            except (ValueError, KeyError):
                count = f"exit {p.returncode}: {p.stderr.strip()[:80]}"
        return statistics.median(times), count


for case in os.environ.get("ARCHDRIFT_BENCH_CASES", "ts rs").split():
    for n in NS:
        t, count = one(case, n)
        shown = f">{LIMIT:.0f} s" if t is None else f"{t:.2f} s"
        print(f"{case} N={n:>6}: {shown:>10}  findings: {count}", flush=True)
