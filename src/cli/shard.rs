//! `check --shard K/N` and `archdrift merge SHARD...`: one check split over the machines of a CI
//! matrix, merged into the report a single run prints (see `crate::ci::shard`).

use std::path::PathBuf;

use crate::check::run::threads_or_default;
use crate::check::Engine;
use crate::core::report::Gate;
use crate::core::Severity;
use crate::report::Format;

use super::{build_pool, load_config, usage_error, CiArgs, ColorChoice, FailOn};
use super::{EXIT_FINDINGS, EXIT_OK};

/// The `--shard` options of `check`.
#[derive(clap::Args, Debug, Default)]
pub(crate) struct ShardArgs {
    /// Check only shard K of N (files split by a hash of their path) and write a shard file for
    /// `archdrift merge` instead of a report
    #[arg(
        long,
        value_name = "K/N",
        conflicts_with_all = ["stdin_filename", "fix", "record", "format", "statistics", "quiet", "output_file"]
    )]
    pub(crate) shard: Option<String>,
    /// Where --shard writes (default: archdrift-shard-K-of-N.json)
    #[arg(long, value_name = "FILE", requires = "shard")]
    pub(crate) shard_file: Option<PathBuf>,
}

/// `archdrift merge`.
#[derive(clap::Args, Debug)]
pub(crate) struct MergeArgs {
    /// The shard files of `check --shard K/N`, all N of them
    #[arg(required = true, value_name = "SHARD")]
    shards: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    #[command(flatten)]
    config: super::ConfigArg,
    /// Colour in the human report (auto: only on a terminal, never with NO_COLOR set)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Report and fail only on findings not in this baseline (see `archdrift baseline`)
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// With --baseline: drop the entries that are fixed (the baseline only shrinks)
    #[arg(long, requires = "baseline")]
    update_baseline: bool,
    /// The least severity that fails the merge (exit 1), as for `check`
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    fail_on: FailOn,
    /// Fail when there are more than N warnings (after the baseline)
    #[arg(long, value_name = "N")]
    max_warnings: Option<usize>,
    #[command(flatten)]
    output: super::check_args::OutputArgs,
}

/// `check --shard K/N [--shard-file FILE]`.
pub(super) fn check(
    paths: Vec<PathBuf>,
    config: Option<PathBuf>,
    threads: Option<usize>,
    max_file_size: Option<u64>,
    ci: &CiArgs,
    rule_args: &super::check_args::RuleArgs,
    shard: &ShardArgs,
) -> i32 {
    let spec = match crate::ci::shard::Spec::parse(shard.shard.as_deref().unwrap_or("")) {
        Ok(s) => s,
        Err(msg) => return usage_error(&msg, None),
    };
    let (engine, paths) = match super::prepare_check(&paths, config, max_file_size, rule_args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let threads = threads_or_default(threads);
    let pool = match build_pool(threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    crate::check::read::install_panic_hook();
    let out = shard
        .shard_file
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("archdrift-shard-{}-of-{}.json", spec.k, spec.n)));
    let selection = rule_args.selection();
    let job = crate::ci::shard::ShardJob {
        spec,
        selection: &selection,
        out: &out,
    };
    match crate::ci::shard::run_shard(&engine, &paths, threads, &pool, &job, &ci.options()) {
        Ok(done) => {
            eprintln!(
                "shard {}/{}: {} files checked, {} findings before the cross-file stage; wrote {}",
                spec.k,
                spec.n,
                done.files,
                done.findings,
                out.display()
            );
            EXIT_OK
        }
        Err(msg) => usage_error(&msg, None),
    }
}

/// `archdrift merge SHARD...`.
pub(super) fn merge(args: MergeArgs) -> i32 {
    let mut cfg = match load_config(args.config.config, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    // the shards' --select/--ignore/--severity, so the merge runs the rules they ran
    let first = match crate::ci::shard::FirstShard::open(&args.shards) {
        Ok(f) => f,
        Err(msg) => return usage_error(&msg, None),
    };
    if let Err(e) = crate::config::select::apply(&mut cfg, first.selection()) {
        return super::fail(e);
    }
    let engine = match Engine::new(cfg) {
        Ok(e) => e,
        Err(msg) => return usage_error(&msg, None),
    };
    let ci = crate::ci::CiOptions {
        baseline: args.baseline,
        update_baseline: args.update_baseline,
        ..Default::default()
    };
    let report = match crate::ci::shard::merge(&engine, first, &args.shards, &ci) {
        Ok(r) => r,
        Err(msg) => return usage_error(&msg, None),
    };
    let cfg = engine.config();
    if let Err(code) = args
        .output
        .write(&report, args.format, &cfg.root, args.color.style())
    {
        return code;
    }
    let gate = Gate {
        fail_on: match args.fail_on {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        },
        max_warnings: args.max_warnings,
    };
    if report.fails(&gate) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}
