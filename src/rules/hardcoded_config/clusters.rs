//! The cross-file stage, after every file was checked on its own: per-file facts in, findings out.
//!
//! A [`Fact::Repeat`] is a finding that hardcoded-config marked as part of a possible cluster (a
//! magic literal, keyed by its detector and normalised value). When the same key occurs in at
//! least `min_files` different files, its facts become one finding at the first place (by file,
//! line, column) with every other place in `related`; otherwise each fact is reported as the
//! finding it already is. The output depends only on the set of facts, never on the order they
//! arrived in.

use std::collections::BTreeMap;

use crate::core::{stable_hash, Finding, Related};
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
        first.message = format!(
            "{} — `{}` appears {n} times in {n_files} files",
            first.message, first.matched
        );
        let define = "Define the value once in config and import it everywhere.";
        first.help = Some(match first.help.take() {
            Some(h) => format!("{define} {h}"),
            None => define.to_string(),
        });
        first.fingerprint = format!("{:016x}", stable_hash(&[&first.rule, "cluster", &key]));
        first.related = it
            .take(MAX_RELATED)
            .map(|m| Related {
                file: m.finding.file,
                line: m.finding.line,
                column: m.finding.column,
                message: format!("same value `{}`", m.finding.matched),
            })
            .collect();
        out.push(first);
    }
    out
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
        // the 30000 cluster, the two 5000 facts (only 2 files)
        assert_eq!(out.len(), 3);
        let cluster = out.iter().find(|f| !f.related.is_empty()).unwrap();
        assert_eq!((cluster.file.as_str(), cluster.line), ("a.ts", 1));
        assert!(cluster.message.ends_with("appears 4 times in 3 files"));
        let places: Vec<_> = cluster
            .related
            .iter()
            .map(|r| (r.file.as_str(), r.line))
            .collect();
        assert_eq!(places, vec![("a.ts", 9), ("b.ts", 2), ("c.ts", 4)]);
        assert_eq!(out.iter().filter(|f| f.matched == "5000").count(), 2);
    }
}
