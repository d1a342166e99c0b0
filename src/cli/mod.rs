//! The command line: `check`, `rules`, `explain` (and the hidden `parse-floor` benchmark aid).
//! Exit codes: 0 no error-severity findings, 1 error findings, 2 usage or configuration error.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::run::threads_or_default;
use crate::check::{self as engine, Engine};
use crate::config::{self, Config};
use crate::core::report::Gate;
use crate::core::term_escape::escape_text;
use crate::core::{CommandError, ConfigError, Severity};
use crate::report::{Format, Style};

mod check_args;
mod completions;
mod fix;
mod shard;
mod stdin;
mod trend_args;

pub(crate) const EXIT_OK: i32 = 0;
pub(crate) const EXIT_FINDINGS: i32 = 1;
pub(crate) const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "archdrift",
    version,
    about = "Architecture decisions, machine-checked: finds drift from your ADRs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// The human report's style on stdout: colour when asked, or (auto) on a terminal without
    /// `NO_COLOR`.
    fn style(self) -> Style {
        let color = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Style { color, width: 100 }
    }
}

#[derive(clap::Args, Debug)]
struct ConfigArg {
    /// Configuration file (default: archdrift.toml found by walking up from the first PATH,
    /// or the current directory)
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check files and directories against the rules
    Check {
        /// Files or directories to check (default: the directory of archdrift.toml)
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        #[command(flatten)]
        config: ConfigArg,
        /// Worker threads (default: one per core)
        #[arg(short = 'j', long)]
        threads: Option<usize>,
        /// Colour in the human report (auto: only on a terminal, never with NO_COLOR set)
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Skip files larger than this many bytes (overrides check.max_file_size)
        #[arg(long, value_name = "BYTES")]
        max_file_size: Option<u64>,
        /// Read the file to check from stdin and check it as if it were at PATH (for editors)
        #[arg(long, value_name = "PATH", conflicts_with_all = ["paths", "fix"])]
        stdin_filename: Option<PathBuf>,
        /// Also append a snapshot of this run to FILE.jsonl (for `trend --from`)
        #[arg(long, value_name = "FILE.jsonl")]
        record: Option<PathBuf>,
        #[command(flatten)]
        ci: CiArgs,
        #[command(flatten)]
        rule_args: check_args::RuleArgs,
        #[command(flatten)]
        output: check_args::OutputArgs,
        #[command(flatten)]
        fix: fix::FixArgs,
        #[command(flatten)]
        shard: shard::ShardArgs,
    },
    /// Merge the shard files of `check --shard K/N` into the report of one run (cross-file
    /// stage, suppressions, baseline over the union)
    Merge(shard::MergeArgs),
    /// Write a configuration for this repository (archdrift.toml), from what it finds in it
    Init {
        /// The repository root (default: the current directory)
        path: Option<PathBuf>,
        /// Overwrite an existing archdrift.toml
        #[arg(long)]
        force: bool,
    },
    /// Record today's findings in a baseline; `check --baseline` then fails only on new ones
    Baseline {
        /// Files or directories to check (default: the directory of archdrift.toml)
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArg,
        /// Where to write (default: .archdrift/baseline.json under the root)
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(short = 'j', long)]
        threads: Option<usize>,
    },
    /// The ADRs found, the rules enforcing each with their finding counts, decisions no rule
    /// enforces yet, and rules citing no ADR
    Adr {
        #[command(flatten)]
        config: ConfigArg,
        /// human or json
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[arg(short = 'j', long)]
        threads: Option<usize>,
    },
    /// List the loaded rules (or, with --packs, the rule packs built into archdrift)
    Rules {
        #[command(flatten)]
        config: ConfigArg,
        /// human or json
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// List the shipped rule packs (`include = ["archdrift:<name>"]`) instead
        #[arg(long)]
        packs: bool,
    },
    /// Explain a rule (its ADR and decision) or a rule kind (what, why, example)
    Explain {
        /// A rule id (e.g. ts/no-console) or a kind (e.g. banned-pattern)
        id: String,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Debugging aid: every TS/JS import under PATHs and what it resolves to, as JSON lines
    #[command(hide = true)]
    Imports {
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArg,
    },
    /// Run the language server on stdin/stdout (for editors)
    Lsp,
    /// Print the JSON Schema of archdrift.toml (or, with --rule-file, of a rule file) for editors
    Schema {
        #[arg(long)]
        rule_file: bool,
    },
    /// Print the shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Drift over time: sample the git history (or `--from` recorded checks) and write
    /// trend.json, trend.md and trend.html
    Trend(trend_args::TrendArgs),
    /// A pull-request comment: drift per ADR (new, fixed, unchanged) against the merge base
    /// with BASE, the new findings with links, and what to do (Markdown; see README)
    PrSummary {
        /// The branch the pull request goes into (e.g. origin/main)
        base: String,
        #[command(flatten)]
        config: ConfigArg,
        /// Prefix of the file:line links (default inside GitHub Actions:
        /// $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA)
        #[arg(long, value_name = "URL")]
        link_base: Option<String>,
        /// markdown (the comment body) or json (the comparison)
        #[arg(long, value_enum, default_value_t = SummaryFormat::Markdown)]
        format: SummaryFormat,
        #[arg(short = 'j', long)]
        threads: Option<usize>,
    },
    /// Benchmark aid: walk, read and parse only (no rules), with the same threads as a check
    #[command(hide = true)]
    ParseFloor {
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArg,
        #[arg(short = 'j', long)]
        threads: Option<usize>,
    },
}

/// `check` options for CI: baseline, changed files, cache, progress.
#[derive(clap::Args, Debug, Default)]
pub(crate) struct CiArgs {
    /// Report and fail only on findings not in this baseline (see `archdrift baseline`)
    #[arg(long, value_name = "FILE")]
    pub(crate) baseline: Option<PathBuf>,
    /// With --baseline: drop the entries that are fixed (the baseline only shrinks)
    #[arg(long, requires = "baseline")]
    pub(crate) update_baseline: bool,
    /// Check only files changed since the merge base with this git revision (committed,
    /// staged, unstaged and untracked)
    #[arg(long, value_name = "GIT_REF")]
    pub(crate) changed_since: Option<String>,
    /// With --changed-since: report only findings on changed lines
    #[arg(long, requires = "changed_since")]
    pub(crate) changed_lines: bool,
    /// Reuse results of unchanged files from .archdrift/cache (and update it)
    #[arg(long)]
    pub(crate) cache: bool,
    /// No progress bar (it is shown only when stderr is a terminal anyway)
    #[arg(long)]
    pub(crate) no_progress: bool,
    /// The least severity that fails the check (exit 1); files that could not be checked
    /// count as errors, deliberate skips (too large, binary) as info
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    pub(crate) fail_on: FailOn,
    /// Fail when there are more than N warnings (after the baseline)
    #[arg(long, value_name = "N")]
    pub(crate) max_warnings: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum FailOn {
    #[default]
    Error,
    Warning,
    Info,
}

impl CiArgs {
    fn gate(&self) -> Gate {
        Gate {
            fail_on: match self.fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
                FailOn::Info => Severity::Info,
            },
            max_warnings: self.max_warnings,
        }
    }

    fn options(&self) -> crate::ci::CiOptions {
        crate::ci::CiOptions {
            baseline: self.baseline.clone(),
            update_baseline: self.update_baseline,
            changed_since: self.changed_since.clone(),
            changed_lines: self.changed_lines,
            cache: self.cache,
            no_progress: self.no_progress,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SummaryFormat {
    Markdown,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

/// Runs the command line; returns the process exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check {
            format,
            config,
            color,
            max_file_size,
            stdin_filename: Some(path),
            ci,
            ..
        } => stdin::check(
            &path,
            format,
            config.config,
            color,
            max_file_size,
            &ci.gate(),
        ),
        Command::Check {
            paths,
            config,
            threads,
            max_file_size,
            stdin_filename: None,
            ci,
            rule_args,
            shard: sh @ shard::ShardArgs { shard: Some(_), .. },
            ..
        } => shard::check(
            paths,
            config.config,
            threads,
            max_file_size,
            &ci,
            &rule_args,
            &sh,
        ),
        Command::Merge(args) => shard::merge(args),
        Command::Check {
            paths,
            format,
            config,
            threads,
            color,
            max_file_size,
            stdin_filename: None,
            record,
            ci,
            rule_args,
            output,
            fix,
            shard: _,
        } => check(
            paths,
            format,
            config.config,
            threads,
            color,
            max_file_size,
            ci,
            record,
            (rule_args, output, fix),
        ),
        Command::Init { path, force } => match crate::init::run(path, force) {
            Ok(msg) => {
                eprintln!("{msg}");
                EXIT_OK
            }
            Err(e) => fail(e),
        },
        Command::Baseline {
            paths,
            config,
            output,
            threads,
        } => baseline(paths, config.config, output, threads),
        Command::Adr {
            config,
            format,
            threads,
        } => adr(config.config, format == ListFormat::Json, threads),
        Command::Trend(args) => match crate::trend::run(args.options()) {
            Ok(()) => EXIT_OK,
            Err(e) => fail(e),
        },
        Command::Rules {
            packs: true,
            format,
            ..
        } => packs(format),
        Command::Rules { config, format, .. } => rules(config.config, format),
        Command::Explain { id, config } => explain(&id, config.config),
        Command::Imports { paths, config } => imports(paths, config.config),
        Command::Lsp => crate::lsp::run(),
        Command::Completions { shell } => completions::run(shell),
        Command::Schema { rule_file } => {
            let v = if rule_file {
                config::schema::rule_file_schema()
            } else {
                config::schema::config_schema()
            };
            let text = serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            EXIT_OK
        }
        Command::PrSummary {
            base,
            config,
            link_base,
            format,
            threads,
        } => {
            let o = crate::trend::pr::PrOptions {
                base,
                config: config.config,
                threads,
                link_base,
                json: format == SummaryFormat::Json,
            };
            match crate::trend::pr::run(&o) {
                Ok(text) => {
                    print!("{text}");
                    EXIT_OK
                }
                Err(e) => fail(e),
            }
        }
        Command::ParseFloor {
            paths,
            config,
            threads,
        } => parse_floor(paths, config.config, threads),
    }
}

fn stderr_color() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

pub(crate) fn print_config_errors(errors: &[ConfigError]) {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "{}",
        crate::core::source::render_errors(errors, stderr_color())
    );
    let _ = writeln!(
        err,
        "error: {} configuration error{}; nothing was checked",
        errors.len(),
        if errors.len() == 1 { "" } else { "s" }
    );
}

/// Prints a command's error; its exit code.
pub(crate) fn fail(e: CommandError) -> i32 {
    match e {
        CommandError::Usage { message, help } => usage_error(&message, help.as_deref()),
        CommandError::Config(errors) => {
            print_config_errors(&errors);
            EXIT_ERROR
        }
    }
}

pub(crate) fn usage_error(msg: &str, help: Option<&str>) -> i32 {
    let mut err = std::io::stderr().lock();
    // messages name files and values of the analysed repository: no raw control characters
    let _ = writeln!(err, "error: {}", escape_text(msg));
    if let Some(h) = help {
        let _ = writeln!(err, "help: {}", escape_text(h));
    }
    EXIT_ERROR
}

/// Whether `config` lies outside the git repository (else the directory) holding the current
/// directory: a central configuration.
fn is_central(config: &Path) -> bool {
    let (Ok(cwd), Ok(file)) = (
        std::env::current_dir().and_then(std::fs::canonicalize),
        std::fs::canonicalize(config),
    ) else {
        return false;
    };
    let top = cwd
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&cwd);
    !file.starts_with(top)
}

/// Finds and loads the configuration; prints the diagnostics and returns the exit code on error.
pub(crate) fn load_config(
    explicit: Option<PathBuf>,
    first_path: Option<&Path>,
) -> Result<Config, i32> {
    // an explicit configuration kept outside the first PATH checks that PATH's repository;
    // without a PATH (`rules`, `explain`, `adr`, a whole check), a configuration from outside
    // the current directory's repository (a central one) checks the current directory's
    // repository; one inside it keeps its own directory as the root
    let here = Path::new(".");
    let first_path =
        first_path.or_else(|| explicit.as_deref().filter(|f| is_central(f)).map(|_| here));
    let cfg = config::find_and_load(explicit, first_path).map_err(fail)?;
    let mut err = std::io::stderr().lock();
    for w in &cfg.warnings {
        let _ = writeln!(err, "warning: {}", escape_text(w));
    }
    Ok(cfg)
}

/// `rules --packs`: the rule packs built into the binary.
fn packs(format: ListFormat) -> i32 {
    let packs = config::packs::PACKS;
    let mut out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = packs
                .iter()
                .map(|p| {
                    serde_json::json!({
                        "name": p.name,
                        "include": p.include_name(),
                        "rules": p.rule_count(),
                        "summary": p.summary(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        ListFormat::Human => (|| {
            let w = packs
                .iter()
                .map(|p| p.include_name().len())
                .max()
                .unwrap_or(0);
            writeln!(out, "{:w$}  RULES  SUMMARY", "INCLUDE")?;
            for p in packs {
                writeln!(
                    out,
                    "{:w$}  {:>5}  {}",
                    p.include_name(),
                    p.rule_count(),
                    p.summary()
                )?;
            }
            writeln!(
                out,
                "include one in archdrift.toml: include = [\"{}\"]",
                packs[0].include_name()
            )
        })(),
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string(), None),
        _ => EXIT_OK,
    }
}

/// Resolves PATHs (default: the root); each must exist and lie inside the root.
fn resolve_paths(cfg: &Config, paths: &[PathBuf]) -> Result<Vec<PathBuf>, i32> {
    if paths.is_empty() {
        return Ok(vec![cfg.root.clone()]);
    }
    let mut out = Vec::new();
    for p in paths {
        let canon = std::fs::canonicalize(p)
            .map_err(|_| usage_error(&format!("path {} does not exist", p.display()), None))?;
        if !canon.starts_with(&cfg.root) {
            return Err(usage_error(
                &format!(
                    "{} is outside the checked root {}",
                    p.display(),
                    cfg.root.display()
                ),
                Some("all PATHs must be inside the directory of the archdrift.toml in use"),
            ));
        }
        out.push(canon);
    }
    Ok(out)
}

pub(crate) fn build_pool(threads: usize) -> Result<rayon::ThreadPool, i32> {
    crate::check::run::thread_pool(threads).map_err(fail)
}

/// What `check` and `check --shard` share before the run: the PATHs exist, the configuration
/// loads (with `--max-file-size` and the rule selection applied), the PATHs resolve inside its
/// root, and the engine compiles its rules.
pub(crate) fn prepare_check(
    paths: &[PathBuf],
    config: Option<PathBuf>,
    max_file_size: Option<u64>,
    rule_args: &check_args::RuleArgs,
) -> Result<(Engine, Vec<PathBuf>), i32> {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        return Err(usage_error(
            &format!("path {} does not exist", missing.display()),
            None,
        ));
    }
    let mut cfg = load_config(config, paths.first().map(PathBuf::as_path))?;
    if let Some(m) = max_file_size {
        cfg.max_file_size = m;
    }
    rule_args.apply(&mut cfg)?;
    let paths = resolve_paths(&cfg, paths)?;
    let engine = Engine::new(cfg).map_err(|msg| usage_error(&msg, None))?;
    Ok((engine, paths))
}

/// `n thing` or `n things`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[allow(clippy::too_many_arguments)]
fn check(
    paths: Vec<PathBuf>,
    format: Format,
    config: Option<PathBuf>,
    threads: Option<usize>,
    color: ColorChoice,
    max_file_size: Option<u64>,
    ci: CiArgs,
    record: Option<PathBuf>,
    (rule_args, output, fix): (check_args::RuleArgs, check_args::OutputArgs, fix::FixArgs),
) -> i32 {
    if !ci.cache {
        // the content-hash cache is the only reader of the noted inputs
        crate::core::safe_read::stop_noting();
    }
    let (engine, paths) = match prepare_check(&paths, config, max_file_size, &rule_args) {
        Ok(p) => p,
        Err(code) => return code,
    };
    // the process ends after the report: its memo tables (layer resolution's probes and
    // listings, …) are not freed one by one (~1 % of a check's CPU on plane)
    let engine = std::mem::ManuallyDrop::new(engine);
    let cfg = engine.config().clone();
    let threads = threads_or_default(threads);
    let pool = match build_pool(threads) {
        Ok(p) => p,
        Err(code) => return code,
    };
    crate::check::read::install_panic_hook();
    // [budget] growth limits compare with an older commit, checked from the git objects
    let history = |t: i64| crate::trend::history::past_findings(&cfg, t, &pool);
    let run = || {
        crate::ci::run_check_with_history(&engine, &paths, threads, &pool, &ci.options(), &history)
    };
    let mut report = match run() {
        Ok(r) => r,
        Err(msg) => return usage_error(&msg, None),
    };
    if fix.fix {
        let done = fix::run(&engine, &report, fix.dry_run);
        for f in &done.skipped {
            eprintln!(
                "warning: {} not fixed: it changed since it was read, or could not be read or written",
                escape_text(f)
            );
        }
        if fix.dry_run {
            let _ = std::io::stdout().lock().write_all(done.diff.as_bytes());
            eprintln!(
                "{} in {} would be applied (--dry-run: nothing written)",
                counted(done.fixed, "fix", "fixes"),
                counted(done.files, "file", "files")
            );
            return if done.files > 0 {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            };
        }
        eprintln!(
            "fixed {} in {}",
            counted(done.fixed, "finding", "findings"),
            counted(done.files, "file", "files")
        );
        if done.files > 0 {
            // what is left: the report of the fixed tree
            report = match run() {
                Ok(r) => r,
                Err(msg) => return usage_error(&msg, None),
            };
        }
    }
    if let Err(code) = output.write(&report, format, &cfg.root, color.style()) {
        return code;
    }
    if let Some(file) = record {
        if let Err(e) = crate::trend::record::append(&cfg, &report, &file) {
            return usage_error(&format!("--record: {e}"), None);
        }
    }
    if report.fails(&ci.gate()) {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    }
}

fn rules(config: Option<PathBuf>, format: ListFormat) -> i32 {
    let cfg = match load_config(config, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let result = match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = cfg
                .rules
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "id": r.id,
                        "kind": r.kind,
                        "severity": r.severity,
                        "message": r.message,
                        "help": r.help,
                        "adr": r.adr,
                        "paths": r.paths.as_ref().map(|g| &g.patterns),
                        "exclude": r.exclude.as_ref().map(|g| &g.patterns),
                        "tests": r.tests.as_str(),
                        "languages": r.matcher.languages().iter().map(|l| l.name()).collect::<Vec<_>>(),
                        "defined_at": r.defined_at,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)
                .map_err(std::io::Error::other)
                .and_then(|_| writeln!(out))
        }
        ListFormat::Human => (|| {
            let w_id = cfg
                .rules
                .iter()
                .map(|r| r.id.len())
                .max()
                .unwrap_or(2)
                .max(2);
            let w_kind = cfg
                .rules
                .iter()
                .map(|r| r.kind.len())
                .max()
                .unwrap_or(4)
                .max(4);
            writeln!(
                out,
                "{:w_id$}  {:w_kind$}  {:8}  {:14}  DEFINED AT",
                "ID", "KIND", "SEVERITY", "ADR"
            )?;
            for r in &cfg.rules {
                let adr = r.adr.as_ref().map_or("(no ADR)", |a| a.id.as_str());
                writeln!(
                    out,
                    "{:w_id$}  {:w_kind$}  {:8}  {:14}  {}",
                    r.id,
                    r.kind,
                    r.severity.as_str(),
                    adr,
                    r.defined_at
                )?;
            }
            writeln!(
                out,
                "{} rules from {}",
                cfg.rules.len(),
                cfg.config_file.display()
            )
        })(),
    };
    match result {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => usage_error(&e.to_string(), None),
        _ => EXIT_OK,
    }
}

fn explain(id: &str, config: Option<PathBuf>) -> i32 {
    if let Some(kind) = crate::rules::find_kind(id) {
        print!("{}", kind.docs);
        return EXIT_OK;
    }
    let cfg = match load_config(config, None) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if let Some(r) = cfg.adr.retired.iter().find(|r| r.id == id) {
        let by =
            r.by.as_deref()
                .map(|b| format!(", replaced by {b}"))
                .unwrap_or_default();
        println!(
            "{}  (retired)\n  defined at  {}\n\nNot run: {} has status \"{}\"{by}.",
            r.id,
            r.defined_at,
            r.adr.label(),
            r.status
        );
        return EXIT_OK;
    }
    let Some(rule) = cfg.rules.iter().find(|r| r.id == id) else {
        let ids: Vec<&str> = cfg.rules.iter().map(|r| r.id.as_str()).collect();
        let kinds: Vec<&str> = crate::rules::KINDS.iter().map(|k| k.name).collect();
        let mut all = ids.clone();
        all.extend(&kinds);
        let help = match crate::core::closest(id, &all) {
            Some(s) => format!("did you mean `{s}`? `archdrift rules` lists the rules"),
            None => "`archdrift rules` lists the rules".to_string(),
        };
        return usage_error(&format!("no rule or rule kind `{id}`"), Some(&help));
    };
    let mut s = String::new();
    use std::fmt::Write as _;
    let _ = writeln!(
        s,
        "{}  ({}, {})",
        rule.id,
        rule.kind,
        rule.severity.as_str()
    );
    let _ = writeln!(s, "  defined at  {}", rule.defined_at);
    let _ = writeln!(s, "  message     {}", rule.message);
    if let Some(h) = &rule.help {
        let _ = writeln!(s, "  help        {h}");
    }
    let langs: Vec<&str> = rule.matcher.languages().iter().map(|l| l.name()).collect();
    let _ = writeln!(s, "  languages   {}", langs.join(", "));
    if let Some(p) = &rule.paths {
        let _ = writeln!(s, "  paths       {}", p.patterns.join(", "));
    }
    if let Some(p) = &rule.exclude {
        let _ = writeln!(s, "  exclude     {}", p.patterns.join(", "));
    }
    let _ = writeln!(s, "  tests       {}", rule.tests.as_str());
    let _ = writeln!(s);
    match &rule.adr {
        None => {
            let _ = writeln!(s, "This rule cites no ADR. Add adr = {{ id = \"…\", title = \"…\", path = \"docs/adr/….md\" }} so findings say why.");
        }
        Some(adr) => {
            let _ = writeln!(s, "{}", adr.label());
            if let Some(loc) = adr.location() {
                let _ = writeln!(s, "  {loc}");
            }
            if let Some(path) = &adr.path {
                match crate::core::safe_read::read_config_string(&cfg.root.join(path)) {
                    Ok(md) => {
                        let doc = crate::adr::document::parse(&md);
                        if let Some(t) = doc.title {
                            let _ = writeln!(s, "  title       {t}");
                        }
                        if let Some(st) = doc.status {
                            let _ = writeln!(s, "  status      {st}");
                        }
                        if let Some(d) = doc.decision {
                            let _ = writeln!(s, "\nDecision:");
                            for line in d.lines() {
                                let _ = writeln!(s, "  {line}");
                            }
                        }
                    }
                    Err(_) => {
                        let _ = writeln!(
                            s,
                            "  (the ADR file {path} does not exist under {})",
                            cfg.root.display()
                        );
                    }
                }
            }
        }
    }
    let kind = crate::rules::find_kind(rule.kind)
        .map(|k| k.summary)
        .unwrap_or("");
    let _ = writeln!(
        s,
        "\nKind {}: {kind} (archdrift explain {} for more)",
        rule.kind, rule.kind
    );
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
    EXIT_OK
}

fn parse_floor(paths: Vec<PathBuf>, config: Option<PathBuf>, threads: Option<usize>) -> i32 {
    let Some((cfg, paths, threads, pool)) = prepare(config, &paths, threads) else {
        return EXIT_ERROR;
    };
    let start = std::time::Instant::now();
    let (files, bytes, errors) = pool.install(|| engine::parse_floor(&cfg, &paths, threads));
    println!(
        "parsed {files} files, {bytes} bytes ({errors} with syntax errors) in {:.3}s on {threads} threads",
        start.elapsed().as_secs_f64()
    );
    EXIT_OK
}

fn imports(paths: Vec<PathBuf>, config: Option<PathBuf>) -> i32 {
    let Some((cfg, paths, threads, _)) = prepare(config, &paths, Some(2)) else {
        return EXIT_ERROR;
    };
    let ws = crate::rules::layer_boundary::resolve::Workspace::load(&cfg.root);
    let walked = crate::check::walk::collect(&cfg.root, &paths, &cfg.exclude, threads);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for sp in walked.files.iter().filter(|f| f.lang.is_js_family()) {
        let Ok(text) = crate::core::safe_read::read_regular_string(&sp.path, cfg.max_file_size)
        else {
            continue;
        };
        let Ok(tree) = crate::lang::parse::parse(sp.lang, &text) else {
            continue;
        };
        let mut cursor = tree.walk();
        loop {
            if let Some(imp) = crate::rules::syntax::js_import(cursor.node(), &text) {
                let target = match ws.resolve_ts(&sp.rel, &imp.specifier) {
                    crate::rules::layer_boundary::resolve::Target::File(f) => {
                        serde_json::json!({ "file": f })
                    }
                    crate::rules::layer_boundary::resolve::Target::Package { name, dir } => {
                        serde_json::json!({ "package": name, "dir": dir })
                    }
                    crate::rules::layer_boundary::resolve::Target::Unresolved => {
                        serde_json::json!("unresolved")
                    }
                };
                let line = serde_json::json!({
                    "from": sp.rel, "specifier": imp.specifier, "type_only": crate::rules::syntax::js_type_only(cursor.node()), "to": target,
                });
                if writeln!(out, "{line}").is_err() {
                    return EXIT_OK;
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break;
                }
            }
            if cursor.node() == tree.root_node() {
                break;
            }
        }
    }
    let _ = out.flush();
    EXIT_OK
}

fn baseline(
    paths: Vec<PathBuf>,
    config: Option<PathBuf>,
    output: Option<PathBuf>,
    threads: Option<usize>,
) -> i32 {
    let Some((cfg, paths, threads, pool)) = prepare(config, &paths, threads) else {
        return EXIT_ERROR;
    };
    match crate::ci::write_baseline(cfg, &paths, threads, &pool, output) {
        Ok(msg) => {
            eprintln!("{msg}");
            EXIT_OK
        }
        Err(msg) => usage_error(&msg, None),
    }
}

fn adr(config: Option<PathBuf>, json: bool, threads: Option<usize>) -> i32 {
    let Some((cfg, paths, threads, pool)) = prepare(config, &[], threads) else {
        return EXIT_ERROR;
    };
    match crate::ci::adr_report(cfg, &paths, threads, &pool, json) {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            EXIT_OK
        }
        Err(msg) => usage_error(&msg, None),
    }
}

/// Config, resolved paths, threads and pool for the commands that run a whole check.
fn prepare(
    config: Option<PathBuf>,
    paths: &[PathBuf],
    threads: Option<usize>,
) -> Option<(Config, Vec<PathBuf>, usize, rayon::ThreadPool)> {
    if let Some(missing) = paths.iter().find(|p| !p.exists()) {
        usage_error(&format!("path {} does not exist", missing.display()), None);
        return None;
    }
    let cfg = load_config(config, paths.first().map(PathBuf::as_path)).ok()?;
    let paths = resolve_paths(&cfg, paths).ok()?;
    let threads = threads_or_default(threads);
    let pool = build_pool(threads).ok()?;
    crate::check::read::install_panic_hook();
    Some((cfg, paths, threads, pool))
}
