//! What the code itself does, for the hygiene rules no linter decides: when the form a rule
//! forbids is the codebase's majority practice (console calls in more files than import the
//! application logger; explicit `any` in more files than use `unknown`; `.unwrap()` in more Rust
//! files than `.expect(…)`, the form a team that forbids `unwrap` writes instead), the team has
//! decided by its practice, and `init` writes the rule commented out with the counts.

use std::path::Path;

use super::detect::walker;
use crate::core::glob::Globs;
use crate::core::safe_read;

/// Below this many files the forbidden form is a handful of fixes, not a practice.
const MIN_FILES: usize = 20;

/// Larger files are generated or bundled code, not the team's practice.
const MAX_BYTES: u64 = 1 << 20;

/// Production TS/JS files (tests, stories, mocks and type declarations left out) counted by
/// what they hold.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Practice {
    pub(crate) files: usize,
    /// Files calling `console.*`.
    pub(crate) console: usize,
    /// Files calling `console.log`/`debug`/`trace`/`dir`/`table` (what `ts/no-console` bans
    /// when the code has no logger).
    pub(crate) console_log: usize,
    /// Files importing the application logger (its package, or a binding named `logger`).
    pub(crate) logger: usize,
    /// Files with an explicit `any` type.
    pub(crate) any: usize,
    /// Files with an `unknown` type.
    pub(crate) unknown: usize,
    /// Production Rust files (test modules and what the survey's test and tooling globs match
    /// left out; a file's text from its first `#[cfg(test)]` on is not counted).
    pub(crate) rust_files: usize,
    /// Rust files calling `.unwrap()`.
    pub(crate) unwrap: usize,
    /// Rust files calling `.expect(`.
    pub(crate) expect: usize,
}

/// Whether `rel` is production code: not matched by `not_production` (the test and tooling
/// globs `init` writes), not a type declaration, not a `#[cfg(test)] mod tests;` file.
fn is_production(rel: &str, not_production: &Globs) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    !(not_production.is_match(rel) || name.ends_with(".d.ts") || name == "tests.rs")
}

/// Counts the repository's production TS/JS and Rust files at `root` (`not_production`: the
/// globs of its test and tooling code, as `init` writes them); `logger` is the package name of
/// the application logger, if any.
pub(crate) fn survey(root: &Path, logger: Option<&str>, not_production: &[String]) -> Practice {
    let mut p = Practice::default();
    let not_production = Globs::new(not_production).unwrap_or_else(|_| Globs::from_static(&[]));
    let quoted: Vec<String> = logger
        .map(|l| {
            vec![
                format!("\"{l}\""),
                format!("'{l}'"),
                format!("\"{l}/"),
                format!("'{l}/"),
            ]
        })
        .unwrap_or_default();
    for e in walker(root, 64).flatten() {
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        let counted = matches!(
            ext,
            "rs" | "ts" | "tsx" | "js" | "jsx" | "mts" | "cts" | "mjs" | "cjs"
        );
        if !counted || !is_production(&crate::core::relative(root, path), &not_production) {
            continue;
        }
        let Ok(text) = safe_read::read_regular_string(path, MAX_BYTES) else {
            continue;
        };
        if ext == "rs" {
            let text = text.find("#[cfg(test)]").map_or(&text[..], |i| &text[..i]);
            p.rust_files += 1;
            p.unwrap += usize::from(text.contains(".unwrap()"));
            p.expect += usize::from(text.contains(".expect("));
            continue;
        }
        p.files += 1;
        if has_console_call(&text) {
            p.console += 1;
            if DEBUG_METHODS.iter().any(|m| has_console_method(&text, m)) {
                p.console_log += 1;
            }
        }
        if !quoted.is_empty()
            && (quoted.iter().any(|q| text.contains(q.as_str())) || imports_a_logger(&text))
        {
            p.logger += 1;
        }
        if matches!(ext, "ts" | "tsx" | "mts" | "cts") {
            if has_type(&text, "any") {
                p.any += 1;
            }
            if has_type(&text, "unknown") {
                p.unknown += 1;
            }
        }
    }
    p
}

/// An import of a binding named `logger` (the application's wrapper of its logging library:
/// `import { logger } from "@/lib/axiom/server"`).
fn imports_a_logger(text: &str) -> bool {
    text.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("import ")
            && l.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|w| w == "logger")
    })
}

/// The console methods `ts/no-console` bans when no logger is found (as written by `init`).
const DEBUG_METHODS: &[&str] = &["log", "debug", "trace", "dir", "table"];

/// `console.log(`, `console.error (`: a call of a console method.
fn has_console_call(text: &str) -> bool {
    console_calls(text).next().is_some()
}

/// A call of `console.<method>`.
fn has_console_method(text: &str, method: &str) -> bool {
    console_calls(text).any(|m| m == method)
}

/// The methods of the `console.<method>(` calls in `text`.
fn console_calls(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("console.").filter_map(|(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
            return None;
        }
        let rest = &text[i + "console.".len()..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (name_len > 0 && rest[name_len..].trim_start().starts_with('(')).then(|| &rest[..name_len])
    })
}

/// A type annotation with `word`: `: any`, `as any`, `<any>`, `any[]`, `| any`, `, any>`.
fn has_type(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let after = text[i + word.len()..].chars().next();
        if after.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            return false;
        }
        let before = text[..i].trim_end();
        let Some(b) = before.chars().next_back() else {
            return false;
        };
        if matches!(b, ':' | '<' | '|' | '&' | ',') {
            // not `a ? b : any_thing` (excluded above) nor an object key `{ any: 1 }`
            return !text[i + word.len()..].trim_start().starts_with(':');
        }
        before.ends_with(" as") || before.ends_with("\tas") || before.ends_with("\nas")
    })
}

/// How the production code renders one raw element the design system has a component for.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct ElementUse {
    /// `input`
    pub(crate) element: String,
    /// `Input`
    pub(crate) component: String,
    /// Production `.tsx`/`.jsx` files outside the design system with a raw `<input`.
    pub(crate) raw: usize,
    /// Such files rendering `<Input` and importing from the design system.
    pub(crate) component_files: usize,
}

impl ElementUse {
    /// The component is not the team's practice for this element yet: the raw element is in
    /// [`MIN_FILES`] files or more, and the component in under a fifth of the files that render
    /// one or the other. A rule reporting every raw use would then report the codebase's way of
    /// writing it, not drift from it.
    pub(crate) fn not_adopted(&self) -> bool {
        self.raw >= MIN_FILES && self.component_files * 4 < self.raw
    }
}

/// Counts, for each raw element of `elements` (element, component), the production files
/// (`.tsx`/`.jsx`, not matched by `not_production` — test, tooling and the design system's own
/// source) that render it raw, and those that render the component and import from one of
/// `imports` (the design system's packages and paths).
pub(crate) fn elements(
    root: &Path,
    elements: &[(String, String)],
    imports: &[String],
    not_production: &[String],
) -> Vec<ElementUse> {
    let mut out: Vec<ElementUse> = elements
        .iter()
        .map(|(e, c)| ElementUse {
            element: e.clone(),
            component: c.clone(),
            ..Default::default()
        })
        .collect();
    if out.is_empty() || imports.is_empty() {
        return out;
    }
    let not_production = Globs::new(not_production).unwrap_or_else(|_| Globs::from_static(&[]));
    let quoted: Vec<String> = imports
        .iter()
        .flat_map(|i| {
            [
                format!("\"{i}\""),
                format!("'{i}'"),
                format!("\"{i}/"),
                format!("'{i}/"),
            ]
        })
        .collect();
    for e in walker(root, 64).flatten() {
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "tsx" | "jsx")
            || !is_production(&crate::core::relative(root, path), &not_production)
        {
            continue;
        }
        let Ok(text) = safe_read::read_regular_string(path, MAX_BYTES) else {
            continue;
        };
        let from_ds = quoted.iter().any(|q| text.contains(q.as_str()));
        for u in &mut out {
            let raw = if u.element == "input" {
                renders_text_input(&text)
            } else {
                renders(&text, &u.element)
            };
            if raw {
                u.raw += 1;
            }
            // imported from the design system, or by a relative path (an in-app library's
            // own folder is imported as `../Button`)
            if renders(&text, &u.component) && (from_ds || imports_relative(&text, &u.component)) {
                u.component_files += 1;
            }
        }
    }
    out
}

/// Whether `text` imports a binding named `name` from a relative path
/// (`import { Button } from "../Button"`, `import Button from "./Button"`, on one line or more).
fn imports_relative(text: &str, name: &str) -> bool {
    text.match_indices("import ").any(|(i, _)| {
        if i > 0 && !text[..i].ends_with(['\n', ';', ' ', '\t']) {
            return false;
        }
        let rest = &text[i..];
        let mut end = rest.len().min(2000);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &rest[..end];
        let Some(j) = rest.find(" from ") else {
            return false;
        };
        let spec = rest[j + " from ".len()..].trim_start();
        let relative = ["\"./", "\"../", "'./", "'../"]
            .iter()
            .any(|p| spec.starts_with(p));
        relative
            && rest[..j]
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .any(|w| w == name)
    })
}

/// Whether `text` holds an `<input` tag that is a text field: not a checkbox, radio, range,
/// date, file or hidden input (those have components of their own, or none), as far as its
/// `type` is a literal in the tag.
fn renders_text_input(text: &str) -> bool {
    text.match_indices("<input").any(|(i, _)| {
        let rest = &text[i + "<input".len()..];
        if !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
        {
            return false;
        }
        let tag = rest.split('>').next().unwrap_or(rest);
        !["checkbox", "radio", "range", "date", "file", "hidden"]
            .iter()
            .any(|t| tag.contains(&format!("type=\"{t}\"")) || tag.contains(&format!("type='{t}'")))
    })
}

/// Whether `text` holds a JSX tag `<name` (followed by a space, `>`, `/` or a line end).
fn renders(text: &str, name: &str) -> bool {
    let tag = format!("<{name}");
    text.match_indices(&tag).any(|(i, _)| {
        text[i + tag.len()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
    })
}

impl Practice {
    /// Why a hygiene rule is not the team's practice, with the counts; `None` when it is (or
    /// the counts are too small to call it a practice).
    pub(crate) fn contradicts(&self, id: &str, logger: Option<&str>) -> Option<String> {
        match id {
            "ts/no-console" => match logger {
                Some(l) => (self.console >= MIN_FILES && self.console > self.logger).then(|| {
                    format!(
                        "the code logs with `console` in {} of its {} production files and imports {l} (or a `logger` wrapping it) in {}",
                        self.console, self.files, self.logger
                    )
                }),
                // no logger: the rule bans `console.log` as leftover debugging, but where that
                // many files call it, it is how the code logs (an error in a catch block, "email
                // sent"), not something left in
                None => (self.console_log >= MIN_FILES).then(|| {
                    format!(
                        "the code has no logger and logs with `console.log` (or `debug`, `trace`) in {} of its {} production files",
                        self.console_log, self.files
                    )
                }),
            },
            "ts/no-explicit-any" => (self.any >= MIN_FILES && self.any > self.unknown).then(|| {
                format!(
                    "{} of its {} production files use an explicit `any`, more than use `unknown` ({})",
                    self.any, self.files, self.unknown
                )
            }),
            "rust/no-unwrap" => (self.unwrap >= MIN_FILES && self.unwrap > self.expect).then(|| {
                format!(
                    "{} of its {} production Rust files call `.unwrap()`, more than call `.expect(…)` ({})",
                    self.unwrap, self.rust_files, self.expect
                )
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_tags_and_relative_component_imports() {
        assert!(renders("<input className=\"x\" />", "input"));
        assert!(renders("<input\n  id=\"a\" />", "input"));
        assert!(renders("<Input/>", "Input"));
        // near-miss: another tag that starts alike
        assert!(!renders("<inputs />", "input"));
        assert!(renders_text_input(
            "<input type=\"email\" className=\"x\" />"
        ));
        assert!(renders_text_input("<input\n  value={v}\n/>"));
        // near-misses: typed inputs that are not text fields
        assert!(!renders_text_input("<input type=\"checkbox\" checked />"));
        assert!(!renders_text_input(
            "<input className=\"hidden\" type=\"file\" />"
        ));
        assert!(!renders("<InputGroup>", "Input"));
        assert!(imports_relative(
            "import { Button } from \"../Button\";\n",
            "Button"
        ));
        assert!(imports_relative(
            "import {\n  Island,\n  Button,\n} from './components';\n",
            "Button"
        ));
        // near-misses: from a package, another name, `import` inside a word
        assert!(!imports_relative(
            "import { Button } from \"@acme/ui\";\n",
            "Button"
        ));
        assert!(!imports_relative(
            "import { ButtonGroup } from \"./ButtonGroup\";\n",
            "Button"
        ));
        assert!(!imports_relative("reimport Button from \"./x\"", "Button"));
    }

    #[test]
    fn console_calls_and_types_are_recognised() {
        assert!(imports_a_logger(
            "import { logger, f } from \"@/lib/log\";\n"
        ));
        assert!(!imports_a_logger(
            "const logger = 1;\nimport { loggerConfig } from \"x\";\n"
        ));
        assert!(has_console_call("console.log(\"x\")"));
        assert!(has_console_call("  console.error (e);"));
        assert!(!has_console_call("const c = console.log;"));
        assert!(!has_console_call("myconsole.log(1)"));
        assert!(has_console_method(
            "try {} catch (e) { console.log(e) }",
            "log"
        ));
        assert!(!has_console_method(
            "console.error(e); console.logger(1)",
            "log"
        ));
        assert!(has_type("let a: any = 1", "any"));
        assert!(has_type("x as any", "any"));
        assert!(has_type("Record<string, any>", "any"));
        assert!(has_type("const v: any[] = []", "any"));
        assert!(!has_type("// any time now", "any"));
        assert!(!has_type("const o = { any: 1 }", "any"));
        assert!(!has_type("const company = 1", "any"));
        assert!(has_type("catch (e: unknown)", "unknown"));
    }

    #[test]
    fn the_majority_practice_decides_and_small_counts_do_not() {
        let p = Practice {
            files: 400,
            console: 120,
            logger: 30,
            any: 40,
            unknown: 60,
            ..Practice::default()
        };
        let why = p
            .contradicts("ts/no-console", Some("@acme/logger"))
            .unwrap();
        assert!(why.contains("120 of its 400"), "{why}");
        // `unknown` is the majority: explicit `any` is the exception the rule is for
        assert_eq!(p.contradicts("ts/no-explicit-any", None), None);
        // without a logger, `console.log` in that many files is how the code logs
        assert_eq!(
            p.contradicts("ts/no-console", None),
            None,
            "console_log is 0"
        );
        let no_logger = Practice {
            console_log: 20,
            ..p.clone()
        };
        let why = no_logger.contradicts("ts/no-console", None).unwrap();
        assert!(
            why.contains("no logger") && why.contains("20 of its 400"),
            "{why}"
        );
        let few = Practice {
            console_log: 19,
            ..p.clone()
        };
        assert_eq!(few.contradicts("ts/no-console", None), None);
        let small = Practice {
            files: 50,
            console: 12,
            logger: 1,
            any: 19,
            unknown: 0,
            ..Practice::default()
        };
        assert_eq!(small.contradicts("ts/no-console", Some("pino")), None);
        assert_eq!(small.contradicts("ts/no-explicit-any", None), None);
    }

    #[test]
    fn unwrap_is_the_practice_when_more_files_unwrap_than_expect() {
        let p = Practice {
            rust_files: 200,
            unwrap: 70,
            expect: 30,
            ..Practice::default()
        };
        let why = p.contradicts("rust/no-unwrap", None).unwrap();
        assert!(why.contains("70 of its 200"), "{why}");
        // a team that forbids `unwrap` writes `expect`: the rule is its decision
        let forbids = Practice {
            rust_files: 1400,
            unwrap: 22,
            expect: 300,
            ..Practice::default()
        };
        assert_eq!(forbids.contradicts("rust/no-unwrap", None), None);
        let small = Practice {
            rust_files: 30,
            unwrap: 19,
            expect: 0,
            ..Practice::default()
        };
        assert_eq!(small.contradicts("rust/no-unwrap", None), None);
        // what init writes for a Rust repository: the defaults, `benches/`, `build.rs`
        let globs = Globs::from_static(&["**/tests/**", "**/benches/**", "**/build.rs"]);
        assert!(!is_production("crates/a/src/foo/tests.rs", &globs));
        assert!(!is_production("crates/a/benches/b.rs", &globs));
        assert!(!is_production("build.rs", &globs));
        assert!(is_production("crates/a/src/testing_helpers.rs", &globs));
    }
}
