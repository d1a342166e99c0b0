//! What checking one file gives: its findings, facts, problem, suppression comments and secret
//! ranges; and the trait of a store of earlier outcomes (the content-hash cache of `check --cache`).

use crate::core::{FileProblem, Finding, SecretSpans};
use crate::rules::fact::FileFact;

use super::suppress::Directive;
use super::walk::SourcePath;

/// The result of checking one file.
#[derive(Clone, Debug, Default)]
pub struct FileOutcome {
    pub(crate) findings: Vec<Finding>,
    /// Typed facts for the rules' cross-file stages (import edges, units, repeated values).
    pub(crate) facts: Vec<FileFact>,
    pub problem: Option<FileProblem>,
    pub(crate) parse_error: bool,
    /// Whether the file was checked (false for skips and errors).
    pub(crate) checked: bool,
    /// Imports that could not be resolved (reported or not, per rule).
    pub(crate) unresolved_imports: usize,
    /// `archdrift-ignore` comments found in the file (applied after all files are checked).
    pub(crate) suppressions: Vec<Directive>,
    /// Byte ranges of the secrets found in the file (by path; one entry at most).
    pub(crate) secrets: SecretSpans,
    /// What the file renders, for the design-system adoption number.
    pub(crate) adoption: Option<super::adoption::FileAdoption>,
}

/// Stored outcomes of earlier runs (the content-hash cache of `check --cache` implements it).
pub trait OutcomeCache: Sync {
    /// The stored outcome for this content — with only the rules `check` is asked for run
    /// again — or `check(None)`'s (all rules).
    fn get_or_check(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        check: &dyn Fn(Option<&[bool]>) -> FileOutcome,
    ) -> FileOutcome;
}
