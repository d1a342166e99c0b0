//! `--format json`: the stable, versioned schema editors and scripts rely on (see README).
//! No timings in it, so the output is byte-identical for the same input, whatever the threads.

use std::io::{self, Write};

use serde::Serialize;

use crate::core::{FileProblem, Finding, Report, Summary};

pub(crate) const SCHEMA_VERSION: u32 = 1;

/// `"tool": {"name", "version"}` in every JSON document archdrift writes.
#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

impl Tool {
    pub(crate) fn this() -> Tool {
        Tool {
            name: "archdrift",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    tool: Tool,
    summary: &'a Summary,
    findings: &'a [Finding],
    problems: &'a [FileProblem],
}

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let doc = Document {
        version: SCHEMA_VERSION,
        tool: Tool::this(),
        summary: &report.summary,
        findings: &report.findings,
        problems: &report.problems,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
