//! The linters a repository already runs (ESLint, oxlint, Biome, clippy) and what they decide:
//! a generic hygiene rule that one of them enforces (or explicitly switches off) is the team's
//! decision already, so `init` writes it commented out; the linters' ignore patterns become the
//! `exclude` of the rules that honour their suppressions.

use std::collections::BTreeSet;
use std::path::Path;

use crate::core::relative;

use super::detect::walker;

/// One hygiene rule `init` may write, and the names other linters give it.
pub(crate) struct Hygiene {
    pub(crate) id: &'static str,
    /// `linter:rule` names whose suppressions this rule honours.
    pub(crate) honours: &'static [&'static str],
    /// Spellings in linter configs (ESLint/oxlint/Biome rule names, clippy lint names).
    names: &'static [&'static str],
    /// Presets that switch it on (text that appears in a config extending them).
    presets: &'static [&'static str],
}

pub(crate) const HYGIENE: &[Hygiene] = &[
    Hygiene {
        id: "ts/no-console",
        honours: &[
            "eslint:no-console",
            "oxlint:no-console",
            "biome:lint/suspicious/noConsole",
        ],
        names: &["no-console", "noConsole", "noConsoleLog"],
        presets: &[],
    },
    Hygiene {
        id: "ts/no-explicit-any",
        honours: &[
            "eslint:@typescript-eslint/no-explicit-any",
            "oxlint:typescript/no-explicit-any",
            "biome:lint/suspicious/noExplicitAny",
        ],
        names: &["no-explicit-any", "noExplicitAny"],
        presets: &[
            "plugin:@typescript-eslint/recommended",
            "tseslint.configs.recommended",
            "tseslint.configs.strict",
            "@typescript-eslint/recommended",
        ],
    },
    Hygiene {
        id: "ts/no-debugger",
        honours: &[
            "eslint:no-debugger",
            "oxlint:no-debugger",
            "biome:lint/suspicious/noDebugger",
        ],
        names: &["no-debugger", "noDebugger"],
        presets: &["eslint:recommended", "js.configs.recommended", "react-app"],
    },
    Hygiene {
        id: "rust/no-unwrap",
        honours: &["clippy:unwrap_used"],
        names: &["unwrap_used"],
        presets: &[],
    },
];

/// A linter configuration found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LinterConfig {
    /// eslint | oxlint | biome | clippy
    pub(crate) linter: &'static str,
    pub(crate) file: String,
    /// The folder it applies to ("" = the whole repository).
    dir: String,
    text: String,
}

/// What the repository's linters decide.
#[derive(Debug, Default)]
pub(crate) struct Linters {
    pub(crate) configs: Vec<LinterConfig>,
    /// Ignore patterns of the JS linters, as archdrift globs relative to the root.
    pub(crate) ignores: Vec<String>,
    /// Suppression comments counted per hygiene id (evidence the rule is enforced).
    disables: Vec<(&'static str, usize)>,
}

fn linter_of(name: &str) -> Option<&'static str> {
    if name.starts_with(".eslintrc") || name.starts_with("eslint.config.") {
        Some("eslint")
    } else if name == ".oxlintrc.json"
        || name == "oxlint.json"
        || name == "oxlintrc.json"
        // oxlint's JS/TS config (`export default defineConfig({ … })`)
        || name
            .strip_prefix("oxlint.config.")
            .is_some_and(|ext| matches!(ext, "ts" | "js" | "mjs" | "cjs" | "mts" | "cts"))
    {
        Some("oxlint")
    } else if name == "biome.json" || name == "biome.jsonc" {
        Some("biome")
    } else if name == "clippy.toml" || name == ".clippy.toml" {
        Some("clippy")
    } else {
        None
    }
}

/// Finds the linter configs (up to five levels down), their ignore patterns, and counts the
/// suppression comments for each hygiene rule in up to 4,000 source files.
pub(crate) fn survey(root: &Path) -> Linters {
    let mut l = Linters::default();
    let walk = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .require_git(false)
        .max_depth(Some(5))
        .filter_entry(|e| {
            let n = e.file_name().to_str().unwrap_or("");
            !matches!(n, "node_modules" | "target" | "dist" | "build" | ".git")
        })
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    // clippy run by CI or a task file: after the configs, which say more when they exist
    let mut runs = Vec::new();
    for e in walk.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let rel = relative(root, e.path());
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        if runs_linters(&rel, &name) {
            if let Ok(text) = crate::core::safe_read::read_config_string(e.path()) {
                let lines: String = text
                    .lines()
                    .filter(|t| runs_clippy(t))
                    .map(|t| format!("{}\n", t.trim()))
                    .collect();
                if !lines.is_empty() {
                    // a workflow runs from the root, a task file from its folder
                    let at = if rel.starts_with(".github/") || rel.starts_with(".circleci/") {
                        ""
                    } else {
                        &dir
                    };
                    runs.push(LinterConfig {
                        linter: "clippy",
                        file: format!("{rel} (runs cargo clippy)"),
                        dir: at.to_string(),
                        text: lines,
                    });
                }
            }
            continue;
        }
        if let Some(linter) = linter_of(&name) {
            if let Ok(text) = crate::core::safe_read::read_config_string(e.path()) {
                l.ignores.extend(ignore_patterns(linter, &text, &dir));
                l.configs.push(LinterConfig {
                    linter,
                    file: rel.clone(),
                    dir: dir.clone(),
                    text,
                });
            }
        } else if name == ".eslintignore" {
            if let Ok(text) = crate::core::safe_read::read_config_string(e.path()) {
                for line in text.lines() {
                    l.ignores.extend(to_glob(line, &dir));
                }
            }
        } else if name == "package.json" {
            if let Some(v) = super::detect::read_json(e.path()) {
                if let Some(c) = v.get("eslintConfig") {
                    l.configs.push(LinterConfig {
                        linter: "eslint",
                        file: format!("{rel} (eslintConfig)"),
                        dir: dir.clone(),
                        text: c.to_string(),
                    });
                }
            }
        } else if name == "Cargo.toml" {
            if let Ok(text) = crate::core::safe_read::read_config_string(e.path()) {
                if let Ok(doc) = text.parse::<toml::Table>() {
                    let lints = doc.get("lints").and_then(|t| t.get("clippy")).or_else(|| {
                        doc.get("workspace")
                            .and_then(|w| w.get("lints"))
                            .and_then(|t| t.get("clippy"))
                    });
                    if let Some(t) = lints {
                        l.configs.push(LinterConfig {
                            linter: "clippy",
                            file: format!("{rel} [lints.clippy]"),
                            dir: dir.clone(),
                            text: lints_text(t),
                        });
                    }
                }
            }
        } else if name == "lib.rs" || name == "main.rs" {
            if let Ok(text) = crate::core::safe_read::read_config_string(e.path()) {
                let attrs: String = text
                    .lines()
                    .take_while(|t| {
                        let t = t.trim();
                        t.is_empty() || t.starts_with("//") || t.starts_with("#!")
                    })
                    .filter(|t| t.contains("clippy::"))
                    .map(|t| format!("{t}\n"))
                    .collect();
                if !attrs.is_empty() {
                    // the crate's folder (`crates/a/src/lib.rs` → `crates/a`)
                    let krate = dir
                        .strip_suffix("/src")
                        .or((dir == "src").then_some(""))
                        .unwrap_or(&dir);
                    l.configs.push(LinterConfig {
                        linter: "clippy",
                        file: format!("{rel} (crate attributes)"),
                        dir: krate.to_string(),
                        text: attrs,
                    });
                }
            }
        }
    }
    l.configs.extend(runs);
    l.ignores.sort();
    l.ignores.dedup();
    l.disables = count_disables(root);
    l
}

/// A CI workflow or task file, where the linters a team runs are written down: GitHub
/// Actions, GitLab CI, CircleCI, Buildkite, Azure Pipelines, Travis, pre-commit, Make, just,
/// Task.
fn runs_linters(rel: &str, name: &str) -> bool {
    let yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    (yaml
        && (rel.starts_with(".github/workflows/")
            || rel.starts_with(".circleci/")
            || rel.starts_with(".buildkite/")))
        || matches!(
            name,
            ".gitlab-ci.yml"
                | "azure-pipelines.yml"
                | ".travis.yml"
                | ".pre-commit-config.yaml"
                | "Makefile"
                | "makefile"
                | "justfile"
                | "Justfile"
                | ".justfile"
                | "Taskfile.yml"
                | "Makefile.toml"
        )
}

/// A line that runs clippy: `cargo clippy …`, `cargo +nightly clippy`, the clippy actions,
/// pre-commit's `id: clippy` (not a comment).
fn runs_clippy(line: &str) -> bool {
    let t = line.trim_start();
    if t.starts_with('#') {
        return false;
    }
    t.contains("cargo clippy")
        || (t.contains("cargo +") && t.contains(" clippy"))
        || t.contains("clippy-action")
        || t.contains("clippy-check")
        || t.trim_start_matches("- ").trim() == "id: clippy"
}

/// `[lints.clippy]` as `name = "level"` lines (levels may be tables with `level`).
fn lints_text(t: &toml::Value) -> String {
    let mut s = String::new();
    if let Some(t) = t.as_table() {
        for (k, v) in t {
            let level = v
                .as_str()
                .or_else(|| v.get("level").and_then(|l| l.as_str()))
                .unwrap_or("");
            s.push_str(&format!("{k} = \"{level}\"\n"));
        }
    }
    s
}

/// A linter ignore line as an archdrift glob under `dir`.
fn to_glob(line: &str, dir: &str) -> Option<String> {
    let t = line.trim();
    if t.is_empty() || t.starts_with('#') || t.starts_with('!') {
        return None;
    }
    let t = t.trim_start_matches("./");
    let anchored = t.starts_with('/');
    let t = t.trim_start_matches('/');
    let g = match t.strip_suffix('/') {
        Some(d) => format!("{d}/**"),
        None => t.to_string(),
    };
    if g.is_empty() || g == "**" || g == "**/*" {
        return None;
    }
    let g = if dir.is_empty() || (!anchored && !g.contains('/')) {
        g
    } else {
        format!("{dir}/{g}")
    };
    // a pattern archdrift's glob compiler rejects would make the written file fail to load
    crate::core::glob::Globs::new(std::slice::from_ref(&g)).ok()?;
    Some(g)
}

/// Ignore patterns in a linter config: oxlint `ignorePatterns`, Biome `files.ignore` and
/// negated `files.includes`, ESLint `ignorePatterns` and flat-config `ignores: [...]`.
fn ignore_patterns(linter: &str, text: &str, dir: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(v) = super::detect::read_json_text(text) {
        let mut lists = Vec::new();
        lists.push(v.get("ignorePatterns"));
        if let Some(f) = v.get("files") {
            lists.push(f.get("ignore"));
            if let Some(inc) = f.get("includes").and_then(|i| i.as_array()) {
                for p in inc {
                    if let Some(neg) = p.as_str().and_then(|s| s.strip_prefix('!')) {
                        out.extend(to_glob(neg.trim_start_matches('!'), dir));
                    }
                }
            }
        }
        for l in lists.into_iter().flatten() {
            for p in l.as_array().into_iter().flatten() {
                if let Some(s) = p.as_str() {
                    out.extend(to_glob(s, dir));
                }
            }
        }
    } else if linter == "eslint" || linter == "oxlint" {
        // a JS/TS config: string literals in ESLint's flat `ignores: [ … ]`, oxlint's
        // `ignorePatterns: [ … ]`
        let key = if linter == "eslint" {
            "ignores"
        } else {
            "ignorePatterns"
        };
        let mut rest = text;
        while let Some(at) = rest.find(key) {
            rest = &rest[at + key.len()..];
            let Some(open) = rest.find('[') else { break };
            if rest[..open].trim().trim_start_matches(':').trim() != "" {
                continue;
            }
            let (literals, close) = string_literals(&rest[open + 1..]);
            for p in literals {
                if !p.is_empty() {
                    out.extend(to_glob(&p, dir));
                }
            }
            let Some(close) = close else { break };
            rest = &rest[open + 1 + close..];
        }
    }
    out
}

/// The string literals of a JS array's text up to its closing `]` (not one inside a string),
/// and where that `]` is. A literal is read whole, so a brace glob's comma
/// (`"src/**/*.{ts,tsx}"`) stays inside it; a template literal that interpolates (`${…}`) is
/// not a fixed pattern and is left out.
fn string_literals(text: &str) -> (Vec<String>, Option<usize>) {
    let mut out = Vec::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            ']' => return (out, Some(i)),
            '"' | '\'' | '`' => {
                let mut lit = String::new();
                let mut closed = false;
                while let Some((_, d)) = chars.next() {
                    if d == '\\' {
                        if let Some((_, e)) = chars.next() {
                            lit.push(e);
                        }
                    } else if d == c {
                        closed = true;
                        break;
                    } else {
                        lit.push(d);
                    }
                }
                if !closed {
                    return (out, None);
                }
                if !(c == '`' && lit.contains("${")) {
                    out.push(lit);
                }
            }
            _ => {}
        }
    }
    (out, None)
}

/// `eslint-disable… no-console` (and the oxlint/Biome spellings) comments per hygiene rule.
fn count_disables(root: &Path) -> Vec<(&'static str, usize)> {
    let mut counts: Vec<(&'static str, usize)> = HYGIENE.iter().map(|h| (h.id, 0)).collect();
    let mut files = 0;
    for e in walker(root, 12).flatten() {
        let name = e.file_name().to_string_lossy();
        let ts = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"]
            .iter()
            .any(|x| name.ends_with(x));
        let rs = name.ends_with(".rs");
        if !(ts || rs) || e.metadata().map_or(true, |m| m.len() > 1 << 20) {
            continue;
        }
        files += 1;
        if files > 4000 {
            break;
        }
        let Ok(text) = crate::core::safe_read::read_config_string(e.path()) else {
            continue;
        };
        let marks = [
            "eslint-disable",
            "oxlint-disable",
            "biome-ignore",
            "clippy::",
        ];
        if !marks.iter().any(|m| text.contains(m)) {
            continue;
        }
        for line in text.lines() {
            let is_disable = marks[..3].iter().any(|m| line.contains(m))
                || (line.contains("allow(") && line.contains("clippy::"));
            if !is_disable {
                continue;
            }
            for (h, c) in HYGIENE.iter().zip(counts.iter_mut()) {
                if h.names.iter().any(|n| line.contains(n)) {
                    c.1 += 1;
                }
            }
        }
    }
    counts
}

impl Linters {
    /// The JS/TS linters found (for the header).
    pub(crate) fn names(&self) -> Vec<String> {
        let set: BTreeSet<String> = self
            .configs
            .iter()
            .map(|c| format!("{} ({})", c.linter, c.file))
            .collect();
        set.into_iter().take(6).collect()
    }

    /// Why the hygiene rule `id` is already the linters' decision for the whole repository, if
    /// it is: a linter configured at the root enforces it, or runs without it (the team chose
    /// its generic rules), or the source holds suppressions for it.
    pub(crate) fn decided(&self, id: &str) -> Option<String> {
        let rust = id.starts_with("rust/");
        for c in self.configs.iter().filter(|c| c.dir.is_empty()) {
            if let Some(why) = self.reason(c, id) {
                return Some(why);
            }
        }
        let n = self
            .disables
            .iter()
            .find(|(i, _)| *i == id)
            .map_or(0, |d| d.1);
        let any = self.configs.iter().any(|c| rust == (c.linter == "clippy"));
        if n >= 3 && any && self.decided_in(id).is_empty() {
            return Some(format!(
                "{n} suppression comments for it in the source show a linter enforces it"
            ));
        }
        None
    }

    /// Folders whose own linter config decides the hygiene rule `id`: (folder, reason).
    pub(crate) fn decided_in(&self, id: &str) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = self
            .configs
            .iter()
            .filter(|c| !c.dir.is_empty())
            .filter_map(|c| self.reason(c, id).map(|r| (c.dir.clone(), r)))
            .collect();
        v.sort();
        v.dedup_by(|a, b| a.0 == b.0);
        v
    }

    /// Why config `c` decides hygiene rule `id` (it enforces it, switches it off, or is a
    /// linter of that language running without it).
    fn reason(&self, c: &LinterConfig, id: &str) -> Option<String> {
        let h = HYGIENE.iter().find(|h| h.id == id)?;
        let rust = id.starts_with("rust/");
        if rust != (c.linter == "clippy") {
            return None;
        }
        for n in h.names {
            if let Some(level) = setting(&c.text, n) {
                let verb = if is_off(&level) {
                    "switches off"
                } else {
                    "sets"
                };
                return Some(format!("{} config {} {verb} `{n}`", c.linter, c.file));
            }
        }
        for p in h.presets {
            if c.text.contains(p) {
                return Some(format!(
                    "{} config {} extends `{p}`, which includes it",
                    c.linter, c.file
                ));
            }
        }
        let default_on = match (c.linter, id) {
            ("oxlint", "ts/no-debugger") => !c.text.contains("\"correctness\": \"off\""),
            ("biome", "ts/no-debugger" | "ts/no-explicit-any") => {
                !c.text.contains("\"recommended\": false")
            }
            _ => false,
        };
        if default_on {
            return Some(format!("{} ({}) reports it by default", c.linter, c.file));
        }
        // a linter runs here and leaves it off: the team chose its set of generic rules
        if let Some(file) = c.file.strip_suffix(" (runs cargo clippy)") {
            return Some(format!(
                "{file} runs clippy without `{}` (a restriction lint, off by default): the team chose its lints",
                h.names[0]
            ));
        }
        Some(format!(
            "{} ({}) runs without it: the team's linter config chose its generic rules",
            c.linter, c.file
        ))
    }
}

/// The value after `name` in a config (`"no-console": "warn"`, `unwrap_used = "deny"`,
/// `#![deny(clippy::unwrap_used)]`), when the name appears as a rule key.
fn setting(text: &str, name: &str) -> Option<String> {
    let mut rest = text;
    while let Some(at) = rest.find(name) {
        let before = rest[..at].chars().last();
        let after_str = &rest[at + name.len()..];
        let after = after_str.chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
        // `@typescript-eslint/no-explicit-any` and `typescript/no-explicit-any` count too
        if !word(before) && !word(after) {
            let tail = after_str.trim_start_matches(['"', '\'', ' ', ':', '=', '[']);
            let level: String = tail.chars().take_while(|c| c.is_alphanumeric()).collect();
            // crate attributes: the level is before the name
            let head = &rest[..at];
            if let Some(attr) = head.rfind("#![") {
                let lvl: String = head[attr + 3..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric())
                    .collect();
                if !head[attr..].contains('\n') {
                    return Some(lvl);
                }
            }
            if !level.is_empty() {
                return Some(level);
            }
        }
        rest = &rest[at + name.len()..];
    }
    None
}

fn is_off(level: &str) -> bool {
    matches!(level, "off" | "0" | "allow")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_levels() {
        assert_eq!(
            setting("{\"rules\": {\"no-console\": \"warn\"}}", "no-console").as_deref(),
            Some("warn")
        );
        assert_eq!(
            setting(
                "'@typescript-eslint/no-explicit-any': 'off'",
                "no-explicit-any"
            )
            .as_deref(),
            Some("off")
        );
        assert_eq!(
            setting("unwrap_used = \"deny\"\n", "unwrap_used").as_deref(),
            Some("deny")
        );
        assert_eq!(
            setting("#![warn(clippy::unwrap_used)]\n", "unwrap_used").as_deref(),
            Some("warn")
        );
        // near-misses: another rule that contains the name, a mention without a level
        assert_eq!(setting("\"no-console-log\": \"warn\"", "no-console"), None);
        assert_eq!(setting("expect_used = \"deny\"", "unwrap_used"), None);
    }

    #[test]
    fn ignore_lines_become_globs() {
        assert_eq!(to_glob("dist/", "").as_deref(), Some("dist/**"));
        assert_eq!(
            to_glob("/build", "apps/web").as_deref(),
            Some("apps/web/build")
        );
        assert_eq!(to_glob("*.d.ts", "apps/web").as_deref(), Some("*.d.ts"));
        assert_eq!(to_glob("# comment", ""), None);
        assert_eq!(to_glob("!keep.ts", ""), None);
        // a pattern the glob compiler rejects is not written (it would break the whole file)
        assert_eq!(to_glob("src/{ts", ""), None);
        let flat = "export default [{ ignores: [\"generated/**\", 'scripts/'] }, { rules: {} }];";
        assert_eq!(
            ignore_patterns("eslint", flat, ""),
            vec!["generated/**".to_string(), "scripts/**".to_string()]
        );
        // oxlint's TS config; a mention of the key in a comment is not a list
        let ox_ts = "import { defineConfig } from \"oxlint\";\n// ignorePatterns below\nexport default defineConfig({\n  rules: {},\n  ignorePatterns: [\n    \"packages/proto/gen/**\",\n    \"**/*_pb.ts\",\n  ],\n});\n";
        assert_eq!(
            ignore_patterns("oxlint", ox_ts, ""),
            vec![
                "packages/proto/gen/**".to_string(),
                "**/*_pb.ts".to_string()
            ]
        );
        // a brace glob's comma is inside its literal (langfuse's `*.stories.{ts,tsx}` was split
        // into `tsx}`, a glob that does not compile); `]` inside a literal does not end the list;
        // an interpolating template is not a pattern
        let braces = "export default [{ ignores: [\"src/**/*.stories.{ts,tsx}\", 'a/[x]/**', `${dir}/gen`, `fixed/`] }];";
        assert_eq!(
            ignore_patterns("eslint", braces, ""),
            vec![
                "src/**/*.stories.{ts,tsx}".to_string(),
                "a/[x]/**".to_string(),
                "fixed/**".to_string()
            ]
        );
        assert_eq!(linter_of("oxlint.config.ts"), Some("oxlint"));
        assert_eq!(linter_of("oxlint.config.mjs"), Some("oxlint"));
        // near-misses: another tool's config, a backup copy
        assert_eq!(linter_of("oxfmt.config.ts"), None);
        assert_eq!(linter_of("oxlint.config.ts.bak"), None);
        let ox = "{ \"ignorePatterns\": [\"build/**\", \".react-router/**\"] }";
        assert_eq!(
            ignore_patterns("oxlint", ox, ""),
            vec!["build/**".to_string(), ".react-router/**".to_string()]
        );
    }
}
