//! Configuration sources and their errors: a file that configuration came from, and a mistake in
//! it that points at the line (a miette diagnostic).

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

/// A file that configuration came from, kept for error reports.
#[derive(Clone, Debug)]
pub(crate) struct SourceFile {
    /// Path as shown to the user (relative to the root when possible).
    pub(crate) name: String,
    pub(crate) text: Arc<String>,
}

impl SourceFile {
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }
}

/// A configuration mistake, pointing into the file that holds it.
#[derive(Debug)]
pub struct ConfigError {
    pub(crate) message: String,
    pub(crate) src: Option<SourceFile>,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) label: String,
    pub(crate) help: Option<String>,
    /// Another place worth showing (e.g. the first definition of a duplicate id).
    pub(crate) related: Option<(Range<usize>, String)>,
}

impl ConfigError {
    pub(crate) fn plain(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
            related: None,
        }
    }
    pub(crate) fn at(src: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            src: Some(src.clone()),
            span: Some(span),
            label: "here".into(),
            help: None,
            related: None,
        }
    }
    pub(crate) fn label(mut self, l: impl Into<String>) -> Self {
        self.label = l.into();
        self
    }
    pub(crate) fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    /// `file:line:column` of the error, when it has a place.
    pub(crate) fn location(&self) -> Option<String> {
        let (src, span) = (self.src.as_ref()?, self.span.as_ref()?);
        let before = &src.text[..span.start.min(src.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some(format!("{}:{}:{}", src.name, line, col))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("archdrift::config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| &*s.text as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = Vec::new();
        if let Some(span) = &self.span {
            labels.push(LabeledSpan::new_primary_with_span(
                Some(self.label.clone()),
                span.start..span.end.max(span.start),
            ));
        }
        if let Some((span, label)) = &self.related {
            labels.push(LabeledSpan::new_with_span(
                Some(label.clone()),
                span.clone(),
            ));
        }
        if labels.is_empty() {
            None
        } else {
            Some(Box::new(labels.into_iter()))
        }
    }
}

/// A config error rendered with its file name (miette's `NamedSource`).
pub(crate) struct NamedConfigError<'a>(pub &'a ConfigError, Option<NamedSource<String>>);

impl<'a> NamedConfigError<'a> {
    pub(crate) fn new(e: &'a ConfigError) -> Self {
        let named = e
            .src
            .as_ref()
            .map(|s| NamedSource::new(s.name.clone(), s.text.to_string()).with_language("toml"));
        NamedConfigError(e, named)
    }
}

impl fmt::Debug for NamedConfigError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}
impl fmt::Display for NamedConfigError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}
impl std::error::Error for NamedConfigError<'_> {}
impl Diagnostic for NamedConfigError<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.code()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.help()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.1.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}

/// Renders configuration errors as diagnostics (miette's graphical report, 100 columns), each
/// pointing at its line; `color` for a terminal.
pub(crate) fn render_errors(errors: &[ConfigError], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::new();
    for e in errors {
        let e = &escaped(e);
        let mut s = String::new();
        if handler
            .render_report(&mut s, &NamedConfigError::new(e))
            .is_err()
        {
            s = format!("error: {e}\n");
        }
        out.push_str(s.trim_end());
        out.push_str("\n\n");
    }
    out
}

/// The error with the control characters of its texts and of the file it shows escaped (spans
/// moved to match): rule files are untrusted, and their bytes must not reach the terminal raw.
fn escaped(e: &ConfigError) -> ConfigError {
    use super::term_escape::{escape_text, Escaped};
    let text = |s: &str| escape_text(s).into_owned();
    let (src, map): (Option<SourceFile>, Option<Escaped>) = match &e.src {
        Some(f) => {
            let esc = Escaped::new(&f.text);
            (
                Some(SourceFile {
                    name: text(&f.name),
                    text: Arc::new(esc.text.clone()),
                }),
                Some(esc),
            )
        }
        None => (None, None),
    };
    let remap = |r: &Range<usize>| match &map {
        Some(m) => m.map(r.start)..m.map(r.end),
        None => r.clone(),
    };
    ConfigError {
        message: text(&e.message),
        src,
        span: e.span.as_ref().map(remap),
        label: text(&e.label),
        help: e.help.as_deref().map(text),
        related: e.related.as_ref().map(|(r, l)| (remap(r), text(l))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_errors_escape_control_characters_of_the_rule_file() {
        let src = SourceFile {
            name: "rules/x.toml".into(),
            text: Arc::new("id = \"\u{1b}]0;pwned\u{7}\"\nkind = \"nope\"\n".into()),
        };
        let at = src.text.find("\"nope\"").unwrap();
        let e = ConfigError::at(&src, at..at + 6, "unknown kind `nope\u{1b}[2J`").label("here");
        let out = render_errors(&[e], false);
        assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out}");
        assert!(out.contains("\\x1b]0;pwned"), "{out}");
        // the label still points at `"nope"`
        assert!(out.contains("here"), "{out}");
    }
}
