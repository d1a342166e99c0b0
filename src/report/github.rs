//! `--format github`: GitHub Actions workflow commands, one per finding, which the runner turns
//! into annotations on the pull request:
//! `::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message`.
//! Errors are `error`, warnings `warning`, info `notice`; files that could not be checked follow.
//! Values are escaped as the runner expects (`%`, CR, LF; in properties also `:` and `,`).

use std::io::{self, Write};

use crate::core::{Report, Severity};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    for f in &report.findings {
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut text = f.message.clone();
        if let Some(h) = &f.help {
            text.push('\n');
            text.push_str(h);
        }
        if !f.adr.id.is_empty() {
            text.push_str("\nwhy: ");
            text.push_str(&f.adr.label());
            if let Some(loc) = f.adr.location() {
                text.push_str(&format!(" ({loc})"));
            }
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&f.file),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            escape_property(&f.rule),
            escape_data(&text)
        )?;
    }
    for p in &report.problems {
        let command = if p.kind.is_skip() { "notice" } else { "error" };
        let kind = p.kind.as_str();
        writeln!(
            out,
            "::{command} file={},title={}::{}",
            escape_property(&p.file),
            escape_property(&format!("archdrift: {kind}")),
            escape_data(&p.message)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% a\nb\r"), "50%25 a%0Ab%0D");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
