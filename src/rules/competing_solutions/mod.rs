//! Kind `competing-solutions`: one concern (HTTP, dates, state, logging, …) served by several
//! libraries or approaches across a codebase — "team A uses one approach, team B another".
//!
//! Per file, every usage of an alternative of a concern (an import, a `require`, a call of a
//! global such as `fetch(`, a Rust `use` or crate path) becomes a silent [`Fact::Usage`]; the
//! cross-file stage ([`usage`]) counts the files per alternative and reports the minority (or,
//! with `chosen`, every other alternative). Concerns are data: the shipped catalogue
//! (`catalogue.toml`, embedded) plus the rule's own `concerns`.
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain competing-solutions`).

mod catalogue;
mod usage;

use crate::lang::kind_name::KindName;
use std::sync::Arc;

use tree_sitter::Node;

use self::catalogue::Concern;
use super::fact::{Fact, FileFact};
use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::layer_boundary::resolve::{Target, Workspace};
use super::literal::Literal;
use super::syntax::{collect_use_paths, js_import, js_type_only, node_text, rust_segments};
use crate::core::{compile_globs, ConfigError, Fields, Finding, Globs};
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"competing-solutions — one concern served by several libraries

What
  A concern (HTTP client, dates, state, forms, validation, icons, logging, errors, async
  runtime, …) and the alternatives that serve it are data. Every usage of an alternative is
  found: an import, `export … from`, `require()` or `import()` of its package (type-only
  imports do not count), a call of a global (`fetch(`, `window.fetch(`), a Rust `use`, a crate
  path in code (`reqwest::get`, `anyhow::bail!`). Usages are counted in files.
    without `chosen`  a concern served by two or more alternatives is reported once per file
                      of each minority alternative, the split in the message ("3 HTTP clients:
                      axios in 41 files, fetch() in 12, ky in 2") and every other place using
                      the concern in `related`; the most used alternative is not reported
    with `chosen`     every usage of another alternative of that concern is a finding; the help
                      names the chosen one and the nearest file that already uses it

  catalogue = true | false     use the shipped catalogue (default true): http, dates, state,
                               forms, validation, data-fetching, css-in-js, icons, toasts,
                               utilities, class-names, ids, animation for TS/JS; rust-http-clients,
                               rust-app-errors, rust-error-derives, rust-logging, rust-time,
                               rust-async-runtimes, rust-cli-parsers, rust-web-servers for Rust
                               (src/rules/competing_solutions/catalogue.toml)
  concerns = { http = ["axios", "ky", "fetch()"], state = ["redux = redux|@reduxjs/toolkit",
               "zustand"] }
                               your own concerns (a catalogue concern of the same name is
                               replaced). An alternative is a package name or pattern (`axios`,
                               `@emotion/*`; subpaths count), a specifier suffix (`*.module.css`),
                               a global call (`fetch()`), or `name = pattern|pattern` for one
                               alternative with several packages; Rust alternatives are crate
                               names as written in paths (`async_std`)
  chosen   = ["axios", "dayjs"]   the alternative each concern's ADR chose
  per      = "repository" | "package"   count the split over the whole repository (default)
                               or per workspace package (nearest package.json / Cargo.toml)
  allow_in = ["src/lib/http/**"]   the sanctioned wrapper modules: usages there are neither
                               counted nor reported (they are where the help points)
  Placeholders in message/help: {what} (the kind's sentence), {match} (the alternative),
  {concern}, {split}, {chosen}.
  Silent: type-only imports, test code with `tests = "exclude"`, `allow_in` files, a Rust path
  whose first segment is a module of the crate, a `fetch` that the file imports or declares.

Why
  Code assistants answer the same question differently each time: one feature gets `axios`,
  the next `fetch`, a third `ky`; dates are formatted with `moment` here and `date-fns` there.
  Each alternative brings its own error handling, retries, bundle size and upgrade path, and
  nobody decided it. The split tells an architect which decision is missing; with the decision
  made (`chosen`), every stray usage is a finding with the way back.

Example
  [[rule]]
  id = "patterns/competing"
  kind = "competing-solutions"
  severity = "warning"
  message = "{what}"
  adr = { id = "ADR-0012", title = "One library per concern", path = "docs/adr/0012-libraries.md" }
  chosen = ["axios"]
  allow_in = ["src/lib/http/**"]
  tests = "exclude"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
    name: "competing-solutions",
    summary:
        "one concern (HTTP, dates, state, logging, …) served by several libraries across the code",
    docs: DOCS,
    fields: &[
        "catalogue",
        "concerns",
        "chosen",
        "per",
        "allow_in",
        "language",
    ],
    compile,
};

const JS_KINDS: &[&str] = &["import_statement", "export_statement", "call_expression"];
const RS_KINDS: &[&str] = &[
    "use_declaration",
    "scoped_identifier",
    "scoped_type_identifier",
    "extern_crate_declaration",
];

/// How the split is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Per {
    Repository,
    Package,
}

pub(crate) struct CompetingSolutions {
    langs: LangSet,
    concerns: Vec<Concern>,
    per: Per,
    allow_in: Option<Globs>,
    workspace: Arc<Workspace>,
    root: std::path::PathBuf,
    prefilter: Vec<Literal>,
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let src = ctx.src;
    let use_catalogue = f.bool("catalogue")?.is_none_or(|b| *b.get_ref());
    let mut concerns: Vec<Concern> = if use_catalogue {
        catalogue::shipped()
    } else {
        Vec::new()
    };
    if let Some(table) = f.table("concerns")? {
        for key in table.keys() {
            let name = key.get_ref().clone();
            let list = table.str_list(&name)?.unwrap_or_default();
            if list.len() < 2 {
                return Err(ConfigError::at(
                    src,
                    key.span(),
                    format!("concern `{name}` needs at least two alternatives"),
                )
                .label("one alternative competes with nothing")
                .help("e.g. http = [\"axios\", \"ky\", \"fetch()\"]"));
            }
            let mut alternatives = Vec::new();
            for item in &list {
                alternatives.push(
                    catalogue::parse_alternative(item.get_ref()).map_err(|e| {
                        ConfigError::at(src, item.span(), e).label("this alternative")
                    })?,
                );
            }
            let lang = catalogue::Family::Any;
            concerns.retain(|c| c.key != name);
            concerns.push(Concern {
                label: name.clone(),
                key: name,
                family: lang,
                alternatives,
                chosen: None,
            });
        }
    }
    if concerns.is_empty() {
        return Err(ConfigError::at(
            src,
            f.span(),
            "a competing-solutions rule with `catalogue = false` needs `concerns`",
        )
        .label("no concern to check")
        .help("e.g. concerns = { http = [\"axios\", \"ky\", \"fetch()\"] }"));
    }
    for c in f.str_list("chosen")?.unwrap_or_default() {
        let want = c.get_ref().trim();
        let mut found = false;
        for concern in &mut concerns {
            if let Some(i) = concern
                .alternatives
                .iter()
                .position(|a| a.name == want || a.patterns.iter().any(|p| p.source() == want))
            {
                if let Some(prev) = concern.chosen.filter(|p| *p != i) {
                    return Err(ConfigError::at(
                        src,
                        c.span(),
                        format!(
                            "concern `{}` already chose `{}`",
                            concern.key, concern.alternatives[prev].name
                        ),
                    )
                    .label("a second choice for the same concern"));
                }
                concern.chosen = Some(i);
                found = true;
            }
        }
        if !found {
            let names: Vec<&str> = concerns
                .iter()
                .flat_map(|c| c.alternatives.iter().map(|a| a.name.as_str()))
                .collect();
            let mut e = ConfigError::at(
                src,
                c.span(),
                format!("`{want}` is not an alternative of any concern"),
            )
            .label("unknown alternative");
            e = match crate::core::closest(want, &names) {
                Some(s) => e.help(format!("did you mean `{s}`?")),
                None => e.help("add it to a concern: concerns = { http = [\"axios\", \"ky\"] }"),
            };
            return Err(e);
        }
    }
    let per = match f.str("per")? {
        None => Per::Repository,
        Some(v) => match v.get_ref().as_str() {
            "repository" => Per::Repository,
            "package" => Per::Package,
            other => {
                return Err(ConfigError::at(
                    src,
                    v.span(),
                    format!("unknown value `{other}` for `per`"),
                )
                .label("not an option")
                .help("one of: repository, package"))
            }
        },
    };
    let allow_in = match f.str_list("allow_in")? {
        None => None,
        Some(list) => Some(compile_globs(src, &list)?),
    };
    let langs = super::kind::languages_field(f)?.unwrap_or(LangSet::ALL);
    let mut prefilter = Vec::new();
    for c in &concerns {
        for a in &c.alternatives {
            for p in &a.patterns {
                match p.literal() {
                    Some(l) => prefilter.push(l),
                    None => prefilter.push(Literal::substring("")),
                }
            }
        }
    }
    if prefilter.iter().any(|l| l.text.is_empty()) {
        prefilter.clear();
    }
    Ok(Box::new(CompetingSolutions {
        langs,
        concerns,
        per,
        allow_in,
        workspace: Arc::new(Workspace::load(ctx.root)),
        root: ctx.root.to_path_buf(),
        prefilter,
    }))
}

impl CompetingSolutions {
    fn usage(&self, start: usize, end: usize, matched: &str, concern: &Concern, alt: usize) -> Hit {
        Hit::new(start, end, matched).silent().fact(Fact::Usage {
            concern: concern.key.clone(),
            alternative: concern.alternatives[alt].name.clone(),
        })
    }

    /// Usages of a package import specifier (JS) or crate name (Rust).
    fn package_usages(&self, rust: bool, spec: &str, start: usize, end: usize, out: &mut Vec<Hit>) {
        for c in &self.concerns {
            if !c.family.admits(rust) {
                continue;
            }
            if let Some(i) = c.alternative_of_specifier(spec, rust) {
                out.push(self.usage(start, end, spec, c, i));
            }
        }
    }

    fn js(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        if let Some(imp) = js_import(node, src) {
            if js_type_only(node) || node_text(node, src).starts_with("import type") {
                return;
            }
            self.package_usages(false, &imp.specifier, imp.start, imp.end, out);
            return;
        }
        if node.kind_name() != "call_expression" {
            return;
        }
        let Some(func) = node.child_by_field_name("function") else {
            return;
        };
        let name = match func.kind_name() {
            "identifier" => node_text(func, src),
            "member_expression" => {
                let obj = func
                    .child_by_field_name("object")
                    .map(|o| node_text(o, src));
                if !matches!(obj, Some("window" | "globalThis" | "self")) {
                    return;
                }
                func.child_by_field_name("property")
                    .map_or("", |p| node_text(p, src))
            }
            _ => return,
        };
        if name.is_empty() {
            return;
        }
        for c in &self.concerns {
            if !c.family.admits(false) {
                continue;
            }
            if let Some(i) = c.alternative_of_global(name) {
                if func.kind_name() == "identifier" && binds_locally(cx, name) {
                    continue;
                }
                out.push(self.usage(
                    func.start_byte(),
                    func.end_byte(),
                    &format!("{name}()"),
                    c,
                    i,
                ));
            }
        }
    }

    fn rust(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let src = cx.src;
        match node.kind_name() {
            "use_declaration" => {
                let Some(arg) = node.child_by_field_name("argument") else {
                    return;
                };
                let mut paths = Vec::new();
                collect_use_paths(arg, &[], src, &mut paths);
                for (segs, n) in paths {
                    self.rust_path(cx, &segs, n.start_byte(), n.end_byte(), out);
                }
            }
            "extern_crate_declaration" => {
                if let Some(n) = node.child_by_field_name("name") {
                    let name = node_text(n, src).to_string();
                    self.package_usages(true, &name, n.start_byte(), n.end_byte(), out);
                }
            }
            _ => {
                // the outermost path in code (`reqwest::Client::new`, `anyhow::bail!`); the
                // first segment is checked before `parent()` (a descent from the root)
                let mut first = node;
                while let Some(p) = first.child_by_field_name("path") {
                    first = p;
                }
                if !matches!(first.kind_name(), "identifier") {
                    return;
                }
                let head = node_text(first, src);
                if !self.names_rust_crate(head) {
                    return;
                }
                if node.parent().is_some_and(|p| {
                    matches!(
                        p.kind_name(),
                        "scoped_identifier"
                            | "scoped_type_identifier"
                            | "scoped_use_list"
                            | "use_as_clause"
                            | "use_declaration"
                            | "use_list"
                            | "use_wildcard"
                    )
                }) {
                    return;
                }
                let mut segs = Vec::new();
                if !rust_segments(node, src, &mut segs) {
                    return;
                }
                self.rust_path(cx, &segs, node.start_byte(), node.end_byte(), out);
            }
        }
    }

    fn names_rust_crate(&self, head: &str) -> bool {
        self.concerns
            .iter()
            .filter(|c| c.family.admits(true))
            .any(|c| c.alternative_of_specifier(head, true).is_some())
    }

    fn rust_path(
        &self,
        cx: &FileCtx<'_>,
        segs: &[String],
        start: usize,
        end: usize,
        out: &mut Vec<Hit>,
    ) {
        let Some(head) = segs.first() else {
            return;
        };
        if !self.names_rust_crate(head) {
            return;
        }
        // `mod log;` used as `log::…`, or `use crate::time;` then `time::now()`: a module of
        // the crate, not the crate of that name
        if rust_binds_locally(cx, head)
            || matches!(self.workspace.resolve_rust(cx.file, segs), Target::File(_))
        {
            return;
        }
        let head = head.clone();
        self.package_usages(true, &head, start, end, out);
    }
}

/// Whether the file imports or declares `name` at its top level (`import fetch from
/// "node-fetch"`, `const fetch = …`, `function fetch`): then a call of it is not the global.
fn binds_locally(cx: &FileCtx<'_>, name: &str) -> bool {
    let Some(root) = cx.root else {
        return false;
    };
    let mut c = root.walk();
    let found = root.named_children(&mut c).any(|n| {
        let declares = match n.kind_name() {
            "import_statement" => n
                .child_by_field_name("source")
                .is_some()
                .then(|| node_text(n, cx.src))
                .and_then(|t| t.split(" from ").next().map(str::to_string)),
            "lexical_declaration" | "variable_declaration" | "function_declaration" => {
                Some(node_text(n, cx.src).chars().take(200).collect::<String>())
            }
            _ => None,
        };
        declares.is_some_and(|t| {
            t.split(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
                .any(|w| w == name)
        })
    });
    found
}

/// Whether the Rust file declares `mod name` or brings `name` in from elsewhere (`use
/// crate::time;`) at its top level.
fn rust_binds_locally(cx: &FileCtx<'_>, name: &str) -> bool {
    let Some(root) = cx.root else {
        return false;
    };
    let mut c = root.walk();
    let found = root.named_children(&mut c).any(|n| match n.kind_name() {
        "mod_item" => n
            .child_by_field_name("name")
            .is_some_and(|m| node_text(m, cx.src) == name),
        "use_declaration" => {
            let Some(arg) = n.child_by_field_name("argument") else {
                return false;
            };
            let mut paths = Vec::new();
            collect_use_paths(arg, &[], cx.src, &mut paths);
            paths.iter().any(|(segs, _)| {
                segs.len() > 1 && segs.last().is_some_and(|l| l == name) && segs[0] != name
            })
        }
        _ => false,
    });
    found
}

impl RuleKind for CompetingSolutions {
    fn languages(&self) -> LangSet {
        self.langs
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        (!self.prefilter.is_empty()).then_some(self.prefilter.as_slice())
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
        usage::findings(self, facts, template)
    }
}

#[cfg(test)]
mod tests;
