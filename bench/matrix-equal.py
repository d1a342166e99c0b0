#!/usr/bin/env python3
"""Findings before and after: every shape of bench/matrix.py run once with two builds, JSON
compared byte for byte.

Usage: bench/matrix-equal.py plane|rust-analyzer CORPUS_COPY BEFORE AFTER [SHAPE,...]
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from matrix.shapes import SHAPES

kind, corpus, before, after = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3], sys.argv[4]
only = sys.argv[5].split(",") if len(sys.argv) > 5 else None
if os.path.realpath(corpus).startswith("/work/corpus"):
    sys.exit("give a scratch copy of the corpus")
bad = 0
for name, toml, _ in SHAPES[kind]:
    if only and name not in only:
        continue
    cfg = os.path.join(corpus, f"archdrift-bench-{name}.toml")
    with open(cfg, "w") as f:
        f.write(toml)
    outs = []
    for b in (before, after):
        p = subprocess.run([b, "check", corpus, "--config", cfg, "--format", "json", "-j", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        outs.append((p.returncode, p.stdout, p.stderr))
    docs = [json.loads(o[1]) if o[1] else {} for o in outs]
    # findings and problems must be identical; the summary may differ only where the prefilter
    # now skips a file (files_with_parse_errors counts parsed files only)
    same = outs[0][0] == outs[1][0] and all(
        docs[0].get(k) == docs[1].get(k) for k in ("findings", "problems"))
    bad += not same
    summary = {k: (docs[0]["summary"][k], v) for k, v in docs[1].get("summary", {}).items()
               if docs[0]["summary"].get(k) != v}
    n = len(docs[1].get("findings", [])) if outs[1][1] else -1
    print(f"{name:20} findings {n:6}  exit {outs[1][0]}  {'identical' if same else 'DIFFERENT'}"
          + (f"  summary before/after: {summary}" if summary else "")
          + ("" if outs[1][0] in (0, 1) else "  " + outs[1][2].decode()[:300]))
sys.exit(1 if bad else 0)
