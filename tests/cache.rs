//! `check --cache`: a warm run prints exactly what a cold run prints, in every format; inputs
//! from other files (tokens, design-system components, import targets, `config_files`) count;
//! a forged, damaged or foreign cache is ignored; an unwritable cache is a warning.

use std::path::Path;

mod common;

use common::{fixture, run, write};

const FORMATS: [&str; 5] = ["human", "json", "sarif", "github", "compact"];

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let t = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&t).unwrap();
            copy_dir(&e.path(), &t);
        } else {
            std::fs::copy(e.path(), t).unwrap();
        }
    }
}

fn copy_fixture(name: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), d.path());
    d
}

/// stdout of a check, without the timing at the end of the human summary.
fn check(dir: &Path, format: &str, cache: bool) -> String {
    let mut args = vec!["check", "--format", format];
    if cache {
        args.push("--cache");
    }
    let r = run(dir, &args);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    r.stdout
        .lines()
        .map(|l| match l.rfind(" in ") {
            Some(i) if l.ends_with('s') && l.contains("files checked") => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn clear_cache(dir: &Path) {
    let _ = std::fs::remove_dir_all(dir.join(".archdrift/cache"));
}

#[test]
fn warm_equals_cold_in_every_format() {
    for name in ["react-monorepo", "layered-monorepo", "rust-workspace"] {
        let d = copy_fixture(name);
        for format in FORMATS {
            clear_cache(d.path());
            let plain = check(d.path(), format, false);
            let cold = check(d.path(), format, true);
            let warm = check(d.path(), format, true);
            assert_eq!(cold, plain, "{name} {format}: cold --cache differs");
            assert_eq!(warm, cold, "{name} {format}: warm differs from cold");
        }
    }
}

/// Primes the cache, applies `change`, and holds the warm run to a run without the cache; the
/// change must change the output (else the test proves nothing).
fn warm_follows(dir: &Path, change: impl FnOnce(&Path)) {
    clear_cache(dir);
    let before = check(dir, "json", true);
    change(dir);
    let warm = check(dir, "json", true);
    let cold = check(dir, "json", false);
    assert_ne!(before, cold, "the change changed nothing");
    assert_eq!(warm, cold, "the warm run kept the old outcome");
    // and the cache written by that warm run is right too
    assert_eq!(check(dir, "json", true), cold);
}

fn edit(p: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(p).unwrap();
    assert!(text.contains(from), "{from} not in {}", p.display());
    std::fs::write(p, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_token_value_counts() {
    let d = copy_fixture("react-monorepo");
    warm_follows(d.path(), |d| {
        edit(
            &d.join("packages/ui/src/tokens.json"),
            "\"#1a73e8\"",
            "\"#1a73e9\"",
        )
    });
}

#[test]
fn a_new_design_system_component_counts() {
    let d = copy_fixture("react-monorepo");
    let index = d.path().join("packages/ui/src/index.ts");
    edit(&index, "export { Input } from \"./Input\";\n", "");
    warm_follows(d.path(), |_| {
        let text = std::fs::read_to_string(&index).unwrap();
        std::fs::write(
            &index,
            format!("{text}export {{ Input }} from \"./Input\";\n"),
        )
        .unwrap();
    });
}

const LAYERS: &str = r#"
[[rule]]
id = "layers"
kind = "layer-boundary"
severity = "error"
message = "`{from}` may not use `{to}`"
layers = { ui = ["src/ui/**"], db = ["src/db/**"] }
deny = ["ui -> db"]
"#;

#[test]
fn a_created_import_target_counts() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "archdrift.toml", LAYERS);
    write(
        d.path(),
        "src/ui/a.ts",
        "import { q } from \"../db/q\";\nexport const a = q;\n",
    );
    write(d.path(), "src/db/other.ts", "export const o = 1;\n");
    warm_follows(d.path(), |d| {
        write(d, "src/db/q.ts", "export const q = 1;\n")
    });
}

#[test]
fn config_files_contents_count() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "archdrift.toml",
        "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nseverity = \"error\"\nmessage = \"`{match}` is configuration\"\nconfig_files = [\"src/config.ts\"]\nallow_in = [\"src/config.ts\"]\n",
    );
    write(
        d.path(),
        "src/config.ts",
        "export const config = { other: \"x\" };\n",
    );
    write(
        d.path(),
        "src/app.ts",
        "export const r = fetch(\"https://api.acme-corp.com/v1/users\");\n",
    );
    warm_follows(d.path(), |d| {
        write(
            d,
            "src/config.ts",
            "export const config = { apiBaseUrl: \"https://api.acme-corp.com/v1/users\" };\n",
        )
    });
}

fn cache_file(dir: &Path) -> std::path::PathBuf {
    let cache = dir.join(".archdrift/cache");
    std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a cache file")
}

/// A change made to a cache file.
type Tamper = fn(&[u8]) -> Vec<u8>;

#[test]
fn a_forged_damaged_or_foreign_cache_is_ignored() {
    let d = copy_fixture("react-monorepo");
    let cold = check(d.path(), "json", false);
    let tamper: [(&str, Tamper); 4] = [
        // findings edited without the hash: every error becomes info
        ("forged", |b| {
            String::from_utf8_lossy(b)
                .replace("\"severity\":\"error\"", "\"severity\":\"info\"")
                .into_bytes()
        }),
        // made by another binary or for other settings
        ("foreign", |b| {
            let s = String::from_utf8_lossy(b).to_string();
            match s.split_once(' ') {
                Some((magic, rest)) => format!("{magic} 0000000000000000{}", &rest[16..]),
                None => s,
            }
            .into_bytes()
        }),
        ("truncated", |b| b[..b.len() / 2].to_vec()),
        ("garbage", |_| b"\xff\xfe not json".to_vec()),
    ];
    for (what, f) in tamper {
        clear_cache(d.path());
        check(d.path(), "json", true);
        let file = cache_file(d.path());
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, f(&bytes)).unwrap();
        assert_eq!(check(d.path(), "json", true), cold, "{what} cache trusted");
    }
}

#[test]
fn the_cache_folder_keeps_itself_out_of_git() {
    let d = copy_fixture("layered-monorepo");
    check(d.path(), "json", true);
    let ignore = std::fs::read_to_string(d.path().join(".archdrift/cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
}

#[test]
fn an_unwritable_cache_is_a_warning_and_the_report_is_printed() {
    let d = copy_fixture("react-monorepo");
    let cold = check(d.path(), "json", false);
    // `.archdrift` is a file: the cache folder cannot be made
    std::fs::write(d.path().join(".archdrift"), "not a folder").unwrap();
    let r = run(d.path(), &["check", "--format", "json", "--cache"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout.trim_end(), cold.trim_end());
    assert!(r.stderr.contains("warning"), "{}", r.stderr);
    // near miss: a writable cache says nothing
    std::fs::remove_file(d.path().join(".archdrift")).unwrap();
    let r = run(d.path(), &["check", "--format", "json", "--cache"]);
    assert_eq!(r.code, 1);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
}
