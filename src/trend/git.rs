//! Reading history straight from the git object database with gix: the first-parent chain of a
//! branch, sampling it by period, and the source files of a commit's tree. Nothing is checked
//! out and nothing is written: the working tree and the index are never touched.

use std::fmt::Display;
use std::path::{Path, PathBuf};

use gix::ObjectId;

use crate::core::Globs;
use crate::lang::Lang;

use super::period::{self, Span};

/// A commit on the first-parent chain.
#[derive(Clone, Debug)]
pub(crate) struct CommitInfo {
    pub(crate) id: ObjectId,
    /// Committer time, Unix seconds.
    pub(crate) time: i64,
    pub(crate) subject: String,
    pub(crate) tree: ObjectId,
}

/// A file in a commit's tree: its path from the repository root and its blob.
#[derive(Clone, Debug)]
pub(crate) struct TreeFile {
    pub(crate) path: String,
    pub(crate) blob: ObjectId,
}

fn err<E: Display>(what: impl Display) -> impl FnOnce(E) -> String {
    move |e| format!("{what}: {e}")
}

/// Opens the repository holding `dir` (a work tree or a bare repository), ignoring the user's
/// and the system's git configuration and environment.
pub(crate) fn open(dir: &Path) -> Result<gix::ThreadSafeRepository, String> {
    gix::ThreadSafeRepository::discover_opts(
        dir,
        Default::default(),
        gix::sec::trust::Mapping {
            full: gix::open::Options::isolated(),
            reduced: gix::open::Options::isolated(),
        },
    )
    .map_err(err(format!("{} is not in a git repository", dir.display())))
}

/// The work tree of a repository, if it has one.
pub(crate) fn workdir(repo: &gix::Repository) -> Option<PathBuf> {
    repo.workdir().and_then(|p| std::fs::canonicalize(p).ok())
}

/// The commit `rev` names: a branch, tag or other reference (`main`, `origin/main`), a full
/// commit id, or `HEAD` when `None`.
pub(crate) fn resolve(repo: &gix::Repository, rev: Option<&str>) -> Result<ObjectId, String> {
    let Some(rev) = rev else {
        return repo
            .head_id()
            .map(|id| id.detach())
            .map_err(err("HEAD does not point at a commit"));
    };
    if let Ok(id) = ObjectId::from_hex(rev.as_bytes()) {
        return Ok(id);
    }
    let mut r = repo
        .find_reference(rev)
        .map_err(err(format!("no branch or reference `{rev}`")))?;
    r.peel_to_commit()
        .map(|c| c.id)
        .map_err(err(format!("`{rev}` does not point at a commit")))
}

pub(crate) fn commit_info(repo: &gix::Repository, id: ObjectId) -> Result<CommitInfo, String> {
    let c = repo
        .find_commit(id)
        .map_err(err(format!("reading commit {id}")))?;
    let time = c
        .time()
        .map_err(err(format!("reading the date of commit {id}")))?
        .seconds;
    let subject = c
        .message_raw_sloppy()
        .to_string()
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    let tree = c
        .tree_id()
        .map_err(err(format!("reading the tree of commit {id}")))?
        .detach();
    Ok(CommitInfo {
        id,
        time,
        subject,
        tree,
    })
}

/// The samples: walking the first-parent chain from `tip`, for each boundary `tip time − k·every`
/// not before `since`, the newest commit at or before it. Oldest first, without repeats.
pub(crate) fn sample(
    repo: &gix::Repository,
    tip: ObjectId,
    since: &str,
    every: Span,
) -> Result<Vec<CommitInfo>, String> {
    let head = commit_info(repo, tip)?;
    let start = period::parse_since(since, head.time)?;
    let mut out: Vec<CommitInfo> = Vec::new();
    let mut k = 0;
    let tip_time = head.time;
    let mut boundary = tip_time;
    let mut current = Some(head);
    while boundary >= start {
        // move down the chain to the newest commit at or before the boundary
        while let Some(c) = &current {
            if c.time <= boundary {
                break;
            }
            current = first_parent(repo, c.id)?;
        }
        let Some(c) = &current else { break };
        if out.last().is_none_or(|l| l.id != c.id) {
            out.push(c.clone());
        }
        // every boundary down to this commit's time picks it again: skip them
        let at = c.time;
        if every.months == 0 {
            k = (k + 1).max((tip_time - at) / every.seconds.max(1) + 1);
            boundary = period::back(tip_time, every, k);
        } else {
            loop {
                k += 1;
                boundary = period::back(tip_time, every, k);
                if boundary < at || boundary < start {
                    break;
                }
            }
        }
    }
    out.reverse();
    Ok(out)
}

pub(crate) fn first_parent(
    repo: &gix::Repository,
    id: ObjectId,
) -> Result<Option<CommitInfo>, String> {
    let c = repo
        .find_commit(id)
        .map_err(err(format!("reading commit {id}")))?;
    let parent = c.parent_ids().next().map(|p| p.detach());
    match parent {
        // a shallow clone ends where its parents are missing
        Some(p) => match commit_info(repo, p) {
            Ok(ci) => Ok(Some(ci)),
            Err(_) if !repo.has_object(p) => Ok(None),
            Err(e) => Err(e),
        },
        None => Ok(None),
    }
}

/// What a tree listing keeps.
pub(crate) struct Filter<'a> {
    /// Only files below this directory (`""` or `dir/`), reported without it.
    pub(crate) prefix: &'a str,
    /// `[check].exclude` (always has `node_modules` and `.git`).
    pub(crate) exclude: &'a Globs,
}

/// The source files (by extension) of a tree, below `filter.prefix`, skipping what a check's
/// walk skips: hidden files and directories, and excluded paths. Also returns every other file
/// below the prefix (for `--rules-at-commit` includes) when `all` is given.
pub(crate) fn list_tree(
    repo: &gix::Repository,
    tree: ObjectId,
    filter: &Filter<'_>,
    mut all: Option<&mut Vec<TreeFile>>,
) -> Result<Vec<TreeFile>, String> {
    let mut out = Vec::new();
    // (tree id, path of the directory from the repository root, with a trailing '/')
    let mut stack: Vec<(ObjectId, String)> = vec![(tree, String::new())];
    while let Some((id, dir)) = stack.pop() {
        let t = repo
            .find_tree(id)
            .map_err(err(format!("reading tree {id} ({dir})")))?;
        let decoded = t.decode().map_err(err(format!("decoding tree {id}")))?;
        for e in &decoded.entries {
            let name = e.filename.to_string();
            let path = format!("{dir}{name}");
            if e.mode.is_tree() {
                let sub = format!("{path}/");
                // descend only where the prefix leads and below it
                let on_way = filter.prefix.starts_with(&sub) || sub.starts_with(filter.prefix);
                if !on_way {
                    continue;
                }
                if sub.len() > filter.prefix.len() {
                    let rel = &path[filter.prefix.len()..];
                    if name.starts_with('.') || filter.exclude.is_match(rel) {
                        continue;
                    }
                }
                stack.push((e.oid.to_owned(), sub));
            } else if e.mode.is_blob() {
                let Some(rel) = path.strip_prefix(filter.prefix) else {
                    continue;
                };
                if let Some(all) = all.as_deref_mut() {
                    all.push(TreeFile {
                        path: rel.to_string(),
                        blob: e.oid.to_owned(),
                    });
                }
                if name.starts_with('.')
                    || Lang::from_path(Path::new(&name)).is_none()
                    || filter.exclude.is_match(rel)
                {
                    continue;
                }
                out.push(TreeFile {
                    path: rel.to_string(),
                    blob: e.oid.to_owned(),
                });
            }
            // symlinks and submodules are not followed, as in a check's walk
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(all) = all {
        all.sort_by(|a, b| a.path.cmp(&b.path));
    }
    Ok(out)
}

/// A blob read under a size cap.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Blob {
    Content(Vec<u8>),
    /// Over the cap: its size, from the object header (nothing was inflated).
    TooLarge(u64),
}

/// Whether a blob of `size` bytes is over the cap (as `check.max_file_size` counts).
pub(crate) fn over_cap(size: u64, cap: u64) -> bool {
    size > cap
}

/// The content of a blob, unless its header says it is over `cap` bytes: a huge blob is
/// never inflated.
pub(crate) fn read_blob_capped(
    repo: &gix::Repository,
    id: ObjectId,
    cap: u64,
) -> Result<Blob, String> {
    let size = repo
        .find_header(id)
        .map_err(err(format!("reading the header of blob {id}")))?
        .size();
    if over_cap(size, cap) {
        return Ok(Blob::TooLarge(size));
    }
    read_blob(repo, id).map(Blob::Content)
}

/// The content of a blob.
pub(crate) fn read_blob(repo: &gix::Repository, id: ObjectId) -> Result<Vec<u8>, String> {
    repo.find_blob(id)
        .map(|mut b| b.take_data())
        .map_err(err(format!("reading blob {id}")))
}

/// The commit HEAD of the repository around `dir` points at, with its subject (for `--record`).
pub(crate) fn head_of(dir: &Path) -> Option<(String, String)> {
    let repo = open(dir).ok()?.to_thread_local();
    let id = resolve(&repo, None).ok()?;
    let c = commit_info(&repo, id).ok()?;
    Some((id.to_string(), c.subject))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(args)
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    #[test]
    fn the_cap_is_inclusive() {
        assert!(!over_cap(1000, 1000));
        assert!(over_cap(1001, 1000));
        assert!(!over_cap(0, 0));
    }

    #[test]
    fn a_blob_over_the_cap_is_sized_from_its_header_without_inflating_it() {
        let d = tempfile::tempdir().unwrap();
        git(d.path(), &["init", "-q", "."]);
        // pseudo-random bytes: the zlib stream is about as long as the content
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let big: Vec<u8> = (0..100_000)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                b'a' + (x % 26) as u8
            })
            .collect();
        std::fs::write(d.path().join("big"), &big).unwrap();
        std::fs::write(d.path().join("small"), b"hello\n").unwrap();
        let big_id = git(d.path(), &["hash-object", "-w", "big"]);
        let small_id = git(d.path(), &["hash-object", "-w", "small"]);
        // the object cut short after its header: only a full read notices
        let obj = d
            .path()
            .join(".git/objects")
            .join(&big_id[..2])
            .join(&big_id[2..]);
        let bytes = std::fs::read(&obj).unwrap();
        std::fs::remove_file(&obj).unwrap();
        std::fs::write(&obj, &bytes[..64]).unwrap();

        let repo = open(d.path()).unwrap().to_thread_local();
        let big_id = ObjectId::from_hex(big_id.as_bytes()).unwrap();
        let small_id = ObjectId::from_hex(small_id.as_bytes()).unwrap();
        assert!(
            read_blob(&repo, big_id).is_err(),
            "the cut object still reads"
        );
        assert_eq!(
            read_blob_capped(&repo, big_id, 1000),
            Ok(Blob::TooLarge(100_000))
        );
        // under the cap: read as before
        assert_eq!(
            read_blob_capped(&repo, small_id, 1000),
            Ok(Blob::Content(b"hello\n".to_vec()))
        );
        assert_eq!(
            read_blob_capped(&repo, small_id, 6),
            Ok(Blob::Content(b"hello\n".to_vec()))
        );
        assert_eq!(read_blob_capped(&repo, small_id, 5), Ok(Blob::TooLarge(6)));
    }
}
