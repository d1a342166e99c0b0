//! The cross-file stage, after every file was checked on its own: per-file facts in, findings out.
//!
//! A fact is a finding that a rule marked as part of a possible cluster (a magic literal, keyed
//! by its normalised value). When the same key occurs in at least `min_files` different files,
//! its facts become one finding at the first place (by file, line, column) with every other
//! place in `related`; otherwise each fact is reported as the finding it already is. The output
//! depends only on the set of facts, never on the order they arrived in.

use std::collections::BTreeMap;

use crate::diagnostic::{stable_hash, Finding, Related};

/// A finding that may join a cluster of the same value across files.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fact {
    /// The rule's cluster key (normalised value); clusters never mix rules.
    pub key: String,
    /// Distinct files needed for a cluster.
    pub min_files: usize,
    pub finding: Finding,
}

/// Most places listed in one cluster's `related`.
pub const MAX_RELATED: usize = 200;

/// Turns facts into findings: clusters where a key spans enough files, single findings elsewhere.
pub fn resolve(mut facts: Vec<Fact>) -> Vec<Finding> {
    facts.sort_by(|a, b| {
        (&a.finding.rule, &a.key)
            .cmp(&(&b.finding.rule, &b.key))
            .then_with(|| a.finding.sort_key().cmp(&b.finding.sort_key()))
    });
    let mut groups: BTreeMap<(String, String), Vec<Fact>> = BTreeMap::new();
    for f in facts {
        groups
            .entry((f.finding.rule.clone(), f.key.clone()))
            .or_default()
            .push(f);
    }
    let mut out = Vec::new();
    for ((rule, key), members) in groups {
        let mut files: Vec<&str> = members.iter().map(|m| m.finding.file.as_str()).collect();
        files.dedup();
        let min = members[0].min_files.max(2);
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
        first.fingerprint = format!("{:016x}", stable_hash(&[&rule, "cluster", &key]));
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
    use crate::diagnostic::{Adr, Severity};

    fn fact(rule: &str, key: &str, file: &str, line: usize) -> Fact {
        Fact {
            key: key.into(),
            min_files: 3,
            finding: Finding {
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
            },
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
            fact("q", "30000", "d.ts", 1),
        ];
        let mut rev = facts.clone();
        rev.reverse();
        let out = resolve(facts);
        assert_eq!(out, resolve(rev));
        // q's single fact, r's 30000 cluster, r's two 5000 facts (only 2 files)
        assert_eq!(out.len(), 4);
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
