//! `archdrift completions SHELL`: the shell completion script for bash, zsh, fish, PowerShell
//! (and elvish), generated from the command line's own definition by `clap_complete`.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, EXIT_OK};

pub(super) fn run(shell: clap_complete::Shell) -> i32 {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "archdrift", &mut out);
    let _ = std::io::stdout().lock().write_all(&out);
    EXIT_OK
}
