#!/usr/bin/env python3
"""Tenth session (dup15k): are the renames of a copy "consistent" where a per-entity shell's are not?

Usage: bench/eval/duplicates-consistency.py FEAT.jsonl
  FEAT.jsonl  a feature dump of the in-sample -wide sets (bench/eval/duplicates-features.py dump,
              made with a build whose TSX pairs are not vetoed: compare_renames off)
Prints, for each labelled TSX pair that `compare_renames = true` vetoes (>= 8 aligned names,
distinct renames > 0.34 of them), the share of the identifiers only one unit has that a
mapping of at most two entity words (`person -> company`, the best of the top three one-sided
words of each side) turns into an identifier of the other; then the same for the kind's
fixture copies (fixtures/duplicates, whole files). A heuristic study (a unit's text is its first
line up to the next line that closes at column 0), not the kind's code. Deterministic.
"""
import collections, itertools, json, os, re, sys
CORP={'plane-wide':'plane','dub-wide':'dub','formbricks-wide':'formbricks','excalidraw-wide':'excalidraw'}
def unit_text(path, line):
    L=open(path).read().split('\n')
    out=[]
    for k in range(line-1, len(L)):
        out.append(L[k])
        if k>line-1 and re.match(r'^(\}|\)|\};|\}\);|\);)\s*$', L[k]): break
    return '\n'.join(out)
def words(ident):
    return [w.lower() for w in re.findall(r'[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+', ident)]
KW=set('const let var return function export import from if else true false null undefined new this typeof async await default type interface extends props'.split())
def idents(t):
    t=re.sub(r'"[^"\n]*"|\'[^\'\n]*\'|`[^`]*`','',t)
    return set(i for i in re.findall(r'[A-Za-z_$][A-Za-z0-9_$]*', t) if i not in KW)
def consistency(ta, tb):
    A,B=idents(ta),idents(tb)
    oa,ob=A-B,B-A
    if not oa: return 1.0, 0, []
    wa=collections.Counter(w for i in sorted(oa) for w in sorted(set(words(i))))
    wb=collections.Counter(w for i in sorted(ob) for w in sorted(set(words(i))))
    # words only on one side
    sa=set(w for i in A for w in words(i)); sb=set(w for i in B for w in words(i))
    only_a=[w for w,_ in sorted(wa.items(), key=lambda kv: (-kv[1], kv[0])) if w not in sb]
    only_b=[w for w,_ in sorted(wb.items(), key=lambda kv: (-kv[1], kv[0])) if w not in sa]
    best=0; bm=None
    # mapping: top-2 a-only words -> top-2 b-only words (try pairs)
    maps=[]
    for x in only_a[:3]:
        for y in only_b[:3]:
            maps.append((x,y))

    for m in itertools.chain(((m,) for m in maps), itertools.combinations(maps,2)):
        d=dict(m)
        if len(set(d.values()))<len(d): continue
        ex=0
        for i in oa:
            ws=words(i); nw=[d.get(w,w) for w in ws]
            if nw!=ws and any(words(j)==nw for j in ob): ex+=1
        if ex>best: best=ex; bm=m
    return best/len(oa), len(oa), bm
def main():
    rows=[json.loads(l) for l in open(sys.argv[1])]
    seen=set()
    for r in rows:
        if r['rust'] or not r['ok'] or not r['aligned'] or r['names']<8: continue
        if r['renames'] <= 0.34*r['names']: continue
        k=(r['file_a'],r['line_a'],r['file_b'],r['line_b'])
        if k in seen: continue
        seen.add(k)
        c=CORP.get(r['repo'],r['repo'])
        ta=unit_text(f"/work/corpus/{c}/{r['file_a']}", r['line_a']); tb=unit_text(f"/work/corpus/{c}/{r['file_b']}", r['line_b'])
        cs,n,m=consistency(ta,tb)
        print(f"{r['label'][:4]:5} {cs:.2f} {n:3d} {r['renames']}/{r['names']} {r['unit_a']} {r['unit_b']} {m}")
    base = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fixtures", "duplicates", "apps", "web", "src")
    for a, b in [("features/team/UserCard.tsx", "features/members/MemberCard.tsx"),
                 ("features/projects/ProjectList.tsx", "features/tasks/TaskList.tsx"),
                 ("features/projects/ConfirmDialog.tsx", "features/tasks/DeleteDialog.tsx")]:
        cs, n, m = consistency(open(os.path.join(base, a)).read(), open(os.path.join(base, b)).read())
        print(f"fixture {cs:.2f} {n:3d} {a} {b} {m}")


if __name__ == "__main__":
    main()
