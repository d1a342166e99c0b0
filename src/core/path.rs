//! Path helpers: the relative, `/`-separated form in which every layer names a file.

use std::path::Path;

/// Path of `p` relative to `root`, with `/` separators.
pub fn relative(root: &Path, p: &Path) -> String {
    p.strip_prefix(root)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}
