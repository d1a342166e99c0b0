//! Report formats: one file per format, each printing a finished, sorted [`Report`].

use std::io::{self, Write};
use std::path::Path;

use crate::core::Report;

pub(crate) mod compact;
pub(crate) mod github;
pub(crate) mod human;
pub(crate) mod json;
pub(crate) mod sarif;
pub(crate) mod statistics;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Snippets with the ADR and how to fix, and a summary.
    Human,
    /// The versioned JSON schema (see README).
    Json,
    /// `file:line:column: severity [rule] message`, one per line.
    Compact,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// How the human report looks.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Style {
    pub(crate) color: bool,
    /// Width text is wrapped to.
    pub(crate) width: usize,
}

impl Default for Style {
    fn default() -> Self {
        Style {
            color: false,
            width: 100,
        }
    }
}

pub(crate) fn write(
    report: &Report,
    format: Format,
    root: &Path,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(report, root, style, out),
        Format::Json => json::write(report, out),
        Format::Compact => compact::write(report, out),
        Format::Sarif => sarif::write(report, Some(root), out),
        Format::Github => github::write(report, out),
    }
}

/// What the command line asks of a report beyond its format.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Options {
    /// Human format: the findings only (no per-rule table, no summary).
    pub(crate) quiet: bool,
    /// The counts per rule, ADR, file and folder instead of the findings (human or JSON).
    pub(crate) statistics: bool,
}

/// Like [`write`], with the command line's [`Options`].
pub(crate) fn write_opts(
    report: &Report,
    format: Format,
    root: &Path,
    style: Style,
    opts: Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    match (format, opts.statistics) {
        (Format::Json, true) => {
            serde_json::to_writer_pretty(&mut *out, &statistics::json(report))?;
            writeln!(out)
        }
        (_, true) => statistics::write(report, out),
        (Format::Human, false) => human::render(report, root, style, None, opts.quiet, out),
        (other, false) => write(report, other, root, style, out),
    }
}

/// Like [`write`] for a report on an unsaved buffer (`buffer`: its relative path and content),
/// which the human format shows in its snippets instead of the file on disk.
pub(crate) fn write_with_buffer(
    report: &Report,
    format: Format,
    root: &Path,
    style: Style,
    buffer: (&str, &str),
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write_buffer(report, root, style, Some(buffer), out),
        other => write(report, other, root, style, out),
    }
}
