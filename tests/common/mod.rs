//! Helpers shared by integration tests: run the binary, and hold a fixture to its EXPECTED.md.

#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// The binary, with no colour setting inherited from the environment.
pub fn archdrift() -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("archdrift").unwrap();
    c.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    c
}

/// What a run of the binary printed and its exit code.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn of(cmd: &mut assert_cmd::Command) -> Run {
        let out = cmd.output().unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// `archdrift ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    Run::of(archdrift().current_dir(dir).args(args))
}

/// `archdrift check --format json ARGS` in `dir`: findings or none (exit 0 or 1), parsed.
pub fn json_check(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = run(dir, &all);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// Writes `content` at `rel` below `dir`, creating folders.
pub fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, content).unwrap();
}

/// `git ARGS` in `dir`, with a throw-away identity and no signing; must succeed.
pub fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `git ARGS` in `dir` as a fixed author ("Ada"), isolated from the user's and the system's git
/// configuration, with author and committer date `date` (any form git takes, e.g.
/// `@1700000000 +0000`) when given; must succeed; its stdout, trimmed.
pub fn git_dated(dir: &Path, args: &[&str], date: Option<&str>) -> String {
    let mut c = Command::new("git");
    c.current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ada")
        .env("GIT_AUTHOR_EMAIL", "ada@example.com")
        .env("GIT_COMMITTER_NAME", "Ada")
        .env("GIT_COMMITTER_EMAIL", "ada@example.com")
        .args(["-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"])
        .args(args);
    if let Some(d) = date {
        c.env("GIT_AUTHOR_DATE", d).env("GIT_COMMITTER_DATE", d);
    }
    let out = c.output().expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// (file, line, rule) of each finding.
pub fn found(v: &Value) -> Vec<(String, u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Rows of the markdown table under `heading`.
pub fn table_rows(md: &str, heading: &str) -> Vec<Vec<String>> {
    let section = md.split(heading).nth(1).expect("heading present");
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|-"))
        .skip(1)
        .map(|l| {
            l.trim_matches('|')
                .split('|')
                .map(|c| c.trim().trim_matches('`').to_string())
                .collect()
        })
        .collect()
}

/// Every finding of EXPECTED.md's "## Findings" table is reported and nothing else is; no line of
/// "## Near-misses" has a finding (a line cell of "—" means the whole file).
pub fn check_expected(name: &str) -> Value {
    let dir = fixture(name);
    let md = std::fs::read_to_string(dir.join("EXPECTED.md")).unwrap();
    let mut expected: Vec<(String, u64, String, String)> = table_rows(&md, "## Findings")
        .into_iter()
        .map(|r| {
            (
                r[1].clone(),
                r[2].parse().unwrap(),
                r[3].clone(),
                r[4].clone(),
            )
        })
        .collect();
    expected.sort();
    let v = json_check(&dir, &[]);
    let findings = v["findings"].as_array().unwrap();
    let mut actual: Vec<(String, u64, String, String)> = findings
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["rule"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    actual.sort();
    assert_eq!(actual, expected, "findings differ from {name}/EXPECTED.md");
    for r in table_rows(&md, "## Near-misses") {
        let file = r[0].as_str();
        let in_file = |f: &&Value| f["file"] == file;
        if r[1] == "—" {
            assert!(
                !findings.iter().any(|f| in_file(&f)),
                "near-miss file reported: {file}"
            );
            continue;
        }
        for line in r[1].split(',').filter_map(|l| l.trim().parse::<u64>().ok()) {
            let hit = findings.iter().filter(in_file).find(|f| f["line"] == line);
            assert!(
                hit.is_none(),
                "near-miss reported: {file}:{line} ({})",
                r[2]
            );
        }
    }
    v
}

/// How long one run of the binary may take in [`run_limited`] before the test fails: a guard
/// against hangs, not a timing assertion (a debug build compiling a 10,000-branch query took
/// more than 20 s on 2 cores shared with four builds).
pub const LIMIT: Duration = Duration::from_secs(90);

/// The binary under test; `ARCHDRIFT_HOSTILE_BIN` runs the suite against another build (e.g. one
/// from before a fix, to see a regression test fail).
pub fn hostile_bin() -> PathBuf {
    std::env::var_os("ARCHDRIFT_HOSTILE_BIN")
        .filter(|b| !b.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| assert_cmd::cargo::cargo_bin("archdrift"))
}

/// `archdrift ARGS` in `dir` (the [`hostile_bin`]), killed — and the test failed — after
/// [`LIMIT`]: for tests of input that used to hang.
pub fn run_limited(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(hostile_bin())
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("archdrift {args:?} in {} ran past {LIMIT:?}", dir.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&t_out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&t_err.join().unwrap()).into_owned(),
    }
}

/// [`json_check`] with the time limit of [`run_limited`].
pub fn json_check_limited(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let r = run_limited(dir, &all);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {}", r.stdout))
}
