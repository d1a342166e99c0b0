//! The engine: walk → read → prefilter → parse once → one pass over the tree (node dispatch plus
//! one merged query per language) → hits → findings and facts, per file in parallel; then the
//! cross-file stage over every rule's facts, suppressions, and one global sort.
//!
//! Nothing of a file outlives its check but its findings and facts: trees and texts are dropped
//! at once. One file per step: [`walk`] (which files), [`engine`] (the compiled plans),
//! [`read`] (bytes to text, panic containment), [`plan`] (per-language dispatch tables),
//! [`pass`] (the one pass), [`emit`] (hits to findings and facts), [`outcome`] (one file's
//! result), [`stage`] (the cross-file stage and the finished report), [`suppress`]
//! (`archdrift-ignore` comments), [`run`] (a whole run), [`adoption`] (the design-system adoption number).

pub(crate) mod adoption;
pub(crate) mod emit;
pub mod engine;
pub(crate) mod generated;
pub mod outcome;
pub(crate) mod pass;
pub(crate) mod plan;
pub mod read;
pub(crate) mod run;
pub(crate) mod rust_tests;
pub(crate) mod stage;
pub(crate) mod suppress;
pub mod walk;

pub use engine::Engine;
pub use outcome::{FileOutcome, OutcomeCache};
pub(crate) use run::{parse_floor, Progress, RunOptions};
