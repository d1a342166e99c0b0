#!/usr/bin/env python3
"""Interleaved benchmark of duplicate detection: archdrift's duplicate-component rule vs jscpd 5.

Usage: bench/duplicates.py CORPUS_DIR [RUNS]
  CORPUS_DIR  a checkout outside this repository (e.g. /work/corpus/plane)
Needs ARCHDRIFT (default target/release/archdrift), JSCPD (default: jscpd on PATH; `npm install
jscpd@5.3.3` in a scratch folder) and GNU time at /usr/bin/time. Runs every command once per
round, RUNS rounds (default 5), so that noise on a shared machine hits all alike; prints medians
of wall time, CPU time (user+sys) and peak RSS, with 2 threads / 2 workers.
"""
import os, shutil, sys, tempfile

import timing

corpus = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
here = os.path.dirname(os.path.abspath(__file__))
archdrift = os.environ.get("ARCHDRIFT", os.path.join(here, "..", "target", "release", "archdrift"))
jscpd = os.environ.get("JSCPD", shutil.which("jscpd") or "jscpd")
out = tempfile.mkdtemp()
shutil.copy(os.path.join(here, "plane-dup", "archdrift.toml"), os.path.join(corpus, "archdrift.toml"))
j = [jscpd, "--workers", "2", "-r", "json", "-o", out]
cmds = {
    "parse floor (all files)": [archdrift, "parse-floor", corpus, "-j", "2"],
    "archdrift duplicate-component": [archdrift, "check", corpus, "--format", "json", "-j", "2"],
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
os.remove(os.path.join(corpus, "archdrift.toml"))
shutil.rmtree(out)
