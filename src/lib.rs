// Config errors carry their source for miette; they are rare and cold, so their size is fine.
#![allow(clippy::result_large_err)]

//! archdrift: Architecture Decision Records turned into machine-checked rules.
//!
//! The folders are layers; each uses only the layers listed before it (checked by archdrift
//! itself: `archdrift.toml` at the repository root, run by `.ci/run`):
//!
//! - [`core`]: findings, the finished report, text positions, config sources and errors, globs;
//! - [`lang`]: languages, parsing, the JS lexer, enclosing symbols;
//! - [`rules`]: the rule-kind contract, the registry, and one folder per kind;
//! - [`adr`]: ADR documents and the rules written inside them;
//! - [`config`]: `archdrift.toml` and rule files, compiled into rules;
//! - [`check`]: the engine — walk → read → prefilter → parse once → one pass of per-file rules →
//!   cross-file stage over typed facts → suppressions → sorted findings;
//! - [`ci`]: baseline, cache, changed files, progress, the check pipeline;
//! - [`report`]: one file per output format;
//! - [`buffer`], [`lsp`], [`trend`], [`init`]: the editor, history and setup commands;
//! - [`cli`]: the command line, the only module that knows clap and exit codes.
//!
//! `fuzzing` (hidden) holds thin entry points for the `cargo fuzz` targets in `fuzz/`.

pub(crate) mod adr;
pub(crate) mod buffer;
pub mod check;
pub(crate) mod ci;
pub mod cli;
pub mod config;
pub mod core;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod init;
pub mod lang;
pub(crate) mod lsp;
pub(crate) mod report;
pub(crate) mod rules;
pub(crate) mod trend;
