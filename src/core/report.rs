//! The finished result of a check: sorted findings, file problems, the summary, the rules that ran.

use serde::Serialize;

use super::finding::{Adr, FileProblem, Finding, Severity};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_parse_errors: usize,
    pub files_skipped: usize,
    pub files_with_errors: usize,
    pub rules: usize,
    pub findings: SeverityCounts,
    /// Imports layer rules could not resolve to a file or package (reported per rule's choice).
    pub unresolved_imports: usize,
    /// Findings silenced by `archdrift-ignore` comments (omitted when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// What the baseline did (only with `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineSummary>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How a check compared with its baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// Findings that are in the baseline (not reported).
    pub matched: usize,
    /// Baseline entries no longer found (fixed).
    pub fixed: usize,
}

/// The outcome of a check: the sorted findings, per-file problems and the summary.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    pub problems: Vec<FileProblem>,
    pub summary: Summary,
    pub elapsed: std::time::Duration,
    /// Relative paths of the files the walk handed to the check (sorted).
    pub files: Vec<String>,
    /// The rules that ran (for formats that describe them, e.g. SARIF).
    pub rules: Vec<RuleInfo>,
    /// Relative path → byte ranges of the secrets found in that file (merged, sorted), kept
    /// when their findings are suppressed or baselined: no output shows their text.
    pub secrets: SecretSpans,
}

/// Relative path → byte ranges of the secrets a secret detector found in that file.
pub type SecretSpans = std::collections::BTreeMap<String, Vec<(usize, usize)>>;

/// What a report says about a rule (not its matcher).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub adr: Option<Adr>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.findings.error > 0
    }

    /// Counts the findings by severity again (after a stage removed some).
    pub fn recount_findings(&mut self) {
        let mut c = SeverityCounts::default();
        for f in &self.findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        self.summary.findings = c;
    }
}
