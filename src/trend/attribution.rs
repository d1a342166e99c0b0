//! What `trend --attribute` found, as data (the reports render it; [`super::attribute`]
//! computes it).

use std::collections::BTreeMap;

use serde::Serialize;

/// A commit, as attribution reports it.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub(crate) struct CommitRef {
    pub(crate) commit: String,
    pub(crate) author: String,
    pub(crate) date: String,
    pub(crate) assisted: bool,
}

/// A finding at the tip and where it came from.
#[derive(Clone, Debug, Serialize)]
pub(crate) struct Attributed {
    pub(crate) rule: String,
    pub(crate) adr: String,
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) fingerprint: String,
    /// `None`: already in the first sample (introduced before the window).
    pub(crate) introduced_by: Option<CommitRef>,
    /// Whether `introduced_by` is the exact commit (else the sample's commit).
    pub(crate) exact: bool,
    pub(crate) team: Option<String>,
}

/// Counts and rate of one class of commits (assisted / other) in one slice.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub(crate) struct Rate {
    pub(crate) commits: usize,
    pub(crate) changed_lines: usize,
    pub(crate) introduced: usize,
    /// Findings these commits removed (between samples, refined like introductions).
    pub(crate) removed: usize,
    /// Introduced per 1,000 changed lines; `None` below `min_commits` commits or 0 lines.
    pub(crate) per_1000_lines: Option<f64>,
}

/// Assisted vs other in one slice (all, one ADR, one team).
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub(crate) struct Split {
    pub(crate) assisted: Rate,
    pub(crate) other: Rate,
}

#[derive(Clone, Debug, Default, Serialize)]
pub(crate) struct Attribution {
    pub(crate) note: &'static str,
    pub(crate) min_commits: usize,
    pub(crate) findings: Vec<Attributed>,
    pub(crate) before_window: usize,
    pub(crate) total: Split,
    pub(crate) by_adr: BTreeMap<String, Split>,
    pub(crate) by_team: BTreeMap<String, Split>,
}

pub(crate) const NOTE: &str = "Assisted commits are those whose message declares an AI assistant (a Co-authored-by trailer, the author, a \"Generated with\" line, or the configured pattern). This is what commits say, not detection of AI-written code. Introduced counts the drift still present at the tip.";
