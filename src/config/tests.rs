//! Tests of `config`.

#![cfg(test)]

use super::*;

fn load_str(text: &str) -> Result<Config, Vec<ConfigError>> {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(CONFIG_FILE);
    std::fs::write(&p, text).unwrap();
    load(&p)
}

fn first_err(text: &str) -> ConfigError {
    load_str(text).unwrap_err().remove(0)
}

const OK_RULE: &str = r#"
[[rule]]
id = "ts/no-console"
kind = "banned-pattern"
severity = "warning"
message = "no console"
adr = { id = "ADR-1", title = "Logging", path = "docs/adr/1.md" }
calls = ["console.log"]
paths = ["src/**"]
tests = "exclude"
"#;

#[test]
fn loads_a_rule() {
    let cfg = load_str(OK_RULE).unwrap();
    assert_eq!(cfg.rules.len(), 1);
    let r = &cfg.rules[0];
    assert_eq!(r.id, "ts/no-console");
    assert_eq!(r.severity, Severity::Warning);
    assert_eq!(r.tests, TestsMode::Exclude);
    assert_eq!(r.adr.as_ref().unwrap().id, "ADR-1");
    assert!(r.applies_to_path("src/a/b.ts"));
    assert!(!r.applies_to_path("lib/a.ts"));
    assert_eq!(r.defined_at, "archdrift.toml:2");
}

#[test]
fn unknown_field_points_at_the_key_with_a_suggestion() {
    let e = first_err(&OK_RULE.replace("tests =", "test ="));
    assert_eq!(e.message, "unknown field `test`");
    assert_eq!(e.location().unwrap(), "archdrift.toml:10:1");
    assert!(e.help.unwrap().contains("did you mean `tests`"));
}

#[test]
fn wrong_type_points_at_the_value() {
    let e = first_err(&OK_RULE.replace("severity = \"warning\"", "severity = 3"));
    assert_eq!(e.message, "`severity` must be a string, found integer");
    assert_eq!(e.location().unwrap(), "archdrift.toml:5:12");
}

#[test]
fn duplicate_ids_are_rejected() {
    let errs = load_str(&format!("{OK_RULE}{OK_RULE}")).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].message, "duplicate rule id `ts/no-console`");
    assert_eq!(errs[0].location().unwrap(), "archdrift.toml:13:6");
    assert!(errs[0].related.is_some());
}

#[test]
fn bad_glob_and_bad_enum_values() {
    let e = first_err(&OK_RULE.replace("src/**", "src/[a"));
    assert!(e.message.starts_with("invalid glob"), "{}", e.message);
    assert_eq!(e.location().unwrap(), "archdrift.toml:9:10");
    let e = first_err(&OK_RULE.replace("\"exclude\"", "\"skip\""));
    assert_eq!(e.message, "unknown tests mode `skip`");
    let e = first_err(&OK_RULE.replace("banned-pattern", "banned-patern"));
    assert!(e.help.unwrap().contains("did you mean `banned-pattern`"));
}

#[test]
fn missing_fields_and_toml_syntax() {
    let e = first_err(&OK_RULE.replace("message = \"no console\"\n", ""));
    assert_eq!(e.message, "missing field `message`");
    let e = first_err("[[rule]\nid = 1");
    assert!(e.message.starts_with("invalid TOML"), "{}", e.message);
    assert!(e.location().unwrap().starts_with("archdrift.toml:1:"));
}

#[test]
fn includes_are_relative_and_must_match() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("rules")).unwrap();
    std::fs::write(dir.path().join("rules/a.toml"), OK_RULE).unwrap();
    std::fs::write(
        dir.path().join(CONFIG_FILE),
        "include = [\"rules/*.toml\"]\n[check]\nmax_file_size = 10\n",
    )
    .unwrap();
    let cfg = load(&dir.path().join(CONFIG_FILE)).unwrap();
    assert_eq!(cfg.rules.len(), 1);
    assert_eq!(cfg.rules[0].defined_at, "rules/a.toml:2");
    assert_eq!(cfg.max_file_size, 10);

    std::fs::write(
        dir.path().join(CONFIG_FILE),
        "include = [\"nope/*.toml\"]\n",
    )
    .unwrap();
    let e = load(&dir.path().join(CONFIG_FILE)).unwrap_err().remove(0);
    assert_eq!(e.message, "include matches no file");

    std::fs::write(dir.path().join("rules/a.toml"), "[check]\n").unwrap();
    std::fs::write(
        dir.path().join(CONFIG_FILE),
        "include = [\"rules/*.toml\"]\n",
    )
    .unwrap();
    let e = load(&dir.path().join(CONFIG_FILE)).unwrap_err().remove(0);
    assert_eq!(e.message, "unknown field `check`");
    assert_eq!(e.location().unwrap(), "rules/a.toml:1:2");
}

#[test]
fn globs_without_slash_match_anywhere() {
    let g = Globs::from_static(&["*.test.*", "apps/web", "**/tests/**"]);
    assert!(g.is_match("a/b/c.test.ts"));
    assert!(g.is_match("apps/web/src/x.ts"));
    assert!(g.is_match("crates/x/tests/it.rs"));
    assert!(!g.is_match("apps/webapp/x.ts"));
    assert!(!g.is_match("src/contest.ts"));
}

#[test]
fn suggestions() {
    assert_eq!(closest("mesage", &["message", "help"]), Some("message"));
    assert_eq!(closest("zzzzzz", &["message", "help"]), None);
}

#[test]
fn default_test_paths_know_dotted_test_segments_helpers_and_fixtures() {
    let g = Globs::from_static(crate::config::DEFAULT_TEST_PATHS);
    for p in [
        "web/src/utils/sentryFilters.clienttest.ts",
        "web/src/features/a/Regression.clienttest.tsx",
        "worker/src/queue.servertest.ts",
        "src/a.test.ts",
        "src/a.unit.spec.tsx",
        "src/a.integrationtests.ts",
        "src/login.e2e.ts",
        "packages/shared/src/server/test-utils/tracing-factory.ts",
        "src/__fixtures__/user.ts",
        "src/__mocks__/fs.ts",
        "src/__tests__/a.ts",
    ] {
        assert!(g.is_match(p), "{p} is test code");
    }
    for p in [
        "src/latest.ts",
        "src/contest.tsx",
        "src/attestation.ts",
        "src/features/latest/index.ts",
        "src/v1.2/latest.ts",
        "src/e2e-config.ts",
        "src/testutils.ts",
        "src/inspector.ts",
    ] {
        assert!(!g.is_match(p), "{p} is not test code");
    }
}
