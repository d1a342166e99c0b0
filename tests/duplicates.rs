//! `duplicate-component` on `fixtures/duplicates`: precision and recall over pairs of near-copies,
//! against the clusters of its EXPECTED.md, and no finding on any of its non-duplicates.

mod common;

use std::collections::BTreeSet;

use common::{fixture, json_check, table_rows};
use serde_json::Value;

/// A unit: (file, name).
type Unit = (String, String);
/// An unordered pair of units (the smaller first).
type Pair = (Unit, Unit);

fn pair(a: Unit, b: Unit) -> Pair {
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// The text between the first pair of backticks of `s`.
fn first_backticked(s: &str) -> Option<&str> {
    let rest = &s[s.find('`')? + 1..];
    Some(&rest[..rest.find('`')?])
}

/// Every unit a finding mentions: its own, then each `related` entry's.
fn units_of(f: &Value) -> (Unit, Vec<Unit>) {
    let own = (
        f["file"].as_str().unwrap().to_string(),
        f["match"].as_str().unwrap().to_string(),
    );
    let related = f["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let msg = r["message"].as_str().unwrap();
            let name = first_backticked(msg)
                .unwrap_or_else(|| panic!("no `name` in related message {msg:?}"));
            (r["file"].as_str().unwrap().to_string(), name.to_string())
        })
        .collect();
    (own, related)
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

#[test]
fn duplicates_precision_and_recall_over_pairs() {
    let dir = fixture("duplicates");
    let md = std::fs::read_to_string(dir.join("EXPECTED.md")).unwrap();
    let design_system = |file: &str| file.starts_with("packages/ui/src/");

    // expected pairs: all pairs within a cluster, or only copy–DS pairs when it holds a DS unit
    let mut clusters: Vec<(String, Vec<Unit>)> = Vec::new();
    for r in table_rows(&md, "## Clusters") {
        let unit = (r[1].clone(), r[2].clone());
        match clusters.iter_mut().find(|(label, _)| *label == r[0]) {
            Some((_, members)) => members.push(unit),
            None => clusters.push((r[0].clone(), vec![unit])),
        }
    }
    assert!(clusters.len() >= 5, "EXPECTED.md lists its clusters");
    let mut expected: BTreeSet<Pair> = BTreeSet::new();
    for (_, members) in &clusters {
        let has_ds = members.iter().any(|u| design_system(&u.0));
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                if !has_ds || design_system(&a.0) != design_system(&b.0) {
                    expected.insert(pair(a.clone(), b.clone()));
                }
            }
        }
    }

    let v = json_check(&dir, &[]);
    let findings = v["findings"].as_array().unwrap();
    let mut reported: BTreeSet<Pair> = BTreeSet::new();
    // the same, reading a plain cluster finding as "all of these are copies of each other"
    let mut reported_closure: BTreeSet<Pair> = BTreeSet::new();
    for f in findings {
        assert_eq!(f["rule"], "ui/duplicate-components");
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["adr"]["id"], "ADR-0001");
        let (own, related) = units_of(f);
        assert!(!related.is_empty(), "a finding without related units: {f}");
        for r in &related {
            reported.insert(pair(own.clone(), r.clone()));
            reported_closure.insert(pair(own.clone(), r.clone()));
        }
        if related.iter().all(|r| !design_system(&r.0)) {
            for (i, a) in related.iter().enumerate() {
                for b in &related[i + 1..] {
                    reported_closure.insert(pair(a.clone(), b.clone()));
                }
            }
        }
        // a design-system copy names the import to use instead
        if related.iter().any(|r| design_system(&r.0)) {
            let help = f["help"].as_str().unwrap_or_default();
            assert!(help.contains("@acme/ui"), "help without the import: {help}");
        }
    }

    let hits = reported.intersection(&expected).count();
    let precision = ratio(hits, reported.len());
    let recall = ratio(hits, expected.len());
    let closure_hits = reported_closure.intersection(&expected).count();
    eprintln!(
        "duplicates: {} findings, {} reported pairs, {} expected pairs, {hits} correct: \
         precision {precision:.2}, recall {recall:.2} (all pairs within a reported cluster: \
         precision {:.2}, recall {:.2})",
        findings.len(),
        reported.len(),
        expected.len(),
        ratio(closure_hits, reported_closure.len()),
        ratio(closure_hits, expected.len()),
    );
    for p in reported.difference(&expected) {
        eprintln!(
            "  false pair: {} {} — {} {}",
            p.0 .0, p.0 .1, p.1 .0, p.1 .1
        );
    }
    for p in expected.difference(&reported) {
        eprintln!(
            "  missed pair: {} {} — {} {}",
            p.0 .0, p.0 .1, p.1 .0, p.1 .1
        );
    }

    // no finding mentions a non-duplicate, whether as its own unit or as a related one
    let not_duplicates: BTreeSet<Unit> = table_rows(&md, "## Not duplicates")
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    assert!(
        not_duplicates.len() >= 8,
        "EXPECTED.md lists its near-misses"
    );
    for f in findings {
        let (own, related) = units_of(f);
        for u in std::iter::once(&own).chain(&related) {
            assert!(
                !not_duplicates.contains(u),
                "non-duplicate {} `{}` reported: {}",
                u.0,
                u.1,
                f["message"]
            );
        }
    }

    assert!(
        precision >= 0.9,
        "precision {precision:.2} < 0.9 over pairs"
    );
    assert!(recall >= 0.9, "recall {recall:.2} < 0.9 over pairs");
}

#[test]
fn icon_components_and_tiny_units_are_not_duplicates() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(
        root.join("archdrift.toml"),
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"copies of {match}\"\nmin_tokens = 20\n",
    )
    .unwrap();
    let icon = |name: &str, d: &str| {
        format!(
            "export function {name}({{ size = 16 }}: {{ size?: number }}) {{\n  return (\n    <svg width={{size}} height={{size}} viewBox=\"0 0 24 24\" fill=\"none\" stroke=\"currentColor\">\n      <path d=\"{d}\" strokeWidth={{2}} />\n      <circle cx=\"12\" cy=\"12\" r=\"3\" />\n    </svg>\n  );\n}}\n"
        )
    };
    std::fs::write(root.join("a.tsx"), icon("CheckIcon", "M5 13l4 4L19 7")).unwrap();
    std::fs::write(
        root.join("b.tsx"),
        icon("CrossIcon", "M6 6l12 12M6 18L18 6"),
    )
    .unwrap();
    let v = common::json_check(root, &[]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0, "{v}");
    // the same shape with a div is a component copy
    std::fs::write(root.join("c.tsx"), icon("Badge", "x").replace("svg", "div")).unwrap();
    std::fs::write(root.join("d.tsx"), icon("Chip", "y").replace("svg", "div")).unwrap();
    let v = common::json_check(root, &[]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 1, "{v}");
}

/// TSX is lexed for this kind, never parsed: two copies are found in files tree-sitter cannot
/// parse cleanly, and no parse error is counted — until a rule that needs the tree joins.
#[test]
fn tsx_units_come_from_the_lexer_without_a_parse() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let dup_rule = "[[rule]]\nid = \"ui/dup\"\nkind = \"duplicate-component\"\nmessage = \"copies of `{match}`\"\nmin_tokens = 20\n";
    common::write(root, "archdrift.toml", dup_rule);
    let card = |name: &str, color: &str| {
        format!(
            "export const {name} = ({{ title, body }}) => (\n  <div className=\"{color}\">\n    <h2>{{title}}</h2>\n    <p onClick={{() => track(title)}}>{{body}}</p>\n  </div>\n);\n\nconst broken = (;\n"
        )
    };
    common::write(root, "a/Card.tsx", card("Card", "p-2"));
    common::write(root, "b/Tile.tsx", card("Tile", "p-4"));
    let v = json_check(root, &[]);
    assert_eq!(v["summary"]["files_with_parse_errors"], 0, "{v:#}");
    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 1, "{v:#}");
    assert_eq!(findings[0]["related"][0]["file"], "b/Tile.tsx");
    // a banned-pattern rule needs the tree: now both files are parsed (and their errors counted)
    common::write(
        root,
        "archdrift.toml",
        format!("{dup_rule}\n[[rule]]\nid = \"t/no-eval\"\nkind = \"banned-pattern\"\nmessage = \"no eval\"\nlanguage = \"tsx\"\nquery = \"(call_expression) @match\"\n"),
    );
    let v = json_check(root, &[]);
    assert_eq!(v["summary"]["files_with_parse_errors"], 2, "{v:#}");
}
