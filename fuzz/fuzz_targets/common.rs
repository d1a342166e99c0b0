// Shared by the fuzz targets (included with `#[path]`): the fixture directory copied into a
// temporary directory once per process.

use std::path::{Path, PathBuf};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A copy of `fixtures/react-monorepo` (a design system, tokens, ADRs, rule files) with the
/// shipped packs under `packs/`, in a temporary directory that lives as long as the process.
pub fn project() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let root = repo_root();
        copy_dir(&root.join("fixtures/react-monorepo"), tmp.path());
        copy_dir(&root.join("rules"), &tmp.path().join("packs"));
        tmp
    })
    .path()
}
