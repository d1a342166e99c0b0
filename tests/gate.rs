//! The CI gate: `--fail-on LEVEL` (the least severity that fails), `--max-warnings N`, what the
//! baseline leaves, and files that could not be checked.

mod common;

use common::{run, write};

const RULES: &str = "[[rule]]\nid = \"w\"\nkind = \"banned-pattern\"\nseverity = \"warning\"\nmessage = \"m\"\ncalls = [\"warnMe\"]\n\n[[rule]]\nid = \"i\"\nkind = \"banned-pattern\"\nseverity = \"info\"\nmessage = \"m\"\ncalls = [\"infoMe\"]\n";

fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "archdrift.toml", RULES);
    for (rel, text) in files {
        write(d.path(), rel, text);
    }
    d
}

fn code(dir: &std::path::Path, extra: &[&str]) -> i32 {
    let mut args = vec!["check", "--format", "compact"];
    args.extend_from_slice(extra);
    run(dir, &args).code
}

#[test]
fn fail_on_and_max_warnings() {
    let d = project(&[("a.ts", b"warnMe(1);\nwarnMe(2);\ninfoMe(3);\n")]);
    let p = d.path();
    // warnings never fail by default
    assert_eq!(code(p, &[]), 0);
    assert_eq!(code(p, &["--fail-on", "error"]), 0);
    assert_eq!(code(p, &["--fail-on", "warning"]), 1);
    assert_eq!(code(p, &["--fail-on", "info"]), 1);
    // ESLint's meaning: more than N warnings fail
    assert_eq!(code(p, &["--max-warnings", "2"]), 0);
    assert_eq!(code(p, &["--max-warnings", "1"]), 1);
    // info alone fails only at `--fail-on info`
    let d = project(&[("a.ts", b"infoMe(3);\n")]);
    assert_eq!(code(d.path(), &["--fail-on", "warning"]), 0);
    assert_eq!(code(d.path(), &["--fail-on", "info"]), 1);
}

#[test]
fn with_a_baseline_only_new_drift_fails() {
    let d = project(&[("a.ts", b"warnMe(1);\n")]);
    let p = d.path();
    assert_eq!(run(p, &["baseline"]).code, 0);
    let gate = [
        "--baseline",
        ".archdrift/baseline.json",
        "--fail-on",
        "warning",
    ];
    assert_eq!(code(p, &gate), 0, "the accepted finding does not fail");
    write(p, "b.ts", "warnMe(2);\n");
    assert_eq!(code(p, &gate), 1, "a new warning fails");
}

#[test]
fn files_that_could_not_be_checked_count() {
    // invalid UTF-8: the file was not checked, drift in it would go unseen: an error
    let d = project(&[("a.ts", b"// caf\xe9\nwarnMe(1);\n")]);
    assert_eq!(code(d.path(), &[]), 1);
    // a deliberate skip (binary) is info: only `--fail-on info` counts it
    let d = project(&[("b.ts", b"\x00\x01binary")]);
    assert_eq!(code(d.path(), &[]), 0);
    assert_eq!(code(d.path(), &["--fail-on", "info"]), 1);
}
