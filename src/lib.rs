// Config errors carry their source for miette; they are rare and cold, so their size is fine.
#![allow(clippy::result_large_err)]

//! archdrift: Architecture Decision Records turned into machine-checked rules.
//!
//! Data flows one way: [`walk`] → parse once ([`lang`], [`engine`]) → file rules in one pass over
//! the tree ([`rules`]) → sorted findings ([`diagnostic`]) → a report ([`report`]).

pub mod adr;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod lang;
pub mod report;
pub mod rules;
pub mod trend;
pub mod walk;
