#!/usr/bin/env python3
# The draw of bench/real-repos/cfg16e-focus1607.tsv: config/hardcoded and arch/package-layers
# findings only, 20 per repository (all when fewer) with random.Random(SEED), printed with context.
#   python3 bench/real-repos/cfg16e-focus.py RUN_DIR SEED
import json,random,sys
run=sys.argv[1]; seed=int(sys.argv[2])
for r in ["plane","dub","formbricks","excalidraw","rust-analyzer"]:
    d=json.load(open(f"{run}/{r}.json"))
    fs=sorted([f for f in d["findings"] if f["rule"] in ("config/hardcoded","arch/package-layers")],key=lambda f:(f["file"],f["line"],f["rule"]))
    s=sorted(random.Random(seed).sample(fs,min(20,len(fs))),key=lambda f:(f["file"],f["line"],f["rule"]))
    for f in s:
        src=open(f"{run}/{r}/{f['file']}",errors="replace").read().splitlines()
        ln=f["line"]; ctx=" | ".join(x.strip() for x in src[max(0,ln-3):ln+1])[:330]
        print(f"{r}\t{f['file']}:{ln}\t{f['rule']}\t{f['message'][:110]}\n      {ctx}")
