//! `--format compact`: one line per finding, for editor problem matchers and grep.
//! `file:line:column: severity [rule] message`; per-file problems follow as
//! `file:1:1: error [file-problem/<kind>] message` (skips as `info`).

use std::io::{self, Write};

use crate::core::Report;

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            f.file,
            f.line,
            f.column,
            f.severity.as_str(),
            f.rule,
            one_line(&f.message)
        )?;
    }
    for p in &report.problems {
        let sev = if p.kind.is_skip() { "info" } else { "error" };
        let kind = p.kind.as_str();
        writeln!(
            out,
            "{}:1:1: {sev} [file-problem/{kind}] {}",
            p.file,
            one_line(&p.message)
        )?;
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
