//! Path helpers: the relative, `/`-separated form in which every layer names a file.

use std::path::{Component, Path, PathBuf};

/// `a/./b/../c` → `a/c`, without touching the file system (a `..` above the start is dropped).
pub(crate) fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Path of `p` relative to `root`, with `/` separators. On Unix a `\` is an ordinary character
/// of a file name and stays one; only Windows separators become `/`.
pub(crate) fn relative(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p).to_string_lossy();
    if cfg!(windows) {
        rel.replace('\\', "/")
    } else {
        rel.into_owned()
    }
}
