//! `trend.json`: the trend as data, schema version 1.
//!
//! `{ version, tool, source, rules, adrs, samples: [...] }`, samples oldest first, each with
//! `date`, `commit`, `subject`, `rules_from`, `files_checked`, `files_skipped`, `findings`,
//! `by_severity`, `by_kind`, `by_rule`, `by_adr`, `top_directories` and `introduced`/`removed`
//! (findings new and gone since the previous sample, by fingerprint; `null` for the first).
//! No timings and no clock: the same history gives byte-identical output.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::report::json::Tool;

use super::model::{AdrInfo, RuleInfo, Severities, Trend, TREND_SCHEMA_VERSION};

/// How many directories `top_directories` lists per sample.
pub(crate) const TOP_DIRECTORIES: usize = 10;

#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    source: &'a BTreeMap<String, String>,
    rules: &'a [RuleInfo],
    adrs: Vec<AdrInfo>,
    samples: Vec<SampleOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<&'a super::attribution::Attribution>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    budgets: &'a [super::model::BudgetLine],
}

#[derive(Serialize)]
struct SampleOut<'a> {
    date: &'a str,
    commit: &'a Option<String>,
    subject: &'a Option<String>,
    rules_from: &'a str,
    files_checked: usize,
    files_skipped: usize,
    findings: usize,
    by_severity: &'a Severities,
    by_kind: &'a BTreeMap<String, usize>,
    by_rule: &'a BTreeMap<String, usize>,
    by_adr: &'a BTreeMap<String, usize>,
    top_directories: Vec<Dir>,
    introduced: Option<usize>,
    removed: Option<usize>,
}

#[derive(Serialize)]
struct Dir {
    directory: String,
    findings: usize,
}

pub(crate) fn render(trend: &Trend) -> String {
    let changes = trend.changes();
    let doc = Doc {
        version: TREND_SCHEMA_VERSION,
        tool: Tool::this(),
        source: &trend.source,
        rules: &trend.rules,
        adrs: trend.adrs().into_values().collect(),
        samples: trend
            .samples
            .iter()
            .zip(changes)
            .map(|(s, ch)| SampleOut {
                date: &s.date,
                commit: &s.commit,
                subject: &s.subject,
                rules_from: &s.rules_from,
                files_checked: s.files_checked,
                files_skipped: s.files_skipped,
                findings: s.findings,
                by_severity: &s.by_severity,
                by_kind: &s.by_kind,
                by_rule: &s.by_rule,
                by_adr: &s.by_adr,
                top_directories: Trend::top_directories(s, TOP_DIRECTORIES)
                    .into_iter()
                    .map(|(directory, findings)| Dir {
                        directory,
                        findings,
                    })
                    .collect(),
                introduced: ch.map(|c| c.0),
                removed: ch.map(|c| c.1),
            })
            .collect(),
        attribution: trend.attribution.as_ref(),
        budgets: &trend.budgets,
    };
    let mut s =
        serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    s.push('\n');
    s
}
