//! Design-system adoption: the share of rendered UI elements that come from the design system,
//!
//! ```text
//! design-system components / (design-system components + raw elements that have a
//!                             replacement + near-copies of design-system components)
//! ```
//!
//! per directory and in total. Counted per file from the tokens of the JS lexer (no syntax tree:
//! the count runs on every TSX/JSX file when `[design_system]` is configured, whatever the rules):
//! an opening tag whose name (or its first segment, `<Menu.Item>`) is imported from a
//! design-system package is a design-system element; an intrinsic element listed in the design
//! system's `elements` (`<button>` → `<Button>`) is a raw one. The design system's own source
//! and test files do not count. Near-copies are the duplicate-component findings of an app
//! component against a design-system one (a `related` place in the design system's source),
//! one each, counted at the copy's directory. The counts travel in each file's outcome (cache,
//! trend) and are summed by the stage into [`Summary::design_system_adoption`].

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::core::{Adoption, AdoptionCounts, Finding};
use crate::lang::js_lexer::{self, Kind};
use crate::lang::Lang;
use crate::rules::design_system::config::DesignSystem;

/// Folder depth of the per-directory numbers (`apps/web`), as the trend's default.
pub(crate) const DIR_DEPTH: usize = 2;

/// What one file renders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct FileAdoption {
    /// The file, relative to the root.
    pub(crate) file: String,
    pub(crate) design_system: u32,
    pub(crate) raw: u32,
}

fn is_ds_package(ds: &DesignSystem, spec: &str) -> bool {
    ds.packages.iter().any(|p| {
        spec == p
            || spec
                .strip_prefix(p.as_str())
                .is_some_and(|r| r.starts_with('/'))
    })
}

/// Whether the lexer could count anything in `text` (a cheap scan that saves the lexing): a
/// design-system element is a tag name imported from a design-system package, so the text
/// names the package; a raw one is a tag name listed in `elements` right after a `<` and the
/// lexer's trivia (whitespace; a comment there keeps the file, to be safe).
fn may_count(ds: &DesignSystem, text: &str) -> bool {
    if names_a_package(&ds.packages, text) {
        return true;
    }
    let b = text.as_bytes();
    let ident_start = |c: u8| c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80;
    let name_char = |c: u8| {
        c.is_ascii_alphanumeric() || matches!(c, b'_' | b'$' | b'.' | b'-' | b':') || c >= 0x80
    };
    for (lt, _) in text.match_indices('<') {
        let mut j = lt + 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            j += 1;
        }
        if b.get(j) == Some(&b'/') && matches!(b.get(j + 1), Some(b'/' | b'*')) {
            return true;
        }
        if !b.get(j).is_some_and(|c| ident_start(*c)) {
            continue;
        }
        let start = j;
        while j < b.len() && name_char(b[j]) {
            j += 1;
        }
        if text
            .get(start..j)
            .is_some_and(|n| ds.elements.contains_key(n))
        {
            return true;
        }
    }
    false
}

/// Whether `text` contains one of `packages`: where the packages share a prefix (`@acme/`), at
/// the places that prefix occurs, else one search per package.
fn names_a_package(packages: &[String], text: &str) -> bool {
    let Some(first) = packages.first() else {
        return false;
    };
    let common = packages.iter().fold(first.len(), |n, p| {
        n.min(
            first
                .bytes()
                .zip(p.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        )
    });
    if common == 0 {
        return packages.iter().any(|p| text.contains(p.as_str()));
    }
    memchr::memmem::find_iter(text.as_bytes(), &first.as_bytes()[..common]).any(|at| {
        packages
            .iter()
            .any(|p| text.as_bytes()[at..].starts_with(p.as_bytes()))
    })
}

/// The counts of one file, when it renders anything that counts.
pub(crate) fn count(
    ds: &DesignSystem,
    rel: &str,
    lang: Lang,
    is_test_file: bool,
    text: &str,
    lexed: &js_lexer::LexOnce<'_>,
) -> Option<FileAdoption> {
    if !matches!(lang, Lang::Tsx | Lang::JavaScript) || is_test_file || ds.is_source(rel) {
        return None;
    }
    if !may_count(ds, text) {
        return None;
    }
    from_tokens(ds, rel, text, lexed.get())
}

/// [`count`] from the tokens of the JS lexer.
fn from_tokens(
    ds: &DesignSystem,
    rel: &str,
    text: &str,
    lx: &js_lexer::Lexed,
) -> Option<FileAdoption> {
    let tok = |i: usize| {
        let t = &lx.tokens[i];
        text.get(t.start as usize..t.end as usize).unwrap_or("")
    };
    // names imported from a design-system package
    let mut names: BTreeSet<&str> = BTreeSet::new();
    let n = lx.tokens.len();
    let mut i = 0;
    while i < n {
        let t = &lx.tokens[i];
        if t.kind == Kind::Ident && tok(i) == "import" {
            let mut bound = Vec::new();
            let mut j = i + 1;
            while j < n && j < i + 400 {
                let tj = &lx.tokens[j];
                match tj.kind {
                    Kind::Str => break,
                    Kind::Ident if !matches!(tok(j), "type" | "as" | "from" | "typeof") => {
                        bound.push(tok(j))
                    }
                    Kind::Punct if tok(j) == ";" => break,
                    _ => {}
                }
                j += 1;
            }
            if j < n && lx.tokens[j].kind == Kind::Str {
                let spec = tok(j).trim_matches(|c| c == '"' || c == '\'' || c == '`');
                if is_ds_package(ds, spec) {
                    names.extend(bound);
                }
            }
            i = j;
        }
        i += 1;
    }
    let mut out = FileAdoption {
        file: rel.to_string(),
        ..Default::default()
    };
    for (k, t) in lx.tokens.iter().enumerate() {
        if t.kind != Kind::JsxTagName {
            continue;
        }
        // an opening tag: `<Name`, not `</Name`
        if k == 0 || lx.tokens[k - 1].kind != Kind::JsxOpen {
            continue;
        }
        let name = tok(k);
        let head = name.split('.').next().unwrap_or(name);
        if names.contains(head) {
            out.design_system += 1;
        } else if ds.elements.contains_key(name) {
            out.raw += 1;
        }
    }
    (out.design_system + out.raw > 0).then_some(out)
}

/// The directory a file counts for.
fn directory_of(file: &str) -> String {
    match file.rfind('/') {
        Some(i) => file[..i]
            .split('/')
            .take(DIR_DEPTH)
            .collect::<Vec<_>>()
            .join("/"),
        None => ".".to_string(),
    }
}

/// Per-directory counts as the stage collects them.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    by_dir: BTreeMap<String, AdoptionCounts>,
}

impl Tally {
    pub(crate) fn add(&mut self, a: &FileAdoption) {
        let c = self.by_dir.entry(directory_of(&a.file)).or_default();
        c.design_system += a.design_system as usize;
        c.raw_elements += a.raw as usize;
    }

    /// The summary's adoption: `None` without a design system.
    pub(crate) fn finish(
        mut self,
        ds: Option<&DesignSystem>,
        findings: &[Finding],
    ) -> Option<Adoption> {
        let ds = ds?;
        for f in findings {
            if f.kind == "duplicate-component"
                && !ds.is_source(&f.file)
                && f.related.iter().any(|r| ds.is_source(&r.file))
            {
                self.by_dir
                    .entry(directory_of(&f.file))
                    .or_default()
                    .near_copies += 1;
            }
        }
        let mut total = AdoptionCounts::default();
        for c in self.by_dir.values() {
            total.design_system += c.design_system;
            total.raw_elements += c.raw_elements;
            total.near_copies += c.near_copies;
        }
        Some(Adoption {
            total,
            by_directory: self.by_dir,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ds() -> DesignSystem {
        DesignSystem {
            packages: vec!["@acme/ui".into()],
            source: Some(crate::core::Globs::new(&["packages/ui/**".to_string()]).unwrap()),
            components: [("Button".to_string(), "@acme/ui".to_string())]
                .into_iter()
                .collect(),
            elements: [
                ("button".to_string(), "Button".to_string()),
                ("a".to_string(), "Link".to_string()),
            ]
            .into_iter()
            .collect(),
            wraps: vec![],
            allowed_wrappers: Default::default(),
            tokens: None,
            tokens_file: None,
            email: vec![],
            variants: Default::default(),
            heights: Default::default(),
            in_app: vec![],
            offered_by: Default::default(),
            defaults: Default::default(),
            used_in: Default::default(),
        }
    }

    #[test]
    fn counts_design_system_and_raw_elements() {
        let src = "import { Button, Menu as M } from \"@acme/ui/core\";\nimport { Local } from \"./local\";\nexport const A = () => (\n  <div>\n    <Button>a</Button>\n    <M.Item />\n    <button>b</button>\n    <a href=\"x\">c</a>\n    <Local />\n    <span>{\"<button>\"}</span>\n  </div>\n);\n";
        let c = count(
            &ds(),
            "apps/web/a.tsx",
            Lang::Tsx,
            false,
            src,
            &js_lexer::LexOnce::new(src),
        )
        .unwrap();
        assert_eq!((c.design_system, c.raw), (2, 2));
        // the design system's own source, test files and plain TS do not count
        assert_eq!(
            count(
                &ds(),
                "packages/ui/x.tsx",
                Lang::Tsx,
                false,
                src,
                &js_lexer::LexOnce::new(src)
            ),
            None
        );
        assert_eq!(
            count(
                &ds(),
                "apps/web/a.test.tsx",
                Lang::Tsx,
                true,
                src,
                &js_lexer::LexOnce::new(src)
            ),
            None
        );
        assert_eq!(
            count(
                &ds(),
                "apps/web/a.ts",
                Lang::TypeScript,
                false,
                src,
                &js_lexer::LexOnce::new(src)
            ),
            None
        );
        // a look-alike not imported from the design system is not one of its components
        let own = "import { Button } from \"./Button\";\nexport const B = () => <Button />;\n";
        assert_eq!(
            count(
                &ds(),
                "apps/web/b.tsx",
                Lang::Tsx,
                false,
                own,
                &js_lexer::LexOnce::new(own)
            ),
            None
        );
    }

    #[test]
    fn packages_are_found_by_their_common_prefix_or_one_by_one() {
        let shared = vec!["@acme/ui".to_string(), "@acme/propel/button".to_string()];
        let apart = vec!["@acme/ui".to_string(), "antd".to_string()];
        let cases = [
            ("import { B } from \"@acme/propel/button\";", true, false),
            ("import { B } from \"@acme/propel/input\";", false, false),
            (
                "import a from '@acme/u'; import b from '@acme/ui';",
                true,
                true,
            ),
            ("import { Table } from \"antd\";", false, true),
            ("const s = \"@acme\";", false, false),
            ("", false, false),
        ];
        for (text, in_shared, in_apart) in cases {
            assert_eq!(names_a_package(&shared, text), in_shared, "{text}");
            assert_eq!(names_a_package(&apart, text), in_apart, "{text}");
            for list in [&shared, &apart] {
                let naive = list.iter().any(|p| text.contains(p.as_str()));
                assert_eq!(names_a_package(list, text), naive, "{text}");
            }
        }
        assert!(!names_a_package(&[], "@acme/ui"));
    }

    #[test]
    fn the_scan_keeps_every_file_the_lexer_counts_in() {
        let texts = [
            "const a = <button>x</button>;\n",
            "const a = < button>x</button>;\n",
            "const a = <\n\tbutton\n/>;\n",
            "const a = </* c */button />;\n",
            "const a = <a href=\"x\">y</a>;\n",
            "import { Button } from \"@acme/ui\";\nconst b = <Button />;\n",
            "import { Button } from '@acme/ui/forms';\nconst b = <Button.Group />;\n",
            "const x = cond ? <div><span><button /></span></div> : null;\n",
            "const t = <Select<Option> value={v}><a /></Select>;\n",
            // near-misses: no element with a replacement, no package
            "const a = <abbr>x</abbr>; const b = <buttons />; const c = <a-b />;\n",
            "if (a < b) { button(); }\nconst s = \"<Button>\";\n",
            "import { Button } from \"./Button\";\nconst b = <Button />;\n",
            "const a = <my.button />; const b = <svg:a />;\n",
        ];
        let ds = ds();
        for t in texts {
            let lexed = from_tokens(&ds, "apps/web/a.tsx", t, &js_lexer::lex(t));
            assert!(
                may_count(&ds, t) || lexed.is_none(),
                "the scan skips a file the lexer counts in: {t}"
            );
            assert_eq!(
                count(
                    &ds,
                    "apps/web/a.tsx",
                    Lang::Tsx,
                    false,
                    t,
                    &js_lexer::LexOnce::new(t)
                ),
                lexed
            );
        }
        // the near-misses are skipped without lexing
        for t in &texts[9..] {
            if !t.contains("@acme/ui") {
                assert!(!may_count(&ds, t), "{t}");
            }
        }
    }

    #[test]
    fn shares_per_directory_and_near_copies() {
        let mut t = Tally::default();
        t.add(&FileAdoption {
            file: "apps/web/src/a.tsx".into(),
            design_system: 3,
            raw: 1,
        });
        t.add(&FileAdoption {
            file: "apps/admin/x.tsx".into(),
            design_system: 0,
            raw: 2,
        });
        let copy = Finding {
            kind: "duplicate-component".into(),
            file: "apps/admin/MyButton.tsx".into(),
            related: vec![crate::core::Related {
                file: "packages/ui/Button.tsx".into(),
                line: 1,
                column: 1,
                message: String::new(),
            }],
            rule: "dup".into(),
            severity: crate::core::Severity::Warning,
            message: String::new(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            adr: Default::default(),
            help: None,
            fingerprint: String::new(),
            matched: String::new(),
            fix: None,
            byte_start: 0,
            byte_end: 0,
            redact: false,
        };
        let a = t.finish(Some(&ds()), &[copy]).unwrap();
        assert_eq!(a.total.share(), Some(42.9));
        assert_eq!(a.by_directory["apps/web"].share(), Some(75.0));
        assert_eq!(a.by_directory["apps/admin"].near_copies, 1);
        assert_eq!(a.by_directory["apps/admin"].share(), Some(0.0));
        assert_eq!(Tally::default().finish(None, &[]), None);
    }

    /// Through the whole pipeline: the summary has the number with a design system (whatever
    /// the rules), and not without one.
    #[test]
    fn the_summary_carries_adoption() {
        let files = [
            ("packages/ui/Button.tsx", "export const Button = () => <button />;\n"),
            ("apps/web/a.tsx", "import { Button } from \"@acme/ui\";\nexport const A = () => <><Button /><Button /><Button /></>;\n"),
            ("apps/admin/b.tsx", "export const B = () => <button>x</button>;\n"),
        ];
        let rule = "[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"eval\"]\n";
        let t = crate::rules::harness::Tester::new(&format!(
            "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Button\"]\n{rule}"
        ));
        let a = t.run(&files).report.summary.design_system_adoption.unwrap();
        assert_eq!(a.total.share(), Some(75.0));
        assert_eq!(a.by_directory["apps/admin"].raw_elements, 1);
        assert_eq!(a.by_directory["apps/web"].design_system, 3);
        assert!(!a.by_directory.contains_key("packages/ui"));
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["total"]["share"], 75.0);
        let none = crate::rules::harness::Tester::new(rule).run(&files);
        assert_eq!(none.report.summary.design_system_adoption, None);
    }
}
