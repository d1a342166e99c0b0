//! `check --stdin-filename PATH`: the buffer comes from stdin and is checked as if it were the
//! file at PATH (which need not exist): its configuration is found by walking up from PATH, and
//! rules, `paths` globs and ADR links apply as for that file. Like an explicit PATH of `check`,
//! the file is checked even when `[check].exclude` covers it. Every `--format` works; exit codes
//! are those of `check`. Cross-file findings (duplicates, import cycles) are those the last full
//! `check --cache` reported for the file, moved with the buffer's edits.

use std::io::{Read, Write};
use std::path::Path;

use super::{load_config, usage_error, ColorChoice, EXIT_FINDINGS, EXIT_OK};
use crate::buffer::{self, NotChecked};
use crate::check::Engine;
use crate::core::report::Gate;
use crate::report::{self, Format};

pub(super) fn check(
    path: &Path,
    format: Format,
    config: Option<std::path::PathBuf>,
    color: ColorChoice,
    max_file_size: Option<u64>,
    gate: &Gate,
) -> i32 {
    let mut bytes = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
        return usage_error(&format!("reading stdin: {e}"), None);
    }
    let config = config.or_else(|| buffer::find_config_for(path));
    let mut cfg = match load_config(config, Some(path)) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(m) = max_file_size {
        cfg.max_file_size = m;
    }
    let engine = match Engine::new(cfg) {
        Ok(e) => e,
        Err(msg) => return usage_error(&msg, None),
    };
    let cfg = engine.config().clone();
    let (report, rel) = match buffer::source_path(&cfg, path) {
        Ok(sp) => {
            crate::check::read::install_panic_hook();
            let mut report = buffer::check(&engine, &sp, &bytes);
            // duplicates and cycles need every file: those of the last full check (the cache)
            let last = crate::ci::cache::LastFullCheck::read(&cfg);
            let text = String::from_utf8_lossy(&bytes);
            buffer::add_last_full_check(&mut report, last.as_ref(), &sp.rel, &text);
            (report, sp.rel)
        }
        Err(NotChecked::OutsideRoot) => {
            return usage_error(
                &format!(
                    "{} is outside the checked root {}",
                    path.display(),
                    cfg.root.display()
                ),
                Some("--stdin-filename must name a place inside the directory of the archdrift.toml in use"),
            )
        }
        // not a language archdrift checks: nothing to report, like a walk that finds no file
        Err(NotChecked::UnknownLanguage | NotChecked::Excluded) => {
            let r = engine.finish(Default::default());
            (r, String::new())
        }
    };
    let stdout = std::io::stdout();
    let style = color.style();
    let text = String::from_utf8_lossy(&bytes);
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Err(e) =
        report::write_with_buffer(&report, format, &cfg.root, style, (&rel, &text), &mut out)
            .and_then(|_| out.flush())
    {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            return usage_error(&format!("writing the report: {e}"), None);
        }
    }
    if report.fails(gate) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
