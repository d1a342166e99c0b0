//! The progress bar of long runs: on stderr, only when stderr is a terminal (silent otherwise,
//! so CI logs and pipes stay clean). Shows files done, the total and files per second.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::check::Progress;

pub(crate) struct Bar(ProgressBar);

impl Bar {
    /// A bar on stderr when it is a terminal and `enabled`; None otherwise.
    pub(crate) fn on_terminal(enabled: bool) -> Option<Bar> {
        if !enabled || !std::io::stderr().is_terminal() {
            return None;
        }
        let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
        let style = ProgressStyle::with_template(
            "{spinner} checking {bar:30} {pos}/{len} files · {rate} · {elapsed}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.0} files/s", s.per_sec());
            },
        );
        pb.set_style(style);
        Some(Bar(pb))
    }
}

impl Progress for Bar {
    fn start(&self, files: usize) {
        self.0.set_length(files as u64);
    }
    fn file_done(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
