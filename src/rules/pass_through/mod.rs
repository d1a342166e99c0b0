//! Kind `pass-through`: wrapper functions, components and classes that only forward to another
//! callable, and chains of them across files — "4 layers of abstraction for what should be a
//! direct call".
//!
//! Per file ([`js`], [`rust`]): every forwarding definition becomes a silent [`Fact::Forward`]
//! with its callee resolved through the file's imports by the layer-boundary resolver
//! ([`Workspace`]); re-exports (`export … from`) are facts too, so chains go through barrels. A
//! class whose methods all forward to one field is reported on the spot. The cross-file stage
//! ([`chains`]) follows each wrapper to the next and reports the chains at their outermost
//! wrapper.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain pass-through`).

mod chains;
mod js;
mod rust;

use crate::lang::kind_name::KindName;
use std::sync::Arc;

use tree_sitter::Node;

use super::design_system::config::DesignSystem;
use super::fact::{Fact, FileFact, Forward, ForwardRole};
use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::layer_boundary::resolve::{Target, Workspace};
use super::literal::Literal;
use crate::core::{compile_globs, ConfigError, Fields, Finding, Globs};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"pass-through — layers that only forward to another call

What
  A pass-through is a named function, arrow or component whose body only forwards to one
  other callable: its parameters passed on unchanged (reordered, or with constant arguments
  added), its result returned unchanged (`await`/`.await` allowed); a React component that only
  renders one other component with `{...props}` or the same props; a class (no `extends` or
  `implements`) of two or more methods that all forward to one field (`this.inner.get(id)`).
  Callees are resolved through the file's imports with the layer-boundary resolver (relative
  paths, tsconfig paths, workspace packages, `export … from` barrels; Rust `use`, `crate::`,
  `super::` and module paths), so a chain is followed across files:
    a chain of `min_depth` or more pass-throughs (default 2) is one finding at its outermost
    wrapper, every hop in `related`: "`fetchUser` → `getUser` → `apiGetUser` → `http.get`:
    3 layers that add nothing"
    `min_depth = 1` also reports a single exported pass-through imported by exactly one file
    (a `pub use` is a re-export, not a use) that adds no constant: on its own, `archive(id)`
    → `postLifecycle(id, "archive")` names a configuration
    a forwarding class is reported at its name
  min_depth    = 2                     (1 to 8)
  entry_points = ["**/app/**/page.tsx", …]   files whose exported wrappers are a framework's entry
               points (default: Next.js/Remix route files — page, layout, template, loading,
               error, not-found, default, route under app/ or routes/, and pages/**)
  Placeholders in message/help: {what} (the kind's sentence), {match} (the outermost name).
  Not a pass-through: a body that adds a default, validates, logs, catches, converts types
  (`as`, `String(x)`, `?`), memoises (`useMemo`, `memo(…)`), binds `this` (`.bind`), calls a
  parameter (a combinator) or `this`/`super`, or a method of a binding of its own module
  (`LIST.includes(x)`, `PATTERN.test(s)`: it hides module-private state); a component that
  sets any prop of its own (a label, a class name); a call with only constants (`() =>
  get("/users")` names a configuration); the entry file of a workspace package (its
  `exports`/`main`: a public API); the design system's own source (`[design_system] source`:
  wrapping a library is its job); Rust functions of trait impls and trait default methods
  (they satisfy an interface), and methods that forward to a free function without `self`.

Why
  Assistants love helper functions and wrapper classes: a `getUser` that calls `fetchUser`
  that calls `apiGetUser` that calls `http.get`, each in its own file, none adding anything.
  Every layer is one more file to read, one more name to keep in sync and one more place for a
  bug; the reader has to open all of them to learn that nothing happens there.

Example
  [[rule]]
  id = "arch/pass-through"
  kind = "pass-through"
  severity = "info"
  message = "{what}"
  adr = { id = "ADR-0015", title = "No layers without a reason", path = "docs/adr/0015-layers.md" }
  min_depth = 2
  tests = "exclude"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "pass-through",
    summary:
        "functions, components and classes that only forward to another call, and chains of them",
    docs: DOCS,
    fields: &["min_depth", "entry_points", "language"],
    compile,
};

const JS_KINDS: &[&str] = &[
    "function_declaration",
    "variable_declarator",
    "class_declaration",
    "export_statement",
    "import_statement",
];
const RS_KINDS: &[&str] = &["function_item", "use_declaration"];

/// Route files of Next.js (app and pages routers) and Remix: their default exports are what the
/// framework calls.
const ENTRY_POINTS: &[&str] = &[
    "**/app/**/page.*",
    "**/app/**/layout.*",
    "**/app/**/template.*",
    "**/app/**/loading.*",
    "**/app/**/error.*",
    "**/app/**/not-found.*",
    "**/app/**/default.*",
    "**/app/**/route.*",
    "**/pages/**",
    "**/routes/**",
];

pub(crate) struct PassThrough {
    langs: LangSet,
    min_depth: usize,
    entry_points: Globs,
    workspace: Arc<Workspace>,
    design_system: Option<Arc<DesignSystem>>,
    root: std::path::PathBuf,
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let min_depth = match f.int("min_depth")? {
        None => 2,
        Some(v) if (1..=8).contains(v.get_ref()) => *v.get_ref() as usize,
        Some(v) => {
            return Err(
                ConfigError::at(ctx.src, v.span(), "`min_depth` must be between 1 and 8")
                    .label("out of range")
                    .help("2 (the default) reports chains of two or more pass-throughs; 1 also single ones used in one place"),
            )
        }
    };
    let entry_points = match f.str_list("entry_points")? {
        None => Globs::from_static(ENTRY_POINTS),
        Some(list) => compile_globs(ctx.src, &list)?,
    };
    Ok(Box::new(PassThrough {
        langs: super::kind::languages_field(f)?.unwrap_or(LangSet::ALL),
        min_depth,
        entry_points,
        workspace: Arc::new(Workspace::load(ctx.root)),
        design_system: ctx.design_system.cloned(),
        root: ctx.root.to_path_buf(),
    }))
}

fn forward_hit(start: usize, end: usize, matched: &str, fwd: Forward) -> Hit {
    Hit::new(start, end, matched)
        .silent()
        .fact(Fact::Forward(Box::new(fwd)))
}

impl PassThrough {
    /// Where an imported specifier points, as a file under the root.
    fn ts_file(&self, file: &str, spec: &str) -> Option<String> {
        match self.workspace.resolve_ts(file, spec) {
            Target::File(f) => Some(f),
            _ => None,
        }
    }

    /// (file, name) of a JS callee (`getUser`, `api.getUser`): through the file's imports, or
    /// the file itself for a plain name it does not import.
    fn resolve_js(&self, cx: &FileCtx<'_>, root: Node<'_>, callee: &str) -> (String, String) {
        let mut parts = callee.split('.');
        let head = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let imports = js::imports_of(root, cx.src);
        if let Some(imp) = imports.iter().find(|i| i.local == head) {
            let Some(f) = self.ts_file(cx.file, &imp.spec) else {
                return (String::new(), String::new());
            };
            return match (imp.orig.as_str(), rest.as_slice()) {
                ("*", [name]) => (f, name.to_string()),
                (orig, []) => (f, orig.to_string()),
                _ => (String::new(), String::new()),
            };
        }
        if rest.is_empty() {
            (cx.file.to_string(), head.to_string())
        } else {
            (String::new(), String::new())
        }
    }

    fn resolve_rust(
        &self,
        cx: &FileCtx<'_>,
        root: Node<'_>,
        callee: &[String],
    ) -> (String, String) {
        let Some(head) = callee.first() else {
            return (String::new(), String::new());
        };
        let uses = rust::uses_of(root, cx.src);
        let full: Vec<String> = match uses.iter().find(|(n, _)| n == head) {
            Some((_, path)) => path.iter().chain(&callee[1..]).cloned().collect(),
            None if callee.len() == 1 => {
                return (cx.file.to_string(), head.clone());
            }
            None => callee.to_vec(),
        };
        let first = full[0].as_str();
        if !matches!(first, "crate" | "self" | "super") && !self.workspace.is_workspace_crate(first)
        {
            return (String::new(), String::new());
        }
        match self.workspace.resolve_rust(cx.file, &full) {
            Target::File(f) => (f, full.last().cloned().unwrap_or_default()),
            _ => (String::new(), String::new()),
        }
    }

    fn js(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        let Some(root) = cx.root else {
            return;
        };
        match node.kind_name() {
            "function_declaration" | "variable_declarator" => {
                let Some(def) = js::definition(node, src) else {
                    return;
                };
                // `list.includes(x)`, `PATTERN.test(s)`, `storage.run(…)` over a binding of this
                // module: the wrapper hides module-private state
                if let Some((head, _)) = def.callee.split_once('.') {
                    if js::declared_at_top(root, head, src) {
                        return;
                    }
                }
                let (target_file, target_name) = self.resolve_js(cx, root, &def.callee);
                if def.default_export {
                    out.push(forward_hit(
                        def.start,
                        def.end,
                        "default",
                        Forward {
                            name: "default".into(),
                            exported: true,
                            callee: def.name.clone(),
                            target_file: cx.file.to_string(),
                            target_name: def.name.clone(),
                            binds_constants: false,
                            role: ForwardRole::ReExport,
                        },
                    ));
                }
                out.push(forward_hit(
                    def.start,
                    def.end,
                    &def.name,
                    Forward {
                        name: def.name.clone(),
                        exported: def.exported,
                        callee: def.callee,
                        target_file,
                        target_name,
                        binds_constants: def.binds_constants,
                        role: ForwardRole::Wrapper,
                    },
                ));
            }
            "class_declaration" => {
                if let Some(c) = js::forwarding_class(node, src) {
                    out.push(
                        Hit::new(c.start, c.end, c.name.clone())
                            .var(
                                "what",
                                format!(
                                    "class `{}` only forwards its {} methods to `this.{}`",
                                    c.name, c.methods, c.field
                                ),
                            )
                            .help(Some(format!(
                                "Use `{}` directly where `{}` is used, or give the class a reason to exist (a narrower interface, defaults, validation).",
                                c.field, c.name
                            ))),
                    );
                }
            }
            "export_statement" => {
                // each name at its own span (one rule's hits at one span are one)
                for (public, spec, orig, (start, end)) in js::re_exports(node, src) {
                    let Some(f) = self.ts_file(cx.file, &spec) else {
                        continue;
                    };
                    out.push(forward_hit(
                        start,
                        end,
                        &spec,
                        Forward {
                            name: public,
                            exported: true,
                            callee: orig.clone(),
                            target_file: f,
                            target_name: orig,
                            binds_constants: false,
                            role: ForwardRole::ReExport,
                        },
                    ));
                }
            }
            "import_statement" if self.min_depth == 1 && node.parent() == Some(root) => {
                // one fact per imported name, for "used in one place", each at its own span (one
                // rule's hits at one span are one)
                let (start, end) = (node.start_byte(), node.end_byte());
                for imp in js::imports_of(root, src) {
                    if imp.start < start || imp.end > end || imp.orig == "*" {
                        continue;
                    }
                    let Some(f) = self.ts_file(cx.file, &imp.spec) else {
                        continue;
                    };
                    out.push(forward_hit(
                        imp.start,
                        imp.end,
                        &imp.local,
                        Forward {
                            name: imp.local.clone(),
                            exported: false,
                            callee: imp.orig.clone(),
                            target_file: f,
                            target_name: imp.orig,
                            binds_constants: false,
                            role: ForwardRole::Use,
                        },
                    ));
                }
            }
            _ => {}
        }
    }

    fn rust(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let Some(root) = cx.root else {
            return;
        };
        if node.kind_name() == "use_declaration" {
            // `use crate::a::f;`: one fact per function-like name, for "used in one place"; a
            // `pub use` re-exports it (public API), which is not a use
            let mut vc = node.walk();
            let public = node
                .children(&mut vc)
                .any(|n| n.kind_name() == "visibility_modifier");
            if self.min_depth != 1 || public {
                return;
            }
            let Some(arg) = node.child_by_field_name("argument") else {
                return;
            };
            let mut paths = Vec::new();
            crate::rules::syntax::collect_use_paths(arg, &[], cx.src, &mut paths);
            for (segs, n) in paths {
                let Some(last) = segs.last() else { continue };
                if segs.len() < 2 || !last.starts_with(|c: char| c.is_ascii_lowercase()) {
                    continue;
                }
                if let Target::File(f) = self.workspace.resolve_rust(cx.file, &segs) {
                    // `use crate::a::park;` naming the module `park` (park.rs, park/mod.rs)
                    let stem = f.trim_end_matches("/mod.rs").trim_end_matches(".rs");
                    if stem.rsplit('/').next() == Some(last.as_str()) {
                        continue;
                    }
                    out.push(forward_hit(
                        n.start_byte(),
                        n.end_byte(),
                        last,
                        Forward {
                            name: last.clone(),
                            exported: false,
                            callee: last.clone(),
                            target_file: f,
                            target_name: last.clone(),
                            binds_constants: false,
                            role: ForwardRole::Use,
                        },
                    ));
                }
            }
            return;
        }
        let Some(def) = rust::definition(node, root, cx.src) else {
            return;
        };
        let (target_file, target_name) = if def.field {
            (String::new(), String::new())
        } else {
            self.resolve_rust(cx, root, &def.callee)
        };
        out.push(forward_hit(
            def.start,
            def.end,
            &def.name,
            Forward {
                name: def.name.clone(),
                exported: def.exported,
                callee: def.callee.join(if def.field { "." } else { "::" }),
                target_file,
                target_name,
                binds_constants: def.binds_constants,
                role: ForwardRole::Wrapper,
            },
        ));
    }
}

impl RuleKind for PassThrough {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn applies_to(&self, rel: &str) -> bool {
        !self
            .design_system
            .as_ref()
            .is_some_and(|ds| ds.is_source(rel))
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        if lang == Lang::Rust {
            RS_KINDS
        } else {
            JS_KINDS
        }
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        if cx.lang == Lang::Rust {
            self.rust(node, cx, out);
        } else {
            self.js(node, cx, out);
        }
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    fn cross_file(&self, facts: Vec<FileFact>, template: &Finding) -> Vec<Finding> {
        chains::findings(self, facts, template)
    }
}

#[cfg(test)]
mod tests;
