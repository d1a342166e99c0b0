//! Tests of `resolve`.

#![cfg(test)]

use super::*;

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn file(s: &str) -> Target {
    Target::File(s.to_string())
}

/// `a::b::c` → the segments the Rust resolver takes.
fn seg(s: &str) -> Vec<String> {
    s.split("::").map(String::from).collect()
}

#[test]
fn jsonc() {
    let v: serde_json::Value = serde_json::from_str(&strip_jsonc(
        "{\n // c\n \"a\": \"x//y\", /* b */ \"b\": [1,2,],\n}",
    ))
    .unwrap();
    assert_eq!(v["a"], "x//y");
    assert_eq!(v["b"].as_array().unwrap().len(), 2);
}

#[test]
fn package_names() {
    assert_eq!(package_name("@acme/ui/button"), "@acme/ui");
    assert_eq!(package_name("lodash/get"), "lodash");
    assert_eq!(package_name("react"), "react");
}

#[test]
fn typescript_resolution() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "package.json",
        r#"{ "workspaces": ["packages/*", "apps/*"] }"#,
    );
    write(
        r,
        "packages/ui/package.json",
        r#"{ "name": "@acme/ui", "main": "./dist/index.js", "exports": { ".": "./dist/index.js" } }"#,
    );
    write(r, "packages/ui/src/index.ts", "");
    write(r, "packages/ui/src/Button.tsx", "");
    write(
        r,
        "packages/config/package.json",
        r#"{ "name": "@acme/tsconfig" }"#,
    );
    write(
        r,
        "packages/config/base.json",
        r#"{ "compilerOptions": { "strict": true } }"#,
    );
    write(r, "apps/web/package.json", r#"{ "name": "web" }"#);
    write(
        r,
        "apps/web/tsconfig.json",
        "{ // app\n \"extends\": \"@acme/tsconfig/base.json\",\n \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"], \"@/lib/*\": [\"./lib/*\"], } } }",
    );
    write(r, "apps/web/src/a.ts", "");
    write(r, "apps/web/src/util/index.ts", "");
    write(r, "apps/web/src/esm.ts", "");
    write(r, "apps/web/src/types.d.ts", "");
    write(r, "apps/web/lib/x.ts", "");
    let ws = Workspace::load(r);
    let from = "apps/web/src/a.ts";
    assert_eq!(
        ws.resolve_ts(from, "./util"),
        file("apps/web/src/util/index.ts")
    );
    assert_eq!(ws.resolve_ts(from, "./esm.js"), file("apps/web/src/esm.ts"));
    assert_eq!(
        ws.resolve_ts(from, "./types"),
        file("apps/web/src/types.d.ts")
    );
    assert_eq!(ws.resolve_ts(from, "./missing"), Target::Unresolved);
    assert_eq!(ws.resolve_ts(from, "./a.ts?url"), file("apps/web/src/a.ts"));
    assert_eq!(
        ws.resolve_ts(from, "@/util"),
        file("apps/web/src/util/index.ts")
    );
    assert_eq!(
        ws.resolve_ts(from, "@/lib/x"),
        file("apps/web/lib/x.ts"),
        "longest pattern wins"
    );
    assert_eq!(ws.resolve_ts(from, "@/nope"), Target::Unresolved);
    // an alias into generated code the checkout lacks (Prisma's `output = "../generated/prisma"`)
    // is the build's, as a relative import into it is; a file merely named so is not
    assert_eq!(
        ws.resolve_ts(from, "@/generated/prisma/enums"),
        Target::Package {
            name: "@/generated/prisma/enums".to_string(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_ts(from, "@/lib/generated-client"),
        Target::Unresolved
    );
    // Panda CSS writes `styled-system/` (its default `outdir`) at codegen; novu's design
    // system imports `../../styled-system/css` from a checkout without it (a seed-1900 N);
    // a folder merely named like it is not generated
    assert_eq!(
        ws.resolve_ts(from, "../styled-system/css"),
        Target::Package {
            name: "../styled-system/css".to_string(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_ts(from, "./styled-systems/css"),
        Target::Unresolved
    );
    assert_eq!(
        ws.resolve_ts(from, "@acme/ui"),
        file("packages/ui/src/index.ts")
    );
    assert_eq!(
        ws.resolve_ts(from, "@acme/ui/src/Button"),
        file("packages/ui/src/Button.tsx")
    );
    assert_eq!(
        ws.resolve_ts(from, "react"),
        Target::Package {
            name: "react".into(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_ts(from, "lodash/get"),
        Target::Package {
            name: "lodash".into(),
            dir: None
        }
    );
    // a root-relative import of an asset the package's `public/` folder serves (Vite, Next,
    // Astro) is the bundler's; near-misses: a missing asset, a file outside `public/`
    write(r, "apps/web/public/icons/chrome.svg", "<svg/>");
    assert_eq!(
        ws.resolve_ts(from, "/icons/chrome.svg?url"),
        Target::Package {
            name: "/icons/chrome.svg".into(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_ts(from, "/icons/firefox.svg"),
        Target::Unresolved
    );
    assert_eq!(ws.resolve_ts(from, "/src/a.ts"), Target::Unresolved);
}

#[test]
fn pnpm_workspaces() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "pnpm-workspace.yaml",
        "packages:\n  - apps/*\n  - \"!apps/api\"\ncatalog:\n  react: 18\n",
    );
    write(r, "apps/web/package.json", r#"{ "name": "web" }"#);
    write(r, "apps/api/package.json", r#"{ "name": "api" }"#);
    let ws = Workspace::load(r);
    let names: Vec<&str> = ws.package_names().collect();
    assert_eq!(names, vec!["web"]);
}

#[test]
fn rust_resolution() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n");
    write(
        r,
        "crates/app/Cargo.toml",
        "[package]\nname = \"app\"\n[dependencies]\nstore-db = { path = \"../db\" }\n",
    );
    write(r, "crates/app/src/main.rs", "");
    write(r, "crates/app/src/ui/mod.rs", "pub struct Widget;");
    write(
        r,
        "crates/app/src/ui/page.rs",
        "pub struct Local; pub struct Thing;",
    );
    write(r, "crates/app/src/domain.rs", "pub struct Order;");
    write(
        r,
        "crates/db/Cargo.toml",
        "[package]\nname = \"store-db\"\n",
    );
    write(r, "crates/db/src/lib.rs", "pub struct Thing;");
    write(r, "crates/db/src/pool.rs", "pub struct Pool;");
    let ws = Workspace::load(r);
    let from = "crates/app/src/ui/page.rs";
    assert_eq!(
        ws.resolve_rust(from, &seg("crate::domain::Order")),
        file("crates/app/src/domain.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("super::Widget")),
        file("crates/app/src/ui/mod.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("super::super::domain")),
        file("crates/app/src/domain.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("self::Local")),
        file("crates/app/src/ui/page.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("store_db::pool::Pool")),
        file("crates/db/src/pool.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("store_db::Thing")),
        file("crates/db/src/lib.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("serde::Serialize")),
        Target::Package {
            name: "serde".into(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("std::fs")),
        Target::Package {
            name: "std".into(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_rust("crates/app/src/ui/mod.rs", &seg("page::Thing")),
        file("crates/app/src/ui/page.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("crate::nope::x")),
        Target::Unresolved
    );
    write(r, "crates/app/src/main.rs", "fn helper() {}\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("crates/app/src/domain.rs", &seg("crate::helper")),
        file("crates/app/src/main.rs"),
        "an item of the root"
    );
}

#[test]
fn rust_targets_from_lib_names_and_bin_paths() {
    // ripgrep's layout: the root package has no src/, only `[[bin]] path = "crates/core/main.rs"`;
    // a member's `[lib] name` differs from its package name
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "Cargo.toml",
        "[package]\nname = \"tool\"\n[[bin]]\nname = \"tl\"\npath = \"crates/core/main.rs\"\n[workspace]\nmembers = [\"crates/search\"]\n[dependencies]\nsearch-lib = { path = \"crates/search\" }\n",
    );
    write(r, "crates/core/main.rs", "mod flags;\n");
    write(r, "crates/core/flags/mod.rs", "pub struct Category;\n");
    write(
        r,
        "crates/core/flags/defs.rs",
        "pub static FLAGS: u8 = 0;\n",
    );
    write(
        r,
        "crates/search/Cargo.toml",
        "[package]\nname = \"search-lib\"\n[lib]\nname = \"searcher\"\n",
    );
    write(r, "crates/search/src/lib.rs", "pub struct Searcher;\n");
    write(r, "crates/search/src/sink.rs", "pub struct Sink;\n");
    let ws = Workspace::load(r);
    let from = "crates/core/flags/defs.rs";
    assert_eq!(
        ws.resolve_rust(from, &seg("crate::flags::Category")),
        file("crates/core/flags/mod.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("super::defs::FLAGS")),
        file("crates/core/flags/defs.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("searcher::sink::Sink")),
        file("crates/search/src/sink.rs"),
        "a crate is named by its [lib] name in paths"
    );
    // near-misses: the package name is not a path name when [lib] renames it; a missing
    // module of the binary stays unresolved
    assert_ne!(
        ws.resolve_rust(from, &seg("search_lib::sink::Sink")),
        file("crates/search/src/sink.rs")
    );
    assert_eq!(
        ws.resolve_rust(from, &seg("crate::nope::x")),
        Target::Unresolved
    );
    // a src/main.rs beside src/lib.rs: files in src/ stay the library's
    write(
        r,
        "crates/search/Cargo.toml",
        "[package]\nname = \"search-lib\"\n[lib]\nname = \"searcher\"\n[[bin]]\nname = \"s\"\npath = \"src/main.rs\"\n",
    );
    write(r, "crates/search/src/main.rs", "fn main() {}\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("crates/search/src/sink.rs", &seg("crate::Searcher")),
        file("crates/search/src/lib.rs")
    );
}

#[test]
fn rust_globs_inside_use_lists_re_export() {
    // rust-analyzer's `pub use self::{generated::{nodes::*, tokens::*}};` in ast.rs
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[package]\nname = \"syn\"\n");
    write(r, "src/lib.rs", "pub mod ast;\n");
    write(
        r,
        "src/ast.rs",
        "mod generated;\npub use self::{\n    generated::{nodes::*, tokens::* },\n};\n",
    );
    write(
        r,
        "src/ast/generated.rs",
        "pub mod nodes;\npub mod tokens;\n",
    );
    write(r, "src/ast/generated/nodes.rs", "pub struct ArgList;\n");
    write(r, "src/ast/node_ext.rs", "use super::ArgList;\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("src/ast/node_ext.rs", &seg("crate::ast::ArgList")),
        file("src/ast.rs")
    );
    // near-miss: a multiplication or a pointer deref after `::` is not a glob
    write(
        r,
        "src/ast.rs",
        "mod generated;\nfn f() -> u8 { u8::MAX::*2 }\n",
    );
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("src/ast/node_ext.rs", &seg("crate::ast::ArgList")),
        Target::Unresolved
    );
}

#[test]
fn rust_exported_macros_are_at_the_crate_root() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[package]\nname = \"intern\"\n");
    write(r, "src/lib.rs", "mod intern;\n");
    write(
        r,
        "src/intern.rs",
        "#[macro_export]\nmacro_rules! _impl_internable { () => {} }\npub use crate::_impl_internable;\n",
    );
    write(
        r,
        "src/other.rs",
        "use crate::_impl_internable;\nuse crate::_elsewhere;\n",
    );
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("src/intern.rs", &seg("crate::_impl_internable")),
        file("src/intern.rs")
    );
    // near-miss: a file that does not define the macro does not resolve it to itself
    assert_eq!(
        ws.resolve_rust("src/other.rs", &seg("crate::_elsewhere")),
        Target::Unresolved
    );
}

/// helix: `key!` is `#[macro_export]`ed in `keymap/macros.rs` and imported as `crate::key` from
/// other modules; `runtime_local!` has a `#[cfg(…)]` between the attribute and the macro.
#[test]
fn rust_exported_macros_resolve_from_every_module_of_the_crate() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[package]\nname = \"term\"\n");
    write(
        r,
        "src/lib.rs",
        "#[macro_use]\nmod keymap;\nmod ui;\nmod runtime;\n",
    );
    write(r, "src/keymap.rs", "pub mod macros;\n");
    write(
        r,
        "src/keymap/macros.rs",
        "#[macro_export]\nmacro_rules! key { ($k:ident) => {} }\nmacro_rules! hidden { () => {} }\n",
    );
    write(
        r,
        "src/runtime.rs",
        "#[cfg(not(test))]\n#[macro_export]\n#[doc(hidden)]\nmacro_rules! runtime_local { () => {} }\n",
    );
    write(
        r,
        "src/ui/editor.rs",
        "use crate::key;\nuse crate::runtime_local;\nuse crate::hidden;\n",
    );
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("src/ui/editor.rs", &seg("crate::key")),
        file("src/keymap/macros.rs")
    );
    assert_eq!(
        ws.resolve_rust("src/ui/editor.rs", &seg("crate::runtime_local")),
        file("src/runtime.rs")
    );
    // near-misses: a macro without `#[macro_export]` is not at the crate root, and a module
    // path that matches no file stays unresolved
    assert_eq!(
        ws.resolve_rust("src/ui/editor.rs", &seg("crate::hidden")),
        Target::Unresolved
    );
    assert_eq!(
        ws.resolve_rust("src/ui/editor.rs", &seg("crate::style::Style")),
        Target::Unresolved
    );
}

/// Bare specifiers are memoised per nearest tsconfig, not per process: the same alias from
/// folders under two tsconfigs resolves to each one's target, the same one from sibling folders
/// under one tsconfig to the same file, and a relative specifier is still per folder.
#[test]
fn memoised_resolution_keeps_what_depends_on_the_importing_folder() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "apps/a/tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }"#,
    );
    write(
        r,
        "apps/b/tsconfig.json",
        r#"{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["./lib/*"] } } }"#,
    );
    write(r, "apps/a/src/x.ts", "");
    write(r, "apps/a/src/deep/y.ts", "");
    write(r, "apps/a/src/deep/util.ts", "");
    write(r, "apps/a/src/util.ts", "");
    write(r, "apps/b/lib/x.ts", "");
    write(r, "apps/b/main.ts", "");
    write(r, "apps/b/shared/z.ts", "");
    write(r, "top.ts", "");
    let ws = Workspace::load(r);
    // the same alias, twice from each side, in both orders
    for _ in 0..2 {
        assert_eq!(
            ws.resolve_ts("apps/a/src/x.ts", "@/x"),
            file("apps/a/src/x.ts")
        );
        assert_eq!(
            ws.resolve_ts("apps/b/main.ts", "@/x"),
            file("apps/b/lib/x.ts")
        );
        assert_eq!(
            ws.resolve_ts("apps/a/src/deep/y.ts", "@/x"),
            file("apps/a/src/x.ts")
        );
    }
    // baseUrl: bare names below it, only where that tsconfig applies
    assert_eq!(
        ws.resolve_ts("apps/b/main.ts", "shared/z"),
        file("apps/b/shared/z.ts")
    );
    assert_eq!(
        ws.resolve_ts("apps/a/src/x.ts", "shared/z"),
        Target::Package {
            name: "shared".into(),
            dir: None
        }
    );
    // no tsconfig at all (the root file): the alias is a package name
    assert_eq!(
        ws.resolve_ts("top.ts", "@/x"),
        Target::Package {
            name: "@/x".into(),
            dir: None
        }
    );
    // relative: per folder, not per tsconfig
    assert_eq!(
        ws.resolve_ts("apps/a/src/x.ts", "./util"),
        file("apps/a/src/util.ts")
    );
    assert_eq!(
        ws.resolve_ts("apps/a/src/deep/y.ts", "./util"),
        file("apps/a/src/deep/util.ts")
    );
    assert_eq!(
        ws.resolve_ts("apps/b/main.ts", "./util"),
        Target::Unresolved
    );
    // a query does not make a relative specifier bare
    assert_eq!(
        ws.resolve_ts("apps/a/src/deep/y.ts", "./util?raw"),
        file("apps/a/src/deep/util.ts")
    );
    assert!(is_bare("@/x") && is_bare("react/jsx-runtime") && is_bare("virtual:pwa"));
    assert!(!is_bare("./x") && !is_bare("../x") && !is_bare(".") && !is_bare("/abs"));
    assert!(!is_bare("?raw") && !is_bare(".."));
}

/// zellij: `client_server_contract/mod.rs` is one `include!` of prost output kept in
/// `assets/prost_ipc/`, whose own `super::x::Y` paths belong to the including module.
/// `pub use self::index_documents::{request_threads, *};` re-exports every item of the module
/// through a bare `*` in the list (meilisearch's `milli::update`); a list without one does not.
#[test]
fn rust_a_bare_glob_in_a_use_list_reexports() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[package]\nname = \"milli\"\n");
    write(
        r,
        "src/lib.rs",
        "pub mod update;\npub mod other;\nmod user;\n",
    );
    write(
        r,
        "src/update/mod.rs",
        "mod index_documents;\npub use self::index_documents::{request_threads, *};\n",
    );
    write(
        r,
        "src/other/mod.rs",
        "mod index_documents;\npub use self::index_documents::{request_threads};\nfn f(a: u8, b: u8) -> u8 { a * b }\n",
    );
    write(
        r,
        "src/update/index_documents.rs",
        "pub fn request_threads() {}\npub struct GrenadParameters;\n",
    );
    write(
        r,
        "src/other/index_documents.rs",
        "pub fn request_threads() {}\npub struct GrenadParameters;\n",
    );
    write(r, "src/user.rs", "use crate::update::GrenadParameters;\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("src/user.rs", &seg("crate::update::GrenadParameters")),
        file("src/update/mod.rs")
    );
    // near-miss: the list names `request_threads` only, and `a * b` is no glob
    assert_eq!(
        ws.resolve_rust("src/user.rs", &seg("crate::other::GrenadParameters")),
        Target::Unresolved
    );
}

#[test]
fn rust_included_generated_code_is_not_unresolved() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "Cargo.toml", "[workspace]\nmembers = [\"utils\"]\n");
    write(r, "utils/Cargo.toml", "[package]\nname = \"utils\"\n");
    write(
        r,
        "utils/src/lib.rs",
        "pub mod contract;\npub mod ipc;\npub mod plain;\n",
    );
    write(
        r,
        "utils/src/contract/mod.rs",
        "include!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/assets/prost/generated_api.rs\"));\n",
    );
    write(r, "utils/src/plain.rs", "pub struct Other;\n");
    write(
        r,
        "utils/assets/prost/generated_api.rs",
        "// This file is @generated by prost-build.\npub mod contract { pub struct Size { pub f: super::file::File } }\n",
    );
    write(
        r,
        "utils/src/ipc.rs",
        "use crate::contract::contract::Size;\n",
    );
    let ws = Workspace::load(r);
    // an item of the included file, through the module that includes it
    assert_eq!(
        ws.resolve_rust("utils/src/ipc.rs", &seg("crate::contract::contract::Size")),
        file("utils/src/contract/mod.rs")
    );
    // the included file's own paths stay in the crate
    assert_eq!(
        ws.resolve_rust(
            "utils/assets/prost/generated_api.rs",
            &seg("super::file::File")
        ),
        file("utils/assets/prost/generated_api.rs")
    );
    // near-misses: a module without `include!` that does not have the item, and a file
    // outside every crate's folder
    assert_eq!(
        ws.resolve_rust("utils/src/ipc.rs", &seg("crate::plain::Size")),
        Target::Unresolved
    );
    write(r, "scripts/gen.rs", "use super::x::Y;\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust("scripts/gen.rs", &seg("super::x::Y")),
        Target::Unresolved
    );
}

/// atuin: `control/mod.rs` is `tonic::include_proto!("control")` (tonic's build output, like
/// `include!`), and `vendor/axoasset` is a crate only the root's `[patch.crates-io]` names by
/// path (its own `crate::error::Result` is inside it).
#[test]
fn rust_build_output_macros_and_root_path_crates_resolve() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\"]\n\n[workspace.dependencies]\nshared = { path = \"libs/shared\" }\nserde = \"1\"\n\n[patch.crates-io]\naxoasset = { path = \"vendor/axoasset\" }\ngone = { path = \"vendor/gone\" }\n",
    );
    write(
        r,
        "crates/daemon/Cargo.toml",
        "[package]\nname = \"daemon\"\n",
    );
    write(
        r,
        "crates/daemon/src/lib.rs",
        "pub mod control;\npub mod client;\npub mod plain;\n",
    );
    write(
        r,
        "crates/daemon/src/control/mod.rs",
        "mod service;\ntonic::include_proto!(\"control\");\n",
    );
    write(
        r,
        "crates/daemon/src/plain.rs",
        "pub fn include_helper() {}\nmy_include!(x);\n",
    );
    write(
        r,
        "crates/daemon/src/client.rs",
        "use crate::control::control_client::ControlClient;\n",
    );
    write(
        r,
        "vendor/axoasset/Cargo.toml",
        "[package]\nname = \"axoasset\"\n",
    );
    write(
        r,
        "vendor/axoasset/src/lib.rs",
        "pub mod error;\npub mod local;\n",
    );
    write(
        r,
        "vendor/axoasset/src/error.rs",
        "pub type Result<T> = std::result::Result<T, ()>;\n",
    );
    write(
        r,
        "vendor/axoasset/src/local.rs",
        "use crate::error::Result;\n",
    );
    write(
        r,
        "libs/shared/Cargo.toml",
        "[package]\nname = \"shared\"\n",
    );
    write(r, "libs/shared/src/lib.rs", "pub mod a;\n");
    write(r, "libs/shared/src/a.rs", "use crate::b::B;\n");
    let ws = Workspace::load(r);
    assert_eq!(
        ws.resolve_rust(
            "crates/daemon/src/client.rs",
            &seg("crate::control::control_client::ControlClient")
        ),
        file("crates/daemon/src/control/mod.rs")
    );
    assert_eq!(
        ws.resolve_rust("vendor/axoasset/src/local.rs", &seg("crate::error::Result")),
        file("vendor/axoasset/src/error.rs")
    );
    assert!(ws.is_workspace_crate("axoasset") && ws.is_workspace_crate("shared"));
    // near-misses: a function or macro merely named like `include` holds nothing unnamed; a
    // patch path that holds no crate is not one; a missing module in a path crate stays
    // unresolved
    assert_eq!(
        ws.resolve_rust("crates/daemon/src/client.rs", &seg("crate::plain::Missing")),
        Target::Unresolved
    );
    assert!(!ws.is_workspace_crate("gone"));
    assert_eq!(
        ws.resolve_rust("libs/shared/src/a.rs", &seg("crate::b::B")),
        Target::Unresolved
    );
}

/// openstatus's web app maps `"*": ["./*"]` next to `"@/*"`: `react` is not a file of the app,
/// so it is the package, as TypeScript falls back to node_modules.
#[test]
fn catch_all_paths_fall_back_to_packages() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "package.json", "{ \"name\": \"root\" }\n");
    write(
        r,
        "apps/web/tsconfig.json",
        "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"], \"*\": [\"./*\"] } } }",
    );
    // openstatus's server maps one import of a package onto its types in node_modules
    write(
        r,
        "apps/server/tsconfig.json",
        "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"], \"@mcp/sdk/types.js\": [\"./node_modules/@mcp/sdk/dist/types.d.ts\"] } } }",
    );
    write(r, "apps/server/src/a.ts", "export {};\n");
    write(r, "apps/web/src/page.tsx", "export {};\n");
    write(r, "apps/web/src/lib/a.ts", "export {};\n");
    write(r, "apps/web/env.ts", "export {};\n");
    let ws = Workspace::load(r);
    let from = "apps/web/src/page.tsx";
    assert_eq!(
        ws.resolve_ts(from, "react"),
        Target::Package {
            name: "react".to_string(),
            dir: None
        }
    );
    assert_eq!(
        ws.resolve_ts(from, "next/navigation"),
        Target::Package {
            name: "next".to_string(),
            dir: None
        }
    );
    // what the catch-all finds is a file of the app
    assert_eq!(ws.resolve_ts(from, "env"), file("apps/web/env.ts"));
    assert_eq!(
        ws.resolve_ts(from, "@/lib/a"),
        file("apps/web/src/lib/a.ts")
    );
    assert_eq!(
        ws.resolve_ts("apps/server/src/a.ts", "@mcp/sdk/types.js"),
        Target::Package {
            name: "@mcp/sdk".to_string(),
            dir: None
        }
    );
    // near-misses: an alias with a prefix that points nowhere stays unresolved, in both apps
    assert_eq!(ws.resolve_ts(from, "@/lib/missing"), Target::Unresolved);
    assert_eq!(
        ws.resolve_ts("apps/server/src/a.ts", "@/missing"),
        Target::Unresolved
    );
}

/// The nearest tsconfig is memoised for every folder on the way up: a folder with its own
/// tsconfig below one already walked through keeps its own, whatever order files ask in.
#[test]
fn the_nearest_tsconfig_is_each_folders_own_whatever_the_order() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(
        r,
        "apps/a/tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }"#,
    );
    write(
        r,
        "apps/a/src/inner/tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./own/*"] } } }"#,
    );
    write(r, "apps/a/src/x.ts", "");
    write(r, "apps/a/src/deep/er/y.ts", "");
    write(r, "apps/a/src/inner/own/x.ts", "");
    write(r, "apps/a/src/inner/deep/q.ts", "");
    write(r, "tools/t.ts", "");
    let outer = || file("apps/a/src/x.ts");
    let inner = || file("apps/a/src/inner/own/x.ts");
    for order in [[0, 1, 2, 3], [3, 2, 1, 0], [1, 3, 0, 2]] {
        let ws = Workspace::load(r);
        for i in order {
            let (from, want) = match i {
                0 => ("apps/a/src/deep/er/y.ts", outer()),
                1 => ("apps/a/src/inner/deep/q.ts", inner()),
                2 => ("apps/a/src/x.ts", outer()),
                _ => ("apps/a/src/inner/own/x.ts", inner()),
            };
            assert_eq!(ws.resolve_ts(from, "@/x"), want, "{from} in {order:?}");
        }
        // no tsconfig on the way up to the root
        assert_eq!(
            ws.resolve_ts("tools/t.ts", "@/x"),
            Target::Package {
                name: "@/x".into(),
                dir: None
            }
        );
    }
}

/// logto: `src/package-json.ts` is written by a `prepare` script and gitignored beside it,
/// `src/db-entries/` is codegen output ignored by a rooted pattern, each package's `lib/` by the
/// root's `/packages/**/lib`, and an alias target by a root pattern: none is "unresolved" (the
/// build provides them). Near-misses: a missing file nobody ignores, and one a negation
/// (`!src/keep.ts`) takes back, stay unresolved.
#[test]
fn imports_of_gitignored_build_output_are_not_unresolved() {
    let d = tempfile::tempdir().unwrap();
    let r = d.path();
    write(r, "package.json", r#"{ "workspaces": ["packages/*"] }"#);
    write(
        r,
        ".gitignore",
        "node_modules\n/packages/**/lib\n/packages/console/src/consts/jwt-types.ts\n",
    );
    write(r, "packages/cli/package.json", r#"{ "name": "@acme/cli" }"#);
    write(
        r,
        "packages/cli/.gitignore",
        "src/package-json.ts\n/src/db-entries\nsrc/gen-*.ts\n!src/gen-keep.ts\n",
    );
    write(r, "packages/cli/src/a.ts", "");
    write(r, "packages/cli/bin/index.js", "");
    write(
        r,
        "packages/console/package.json",
        r#"{ "name": "console" }"#,
    );
    write(
        r,
        "packages/console/tsconfig.json",
        r#"{ "compilerOptions": { "paths": { "@/*": ["./src/*"] } } }"#,
    );
    write(r, "packages/console/src/page.tsx", "");
    let ws = Workspace::load(r);
    let generated = |t: &Target| matches!(t, Target::Package { .. });
    let from = "packages/cli/src/a.ts";
    for spec in ["./package-json.js", "./db-entries/user.js", "./gen-x.js"] {
        assert!(generated(&ws.resolve_ts(from, spec)), "{spec}");
    }
    assert!(generated(
        &ws.resolve_ts("packages/cli/bin/index.js", "../lib/index.js")
    ));
    assert!(generated(&ws.resolve_ts(
        "packages/console/src/page.tsx",
        "@/consts/jwt-types"
    )));
    // near-misses
    assert_eq!(ws.resolve_ts(from, "./missing.js"), Target::Unresolved);
    assert_eq!(ws.resolve_ts(from, "./gen-keep.js"), Target::Unresolved);
    assert_eq!(
        ws.resolve_ts("packages/console/src/page.tsx", "@/consts/other"),
        Target::Unresolved
    );
}
