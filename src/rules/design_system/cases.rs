//! design-system cases in the harness: a `[design_system]` table per case, raw elements,
//! wrapped imports and hardcoded style values, with the look-alikes that must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

const DS: &str = "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Button\", \"Link\"]\nwraps = [\"@mui/*\"]\ntokens = \"packages/ui/tokens.json\"\n";
const TOKENS: &str = "{\"color\": {\"$type\": \"color\", \"primary\": {\"$value\": \"#1a73e8\"}}, \"spacing\": {\"$type\": \"dimension\", \"2\": {\"$value\": \"8px\"}}}";

fn ds(checks: &str) -> Tester {
    Tester::new(&format!(
        "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [{checks}]\n"
    ))
}

#[test]
fn raw_elements_with_a_replacement() {
    let t = ds("\"elements\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/A.tsx",
            "export const A = () => (\n  <div>\n    <button onClick={go}>Go</button>\n    <a href=\"/x\">x</a>\n    <Button>ok</Button>\n  </div>\n);\n",
        ),
        // the design system's own source may use raw elements
        (
            "packages/ui/Button.tsx",
            "export const Button = (p) => <button {...p} />;\n",
        ),
    ]);
    let got: Vec<(String, usize)> = run
        .findings()
        .iter()
        .map(|f| (f.file.clone(), f.line))
        .collect();
    assert_eq!(
        got,
        vec![("apps/web/A.tsx".into(), 3), ("apps/web/A.tsx".into(), 4)]
    );
    assert!(run.findings()[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("@acme/ui"));
}

#[test]
fn wrapped_library_imports_outside_the_design_system() {
    let t = ds("\"imports\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/B.tsx",
            "import { Dialog } from \"@mui/material\";\nimport type { Theme } from \"@mui/material\";\nimport { Button } from \"@acme/ui\";\n",
        ),
        ("packages/ui/Dialog.tsx", "import { Dialog } from \"@mui/material\";\n"),
    ]);
    assert_eq!(run.found(), vec![("apps/web/B.tsx".into(), 1, "ds".into())]);
}

#[test]
fn hardcoded_styles_name_the_token() {
    let t = ds("\"styles\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/C.tsx",
            "export const C = () => (\n  <div style={{ color: \"#1a73e8\", padding: 8, margin: 0, width: \"50%\" }} className=\"bg-[#1a73e8] p-2\" />\n);\n",
        ),
    ]);
    let lines: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(lines, vec![2, 2, 2], "{:#?}", run.findings());
    assert!(run
        .findings()
        .iter()
        .any(|f| f.help.as_deref().unwrap_or("").contains("primary")));
    // values that reference the theme stay silent
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/D.tsx",
            "export const D = () => <div style={{ color: theme.primary, padding: \"var(--s2)\" }} />;\n",
        ),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn snapshot() {
    let mut t = ds("\"elements\", \"styles\"");
    t.expect(
        &[
            ("packages/ui/tokens.json", TOKENS),
            (
                "apps/web/A.tsx",
                "export const A = () => <button style={{ color: \"#1a73e8\" }}>Go</button>;\n",
            ),
        ],
        &[("apps/web/A.tsx", 1, "ds"), ("apps/web/A.tsx", 1, "ds")],
    );
    insta::assert_snapshot!(t.snapshot());
}
