//! Rust test code that lives in a file of its own: `#[cfg(test)] mod tests;` in `foo.rs` (or
//! `foo/mod.rs`, `lib.rs`, `main.rs`) makes `foo/tests.rs` test code, and every module below a
//! test module is test code too. Read from the declaring file on disk, only for files that have
//! findings of a rule with `tests = "exclude"`/`"only"`.

use std::path::{Path, PathBuf};

/// The module name of a Rust file and the files that may declare it (`a/b/c.rs` and
/// `a/b/c/mod.rs` are module `c`, declared in `a/b/mod.rs`, `a/b.rs`, `a/b/lib.rs` or
/// `a/b/main.rs`).
fn declarers(path: &Path) -> Option<(String, Vec<PathBuf>)> {
    let stem = path.file_stem()?.to_str()?;
    let (name, dir) = if stem == "mod" {
        let d = path.parent()?;
        (d.file_name()?.to_str()?.to_string(), d.parent()?)
    } else if stem == "lib" || stem == "main" {
        return None;
    } else {
        (stem.to_string(), path.parent()?)
    };
    let mut v = vec![dir.join("mod.rs"), dir.join("lib.rs"), dir.join("main.rs")];
    if let (Some(parent), Some(base)) = (dir.parent(), dir.file_name()) {
        v.push(parent.join(format!("{}.rs", base.to_string_lossy())));
    }
    Some((name, v))
}

/// Whether `attr` (one attribute line) is `#[cfg(test)]` or a `cfg` that needs `test`
/// (`cfg(all(test, feature = "x"))`; not `cfg(not(test))`).
fn is_cfg_test(attr: &str) -> bool {
    let a: String = attr.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(inner) = a.strip_prefix("#[cfg(").and_then(|r| r.strip_suffix(")]")) else {
        return false;
    };
    if inner == "test" {
        return true;
    }
    inner
        .strip_prefix("all(")
        .is_some_and(|r| r.trim_end_matches(')').split(',').any(|p| p == "test"))
}

/// How the declaring file declares module `name`: `Some(true)` under `#[cfg(test)]`,
/// `Some(false)` without, `None` when it does not declare it.
fn declaration(text: &str, name: &str) -> Option<bool> {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        // `mod name;`, `pub mod name;`, `pub(crate) mod name;`
        let decl = t
            .strip_suffix(';')
            .and_then(|t| t.rsplit_once("mod "))
            .is_some_and(|(vis, n)| {
                n.trim() == name && (vis.is_empty() || vis.trim_end().starts_with("pub"))
            });
        if !decl {
            continue;
        }
        // the attributes just above (and one on the same line)
        if t.starts_with("#[") && is_cfg_test(&t[..t.find(']').map_or(t.len(), |e| e + 1)]) {
            return Some(true);
        }
        let mut j = i;
        while j > 0 {
            j -= 1;
            let a = lines[j].trim();
            if a.starts_with("#[") {
                if is_cfg_test(a) {
                    return Some(true);
                }
            } else if !(a.starts_with("//") || a.is_empty()) {
                break;
            }
        }
        return Some(false);
    }
    None
}

/// Whether the Rust file at `path` is a module declared under `#[cfg(test)]`, or below one.
pub(crate) fn is_test_module(path: &Path) -> bool {
    let mut path = path.to_path_buf();
    // a few levels: `foo/tests.rs` declared in `foo.rs`, `foo/tests/helpers.rs` in `foo/tests.rs`
    for _ in 0..6 {
        let Some((name, candidates)) = declarers(&path) else {
            return false;
        };
        let mut next = None;
        for c in candidates {
            let Ok(text) = crate::core::safe_read::read_regular_string(&c, 4 << 20) else {
                continue;
            };
            match declaration(&text, &name) {
                Some(true) => return true,
                Some(false) => {
                    next = Some(c);
                    break;
                }
                None => {}
            }
        }
        match next {
            Some(p) => path = p,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cfg_test_declarations() {
        assert_eq!(
            declaration("#[cfg(test)]\nmod tests;\n", "tests"),
            Some(true)
        );
        assert_eq!(
            declaration(
                "#[cfg(test)]\n// the tests\n#[path = \"t.rs\"]\npub(crate) mod tests;\n",
                "tests"
            ),
            Some(true)
        );
        assert_eq!(
            declaration(
                "#[cfg(all(test, feature = \"x\"))]\nmod fixtures;\n",
                "fixtures"
            ),
            Some(true)
        );
        // near-misses: not under cfg(test), cfg(not(test)), another module, an inline module
        assert_eq!(declaration("mod tests;\n", "tests"), Some(false));
        assert_eq!(
            declaration("#[cfg(not(test))]\nmod tests;\n", "tests"),
            Some(false)
        );
        assert_eq!(
            declaration("#[cfg(test)]\nmod other;\nmod tests;\n", "tests"),
            Some(false)
        );
        assert_eq!(declaration("#[cfg(test)]\nmod tests {\n}\n", "tests"), None);
    }

    #[test]
    fn declaring_files() {
        let (n, c) = declarers(Path::new("src/a/tests.rs")).unwrap();
        assert_eq!(n, "tests");
        assert!(c.contains(&PathBuf::from("src/a/mod.rs")));
        assert!(c.contains(&PathBuf::from("src/a.rs")));
        let (n, c) = declarers(Path::new("src/a/tests/mod.rs")).unwrap();
        assert_eq!(n, "tests");
        assert!(c.contains(&PathBuf::from("src/a.rs")));
        assert!(declarers(Path::new("src/lib.rs")).is_none());
    }
}
