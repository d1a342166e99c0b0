import json, collections, os, sys
root = sys.argv[1]; dcfile = sys.argv[2]; adfile = sys.argv[3]; base = sys.argv[4]
dc = json.load(open(dcfile))
def bare(spec): return not (spec.startswith('.') or spec.startswith('/') or spec.startswith('@/'))
dce = {}
for m in dc['modules']:
    for d in m.get('dependencies', []):
        key = (base + m['source'], d['module'])
        if d.get('couldNotResolve'): t = 'NOFILE' if bare(d['module']) else 'UNRESOLVED'
        elif d.get('coreModule'): t = 'NOFILE'
        else:
            real = os.path.realpath(os.path.join(root, base, d['resolved']))
            rel = os.path.relpath(real, root)
            t = 'NOFILE' if 'node_modules' in rel else rel
        dce[key] = (t, d.get('dependencyTypes'))
ade = {}
for line in open(adfile):
    x = json.loads(line); to = x['to']
    t = 'UNRESOLVED' if to == 'unresolved' else to['file'] if 'file' in to else 'NOFILE'
    ade[(x['from'], x['specifier'])] = (t, x['type_only'])
common = sorted(set(dce) & set(ade))
agree = 0; cats = collections.Counter(); ex = collections.defaultdict(list)
for k in common:
    a, tonly = ade[k]; d, types = dce[k]
    if a == d: agree += 1; continue
    if d in ('NOFILE', 'UNRESOLVED') and a.startswith('packages/'): cat = 'workspace package: archdrift maps to its source, depcruise finds no build output (dist/)'
    elif a == 'UNRESOLVED' and d not in ('NOFILE', 'UNRESOLVED'): cat = 'archdrift unresolved, depcruise resolved'
    elif d == 'UNRESOLVED' and a != 'UNRESOLVED': cat = 'depcruise unresolved, archdrift resolved'
    else: cat = 'different files'
    cats[cat] += 1
    if len(ex[cat]) < 3: ex[cat].append((k, a, d))
print(f'edges: depcruise {len(dce)}, archdrift {len(ade)}, both {len(common)}')
print(f'agreement on shared edges: {agree}/{len(common)} = {agree/len(common):.4f}')
for c, n in cats.most_common(): print(f'  {n:6}  {c}'); [print('          ', e) for e in ex[c]]
only_dc = collections.Counter(); only_ad = collections.Counter()
for k in set(dce) - set(ade): only_dc['jsx-runtime (implicit, added by the TS compiler)' if k[1].endswith('jsx-runtime') else 'other'] += 1
for k in set(ade) - set(dce): only_ad['type-only (depcruise drops them without tsPreCompilationDeps)' if ade[k][1] else 'other'] += 1
print('only depcruise:', dict(only_dc)); print('only archdrift:', dict(only_ad))
oth = [k for k in set(ade) - set(dce) if not ade[k][1]][:8]
print('  e.g.', oth)
