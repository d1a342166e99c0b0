//! In-app component libraries: a design system that is a folder of an app or package, not a
//! package of its own — a shadcn `components.json` (its `ui` alias), a `components/ui` or
//! `modules/ui` folder, a `components/primitives` (or `src/ds-components`, `src/design-system`, …)
//! folder, or a `components/` folder of a package that holds the primitives
//! (`Button`, `Dialog`, `Popover`, …) next to the features built on them. Found only when the
//! folder holds at least [`MIN_PRIMITIVES`] primitives and is imported from at least
//! [`MIN_IMPORTERS`] files outside it.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::detect::{read_json, walker, Library, Package};
use crate::core::relative;

/// What a component library implements (file or folder names, lower case, `-`/`_` removed).
const PRIMITIVES: &[&str] = &[
    "button",
    "iconbutton",
    "input",
    "textfield",
    "textarea",
    "select",
    "checkbox",
    "radio",
    "radiogroup",
    "switch",
    "dialog",
    "modal",
    "popover",
    "tooltip",
    "label",
    "badge",
    "card",
    "tabs",
    "dropdownmenu",
    "separator",
    "slider",
    "avatar",
];

/// Primitives a folder must hold to be a component library.
pub(crate) const MIN_PRIMITIVES: usize = 3;
/// Files outside the folder that must import from it.
pub(crate) const MIN_IMPORTERS: usize = 5;

/// A folder name teams give their own kit of primitives inside an app (`components/primitives`,
/// logto's `src/ds-components`, `src/design-system`, `src/ui-kit`).
fn is_kit_name(name: &str) -> bool {
    matches!(
        name,
        "primitives"
            | "ds-components"
            | "design-system"
            | "designsystem"
            | "ds"
            | "ui-kit"
            | "uikit"
            | "ui-components"
    )
}

/// `a/./b/.` → `a/b` (tsconfig targets are written `./src/*`).
/// `p` without its `.` components; a path of only `.` (the alias `"@/*": ["./*"]` of a root
/// package, with init run in the checkout) is `.`, not the empty path (which canonicalises to
/// nothing and strips nothing off an absolute path).
fn clean(p: &Path) -> PathBuf {
    let c: PathBuf = p
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if c.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        c
    }
}

fn norm(stem: &str) -> String {
    stem.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_component_file(name: &str) -> bool {
    (name.ends_with(".tsx") || name.ends_with(".jsx"))
        && !name.contains(".test.")
        && !name.contains(".spec.")
        && !name.contains(".stories.")
        && !name.starts_with("stories.")
        && !name.starts_with("story.")
}

/// The primitives directly in `dir` (or in its `components/` child): (stem, path of the file
/// or folder).
fn primitives(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for d in [dir.to_path_buf(), dir.join("components")] {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().to_string();
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            let stem = if is_dir {
                name.clone()
            } else if is_component_file(&name) {
                name.split('.').next().unwrap_or("").to_string()
            } else {
                continue;
            };
            if PRIMITIVES.contains(&norm(&stem).as_str()) {
                out.push((stem, e.path()));
            }
        }
    }
    out
}

/// The component files of a library folder (at most 400).
fn component_files(dir: &Path) -> Vec<PathBuf> {
    walker(dir, 4)
        .flatten()
        .filter(|e| is_component_file(&e.file_name().to_string_lossy()))
        .map(|e| e.path().to_path_buf())
        .take(400)
        .collect()
}

/// The tsconfig `paths` targets of `@/*`, `~/*` and `#/*` in `pkg_dir`, in that order:
/// (alias prefix, folder).
fn root_aliases(pkg_dir: &Path) -> Vec<(String, PathBuf)> {
    let Some(ts) = read_json(&pkg_dir.join("tsconfig.json")) else {
        return Vec::new();
    };
    let Some(paths) = ts
        .get("compilerOptions")
        .and_then(|c| c.get("paths"))
        .and_then(|p| p.as_object())
    else {
        return Vec::new();
    };
    let base = ts
        .get("compilerOptions")
        .and_then(|c| c.get("baseUrl"))
        .and_then(|b| b.as_str())
        .unwrap_or(".");
    ["@/*", "~/*", "#/*"]
        .iter()
        .filter_map(|key| {
            let target = paths
                .get(*key)
                .and_then(|v| v.as_array())
                .and_then(|a| a.first())
                .and_then(|v| v.as_str())?;
            let dir = target.trim_end_matches('*').trim_end_matches('/');
            Some((
                key.trim_end_matches('*').to_string(),
                clean(&pkg_dir.join(base).join(dir)),
            ))
        })
        .collect()
}

/// The stylesheet a shadcn `components.json` names (`tailwind.css`): its CSS variables are
/// the library's tokens.
pub(crate) fn shadcn_css(root: &Path, packages: &[Package]) -> Vec<String> {
    dirs_and_root(packages)
        .into_iter()
        .filter_map(|d| {
            let cfg = read_json(&root.join(d).join("components.json"))?;
            let css = cfg.get("tailwind")?.get("css")?.as_str()?;
            let p = clean(&root.join(d).join(css));
            crate::core::safe_read::is_file(&p).then(|| relative(root, &p))
        })
        .collect()
}

/// The shadcn `ui` folders of the packages outside the design system, when there are two or
/// more: `shadcn add` copies the registry's file into each, so the same file in two of them is
/// not a copy someone made (the duplicate rule's `vendored`). A design-system package's folder
/// is not one of them: an app's copy of the shared package's component is drift.
pub(crate) fn vendored_folders(
    root: &Path,
    packages: &[Package],
    ds_dirs: &[String],
) -> Vec<String> {
    let mut out: Vec<String> = dirs_and_root(packages)
        .into_iter()
        .filter(|d| {
            !ds_dirs
                .iter()
                .any(|ds| d == ds || d.starts_with(&format!("{ds}/")))
        })
        .filter_map(|d| shadcn_ui_dir(&root.join(d)))
        .map(|dir| relative(root, &dir))
        .filter(|rel| !rel.is_empty() && !rel.starts_with(".."))
        .collect();
    out.sort();
    out.dedup();
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// The packages' folders and the root (once), where a `components.json` may sit.
fn dirs_and_root(packages: &[Package]) -> Vec<&str> {
    let mut dirs: Vec<&str> = packages.iter().map(|p| p.dir.as_str()).collect();
    if !dirs.contains(&"") {
        dirs.push("");
    }
    dirs
}

/// The folder a shadcn `components.json` puts its `ui` components in.
fn shadcn_ui_dir(pkg_dir: &Path) -> Option<PathBuf> {
    let cfg = read_json(&pkg_dir.join("components.json"))?;
    let aliases = cfg.get("aliases")?;
    let ui = aliases
        .get("ui")
        .and_then(|v| v.as_str())
        .map(String::from)
        .or_else(|| {
            aliases
                .get("components")
                .and_then(|v| v.as_str())
                .map(|c| format!("{c}/ui"))
        })?;
    // an alias of the package's tsconfig (`@/components/ui`), or a path from the package's
    // folder (`src/components/ui`)
    let (rest, base) = root_aliases(pkg_dir)
        .into_iter()
        .find_map(|(prefix, base)| Some((ui.strip_prefix(&prefix)?.to_string(), base)))
        .or_else(|| {
            let plain = ui.strip_prefix("./").unwrap_or(&ui);
            let relative = !plain.starts_with(['@', '~', '#', '/', '.']) && !plain.contains("..");
            relative.then(|| (plain.to_string(), pkg_dir.to_path_buf()))
        })?;
    let dir = clean(&base.join(rest));
    dir.is_dir().then_some(dir)
}

/// How `dir` is imported from within its package: through a root alias when there is one,
/// the most specific when several reach it (`~/*` → `./app/*` over `@/*` → `./*`: the code
/// writes `~/components/primitives`, not `@/app/components/primitives`).
fn import_path(root: &Path, pkg_dir: &Path, dir: &Path) -> String {
    let d = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut best: Option<(usize, String)> = None;
    for (prefix, base) in root_aliases(pkg_dir) {
        let b = std::fs::canonicalize(&base).unwrap_or(base);
        if let Ok(rest) = d.strip_prefix(&b) {
            let rest = rest.to_string_lossy().replace('\\', "/");
            let depth = b.components().count();
            if !rest.is_empty() && best.as_ref().is_none_or(|(bd, _)| depth > *bd) {
                best = Some((depth, format!("{prefix}{rest}")));
            }
        }
    }
    best.map(|(_, p)| p).unwrap_or_else(|| relative(root, dir))
}

/// Files of `pkg_dir` outside `skip` whose text imports one of `markers` (at most 4,000 files
/// read, stopping once `MIN_IMPORTERS` are found).
fn importers(pkg_dir: &Path, skip: Option<&Path>, markers: &[String]) -> usize {
    let mut n = 0;
    let mut read = 0;
    for e in walker(pkg_dir, 10).flatten() {
        let p = e.path();
        if skip.is_some_and(|s| p.starts_with(s)) {
            continue;
        }
        let name = e.file_name().to_string_lossy();
        if !(name.ends_with(".ts")
            || name.ends_with(".tsx")
            || name.ends_with(".js")
            || name.ends_with(".jsx"))
        {
            continue;
        }
        read += 1;
        if read > 4000 {
            break;
        }
        let Ok(text) = crate::core::safe_read::read_config_string(p) else {
            continue;
        };
        if markers.iter().any(|m| text.contains(m.as_str())) {
            n += 1;
            if n >= MIN_IMPORTERS {
                break;
            }
        }
    }
    n
}

/// The in-app component libraries of the repository. `ds_dirs` are the design-system packages
/// already found (a folder inside one of them is part of it, not a library of its own).
pub(crate) fn component_libraries(
    root: &Path,
    packages: &[Package],
    ds_dirs: &[String],
) -> Vec<Library> {
    let within = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    // a repository of one package has no workspace packages: its root is the package
    let mut dirs: Vec<&str> = packages.iter().map(|p| p.dir.as_str()).collect();
    // the root is a package too when it has its own package.json (an app with nested packages)
    if !dirs.contains(&"") && crate::core::safe_read::is_file(&root.join("package.json")) {
        dirs.push("");
    }
    let mut out: Vec<Library> = Vec::new();
    let mut seen: BTreeSet<PathBuf> = BTreeSet::new();
    for pkg in dirs {
        let in_ds = ds_dirs
            .iter()
            .any(|d| pkg == d || pkg.starts_with(&format!("{d}/")));
        if in_ds {
            continue;
        }
        let pkg_dir = root.join(pkg);
        // candidates: the shadcn ui folder, `…/components/ui`, `…/modules/ui`, `src/ui`, and
        // the package's own `components/` folder
        let mut cands: Vec<(PathBuf, String)> = Vec::new();
        if let Some(d) = shadcn_ui_dir(&pkg_dir) {
            cands.push((d, "its shadcn components.json".into()));
        }
        for e in walker(&pkg_dir, 4).flatten() {
            if !e.file_type().is_some_and(|t| t.is_dir()) {
                continue;
            }
            let name = e.file_name().to_string_lossy().to_string();
            let parent = e
                .path()
                .parent()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // `components/ui`, and a `primitives` folder (`app/components/primitives`): the
            // names teams give the folder of their own primitives
            let grandparent = e
                .path()
                .parent()
                .and_then(|p| p.parent())
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            // `components/ui`, and one level below (`components/v1/ui`: hatchet's kit moved
            // with a redesign)
            let ui_folder = (name == "ui"
                && (matches!(parent.as_str(), "components" | "modules" | "src")
                    || grandparent == "components"))
                || (is_kit_name(&name)
                    && matches!(parent.as_str(), "components" | "modules" | "src" | "app"));
            let components_folder = name == "components"
                && e.path()
                    .parent()
                    .is_some_and(|p| p == pkg_dir || p == pkg_dir.join("src"));
            if ui_folder || components_folder {
                cands.push((e.path().to_path_buf(), "its folder name".into()));
            }
        }
        for (dir, how) in cands {
            let key = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
            // one library per folder: not again, not inside or around one already found
            if seen
                .iter()
                .any(|s| s == &key || s.starts_with(&key) || key.starts_with(s))
            {
                continue;
            }
            let rel = relative(root, &dir);
            // a folder of a design-system package is part of it
            if ds_dirs
                .iter()
                .any(|d| rel == *d || rel.starts_with(&format!("{d}/")))
            {
                continue;
            }
            let prims = primitives(&dir);
            if prims.len() < MIN_PRIMITIVES {
                continue;
            }
            let import = import_path(root, &pkg_dir, &dir);
            // a `ui` folder is the library throughout; a `components/` folder that mixes the
            // primitives with features is the library only in the primitives' own files
            let folder = dir
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let whole = folder == "ui" || is_kit_name(&folder) || how.contains("shadcn");
            let (source, files, markers): (Vec<String>, Vec<PathBuf>, Vec<String>) = if whole {
                let last_two: Vec<&str> = rel.rsplit('/').take(2).collect();
                let tail = format!("{}/{}/", last_two.get(1).unwrap_or(&""), last_two[0]);
                (
                    vec![format!("{rel}/**")],
                    component_files(&dir),
                    vec![
                        format!("{import}/"),
                        tail,
                        format!("../{folder}/"),
                        format!("./{folder}/"),
                    ],
                )
            } else {
                let mut source = Vec::new();
                let mut files = Vec::new();
                let mut markers = Vec::new();
                // the folder's other implementations of a primitive (`FilledButton`,
                // `HelpButton`, `CheckboxItem`) render it raw too
                let mut impls: Vec<(String, PathBuf)> = prims.clone();
                if let Ok(rd) = std::fs::read_dir(&dir) {
                    let mut more: Vec<(String, PathBuf)> = rd
                        .flatten()
                        .filter_map(|e| {
                            let name = e.file_name().to_string_lossy().to_string();
                            if !is_component_file(&name) {
                                return None;
                            }
                            let stem = name.split('.').next().unwrap_or("").to_string();
                            let n = norm(&stem);
                            let implements = PRIMITIVES.iter().any(|p| {
                                n != *p
                                    && (n.ends_with(p)
                                        || (matches!(*p, "button" | "checkbox")
                                            && n.starts_with(p)))
                            });
                            implements.then(|| (stem, e.path()))
                        })
                        .collect();
                    more.sort();
                    more.retain(|(_, p)| !prims.iter().any(|(_, q)| q == p));
                    impls.extend(more);
                }
                for (stem, p) in &impls {
                    let r = relative(root, p);
                    if p.is_dir() {
                        source.push(format!("{r}/**"));
                        files.extend(component_files(p));
                    } else {
                        source.push(r);
                        files.push(p.clone());
                    }
                    markers.push(format!("/{stem}\""));
                    markers.push(format!("/{stem}'"));
                }
                (source, files, markers)
            };
            // a mixed folder's features import the primitives from next door
            let n = importers(&pkg_dir, Some(&dir), &markers)
                + if whole {
                    0
                } else {
                    importers(&dir, None, &markers)
                };
            if n < MIN_IMPORTERS {
                continue;
            }
            let mut comps: BTreeSet<String> = BTreeSet::new();
            let mut imported: BTreeSet<String> = BTreeSet::new();
            let by_module = aliased(&import) && !has_index(&dir);
            let mut modules: std::collections::BTreeMap<String, BTreeSet<String>> =
                Default::default();
            let component =
                |c: &String| c.chars().any(|ch| ch.is_ascii_lowercase()) && !c.ends_with("Props");
            for f in &files {
                let text = crate::core::safe_read::read_config_string(f).unwrap_or_default();
                imported.extend(import_specifiers(&text));
                let mut seen_files = BTreeSet::new();
                let found = crate::rules::design_system::config::exported_components(
                    &within,
                    f,
                    &mut seen_files,
                    0,
                );
                if by_module {
                    if let Some(m) = module_path(&import, &dir, f) {
                        let entry = modules.entry(m.clone()).or_default();
                        entry.extend(found.iter().filter(|c| component(c)).cloned());
                        // its default export, imported under its own name
                        // (`export default forwardRef(Button)` in `Button/index.tsx`)
                        if let Some(d) = default_component(&text, &m).filter(|d| component(d)) {
                            // `export default function Button` is no named export, whatever
                            // the export scan (which reads the declaration's name) says
                            let declared = ["function", "class"]
                                .iter()
                                .any(|k| text.contains(&format!("export default {k} {d}")));
                            if declared || !entry.contains(&d) {
                                entry.remove(&d);
                                entry.insert(format!("{d} (default)"));
                            }
                            comps.insert(d);
                        }
                    }
                }
                comps.extend(found);
            }
            comps.retain(component);
            if comps.is_empty() {
                continue;
            }
            // a component two modules export (a re-export) is imported from the first
            let mut taken: BTreeSet<String> = BTreeSet::new();
            let modules: Vec<(String, Vec<String>)> = modules
                .into_iter()
                .filter_map(|(m, cs)| {
                    let cs: Vec<String> =
                        cs.into_iter().filter(|c| taken.insert(c.clone())).collect();
                    (!cs.is_empty()).then_some((m, cs))
                })
                .collect();
            seen.insert(key);
            out.push(Library {
                dir: rel,
                import,
                source,
                components: comps.into_iter().collect(),
                found_by: format!(
                    "{how} and {} primitives ({})",
                    prims.len(),
                    prims
                        .iter()
                        .take(3)
                        .map(|(s, _)| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                        + if prims.len() > 3 { ", …" } else { "" }
                ),
                // a `ui` library wraps exactly the packages its files import (its dialog wraps
                // `@radix-ui/react-dialog`, not every Radix package); a mixed folder wraps none
                wraps: if whole {
                    let pkgs: BTreeSet<String> = imported.iter().map(|i| package_of(i)).collect();
                    pkgs.into_iter()
                        .filter(|p| {
                            !super::detect::wrapped(&BTreeSet::from([p.clone()])).is_empty()
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                modules,
            });
        }
    }
    out
}

/// Whether an import path is a tsconfig alias (`@/components/ui`), not a folder of the
/// repository written as a path.
fn aliased(import: &str) -> bool {
    ["@/", "~/", "#/"].iter().any(|a| import.starts_with(a))
}

/// Whether a folder has an index module that re-exports its components.
fn has_index(dir: &Path) -> bool {
    ["index.ts", "index.tsx", "index.js", "index.jsx"]
        .iter()
        .any(|f| crate::core::safe_read::is_file(&dir.join(f)))
}

/// How a file of a library folder is imported: the library's path and the file's path in
/// the folder, without its extension or a trailing `/index` (`@/components/ui/button`).
fn module_path(import: &str, dir: &Path, file: &Path) -> Option<String> {
    let rest = file
        .strip_prefix(dir)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    let stem = rest.rsplit_once('.').map_or(rest.as_str(), |(s, _)| s);
    let stem = stem.strip_suffix("/index").unwrap_or(stem);
    if stem.is_empty() || stem == "index" {
        return None;
    }
    Some(format!("{import}/{stem}"))
}

/// The component a module exports as its default, by the name it is declared under
/// (`export default function TextInput`, `export default Button`, `export default
/// forwardRef(Button)`, `memo(…)`), else by the module's last path segment
/// (`@/ds-components/Button`); `None` without a default export or when the name is not
/// PascalCase.
fn default_component(text: &str, module: &str) -> Option<String> {
    let at = text.find("export default ")?;
    let mut t = text[at + "export default ".len()..].trim_start();
    for kw in ["async ", "function ", "class "] {
        t = t.strip_prefix(kw).map_or(t, str::trim_start);
    }
    // a wrapper call: the component is its argument
    for w in [
        "forwardRef(",
        "React.forwardRef(",
        "memo(",
        "React.memo(",
        "observer(",
    ] {
        if let Some(r) = t.strip_prefix(w) {
            t = r.trim_start();
            break;
        }
    }
    let ident: String = t
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '$')
        .collect();
    let pascal = |n: &str| n.starts_with(|c: char| c.is_ascii_uppercase());
    if pascal(&ident) {
        return Some(ident);
    }
    let last = module.rsplit('/').next().unwrap_or(module);
    pascal(last)
        .then(|| last.chars().filter(|c| c.is_ascii_alphanumeric()).collect())
        .filter(|n: &String| !n.is_empty())
}

/// The module specifiers of a file's `from "…"` clauses (a light scan, not a parse).
fn import_specifiers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split("from ").skip(1) {
        let Some(q) = part.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(end) = part[1..].find(q) {
            out.push(part[1..1 + end].to_string());
        }
    }
    out
}

/// The package a module specifier names (`@radix-ui/react-dialog/x` → `@radix-ui/react-dialog`).
fn package_of(spec: &str) -> String {
    let n = if spec.starts_with('@') { 2 } else { 1 };
    spec.splitn(n + 1, '/')
        .take(n)
        .collect::<Vec<_>>()
        .join("/")
}
