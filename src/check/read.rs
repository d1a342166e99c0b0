//! Reading a file for its check: size cap, binary sniff, UTF-8, then the one pass; and the
//! containment that turns a panic while checking one file into an internal-error problem for
//! that file while every other file is still checked.

use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};

use tree_sitter::Tree;

use crate::core::{FileProblem, ProblemKind};

use super::engine::Engine;
use super::outcome::{FileOutcome, OutcomeCache};
use super::walk::SourcePath;

/// Bytes looked at to decide whether a file is binary.
const BINARY_SNIFF: usize = 8192;

impl Engine {
    /// Checks one file; a panic anywhere inside becomes an internal-error problem for that file.
    pub fn check_path(&self, sp: &SourcePath, cache: Option<&dyn OutcomeCache>) -> FileOutcome {
        self.contained(sp, || self.check_path_inner(sp, cache))
    }

    /// [`Engine::check_bytes`] with the same panic containment as [`Engine::check_path`].
    pub(crate) fn check_bytes_contained(&self, sp: &SourcePath, bytes: &[u8]) -> FileOutcome {
        self.contained(sp, || self.check_bytes(sp, bytes))
    }

    fn contained(&self, sp: &SourcePath, check: impl FnOnce() -> FileOutcome) -> FileOutcome {
        IN_CHECK.with(|c| c.set(true));
        let result = catch_unwind(AssertUnwindSafe(check));
        IN_CHECK.with(|c| c.set(false));
        match result {
            Ok(o) => o,
            Err(payload) => {
                // a parser left mid-parse by the panic is not reused
                crate::lang::parse::reset_parsers();
                let msg = LAST_PANIC
                    .with(|l| l.borrow_mut().take())
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                FileOutcome {
                    problem: Some(FileProblem {
                        file: sp.rel.clone(),
                        kind: ProblemKind::InternalError,
                        message: format!(
                            "internal error while checking this file (please report it): {msg}"
                        ),
                    }),
                    ..Default::default()
                }
            }
        }
    }

    fn check_path_inner(&self, sp: &SourcePath, cache: Option<&dyn OutcomeCache>) -> FileOutcome {
        let problem = |kind, message: String| FileOutcome {
            problem: Some(FileProblem {
                file: sp.rel.clone(),
                kind,
                message,
            }),
            ..Default::default()
        };
        // non-blocking and regular files only: a file swapped for a FIFO or a device since the
        // walk is reported as unreadable instead of blocking the run or filling the memory. The
        // read looks at the size itself (one path lookup per file, as the parse floor's): only
        // when it fails is the file looked at again, to tell the same problem as a look before
        // the read would have (its error, its size over the cap, or grown over it since).
        let bytes = match crate::core::safe_read::read_regular(&sp.path, self.cfg.max_file_size) {
            Ok(b) => b,
            Err(e) => {
                let meta = match std::fs::metadata(&sp.path) {
                    Ok(m) => m,
                    Err(e) => return problem(ProblemKind::Unreadable, read_error(&e)),
                };
                if meta.len() > self.cfg.max_file_size {
                    return problem(
                        ProblemKind::TooLarge,
                        format!(
                            "{} bytes, over the {}-byte cap (check.max_file_size); skipped",
                            meta.len(),
                            self.cfg.max_file_size
                        ),
                    );
                }
                if e.kind() == std::io::ErrorKind::FileTooLarge {
                    return problem(
                        ProblemKind::TooLarge,
                        format!(
                            "grew over the {}-byte cap (check.max_file_size) during the run; skipped",
                            self.cfg.max_file_size
                        ),
                    );
                }
                return problem(ProblemKind::Unreadable, read_error(&e));
            }
        };
        match cache {
            Some(c) => c.get_or_check(sp, &bytes, &|only| self.check_bytes_for(sp, &bytes, only)),
            None => self.check_bytes(sp, &bytes),
        }
    }

    /// Checks file content already in memory (also the entry point for unsaved editor buffers).
    pub fn check_bytes(&self, sp: &SourcePath, bytes: &[u8]) -> FileOutcome {
        self.check_bytes_with(sp, bytes, None, None)
    }

    /// [`Engine::check_bytes`] with only the rules `only` selects (by index in the config), as
    /// the cache needs when some rules changed.
    pub(crate) fn check_bytes_for(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        only: Option<&[bool]>,
    ) -> FileOutcome {
        self.check_bytes_with(sp, bytes, None, only)
    }

    /// [`Engine::check_bytes_contained`] for a buffer that changes under an editor: `tree` is the
    /// previous syntax tree of this buffer, already `edit`ed to match `bytes` (or None), so only
    /// the changed parts are parsed again; it is replaced by the new tree when the file is parsed.
    pub(crate) fn check_bytes_incremental(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        tree: &mut Option<Tree>,
    ) -> FileOutcome {
        self.contained(sp, || self.check_bytes_with(sp, bytes, Some(tree), None))
    }

    fn check_bytes_with(
        &self,
        sp: &SourcePath,
        bytes: &[u8],
        tree: Option<&mut Option<Tree>>,
        only: Option<&[bool]>,
    ) -> FileOutcome {
        let problem = |kind, message: String| FileOutcome {
            problem: Some(FileProblem {
                file: sp.rel.clone(),
                kind,
                message,
            }),
            ..Default::default()
        };
        if bytes.len() as u64 > self.cfg.max_file_size {
            return problem(
                ProblemKind::TooLarge,
                format!("{} bytes, over the cap; skipped", bytes.len()),
            );
        }
        if looks_binary(bytes) {
            return problem(
                ProblemKind::Binary,
                "binary content (NUL bytes); skipped".into(),
            );
        }
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let line = bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count()
                    + 1;
                return problem(
                    ProblemKind::InvalidUtf8,
                    format!("not valid UTF-8 (first bad byte on line {line}); skipped"),
                );
            }
        };
        self.check_text(sp, text, tree, only)
    }
}

/// Whether the first [`BINARY_SNIFF`] bytes hold a NUL byte (found by `memchr`, which looks at
/// a vector of bytes a step instead of a word).
fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(BINARY_SNIFF)]).is_some()
}

fn read_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "vanished during the run (not found)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => format!("cannot read: {e}"),
    }
}

thread_local! {
    /// Message of the last panic on this thread, recorded by [`install_panic_hook`].
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK_INSTALLED: AtomicBool = AtomicBool::new(false);

thread_local! {
    /// Set while this thread checks a file: panics there are recorded, not printed.
    static IN_CHECK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Panics while checking a file are recorded (message and place) for that file's
/// internal-error entry instead of printing a backtrace into the report; any other panic still
/// goes to the previous hook.
pub(crate) fn install_panic_hook() {
    if HOOK_INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_CHECK.with(|c| c.get()) {
            return previous(info);
        }
        let msg = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".into());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        LAST_PANIC.with(|l| *l.borrow_mut() = Some(format!("{msg}{place}")));
    }));
}

#[cfg(test)]
mod tests {
    /// The sniff answers as a search of the first `BINARY_SNIFF` bytes for a NUL does, with the
    /// NUL at every place around the limit and in texts shorter and longer than it.
    #[test]
    fn a_file_looks_binary_when_its_head_holds_a_nul() {
        let n = super::BINARY_SNIFF;
        for len in [0, 1, 31, 32, 33, n - 1, n, n + 1, 3 * n] {
            let text = vec![b'a'; len];
            assert!(!super::looks_binary(&text), "{len}");
            for at in [
                0,
                1,
                15,
                31,
                32,
                63,
                n.saturating_sub(2),
                n - 1,
                n,
                n + 1,
                2 * n,
            ] {
                if at >= len {
                    continue;
                }
                let mut t = text.clone();
                t[at] = 0;
                assert_eq!(
                    super::looks_binary(&t),
                    t[..t.len().min(n)].contains(&0),
                    "{len} {at}"
                );
            }
        }
    }
}
