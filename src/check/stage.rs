//! The stage after every file was checked on its own: the outcomes collected, each rule's facts
//! handed to its cross-file step ([`crate::rules::kind::RuleKind::cross_file`]), suppressions
//! applied, and the findings sorted and counted into the finished [`Report`] — the one order,
//! whatever the thread count. The files' secret ranges are gathered into the report (before
//! suppressions, so a suppressed secret stays masked), and every finding over one is `redact`.

use std::collections::BTreeMap;

use crate::core::{FileProblem, LineIndex, Report, RuleInfo, Severity, Summary};
use crate::rules::fact::FileFact;
use crate::rules::hit::Hit;

use super::emit::make_finding;
use super::engine::Engine;
use super::outcome::FileOutcome;
use super::suppress::{self, Directive};

/// The outcomes of a check's files, collected for the stage over all of them.
#[derive(Debug, Default)]
pub(crate) struct Stage {
    report: Report,
    facts: Vec<FileFact>,
    suppressions: Vec<Directive>,
}

impl Stage {
    /// A stage for a run whose walk found `files` (sorted) and reported `problems`.
    pub(crate) fn new(problems: Vec<FileProblem>, files: Vec<String>) -> Stage {
        Stage {
            report: Report {
                problems,
                files,
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// Adds the outcome of the file at `rel`, naming it in the report's files with syntax errors.
    pub(crate) fn add_file(&mut self, rel: &str, o: FileOutcome) {
        if o.parse_error {
            self.report.summary.parse_errors.push(rel.to_string());
        }
        self.add(o);
    }

    /// Adds one file's outcome.
    pub(crate) fn add(&mut self, o: FileOutcome) {
        let s = &mut self.report.summary;
        if o.checked {
            s.files_checked += 1;
        }
        if o.parse_error {
            s.files_with_parse_errors += 1;
        }
        s.unresolved_imports += o.unresolved_imports;
        if let Some(p) = o.problem {
            if p.kind.is_skip() {
                s.files_skipped += 1;
            } else {
                s.files_with_errors += 1;
            }
            self.report.problems.push(p);
        }
        self.report.findings.extend(o.findings);
        for (file, spans) in o.secrets {
            self.report.secrets.entry(file).or_default().extend(spans);
        }
        self.suppressions.extend(o.suppressions);
        self.facts.extend(o.facts);
    }
}

impl Engine {
    /// The cross-file stage, suppressions, sorting and counting.
    pub(crate) fn finish(&self, stage: Stage) -> Report {
        let Stage {
            mut report,
            facts,
            suppressions,
        } = stage;
        let mut by_rule: BTreeMap<u32, Vec<FileFact>> = BTreeMap::new();
        for f in facts {
            by_rule.entry(f.rule).or_default().push(f);
        }
        for (ri, facts) in by_rule {
            let Some(rule) = self.cfg.rules.get(ri as usize) else {
                continue;
            };
            // `{match}` stays in the template for the rule to fill per finding
            let template = make_finding(
                rule,
                "",
                &LineIndex::new(""),
                Hit::new(0, 0, "{match}"),
                String::new(),
            );
            report
                .findings
                .extend(rule.matcher.cross_file(facts, &template));
        }
        // a finding over a secret (a cross-file one too) never shows its source
        for spans in report.secrets.values_mut() {
            *spans = crate::core::merge_spans(spans);
        }
        for f in &mut report.findings {
            if let Some(spans) = report.secrets.get(&f.file) {
                if !f.redact && crate::core::overlaps_any(spans, f.byte_start, f.byte_end) {
                    f.redact = true;
                }
            }
        }
        suppress::apply(
            &mut report,
            suppressions,
            &self.cfg.suppressions,
            &self.cfg.rules,
        );
        report.rules = self
            .cfg
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.clone(),
                kind: r.kind.to_string(),
                severity: r.severity,
                message: r.message.clone(),
                help: r.help.clone(),
                adr: r.adr.clone(),
            })
            .collect();
        report
            .findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        report
            .problems
            .sort_by(|a, b| (&a.file, a.kind, &a.message).cmp(&(&b.file, b.kind, &b.message)));
        let mut s = Summary {
            rules: self.cfg.rules.len(),
            ..report.summary.clone()
        };
        s.findings = Default::default();
        for f in &report.findings {
            match f.severity {
                Severity::Error => s.findings.error += 1,
                Severity::Warning => s.findings.warning += 1,
                Severity::Info => s.findings.info += 1,
            }
        }
        report.summary = s;
        report
    }
}
