//! The cross-file stage of `pass-through`: forwarding definitions, re-exports and imports of
//! every file in; chains followed from wrapper to wrapper (through `export … from` barrels);
//! one finding per chain at its outermost wrapper. The output depends only on the set of facts:
//! definitions are sorted by place before anything is decided.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::core::{stable_hash, Finding, Related};
use crate::rules::fact::{Fact, FileFact, Forward, ForwardRole};

use super::PassThrough;

/// Most re-export hops followed to find a definition.
const MAX_REEXPORT_HOPS: usize = 8;
/// Longest chain followed (a longer one is reported at this length).
const MAX_CHAIN: usize = 32;

struct Def {
    file: String,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    fwd: Forward,
}

struct Graph {
    defs: Vec<Def>,
    by_name: HashMap<(String, String), usize>,
    /// (file, public name) → (file, name there); `*` for `export * from`.
    re_exports: HashMap<(String, String), Vec<(String, String)>>,
}

impl Graph {
    /// The wrapper that `name` in `file` is, following re-exports.
    fn lookup(&self, file: &str, name: &str, hops: usize) -> Option<usize> {
        if let Some(&i) = self.by_name.get(&(file.to_string(), name.to_string())) {
            return Some(i);
        }
        if hops >= MAX_REEXPORT_HOPS {
            return None;
        }
        if let Some(targets) = self.re_exports.get(&(file.to_string(), name.to_string())) {
            for (f, n) in targets {
                if let Some(i) = self.lookup(f, n, hops + 1) {
                    return Some(i);
                }
            }
        }
        if let Some(stars) = self.re_exports.get(&(file.to_string(), "*".to_string())) {
            for (f, _) in stars {
                if let Some(i) = self.lookup(f, name, hops + 1) {
                    return Some(i);
                }
            }
        }
        None
    }

    fn next(&self, i: usize) -> Option<usize> {
        let d = &self.defs[i];
        if d.fwd.target_file.is_empty() {
            return None;
        }
        self.lookup(&d.fwd.target_file, &d.fwd.target_name, 0)
            .filter(|&j| j != i)
    }
}

pub(super) fn findings(
    rule: &PassThrough,
    facts: Vec<FileFact>,
    template: &Finding,
) -> Vec<Finding> {
    let mut defs = Vec::new();
    let mut re_exports: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
    let mut uses: Vec<(String, String, String)> = Vec::new(); // (importing file, target file, name)
    let mut out = Vec::new();
    for f in facts {
        if let Some(finding) = f.finding {
            out.push(*finding);
            continue;
        }
        let Fact::Forward(fwd) = f.fact else {
            continue;
        };
        match fwd.role {
            ForwardRole::Wrapper => defs.push(Def {
                file: f.file,
                line: f.line,
                column: f.column,
                byte_start: f.byte_start,
                byte_end: f.byte_end,
                fwd: *fwd,
            }),
            ForwardRole::ReExport => re_exports
                .entry((f.file, fwd.name))
                .or_default()
                .push((fwd.target_file, fwd.target_name)),
            ForwardRole::Use => uses.push((f.file, fwd.target_file, fwd.target_name)),
        }
    }
    defs.sort_by(|a, b| (&a.file, a.byte_start).cmp(&(&b.file, b.byte_start)));
    for v in re_exports.values_mut() {
        v.sort();
        v.dedup();
    }
    let mut by_name = HashMap::new();
    for (i, d) in defs.iter().enumerate() {
        // the first definition of a name in a file wins (overloads, redeclarations)
        by_name
            .entry((d.file.clone(), d.fwd.name.clone()))
            .or_insert(i);
    }
    let g = Graph {
        defs,
        by_name,
        re_exports,
    };
    let mut packages = PackageEntries::new(&rule.root);
    let api = |d: &Def, packages: &mut PackageEntries<'_>| {
        d.fwd.exported && (rule.entry_points.is_match(&d.file) || packages.is_entry(&d.file))
    };
    let next: Vec<Option<usize>> = (0..g.defs.len()).map(|i| g.next(i)).collect();
    let is_api: Vec<bool> = g.defs.iter().map(|d| api(d, &mut packages)).collect();
    // a wrapper is judged at the outermost wrapper that reaches it; an entry point reaching it
    // does not count (it is not reported itself)
    let inner: BTreeSet<usize> = next
        .iter()
        .enumerate()
        .filter(|(i, _)| !is_api[*i])
        .filter_map(|(_, n)| *n)
        .collect();
    // importing files per wrapper, for `min_depth = 1`
    let mut importers: BTreeMap<usize, BTreeSet<&str>> = BTreeMap::new();
    for (from, file, name) in &uses {
        if let Some(i) = g.lookup(file, name, 0) {
            importers.entry(i).or_default().insert(from.as_str());
        }
    }
    for (i, &api_entry) in is_api.iter().enumerate() {
        if inner.contains(&i) || api_entry {
            continue;
        }
        let mut hops = vec![i];
        let mut seen = BTreeSet::from([i]);
        let mut cur = i;
        while let Some(j) = next[cur] {
            if !seen.insert(j) || hops.len() >= MAX_CHAIN {
                break;
            }
            hops.push(j);
            cur = j;
        }
        let depth = hops.len();
        // on its own, a wrapper that binds a constant names a configuration (`archive(id)` →
        // `postLifecycle(id, "archive")`): only a pure alias is reported
        let single_used_once = rule.min_depth == 1
            && depth == 1
            && g.defs[i].fwd.exported
            && !g.defs[i].fwd.binds_constants
            && importers.get(&i).is_some_and(|s| s.len() == 1);
        if depth < rule.min_depth.max(2) && !single_used_once {
            continue;
        }
        out.push(finding(&g, &hops, template, importers.get(&i)));
    }
    out
}

fn finding(
    g: &Graph,
    hops: &[usize],
    template: &Finding,
    importers: Option<&BTreeSet<&str>>,
) -> Finding {
    let first = &g.defs[hops[0]];
    let last = &g.defs[*hops.last().expect("a chain has a hop")];
    let mut names: Vec<String> = hops
        .iter()
        .map(|&i| format!("`{}`", g.defs[i].fwd.name))
        .collect();
    names.push(format!("`{}`", last.fwd.callee));
    let what = if hops.len() == 1 {
        let user = importers
            .and_then(|s| s.iter().next())
            .map_or(String::new(), |f| format!(" (by `{f}`)"));
        format!(
            "`{}` only forwards to `{}` and is imported in one place{user}",
            first.fwd.name, first.fwd.callee
        )
    } else {
        format!(
            "{}: {} layers that add nothing",
            names.join(" → "),
            hops.len()
        )
    };
    let target_place = if last.fwd.target_file.is_empty() || last.fwd.target_file == last.file {
        String::new()
    } else {
        format!(" (from `{}`)", last.fwd.target_file)
    };
    let help = format!(
        "Call `{}`{target_place} directly, or give each layer a reason to exist (a default, validation, logging, a type conversion).",
        last.fwd.callee
    );
    let fill = |t: &str| {
        t.replace("{what}", &what)
            .replace("{match}", &first.fwd.name)
    };
    let mut f = template.clone();
    f.file = first.file.clone();
    f.line = first.line;
    f.column = first.column;
    f.end_line = first.line;
    f.end_column = first.column + first.fwd.name.chars().count();
    f.byte_start = first.byte_start;
    f.byte_end = first.byte_end;
    f.matched = first.fwd.name.clone();
    f.message = fill(&template.message);
    f.help = Some(match template.help.as_deref().map(fill) {
        Some(h) => format!("{help} {h}"),
        None => help,
    });
    f.related = hops[1..]
        .iter()
        .map(|&i| {
            let d = &g.defs[i];
            Related {
                file: d.file.clone(),
                line: d.line,
                column: d.column,
                message: format!("`{}` only forwards to `{}`", d.fwd.name, d.fwd.callee),
            }
        })
        .collect();
    f.fingerprint = format!(
        "{:016x}",
        stable_hash(&[&template.rule, "pass-through", &first.file, &first.fwd.name])
    );
    f
}

/// Whether a file is the entry of its workspace package (`exports`, `main`, `module`, `types`
/// of the nearest package.json, a built path also tried under `src/`): its exports are the
/// package's public API. Read on demand, cached per folder.
struct PackageEntries<'r> {
    root: &'r Path,
    /// Package folder (relative) → its entry files without extension (relative to the root).
    entries: HashMap<String, Vec<String>>,
    nearest: HashMap<String, Option<String>>,
}

fn strip_ext(p: &str) -> &str {
    for ext in [
        ".d.ts", ".tsx", ".ts", ".jsx", ".mjs", ".cjs", ".js", ".mts", ".cts",
    ] {
        if let Some(s) = p.strip_suffix(ext) {
            return s;
        }
    }
    p
}

fn collect_entries(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Object(m) => m.values().for_each(|x| collect_entries(x, out)),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_entries(x, out)),
        _ => {}
    }
}

impl<'r> PackageEntries<'r> {
    fn new(root: &'r Path) -> Self {
        PackageEntries {
            root,
            entries: HashMap::new(),
            nearest: HashMap::new(),
        }
    }

    fn package_dir(&mut self, dir: &str) -> Option<String> {
        if let Some(v) = self.nearest.get(dir) {
            return v.clone();
        }
        let found = if crate::core::safe_read::is_file(&self.root.join(dir).join("package.json")) {
            Some(dir.to_string())
        } else {
            match dir.rsplit_once('/') {
                Some((up, _)) => self.package_dir(up),
                None if !dir.is_empty() => self.package_dir(""),
                None => None,
            }
        };
        self.nearest.insert(dir.to_string(), found.clone());
        found
    }

    fn is_entry(&mut self, file: &str) -> bool {
        let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
        let Some(pkg) = self.package_dir(dir) else {
            return false;
        };
        let root = self.root;
        let entries = self.entries.entry(pkg.clone()).or_insert_with(|| {
            let path = root.join(&pkg).join("package.json");
            let Ok(text) = crate::core::safe_read::read_config_string(&path) else {
                return Vec::new();
            };
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
                return Vec::new();
            };
            let mut raw = Vec::new();
            for key in ["exports", "main", "module", "types", "typings", "source"] {
                if let Some(v) = json.get(key) {
                    collect_entries(v, &mut raw);
                }
            }
            let mut out = Vec::new();
            for e in raw {
                let e = e.trim_start_matches("./");
                if e.contains('*') {
                    continue;
                }
                let joined = if pkg.is_empty() {
                    e.to_string()
                } else {
                    format!("{pkg}/{e}")
                };
                let stem = strip_ext(&joined).to_string();
                // built output is often absent from a checkout: the source beside it
                let source = format!("/{stem}")
                    .replacen("/dist/", "/src/", 1)
                    .replacen("/lib/", "/src/", 1)
                    .replacen("/build/", "/src/", 1);
                out.push(source.trim_start_matches('/').to_string());
                out.push(stem);
            }
            out.sort();
            out.dedup();
            out
        });
        let stem = strip_ext(file);
        entries.iter().any(|e| e == stem)
    }
}
