//! The leaf layer: plain data and helpers every other layer shares, depending on nothing of
//! archdrift. The finding and the finished report ([`finding`], [`report`]), text positions and
//! hashing ([`text`]), configuration sources and their errors ([`source`]), spanned TOML access
//! ([`fields`]), the one glob compiler ([`glob`]), path helpers ([`path`]) and one file's work
//! budget ([`budget`]).

pub(crate) mod budget;
pub(crate) mod confine;
pub(crate) mod diff;
pub(crate) mod error;
pub(crate) mod fields;
pub mod finding;
pub(crate) mod glob;
pub(crate) mod path;
pub(crate) mod report;
pub(crate) mod safe_read;
pub(crate) mod source;
pub(crate) mod state_file;
pub(crate) mod term_escape;
pub(crate) mod text;

pub(crate) use budget::Budget;
pub(crate) use error::CommandError;
pub(crate) use fields::{closest, Fields};
pub use finding::{Adr, Edit, FileProblem, Finding, Fix, ProblemKind, Related, Severity};
pub(crate) use glob::{compile_globs, Globs};
pub(crate) use path::relative;
pub(crate) use report::{
    Adoption, AdoptionCounts, BaselineSummary, Report, RuleInfo, SecretSpans, Summary,
};
pub use source::ConfigError;
pub(crate) use source::SourceFile;
pub(crate) use text::{
    mask_span, mask_spans, merge_spans, normalize_ws, normalize_ws_prefix, overlaps_any,
    stable_hash, LineIndex,
};
