//! The rule packs shipped in `rules/`, built into the binary: `include = ["archdrift:ts-hygiene"]`
//! loads one by name, whatever the version of archdrift installed, without vendoring the file.
//! `archdrift rules --packs` lists them.

use crate::core::SourceFile;

/// What an `include` entry names a shipped pack with: `archdrift:<name>`.
pub(crate) const PREFIX: &str = "archdrift:";

/// A rule pack built into the binary.
pub(crate) struct Pack {
    pub(crate) name: &'static str,
    pub(crate) text: &'static str,
}

/// Every shipped pack, in the order `rules --packs` lists them.
pub(crate) const PACKS: &[Pack] = &[
    Pack {
        name: "ts-hygiene",
        text: include_str!("../../rules/ts-hygiene.toml"),
    },
    Pack {
        name: "rust-hygiene",
        text: include_str!("../../rules/rust-hygiene.toml"),
    },
    Pack {
        name: "react-design-system",
        text: include_str!("../../rules/react-design-system.toml"),
    },
    Pack {
        name: "hardcoded-config",
        text: include_str!("../../rules/hardcoded-config.toml"),
    },
    Pack {
        name: "layered-architecture",
        text: include_str!("../../rules/layered-architecture.toml"),
    },
];

impl Pack {
    /// The name an `include` uses: `archdrift:<name>`.
    pub(crate) fn include_name(&self) -> String {
        format!("{PREFIX}{}", self.name)
    }

    /// The pack as a configuration source (errors point into it by its include name).
    pub(crate) fn source(&self) -> SourceFile {
        SourceFile {
            name: self.include_name(),
            text: std::sync::Arc::new(self.text.to_string()),
        }
    }

    /// Number of `[[rule]]` tables.
    pub(crate) fn rule_count(&self) -> usize {
        self.text.lines().filter(|l| l.trim() == "[[rule]]").count()
    }

    /// The pack's one-line description: the first comment line after the title line.
    pub(crate) fn summary(&self) -> String {
        let mut lines = self
            .text
            .lines()
            .take_while(|l| l.starts_with('#'))
            .map(|l| l.trim_start_matches('#').trim());
        let first = lines.next().unwrap_or_default();
        // "archdrift rule pack: name" is a title; the description follows it
        let line = if first.starts_with("archdrift rule pack") {
            lines.find(|l| !l.is_empty()).unwrap_or_default()
        } else {
            first
        };
        line.to_string()
    }
}

/// The pack an include names (`archdrift:ts-hygiene`), or why there is none.
pub(crate) fn find(include: &str) -> Result<&'static Pack, String> {
    let name = include.strip_prefix(PREFIX).unwrap_or(include);
    let name = name.strip_suffix(".toml").unwrap_or(name);
    PACKS.iter().find(|p| p.name == name).ok_or_else(|| {
        let names: Vec<&str> = PACKS.iter().map(|p| p.name).collect();
        match crate::core::closest(name, &names) {
            Some(s) => format!("no shipped pack `{name}`; did you mean `{PREFIX}{s}`?"),
            None => format!(
                "no shipped pack `{name}`; the packs are: {}",
                names
                    .iter()
                    .map(|n| format!("{PREFIX}{n}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_file_is_a_pack() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/rules");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .map(|n| n.trim_end_matches(".toml").to_string())
            .collect();
        files.sort();
        let mut names: Vec<String> = PACKS.iter().map(|p| p.name.to_string()).collect();
        names.sort();
        assert_eq!(files, names);
        for p in PACKS {
            assert!(p.rule_count() > 0, "{}", p.name);
            assert!(!p.summary().is_empty(), "{}", p.name);
        }
    }

    #[test]
    fn names_resolve_with_a_suggestion() {
        assert_eq!(find("archdrift:ts-hygiene").unwrap().name, "ts-hygiene");
        let e = find("archdrift:ts-hygeine").err().unwrap();
        assert!(e.contains("did you mean `archdrift:ts-hygiene`"), "{e}");
    }
}
