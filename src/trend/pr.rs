//! `archdrift pr-summary BASE`: the body of a pull-request comment — net drift per ADR (new,
//! fixed, unchanged) against the merge base with BASE, the new findings with `file:line` links,
//! and what to do about them (each rule's help) — short when nothing changed.
//!
//! The working tree is checked as `check` does; the merge base is checked from the git objects
//! with the same rules (as `trend` checks a sample). A finding is new when its fingerprint is not
//! among the merge base's (as a multiset), fixed when a fingerprint of the merge base is gone.
//! The first line is a hidden marker, so a workflow can find and update its own comment.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::check::Engine;
use crate::core::{CommandError, Finding, Report};

use super::model::{fingerprint_value, Sample, NO_ADR};
use super::report_md::{esc, signed};

/// The first line of every summary: a workflow finds its earlier comment by it.
pub(crate) const MARKER: &str = "<!-- archdrift:pr-summary -->";

/// New findings listed at most (the rest are counted).
pub(crate) const MAX_LISTED: usize = 50;

/// One ADR's row.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Row {
    pub(crate) adr: String,
    pub(crate) title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) link: Option<String>,
    pub(crate) new: usize,
    pub(crate) fixed: usize,
    pub(crate) unchanged: usize,
}

/// The comparison of the working tree with the merge base.
#[derive(Debug, serde::Serialize)]
pub(crate) struct Summary<'r> {
    /// `BASE` as given, and the merge base's short id.
    pub(crate) base: String,
    pub(crate) merge_base: String,
    pub(crate) rows: Vec<Row>,
    /// New findings, in report order.
    pub(crate) new: Vec<&'r Finding>,
    /// Design-system adoption (percent) at the merge base and now, with a `[design_system]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) adoption: Option<(Option<f64>, Option<f64>)>,
}

/// Compares `head` (the working tree's report) with `base` (the merge base's sample).
/// `adrs`: title and URL of each ADR the rules cite (for ADRs with findings only in the base).
pub(crate) fn compare<'r>(
    head: &'r Report,
    base: &Sample,
    adrs: &BTreeMap<String, (String, Option<String>)>,
    base_name: &str,
    merge_base: &str,
) -> Summary<'r> {
    // new: head findings not matched by a base fingerprint (a multiset: each matches once)
    let mut remaining: BTreeMap<u64, usize> = BTreeMap::new();
    for fp in &base.fingerprints {
        *remaining.entry(*fp).or_default() += 1;
    }
    let mut rows: BTreeMap<String, Row> = BTreeMap::new();
    let mut new = Vec::new();
    for f in &head.findings {
        let key = if f.adr.id.is_empty() {
            NO_ADR.to_string()
        } else {
            f.adr.id.clone()
        };
        let row = rows.entry(key.clone()).or_insert_with(|| Row {
            adr: key,
            title: f.adr.title.clone(),
            link: f.adr.url.clone(),
            ..Default::default()
        });
        let fp = fingerprint_value(&f.fingerprint);
        match remaining.get_mut(&fp) {
            Some(n) if *n > 0 => {
                *n -= 1;
                row.unchanged += 1;
            }
            _ => {
                row.new += 1;
                new.push(f);
            }
        }
    }
    // fixed: what the base had beyond what is unchanged, per ADR
    for (adr, &count) in &base.by_adr {
        let row = rows.entry(adr.clone()).or_insert_with(|| Row {
            adr: adr.clone(),
            title: adrs.get(adr).map(|a| a.0.clone()).unwrap_or_default(),
            link: adrs.get(adr).and_then(|a| a.1.clone()),
            ..Default::default()
        });
        row.fixed = count.saturating_sub(row.unchanged);
    }
    let mut rows: Vec<Row> = rows.into_values().collect();
    // most new drift first, then most fixed, then by ADR
    rows.sort_by(|a, b| (b.new, b.fixed, &a.adr).cmp(&(a.new, a.fixed, &b.adr)));
    let now = head
        .summary
        .design_system_adoption
        .as_ref()
        .map(|a| a.total.share());
    let then = base.design_system_adoption.as_ref().map(|a| a.share());
    Summary {
        base: base_name.to_string(),
        merge_base: merge_base.to_string(),
        rows,
        new,
        adoption: (now.is_some() || then.is_some()).then(|| (then.flatten(), now.flatten())),
    }
}

/// "Design-system adoption: 90.0% → 88.5% (−1.5 points)", when both are known and differ.
fn adoption_line(s: &Summary<'_>) -> Option<String> {
    let (Some(a), Some(b)) = s.adoption? else {
        return None;
    };
    if (a - b).abs() < 0.05 {
        return None;
    }
    let d = b - a;
    let sign = if d > 0.0 { "+" } else { "−" };
    Some(format!(
        "Design-system adoption: {a:.1}% → {b:.1}% ({sign}{:.1} points).",
        d.abs()
    ))
}

/// Where a finding's `file:line` link points: `link_base` + path (+ `#L<line>`), if given.
fn file_link(link_base: Option<&str>, prefix: &str, f: &Finding) -> Option<String> {
    let b = link_base?;
    let sep = if b.ends_with('/') { "" } else { "/" };
    let path: String = format!("{prefix}{}", f.file)
        .split('/')
        .map(url_segment)
        .collect::<Vec<_>>()
        .join("/");
    Some(format!("{b}{sep}{path}#L{}", f.line))
}

/// Percent-encodes what would end or break a Markdown link target.
fn url_segment(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'@' | b'+' => {
                o.push(b as char)
            }
            _ => {
                let _ = write!(o, "%{b:02X}");
            }
        }
    }
    o
}

/// The comment body. `link_base` (e.g. `https://github.com/acme/app/blob/<sha>`) makes each
/// `file:line` a link; `prefix` is the checked root's path inside the repository (`""` or
/// `dir/`).
pub(crate) fn render(s: &Summary<'_>, link_base: Option<&str>, prefix: &str) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{MARKER}");
    let new: usize = s.rows.iter().map(|r| r.new).sum();
    let fixed: usize = s.rows.iter().map(|r| r.fixed).sum();
    let unchanged: usize = s.rows.iter().map(|r| r.unchanged).sum();
    let base = format!(
        "`{}` (merge base with `{}`)",
        esc(&s.merge_base),
        esc(&s.base).replace('`', "'")
    );
    if new == 0 && fixed == 0 && adoption_line(s).is_none() {
        let _ = writeln!(
            o,
            "### archdrift: no change in drift\n\nCompared with {base}: no new findings, none fixed; {unchanged} unchanged."
        );
        return o;
    }
    let _ = writeln!(
        o,
        "### archdrift: {new} new, {fixed} fixed ({} net)\n",
        signed(new as i64 - fixed as i64)
    );
    let _ = writeln!(o, "Compared with {base}; {unchanged} findings unchanged.\n");
    if let Some(line) = adoption_line(s) {
        let _ = writeln!(o, "{line}\n");
    }
    let _ = writeln!(o, "| ADR | new | fixed | unchanged | net |");
    let _ = writeln!(o, "| --- | ---: | ---: | ---: | ---: |");
    for r in s.rows.iter().filter(|r| r.new + r.fixed > 0) {
        let name = if r.title.is_empty() {
            esc(&r.adr)
        } else {
            format!("{} {}", esc(&r.adr), esc(&r.title))
        };
        let name = match &r.link {
            Some(l) => format!("[{name}](<{}>)", l.replace(['<', '>', '\n'], "")),
            None => name,
        };
        let _ = writeln!(
            o,
            "| {name} | {} | {} | {} | {} |",
            r.new,
            r.fixed,
            r.unchanged,
            signed(r.new as i64 - r.fixed as i64)
        );
    }
    if !s.new.is_empty() {
        let _ = writeln!(o, "\n#### New findings\n");
        for f in s.new.iter().take(MAX_LISTED) {
            let at = format!("{}:{}", esc(&f.file), f.line);
            let at = match file_link(link_base, prefix, f) {
                Some(l) => format!("[{at}]({l})"),
                None => at,
            };
            let _ = writeln!(
                o,
                "- **{}** {at} `{}`: {}",
                f.severity.as_str(),
                f.rule.replace('`', "'"),
                esc(&f.message)
            );
        }
        if s.new.len() > MAX_LISTED {
            let _ = writeln!(
                o,
                "- … and {} more (`archdrift check --changed-since {}` lists them all)",
                s.new.len() - MAX_LISTED,
                esc(&s.base).replace('`', "'")
            );
        }
        // what to do: each rule's help, once
        let mut helps: BTreeMap<&str, (&str, &str)> = BTreeMap::new();
        for f in &s.new {
            if let Some(h) = &f.help {
                helps.entry(&f.rule).or_insert((h, &f.adr.id));
            }
        }
        if !helps.is_empty() {
            let _ = writeln!(o, "\n#### What to do\n");
            for (rule, (help, adr)) in helps {
                let adr = if adr.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", esc(adr))
                };
                let _ = writeln!(o, "- `{}`{adr}: {}", rule.replace('`', "'"), esc(help));
            }
        }
    }
    o
}

/// `archdrift pr-summary` options.
#[derive(Clone, Debug, Default)]
pub(crate) struct PrOptions {
    /// The revision the pull request goes into (`origin/main`).
    pub(crate) base: String,
    pub(crate) config: Option<std::path::PathBuf>,
    pub(crate) threads: Option<usize>,
    /// Prefix of `file:line` links; default from GitHub Actions' environment when it is set.
    pub(crate) link_base: Option<String>,
    pub(crate) json: bool,
}

/// Runs `archdrift pr-summary`: the comment body (Markdown) or the comparison as JSON.
pub(crate) fn run(o: &PrOptions) -> Result<String, CommandError> {
    let cfg = crate::config::find_and_load(o.config.clone(), None)?;
    let engine = Engine::new(cfg).map_err(CommandError::usage)?;
    let cfg = engine.config().clone();
    let threads = crate::check::run::threads_or_default(o.threads);
    let pool = crate::check::run::thread_pool(threads)?;
    crate::check::read::install_panic_hook();
    let ci = crate::ci::CiOptions {
        no_progress: true,
        ..Default::default()
    };
    let head = crate::ci::run_check(
        &engine,
        std::slice::from_ref(&cfg.root),
        threads,
        &pool,
        &ci,
    )
    .map_err(CommandError::usage)?;
    let (_, base_id) =
        crate::ci::changed::merge_base(&cfg.root, &o.base).map_err(CommandError::usage)?;
    let history = super::history::History::open(&cfg).map_err(CommandError::usage)?;
    let commit = history
        .commit(Some(&base_id))
        .map_err(CommandError::usage)?;
    let sample = history
        .check(&cfg, commit, &pool)
        .map_err(CommandError::usage)?;
    let adrs = cfg
        .rules
        .iter()
        .filter_map(|r| r.adr.as_ref())
        .map(|a| (a.id.clone(), (a.title.clone(), a.url.clone())))
        .collect();
    let summary = compare(&head, &sample, &adrs, &o.base, super::short(&base_id));
    if o.json {
        return serde_json::to_string_pretty(&summary)
            .map(|s| s + "\n")
            .map_err(|e| CommandError::usage(e.to_string()));
    }
    let link_base = o.link_base.clone().or_else(github_link_base);
    Ok(render(&summary, link_base.as_deref(), history.prefix()))
}

/// `$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA` inside GitHub Actions.
fn github_link_base() -> Option<String> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    Some(format!(
        "{}/{}/blob/{}",
        var("GITHUB_SERVER_URL")?.trim_end_matches('/'),
        var("GITHUB_REPOSITORY")?,
        var("GITHUB_SHA")?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Severity;

    fn finding(rule: &str, adr: &str, file: &str, line: usize, fp: u64) -> Finding {
        let mut f = Finding::for_test(rule, adr, file, line, fp);
        f.severity = Severity::Error;
        f.message = format!("no <b>{rule}</b> | here");
        if !adr.is_empty() {
            f.adr.title = format!("Title of {adr}");
        }
        f.help = Some(format!("do the {rule} thing"));
        f
    }

    fn sample(fps: &[u64], by_adr: &[(&str, usize)]) -> Sample {
        Sample {
            fingerprints: fps.to_vec(),
            by_adr: by_adr.iter().map(|(a, n)| (a.to_string(), *n)).collect(),
            ..Default::default()
        }
    }

    fn report(findings: Vec<Finding>) -> Report {
        Report {
            findings,
            problems: Vec::new(),
            summary: Default::default(),
            elapsed: Default::default(),
            files: Vec::new(),
            rules: Vec::new(),
            secrets: Default::default(),
        }
    }

    #[test]
    fn new_fixed_and_unchanged_per_adr() {
        let head = report(vec![
            finding("a/x", "ADR-1", "src/a b.ts", 3, 1),
            finding("a/x", "ADR-1", "src/a.ts", 9, 1),
            finding("b/y", "ADR-2", "src/b.ts", 1, 7),
        ]);
        // the base had fingerprint 1 once (ADR-1) and two ADR-3 findings, now gone
        let base = sample(&[1, 40, 41], &[("ADR-1", 1), ("ADR-3", 2)]);
        let s = compare(&head, &base, &BTreeMap::new(), "origin/main", "abc1234567");
        let row = |a: &str| s.rows.iter().find(|r| r.adr == a).unwrap().clone();
        assert_eq!(
            (row("ADR-1").new, row("ADR-1").unchanged, row("ADR-1").fixed),
            (1, 1, 0)
        );
        assert_eq!((row("ADR-2").new, row("ADR-2").fixed), (1, 0));
        assert_eq!((row("ADR-3").new, row("ADR-3").fixed), (0, 2));
        assert_eq!(s.new.len(), 2);
        let md = render(&s, Some("https://example.test/blob/sha/"), "web/");
        assert!(md.starts_with(MARKER));
        assert!(md.contains("### archdrift: 2 new, 2 fixed (0 net)"), "{md}");
        assert!(
            md.contains("[src/a.ts:9](https://example.test/blob/sha/web/src/a.ts#L9)"),
            "{md}"
        );
        // text from analysed code cannot open HTML or break the table
        assert!(md.contains("no \\<b\\>a/x\\</b\\> \\| here"), "{md}");
        assert!(md.contains("- `a/x` (ADR-1): do the a/x thing"), "{md}");
    }

    #[test]
    fn short_when_nothing_changed() {
        let head = report(vec![finding("a/x", "ADR-1", "a.ts", 1, 5)]);
        let base = sample(&[5], &[("ADR-1", 1)]);
        let s = compare(&head, &base, &BTreeMap::new(), "main", "abc");
        let md = render(&s, None, "");
        assert_eq!(md.lines().count(), 4, "{md}");
        assert!(md.contains("no new findings, none fixed; 1 unchanged"));
    }

    #[test]
    fn the_adoption_change_is_a_line_and_alone_makes_the_summary_long() {
        use crate::core::AdoptionCounts;
        let counts = |ds, raw| AdoptionCounts {
            design_system: ds,
            raw_elements: raw,
            near_copies: 0,
        };
        let mut head = report(vec![finding("a/x", "ADR-1", "a.ts", 1, 5)]);
        head.summary.design_system_adoption = Some(crate::core::report::Adoption {
            total: counts(9, 1),
            by_directory: Default::default(),
        });
        let mut base = sample(&[5], &[("ADR-1", 1)]);
        base.design_system_adoption = Some(counts(1, 1));
        let s = compare(&head, &base, &BTreeMap::new(), "main", "abc");
        let md = render(&s, None, "");
        assert!(
            md.contains("Design-system adoption: 50.0% → 90.0% (+40.0 points)."),
            "{md}"
        );
        // unchanged adoption: no line, and the short form
        base.design_system_adoption = Some(counts(9, 1));
        let s = compare(&head, &base, &BTreeMap::new(), "main", "abc");
        let md = render(&s, None, "");
        assert!(!md.contains("adoption") && md.lines().count() == 4, "{md}");
    }

    #[test]
    fn link_targets_are_encoded() {
        let f = finding("a/x", "", "dir/a b(1).ts", 4, 1);
        assert_eq!(
            file_link(Some("https://h/blob/s"), "", &f).unwrap(),
            "https://h/blob/s/dir/a%20b%281%29.ts#L4"
        );
        assert_eq!(file_link(None, "", &f), None);
    }
}
