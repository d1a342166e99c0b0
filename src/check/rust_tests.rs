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

/// The attribute lines just above line `i` (comments and blank lines between them skipped),
/// plus an attribute that opens line `i` itself.
fn attrs_above<'a>(lines: &[&'a str], i: usize) -> Vec<&'a str> {
    let mut attrs = Vec::new();
    let t = lines[i].trim();
    if t.starts_with("#[") {
        attrs.push(&t[..t.find(']').map_or(t.len(), |e| e + 1)]);
    }
    let mut j = i;
    while j > 0 {
        j -= 1;
        let a = lines[j].trim();
        if a.starts_with("#[") {
            attrs.push(a);
        } else if !(a.starts_with("//") || a.is_empty()) {
            break;
        }
    }
    attrs
}

/// The module a line declares from a file of its own: `mod name;`, `pub mod name;`,
/// `pub(crate) mod name;` (not an inline `mod name { … }`).
fn declared_module(line: &str) -> Option<&str> {
    let (vis, n) = line.trim().strip_suffix(';')?.rsplit_once("mod ")?;
    let vis = vis.trim_end();
    let vis = vis[vis.rfind(']').map_or(0, |e| e + 1)..].trim();
    (vis.is_empty() || vis.starts_with("pub")).then(|| n.trim())
}

/// How the declaring file declares module `name`: `Some(true)` under `#[cfg(test)]`,
/// `Some(false)` without, `None` when it does not declare it.
fn declaration(text: &str, name: &str) -> Option<bool> {
    let lines: Vec<&str> = text.lines().collect();
    let i = lines
        .iter()
        .position(|l| declared_module(l) == Some(name))?;
    Some(attrs_above(&lines, i).iter().any(|a| is_cfg_test(a)))
}

/// The value of a `#[path = "…"]` attribute.
fn path_attr(attr: &str) -> Option<&str> {
    let inner = attr.strip_prefix("#[")?.strip_suffix(']')?.trim();
    let value = inner
        .strip_prefix("path")?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    value.strip_prefix('"')?.strip_suffix('"')
}

/// How `text` (a file in `dir`) declares the file `target` through `#[path = "…"]` (relative to
/// the declaring file's directory): `Some(true)` under `#[cfg(test)]`, `Some(false)` without,
/// `None` when no `#[path]` of it names `target`.
fn path_declaration(text: &str, dir: &Path, target: &Path) -> Option<bool> {
    if !text.contains("#[path") {
        return None;
    }
    let lines: Vec<&str> = text.lines().collect();
    for i in 0..lines.len() {
        if declared_module(lines[i]).is_none() {
            continue;
        }
        let attrs = attrs_above(&lines, i);
        let names_target = attrs
            .iter()
            .filter_map(|a| path_attr(a))
            .any(|p| crate::core::path::normalize(&dir.join(p)) == target);
        if names_target {
            return Some(attrs.iter().any(|a| is_cfg_test(a)));
        }
    }
    None
}

/// The file that declares `path` with `#[path]`, and whether under `#[cfg(test)]`: looked for
/// among the Rust files of its own directory and of the two above it (a test file is usually
/// next to its module or in a `unit/`/`tests/` folder below it); at most 256 files a directory.
fn path_declares(path: &Path) -> Option<(bool, PathBuf)> {
    let target = crate::core::path::normalize(path);
    let mut dir = target.parent();
    for _ in 0..3 {
        let d = dir?;
        let mut files: Vec<PathBuf> = std::fs::read_dir(d)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "rs") && *p != target)
            .take(256)
            .collect();
        files.sort();
        for f in files {
            let Ok(text) = crate::core::safe_read::read_regular_string(&f, 4 << 20) else {
                continue;
            };
            if let Some(t) = path_declaration(&text, d, &target) {
                return Some((t, f));
            }
        }
        dir = d.parent();
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
        // else `#[cfg(test)] #[path = "unit/foo_tests.rs"] mod foo_tests;` in a file nearby
        match next.map(|p| (false, p)).or_else(|| path_declares(&path)) {
            Some((true, _)) => return true,
            Some((false, p)) => path = p,
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
    fn path_attribute_declarations() {
        let dir = Path::new("crates/s/src");
        let target = Path::new("crates/s/src/unit/pty_tests.rs");
        let decl = "#[cfg(test)]\n#[path = \"./unit/pty_tests.rs\"]\nmod pty_tests;\n";
        assert_eq!(path_declaration(decl, dir, target), Some(true));
        // the attributes in the other order, a comment between, another module name
        let decl = "// the unit tests\n#[path = \"unit/pty_tests.rs\"]\n#[cfg(test)]\nmod tests;\n";
        assert_eq!(path_declaration(decl, dir, target), Some(true));
        // `..` in the path, from a directory below
        let decl = "#[cfg(test)]\n#[path = \"../unit/pty_tests.rs\"]\nmod t;\n";
        assert_eq!(
            path_declaration(decl, Path::new("crates/s/src/pty"), target),
            Some(true)
        );
        // near-misses: a platform module with a path (not test code), a path to another
        // file, `cfg(test)` on the module before it, a path attribute on an inline module
        let platform = "#[cfg(not(windows))]\n#[path = \"unit/pty_tests.rs\"]\nmod sys;\n";
        assert_eq!(path_declaration(platform, dir, target), Some(false));
        let other = "#[cfg(test)]\n#[path = \"unit/grid_tests.rs\"]\nmod grid_tests;\n";
        assert_eq!(path_declaration(other, dir, target), None);
        let before = "#[cfg(test)]\nmod a;\n#[path = \"unit/pty_tests.rs\"]\nmod b;\n";
        assert_eq!(path_declaration(before, dir, target), Some(false));
        let inline = "#[cfg(test)]\n#[path = \"unit/pty_tests.rs\"]\nmod t {}\n";
        assert_eq!(path_declaration(inline, dir, target), None);
    }

    #[test]
    fn test_modules_on_disk() {
        let d = tempfile::tempdir().unwrap();
        let src = d.path().join("src");
        std::fs::create_dir_all(src.join("unit")).unwrap();
        let put = |rel: &str, text: &str| std::fs::write(src.join(rel), text).unwrap();
        put(
            "lib.rs",
            "mod pty;\n#[cfg(windows)]\n#[path = \"sys_windows.rs\"]\nmod sys;\n",
        );
        put(
            "pty.rs",
            "pub fn f() {}\n#[cfg(test)]\n#[path = \"./unit/pty_tests.rs\"]\nmod pty_tests;\n",
        );
        put("unit/pty_tests.rs", "#[test]\nfn t() {}\n");
        put("sys_windows.rs", "pub fn g() {}\n");
        put("unit/orphan.rs", "pub fn h() {}\n");
        assert!(is_test_module(&src.join("unit/pty_tests.rs")));
        // near-misses: a module with a platform `#[path]`, the module that declares the
        // test file, a file nothing declares
        assert!(!is_test_module(&src.join("sys_windows.rs")));
        assert!(!is_test_module(&src.join("pty.rs")));
        assert!(!is_test_module(&src.join("unit/orphan.rs")));
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
