//! The command-line arguments of `archdrift trend`, turned into [`TrendOptions`].

use std::path::PathBuf;

use crate::trend::TrendOptions;

#[derive(clap::Args, Debug)]
pub(crate) struct TrendArgs {
    /// The git repository (a work tree or a bare repository; default: the current directory)
    #[arg(value_name = "REPO")]
    repo: Option<PathBuf>,
    /// How far back: a span counted back from the newest sampled commit (6.months, 12.weeks,
    /// 1.year) or a date (2024-01-31)
    #[arg(long, default_value = "6.months")]
    since: String,
    /// Sampling period (1.week, 2.weeks, 1.month, 1.day)
    #[arg(long, default_value = "1.week")]
    every: String,
    /// Branch, reference or full commit id whose first-parent history is sampled (default: HEAD)
    #[arg(long)]
    branch: Option<String>,
    /// Directory the reports are written to (created if missing)
    #[arg(long, value_name = "DIR", default_value = "archdrift-trend")]
    out: PathBuf,
    /// Configuration with the rules as they are now (default: archdrift.toml found by walking up
    /// from REPO). A file outside the repository applies to the whole repository, with paths
    /// relative to the repository root.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Check each commit with its own archdrift.toml and rule files (commits without one use the
    /// current rules, when there are any)
    #[arg(long)]
    rules_at_commit: bool,
    /// Render the reports from snapshots appended by `check --record FILE.jsonl` instead of git
    #[arg(long, value_name = "FILE.jsonl", conflicts_with_all = ["repo", "since", "every", "branch", "rules_at_commit"])]
    from: Option<PathBuf>,
    /// Worker threads (default: one per core)
    #[arg(short = 'j', long)]
    threads: Option<usize>,
    /// Directory components findings are grouped by for hotspots
    #[arg(long, value_name = "N", default_value_t = crate::trend::DEFAULT_DIR_DEPTH)]
    dir_depth: usize,
    /// Prefix for links to ADR documents given by path (e.g. https://github.com/acme/app/blob/main/);
    /// default: a link relative to the report, when the document exists on disk
    #[arg(long, value_name = "URL")]
    adr_base: Option<String>,
    /// Parse every file version from scratch instead of from the previous version's tree
    /// (for comparisons)
    #[arg(long, hide = true)]
    no_incremental: bool,
    /// For each finding at the tip: the commit that introduced it (author, date, CODEOWNERS
    /// team, whether the commit declares AI assistance), and drift introduced per 1,000 changed
    /// lines for assisted vs other commits
    #[arg(long, conflicts_with = "from")]
    attribute: bool,
    /// With --attribute: another assistant name to recognise in Co-authored-by trailers,
    /// authors and "Generated with" lines (repeatable)
    #[arg(long, value_name = "NAME", requires = "attribute")]
    assistant: Vec<String>,
    /// With --attribute: a commit whose message matches this regex counts as assisted
    #[arg(long, value_name = "REGEX", requires = "attribute")]
    assisted_regex: Option<String>,
    /// With --attribute: withhold rates computed from fewer commits than this
    #[arg(long, value_name = "N", requires = "attribute")]
    min_commits: Option<usize>,
}

impl TrendArgs {
    pub(crate) fn options(&self) -> TrendOptions {
        TrendOptions {
            repo: self.repo.clone(),
            since: self.since.clone(),
            every: self.every.clone(),
            branch: self.branch.clone(),
            out: self.out.clone(),
            config: self.config.clone(),
            rules_at_commit: self.rules_at_commit,
            from: self.from.clone(),
            threads: self.threads,
            dir_depth: self.dir_depth,
            adr_base: self.adr_base.clone(),
            no_incremental: self.no_incremental,
            attribute: crate::trend::attribute::AttributeOptions {
                enabled: self.attribute,
                assistants: self.assistant.clone(),
                assisted_regex: self.assisted_regex.clone(),
                min_commits: self.min_commits,
            },
        }
    }
}
