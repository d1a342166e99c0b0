//! Adoption in CI: baseline ratchet, changed files, inline suppressions, SARIF / GitHub output,
//! `init`, ADR-native rules and ADR status, the cache. Each test builds a throw-away repository
//! (tempfile + the `git` command line) and runs the real binary.

use std::path::Path;
use std::process::Command as Process;

use serde_json::Value;

mod common;

use common::{archdrift, fixture, found, git, run, write};

fn json(dir: &Path, args: &[&str]) -> (i32, Value) {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    let r = run(dir, &a);
    let v = serde_json::from_str(&r.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", r.stdout, r.stderr));
    (r.code, v)
}

fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q"]);
    write(dir.path(), "archdrift.toml", config);
    dir
}

const CONSOLE_RULE: &str = r#"
[[rule]]
id = "no-console"
kind = "banned-pattern"
message = "`{match}` bypasses the logger"
calls = ["console.log"]
"#;

const BILLING: &str = "export function pay(id: string) {\n  console.log(\"paying\", id);\n  return id;\n}\n\nexport function refund(id: string) {\n  console.log(\"refund\", id);\n}\n";

#[test]
fn baseline_survives_shifts_and_renames_and_catches_new_copies() {
    let d = repo(CONSOLE_RULE);
    let root = d.path();
    write(root, "src/billing.ts", BILLING);
    write(root, "src/other.ts", "export const x = 1;\n");
    let r = run(root, &["baseline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("wrote 2 entries"), "{}", r.stderr);
    let text = std::fs::read_to_string(root.join(".archdrift/baseline.json")).unwrap();
    let entries: Vec<&str> = text.lines().filter(|l| l.contains("fingerprint")).collect();
    assert_eq!(entries.len(), 2, "one entry per line:\n{text}");
    let mut sorted = entries.clone();
    sorted.sort();
    assert_eq!(entries, sorted, "entries are sorted");

    let bl = ".archdrift/baseline.json";
    let (code, v) = json(root, &["check", "--baseline", bl]);
    assert_eq!(code, 0);
    assert_eq!(found(&v), vec![]);
    assert_eq!(v["summary"]["baseline"]["matched"], 2);
    assert_eq!(v["summary"]["baseline"]["fixed"], 0);

    // moved down by 30 lines: still baselined
    let shifted = "// a comment\n".repeat(30) + BILLING;
    write(root, "src/billing.ts", &shifted);
    let (code, v) = json(root, &["check", "--baseline", bl]);
    assert_eq!((code, found(&v)), (0, vec![]));

    // a new copy of the same violation in the same function is new
    let copied = shifted.replace(
        "  return id;\n",
        "  console.log(\"paying\", id);\n  return id;\n",
    );
    write(root, "src/billing.ts", &copied);
    let (code, v) = json(root, &["check", "--baseline", bl]);
    assert_eq!(code, 1);
    assert_eq!(found(&v).len(), 1, "{v:#}");
    write(root, "src/billing.ts", &shifted);

    // the same content in a second file (the original still there) is new
    write(root, "src/billing-copy.ts", BILLING);
    let (code, v) = json(root, &["check", "--baseline", bl]);
    assert_eq!(code, 1);
    let f = found(&v);
    assert_eq!(f.len(), 2);
    assert!(f.iter().all(|(file, _, _)| file == "src/billing-copy.ts"));
    std::fs::remove_file(root.join("src/billing-copy.ts")).unwrap();

    // renamed (same content): keeps its baseline entries
    std::fs::create_dir_all(root.join("lib")).unwrap();
    std::fs::rename(root.join("src/billing.ts"), root.join("lib/payments.ts")).unwrap();
    let (code, v) = json(root, &["check", "--baseline", bl]);
    assert_eq!((code, found(&v)), (0, vec![]));
    assert_eq!(v["summary"]["baseline"]["matched"], 2);
    assert_eq!(v["summary"]["baseline"]["fixed"], 0);

    // one fixed, one new elsewhere: the new one fails, the fixed one is counted
    let fixed = shifted.replace("  console.log(\"refund\", id);\n", "");
    write(root, "lib/payments.ts", &fixed);
    write(root, "src/other.ts", "console.log(1);\n");
    let r = run(root, &["check", "--baseline", bl, "--update-baseline"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("src/other.ts"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("baseline: 1 finding not reported (known), 1 fixed"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("1 fixed entry removed, 1 left"),
        "{}",
        r.stderr
    );
    // it shrank and did not take the new finding in
    let text = std::fs::read_to_string(root.join(bl)).unwrap();
    assert_eq!(text.matches("fingerprint").count(), 1, "{text}");
    assert!(text.contains("lib/payments.ts"), "{text}");
    assert!(!text.contains("src/other.ts"), "{text}");
}

#[test]
fn bad_baseline_is_a_usage_error() {
    let d = repo(CONSOLE_RULE);
    write(d.path(), "a.ts", "console.log(1);\n");
    write(d.path(), "b.json", "[1, 2]");
    let r = run(d.path(), &["check", "--baseline", "b.json"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not an archdrift baseline"),
        "{}",
        r.stderr
    );
    let r = run(d.path(), &["check", "--baseline", "missing.json"]);
    assert_eq!(r.code, 2);
    let r = run(d.path(), &["check", "--update-baseline"]);
    assert_eq!(r.code, 2, "--update-baseline needs --baseline");
}

#[test]
fn changed_since_checks_committed_staged_unstaged_and_untracked_files() {
    let d = repo(CONSOLE_RULE);
    let root = d.path();
    for f in ["committed", "staged", "unstaged", "untouched"] {
        write(
            root,
            &format!("src/{f}.ts"),
            "export const a = 1;\nconsole.log(0);\n",
        );
    }
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    git(root, &["checkout", "-qb", "feature"]);
    let edited = "export const a = 1;\nconsole.log(0);\nconsole.log(1);\n";
    write(root, "src/committed.ts", edited);
    git(root, &["commit", "-qam", "edit"]);
    write(root, "src/staged.ts", edited);
    git(root, &["add", "src/staged.ts"]);
    write(root, "src/unstaged.ts", edited);
    write(root, "src/untracked.ts", "console.log(2);\n");
    write(root, "ignored/x.ts", "console.log(3);\n");
    write(root, ".gitignore", "ignored/\n");

    let (_, all) = json(root, &["check"]);
    // untouched 1, three edited files 2 each, untracked 1; ignored/ is not walked
    assert_eq!(found(&all).len(), 1 + 2 * 3 + 1, "{all:#}");

    let (code, v) = json(root, &["check", "--changed-since", "main"]);
    assert_eq!(code, 1);
    let files: Vec<String> = found(&v).into_iter().map(|f| f.0).collect();
    assert_eq!(
        files,
        vec![
            "src/committed.ts",
            "src/committed.ts",
            "src/staged.ts",
            "src/staged.ts",
            "src/unstaged.ts",
            "src/unstaged.ts",
            "src/untracked.ts"
        ]
    );
    assert_eq!(v["summary"]["files_checked"], 4);

    // PR mode: only the changed lines
    let (_, v) = json(
        root,
        &["check", "--changed-since", "main", "--changed-lines"],
    );
    let got: Vec<(String, u64)> = found(&v).into_iter().map(|f| (f.0, f.1)).collect();
    assert_eq!(
        got,
        vec![
            ("src/committed.ts".into(), 3),
            ("src/staged.ts".into(), 3),
            ("src/unstaged.ts".into(), 3),
            ("src/untracked.ts".into(), 1)
        ]
    );

    let r = run(root, &["check", "--changed-since", "no-such-branch"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no-such-branch"), "{}", r.stderr);
    let r = run(root, &["check", "--changed-lines"]);
    assert_eq!(r.code, 2, "--changed-lines needs --changed-since");
}

#[test]
fn changed_since_outside_git_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "archdrift.toml", CONSOLE_RULE);
    let r = run(dir.path(), &["check", "--changed-since", "main"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not inside a git repository"),
        "{}",
        r.stderr
    );
}

#[test]
fn inline_suppressions_with_reasons_and_unused_ones() {
    let d = repo(&format!(
        "{CONSOLE_RULE}\n[[rule]]\nid = \"no-eval\"\nkind = \"banned-pattern\"\nmessage = \"eval\"\ncalls = [\"eval\"]\n"
    ));
    let root = d.path();
    write(
        root,
        "a.ts",
        "// archdrift-ignore no-console: startup banner, before the logger exists\nconsole.log(1);\nconsole.log(2); // archdrift-ignore no-console: same line\nconsole.log(3);\n// archdrift-ignore no-console\nconsole.log(4);\n// archdrift-ignore no-eval: nothing here\nconst x = 1;\n// archdrift-ignore no-such-rule: typo\nconsole.log(5);\n",
    );
    write(
        root,
        "b.ts",
        "/* archdrift-ignore-file no-eval: generated by the template compiler */\neval(a);\neval(b);\nconsole.log(6);\n",
    );
    let (code, v) = json(root, &["check"]);
    assert_eq!(code, 1);
    assert_eq!(
        found(&v),
        vec![
            ("a.ts".into(), 4, "no-console".into()),
            (
                "a.ts".into(),
                5,
                "archdrift/suppression-without-reason".into()
            ),
            ("a.ts".into(), 7, "archdrift/unused-suppression".into()),
            ("a.ts".into(), 9, "archdrift/unused-suppression".into()),
            ("a.ts".into(), 10, "no-console".into()),
            ("b.ts".into(), 4, "no-console".into()),
        ]
    );
    assert_eq!(v["summary"]["suppressed"], 5);
    let f = &v["findings"].as_array().unwrap();
    assert_eq!(f[1]["severity"], "error");
    assert_eq!(f[2]["severity"], "warning");
    assert!(f[3]["message"]
        .as_str()
        .unwrap()
        .contains("no rule `no-such-rule`"));

    // severities are configurable; `off` switches a check off
    let cfg = std::fs::read_to_string(root.join("archdrift.toml")).unwrap();
    write(
        root,
        "archdrift.toml",
        format!("[suppressions]\nmissing_reason = \"off\"\nunused = \"info\"\n{cfg}"),
    );
    let (_, v) = json(root, &["check"]);
    let rules: Vec<String> = found(&v).into_iter().map(|f| f.2).collect();
    assert!(!rules.contains(&"archdrift/suppression-without-reason".to_string()));
    assert_eq!(v["findings"][1]["severity"], "info");
    write(
        root,
        "archdrift.toml",
        format!("[suppressions]\nunused = \"loud\"\n{cfg}"),
    );
    let r = run(root, &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown severity `loud`"), "{}", r.stderr);
}

fn sarif_validator() -> jsonschema::Validator {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schema/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(doc: &Value) {
    let v = sarif_validator();
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid SARIF:\n{}", errors.join("\n"));
}

#[test]
fn sarif_validates_against_the_official_schema() {
    // the validator itself rejects what the schema forbids
    let v = sarif_validator();
    assert!(!v.is_valid(&serde_json::json!({"version": "2.1.0", "runs": [{"results": []}]})));
    assert!(!v.is_valid(&serde_json::json!({"version": "3", "runs": []})));

    for name in ["react-monorepo", "rust-service"] {
        let out = archdrift()
            .args(["check", "--format", "sarif"])
            .arg(fixture(name))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid_sarif(&doc);
        let run = &doc["runs"][0];
        let results = run["results"].as_array().unwrap();
        let (_, j) = json(&fixture(name), &["check"]);
        assert_eq!(results.len(), j["findings"].as_array().unwrap().len());
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        for r in results {
            let idx = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[idx]["id"], r["ruleId"]);
            assert!(r["partialFingerprints"]["archdriftFingerprint/v1"]
                .as_str()
                .is_some_and(|s| s.len() == 16));
        }
        // every rule of the fixtures cites an ADR: it is the rule's help
        assert!(rules
            .iter()
            .all(|r| r["help"]["text"].as_str().unwrap().contains("why: ADR-")));
    }
}

#[test]
fn sarif_with_problems_suppressions_and_adr_urls_validates() {
    let d = repo(&format!(
        "{CONSOLE_RULE}adr = {{ id = \"ADR-9\", title = \"Logging\", url = \"https://example.com/adr/9\" }}\n"
    ));
    let root = d.path();
    write(
        root,
        "a b.ts",
        "console.log(1);\n// archdrift-ignore nope\n",
    );
    std::fs::write(root.join("bad.ts"), b"\xff\xfe").unwrap();
    let out = archdrift()
        .current_dir(root)
        .args(["check", "--format", "sarif"])
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid_sarif(&doc);
    let run = &doc["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"][0]["helpUri"],
        "https://example.com/adr/9"
    );
    assert_eq!(
        run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a%20b.ts"
    );
    let notes = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert_eq!(notes.len(), 1);
}

#[test]
fn github_workflow_commands_snapshot() {
    let out = archdrift()
        .args(["check", "--format", "github"])
        .arg(fixture("react-monorepo"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().all(|l| l.starts_with("::error file=")
        || l.starts_with("::warning file=")
        || l.starts_with("::notice file=")));
    insta::assert_snapshot!("react_github", text);
}

#[test]
fn init_writes_a_working_config_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "package.json",
        r#"{ "name": "acme", "private": true, "workspaces": ["apps/*", "packages/*"] }"#,
    );
    write(
        root,
        "packages/ui/package.json",
        r#"{ "name": "@acme/ui", "dependencies": { "@mui/material": "5", "@radix-ui/react-dialog": "1" } }"#,
    );
    write(root, "apps/web/package.json", r#"{ "name": "web" }"#);
    write(
        root,
        "tsconfig.json",
        "{\n  // shared\n  \"compilerOptions\": { \"paths\": { \"@/*\": [\"src/*\"], }, },\n}\n",
    );
    write(
        root,
        "docs/adr/0001-use-the-ui-kit.md",
        "# ADR-0001: Use @acme/ui\n\nStatus: Accepted\n",
    );
    write(
        root,
        "apps/web/src/App.tsx",
        "import { Button } from '@mui/material';\nimport * as D from '@radix-ui/react-dialog';\nexport const App = () => { console.log(1); return <Button/>; };\n",
    );
    write(
        root,
        "packages/ui/src/Button.tsx",
        "import { Button } from '@mui/material';\nexport default Button;\n",
    );

    let r = run(root, &["init"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cfg = std::fs::read_to_string(root.join("archdrift.toml")).unwrap();
    for expected in [
        "design system: @acme/ui (wraps @mui/material, @radix-ui/*)",
        "tsconfig path aliases: @/*",
        "ADRs: 1 in docs/adr",
        "paths = [\"docs/adr\"]",
        "source = [\"packages/ui/**\"]",
        "wraps = [\"@mui/material\", \"@radix-ui/*\"]",
    ] {
        assert!(cfg.contains(expected), "missing {expected:?} in\n{cfg}");
    }
    // the written configuration loads and finds the drift, not the design system's own import;
    // the design system has a Button but no Dialog: the Radix dialog import is the only way
    let (code, v) = json(root, &["check"]);
    assert_eq!(code, 1);
    let rules: Vec<(String, u64, String)> = found(&v);
    assert_eq!(
        rules,
        vec![
            (
                "apps/web/src/App.tsx".into(),
                1,
                "ds/no-wrapped-imports".into()
            ),
            ("apps/web/src/App.tsx".into(), 3, "ts/no-console".into()),
        ]
    );

    write(root, "archdrift.toml", "# mine\n");
    let r = run(root, &["init"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(root.join("archdrift.toml")).unwrap(),
        "# mine\n"
    );
    let r = run(root, &["init", "--force"]);
    assert_eq!(r.code, 0);
    assert_ne!(
        std::fs::read_to_string(root.join("archdrift.toml")).unwrap(),
        "# mine\n"
    );
}

#[test]
fn init_for_a_cargo_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\n",
    );
    write(root, "crates/a/src/lib.rs", "pub fn f(x: Option<u8>) -> u8 { dbg!(x); x.unwrap() }\n#[cfg(test)]\nmod tests { fn t() { Some(1).unwrap(); } }\n");
    let r = run(root, &["init", "."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let cfg = std::fs::read_to_string(root.join("archdrift.toml")).unwrap();
    assert!(cfg.contains("Cargo workspace members: crates/*"), "{cfg}");
    assert!(!cfg.contains("ts/no-console"), "{cfg}");
    let (code, v) = json(root, &["check"]);
    assert_eq!(code, 1);
    let rules: Vec<String> = found(&v).into_iter().map(|f| f.2).collect();
    assert_eq!(rules, vec!["rust/no-dbg", "rust/no-unwrap"]);
}

const ADR_ACCEPTED: &str = "# ADR-0001: Structured logging\n\nStatus: Accepted\n\n## Decision\n\nLog through the logger.\n\n```archdrift\n[[rule]]\nid = \"log/no-console\"\nkind = \"banned-pattern\"\nmessage = \"`{match}` bypasses the logger\"\ncalls = [\"console.log\"]\n```\n";
const ADR_PROPOSED: &str = "# ADR-0002: No explicit any\n\n## Status\n\nProposed\n\n```archdrift\n[[rule]]\nid = \"ts/no-any\"\nkind = \"banned-pattern\"\nseverity = \"error\"\nmessage = \"explicit any\"\ntypes = [\"any\"]\n```\n";
const ADR_SUPERSEDED: &str = "# ADR-0003: No eval\n\nStatus: Superseded by ADR-0004\n\n```archdrift\n[[rule]]\nid = \"sec/no-eval\"\nkind = \"banned-pattern\"\nmessage = \"eval\"\ncalls = [\"eval\"]\n```\n";
const ADR_UNENFORCED: &str = "# ADR-0004: No dynamic code\n\nStatus: Accepted\n";

fn adr_repo() -> tempfile::TempDir {
    let d = repo("[[rule]]\nid = \"misc/no-debugger\"\nkind = \"banned-pattern\"\nmessage = \"debugger\"\nlanguage = \"typescript\"\nquery = '(debugger_statement) @match'\n");
    let root = d.path();
    write(root, "docs/adr/0001-structured-logging.md", ADR_ACCEPTED);
    write(root, "docs/adr/0002-no-any.md", ADR_PROPOSED);
    write(root, "docs/adr/0003-no-eval.md", ADR_SUPERSEDED);
    write(root, "docs/adr/0004-no-dynamic-code.md", ADR_UNENFORCED);
    write(
        root,
        "src/a.ts",
        "console.log(1);\nlet x: any = eval(\"1\");\ndebugger;\n",
    );
    d
}

#[test]
fn adr_native_rules_follow_their_adr_status() {
    let d = adr_repo();
    let root = d.path();
    let (code, v) = json(root, &["check"]);
    assert_eq!(code, 1);
    let f = v["findings"].as_array().unwrap();
    let brief: Vec<(String, String)> = f
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // Accepted: as declared; Proposed: a warning; Superseded: retired (no eval finding)
    assert_eq!(
        brief,
        vec![
            ("log/no-console".into(), "error".into()),
            ("ts/no-any".into(), "warning".into()),
            ("misc/no-debugger".into(), "error".into()),
        ]
    );
    // the ADR's id, title and path come from the document
    assert_eq!(f[0]["adr"]["id"], "ADR-0001");
    assert_eq!(f[0]["adr"]["title"], "Structured logging");
    assert_eq!(f[0]["adr"]["path"], "docs/adr/0001-structured-logging.md");
    assert!(f[1]["help"].as_str().unwrap().contains("only proposed"));

    let (code, ov) = json(root, &["adr"]);
    assert_eq!(code, 0);
    let adrs = ov["adrs"].as_array().unwrap();
    assert_eq!(adrs.len(), 4);
    assert_eq!(adrs[0]["rules"][0]["id"], "log/no-console");
    assert_eq!(adrs[0]["rules"][0]["findings"], 1);
    assert_eq!(adrs[1]["effect"], "warnings");
    assert_eq!(adrs[2]["effect"], "retired");
    assert_eq!(adrs[2]["retired_rules"][0]["id"], "sec/no-eval");
    assert_eq!(adrs[2]["retired_rules"][0]["by"], "ADR-0004");
    assert_eq!(ov["unenforced"], serde_json::json!(["ADR-0004"]));
    assert_eq!(ov["rules_without_adr"][0]["id"], "misc/no-debugger");

    let r = run(root, &["explain", "sec/no-eval"]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout.contains("Not run: ADR-0003: No eval has status \"Superseded by ADR-0004\", replaced by ADR-0004."),
        "{}",
        r.stdout
    );
    let r = run(root, &["adr"]);
    assert!(r.stdout.contains("sec/no-eval"), "{}", r.stdout);
    assert!(
        r.stdout.contains("retired (replaced by ADR-0004)"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("decisions no rule enforces yet: ADR-0004"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("rules citing no ADR: misc/no-debugger"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_mistake_in_an_adr_block_points_into_the_markdown() {
    let d = adr_repo();
    let root = d.path();
    write(
        root,
        "docs/adr/0001-structured-logging.md",
        ADR_ACCEPTED.replace("kind = ", "sevrity = \"error\"\nkind = "),
    );
    let r = run(root, &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("docs/adr/0001-structured-logging.md:12:1"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("unknown field `sevrity`"), "{}", r.stderr);
}

#[test]
fn cache_reuses_unchanged_files_and_follows_content_and_rule_changes() {
    let d = repo(CONSOLE_RULE);
    let root = d.path();
    write(root, "a.ts", "console.log(1);\n");
    write(
        root,
        "b.ts",
        "console.log(2);\n// archdrift-ignore no-console\nconsole.log(3);\n",
    );
    let (_, cold) = json(root, &["check", "--cache"]);
    assert!(root.join(".archdrift/cache/files-v2.json").is_file());
    let (_, warm) = json(root, &["check", "--cache"]);
    assert_eq!(cold, warm);
    let (_, uncached) = json(root, &["check"]);
    assert_eq!(cold, uncached);
    // a content change
    write(root, "a.ts", "console.log(1);\nconsole.log(1);\n");
    let (_, v) = json(root, &["check", "--cache"]);
    assert_eq!(v["findings"].as_array().unwrap().len(), 4);
    // a rule change
    write(
        root,
        "archdrift.toml",
        CONSOLE_RULE.replace("console.log", "console.*"),
    );
    write(root, "c.ts", "console.warn(1);\n");
    let (_, v) = json(root, &["check", "--cache"]);
    let (_, fresh) = json(root, &["check"]);
    assert_eq!(v, fresh);
    assert_eq!(found(&v).iter().filter(|f| f.0 == "c.ts").count(), 1);
    // a corrupt cache is ignored
    std::fs::write(root.join(".archdrift/cache/files-v2.json"), "garbage").unwrap();
    let (_, v) = json(root, &["check", "--cache"]);
    assert_eq!(v, fresh);
}

#[test]
fn no_progress_output_when_stderr_is_not_a_terminal() {
    let r = run(&fixture("react-monorepo"), &["check", "--format", "json"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stderr, "");
}

/// The `archdrift check` commands of the README's CI snippets and of `.pre-commit-hooks.yaml`,
/// with the base branch replaced by `main`.
fn documented_ci_commands() -> Vec<(String, Vec<String>)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(manifest.join("README.md")).unwrap();
    let ci = readme
        .split("### In CI")
        .nth(1)
        .expect("README has an `In CI` section");
    let ci = ci.split("\n## ").next().unwrap();
    let hooks = std::fs::read_to_string(manifest.join(".pre-commit-hooks.yaml")).unwrap();
    let mut out = Vec::new();
    for (origin, text) in [("README", ci), ("pre-commit", hooks.as_str())] {
        for line in text.lines() {
            let Some(at) = line.find("archdrift check") else {
                continue;
            };
            if origin == "pre-commit" && !line.trim_start().starts_with("entry:") {
                continue;
            }
            let cmd = line[at..]
                .split(" > ")
                .next()
                .unwrap()
                .replace("origin/${{ github.base_ref }}", "main")
                .replace("\"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"", "main");
            let args: Vec<String> = cmd.split_whitespace().skip(1).map(String::from).collect();
            out.push((origin.to_string(), args));
        }
    }
    out
}

#[test]
fn the_documented_ci_commands_work() {
    let cmds = documented_ci_commands();
    // GitHub (2), GitLab (1) and a local pre-commit hook (1) in the README; the hooks: changed
    // lines and whole repository, each as the npm package and built with cargo
    assert_eq!(cmds.len(), 8, "{cmds:?}");
    let d = repo(CONSOLE_RULE);
    let root = d.path();
    write(root, "src/old.ts", "console.log(\"known\");\n");
    assert_eq!(run(root, &["baseline"]).code, 0);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    git(root, &["checkout", "-qb", "feature"]);
    write(
        root,
        "src/new.ts",
        "export const a = 1;\nconsole.log(\"new\");\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "feature"]);
    write(root, "src/staged.ts", "console.log(\"staged\");\n");
    git(root, &["add", "src/staged.ts"]);
    for (origin, args) in cmds {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(root, &a);
        let whole_repo = origin == "pre-commit" && !args.iter().any(|a| a == "--changed-since");
        if whole_repo {
            // `pre-commit run --all-files`: everything, old drift included
            assert_eq!(r.code, 1, "archdrift {}\n{}", args.join(" "), r.stderr);
            for f in ["old.ts", "src/new.ts", "staged.ts"] {
                assert!(r.stdout.contains(f), "whole repository: {f}:\n{}", r.stdout);
            }
            continue;
        }
        assert_eq!(
            r.code,
            1,
            "{origin}: archdrift {}\n{}",
            args.join(" "),
            r.stderr
        );
        assert!(
            !r.stdout.contains("old.ts"),
            "{origin}: baselined or unchanged:\n{}",
            r.stdout
        );
        assert!(r.stdout.contains("staged.ts"), "{origin}:\n{}", r.stdout);
        let commit_hook = args.iter().any(|a| a == "HEAD");
        if !commit_hook {
            assert!(r.stdout.contains("src/new.ts"), "{origin}:\n{}", r.stdout);
        } else {
            assert!(
                !r.stdout.contains("src/new.ts"),
                "pre-commit sees only staged:\n{}",
                r.stdout
            );
        }
        if args.contains(&"sarif".to_string()) {
            assert_valid_sarif(&serde_json::from_str(&r.stdout).unwrap());
        }
    }
}

#[test]
fn changed_since_with_the_config_in_a_subdirectory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    write(root, "web/archdrift.toml", CONSOLE_RULE);
    write(root, "web/src/a b.ts", "console.log(1);\n");
    write(root, "web/src/old.ts", "console.log(1);\n");
    write(root, "other/x.ts", "console.log(1);\n");
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "base"]);
    write(root, "web/src/a b.ts", "console.log(1);\nconsole.log(2);\n");
    write(root, "other/x.ts", "console.log(2);\n");
    let (_, v) = json(
        &root.join("web"),
        &["check", "--changed-since", "HEAD", "--changed-lines"],
    );
    assert_eq!(
        found(&v),
        vec![("src/a b.ts".into(), 2, "no-console".into())]
    );
}

/// Runs archdrift under a pseudo-terminal (util-linux `script`); returns what the terminal got.
fn on_a_terminal(args: &str) -> String {
    let bin = assert_cmd::cargo::cargo_bin("archdrift");
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("tty.log");
    let cmd = format!(
        "{} {args} --format json > /dev/null",
        bin.display().to_string().replace(' ', "\\ ")
    );
    let status = Process::new("script")
        .args(["-qec", &cmd])
        .arg(&log)
        .env_remove("NO_COLOR")
        .stdout(std::process::Stdio::null())
        .status()
        .expect("util-linux `script` runs a command on a pseudo-terminal");
    assert!(status.code().is_some());
    std::fs::read_to_string(&log).unwrap_or_default()
}

#[test]
fn progress_bar_on_a_terminal_only_and_switchable() {
    let fx = fixture("react-monorepo");
    let shown = on_a_terminal(&format!("check {}", fx.display()));
    assert!(shown.contains("/26 files"), "{shown}");
    assert!(shown.contains("files/s"), "{shown}");
    let off = on_a_terminal(&format!("check --no-progress {}", fx.display()));
    assert!(!off.contains("files/s"), "{off}");
}

/// The hook of `git commit` (changed lines) blocks new drift on the committed lines only: a commit
/// that touches a file with old drift elsewhere passes; the whole-repository hook (what
/// `pre-commit run --all-files` and CI run) reports the old drift.
#[test]
fn the_commit_hook_blocks_new_drift_only_and_the_whole_repository_hook_sees_all() {
    let hooks = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let entry = |id: &str| -> Vec<String> {
        let block = hooks
            .split("- id: ")
            .find(|b| b.lines().next() == Some(id))
            .unwrap_or_else(|| panic!("hook {id}"));
        let line = block
            .lines()
            .find_map(|l| l.trim().strip_prefix("entry: "))
            .unwrap();
        line.split_whitespace().skip(1).map(String::from).collect()
    };
    let d = repo(CONSOLE_RULE);
    let root = d.path();
    write(
        root,
        "src/old.ts",
        "console.log(\"old\");\nexport const a = 1;\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-qm", "old drift"]);
    // touch the file with old drift: a clean line
    write(
        root,
        "src/old.ts",
        "console.log(\"old\");\nexport const a = 1;\nexport const b = 2;\n",
    );
    git(root, &["add", "-A"]);
    for id in ["archdrift", "archdrift-cargo"] {
        let args = entry(id);
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(root, &a);
        assert_eq!(r.code, 0, "{id}: {}\n{}", r.stdout, r.stderr);
    }
    for id in ["archdrift-all", "archdrift-all-cargo"] {
        let args = entry(id);
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(root, &a);
        assert_eq!(r.code, 1, "{id}: {}", r.stderr);
        assert!(r.stdout.contains("src/old.ts:1"), "{id}: {}", r.stdout);
    }
    // the near-miss: new drift on a committed line blocks the commit
    write(
        root,
        "src/old.ts",
        "console.log(\"old\");\nexport const a = 1;\nconsole.log(\"new\");\n",
    );
    git(root, &["add", "-A"]);
    let args = entry("archdrift");
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(root, &a);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("src/old.ts:3"), "{}", r.stdout);
    assert!(!r.stdout.contains("src/old.ts:1"), "{}", r.stdout);
}
