//! ADR-native rules and ADR status.
//!
//! An ADR document may hold its own rules: a fenced block marked `archdrift` with `[[rule]]`
//! tables. Those rules cite the ADR they sit in (id and title from the document) unless they say
//! otherwise. The status line of an ADR (MADR or Nygard) then drives every rule citing it:
//! Proposed → findings are warnings, Accepted → as declared, Deprecated / Superseded / Rejected →
//! the rule is retired (not run) and says by what.

pub(crate) mod document;

use std::path::Path;

use crate::adr::document::{self as adr, AdrDoc};
use crate::core::Adr;
use crate::core::{ConfigError, Fields};

/// Where ADRs are looked for when `[adr].paths` is not set.
pub(crate) const DEFAULT_DIRS: &[&str] = &[
    "docs/adr",
    "doc/adr",
    "adr",
    "docs/decisions",
    "docs/architecture/decisions",
];

/// Largest ADR document read (bytes).
pub(crate) const MAX_ADR_BYTES: u64 = 1 << 20;

/// The ADR side of a configuration.
#[derive(Debug, Default)]
pub(crate) struct AdrState {
    /// `[adr].paths` (None: the default folders that exist).
    pub(crate) dirs: Option<Vec<String>>,
    /// The ADR documents found, sorted by path.
    pub(crate) docs: Vec<AdrFile>,
    /// Rules not run because their ADR is deprecated, superseded or rejected.
    pub(crate) retired: Vec<Retired>,
}

/// One ADR document.
#[derive(Clone, Debug, Default)]
pub(crate) struct AdrFile {
    /// Path relative to the root, with `/`.
    pub(crate) rel: String,
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) status: Option<String>,
    /// The document with everything outside its ```archdrift blocks blanked (same byte offsets,
    /// so diagnostics point at the right line); None without such a block.
    pub(crate) rules_text: Option<String>,
}

impl AdrFile {
    pub(crate) fn adr(&self) -> Adr {
        Adr {
            id: self.id.clone(),
            title: self.title.clone(),
            path: Some(self.rel.clone()),
            url: None,
        }
    }
}

/// A rule its ADR's status switched off.
#[derive(Clone, Debug)]
pub(crate) struct Retired {
    pub(crate) id: String,
    pub(crate) adr: Adr,
    pub(crate) status: String,
    /// What replaced the decision (`Superseded by ADR-0009`), when the status says.
    pub(crate) by: Option<String>,
    pub(crate) defined_at: String,
}

/// What an ADR's status does to its rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Findings are warnings (errors are downgraded).
    Warn,
    /// As declared.
    Enforce,
    /// Not run; `by` says what replaced it.
    Retire { by: Option<String> },
}

/// Maps a `Status:` value to what it does to rules.
pub(crate) fn effect(status: &str) -> Effect {
    let s = status.trim().trim_matches(['*', '_', '`']).trim();
    let lower = s.to_lowercase();
    let word = lower
        .split(|c: char| !c.is_alphabetic())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    match word {
        "proposed" | "draft" | "proposal" => Effect::Warn,
        "superseded" | "deprecated" | "rejected" | "obsolete" | "retired" => {
            let by = lower
                .find(" by ")
                .map(|i| s[i + 4..].trim().trim_end_matches('.').trim().to_string());
            Effect::Retire {
                by: by.filter(|b| !b.is_empty()),
            }
        }
        _ => Effect::Enforce,
    }
}

/// The keys of `[adr]`.
pub(crate) const SETTINGS_FIELDS: &[&str] = &["paths"];

/// Reads `[adr]`: `paths = ["docs/adr", …]`.
pub(crate) fn parse_settings(f: &Fields<'_, '_>) -> Result<Option<Vec<String>>, ConfigError> {
    let paths = f
        .str_list("paths")?
        .map(|v| v.into_iter().map(|s| s.into_inner()).collect());
    f.finish(SETTINGS_FIELDS)?;
    Ok(paths)
}

/// The ADR documents (`*.md`) in the ADR folders, sorted by path.
pub(crate) fn discover(root: &Path, dirs: &Option<Vec<String>>) -> Vec<AdrFile> {
    let dirs: Vec<String> = match dirs {
        Some(d) => d.clone(),
        None => DEFAULT_DIRS.iter().map(|s| s.to_string()).collect(),
    };
    let mut out = Vec::new();
    for d in dirs {
        let d = d.trim_matches('/');
        let Ok(rd) = std::fs::read_dir(root.join(d)) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            let is_md = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("md"));
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            let small = e.metadata().is_ok_and(|m| m.len() <= MAX_ADR_BYTES);
            if !(is_md && is_file && small) {
                continue;
            }
            let Ok(text) = crate::core::safe_read::read_regular_string(&path, MAX_ADR_BYTES) else {
                continue;
            };
            let name = e.file_name().to_string_lossy().to_string();
            if name.eq_ignore_ascii_case("README.md") || name.eq_ignore_ascii_case("index.md") {
                continue;
            }
            out.push(read_adr(&format!("{d}/{name}"), &text));
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.dedup_by(|a, b| a.rel == b.rel);
    out
}

/// An ADR document's identity, status and rules.
pub(crate) fn read_adr(rel: &str, text: &str) -> AdrFile {
    let doc = adr::parse(text);
    let stem = rel
        .rsplit('/')
        .next()
        .unwrap_or(rel)
        .trim_end_matches(".md")
        .trim_end_matches(".MD");
    let (id, title) = identity(stem, &doc);
    AdrFile {
        rel: rel.to_string(),
        id,
        title,
        status: doc.status.clone(),
        rules_text: rules_text(text),
    }
}

/// `# ADR-0002: Logging` → (`ADR-0002`, `Logging`); `0007-use-tokens.md` with `# 7. Use tokens`
/// → (`ADR-0007`, `Use tokens`); otherwise the file name and the heading.
fn identity(stem: &str, doc: &AdrDoc) -> (String, String) {
    let heading = doc.title.clone().unwrap_or_default();
    let h = heading.trim();
    // `get`: the first three bytes may end inside a character (`# Ññ…`)
    if let Some(rest) = h
        .get(..3)
        .filter(|p| h.len() > 3 && p.eq_ignore_ascii_case("adr"))
        .and_then(|_| h.get(3..))
    {
        let rest = rest.trim_start_matches(['-', '_', ' ']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            let title = rest[digits.len()..]
                .trim_start_matches([':', '.', '-', ' ', '—', '–'])
                .trim();
            return (format!("ADR-{digits}"), title.to_string());
        }
    }
    let file_digits: String = stem.chars().take_while(char::is_ascii_digit).collect();
    let strip_number = |h: &str| -> String {
        let d: String = h.chars().take_while(char::is_ascii_digit).collect();
        h[d.len()..]
            .trim_start_matches([':', '.', '-', ' ', '—', '–'])
            .trim()
            .to_string()
    };
    if !file_digits.is_empty() {
        let title = if h.is_empty() {
            stem[file_digits.len()..]
                .trim_matches(['-', '_'])
                .replace(['-', '_'], " ")
        } else {
            strip_number(h)
        };
        return (format!("ADR-{file_digits}"), title);
    }
    let title = if h.is_empty() {
        stem.to_string()
    } else {
        h.to_string()
    };
    (stem.to_string(), title)
}

/// The document with every byte outside ```archdrift fenced blocks replaced by a space (line
/// breaks kept), or None when there is no such block.
pub(crate) fn rules_text(md: &str) -> Option<String> {
    let mut out = String::with_capacity(md.len());
    let mut in_block: Option<(char, usize)> = None;
    let mut any = false;
    for line in md.split_inclusive('\n') {
        let t = line.trim_start();
        let fence = |t: &str| -> Option<(char, usize)> {
            let c = t.chars().next()?;
            if c != '`' && c != '~' {
                return None;
            }
            let n = t.chars().take_while(|x| *x == c).count();
            (n >= 3).then_some((c, n))
        };
        let keep = match in_block {
            Some((c, n)) => {
                if fence(t).is_some_and(|(fc, fnn)| fc == c && fnn >= n)
                    && t.trim_end().chars().all(|x| x == c)
                {
                    in_block = None;
                    false
                } else {
                    true
                }
            }
            None => {
                if let Some((c, n)) = fence(t) {
                    let info = t[n * c.len_utf8()..].trim();
                    let lang = info.split([' ', '{', ',']).next().unwrap_or("");
                    if lang.eq_ignore_ascii_case("archdrift") {
                        in_block = Some((c, n));
                        any = true;
                    }
                }
                false
            }
        };
        if keep {
            out.push_str(line);
        } else {
            for ch in line.chars() {
                if ch == '\n' || ch == '\r' {
                    out.push(ch);
                } else {
                    out.extend(std::iter::repeat_n(' ', ch.len_utf8()));
                }
            }
        }
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_effects() {
        assert_eq!(effect("Accepted"), Effect::Enforce);
        assert_eq!(effect("**Proposed**"), Effect::Warn);
        assert_eq!(effect("Draft (2024-01-02)"), Effect::Warn);
        assert_eq!(
            effect("Superseded by ADR-0009."),
            Effect::Retire {
                by: Some("ADR-0009".into())
            }
        );
        assert_eq!(
            effect("superseded by [ADR-9](0009-tokens.md)"),
            Effect::Retire {
                by: Some("[ADR-9](0009-tokens.md)".into())
            }
        );
        assert_eq!(effect("Deprecated"), Effect::Retire { by: None });
        assert_eq!(effect("whatever"), Effect::Enforce);
    }

    #[test]
    fn identities() {
        let a = read_adr(
            "docs/adr/0002-logging.md",
            "# ADR-0002: Structured logging\n",
        );
        assert_eq!(
            (a.id.as_str(), a.title.as_str()),
            ("ADR-0002", "Structured logging")
        );
        let b = read_adr("docs/adr/0007-use-tokens.md", "# 7. Use design tokens\n");
        assert_eq!(
            (b.id.as_str(), b.title.as_str()),
            ("ADR-0007", "Use design tokens")
        );
        let c = read_adr("adr/logging.md", "no heading\n");
        assert_eq!((c.id.as_str(), c.title.as_str()), ("logging", "logging"));
        // a heading whose third byte falls inside a character
        let d = read_adr("adr/0003-ñ.md", "# Ññ decisions\n");
        assert_eq!(d.title.as_str(), "Ññ decisions");
    }

    #[test]
    fn only_archdrift_blocks_are_kept_with_offsets() {
        let md = "# ADR\n\n```toml\nx = 1\n```\n\n```archdrift\n[[rule]]\nid = \"a\"\n```\ntext é\n~~~~ archdrift\n[[rule]]\n~~~~\n";
        let t = rules_text(md).unwrap();
        assert_eq!(t.len(), md.len());
        assert_eq!(t.lines().count(), md.lines().count());
        let kept: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        assert_eq!(kept, vec!["[[rule]]", "id = \"a\"", "[[rule]]"]);
        assert_eq!(t.find("id = \"a\""), md.find("id = \"a\""));
        assert!(rules_text("# ADR\n```toml\n[[rule]]\n```\n").is_none());
    }
}
