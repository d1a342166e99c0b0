//! `check --shard K/N` on every machine of a CI matrix, then `merge SHARD...`: the merged report
//! is byte-identical to a single run's, over every fixture, for N = 1, 2, 3 and 7, in every
//! machine-readable format (and the human one but for its timing), with the same exit code;
//! with a baseline too. Missing, repeated or foreign shards are errors. The GitHub Actions example
//! of the README is the file `examples/github/shards.yml`, valid against the workflow schema.

use std::path::{Path, PathBuf};

mod common;

use common::{fixture, run};

const FORMATS: [&str; 4] = ["json", "sarif", "github", "compact"];

fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("archdrift.toml").is_file())
        .collect();
    out.sort();
    assert!(out.len() >= 5, "{out:?}");
    out
}

/// The shard files of `check --shard K/N` for K = 1..=N, written into `tmp`.
fn shards(dir: &Path, tmp: &Path, n: u32) -> Vec<String> {
    (1..=n)
        .map(|k| {
            let file = tmp.join(format!("{n}-{k}.json"));
            let spec = format!("{k}/{n}");
            let r = run(
                dir,
                &[
                    "check",
                    "--shard",
                    &spec,
                    "--shard-file",
                    file.to_str().unwrap(),
                ],
            );
            assert_eq!(r.code, 0, "shard {spec} of {}: {}", dir.display(), r.stderr);
            file.to_string_lossy().into_owned()
        })
        .collect()
}

fn merge(dir: &Path, files: &[String], extra: &[&str]) -> common::Run {
    let mut args = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    args.extend_from_slice(extra);
    run(dir, &args)
}

/// The human report without its timing ("… files checked … in 0.12s").
fn untimed(s: &str) -> String {
    s.lines()
        .map(|l| match l.rfind(" in ") {
            Some(i) if l.ends_with('s') && l.contains("files checked") => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn merged_shards_are_byte_identical_to_one_run() {
    for dir in fixtures() {
        let tmp = tempfile::tempdir().unwrap();
        let single: Vec<common::Run> = FORMATS
            .iter()
            .map(|f| run(&dir, &["check", "--format", f]))
            .collect();
        let human = run(&dir, &["check", "--format", "human"]);
        for n in [1, 2, 3, 7] {
            let files = shards(&dir, tmp.path(), n);
            // every format once for N = 3, JSON for the others
            let formats: &[&str] = if n == 3 { &FORMATS } else { &FORMATS[..1] };
            for (i, format) in formats.iter().enumerate() {
                let m = merge(&dir, &files, &["--format", format]);
                assert_eq!(
                    m.code,
                    single[i].code,
                    "{} N={n} {format}: {}",
                    dir.display(),
                    m.stderr
                );
                assert!(
                    m.stdout == single[i].stdout,
                    "{} N={n} --format {format} differs from one run:\n--- one run\n{}\n--- merged\n{}",
                    dir.display(),
                    single[i].stdout,
                    m.stdout
                );
            }
            if n == 2 {
                let m = merge(&dir, &files, &["--format", "human"]);
                assert_eq!(
                    untimed(&m.stdout),
                    untimed(&human.stdout),
                    "{}",
                    dir.display()
                );
            }
        }
    }
}

#[test]
fn a_baseline_applies_to_the_union() {
    let dir = fixture("react-monorepo");
    let tmp = tempfile::tempdir().unwrap();
    // a baseline of today's findings, less one file's: those stay new
    let b = tmp.path().join("baseline.json");
    let r = run(&dir, &["baseline", "-o", b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&b).unwrap()).unwrap();
    let entries = doc["entries"].as_array_mut().expect("entries");
    let first = entries[0]["file"].as_str().unwrap().to_string();
    entries.retain(|e| e["file"] != first.as_str());
    std::fs::write(&b, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let bl = b.to_str().unwrap();
    let one = run(&dir, &["check", "--format", "json", "--baseline", bl]);
    let files = shards(&dir, tmp.path(), 3);
    let m = merge(&dir, &files, &["--format", "json", "--baseline", bl]);
    assert_eq!(m.code, one.code, "{}", m.stderr);
    assert_eq!(m.stdout, one.stdout);
    let v: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
    assert!(
        v["summary"]["baseline"]["matched"].as_u64().unwrap() > 0,
        "{v}"
    );
    assert!(!v["findings"].as_array().unwrap().is_empty());
}

#[test]
fn missing_repeated_and_foreign_shards_are_errors() {
    let dir = fixture("layered-monorepo");
    let tmp = tempfile::tempdir().unwrap();
    let files = shards(&dir, tmp.path(), 3);
    let m = merge(&dir, &files[..2], &["--format", "json"]);
    assert_eq!(m.code, 2);
    assert!(m.stderr.contains("shard 3/3 missing"), "{}", m.stderr);
    let twice = vec![files[0].clone(), files[0].clone(), files[1].clone()];
    let m = merge(&dir, &twice, &[]);
    assert_eq!(m.code, 2);
    assert!(m.stderr.contains("given twice"), "{}", m.stderr);
    // shards of another configuration
    let other = fixture("react-monorepo");
    let m = merge(&other, &files, &[]);
    assert_eq!(m.code, 2);
    assert!(m.stderr.contains("another configuration"), "{}", m.stderr);
    // not a shard file; a bad spec
    let junk = tmp.path().join("junk.json");
    std::fs::write(&junk, "{}").unwrap();
    let m = merge(&dir, &[junk.to_string_lossy().into_owned()], &[]);
    assert_eq!(m.code, 2);
    assert!(m.stderr.contains("not a shard file"), "{}", m.stderr);
    for bad in ["0/3", "4/3", "x"] {
        let r = run(&dir, &["check", "--shard", bad]);
        assert_eq!(r.code, 2, "{bad}");
        assert!(r.stderr.contains("expected K/N"), "{}", r.stderr);
    }
    let r = run(&dir, &["check", "--shard", "1/2", "--baseline", "b.json"]);
    assert_eq!(r.code, 2);
}

#[test]
fn the_github_actions_example_is_a_valid_workflow_and_in_the_readme() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("examples/github/shards.yml")).unwrap();
    // SchemaStore's github-workflow.json (Apache-2.0; tests/schema/README.md)
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/schema/github-workflow.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options().build(&schema).unwrap();
    let doc: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // the schema is not a rubber stamp: a misspelt key and a matrix of the wrong type fail
    for (from, to) in [("runs-on:", "run-on:"), ("needs: shard", "needs: {a: 1}")] {
        let bad: serde_json::Value = serde_yaml::from_str(&text.replacen(from, to, 1)).unwrap();
        assert!(!validator.is_valid(&bad), "{to} accepted");
    }
    // the shard and merge commands it runs are archdrift's
    assert!(text.contains("archdrift check --cache --no-progress --shard ${{ matrix.shard }}/4"));
    assert!(text.contains("archdrift merge shards/*.json"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("```yaml\n{text}```")),
        "README.md must show examples/github/shards.yml as it is"
    );
}

/// The shard files of `check --shard K/N EXTRA…` for K = 1..=N.
fn shards_with(dir: &Path, tmp: &Path, n: u32, tag: &str, extra: &[&str]) -> Vec<String> {
    (1..=n)
        .map(|k| {
            let file = tmp.join(format!("{tag}-{n}-{k}.json"));
            let spec = format!("{k}/{n}");
            let mut args = vec![
                "check",
                "--shard",
                &spec,
                "--shard-file",
                file.to_str().unwrap(),
            ];
            args.extend_from_slice(extra);
            let r = run(dir, &args);
            assert_eq!(r.code, 0, "shard {spec}: {}", r.stderr);
            file.to_string_lossy().into_owned()
        })
        .collect()
}

#[test]
fn shards_keep_the_rule_selection_and_merge_writes_like_check() {
    let dir = fixture("react-monorepo");
    let tmp = tempfile::tempdir().unwrap();
    let choice = [
        "--select",
        "acme/*",
        "--ignore",
        "acme/no-console",
        "--severity",
        "hardcoded-config=info",
    ];
    let mut one_args = vec!["check", "--format", "json"];
    one_args.extend_from_slice(&choice);
    let one = run(&dir, &one_args);
    let all = run(&dir, &["check", "--format", "json"]);
    assert_ne!(
        one.stdout, all.stdout,
        "the selection must change the report"
    );
    let files = shards_with(&dir, tmp.path(), 3, "sel", &choice);
    let m = merge(&dir, &files, &["--format", "json"]);
    assert_eq!(m.code, one.code, "{}", m.stderr);
    assert!(
        m.stdout == one.stdout,
        "merged shards of a selection differ from one run of it:\n{}\n---\n{}",
        one.stdout,
        m.stdout
    );
    // the report options of check work on merge: -o FILE and --statistics
    let out = tmp.path().join("merged.sarif");
    let m = merge(
        &dir,
        &files,
        &["--format", "sarif", "-o", out.to_str().unwrap()],
    );
    assert_eq!(m.code, one.code, "{}", m.stderr);
    assert!(m.stdout.is_empty(), "{}", m.stdout);
    let mut sarif_args = vec!["check", "--format", "sarif"];
    sarif_args.extend_from_slice(&choice);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        run(&dir, &sarif_args).stdout
    );
    let mut stats_args = vec!["check", "--format", "json", "--statistics"];
    stats_args.extend_from_slice(&choice);
    let m = merge(&dir, &files, &["--format", "json", "--statistics"]);
    assert_eq!(m.stdout, run(&dir, &stats_args).stdout);
    // near-miss: shards of another selection do not merge with these
    let other = shards_with(&dir, tmp.path(), 3, "other", &["--select", "acme/no-eval"]);
    let mixed = vec![files[0].clone(), files[1].clone(), other[2].clone()];
    let m = merge(&dir, &mixed, &[]);
    assert_eq!(m.code, 2, "{}", m.stdout);
    assert!(
        m.stderr.contains("--select acme/no-eval") && m.stderr.contains("same --select"),
        "{}",
        m.stderr
    );
    // options that make no sense for a shard are refused, not ignored
    for extra in [
        &["--fix"][..],
        &["--format", "sarif"],
        &["--statistics"],
        &["-o", "x.txt"],
    ] {
        let mut args = vec!["check", "--shard", "1/2"];
        args.extend_from_slice(extra);
        let r = run(&dir, &args);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains("cannot be used with"), "{}", r.stderr);
    }
}
