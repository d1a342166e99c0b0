//! The findings of one older commit, checked straight from the git objects with the rules as
//! they are now (as `trend` checks its samples): for `[budget]` growth limits and for
//! `archdrift pr-summary`. Nothing is checked out.

use std::sync::Arc;

use crate::ci::budget::PastFindings;
use crate::config::Config;

use super::analyse::{self, Job};
use super::git::{self, CommitInfo};
use super::model::Sample;

/// A repository opened for the configuration's root, with where the root sits in it.
pub(crate) struct History {
    repo: gix::ThreadSafeRepository,
    /// The checked root relative to the work tree (`""` or `dir/`).
    prefix: String,
}

impl History {
    /// Opens the repository holding the configuration's root.
    pub(crate) fn open(cfg: &Config) -> Result<History, String> {
        let repo = git::open(&cfg.root)?;
        let prefix = match git::workdir(&repo.to_thread_local()) {
            Some(wd) if cfg.root.starts_with(&wd) && cfg.root != wd => {
                let rel = crate::core::relative(&wd, &cfg.root);
                format!("{}/", rel.trim_end_matches('/'))
            }
            _ => String::new(),
        };
        Ok(History { repo, prefix })
    }

    /// The checked root's path inside the repository (`""` or `dir/`).
    pub(crate) fn prefix(&self) -> &str {
        &self.prefix
    }

    /// The commit a revision names (`None`: HEAD).
    pub(crate) fn commit(&self, rev: Option<&str>) -> Result<CommitInfo, String> {
        let repo = self.repo.to_thread_local();
        let id = git::resolve(&repo, rev)?;
        git::commit_info(&repo, id)
    }

    /// The newest commit on HEAD's first-parent chain at or before `time`.
    pub(crate) fn commit_before(&self, time: i64) -> Result<Option<CommitInfo>, String> {
        let repo = self.repo.to_thread_local();
        let mut current = Some(git::commit_info(&repo, git::resolve(&repo, None)?)?);
        while let Some(c) = current {
            if c.time <= time {
                return Ok(Some(c));
            }
            current = git::first_parent(&repo, c.id)?;
        }
        Ok(None)
    }

    /// Checks `commit` with `cfg`'s rules: its sample (counts and fingerprints).
    pub(crate) fn check(
        &self,
        cfg: &Arc<Config>,
        commit: CommitInfo,
        pool: &rayon::ThreadPool,
    ) -> Result<Sample, String> {
        let repo = self.repo.to_thread_local();
        let filter = git::Filter {
            prefix: &self.prefix,
            exclude: &cfg.exclude,
        };
        let files = git::list_tree(&repo, commit.tree, &filter, None)?;
        let jobs = [Job {
            commit,
            rules: 0,
            rules_from: "current",
            files,
            locate: true,
        }];
        let configs = [cfg.clone()];
        let (mut samples, _) =
            pool.install(|| analyse::run(&self.repo, &configs, &jobs, 1, false, true))?;
        samples
            .pop()
            .ok_or_else(|| "the commit gave no sample".to_string())
    }
}

/// For `[budget]`: the fingerprints of the newest commit at or before `time`.
pub(crate) fn past_findings(
    cfg: &Arc<Config>,
    time: i64,
    pool: &rayon::ThreadPool,
) -> Result<Option<PastFindings>, String> {
    let history = History::open(cfg)?;
    let Some(commit) = history.commit_before(time)? else {
        return Ok(None);
    };
    let id = commit.id.to_string();
    let date = super::period::day(commit.time);
    let sample = history.check(cfg, commit, pool)?;
    Ok(Some(PastFindings {
        commit: super::short(&id).to_string(),
        date,
        findings: sample
            .located
            .into_iter()
            .map(|l| (l.rule, l.file, l.fingerprint))
            .collect(),
    }))
}
