//! Kind `layer-boundary`: who may import whom, with real module resolution.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain layer-boundary`).

pub(crate) mod cycles;
pub(crate) mod resolve;

use crate::lang::kind_name::KindName;
use std::sync::Arc;

use tree_sitter::Node;

use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::{Literal, Wildcard};
use super::syntax::{collect_use_paths, js_import, js_type_only, rust_segments};
use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::core::{Finding, Severity};

use self::resolve::{Target, Workspace};
use super::fact::{Fact, FileFact};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"layer-boundary — who may import whom

What
  Declares layers and the dependency edges between them, and reports every import that crosses a
  boundary it must not. Imports are resolved, not string-matched:
    TS/JS: import/export-from/import()/require(); relative paths with extensions and index files
           (.ts .tsx .d.ts .js .jsx .mjs .cjs, ./x.js naming ./x.ts or ./x.d.ts); tsconfig.json baseUrl and
           paths (nearest tsconfig, extends followed through files and workspace packages);
           workspace packages from package.json workspaces or pnpm-workspace.yaml, mapped to
           their folders; anything else bare is an external package, and a `#` specifier no
           tsconfig path maps (`#app`, `#imports`) a subpath import or framework alias.
    Rust:  use crate::/self::/super:: paths and crate::… paths in code, to module files (a.rs,
           a/mod.rs); workspace members and path dependencies by crate name; other crates are
           external packages.

  layers = { ui = ["packages/ui/**"], db = ["packages/db/**", "pg", "@prisma/*"] }
           entries with a `*`, or a `/` and no leading `@`, are path globs; the others are
           package names (external or workspace, `*` allowed). A scoped entry with a sub-path
           (`"@acme/lib/server-only/*"`, `"@acme/lib/client"`) is matched against the whole
           import specifier (`@acme/lib/server-only/db`; without `*`, the sub-path and what is
           below it), before package names and resolved paths. A file belongs to the layer of
           its most specific matching glob.
  allow  = ["app -> ui", "ui -> domain"]   the only edges allowed between different layers
  deny   = ["ui -> db", "* -> legacy"]     edges that are forbidden (deny wins over allow)
  isolate = ["apps/web/src/features/*"]    each matching folder is an island: no imports
                                           between two islands ("features do not import each
                                           other"); imports within one island are fine
  type_imports = "check" | "allow"         `import type …` counts as an edge (default) or not
  cycles = "off" | "files" | "layers"       report import cycles between files, or between
                                           layers (one finding per cycle, every import of it
                                           in `related`); default off
  unresolved = "info" | "warning" | "error" | "ignore"
           local-looking imports (relative, tsconfig alias, crate::) that resolve to no file
           are reported with this severity (default info); all are counted in the summary.
           Not unresolved: generated code a checkout lacks (a path through `generated/`,
           `.prisma/`, `+types/`, … or one the repository's `.gitignore` files leave out, as
           a `prepare` script's `src/package-json.ts` or a package's `lib/`)
           A Rust file no `mod` declares (an orphaned, uncompiled file) is not checked
  Placeholders in message/help: {from}, {to} (layers or islands), {match} (the specifier).

Why
  The most common architecture decision is a dependency rule: the UI never talks to the
  database, features do not import each other, only the API client calls the backend. Code
  assistants import whatever compiles; a reviewer has to know the whole map to notice.

Example
  [[rule]]
  id = "arch/layers"
  kind = "layer-boundary"
  message = "`{from}` must not depend on `{to}`"
  adr = { id = "ADR-0008", title = "Layered architecture", path = "docs/adr/0008-layers.md" }
  layers = { app = ["apps/**"], ui = ["packages/ui/**"], domain = ["packages/domain/**"],
             db = ["packages/db/**", "pg"] }
  allow = ["app -> ui", "app -> domain", "ui -> domain", "domain -> db"]
  isolate = ["apps/web/src/features/*"]
  type_imports = "allow"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "layer-boundary",
    summary: "declared layers and the import edges allowed between them, with module resolution",
    docs: DOCS,
    fields: &[
        "layers",
        "allow",
        "deny",
        "isolate",
        "type_imports",
        "unresolved",
        "cycles",
        "language",
    ],
    compile,
};

/// The JS/TS nodes that may be imports ([`js_import`] decides), and the words one of which each
/// of them holds (its `import`/`export` keyword, the `import`/`require` callee): the subtrees
/// without any of these words hold no import and are not entered.
const JS_KINDS: &[&str] = &["import_statement", "export_statement", "call_expression"];
const JS_WORDS: &[&str] = &["import", "export", "require"];
const RS_KINDS: &[&str] = &[
    "use_declaration",
    "scoped_identifier",
    "scoped_type_identifier",
];

#[derive(Debug)]
struct Layer {
    name: String,
    packages: Vec<Wildcard>,
    /// Sub-paths of scoped packages (`@acme/lib/server-only/*`): matched against the whole
    /// import specifier, not its package name.
    subpaths: Vec<Wildcard>,
}

/// A scoped package entry naming a sub-path (`@acme/lib/server-only/*`, `@acme/lib/client`).
fn is_subpath_entry(e: &str) -> bool {
    e.starts_with('@') && resolve::package_name(e).len() < e.len()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cycles {
    Off,
    Files,
    Layers,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Any,
    Layer(usize),
}

/// Where a path stands for a rule: its layer and its island (each found by globs).
#[derive(Debug, Default)]
struct Place {
    layer: Option<usize>,
    island: Option<String>,
}

#[derive(Debug)]
struct LayerBoundary {
    langs: LangSet,
    layers: Vec<Layer>,
    /// All path globs of all layers; `glob_layer[i]` = (layer, pattern length) of glob `i`.
    globs: Globs,
    glob_layer: Vec<(usize, usize)>,
    allow: Vec<(Side, Side)>,
    deny: Vec<(Side, Side)>,
    isolate: Option<Globs>,
    allow_type_imports: bool,
    /// `None`: unresolved imports are counted, not reported.
    unresolved: Option<Severity>,
    cycles: Cycles,
    workspace: Arc<Workspace>,
    /// A file without any of these words imports nothing.
    prefilter: Vec<Literal>,
    /// Find [`JS_WORDS`] in a file's text.
    js_words: Vec<memchr::memmem::Finder<'static>>,
    /// Per language (by `Lang::index`): the ids of the node kinds named in [`JS_KINDS`]
    /// (comparing ids, where `Node::kind` measures and checks the name as UTF-8 each time).
    js_kind_ids: [Vec<u16>; 4],
    /// The place of each resolved file (files are imported from many others).
    places: std::sync::RwLock<foldhash::HashMap<String, Arc<Place>>>,
}

fn is_path_entry(e: &str) -> bool {
    e.contains('*') && !e.starts_with('@')
        || (e.contains('/') && !e.starts_with('@'))
        || e.starts_with('.')
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let src = ctx.src;
    let Some(layer_table) = f.table("layers")? else {
        return Err(ConfigError::at(src, f.span(), "a layer-boundary rule needs `layers`")
            .label("no layers declared")
            .help("e.g. layers = { ui = [\"packages/ui/**\"], db = [\"packages/db/**\", \"pg\"] }"));
    };
    let mut layers = Vec::new();
    let mut path_entries = Vec::new();
    let mut glob_layer = Vec::new();
    for key in layer_table.keys() {
        let name = key.get_ref().clone();
        let entries = layer_table.str_list(&name)?.unwrap_or_default();
        if entries.is_empty() {
            return Err(
                ConfigError::at(src, key.span(), format!("layer `{name}` is empty"))
                    .label("no paths or packages")
                    .help("list path globs (\"packages/ui/**\") and/or package names (\"pg\")"),
            );
        }
        let mut packages = Vec::new();
        let mut subpaths = Vec::new();
        for e in &entries {
            let text = e.get_ref().trim();
            if is_subpath_entry(text) {
                subpaths.push(Wildcard::new(text.trim_end_matches('/')));
            } else if is_path_entry(text) {
                let pat = text.trim_start_matches("./").trim_end_matches('/');
                path_entries.push(toml::Spanned::new(e.span(), pat.to_string()));
                glob_layer.push((layers.len(), pat.len()));
            } else {
                packages.push(Wildcard::new(text));
            }
        }
        layers.push(Layer {
            name,
            packages,
            subpaths,
        });
    }
    let globs = compile_globs(src, &path_entries)?;
    let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
    let side = |s: &str, span: std::ops::Range<usize>| -> Result<Side, ConfigError> {
        let s = s.trim();
        if s == "*" {
            return Ok(Side::Any);
        }
        match names.iter().position(|n| *n == s) {
            Some(i) => Ok(Side::Layer(i)),
            None => {
                let mut e = ConfigError::at(src, span, format!("unknown layer `{s}`"))
                    .label("not a declared layer");
                e = match crate::core::closest(s, &names) {
                    Some(c) => e.help(format!("did you mean `{c}`? layers: {}", names.join(", "))),
                    None => e.help(format!("layers: {}", names.join(", "))),
                };
                Err(e)
            }
        }
    };
    let edges = |key: &str| -> Result<Vec<(Side, Side)>, ConfigError> {
        let mut out = Vec::new();
        for e in f.str_list(key)?.unwrap_or_default() {
            let Some((a, b)) = e.get_ref().split_once("->") else {
                return Err(
                    ConfigError::at(src, e.span(), "an edge is written `from -> to`")
                        .label("no `->`")
                        .help("e.g. \"ui -> domain\"; `*` stands for any layer"),
                );
            };
            out.push((side(a, e.span())?, side(b, e.span())?));
        }
        Ok(out)
    };
    let allow = edges("allow")?;
    let deny = edges("deny")?;
    let isolate = match f.str_list("isolate")? {
        None => None,
        Some(list) => Some(compile_globs(src, &list)?),
    };
    let choice = |key: &str, options: &[&str], default: &str| -> Result<String, ConfigError> {
        match f.str(key)? {
            None => Ok(default.to_string()),
            Some(v) if options.contains(&v.get_ref().as_str()) => Ok(v.into_inner()),
            Some(v) => Err(ConfigError::at(
                src,
                v.span(),
                format!("unknown value `{}` for `{key}`", v.get_ref()),
            )
            .label("not an option")
            .help(format!("one of: {}", options.join(", ")))),
        }
    };
    let allow_type_imports = choice("type_imports", &["check", "allow"], "check")? == "allow";
    let unresolved = match choice(
        "unresolved",
        &["info", "warning", "error", "ignore"],
        "info",
    )?
    .as_str()
    {
        "ignore" => None,
        s => Severity::parse(s),
    };
    let cycles = match choice("cycles", &["off", "files", "layers"], "off")?.as_str() {
        "files" => Cycles::Files,
        "layers" => Cycles::Layers,
        _ => Cycles::Off,
    };
    let langs = super::kind::languages_field(f)?.unwrap_or(LangSet::ALL);
    if allow.is_empty() && deny.is_empty() && isolate.is_none() && cycles == Cycles::Off {
        return Err(ConfigError::at(
            src,
            f.span(),
            "a layer-boundary rule needs `allow`, `deny`, `isolate` or `cycles`",
        )
        .label("no edges constrained"));
    }
    let workspace = Arc::new(Workspace::load(ctx.root));
    let mut prefilter: Vec<Literal> = [
        "import", "require", "export", "use", "crate", "super", "self",
    ]
    .iter()
    .map(|w| Literal::token(w))
    .collect();
    prefilter.extend(workspace.crate_names().map(Literal::token));
    Ok(Box::new(LayerBoundary {
        langs,
        layers,
        globs,
        glob_layer,
        allow,
        deny,
        isolate,
        allow_type_imports,
        unresolved,
        cycles,
        prefilter,
        workspace,
        js_words: JS_WORDS.iter().map(memchr::memmem::Finder::new).collect(),
        js_kind_ids: Lang::ALL.map(|l| kind_ids(l, JS_KINDS)),
        places: Default::default(),
    }))
}

impl LayerBoundary {
    /// The layer of a path under the root: the one with the longest matching glob.
    fn layer_of_path(&self, rel: &str) -> Option<usize> {
        self.globs
            .matching(rel)
            .into_iter()
            .map(|i| self.glob_layer[i])
            .max_by_key(|(layer, len)| (*len, usize::MAX - layer))
            .map(|(layer, _)| layer)
    }

    /// The layer of an import: a matching package sub-path entry first (the longest), then the
    /// resolved file's path or the package's name.
    fn layer_of_target(&self, spec: &str, t: &Target) -> Option<usize> {
        if spec.starts_with('@') {
            let sub = self
                .layers
                .iter()
                .enumerate()
                .flat_map(|(i, l)| l.subpaths.iter().map(move |w| (i, w)))
                .filter(|(_, w)| {
                    w.matches(spec)
                        || (!w.has_wildcards()
                            && spec
                                .strip_prefix(w.literal())
                                .is_some_and(|r| r.starts_with('/')))
                })
                .max_by_key(|(i, w)| (w.literal().len(), usize::MAX - i));
            if let Some((i, _)) = sub {
                return Some(i);
            }
        }
        match t {
            Target::File(rel) => self.place_of_file(rel).layer,
            Target::Package { name, dir } => dir
                .as_ref()
                .and_then(|d| self.layer_of_path(&format!("{d}/index")))
                .or_else(|| {
                    self.layers
                        .iter()
                        .position(|l| l.packages.iter().any(|w| w.matches(name)))
                }),
            Target::Unresolved => None,
        }
    }

    /// The place of a path under the root.
    fn place_of_path(&self, rel: &str) -> Place {
        Place {
            layer: self.layer_of_path(rel),
            island: self.island_of(rel),
        }
    }

    /// [`LayerBoundary::place_of_path`] of a resolved file, memoised.
    fn place_of_file(&self, rel: &str) -> Arc<Place> {
        if let Some(p) = self.places.read().ok().and_then(|m| m.get(rel).cloned()) {
            return p;
        }
        let p = Arc::new(self.place_of_path(rel));
        if let Ok(mut m) = self.places.write() {
            m.insert(rel.to_string(), p.clone());
        }
        p
    }

    fn island_of(&self, rel: &str) -> Option<String> {
        let iso = self.isolate.as_ref()?;
        let mut prefix = String::new();
        for seg in rel.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(seg);
            if prefix.len() < rel.len() && iso.is_match(&prefix) {
                return Some(prefix);
            }
        }
        None
    }

    fn edge_allowed(&self, from: usize, to: usize) -> bool {
        let hit = |edges: &[(Side, Side)]| {
            edges.iter().any(|(a, b)| {
                matches!(a, Side::Any) || *a == Side::Layer(from)
            } && (matches!(b, Side::Any) || *b == Side::Layer(to)))
        };
        if hit(&self.deny) {
            return false;
        }
        self.allow.is_empty() || hit(&self.allow)
    }

    fn allowed_from(&self, from: usize) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .layers
            .iter()
            .enumerate()
            .filter(|(to, _)| *to != from && self.edge_allowed(from, *to))
            .map(|(_, l)| l.name.as_str())
            .collect();
        out.dedup();
        out
    }

    /// Checks one import of `file` (the span to report is `start..end`).
    #[allow(clippy::too_many_arguments)]
    fn check_import(
        &self,
        file: &str,
        from: &Place,
        spec: &str,
        target: Target,
        start: usize,
        end: usize,
        out: &mut Vec<Hit>,
    ) {
        if target == Target::Unresolved {
            // a Rust file no `mod` declares is not compiled: its paths are no edge
            if file.ends_with(".rs") && !self.workspace.in_module_tree(file) {
                return;
            }
            let mut hit = Hit::new(start, end, spec)
                .severity(self.unresolved)
                .message(format!("cannot resolve import `{spec}`: it looks local but matches no file"))
                .help(Some(
                    "check the path, the tsconfig.json `paths` or the module name; layer rules cannot check what they cannot resolve"
                        .to_string(),
                ));
            hit.unresolved = true;
            hit.silent = self.unresolved.is_none();
            out.push(hit);
            return;
        }
        let from_layer = from.layer;
        let to_layer = self.layer_of_target(spec, &target);
        let edge = match (self.cycles, &target) {
            (Cycles::Files, Target::File(to)) if to != file => Some((file.to_string(), to.clone())),
            (Cycles::Layers, _) => match (from_layer, to_layer) {
                (Some(a), Some(b)) if a != b => {
                    Some((self.layers[a].name.clone(), self.layers[b].name.clone()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((from, to)) = edge {
            out.push(
                Hit::new(start, end, spec)
                    .silent()
                    .fact(Fact::Import { from, to }),
            );
        }
        if let (Some(a), Some(b)) = (from_layer, to_layer) {
            if a != b && !self.edge_allowed(a, b) {
                let allowed = self.allowed_from(a);
                let help = if allowed.is_empty() {
                    format!("`{}` may not import any other layer", self.layers[a].name)
                } else {
                    format!(
                        "`{}` may import: {}",
                        self.layers[a].name,
                        allowed.join(", ")
                    )
                };
                out.push(
                    Hit::new(start, end, spec)
                        .var("from", self.layers[a].name.clone())
                        .var("to", self.layers[b].name.clone())
                        .help(Some(help)),
                );
                return;
            }
        }
        if self.isolate.is_some() {
            if let Target::File(to_file) = &target {
                let to = self.place_of_file(to_file);
                if let (Some(x), Some(y)) = (&from.island, &to.island) {
                    if x != y {
                        let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
                        out.push(
                            Hit::new(start, end, spec)
                                .var("from", name(x))
                                .var("to", name(y))
                                .help(Some(format!(
                                    "`{x}` and `{y}` are isolated from each other: move what both need to a shared layer"
                                ))),
                        );
                    }
                }
            }
        }
    }
}

impl RuleKind for LayerBoundary {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn needs_all_files(&self) -> bool {
        self.cycles != Cycles::Off
    }

    /// Import cycles over the edges of every file.
    fn cross_file(&self, facts: Vec<FileFact>, template: &Finding) -> Vec<Finding> {
        let what = match self.cycles {
            Cycles::Off => return Vec::new(),
            Cycles::Files => "files",
            Cycles::Layers => "layers",
        };
        let edges = facts
            .into_iter()
            .filter_map(|f| match f.fact {
                Fact::Import { from, to } => Some(cycles::Edge {
                    from,
                    to,
                    file: f.file,
                    line: f.line,
                    column: f.column,
                    specifier: f.matched,
                    byte_start: f.byte_start,
                    byte_end: f.byte_end,
                }),
                _ => None,
            })
            .collect();
        cycles::cycle_findings(edges, template, what)
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        Some(&self.prefilter)
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        if lang == Lang::Rust {
            RS_KINDS
        } else {
            // JS/TS imports are found by `check_tree`, in the subtrees that can hold them
            &[]
        }
    }

    fn needs_tree(&self, _lang: Lang) -> bool {
        true
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        if cx.lang == Lang::Rust {
            self.check_rust(cx.file, node, cx.src, out);
        }
    }

    fn check_tree(&self, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        if cx.lang == Lang::Rust {
            return;
        }
        let Some(root) = cx.root else {
            return;
        };
        let (file, src) = (cx.file, cx.src);
        let from = std::cell::OnceCell::new();
        let kinds = &self.js_kind_ids[cx.lang.index()];
        for node in js_import_nodes(root, src, &self.js_words, kinds) {
            let Some(imp) = js_import(node, src) else {
                continue;
            };
            if self.allow_type_imports && js_type_only(node) {
                continue;
            }
            let target = self.workspace.resolve_ts(file, &imp.specifier);
            let from = from.get_or_init(|| self.place_of_path(file));
            self.check_import(file, from, &imp.specifier, target, imp.start, imp.end, out);
        }
    }
}

/// The ids of the node kinds of `lang`'s grammar named in `names` (every id with such a name:
/// `Node::kind` is the name of `Node::kind_id`).
fn kind_ids(lang: Lang, names: &[&str]) -> Vec<u16> {
    let g = lang.grammar();
    (0..g.node_kind_count() as u16)
        .filter(|id| g.node_kind_for_id(*id).is_some_and(|n| names.contains(&n)))
        .collect()
}

/// The nodes of [`JS_KINDS`] (`kinds`: their ids in the file's grammar) under `root` (itself
/// included) whose text holds one of [`JS_WORDS`], in the order of a walk over every node
/// (parents before children, then left to right). Only the nodes holding such a word are
/// visited: every import [`js_import`] accepts holds its keyword or callee, so none is missed,
/// and most of a file's tree (function bodies, JSX) is never visited; a parent with no word
/// after the current node is left without stepping through its remaining children, and the
/// walk ends after the last word.
fn js_import_nodes<'t>(
    root: Node<'t>,
    src: &str,
    words: &[memchr::memmem::Finder<'static>],
    kinds: &[u16],
) -> Vec<Node<'t>> {
    let mut starts: Vec<usize> = Vec::new();
    for w in words {
        starts.extend(w.find_iter(src.as_bytes()));
    }
    starts.sort_unstable();
    let mut out = Vec::new();
    if starts.is_empty() {
        return out;
    }
    // the first word that starts within `range`, if any (`starts` is sorted)
    let first_in = |range: std::ops::Range<usize>| {
        let i = starts.partition_point(|s| *s < range.start);
        starts.get(i).copied().filter(|s| *s < range.end)
    };
    let mut cursor = root.walk();
    // the ends of the current node's ancestors, innermost last
    let mut ends: Vec<usize> = Vec::new();
    loop {
        let node = cursor.node();
        let (start, end) = (node.start_byte(), node.end_byte());
        let first = first_in(start..end);
        if first.is_some() && kinds.contains(&node.kind_id()) {
            out.push(node);
        }
        // straight to the first child that reaches the word: those before it hold none
        if first.is_some_and(|w| cursor.goto_first_child_for_byte(w).is_some()) {
            ends.push(end);
            continue;
        }
        // the next word after this node: the nodes before it hold none
        let Some(&next) = starts.get(starts.partition_point(|s| *s < end)) else {
            return out;
        };
        loop {
            if ends.last().is_none_or(|parent_end| next < *parent_end) && cursor.goto_next_sibling()
            {
                break;
            }
            if !cursor.goto_parent() {
                return out;
            }
            ends.pop();
        }
    }
}

impl LayerBoundary {
    fn check_rust(&self, file: &str, node: Node<'_>, src: &str, out: &mut Vec<Hit>) {
        match node.kind_name() {
            "use_declaration" => {
                let Some(arg) = node.child_by_field_name("argument") else {
                    return;
                };
                let mut paths = Vec::new();
                collect_use_paths(arg, &[], src, &mut paths);
                // one finding per use: the first banned edge, else the first unresolved path
                let mut first_unresolved = None;
                let mut reported = false;
                let depth = inline_module_depth(node);
                let from = self.place_of_path(file);
                // the file's `use` bindings, looked up only for a path that may start with one
                let mut bindings: Option<Vec<(String, Vec<String>)>> = None;
                let (from, file) = (&from, file);
                let hits_of = |segs: Vec<String>, n: Node<'_>, spec: &str| {
                    let target = self
                        .workspace
                        .resolve_rust(file, &from_inline_module(segs, depth));
                    let mut hits = Vec::new();
                    let (start, end) = (n.start_byte(), n.end_byte());
                    self.check_import(file, from, spec, target, start, end, &mut hits);
                    hits
                };
                for (segs, n) in paths {
                    let spec = segs.join("::");
                    let mut hits = hits_of(segs.clone(), n, &spec);
                    // something to report: is the first segment a name another `use` binds?
                    if hits.iter().any(|h| h.fact_ref().is_none()) {
                        if let Some(bound) = self.through_binding(&segs, node, src, &mut bindings) {
                            hits = hits_of(bound, n, &spec);
                        }
                    }
                    let (edges, hits): (Vec<Hit>, Vec<Hit>) =
                        hits.into_iter().partition(|h| h.fact_ref().is_some());
                    out.extend(edges);
                    if let Some(h) = hits.into_iter().next() {
                        if h.unresolved {
                            first_unresolved.get_or_insert(h);
                        } else if !reported {
                            out.push(h);
                            reported = true;
                        }
                    }
                }
                if !reported {
                    out.extend(first_unresolved);
                }
            }
            "scoped_identifier" | "scoped_type_identifier" => {
                // only outermost paths in code, not inside `use` (handled above)
                if let Some(p) = node.parent() {
                    if matches!(
                        p.kind_name(),
                        "scoped_identifier"
                            | "scoped_type_identifier"
                            | "scoped_use_list"
                            | "use_as_clause"
                    ) || p.kind_name() == "use_declaration"
                    {
                        return;
                    }
                    let mut anc = Some(p);
                    while let Some(a) = anc {
                        if a.kind_name() == "use_declaration" {
                            return;
                        }
                        if a.kind_name().ends_with("_item") || a.kind_name() == "block" {
                            break;
                        }
                        anc = a.parent();
                    }
                }
                let mut segs = Vec::new();
                if !rust_segments(node, src, &mut segs) {
                    return;
                }
                let first = segs.first().cloned().unwrap_or_default();
                let first = first.as_str();
                if !matches!(first, "crate" | "super" | "self")
                    && !self.workspace.is_workspace_crate(first)
                {
                    return;
                }
                let spec = segs.join("::");
                let segs = from_inline_module(segs, inline_module_depth(node));
                let target = self.workspace.resolve_rust(file, &segs);
                let mut hits = Vec::new();
                self.check_import(
                    file,
                    &self.place_of_path(file),
                    &spec,
                    target,
                    node.start_byte(),
                    node.end_byte(),
                    &mut hits,
                );
                // `use ide_db::base_db;` then `base_db::f()`: the name is the import, not the
                // crate of the same name (looked up only when there is something to report)
                if !hits.is_empty()
                    && !matches!(first, "crate" | "super" | "self")
                    && use_bindings(node, src).iter().any(|(n, _)| n == first)
                {
                    return;
                }
                out.extend(hits);
            }
            _ => {}
        }
    }
}

impl LayerBoundary {
    /// A `use` path whose first segment is a name another `use` of the file binds, as the path
    /// that binding stands for: `use meilisearch_types::milli;` then `use milli::update::X;`
    /// goes through `meilisearch_types` (rustc rejects the path as ambiguous when `milli` is
    /// also an extern crate of this crate, so where it compiles the binding is what it names).
    /// `None` when nothing binds it; looked up only for a workspace crate's name.
    fn through_binding(
        &self,
        segs: &[String],
        node: Node<'_>,
        src: &str,
        bindings: &mut Option<Vec<(String, Vec<String>)>>,
    ) -> Option<Vec<String>> {
        let first = segs.first()?;
        if matches!(first.as_str(), "crate" | "super" | "self")
            || !self.workspace.is_workspace_crate(first)
        {
            return None;
        }
        let bound = bindings.get_or_insert_with(|| use_bindings(node, src));
        let (_, path) = bound
            .iter()
            .find(|(name, path)| name == first && path.len() > 1 && path[0] != *first)?;
        Some(path.iter().chain(&segs[1..]).cloned().collect())
    }
}

/// The names the file's `use` declarations bind, each with the path it stands for: a path's
/// last segment (`use a::b;`, `use a::b::{self, c};`), or its alias (`use a::b as c;`); globs
/// bind no name of their own.
fn use_bindings(node: Node<'_>, src: &str) -> Vec<(String, Vec<String>)> {
    let mut root = node;
    while let Some(p) = root.parent() {
        root = p;
    }
    let mut names = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        match n.kind_name() {
            "use_declaration" => {
                let Some(arg) = n.child_by_field_name("argument") else {
                    continue;
                };
                let mut paths = Vec::new();
                collect_use_paths(arg, &[], src, &mut paths);
                for (segs, at) in paths {
                    let parent = at.parent().map(|p| p.kind_name());
                    if parent == Some("use_wildcard") {
                        continue;
                    }
                    if let Some(alias) = at
                        .parent()
                        .filter(|p| p.kind_name() == "use_as_clause")
                        .and_then(|p| p.child_by_field_name("alias"))
                    {
                        names.push((src[alias.byte_range()].to_string(), segs));
                    } else if let Some(last) = segs.last() {
                        names.push((last.clone(), segs.clone()));
                    }
                }
            }
            // items and blocks may hold `use` declarations; expressions do not
            _ => {
                let mut c = n.walk();
                stack.extend(n.named_children(&mut c).filter(|ch| {
                    ch.kind_name().ends_with("_item")
                        || matches!(
                            ch.kind_name(),
                            "use_declaration" | "declaration_list" | "block" | "source_file"
                        )
                }));
            }
        }
    }
    names
}

/// How many inline modules (`mod sys { … }`) enclose `node` in its file.
fn inline_module_depth(node: Node<'_>) -> usize {
    let mut depth = 0;
    let mut anc = node.parent();
    while let Some(a) = anc {
        if a.kind_name() == "mod_item" {
            depth += 1;
        }
        anc = a.parent();
    }
    depth
}

/// A path written inside `depth` inline modules, as the file's own module sees it: `super::`
/// steps out of an inline module first (`mod sys { use super::TcpListener; }` names an item of
/// this file), and `self::` there is still this file. Messages keep the written spelling.
fn from_inline_module(mut segs: Vec<String>, depth: usize) -> Vec<String> {
    if depth == 0 {
        return segs;
    }
    let supers = segs.iter().take_while(|s| *s == "super").count();
    if supers == 0 {
        return segs;
    }
    if supers <= depth {
        segs.drain(..supers);
        segs.insert(0, "self".into());
    } else {
        segs.drain(..depth);
    }
    segs
}

#[cfg(test)]
mod cases;
