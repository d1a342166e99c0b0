//! `--format human`: each finding as a miette report (snippet, rule id, ADR, help), then
//! per-file problems and a summary. Colour only when asked for (the CLI decides: TTY, NO_COLOR).

use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Style;
use crate::core::term_escape::{escape_line, escape_text, Escaped};
use crate::core::text::line_starts;
use crate::core::{Finding, Report, Severity};

struct FindingReport<'a> {
    f: &'a Finding,
    src: Option<Snippet>,
    help: Option<String>,
}

/// A file's text (as shown) with its line index, built once per file: a snippet is read from
/// the few lines around its span, so a file with many findings renders in linear time (miette
/// reading a plain string scans it from the start for every finding).
struct Snippet {
    name: String,
    text: Arc<String>,
    /// Byte offset of the start of every line.
    lines: Arc<Vec<usize>>,
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let line_of = |off: usize| self.lines.partition_point(|&s| s <= off).saturating_sub(1);
        let first = line_of(span.offset());
        let last = line_of(span.offset() + span.len().saturating_sub(1));
        let base = first.saturating_sub(before);
        let from = self.lines[base];
        let to = self
            .lines
            .get(last + after + 2)
            .copied()
            .unwrap_or(self.text.len());
        let window = &self.text.as_bytes()[from..to];
        let local = SourceSpan::new((span.offset() - from).into(), span.len());
        let c = window.read_span(&local, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            SourceSpan::new((c.span().offset() + from).into(), c.span().len()),
            c.line() + base,
            c.column(),
            c.line_count() + base,
        )))
    }
}

impl fmt::Debug for FindingReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.f.message)
    }
}
impl fmt::Display for FindingReport<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.f.message)
    }
}
impl std::error::Error for FindingReport<'_> {}

impl Diagnostic for FindingReport<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.f.rule))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.f.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.src.as_ref()?;
        let label = if self.f.adr.id.is_empty() {
            "here".to_string()
        } else {
            format!("decided in {}", self.f.adr.label())
        };
        let len = self.f.byte_end.saturating_sub(self.f.byte_start);
        Some(Box::new(std::iter::once(
            LabeledSpan::new_primary_with_span(Some(label), (self.f.byte_start, len)),
        )))
    }
}

fn help_text(f: &Finding) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(h) = &f.help {
        parts.push(h.clone());
    }
    if !f.adr.id.is_empty() {
        match f.adr.location() {
            Some(loc) => parts.push(format!("why: {} ({loc})", f.adr.label())),
            None => parts.push(format!("why: {}", f.adr.label())),
        }
    }
    if parts.is_empty() {
        None
    } else {
        Some(parts.join("\n"))
    }
}

pub(crate) fn write(
    report: &Report,
    root: &Path,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    write_buffer(report, root, style, None, out)
}

/// Like [`write`]; snippets of the file `buffer.0` (relative path) come from `buffer.1` (an
/// unsaved editor buffer) instead of the disk.
pub(crate) fn write_buffer(
    report: &Report,
    root: &Path,
    style: Style,
    buffer: Option<(&str, &str)>,
    out: &mut dyn Write,
) -> io::Result<()> {
    render(report, root, style, buffer, false, out)
}

/// The findings, the files not checked, and (unless `quiet`) the per-rule table of a long
/// report and the summary.
pub(crate) fn render(
    report: &Report,
    root: &Path,
    style: Style,
    buffer: Option<(&str, &str)>,
    quiet: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_context_lines(1);
    // (file, its text with secrets masked, that text with control characters escaped, the
    // line index of the escaped text)
    type Texts = Option<(Arc<String>, Arc<Escaped>, Arc<String>, Arc<Vec<usize>>)>;
    let escaped = |t: Arc<String>| {
        let e = Escaped::new(&t);
        let shown = Arc::new(e.text.clone());
        let lines = Arc::new(line_starts(shown.as_bytes()));
        (t, Arc::new(e), shown, lines)
    };
    let mut current: Option<(&str, Texts)> = None;
    let mut secrets: std::collections::HashMap<&str, Vec<(usize, usize)>> = Default::default();
    // every secret of the file, also those whose findings were suppressed or baselined
    for (file, spans) in &report.secrets {
        secrets
            .entry(file.as_str())
            .or_default()
            .extend(spans.iter().copied());
    }
    for f in report.findings.iter().filter(|f| f.redact) {
        secrets
            .entry(f.file.as_str())
            .or_default()
            .push((f.byte_start, f.byte_end));
    }
    for f in &report.findings {
        if current.as_ref().is_none_or(|(name, _)| *name != f.file) {
            // the file is read again only to show its snippets
            let mut text = match buffer {
                Some((rel, content)) if rel == f.file => Some(content.to_string()),
                _ => crate::core::safe_read::read_regular_string(&root.join(&f.file), 1 << 30).ok(),
            };
            // secrets are never shown, not even in another finding's context lines
            if let Some(spans) = secrets.get(f.file.as_str()) {
                text = text.map(|t| crate::core::mask_spans(&t, spans));
            }
            current = Some((&f.file, text.map(|t| escaped(Arc::new(t)))));
        }
        let mut texts = current.as_ref().and_then(|(_, t)| t.clone());
        if f.redact {
            texts = texts.map(|(t, _, _, _)| {
                escaped(Arc::new(crate::core::mask_span(
                    &t,
                    f.byte_start,
                    f.byte_end,
                )))
            });
        }
        let valid = texts
            .as_ref()
            .is_some_and(|(t, _, _, _)| f.byte_end <= t.len());
        // what is shown: control characters in the text, the file name and the message escaped,
        // the span moved to where the code is in the escaped text
        let mut shown = f.clone();
        shown.file = escape_line(&f.file).into_owned();
        shown.message = escape_text(&f.message).into_owned();
        if let Some((_, e, _, _)) = &texts {
            shown.byte_start = e.map(f.byte_start);
            shown.byte_end = e.map(f.byte_end);
        }
        let src = texts.filter(|_| valid).map(|(_, _, text, lines)| Snippet {
            name: shown.file.clone(),
            text,
            lines,
        });
        let help = match &src {
            Some(_) => help_text(f),
            // no snippet: say where
            None => Some(format!(
                "at {}:{}:{}{}",
                shown.file,
                f.line,
                f.column,
                help_text(f).map(|h| format!("\n{h}")).unwrap_or_default()
            )),
        }
        .map(|h| escape_text(&h).into_owned());
        let diag = FindingReport {
            f: &shown,
            src,
            help,
        };
        let mut s = String::new();
        handler
            .render_report(&mut s, &diag)
            .map_err(io::Error::other)?;
        writeln!(out, "{}", s.trim_end())?;
        if !f.related.is_empty() {
            for r in &f.related {
                writeln!(
                    out,
                    "    also: {}:{}:{} {}",
                    escape_line(&r.file),
                    r.line,
                    r.column,
                    escape_text(&r.message)
                )?;
            }
        }
        writeln!(out)?;
    }
    for p in &report.problems {
        let what = if p.kind.is_skip() {
            "skipped"
        } else {
            "not checked"
        };
        writeln!(
            out,
            "{what}: {}: {}",
            escape_line(&p.file),
            escape_text(&p.message)
        )?;
    }
    if !report.problems.is_empty() {
        writeln!(out)?;
    }
    if quiet {
        return Ok(());
    }
    if report.findings.len() >= super::statistics::TABLE_FROM {
        super::statistics::write_rule_table(report, out)?;
        writeln!(out)?;
    }
    write_summary(report, out)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub(crate) fn write_summary(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let s = &report.summary;
    let total = s.findings.error + s.findings.warning + s.findings.info;
    let head = if total == 0 {
        "no findings".to_string()
    } else {
        format!(
            "{} ({}, {}, {})",
            plural(total, "finding", "findings"),
            plural(s.findings.error, "error", "errors"),
            plural(s.findings.warning, "warning", "warnings"),
            s.findings.info.to_string() + " info"
        )
    };
    let mut details = vec![format!(
        "{} checked",
        plural(s.files_checked, "file", "files")
    )];
    if s.files_with_parse_errors > 0 {
        details.push(format!(
            "{} with syntax errors (checked anyway)",
            s.files_with_parse_errors
        ));
    }
    if s.files_skipped > 0 {
        details.push(format!("{} skipped", s.files_skipped));
    }
    if s.files_with_errors > 0 {
        details.push(format!("{} not checked (see above)", s.files_with_errors));
    }
    writeln!(
        out,
        "{head} · {} · {} in {:.2}s",
        details.join(", "),
        plural(s.rules, "rule", "rules"),
        report.elapsed.as_secs_f64()
    )?;
    if s.suppressed > 0 {
        writeln!(
            out,
            "{} silenced by archdrift-ignore comments",
            plural(s.suppressed, "finding", "findings")
        )?;
    }
    if let Some(b) = &s.baseline {
        writeln!(
            out,
            "baseline: {} not reported (known), {} fixed since the baseline",
            plural(b.matched, "finding", "findings"),
            b.fixed
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windowed snippet renders exactly what miette renders from the whole text.
    #[test]
    fn snippets_from_the_line_index_match_the_whole_text() {
        let texts = [
            "a\nbb\nccc\ndddd\neeeee",
            "one line only",
            "x\r\ny\r\nz\r\n",
            "\n\n\nlast\n",
            "héllo wörld\nsecond ünïcode line\nthird\n",
        ];
        let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
            .with_width(80)
            .with_context_lines(1);
        struct Plain(miette::NamedSource<String>, SourceSpan);
        impl fmt::Debug for Plain {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("m")
            }
        }
        impl fmt::Display for Plain {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("m")
            }
        }
        impl std::error::Error for Plain {}
        struct Windowed(Snippet, SourceSpan);
        impl fmt::Debug for Windowed {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("m")
            }
        }
        impl fmt::Display for Windowed {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("m")
            }
        }
        impl std::error::Error for Windowed {}
        impl Diagnostic for Windowed {
            fn source_code(&self) -> Option<&dyn SourceCode> {
                Some(&self.0)
            }
            fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
                Some(Box::new(std::iter::once(
                    LabeledSpan::new_primary_with_span(Some("here".into()), self.1),
                )))
            }
        }
        impl Diagnostic for Plain {
            fn source_code(&self) -> Option<&dyn SourceCode> {
                Some(&self.0)
            }
            fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
                Some(Box::new(std::iter::once(
                    LabeledSpan::new_primary_with_span(Some("here".into()), self.1),
                )))
            }
        }
        for text in texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|i| text.is_char_boundary(*i))
                .collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in bounds[k..].iter().take(12) {
                    let span = SourceSpan::new(start.into(), end - start);
                    let mut a = String::new();
                    handler
                        .render_report(
                            &mut a,
                            &Plain(miette::NamedSource::new("f", text.to_string()), span),
                        )
                        .unwrap();
                    let snip = Snippet {
                        name: "f".into(),
                        text: Arc::new(text.to_string()),
                        lines: Arc::new(line_starts(text.as_bytes())),
                    };
                    let mut b = String::new();
                    handler
                        .render_report(&mut b, &Windowed(snip, span))
                        .unwrap();
                    assert_eq!(a, b, "{text:?} {start}..{end}");
                }
            }
        }
    }
}
