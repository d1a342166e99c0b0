//! `archdrift check --stdin-filename PATH`: the buffer is read from stdin and checked as if it
//! were the file at PATH (which may not exist), with every output format.

mod common;

use common::{archdrift, fixture};

const BUFFER: &str = "import sortBy from \"lodash/sortBy\";\r\n// é ünïcode 😀\r\nexport function f() {\r\n  /* 😀 */ console.log(\"ß\");\r\n}\r\n";

#[test]
fn json_from_stdin_as_if_at_a_new_path() {
    let root = fixture("react-monorepo");
    let out = archdrift()
        .current_dir(&root)
        .args([
            "check",
            "--stdin-filename",
            "apps/web/src/features/billing/NotYetSaved.ts",
            "--format",
            "json",
        ])
        .write_stdin(BUFFER)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["version"], 1);
    assert_eq!(v["summary"]["files_checked"], 1);
    let findings = v["findings"].as_array().unwrap();
    let got: Vec<(String, String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let file = "apps/web/src/features/billing/NotYetSaved.ts".to_string();
    assert_eq!(
        got,
        vec![
            ("acme/no-lodash-moment".into(), file.clone(), 1, 20),
            ("acme/no-console".into(), file.clone(), 4, 11),
        ]
    );
    // the ADR link is that of the rule, relative to the root
    assert_eq!(
        findings[1]["adr"]["path"],
        "docs/adr/0002-structured-logging.md"
    );
    // no `fix` key when a finding has none: the v1 schema is unchanged
    assert!(findings[0].get("fix").is_none());
}

#[test]
fn path_globs_apply_as_for_that_file() {
    // acme/no-console covers apps/*/src/** but not the logger itself
    let root = fixture("react-monorepo");
    archdrift()
        .current_dir(&root)
        .args([
            "check",
            "--stdin-filename",
            "apps/web/src/lib/logger.ts",
            "--format",
            "compact",
        ])
        .write_stdin("console.log(1);\n")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn compact_and_human_from_stdin_from_another_directory() {
    let root = fixture("react-monorepo");
    let path = root.join("apps/web/src/New.tsx");
    let tmp = tempfile::tempdir().unwrap();
    archdrift()
        .current_dir(tmp.path())
        .args(["check", "--format", "compact", "--stdin-filename"])
        .arg(&path)
        .write_stdin(BUFFER)
        .assert()
        .code(1)
        .stdout(
            "apps/web/src/New.tsx:1:20: error [acme/no-lodash-moment] `lodash/sortBy` is banned: it does not tree-shake and adds to the main bundle\n\
             apps/web/src/New.tsx:4:11: error [acme/no-console] `console.log` bypasses the structured logger\n",
        );
    // the human report shows the buffer, not the (missing) file on disk
    let out = archdrift()
        .current_dir(tmp.path())
        .args(["check", "--stdin-filename"])
        .arg(&path)
        .write_stdin(BUFFER)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(out.contains("/* 😀 */ console.log(\"ß\");"), "{out}");
    assert!(out.contains("2 findings (2 errors"), "{out}");
}

#[test]
fn clean_buffer_exits_0_and_bad_input_is_reported() {
    let root = fixture("react-monorepo");
    archdrift()
        .current_dir(&root)
        .args(["check", "--stdin-filename", "apps/web/src/ok.ts"])
        .args(["--format", "compact"])
        .write_stdin("export const ok = 1;\n")
        .assert()
        .code(0)
        .stdout("");
    // invalid UTF-8 is a per-file problem, not a crash; a file that could not be checked fails
    // the gate like an error (`--fail-on`)
    let out = archdrift()
        .current_dir(&root)
        .args(["check", "--stdin-filename", "apps/web/src/bad.ts"])
        .args(["--format", "json"])
        .write_stdin(vec![b'a', 0xff, b'\n'])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["problems"][0]["kind"], "invalid-utf8");
    // a file name archdrift does not check: an empty, valid report
    let out = archdrift()
        .current_dir(&root)
        .args(["check", "--stdin-filename", "README.md", "--format", "json"])
        .write_stdin("console.log(1)")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["summary"]["files_checked"], 0);
}

#[test]
fn config_errors_and_paths_outside_the_root_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let stderr_of = |a: &assert_cmd::assert::Assert| {
        String::from_utf8_lossy(&a.get_output().stderr).to_string()
    };
    // no archdrift.toml anywhere above
    let out = archdrift()
        .current_dir(tmp.path())
        .args(["check", "--stdin-filename", "src/x.ts"])
        .write_stdin("x")
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("no archdrift.toml found"));
    // a configuration outside the buffer's tree checks that tree: its paths resolve there (this
    // one names files only the fixture has)
    let root = fixture("react-monorepo");
    let out = archdrift()
        .current_dir(tmp.path())
        .args(["check", "--config"])
        .arg(root.join("archdrift.toml"))
        .args(["--stdin-filename", "src/x.ts"])
        .write_stdin("x")
        .assert()
        .code(2);
    assert!(stderr_of(&out).contains("design-system index file not found"));
    // PATHs and --stdin-filename do not mix
    archdrift()
        .current_dir(&root)
        .args(["check", "apps", "--stdin-filename", "apps/x.ts"])
        .write_stdin("x")
        .assert()
        .code(2);
}

/// A buffer at a path `[check].exclude` covers is not checked, as the walk would skip the file;
/// the same buffer one folder over is.
#[test]
fn an_excluded_path_is_not_checked() {
    let root = fixture("react-monorepo");
    let run = |path: &str| {
        let out = archdrift()
            .current_dir(&root)
            .args(["check", "--stdin-filename", path, "--format", "json"])
            .write_stdin(BUFFER)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (out.status.code(), v["findings"].as_array().unwrap().len())
    };
    // `**/generated/**` is excluded in the fixture
    assert_eq!(run("apps/web/src/generated/api.ts"), (Some(0), 0));
    let (code, n) = run("apps/web/src/features/billing/NotYetSaved.ts");
    assert_eq!(code, Some(1));
    assert!(n > 0);
}
