//! Typed facts: what a rule records about one file for its cross-file stage. One enum, one
//! path: a kind attaches a [`Fact`] to a hit, the engine places it ([`FileFact`]: rule, file,
//! position, and the finding the hit would have been), the cache stores it, and after every file
//! was checked the engine hands each rule its facts ([`super::kind::RuleKind::cross_file`]).

use serde::{Deserialize, Serialize};

use crate::core::Finding;

/// What a rule learnt about one place in a file, for a stage over all files.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "kebab-case")]
pub(crate) enum Fact {
    /// A resolved import between two graph nodes (files or layers): layer-boundary's cycles.
    Import { from: String, to: String },
    /// A fingerprinted unit (component, function): duplicate-component.
    Unit(Unit),
    /// A value that may be repeated across files, by its cluster key: hardcoded-config.
    Repeat { key: String },
}

/// What the duplicate stage keeps of a unit: its name and fingerprints, never its tree.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Unit {
    pub(crate) name: String,
    /// Normalised tokens in the unit.
    pub(crate) tokens: usize,
    /// Sorted, deduplicated k-gram hashes (empty for a unit only large enough for exact matching).
    pub(crate) shingles: Vec<u64>,
    /// Hash of the whole normalised token sequence: equal for exact copies (0: none).
    #[serde(default)]
    pub(crate) exact: u64,
}

/// A fact with its place, as the engine collects it from a file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct FileFact {
    /// Index of the rule in the configuration (the cache stores rule ids instead).
    #[serde(skip)]
    pub(crate) rule: u32,
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) column: usize,
    pub(crate) byte_start: usize,
    pub(crate) byte_end: usize,
    /// The matched text (the import specifier, the unit's name, the value).
    pub(crate) matched: String,
    pub(crate) fact: Fact,
    /// The finding the hit makes on its own (for hits that are not silent): the stage reports it,
    /// or a cluster that includes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) finding: Option<Box<Finding>>,
}
