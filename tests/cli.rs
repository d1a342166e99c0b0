//! Integration tests: the real binary on the fixture projects and on throw-away directories.

mod common;

use std::path::Path;

use common::{archdrift, fixture, found, json_check, run, write};
use serde_json::Value;

/// Strips the run time from the human summary so snapshots are stable.
fn redact_time(s: &str) -> String {
    let re = regex::Regex::new(r"in \d+\.\d+s").unwrap();
    re.replace_all(s, "in [time]").into_owned()
}

#[test]
fn react_fixture_matches_expected_findings_and_near_misses() {
    common::check_expected("react-monorepo");
}

#[test]
fn rust_fixture_matches_expected_findings_and_near_misses() {
    common::check_expected("rust-service");
}

#[test]
fn exit_codes_follow_severity() {
    let r = run(&fixture("react-monorepo"), &["check"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    // only info/warning findings: exit 0
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("archdrift.toml"),
        "[[rule]]\nid = \"w\"\nkind = \"banned-pattern\"\nseverity = \"warning\"\nmessage = \"m\"\ncalls = [\"eval\"]\n",
    )
    .unwrap();
    std::fs::write(d.path().join("a.ts"), "eval('1');\n").unwrap();
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(
        r.stdout.contains("1 finding (0 errors, 1 warning, 0 info)"),
        "{}",
        r.stdout
    );
}

#[test]
fn human_report_snapshot() {
    let r = run(&fixture("react-monorepo"), &["check"]);
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    insta::assert_snapshot!("react_human", redact_time(&r.stdout));
    let r = run(&fixture("rust-service"), &["check"]);
    insta::assert_snapshot!("rust_human", redact_time(&r.stdout));
}

#[test]
fn compact_and_json_snapshots() {
    let r = run(
        &fixture("react-monorepo"),
        &["check", "--format", "compact"],
    );
    insta::assert_snapshot!("react_compact", r.stdout);
    let r = run(&fixture("rust-service"), &["check", "--format", "compact"]);
    insta::assert_snapshot!("rust_compact", r.stdout);
    let r = run(&fixture("rust-service"), &["check", "--format", "json"]);
    insta::assert_snapshot!("rust_json", r.stdout);
}

#[test]
fn color_only_when_asked_and_never_with_no_color_in_auto() {
    let r = run(&fixture("rust-service"), &["check", "--color", "always"]);
    assert!(r.stdout.contains('\u{1b}'));
    let out = archdrift()
        .args(["check"])
        .env("NO_COLOR", "1")
        .current_dir(fixture("rust-service"))
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\u{1b}'));
}

#[test]
fn json_schema_contract() {
    let v = json_check(&fixture("react-monorepo"), &[]);
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["findings"]["error"], 14);
    assert!(v["summary"]["files_checked"].as_u64().unwrap() > 10);
    let f = &v["findings"][0];
    for key in [
        "rule",
        "kind",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "end_line",
        "end_column",
        "adr",
        "help",
        "fingerprint",
        "match",
        "related",
    ] {
        assert!(f.get(key).is_some(), "finding lacks `{key}`");
    }
    for key in ["id", "title", "path"] {
        assert!(f["adr"].get(key).is_some(), "adr lacks `{key}`");
    }
    // sorted by file, line, column, rule
    let keys: Vec<(String, u64, u64, String)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().into(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn output_is_identical_for_any_thread_count() {
    for name in ["react-monorepo", "rust-service"] {
        let outs: Vec<String> = ["1", "2", "7"]
            .iter()
            .map(|j| run(&fixture(name), &["check", "--format", "json", "-j", j]).stdout)
            .collect();
        assert_eq!(outs[0], outs[1]);
        assert_eq!(outs[0], outs[2]);
    }
}

#[test]
fn check_paths_subset_and_outside_root() {
    let dir = fixture("react-monorepo");
    let v = json_check(&dir, &["apps/web/src/features/billing/api.ts"]);
    assert_eq!(v["summary"]["files_checked"], 1);
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["file"] == "apps/web/src/features/billing/api.ts"));
    let r = run(&dir, &["check", "/"]);
    assert_eq!(r.code, 2);
    let r = run(&dir, &["check", "does/not/exist"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("does not exist"));
}

const EVAL_RULE: &str = "[[rule]]\nid = \"ts/no-eval\"\nkind = \"banned-pattern\"\nmessage = \"no {match}\"\ncalls = [\"eval\"]\n";

#[test]
fn missing_config_is_a_clear_usage_error() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.ts", "eval(1)");
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no archdrift.toml found"), "{}", r.stderr);
    assert!(r.stderr.contains("README"), "{}", r.stderr);
    assert!(r.stderr.contains("archdrift init"), "{}", r.stderr);
}

/// `archdrift check b.ts` with a bare file name in the root finds the root's configuration, as
/// `./b.ts` does.
#[test]
fn a_bare_file_name_finds_the_configuration() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "archdrift.toml",
        "[[rule]]\nid = \"e\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"eval\"]\n",
    );
    write(d.path(), "b.ts", "eval(1);\n");
    for arg in ["b.ts", "./b.ts"] {
        let r = run(d.path(), &["check", "--format", "compact", arg]);
        assert_eq!(r.code, 1, "{arg}: {}", r.stderr);
        assert!(r.stdout.contains("b.ts:1:1"), "{arg}: {}", r.stdout);
    }
}

#[test]
fn config_errors_point_at_the_line_and_exit_2() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.ts", "eval(1)");
    write(d.path(), "archdrift.toml", "include = [\"rules/*.toml\"]\n");
    write(
        d.path(),
        "rules/bad.toml",
        "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nlanguage = \"tsx\"\nquery = '''\n(call_expression\n  function: (identifer) @f) @match\n'''\n\n[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = \"eval\"\nsevrity = \"error\"\n",
    );
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    let e = &r.stderr;
    assert!(e.contains("[rules/bad.toml:8:14]"), "{e}");
    assert!(e.contains("unknown node type `identifer`"), "{e}");
    assert!(e.contains("did you mean `identifier`"), "{e}");
    assert!(e.contains("[rules/bad.toml:16:1]"), "{e}");
    assert!(e.contains("unknown field `sevrity`"), "{e}");
    assert!(e.contains("2 configuration errors"), "{e}");
    assert!(r.stdout.is_empty());

    write(
        d.path(),
        "rules/bad.toml",
        "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nregex = '(unclosed'\n",
    );
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid regex"), "{}", r.stderr);
    assert!(r.stderr.contains("[rules/bad.toml:5:9]"), "{}", r.stderr);

    write(d.path(), "rules/bad.toml", "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nlanguage = \"rust\"\nquery = '(macro_invocation) @m (#is-not? local)'\n");
    let r = run(d.path(), &["check"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("`#is?`, `#is-not?` and `#set!` are not supported"),
        "{}",
        r.stderr
    );
}

#[test]
fn messy_real_world_input_is_reported_per_file_and_the_run_goes_on() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        "archdrift.toml",
        format!("{EVAL_RULE}[check]\nmax_file_size = 200000\n"),
    );
    write(root, "good.ts", "eval('x');\n");
    write(root, "syntax-error.ts", "let x = (1 + ;\neval('y');\n");
    write(root, "latin1.ts", b"const s = '\xe9t\xe9';\neval(s);\n");
    write(root, "binary.js", b"\x00\x01\x02eval(1)");
    write(
        root,
        "huge.min.js",
        format!("var a=1;{}eval(2);", "x=1;".repeat(60_000)),
    );
    // deep nesting: must neither overflow a stack nor hang
    write(
        root,
        "deep.ts",
        format!(
            "const x = {}1{};\neval(3);\n",
            "[".repeat(20_000),
            "]".repeat(20_000)
        ),
    );
    write(
        root,
        "deep.rs",
        format!(
            "fn f() {{ let x = {}1{}; }}\n",
            "(".repeat(20_000),
            ")".repeat(20_000)
        ),
    );
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root, root.join("loop")).unwrap();
        std::os::unix::fs::symlink(root.join("nowhere.ts"), root.join("dangling.ts")).unwrap();
    }
    let v = json_check(root, &[]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["deep.ts", "good.ts", "syntax-error.ts"], "{v}");
    let problems: Vec<(String, String)> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["file"].as_str().unwrap().to_string(),
                p["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        problems.contains(&("latin1.ts".into(), "invalid-utf8".into())),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("binary.js".into(), "binary".into())),
        "{problems:?}"
    );
    assert!(
        problems.contains(&("huge.min.js".into(), "too-large".into())),
        "{problems:?}"
    );
    assert_eq!(
        v["summary"]["files_with_parse_errors"], 1,
        "the syntax error"
    );
    // and names the file, so a user can list every file with syntax errors
    assert_eq!(
        v["summary"]["parse_errors"],
        serde_json::json!(["syntax-error.ts"]),
        "{v}"
    );
    assert_eq!(v["summary"]["files_skipped"], 2);
    assert_eq!(v["summary"]["files_with_errors"], 1);
    // the human report says so too
    let r = run(root, &["check"]);
    assert!(
        r.stdout
            .contains("latin1.ts: not valid UTF-8 (first bad byte on line 1)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("1 not checked"), "{}", r.stdout);
}

#[test]
fn gitignore_and_excludes_are_respected() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(
        root,
        "archdrift.toml",
        format!("{EVAL_RULE}[check]\nexclude = [\"gen/**\"]\n"),
    );
    write(root, ".gitignore", "dist/\n");
    for f in [
        "src/a.ts",
        "dist/b.js",
        "gen/c.ts",
        "node_modules/x/d.js",
        ".cache/e.ts",
    ] {
        write(root, f, "eval(1)\n");
    }
    let v = json_check(root, &[]);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["src/a.ts"]);
}

#[test]
fn fingerprints_survive_line_shifts() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    write(root, "archdrift.toml", EVAL_RULE);
    write(root, "a.ts", "eval('x');\neval('y');\n");
    let before = json_check(root, &[]);
    write(
        root,
        "a.ts",
        "// a new header\n\n\nconst z = 1;\neval('x');\n\n eval('y');\n",
    );
    let after = json_check(root, &[]);
    let fps = |v: &Value| -> Vec<String> {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(fps(&before), fps(&after));
    assert_ne!(fps(&before)[0], fps(&before)[1]);
    assert_eq!(after["findings"][0]["line"], 5);
}

#[test]
fn rules_and_explain() {
    let dir = fixture("react-monorepo");
    let r = run(&dir, &["rules"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("acme/no-console"));
    assert!(r.stdout.contains("ADR-0002"));
    let r = run(&dir, &["rules", "--format", "json"]);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 13);

    let r = run(&dir, &["explain", "acme/no-console"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("ADR-0002"), "{}", r.stdout);
    assert!(r.stdout.contains("Decision:"), "{}", r.stdout);
    assert!(r.stdout.contains("status      Accepted"), "{}", r.stdout);

    let r = run(&dir, &["explain", "banned-pattern"]);
    assert_eq!(r.code, 0);
    for s in ["What", "Why", "Example"] {
        assert!(r.stdout.contains(s));
    }
    let r = run(&dir, &["explain", "acme/no-consol"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean `acme/no-console`"),
        "{}",
        r.stderr
    );
}

#[test]
fn shipped_rule_packs_load_and_fire() {
    let packs = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::copy(packs.join("ts-hygiene.toml"), root.join("ts.toml")).unwrap();
    std::fs::copy(packs.join("rust-hygiene.toml"), root.join("rust.toml")).unwrap();
    write(
        root,
        "archdrift.toml",
        "include = [\"ts.toml\", \"rust.toml\"]\n",
    );
    write(
        root,
        "src/a.ts",
        "export function f(x: any) {\n  console.log(x);\n  debugger;\n}\n",
    );
    write(root, "src/lib.rs", "pub fn f(x: Option<u8>) -> u8 {\n    dbg!(x);\n    x.unwrap()\n}\n#[cfg(test)]\nmod tests {\n    #[test]\n    fn t() { Some(1).unwrap(); }\n}\n");
    let v = json_check(root, &[]);
    let rules: Vec<(String, u64)> = found(&v)
        .into_iter()
        .map(|(_, line, rule)| (rule, line))
        .collect();
    assert!(rules.len() >= 5, "{rules:?}");
    assert!(
        rules.iter().all(|(_, l)| *l < 5),
        "test code is excluded by the packs: {rules:?}"
    );
}
