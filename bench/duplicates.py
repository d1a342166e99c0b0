#!/usr/bin/env python3
"""Interleaved benchmark of duplicate detection: archdrift's duplicate-component rule vs jscpd 5.

Usage: bench/duplicates.py CORPUS_DIR [RUNS] [RULES]
  CORPUS_DIR  a checkout outside this repository (e.g. /work/corpus/plane); its TS/JS files are
              copied to a scratch directory first (the checkout is never written to)
  RULES       the rule file (default bench/plane-dup/archdrift.toml)
Needs ARCHDRIFT (default target/release/archdrift; ARCHDRIFT_BEFORE, if set, is timed too), JSCPD (default: jscpd on PATH; `npm install
jscpd@5.3.3` in a scratch folder) and GNU time at /usr/bin/time. Runs every command once per
round, RUNS rounds (default 5), so that noise on a shared machine hits all alike; prints medians
of wall time, CPU time (user+sys) and peak RSS, with 2 threads / 2 workers.
"""
import os, shutil, sys, tempfile

import timing

src_corpus = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
here = os.path.dirname(os.path.abspath(__file__))
rules = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, "plane-dup", "archdrift.toml")
corpus = tempfile.mkdtemp(prefix="dupbench-")
for d, dirs, files in os.walk(src_corpus):
    dirs[:] = [x for x in dirs if x not in ("node_modules", ".git")]
    for f in files:
        if f.endswith((".ts", ".tsx", ".js", ".jsx")):
            dst = os.path.join(corpus, os.path.relpath(os.path.join(d, f), src_corpus))
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            shutil.copyfile(os.path.join(d, f), dst)
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
jscpd = os.environ.get("JSCPD", shutil.which("jscpd") or "jscpd")
out = tempfile.mkdtemp()
shutil.copy(rules, os.path.join(corpus, "archdrift.toml"))
j = [jscpd, "--workers", "2", "-r", "json", "-o", out]
cmds = {
    "parse floor (all files)": [archdrift, "parse-floor", corpus, "-j", "2"],
    "archdrift duplicate-component": [archdrift, "check", corpus, "--format", "json", "-j", "2"],
    **({"archdrift duplicate-component, before (ARCHDRIFT_BEFORE)":
        [os.environ["ARCHDRIFT_BEFORE"], "check", corpus, "--format", "json", "-j", "2"]}
       if os.environ.get("ARCHDRIFT_BEFORE") else {}),
    "jscpd ts,tsx,js,jsx": j + ["-f", "typescript,tsx,javascript,jsx", corpus],
    "jscpd ts,tsx,js,jsx renamed": j + ["-f", "typescript,tsx,javascript,jsx",
                                        "--ignore-identifiers", "--ignore-literals", corpus],
    "jscpd tsx,js,jsx": j + ["-f", "tsx,javascript,jsx", corpus],
    "jscpd tsx,js,jsx renamed": j + ["-f", "tsx,javascript,jsx", "--ignore-identifiers",
                                     "--ignore-literals", corpus],
}
print(f"| command | wall s | CPU s | peak RSS MiB |\n| --- | ---: | ---: | ---: |")
for name, (wall, cpu, rss) in timing.interleaved(cmds, runs).items():
    print(f"| {name} | {wall:.2f} | {cpu:.2f} | {rss:.1f} |")
shutil.rmtree(corpus)
shutil.rmtree(out)
