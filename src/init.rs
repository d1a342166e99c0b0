//! `archdrift init`: looks at a repository (package.json workspaces, a design-system package and
//! the library it wraps, tsconfig paths, a Cargo workspace, an ADR folder) and writes an
//! `archdrift.toml` with rules for what it found, each explained in a comment. Never overwrites
//! an existing file without `--force`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::core::CommandError;

/// UI libraries a design system typically wraps: importing them elsewhere bypasses it.
const WRAPPED_LIBRARIES: &[&str] = &[
    "@mui/material",
    "@material-ui/core",
    "@chakra-ui/react",
    "@mantine/core",
    "antd",
    "react-bootstrap",
    "@headlessui/react",
    "@radix-ui/*",
];

/// What `init` found in a repository.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Survey {
    pub(crate) typescript: bool,
    pub(crate) rust: bool,
    pub(crate) workspaces: Vec<String>,
    /// (package name, directory relative to the root, wrapped libraries it depends on)
    pub(crate) design_system: Option<(String, String, Vec<String>)>,
    pub(crate) ts_aliases: Vec<String>,
    pub(crate) cargo_members: Vec<String>,
    pub(crate) adr_dir: Option<(String, usize)>,
}

fn read_json(p: &Path) -> Option<serde_json::Value> {
    let text = crate::core::safe_read::read_config_string(p).ok()?;
    serde_json::from_str(&text).ok().or_else(|| {
        serde_json::from_str(&crate::rules::layer_boundary::resolve::strip_jsonc(&text)).ok()
    })
}

/// Directories a workspace pattern (`packages/*`, `apps/web`) names.
fn expand_workspace(root: &Path, pattern: &str) -> Vec<PathBuf> {
    let pattern = pattern.trim_end_matches('/');
    match pattern
        .strip_suffix("/*")
        .or_else(|| pattern.strip_suffix("/**"))
    {
        Some(parent) => {
            let mut v: Vec<PathBuf> = std::fs::read_dir(root.join(parent))
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.is_dir())
                        .collect()
                })
                .unwrap_or_default();
            v.sort();
            v
        }
        None => vec![root.join(pattern)],
    }
}

fn deps(pkg: &serde_json::Value) -> Vec<String> {
    let mut v = Vec::new();
    for key in ["dependencies", "peerDependencies", "devDependencies"] {
        if let Some(o) = pkg.get(key).and_then(|d| d.as_object()) {
            v.extend(o.keys().cloned());
        }
    }
    v
}

/// Looks at the repository at `root`.
pub(crate) fn survey(root: &Path) -> Survey {
    let mut s = Survey::default();
    if let Some(pkg) = read_json(&root.join("package.json")) {
        s.typescript = true;
        let ws = pkg.get("workspaces").and_then(|w| {
            w.as_array()
                .or_else(|| w.get("packages").and_then(|p| p.as_array()))
        });
        if let Some(ws) = ws {
            s.workspaces = ws
                .iter()
                .filter_map(|v| v.as_str().map(String::from))
                .collect();
        }
    }
    if let Ok(text) = crate::core::safe_read::read_config_string(&root.join("pnpm-workspace.yaml"))
    {
        for line in text.lines() {
            let t = line.trim();
            if let Some(p) = t.strip_prefix("- ") {
                let p = p.trim().trim_matches(['"', '\'']).to_string();
                if !p.starts_with('!') && !s.workspaces.contains(&p) {
                    s.workspaces.push(p);
                }
            }
        }
    }
    // the design system: a workspace package named like one
    let mut candidates = Vec::new();
    for w in &s.workspaces {
        for dir in expand_workspace(root, w) {
            if let Some(pkg) = read_json(&dir.join("package.json")) {
                let name = pkg.get("name").and_then(|n| n.as_str()).unwrap_or("");
                let dir_name = dir.file_name().map(|n| n.to_string_lossy().to_string());
                let looks = |n: &str| {
                    let last = n.rsplit('/').next().unwrap_or(n);
                    matches!(
                        last,
                        "ui" | "design-system" | "designsystem" | "components" | "ds" | "propel"
                    ) || last.ends_with("-ui")
                        || last.starts_with("ui-")
                };
                if looks(name) || dir_name.as_deref().is_some_and(looks) {
                    let rel = crate::core::relative(root, &dir);
                    let wrapped: Vec<String> = deps(&pkg)
                        .into_iter()
                        .filter_map(|d| {
                            WRAPPED_LIBRARIES
                                .iter()
                                .find_map(|w| match w.strip_suffix("/*") {
                                    Some(scope) if d.starts_with(&format!("{scope}/")) => {
                                        Some(w.to_string())
                                    }
                                    _ if *w == d => Some(d.clone()),
                                    _ => None,
                                })
                        })
                        .collect();
                    candidates.push((name.to_string(), rel, wrapped));
                }
            }
        }
    }
    for c in &mut candidates {
        c.2.sort();
        c.2.dedup();
    }
    s.design_system = candidates.into_iter().next();
    if let Some(ts) = read_json(&root.join("tsconfig.json"))
        .or_else(|| read_json(&root.join("tsconfig.base.json")))
    {
        s.typescript = true;
        if let Some(paths) = ts
            .get("compilerOptions")
            .and_then(|c| c.get("paths"))
            .and_then(|p| p.as_object())
        {
            s.ts_aliases = paths.keys().cloned().collect();
            s.ts_aliases.sort();
        }
    }
    if let Ok(text) = crate::core::safe_read::read_config_string(&root.join("Cargo.toml")) {
        s.rust = true;
        if let Ok(doc) = text.parse::<toml::Table>() {
            if let Some(members) = doc
                .get("workspace")
                .and_then(|w| w.get("members"))
                .and_then(|m| m.as_array())
            {
                s.cargo_members = members
                    .iter()
                    .filter_map(|m| m.as_str().map(String::from))
                    .collect();
            }
        }
    }
    for d in crate::adr::DEFAULT_DIRS {
        let docs = crate::adr::discover(root, &Some(vec![d.to_string()]));
        if root.join(d).is_dir() {
            s.adr_dir = Some((d.to_string(), docs.len()));
            break;
        }
    }
    s
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn toml_list(v: &[String]) -> String {
    let items: Vec<String> = v.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", items.join(", "))
}

/// The `archdrift.toml` for what was found.
pub(crate) fn render(s: &Survey) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# archdrift configuration, written by `archdrift init` from what it found here:"
    );
    if !s.workspaces.is_empty() {
        let _ = writeln!(t, "#   workspaces: {}", s.workspaces.join(", "));
    }
    if let Some((name, dir, wrapped)) = &s.design_system {
        let _ = write!(t, "#   design system: {name} in {dir}");
        if !wrapped.is_empty() {
            let _ = write!(t, " (wraps {})", wrapped.join(", "));
        }
        let _ = writeln!(t);
    }
    if !s.ts_aliases.is_empty() {
        let _ = writeln!(t, "#   tsconfig path aliases: {}", s.ts_aliases.join(", "));
    }
    if s.rust {
        if s.cargo_members.is_empty() {
            let _ = writeln!(t, "#   a Cargo package");
        } else {
            let _ = writeln!(
                t,
                "#   Cargo workspace members: {}",
                s.cargo_members.join(", ")
            );
        }
    }
    match &s.adr_dir {
        Some((d, n)) => {
            let _ = writeln!(t, "#   ADRs: {n} in {d}");
        }
        None => {
            let _ = writeln!(
                t,
                "#   no ADR folder (docs/adr, doc/adr, adr/, docs/decisions)"
            );
        }
    }
    t.push_str(
        "#
# Each rule below encodes a common decision. Make it yours: cite the ADR that records it
# (adr = { id = \"ADR-0001\", title = \"…\", path = \"docs/adr/0001-….md\" }), change the
# severity, or move the rule into its ADR as a fenced ```archdrift block. `archdrift rules`
# lists the rules, `archdrift adr` shows which decisions are enforced, and `archdrift baseline`
# records today's findings so that CI fails only on new ones.

[check]
# never walked (node_modules, .git and .gitignored files never are)
exclude = [\"**/dist/**\", \"**/build/**\", \"**/generated/**\", \"**/*.min.js\", \"target/**\"]
",
    );
    if let Some((d, _)) = &s.adr_dir {
        let _ = write!(
            t,
            "
[adr]
# ADR documents: their status drives the rules that cite them (Proposed → warnings,
# Accepted → as declared, Deprecated/Superseded → retired); ```archdrift blocks in them hold rules
paths = [{}]
",
            toml_str(d)
        );
    }
    t.push_str(
        "
[suppressions]
# `// archdrift-ignore RULE_ID: reason` silences a rule on the next line; a reason is required
missing_reason = \"error\"
unused = \"warning\"
",
    );
    if s.typescript {
        t.push_str(
            "
[[rule]]
id = \"ts/no-console\"
kind = \"banned-pattern\"
severity = \"warning\"
message = \"`{match}` bypasses the application logger\"
help = \"Log through the project's logger, with context as fields.\"
tests = \"exclude\"
calls = [\"console.*\"]

[[rule]]
id = \"ts/no-eval\"
kind = \"banned-pattern\"
severity = \"error\"
message = \"`{match}` runs strings as code\"
help = \"Parse data with JSON.parse or a schema; never evaluate it.\"
calls = [\"eval\", \"Function\"]

[[rule]]
id = \"ts/no-debugger\"
kind = \"banned-pattern\"
severity = \"error\"
message = \"a `debugger` statement was left in\"
language = [\"typescript\", \"tsx\", \"javascript\"]
query = '(debugger_statement) @match'

[[rule]]
id = \"ts/no-explicit-any\"
kind = \"banned-pattern\"
severity = \"warning\"
message = \"explicit `any` turns type checking off\"
help = \"Use `unknown` and narrow it, or write the type.\"
tests = \"exclude\"
types = [\"any\"]
",
        );
        if let Some((name, dir, wrapped)) = &s.design_system {
            if !wrapped.is_empty() {
                let _ = write!(
                    t,
                    "
[[rule]]
id = \"ui/use-the-design-system\"
kind = \"banned-pattern\"
severity = \"error\"
message = \"`{{match}}` is wrapped by {name}; import the component from there\"
help = \"Use the {name} component, which applies the design tokens and accessibility fixes.\"
exclude = [{}]
imports = {}
",
                    toml_str(&format!("{dir}/**")),
                    toml_list(wrapped)
                );
            } else {
                let _ = writeln!(
                    t,
                    "\n# {name} ({dir}) looks like the design system: ban the libraries it wraps outside it,\n# e.g. imports = [\"@mui/material\"] with exclude = [\"{dir}/**\"]."
                );
            }
        }
        // near-copies of components, and of the design system's own ones
        let ds = s
            .design_system
            .as_ref()
            .map(|(name, dir, _)| {
                format!(
                    "design_system = [{}]\ndesign_system_import = {}\n",
                    toml_str(&format!("{dir}/**")),
                    toml_str(name)
                )
            })
            .unwrap_or_default();
        let _ = write!(
            t,
            "
[[rule]]
id = \"ui/duplicate-components\"
kind = \"duplicate-component\"
severity = \"warning\"
message = \"near-copies of `{{match}}`\"
{ds}tests = \"exclude\"
"
        );
        // workspaces as layers: cycles between them are reported; add `allow` edges to enforce
        // a direction (tsconfig aliases and workspace package names are resolved)
        let groups: Vec<String> = s
            .workspaces
            .iter()
            .map(|w| w.trim_end_matches("/*").trim_end_matches("/**").to_string())
            .filter(|w| !w.is_empty() && !w.contains('*'))
            .collect();
        if groups.len() >= 2 {
            let layers: Vec<String> = groups
                .iter()
                .map(|g| {
                    let name: String = g
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                        .collect();
                    format!("{name} = [{}]", toml_str(&format!("{g}/**")))
                })
                .collect();
            let _ = write!(
                t,
                "
[[rule]]
id = \"arch/workspace-layers\"
kind = \"layer-boundary\"
severity = \"warning\"
message = \"import cycle\"
layers = {{ {} }}
cycles = \"layers\"
# allow = [\"…\"]   # e.g. \"apps -> packages\": then any other edge between layers is reported
",
                layers.join(", ")
            );
        }
        if !s.ts_aliases.is_empty() {
            let _ = writeln!(
                t,
                "\n# tsconfig path aliases ({}) are resolved by layer-boundary rules (see README,\n# \"Kind layer-boundary\"), e.g. to keep src/components from importing src/server.",
                s.ts_aliases.join(", ")
            );
        }
    }
    if s.rust {
        t.push_str(
            "
[[rule]]
id = \"rust/no-dbg\"
kind = \"banned-pattern\"
severity = \"error\"
message = \"`{match}` is a debugging aid left in\"
help = \"Use `tracing::debug!` (or remove it).\"
macros = [\"dbg\"]

[[rule]]
id = \"rust/no-todo\"
kind = \"banned-pattern\"
severity = \"warning\"
message = \"`{match}` panics when reached\"
help = \"Finish the code path or return an error.\"
tests = \"exclude\"
macros = [\"todo\", \"unimplemented\"]

[[rule]]
id = \"rust/no-unwrap\"
kind = \"banned-pattern\"
severity = \"warning\"
message = \"`.{match}()` panics on the error path\"
help = \"Propagate the error with `?` and context.\"
tests = \"exclude\"
methods = [\"unwrap\"]

[[rule]]
id = \"rust/no-process-exit\"
kind = \"banned-pattern\"
severity = \"warning\"
message = \"`{match}` ends the process without running destructors\"
help = \"Return an error from main instead.\"
tests = \"exclude\"
calls = [\"std::process::exit\", \"process::exit\"]
",
        );
    }
    if !s.typescript && !s.rust {
        t.push_str(
            "\n# No package.json, tsconfig.json or Cargo.toml found: add [[rule]] tables here.\n",
        );
    }
    t
}

/// The `archdrift init` command: writes `archdrift.toml`; returns what to tell the user.
pub(crate) fn run(path: Option<PathBuf>, force: bool) -> Result<String, CommandError> {
    let root = path.unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        return Err(CommandError::usage(format!(
            "{} is not a directory",
            root.display()
        )));
    }
    let target = root.join(CONFIG_FILE);
    if target.exists() && !force {
        return Err(CommandError::with_help(
            format!("{} already exists; not overwritten", target.display()),
            "pass --force to replace it",
        ));
    }
    let s = survey(&root);
    let text = render(&s);
    std::fs::write(&target, &text)
        .map_err(|e| CommandError::usage(format!("cannot write {}: {e}", target.display())))?;
    let rules = text.matches("[[rule]]").count();
    Ok(format!(
        "wrote {} with {rules} rules; next: `archdrift check`, then `archdrift baseline` to accept today's findings",
        target.display()
    ))
}
