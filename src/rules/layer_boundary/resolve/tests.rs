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
    let seg = |s: &str| s.split("::").map(String::from).collect::<Vec<_>>();
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
