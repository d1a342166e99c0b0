//! `check --record FILE.jsonl` appends one snapshot per run (for scheduled CI runs);
//! `trend --from FILE.jsonl` reads them back. One JSON object per line, versioned like
//! `trend.json`: the sample's counts, its finding fingerprints and the rules it was counted with.

use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::core::Report;

use super::model::{self, RuleInfo, Sample, SampleBuilder, Trend, TREND_SCHEMA_VERSION};

#[derive(Serialize, Deserialize)]
struct Line {
    version: u32,
    #[serde(flatten)]
    sample: Sample,
    rules: Vec<RuleInfo>,
}

/// The snapshot of one check: now, the commit HEAD points at (if the root is in a repository).
pub(crate) fn snapshot(
    cfg: &Config,
    report: &Report,
    time: i64,
    dir_depth: usize,
) -> (Sample, Vec<RuleInfo>) {
    let infos = model::rule_infos(cfg);
    let mut b = SampleBuilder::new(dir_depth, time);
    for f in &report.findings {
        b.add(f);
    }
    {
        let s = b.sample_mut();
        s.rules_from = "record".into();
        s.files_checked = report.summary.files_checked;
        s.files_skipped = report.summary.files_skipped + report.summary.files_with_errors;
        if let Some((commit, subject)) = super::git::head_of(&cfg.root) {
            s.commit = Some(commit);
            s.subject = Some(subject);
        }
    }
    (b.finish(), infos)
}

/// Appends the snapshot of `report` to `file` as one line.
pub(crate) fn append(cfg: &Config, report: &Report, file: &Path) -> Result<(), String> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let (sample, rules) = snapshot(cfg, report, now, super::DEFAULT_DIR_DEPTH);
    let line = Line {
        version: TREND_SCHEMA_VERSION,
        sample,
        rules,
    };
    let mut text = serde_json::to_string(&line).map_err(|e| e.to_string())?;
    text.push('\n');
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    // never append through a symbolic link planted at the record's name
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut opts, libc::O_NOFOLLOW);
    let mut f = opts
        .open(file)
        .map_err(|e| format!("opening {}: {e}", file.display()))?;
    f.write_all(text.as_bytes())
        .map_err(|e| format!("writing {}: {e}", file.display()))
}

/// Reads every snapshot of a record file into a trend, oldest first.
/// Largest record file read (bytes): years of daily snapshots are a few megabytes.
const RECORD_MAX_BYTES: u64 = 256 * 1024 * 1024;

pub(crate) fn read(file: &Path) -> Result<Trend, String> {
    // a regular file of bounded size: a FIFO or a device is an error, never a hang
    let text = crate::core::safe_read::read_regular_string(file, RECORD_MAX_BYTES)
        .map_err(|e| format!("reading {}: {e}", file.display()))?;
    let mut lines: Vec<Line> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = || format!("{}:{}", file.display(), n + 1);
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("{}: not a JSON object: {e}", where_()))?;
        let version = value.get("version").and_then(|v| v.as_u64());
        if version != Some(TREND_SCHEMA_VERSION as u64) {
            return Err(format!(
                "{}: snapshot version {} is not supported (this archdrift reads version {TREND_SCHEMA_VERSION})",
                where_(),
                version.map_or("missing".to_string(), |v| v.to_string())
            ));
        }
        let mut l: Line = serde_json::from_value(value)
            .map_err(|e| format!("{}: not a snapshot: {e}", where_()))?;
        l.sample.time = super::period::parse_date(&l.sample.date)
            .ok_or_else(|| format!("{}: bad date `{}`", where_(), l.sample.date))?;
        lines.push(l);
    }
    lines.sort_by_key(|l| l.sample.time);
    let mut trend = Trend::default();
    for l in &lines {
        trend.merge_rules(&l.rules);
    }
    trend.samples = lines.into_iter().map(|l| l.sample).collect();
    trend.source.insert("kind".into(), "record".into());
    trend
        .source
        .insert("file".into(), file.display().to_string());
    Ok(trend)
}
