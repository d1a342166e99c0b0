//! Writes of archdrift's own state files (baseline, cache, its `.gitignore`, `trend --out`
//! reports) that never go through a symbolic link and never collide: the data goes to a temp
//! file with a unique name next to the target (created with `create_new` and `O_NOFOLLOW`),
//! is synced, then renamed over the target — two concurrent writers both succeed, the last
//! rename wins, a reader never sees half a file. A state directory inside the checked root must
//! not be, or lie below, a symbolic link, so a committed `.archdrift -> /elsewhere` link cannot
//! move archdrift's writes out of the repository. Temp files a crash left behind are removed
//! once they are old.
//!
//! A leaf module: it uses only the standard library and `libc`'s flag constants, so it can move.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// How old a temp file of ours must be before [`clean_stale_temps`] removes it.
pub(crate) const STALE_AFTER: Duration = Duration::from_secs(60 * 60);

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn refuse(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::PermissionDenied, msg)
}

fn is_symlink(p: &Path) -> bool {
    fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
}

/// A number that differs between processes and calls (no cryptographic claim).
fn random_ish() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    h.write_u128(nanos);
    h.write_u32(std::process::id());
    h.finish()
}

/// The temp file name for `target`'s file name: `NAME.PID.COUNTER.RANDOM.tmp`.
fn temp_name(file_name: &str) -> String {
    format!(
        "{file_name}.{}.{}.{:016x}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        random_ish()
    )
}

/// Whether `name` is a temp file name this module (or an earlier archdrift) creates:
/// `NAME.PID.COUNTER.HEX.tmp`, the cache's old `NAME.PID.tmp` and the baseline's old
/// `NAME.json.tmp`.
pub(crate) fn is_our_temp(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".tmp") else {
        return false;
    };
    let parts: Vec<&str> = stem.rsplitn(4, '.').collect();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let hex = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    if parts.len() == 4 && hex(parts[0]) && digits(parts[1]) && digits(parts[2]) {
        return true;
    }
    // older names: `files-v1.json.<pid>.tmp` (cache) and `baseline.json.tmp`
    (parts.len() >= 2 && digits(parts[0]) && stem.starts_with("files-v")) || stem.ends_with(".json")
}

/// Writes `bytes` to `path` atomically, never through a symbolic link: refused when `path` is a
/// symbolic link; the temp file next to it is created fresh (`create_new`, `O_NOFOLLOW`), synced,
/// and renamed over `path`. The folder must exist.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if is_symlink(path) {
        return Err(refuse(format!(
            "{} is a symbolic link; archdrift does not write through links",
            path.display()
        )));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut opts = OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NOFOLLOW);
    }
    // a name taken (by a link or a crashed writer) is skipped, never opened
    let mut attempt = 0;
    let (tmp, mut file) = loop {
        let tmp = dir.join(temp_name(&name));
        match opts.open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 16 => attempt += 1,
            Err(e) => return Err(e),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|_| file.sync_all())
        .and_then(|_| {
            drop(file);
            if is_symlink(path) {
                return Err(refuse(format!(
                    "{} became a symbolic link; archdrift does not write through links",
                    path.display()
                )));
            }
            fs::rename(&tmp, path)
        });
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    if let Ok(d) = fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses a state directory (`.archdrift`, the cache folder, a `trend --out` folder) that is,
/// or lies below, a symbolic link inside `root`, or that resolves outside `root`. A directory
/// that is not below `root` at all (a path the user named on the command line) is only refused
/// when it is itself a symbolic link. Parts that do not exist yet are fine.
pub(crate) fn check_state_dir(root: &Path, dir: &Path) -> io::Result<()> {
    let abs = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    };
    let root_abs = super::path::normalize(&abs(root));
    let dir_abs = super::path::normalize(&abs(dir));
    let root_real = fs::canonicalize(&root_abs).unwrap_or_else(|_| root_abs.clone());
    let (base, below) = if let Ok(rest) = dir_abs.strip_prefix(&root_abs) {
        (root_abs.clone(), rest.to_path_buf())
    } else if let Ok(rest) = dir_abs.strip_prefix(&root_real) {
        (root_real.clone(), rest.to_path_buf())
    } else {
        if is_symlink(&dir_abs) {
            return Err(refuse(format!(
                "{} is a symbolic link; archdrift does not write its state through links",
                dir.display()
            )));
        }
        return Ok(());
    };
    let mut p = base;
    for c in below.components() {
        p.push(c);
        match fs::symlink_metadata(&p) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => break,
            Err(e) => return Err(e),
            Ok(m) if m.file_type().is_symlink() => {
                return Err(refuse(format!(
                    "{} is a symbolic link; archdrift does not write its state through links",
                    p.display()
                )))
            }
            Ok(m) if !m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} is not a directory", p.display()),
                ))
            }
            Ok(_) => {}
        }
    }
    if let Ok(real) = fs::canonicalize(&dir_abs) {
        if !real.starts_with(&root_real) {
            return Err(refuse(format!(
                "{} resolves outside the checked root {}",
                dir.display(),
                root.display()
            )));
        }
    }
    Ok(())
}

/// [`check_state_dir`], then creates the directory (and its parents), then checks again.
pub(crate) fn ensure_state_dir(root: &Path, dir: &Path) -> io::Result<()> {
    check_state_dir(root, dir)?;
    fs::create_dir_all(dir)?;
    check_state_dir(root, dir)
}

/// Removes temp files of ours ([`is_our_temp`]) in `dir` older than `max_age` (left by a crash
/// between write and rename). Symbolic links of that name are removed as links; nothing else
/// is touched. Returns how many were removed; errors are ignored (best effort).
pub(crate) fn clean_stale_temps(dir: &Path, max_age: Duration) -> usize {
    let Ok(rd) = fs::read_dir(dir) else {
        return 0;
    };
    let now = SystemTime::now();
    let mut removed = 0;
    for entry in rd.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if !is_our_temp(name) {
            continue;
        }
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !(meta.is_file() || meta.file_type().is_symlink()) {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age >= max_age);
        if old && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_are_unique_and_recognised() {
        let a = temp_name("baseline.json");
        let b = temp_name("baseline.json");
        assert_ne!(a, b);
        assert!(is_our_temp(&a), "{a}");
        assert!(is_our_temp("files-v1.json.1234.tmp"));
        assert!(is_our_temp("baseline.json.tmp"));
        assert!(!is_our_temp("notes.tmp"));
        assert!(!is_our_temp("baseline.json"));
    }

    #[test]
    fn writes_atomically_and_refuses_symlinks() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("b.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(d.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1, "no temp file left");
        #[cfg(unix)]
        {
            let victim = d.path().join("victim");
            fs::write(&victim, "keep").unwrap();
            let link = d.path().join("l.json");
            std::os::unix::fs::symlink(&victim, &link).unwrap();
            assert!(write_atomic(&link, b"x").is_err());
            assert_eq!(fs::read(&victim).unwrap(), b"keep");
        }
    }

    #[cfg(unix)]
    #[test]
    fn state_dirs_below_links_or_outside_the_root_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let root = d.path();
        ensure_state_dir(root, &root.join(".archdrift/cache")).unwrap();
        std::os::unix::fs::symlink(outside.path(), root.join("link")).unwrap();
        assert!(check_state_dir(root, &root.join("link")).is_err());
        assert!(check_state_dir(root, &root.join("link/cache")).is_err());
        assert!(ensure_state_dir(root, &root.join("link/new")).is_err());
        assert!(!outside.path().join("new").exists());
        // a folder the user named outside the root is theirs
        check_state_dir(root, outside.path()).unwrap();
    }

    #[test]
    fn stale_temps_are_removed_fresh_ones_and_others_kept() {
        let d = tempfile::tempdir().unwrap();
        let t = d.path().join(temp_name("files-v1.json"));
        fs::write(&t, "x").unwrap();
        fs::write(d.path().join("keep.txt"), "x").unwrap();
        assert_eq!(clean_stale_temps(d.path(), STALE_AFTER), 0);
        assert!(t.exists());
        assert_eq!(clean_stale_temps(d.path(), Duration::ZERO), 1);
        assert!(!t.exists());
        assert!(d.path().join("keep.txt").exists());
    }
}
