//! Loading `archdrift.toml` and its rule files into checked, compiled rules.
//!
//! Every value is read with its byte span, so any mistake (unknown field, wrong type, duplicate id,
//! bad glob, a query that does not compile) becomes a [`ConfigError`]: a miette diagnostic that
//! points at the line and column in the file that holds it.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use miette::{Diagnostic, LabeledSpan, NamedSource, SourceCode};
use toml::de::{DeTable, DeValue};
use toml::Spanned;

use crate::diagnostic::{Adr, Severity};
use crate::rules::{self, FileRule};

pub const CONFIG_FILE: &str = "archdrift.toml";
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;
pub const DEFAULT_TEST_PATHS: &[&str] = &[
    "**/*.test.*",
    "**/*.spec.*",
    "**/__tests__/**",
    "**/tests/**",
];
/// Directories never walked, whatever the ignore files say.
pub const ALWAYS_EXCLUDED: &[&str] = &["**/node_modules", "**/.git"];

/// A file that configuration came from, kept for error reports.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path as shown to the user (relative to the root when possible).
    pub name: String,
    pub text: Arc<String>,
}

impl SourceFile {
    pub fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .matches('\n')
            .count()
            + 1
    }
}

/// A configuration mistake, pointing into the file that holds it.
#[derive(Debug)]
pub struct ConfigError {
    pub message: String,
    pub src: Option<SourceFile>,
    pub span: Option<Range<usize>>,
    pub label: String,
    pub help: Option<String>,
    /// Another place worth showing (e.g. the first definition of a duplicate id).
    pub related: Option<(Range<usize>, String)>,
}

impl ConfigError {
    pub fn plain(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            src: None,
            span: None,
            label: String::new(),
            help: None,
            related: None,
        }
    }
    pub fn at(src: &SourceFile, span: Range<usize>, message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            src: Some(src.clone()),
            span: Some(span),
            label: "here".into(),
            help: None,
            related: None,
        }
    }
    pub fn label(mut self, l: impl Into<String>) -> Self {
        self.label = l.into();
        self
    }
    pub fn help(mut self, h: impl Into<String>) -> Self {
        self.help = Some(h.into());
        self
    }
    /// `file:line:column` of the error, when it has a place.
    pub fn location(&self) -> Option<String> {
        let (src, span) = (self.src.as_ref()?, self.span.as_ref()?);
        let before = &src.text[..span.start.min(src.text.len())];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Some(format!("{}:{}:{}", src.name, line, col))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Diagnostic for ConfigError {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("archdrift::config"))
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.src.as_ref().map(|s| &*s.text as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let mut labels = Vec::new();
        if let Some(span) = &self.span {
            labels.push(LabeledSpan::new_primary_with_span(
                Some(self.label.clone()),
                span.start..span.end.max(span.start),
            ));
        }
        if let Some((span, label)) = &self.related {
            labels.push(LabeledSpan::new_with_span(
                Some(label.clone()),
                span.clone(),
            ));
        }
        if labels.is_empty() {
            None
        } else {
            Some(Box::new(labels.into_iter()))
        }
    }
}

/// A config error rendered with its file name (miette's `NamedSource`).
pub struct NamedConfigError<'a>(pub &'a ConfigError, Option<NamedSource<String>>);

impl<'a> NamedConfigError<'a> {
    pub fn new(e: &'a ConfigError) -> Self {
        let named = e
            .src
            .as_ref()
            .map(|s| NamedSource::new(s.name.clone(), s.text.to_string()).with_language("toml"));
        NamedConfigError(e, named)
    }
}

impl fmt::Debug for NamedConfigError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}
impl fmt::Display for NamedConfigError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}
impl std::error::Error for NamedConfigError<'_> {}
impl Diagnostic for NamedConfigError<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.code()
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.0.help()
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.1.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.0.labels()
    }
}

/// Whether a rule looks at test code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestsMode {
    Include,
    Exclude,
    Only,
}

impl TestsMode {
    pub fn as_str(self) -> &'static str {
        match self {
            TestsMode::Include => "include",
            TestsMode::Exclude => "exclude",
            TestsMode::Only => "only",
        }
    }
}

/// A set of path globs, with the patterns as written.
#[derive(Clone, Debug)]
pub struct Globs {
    pub patterns: Vec<String>,
    set: GlobSet,
}

impl Globs {
    pub fn is_match(&self, rel_path: &str) -> bool {
        self.set.is_match(rel_path)
    }
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
    /// Builds from trusted, known-good patterns (defaults).
    pub fn from_static(patterns: &[&str]) -> Globs {
        let owned: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        let mut b = GlobSetBuilder::new();
        for p in &owned {
            for g in expand_glob(p) {
                b.add(build_glob(&g).expect("built-in glob"));
            }
        }
        Globs {
            patterns: owned,
            set: b.build().expect("built-in globs"),
        }
    }
}

fn build_glob(p: &str) -> Result<globset::Glob, globset::Error> {
    GlobBuilder::new(p)
        .literal_separator(true)
        .backslash_escape(true)
        .build()
}

/// A glob without `/` matches at any depth; every glob also matches what is below a matched dir.
fn expand_glob(p: &str) -> Vec<String> {
    let p = p.strip_prefix("./").unwrap_or(p);
    let p = p.trim_end_matches('/');
    let base = if p.contains('/') {
        p.strip_prefix('/').unwrap_or(p).to_string()
    } else {
        format!("**/{p}")
    };
    if base.ends_with("/**") {
        vec![base]
    } else {
        vec![base.clone(), format!("{base}/**")]
    }
}

/// A loaded rule: what every kind shares, plus the kind's compiled matcher.
pub struct Rule {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    pub adr: Option<Adr>,
    pub paths: Option<Globs>,
    pub exclude: Option<Globs>,
    pub tests: TestsMode,
    /// `file:line` where the rule is defined.
    pub defined_at: String,
    pub matcher: Box<dyn FileRule>,
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
    pub fn applies_to_path(&self, rel: &str) -> bool {
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
    pub root: PathBuf,
    pub config_file: PathBuf,
    pub exclude: Globs,
    pub max_file_size: u64,
    pub test_paths: Globs,
    pub rules: Vec<Rule>,
    /// Every file configuration was read from (for `rules`, errors).
    pub sources: Vec<SourceFile>,
    /// `[suppressions]`: severities of the findings about `archdrift-ignore` comments.
    pub suppressions: crate::suppress::Settings,
    /// `[adr]`: the ADR folders, the ADR documents found, and the rules their status retired.
    pub adr: crate::adr_rules::AdrState,
}

/// Walks up from `start` to the first directory holding `archdrift.toml`.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let start = std::fs::canonicalize(start).ok()?;
    start
        .ancestors()
        .map(|d| d.join(CONFIG_FILE))
        .find(|p| p.is_file())
}

/// Loads a configuration file and every rule file it includes. All errors found are returned.
pub fn load(config_file: &Path) -> Result<Config, Vec<ConfigError>> {
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
    let root = std::fs::canonicalize(dir).map_err(cannot)?;
    let config_file = root.join(&name);
    // a linked configuration that leads outside the root is used, but its text is never shown
    // in an error (it could be any file: `/proc/self/environ`)
    let outside = crate::confine::inside(&root, &name.to_string_lossy()).is_err();
    let mut loader = Loader {
        root: root.clone(),
        errors: Vec::new(),
        sources: Vec::new(),
        design_system: None,
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
    };
    let mut rule_tables = Vec::new();
    loader.parse_main(&main, &mut cfg, &mut rule_tables);
    let mut seen: HashMap<String, (SourceFile, Range<usize>)> = HashMap::new();
    for src in rule_tables {
        loader.parse_rules(&src, &mut cfg, &mut seen);
    }
    // rules written inside ADR documents (```archdrift blocks), then each ADR's status
    cfg.adr.docs = crate::adr_rules::discover(&cfg.root, &cfg.adr.dirs);
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
    crate::adr_rules::apply_status(&mut cfg);
    cfg.sources = loader.sources;
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
    root: PathBuf,
    errors: Vec<ConfigError>,
    sources: Vec<SourceFile>,
    design_system: Option<Arc<crate::design_config::DesignSystem>>,
}

impl Loader {
    fn display_name(&self, p: &Path) -> String {
        p.strip_prefix(&self.root)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    }

    fn read_source(&mut self, p: &Path) -> Result<SourceFile, ConfigError> {
        let text = crate::safe_read::read_config_string(p)
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
                check.finish(&["exclude", "max_file_size"])?;
            }
            if let Some(t) = fields.table("suppressions")? {
                cfg.suppressions = crate::suppress::parse_settings(&t)?;
            }
            if let Some(t) = fields.table("adr")? {
                cfg.adr.dirs = crate::adr_rules::parse_settings(&t)?;
                // the ADR folders are read: they must be inside the root
                if let Some(list) = t.str_list("paths")? {
                    for d in list {
                        crate::confine::inside(&self.root, d.get_ref())
                            .map_err(|e| ConfigError::at(src, d.span(), e).label("this folder"))?;
                    }
                }
            }
            if let Some(tests) = fields.table("tests")? {
                if let Some(p) = tests.str_list("paths")? {
                    cfg.test_paths = compile_globs(src, &p)?;
                }
                tests.finish(&["paths"])?;
            }
            if let Some(ds) = fields.table("design_system")? {
                let root = self.root.clone();
                self.design_system = Some(Arc::new(crate::design_config::parse(&ds, &root)?));
            }
            Ok(())
        })();
        if let Err(e) = r {
            self.errors.push(e);
        }
        // rules inline in archdrift.toml are parsed like those of a rule file
        rule_files.insert(0, src.clone());
        if let Err(e) = fields.finish(&[
            "include",
            "check",
            "tests",
            "rule",
            "suppressions",
            "adr",
            "design_system",
        ]) {
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
        crate::confine::inside(&self.root, &literal.join("/")).map_err(escape)?;
        if pat.split('/').any(|s| s == "..") {
            return Err(escape(format!(
                "`{pat}` contains `..`; includes stay inside {}",
                self.root.display()
            )));
        }
        let glob = GlobBuilder::new(pat)
            .literal_separator(true)
            .build()
            .map_err(|e| {
                ConfigError::at(
                    src,
                    inc.span(),
                    format!("invalid include glob: {}", glob_err(&e)),
                )
                .label("this glob")
            })?;
        let matcher = glob.compile_matcher();
        // walk from the literal directory prefix of the glob
        let prefix: Vec<&str> = pat
            .split('/')
            .take_while(|s| !s.contains(['*', '?', '[', '{']))
            .collect();
        let literal_all = prefix.len() == pat.split('/').count();
        let mut out = Vec::new();
        if literal_all {
            let p = self.root.join(pat);
            if p.is_file() {
                out.push(p);
            }
        } else {
            let base = self.root.join(prefix.join("/"));
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
                        let rel = self.display_name(&path);
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
            if let Err(e) = top.finish(&["rule"]) {
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

fn glob_err(e: &globset::Error) -> String {
    e.kind().to_string()
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

/// Compiles path globs, pointing at the bad one on error.
pub fn compile_globs(src: &SourceFile, list: &[Spanned<String>]) -> Result<Globs, ConfigError> {
    let mut b = GlobSetBuilder::new();
    for p in list {
        for g in expand_glob(p.get_ref()) {
            let glob = build_glob(&g).map_err(|e| {
                ConfigError::at(src, p.span(), format!("invalid glob: {}", glob_err(&e)))
                    .label("this glob")
                    .help("globs use `*`, `**`, `?`, `[abc]` and `{a,b}`; paths are relative to the root")
            })?;
            b.add(glob);
        }
    }
    let set = b
        .build()
        .map_err(|e| ConfigError::plain(format!("invalid globs: {e}")))?;
    Ok(Globs {
        patterns: list.iter().map(|s| s.get_ref().clone()).collect(),
        set,
    })
}

fn parse_rule(
    src: &SourceFile,
    table: &DeTable<'_>,
    span: Range<usize>,
    cfg: &Config,
    design_system: Option<&Arc<crate::design_config::DesignSystem>>,
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
    let message = f.req_str("message")?.into_inner();
    let help = f.str("help")?.map(Spanned::into_inner);
    let adr = match f.table("adr")? {
        None => None,
        Some(a) => {
            let id = a.req_str("id")?.into_inner();
            let title = a.str("title")?.map(Spanned::into_inner).unwrap_or_default();
            let path = a.str("path")?;
            if let Some(p) = &path {
                // the ADR is read (for its status, and by `explain`): it must be inside the root
                crate::confine::inside(&cfg.root, p.get_ref())
                    .map_err(|e| ConfigError::at(src, p.span(), e).label("this path"))?;
            }
            let path = path.map(Spanned::into_inner);
            let url = a.str("url")?.map(Spanned::into_inner);
            a.finish(&["id", "title", "path", "url"])?;
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
    let ctx = rules::CompileCtx {
        src,
        rule_span: span.clone(),
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
        defined_at: format!("{}:{}", src.name, src.line_of(span.start)),
        matcher,
    })
}

/// Fields every rule has, whatever its kind.
pub const COMMON_FIELDS: &[&str] = &[
    "id", "kind", "severity", "message", "help", "adr", "paths", "exclude", "tests",
];

/// Typed, spanned access to the keys of one TOML table; `finish` rejects the keys nobody read.
pub struct Fields<'a, 'i> {
    pub src: &'a SourceFile,
    table: &'a DeTable<'i>,
    span: Range<usize>,
}

impl<'a, 'i> Fields<'a, 'i> {
    pub fn new(src: &'a SourceFile, table: &'a DeTable<'i>, span: Range<usize>) -> Self {
        Fields { src, table, span }
    }

    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.table.get(key)
    }

    fn type_error(&self, v: &Spanned<DeValue<'_>>, key: &str, expected: &str) -> ConfigError {
        ConfigError::at(
            self.src,
            v.span(),
            format!(
                "`{key}` must be {expected}, found {}",
                v.get_ref().type_str()
            ),
        )
        .label(format!("expected {expected}"))
    }

    /// The keys of the table, with their spans, in document order.
    pub fn keys(&self) -> Vec<Spanned<String>> {
        let mut keys: Vec<Spanned<String>> = self
            .table
            .iter()
            .map(|(k, _)| Spanned::new(k.span(), k.get_ref().to_string()))
            .collect();
        keys.sort_by_key(|k| k.span().start);
        keys
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.get(key).is_some()
    }

    pub fn str(&self, key: &str) -> Result<Option<Spanned<String>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_str() {
                Some(s) => Ok(Some(Spanned::new(v.span(), s.to_string()))),
                None => Err(self.type_error(v, key, "a string")),
            },
        }
    }

    pub fn req_str(&self, key: &str) -> Result<Spanned<String>, ConfigError> {
        self.str(key)?.ok_or_else(|| {
            ConfigError::at(
                self.src,
                self.header_span(),
                format!("missing field `{key}`"),
            )
            .label(format!("this table needs `{key}`"))
        })
    }

    pub fn bool(&self, key: &str) -> Result<Option<Spanned<bool>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_bool() {
                Some(b) => Ok(Some(Spanned::new(v.span(), b))),
                None => Err(self.type_error(v, key, "a boolean")),
            },
        }
    }

    pub fn int(&self, key: &str) -> Result<Option<Spanned<i64>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let n = v.get_ref().as_integer().and_then(|i| {
                    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
                });
                match n {
                    Some(n) => Ok(Some(Spanned::new(v.span(), n))),
                    None => Err(self.type_error(v, key, "an integer")),
                }
            }
        }
    }

    /// A number (integer or float).
    pub fn get_float(&self, key: &str) -> Result<Option<Spanned<f64>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => {
                let n = match v.get_ref() {
                    DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
                    DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
                    _ => None,
                };
                match n.filter(|n| n.is_finite()) {
                    Some(n) => Ok(Some(Spanned::new(v.span(), n))),
                    None => Err(self.type_error(v, key, "a number")),
                }
            }
        }
    }

    /// A table of strings (`elements = { button = "Button" }`), keys and values with spans.
    #[allow(clippy::type_complexity)]
    pub fn str_map(
        &self,
        key: &str,
    ) -> Result<Option<Vec<(Spanned<String>, Spanned<String>)>>, ConfigError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let Some(t) = v.get_ref().as_table() else {
            return Err(self.type_error(v, key, "a table of strings"));
        };
        t.iter()
            .map(|(k, item)| match item.get_ref().as_str() {
                Some(s) => Ok((
                    Spanned::new(k.span(), k.get_ref().to_string()),
                    Spanned::new(item.span(), s.to_string()),
                )),
                None => Err(self.type_error(item, key, "a table of strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A string or an array of strings.
    pub fn str_list(&self, key: &str) -> Result<Option<Vec<Spanned<String>>>, ConfigError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        if let Some(s) = v.get_ref().as_str() {
            return Ok(Some(vec![Spanned::new(v.span(), s.to_string())]));
        }
        let Some(arr) = v.get_ref().as_array() else {
            return Err(self.type_error(v, key, "a string or an array of strings"));
        };
        arr.iter()
            .map(|item| match item.get_ref().as_str() {
                Some(s) => Ok(Spanned::new(item.span(), s.to_string())),
                None => Err(self.type_error(item, key, "an array of strings")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    pub fn table(&self, key: &str) -> Result<Option<Fields<'a, 'i>>, ConfigError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => match v.get_ref().as_table() {
                Some(t) => Ok(Some(Fields::new(self.src, t, v.span()))),
                None => Err(self.type_error(v, key, "a table")),
            },
        }
    }

    /// The span to blame for a missing key: the table's first line.
    fn header_span(&self) -> Range<usize> {
        let text = &self.src.text;
        let start = self.span.start.min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        start..end.max(start)
    }

    /// Errors on the first key not in `known`, suggesting the closest known one.
    pub fn finish(&self, known: &[&str]) -> Result<(), ConfigError> {
        for (k, _) in self.table.iter() {
            if !known.contains(&k.get_ref().as_ref()) {
                let mut e = ConfigError::at(
                    self.src,
                    k.span(),
                    format!("unknown field `{}`", k.get_ref()),
                )
                .label("unknown field");
                e = match closest(k.get_ref(), known) {
                    Some(s) => e.help(format!(
                        "did you mean `{s}`? expected one of: {}",
                        known.join(", ")
                    )),
                    None => e.help(format!("expected one of: {}", known.join(", "))),
                };
                return Err(e);
            }
        }
        Ok(())
    }
}

/// The known name closest to `s` by edit distance, if close enough to be a typo.
pub fn closest<'k>(s: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|k| (levenshtein(s, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_str(text: &str) -> Result<Config, Vec<ConfigError>> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(CONFIG_FILE);
        std::fs::write(&p, text).unwrap();
        load(&p)
    }

    fn first_err(text: &str) -> ConfigError {
        load_str(text).unwrap_err().remove(0)
    }

    const OK_RULE: &str = r#"
[[rule]]
id = "ts/no-console"
kind = "banned-pattern"
severity = "warning"
message = "no console"
adr = { id = "ADR-1", title = "Logging", path = "docs/adr/1.md" }
calls = ["console.log"]
paths = ["src/**"]
tests = "exclude"
"#;

    #[test]
    fn loads_a_rule() {
        let cfg = load_str(OK_RULE).unwrap();
        assert_eq!(cfg.rules.len(), 1);
        let r = &cfg.rules[0];
        assert_eq!(r.id, "ts/no-console");
        assert_eq!(r.severity, Severity::Warning);
        assert_eq!(r.tests, TestsMode::Exclude);
        assert_eq!(r.adr.as_ref().unwrap().id, "ADR-1");
        assert!(r.applies_to_path("src/a/b.ts"));
        assert!(!r.applies_to_path("lib/a.ts"));
        assert_eq!(r.defined_at, "archdrift.toml:2");
    }

    #[test]
    fn unknown_field_points_at_the_key_with_a_suggestion() {
        let e = first_err(&OK_RULE.replace("tests =", "test ="));
        assert_eq!(e.message, "unknown field `test`");
        assert_eq!(e.location().unwrap(), "archdrift.toml:10:1");
        assert!(e.help.unwrap().contains("did you mean `tests`"));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let e = first_err(&OK_RULE.replace("severity = \"warning\"", "severity = 3"));
        assert_eq!(e.message, "`severity` must be a string, found integer");
        assert_eq!(e.location().unwrap(), "archdrift.toml:5:12");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let errs = load_str(&format!("{OK_RULE}{OK_RULE}")).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "duplicate rule id `ts/no-console`");
        assert_eq!(errs[0].location().unwrap(), "archdrift.toml:13:6");
        assert!(errs[0].related.is_some());
    }

    #[test]
    fn bad_glob_and_bad_enum_values() {
        let e = first_err(&OK_RULE.replace("src/**", "src/[a"));
        assert!(e.message.starts_with("invalid glob"), "{}", e.message);
        assert_eq!(e.location().unwrap(), "archdrift.toml:9:10");
        let e = first_err(&OK_RULE.replace("\"exclude\"", "\"skip\""));
        assert_eq!(e.message, "unknown tests mode `skip`");
        let e = first_err(&OK_RULE.replace("banned-pattern", "banned-patern"));
        assert!(e.help.unwrap().contains("did you mean `banned-pattern`"));
    }

    #[test]
    fn missing_fields_and_toml_syntax() {
        let e = first_err(&OK_RULE.replace("message = \"no console\"\n", ""));
        assert_eq!(e.message, "missing field `message`");
        let e = first_err("[[rule]\nid = 1");
        assert!(e.message.starts_with("invalid TOML"), "{}", e.message);
        assert!(e.location().unwrap().starts_with("archdrift.toml:1:"));
    }

    #[test]
    fn includes_are_relative_and_must_match() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("rules")).unwrap();
        std::fs::write(dir.path().join("rules/a.toml"), OK_RULE).unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "include = [\"rules/*.toml\"]\n[check]\nmax_file_size = 10\n",
        )
        .unwrap();
        let cfg = load(&dir.path().join(CONFIG_FILE)).unwrap();
        assert_eq!(cfg.rules.len(), 1);
        assert_eq!(cfg.rules[0].defined_at, "rules/a.toml:2");
        assert_eq!(cfg.max_file_size, 10);

        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "include = [\"nope/*.toml\"]\n",
        )
        .unwrap();
        let e = load(&dir.path().join(CONFIG_FILE)).unwrap_err().remove(0);
        assert_eq!(e.message, "include matches no file");

        std::fs::write(dir.path().join("rules/a.toml"), "[check]\n").unwrap();
        std::fs::write(
            dir.path().join(CONFIG_FILE),
            "include = [\"rules/*.toml\"]\n",
        )
        .unwrap();
        let e = load(&dir.path().join(CONFIG_FILE)).unwrap_err().remove(0);
        assert_eq!(e.message, "unknown field `check`");
        assert_eq!(e.location().unwrap(), "rules/a.toml:1:2");
    }

    #[test]
    fn globs_without_slash_match_anywhere() {
        let g = Globs::from_static(&["*.test.*", "apps/web", "**/tests/**"]);
        assert!(g.is_match("a/b/c.test.ts"));
        assert!(g.is_match("apps/web/src/x.ts"));
        assert!(g.is_match("crates/x/tests/it.rs"));
        assert!(!g.is_match("apps/webapp/x.ts"));
        assert!(!g.is_match("src/contest.ts"));
    }

    #[test]
    fn suggestions() {
        assert_eq!(closest("mesage", &["message", "help"]), Some("message"));
        assert_eq!(closest("zzzzzz", &["message", "help"]), None);
    }
}
