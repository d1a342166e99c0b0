//! `--format compact`: one line per finding, for editor problem matchers and grep.
//! `file:line:column: severity [rule] message`; per-file problems follow as
//! `file:1:1: error [file-problem/<kind>] message` (skips as `info`). Control characters and
//! newlines in file names and messages are escaped, so one finding is always one line.

use std::io::{self, Write};

use crate::core::term_escape::escape_line;
use crate::core::Report;

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        writeln!(
            out,
            "{}:{}:{}: {} [{}] {}",
            escape_line(&f.file),
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
            escape_line(&p.file),
            one_line(&p.message)
        )?;
    }
    Ok(())
}

/// `s` on one line, control characters escaped (a message can quote the matched code).
fn one_line(s: &str) -> String {
    escape_line(&s.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}
