//! `archdrift trend` on a git repository built here, commit by commit, with known drift:
//! exact counts per sampled commit, the working tree untouched, `--rules-at-commit`, a bare
//! repository with `--config`, and `check --record` + `trend --from`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use assert_cmd::Command as Bin;

mod common;

use common::archdrift;
use serde_json::Value;

const RULES_V1: &str = r#"
[[rule]]
id = "t/no-console"
kind = "banned-pattern"
severity = "error"
message = "`{match}` bypasses the logger"
adr = { id = "ADR-0001", title = "Structured logging", path = "docs/adr/0001-logging.md" }
tests = "exclude"
calls = ["console.*"]

[[rule]]
id = "t/no-any"
kind = "banned-pattern"
severity = "warning"
message = "`any` turns the type checker off"
adr = { id = "ADR-0002", title = "Typed boundaries", path = "docs/adr/0002-types.md" }
types = ["any"]

[[rule]]
id = "t/no-eval"
kind = "banned-pattern"
severity = "error"
message = "no eval"
adr = { id = "ADR-0003", title = "No dynamic code", url = "https://adr.example/0003" }
calls = ["eval"]
"#;

const RULE_ALERT: &str = r#"
[[rule]]
id = "t/no-alert"
kind = "banned-pattern"
severity = "info"
message = "no alert"
calls = ["alert"]
"#;

struct Repo {
    dir: tempfile::TempDir,
}

impl Repo {
    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str], date: Option<&str>) -> String {
        common::git_dated(self.path(), args, date)
    }

    fn write(&self, rel: &str, text: &str) {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn commit(&self, date: &str, msg: &str) -> String {
        self.git(&["add", "-A"], None);
        self.git(&["commit", "-q", "-m", msg], Some(date));
        self.git(&["rev-parse", "HEAD"], None)
    }
}

/// Five weekly commits (and one mid-week commit the weekly sampling skips) that add, move and
/// remove drift, and change the rules in the fourth.
fn build() -> (Repo, Vec<String>) {
    let repo = Repo {
        dir: tempfile::tempdir().unwrap(),
    };
    repo.git(&["init", "-q", "-b", "main", "."], None);
    repo.write(
        "archdrift.toml",
        "include = [\"rules/*.toml\"]\n\n[check]\nexclude = [\"generated/**\"]\n",
    );
    repo.write("rules/base.toml", RULES_V1);
    repo.write(
        "docs/adr/0001-logging.md",
        "# ADR-0001: Structured logging\n",
    );
    repo.write("docs/adr/0002-types.md", "# ADR-0002: Typed boundaries\n");
    repo.write("src/app.ts", "console.log(\"start\");\nalert(\"hi\");\n");
    repo.write("src/util.ts", "export const u = 1;\n");
    repo.write("src/app.test.ts", "console.log(\"in a test\");\n");
    repo.write("lib/x.js", "eval(\"1\");\n");
    let mut ids = vec![repo.commit("2024-01-01T09:00:00Z", "Start the app")];

    repo.write("src/feature/f.ts", "let v: any = 1;\nconsole.warn(v);\n");
    ids.push(repo.commit("2024-01-08T09:00:00Z", "Add the feature"));

    repo.git(&["mv", "src/app.ts", "src/main.ts"], None);
    repo.write("lib/x.js", "export default 1;\n");
    ids.push(repo.commit("2024-01-15T09:00:00Z", "Rename app to main; drop eval"));

    repo.write("rules/base.toml", &format!("{RULES_V1}{RULE_ALERT}"));
    repo.write("node_modules/p/index.js", "console.log(1);\n");
    repo.write(".hidden/h.ts", "console.log(1);\n");
    repo.write("generated/g.ts", "console.log(1);\n");
    ids.push(repo.commit(
        "2024-01-22T09:00:00Z",
        "Ban alert; vendored and generated code",
    ));

    repo.write("src/tmp.ts", "console.error(\"tmp\");\n");
    repo.commit("2024-01-25T09:00:00Z", "Mid-week commit, not sampled");

    std::fs::remove_file(repo.path().join("src/tmp.ts")).unwrap();
    repo.write("src/util.ts", "export const u: any = 1;\n");
    ids.push(repo.commit("2024-01-29T09:00:00Z", "Loosen util"));
    (repo, ids)
}

/// Runs `cmd` and asserts exit code 2 with `msg` on stderr.
fn assert_usage_error(cmd: &mut Bin, msg: &str) {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(msg), "expected `{msg}` in: {err}");
}

fn read_json(dir: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("trend.json")).unwrap()).unwrap()
}

fn by_rule(sample: &Value) -> BTreeMap<String, u64> {
    sample["by_rule"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect()
}

fn counts(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Every file of the working tree (not .git) with its content and modification time, and the
/// index's modification time.
fn snapshot(root: &Path) -> (Vec<(PathBuf, Vec<u8>, SystemTime)>, SystemTime) {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if e.file_name() == ".git" {
                continue;
            }
            if e.file_type().unwrap().is_dir() {
                stack.push(p);
            } else {
                let m = e.metadata().unwrap().modified().unwrap();
                out.push((p.clone(), std::fs::read(&p).unwrap(), m));
            }
        }
    }
    out.sort();
    let index = std::fs::metadata(root.join(".git/index"))
        .unwrap()
        .modified()
        .unwrap();
    (out, index)
}

#[test]
fn counts_per_sampled_commit_and_working_tree_untouched() {
    let (repo, ids) = build();
    let before = snapshot(repo.path());
    let out = tempfile::tempdir().unwrap();
    archdrift()
        .current_dir(repo.path())
        .args([
            "trend",
            "--since",
            "2023-12-25",
            "--every",
            "1.week",
            "--out",
        ])
        .arg(out.path())
        .env("NO_COLOR", "1")
        .assert()
        .success();
    assert_eq!(before, snapshot(repo.path()), "the working tree changed");
    assert_eq!(repo.git(&["status", "--porcelain"], None), "");

    let j = read_json(out.path());
    assert_eq!(j["version"], 1);
    assert_eq!(j["source"]["rules"], "current");
    let samples = j["samples"].as_array().unwrap();
    let commits: Vec<&str> = samples
        .iter()
        .map(|s| s["commit"].as_str().unwrap())
        .collect();
    assert_eq!(
        commits, ids,
        "one sample per week, oldest first; the mid-week commit skipped"
    );
    let dates: Vec<&str> = samples
        .iter()
        .map(|s| s["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        [
            "2024-01-01T09:00:00Z",
            "2024-01-08T09:00:00Z",
            "2024-01-15T09:00:00Z",
            "2024-01-22T09:00:00Z",
            "2024-01-29T09:00:00Z"
        ]
    );
    let expected = [
        counts(&[("t/no-alert", 1), ("t/no-console", 1), ("t/no-eval", 1)]),
        counts(&[
            ("t/no-alert", 1),
            ("t/no-any", 1),
            ("t/no-console", 2),
            ("t/no-eval", 1),
        ]),
        counts(&[("t/no-alert", 1), ("t/no-any", 1), ("t/no-console", 2)]),
        // node_modules, hidden files and [check].exclude are not counted
        counts(&[("t/no-alert", 1), ("t/no-any", 1), ("t/no-console", 2)]),
        counts(&[("t/no-alert", 1), ("t/no-any", 2), ("t/no-console", 2)]),
    ];
    for (i, (s, e)) in samples.iter().zip(&expected).enumerate() {
        assert_eq!(&by_rule(s), e, "sample {i}");
        assert_eq!(s["findings"], e.values().sum::<u64>(), "sample {i}");
    }
    let totals: Vec<u64> = samples
        .iter()
        .map(|s| s["findings"].as_u64().unwrap())
        .collect();
    assert_eq!(totals, [3, 5, 4, 4, 5]);
    let files: Vec<u64> = samples
        .iter()
        .map(|s| s["files_checked"].as_u64().unwrap())
        .collect();
    assert_eq!(files, [4, 5, 5, 5, 5]);

    // severity, kind, ADR and directory axes of the last sample
    let last = &samples[4];
    assert_eq!(
        last["by_severity"],
        serde_json::json!({"error": 2, "warning": 2, "info": 1})
    );
    assert_eq!(last["by_kind"], serde_json::json!({"banned-pattern": 5}));
    assert_eq!(
        last["by_adr"],
        serde_json::json!({"(no ADR)": 1, "ADR-0001": 2, "ADR-0002": 2})
    );
    assert_eq!(
        last["top_directories"],
        serde_json::json!([
            {"directory": "src", "findings": 3},
            {"directory": "src/feature", "findings": 2}
        ])
    );
    // introduced/removed by fingerprint, which does not include the file: renaming app.ts to
    // main.ts is no churn; dropping the eval is one removed finding
    let churn: Vec<(Value, Value)> = samples
        .iter()
        .map(|s| (s["introduced"].clone(), s["removed"].clone()))
        .collect();
    assert_eq!(
        churn,
        [
            (Value::Null, Value::Null),
            (2.into(), 0.into()),
            (0.into(), 1.into()),
            (0.into(), 0.into()),
            (1.into(), 0.into()),
        ]
    );

    // every other week: boundaries at the tip, tip − 2 weeks, tip − 4 weeks
    let out2 = tempfile::tempdir().unwrap();
    archdrift()
        .current_dir(repo.path())
        .args([
            "trend",
            "--since",
            "2023-12-25",
            "--every",
            "2.weeks",
            "--out",
        ])
        .arg(out2.path())
        .assert()
        .success();
    let j2 = read_json(out2.path());
    let c2: Vec<&str> = j2["samples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["commit"].as_str().unwrap())
        .collect();
    assert_eq!(c2, [ids[0].as_str(), ids[2].as_str(), ids[4].as_str()]);

    // a span counts back from the newest commit: 3 weeks back reaches 2024-01-08
    let out3 = tempfile::tempdir().unwrap();
    archdrift()
        .current_dir(repo.path())
        .args(["trend", "--since", "3.weeks", "--out"])
        .arg(out3.path())
        .assert()
        .success();
    assert_eq!(
        read_json(out3.path())["samples"].as_array().unwrap().len(),
        4
    );
}

#[test]
fn reports_are_deterministic_and_summarise() {
    let (repo, _) = build();
    let run = |threads: &str| {
        let out = tempfile::tempdir().unwrap();
        archdrift()
            .current_dir(repo.path())
            .args(["trend", "--since", "2023-12-25", "-j", threads, "--out"])
            .arg(out.path())
            .assert()
            .success();
        let read = |f: &str| std::fs::read_to_string(out.path().join(f)).unwrap();
        (read("trend.json"), read("trend.md"), read("trend.html"))
    };
    let (j1, md1, html1) = run("1");
    let (j2, md2, html2) = run("3");
    assert_eq!(j1, j2);
    assert_eq!(md1, md2);
    assert_eq!(html1.len(), html2.len());
    // ADR links in the Markdown point at the documents, relative to the output directory
    // (which differs per run), so the snapshot masks them
    let masked: String = md1
        .lines()
        .map(|l| match (l.find("]("), l.find(") |")) {
            (Some(a), Some(b)) if a < b && !l[a..].starts_with("](http") => {
                format!("{}](…{}", &l[..a], &l[b..])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!("trend_md", masked);
    assert!(md1.contains("docs/adr/0001-logging.md)"));
    assert!(md1.contains("](https://adr.example/0003)"));

    // the page is self-contained: the chart library and the data are inline, nothing is fetched
    assert!(html1.starts_with("<!doctype html>"));
    assert!(html1.contains("Chart.js v4.6.1"));
    assert!(html1.contains(r#"<script type="application/json" id="trend-data">"#));
    for remote in ["<script src", "<link ", "@import", "sourceMappingURL"] {
        assert!(!html1.contains(remote), "{remote}");
    }
    assert!(html1.contains(r#"<a href="https://adr.example/0003">"#));
    assert!(html1.contains("Rename app to main; drop eval"));
}

#[test]
fn rules_at_commit_use_each_commits_own_rules() {
    let (repo, _) = build();
    let out = tempfile::tempdir().unwrap();
    archdrift()
        .current_dir(repo.path())
        .args([
            "trend",
            "--since",
            "2023-12-25",
            "--rules-at-commit",
            "--out",
        ])
        .arg(out.path())
        .assert()
        .success();
    let j = read_json(out.path());
    assert_eq!(j["source"]["rules"], "at-commit");
    let samples = j["samples"].as_array().unwrap();
    let totals: Vec<u64> = samples
        .iter()
        .map(|s| s["findings"].as_u64().unwrap())
        .collect();
    // t/no-alert exists from the fourth commit on
    assert_eq!(totals, [2, 4, 3, 4, 5]);
    assert!(samples.iter().all(|s| s["rules_from"] == "commit"));
    assert_eq!(by_rule(&samples[2]).get("t/no-alert"), None);
    assert_eq!(by_rule(&samples[3])["t/no-alert"], 1);
    assert_eq!(repo.git(&["status", "--porcelain"], None), "");
}

#[test]
fn bare_repository_with_an_outside_config() {
    let (repo, ids) = build();
    let bare = tempfile::tempdir().unwrap();
    let bare_path = bare.path().join("r.git");
    repo.git(
        &["clone", "-q", "--bare", ".", bare_path.to_str().unwrap()],
        None,
    );
    let out = tempfile::tempdir().unwrap();

    // no archdrift.toml on disk: a clear error
    assert_usage_error(
        archdrift()
            .args(["trend", "--since", "2023-12-25", "--out"])
            .arg(out.path())
            .arg(&bare_path),
        "--config FILE",
    );

    // the rules kept outside the repository apply to all of it
    let rules = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo.path().join("archdrift.toml"),
        rules.path().join("archdrift.toml"),
    )
    .unwrap();
    std::fs::create_dir(rules.path().join("rules")).unwrap();
    std::fs::copy(
        repo.path().join("rules/base.toml"),
        rules.path().join("rules/base.toml"),
    )
    .unwrap();
    archdrift()
        .args([
            "trend",
            "--since",
            "2023-12-25",
            "--branch",
            "main",
            "--config",
        ])
        .arg(rules.path().join("archdrift.toml"))
        .arg("--out")
        .arg(out.path())
        .arg(&bare_path)
        .assert()
        .success();
    let j = read_json(out.path());
    let samples = j["samples"].as_array().unwrap();
    let totals: Vec<u64> = samples
        .iter()
        .map(|s| s["findings"].as_u64().unwrap())
        .collect();
    assert_eq!(totals, [3, 5, 4, 4, 5]);
    assert_eq!(samples[4]["commit"], ids[4].as_str());
    assert_eq!(j["source"]["branch"], "main");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let (repo, _) = build();
    let out = tempfile::tempdir().unwrap();
    for (args, msg) in [
        (vec!["--every", "1.fortnight"], "not a span of time"),
        (vec!["--since", "someday"], "neither a span"),
        (vec!["--branch", "nope"], "no branch or reference `nope`"),
        (
            vec!["--since", "2030-01-01"],
            "no commit on the first-parent history",
        ),
    ] {
        assert_usage_error(
            archdrift()
                .current_dir(repo.path())
                .arg("trend")
                .args(&args)
                .arg("--out")
                .arg(out.path()),
            msg,
        );
    }
    let not_git = tempfile::tempdir().unwrap();
    assert_usage_error(
        archdrift().current_dir(not_git.path()).arg("trend"),
        "is not in a git repository",
    );
}

#[test]
fn recorded_checks_render_the_same_reports() {
    let (repo, ids) = build();
    let scratch = tempfile::tempdir().unwrap();
    let record = scratch.path().join("drift.jsonl");
    for _ in 0..2 {
        archdrift()
            .current_dir(repo.path())
            .args(["check", "--format", "compact", "--record"])
            .arg(&record)
            .assert()
            .code(1);
    }
    let text = std::fs::read_to_string(&record).unwrap();
    assert_eq!(text.lines().count(), 2);
    let line: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(line["version"], 1);
    assert_eq!(line["commit"], ids[4].as_str());
    assert_eq!(line["findings"], 5);
    assert_eq!(line["fingerprints"].as_array().unwrap().len(), 5);

    let out = scratch.path().join("report");
    archdrift()
        .args(["trend", "--from"])
        .arg(&record)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let j = read_json(&out);
    assert_eq!(j["source"]["kind"], "record");
    let samples = j["samples"].as_array().unwrap();
    assert_eq!(samples.len(), 2);
    assert_eq!(
        by_rule(&samples[1]),
        counts(&[("t/no-alert", 1), ("t/no-any", 2), ("t/no-console", 2)])
    );
    assert_eq!(samples[1]["introduced"], 0);
    assert_eq!(samples[1]["removed"], 0);
    assert!(out.join("trend.md").is_file() && out.join("trend.html").is_file());

    // a damaged record is an error naming the line
    std::fs::write(&record, format!("{text}{{\"version\": 1}}\n")).unwrap();
    assert_usage_error(
        archdrift()
            .args(["trend", "--from"])
            .arg(&record)
            .arg("--out")
            .arg(&out),
        "drift.jsonl:3: not a snapshot",
    );
}

/// Each sample goes through the same stages as a check: suppressed findings are not counted,
/// import cycles (a cross-file rule) are, and the newest sample equals a check of the tip.
#[test]
fn samples_apply_suppressions_and_cross_file_rules() {
    let repo = Repo {
        dir: tempfile::tempdir().unwrap(),
    };
    repo.git(&["init", "-q", "-b", "main", "."], None);
    repo.write(
        "archdrift.toml",
        "[[rule]]\nid = \"no-eval\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"eval\"]\n\n[[rule]]\nid = \"cycles\"\nkind = \"layer-boundary\"\nmessage = \"c\"\nlayers = { src = [\"src/**\"] }\ncycles = \"files\"\n",
    );
    repo.write("src/a.ts", "// archdrift-ignore no-eval: migration script, removed in Q3\neval(\"1\");\neval(\"2\");\n");
    repo.write("src/b.ts", "export const b = 1;\n");
    repo.commit("2024-01-01T09:00:00Z", "one eval suppressed");
    repo.write(
        "src/b.ts",
        "import { a } from './c';\nexport const b = a;\n",
    );
    repo.write(
        "src/c.ts",
        "import { b } from './b';\nexport const a = b;\n",
    );
    repo.commit("2024-01-08T09:00:00Z", "a cycle");
    let out = tempfile::tempdir().unwrap();
    let ok = archdrift()
        .args(["trend", "--since", "2023-12-25", "--out"])
        .arg(out.path())
        .arg(repo.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let v = read_json(out.path());
    let samples = v["samples"].as_array().unwrap();
    assert_eq!(by_rule(&samples[0]), counts(&[("no-eval", 1)]));
    assert_eq!(
        by_rule(&samples[1]),
        counts(&[("cycles", 1), ("no-eval", 1)])
    );
    let check = archdrift()
        .args(["check", "--format", "json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let check: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(check["findings"].as_array().unwrap().len(), 2);
}

/// Pseudo-random text that does not compress much: its zlib stream cannot end early.
fn noise(len: usize) -> String {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut s = String::with_capacity(len + 20);
    s.push_str("eval(\"1\");\n// ");
    while s.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        s.push(char::from(b'a' + (x % 26) as u8));
    }
    s.push('\n');
    s
}

#[test]
fn a_blob_over_the_size_cap_is_skipped_from_its_header_and_the_rest_checked() {
    let repo = Repo {
        dir: tempfile::tempdir().unwrap(),
    };
    repo.git(&["init", "-q", "-b", "main", "."], None);
    repo.write(
        "archdrift.toml",
        "[check]\nmax_file_size = 1000\n\n[[rule]]\nid = \"no-eval\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"eval\"]\n",
    );
    repo.write("src/big.ts", &noise(200_000));
    repo.write("src/small.ts", "eval(\"2\");\n");
    // at the cap exactly: checked (the near miss)
    let at_cap = format!("eval(\"3\");\n{}\n", "x".repeat(1000 - 12));
    assert_eq!(at_cap.len(), 1000);
    repo.write("src/at_cap.ts", &at_cap);
    repo.commit("2024-01-01T09:00:00Z", "a huge file");
    // cut the big blob's loose object short: its header still says 200 kB, but inflating the
    // whole of it fails, so the trend only succeeds if the size is taken from the header
    let id = repo.git(&["rev-parse", "HEAD:src/big.ts"], None);
    let obj = repo
        .path()
        .join(".git/objects")
        .join(&id[..2])
        .join(&id[2..]);
    let bytes = std::fs::read(&obj).unwrap();
    assert!(bytes.len() > 100_000, "the object compresses too well");
    let mut perms = std::fs::metadata(&obj).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&obj, perms).unwrap();
    std::fs::write(&obj, &bytes[..200]).unwrap();

    let out = tempfile::tempdir().unwrap();
    let ok = archdrift()
        .args(["trend", "--since", "2023-12-25", "--out"])
        .arg(out.path())
        .arg(repo.path())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let v = read_json(out.path());
    let s = &v["samples"][0];
    assert_eq!(by_rule(s), counts(&[("no-eval", 2)]), "{s:#}");
    assert_eq!(s["files_skipped"], 1, "{s:#}");
    assert_eq!(s["files_checked"], 2, "{s:#}");
}

/// Copies a folder (files and folders only) from `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// What a check reports, as a trend sample counts it: (error, warning, info) and per rule.
type Counts = ((u64, u64, u64), BTreeMap<String, u64>);

fn check_counts(report: &Value) -> Counts {
    let mut sev = (0, 0, 0);
    let mut rules = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        match f["severity"].as_str().unwrap() {
            "error" => sev.0 += 1,
            "warning" => sev.1 += 1,
            _ => sev.2 += 1,
        }
        *rules
            .entry(f["rule"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    (sev, rules)
}

fn sample_counts(s: &Value) -> Counts {
    let n = |k: &str| s["by_severity"][k].as_u64().unwrap();
    ((n("error"), n("warning"), n("info")), by_rule(s))
}

/// The newest sample of a trend equals a check of the commit it samples, whichever way the
/// rules come: the work tree's archdrift.toml, `--config` outside the repository (the central
/// rules repository), `--rules-at-commit`, and `check --record`. react-monorepo has a
/// `[design_system]` with index and tokens files, findings whose severity is not their rule's
/// (an ADR's status lowers it) and findings of no declared rule (suppressions without a reason,
/// the editor's `<reason>` placeholder among them); layered-monorepo has layer rules that
/// resolve TS path aliases and workspace packages from the tree, and an import cycle.
#[test]
fn trend_at_head_equals_check_at_head() {
    let react = head_equals_check("react-monorepo");
    let ((errors, warnings, infos), rules) = &react;
    assert!(*errors > 0 && *warnings > 0 && *infos > 0, "{react:?}");
    assert!(
        rules.contains_key("archdrift/suppression-without-reason"),
        "{react:?}"
    );
    assert!(rules.contains_key("acme/ds-raw-element"), "{react:?}");
    // an unresolved import is a warning of an error rule
    let plain = common::json_check(&common::fixture("layered-monorepo"), &[]);
    assert!(
        plain["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "shop/layers" && f["severity"] == "warning"),
        "{plain}"
    );
    let layered = head_equals_check("layered-monorepo");
    assert!(
        layered.1.get("shop/layers").is_some_and(|n| *n >= 3),
        "{layered:?}"
    );
    assert!(layered.1.contains_key("shop/no-cycles"), "{layered:?}");
}

fn head_equals_check(fixture: &str) -> Counts {
    let scratch = tempfile::tempdir().unwrap();
    let repo = Repo {
        dir: tempfile::tempdir().unwrap(),
    };
    copy_tree(&common::fixture(fixture), repo.path());
    repo.write(
        "apps/placeholder.ts",
        "// archdrift-ignore ts/no-console: <reason>\nconsole.log(\"left as the quick-fix wrote it\");\n",
    );
    repo.git(&["init", "-q", "-b", "main", "."], None);
    repo.commit("2024-01-01T09:00:00Z", "The monorepo");

    let check = common::json_check(repo.path(), &[]);
    let want = check_counts(&check);

    let trend = |name: &str, args: &[&str]| -> Value {
        let out = scratch.path().join(name);
        let r = common::Run::of(
            archdrift()
                .current_dir(repo.path())
                .args(["trend", "--since", "2023-12-01", "--out"])
                .arg(&out)
                .args(args),
        );
        assert_eq!(r.code, 0, "{fixture}: trend {args:?}: {}", r.stderr);
        let j = read_json(&out);
        j["samples"].as_array().unwrap().last().unwrap().clone()
    };

    // the configuration in the work tree
    let s = trend("in-tree", &[]);
    assert_eq!(
        sample_counts(&s),
        want,
        "{fixture}: trend with the work tree's config"
    );

    // a central configuration outside the repository: the same rules, the same findings
    let central = scratch.path().join("central");
    std::fs::create_dir_all(&central).unwrap();
    std::fs::copy(
        repo.path().join("archdrift.toml"),
        central.join("archdrift.toml"),
    )
    .unwrap();
    if repo.path().join("archdrift").is_dir() {
        copy_tree(&repo.path().join("archdrift"), &central.join("archdrift"));
    }
    let cfg = central.join("archdrift.toml");
    let s = trend("outside", &["--config", cfg.to_str().unwrap()]);
    assert_eq!(
        sample_counts(&s),
        want,
        "{fixture}: trend --config outside the repository"
    );

    // the commit's own rules (HEAD's are the work tree's)
    let s = trend("at-commit", &["--rules-at-commit"]);
    assert_eq!(s["rules_from"], "commit");
    assert_eq!(
        sample_counts(&s),
        want,
        "{fixture}: trend --rules-at-commit"
    );

    // a recorded check
    let record = scratch.path().join("drift.jsonl");
    let r = common::Run::of(
        archdrift()
            .current_dir(repo.path())
            .args(["check", "--format", "compact", "--record"])
            .arg(&record),
    );
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let line: Value =
        serde_json::from_str(std::fs::read_to_string(&record).unwrap().trim()).unwrap();
    assert_eq!(sample_counts(&line), want, "{fixture}: check --record");
    want
}
