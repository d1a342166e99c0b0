//! Where an ADR's link in `trend.md` and `trend.html` points: its URL; else `--adr-base` + its
//! path; else its file on disk, relative to the output directory, when that file exists.

use std::path::{Component, Path, PathBuf};

use super::model::AdrInfo;

pub(crate) struct AdrLinks {
    base: Option<String>,
    /// The output directory and the directory ADR paths are relative to, both canonical.
    out: Option<PathBuf>,
    root: Option<PathBuf>,
}

impl AdrLinks {
    /// `out` must exist already.
    pub(crate) fn new(base: Option<String>, out: &Path, root: Option<&Path>) -> Self {
        AdrLinks {
            base,
            out: std::fs::canonicalize(out).ok(),
            root: root.and_then(|r| std::fs::canonicalize(r).ok()),
        }
    }

    pub(crate) fn link(&self, adr: &AdrInfo) -> Option<String> {
        if let Some(u) = &adr.url {
            return Some(u.clone());
        }
        let path = adr.path.as_deref()?;
        if let Some(b) = &self.base {
            let sep = if b.ends_with('/') { "" } else { "/" };
            return Some(format!("{b}{sep}{}", path.trim_start_matches("./")));
        }
        let (out, root) = (self.out.as_ref()?, self.root.as_ref()?);
        let target = std::fs::canonicalize(root.join(path)).ok()?;
        Some(relative_link(out, &target))
    }
}

/// A `/`-separated relative path from directory `from` to `to` (both absolute).
fn relative_link(from: &Path, to: &Path) -> String {
    let a: Vec<Component> = from.components().collect();
    let b: Vec<Component> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".to_string(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links() {
        assert_eq!(
            relative_link(Path::new("/r/out"), Path::new("/r/docs/adr/1.md")),
            "../docs/adr/1.md"
        );
        assert_eq!(
            relative_link(Path::new("/r"), Path::new("/r/docs/1.md")),
            "docs/1.md"
        );
    }

    #[test]
    fn url_then_base_then_file() {
        let adr = AdrInfo {
            id: "ADR-1".into(),
            title: String::new(),
            path: Some("docs/adr/1.md".into()),
            url: None,
        };
        let l = AdrLinks::new(
            Some("https://x.test/blob/main".into()),
            Path::new("/nonexistent"),
            None,
        );
        assert_eq!(
            l.link(&adr).unwrap(),
            "https://x.test/blob/main/docs/adr/1.md"
        );
        let l = AdrLinks::new(None, Path::new("/nonexistent"), None);
        assert_eq!(l.link(&adr), None);
        let with_url = AdrInfo {
            url: Some("https://adr.test/1".into()),
            path: None,
            ..adr
        };
        assert_eq!(l.link(&with_url).unwrap(), "https://adr.test/1");
    }
}
