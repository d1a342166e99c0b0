//! `archdrift adr`: the rules grouped by the ADR they cite, with their finding counts, the
//! retired rules, and the ADRs no rule enforces.

use crate::adr::{effect, AdrFile, Effect, DEFAULT_DIRS};
use crate::config::Config;
use crate::core::Adr;

/// One rule in the `archdrift adr` overview.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct RuleCount {
    pub(crate) id: String,
    pub(crate) severity: &'static str,
    pub(crate) findings: usize,
    pub(crate) defined_at: String,
}

/// One ADR in the `archdrift adr` overview.
#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct AdrEntry {
    pub(crate) id: String,
    pub(crate) title: String,
    /// The document, when it was found.
    pub(crate) path: Option<String>,
    pub(crate) status: Option<String>,
    /// `enforced`, `warnings` (proposed), `retired`, or `missing` (cited, document not found).
    pub(crate) effect: &'static str,
    pub(crate) rules: Vec<RuleCount>,
    pub(crate) retired_rules: Vec<RetiredRule>,
}

#[derive(Clone, Debug, serde::Serialize)]
pub(crate) struct RetiredRule {
    pub(crate) id: String,
    pub(crate) by: Option<String>,
}

#[derive(Clone, Debug, Default, serde::Serialize)]
pub(crate) struct Overview {
    pub(crate) adrs: Vec<AdrEntry>,
    /// ADRs with no rule (enforcing or retired).
    pub(crate) unenforced: Vec<String>,
    /// Rules that cite no ADR.
    pub(crate) rules_without_adr: Vec<RuleCount>,
}

fn cites(adr: &Adr, doc: &AdrFile) -> bool {
    match adr.path.as_deref() {
        Some(p) => p.trim_start_matches("./") == doc.rel,
        None => adr.id.eq_ignore_ascii_case(&doc.id),
    }
}

/// Groups the rules (with their finding counts in `report`) by the ADR they cite.
pub(crate) fn overview(cfg: &Config, report: &crate::core::Report) -> Overview {
    let mut counts: std::collections::HashMap<&str, usize> = Default::default();
    for f in &report.findings {
        *counts.entry(f.rule.as_str()).or_default() += 1;
    }
    let count = |r: &crate::config::Rule| RuleCount {
        id: r.id.clone(),
        severity: r.severity.as_str(),
        findings: counts.get(r.id.as_str()).copied().unwrap_or(0),
        defined_at: r.defined_at.clone(),
    };
    let mut ov = Overview::default();
    let mut placed = vec![false; cfg.rules.len()];
    for doc in &cfg.adr.docs {
        let mut rules = Vec::new();
        for (i, r) in cfg.rules.iter().enumerate() {
            if r.adr.as_ref().is_some_and(|a| cites(a, doc)) {
                placed[i] = true;
                rules.push(count(r));
            }
        }
        let mut retired_rules = Vec::new();
        for r in &cfg.adr.retired {
            if cites(&r.adr, doc) {
                retired_rules.push(RetiredRule {
                    id: r.id.clone(),
                    by: r.by.clone(),
                });
            }
        }
        let effect = match doc.status.as_deref().map(effect) {
            Some(Effect::Warn) => "warnings",
            Some(Effect::Retire { .. }) => "retired",
            _ => "enforced",
        };
        if rules.is_empty() && retired_rules.is_empty() {
            ov.unenforced.push(doc.id.clone());
        }
        ov.adrs.push(AdrEntry {
            id: doc.id.clone(),
            title: doc.title.clone(),
            path: Some(doc.rel.clone()),
            status: doc.status.clone(),
            effect,
            rules,
            retired_rules,
        });
    }
    // ADRs cited by rules but not found in the ADR folders
    let mut missing: Vec<AdrEntry> = Vec::new();
    for (i, r) in cfg.rules.iter().enumerate() {
        if placed[i] {
            continue;
        }
        match &r.adr {
            None => ov.rules_without_adr.push(count(r)),
            Some(a) if a.id.is_empty() => ov.rules_without_adr.push(count(r)),
            Some(a) => {
                let entry = match missing.iter_mut().find(|e| e.id == a.id) {
                    Some(e) => e,
                    None => {
                        missing.push(AdrEntry {
                            id: a.id.clone(),
                            title: a.title.clone(),
                            path: None,
                            status: None,
                            effect: "missing",
                            rules: Vec::new(),
                            retired_rules: Vec::new(),
                        });
                        missing.last_mut().expect("just pushed")
                    }
                };
                entry.rules.push(count(r));
            }
        }
    }
    missing.sort_by(|a, b| a.id.cmp(&b.id));
    ov.adrs.extend(missing);
    ov
}

pub(crate) fn render_json(ov: &Overview) -> String {
    let mut s = serde_json::to_string_pretty(ov).unwrap_or_default();
    s.push('\n');
    s
}

pub(crate) fn render_human(ov: &Overview) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    if ov.adrs.is_empty() {
        let _ = writeln!(
            s,
            "no ADRs found (looked in {}; set [adr].paths in archdrift.toml)",
            DEFAULT_DIRS.join(", ")
        );
    }
    for a in &ov.adrs {
        let status = a.status.as_deref().unwrap_or("no status");
        let _ = writeln!(s, "{}  {}", a.id, a.title);
        match &a.path {
            Some(p) => {
                let _ = writeln!(s, "  {p} · {status} · rules {}", a.effect);
            }
            None => {
                let _ = writeln!(
                    s,
                    "  cited by rules, but no document found in the ADR folders"
                );
            }
        }
        for r in &a.rules {
            let _ = writeln!(
                s,
                "  {:<32} {:<8} {:>5} finding{}",
                r.id,
                r.severity,
                r.findings,
                if r.findings == 1 { "" } else { "s" }
            );
        }
        for r in &a.retired_rules {
            let by =
                r.by.as_deref()
                    .map(|b| format!(" (replaced by {b})"))
                    .unwrap_or_default();
            let _ = writeln!(s, "  {:<32} retired{by}", r.id);
        }
        if a.rules.is_empty() && a.retired_rules.is_empty() {
            let _ = writeln!(s, "  no rule enforces this decision yet");
        }
        let _ = writeln!(s);
    }
    if !ov.unenforced.is_empty() {
        let _ = writeln!(
            s,
            "decisions no rule enforces yet: {}",
            ov.unenforced.join(", ")
        );
    }
    if !ov.rules_without_adr.is_empty() {
        let ids: Vec<&str> = ov.rules_without_adr.iter().map(|r| r.id.as_str()).collect();
        let _ = writeln!(s, "rules citing no ADR: {}", ids.join(", "));
    }
    s
}
