//! Inline suppressions: `// archdrift-ignore RULE_ID: reason` silences RULE_ID on the next line
//! (or on its own line when it follows code), `// archdrift-ignore-file RULE_ID: reason` in the
//! whole file. Several ids may be listed, separated by commas.
//!
//! A stage after the file rules and before sorting: each file's comments are found while it is
//! checked (a literal scan, and only when the file mentions `archdrift-ignore`), and applied to
//! all findings at once. A suppression without a reason and one that silenced nothing are
//! findings themselves (`archdrift/suppression-without-reason`, `archdrift/unused-suppression`),
//! with severities set in `[suppressions]` of `archdrift.toml`.

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
            };
            if !applies {
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
        Target::Line(_) => "line".to_string(),
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
