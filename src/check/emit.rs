//! Hits to findings and facts: one finding per span and rule, test code kept or dropped per
//! rule, the fingerprint (rule, normalised text, enclosing symbol, rank among identical ones),
//! the message and help composed by the one policy of [`crate::rules::hit`], and every fact
//! placed (file, line, span) for the cross-file stage. The work per hit does not grow with the
//! length of its span or the depth of the tree: fingerprint text is a bounded prefix, enclosing
//! symbols come from one walk for all hits, columns from a block index. The secrets the file holds
//! (hits marked `redact`) are recorded for the reports, and any other hit over one of them has
//! the secret masked in its `match` and is marked `redact` too.

use tree_sitter::Tree;

use crate::config::{Rule, TestsMode};
use crate::core::{
    mask_spans, merge_spans, normalize_ws_prefix, overlaps_any, stable_hash, Finding, LineIndex,
};
use crate::rules::fact::FileFact;
use crate::rules::hit::Hit;

use super::engine::Engine;
use super::outcome::FileOutcome;
use super::walk::SourcePath;

/// Longest matched text kept in a finding.
pub(super) const MAX_MATCH_CHARS: usize = 200;
/// Longest normalised span text in a fingerprint.
const MAX_FINGERPRINT_CHARS: usize = 500;

impl Engine {
    /// Turns the hits of one file into its outcome's findings and facts.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn emit(
        &self,
        sp: &SourcePath,
        text: &str,
        hits: &mut Vec<(u32, Hit)>,
        parsed: Option<&Tree>,
        test_ranges: &[std::ops::Range<usize>],
        is_test_file: bool,
        outcome: &mut FileOutcome,
    ) {
        let cfg = &*self.cfg;
        let lang = sp.lang;
        // the same span reported twice by one rule is one finding (graph edges are kept apart)
        hits.sort_by_key(|a| (a.0, a.1.start, a.1.end, a.1.silent));
        hits.dedup_by(|a, b| {
            a.0 == b.0 && a.1.start == b.1.start && a.1.end == b.1.end && a.1.silent == b.1.silent
        });
        let in_test = |offset: usize| {
            is_test_file
                || test_ranges
                    .binary_search_by(|r: &std::ops::Range<usize>| {
                        if r.end <= offset {
                            std::cmp::Ordering::Less
                        } else if r.start > offset {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Equal
                        }
                    })
                    .is_ok()
        };
        // every secret of the file, whatever becomes of its finding (test code, suppression,
        // baseline): no output may show it
        let secret_spans: Vec<(usize, usize)> = hits
            .iter()
            .filter(|(_, h)| h.extras.as_ref().is_some_and(|e| e.redact))
            .map(|(_, h)| (h.start, h.end))
            .collect();
        let secrets = merge_spans(&secret_spans);
        let masked = (!secrets.is_empty()).then(|| mask_spans(text, &secrets));
        if !secrets.is_empty() {
            outcome.secrets.insert(sp.rel.clone(), secrets.clone());
        }
        let index = LineIndex::new(text);
        // the enclosing symbol of every reported hit, in one walk over the tree
        let spans: Vec<(usize, usize)> = hits
            .iter()
            .filter(|(_, h)| !h.silent)
            .map(|(_, h)| (h.start, h.end))
            .collect();
        let mut symbols = parsed
            .map(|t| crate::lang::symbol::enclosing_all(t.root_node(), text, lang, &spans))
            .unwrap_or_default()
            .into_iter();
        let mut seen: std::collections::HashMap<(u32, String, String), usize> = Default::default();
        // an import several rules cannot resolve is counted once
        let mut unresolved_at = std::collections::HashSet::new();
        for (ri, mut hit) in hits.drain(..) {
            let rule = &cfg.rules[ri as usize];
            let keep = match rule.tests {
                TestsMode::Include => true,
                TestsMode::Exclude => !in_test(hit.start),
                TestsMode::Only => in_test(hit.start),
            };
            if !keep {
                if !hit.silent {
                    symbols.next();
                }
                continue;
            }
            if hit.unresolved && unresolved_at.insert(hit.start) {
                outcome.unresolved_imports += 1;
            }
            if let Some(masked) = &masked {
                if !hit.extras.as_ref().is_some_and(|e| e.redact)
                    && overlaps_any(&secrets, hit.start, hit.end)
                {
                    hit = mask_hit(hit, text, masked, &secrets);
                }
            }
            let fact = hit.extras.as_mut().and_then(|e| e.fact.take());
            let place = |hit: &Hit, fact, finding| {
                let (line, column) = index.line_col(hit.start);
                FileFact {
                    rule: ri,
                    file: sp.rel.clone(),
                    line,
                    column,
                    byte_start: hit.start,
                    byte_end: hit.end,
                    matched: hit.matched.clone(),
                    fact,
                    finding,
                }
            };
            if hit.silent {
                if let Some(fact) = fact {
                    outcome.facts.push(place(&hit, fact, None));
                }
                continue;
            }
            let span_text = normalize_ws_prefix(
                text.get(hit.start..hit.end).unwrap_or(""),
                MAX_FINGERPRINT_CHARS,
            );
            let symbol = symbols.next().unwrap_or_default();
            let ordinal = {
                let n = seen
                    .entry((ri, span_text.clone(), symbol.clone()))
                    .or_insert(0);
                *n += 1;
                *n
            };
            let fingerprint = format!(
                "{:016x}",
                stable_hash(&[&rule.id, &span_text, &symbol, &ordinal.to_string()])
            );
            match fact {
                Some(fact) => {
                    let at = Hit::new(hit.start, hit.end, hit.matched.clone());
                    let finding = make_finding(rule, &sp.rel, &index, hit, fingerprint);
                    outcome
                        .facts
                        .push(place(&at, fact, Some(Box::new(finding))));
                }
                None => {
                    outcome
                        .findings
                        .push(make_finding(rule, &sp.rel, &index, hit, fingerprint))
                }
            }
        }
    }
}

/// `hit` (over a secret of the file) with the secret masked in its `match` and marked `redact`:
/// a `match` that is the span's text is taken from the masked text, any other has each secret's
/// text replaced by its masked form.
fn mask_hit(hit: Hit, text: &str, masked: &str, secrets: &[(usize, usize)]) -> Hit {
    let mut hit = hit;
    let span =
        |t: &str| normalize_ws_prefix(t.get(hit.start..hit.end).unwrap_or(""), MAX_MATCH_CHARS + 1);
    if hit.matched == span(text) {
        hit.matched = span(masked);
    } else {
        for &(s, e) in secrets {
            if let (Some(secret), Some(shown)) = (text.get(s..e), masked.get(s..e)) {
                if !secret.is_empty() && hit.matched.contains(secret) {
                    hit.matched = hit.matched.replace(secret, shown);
                }
            }
        }
    }
    hit.redact(true)
}

pub(super) fn make_finding(
    rule: &Rule,
    rel: &str,
    index: &LineIndex<'_>,
    hit: Hit,
    fingerprint: String,
) -> Finding {
    let (line, column) = index.line_col(hit.start);
    let (end_line, end_column) = index.line_col(hit.end);
    let mut matched = hit.matched;
    if matched.chars().nth(MAX_MATCH_CHARS).is_some() {
        matched = matched.chars().take(MAX_MATCH_CHARS).collect::<String>() + "…";
    }
    let extras = hit.extras.map(|e| *e).unwrap_or_default();
    let fill = |template: &str| {
        let mut t = template.replace("{match}", &matched);
        for (k, v) in &extras.vars {
            t = t.replace(&format!("{{{k}}}"), v);
        }
        t
    };
    let message = fill(extras.message.as_deref().unwrap_or(&rule.message));
    let rule_help = rule.help.as_deref().map(fill);
    // a kind's own help goes before the rule's
    let help = match (extras.help, rule_help) {
        (Some(a), Some(b)) if a.ends_with(['.', '!', '?', ':']) => Some(format!("{a} {b}")),
        (Some(a), Some(b)) => Some(format!("{a}. {b}")),
        (a, b) => a.or(b),
    };
    Finding {
        rule: rule.id.clone(),
        kind: rule.kind.to_string(),
        severity: extras.severity.unwrap_or(rule.severity),
        message,
        file: rel.to_string(),
        line,
        column,
        end_line,
        end_column,
        adr: rule.adr.clone().unwrap_or_default(),
        help,
        fingerprint,
        matched,
        related: Vec::new(),
        fix: extras.fix,
        byte_start: hit.start,
        byte_end: hit.end,
        redact: extras.redact,
    }
}
