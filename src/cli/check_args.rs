//! `check` options that choose the rules (`--select`, `--ignore`, `--severity`, `--allow-empty`)
//! and shape the output (`--statistics`, `--quiet`, `--output-file`).

use std::io::Write;
use std::path::PathBuf;

use super::{fail, usage_error, EXIT_ERROR};
use crate::config::{select::Selection, Config};
use crate::report::{self, Format, Style};

/// Which rules run, and at what severity.
#[derive(clap::Args, Debug, Default)]
pub(crate) struct RuleArgs {
    /// Run only these rules: ids, globs of ids (`ts/*`) or kinds, comma-separated or repeated
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) select: Vec<String>,
    /// Do not run these rules (ids, globs of ids, kinds)
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub(crate) ignore: Vec<String>,
    /// Grade rules: RULE=LEVEL (an id, glob of ids or kind; error, warning, info or off), repeatable
    #[arg(long, value_name = "RULE=LEVEL")]
    pub(crate) severity: Vec<String>,
    /// Run even when no rule is left to run (otherwise: exit 2)
    #[arg(long)]
    pub(crate) allow_empty: bool,
}

impl RuleArgs {
    /// The choice as data.
    pub(crate) fn selection(&self) -> Selection {
        Selection {
            select: self.select.clone(),
            ignore: self.ignore.clone(),
            severity: self.severity.clone(),
        }
    }

    /// Applies the selection; `Err(exit code)` when a pattern names no rule or no rule is left.
    pub(crate) fn apply(&self, cfg: &mut Config) -> Result<(), i32> {
        crate::config::select::apply(cfg, &self.selection()).map_err(fail)?;
        if cfg.rules.is_empty() && !self.allow_empty {
            let chosen =
                !(self.select.is_empty() && self.ignore.is_empty() && self.severity.is_empty());
            return Err(usage_error(
                &format!(
                    "no rules to run{} ({})",
                    if chosen { " after --select/--ignore/--severity" } else { "" },
                    cfg.config_file.display()
                ),
                Some("add [[rule]] tables or include a shipped pack (`archdrift rules --packs` lists them, e.g. include = [\"archdrift:ts-hygiene\"]); --allow-empty runs anyway"),
            ));
        }
        Ok(())
    }
}

/// How the report is written.
#[derive(clap::Args, Debug, Default)]
pub(crate) struct OutputArgs {
    /// Counts per rule and per ADR, and the files and folders with most findings, instead of
    /// the findings (human or json)
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Human format: only the findings (no per-rule table, no summary)
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
    /// Write the report to FILE instead of stdout (the human format without colour)
    #[arg(long, short = 'o', value_name = "FILE")]
    pub(crate) output_file: Option<PathBuf>,
}

impl OutputArgs {
    /// Writes the report where asked; an exit code on failure.
    pub(crate) fn write(
        &self,
        report: &crate::core::Report,
        format: Format,
        root: &std::path::Path,
        style: Style,
    ) -> Result<(), i32> {
        if self.statistics && !matches!(format, Format::Human | Format::Json) {
            return Err(usage_error(
                "--statistics prints a table (human) or an object (json)",
                Some("use --format human or --format json with --statistics"),
            ));
        }
        let opts = report::Options {
            quiet: self.quiet,
            statistics: self.statistics,
        };
        let result = match &self.output_file {
            Some(file) => {
                let style = Style {
                    color: false,
                    ..style
                };
                let mut buf = Vec::new();
                report::write_opts(report, format, root, style, opts, &mut buf)
                    .and_then(|_| crate::core::state_file::write_atomic(file, &buf))
                    .map_err(|e| format!("writing {}: {e}", file.display()))
            }
            None => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                match report::write_opts(report, format, root, style, opts, &mut out)
                    .and_then(|_| out.flush())
                {
                    Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                        Err(format!("writing the report: {e}"))
                    }
                    _ => Ok(()),
                }
            }
        };
        result.map_err(|msg| {
            usage_error(&msg, None);
            EXIT_ERROR
        })
    }
}
