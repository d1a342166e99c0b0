//! Loading `archdrift.toml` and its rule files into checked, compiled rules.
//!
//! Every value is read with its byte span, so any mistake (unknown field, wrong type, duplicate id,
//! bad glob, a query that does not compile) becomes a [`ConfigError`]: a miette diagnostic that
//! points at the line and column in the file that holds it.

pub(crate) mod adr_status;
pub(crate) mod budget;
pub(crate) mod overrides;
pub(crate) mod packs;
pub(crate) mod placeholders;
pub(crate) mod schema;
pub(crate) mod select;
pub(crate) mod suppressions;

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::de::DeTable;
use toml::Spanned;

use crate::core::{closest, compile_globs, CommandError, ConfigError, Fields, Globs, SourceFile};
use crate::core::{Adr, Severity};
use crate::rules::{self, kind::RuleKind};

pub(crate) const CONFIG_FILE: &str = "archdrift.toml";
pub(crate) const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;
pub(crate) const DEFAULT_TEST_PATHS: &[&str] = &[
    "**/*.test.*",
    "**/*.spec.*",
    "**/__tests__/**",
    "**/tests/**",
];
/// Directories never walked, whatever the ignore files say.
pub(crate) const ALWAYS_EXCLUDED: &[&str] = &["**/node_modules", "**/.git"];

/// Whether a rule looks at test code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TestsMode {
    Include,
    Exclude,
    Only,
}

impl TestsMode {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            TestsMode::Include => "include",
            TestsMode::Exclude => "exclude",
            TestsMode::Only => "only",
        }
    }
}

/// A loaded rule: what every kind shares, plus the kind's compiled matcher.
pub(crate) struct Rule {
    pub(crate) id: String,
    pub(crate) kind: &'static str,
    pub(crate) severity: Severity,
    pub(crate) message: String,
    pub(crate) help: Option<String>,
    pub(crate) adr: Option<Adr>,
    pub(crate) paths: Option<Globs>,
    pub(crate) exclude: Option<Globs>,
    pub(crate) tests: TestsMode,
    /// `linter:rule` names (`eslint:no-console`, `clippy:unwrap_used`) whose suppressions
    /// (`eslint-disable…`, `biome-ignore`, `#[allow(clippy::…)]`) silence this rule too.
    pub(crate) honours: Vec<String>,
    /// `file:line` where the rule is defined.
    pub(crate) defined_at: String,
    pub(crate) matcher: Box<dyn RuleKind>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .finish()
    }
}

impl Rule {
    /// Whether the rule's `paths`/`exclude` globs select this file.
    pub(crate) fn applies_to_path(&self, rel: &str) -> bool {
        if let Some(p) = &self.paths {
            if !p.is_match(rel) {
                return false;
            }
        }
        !self.exclude.as_ref().is_some_and(|e| e.is_match(rel))
    }
}

#[derive(Debug)]
pub struct Config {
    /// Directory holding `archdrift.toml`: findings are reported relative to it.
    pub(crate) root: PathBuf,
    pub(crate) config_file: PathBuf,
    pub(crate) exclude: Globs,
    pub(crate) max_file_size: u64,
    pub(crate) test_paths: Globs,
    pub(crate) rules: Vec<Rule>,
    /// Every file configuration was read from (for `rules`, errors).
    pub(crate) sources: Vec<SourceFile>,
    /// `[suppressions]`: severities of the findings about `archdrift-ignore` comments.
    pub(crate) suppressions: suppressions::Settings,
    /// `[adr]`: the ADR folders, the ADR documents found, and the rules their status retired.
    pub(crate) adr: crate::adr::AdrState,
    /// Problems that do not stop a run (an ADR `path` that does not exist), printed on stderr.
    pub(crate) warnings: Vec<String>,
    /// `[design_system]`, when there is one (the rules hold it too; the adoption number needs it).
    pub(crate) design_system: Option<Arc<crate::rules::design_system::config::DesignSystem>>,
    /// `[budget]`: the drift a team accepts per ADR, rule or directory.
    pub(crate) budget: Vec<budget::Entry>,
}

/// Walks up from `start` to the first directory holding `archdrift.toml`.
pub(crate) fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        // a bare file name (`b.ts`) has the empty path as its parent: the current directory
        Some(start.parent()?)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
    } else {
        start
    };
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Finds the configuration (the file given, or `archdrift.toml` walking up from `first_path` or
/// the current directory) and loads it.
pub(crate) fn find_and_load(
    explicit: Option<PathBuf>,
    first_path: Option<&Path>,
) -> Result<Config, CommandError> {
    let explicit_given = explicit.is_some();
    let file = match explicit {
        Some(f) => {
            if !f.is_file() {
                return Err(CommandError::usage(format!(
                    "config file {} not found",
                    f.display()
                )));
            }
            f
        }
        None => {
            let start = first_path
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from("."));
            match find_config(&start) {
                Some(f) => f,
                None => {
                    let shown = std::fs::canonicalize(&start).unwrap_or(start);
                    return Err(CommandError::with_help(
                        format!(
                            "no {} found in {} or any parent directory",
                            CONFIG_FILE,
                            shown.display()
                        ),
                        "run `archdrift init` at the root of the repository to write an archdrift.toml from what it finds there (README.md, \"Configuration\", explains the file; the packs in archdrift's rules/ can be included as they are), or pass --config FILE",
                    ));
                }
            }
        }
    };
    let checked_root = match (&explicit_given, first_path) {
        (true, Some(p)) => checked_root_outside(&file, p),
        _ => None,
    };
    load_rooted(&file, checked_root.as_deref()).map_err(CommandError::Config)
}

/// With `--config FILE` kept outside the checked tree (a central repository of rules): the
/// checked root is the repository holding `first_path` (the nearest directory above it with a
/// `.git`), else `first_path`'s directory. `None` when `first_path` is inside the
/// configuration's directory (the usual case: that directory is the root).
fn checked_root_outside(config_file: &Path, first_path: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(config_file)
        .ok()?
        .parent()
        .and_then(|d| std::fs::canonicalize(d).ok())?;
    // the nearest existing folder (an editor buffer's file need not exist yet)
    let abs = std::path::absolute(first_path).ok()?;
    let start = abs
        .ancestors()
        .find_map(|a| std::fs::canonicalize(a).ok().filter(|c| c.is_dir()))?;
    if start.starts_with(&dir) {
        return None;
    }
    let repo = start.ancestors().find(|d| d.join(".git").exists());
    Some(repo.unwrap_or(&start).to_path_buf())
}

/// Loads a configuration file and every rule file it includes. All errors found are returned.
pub fn load(config_file: &Path) -> Result<Config, Vec<ConfigError>> {
    load_rooted(config_file, None)
}

/// [`load`], checking the tree at `checked_root` instead of the configuration's directory (a
/// central configuration kept outside the repository): `include` resolves against the
/// configuration's own directory; ADR folders and documents, `[design_system]` files and what
/// rules read from the tree (workspace, tsconfig) resolve against the checked root.
pub(crate) fn load_rooted(
    config_file: &Path,
    checked_root: Option<&Path>,
) -> Result<Config, Vec<ConfigError>> {
    // the root is the directory where the configuration was found, also when the file is a
    // symbolic link: only that directory is canonicalised, never the file itself
    let cannot = |e: std::io::Error| {
        vec![ConfigError::plain(format!(
            "cannot read {}: {e}",
            config_file.display()
        ))]
    };
    let abs = std::path::absolute(config_file).map_err(cannot)?;
    let name = abs
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    let dir = abs.parent().unwrap_or(Path::new("/"));
    let config_dir = std::fs::canonicalize(dir).map_err(cannot)?;
    let config_file = config_dir.join(&name);
    // a linked configuration that leads outside its directory is used, but its text is never
    // shown in an error (it could be any file: `/proc/self/environ`)
    let outside = crate::core::confine::inside(&config_dir, &name.to_string_lossy()).is_err();
    let root = match checked_root {
        Some(r) => std::fs::canonicalize(r).map_err(cannot)?,
        None => config_dir.clone(),
    };
    let mut loader = Loader {
        root: root.clone(),
        config_dir,
        errors: Vec::new(),
        sources: Vec::new(),
        design_system: None,
        overrides: Vec::new(),
        budget: Vec::new(),
    };
    let main = loader.read_source(&config_file).map_err(|e| vec![e])?;
    let mut cfg = Config {
        root,
        config_file: config_file.clone(),
        exclude: Globs::from_static(ALWAYS_EXCLUDED),
        max_file_size: DEFAULT_MAX_FILE_SIZE,
        test_paths: Globs::from_static(DEFAULT_TEST_PATHS),
        rules: Vec::new(),
        sources: Vec::new(),
        suppressions: Default::default(),
        adr: Default::default(),
        warnings: Vec::new(),
        design_system: None,
        budget: Vec::new(),
    };
    let mut rule_tables = Vec::new();
    loader.parse_main(&main, &mut cfg, &mut rule_tables);
    let mut seen: HashMap<String, (SourceFile, Range<usize>)> = HashMap::new();
    for src in rule_tables {
        loader.parse_rules(&src, &mut cfg, &mut seen);
    }
    // rules written inside ADR documents (```archdrift blocks), then each ADR's status
    cfg.adr.docs = crate::adr::discover(&cfg.root, &cfg.adr.dirs);
    for i in 0..cfg.adr.docs.len() {
        if let Some(text) = cfg.adr.docs[i].rules_text.clone() {
            let src = SourceFile {
                name: cfg.adr.docs[i].rel.clone(),
                text: Arc::new(text),
            };
            loader.sources.push(src.clone());
            let first = cfg.rules.len();
            loader.parse_rules(&src, &mut cfg, &mut seen);
            let doc = &cfg.adr.docs[i];
            for r in &mut cfg.rules[first..] {
                r.adr.get_or_insert_with(|| doc.adr());
            }
        }
    }
    adr_status::apply_status(&mut cfg);
    let overrides = std::mem::take(&mut loader.overrides);
    loader.errors.extend(overrides::apply(&mut cfg, &overrides));
    cfg.warnings.extend(missing_adr_paths(&cfg));
    match budget::resolve(std::mem::take(&mut loader.budget), &cfg.rules) {
        Ok(b) => cfg.budget = b,
        Err(e) => loader.errors.push(e),
    }
    cfg.sources = loader.sources;
    cfg.design_system = loader.design_system.clone();
    if outside {
        for e in &mut loader.errors {
            if e.src.as_ref().is_some_and(|s| s.name == main.name) {
                hide_source(e);
            }
        }
    }
    if loader.errors.is_empty() {
        Ok(cfg)
    } else {
        Err(loader.errors)
    }
}

struct Loader {
    /// The checked root: what the configuration's globs and paths are relative to.
    root: PathBuf,
    /// The configuration's own directory: what its `include`s are relative to.
    config_dir: PathBuf,
    overrides: Vec<overrides::Override>,
    errors: Vec<ConfigError>,
    sources: Vec<SourceFile>,
    design_system: Option<Arc<crate::rules::design_system::config::DesignSystem>>,
    budget: Vec<budget::Pending>,
}

impl Loader {
    fn display_name(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn read_source(&mut self, p: &Path) -> Result<SourceFile, ConfigError> {
        let text = crate::core::safe_read::read_config_string(p)
            .map_err(|e| ConfigError::plain(format!("cannot read {}: {e}", p.display())))?;
        let sf = SourceFile {
            name: self.display_name(p),
            text: Arc::new(text),
        };
        self.sources.push(sf.clone());
        Ok(sf)
    }

    /// Parses `archdrift.toml`: settings, includes, and collects the files holding `[[rule]]`s.
    fn parse_main(&mut self, src: &SourceFile, cfg: &mut Config, rule_files: &mut Vec<SourceFile>) {
        let doc = match DeTable::parse(&src.text) {
            Ok(d) => d,
            Err(e) => return self.errors.push(toml_error(src, &e)),
        };
        let fields = Fields::new(src, doc.get_ref(), doc.span());
        let r = (|| -> Result<(), ConfigError> {
            if let Some(includes) = fields.str_list("include")? {
                for inc in includes {
                    if inc.get_ref().starts_with(packs::PREFIX) {
                        match packs::find(inc.get_ref()) {
                            Ok(pack) => {
                                let sf = pack.source();
                                if !rule_files.iter().any(|f| f.name == sf.name) {
                                    self.sources.push(sf.clone());
                                    rule_files.push(sf);
                                }
                            }
                            Err(e) => self.errors.push(
                                ConfigError::at(src, inc.span(), e)
                                    .label("this include")
                                    .help("`archdrift rules --packs` lists the shipped packs"),
                            ),
                        }
                        continue;
                    }
                    match self.expand_include(src, &inc) {
                        Ok(files) => {
                            for f in files {
                                match self.read_source(&f) {
                                    Ok(sf) => rule_files.push(sf),
                                    Err(e) => self.errors.push(e),
                                }
                            }
                        }
                        Err(e) => self.errors.push(e),
                    }
                }
            }
            if let Some(check) = fields.table("check")? {
                if let Some(ex) = check.str_list("exclude")? {
                    let mut all: Vec<Spanned<String>> = Vec::new();
                    all.extend(
                        ALWAYS_EXCLUDED
                            .iter()
                            .map(|s| Spanned::new(0..0, s.to_string())),
                    );
                    all.extend(ex);
                    cfg.exclude = compile_globs(src, &all)?;
                }
                if let Some(n) = check.int("max_file_size")? {
                    if *n.get_ref() <= 0 {
                        return Err(ConfigError::at(
                            src,
                            n.span(),
                            "max_file_size must be positive",
                        )
                        .label("not a size in bytes"));
                    }
                    cfg.max_file_size = *n.get_ref() as u64;
                }
                check.finish(CHECK_FIELDS)?;
            }
            if let Some(t) = fields.table("budget")? {
                self.budget = budget::parse(&t)?;
            }
            if let Some(t) = fields.table("suppressions")? {
                cfg.suppressions = suppressions::parse_settings(&t)?;
            }
            if let Some(t) = fields.table("adr")? {
                cfg.adr.dirs = crate::adr::parse_settings(&t)?;
                // the ADR folders are read: they must be inside the root
                if let Some(list) = t.str_list("paths")? {
                    for d in list {
                        crate::core::confine::inside(&cfg.root, d.get_ref())
                            .map_err(|e| ConfigError::at(src, d.span(), e).label("this folder"))?;
                    }
                }
            }
            if let Some(tests) = fields.table("tests")? {
                if let Some(p) = tests.str_list("paths")? {
                    cfg.test_paths = compile_globs(src, &p)?;
                }
                tests.finish(TESTS_FIELDS)?;
            }
            if let Some(t) = fields.table("rules")? {
                self.overrides = overrides::parse(&t)?;
            }
            if let Some(ds) = fields.table("design_system")? {
                let root = cfg.root.clone();
                self.design_system = Some(Arc::new(crate::rules::design_system::config::parse(
                    &ds, &root,
                )?));
            }
            Ok(())
        })();
        if let Err(e) = r {
            self.errors.push(e);
        }
        // rules inline in archdrift.toml are parsed like those of a rule file
        rule_files.insert(0, src.clone());
        if let Err(e) = fields.finish(TOP_FIELDS) {
            self.errors.push(e);
        }
    }

    fn expand_include(
        &self,
        src: &SourceFile,
        inc: &Spanned<String>,
    ) -> Result<Vec<PathBuf>, ConfigError> {
        let pat = inc.get_ref().trim_start_matches("./");
        let escape = |e: String| {
            ConfigError::at(src, inc.span(), e)
                .label("this include")
                .help("rule files are included from inside the directory of archdrift.toml")
        };
        // the literal folder of the glob (or the whole path) must be inside the root
        let literal: Vec<&str> = pat
            .split('/')
            .take_while(|s| !s.contains(['*', '?', '[', '{']))
            .collect();
        crate::core::confine::inside(&self.config_dir, &literal.join("/")).map_err(escape)?;
        if pat.split('/').any(|s| s == "..") {
            return Err(escape(format!(
                "`{pat}` contains `..`; includes stay inside {}",
                self.config_dir.display()
            )));
        }
        // anchored at the configuration's directory
        let matcher = Globs::new(&[format!("/{pat}")]).map_err(|e| {
            ConfigError::at(src, inc.span(), format!("invalid include: {e}")).label("this glob")
        })?;
        // walk from the literal directory prefix of the glob
        let prefix: Vec<&str> = pat
            .split('/')
            .take_while(|s| !s.contains(['*', '?', '[', '{']))
            .collect();
        let literal_all = prefix.len() == pat.split('/').count();
        let mut out = Vec::new();
        if literal_all {
            let p = self.config_dir.join(pat);
            if p.is_file() {
                out.push(p);
            }
        } else {
            let base = self.config_dir.join(prefix.join("/"));
            let mut stack = vec![base];
            while let Some(dir) = stack.pop() {
                let Ok(rd) = std::fs::read_dir(&dir) else {
                    continue;
                };
                for entry in rd.flatten() {
                    let path = entry.path();
                    let Ok(ft) = entry.file_type() else { continue };
                    if ft.is_dir() {
                        stack.push(path);
                    } else if ft.is_file() {
                        let rel = path
                            .strip_prefix(&self.config_dir)
                            .unwrap_or(&path)
                            .to_string_lossy()
                            .replace('\\', "/");
                        if matcher.is_match(&rel) {
                            out.push(path);
                        }
                    }
                }
            }
        }
        out.sort();
        // only rule files: a TOML error in anything else would print its content
        if let Some(other) = out
            .iter()
            .find(|p| p.extension().is_none_or(|x| x != "toml"))
        {
            return Err(escape(format!(
                "`{}` is not a rule file (rule files end in `.toml`)",
                self.display_name(other)
            )));
        }
        if out.is_empty() {
            return Err(ConfigError::at(src, inc.span(), "include matches no file")
                .label("no file matches this")
                .help(format!("paths are relative to {}", src.name)));
        }
        Ok(out)
    }

    fn parse_rules(
        &mut self,
        src: &SourceFile,
        cfg: &mut Config,
        seen: &mut HashMap<String, (SourceFile, Range<usize>)>,
    ) {
        let doc = match DeTable::parse(&src.text) {
            Ok(d) => d,
            Err(e) => {
                // the main file's syntax error was already reported
                if !self
                    .errors
                    .iter()
                    .any(|x| x.src.as_ref().is_some_and(|s| s.name == src.name))
                {
                    self.errors.push(toml_error(src, &e));
                }
                return;
            }
        };
        let is_main = self.sources.first().is_some_and(|s| s.name == src.name);
        let top = Fields::new(src, doc.get_ref(), doc.span());
        if !is_main {
            if let Err(e) = top.finish(RULE_FILE_FIELDS) {
                self.errors
                    .push(e.help("a rule file holds only [[rule]] tables"));
            }
        }
        let Some(rules_val) = doc.get_ref().get("rule") else {
            return;
        };
        let Some(arr) = rules_val.get_ref().as_array() else {
            self.errors.push(
                ConfigError::at(src, rules_val.span(), "`rule` must be an array of tables")
                    .help("write each rule as a [[rule]] table"),
            );
            return;
        };
        for item in arr.iter() {
            let Some(table) = item.get_ref().as_table() else {
                self.errors
                    .push(ConfigError::at(src, item.span(), "a rule must be a table"));
                continue;
            };
            match parse_rule(src, table, item.span(), cfg, self.design_system.as_ref()) {
                Ok(rule) => {
                    if let Some((first_src, first_span)) = seen.get(&rule.id) {
                        let span = table
                            .get("id")
                            .map(|v| v.span())
                            .unwrap_or_else(|| item.span());
                        let mut e =
                            ConfigError::at(src, span, format!("duplicate rule id `{}`", rule.id))
                                .label("defined again here");
                        if first_src.name == src.name {
                            e.related = Some((first_span.clone(), "first defined here".into()));
                        } else {
                            e = e.help(format!(
                                "first defined in {} line {}",
                                first_src.name,
                                first_src.line_of(first_span.start)
                            ));
                        }
                        self.errors.push(e);
                        continue;
                    }
                    let span = table
                        .get("id")
                        .map(|v| v.span())
                        .unwrap_or_else(|| item.span());
                    seen.insert(rule.id.clone(), (src.clone(), span));
                    cfg.rules.push(rule);
                }
                Err(e) => self.errors.push(e),
            }
        }
    }
}

/// One warning per ADR `path` of a rule that does not exist under the root (`explain` and the
/// ADR's status need it; the run goes on).
fn missing_adr_paths(cfg: &Config) -> Vec<String> {
    let mut seen = std::collections::BTreeMap::<&str, &str>::new();
    for r in &cfg.rules {
        if let Some(p) = r.adr.as_ref().and_then(|a| a.path.as_deref()) {
            seen.entry(p).or_insert(&r.defined_at);
        }
    }
    seen.into_iter()
        .filter(|(p, _)| !cfg.root.join(p.trim_start_matches("./")).is_file())
        .map(|(p, at)| {
            format!(
                "the ADR path `{p}` (rule at {at}) does not exist under {}",
                cfg.root.display()
            )
        })
        .collect()
}

/// Keeps only the place (`file:line:column`) of an error in a file whose text must not be shown.
fn hide_source(e: &mut ConfigError) {
    if let Some(loc) = e.location() {
        e.message = format!("{} (at {loc})", e.message);
    }
    e.src = None;
    e.span = None;
    e.related = None;
}

fn toml_error(src: &SourceFile, e: &toml::de::Error) -> ConfigError {
    let span = e.span().unwrap_or(0..0);
    ConfigError::at(src, span, format!("invalid TOML: {}", e.message().trim()))
        .label("TOML syntax error")
}

fn parse_rule(
    src: &SourceFile,
    table: &DeTable<'_>,
    span: Range<usize>,
    cfg: &Config,
    design_system: Option<&Arc<crate::rules::design_system::config::DesignSystem>>,
) -> Result<Rule, ConfigError> {
    let f = Fields::new(src, table, span.clone());
    let id = f.req_str("id")?;
    if id.get_ref().trim().is_empty() || id.get_ref().chars().any(char::is_whitespace) {
        return Err(ConfigError::at(
            src,
            id.span(),
            "a rule id must be non-empty, without spaces",
        )
        .label("invalid id")
        .help("ids look like `ts/no-console`"));
    }
    let kind = f.req_str("kind")?;
    let Some(kind_info) = rules::KINDS.iter().find(|k| k.name == kind.get_ref()) else {
        let names: Vec<&str> = rules::KINDS.iter().map(|k| k.name).collect();
        let mut e = ConfigError::at(
            src,
            kind.span(),
            format!("unknown rule kind `{}`", kind.get_ref()),
        )
        .label("unknown kind")
        .help(format!("known kinds: {}", names.join(", ")));
        if let Some(s) = closest(kind.get_ref(), &names) {
            e = e.help(format!(
                "did you mean `{s}`? known kinds: {}",
                names.join(", ")
            ));
        }
        return Err(e);
    };
    let severity = match f.str("severity")? {
        None => Severity::Error,
        Some(s) => Severity::parse(s.get_ref()).ok_or_else(|| {
            ConfigError::at(src, s.span(), format!("unknown severity `{}`", s.get_ref()))
                .label("not a severity")
                .help("severity is one of: error, warning, info")
        })?,
    };
    let message = f.req_str("message")?;
    placeholders::check(src, kind_info.name, "message", &message)?;
    let message = message.into_inner();
    let help = f.str("help")?;
    if let Some(h) = &help {
        placeholders::check(src, kind_info.name, "help", h)?;
    }
    let help = help.map(Spanned::into_inner);
    let adr = match f.table("adr")? {
        None => None,
        Some(a) => {
            let id = a.req_str("id")?.into_inner();
            let title = a.str("title")?.map(Spanned::into_inner).unwrap_or_default();
            let path = a.str("path")?;
            if let Some(p) = &path {
                // the ADR is read (for its status, and by `explain`): it must be inside the root
                crate::core::confine::inside(&cfg.root, p.get_ref())
                    .map_err(|e| ConfigError::at(src, p.span(), e).label("this path"))?;
            }
            let path = path.map(Spanned::into_inner);
            let url = a.str("url")?.map(Spanned::into_inner);
            a.finish(ADR_FIELDS)?;
            Some(Adr {
                id,
                title,
                path,
                url,
            })
        }
    };
    let paths = f
        .str_list("paths")?
        .map(|p| compile_globs(src, &p))
        .transpose()?;
    let exclude = f
        .str_list("exclude")?
        .map(|p| compile_globs(src, &p))
        .transpose()?;
    let tests = match f.str("tests")? {
        None => TestsMode::Include,
        Some(s) => match s.get_ref().as_str() {
            "include" => TestsMode::Include,
            "exclude" => TestsMode::Exclude,
            "only" => TestsMode::Only,
            _ => {
                return Err(ConfigError::at(
                    src,
                    s.span(),
                    format!("unknown tests mode `{}`", s.get_ref()),
                )
                .label("not a tests mode")
                .help("tests is one of: include, exclude, only"))
            }
        },
    };
    let honours = match f.str_list("honours")? {
        None => Vec::new(),
        Some(list) => {
            let mut v = Vec::new();
            for h in list {
                let name = h.get_ref();
                let linter = name.split_once(':').map(|(l, _)| l);
                let ok = !name.trim().is_empty()
                    && !name.ends_with(':')
                    && linter.is_none_or(|l| suppressions::LINTERS.contains(&l));
                if !ok {
                    return Err(ConfigError::at(src, h.span(), format!("unknown linter rule `{name}`"))
                        .label("not a linter rule")
                        .help(format!(
                            "write `linter:rule` with linter one of {} (no prefix: eslint), e.g. \"eslint:no-console\"",
                            suppressions::LINTERS.join(", ")
                        )));
                }
                v.push(h.into_inner());
            }
            v
        }
    };
    let ctx = rules::kind::CompileCtx {
        src,
        root: &cfg.root,
        design_system,
    };
    let matcher = (kind_info.compile)(&f, &ctx)?;
    let mut known: Vec<&str> = COMMON_FIELDS.to_vec();
    known.extend_from_slice(kind_info.fields);
    f.finish(&known)?;
    Ok(Rule {
        id: id.into_inner(),
        kind: kind_info.name,
        severity,
        message,
        help,
        adr,
        paths,
        exclude,
        tests,
        honours,
        defined_at: format!("{}:{}", src.name, src.line_of(span.start)),
        matcher,
    })
}

/// The tables and keys of `archdrift.toml` (the JSON Schema in `schema/` is generated from these
/// lists and the kinds' own, see `schema.rs`).
pub(crate) const TOP_FIELDS: &[&str] = &[
    "include",
    "check",
    "tests",
    "rule",
    "suppressions",
    "adr",
    "design_system",
    "rules",
    "budget",
];
/// `[check]`.
pub(crate) const CHECK_FIELDS: &[&str] = &["exclude", "max_file_size"];
/// `[tests]`.
pub(crate) const TESTS_FIELDS: &[&str] = &["paths"];
/// What a rule file (not `archdrift.toml`) may hold.
pub(crate) const RULE_FILE_FIELDS: &[&str] = &["rule"];
/// A rule's `adr = { … }`.
pub(crate) const ADR_FIELDS: &[&str] = &["id", "title", "path", "url"];

/// Fields every rule has, whatever its kind.
pub(crate) const COMMON_FIELDS: &[&str] = &[
    "id", "kind", "severity", "message", "help", "adr", "paths", "exclude", "tests", "honours",
];

#[cfg(test)]
mod tests;
