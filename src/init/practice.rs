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
    for text in production_jsx(root, &not_production) {
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

/// How the production code imports one UI library the design system wraps.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct WrappedUse {
    /// `@headlessui/react`, `@radix-ui/*` (as `wraps` names it)
    pub(crate) library: String,
    /// Production files outside the design system importing from it a name the design
    /// system has a component of (`{ Popover }`, `* as DialogPrimitive`).
    pub(crate) direct: usize,
    /// Files importing one of those names from the design system.
    pub(crate) through_ds: usize,
    /// The names imported directly, for the comment.
    pub(crate) names: Vec<String>,
}

impl WrappedUse {
    /// The direct import is the code's practice: in [`MIN_FILES`] files or more, and the
    /// design system's components of those names in under a fifth as many (as for a raw
    /// element, [`ElementUse::not_adopted`]).
    pub(crate) fn not_adopted(&self) -> bool {
        self.direct >= MIN_FILES && self.through_ds * 4 < self.direct
    }
}

/// Whether `spec` is imported from the library `wraps` names (`@radix-ui/*` matches
/// `@radix-ui/react-dialog`; `cmdk` matches `cmdk` and `cmdk/sub`).
fn wraps_spec(library: &str, spec: &str) -> bool {
    match library.strip_suffix("/*") {
        Some(scope) => spec.strip_prefix(scope).is_some_and(|r| r.starts_with('/')),
        None => {
            spec == library
                || spec
                    .strip_prefix(library)
                    .is_some_and(|r| r.starts_with('/'))
        }
    }
}

/// The import statements of `text` as (module, imported names): named imports by their
/// exported name (`{ A as B }` → `A`), a default import, and a namespace import by its alias
/// without `Primitive(s)` (`* as DialogPrimitive` → `Dialog`). Type-only imports are left out
/// (the rule leaves them alone). A light scan, not a parse.
fn imports(text: &str) -> Vec<(&str, Vec<&str>)> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("import ") {
        if i > 0 && !text[..i].ends_with(['\n', ';']) {
            continue;
        }
        let rest = &text[i + "import ".len()..];
        let mut end = rest.len().min(2000);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &rest[..end];
        if rest.starts_with("type ") {
            continue;
        }
        let Some(j) = rest.find(" from ") else {
            continue;
        };
        let clause = &rest[..j];
        let spec = rest[j + " from ".len()..].trim_start();
        let Some(q) = spec.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let Some(close) = spec[1..].find(q) else {
            continue;
        };
        let module = &spec[1..1 + close];
        let mut names = Vec::new();
        let (named, outer) = match (clause.find('{'), clause.rfind('}')) {
            (Some(a), Some(b)) if a < b => (
                &clause[a + 1..b],
                format!("{}{}", &clause[..a], &clause[b + 1..]),
            ),
            _ => ("", clause.to_string()),
        };
        for part in named.split(',') {
            let part = part.trim();
            if part.is_empty() || part.starts_with("type ") {
                continue;
            }
            if let Some(n) = part.split_whitespace().next() {
                names.push(n);
            }
        }
        // a default or namespace import, found again in `clause` to borrow from `text`
        for word in outer.split(',') {
            let w = word.trim();
            let local = w.strip_prefix("* as ").unwrap_or(w).trim();
            if local.is_empty()
                || !local
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
            {
                continue;
            }
            if let Some(at) = clause.find(local) {
                let l = &clause[at..at + local.len()];
                let l = l
                    .strip_suffix("Primitives")
                    .or_else(|| l.strip_suffix("Primitive"))
                    .unwrap_or(l);
                names.push(l);
            }
        }
        out.push((module, names));
    }
    out
}

/// Counts, for each library of `wraps`, the production files (`.ts`/`.tsx`/`.js`/`.jsx`, not
/// matched by `not_production`: test, tooling and the design system's own source) that import
/// from it a name of `components` (the design system's), and those that import one of the
/// names so imported from the design system (`imports`: its packages and paths).
pub(crate) fn wrapped(
    root: &Path,
    wraps: &[String],
    components: &std::collections::BTreeSet<String>,
    ds_imports: &[String],
    not_production: &[String],
) -> Vec<WrappedUse> {
    let mut out: Vec<WrappedUse> = wraps
        .iter()
        .map(|w| WrappedUse {
            library: w.clone(),
            ..Default::default()
        })
        .collect();
    if out.is_empty() || components.is_empty() || ds_imports.is_empty() {
        return out;
    }
    let not_production = Globs::new(not_production).unwrap_or_else(|_| Globs::from_static(&[]));
    let from_ds = |m: &str| {
        ds_imports.iter().any(|d| {
            m == d
                || m.strip_prefix(d.as_str())
                    .is_some_and(|r| r.starts_with('/'))
        })
    };
    // per file, the names it imports from the design system
    let mut ds_files: Vec<Vec<String>> = Vec::new();
    let mut direct_names: Vec<std::collections::BTreeSet<String>> =
        vec![Default::default(); out.len()];
    for e in walker(root, 64).flatten() {
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "ts" | "tsx" | "js" | "jsx")
            || !is_production(&crate::core::relative(root, path), &not_production)
        {
            continue;
        }
        let Ok(text) = safe_read::read_regular_string(path, MAX_BYTES) else {
            continue;
        };
        if !text.contains("import ") {
            continue;
        }
        let mut mine: Vec<String> = Vec::new();
        let mut hit = vec![false; out.len()];
        for (module, names) in imports(&text) {
            if from_ds(module) {
                mine.extend(names.iter().map(|n| n.to_string()));
                continue;
            }
            for (k, u) in out.iter().enumerate() {
                if !wraps_spec(&u.library, module) {
                    continue;
                }
                for n in &names {
                    if components.contains(*n) {
                        hit[k] = true;
                        direct_names[k].insert(n.to_string());
                    }
                }
            }
        }
        for (k, h) in hit.into_iter().enumerate() {
            out[k].direct += usize::from(h);
        }
        if !mine.is_empty() {
            ds_files.push(mine);
        }
    }
    for (u, names) in out.iter_mut().zip(direct_names) {
        u.through_ds = ds_files
            .iter()
            .filter(|f| f.iter().any(|n| names.contains(n)))
            .count();
        u.names = names.into_iter().collect();
    }
    out
}

/// The smallest height a component of the design system is made for: the lowest of its own
/// class lists (its sizes) and of the heights the code gives it often (`<Button
/// className="h-7">` in many files: the team's practice makes it fit there).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct HeightFloor {
    pub(crate) component: String,
    /// The lowest and highest heights of its own class lists, and the file they are in.
    pub(crate) offered: Option<(f64, f64, String)>,
    /// The lowest and highest heights the code renders it at often, with the number of
    /// files of each.
    pub(crate) practiced: Option<((f64, usize), (f64, usize))>,
}

impl HeightFloor {
    /// The lowest and highest heights it is made for.
    pub(crate) fn bounds(&self) -> Option<(f64, f64)> {
        match (&self.offered, &self.practiced) {
            (Some((a, b, _)), Some(((c, _), (d, _)))) => Some((a.min(*c), b.max(*d))),
            (Some((a, b, _)), None) => Some((*a, *b)),
            (None, Some(((c, _), (d, _)))) => Some((*c, *d)),
            (None, None) => None,
        }
    }
}

/// A height the code gives a component counts as practice when at least this share of its
/// renders (1 in 20) and [`PRACTICED_FILES`] files use it: not a one-off override.
const PRACTICED_SHARE: usize = 20;
const PRACTICED_FILES: usize = 3;

/// The lowest and highest height a component's own `className` gives it in enough of the
/// production files (outside the design system) that render it ([`PRACTICED_SHARE`],
/// [`PRACTICED_FILES`]), each with its number of files.
type Practiced = Option<((f64, usize), (f64, usize))>;

/// Per height (px): renders and files.
type HeightCounts = std::collections::BTreeMap<u32, (usize, usize)>;

/// The texts of the production `.tsx`/`.jsx` files (what `not_production` matches left out;
/// unreadable or oversized files skipped), for the counts of what the code renders.
fn production_jsx<'a>(
    root: &'a Path,
    not_production: &'a Globs,
) -> impl Iterator<Item = String> + 'a {
    walker(root, 64).flatten().filter_map(move |e| {
        let path = e.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "tsx" | "jsx")
            || !is_production(&crate::core::relative(root, path), not_production)
        {
            return None;
        }
        safe_read::read_regular_string(path, MAX_BYTES).ok()
    })
}

/// [`Practiced`] for each of `components`.
pub(crate) fn practiced_heights(
    root: &Path,
    components: &[String],
    not_production: &[String],
) -> Vec<(String, Practiced)> {
    let not_production = Globs::new(not_production).unwrap_or_else(|_| Globs::from_static(&[]));
    // per component: renders, and per height (px) its renders and files
    let mut seen: Vec<(usize, HeightCounts)> = vec![Default::default(); components.len()];
    if !components.is_empty() {
        for text in production_jsx(root, &not_production) {
            for (k, c) in components.iter().enumerate() {
                let mut in_file: std::collections::BTreeSet<u32> = Default::default();
                for tag in opening_tags(&text, c) {
                    seen[k].0 += 1;
                    let h = own_class_attr(tag).and_then(|v| {
                        v.split(|ch: char| {
                            ch.is_whitespace()
                                || matches!(ch, '"' | '\'' | '`' | ',' | '(' | ')' | '{' | '}')
                        })
                        .filter_map(crate::rules::design_system::look::class_height)
                        .reduce(f64::max)
                    });
                    if let Some(h) = h {
                        let e = seen[k].1.entry(h.round() as u32).or_default();
                        e.0 += 1;
                        if in_file.insert(h.round() as u32) {
                            e.1 += 1;
                        }
                    }
                }
            }
        }
    }
    components
        .iter()
        .zip(seen)
        .map(|(c, (renders, heights))| {
            let often: Vec<(f64, usize)> = heights
                .iter()
                .filter(|(_, (n, files))| {
                    n * PRACTICED_SHARE >= renders && *files >= PRACTICED_FILES
                })
                .map(|(h, (_, files))| (f64::from(*h), *files))
                .collect();
            let bounds = match (often.first(), often.last()) {
                (Some(lo), Some(hi)) => Some((*lo, *hi)),
                _ => None,
            };
            (c.clone(), bounds)
        })
        .collect()
}

/// Each character of JSX tag text with its brace/parenthesis depth, or `None` inside a quoted
/// string (and for its quotes): what the tag readers below look at outside nested code.
fn scan_jsx(text: &str) -> impl Iterator<Item = (usize, char, Option<i32>)> + '_ {
    let (mut depth, mut quote) = (0i32, None::<char>);
    text.char_indices().map(move |(j, ch)| {
        let d = match (quote, ch) {
            (Some(q), c) if c == q => {
                quote = None;
                None
            }
            (Some(_), _) => None,
            (None, '"' | '\'' | '`') => {
                quote = Some(ch);
                None
            }
            (None, '{' | '(') => {
                depth += 1;
                Some(depth)
            }
            (None, '}' | ')') => {
                depth -= 1;
                Some(depth)
            }
            _ => Some(depth),
        };
        (j, ch, d)
    })
}

/// The text of each opening tag `<Name …>` in `text` (after the name, up to the `>` outside
/// braces, parentheses and quotes).
fn opening_tags<'t>(text: &'t str, name: &str) -> Vec<&'t str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    for (i, _) in text.match_indices(&open) {
        let rest = &text[i + open.len()..];
        if !rest
            .chars()
            .next()
            .is_some_and(|c| c.is_whitespace() || c == '>' || c == '/')
        {
            continue;
        }
        let end = scan_jsx(rest)
            .take(4000)
            .find(|&(_, ch, depth)| ch == '>' && depth.is_some_and(|d| d <= 0));
        if let Some((j, _, _)) = end {
            out.push(&rest[..j]);
        }
    }
    out
}

/// The value of a tag's own `className` (not one of a prop's nested element): `"…"` or the
/// text of `{…}`.
fn own_class_attr(tag: &str) -> Option<&str> {
    for (j, ch, depth) in scan_jsx(tag) {
        match (depth, ch) {
            (Some(0), 'c')
                if tag[j..].starts_with("className=")
                    && !tag[..j].ends_with(|c: char| c.is_alphanumeric()) =>
            {
                let v = &tag[j + "className=".len()..];
                return match v.chars().next()? {
                    '"' | '\'' => {
                        let q = v.chars().next()?;
                        v[1..].find(q).map(|e| &v[1..1 + e])
                    }
                    '{' => {
                        let mut d = 0i32;
                        for (k, c) in v.char_indices() {
                            match c {
                                '{' => d += 1,
                                '}' => {
                                    d -= 1;
                                    if d == 0 {
                                        return Some(&v[1..k]);
                                    }
                                }
                                _ => {}
                            }
                        }
                        None
                    }
                    _ => None,
                };
            }
            _ => {}
        }
    }
    None
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
    fn imports_of_a_wrapped_library_by_the_names_they_bring() {
        let text = "import { Popover, Transition as T } from \"@headlessui/react\";\nimport * as DialogPrimitive from '@radix-ui/react-dialog';\nimport type { MenuProps } from \"@headlessui/react\";\nimport Select, { type Opt } from \"react-select\";\nconst s = \"import x from 'y'\";\n";
        let got = imports(text);
        assert_eq!(
            got,
            vec![
                ("@headlessui/react", vec!["Popover", "Transition"]),
                ("@radix-ui/react-dialog", vec!["Dialog"]),
                ("react-select", vec!["Select"]),
            ]
        );
        assert!(wraps_spec("@radix-ui/*", "@radix-ui/react-dialog"));
        assert!(wraps_spec("cmdk", "cmdk"));
        assert!(wraps_spec("@mui/material", "@mui/material/Button"));
        // near-misses: another scope, a package whose name starts alike
        assert!(!wraps_spec("@radix-ui/*", "@radix-ui-x/react"));
        assert!(!wraps_spec("cmdk", "cmdkit"));
        let w = WrappedUse {
            direct: 40,
            through_ds: 9,
            ..WrappedUse::default()
        };
        assert!(w.not_adopted());
        // a quarter of the direct imports through the design system: a migration under way
        let w = WrappedUse {
            direct: 40,
            through_ds: 10,
            ..WrappedUse::default()
        };
        assert!(!w.not_adopted());
        let w = WrappedUse {
            direct: 19,
            through_ds: 0,
            ..WrappedUse::default()
        };
        assert!(!w.not_adopted());
    }

    #[test]
    fn a_tags_own_class_name_and_not_a_props() {
        let text = "<Button\n  icon={<X className=\"h-4\" />}\n  className=\"h-8 px-2\"\n/>\n<Button className={cn(\"h-7\", a && \"x\")}>go</Button>\n<ButtonGroup className=\"h-9\" />";
        let tags = opening_tags(text, "Button");
        assert_eq!(tags.len(), 2);
        assert_eq!(own_class_attr(tags[0]), Some("h-8 px-2"));
        assert_eq!(own_class_attr(tags[1]), Some("cn(\"h-7\", a && \"x\")"));
        assert_eq!(own_class_attr("<X icon={<Y className=\"h-2\" />}"), None);
        let b = HeightFloor {
            component: "Button".into(),
            offered: Some((40.0, 40.0, "button.tsx".into())),
            practiced: Some(((28.0, 67), (36.0, 101))),
        };
        assert_eq!(b.bounds(), Some((28.0, 40.0)));
        assert_eq!(HeightFloor::default().bounds(), None);
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
