//! The cross-file stage of `competing-solutions`: usage facts in, the split per concern (and per
//! package with `per = "package"`) counted in files, findings out. The output depends only on
//! the set of facts: every order is a sort by (file, line, column).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use crate::core::{stable_hash, Finding, Related};
use crate::rules::fact::{Fact, FileFact};

use super::{CompetingSolutions, Per};

/// Most places listed in one finding's `related`.
const MAX_RELATED: usize = 100;

/// The first usage of one alternative in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Place {
    file: String,
    line: usize,
    column: usize,
    byte_start: usize,
    byte_end: usize,
    matched: String,
}

/// `(group, concern)` → alternative → file → its first usage.
type Split = BTreeMap<(String, String), BTreeMap<String, BTreeMap<String, Place>>>;

pub(super) fn findings(
    rule: &CompetingSolutions,
    facts: Vec<FileFact>,
    template: &Finding,
) -> Vec<Finding> {
    let mut packages = PackageDirs::new(&rule.root);
    let mut split: Split = BTreeMap::new();
    // the sanctioned wrappers' usages: not counted, but where `chosen` help may point
    let mut sanctioned: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for f in facts {
        let Fact::Usage {
            concern,
            alternative,
        } = f.fact
        else {
            continue;
        };
        if rule.allow_in.as_ref().is_some_and(|g| g.is_match(&f.file)) {
            sanctioned
                .entry((concern, alternative))
                .or_default()
                .insert(f.file);
            continue;
        }
        let group = match rule.per {
            Per::Repository => String::new(),
            Per::Package => packages.of(&f.file),
        };
        let place = Place {
            file: f.file.clone(),
            line: f.line,
            column: f.column,
            byte_start: f.byte_start,
            byte_end: f.byte_end,
            matched: f.matched,
        };
        let slot = split
            .entry((group, concern))
            .or_default()
            .entry(alternative)
            .or_default()
            .entry(f.file)
            .or_insert_with(|| place.clone());
        if place < *slot {
            *slot = place;
        }
    }
    let mut out = Vec::new();
    for ((group, key), by_alt) in &split {
        let Some(concern) = rule.concerns.iter().find(|c| &c.key == key) else {
            continue;
        };
        let order = |name: &str| {
            concern
                .alternatives
                .iter()
                .position(|a| a.name == name)
                .unwrap_or(usize::MAX)
        };
        // alternatives by files, most first; a tie goes to the earlier in the concern's list
        let mut ranked: Vec<(&String, &BTreeMap<String, Place>)> = by_alt.iter().collect();
        ranked.sort_by_key(|(name, files)| (std::cmp::Reverse(files.len()), order(name)));
        let split_text = ranked
            .iter()
            .enumerate()
            .map(|(i, (name, files))| {
                let n = files.len();
                if i == 0 {
                    format!("{name} in {n} file{}", if n == 1 { "" } else { "s" })
                } else {
                    format!("{name} in {n}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        let scope = if group.is_empty() {
            String::new()
        } else {
            format!(" in `{group}`")
        };
        match concern.chosen {
            Some(ci) => {
                let chosen = &concern.alternatives[ci].name;
                let mut chosen_files: BTreeSet<&str> = by_alt
                    .get(chosen)
                    .map(|m| m.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                if let Some(s) = sanctioned.get(&(key.clone(), chosen.clone())) {
                    chosen_files.extend(s.iter().map(String::as_str));
                }
                for (name, files) in by_alt {
                    if name == chosen {
                        continue;
                    }
                    for place in files.values() {
                        let what = format!(
                            "`{name}` where the ADR chose `{chosen}` for {}",
                            concern.label
                        );
                        let near = nearest(&place.file, &chosen_files);
                        let help = match near {
                            Some(f) => format!("Use `{chosen}` instead, as `{f}` already does."),
                            None => format!("Use `{chosen}` instead (nothing uses it yet)."),
                        };
                        let related = near
                            .map(|f| {
                                let p = by_alt.get(chosen).and_then(|m| m.get(f));
                                Related {
                                    file: f.to_string(),
                                    line: p.map_or(1, |p| p.line),
                                    column: p.map_or(1, |p| p.column),
                                    message: format!("`{chosen}` is used here"),
                                }
                            })
                            .into_iter()
                            .collect();
                        out.push(finding(
                            template,
                            place,
                            Vars {
                                what,
                                name,
                                concern: &concern.label,
                                split: &split_text,
                                chosen,
                            },
                            help,
                            related,
                            key,
                        ));
                    }
                }
            }
            None => {
                if ranked.len() < 2 {
                    continue;
                }
                let majority = ranked[0].0;
                let everyone: Vec<&Place> = {
                    let mut v: Vec<&Place> = by_alt.values().flat_map(|m| m.values()).collect();
                    v.sort();
                    v
                };
                for (name, files) in &ranked[1..] {
                    for place in files.values() {
                        let what =
                            format!("{} {}{scope}: {split_text}", ranked.len(), concern.label);
                        let adr = if template.adr.id.is_empty() {
                            "an ADR".to_string()
                        } else {
                            template.adr.id.clone()
                        };
                        let help = format!(
                            "`{name}` is the minority here; most of the code uses `{majority}` ({} files). {adr} should pick one (`chosen = [\"{majority}\"]` turns every other usage into a finding).",
                            ranked[0].1.len()
                        );
                        let related = everyone
                            .iter()
                            .filter(|p| p.file != place.file)
                            .take(MAX_RELATED)
                            .map(|p| Related {
                                file: p.file.clone(),
                                line: p.line,
                                column: p.column,
                                message: format!("`{}` is used here", p.matched),
                            })
                            .collect();
                        out.push(finding(
                            template,
                            place,
                            Vars {
                                what,
                                name,
                                concern: &concern.label,
                                split: &split_text,
                                chosen: "",
                            },
                            help,
                            related,
                            key,
                        ));
                    }
                }
            }
        }
    }
    out
}

struct Vars<'a> {
    what: String,
    name: &'a str,
    concern: &'a str,
    split: &'a str,
    chosen: &'a str,
}

fn finding(
    template: &Finding,
    place: &Place,
    vars: Vars<'_>,
    help: String,
    related: Vec<Related>,
    concern_key: &str,
) -> Finding {
    let fill = |t: &str| {
        t.replace("{what}", &vars.what)
            .replace("{concern}", vars.concern)
            .replace("{split}", vars.split)
            .replace("{chosen}", vars.chosen)
            .replace("{match}", vars.name)
    };
    let mut f = template.clone();
    f.file = place.file.clone();
    f.line = place.line;
    f.column = place.column;
    f.end_line = place.line;
    f.end_column = place.column + place.matched.chars().count();
    f.byte_start = place.byte_start;
    f.byte_end = place.byte_end;
    f.matched = place.matched.clone();
    f.message = fill(&template.message);
    let rule_help = template.help.as_deref().map(fill);
    f.help = Some(match rule_help {
        Some(h) => format!("{help} {h}"),
        None => help,
    });
    f.related = related;
    f.fingerprint = format!(
        "{:016x}",
        stable_hash(&[
            &template.rule,
            "competing-solutions",
            &place.file,
            concern_key,
            vars.name
        ])
    );
    f
}

/// The file of `files` nearest to `file`: fewest folder steps between them, then by path.
fn nearest<'a>(file: &str, files: &BTreeSet<&'a str>) -> Option<&'a str> {
    let dirs = |p: &str| -> Vec<String> {
        let mut v: Vec<String> = p.split('/').map(String::from).collect();
        v.pop();
        v
    };
    let here = dirs(file);
    files
        .iter()
        .map(|f| {
            let there = dirs(f);
            let common = here.iter().zip(&there).take_while(|(a, b)| a == b).count();
            ((here.len() - common) + (there.len() - common), *f)
        })
        .min()
        .map(|(_, f)| f)
}

/// Nearest folder with a `package.json` or `Cargo.toml` above a file (`""`: the root), cached.
struct PackageDirs<'r> {
    root: &'r Path,
    known: HashMap<String, String>,
}

impl<'r> PackageDirs<'r> {
    fn new(root: &'r Path) -> Self {
        PackageDirs {
            root,
            known: HashMap::new(),
        }
    }

    fn of(&mut self, file: &str) -> String {
        let mut dir = match file.rsplit_once('/') {
            Some((d, _)) => d.to_string(),
            None => return String::new(),
        };
        let mut seen = Vec::new();
        let found = loop {
            if let Some(k) = self.known.get(&dir) {
                break k.clone();
            }
            seen.push(dir.clone());
            let abs = self.root.join(&dir);
            if crate::core::safe_read::is_file(&abs.join("package.json"))
                || crate::core::safe_read::is_file(&abs.join("Cargo.toml"))
            {
                break dir.clone();
            }
            match dir.rsplit_once('/') {
                Some((d, _)) => dir = d.to_string(),
                None => break String::new(),
            }
        };
        for d in seen {
            self.known.insert(d, found.clone());
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_file_by_folder_steps() {
        let files: BTreeSet<&str> = ["apps/web/lib/http.ts", "apps/api/src/client.ts", "x.ts"]
            .into_iter()
            .collect();
        assert_eq!(
            nearest("apps/web/features/a.ts", &files),
            Some("apps/web/lib/http.ts")
        );
        assert_eq!(nearest("y.ts", &files), Some("x.ts"));
        assert_eq!(nearest("y.ts", &BTreeSet::new()), None);
    }
}
