//! The cross-file stage, after every file was checked on its own: per-file facts in, findings out.
//!
//! A [`Fact::Repeat`] is a finding that hardcoded-config marked as part of a possible cluster (a
//! magic literal, keyed by its detector and normalised value). When the same key occurs in at
//! least `min_files` different files, its facts become a cluster: the finding at the first place
//! (by file, line, column) says how often the value appears and lists every other place in
//! `related`; every other place is still reported as its own finding, which names the first place
//! and points back to it in `related` — so a consumer that reads one line (the editor, SARIF, a
//! review comment) sees each place. Elsewhere each fact is reported as the finding it already is.
//! The output depends only on the set of facts, never on the order they arrived in.

use std::collections::BTreeMap;

use crate::core::{stable_hash, Finding};
use crate::rules::fact::{Fact, FileFact};

/// A finding that may join a cluster of the same value across files.
struct Member {
    /// The rule's cluster key (detector and normalised value).
    key: String,
    finding: Finding,
}

/// Most places listed in one cluster's `related`.
pub(crate) const MAX_RELATED: usize = 200;

/// Turns one rule's facts into findings: clusters where a key spans at least `min_files` files,
/// single findings elsewhere (facts without a key are reported as they are).
pub(crate) fn resolve(facts: Vec<FileFact>, min_files: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut members = Vec::new();
    for f in facts {
        let Some(finding) = f.finding else { continue };
        match f.fact {
            Fact::Repeat { key } => members.push(Member {
                key,
                finding: *finding,
            }),
            _ => out.push(*finding),
        }
    }
    members.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then_with(|| a.finding.sort_key().cmp(&b.finding.sort_key()))
    });
    let mut groups: BTreeMap<String, Vec<Member>> = BTreeMap::new();
    for m in members {
        groups.entry(m.key.clone()).or_default().push(m);
    }
    for (key, members) in groups {
        if key.starts_with(super::LIST_KEY) {
            out.extend(list(members));
            continue;
        }
        let mut files: Vec<&str> = members.iter().map(|m| m.finding.file.as_str()).collect();
        files.dedup();
        let min = min_files.max(2);
        if files.len() < min {
            out.extend(members.into_iter().map(|m| m.finding));
            continue;
        }
        let n_files = files.len();
        let n = members.len();
        let mut it = members.into_iter();
        let mut first = it.next().expect("a group has members").finding;
        let rest: Vec<Finding> = it.map(|m| m.finding).collect();
        let define = "Define the value once in config and import it everywhere.";
        for mut other in rest.iter().cloned() {
            other.message = format!(
                "{} — the same value as {}:{} ({n} places in {n_files} files)",
                other.message, first.file, first.line
            );
            other.lead_help(define);
            other.related = vec![first.as_related(format!("first place of `{}`", first.matched))];
            out.push(other);
        }
        first.message = format!(
            "{} — `{}` appears {n} times in {n_files} files",
            first.message, first.matched
        );
        first.lead_help(define);
        first.fingerprint = format!("{:016x}", stable_hash(&[&first.rule, "cluster", &key]));
        first.related = rest
            .iter()
            .take(MAX_RELATED)
            .map(|m| m.as_related(format!("same value `{}`", m.matched)))
            .collect();
        out.push(first);
    }
    out
}

/// The values of one list literal (sorted by place): one finding at its first value, which
/// counts them and lists the others in `related`; a single value stays as it is.
fn list(members: Vec<Member>) -> Vec<Finding> {
    if members.len() < 2 {
        return members.into_iter().map(|m| m.finding).collect();
    }
    let n = members.len();
    let last_line = members.last().map_or(0, |m| m.finding.line);
    let mut it = members.into_iter().map(|m| m.finding);
    let mut first = it.next().expect("a list has values");
    first.message = format!(
        "{} — one of {n} hardcoded values in this list (lines {}–{last_line})",
        first.message, first.line
    );
    let define = "The list is one piece of configuration: move it as a whole.";
    first.lead_help(define);
    first.related = it
        .take(MAX_RELATED)
        .map(|m| m.as_related(format!("in the same list: `{}`", m.matched)))
        .collect();
    vec![first]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Adr, Severity};

    fn fact(rule: &str, key: &str, file: &str, line: usize) -> FileFact {
        FileFact {
            rule: 0,
            file: file.into(),
            line,
            column: 1,
            byte_start: 0,
            byte_end: 5,
            matched: key.into(),
            fact: Fact::Repeat { key: key.into() },
            finding: Some(Box::new(Finding {
                rule: rule.into(),
                kind: "hardcoded-config".into(),
                severity: Severity::Warning,
                message: format!("magic {key}"),
                file: file.into(),
                line,
                column: 1,
                end_line: line,
                end_column: 6,
                adr: Adr::default(),
                help: None,
                fingerprint: format!("{file}{line}"),
                matched: key.into(),
                related: Vec::new(),
                byte_start: 0,
                byte_end: 5,
                redact: false,
                fix: None,
            })),
        }
    }

    #[test]
    fn clusters_need_enough_distinct_files_and_are_order_independent() {
        let facts = vec![
            fact("r", "30000", "c.ts", 4),
            fact("r", "30000", "a.ts", 9),
            fact("r", "30000", "b.ts", 2),
            fact("r", "30000", "a.ts", 1),
            fact("r", "5000", "a.ts", 3),
            fact("r", "5000", "b.ts", 3),
        ];
        let mut rev = facts.clone();
        rev.reverse();
        let out = resolve(facts, 3);
        assert_eq!(out, resolve(rev, 3));
        // the 30000 cluster (each of its 4 places), the two 5000 facts (only 2 files)
        assert_eq!(out.len(), 6);
        let cluster = out.iter().find(|f| f.related.len() > 1).unwrap();
        assert_eq!((cluster.file.as_str(), cluster.line), ("a.ts", 1));
        assert!(cluster.message.ends_with("appears 4 times in 3 files"));
        let places: Vec<_> = cluster
            .related
            .iter()
            .map(|r| (r.file.as_str(), r.line))
            .collect();
        assert_eq!(places, vec![("a.ts", 9), ("b.ts", 2), ("c.ts", 4)]);
        assert_eq!(out.iter().filter(|f| f.matched == "5000").count(), 2);
        assert!(out
            .iter()
            .filter(|f| f.matched == "5000")
            .all(|f| f.related.is_empty()));
        // every other place is its own finding that points back to the first
        let others: Vec<_> = out
            .iter()
            .filter(|f| f.matched == "30000" && f.related.len() == 1)
            .map(|f| {
                (
                    (f.file.as_str(), f.line),
                    (f.related[0].file.as_str(), f.related[0].line),
                )
            })
            .collect();
        assert_eq!(
            others,
            vec![
                (("a.ts", 9), ("a.ts", 1)),
                (("b.ts", 2), ("a.ts", 1)),
                (("c.ts", 4), ("a.ts", 1))
            ]
        );
        assert!(out.iter().filter(|f| f.related.len() == 1).all(|f| f
            .message
            .contains("the same value as a.ts:1 (4 places in 3 files)")));
    }
}
