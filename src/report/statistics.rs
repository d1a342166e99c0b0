//! `check --statistics`: how many findings each rule and each ADR has, and the files and folders
//! with the most, instead of the findings themselves (ruff's `--statistics`); and the per-rule
//! table the human report ends with when it has many findings.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::core::term_escape::escape_line;
use crate::core::{Report, Severity};

/// How many files and folders the statistics list.
pub(crate) const TOP: usize = 10;
/// From how many findings the human report ends with the per-rule table.
pub(crate) const TABLE_FROM: usize = 20;

/// One row: a name, its count by severity.
#[derive(Default)]
struct Row {
    error: usize,
    warning: usize,
    info: usize,
    /// The ADR (for rules).
    adr: String,
}

impl Row {
    fn total(&self) -> usize {
        self.error + self.warning + self.info
    }
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.error += 1,
            Severity::Warning => self.warning += 1,
            Severity::Info => self.info += 1,
        }
    }
}

struct Stats {
    rules: Vec<(String, Row)>,
    adrs: Vec<(String, Row)>,
    files: Vec<(String, usize)>,
    dirs: Vec<(String, usize)>,
}

/// Most first, then by name: the one order whatever the thread count.
fn ranked<R>(map: BTreeMap<String, R>, count: impl Fn(&R) -> usize) -> Vec<(String, R)> {
    let mut v: Vec<(String, R)> = map.into_iter().collect();
    v.sort_by(|a, b| count(&b.1).cmp(&count(&a.1)).then_with(|| a.0.cmp(&b.0)));
    v
}

fn stats(report: &Report) -> Stats {
    let mut rules: BTreeMap<String, Row> = BTreeMap::new();
    let mut adrs: BTreeMap<String, Row> = BTreeMap::new();
    let mut files: BTreeMap<String, usize> = BTreeMap::new();
    let mut dirs: BTreeMap<String, usize> = BTreeMap::new();
    for f in &report.findings {
        let r = rules.entry(f.rule.clone()).or_default();
        r.add(f.severity);
        r.adr = f.adr.id.clone();
        let adr = if f.adr.id.is_empty() {
            "(no ADR)".to_string()
        } else {
            f.adr.label()
        };
        adrs.entry(adr).or_default().add(f.severity);
        *files.entry(f.file.clone()).or_default() += 1;
        let dir = f.file.rsplit_once('/').map_or(".", |(d, _)| d);
        *dirs.entry(dir.to_string()).or_default() += 1;
    }
    let mut files = ranked(files, |n| *n);
    files.truncate(TOP);
    let mut dirs = ranked(dirs, |n| *n);
    dirs.truncate(TOP);
    Stats {
        rules: ranked(rules, Row::total),
        adrs: ranked(adrs, Row::total),
        files,
        dirs,
    }
}

fn counts_table(
    out: &mut dyn Write,
    title: &str,
    rows: &[(String, Row)],
    with_adr: bool,
) -> io::Result<()> {
    let w = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    let w = w.max(title.len());
    write!(
        out,
        "{:>6}  {:w$}  {:>6} {:>8} {:>5}",
        "COUNT", title, "ERROR", "WARNING", "INFO"
    )?;
    if with_adr {
        write!(out, "  ADR")?;
    }
    writeln!(out)?;
    for (name, r) in rows {
        write!(
            out,
            "{:>6}  {:w$}  {:>6} {:>8} {:>5}",
            r.total(),
            escape_line(name),
            r.error,
            r.warning,
            r.info
        )?;
        if with_adr {
            let adr = if r.adr.is_empty() { "-" } else { &r.adr };
            write!(out, "  {}", escape_line(adr))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn top_table(out: &mut dyn Write, title: &str, rows: &[(String, usize)]) -> io::Result<()> {
    writeln!(out, "{:>6}  {title}", "COUNT")?;
    for (name, n) in rows {
        writeln!(out, "{n:>6}  {}", escape_line(name))?;
    }
    Ok(())
}

/// The statistics as text: per rule, per ADR, the top files and folders.
pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = stats(report);
    if s.rules.is_empty() {
        return writeln!(out, "no findings");
    }
    counts_table(out, "RULE", &s.rules, true)?;
    writeln!(out)?;
    counts_table(out, "ADR", &s.adrs, false)?;
    writeln!(out)?;
    top_table(out, &format!("FILE (top {TOP})"), &s.files)?;
    writeln!(out)?;
    top_table(out, &format!("DIRECTORY (top {TOP})"), &s.dirs)?;
    adoption_table(report, out)
}

/// Design-system adoption (with a `[design_system]`): the total, then the directories with the
/// lowest share first (where adoption lags), at most [`TOP`].
fn adoption_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let Some(a) = &report.summary.design_system_adoption else {
        return Ok(());
    };
    let share =
        |c: &crate::core::AdoptionCounts| c.share().map_or("-".to_string(), |p| format!("{p:.1}%"));
    writeln!(out)?;
    writeln!(
        out,
        "{:>6}  {:>10} {:>5} {:>6}  DESIGN-SYSTEM ADOPTION",
        "SHARE", "DS ELEMENTS", "RAW", "COPIES"
    )?;
    let mut dirs: Vec<(&String, &crate::core::AdoptionCounts)> = a
        .by_directory
        .iter()
        .filter(|(_, c)| c.share().is_some())
        .collect();
    dirs.sort_by(|x, y| {
        x.1.share()
            .partial_cmp(&y.1.share())
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| x.0.cmp(y.0))
    });
    let total = String::from("(total)");
    for (name, c) in std::iter::once((&total, &a.total)).chain(dirs.into_iter().take(TOP)) {
        writeln!(
            out,
            "{:>6}  {:>10} {:>5} {:>6}  {}",
            share(c),
            c.design_system,
            c.raw_elements,
            c.near_copies,
            escape_line(name)
        )?;
    }
    Ok(())
}

/// The per-rule table at the end of a long human report.
pub(crate) fn write_rule_table(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    counts_table(out, "RULE", &stats(report).rules, true)
}

/// The statistics as JSON (`--statistics --format json`).
pub(crate) fn json(report: &Report) -> Value {
    let s = stats(report);
    let counts = |rows: &[(String, Row)], key: &str| -> Vec<Value> {
        rows.iter()
            .map(|(n, r)| {
                let mut v = json!({ key: n, "count": r.total(), "error": r.error, "warning": r.warning, "info": r.info });
                if key == "rule" {
                    v["adr"] = json!(r.adr);
                }
                v
            })
            .collect()
    };
    let top = |rows: &[(String, usize)], key: &str| -> Vec<Value> {
        rows.iter()
            .map(|(n, c)| json!({ key: n, "count": c }))
            .collect()
    };
    json!({
        "version": 1,
        "findings": report.findings.len(),
        "rules": counts(&s.rules, "rule"),
        "adrs": counts(&s.adrs, "adr"),
        "files": top(&s.files, "file"),
        "directories": top(&s.dirs, "directory"),
        "design_system_adoption": report.summary.design_system_adoption,
    })
}
