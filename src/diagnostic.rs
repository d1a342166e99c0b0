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
    /// The parser gave up (time bound hit).
    ParseFailed,
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

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SeverityCounts {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files_checked: usize,
    pub files_with_parse_errors: usize,
    pub files_skipped: usize,
    pub files_with_errors: usize,
    pub rules: usize,
    pub findings: SeverityCounts,
    /// Imports layer rules could not resolve to a file or package (reported per rule's choice).
    pub unresolved_imports: usize,
    /// Findings silenced by `archdrift-ignore` comments (omitted when none).
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    /// What the baseline did (only with `--baseline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<BaselineSummary>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// How a check compared with its baseline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BaselineSummary {
    /// Findings that are in the baseline (not reported).
    pub matched: usize,
    /// Baseline entries no longer found (fixed).
    pub fixed: usize,
}

/// The outcome of a check: the sorted findings, per-file problems and the summary.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Import edges waiting for the graph stage (empty once the report is finished).
    pub edges: Vec<(u32, crate::graph::Edge)>,
    /// Units waiting for the cross-file stage (empty once the report is finished).
    pub units: Vec<(u32, crate::rules::UnitRecord)>,
    /// Per-file facts waiting for the cross-file stage ([`crate::crossfile`]); empty after
    /// `Engine::finish`.
    pub facts: Vec<crate::crossfile::Fact>,
    pub problems: Vec<FileProblem>,
    pub summary: Summary,
    pub elapsed: std::time::Duration,
    /// Suppression comments of the checked files, applied by `Engine::finish`.
    pub suppressions: Vec<crate::suppress::Directive>,
    /// Relative paths of the files the walk handed to the check (sorted).
    pub files: Vec<String>,
    /// The rules that ran (for formats that describe them, e.g. SARIF).
    pub rules: Vec<RuleInfo>,
}

/// What a report says about a rule (not its matcher).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleInfo {
    pub id: String,
    pub kind: String,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub adr: Option<Adr>,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.summary.findings.error > 0
    }

    /// Counts the findings by severity again (after a stage removed some).
    pub fn recount_findings(&mut self) {
        let mut c = SeverityCounts::default();
        for f in &self.findings {
            match f.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        self.summary.findings = c;
    }
}

/// Byte offsets → 1-based line and column (in Unicode scalar values).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        (line + 1, self.text[start..end].chars().count() + 1)
    }

    /// The byte range of 1-based `line` without its line terminator.
    pub fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Some(start..end)
    }
}

/// FNV-1a, 64 bit: a stable hash (same value on every platform and release).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `text` with the characters of `start..end` after the first four replaced by `*` (byte length
/// kept, so spans stay valid): how a secret's source is shown.
pub fn mask_span(text: &str, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        if i >= start && i < end {
            if kept < 4 && !c.is_whitespace() {
                kept += 1;
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n('*', c.len_utf8()));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Collapses all whitespace runs, so re-indentation does not change a fingerprint.
pub fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_chars_not_bytes() {
        let t = "ab\nçé x\r\nlast";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(0), (1, 1));
        assert_eq!(ix.line_col(3), (2, 1));
        let x = t.find('x').unwrap();
        assert_eq!(ix.line_col(x), (2, 4));
        assert_eq!(ix.line_col(t.len()), (3, 5));
        assert_eq!(&t[ix.line_range(2).unwrap()], "çé x");
        assert_eq!(ix.line_range(9), None);
    }

    #[test]
    fn problem_kind_names_match_their_json() {
        for k in [
            ProblemKind::TooLarge,
            ProblemKind::Binary,
            ProblemKind::InvalidUtf8,
            ProblemKind::Unreadable,
            ProblemKind::ParseFailed,
            ProblemKind::InternalError,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }

    #[test]
    fn hash_is_stable_and_separates_parts() {
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", ""]), stable_hash(&["a", "b"]));
        assert_eq!(format!("{:016x}", stable_hash(&[])), "cbf29ce484222325");
        assert_eq!(normalize_ws("a(\n   b )"), "a( b )");
    }
}
