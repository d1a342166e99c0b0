// Config errors carry their source for miette; they are rare and cold, so their size is fine.
#![allow(clippy::result_large_err)]

//! archdrift: Architecture Decision Records turned into machine-checked rules.
//!
//! Data flows one way: [`walk`] → parse once ([`lang`], [`engine`]) → file rules in one pass over
//! the tree ([`rules`]) → suppressions ([`suppress`]) and baseline ([`baseline`]) → sorted
//! findings ([`diagnostic`]) → a report ([`report`]). [`pipeline`] strings a check together.

pub mod adr;
pub mod adr_rules;
pub mod baseline;
pub mod buffer;
pub mod cache;
pub mod changed;
pub mod cli;
pub mod color;
pub mod config;
pub mod confine;
pub mod crossfile;
pub mod design_config;
pub mod diagnostic;
pub mod engine;
pub mod graph;
pub mod init;
pub mod js_lexer;
pub mod lang;
pub mod lsp;
pub mod pipeline;
pub mod progress;
pub mod report;
pub mod resolve;
pub mod rules;
pub mod safe_read;
pub mod similarity;
pub mod state_file;
pub mod suppress;
pub mod symbol;
pub mod term_escape;
pub mod tokens;
pub mod trend;
pub mod walk;
