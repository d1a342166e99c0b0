//! Findings → LSP diagnostics and code actions (pure functions over one buffer's text).

use std::collections::HashMap;
use std::path::Path;

use lsp_types::{
    CodeAction, CodeActionKind, CodeDescription, Diagnostic, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, Position, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::text::{Encoding, LineIndex};
use super::uri;
use crate::core::{FileProblem, Finding, Fix, Severity};

pub(crate) const SOURCE: &str = "archdrift";

/// The text of another file under the root (for related locations), when it can be had.
pub(crate) type TextOf<'a> = dyn FnMut(&str) -> Option<std::sync::Arc<String>> + 'a;

pub(crate) fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Where the ADR of a finding lives: its URL, or its path as a `file://` URI under the root.
pub(crate) fn adr_href(f: &Finding, root: &Path) -> Option<Uri> {
    if let Some(url) = &f.adr.url {
        return url.parse().ok();
    }
    let path = f.adr.path.as_deref().filter(|p| !p.is_empty())?;
    uri::from_path(&root.join(path))
}

pub(crate) fn diagnostic(
    f: &Finding,
    root: &Path,
    ix: &LineIndex<'_>,
    enc: Encoding,
    text_of: &mut TextOf<'_>,
) -> Diagnostic {
    let mut message = f.message.clone();
    if let Some(h) = &f.help {
        message.push('\n');
        message.push_str(h);
    }
    if !f.adr.id.is_empty() {
        message.push_str(&format!("\nwhy: {}", f.adr.label()));
    }
    let related: Vec<DiagnosticRelatedInformation> = f
        .related
        .iter()
        .filter_map(|r| {
            let uri = uri::from_path(&root.join(&r.file))?;
            let line = r.line.saturating_sub(1);
            let character = match text_of(&r.file) {
                Some(t) => LineIndex::new(&t).column_of_char(line, r.column, enc),
                None => r.column.saturating_sub(1) as u32,
            };
            let pos = Position::new(line as u32, character);
            Some(DiagnosticRelatedInformation {
                location: Location::new(uri, Range::new(pos, pos)),
                message: r.message.clone(),
            })
        })
        .collect();
    Diagnostic {
        range: ix.range(f.byte_start, f.byte_end, enc),
        severity: Some(severity(f.severity)),
        code: Some(NumberOrString::String(f.rule.clone())),
        code_description: adr_href(f, root).map(|href| CodeDescription { href }),
        source: Some(SOURCE.into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        data: Some(serde_json::json!({ "fingerprint": f.fingerprint })),
        ..Default::default()
    }
}

/// A file that could not be checked, shown at its top (like `--format compact` does).
pub(crate) fn problem_diagnostic(p: &FileProblem) -> Diagnostic {
    let kind = p.kind.as_str();
    Diagnostic {
        range: Range::default(),
        severity: Some(if p.kind.is_skip() {
            DiagnosticSeverity::INFORMATION
        } else {
            DiagnosticSeverity::WARNING
        }),
        code: Some(NumberOrString::String(format!("file-problem/{kind}"))),
        source: Some(SOURCE.into()),
        message: format!("archdrift did not check this file: {}", p.message),
        ..Default::default()
    }
}

fn edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The comment that suppresses `rule` on the next line, with a reason to fill in; among JSX
/// children, where `//` would be text, the `{/* … */}` form.
pub(crate) fn suppression_comment(rule: &str, in_jsx_children: bool) -> String {
    if in_jsx_children {
        format!("{{/* archdrift-ignore {rule}: <reason> */}}")
    } else {
        format!("// archdrift-ignore {rule}: <reason>")
    }
}

/// Whether a line inserted before the one holding byte `at` lands among a JSX element's
/// children (where a `//` comment would be rendered as text).
pub(crate) fn line_in_jsx_children(tree: &tree_sitter::Tree, text: &str, at: usize) -> bool {
    // the first non-blank byte of the line
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let first = line_start
        + text[line_start..]
            .bytes()
            .take_while(|b| *b == b' ' || *b == b'\t')
            .count();
    let Some(mut node) = tree.root_node().descendant_for_byte_range(first, first) else {
        return false;
    };
    // the outermost node starting there
    while let Some(p) = node.parent() {
        if p.start_byte() != node.start_byte() {
            break;
        }
        node = p;
    }
    match node.parent() {
        Some(p) if matches!(p.kind(), "jsx_element" | "jsx_fragment") => {
            node.kind() != "jsx_opening_element"
        }
        _ => false,
    }
}

/// "Suppress with a reason": inserts the suppression comment on its own line above the
/// finding's first line, indented like it, with the buffer's line ending.
pub(crate) fn suppress_action(
    f: &Finding,
    uri: &Uri,
    ix: &LineIndex<'_>,
    enc: Encoding,
    diag: Diagnostic,
    in_jsx_children: bool,
) -> CodeAction {
    let line = ix.position(f.byte_start, enc).line;
    let at = Position::new(line, 0);
    let text = format!(
        "{}{}{}",
        ix.indent(line as usize),
        suppression_comment(&f.rule, in_jsx_children),
        ix.eol(line as usize)
    );
    CodeAction {
        title: format!("Suppress {} on this line (with a reason)", f.rule),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag]),
        edit: Some(edit(uri, vec![TextEdit::new(Range::new(at, at), text)])),
        is_preferred: Some(false),
        ..Default::default()
    }
}

/// The finding's own fix (e.g. the design-system component plus its import) as an edit.
pub(crate) fn fix_action(
    fix: &Fix,
    uri: &Uri,
    ix: &LineIndex<'_>,
    enc: Encoding,
    diag: Diagnostic,
) -> CodeAction {
    let edits = fix
        .edits
        .iter()
        .map(|e| {
            TextEdit::new(
                ix.range(e.start_byte, e.end_byte, enc),
                e.replacement.clone(),
            )
        })
        .collect();
    CodeAction {
        title: fix.description.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diag]),
        edit: Some(edit(uri, edits)),
        is_preferred: Some(true),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Adr, Edit, Related};
    use std::str::FromStr;

    fn finding(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        Finding {
            rule: "ds/no-raw-button".into(),
            kind: "design-system".into(),
            severity: Severity::Warning,
            message: "Raw `<button>`".into(),
            file: "src/App.tsx".into(),
            line: 0,
            column: 0,
            end_line: 0,
            end_column: 0,
            adr: Adr {
                id: "ADR-0001".into(),
                title: "Design system".into(),
                path: Some("docs/adr/0001 design.md".into()),
                url: None,
            },
            help: Some("Use `<Button>` from `@acme/ui`.".into()),
            fingerprint: "0123456789abcdef".into(),
            matched: needle.into(),
            related: vec![Related {
                file: "src/Other.tsx".into(),
                line: 2,
                column: 3,
                message: "a near-copy".into(),
            }],
            fix: None,
            byte_start: start,
            byte_end: start + needle.len(),
            redact: false,
        }
    }

    #[test]
    fn diagnostic_fields() {
        let text = "// ünï\r\nconst a = <button>😀</button>;\r\n";
        let f = finding(text, "<button>😀</button>");
        let ix = LineIndex::new(text);
        let other = std::sync::Arc::new("x\n😀é z\n".to_string());
        let d = diagnostic(&f, Path::new("/r"), &ix, Encoding::Utf16, &mut |file| {
            (file == "src/Other.tsx").then(|| other.clone())
        });
        assert_eq!(
            d.range,
            Range::new(Position::new(1, 10), Position::new(1, 29))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            d.code,
            Some(NumberOrString::String("ds/no-raw-button".into()))
        );
        assert_eq!(
            d.code_description.unwrap().href.as_str(),
            "file:///r/docs/adr/0001%20design.md"
        );
        assert_eq!(d.source.as_deref(), Some("archdrift"));
        assert!(d.message.starts_with("Raw `<button>`\nUse `<Button>`"));
        assert!(d.message.ends_with("why: ADR-0001: Design system"));
        let rel = &d.related_information.unwrap()[0];
        assert_eq!(rel.location.uri.as_str(), "file:///r/src/Other.tsx");
        // column 3 in characters is after 😀 and é: 3 UTF-16 units
        assert_eq!(rel.location.range.start, Position::new(1, 3));
        assert_eq!(rel.message, "a near-copy");
        // a URL wins over a path
        let mut f2 = f.clone();
        f2.adr.url = Some("https://adr.example/1".into());
        assert_eq!(
            adr_href(&f2, Path::new("/r")).unwrap().as_str(),
            "https://adr.example/1"
        );
    }

    #[test]
    fn suppress_inserts_an_indented_comment_with_the_buffer_line_ending() {
        let text = "function f() {\r\n\t  console.log(1);\r\n}\r\n";
        let f = finding(text, "console.log(1)");
        let ix = LineIndex::new(text);
        let uri = Uri::from_str("file:///r/src/App.tsx").unwrap();
        let a = suppress_action(&f, &uri, &ix, Encoding::Utf16, Diagnostic::default(), false);
        let edits = &a.edit.unwrap().changes.unwrap()[&uri];
        assert_eq!(edits.len(), 1);
        assert_eq!(
            edits[0].range,
            Range::new(Position::new(1, 0), Position::new(1, 0))
        );
        assert_eq!(
            edits[0].new_text,
            "\t  // archdrift-ignore ds/no-raw-button: <reason>\r\n"
        );
    }

    #[test]
    fn suppressions_among_jsx_children_use_the_brace_comment_that_suppress_reads() {
        let text = "export const A = () => (\n  <div>\n    <button>x</button>\n    text\n  </div>\n);\nconst b = 1;\n";
        let tree = crate::lang::parse::parse(crate::lang::Lang::Tsx, text).unwrap();
        let at = |s: &str| text.find(s).unwrap();
        assert!(line_in_jsx_children(&tree, text, at("<button")));
        assert!(line_in_jsx_children(&tree, text, at("text")));
        assert!(line_in_jsx_children(&tree, text, at("</div>")));
        assert!(
            !line_in_jsx_children(&tree, text, at("<div>")),
            "inside ( ), code"
        );
        assert!(!line_in_jsx_children(&tree, text, at("const b")));
        // the comment it writes suppresses the next line
        let fixed = text.replace(
            "    <button>",
            &format!("    {}\n    <button>", suppression_comment("ds/raw", true)),
        );
        assert!(!crate::lang::parse::parse(crate::lang::Lang::Tsx, &fixed)
            .unwrap()
            .root_node()
            .has_error());
        let d = crate::check::suppress::scan("a.tsx", &fixed, crate::lang::Lang::Tsx);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].target, crate::check::suppress::Target::Line(4));
        assert_eq!(d[0].rules, vec!["ds/raw".to_string()]);
    }

    #[test]
    fn a_rename_plus_import_fix_becomes_a_workspace_edit() {
        // hand-made, as the design-system kind will produce: rename both tags, add the import
        let text = "import x from \"y\";\nconst é = <button>😀</button>;\n";
        let mut f = finding(text, "<button>😀</button>");
        let open = text.find("button").unwrap();
        let close = text.rfind("button").unwrap();
        f.fix = Some(Fix {
            description: "Use `<Button>` from `@acme/ui`".into(),
            edits: vec![
                Edit {
                    start_byte: 0,
                    end_byte: 0,
                    replacement: "import { Button } from \"@acme/ui\";\n".into(),
                },
                Edit {
                    start_byte: open,
                    end_byte: open + 6,
                    replacement: "Button".into(),
                },
                Edit {
                    start_byte: close,
                    end_byte: close + 6,
                    replacement: "Button".into(),
                },
            ],
        });
        let ix = LineIndex::new(text);
        let uri = Uri::from_str("file:///r/src/App.tsx").unwrap();
        let a = fix_action(
            f.fix.as_ref().unwrap(),
            &uri,
            &ix,
            Encoding::Utf16,
            Diagnostic::default(),
        );
        assert_eq!(a.title, "Use `<Button>` from `@acme/ui`");
        assert_eq!(a.is_preferred, Some(true));
        let edits = &a.edit.unwrap().changes.unwrap()[&uri];
        let ranges: Vec<Range> = edits.iter().map(|e| e.range).collect();
        assert_eq!(
            ranges,
            vec![
                Range::new(Position::new(0, 0), Position::new(0, 0)),
                Range::new(Position::new(1, 11), Position::new(1, 17)),
                Range::new(Position::new(1, 22), Position::new(1, 28)),
            ]
        );
        // the same edits in UTF-8 columns
        let a = fix_action(
            f.fix.as_ref().unwrap(),
            &uri,
            &ix,
            Encoding::Utf8,
            Diagnostic::default(),
        );
        let edits = &a.edit.unwrap().changes.unwrap()[&uri];
        assert_eq!(edits[1].range.start, Position::new(1, 12));
        assert_eq!(edits[2].range.start, Position::new(1, 25));
        // and the JSON of a finding with a fix carries it
        let v = serde_json::to_value(&f).unwrap();
        assert_eq!(v["fix"]["edits"][1]["replacement"], "Button");
        assert_eq!(v["fix"]["edits"][1]["start_byte"], open);
    }

    #[test]
    fn the_inserted_suppression_is_one_without_a_reason_until_filled_in() {
        // until the placeholder is replaced, the check reports a suppression without a reason
        for jsx in [false, true] {
            let comment = suppression_comment("ds/no-raw-button", jsx);
            let text = if jsx {
                format!("const x = (\n  <div>\n    {comment}\n    <button/>\n  </div>\n);\n")
            } else {
                format!("{comment}\nconst b = document.createElement(\"button\");\n")
            };
            let d = crate::check::suppress::scan("a.tsx", &text, crate::lang::Lang::Tsx);
            assert_eq!(d.len(), 1, "{text}");
            assert_eq!(d[0].reason, None, "{text}");
            let filled = text.replace("<reason>", "legacy form, ADR-0007");
            let d = crate::check::suppress::scan("a.tsx", &filled, crate::lang::Lang::Tsx);
            assert_eq!(d[0].reason.as_deref(), Some("legacy form, ADR-0007"));
        }
    }
}
