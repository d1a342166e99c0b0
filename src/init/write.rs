//! The `archdrift.toml` that `init` writes for a [`Survey`]: every table and rule preceded by a
//! comment saying what was detected and why the rule follows from it, citing a placeholder ADR
//! (`ADR-TODO-n`) the team writes or replaces with its own. Hygiene rules that an existing
//! linter already decides are written commented out, with the reason.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::detect::Package;
use super::Survey;

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn list<S: AsRef<str>>(v: &[S]) -> String {
    let items: Vec<String> = v.iter().map(|s| q(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// A list over several lines when long, several items a line.
fn long_list<S: AsRef<str>>(v: &[S]) -> String {
    let one = list(v);
    if one.len() <= 90 {
        return one;
    }
    let mut s = String::from("[\n");
    let mut line = String::new();
    for i in v {
        let item = format!("{},", q(i.as_ref()));
        if !line.is_empty() && line.len() + item.len() > 94 {
            let _ = writeln!(s, "  {}", line.trim_end());
            line.clear();
        }
        line.push_str(&item);
        line.push(' ');
    }
    if !line.is_empty() {
        let _ = writeln!(s, "  {}", line.trim_end());
    }
    s.push(']');
    s
}

/// A layer name from a package or crate name (`@acme/ui` → `acme_ui`).
fn layer_name(name: &str) -> String {
    let n: String = name
        .trim_start_matches('@')
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    n.trim_matches('_').to_string()
}

fn adr(n: usize, title: &str) -> String {
    format!(
        "adr = {{ id = \"ADR-TODO-{n}\", title = {} }}\n",
        q(&format!(
            "{title} (placeholder: write this ADR, then set its path)"
        ))
    )
}

/// Comments every line of a rule out.
fn commented(rule: &str) -> String {
    rule.lines()
        .map(|l| {
            if l.is_empty() {
                "#".to_string()
            } else {
                format!("# {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The configuration text, and how many rules it writes (not counting commented-out ones).
pub(crate) fn render(s: &Survey) -> (String, usize) {
    let mut t = String::new();
    let mut rules = 0;
    header(&mut t, s);
    // [tests]
    let _ = writeln!(
        t,
        "\n[tests]\n# test code: rules with `tests = \"exclude\"` skip it. The defaults, plus what was\n# found here (test-support crates and packages: what only dev-dependencies use; Rust:\n# `#[cfg(test)] mod tests;` files are test code without being listed)"
    );
    let _ = writeln!(t, "paths = {}", long_list(&s.test_paths()));

    // [check]
    let _ = writeln!(
        t,
        "\n[check]\n# never walked (node_modules, .git and .gitignored files never are)\nexclude = {}",
        long_list(&[
            "**/dist/**",
            "**/build/**",
            "**/generated/**",
            "**/__generated__/**",
            "**/*.min.js",
            "**/*.d.ts",
            "target/**",
        ])
    );
    if let Some((d, _)) = &s.adr_dir {
        let _ = write!(
            t,
            "\n[adr]\n# ADR documents: their status drives the rules that cite them (Proposed → warnings,\n# Accepted → as declared, Deprecated/Superseded → retired)\npaths = [{}]\n",
            q(d)
        );
    }
    t.push_str(
        "\n[suppressions]\n# `// archdrift-ignore RULE_ID: reason` silences a rule on the next line; a reason is required\nmissing_reason = \"error\"\nunused = \"warning\"\n",
    );

    let tests_exclude = "tests = \"exclude\"\n";
    let mut n_adr = 0;
    let mut next_adr = || {
        n_adr += 1;
        n_adr
    };

    // design system
    if let Some(ds) = &s.design_system {
        let cats = super::detect::style_categories(&s.root, ds.tokens.as_ref());
        // a documentation site or a Storybook app is not the product's UI
        let mut not_product: Vec<String> = s
            .packages
            .iter()
            .filter(|p| {
                // an integration example is a demo, not the product
                if p.dir.starts_with("examples/") {
                    return true;
                }
                let storybook = p
                    .dir
                    .rsplit('/')
                    .next()
                    .is_some_and(|l| l.contains("storybook"));
                storybook
                    && !p.dir.is_empty()
                    && p.deps
                        .iter()
                        .any(|d| d == "storybook" || d.starts_with("@storybook/"))
            })
            .map(|p| format!("{}/**", p.dir))
            .chain(s.docs_sites.iter().map(|d| format!("{d}/**")))
            .collect();
        not_product.sort();
        not_product.dedup();
        let ds_exclude = if not_product.is_empty() {
            String::new()
        } else {
            format!("exclude = {}\n", list(&not_product))
        };
        if !not_product.is_empty() {
            let _ = writeln!(
                t,
                "\n# Not the product's UI (a documentation site, Storybook, an example): {}; the design-system rules skip it.",
                not_product.join(", ")
            );
        }
        let names = ds.names();
        let sources = ds.sources();
        let _ = writeln!(
            t,
            "\n# Design system: {} ({}), components from {}.",
            names.join(", "),
            ds.dirs().join(", "),
            ds.components_from.join(", ")
        );
        for l in &ds.libraries {
            let _ = writeln!(
                t,
                "# {} is an in-app component library (found by {}, imported by {} or more files):\n# its own files are exempt, and its components are named with their import path `{}`.",
                l.dir,
                l.found_by,
                super::library::MIN_IMPORTERS,
                l.import
            );
        }
        if !ds.wraps.is_empty() {
            let _ = writeln!(
                t,
                "# It depends on {}: the UI libraries it wraps, so importing them elsewhere bypasses it.",
                ds.wraps.join(", ")
            );
        }
        match &ds.tokens {
            Some((f, n)) => {
                let _ = writeln!(t, "# Tokens: {f} ({n} colour/dimension tokens).");
            }
            None => {
                let _ = writeln!(
                    t,
                    "# No tokens file found (tokens JSON/TS, CSS custom properties, Tailwind theme): set `tokens`\n# to have hardcoded values answered with the matching token."
                );
            }
        }
        // `index` files pair with `packages` in order; the libraries' paths come from import_from
        let pkg_names: Vec<&str> = if ds.packages.is_empty() {
            names.clone()
        } else {
            ds.packages.iter().map(|(n, _)| n.as_str()).collect()
        };
        let _ = writeln!(t, "[design_system]\npackages = {}", list(&pkg_names));
        let _ = writeln!(t, "source = {}", long_list(&sources));
        if !ds.index.is_empty() {
            let _ = writeln!(t, "index = {}", long_list(&ds.index));
        } else if !ds.components.is_empty() {
            // a component of a sub-path module is listed under its module (import_from): the
            // package name alone does not resolve
            let by_module: std::collections::BTreeSet<&String> =
                ds.subpath_modules.iter().flat_map(|(_, cs)| cs).collect();
            let listed: Vec<String> = ds
                .components
                .iter()
                .filter(|c| !by_module.contains(c))
                .cloned()
                .collect();
            if !listed.is_empty() {
                let _ = writeln!(t, "components = {}", long_list(&listed));
            }
        }
        // a wrapped library the code imports directly far more often than through the design
        // system: that import is the practice, not drift from it
        let direct: Vec<&super::practice::WrappedUse> =
            s.wrapped_uses.iter().filter(|u| u.not_adopted()).collect();
        let wraps: Vec<&str> = ds
            .wraps
            .iter()
            .map(String::as_str)
            .filter(|w| !direct.iter().any(|u| u.library == *w))
            .collect();
        for u in &direct {
            let _ = writeln!(
                t,
                "# Importing `{}` directly is the code's practice: {} production files import {} from it, {} the\n# design system's. Not in `wraps` until the team migrates (add it back to report each direct import).",
                u.library,
                u.direct,
                u.names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
                u.through_ds
            );
        }
        if !wraps.is_empty() {
            let _ = writeln!(t, "wraps = {}", list(&wraps));
        }
        if let Some((f, _)) = &ds.tokens {
            let _ = writeln!(t, "tokens = {}", q(f));
        }
        if !s.email_packages.is_empty() {
            let _ = writeln!(
                t,
                "# E-mail packages of the workspace (they depend on React Email, jsx-email or MJML): a file\n# importing one is mail markup, where inline styles and raw elements are required."
            );
            let _ = writeln!(t, "email = {}", list(&s.email_packages));
        }
        let not_adopted: Vec<&super::practice::ElementUse> =
            s.element_uses.iter().filter(|u| u.not_adopted()).collect();
        if !not_adopted.is_empty() {
            for u in &not_adopted {
                let _ = writeln!(
                    t,
                    "# Raw `<{}>` is the code's practice: {} production files render it, {} the design system's `{}`.",
                    u.element, u.raw, u.component_files, u.component
                );
            }
            let _ = writeln!(
                t,
                "# Not reported until the team adopts the component (remove an entry to report every raw use):"
            );
            let entries: Vec<String> = not_adopted
                .iter()
                .map(|u| format!("{} = \"\"", u.element))
                .collect();
            let _ = writeln!(t, "elements = {{ {} }}", entries.join(", "));
        }
        if !s.ds_variants.is_empty() {
            let files: Vec<&str> = s.ds_variants.iter().map(|v| v.file.as_str()).collect();
            let _ = writeln!(
                t,
                "# Variants read from the components' cva/tv calls ({}): a raw text link is answered by\n# `Button` only with a link variant, a toggle chip only with a pressed or selected one.",
                files.join(", ")
            );
            let _ = writeln!(t, "[design_system.variants]");
            for v in &s.ds_variants {
                let _ = writeln!(t, "{} = {}", v.component, list(&v.names));
            }
        }
        if !s.ds_heights.is_empty() {
            let why: Vec<String> = s
                .ds_heights
                .iter()
                .map(|h| {
                    let mut parts = Vec::new();
                    if let Some((lo, hi, f)) = &h.offered {
                        let range = if lo == hi {
                            format!("{lo}px")
                        } else {
                            format!("{lo}-{hi}px")
                        };
                        parts.push(format!("{range} in its own classes ({f})"));
                    }
                    if let Some(((lo, n), (hi, m))) = &h.practiced {
                        parts.push(if lo == hi {
                            format!("{lo}px as the code renders it (in {n} files)")
                        } else {
                            format!(
                                "{lo}px (in {n} files) to {hi}px (in {m}) as the code renders it"
                            )
                        });
                    }
                    format!("`{}` {}", h.component, parts.join(", "))
                })
                .collect();
            let _ = writeln!(
                t,
                "# The heights they are made for: {}.\n# A raw button lower or taller (a chip, an adornment in a row or a field; a tile) is not reported.",
                why.join("; ")
            );
            let _ = writeln!(t, "[design_system.heights]");
            for h in &s.ds_heights {
                if let Some((lo, hi)) = h.bounds() {
                    let _ = writeln!(
                        t,
                        "{} = {{ min = {}, max = {} }}",
                        h.component,
                        lo.round() as i64,
                        hi.round() as i64
                    );
                }
            }
        }
        if !ds.libraries.is_empty() || !ds.subpath_modules.is_empty() {
            let _ = writeln!(t, "[design_system.import_from]");
            if !ds.subpath_modules.is_empty() {
                let _ = writeln!(
                    t,
                    "# Packages without a `.` export: each component is imported from its sub-path."
                );
            }
            // two apps' libraries can share an alias path (`@/components/ui/button` in each):
            // one key, listing what either offers (the check finds where each module is)
            let mut offered: std::collections::BTreeMap<&str, std::collections::BTreeSet<&String>> =
                Default::default();
            for (m, cs) in &ds.subpath_modules {
                offered.entry(m).or_default().extend(cs);
            }
            for l in &ds.libraries {
                if l.modules.is_empty() {
                    offered.entry(&l.import).or_default().extend(&l.components);
                }
                for (m, cs) in &l.modules {
                    offered.entry(m).or_default().extend(cs);
                }
            }
            let mut written: std::collections::BTreeSet<String> = Default::default();
            let mut entry = |t: &mut String, key: &str| {
                if let Some(cs) = offered.get(key).filter(|_| written.insert(key.to_string())) {
                    let cs: Vec<&String> = cs.iter().copied().collect();
                    let _ = writeln!(t, "{} = {}", q(key), long_list(&cs));
                }
            };
            for (m, _) in &ds.subpath_modules {
                entry(&mut t, m);
            }
            for l in &ds.libraries {
                if l.modules.is_empty() {
                    entry(&mut t, &l.import);
                    continue;
                }
                // no index file: each component is imported from its own module
                let _ = writeln!(
                    t,
                    "# {} has no index file: each component is imported from its own module.",
                    l.import
                );
                for (m, _) in &l.modules {
                    entry(&mut t, m);
                }
            }
        }
        if !ds.reach.is_empty() {
            let _ = writeln!(
                t,
                "# Not every app can import every part of it: a file is told to use a component (and a raw\n# element or wrapped import is reported) only where a part offering it can be imported."
            );
            for r in &ds.reach {
                let _ = writeln!(t, "# {}: {}.", r.key, r.why);
            }
            let _ = writeln!(t, "[design_system.used_in]");
            for r in &ds.reach {
                let _ = writeln!(t, "{} = {}", q(&r.key), long_list(&r.folders));
            }
        }
        let a = next_adr();
        let _ = write!(
            t,
            "
# Raw elements (`<button>`, `<a>`, `<input>`, …) for which {pkg} has a component, when their
# own classes re-create its look (a fill or border with padding, a hand-framed text field, a
# styled text link, an icon-only button). Rows, tiles, adornments, bare fields in a styled box
# and elements styled by a stylesheet are not reported: the component does not fit them as it
# is. `raw = \"all\"` reports every raw element that has a component. The same hand-made
# element (tag and class list) in 3 or more files is one pattern and one finding
# (`repeated = \"once\"`; `\"each\"` reports every copy).
[[rule]]
id = \"ds/use-components\"
kind = \"design-system\"
severity = \"warning\"
message = \"{{what}}\"
{adr}checks = [\"elements\"]
raw = \"look-alike\"
repeated = \"once\"
{ds_exclude}{tests_exclude}",
            pkg = names.join(", "),
            adr = adr(a, "Use the design system"),
        );
        rules += 1;
        if !wraps.is_empty() {
            let _ = write!(
                t,
                "
# Imports of the libraries {pkg} wraps, outside its own source, when it offers a component
# of a name they import (`{{ Dialog }}`, `* as DropdownMenu`): where it has nothing to import
# instead (a primitive it does not wrap), the import is the only way. `wrapped = \"all\"`
# reports every import of a wrapped library.
[[rule]]
id = \"ds/no-wrapped-imports\"
kind = \"design-system\"
severity = \"error\"
message = \"{{what}}\"
{adr}checks = [\"imports\"]
wrapped = \"offered\"
{ds_exclude}{tests_exclude}",
                pkg = names.join("/"),
                adr = adr(a, "Use the design system"),
            );
            rules += 1;
        }
        let styles_rule = format!(
            "
# Hardcoded colours, spacing and font sizes in style props, CSS-in-JS and Tailwind arbitrary values{zs}.
# A value used in 3 or more files is the team's own (a house colour or size): one finding at
# its first place, with the count and the other places, asking for a token; `repeated = \"each\"`
# reports every place. A value in fewer files is reported when a token has it or one close to
# it (the finding names the token); a one-off no token comes near (a 3px nudge, a promo
# gradient) has nothing to replace it: `one_offs = \"report\"` reports those too.
[[rule]]
id = \"ds/hardcoded-styles\"
kind = \"design-system\"
severity = \"warning\"
message = \"{{what}}\"
{adr}checks = [\"styles\"]
{ds_exclude}categories = {cats}
repeated = \"once\"
one_offs = \"skip\"
{tests_exclude}",
            adr = adr(a, "Use the design system"),
            cats = list(&cats),
            zs = if cats.len() < 7 {
                format!(
                    ";\n# not {}: the tokens define none, so no token answers a one-off value",
                    ["z-index", "shadow"]
                        .iter()
                        .filter(|c| !cats.contains(c))
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" or ")
                )
            } else {
                String::new()
            },
        );
        if ds.tokens.is_some() {
            t.push_str(&styles_rule);
            rules += 1;
        } else {
            // without tokens no finding could name the value to use instead
            t.push_str("\n# Hardcoded style values: not written, because no tokens file was found (no token could\n# answer a finding). Set [design_system].tokens and uncomment to check them.\n");
            t.push_str(&commented(styles_rule.trim_start_matches('\n')));
        }
    } else if s.typescript {
        t.push_str("\n# No design-system package found (a workspace package named ui, design-system, propel, *-ui\n# that exports components): add a [design_system] table to check raw elements and styles.\n");
    }

    // hardcoded config
    if s.typescript || s.rust {
        let a = next_adr();
        let (allow, files) = &s.config_modules;
        let _ = writeln!(
            t,
            "\n# Configuration modules found: {}.\n# Deployment configuration belongs there; elsewhere URLs, hosts, ports, secrets and environment\n# names are reported{}. A vendor's fixed endpoint inside the module named after that vendor\n# (`lib/stripe/…`, `brevo.ts`) is its API, not configuration: `vendor_clients = \"allow\"`.",
            if allow.len() <= 1 {
                "none besides build-tool configs".to_string()
            } else {
                allow
                    .iter()
                    .filter(|g| *g != "**/*.config.*")
                    .take(8)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if allow.len() > 9 { ", …" } else { "" }
            },
            if files.is_empty() {
                ""
            } else {
                ", naming the key when a config file already holds the value"
            }
        );
        // scripts, stories, and example/demo data for views that show sample content
        let mut excl: Vec<String> = vec![
            "**/scripts/**".into(),
            "**/*.stories.*".into(),
            "**/*example-data.*".into(),
            "**/*demo-data.*".into(),
            "**/*sample-data.*".into(),
            "**/*dummy-data.*".into(),
        ];
        excl.extend(s.tooling.iter().cloned());
        if !s.migrations.is_empty() {
            let _ = writeln!(
                t,
                "# Database migrations ({}): a record of changes already applied, never edited; its values\n# name what existed then, so they are left out.",
                s.migrations
                    .iter()
                    .take(3)
                    .map(|m| m.trim_end_matches("/**"))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if s.migrations.len() > 3 { ", …" } else { "" }
            );
            excl.extend(s.migrations.iter().cloned());
        }
        let cf = if files.is_empty() {
            String::new()
        } else {
            format!("config_files = {}\n", long_list(files))
        };
        let own = own_domains_lines(&mut t, s);
        let _ = write!(
            t,
            "[[rule]]
id = \"config/hardcoded\"
kind = \"hardcoded-config\"
severity = \"warning\"
message = \"{{what}}\"
{adr}detectors = [\"url\", \"host\", \"secret\"]
allow_in = {allow}
allow_hosts = [\"localhost\", \"127.0.0.1\", \"0.0.0.0\", \"::1\", \"::\", \"example.com\"]
vendor_clients = \"allow\"
{own}{cf}exclude = {excl}
{tests_exclude}",
            adr = adr(a, "Configuration lives in the config modules"),
            allow = long_list(allow),
            excl = list(&excl),
        );
        rules += 1;
        // a rule of other detectors, written commented out at `info`
        let off_rule = |id: &str, detectors: &str| {
            format!(
                "[[rule]]
id = \"{id}\"
kind = \"hardcoded-config\"
severity = \"info\"
message = \"{{what}}\"
{adr}detectors = {detectors}
allow_in = {allow}
{cf}exclude = {excl}
{tests_exclude}",
                adr = adr(a, "Configuration lives in the config modules"),
                allow = long_list(allow),
                excl = list(&excl),
            )
        };
        // timeouts, intervals and retries: tuning a team keeps in code (UI feedback delays,
        // polling and cache intervals, job back-offs) far more often than it moves them to config
        let timeouts = off_rule("config/hardcoded-timeouts", "[\"timeout\"]");
        // ports and environment names: the values a deployment changes least often inline
        let ports_envs = off_rule(
            "config/hardcoded-ports-and-env-names",
            "[\"port\", \"env-name\"]",
        );
        t.push_str("\n# Ports and environment names (`port: 5432`, `env === \"production\"`): not written. On\n# real repositories most are a protocol's default port, a test or setup script's service, or\n# an environment name that is the product's own data (an environment picker, a CLI's\n# argument, a webhook payload), not a deployment's switch. Uncomment to report every one.\n");
        t.push_str(&commented(&ports_envs));
        t.push_str("\n# Timeouts, intervals and retry counts: not written. Most are tuning a team keeps in code (UI\n# feedback delays, polling and cache intervals, job back-offs), not configuration a deployment\n# changes. Uncomment to report every inlined one.\n");
        t.push_str(&commented(&timeouts));
    }

    // layers
    rules += layers(&mut t, s, next_adr());

    // duplicates
    if s.typescript || s.rust {
        let a = next_adr();
        let ds_lines = s
            .design_system
            .as_ref()
            .map(|ds| {
                format!(
                    "design_system = {}\ndesign_system_import = {}\n",
                    list(&ds.sources()),
                    q(ds.names()[0])
                )
            })
            .unwrap_or_default();
        let tooling = if s.tooling.is_empty() {
            String::new()
        } else {
            format!("exclude = {}\n", list(&s.tooling))
        };
        let vendored = if s.vendored.is_empty() {
            String::new()
        } else {
            format!(
                "# Found: {} shadcn `components.json` folders. `shadcn add` copies the registry's file into
# each app, so the same file in two of them is not reported (a copy in feature code still is).
# Remove this line to report them too.
vendored = {}
",
                s.vendored.len(),
                list(&s.vendored)
            )
        };
        let family = "# In a folder of per-variant files (one per provider, field type, element kind) only variants
# at least 90% alike are reported: the rest share the folder's shell by design.
family_similarity = 0.9
";
        // TSX/JS only: measured on the labelled held-out sets (BENCHMARKS.md, ninth session)
        let renames = "# A component that renames most of the names it reads is one shell over another entity's
# data (a per-entity list, filter or delete modal), not a copy to merge.
compare_renames = true
";
        // with both languages, one rule each: the Rust floor is not the components' one
        let both = s.typescript && s.rust;
        if s.typescript {
            let _ = write!(
                t,
                "
# Near-copies of components across files{}.
[[rule]]
id = \"dup/near-copies\"
kind = \"duplicate-component\"
severity = \"warning\"
message = \"near-copies of `{{match}}`\"
{adr}{family}{renames}{lang}{ds_lines}{vendored}{tooling}{tests_exclude}",
                if ds_lines.is_empty() {
                    ""
                } else {
                    ", and copies of the design system's own components"
                },
                adr = adr(a, "Reuse before copying"),
                lang = if both {
                    "language = [\"tsx\", \"javascript\"]\n"
                } else {
                    ""
                },
            );
            rules += 1;
        }
        if s.rust {
            let _ = write!(
                t,
                "
# Near-copies of Rust functions across files. Day one: a near-copy needs 120 normalised tokens
# (about 15 lines; the kind's default, 60, also finds 6-line helpers and accessors, which a team
# rarely merges); identical copies keep the default floor (50). Remove `min_tokens` to see them.
[[rule]]
id = \"{id}\"
kind = \"duplicate-component\"
severity = \"warning\"
message = \"near-copies of `{{match}}`\"
{adr}min_tokens = 120
{family}{lang}{tooling}{tests_exclude}",
                id = if both {
                    "dup/near-copies-rust"
                } else {
                    "dup/near-copies"
                },
                adr = adr(a, "Reuse before copying"),
                lang = if both { "language = [\"rust\"]\n" } else { "" },
            );
            rules += 1;
        }
    }

    // hygiene
    rules += hygiene(&mut t, s, next_adr());
    (t, rules)
}

fn header(t: &mut String, s: &Survey) {
    let _ = writeln!(
        t,
        "# archdrift configuration, written by `archdrift init` from what it found here:"
    );
    if !s.packages.is_empty() {
        let apps = s.packages.iter().filter(|p| p.app).count();
        let _ = writeln!(
            t,
            "#   {} JS/TS packages ({apps} apps){}",
            s.packages.len(),
            if s.workspace_globs.is_empty() {
                " found by their package.json (no workspaces declared at the root)".to_string()
            } else {
                format!(", workspaces: {}", s.workspace_globs.join(", "))
            }
        );
    }
    if let Some(ds) = &s.design_system {
        let _ = write!(t, "#   design system: {}", ds.names().join(", "));
        if !ds.wraps.is_empty() {
            let _ = write!(t, " (wraps {})", ds.wraps.join(", "));
        }
        let _ = writeln!(t);
    }
    if !s.ts_aliases.is_empty() {
        let _ = writeln!(t, "#   tsconfig path aliases: {}", s.ts_aliases.join(", "));
    }
    if s.rust {
        if s.cargo_members.is_empty() {
            let _ = writeln!(t, "#   a Cargo package ({} crates)", s.crates.len());
        } else {
            let _ = writeln!(
                t,
                "#   Cargo workspace members: {} ({} crates)",
                s.cargo_members.join(", "),
                s.crates.len()
            );
        }
    }
    let linters = s.linters.names();
    if !linters.is_empty() {
        let _ = writeln!(t, "#   linters: {}", linters.join(", "));
    }
    match &s.adr_dir {
        Some((d, n)) => {
            let _ = writeln!(t, "#   ADRs: {n} in {d}");
        }
        None => {
            let _ = writeln!(
                t,
                "#   no ADR folder (docs/adr, doc/adr, adr/, docs/decisions): the rules cite placeholder\n#   ADRs (ADR-TODO-n); write them and set `path`, or move each rule into its ADR"
            );
        }
    }
    t.push_str(
        "#
# Each rule encodes a decision this repository's layout suggests. Make it yours: cite the ADR
# that records it, change the severity, or delete it. `archdrift baseline` records today's
# findings so that CI fails only on new ones.
",
    );
}

/// The `own_domains` line of `config/hardcoded` (empty when neither TS/JS nor Cargo), after
/// the comment that says where the domains came from.
fn own_domains_lines(t: &mut String, s: &Survey) -> String {
    let Some(o) = &s.own_domains else {
        return String::new();
    };
    let mut from = Vec::new();
    if !o.names.is_empty() {
        from.push(format!(
            "the domains in the code named after the product ({})",
            o.names.join(", ")
        ));
    }
    if !o.homepages.is_empty() {
        from.push(format!(
            "the package.json homepages ({})",
            o.homepages.join(", ")
        ));
    }
    if !o.cargo_homepages.is_empty() {
        from.push(format!(
            "the Cargo.toml homepage and documentation sites ({})",
            o.cargo_homepages.join(", ")
        ));
    }
    let _ = writeln!(
        t,
        "# The team's own domains: {}. Their URLs and hostnames are reported
# where the code treats them as configuration (`own_urls = \"configured\"`): the same host is
# switched on the environment or is the default of an environment read, a constant named like an
# address (`SITE_URL`) holds the value or its base, or the code calls it (`fetch(…)`, `apiUrl`);
# elsewhere they are the product's fixed addresses, content (a link in copy, a redirect to the
# homepage): `own_urls = \"all\"` reports those too. Private hosts and IPs (`*.internal`,
# `10.0.0.5`), ports and secrets are reported; another party's endpoint or public IP (a vendor's
# API, an embed, a public DNS resolver) is that party's, not configuration: add \"vendor-url\" to
# `detectors` to report those too. A value switched on the environment (`env.X === \"staging\"
# ? …`, `{{ production: … }}`) is configuration in place.",
        if from.is_empty() {
            "none found (no product name in the package names, no homepage): list them in
# `own_domains`"
                .to_string()
        } else {
            format!(
                "{}, from {}",
                if o.domains.is_empty() {
                    "none found".to_string()
                } else {
                    o.domains.join(", ")
                },
                from.join(" and ")
            )
        }
    );
    format!(
        "own_domains = {}\n{}env_switched = \"allow\"\n",
        list(&o.domains),
        if o.domains.is_empty() {
            ""
        } else {
            "own_urls = \"configured\"\n"
        }
    )
}

/// Layers and their allowed edges from the manifests. Returns the number of rules written.
fn layers(t: &mut String, s: &Survey, a: usize) -> usize {
    let mut written = 0;
    let pkgs: Vec<&Package> = s.packages.iter().collect();
    if pkgs.len() >= 2 {
        let names: BTreeSet<&str> = pkgs.iter().map(|p| p.name.as_str()).collect();
        let ds_names: BTreeSet<&str> = s
            .design_system
            .iter()
            .flat_map(|d| d.packages.iter().map(|(n, _)| n.as_str()))
            .collect();
        let mut layer_of: BTreeMap<&str, String> = BTreeMap::new();
        let mut used = BTreeSet::new();
        for p in &pkgs {
            let mut l = layer_name(&p.name);
            while !used.insert(l.clone()) {
                l.push('_');
            }
            layer_of.insert(p.name.as_str(), l);
        }
        let mut layer_lines = Vec::new();
        let mut allow = Vec::new();
        let mut deny = Vec::new();
        for p in &pkgs {
            let from = &layer_of[p.name.as_str()];
            let globs = if p.dir.is_empty() {
                "**".to_string()
            } else {
                format!("{}/**", p.dir)
            };
            layer_lines.push(format!("  {from} = [{}],", q(&globs)));
            for d in &p.deps {
                if !names.contains(d.as_str()) {
                    continue;
                }
                let to = &layer_of[d.as_str()];
                let target = pkgs.iter().find(|x| &x.name == d);
                let to_app = target.is_some_and(|x| x.app);
                // a package never imports an app; the design system never imports a package
                // that builds on it (a feature package)
                // a feature package: built on this design-system package (it depends on it)
                let consumer_of_ds = ds_names.contains(p.name.as_str())
                    && !ds_names.contains(d.as_str())
                    && target.is_some_and(|x| x.deps.contains(&p.name));
                if (to_app && !p.app) || consumer_of_ds {
                    deny.push(format!("{from} -> {to}"));
                } else {
                    allow.push(format!("{from} -> {to}"));
                }
            }
        }
        // the root tsconfig's `paths` resolve the workspace packages to their sources (half or
        // more of them, two at least): the bundler and the compiler join them, and package.json
        // is not where the team keeps the edges (excalidraw: 12 of 20 sampled findings were
        // edges every package.json leaves out by design). Only what is always wrong stays
        // checked: packages importing apps, and cycles.
        let libs: Vec<&&Package> = pkgs.iter().filter(|p| !p.app).collect();
        let aliased_libs = libs
            .iter()
            .filter(|p| {
                s.ts_aliases
                    .iter()
                    .any(|a| a == &p.name || a.strip_suffix("/*") == Some(p.name.as_str()))
            })
            .count();
        let wired_by_paths = aliased_libs >= 2 && aliased_libs * 2 >= libs.len();
        let declared = !allow.is_empty() && !wired_by_paths;
        // a package whose package.json lists no workspace package is wired some other way
        // (tsconfig paths, a bundler alias): its edges are not declared, so all but the
        // always-wrong ones (into apps) are allowed
        let mut from_manifests = allow.clone();
        from_manifests.sort();
        from_manifests.dedup();
        let mut undeclared = Vec::new();
        let aliased = |name: &str| {
            s.ts_aliases
                .iter()
                .any(|a| a == name || a.strip_suffix("/*") == Some(name))
        };
        for p in &pkgs {
            // only where tsconfig paths alias the workspace packages (then a package may well
            // import the others without listing them)
            if p.deps.iter().any(|d| names.contains(d.as_str()))
                || !pkgs.iter().any(|q| q.name != p.name && aliased(&q.name))
            {
                continue;
            }
            undeclared.push(p.name.as_str());
            for q in pkgs.iter().filter(|q| q.name != p.name && !q.app) {
                allow.push(format!(
                    "{} -> {}",
                    layer_of[p.name.as_str()],
                    layer_of[q.name.as_str()]
                ));
            }
        }
        // packages → apps, the design system → apps: always denied
        for p in &pkgs {
            if p.app {
                continue;
            }
            for app in pkgs.iter().filter(|x| x.app) {
                let e = format!(
                    "{} -> {}",
                    layer_of[p.name.as_str()],
                    layer_of[app.name.as_str()]
                );
                if !deny.contains(&e) {
                    deny.push(e);
                }
            }
        }
        allow.sort();
        allow.dedup();
        deny.sort();
        deny.dedup();
        // no package.json declares another workspace package: the edges live elsewhere (tsconfig
        // paths), so only what is always wrong is checked
        let (allow_line, why) = if wired_by_paths {
            (
                String::new(),
                "The root tsconfig's `paths` resolve the workspace packages to their\n# sources, so package.json is not where their edges are kept: any edge is allowed except\n# packages importing apps (uncomment `allow` to hold them to what package.json declares)",
            )
        } else if declared {
            (
                format!("allow = {}\n", long_list(&allow)),
                "The allowed edges are the dependencies each package.json\n# declares (an import of a workspace package that its package.json does not list is reported);\n# packages never import apps",
            )
        } else {
            (
                String::new(),
                "No package.json declares another workspace package (they are\n# wired by tsconfig paths), so any edge is allowed except packages importing apps",
            )
        };
        let _ = write!(
            t,
            "
# Layers: one per workspace package. {why}{}.{undeclared} Import cycles between packages are reported.
[[rule]]
id = \"arch/package-layers\"
kind = \"layer-boundary\"
severity = \"warning\"
message = \"`{{from}}` imports `{{to}}`, which its package.json does not allow\"
help = \"Declare the dependency in package.json if it is intended, or move the code.\"
{adr}layers = {{
{layers}
}}
{allow_line}{deny}{declared_commented}cycles = \"layers\"
type_imports = \"allow\"
# build-tool configs (vite.config.ts, postcss.config.mjs) load build plugins, and `scripts/`
# folders hold developer tools (a debug CLI, a seed script): tooling, not an edge of the product
exclude = [\"**/*.config.*\", \"**/scripts/**\"]
tests = \"exclude\"
",
            if ds_names.is_empty() {
                ""
            } else {
                "; the design system never imports a package built on it"
            },
            adr = adr(a, "Package dependencies"),
            undeclared = if undeclared.is_empty() || !declared {
                String::new()
            } else {
                format!(
                    "\n# {} list no workspace package in package.json (wired by tsconfig paths or aliases):\n# their edges to other packages are allowed.",
                    undeclared.join(", ")
                )
            },
            layers = layer_lines.join("\n"),
            declared_commented = if wired_by_paths && !from_manifests.is_empty() {
                commented(&format!("allow = {}\n", long_list(&from_manifests)))
            } else {
                String::new()
            },
            deny = if deny.is_empty() {
                String::new()
            } else {
                format!("deny = {}\n", long_list(&deny))
            },
        );
        written += 1;
    }
    let crates: Vec<_> = s.crates.iter().filter(|c| !c.sources.is_empty()).collect();
    if crates.len() >= 2 {
        let mut layer_lines = Vec::new();
        let mut allow = Vec::new();
        for c in &crates {
            let from = layer_name(&c.name);
            let globs: Vec<String> = c.sources.iter().map(|g| q(g)).collect();
            layer_lines.push(format!("  {from} = [{}],", globs.join(", ")));
            for d in &c.deps {
                if crates.iter().any(|x| &x.name == d) {
                    allow.push(format!("{from} -> {}", layer_name(d)));
                }
            }
        }
        allow.sort();
        let _ = write!(
            t,
            "
# Layers: one per crate of the Cargo workspace; the allowed edges are the crate graph of the
# Cargo.toml files ([dependencies] and [build-dependencies]; dev-dependencies serve tests, which
# this rule skips). A new edge is an architecture change: make it here first. Cycles are reported.
[[rule]]
id = \"arch/crate-layers\"
kind = \"layer-boundary\"
severity = \"warning\"
message = \"`{{from}}` uses `{{to}}`, an edge the crate graph does not have\"
{adr}layers = {{
{layers}
}}
allow = {allow}
cycles = \"layers\"
tests = \"exclude\"
",
            adr = adr(a, "Crate graph"),
            layers = layer_lines.join("\n"),
            allow = long_list(&allow),
        );
        written += 1;
    }
    written
}

/// Example code (an SDK's `examples/`, often a generated copy of the SDK's own): it shows how
/// to call the product, typed loosely and logging on purpose; `console` and `any` there are
/// not the product's hygiene.
const EXAMPLES: &str = "**/examples/**";

/// The generic hygiene rules (commented out when a linter decides them). Returns the number
/// written.
fn hygiene(t: &mut String, s: &Survey, a: usize) -> usize {
    let mut written = 0;
    let excl = |extra: &[String], nested: &[String]| -> String {
        let mut v: Vec<String> = s.linters.ignores.clone();
        v.extend(extra.iter().cloned());
        v.extend(nested.iter().cloned());
        if v.is_empty() {
            String::new()
        } else {
            format!("exclude = {}\n", long_list(&v))
        }
    };
    let honours = |id: &str| -> String {
        super::linters::HYGIENE
            .iter()
            .find(|h| h.id == id)
            .map(|h| format!("honours = {}\n", list(h.honours)))
            .unwrap_or_default()
    };
    let mut emit = |t: &mut String, id: &str, what: &str, make: &dyn Fn(&[String]) -> String| {
        if let Some(why) = s.linters.decided(id) {
            let body = make(&[]);
            let _ = writeln!(
                t,
                "\n# {what}: not written, because {why}; the team's linter decides it.\n# Uncomment to have archdrift report it too (its suppressions are honoured)."
            );
            t.push_str(&commented(&body));
            return;
        }
        if let Some(why) = s.practice.contradicts(id, s.logger.as_deref()) {
            let body = make(&[]);
            let _ = writeln!(
                t,
                "\n# {what}: not written, because {why}: the team's practice decides it.\n# Uncomment to have archdrift report every one (a baseline accepts today's)."
            );
            t.push_str(&commented(&body));
            return;
        }
        let nested = s.linters.decided_in(id);
        let _ = writeln!(
            t,
            "\n# {what}: no linter enforces it{}. Suppressions of the linters named in `honours` count.",
            if nested.is_empty() {
                String::new()
            } else {
                format!(
                    " outside {} folders whose own linter config decides it ({}, …), excluded below",
                    nested.len(),
                    nested[0].1
                )
            }
        );
        let globs: Vec<String> = nested.iter().map(|(d, _)| format!("{d}/**")).collect();
        t.push_str(&make(&globs));
        written += 1;
    };
    if s.typescript {
        // with a logger every console call bypasses it; without one, `console.error`/`warn`
        // are the error path's logging, and only debugging output is left-over code
        let (what, message, help, calls) = match &s.logger {
            Some(l) => (
                format!("console calls (the application logs through {l})"),
                "`{match}` bypasses the application logger".to_string(),
                format!("Log through {l}."),
                list(&["console.*"]),
            ),
            None => (
                "console debugging output (no logger found: `console.error`/`console.warn` are the error path's logging, not reported)".to_string(),
                "`{match}` is debugging output left in".to_string(),
                "Remove it, or log the event with `console.error`/`console.warn` (or a logger).".to_string(),
                list(&["console.log", "console.debug", "console.trace", "console.dir", "console.table"]),
            ),
        };
        emit(t, "ts/no-console", &what, &|nested: &[String]| {
            format!(
                "[[rule]]\nid = \"ts/no-console\"\nkind = \"banned-pattern\"\nseverity = \"warning\"\nmessage = {}\nhelp = {}\n{}{}{}calls = {calls}\n{}",
                q(&message),
                q(&help),
                adr(a, "Code hygiene"),
                honours("ts/no-console"),
                excl(
                    &["**/scripts/**".to_string(), "**/bin/**".to_string(), EXAMPLES.to_string()]
                        .into_iter()
                        .chain(s.tooling.iter().cloned())
                        .collect::<Vec<_>>(),
                    nested
                ),
                "tests = \"exclude\"\n"
            )
        });
        emit(
            t,
            "ts/no-explicit-any",
            "explicit `any`",
            &|nested: &[String]| {
                format!(
                "[[rule]]\nid = \"ts/no-explicit-any\"\nkind = \"banned-pattern\"\nseverity = \"warning\"\nmessage = \"explicit `any` turns type checking off\"\nhelp = \"Use `unknown` and narrow it, or write the type.\"\n{}{}{}types = [\"any\"]\ntests = \"exclude\"\n",
                adr(a, "Code hygiene"),
                honours("ts/no-explicit-any"),
                excl(
                    &s.tooling.iter().cloned().chain([EXAMPLES.to_string()]).collect::<Vec<_>>(),
                    nested
                ),
            )
            },
        );
        emit(
            t,
            "ts/no-debugger",
            "`debugger` statements",
            &|nested: &[String]| {
                format!(
                "[[rule]]\nid = \"ts/no-debugger\"\nkind = \"banned-pattern\"\nseverity = \"error\"\nmessage = \"a `debugger` statement was left in\"\n{}{}{}language = [\"typescript\", \"tsx\", \"javascript\"]\nquery = '(debugger_statement) @match'\n",
                adr(a, "Code hygiene"),
                honours("ts/no-debugger"),
                excl(&s.tooling, nested),
            )
            },
        );
    }
    if s.rust {
        let tooling = s.tooling.clone();
        emit(
            t,
            "rust/no-unwrap",
            "`.unwrap()` in production code",
            &|nested: &[String]| {
                format!(
                "[[rule]]\nid = \"rust/no-unwrap\"\nkind = \"banned-pattern\"\nseverity = \"warning\"\nmessage = \"`.{{match}}()` panics on the error path\"\nhelp = \"Propagate the error with `?` and context.\"\n{}{}{}methods = [\"unwrap\"]\ntests = \"exclude\"\n",
                adr(a, "Code hygiene"),
                honours("rust/no-unwrap"),
                excl(&tooling, nested),
            )
            },
        );
        let _ = write!(
            t,
            "
# `dbg!` left in: a debugging aid, never meant to ship. One behind the program's own debug
# switch (`if debugging {{ dbg!(…) }}`, `if cfg!(debug_assertions)`) or a binary's short `main`
# that exists to dump is deliberate output: `allow_debug_output`.
[[rule]]
id = \"rust/no-dbg\"
kind = \"banned-pattern\"
severity = \"error\"
message = \"`{{match}}` is a debugging aid left in\"
help = \"Use `tracing::debug!` (or remove it).\"
{}honours = [\"clippy:dbg_macro\"]
{}macros = [\"dbg\"]
allow_debug_output = true
tests = \"exclude\"
",
            adr(a, "Code hygiene"),
            excl(&tooling, &[]),
        );
        written += 1;
    }
    written
}
