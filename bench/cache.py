#!/usr/bin/env python3
"""Cold vs warm `check --cache`, interleaved with a run without the cache.

Usage: bench/cache.py CORPUS_DIR RULESET_DIR [RUNS]
Copies RULESET_DIR/archdrift.toml into CORPUS_DIR (archdrift reports relative to it), then RUNS
times (default 7): a check without cache, a cold cached check (.archdrift/cache removed first), a
warm cached check (nothing changed), a check after one file changed, and one after a rule was added
(checked against a run without the cache). Prints medians of wall
time, CPU time (user+sys) and peak RSS. Removes archdrift.toml and .archdrift from the corpus
afterwards. Needs ARCHDRIFT (default target/release/archdrift) and GNU time at /usr/bin/time.
"""
import os, shutil, statistics, subprocess, sys

corpus, ruleset = sys.argv[1], sys.argv[2]
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
threads = os.environ.get("THREADS", "2")
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
cache_dir = os.path.join(corpus, ".archdrift")
config = os.path.join(corpus, "archdrift.toml")
shutil.copy(os.path.join(ruleset, "archdrift.toml"), config)
# the file edited for the "one file changed" case: the first TS/TSX file in sorted order
edited = sorted(
    os.path.join(d, f)
    for d, _, fs in os.walk(os.path.join(corpus, "packages"))
    if "node_modules" not in d
    for f in fs if f.endswith((".ts", ".tsx"))
)[0]
original = open(edited, "rb").read()
base = [archdrift, "check", corpus, "--format", "compact", "-j", threads]

def timed(cmd):
    p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M"] + cmd,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall, user, sys_, rss = p.stderr.decode().strip().splitlines()[-1].split()
    return (float(wall), float(user) + float(sys_), int(rss)), p.stdout

results = {k: [] for k in ["no cache", "cold cache", "warm cache", "1 file edited", "1 rule added"]}
rules = open(config).read()
extra_rule = '\n[[rule]]\nid = "bench/no-alert"\nkind = "banned-pattern"\nmessage = "alert"\ncalls = ["alert", "window.alert"]\n'
try:
    for _ in range(runs):
        r, plain = timed(base)
        results["no cache"].append(r)
        shutil.rmtree(cache_dir, ignore_errors=True)
        r, cold = timed(base + ["--cache"])
        results["cold cache"].append(r)
        r, warm = timed(base + ["--cache"])
        results["warm cache"].append(r)
        assert plain == cold == warm, "cached output differs"
        open(edited, "ab").write(b"\n// edited\n")
        r, _ = timed(base + ["--cache"])
        results["1 file edited"].append(r)
        open(edited, "wb").write(original)
        timed(base + ["--cache"])
        open(config, "w").write(rules + extra_rule)
        r, added = timed(base + ["--cache"])
        results["1 rule added"].append(r)
        r, fresh = timed(base)
        assert added == fresh, "cached output with a new rule differs"
        open(config, "w").write(rules)
finally:
    open(edited, "wb").write(original)
    os.remove(config)
    shutil.rmtree(cache_dir, ignore_errors=True)

cold_wall = statistics.median(r[0] for r in results["cold cache"])
cold_cpu = statistics.median(r[1] for r in results["cold cache"])
print(f"{'command':14} {'wall s':>7} {'cpu s':>7} {'/ cold (wall)':>14} {'/ cold (cpu)':>13} {'peak RSS MiB':>13}")
for name, rs in results.items():
    wall = statistics.median(r[0] for r in rs)
    cpu = statistics.median(r[1] for r in rs)
    rss = statistics.median(r[2] for r in rs) / 1024
    print(f"{name:14} {wall:7.3f} {cpu:7.3f} {wall / cold_wall:14.3f} {cpu / cold_cpu:13.3f} {rss:13.1f}")
