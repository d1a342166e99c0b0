//! The finding as plain data: what every report format prints, and the stable JSON schema.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The Architecture Decision Record a rule enforces.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adr {
    pub id: String,
    pub title: String,
    /// Path of the ADR document, relative to the checked root.
    pub path: Option<String>,
    /// URL of the ADR document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Adr {
    /// `ADR-0007: Title`, or just the id.
    pub fn label(&self) -> String {
        if self.title.is_empty() {
            self.id.clone()
        } else {
            format!("{}: {}", self.id, self.title)
        }
    }
    pub fn location(&self) -> Option<&str> {
        self.path.as_deref().or(self.url.as_deref())
    }
}

/// Another place that belongs to a finding (a cluster member, a cycle step).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// A mechanical fix: replacements in the finding's own file (e.g. a raw element renamed to its
/// design-system component plus the import it needs). Edits do not overlap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    /// What the fix does, e.g. "Use `<Button>` from `@acme/ui`".
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Replace the bytes `start_byte..end_byte` of the file with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edit {
    pub start_byte: usize,
    pub end_byte: usize,
    pub replacement: String,
}

/// One finding. Lines and columns are 1-based; columns count Unicode scalar values;
/// `end_line`/`end_column` point just past the last character of the span.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub adr: Adr,
    pub help: Option<String>,
    pub fingerprint: String,
    /// What exactly matched (the call path, the macro, the import specifier, the text).
    #[serde(rename = "match")]
    pub matched: String,
    pub related: Vec<Related>,
    /// A mechanical fix, when the rule knows one (absent from the JSON when there is none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
    /// Byte offsets of the span in the file (not part of the JSON schema).
    #[serde(skip)]
    pub byte_start: usize,
    #[serde(skip)]
    pub byte_end: usize,
    /// The span holds a secret: reports must not print the source text of the span.
    #[serde(skip)]
    pub redact: bool,
}

impl Finding {
    /// The one order of findings: file, line, column, rule (then the rest, for total order).
    pub fn sort_key(&self) -> (&str, usize, usize, &str, usize, usize, &str) {
        (
            &self.file,
            self.line,
            self.column,
            &self.rule,
            self.end_line,
            self.end_column,
            &self.message,
        )
    }

    /// Puts `lead` before the help (the help is `lead` when there was none): the sentence that
    /// says what a grouped finding stands for comes first.
    pub(crate) fn lead_help(&mut self, lead: &str) {
        self.help = Some(match self.help.take() {
            Some(h) => format!("{lead} {h}"),
            None => lead.to_string(),
        });
    }

    /// This finding's place, as a `related` entry of another with `message`.
    pub(crate) fn as_related(&self, message: String) -> Related {
        Related {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            message,
        }
    }
}

/// Why a file was not (fully) checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemKind {
    /// Larger than the size cap.
    TooLarge,
    /// Looks binary (NUL bytes).
    Binary,
    /// Not valid UTF-8.
    InvalidUtf8,
    /// Could not be read (permissions, vanished mid-run, …).
    Unreadable,
    /// The parser failed (its grammar did not load).
    ParseFailed,
    /// The file's work budget ran out (pathological input or rule): counted work, not wall
    /// time, so the same on every machine.
    TimeLimit,
    /// archdrift itself failed on this file (a panic); the other files were checked.
    InternalError,
}

impl ProblemKind {
    /// Skips are expected (binary, too large); the others are errors worth a look.
    pub fn is_skip(self) -> bool {
        matches!(self, ProblemKind::TooLarge | ProblemKind::Binary)
    }

    /// The kebab-case name used in every output format (as serialised in JSON).
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemKind::TooLarge => "too-large",
            ProblemKind::Binary => "binary",
            ProblemKind::InvalidUtf8 => "invalid-utf8",
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::ParseFailed => "parse-failed",
            ProblemKind::TimeLimit => "time-limit",
            ProblemKind::InternalError => "internal-error",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileProblem {
    pub file: String,
    pub kind: ProblemKind,
    pub message: String,
}

#[cfg(test)]
impl Finding {
    /// A finding for unit tests: a `banned-pattern` warning of `rule` at `file:line`, citing ADR
    /// `adr` (none when empty), with fingerprint `fingerprint`.
    pub(crate) fn for_test(
        rule: &str,
        adr: &str,
        file: &str,
        line: usize,
        fingerprint: u64,
    ) -> Finding {
        Finding {
            rule: rule.into(),
            kind: "banned-pattern".into(),
            severity: Severity::Warning,
            message: String::new(),
            file: file.into(),
            line,
            column: 1,
            end_line: line,
            end_column: 2,
            adr: Adr {
                id: adr.into(),
                ..Default::default()
            },
            help: None,
            fingerprint: format!("{fingerprint:016x}"),
            matched: String::new(),
            related: Vec::new(),
            fix: None,
            byte_start: 0,
            byte_end: 0,
            redact: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_kind_names_match_their_json() {
        for k in [
            ProblemKind::TooLarge,
            ProblemKind::Binary,
            ProblemKind::InvalidUtf8,
            ProblemKind::Unreadable,
            ProblemKind::ParseFailed,
            ProblemKind::TimeLimit,
            ProblemKind::InternalError,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
