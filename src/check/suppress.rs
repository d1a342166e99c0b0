//! Inline suppressions: `// archdrift-ignore RULE_ID: reason` silences RULE_ID on the next line
//! (or on its own line when it follows code), `// archdrift-ignore-file RULE_ID: reason` in the
//! whole file. Several ids may be listed, separated by commas.
//!
//! A stage after the file rules and before sorting: each file's comments are found while it is
//! checked (a literal scan, and only when the file mentions `archdrift-ignore`), and applied to
//! all findings at once. A suppression without a reason and one that silenced nothing are
//! findings themselves (`archdrift/suppression-without-reason`, `archdrift/unused-suppression`),
//! with severities set in `[suppressions]` of `archdrift.toml`.

use crate::lang::kind_name::KindName;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::config::suppressions::Settings;
use crate::config::Rule;
use crate::core::{stable_hash, Adr, Finding, LineIndex, Report, Severity};
use crate::lang::comments::comments;
use crate::lang::Lang;

pub(crate) const MARKER: &str = "archdrift-ignore";
pub(crate) const RULE_NO_REASON: &str = "archdrift/suppression-without-reason";
pub(crate) const RULE_UNUSED: &str = "archdrift/unused-suppression";

/// What one suppression comment silences.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Target {
    /// Findings starting on this 1-based line.
    Line(usize),
    /// Every finding in the file.
    File,
    /// Findings starting on these 1-based lines (inclusive): a linter's disable/enable block,
    /// an item under `#[allow(clippy::…)]`.
    Lines(usize, usize),
}

/// One `archdrift-ignore` comment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Directive {
    pub(crate) file: String,
    /// Where the comment's `archdrift-ignore` starts (1-based) and where its line ends.
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) end_column: usize,
    pub(crate) target: Target,
    pub(crate) rules: Vec<String>,
    /// None when the comment gives no reason after a `:`.
    pub(crate) reason: Option<String>,
    /// Another linter's suppression (`rules` are `linter:rule` names): silences the rules that
    /// honour it, and is never itself reported as unused or without a reason.
    #[serde(default)]
    pub(crate) foreign: bool,
}

/// Finds the suppression comments of a file (nothing to do unless it mentions the marker).
pub(crate) fn scan(rel: &str, text: &str, lang: Lang) -> Vec<Directive> {
    if !text.contains(MARKER) {
        return Vec::new();
    }
    // directives live in plain comments only: not in strings, not in doc comments
    let comments = comments(text, lang);
    let index = LineIndex::new(text);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(at) = line.find(MARKER) else {
            continue;
        };
        let line_start = index.line_range(i + 1).map_or(0, |r| r.start);
        let offset = line_start + at;
        let k = comments.partition_point(|c| c.end <= offset);
        let Some(c) = comments.get(k).filter(|c| c.start <= offset && !c.doc) else {
            continue;
        };
        // the comment holds nothing before the marker but its opener
        let opener = &text[c.start..offset];
        if !opener.get(2..).unwrap_or("").trim().is_empty() {
            continue;
        }
        let cpos = c.start.saturating_sub(line_start).min(at);
        let before = &line[..at];
        let code_before = before[..cpos].trim();
        let rest = &line[at + MARKER.len()..];
        let (file_wide, rest) = match rest.strip_prefix("-file") {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if !rest.starts_with(char::is_whitespace) {
            continue; // `archdrift-ignored`, `archdrift-ignore-next`, …
        }
        let rest = rest
            .trim()
            .trim_end_matches("*/")
            .trim_end_matches('}')
            .trim_end_matches("*/")
            .trim();
        let (ids, reason) = match rest.split_once(':') {
            Some((ids, reason)) => {
                let r = reason.trim();
                (
                    ids,
                    (!r.is_empty() && !is_placeholder(r)).then(|| r.to_string()),
                )
            }
            None => (rest, None),
        };
        let rules: Vec<String> = ids
            .split([',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let target = if file_wide {
            Target::File
        } else if !code_before.is_empty() && code_before != "{" {
            Target::Line(i + 1)
        } else {
            // the next line that is neither blank nor another suppression comment
            let next = (i + 1..lines.len())
                .find(|j| !lines[*j].trim().is_empty() && !lines[*j].contains(MARKER))
                .unwrap_or(i + 1);
            Target::Line(next + 1)
        };
        let (_, column) = index.line_col(offset);
        let end_column = line.chars().count() + 1;
        out.push(Directive {
            file: rel.to_string(),
            line: i + 1,
            column,
            end_column,
            target,
            rules,
            reason,
            foreign: false,
        });
    }
    out
}

/// A reason left as the editor's quick-fix wrote it (`<reason>`, `<why>`): one bracketed word,
/// nothing else, is a placeholder to fill in, not a reason.
fn is_placeholder(reason: &str) -> bool {
    let Some(inner) = reason.strip_prefix('<').and_then(|r| r.strip_suffix('>')) else {
        return false;
    };
    !inner.trim().is_empty()
        && inner.split_whitespace().count() <= 3
        && inner
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ' '))
}

/// Markers of the linter suppressions [`scan_foreign`] reads.
const FOREIGN_MARKERS: &[&str] = &[
    "eslint-disable",
    "oxlint-disable",
    "biome-ignore",
    "clippy::",
];

/// The other linters' suppressions in a file: `eslint-disable-next-line`, `eslint-disable-line`,
/// `eslint-disable … eslint-enable` blocks and file-level `eslint-disable` (the same for
/// `oxlint-`), `biome-ignore`, `biome-ignore-all`, `biome-ignore-start … -end` in comments; and in
/// Rust `#[allow(clippy::…)]`/`#[expect(clippy::…)]` (the item it is on, found in `tree`, or the
/// next line without one) and `#![allow(clippy::…)]` (the enclosing module or file).
pub(crate) fn scan_foreign(
    rel: &str,
    text: &str,
    lang: Lang,
    tree: Option<&tree_sitter::Tree>,
) -> Vec<Directive> {
    if !FOREIGN_MARKERS.iter().any(|m| text.contains(m)) {
        return Vec::new();
    }
    let index = LineIndex::new(text);
    let line_of = |off: usize| index.line_col(off).0;
    let last_line = text.lines().count().max(1);
    let mut out = Vec::new();
    let push = |out: &mut Vec<Directive>, at: usize, target: Target, rules: Vec<String>| {
        let (line, column) = index.line_col(at);
        out.push(Directive {
            file: rel.to_string(),
            line,
            column,
            end_column: column,
            target,
            rules,
            reason: Some("a linter suppression".into()),
            foreign: true,
        });
    };
    if lang == Lang::Rust {
        scan_clippy(
            text,
            tree,
            &mut |at, target, rules| push(&mut out, at, target, rules),
            &line_of,
            last_line,
        );
        return out;
    }
    // (linter, rules, line of the block start) of open `eslint-disable` blocks
    let mut open: Vec<(String, Vec<String>, usize, usize)> = Vec::new();
    for c in comments(text, lang) {
        let body = text.get(c.start..c.end).unwrap_or("");
        let inner = body
            .trim_start_matches("//")
            .trim_start_matches("/*")
            .trim_start_matches(['*', '!'])
            .trim_end_matches("*/")
            .trim();
        let line = line_of(c.start);
        let code_before = text[index.line_range(line).map_or(0, |r| r.start)..c.start]
            .trim()
            .trim_start_matches('{');
        let next_code_line = || {
            let mut l = line_of(c.end) + 1;
            while l <= last_line
                && index
                    .line_range(l)
                    .and_then(|r| text.get(r))
                    .is_some_and(|t| t.trim().is_empty())
            {
                l += 1;
            }
            l
        };
        for linter in ["eslint", "oxlint"] {
            let Some(rest) = inner.strip_prefix(linter) else {
                continue;
            };
            let (kind, rest) = if let Some(r) = rest.strip_prefix("-disable-next-line") {
                ("next", r)
            } else if let Some(r) = rest.strip_prefix("-disable-line") {
                ("line", r)
            } else if let Some(r) = rest.strip_prefix("-disable") {
                ("block", r)
            } else if let Some(r) = rest.strip_prefix("-enable") {
                ("enable", r)
            } else {
                continue;
            };
            if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
                continue;
            }
            let names = rest.split("--").next().unwrap_or("");
            let mut rules: Vec<String> = names
                .split([',', ' ', '\n', '\t'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| format!("{linter}:{s}"))
                .collect();
            if rules.is_empty() {
                rules.push(format!("{linter}:*"));
            }
            match kind {
                "next" => {
                    let l = next_code_line();
                    push(&mut out, c.start, Target::Line(l), rules);
                }
                "line" => push(&mut out, c.start, Target::Line(line), rules),
                "block" => open.push((linter.to_string(), rules, line, c.start)),
                _ => {
                    // closes the blocks it names (or all of this linter's)
                    let all = rules.iter().any(|r| r.ends_with(":*"));
                    let mut k = 0;
                    while k < open.len() {
                        let o = &open[k];
                        if o.0 == linter && (all || o.1.iter().any(|r| rules.contains(r))) {
                            let (_, r, start, at) = open.remove(k);
                            push(&mut out, at, Target::Lines(start, line), r);
                        } else {
                            k += 1;
                        }
                    }
                }
            }
        }
        if let Some(rest) = inner.strip_prefix("biome-ignore") {
            let (kind, rest) = if let Some(r) = rest.strip_prefix("-all") {
                ("all", r)
            } else if let Some(r) = rest.strip_prefix("-start") {
                ("start", r)
            } else if let Some(r) = rest.strip_prefix("-end") {
                ("end", r)
            } else {
                ("next", rest)
            };
            let names = rest.split(':').next().unwrap_or("");
            let mut rules: Vec<String> = names
                .split_whitespace()
                .filter(|s| s.starts_with("lint"))
                .map(|s| format!("biome:{s}"))
                .collect();
            if rules.is_empty() {
                rules.push("biome:*".into());
            }
            match kind {
                "all" => push(&mut out, c.start, Target::File, rules),
                "start" => open.push(("biome".into(), rules, line, c.start)),
                "end" => {
                    if let Some(k) = open.iter().rposition(|o| o.0 == "biome") {
                        let (_, r, start, at) = open.remove(k);
                        push(&mut out, at, Target::Lines(start, line), r);
                    }
                }
                _ => {
                    let target = if code_before.is_empty() {
                        Target::Line(next_code_line())
                    } else {
                        Target::Line(line)
                    };
                    push(&mut out, c.start, target, rules);
                }
            }
        }
    }
    // blocks never closed run to the end of the file
    for (_, r, start, at) in open {
        push(&mut out, at, Target::Lines(start, last_line), r);
    }
    out
}

/// `#[allow(clippy::a, clippy::b)]` / `#[expect(…)]` / `#![allow(…)]` outside comments.
fn scan_clippy(
    text: &str,
    tree: Option<&tree_sitter::Tree>,
    push: &mut dyn FnMut(usize, Target, Vec<String>),
    line_of: &dyn Fn(usize) -> usize,
    last_line: usize,
) {
    let cs = comments(text, Lang::Rust);
    let in_comment = |off: usize| {
        let k = cs.partition_point(|c| c.end <= off);
        cs.get(k).is_some_and(|c| c.start <= off)
    };
    let mut from = 0;
    while let Some(rel_at) = text[from..].find('#') {
        let at = from + rel_at;
        from = at + 1;
        let rest = &text[at..];
        let inner_attr = rest.starts_with("#![");
        let body_start = if inner_attr { 3 } else { 2 };
        if !(rest.starts_with("#[") || inner_attr) {
            continue;
        }
        let body = &rest[body_start..];
        let body = body.trim_start();
        if !(body.starts_with("allow") || body.starts_with("expect")) {
            continue;
        }
        let Some(end) = rest.find(']') else { break };
        let attr = &rest[..end];
        if !attr.contains("clippy::") || in_comment(at) {
            continue;
        }
        let rules: Vec<String> = attr
            .split("clippy::")
            .skip(1)
            .map(|s| {
                let n: String = s
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                format!("clippy:{n}")
            })
            .collect();
        let line = line_of(at);
        // the item the attribute is on, or the module/file an inner attribute is in
        let span = tree.and_then(|t| {
            let node = t.root_node().descendant_for_byte_range(at, at + 1)?;
            let mut n = node;
            while n.kind_name() != "attribute_item" && n.kind_name() != "inner_attribute_item" {
                n = n.parent()?;
            }
            if inner_attr {
                let p = n.parent()?;
                return Some((p.start_position().row + 1, p.end_position().row + 1));
            }
            let mut item = n.next_named_sibling();
            while let Some(i) = item {
                if i.kind_name() == "attribute_item" || i.kind_name().contains("comment") {
                    item = i.next_named_sibling();
                } else {
                    break;
                }
            }
            item.map(|i| (line, i.end_position().row + 1))
        });
        let target = match span {
            Some((a, b)) => Target::Lines(a, b),
            None if inner_attr => Target::Lines(line, last_line),
            None => Target::Lines(line, line + 1),
        };
        push(at, target, rules);
    }
}

/// Removes the suppressed findings from the report and adds the findings about suppressions.
pub(crate) fn apply(
    report: &mut Report,
    directives: Vec<Directive>,
    settings: &Settings,
    rules: &[Rule],
) {
    if directives.is_empty() {
        return;
    }
    let mut by_file: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in directives.iter().enumerate() {
        by_file.entry(d.file.as_str()).or_default().push(i);
    }
    // (directive, rule position) → used
    let mut used: Vec<Vec<bool>> = directives
        .iter()
        .map(|d| vec![false; d.rules.len()])
        .collect();
    let honours: HashMap<&str, &[String]> = rules
        .iter()
        .filter(|r| !r.honours.is_empty())
        .map(|r| (r.id.as_str(), r.honours.as_slice()))
        .collect();
    let before = report.findings.len();
    report.findings.retain(|f| {
        let Some(ds) = by_file.get(f.file.as_str()) else {
            return true;
        };
        let mut silenced = false;
        for &di in ds {
            let d = &directives[di];
            let applies = match d.target {
                Target::File => true,
                Target::Line(l) => l == f.line,
                Target::Lines(a, b) => (a..=b).contains(&f.line),
            };
            if !applies {
                continue;
            }
            if d.foreign {
                let hs = honours.get(f.rule.as_str()).copied().unwrap_or_default();
                if let Some(ri) = d.rules.iter().position(|r| {
                    hs.iter()
                        .any(|h| crate::config::suppressions::honour_matches(h, r))
                }) {
                    used[di][ri] = true;
                    silenced = true;
                }
                continue;
            }
            if let Some(ri) = d.rules.iter().position(|r| *r == f.rule) {
                used[di][ri] = true;
                silenced = true;
            }
        }
        !silenced
    });
    report.summary.suppressed += before - report.findings.len();
    for (di, d) in directives.iter().enumerate() {
        if d.foreign {
            continue;
        }
        if let (None, Some(sev)) = (&d.reason, settings.missing_reason) {
            report.findings.push(meta_finding(
                d,
                RULE_NO_REASON,
                sev,
                "this suppression gives no reason".into(),
                "write why after a colon: `archdrift-ignore RULE_ID: reason` (a placeholder such as `<reason>` is not one)",
                &d.rules.join(","),
            ));
        }
        if let Some(sev) = settings.unused {
            for (ri, rule) in d.rules.iter().enumerate() {
                if used[di][ri] {
                    continue;
                }
                let message = if rules.iter().any(|r| r.id == *rule) {
                    let scope = match d.target {
                        Target::File => "in this file".to_string(),
                        Target::Line(l) => format!("on line {l}"),
                        Target::Lines(a, b) => format!("on lines {a}-{b}"),
                    };
                    format!("unused suppression: `{rule}` reports nothing {scope}")
                } else {
                    format!("unused suppression: there is no rule `{rule}`")
                };
                report.findings.push(meta_finding(
                    d,
                    RULE_UNUSED,
                    sev,
                    message,
                    "remove the suppression (or fix the rule id)",
                    rule,
                ));
            }
        }
    }
}

fn meta_finding(
    d: &Directive,
    rule: &str,
    severity: Severity,
    message: String,
    help: &str,
    matched: &str,
) -> Finding {
    let target = match d.target {
        Target::File => "file".to_string(),
        Target::Line(_) | Target::Lines(..) => "line".to_string(),
    };
    Finding {
        rule: rule.to_string(),
        kind: "suppression".into(),
        severity,
        message,
        file: d.file.clone(),
        line: d.line,
        column: d.column,
        end_line: d.line,
        end_column: d.end_column,
        adr: Adr::default(),
        help: Some(help.to_string()),
        fingerprint: format!(
            "{:016x}",
            stable_hash(&[rule, matched, &target, d.reason.as_deref().unwrap_or("")])
        ),
        matched: matched.to_string(),
        related: Vec::new(),
        byte_start: 0,
        byte_end: 0,
        fix: None,
        redact: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_in_comments_only() {
        let src = "// archdrift-ignore ts/no-console: debug build only\nconsole.log(1);\nfoo(); // archdrift-ignore a, b: same line\nconst s = \"archdrift-ignore x: in a string\";\n/* archdrift-ignore-file ts/no-any */\n{/* archdrift-ignore ui/no-raw-button: legacy */}\n\n<button/>\n// archdrift-ignored nothing\n";
        let d = scan("a.tsx", src, Lang::Tsx);
        assert_eq!(d.len(), 4, "{d:#?}");
        assert_eq!(d[0].target, Target::Line(2));
        assert_eq!(d[0].rules, vec!["ts/no-console"]);
        assert_eq!(d[0].reason.as_deref(), Some("debug build only"));
        assert_eq!(d[1].target, Target::Line(3));
        assert_eq!(d[1].rules, vec!["a", "b"]);
        assert_eq!(d[2].target, Target::File);
        assert_eq!(d[2].reason, None);
        assert_eq!(d[3].target, Target::Line(8));
        assert_eq!(d[3].reason.as_deref(), Some("legacy"));
        assert_eq!((d[0].line, d[0].column), (1, 4));
    }

    #[test]
    fn stacked_comments_both_target_the_code_line() {
        let src = "// archdrift-ignore a: x\n// archdrift-ignore b: y\ncall();\n";
        let d = scan("a.rs", src, Lang::Rust);
        assert_eq!(d[0].target, Target::Line(3));
        assert_eq!(d[1].target, Target::Line(3));
        assert!(scan("a.rs", "fn f() {}\n", Lang::Rust).is_empty());
    }

    #[test]
    fn markers_in_strings_and_doc_comments_are_not_directives() {
        // code that writes suppression comments, and docs that show them
        let rs = "//! Write `// archdrift-ignore RULE_ID: reason` above the line.\n/// e.g. // archdrift-ignore a: b\nfn f() -> String {\n    let s = \"// archdrift-ignore x: y\";\n    let r = r#\"/* archdrift-ignore z */\"#;\n    format!(\"{s}{r}\")\n}\n";
        assert!(scan("a.rs", rs, Lang::Rust).is_empty());
        let ts = "const a = '// archdrift-ignore x: y';\nconst t = `// archdrift-ignore x: y`;\n/** // archdrift-ignore x: y */\n";
        assert!(scan("a.ts", ts, Lang::TypeScript).is_empty());
        // the near-miss: the same text in a plain comment is one
        let d = scan(
            "a.rs",
            "let s = \"x\"; // archdrift-ignore x: y\n",
            Lang::Rust,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].target, Target::Line(1));
    }

    #[test]
    fn the_quick_fix_placeholder_is_no_reason() {
        // what the LSP quick-fix inserts, in a line comment and among JSX children
        let src = "// archdrift-ignore ts/no-console: <reason>\nconsole.log(1);\n{/* archdrift-ignore ui/no-raw-button: <reason> */}\n<button/>\n// archdrift-ignore a: < why >\nx();\n";
        let d = scan("a.tsx", src, Lang::Tsx);
        assert_eq!(d.len(), 3, "{d:#?}");
        assert!(d.iter().all(|d| d.reason.is_none()), "{d:#?}");
        // near-misses: real reasons that use angle brackets
        let src = "// archdrift-ignore a: <Button> has no loading state yet\nx();\n// archdrift-ignore b: see <https://example.com/adr/7>\ny();\n// archdrift-ignore c: Vec<u8> is the wire format\nz();\n// archdrift-ignore d: reason\nw();\n";
        let d = scan("a.rs", src, Lang::Rust);
        let reasons: Vec<_> = d.iter().map(|d| d.reason.as_deref()).collect();
        assert_eq!(
            reasons,
            vec![
                Some("<Button> has no loading state yet"),
                Some("see <https://example.com/adr/7>"),
                Some("Vec<u8> is the wire format"),
                Some("reason"),
            ]
        );
    }
}
