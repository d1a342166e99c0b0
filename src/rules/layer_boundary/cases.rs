//! layer-boundary cases in the harness: edges between layers (TS relative imports and
//! workspace packages, Rust module paths), isolated islands, cycles across files, and the
//! imports that must stay silent.

#![cfg(test)]

use super::{js_import_nodes, kind_ids, JS_KINDS, JS_WORDS};
use crate::lang::Lang;
use crate::rules::harness::Tester;

fn layers(extra: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"layers\"\nkind = \"layer-boundary\"\nmessage = \"`{{from}}` may not import `{{to}}`\"\nlayers = {{ ui = [\"src/ui/**\"], domain = [\"src/domain/**\"], db = [\"src/db/**\"] }}\nallow = [\"ui -> domain\", \"domain -> db\"]\n{extra}\n"
    ))
}

#[test]
fn ts_edges_between_layers() {
    let mut t = layers("");
    t.expect(
        &[
            ("src/ui/page.ts", "import { q } from \"../db/query\";\nimport { m } from \"../domain/model\";\nimport x from \"react\";\n"),
            ("src/domain/model.ts", "import { q } from \"../db/query\";\nexport const m = q;\n"),
            ("src/db/query.ts", "export const q = 1;\n"),
        ],
        &[("src/ui/page.ts", 1, "layers")],
    );
}

#[test]
fn rust_module_paths_between_layers() {
    let mut t = layers("");
    t.expect(
        &[
            ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n"),
            ("src/lib.rs", "pub mod ui;\npub mod domain;\npub mod db;\n"),
            ("src/ui/mod.rs", "use crate::db::pool;\nuse crate::domain::Order;\npub fn f() { let _ = crate::db::pool::open(); }\n"),
            ("src/domain/mod.rs", "pub struct Order;\n"),
            ("src/db/mod.rs", "pub mod pool;\n"),
            ("src/db/pool.rs", "pub fn open() {}\n"),
        ],
        &[("src/ui/mod.rs", 1, "layers"), ("src/ui/mod.rs", 3, "layers")],
    );
}

#[test]
fn rust_paths_inside_inline_modules() {
    // tokio's `mod sys { use super::TcpListener; }`: `super` leaves the inline module first,
    // so the item is this file's; two supers from one inline module reach the parent module
    let mut t = layers("");
    t.expect(
        &[
            ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n"),
            ("src/lib.rs", "pub mod ui;\npub mod domain;\npub mod db;\n"),
            ("src/ui/mod.rs", "pub mod listener;\npub struct Shared;\n"),
            ("src/ui/listener.rs", "pub struct Listener;\nmod sys {\n    use super::Listener;\n    use self::inner::Deep;\n    mod inner {\n        pub struct Deep;\n        use super::super::Listener as L;\n    }\n    use super::super::Shared;\n    use super::super::super::db::pool;\n    fn f() { let _ = super::Listener; }\n}\n"),
            ("src/domain/mod.rs", "pub struct Order;\n"),
            ("src/db/mod.rs", "pub mod pool;\n"),
            ("src/db/pool.rs", "pub fn open() {}\n"),
        ],
        // the only finding: the path that leaves the inline module and the file for db
        &[("src/ui/listener.rs", 10, "layers")],
    );
}

#[test]
fn rust_names_bound_by_use_and_modules_seen_through_glob_chains() {
    let mut t = Tester::new(
        "[[rule]]\nid = \"crates\"\nkind = \"layer-boundary\"\nmessage = \"`{from}` uses `{to}`\"\nlayers = { ide = [\"crates/ide/**\"], ide_db = [\"crates/ide_db/**\"], base_db = [\"crates/base_db/**\"], parser = [\"crates/parser/**\"], paths = [\"crates/paths/**\"] }\nallow = [\"ide -> ide_db\", \"ide_db -> base_db\"]\n",
    );
    let manifest = |name: &str| format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n");
    let (ide, ide_db, base_db, parser, paths) = (
        manifest("ide"),
        manifest("ide_db"),
        manifest("base_db"),
        manifest("parser"),
        manifest("paths"),
    );
    t.expect(
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
            ("crates/ide/Cargo.toml", &ide),
            ("crates/ide_db/Cargo.toml", &ide_db),
            ("crates/base_db/Cargo.toml", &base_db),
            ("crates/parser/Cargo.toml", &parser),
            ("crates/paths/Cargo.toml", &paths),
            (
                "crates/base_db/src/lib.rs",
                "pub fn g() {}\npub struct Crate;\n",
            ),
            ("crates/ide_db/src/lib.rs", "pub use base_db;\n"),
            ("crates/paths/src/lib.rs", "pub fn p() {}\n"),
            // `base_db` here is ide_db's re-export, bound by `use`, plain or with `{self}`
            (
                "crates/ide/src/lib.rs",
                "mod a;\nmod b;\nmod c;\nuse ide_db::base_db;\nfn f() { base_db::g(); }\n",
            ),
            (
                "crates/ide/src/a.rs",
                "use ide_db::base_db::{self, Crate};\nfn f(_: base_db::Crate) {}\n",
            ),
            // near-miss: no such `use` in this file, so `base_db` is the crate itself
            ("crates/ide/src/b.rs", "fn f() { base_db::g(); }\n"),
            // near-miss: a glob does not bind the last name of its path
            (
                "crates/ide/src/c.rs",
                "use ide_db::base_db::*;\nfn f() { base_db::g(); }\n",
            ),
            // `paths` is grammar's module, seen from atom.rs through two `use super::*;`
            ("crates/parser/src/lib.rs", "mod grammar;\n"),
            (
                "crates/parser/src/grammar.rs",
                "mod expressions;\nmod paths;\n",
            ),
            ("crates/parser/src/grammar/paths.rs", "pub fn first() {}\n"),
            (
                "crates/parser/src/grammar/expressions.rs",
                "use super::*;\nmod atom;\n",
            ),
            (
                "crates/parser/src/grammar/expressions/atom.rs",
                "use super::*;\nfn f() { paths::first(); }\n",
            ),
        ],
        &[
            ("crates/ide/src/b.rs", 1, "crates"),
            ("crates/ide/src/c.rs", 2, "crates"),
        ],
    );
}

/// `use meilisearch_types::milli;` then `use milli::update::X;`: the second `use` goes through
/// the re-export the first one binds, not straight to the `milli` crate.
#[test]
fn rust_use_paths_through_a_name_another_use_binds() {
    let mut t = Tester::new(
        "[[rule]]\nid = \"crates\"\nkind = \"layer-boundary\"\nmessage = \"`{from}` uses `{to}`\"\nlayers = { app = [\"crates/app/**\"], types = [\"crates/types/**\"], milli = [\"crates/milli/**\"] }\nallow = [\"app -> types\", \"types -> milli\"]\n",
    );
    let manifest = |name: &str| format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n");
    let (app, types, milli) = (manifest("app"), manifest("types"), manifest("milli"));
    t.expect(
        &[
            ("Cargo.toml", "[workspace]\nmembers = [\"crates/*\"]\n"),
            ("crates/app/Cargo.toml", &app),
            ("crates/types/Cargo.toml", &types),
            ("crates/milli/Cargo.toml", &milli),
            ("crates/milli/src/lib.rs", "pub mod update;\n"),
            ("crates/milli/src/update.rs", "pub struct Settings;\n"),
            ("crates/types/src/lib.rs", "pub use milli;\n"),
            (
                "crates/app/src/lib.rs",
                "mod a;\nmod b;\nmod c;\nuse types::milli;\nuse milli::update::Settings;\n",
            ),
            // bound inside a list with `self`
            (
                "crates/app/src/a.rs",
                "use types::{heed, milli::{self, update}};\nuse milli::update::Settings;\n",
            ),
            // near-miss: nothing binds `milli` here, so the path is the crate itself
            ("crates/app/src/b.rs", "use milli::update::Settings;\n"),
            // near-miss: a glob binds no name of its own
            (
                "crates/app/src/c.rs",
                "use types::milli::*;\nuse milli::update::Settings;\n",
            ),
        ],
        &[
            ("crates/app/src/b.rs", 1, "crates"),
            ("crates/app/src/c.rs", 2, "crates"),
        ],
    );
}

#[test]
fn cycles_across_files_are_one_finding() {
    let t = Tester::new(
        "[[rule]]\nid = \"cycles\"\nkind = \"layer-boundary\"\nmessage = \"m\"\nlayers = { all = [\"src/**\"] }\ncycles = \"files\"\n",
    );
    let run = t.run(&[
        (
            "src/a.ts",
            "import { b } from \"./b\";\nexport const a = 1;\n",
        ),
        (
            "src/b.ts",
            "import { c } from \"./c\";\nexport const b = 1;\n",
        ),
        (
            "src/c.ts",
            "import { a } from \"./a\";\nexport const c = 1;\n",
        ),
        ("src/d.ts", "import { a } from \"./a\";\n"),
    ]);
    assert_eq!(run.found(), vec![("src/a.ts".into(), 1, "cycles".into())]);
    let f = &run.findings()[0];
    assert!(
        f.message
            .contains("src/a.ts → src/b.ts → src/c.ts → src/a.ts"),
        "{}",
        f.message
    );
    assert_eq!(f.related.len(), 3);
    // the near-miss: a chain without the closing import is no cycle
    let run = t.run(&[
        ("src/a.ts", "import { b } from \"./b\";\n"),
        (
            "src/b.ts",
            "import { c } from \"./c\";\nexport const b = 1;\n",
        ),
        ("src/c.ts", "export const c = 1;\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn isolated_islands() {
    let t = Tester::new(
        "[[rule]]\nid = \"islands\"\nkind = \"layer-boundary\"\nmessage = \"`{from}` imports `{to}`\"\nlayers = { features = [\"src/features/**\"] }\nisolate = [\"src/features/*\"]\n",
    );
    let run = t.run(&[
        (
            "src/features/cart/a.ts",
            "import { p } from \"../profile/p\";\nimport { c } from \"./c\";\n",
        ),
        ("src/features/cart/c.ts", "export const c = 1;\n"),
        ("src/features/profile/p.ts", "export const p = 1;\n"),
    ]);
    assert_eq!(
        run.found(),
        vec![("src/features/cart/a.ts".into(), 1, "islands".into())]
    );
    assert_eq!(run.findings()[0].message, "`cart` imports `profile`");
}

#[test]
fn snapshot() {
    let mut t = layers("help = \"See the layering ADR.\"\ncycles = \"layers\"");
    t.expect(
        &[
            ("src/ui/page.ts", "import { q } from \"../db/query\";\n"),
            (
                "src/db/query.ts",
                "import { p } from \"../ui/page\";\nexport const q = 1;\n",
            ),
        ],
        &[
            ("src/db/query.ts", 1, "layers"),
            ("src/db/query.ts", 1, "layers"),
            ("src/ui/page.ts", 1, "layers"),
        ],
    );
    insta::assert_snapshot!(t.snapshot());
}

#[test]
fn package_sub_path_entries_match_the_specifier() {
    // `@acme/lib` is shared; its `server-only` sub-paths are the server layer
    let mut t = Tester::new(
        "[[rule]]\nid = \"sub\"\nkind = \"layer-boundary\"\nmessage = \"`{from}` may not import `{to}`\"\nlayers = { ui = [\"src/ui/**\"], server = [\"@acme/lib/server-only/*\", \"@acme/db/internal\"], shared = [\"@acme/lib\"] }\ndeny = [\"ui -> server\"]\n",
    );
    t.expect(
        &[(
            "src/ui/page.ts",
            "import { q } from \"@acme/lib/server-only/db\";\nimport { h } from \"@acme/lib/hooks\";\nimport { l } from \"@acme/lib\";\nimport { i } from \"@acme/db/internal/pool\";\nimport { d } from \"@acme/db\";\nimport { s } from \"@acme/lib/server-only-ish\";\nimport { r } from \"@acme/db/internals\";\n",
        )],
        &[("src/ui/page.ts", 1, "sub"), ("src/ui/page.ts", 4, "sub")],
    );
}

#[test]
fn package_sub_path_entries_match_workspace_packages_resolved_to_files() {
    let mut t = Tester::new(
        "[[rule]]\nid = \"ws\"\nkind = \"layer-boundary\"\nmessage = \"`{from}` may not import `{to}`\"\nlayers = { ui = [\"apps/web/**\"], server = [\"@acme/lib/server/*\"] }\ndeny = [\"ui -> server\"]\n",
    );
    t.expect(
        &[
            ("package.json", "{ \"workspaces\": [\"packages/*\", \"apps/*\"] }\n"),
            ("packages/lib/package.json", "{ \"name\": \"@acme/lib\" }\n"),
            ("packages/lib/server/db.ts", "export const q = 1;\n"),
            ("packages/lib/client/x.ts", "export const x = 1;\n"),
            ("apps/web/package.json", "{ \"name\": \"web\" }\n"),
            (
                "apps/web/page.ts",
                "import { q } from \"@acme/lib/server/db\";\nimport { x } from \"@acme/lib/client/x\";\n",
            ),
        ],
        &[("apps/web/page.ts", 1, "ws")],
    );
}

#[test]
fn imports_nested_anywhere_are_found_and_look_alikes_stay_silent() {
    // the kind enters only the subtrees whose text holds `import`, `export` or `require`:
    // imports deep inside functions, JSX, classes and ambient modules are still checked
    let mut t = layers("");
    t.expect(
        &[
            (
                "src/ui/page.tsx",
                "export function Page() {\n  const load = async () => {\n    if (x) {\n      return (await import(\"../db/query\")).q;\n    }\n  };\n  return <div onClick={() => require(\"../db/query\")}>{load}</div>;\n}\nclass C {\n  m() { return [1].map(() => require(\"../db/query\")); }\n}\ndeclare module \"m\" {\n  export { q } from \"../db/query\";\n}\nexport * from \"../db/query\";\n",
            ),
            // look-alikes: not imports, whatever the words in them
            (
                "src/ui/near.ts",
                "// import x from \"../db/query\"\nconst s = \"require('../db/query')\";\nconst importer = (p: string) => p;\nimporter(\"../db/query\");\nobj.require(\"../db/query\");\nrequired(\"../db/query\");\nexport const exported = 1;\n",
            ),
            ("src/db/query.ts", "export const q = 1;\n"),
        ],
        &[
            ("src/ui/page.tsx", 4, "layers"),
            ("src/ui/page.tsx", 7, "layers"),
            ("src/ui/page.tsx", 10, "layers"),
            ("src/ui/page.tsx", 13, "layers"),
            ("src/ui/page.tsx", 15, "layers"),
        ],
    );
}

/// The pruned walk finds exactly the imports a walk over every node finds, in the same order.
#[test]
fn pruned_walk_finds_what_a_full_walk_finds() {
    use crate::lang::parse::parse;
    use crate::rules::syntax::js_import;
    let sources = [
        (Lang::TypeScript, "import a from \"a\";\nexport { b } from \"./b\";\nfunction f() { return import(\"./c\").then(() => require(\"d\")); }\nexport default class X { @dec() m() { require(`e`); } }\n"),
        (Lang::Tsx, "const A = () => <div>{require(\"./img.png\")}<B x={import(\"./x\")} /></div>;\nexport * as ns from \"./ns\";\nimport \"./side-effect\";\n"),
        (Lang::JavaScript, "module.exports = require(\"./m\");\nconst { x } = require(\"./n\"), y = require('./o');\nif (a) { import(\"./p\"); }\n/* import q from \"./q\" */\n"),
        (Lang::TypeScript, "import x = require(\"./legacy\");\nexport = x;\ndeclare module \"y\" { import z from \"./z\"; export { z }; }\nnamespace N { export const n = require(\"./n\"); }\n"),
        // broken code: the error recovery's tree, whatever it is, gives the same imports
        (Lang::TypeScript, "import { a from \"./a\";\nfunction (( { require(\"./b\") \nexport { c } from \"./c\"\n"),
        (Lang::TypeScript, "import a from \"./a\";\nclass { m( { const b = require(\"./b\"); }\nexport * from \"./c\"\n"),
        (Lang::Tsx, "<div>{import(\"./a\")</div>\nexport from \"./b\";\nconst x = require(\"./c\"\n"),
        // words in a string, a comment and a name between imports, the last import deep in
        // the last statement, code after it (the walk climbs out and ends after the last word)
        (Lang::TypeScript, "import a from \"./a\";\nconst s = \"import\"; // export\nfunction f() { const exported = 1; if (x) { g(); } }\nclass C { m() { if (y) { for (;;) { return require(\"./deep\"); } } } n() {} }\nconst z = 1;\nlet w = [1, 2, 3];\n"),
        (Lang::Tsx, "const A = () => (<div><span>{x}</span><p>{require(\"./one\")}</p><b /></div>);\nconst B = 2;\nexport const C = () => <i>{import(\"./two\")}</i>;\nconst D = [<a key=\"1\" />];\n"),
    ];
    let words: Vec<_> = JS_WORDS.iter().map(memchr::memmem::Finder::new).collect();
    for (n, (lang, src)) in sources.into_iter().enumerate() {
        let tree = parse(lang, src).unwrap();
        let mut all = Vec::new();
        let mut cursor = tree.walk();
        'walk: loop {
            let n = cursor.node();
            if JS_KINDS.contains(&n.kind()) {
                if let Some(i) = js_import(n, src) {
                    all.push((n.id(), i.specifier, i.start));
                }
            }
            if cursor.goto_first_child() {
                continue;
            }
            while !cursor.goto_next_sibling() {
                if !cursor.goto_parent() {
                    break 'walk;
                }
            }
        }
        let kinds = kind_ids(lang, JS_KINDS);
        let pruned: Vec<_> = js_import_nodes(tree.root_node(), src, &words, &kinds)
            .into_iter()
            .filter_map(|n| js_import(n, src).map(|i| (n.id(), i.specifier, i.start)))
            .collect();
        // (broken code may hold no import tree-sitter recognises)
        assert!((4..7).contains(&n) || !all.is_empty(), "{src}");
        assert_eq!(pruned, all, "{src}");
    }
}

/// A Rust file no `mod` declares is not compiled (meilisearch's stale `mock_analytics.rs`,
/// nushell's `encode_decode/` folder without a `mod.rs`; the seed-1609 readers: true, but the
/// fix is deleting a dead file): its unresolved paths are not reported. Near-misses that stay
/// reported: the same path in a declared module, in a declared `mod.rs` folder, and in a file
/// of a declared folder's declared child.
#[test]
fn an_orphaned_rust_files_paths_are_not_drift() {
    let t = layers("");
    let run = t.run(&[
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
        ("src/lib.rs", "pub mod ui;\npub mod db;\n"),
        // a declaration commented out (wezterm's `// mod frame;`) declares nothing
        (
            "src/ui/mod.rs",
            "pub mod live;\n// mod stale;\n/// see `mod gone;` in the docs\n",
        ),
        ("src/ui/live.rs", "use super::Missing;\n"),
        ("src/ui/stale.rs", "use super::Missing;\n"),
        ("src/ui/gone/a.rs", "use super::Missing;\n"),
        ("src/db.rs", "mod pool;\n"),
        ("src/db/pool.rs", "use crate::nothing::Here;\n"),
        ("src/db/old.rs", "use crate::nothing::Here;\n"),
    ]);
    let got: Vec<(String, usize)> = run.found().into_iter().map(|(f, l, _)| (f, l)).collect();
    assert_eq!(
        got,
        vec![
            ("src/db/pool.rs".to_string(), 1),
            ("src/ui/live.rs".to_string(), 1)
        ]
    );
}

/// medusa's docs generator (`moduleResolution: node16`) imports `../../types/index.js`, and
/// only `types/index.d.ts` exists: TypeScript resolves a `.js` specifier to the `.ts`, `.tsx`
/// or `.d.ts` beside it (`.mjs` to `.mts`/`.d.mts`, `.cjs` to `.cts`/`.d.cts`); it was reported
/// unresolved. Near-miss: a `.js` specifier with no file of any of those names stays unresolved.
#[test]
fn a_js_specifier_resolves_to_its_declaration_file() {
    let t = layers("");
    let run = t.run(&[
        (
            "src/ui/page.ts",
            "import { T } from \"../domain/types.js\";\nimport { M } from \"../domain/m.mjs\";\nimport { U } from \"../domain/none.js\";\n",
        ),
        ("src/domain/types.d.ts", "export type T = 1;\n"),
        ("src/domain/m.d.mts", "export type M = 1;\n"),
    ]);
    let got: Vec<(String, usize)> = run.found().into_iter().map(|(f, l, _)| (f, l)).collect();
    assert_eq!(got, vec![("src/ui/page.ts".to_string(), 3)]);
}

/// openpanel's Nuxt SDK imports `#app` (Nuxt's built-in alias); the resolver cut every
/// specifier at `#` as if it were a fragment, and `#app` became an empty, unresolved path (a
/// seed-2100 reader's N). A `#` specifier is a subpath import or a framework alias; a tsconfig
/// path for it still maps it to its file. Near-miss: a relative import of no file stays
/// unresolved.
#[test]
fn a_hash_specifier_is_an_alias_not_a_fragment() {
    let t = layers("");
    let run = t.run(&[
        (
            "tsconfig.json",
            "{ \"compilerOptions\": { \"paths\": { \"#db/*\": [\"./src/db/*\"] } } }\n",
        ),
        (
            "src/ui/page.ts",
            "import { useNuxtApp } from \"#app\";\nimport { q } from \"#db/query\";\nimport { U } from \"../domain/none\";\n",
        ),
        ("src/db/query.ts", "export const q = 1;\n"),
    ]);
    let got: Vec<(String, usize)> = run.found().into_iter().map(|(f, l, _)| (f, l)).collect();
    // `#db/query` resolves to src/db and ui -> db is not allowed: reported as a layer edge
    assert_eq!(
        got,
        vec![
            ("src/ui/page.ts".to_string(), 2),
            ("src/ui/page.ts".to_string(), 3)
        ]
    );
}
