//! The conventions of ruff and oxlint (issue 17): choosing and grading rules on the command line
//! and in `archdrift.toml`, shipped packs by name, output at volume (`--statistics`, `--quiet`,
//! `--output-file`, the per-rule table), configuration mistakes caught at load time, and a
//! configuration kept outside the checked tree.

mod common;

use common::{json_check, run, write};

const TWO_RULES: &str = r#"
[[rule]]
id = "ts/a"
kind = "banned-pattern"
severity = "warning"
message = "`{match}` is a"
calls = ["callA"]

[[rule]]
id = "ts/b"
kind = "banned-pattern"
severity = "warning"
message = "`{match}` is b"
calls = ["callB"]

[[rule]]
id = "lay/imports"
kind = "layer-boundary"
severity = "warning"
message = "`{from}` must not import `{to}`"
layers = { ui = ["ui/**"], db = ["db/**"] }
allow = ["ui -> db"]
unresolved = "ignore"
"#;

fn project(config: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "archdrift.toml", config);
    write(d.path(), "src/x.ts", "callA(1);\ncallB(2);\ncallA(3);\n");
    d
}

fn rules_of(v: &serde_json::Value) -> Vec<String> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{}:{}",
                f["rule"].as_str().unwrap(),
                f["severity"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn select_ignore_and_severity_on_the_command_line() {
    let d = project(TWO_RULES);
    let p = d.path();
    let all = rules_of(&json_check(p, &[]));
    assert_eq!(all, ["ts/a:warning", "ts/b:warning", "ts/a:warning"]);
    assert_eq!(
        rules_of(&json_check(p, &["--select", "ts/b"])),
        ["ts/b:warning"]
    );
    // a glob of ids, a kind, comma-separated lists
    assert_eq!(rules_of(&json_check(p, &["--select", "ts/*"])).len(), 3);
    assert_eq!(
        rules_of(&json_check(
            p,
            &["--select", "banned-pattern", "--ignore", "ts/a"]
        )),
        ["ts/b:warning"]
    );
    assert_eq!(
        rules_of(&json_check(p, &["--ignore", "ts/a,lay/imports"])),
        ["ts/b:warning"]
    );
    // grading: a warning made an error fails the check; off drops the rule
    let r = run(
        p,
        &["check", "--format", "compact", "--severity", "ts/b=error"],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("error [ts/b]"), "{}", r.stdout);
    assert_eq!(run(p, &["check", "--format", "compact"]).code, 0);
    assert_eq!(
        rules_of(&json_check(p, &["--severity", "ts/a=off"])),
        ["ts/b:warning"]
    );
    // a pattern naming no rule is an error, with the closest id
    let r = run(p, &["check", "--select", "ts/bb"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `ts/b`"), "{}", r.stderr);
    let r = run(p, &["check", "--severity", "ts/a=fatal"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("unknown level `fatal`"), "{}", r.stderr);
    // nothing left to run: exit 2 unless --allow-empty
    let r = run(p, &["check", "--ignore", "ts/*,layer-boundary"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no rules to run"), "{}", r.stderr);
    let r = run(
        p,
        &["check", "--ignore", "ts/*,layer-boundary", "--allow-empty"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn a_config_with_no_rules_is_an_error_unless_allowed() {
    let d = project("[check]\nexclude = [\"gen/**\"]\n");
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no rules to run"), "{}", r.stderr);
    assert!(r.stderr.contains("archdrift rules --packs"), "{}", r.stderr);
    assert_eq!(run(d.path(), &["check", "--allow-empty"]).code, 0);
}

#[test]
fn shipped_packs_are_included_by_name_and_overridden() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "archdrift.toml",
        r#"include = ["archdrift:ts-hygiene"]

[rules."ts/no-console"]
severity = "error"
paths = ["src/**"]

[rules."ts/no-eval"]
severity = "off"
"#,
    );
    write(p, "src/a.ts", "console.log(1);\neval(\"x\");\n");
    write(p, "lib/b.ts", "console.log(2);\n");
    let v = json_check(p, &[]);
    let found: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {} {}", f["file"], f["rule"], f["severity"]))
        .collect();
    // console only under src/, as an error; eval switched off
    assert_eq!(found, ["\"src/a.ts\" \"ts/no-console\" \"error\""]);
    let r = run(p, &["rules"]);
    assert!(r.stdout.contains("archdrift:ts-hygiene:"), "{}", r.stdout);
    assert!(!r.stdout.contains("ts/no-eval"), "{}", r.stdout);
    // without the overrides the pack's own severities and paths hold
    write(
        p,
        "archdrift.toml",
        "include = [\"archdrift:ts-hygiene\"]\n",
    );
    let v = json_check(p, &[]);
    let n = v["findings"].as_array().unwrap().len();
    assert_eq!(n, 3, "{v}");
}

#[test]
fn overrides_and_pack_names_are_checked() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "archdrift.toml",
        "include = [\"archdrift:ts-hygeine\"]\n",
    );
    let r = run(p, &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `archdrift:ts-hygiene`"),
        "{}",
        r.stderr
    );
    write(
        p,
        "archdrift.toml",
        "include = [\"archdrift:ts-hygiene\"]\n\n[rules.\"ts/no-consol\"]\nseverity = \"error\"\n",
    );
    let r = run(p, &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `ts/no-console`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("archdrift.toml:3:8"), "{}", r.stderr);
    write(
        p,
        "archdrift.toml",
        "include = [\"archdrift:ts-hygiene\"]\n\n[rules.\"ts/*\"]\nseverty = \"error\"\n",
    );
    let r = run(p, &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("did you mean `severity`"), "{}", r.stderr);
}

#[test]
fn rules_packs_lists_every_shipped_pack() {
    let d = tempfile::tempdir().unwrap();
    let r = run(d.path(), &["rules", "--packs"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for name in [
        "ts-hygiene",
        "rust-hygiene",
        "react-design-system",
        "hardcoded-config",
        "layered-architecture",
    ] {
        assert!(
            r.stdout.contains(&format!("archdrift:{name}")),
            "{}",
            r.stdout
        );
    }
    let r = run(d.path(), &["rules", "--packs", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v[0]["include"], "archdrift:ts-hygiene");
    assert_eq!(v[0]["rules"], 9);
}

fn many_findings() -> tempfile::TempDir {
    let d = project(TWO_RULES);
    let mut text = String::new();
    for i in 0..25 {
        text.push_str(&format!("callA({i});\n"));
    }
    write(d.path(), "src/deep/many.ts", &text);
    d
}

#[test]
fn statistics_count_per_rule_adr_file_and_folder() {
    let d = many_findings();
    let r = run(d.path(), &["check", "--statistics"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("statistics_human", r.stdout);
    let r = run(d.path(), &["check", "--statistics", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["findings"], 28);
    assert_eq!(v["rules"][0]["rule"], "ts/a");
    assert_eq!(v["rules"][0]["count"], 27);
    assert_eq!(v["files"][0]["file"], "src/deep/many.ts");
    assert_eq!(v["directories"][1]["directory"], "src");
    let r = run(d.path(), &["check", "--statistics", "--format", "sarif"]);
    assert_eq!(r.code, 2);
}

#[test]
fn a_long_human_report_ends_with_a_rule_table_and_quiet_drops_it() {
    let d = many_findings();
    let r = run(d.path(), &["check"]);
    let tail: Vec<&str> = r.stdout.lines().rev().take(5).collect();
    assert!(tail.iter().any(|l| l.contains("COUNT  RULE")), "{tail:?}");
    assert!(tail[0].starts_with("28 findings"), "{tail:?}");
    let q = run(d.path(), &["check", "--quiet"]);
    assert!(!q.stdout.contains("COUNT  RULE"));
    assert!(!q.stdout.contains("28 findings"));
    assert!(q.stdout.contains("callA(24)"));
    // a short report has no table
    let d = project(TWO_RULES);
    assert!(!run(d.path(), &["check"]).stdout.contains("COUNT  RULE"));
}

#[test]
fn output_file_holds_the_report_without_colour() {
    let d = project(TWO_RULES);
    let p = d.path();
    let r = run(
        p,
        &[
            "check",
            "--color",
            "always",
            "--output-file",
            "out/report.txt",
        ],
    );
    assert_eq!(r.code, 2, "the folder does not exist: {}", r.stderr);
    let r = run(p, &["check", "--color", "always", "-o", "report.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let text = std::fs::read_to_string(p.join("report.txt")).unwrap();
    assert!(text.contains("`callB` is b"), "{text}");
    assert!(!text.contains('\u{1b}'), "{text}");
    let r = run(p, &["check", "--format", "json", "--output-file", "r.json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(p.join("r.json")).unwrap()).unwrap();
    assert_eq!(v["findings"].as_array().unwrap().len(), 3);
    // colour on stdout still works
    let r = run(p, &["check", "--color", "always"]);
    assert!(r.stdout.contains('\u{1b}'));
}

#[test]
fn an_unknown_placeholder_is_a_config_error() {
    let d = project(
        "[[rule]]\nid = \"x\"\nkind = \"banned-pattern\"\nmessage = \"`{mach}` is banned\"\ncalls = [\"callA\"]\n",
    );
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown placeholder `{mach}`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("did you mean `{match}`"), "{}", r.stderr);
    // a kind's own variables are known, in message and help; other braces are text
    let d = project(
        "[[rule]]\nid = \"x\"\nkind = \"banned-pattern\"\nmessage = \"`{match}` in { a } or {}\"\nhelp = \"{what}\"\ncalls = [\"callA\"]\n",
    );
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("`{what}` in `help`"), "{}", r.stderr);
    let d = project(
        "[[rule]]\nid = \"x\"\nkind = \"banned-pattern\"\nmessage = \"`{match}` in { a } or {}\"\ncalls = [\"callA\"]\n",
    );
    assert_eq!(run(d.path(), &["check"]).code, 1);
}

#[test]
fn a_missing_adr_path_is_a_warning_at_load_time() {
    let d = project(
        "[[rule]]\nid = \"x\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nadr = { id = \"ADR-1\", title = \"t\", path = \"docs/adr/0001.md\" }\ncalls = [\"callA\"]\n",
    );
    let r = run(d.path(), &["check", "--format", "compact"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .contains("warning: the ADR path `docs/adr/0001.md`"),
        "{}",
        r.stderr
    );
    write(d.path(), "docs/adr/0001.md", "# ADR-1\n");
    let r = run(d.path(), &["check", "--format", "compact"]);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
}

#[test]
fn a_bare_file_name_finds_the_config() {
    let d = project(TWO_RULES);
    write(d.path(), "b.ts", "callB(1);\n");
    let r = run(d.path(), &["check", "--format", "compact", "b.ts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("b.ts:1:1"), "{}", r.stdout);
    let empty = tempfile::tempdir().unwrap();
    write(empty.path(), "b.ts", "callB(1);\n");
    let r = run(empty.path(), &["check", "b.ts"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("archdrift init"), "{}", r.stderr);
}

#[test]
fn a_config_outside_the_checked_tree() {
    let central = tempfile::tempdir().unwrap();
    let repo = tempfile::tempdir().unwrap();
    write(
        central.path(),
        "archdrift.toml",
        "include = [\"packs/*.toml\"]\n",
    );
    write(
        central.path(),
        "packs/a.toml",
        "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nseverity = \"error\"\nmessage = \"m\"\npaths = [\"src/**\"]\ncalls = [\"callA\"]\n",
    );
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    write(repo.path(), "src/x.ts", "callA(1);\n");
    write(repo.path(), "lib/y.ts", "callA(2);\n");
    let cfg = central.path().join("archdrift.toml");
    let cfg = cfg.to_str().unwrap();
    for cmd in ["check", "baseline"] {
        let mut args = vec![cmd, "--config", cfg];
        if cmd == "check" {
            args.extend(["--format", "compact"]);
        }
        args.push("src");
        let r = run(repo.path(), &args);
        assert!(r.code <= 1, "{cmd}: {}", r.stderr);
        if cmd == "check" {
            // paths resolve against the checked repository, the include against the config
            assert_eq!(r.stdout.trim(), "src/x.ts:1:1: error [a] m", "{}", r.stderr);
        }
    }
    let r = run(
        repo.path(),
        &["check", "--config", cfg, "--format", "compact", "."],
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout.lines().count(), 1, "{}", r.stdout);
    // commands without a PATH check the current directory's repository (and so does a check
    // without one): `adr` counts the finding in src/, `check` reports it
    let r = run(repo.path(), &["adr", "--config", cfg, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("\"findings\": 1"), "{}", r.stdout);
    let r = run(
        repo.path(),
        &["check", "--config", cfg, "--format", "compact"],
    );
    assert_eq!(r.stdout.trim(), "src/x.ts:1:1: error [a] m", "{}", r.stderr);
    // near-miss: a configuration inside the current repository keeps its own directory as root
    write(repo.path(), "sub/archdrift.toml", "[[rule]]\nid = \"b\"\nkind = \"banned-pattern\"\nseverity = \"error\"\nmessage = \"m\"\npaths = [\"src/**\"]\ncalls = [\"callB\"]\n");
    write(repo.path(), "sub/src/z.ts", "callB(1);\n");
    let r = run(
        repo.path(),
        &[
            "check",
            "--config",
            "sub/archdrift.toml",
            "--format",
            "compact",
        ],
    );
    assert_eq!(r.stdout.trim(), "src/z.ts:1:1: error [b] m", "{}", r.stderr);
    // an editor buffer of a file not yet on disk
    let r = common::Run::of(
        common::archdrift()
            .current_dir(repo.path())
            .args(["check", "--config", cfg, "--format", "compact"])
            .args(["--stdin-filename", "src/new/file.ts"])
            .write_stdin("callA(9);\n"),
    );
    assert_eq!(
        r.stdout.trim(),
        "src/new/file.ts:1:1: error [a] m",
        "{}",
        r.stderr
    );
}

#[test]
fn a_missing_file_named_by_a_central_config_points_at_the_checked_root() {
    let central = tempfile::tempdir().unwrap();
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir(repo.path().join(".git")).unwrap();
    write(repo.path(), "src/x.ts", "const a = 1;\n");
    write(
        central.path(),
        "archdrift.toml",
        "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nseverity = \"warning\"\nmessage = \"m\"\nconfig_files = [\"src/settings.ts\"]\n",
    );
    let cfg = central.path().join("archdrift.toml");
    let r = run(
        repo.path(),
        &["check", "--config", cfg.to_str().unwrap(), "src"],
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
    let root = std::fs::canonicalize(repo.path()).unwrap();
    assert!(
        r.stderr.contains("relative to the checked root")
            && (r.stderr.contains(&*root.to_string_lossy())
                || r.stderr.contains(&*repo.path().to_string_lossy())),
        "the help names the repository, not the config's folder:\n{}",
        r.stderr
    );
    assert!(
        !r.stderr.contains("directory of archdrift.toml"),
        "{}",
        r.stderr
    );
}

fn sarif_validator() -> jsonschema::Validator {
    let schema_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schema/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

#[test]
fn sarif_rules_read_as_text_and_link_their_adr_on_the_repository() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(
        p,
        "archdrift.toml",
        r#"
[[rule]]
id = "config/endpoint"
kind = "hardcoded-config"
severity = "warning"
message = "{what}"
adr = { id = "ADR-2", title = "Endpoints", path = "docs/adr/0002.md" }
detectors = ["url"]

[[rule]]
id = "ts/a"
kind = "banned-pattern"
severity = "warning"
message = "`{match}` is a"
adr = { id = "ADR-3", title = "A", path = "docs/adr/0003.md" }
calls = ["callA"]

[[rule]]
id = "ts/unseen"
kind = "banned-pattern"
severity = "warning"
message = "{match}"
calls = ["neverCalled"]
"#,
    );
    write(p, "docs/adr/0002.md", "# ADR-2\n");
    write(p, "docs/adr/0003.md", "# ADR-3\n");
    write(
        p,
        "src/api.ts",
        "export const base = \"https://api.acme-payments.io/v2\";\ncallA(1);\n",
    );
    let sarif = |p: &std::path::Path| -> serde_json::Value {
        let r = run(p, &["check", "--format", "sarif"]);
        assert!(r.code <= 1, "{}", r.stderr);
        let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let errors: Vec<String> = sarif_validator()
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        doc
    };
    // no repository: no helpUri for ADRs given by path
    let doc = sarif(p);
    let driver = &doc["runs"][0]["tool"]["driver"];
    assert!(driver["informationUri"]
        .as_str()
        .unwrap()
        .starts_with("https://"));
    let rules = driver["rules"].as_array().unwrap();
    let short: Vec<&str> = rules
        .iter()
        .map(|r| r["shortDescription"]["text"].as_str().unwrap())
        .collect();
    assert!(short.iter().all(|s| !s.contains('{')), "{short:?}");
    assert!(short[0].contains("api.acme-payments.io"), "{short:?}");
    assert_eq!(short[1], "`…` is a");
    assert_eq!(short[2], "…");
    assert!(rules.iter().all(|r| r.get("helpUri").is_none()));
    // in a repository whose origin is on GitHub: the ADR's page there
    write(
        p,
        ".git/config",
        "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:acme/shop.git\n",
    );
    let doc = sarif(p);
    let rules = doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert_eq!(
        rules[1]["helpUri"],
        "https://github.com/acme/shop/blob/HEAD/docs/adr/0003.md"
    );
    assert!(rules[2].get("helpUri").is_none());
}

const DS: &str = "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Button\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nseverity = \"warning\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n";

const PAGE: &str = "import { x } from \"./x\";\n\nexport function Page() {\n  return <div><button onClick={x}>a</button><button>b</button></div>;\n}\n";

#[test]
fn fix_applies_the_fixes_findings_carry_and_dry_run_shows_them() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "archdrift.toml", DS);
    write(p, "src/Page.tsx", PAGE);
    write(p, "src/Other.tsx", "export const O = () => <span/>;\n");
    let before = json_check(p, &[]);
    assert_eq!(before["findings"].as_array().unwrap().len(), 2, "{before}");
    // --dry-run: the diff, nothing written, exit 1 as there is something to fix
    let r = run(p, &["check", "--fix", "--dry-run"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    insta::assert_snapshot!("fix_dry_run_diff", r.stdout);
    assert_eq!(
        std::fs::read_to_string(p.join("src/Page.tsx")).unwrap(),
        PAGE
    );
    // --fix: written; the report that follows is of the fixed tree
    let r = run(p, &["check", "--fix", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("fixed 2 findings in 1 file"),
        "{}",
        r.stderr
    );
    let after: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(after["findings"].as_array().unwrap().len(), 0, "{after}");
    let fixed = std::fs::read_to_string(p.join("src/Page.tsx")).unwrap();
    assert_eq!(
        fixed.matches("import { Button } from \"@acme/ui\"").count(),
        1,
        "{fixed}"
    );
    assert!(
        fixed.contains("<Button onClick={x}>a</Button><Button>b</Button>"),
        "{fixed}"
    );
    assert_eq!(json_check(p, &[])["findings"].as_array().unwrap().len(), 0);
    // nothing left to fix: nothing written
    let r = run(p, &["check", "--fix", "--dry-run"]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(p.join("src/Other.tsx")).unwrap(),
        "export const O = () => <span/>;\n"
    );
}

#[test]
fn fix_leaves_baselined_and_suppressed_findings() {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    write(p, "archdrift.toml", DS);
    write(
        p,
        "src/Old.tsx",
        "export const A = () => <button>a</button>;\n",
    );
    assert_eq!(run(p, &["baseline"]).code, 0);
    write(
        p,
        "src/New.tsx",
        "export const B = () => <button>b</button>;\n",
    );
    let r = run(
        p,
        &["check", "--fix", "--baseline", ".archdrift/baseline.json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(std::fs::read_to_string(p.join("src/New.tsx"))
        .unwrap()
        .contains("<Button>"));
    assert_eq!(
        std::fs::read_to_string(p.join("src/Old.tsx")).unwrap(),
        "export const A = () => <button>a</button>;\n"
    );
}

#[test]
fn completions_for_every_shell() {
    let d = tempfile::tempdir().unwrap();
    for (shell, marker, select) in [
        ("bash", "_archdrift()", "--select"),
        ("zsh", "#compdef archdrift", "--select"),
        ("fish", "complete -c archdrift", "-l select"),
        ("powershell", "Register-ArgumentCompleter", "--select"),
    ] {
        let r = run(d.path(), &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert!(r.stdout.contains(marker), "{shell}");
        // the subcommands and their options are there
        assert!(r.stdout.contains(select), "{shell}");
        assert!(r.stdout.contains("baseline"), "{shell}");
    }
    let bash = run(d.path(), &["completions", "bash"]).stdout;
    std::fs::write(d.path().join("c.bash"), &bash).unwrap();
    if let Ok(out) = std::process::Command::new("bash")
        .arg("-n")
        .arg(d.path().join("c.bash"))
        .output()
    {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(run(d.path(), &["completions", "tcsh"]).code, 2);
}

#[test]
fn the_schema_command_prints_the_shipped_schemas() {
    let d = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let r = run(d.path(), &["schema"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(root.join("schema/archdrift.schema.json")).unwrap()
    );
    let r = run(d.path(), &["schema", "--rule-file"]);
    assert_eq!(
        r.stdout,
        std::fs::read_to_string(root.join("schema/archdrift-rules.schema.json")).unwrap()
    );
}

#[test]
fn statistics_show_design_system_adoption_only_with_a_design_system() {
    let dir = common::fixture("react-monorepo");
    let r = run(&dir, &["check", "--statistics"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let table = r
        .stdout
        .split("DESIGN-SYSTEM ADOPTION\n")
        .nth(1)
        .expect("an adoption table");
    let total = table.lines().next().unwrap();
    assert!(total.ends_with("(total)") && total.contains('%'), "{table}");
    let r = run(&dir, &["check", "--statistics", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let a = &v["design_system_adoption"]["total"];
    assert!(a["share"].as_f64().is_some(), "{v}");
    assert!(a["design_system"].as_u64().unwrap() > 0, "{v}");
    // without a [design_system]: no table, null in the JSON
    let d = many_findings();
    let r = run(d.path(), &["check", "--statistics"]);
    assert!(!r.stdout.contains("ADOPTION"), "{}", r.stdout);
    let r = run(d.path(), &["check", "--statistics", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["design_system_adoption"].is_null());
}
