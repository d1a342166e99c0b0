//! The team's own domains, for hardcoded-config's `own_domains`: the registrable domains
//! (`dub.co`, `formbricks.com`) of the `homepage` fields of the package.json files, and the
//! domains found in the code and the `.env.example` files whose name is the product's
//! (`plane.so` for packages `@plane/*`, `excalidraw.com` for `excalidraw-monorepo`). A URL of
//! another domain is another party's endpoint (a vendor's API, an embed): on day one, 12 of
//! the 21 config findings a blind reader classed as noise were those.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::detect::{read_json, walker, Crate, Package};

/// Words that name no product (`@app/web`, `acme-monorepo` → `acme`).
const GENERIC: &[&str] = &[
    "app",
    "apps",
    "web",
    "www",
    "api",
    "root",
    "monorepo",
    "workspace",
    "workspaces",
    "project",
    "packages",
    "package",
    "repo",
    "main",
    "core",
    "lib",
    "libs",
    "src",
    "site",
    "docs",
    "the",
];

/// Hosts a `homepage` names that are nobody's product site.
const CODE_HOSTS: &[&str] = &[
    "github.com",
    "gitlab.com",
    "bitbucket.org",
    "npmjs.com",
    "www.npmjs.com",
    "github.io",
];

/// Generic top-level domains a product's site is commonly under (any two-letter country
/// code counts too): a name under another ending is a file (`excalidraw.png`), a message key
/// (`excalidrawplus.title`) or a reserved name (`formbricks.local`).
const TLDS: &[&str] = &[
    "com", "net", "org", "io", "co", "dev", "app", "ai", "so", "sh", "me", "link", "to", "xyz",
    "cloud", "gg", "tv", "fm", "info", "biz", "site", "tech", "page", "run", "build", "new",
    "tools", "studio", "design", "email", "chat", "live", "online", "software", "team", "work",
    "works", "digital", "systems", "global", "one", "plus", "pro", "space", "store",
];

/// Two-letter endings that are file extensions more often than country codes, for names
/// found without a scheme (`"dub.sh"` is found in its URLs).
const FILE_EXTS: &[&str] = &[
    "js", "ts", "md", "rs", "py", "go", "db", "gz", "sh", "mk", "hs", "pl", "rb", "cs", "fs", "ml",
    "el", "ex", "vm", "so", "in", "ps", "sc",
];

/// Whether `domain`'s ending is a real top-level domain ([`TLDS`], or a country code, which
/// `bare` (a name found without a scheme) must not mistake for a file extension).
fn real_tld(domain: &str, bare: bool) -> bool {
    let tld = domain.rsplit('.').next().unwrap_or("");
    TLDS.contains(&tld)
        || (tld.len() == 2
            && tld.bytes().all(|b| b.is_ascii_lowercase())
            && !(bare && FILE_EXTS.contains(&tld)))
}

/// What was found: the domains (sorted) and where their names came from.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct OwnDomains {
    pub(crate) domains: Vec<String>,
    /// The product names domains were matched against (`dub`, `plane`).
    pub(crate) names: Vec<String>,
    /// Domains of `homepage` fields.
    pub(crate) homepages: Vec<String>,
    /// Domains of the Cargo.toml `homepage` and `documentation` fields.
    pub(crate) cargo_homepages: Vec<String>,
}

/// `api.app.dub.co` → `dub.co`; `acme.co.uk` → `acme.co.uk`. `None` for an IP or a name
/// without a dot.
pub(crate) fn registrable(host: &str) -> Option<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || labels
            .iter()
            .any(|l| l.is_empty() || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        || !labels[labels.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let n = labels.len();
    // a country code's second level (`co.uk`, `com.au`) belongs to the suffix
    let take = if n >= 3
        && labels[n - 1].len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "ac" | "gov" | "edu"
        ) {
        3
    } else {
        2
    };
    Some(labels[n - take..].join("."))
}

/// The product's names: the scopes of the workspace packages (`@dub/ui` → `dub`) and the root
/// package's name without a generic suffix (`excalidraw-monorepo` → `excalidraw`).
fn product_names(root: &Path, packages: &[Package]) -> Vec<String> {
    let mut names = BTreeSet::new();
    let mut add = |raw: &str| {
        let raw = raw.trim_start_matches('@');
        let first = raw.split('/').next().unwrap_or(raw).to_ascii_lowercase();
        // `excalidraw-monorepo`, `acme_root`: the words before the generic ones
        let words: Vec<&str> = first
            .split(['-', '_', '.'])
            .filter(|w| !w.is_empty())
            .collect();
        let kept: Vec<&str> = words
            .iter()
            .copied()
            .take_while(|w| !GENERIC.contains(w))
            .collect();
        let name = kept.join("");
        if name.len() >= 3 && name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            names.insert(name);
        }
    };
    for p in packages {
        if let Some(scope) = p.name.strip_prefix('@') {
            add(scope);
        }
    }
    if let Some(name) = read_json(&root.join("package.json"))
        .as_ref()
        .and_then(|j| j.get("name"))
        .and_then(|n| n.as_str())
    {
        add(name);
    }
    names.into_iter().collect()
}

/// The registrable domains of the `homepage` fields of the root and workspace package.json
/// files, except code hosts (`github.com`).
fn homepages(root: &Path, packages: &[Package]) -> Vec<String> {
    let mut dirs: Vec<String> = vec![String::new()];
    dirs.extend(packages.iter().map(|p| p.dir.clone()));
    let mut out = BTreeSet::new();
    for d in dirs {
        let Some(j) = read_json(&root.join(&d).join("package.json")) else {
            continue;
        };
        let Some(url) = j.get("homepage").and_then(|h| h.as_str()) else {
            continue;
        };
        let Some(host) = host_after_scheme(url) else {
            continue;
        };
        if CODE_HOSTS
            .iter()
            .any(|c| host == *c || host.ends_with(&format!(".{c}")))
        {
            continue;
        }
        if let Some(r) = registrable(host) {
            out.insert(r);
        }
    }
    out.into_iter().collect()
}

/// The host of `scheme://host[:port]/…`.
fn host_after_scheme(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .unwrap_or(rest.len());
    let host = &rest[..end];
    (!host.is_empty()).then_some(host)
}

/// The registrable domains named in `text`: the hosts after `://`, and quoted hostnames
/// (`"go.acme.io"`).
fn domains_in(text: &str, out: &mut BTreeSet<String>) {
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        rest = &rest[i + 3..];
        if let Some(d) = host_after_scheme(&format!("x://{rest}")).and_then(registrable) {
            if real_tld(&d, false) {
                out.insert(d);
            }
        }
    }
    for q in ['"', '\''] {
        for part in text.split(q).skip(1).step_by(2) {
            if part.len() <= 80
                && part.contains('.')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            {
                if let Some(d) = registrable(part).filter(|d| real_tld(d, true)) {
                    out.insert(d);
                }
            }
        }
    }
}

/// Whether a domain's name (`dubcdn` of `dubcdn.com`, `formbricks` of `formbricks.com`) is or
/// starts with one of the product's names.
fn named_after(domain: &str, names: &[String]) -> bool {
    let label = domain.split('.').next().unwrap_or("");
    names.iter().any(|n| label.starts_with(n.as_str()))
}

/// Files whose hosts are read: source and `.env.example`-like files.
fn scanned(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("ts" | "tsx" | "js" | "jsx" | "mjs" | "cjs" | "mts" | "cts")
    ) && !name.ends_with(".d.ts")
}

/// The team's own domains (see the module documentation). `env_files`: the `.env.example`
/// files found as config files (relative).
pub(crate) fn own_domains(root: &Path, packages: &[Package], env_files: &[String]) -> OwnDomains {
    let names = product_names(root, packages);
    let homepages = homepages(root, packages);
    let mut found: BTreeMap<String, usize> = BTreeMap::new();
    let mut count = |text: &str| {
        let mut doms = BTreeSet::new();
        domains_in(text, &mut doms);
        for d in doms {
            *found.entry(d).or_default() += 1;
        }
    };
    if !names.is_empty() {
        for e in walker(root, 16).flatten() {
            let p = e.path();
            if !e.file_type().is_some_and(|t| t.is_file()) || !scanned(p) {
                continue;
            }
            if let Ok(text) = crate::core::safe_read::read_config_string(p) {
                count(&text);
            }
        }
        for f in env_files.iter().filter(|f| f.contains(".env")) {
            if let Ok(text) = crate::core::safe_read::read_config_string(&root.join(f)) {
                count(&text);
            }
        }
    }
    let mut domains: BTreeSet<String> = found
        .keys()
        .filter(|d| named_after(d, &names))
        .cloned()
        .collect();
    domains.extend(homepages.iter().cloned());
    OwnDomains {
        domains: domains.into_iter().collect(),
        names,
        homepages,
        cargo_homepages: Vec::new(),
    }
}

/// Hosts a Cargo.toml `homepage` or `documentation` names that are nobody's product site.
const RUST_DOC_HOSTS: &[&str] = &["docs.rs", "crates.io", "lib.rs"];

/// The product's names in a Cargo workspace: the root package's name and the first word of
/// three or more crates' names (`zellij` of `zellij-client`, `zellij-server`, `zellij-utils`),
/// of four letters or more (`hir`, `ide` of rust-analyzer's crates name no product).
fn crate_names(crates: &[Crate]) -> Vec<String> {
    let first = |n: &str| -> String {
        n.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for c in crates {
        *count.entry(first(&c.name)).or_default() += 1;
    }
    let mut names: BTreeSet<String> = count
        .into_iter()
        .filter(|(n, k)| *k >= 3 && n.len() >= 4)
        .map(|(n, _)| n)
        .collect();
    if let Some(root) = crates.iter().find(|c| c.dir.is_empty()) {
        let n: String = root
            .name
            .to_ascii_lowercase()
            .split(['-', '_'])
            .take_while(|w| !GENERIC.contains(w))
            .collect();
        if n.len() >= 4 {
            names.insert(n);
        }
    }
    names
        .into_iter()
        .filter(|n| !GENERIC.contains(&n.as_str()) && n.bytes().all(|b| b.is_ascii_alphanumeric()))
        .collect()
}

/// The registrable domains of the `homepage` and `documentation` fields of the root and member
/// Cargo.toml files (`[package]` and `[workspace.package]`), except code and docs hosts.
fn cargo_homepages(root: &Path, crates: &[Crate]) -> Vec<String> {
    let mut dirs: BTreeSet<String> = BTreeSet::from([String::new()]);
    dirs.extend(crates.iter().map(|c| c.dir.clone()));
    let mut out = BTreeSet::new();
    for d in dirs {
        let Ok(text) =
            crate::core::safe_read::read_config_string(&root.join(&d).join("Cargo.toml"))
        else {
            continue;
        };
        let Ok(t) = text.parse::<toml::Table>() else {
            continue;
        };
        let tables = [
            t.get("package"),
            t.get("workspace").and_then(|w| w.get("package")),
        ];
        for table in tables.into_iter().flatten() {
            for key in ["homepage", "documentation"] {
                let Some(url) = table.get(key).and_then(|v| v.as_str()) else {
                    continue;
                };
                let Some(host) = host_after_scheme(url) else {
                    continue;
                };
                let host = host.to_ascii_lowercase();
                if CODE_HOSTS
                    .iter()
                    .chain(RUST_DOC_HOSTS)
                    .any(|c| host == *c || host.ends_with(&format!(".{c}")))
                {
                    continue;
                }
                if let Some(r) = registrable(&host) {
                    out.insert(r);
                }
            }
        }
    }
    out.into_iter().collect()
}

/// A Cargo workspace's own domains, added to `o` (a TS/JS survey's, or an empty one): the
/// Cargo.toml homepages and documentation sites, and the domains in the `.rs` files named
/// after the product (`zellij.dev` for crates `zellij-*`). nushell's `www.nushell.sh/book/…`
/// links in command help, zellij's tutorial links in its About page: the product's own
/// documentation as content, which `own_urls = "configured"` then leaves alone.
pub(crate) fn add_cargo_domains(root: &Path, crates: &[Crate], o: &mut OwnDomains) {
    let names = crate_names(crates);
    let homepages = cargo_homepages(root, crates);
    let mut found: BTreeSet<String> = BTreeSet::new();
    if !names.is_empty() {
        for e in walker(root, 16).flatten() {
            let p = e.path();
            if !e.file_type().is_some_and(|t| t.is_file())
                || p.extension().and_then(|x| x.to_str()) != Some("rs")
            {
                continue;
            }
            if let Ok(text) = crate::core::safe_read::read_config_string(p) {
                domains_in(&text, &mut found);
            }
        }
    }
    let mut domains: BTreeSet<String> = o.domains.iter().cloned().collect();
    domains.extend(found.into_iter().filter(|d| named_after(d, &names)));
    domains.extend(homepages.iter().cloned());
    o.domains = domains.into_iter().collect();
    let mut all: BTreeSet<String> = o.names.iter().cloned().collect();
    all.extend(names);
    o.names = all.into_iter().collect();
    o.cargo_homepages = homepages;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registrable_domains() {
        assert_eq!(registrable("api.app.dub.co").as_deref(), Some("dub.co"));
        assert_eq!(registrable("www.acme.co.uk").as_deref(), Some("acme.co.uk"));
        assert_eq!(registrable("dub.sh").as_deref(), Some("dub.sh"));
        assert_eq!(registrable("localhost"), None);
        assert_eq!(registrable("10.0.0.1"), None);
        assert_eq!(registrable("a..b"), None);
    }

    #[test]
    fn own_domains_from_the_product_name_and_homepages() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w(
            "package.json",
            "{\"name\": \"acme-monorepo\", \"workspaces\": [\"packages/*\"]}",
        );
        w(
            "packages/ui/package.json",
            "{\"name\": \"@acme/ui\", \"homepage\": \"https://acmehq.io\"}",
        );
        w(
            "packages/utils/package.json",
            "{\"name\": \"@acme/utils\", \"homepage\": \"https://github.com/acme/acme\"}",
        );
        w(
            "packages/utils/src/urls.ts",
            "export const A = \"https://app.acme.com/x\";\nexport const B = \"acmecdn.net\";\nconst logo = \"acme.png\";\nconst key = t(\"acmeplus.title\");\nconst dev = \"https://acme.local\";\nconst f = \"acme.md\";\nconst g = \"https://www.google.com/recaptcha/api/siteverify\";\nconst n = \"https://notacme.org\";\nconst h = 'localhost';\n",
        );
        w(
            "apps/web/.env.example",
            "NEXT_PUBLIC_SHORT=https://go.acme.sh\n",
        );
        let pkg = |name: &str, dir: &str| Package {
            name: name.into(),
            dir: dir.into(),
            deps: Default::default(),
            dev_deps: Default::default(),
            app: false,
        };
        let pk = vec![
            pkg("@acme/ui", "packages/ui"),
            pkg("@acme/utils", "packages/utils"),
        ];
        let o = own_domains(d.path(), &pk, &["apps/web/.env.example".to_string()]);
        assert_eq!(o.names, vec!["acme"]);
        assert_eq!(o.homepages, vec!["acmehq.io"]);
        // near-misses: google.com (a vendor), notacme.org (the name inside, not at the start),
        // github.com (a code host's homepage), localhost, a file name, a message key, a
        // reserved name (`acme.local`)
        assert_eq!(
            o.domains,
            vec!["acme.com", "acme.sh", "acmecdn.net", "acmehq.io"]
        );
        // no product name (generic package names): nothing matched by name
        let e = tempfile::tempdir().unwrap();
        crate::rules::harness::write(e.path(), "package.json", "{\"name\": \"web\"}");
        crate::rules::harness::write(e.path(), "src/a.ts", "const u = \"https://web.dev/x\";\n");
        assert!(own_domains(e.path(), &[], &[]).domains.is_empty());
    }

    /// A Cargo workspace: the homepage and documentation of the Cargo.toml files (not docs.rs,
    /// not github.com) and the domains in `.rs` files named after the crates' shared first
    /// word. Near-misses: a crate family of two, a three-letter family (`hir-*`), a vendor's
    /// domain, a domain with the name inside.
    #[test]
    fn own_domains_of_a_cargo_workspace() {
        let d = tempfile::tempdir().unwrap();
        let w = |rel: &str, text: &str| crate::rules::harness::write(d.path(), rel, text);
        w(
            "Cargo.toml",
            "[package]\nname = \"zed\"\nhomepage = \"https://www.zedsh.io\"\ndocumentation = \"https://docs.rs/zed\"\n[workspace.package]\nrepository = \"https://github.com/z/z\"\n",
        );
        w(
            "crates/a/src/lib.rs",
            "const A: &str = \"https://acmeterm.dev/tutorials/x\";\nconst B: &str = \"https://api.github.com/repos\";\nconst C: &str = \"https://notacmeterm.dev\";\nconst H: &str = \"https://hirsch.io\";\nconst T: &str = \"https://tools.org\";\n",
        );
        let c = |name: &str, dir: &str| Crate {
            name: name.into(),
            dir: dir.into(),
            deps: Default::default(),
            dev_deps: Default::default(),
            test_support: false,
            sources: Vec::new(),
        };
        let crates = vec![
            c("zed", ""),
            c("acmeterm-client", "crates/a"),
            c("acmeterm-server", "crates/b"),
            c("acmeterm-utils", "crates/c"),
            c("hir-def", "crates/d"),
            c("hir-ty", "crates/e"),
            c("hir-expand", "crates/f"),
            c("tools-x", "crates/g"),
            c("tools-y", "crates/h"),
        ];
        let mut o = OwnDomains::default();
        add_cargo_domains(d.path(), &crates, &mut o);
        assert_eq!(o.names, vec!["acmeterm"]);
        assert_eq!(o.cargo_homepages, vec!["zedsh.io"]);
        assert_eq!(o.domains, vec!["acmeterm.dev", "zedsh.io"]);
    }
}
