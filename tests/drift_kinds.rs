//! Integration tests for the `design-system` and `hardcoded-config` kinds: precision and recall
//! per kind against the labelled fixtures, the shipped packs, config errors, redaction.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{fixture, found, json_check, run, write};
use serde_json::Value;

/// The labelled findings of a fixture: (file, line, rule) from the `## Findings` table.
fn labelled(dir: &Path) -> BTreeSet<(String, u64, String)> {
    let md = std::fs::read_to_string(dir.join("EXPECTED.md")).unwrap();
    let section = md.split("## Findings").nth(1).unwrap();
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| #"))
        .map(|l| {
            let c: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (
                c[1].trim_matches('`').to_string(),
                c[2].parse().unwrap(),
                c[3].trim_matches('`').to_string(),
            )
        })
        .collect()
}

/// Precision and recall of each kind over both fixtures: reported findings against the labelled
/// list, matched by (file, line, rule).
fn scores() -> BTreeMap<String, (usize, usize, usize)> {
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new(); // tp, reported, expected
    for name in ["react-monorepo", "rust-service"] {
        let dir = fixture(name);
        let rules: Value =
            serde_json::from_str(&run(&dir, &["rules", "--format", "json"]).stdout).unwrap();
        let kind_of: BTreeMap<String, String> = rules
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["id"].as_str().unwrap().into(),
                    r["kind"].as_str().unwrap().into(),
                )
            })
            .collect();
        let expected = labelled(&dir);
        let v = json_check(&dir, &[]);
        let reported: BTreeSet<(String, u64, String)> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["file"].as_str().unwrap().into(),
                    f["line"].as_u64().unwrap(),
                    f["rule"].as_str().unwrap().into(),
                )
            })
            .collect();
        for r in &reported {
            let e = by_kind.entry(kind_of[&r.2].clone()).or_default();
            e.1 += 1;
            if expected.contains(r) {
                e.0 += 1;
            }
        }
        for x in &expected {
            by_kind.entry(kind_of[&x.2].clone()).or_default().2 += 1;
        }
    }
    by_kind
}

#[test]
fn precision_and_recall_per_kind_on_the_fixtures() {
    let s = scores();
    for kind in ["design-system", "hardcoded-config", "banned-pattern"] {
        let (tp, reported, expected) = s[kind];
        assert!(expected >= 10, "{kind}: only {expected} labelled findings");
        let precision = tp as f64 / reported as f64;
        let recall = tp as f64 / expected as f64;
        println!("{kind}: precision {precision:.2} ({tp}/{reported}), recall {recall:.2} ({tp}/{expected})");
        assert!(precision >= 0.95, "{kind}: precision {precision:.2}");
        assert!(recall >= 0.95, "{kind}: recall {recall:.2}");
    }
}

#[test]
fn secrets_are_never_printed_in_full() {
    let dir = fixture("react-monorepo");
    let secrets = [
        "AKIAIOSFODNN7EXAMPLE",
        "AIzaSyD8Hk2Q5vR0xWmNc4TfLp9ZbGyE3sJ7uKo",
        "sk_live_51HxQ2bKz8fR3vT9wLm4Np7Yq",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
    ];
    for format in ["human", "json", "compact"] {
        let r = run(&dir, &["check", "--format", format, "--color", "never"]);
        assert_eq!(r.code, 1);
        for s in secrets {
            assert!(!r.stdout.contains(s), "{format} prints {s}");
            // not even most of it
            assert!(
                !r.stdout.contains(&s[..12]),
                "{format} prints a prefix of {s}"
            );
        }
    }
    let v = json_check(&dir, &[]);
    let redacted: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "acme/no-secrets-in-code")
        .map(|f| f["match"].as_str().unwrap())
        .collect();
    assert_eq!(redacted.len(), 4);
    assert!(
        redacted.iter().all(|m| m.contains("[redacted,")),
        "{redacted:?}"
    );
}

#[test]
fn the_cluster_lists_every_other_place() {
    let v = json_check(&fixture("react-monorepo"), &[]);
    let cluster: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["related"].as_array().unwrap().len() > 1)
        .collect();
    assert_eq!(cluster.len(), 1);
    let c = cluster[0];
    // every other place is reported too, pointing back to the first
    let back: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let r = f["related"].as_array().unwrap();
            r.len() == 1 && r[0]["file"] == c["file"] && r[0]["line"] == c["line"]
        })
        .map(|f| format!("{}:{}", f["file"].as_str().unwrap(), f["line"]))
        .collect();
    assert_eq!(
        back,
        vec![
            "apps/web/src/features/projects/ProjectList.tsx:71",
            "apps/web/src/features/realtime/socket.ts:18"
        ]
    );
    assert_eq!(c["file"], "apps/web/src/features/notifications/poller.ts");
    assert!(c["message"]
        .as_str()
        .unwrap()
        .ends_with("`30000` appears 3 times in 3 files"));
    let places: Vec<String> = c["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("{}:{}", r["file"].as_str().unwrap(), r["line"]))
        .collect();
    assert_eq!(
        places,
        vec![
            "apps/web/src/features/projects/ProjectList.tsx:71",
            "apps/web/src/features/realtime/socket.ts:18"
        ]
    );
    // checked alone, a file holds no cluster: its own finding is reported as is
    let one = json_check(
        &fixture("react-monorepo"),
        &["apps/web/src/features/realtime/socket.ts"],
    );
    let single: Vec<&Value> = one["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["match"] == "30000")
        .collect();
    assert_eq!(single.len(), 1);
    assert!(single[0]["related"].as_array().unwrap().is_empty());
}

#[test]
fn shipped_design_system_and_config_packs_load_and_fire() {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::copy(packs.join("react-design-system.toml"), root.join("ds.toml")).unwrap();
    std::fs::copy(
        packs.join("hardcoded-config.toml"),
        root.join("config.toml"),
    )
    .unwrap();
    write(
        root,
        "archdrift.toml",
        "include = [\"ds.toml\", \"config.toml\"]\n[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"ui/**\"]\nindex = [\"ui/index.ts\"]\nwraps = [\"@mui/*\"]\ntokens = \"ui/tokens.css\"\n",
    );
    write(root, "ui/index.ts", "export * from \"./Button\";\n");
    write(
        root,
        "ui/Button.tsx",
        "export const Button = () => <button style={{ color: \"#fff\" }} />;\n",
    );
    write(
        root,
        "ui/tokens.css",
        ":root {\n  --color-brand: #1a73e8;\n  --space-3: 12px;\n}\n",
    );
    write(
        root,
        "app/Page.tsx",
        "import Box from \"@mui/material/Box\";\nexport const Page = () => (\n  <div className=\"p-[13px] text-[#1A73E8]\">\n    <button onClick={() => fetch(\"https://api.acme.com/v1/items\")}>Go</button>\n  </div>\n);\nconst token = \"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\";\nsetTimeout(() => {}, 15000);\n",
    );
    write(
        root,
        "app/Page.test.tsx",
        "export const T = () => <button style={{ color: \"#123456\" }} />;\n",
    );
    let v = json_check(root, &[]);
    let got: Vec<(String, u64)> = found(&v)
        .into_iter()
        .map(|(_, line, rule)| (rule, line))
        .collect();
    let want: Vec<(String, u64)> = [
        ("ds/wrapped-import", 1),
        ("ds/hardcoded-style", 3),
        ("ds/hardcoded-style", 3),
        ("ds/raw-element", 4),
        ("config/hardcoded-endpoint", 4),
        ("config/no-secrets", 7),
        ("config/magic-timeouts", 8),
    ]
    .iter()
    .map(|(r, l)| (r.to_string(), *l))
    .collect();
    assert_eq!(got, want);
    let helps: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["help"].as_str())
        .collect();
    assert!(
        helps.iter().any(|h| h.contains("is token `--color-brand`")),
        "{helps:?}"
    );
    assert!(
        helps
            .iter()
            .any(|h| h.contains("≈ `--space-3` (12px, off by 1px)")),
        "{helps:?}"
    );
    assert!(
        helps
            .iter()
            .any(|h| h.contains("import { Button } from \"@acme/ui\"")),
        "{helps:?}"
    );
}

#[test]
fn design_system_and_detector_mistakes_point_at_the_line() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    let cases: &[(&str, &str, &str)] = &[
        (
            "[design_system]\npackages = [\"@a/ui\"]\ntokenz = \"t.json\"\n",
            "unknown field `tokenz`",
            "archdrift.toml:3:1",
        ),
        (
            "[design_system]\nindex = [\"nope/index.ts\"]\n",
            "design-system index file not found",
            "archdrift.toml:2:10",
        ),
        (
            "[design_system]\ntokens = \"missing.json\"\n",
            "cannot read tokens file",
            "archdrift.toml:2:10",
        ),
        (
            "[[rule]]\nid = \"d\"\nkind = \"design-system\"\nmessage = \"m\"\n",
            "a design-system rule needs a [design_system] table in archdrift.toml",
            "archdrift.toml:1:1",
        ),
        (
            "[design_system]\npackages = [\"@a/ui\"]\n[[rule]]\nid = \"d\"\nkind = \"design-system\"\nmessage = \"m\"\nchecks = [\"colors\"]\n",
            "unknown check `colors`",
            "archdrift.toml:7:11",
        ),
        (
            "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\ndetectors = [\"urls\"]\n",
            "unknown detector `urls`",
            "archdrift.toml:5:14",
        ),
        (
            "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\ndetectors = [\"vendor-url\"]\n",
            "detector `vendor-url` needs `url`",
            "archdrift.toml:5:14",
        ),
        (
            "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\nconfig_files = [\"nope.ts\"]\n",
            "cannot read config file",
            "archdrift.toml:5:17",
        ),
    ];
    for (toml, message, place) in cases {
        write(root, "archdrift.toml", toml);
        let r = run(root, &["check", "--color", "never"]);
        assert_eq!(r.code, 2, "{toml}\n{}", r.stderr);
        assert!(r.stderr.contains(message), "{toml}\n{}", r.stderr);
        let (file, rest) = place.split_once(':').unwrap();
        assert!(
            r.stderr.contains(&format!("[{file}:{rest}]")),
            "{toml}: expected {place}\n{}",
            r.stderr
        );
    }
    write(root, "bad.json", "{ not json");
    write(
        root,
        "archdrift.toml",
        "[design_system]\ntokens = \"bad.json\"\n",
    );
    let r = run(root, &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid JSON"), "{}", r.stderr);
}

#[test]
fn explain_documents_both_kinds() {
    let dir = fixture("react-monorepo");
    for kind in ["design-system", "hardcoded-config"] {
        let r = run(&dir, &["explain", kind]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        for s in ["What", "Why", "Example"] {
            assert!(r.stdout.contains(s), "{kind}: {s}");
        }
    }
}

/// A raw element's finding carries the design-system fix (rename plus import), and applying it
/// swaps that one element for the component and imports it.
#[test]
fn raw_element_findings_carry_a_rename_and_import_fix() {
    let v = json_check(&fixture("react-monorepo"), &[]);
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["match"] == "<button>" && f["fix"].is_object())
        .expect("a raw <button> finding with a fix");
    let path = fixture("react-monorepo").join(f["file"].as_str().unwrap());
    let before = std::fs::read_to_string(&path).unwrap();
    let mut text = before.clone();
    let mut edits: Vec<&Value> = f["fix"]["edits"].as_array().unwrap().iter().collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e["start_byte"].as_u64().unwrap()));
    for e in edits {
        let s = e["start_byte"].as_u64().unwrap() as usize;
        let t = e["end_byte"].as_u64().unwrap() as usize;
        text.replace_range(s..t, e["replacement"].as_str().unwrap());
    }
    assert!(
        text.contains("import { Button } from \"@acme/ui\";"),
        "{text}"
    );
    assert_eq!(
        text.matches("<button").count() + 1,
        before.matches("<button").count()
    );
    assert_eq!(
        text.matches("</button>").count() + 1,
        before.matches("</button>").count()
    );
    assert_eq!(
        text.matches("<Button").count(),
        before.matches("<Button").count() + 1
    );
}
