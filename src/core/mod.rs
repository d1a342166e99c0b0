//! The leaf layer: plain data and helpers every other layer shares, depending on nothing of
//! archdrift. The finding and the finished report ([`finding`], [`report`]), text positions and
//! hashing ([`text`]), configuration sources and their errors ([`source`]), spanned TOML access
//! ([`fields`]), the one glob compiler ([`glob`]), path helpers ([`path`]) and one file's work
//! budget ([`budget`]).

pub mod budget;
pub mod confine;
pub mod error;
pub mod fields;
pub mod finding;
pub mod glob;
pub mod path;
pub mod report;
pub mod safe_read;
pub mod source;
pub mod state_file;
pub mod term_escape;
pub mod text;

pub use budget::Budget;
pub use error::CommandError;
pub use fields::{closest, Fields};
pub use finding::{Adr, Edit, FileProblem, Finding, Fix, ProblemKind, Related, Severity};
pub use glob::{compile_globs, Globs};
pub use path::relative;
pub use report::{BaselineSummary, Report, RuleInfo, SecretSpans, SeverityCounts, Summary};
pub use source::{ConfigError, NamedConfigError, SourceFile};
pub use text::{
    mask_span, mask_spans, merge_spans, normalize_ws, normalize_ws_prefix, overlaps_any,
    stable_hash, LineIndex,
};
