//! `archdrift init`: looks at a repository — its JS/TS packages (workspace globs, or each
//! folder's own `package.json` when the root has none), the design-system package with its
//! components, the libraries it wraps and its tokens, the config modules, the Cargo crate
//! graph, test and tooling code, the linters already in use, an ADR folder — and writes an
//! `archdrift.toml` whose every rule says what was detected and why ([`write`]). On a tree
//! where it finds nothing to check it says so and writes nothing. Never overwrites an existing
//! file without `--force`.

mod detect;
mod domains;
mod library;
mod linters;
mod practice;
mod variants;
mod write;

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::core::CommandError;

/// What `init` found in a repository.
#[derive(Debug, Default)]
pub(crate) struct Survey {
    /// The repository's root.
    pub(crate) root: PathBuf,
    pub(crate) typescript: bool,
    pub(crate) rust: bool,
    /// Workspace globs as the root declares them (empty: packages found by their package.json).
    pub(crate) workspace_globs: Vec<String>,
    pub(crate) packages: Vec<detect::Package>,
    pub(crate) design_system: Option<detect::DesignSystem>,
    pub(crate) ts_aliases: Vec<String>,
    pub(crate) cargo_members: Vec<String>,
    pub(crate) crates: Vec<detect::Crate>,
    pub(crate) adr_dir: Option<(String, usize)>,
    /// (allow_in globs, config_files)
    pub(crate) config_modules: (Vec<String>, Vec<String>),
    pub(crate) linters: linters::Linters,
    /// Test folders and packages found: Rust benches, examples, fuzz, test-support and dev-only
    /// crates; JS/TS packages only devDependencies use, for tests.
    pub(crate) found_tests: Vec<String>,
    /// Tooling code (build.rs, xtask; deployment and infrastructure folders such as a Helm
    /// chart or `docker/`): excluded from production rules.
    pub(crate) tooling: Vec<String>,
    /// Database migration folders (`migrations/`, a folder of timestamped alteration files):
    /// history that is never edited, left out of hardcoded-config.
    pub(crate) migrations: Vec<String>,
    /// The application logger (a workspace logger package or a logging library), if any.
    pub(crate) logger: Option<String>,
    /// Documentation sites (Docusaurus, Nextra, VitePress, …), workspace members or not.
    pub(crate) docs_sites: Vec<String>,
    /// What the production TS/JS code does (console, logger, `any`, `unknown`), by files.
    pub(crate) practice: practice::Practice,
    /// How the production code renders the raw elements the design system has components for.
    pub(crate) element_uses: Vec<practice::ElementUse>,
    /// How the code imports each library the design system wraps: directly, or through it.
    pub(crate) wrapped_uses: Vec<practice::WrappedUse>,
    /// The team's own domains (TS/JS and Cargo workspaces): hardcoded-config's `own_domains`.
    pub(crate) own_domains: Option<domains::OwnDomains>,
    /// The variants the design system's Button and IconButton offer (read from their source).
    pub(crate) ds_variants: Vec<variants::Variants>,
    /// The heights each of them is made for (its sizes, and the code's practice).
    pub(crate) ds_heights: Vec<practice::HeightFloor>,
    /// Workspace e-mail packages (built on React Email, jsx-email or MJML).
    pub(crate) email_packages: Vec<String>,
    /// The apps' shadcn `ui` folders (two or more): the duplicate rule's `vendored`.
    pub(crate) vendored: Vec<String>,
}

impl Survey {
    /// `[tests].paths`: the defaults, stories, and what was found.
    pub(crate) fn test_paths(&self) -> Vec<String> {
        let mut v: Vec<String> = crate::config::DEFAULT_TEST_PATHS
            .iter()
            .map(|s| s.to_string())
            .collect();
        if self.typescript {
            for p in [
                "**/test/**",
                "**/mocks/**",
                "**/*.mock.*",
                "**/e2e/**",
                "**/playwright/**",
                "**/cypress/**",
                "**/*.stories.*",
                // an app's own component showcase routes (`routes/storybook.buttons/route.tsx`,
                // `routes/storybook/…`): demo pages of the design system, like stories
                "**/routes/storybook/**",
                "**/routes/storybook.*",
                "**/routes/storybook.*/**",
                // LLM eval suites (evalite, vitest-evals)
                "**/*.eval.*",
                // the test runner's setup files
                "**/vitest.setup.*",
                "**/vitestSetup.*",
                "**/jest.setup.*",
                "**/jestSetup.*",
                "**/setupTests.*",
            ] {
                v.push(p.into());
            }
        }
        for p in &self.found_tests {
            if !v.contains(p) {
                v.push(p.clone());
            }
        }
        v
    }
}

/// Looks at the repository at `root`.
pub(crate) fn survey(root: &Path) -> Survey {
    let mut s = Survey {
        root: root.to_path_buf(),
        ..Default::default()
    };
    let (globs, packages) = detect::js_packages(root);
    s.workspace_globs = globs;
    s.packages = packages;
    s.typescript =
        !s.packages.is_empty() || crate::core::safe_read::is_file(&root.join("package.json"));
    if let Some(aliases) = detect::ts_aliases(root) {
        s.typescript = true;
        s.ts_aliases = aliases;
    }
    s.design_system = detect::design_system(root, &s.packages);
    s.logger = detect::logger(root, &s.packages);
    s.docs_sites = detect::docs_sites(root);
    if s.typescript {
        let ds_dirs: Vec<String> = s
            .design_system
            .iter()
            .flat_map(|d| d.packages.iter().map(|(_, dir)| dir.clone()))
            .collect();
        s.vendored = library::vendored_folders(root, &s.packages, &ds_dirs);
        let libs = library::component_libraries(root, &s.packages, &ds_dirs);
        if !libs.is_empty() {
            let had_tokens = s.design_system.as_ref().is_some_and(|d| d.tokens.is_some());
            let ds = s.design_system.get_or_insert_with(Default::default);
            for l in &libs {
                // not what a package's wildcard (`@radix-ui/*`) already names
                let covered = |w: &String| {
                    ds.wraps.iter().any(|x| {
                        x.strip_suffix("/*")
                            .is_some_and(|scope| w.starts_with(&format!("{scope}/")))
                    })
                };
                let extra: Vec<String> = l.wraps.iter().filter(|w| !covered(w)).cloned().collect();
                ds.wraps.extend(extra);
                ds.components_from
                    .push(format!("{} ({})", l.dir, l.found_by));
            }
            ds.wraps.sort();
            ds.wraps.dedup();
            ds.libraries = libs;
            if !had_tokens {
                ds.tokens = detect::tokens_file(root, ds, &s.packages).or_else(|| {
                    library::shadcn_css(root, &s.packages)
                        .into_iter()
                        .find_map(|f| {
                            let t =
                                crate::rules::design_system::tokens::Tokens::load(&root.join(&f))
                                    .ok()?;
                            (t.tokens.len() >= 4).then_some((f, t.tokens.len()))
                        })
                });
            }
        }
    }
    if let Some(ds) = s.design_system.as_mut() {
        ds.reach = detect::design_system_reach(root, ds, &s.packages);
    }
    if let Some((members, crates)) = detect::cargo(root) {
        s.rust = true;
        s.cargo_members = members;
        s.crates = crates;
        let (tests, tooling) = detect::rust_test_and_tooling(root, &s.crates);
        s.found_tests = tests;
        s.tooling = tooling;
    }
    if s.typescript {
        // workspace packages only other packages' devDependencies use, for tests
        for dir in detect::dev_only_packages(&s.packages) {
            s.found_tests.push(format!("{dir}/**"));
        }
        // deployment and infrastructure folders: tooling for every production rule
        s.tooling.extend(detect::infra_dirs(root));
        // a documentation site (Docusaurus, Nextra, …) is content and its tooling, not the product
        s.tooling
            .extend(s.docs_sites.iter().map(|d| format!("{d}/**")));
        s.tooling.sort();
        s.tooling.dedup();
    }
    if s.typescript || s.rust {
        s.migrations = detect::migration_dirs(root);
        s.config_modules = detect::config_modules(root);
        s.linters = linters::survey(root);
    }
    if s.typescript {
        s.own_domains = Some(domains::own_domains(root, &s.packages, &s.config_modules.1));
    }
    if s.rust {
        let mut o = s.own_domains.take().unwrap_or_default();
        domains::add_cargo_domains(root, &s.crates, &mut o);
        // a Cargo workspace with no domain of its own keeps every URL reported, as before
        s.own_domains = (s.typescript || !o.domains.is_empty()).then_some(o);
    }
    if s.typescript || s.rust {
        let mut not_production = s.test_paths();
        not_production.extend(s.tooling.iter().cloned());
        s.practice = practice::survey(root, s.logger.as_deref(), &not_production);
        if let Some(ds) = &s.design_system {
            let mut not_ds = not_production.clone();
            not_ds.extend(ds.sources());
            let imports: Vec<String> = ds.names().iter().map(|n| n.to_string()).collect();
            s.element_uses = practice::elements(
                root,
                &detect::element_components(root, ds),
                &imports,
                &not_ds,
            );
            s.wrapped_uses = practice::wrapped(
                root,
                &ds.wraps,
                &detect::component_names(root, ds),
                &imports,
                &not_ds,
            );
            let read: Vec<String> = ["Button", "IconButton"].map(String::from).to_vec();
            s.ds_variants = variants::component_variants(root, ds, &read);
            let have = detect::component_names(root, ds);
            let rendered: Vec<String> =
                read.iter().filter(|c| have.contains(*c)).cloned().collect();
            s.ds_heights = practice::practiced_heights(root, &rendered, &not_ds)
                .into_iter()
                .map(|(component, practiced)| {
                    let offered = s
                        .ds_variants
                        .iter()
                        .find(|v| v.component == component)
                        .and_then(|v| {
                            Some((*v.heights.first()?, *v.heights.last()?, v.file.clone()))
                        });
                    practice::HeightFloor {
                        component,
                        offered,
                        practiced,
                    }
                })
                .filter(|h| h.bounds().is_some())
                .collect();
            let ds_names = ds.names();
            s.email_packages = variants::email_packages(&s.packages)
                .into_iter()
                .filter(|p| !ds_names.contains(&p.as_str()))
                .collect();
        }
    }
    s.adr_dir = detect::adr_dir(root);
    s
}

/// The `archdrift.toml` for what was found, and the number of rules it writes.
pub(crate) fn render(s: &Survey) -> (String, usize) {
    write::render(s)
}

/// The `archdrift init` command: writes `archdrift.toml`; returns what to tell the user.
pub(crate) fn run(path: Option<PathBuf>, force: bool) -> Result<String, CommandError> {
    let root = path.unwrap_or_else(|| PathBuf::from("."));
    if !root.is_dir() {
        return Err(CommandError::usage(format!(
            "{} is not a directory",
            root.display()
        )));
    }
    let target = root.join(CONFIG_FILE);
    if target.exists() && !force {
        return Err(CommandError::with_help(
            format!("{} already exists; not overwritten", target.display()),
            "pass --force to replace it",
        ));
    }
    let s = survey(&root);
    if !s.typescript && !s.rust {
        return Err(CommandError::with_help(
            format!(
                "found nothing to check in {}: no package.json, tsconfig.json or Cargo.toml",
                root.display()
            ),
            "run `archdrift init` at the root of a JS/TS or Rust repository, or write archdrift.toml by hand (see README, \"Configuration\")",
        ));
    }
    let (text, rules) = render(&s);
    crate::core::state_file::write_atomic(&target, text.as_bytes())
        .map_err(|e| CommandError::usage(format!("cannot write {}: {e}", target.display())))?;
    let mut found = Vec::new();
    if !s.packages.is_empty() {
        found.push(format!("{} packages", s.packages.len()));
    }
    if let Some(ds) = &s.design_system {
        found.push(format!("design system {}", ds.names().join(", ")));
    }
    if !s.crates.is_empty() {
        found.push(format!("{} crates", s.crates.len()));
    }
    Ok(format!(
        "wrote {} with {rules} rules ({}); next: `archdrift check`, then `archdrift baseline` to accept today's findings",
        target.display(),
        if found.is_empty() { "a single package".to_string() } else { found.join(", ") }
    ))
}
