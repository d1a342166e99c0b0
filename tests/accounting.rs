//! Drift accounting on git repositories built here: `[budget]` limits (a count, growth per
//! week against an older commit) and `archdrift pr-summary` (net drift per ADR against the merge
//! base, rendered by a real Markdown renderer).

use std::path::Path;
use std::time::SystemTime;

mod common;

use common::{archdrift, write, Run};
use serde_json::Value;

const RULES: &str = r#"
[[rule]]
id = "t/no-console"
kind = "banned-pattern"
severity = "warning"
message = "`{match}` bypasses the logger"
help = "Use `log.info` from src/log.ts (ADR-0001)."
adr = { id = "ADR-0001", title = "Structured logging", url = "https://adr.example/0001" }
calls = ["console.*"]

[[rule]]
id = "t/no-any"
kind = "banned-pattern"
severity = "warning"
message = "`any` turns the type checker off"
adr = { id = "ADR-0002", title = "Typed boundaries" }
types = ["any"]
"#;

fn git(dir: &Path, args: &[&str], date: Option<i64>) -> String {
    common::git_dated(dir, args, date.map(|t| format!("@{t} +0000")).as_deref())
}

fn commit(dir: &Path, at: i64, msg: &str) {
    git(dir, &["add", "-A"], None);
    git(dir, &["commit", "-q", "-m", msg], Some(at));
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn consoles(n: usize) -> String {
    (0..n).map(|i| format!("console.log({i});\n")).collect()
}

fn check(dir: &Path) -> (Run, Value) {
    let r = common::run(dir, &["check", "--format", "json"]);
    assert!(r.code == 0 || r.code == 1, "exit {}: {}", r.code, r.stderr);
    let v = serde_json::from_str(&r.stdout).unwrap();
    (r, v)
}

/// `archdrift trend ARGS --out DIR/out` in `dir`: it must succeed; trend.json parsed, and the
/// output folder (for trend.md and trend.html).
fn trend_json(dir: &Path, args: &[&str]) -> (Value, std::path::PathBuf) {
    let out = dir.join("out");
    let mut all = args.to_vec();
    all.extend(["--out", out.to_str().unwrap()]);
    let r = common::run(dir, &all);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(out.join("trend.json")).unwrap();
    (serde_json::from_str(&text).unwrap(), out)
}

fn budget_findings(v: &Value) -> Vec<(u64, String)> {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "archdrift/budget")
        .map(|f| {
            (
                f["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_count_budget_fails_the_check_by_how_much_and_a_met_one_is_silent() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "src/a.ts", consoles(3) + "let x: any = 1;\n");
    let config = |max: usize| {
        format!("{RULES}\n[budget]\n\"ADR-0001\" = {{ max = {max} }}\n\"t/no-any\" = {{ max = 1 }}\n\"src/**\" = {{ max = 10 }}\n")
    };
    write(d.path(), "archdrift.toml", config(2));
    let (r, v) = check(d.path());
    assert_eq!(r.code, 1, "an exceeded budget fails: {}", r.stdout);
    let line = RULES.lines().count() + 3;
    assert_eq!(
        budget_findings(&v),
        vec![(
            line as u64,
            "budget `ADR-0001` exceeded by 1: 3 findings, at most 2 allowed".to_string()
        )]
    );
    let f = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "archdrift/budget")
        .unwrap();
    assert_eq!(f["file"], "archdrift.toml");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["adr"]["id"], "ADR-0001");
    // exactly at the limit: no budget finding, and warnings alone do not fail
    write(d.path(), "archdrift.toml", config(3));
    let (r, v) = check(d.path());
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(budget_findings(&v).is_empty());
    // a partial check cannot count a budget: it says so and reports none
    let r = common::run(d.path(), &["check", "--format", "json", "src/a.ts"]);
    assert!(r
        .stderr
        .contains("[budget] is checked only when the whole repository is checked"));
}

#[test]
fn a_baseline_does_not_hide_drift_from_a_budget() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "src/a.ts", consoles(3));
    write(
        d.path(),
        "archdrift.toml",
        format!("{RULES}\n[budget]\n\"ADR-0001\" = {{ max = 2 }}\n"),
    );
    let r = common::run(d.path(), &["baseline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = common::run(
        d.path(),
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            ".archdrift/baseline.json",
        ],
    );
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(r.code, 1);
    let rules: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        vec!["archdrift/budget"],
        "known findings hidden, the budget not"
    );
}

#[test]
fn budget_keys_and_values_are_checked_at_load_time() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "src/a.ts", "x;\n");
    for (budget, want) in [
        (
            "\"ADR-9\" = { max = 1 }",
            "budget `ADR-9` is neither a rule id",
        ),
        ("\"ADR-0001\" = { max = -1 }", "`max` must be 0 or more"),
        ("\"ADR-0001\" = { }", "budget `ADR-0001` sets no limit"),
        (
            "\"ADR-0001\" = { max_new_per_week = 1, max_new_per_day = 1 }",
            "one growth budget per entry",
        ),
        ("\"ADR-0001\" = { maximum = 1 }", "unknown field `maximum`"),
    ] {
        write(
            d.path(),
            "archdrift.toml",
            format!("{RULES}\n[budget]\n{budget}\n"),
        );
        let r = common::run(d.path(), &["check"]);
        assert_eq!(r.code, 2, "{budget}: {}", r.stderr);
        assert!(r.stderr.contains(want), "{budget}: {}", r.stderr);
        // the diagnostic points at the budget's line
        let line = RULES.lines().count() + 3;
        assert!(
            r.stderr.contains(&format!("archdrift.toml:{line}")),
            "{budget}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_growth_budget_counts_what_was_introduced_since_a_week_ago() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    git(dir, &["init", "-q", "-b", "main", "."], None);
    let t = now();
    let config =
        |n: usize| format!("{RULES}\n[budget]\n\"src/web/**\" = {{ max_new_per_week = {n} }}\n");
    write(dir, "archdrift.toml", config(2));
    write(dir, "src/web/a.ts", consoles(1));
    write(dir, "src/api/b.ts", consoles(5));
    commit(dir, t - 10 * 86_400, "ten days ago: one in web");
    write(dir, "src/web/a.ts", consoles(3));
    commit(dir, t - 3 * 86_400, "three days ago: two more");
    // and one uncommitted: the working tree is what is checked
    write(dir, "src/web/c.ts", consoles(1));
    write(dir, "src/api/b.ts", consoles(9));
    let (r, v) = check(dir);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let found = budget_findings(&v);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0]
            .1
            .starts_with("budget `src/web/**` exceeded by 1: 3 findings introduced since "),
        "{found:?}"
    );
    assert!(found[0].1.ends_with("at most 2 per week"), "{found:?}");
    // 3 allowed: met (the 4 new ones in src/api do not count for src/web)
    write(dir, "archdrift.toml", config(3));
    let (r, v) = check(dir);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(budget_findings(&v).is_empty());
}

#[test]
fn a_growth_budget_without_history_is_a_warning_not_a_failure() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "src/a.ts", consoles(3));
    write(
        d.path(),
        "archdrift.toml",
        format!("{RULES}\n[budget]\n\"ADR-0001\" = {{ max_new_per_week = 0 }}\n"),
    );
    let (r, v) = check(d.path());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(budget_findings(&v).is_empty());
    assert!(r.stderr.contains("growth not checked"), "{}", r.stderr);
}

/// main: 2 console calls and one `any`; the branch removes the `any`, adds a console call in a
/// new file and one in an old one.
fn pr_repo() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    git(dir, &["init", "-q", "-b", "main", "."], None);
    write(dir, "archdrift.toml", RULES);
    write(dir, "src/a.ts", consoles(2));
    write(dir, "src/types.ts", "export let x: any = 1;\n");
    commit(dir, 1_700_000_000, "base");
    git(dir, &["checkout", "-q", "-b", "feature"], None);
    write(dir, "src/a.ts", consoles(3));
    write(dir, "src/types.ts", "export let x: number = 1;\n");
    write(dir, "src/new file.ts", "console.warn('x');\n");
    commit(dir, 1_700_086_400, "feature");
    d
}

#[test]
fn pr_summary_counts_new_fixed_and_unchanged_per_adr_and_links_the_new_findings() {
    let d = pr_repo();
    let r = Run::of(
        archdrift()
            .current_dir(d.path())
            .env_remove("GITHUB_SERVER_URL")
            .args([
                "pr-summary",
                "main",
                "--link-base",
                "https://github.example/acme/app/blob/feature",
            ]),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let md = r.stdout;
    insta::assert_snapshot!("pr_summary", md);

    // rendered by a real Markdown renderer: one table with the right cells, links that work
    use pulldown_cmark::{html, Options, Parser};
    let mut out = String::new();
    html::push_html(&mut out, Parser::new_ext(&md, Options::ENABLE_TABLES));
    assert!(out.contains("<table>"), "{out}");
    assert!(
        out.contains("<td>ADR-0001 Structured logging</td>")
            || out.contains("<a href=\"https://adr.example/0001\">ADR-0001 Structured logging</a>"),
        "{out}"
    );
    assert!(
        out.contains("href=\"https://github.example/acme/app/blob/feature/src/new%20file.ts#L1\""),
        "{out}"
    );
    assert!(
        out.contains("href=\"https://github.example/acme/app/blob/feature/src/a.ts#L3\""),
        "{out}"
    );
    // rows: ADR-0001 2 new 0 fixed 2 unchanged; ADR-0002 0 new 1 fixed
    let cells: Vec<String> = out
        .split("<td")
        .skip(1)
        .map(|c| {
            let c = &c[c.find('>').unwrap() + 1..];
            let text = c.split("</td>").next().unwrap();
            // the cell's text without tags
            let mut t = String::new();
            let mut tag = false;
            for ch in text.chars() {
                match ch {
                    '<' => tag = true,
                    '>' => tag = false,
                    ch if !tag => t.push(ch),
                    _ => {}
                }
            }
            t
        })
        .collect();
    assert_eq!(
        cells,
        vec![
            "ADR-0001 Structured logging",
            "2",
            "0",
            "2",
            "+2",
            "ADR-0002 Typed boundaries",
            "0",
            "1",
            "0",
            "−1",
        ]
    );

    // JSON: the same comparison
    let r = common::run(d.path(), &["pr-summary", "main", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["new"].as_array().unwrap().len(), 2);
    assert_eq!(v["rows"][1]["fixed"], 1);
}

#[test]
fn pr_summary_is_short_when_nothing_changed() {
    let d = pr_repo();
    let r = common::run(d.path(), &["pr-summary", "feature"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 4, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("no new findings, none fixed; 4 unchanged"),
        "{}",
        r.stdout
    );
    // not a revision: a usage error
    let r = common::run(d.path(), &["pr-summary", "no-such-branch"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("not a known git revision"),
        "{}",
        r.stderr
    );
}

/// Five commits over two weeks: an assisted one (Co-authored-by trailer) adding two console
/// calls in the web team's code, a human one adding one in the API team's, an assisted one
/// touching nothing checked, and a human one adding an `any`.
fn attributed_repo() -> (tempfile::TempDir, Vec<String>) {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    git(dir, &["init", "-q", "-b", "main", "."], None);
    let t0 = 1_700_000_000;
    let mut ids = Vec::new();
    let mut step = |at: i64, msg: &str| {
        commit(dir, at, msg);
        ids.push(git(dir, &["rev-parse", "HEAD"], None));
    };
    write(dir, "archdrift.toml", RULES);
    write(
        dir,
        ".github/CODEOWNERS",
        "* @acme/all\n/src/web/ @acme/web\n/src/api/ @acme/api\n",
    );
    write(dir, "src/api/a.ts", consoles(1));
    step(t0, "base");
    write(dir, "src/web/w.ts", consoles(2) + "export const a = 1;\n");
    step(
        t0 + 3 * 86_400,
        "web: logging\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
    );
    write(dir, "src/api/a.ts", consoles(2));
    step(
        t0 + 7 * 86_400,
        "api: one more log\n\nCo-authored-by: Grace <grace@example.com>\n",
    );
    write(dir, "README.md", "readme\n");
    step(
        t0 + 8 * 86_400,
        "docs\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n",
    );
    write(dir, "src/web/t.ts", "export let x: any = 1;\n");
    step(t0 + 14 * 86_400, "web: types");
    (d, ids)
}

#[test]
fn attribution_finds_the_introducing_commit_its_team_and_whether_it_declares_assistance() {
    let (d, ids) = attributed_repo();
    let (v, out) = trend_json(
        d.path(),
        &[
            "trend",
            "--attribute",
            "--since",
            "3.weeks",
            "--every",
            "1.week",
            "--min-commits",
            "1",
        ],
    );
    let a = &v["attribution"];
    let mut rows: Vec<(String, u64, Option<String>, bool, bool, String)> = a["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_string(),
                f["line"].as_u64().unwrap(),
                f["introduced_by"]["commit"].as_str().map(String::from),
                f["introduced_by"]["assisted"].as_bool().unwrap_or(false),
                f["exact"].as_bool().unwrap(),
                f["team"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    rows.sort();
    let id = |i: usize| Some(ids[i].clone());
    assert_eq!(
        rows,
        vec![
            (
                "src/api/a.ts".into(),
                1,
                None,
                false,
                false,
                "@acme/api".into()
            ),
            (
                "src/api/a.ts".into(),
                2,
                id(2),
                false,
                true,
                "@acme/api".into()
            ),
            (
                "src/web/t.ts".into(),
                1,
                id(4),
                false,
                true,
                "@acme/web".into()
            ),
            (
                "src/web/w.ts".into(),
                1,
                id(1),
                true,
                true,
                "@acme/web".into()
            ),
            (
                "src/web/w.ts".into(),
                2,
                id(1),
                true,
                true,
                "@acme/web".into()
            ),
        ]
    );
    assert_eq!(a["before_window"], 1);
    // the window: commits 1..=4; assisted are 1 and 3 (the trailer, the "Generated with" line)
    let total = &a["total"];
    assert_eq!(total["assisted"]["commits"], 2);
    assert_eq!(total["assisted"]["introduced"], 2);
    assert_eq!(total["assisted"]["changed_lines"], 3 + 1);
    assert_eq!(total["other"]["commits"], 2);
    assert_eq!(total["other"]["introduced"], 2);
    assert_eq!(total["other"]["changed_lines"], 1 + 1);
    assert_eq!(total["other"]["per_1000_lines"], 1000.0);
    assert_eq!(total["assisted"]["per_1000_lines"], 500.0);
    assert_eq!(a["by_team"]["@acme/web"]["assisted"]["introduced"], 2);
    assert_eq!(a["by_team"]["@acme/api"]["other"]["introduced"], 1);
    assert_eq!(a["by_adr"]["ADR-0001"]["assisted"]["introduced"], 2);
    let md = std::fs::read_to_string(out.join("trend.md")).unwrap();
    assert!(md.contains("## Who and what introduced the drift"), "{md}");
    assert!(md.contains("not detection of AI-written code"), "{md}");
    let html = std::fs::read_to_string(out.join("trend.html")).unwrap();
    assert!(
        html.contains("Who and what introduced the drift") && html.contains("<svg class=\"bars\"")
    );

    // below the minimum number of commits, rates are withheld but the counts stay
    let (v, out) = trend_json(d.path(), &["trend", "--attribute", "--since", "3.weeks"]);
    assert!(v["attribution"]["total"]["assisted"]["per_1000_lines"].is_null());
    assert_eq!(v["attribution"]["total"]["assisted"]["introduced"], 2);
    let md = std::fs::read_to_string(out.join("trend.md")).unwrap();
    assert!(md.contains("– (< 5 commits)"), "{md}");
}

#[test]
fn trend_draws_the_budgets_against_the_newest_sample() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    git(dir, &["init", "-q", "-b", "main", "."], None);
    write(
        dir,
        "archdrift.toml",
        format!("{RULES}\n[budget]\n\"ADR-0001\" = {{ max = 2 }}\n\"t/no-any\" = {{ max = 5 }}\n\"src/**\" = {{ max_new_per_week = 1 }}\n"),
    );
    write(dir, "src/a.ts", consoles(3));
    commit(dir, 1_700_000_000, "three logs");
    let (v, out) = trend_json(dir, &["trend", "--since", "1.week"]);
    let b = v["budgets"].as_array().unwrap();
    assert_eq!(b.len(), 3);
    assert_eq!(
        (
            b[0]["key"].as_str(),
            b[0]["max"].as_u64(),
            b[0]["latest"].as_u64()
        ),
        (Some("ADR-0001"), Some(2), Some(3))
    );
    assert_eq!(b[1]["latest"], 0);
    assert_eq!(b[2]["max_new"], "1 per week");
    let md = std::fs::read_to_string(out.join("trend.md")).unwrap();
    assert!(
        md.contains("| `ADR-0001` (adr) | at most 2 | 3 | **over by 1** |"),
        "{md}"
    );
    assert!(
        md.contains("| `t/no-any` (rule) | at most 5 | 0 | within |"),
        "{md}"
    );
    // the ADR chart gets a dashed budget line for the ADR's max
    let html = std::fs::read_to_string(out.join("trend.html")).unwrap();
    assert!(
        html.contains(r#""budgets":[{"key":"ADR-0001","max":2}]"#),
        "budget series in the chart data"
    );
}

#[test]
fn attribution_counts_removed_drift_at_the_commit_that_removed_it() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path();
    git(dir, &["init", "-q", "-b", "main", "."], None);
    let t0 = 1_700_000_000;
    write(dir, "archdrift.toml", RULES);
    write(dir, "src/a.ts", consoles(2));
    write(dir, "src/b.ts", "let y: any = 2;\n");
    commit(dir, t0, "base");
    write(dir, "src/a.ts", consoles(1));
    commit(
        dir,
        t0 + 2 * 86_400,
        "drop a log\n\nCo-authored-by: Claude <noreply@anthropic.com>\n",
    );
    std::fs::remove_file(dir.join("src/b.ts")).unwrap();
    commit(dir, t0 + 4 * 86_400, "drop b");
    write(dir, "README.md", "x\n");
    commit(dir, t0 + 7 * 86_400, "docs");
    let (v, out) = trend_json(
        dir,
        &[
            "trend",
            "--attribute",
            "--since",
            "1.week",
            "--min-commits",
            "1",
        ],
    );
    let t = &v["attribution"]["total"];
    // the log removed by the assisted commit, the `any` by the deleted file in a human one
    assert_eq!(
        (
            t["assisted"]["removed"].as_u64(),
            t["other"]["removed"].as_u64()
        ),
        (Some(1), Some(1)),
        "{t}"
    );
    assert_eq!(
        v["attribution"]["by_adr"]["ADR-0002"]["other"]["removed"],
        1
    );
    let html = std::fs::read_to_string(out.join("trend.html")).unwrap();
    assert!(
        html.contains("<title>assisted, removed: 1</title>"),
        "the introduced/removed chart"
    );
}
