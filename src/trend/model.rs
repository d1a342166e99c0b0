//! The trend as data: one [`Sample`] per sampled commit (or recorded check), the rules they were
//! counted with, and what the reports derive from them (deltas, introduced/removed, hotspots).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::core::{Adr, Finding, Severity};

/// Version of `trend.json` and of the lines of a `--record` file.
pub(crate) const TREND_SCHEMA_VERSION: u32 = 1;
/// Key used for findings of rules that cite no ADR.
pub(crate) const NO_ADR: &str = "(no ADR)";

/// What a report needs to know about a rule.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct RuleInfo {
    pub(crate) id: String,
    pub(crate) kind: String,
    pub(crate) severity: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) adr: Option<AdrInfo>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AdrInfo {
    pub(crate) id: String,
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
}

impl From<&Adr> for AdrInfo {
    fn from(a: &Adr) -> Self {
        AdrInfo {
            id: a.id.clone(),
            title: a.title.clone(),
            path: a.path.clone(),
            url: a.url.clone(),
        }
    }
}

impl RuleInfo {
    pub(crate) fn adr_key(&self) -> &str {
        match &self.adr {
            Some(a) if !a.id.is_empty() => &a.id,
            _ => NO_ADR,
        }
    }
}

/// The rules of a configuration, in its order.
pub(crate) fn rule_infos(cfg: &Config) -> Vec<RuleInfo> {
    cfg.rules
        .iter()
        .map(|r| RuleInfo {
            id: r.id.clone(),
            kind: r.kind.to_string(),
            severity: r.severity.as_str().to_string(),
            adr: r.adr.as_ref().map(AdrInfo::from),
        })
        .collect()
}

/// Findings per severity.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Severities {
    pub(crate) error: usize,
    pub(crate) warning: usize,
    pub(crate) info: usize,
}

/// The state of the code at one point in time.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Sample {
    /// Commit (committer) time, or the time of a recorded check: Unix seconds.
    #[serde(skip)]
    pub(crate) time: i64,
    /// `time` as ISO 8601 UTC.
    pub(crate) date: String,
    pub(crate) commit: Option<String>,
    /// First line of the commit message.
    pub(crate) subject: Option<String>,
    /// `current` (the rules as they are now), `commit` (the commit's own), or `record`.
    pub(crate) rules_from: String,
    pub(crate) files_checked: usize,
    /// Files that could not be checked (binary, too large, invalid UTF-8, …).
    pub(crate) files_skipped: usize,
    pub(crate) findings: usize,
    pub(crate) by_severity: Severities,
    pub(crate) by_kind: BTreeMap<String, usize>,
    pub(crate) by_rule: BTreeMap<String, usize>,
    pub(crate) by_adr: BTreeMap<String, usize>,
    /// Findings per directory (the first `dir_depth` components of the file's directory).
    pub(crate) by_directory: BTreeMap<String, usize>,
    /// Fingerprints of every finding, sorted (for introduced/removed between samples).
    #[serde(with = "hex_list")]
    pub(crate) fingerprints: Vec<u64>,
    /// Design-system adoption over the whole tree (with a `[design_system]` table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) design_system_adoption: Option<crate::core::AdoptionCounts>,
    /// Every finding with where it is, in report order, when the job asked for them (budgets
    /// scoped to paths, attribution); never written to trend.json.
    #[serde(skip)]
    pub(crate) located: Vec<Located>,
}

/// A finding of a sample, with its place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Located {
    pub(crate) rule: String,
    pub(crate) file: String,
    pub(crate) line: usize,
    pub(crate) fingerprint: u64,
}

/// Builds samples from findings: `add` each finding, then `finish`.
///
/// Every count comes from the finding itself, as `check` reports it: its own severity (a rule's
/// severity can be raised or lowered per finding, e.g. by its ADR's status), its kind and ADR, and
/// findings of rules that no rule file declares (the suppression findings) count too.
pub(crate) struct SampleBuilder {
    dir_depth: usize,
    sample: Sample,
}

impl SampleBuilder {
    pub(crate) fn new(dir_depth: usize, time: i64) -> Self {
        SampleBuilder {
            dir_depth,
            sample: Sample {
                time,
                date: super::period::iso(time),
                ..Default::default()
            },
        }
    }

    pub(crate) fn sample_mut(&mut self) -> &mut Sample {
        &mut self.sample
    }

    /// One finding, counted as `check` reports it.
    pub(crate) fn add(&mut self, f: &Finding) {
        let s = &mut self.sample;
        s.findings += 1;
        match f.severity {
            Severity::Error => s.by_severity.error += 1,
            Severity::Warning => s.by_severity.warning += 1,
            Severity::Info => s.by_severity.info += 1,
        }
        *s.by_kind.entry(f.kind.clone()).or_default() += 1;
        *s.by_rule.entry(f.rule.clone()).or_default() += 1;
        let adr = if f.adr.id.is_empty() {
            NO_ADR
        } else {
            f.adr.id.as_str()
        };
        *s.by_adr.entry(adr.to_string()).or_default() += 1;
        *s.by_directory
            .entry(directory_of(&f.file, self.dir_depth))
            .or_default() += 1;
        s.fingerprints.push(fingerprint_value(&f.fingerprint));
    }

    pub(crate) fn finish(mut self) -> Sample {
        self.sample.fingerprints.sort_unstable();
        self.sample
    }
}

/// The directory a file counts for: its first `depth` directory components (`.` at the root).
pub(crate) fn directory_of(file: &str, depth: usize) -> String {
    let dir = match file.rfind('/') {
        Some(i) => &file[..i],
        None => return ".".into(),
    };
    dir.split('/')
        .take(depth.max(1))
        .collect::<Vec<_>>()
        .join("/")
}

/// Findings in `new` and not in `old` (introduced), and in `old` and not in `new` (removed),
/// counting repeated fingerprints as a multiset. Both lists are sorted.
pub(crate) fn introduced_removed(old: &[u64], new: &[u64]) -> (usize, usize) {
    let (mut i, mut j, mut added, mut removed) = (0, 0, 0, 0);
    while i < old.len() && j < new.len() {
        match old[i].cmp(&new[j]) {
            std::cmp::Ordering::Less => {
                removed += 1;
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                added += 1;
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    (added + new.len() - j, removed + old.len() - i)
}

/// Everything the three reports are written from.
#[derive(Debug, Default)]
pub(crate) struct Trend {
    /// Where the samples came from: `git` or `record`, and the parameters, for the reports' header.
    pub(crate) source: BTreeMap<String, String>,
    /// Every rule seen in any sample (the newest definition wins), sorted by id.
    pub(crate) rules: Vec<RuleInfo>,
    /// Samples, oldest first.
    pub(crate) samples: Vec<Sample>,
    /// Directory ADR paths are relative to, when known (for links in the reports).
    pub(crate) root: Option<std::path::PathBuf>,
    /// `--attribute`: where the tip's findings came from.
    pub(crate) attribution: Option<super::attribution::Attribution>,
    /// `[budget]` of the current rules, with where the tip stands (for the budget lines).
    pub(crate) budgets: Vec<BudgetLine>,
}

/// A `[budget]` entry as the trend reports draw it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct BudgetLine {
    pub(crate) key: String,
    /// `rule`, `adr` or `paths`.
    pub(crate) scope: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max: Option<usize>,
    /// "5 per week"
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_new: Option<String>,
    /// The count at the newest sample, when the samples tell it (rule and ADR budgets, path
    /// budgets with located findings).
    pub(crate) latest: Option<usize>,
}

impl BudgetLine {
    /// The budget lines of a configuration against the newest sample.
    pub(crate) fn of(cfg: &crate::config::Config, last: Option<&Sample>) -> Vec<BudgetLine> {
        use crate::config::budget::Scope;
        cfg.budget
            .iter()
            .map(|e| {
                let (scope, latest) = match &e.scope {
                    Scope::Rule(r) => {
                        ("rule", last.map(|s| s.by_rule.get(r).copied().unwrap_or(0)))
                    }
                    Scope::Adr(a) => ("adr", last.map(|s| s.by_adr.get(a).copied().unwrap_or(0))),
                    Scope::Paths(g) => (
                        "paths",
                        last.filter(|s| !s.located.is_empty() || s.findings == 0)
                            .map(|s| s.located.iter().filter(|l| g.is_match(&l.file)).count()),
                    ),
                };
                BudgetLine {
                    key: e.key.clone(),
                    scope,
                    max: e.max,
                    max_new: e.max_new.map(|(n, p)| format!("{n} per {}", p.name())),
                    latest,
                }
            })
            .collect()
    }

    /// Whether the newest sample is over `max`.
    pub(crate) fn over(&self) -> Option<bool> {
        Some(self.latest? > self.max?)
    }
}

impl Sample {
    /// The headline counts of two samples, for the reports: (label, first, last).
    pub(crate) fn headline(first: &Sample, last: &Sample) -> [(&'static str, usize, usize); 5] {
        [
            ("findings", first.findings, last.findings),
            ("errors", first.by_severity.error, last.by_severity.error),
            (
                "warnings",
                first.by_severity.warning,
                last.by_severity.warning,
            ),
            ("info", first.by_severity.info, last.by_severity.info),
            ("files checked", first.files_checked, last.files_checked),
        ]
    }
}

impl Trend {
    /// Adds rule definitions; later calls win (pass the newest last).
    pub(crate) fn merge_rules(&mut self, infos: &[RuleInfo]) {
        for r in infos {
            match self.rules.iter_mut().find(|x| x.id == r.id) {
                Some(x) => *x = r.clone(),
                None => self.rules.push(r.clone()),
            }
        }
        self.rules.sort_by(|a, b| a.id.cmp(&b.id));
    }

    /// ADRs cited by any rule, by id.
    pub(crate) fn adrs(&self) -> BTreeMap<String, AdrInfo> {
        let mut m = BTreeMap::new();
        for r in &self.rules {
            if let Some(a) = &r.adr {
                if !a.id.is_empty() {
                    m.entry(a.id.clone()).or_insert_with(|| a.clone());
                }
            }
        }
        m
    }

    /// Introduced/removed findings of each sample against the one before (None for the first).
    pub(crate) fn changes(&self) -> Vec<Option<(usize, usize)>> {
        let mut out = vec![None];
        for w in self.samples.windows(2) {
            out.push(Some(introduced_removed(
                &w[0].fingerprints,
                &w[1].fingerprints,
            )));
        }
        out.truncate(self.samples.len());
        out
    }

    /// The `n` directories with most findings in `sample`, most first, then by name.
    pub(crate) fn top_directories(sample: &Sample, n: usize) -> Vec<(String, usize)> {
        let mut v: Vec<(String, usize)> = sample
            .by_directory
            .iter()
            .map(|(d, c)| (d.clone(), *c))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }
}

/// A count at the first and the last sample.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Delta {
    pub(crate) key: String,
    pub(crate) first: usize,
    pub(crate) last: usize,
}

impl Delta {
    pub(crate) fn change(&self) -> i64 {
        self.last as i64 - self.first as i64
    }
}

impl Trend {
    /// First and last count of every key of `axis` seen in any sample, sorted by key.
    pub(crate) fn deltas(&self, axis: impl Fn(&Sample) -> &BTreeMap<String, usize>) -> Vec<Delta> {
        let (Some(first), Some(last)) = (self.samples.first(), self.samples.last()) else {
            return Vec::new();
        };
        let mut keys: Vec<&String> = self.samples.iter().flat_map(|s| axis(s).keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .map(|k| Delta {
                key: k.clone(),
                first: axis(first).get(k).copied().unwrap_or(0),
                last: axis(last).get(k).copied().unwrap_or(0),
            })
            .collect()
    }

    /// [`Trend::deltas`] per ADR, with every ADR the rules cite (0 when it never had findings).
    pub(crate) fn adr_deltas(&self) -> Vec<Delta> {
        let mut d = self.deltas(|s| &s.by_adr);
        for id in self.adrs().into_keys() {
            if !d.iter().any(|x| x.key == id) {
                d.push(Delta {
                    key: id,
                    first: 0,
                    last: 0,
                });
            }
        }
        d.sort_by(|a, b| a.key.cmp(&b.key));
        d
    }

    /// The `n` rules that changed most (by absolute change, then id), changed ones only.
    pub(crate) fn movers(&self, n: usize) -> Vec<Delta> {
        let mut d: Vec<Delta> = self
            .deltas(|s| &s.by_rule)
            .into_iter()
            .filter(|d| d.change() != 0)
            .collect();
        d.sort_by(|a, b| {
            b.change()
                .abs()
                .cmp(&a.change().abs())
                .then_with(|| a.key.cmp(&b.key))
        });
        d.truncate(n);
        d
    }

    /// The `n` directories whose findings grew most since the first sample.
    pub(crate) fn hotspots(&self, n: usize) -> Vec<Delta> {
        let mut d: Vec<Delta> = self
            .deltas(|s| &s.by_directory)
            .into_iter()
            .filter(|d| d.change() > 0)
            .collect();
        d.sort_by(|a, b| b.change().cmp(&a.change()).then_with(|| a.key.cmp(&b.key)));
        d.truncate(n);
        d
    }

    /// The `n` samples that brought the most new findings since the sample before them:
    /// (sample index, introduced, removed).
    pub(crate) fn top_introducers(&self, n: usize) -> Vec<(usize, usize, usize)> {
        let mut v: Vec<(usize, usize, usize)> = self
            .changes()
            .into_iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|(a, r)| (i, a, r)))
            .filter(|(_, a, _)| *a > 0)
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| b.0.cmp(&a.0)));
        v.truncate(n);
        v
    }
}

/// `u64` fingerprints as the 16-hex-digit strings findings carry.
mod hex_list {
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &[u64], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(v.iter().map(|x| format!("{x:016x}")))
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u64>, D::Error> {
        let strings: Vec<String> = Vec::deserialize(d)?;
        let mut v = strings
            .iter()
            .map(|s| u64::from_str_radix(s, 16).map_err(serde::de::Error::custom))
            .collect::<Result<Vec<u64>, _>>()?;
        v.sort_unstable();
        Ok(v)
    }
}

/// A finding's fingerprint as a number (0 if it is not hex, which findings never are).
pub(crate) fn fingerprint_value(hex: &str) -> u64 {
    u64::from_str_radix(hex, 16).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_difference() {
        assert_eq!(introduced_removed(&[], &[]), (0, 0));
        assert_eq!(introduced_removed(&[1, 2, 3], &[2, 3, 4, 5]), (2, 1));
        assert_eq!(introduced_removed(&[1, 1, 2], &[1, 2, 2]), (1, 1));
        assert_eq!(introduced_removed(&[7], &[]), (0, 1));
    }

    #[test]
    fn directories() {
        assert_eq!(directory_of("a.ts", 2), ".");
        assert_eq!(directory_of("src/a.ts", 2), "src");
        assert_eq!(directory_of("apps/web/src/x/a.ts", 2), "apps/web");
        assert_eq!(directory_of("apps/web/src/x/a.ts", 3), "apps/web/src");
        assert_eq!(directory_of("apps/web/src/x/a.ts", 0), "apps");
    }

    fn finding(rule: &str, sev: Severity, adr: &str, file: &str, fp: u64) -> Finding {
        let mut f = Finding::for_test(rule, adr, file, 1, fp);
        f.severity = sev;
        f
    }

    #[test]
    fn builder_counts_by_every_axis() {
        let mut b = SampleBuilder::new(1, 0);
        b.add(&finding("a/one", Severity::Error, "ADR-1", "src/x.ts", 9));
        b.add(&finding("a/two", Severity::Info, "", "src/y.ts", 3));
        b.add(&finding("a/two", Severity::Info, "", "z.ts", 5));
        let s = b.finish();
        assert_eq!(s.findings, 3);
        assert_eq!(s.by_severity.error, 1);
        assert_eq!(s.by_severity.info, 2);
        assert_eq!(s.by_adr["ADR-1"], 1);
        assert_eq!(s.by_adr[NO_ADR], 2);
        assert_eq!(s.by_directory["src"], 2);
        assert_eq!(s.by_directory["."], 1);
        assert_eq!(s.fingerprints, vec![3, 5, 9]);
        assert_eq!(s.by_rule["a/two"], 2);
        let json = serde_json::to_string(&s).unwrap();
        let back: Sample = serde_json::from_str(&json).unwrap();
        assert_eq!(back.fingerprints, s.fingerprints);
    }
}
