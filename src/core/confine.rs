//! Paths written in configuration (`include`, ADR `path` and `[adr].paths`, tokens files,
//! `config_files`, design-system `index`) must stay inside one base directory: the checked root,
//! which is the directory of `archdrift.toml` (also of a `--config` file outside the repository).
//! An absolute path, a `..` that climbs above the base, or a symbolic link that resolves outside
//! it is refused with a sentence naming the path — never the content of what it points at.
//!
//! A leaf module: it uses only the standard library, so it can move.

use std::path::{Component, Path, PathBuf};

/// `base` joined with the relative path `rel` from the configuration, or why it is refused.
/// A path that does not exist (yet) is accepted when the part of it that exists is inside.
pub(crate) fn inside(base: &Path, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    let absolute = p.is_absolute()
        || rel.starts_with('/')
        || rel.starts_with('\\')
        || p.components()
            .any(|c| matches!(c, Component::Prefix(_) | Component::RootDir));
    if absolute {
        return Err(format!(
            "`{rel}` is an absolute path; paths in the configuration are relative to {}",
            base.display()
        ));
    }
    let mut depth: usize = 0;
    for c in p.components() {
        match c {
            Component::ParentDir => {
                if depth == 0 {
                    return Err(format!(
                        "`{rel}` leads outside {} (`..`); paths in the configuration stay inside it",
                        base.display()
                    ));
                }
                depth -= 1;
            }
            Component::Normal(_) => depth += 1,
            _ => {}
        }
    }
    let joined = base.join(p);
    let base_real = std::fs::canonicalize(base).unwrap_or_else(|_| base.to_path_buf());
    // the deepest part of the path that exists decides where it really leads
    let mut probe: Option<&Path> = Some(&joined);
    while let Some(q) = probe {
        if std::fs::symlink_metadata(q).is_ok() {
            let real = std::fs::canonicalize(q).map_err(|e| {
                format!("`{rel}` cannot be resolved: {e} (a dangling or looping link?)")
            })?;
            if !real.starts_with(&base_real) {
                return Err(format!(
                    "`{rel}` is a symbolic link (or lies below one) that leads outside {}",
                    base.display()
                ));
            }
            break;
        }
        probe = q.parent();
    }
    Ok(joined)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_inside_are_accepted_escapes_refused() {
        let d = tempfile::tempdir().unwrap();
        let base = d.path();
        std::fs::create_dir_all(base.join("a/b")).unwrap();
        assert_eq!(inside(base, "a/b").unwrap(), base.join("a/b"));
        assert!(inside(base, "a/../a/b/new.toml").is_ok());
        assert!(inside(base, "not/yet/there").is_ok());
        for bad in ["/etc/passwd", "../x", "a/../../x", "/proc/self/environ"] {
            let e = inside(base, bad).unwrap_err();
            assert!(e.contains(bad), "{e}");
        }
        #[cfg(unix)]
        {
            let outside = tempfile::tempdir().unwrap();
            std::fs::write(outside.path().join("secret"), "s3cr3t").unwrap();
            std::os::unix::fs::symlink(outside.path(), base.join("out")).unwrap();
            std::os::unix::fs::symlink(outside.path().join("secret"), base.join("f")).unwrap();
            for bad in ["out", "out/secret", "f", "out/missing"] {
                let e = inside(base, bad).unwrap_err();
                assert!(e.contains("symbolic link") && !e.contains("s3cr3t"), "{e}");
            }
            std::os::unix::fs::symlink(base.join("a"), base.join("in")).unwrap();
            assert!(inside(base, "in/b").is_ok());
        }
    }
}
