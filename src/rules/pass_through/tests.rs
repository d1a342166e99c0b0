//! pass-through cases in the harness: chains across files (relative imports, barrels, Rust
//! module paths), single wrappers with `min_depth = 1`, forwarding classes and components, and
//! the wrappers that add something and must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

fn rule(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"pt\"\nkind = \"pass-through\"\nmessage = \"{{what}}\"\n{fields}\n"
    ))
}

#[test]
fn a_chain_across_files_is_one_finding_at_the_outermost_wrapper() {
    let mut t = rule("");
    let run = t.expect(
        &[
            ("src/ui/user.ts", "import { getUser } from \"../services/user\";\nexport async function fetchUser(id: string) {\n  return getUser(id);\n}\n"),
            ("src/services/user.ts", "import * as api from \"../api\";\nexport const getUser = (id: string) => api.apiGetUser(id);\n"),
            ("src/api/index.ts", "export { listUsers, apiGetUser } from \"./users\";\n"),
            ("src/api/users.ts", "import { http } from \"../http\";\nexport function apiGetUser(id: string) {\n  return http.get(`/users/${id}`);\n}\nexport const listUsers = (page: number) => http.get(\"/users\", page);\n"),
            ("src/http.ts", "export const http = { get: (u: string, p?: number) => fetch(u) };\n"),
        ],
        &[("src/ui/user.ts", 2, "pt")],
    );
    let f = &run.findings()[0];
    assert_eq!(
        f.message,
        "`fetchUser` → `getUser` → `api.apiGetUser`: 2 layers that add nothing"
    );
    assert_eq!(f.related.len(), 1);
    assert_eq!(f.related[0].file, "src/services/user.ts");
    // apiGetUser builds a URL (not a parameter passed on): the chain ends before it, and the
    // help names the module to import it from (the barrel)
    assert!(
        f.help
            .as_deref()
            .unwrap()
            .contains("Call `api.apiGetUser` (from `src/api/index.ts`)"),
        "{:?}",
        f.help
    );
}

#[test]
fn a_three_layer_chain_reaching_a_library() {
    let mut t = rule("");
    let run = t.expect(
        &[
            ("src/a.ts", "import { getUser } from \"./b\";\nexport const fetchUser = (id: string) => getUser(id);\n"),
            ("src/b.ts", "import { apiGetUser } from \"./c\";\nexport function getUser(id: string) { return apiGetUser(id); }\n"),
            ("src/c.ts", "import { http } from \"./http-client\";\nexport const apiGetUser = async (id: string) => await http.get(id);\n"),
            ("src/http-client.ts", "import axios from \"axios\";\nexport const http = axios.create();\n"),
        ],
        &[("src/a.ts", 2, "pt")],
    );
    assert_eq!(
        run.findings()[0].message,
        "`fetchUser` → `getUser` → `apiGetUser` → `http.get`: 3 layers that add nothing"
    );
    assert_eq!(run.findings()[0].related.len(), 2);
    // min_depth = 3 still reports it; 4 does not
    assert_eq!(rule("min_depth = 3").run(&[
        ("src/a.ts", "import { getUser } from \"./b\";\nexport const fetchUser = (id: string) => getUser(id);\n"),
        ("src/b.ts", "import { apiGetUser } from \"./c\";\nexport function getUser(id: string) { return apiGetUser(id); }\n"),
        ("src/c.ts", "export const apiGetUser = async (id: string) => await http.get(id);\n"),
    ]).found().len(), 1);
    assert!(rule("min_depth = 4").run(&[
        ("src/a.ts", "import { getUser } from \"./b\";\nexport const fetchUser = (id: string) => getUser(id);\n"),
        ("src/b.ts", "import { apiGetUser } from \"./c\";\nexport function getUser(id: string) { return apiGetUser(id); }\n"),
        ("src/c.ts", "export const apiGetUser = async (id: string) => await http.get(id);\n"),
    ]).found().is_empty());
}

#[test]
fn wrappers_that_add_something_break_the_chain() {
    let t = rule("");
    let inner = (
        "src/b.ts",
        "export const getUser = (id: string, opts?: object) => api.get(id, opts);\n",
    );
    for outer in [
        // a default
        "import { getUser } from \"./b\";\nexport const f = (id = \"me\") => getUser(id);\n",
        // validation
        "import { getUser } from \"./b\";\nexport function f(id: string) {\n  if (!id) throw new Error(\"id\");\n  return getUser(id);\n}\n",
        // logging
        "import { getUser } from \"./b\";\nexport function f(id: string) {\n  console.log(id);\n  return getUser(id);\n}\n",
        // catching
        "import { getUser } from \"./b\";\nexport async function f(id: string) {\n  try { return await getUser(id); } catch { return null; }\n}\n",
        // a type conversion
        "import { getUser } from \"./b\";\nexport const f = (id: number) => getUser(String(id));\nexport const g = (id: string) => getUser(id) as unknown as User;\n",
        // memoised, bound, a combinator, a dropped parameter
        "import { getUser } from \"./b\";\nexport const f = memoize((id: string) => getUser(id));\nexport const g = getUser.bind(null);\nexport const h = (fn: Function, id: string) => fn(id);\nexport const k = (id: string, extra: number) => getUser(id);\n",
        // only a constant: a named configuration
        "import { getUser } from \"./b\";\nexport const me = () => getUser(\"me\");\n",
    ] {
        let run = t.run(&[("src/a.ts", outer), inner]);
        assert!(run.found().is_empty(), "{outer}\n{:?}", run.found());
    }
}

#[test]
fn a_single_wrapper_needs_min_depth_1_and_one_importer() {
    let files = [
        (
            "src/b.ts",
            "export const getUser = (id: string) => api.get(id);\n",
        ),
        (
            "src/a.ts",
            "import { getUser } from \"./b\";\nexport const x = getUser(\"1\");\n",
        ),
    ];
    assert!(rule("").run(&files).found().is_empty());
    let mut t = rule("min_depth = 1");
    let run = t.expect(&files, &[("src/b.ts", 1, "pt")]);
    assert_eq!(
        run.findings()[0].message,
        "`getUser` only forwards to `api.get` and is imported in one place (by `src/a.ts`)"
    );
    // imported by two files: it is a shared helper
    let run = t.run(&[
        files[0],
        files[1],
        (
            "src/c.ts",
            "import { getUser } from \"./b\";\nexport const y = getUser(\"2\");\n",
        ),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn single_wrappers_that_bind_constants_or_hide_module_state_are_silent() {
    let mut t = rule("min_depth = 1");
    let user = ("src/a.ts", "import { archive, isKnown, verify } from \"./b\";\nexport const x = [archive(\"1\"), isKnown(\"d\"), verify(\"t\")];\n");
    let run = t.expect(
        &[
            user,
            ("src/b.ts", "import { post, check } from \"./c\";\nconst KNOWN = [\"a\"];\nexport const archive = (id: string) => post(id, \"archive\");\nexport const isKnown = (d: string) => KNOWN.includes(d);\nexport const verify = (t: string) => check(t);\n"),
            ("src/c.ts", "export const post = (id: string, verb: string) => fetch(id + verb);\nexport const check = (t: string) => t.length > 0;\n"),
        ],
        &[("src/b.ts", 5, "pt")],
    );
    assert_eq!(run.findings()[0].matched, "verify");
}

#[test]
fn a_rust_pub_use_is_a_re_export_not_a_use() {
    let files = [
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
        ("src/lib.rs", "mod b;\nmod c;\npub use crate::b::load;\n"),
        (
            "src/b.rs",
            "pub fn load(id: u64) -> u64 {\n    crate::c::fetch(id)\n}\n",
        ),
        ("src/c.rs", "pub fn fetch(id: u64) -> u64 { id + 1 }\n"),
    ];
    assert!(rule("min_depth = 1").run(&files).found().is_empty());
    // importing the module `park` is not a use of the method `park` in park.rs
    let files = [
        ("Cargo.toml", "[package]\nname = \"app\"\nversion = \"0.1.0\"\n"),
        ("src/lib.rs", "mod park;\nmod worker;\n"),
        ("src/park.rs", "pub fn park(n: u32) {\n    crate::worker::sleep(n)\n}\n"),
        ("src/worker.rs", "use crate::park;\npub fn sleep(n: u32) { let _ = n * 2; }\npub fn run() { park::park(1); }\n"),
    ];
    let found = rule("min_depth = 1").run(&files).found();
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn a_single_rust_wrapper_used_by_one_module() {
    let files = [
        (
            "Cargo.toml",
            "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
        ),
        ("src/lib.rs", "pub mod a;\npub mod b;\npub mod c;\n"),
        (
            "src/b.rs",
            "pub fn load(id: u64) -> u64 {\n    crate::c::fetch(id)\n}\n",
        ),
        ("src/c.rs", "pub fn fetch(id: u64) -> u64 { id + 1 }\n"),
        (
            "src/a.rs",
            "use crate::b::load;\npub fn run() -> u64 { load(1) + 2 }\n",
        ),
    ];
    assert!(rule("").run(&files).found().is_empty());
    let mut t = rule("min_depth = 1");
    t.expect(&files, &[("src/b.rs", 1, "pt")]);
    // a second module using it: a shared helper
    let mut more = files.to_vec();
    more[1] = (
        "src/lib.rs",
        "pub mod a;\npub mod b;\npub mod c;\npub mod d;\n",
    );
    more.push((
        "src/d.rs",
        "use crate::b::load;\npub fn again() -> u64 { load(3) * 2 }\n",
    ));
    assert!(t.run(&more).found().is_empty());
}

#[test]
fn components_that_only_render_another_component() {
    let mut t = rule("");
    t.expect(
        &[
            ("src/Card.tsx", "import { Panel } from \"./Panel\";\nexport const Card = (props: CardProps) => <Panel {...props} />;\n"),
            ("src/Panel.tsx", "import { Box } from \"@acme/ui\";\nexport function Panel({ title, children }: P) {\n  return <Box title={title} children={children} />;\n}\n"),
        ],
        &[("src/Card.tsx", 2, "pt")],
    );
    // near-misses: extra markup, a changed prop, an intrinsic element, children rendered
    let run = t.run(&[
        ("src/A.tsx", "import { Panel } from \"./Panel\";\nexport const A = (props: P) => <div><Panel {...props} /></div>;\nexport const B = (props: P) => <Panel {...props} size=\"lg\" onClose={() => 1} />;\nexport const C = (props: P) => <section {...props} />;\nexport const D = ({ a }: P) => <Panel a={a}>text</Panel>;\n"),
        ("src/Panel.tsx", "export const Panel = (props: P) => <Box {...props} />;\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn forwarding_classes_are_reported_at_their_name() {
    let mut t = rule("");
    let run = t.fail(
        "src/repo.ts",
        "export class UserRepo {\n  constructor(private db: Db) {}\n  get(id: string) { return this.db.get(id); }\n  list(page: number) { return this.db.list(page); }\n}\n",
        &[1],
    );
    assert_eq!(
        run.findings()[0].message,
        "class `UserRepo` only forwards its 2 methods to `this.db`"
    );
    // implements an interface, mixes fields, adds behaviour, one method
    t.pass("src/a.ts", "export class A implements Repo {\n  get(id: string) { return this.db.get(id); }\n  list(p: number) { return this.db.list(p); }\n}\n");
    t.pass("src/b.ts", "export class B {\n  get(id: string) { return this.db.get(id); }\n  list(p: number) { return this.cache.list(p); }\n}\n");
    t.pass("src/c.ts", "export class C {\n  get(id: string) { return this.db.get(id); }\n  list(p: number) { log(p); return this.db.list(p); }\n}\n");
    t.pass(
        "src/d.ts",
        "export class D {\n  get(id: string) { return this.db.get(id); }\n}\n",
    );
}

#[test]
fn rust_chains_through_module_paths_and_not_trait_impls() {
    let mut t = rule("");
    let cargo = (
        "Cargo.toml",
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
    );
    let lib = (
        "src/lib.rs",
        "pub mod api;\npub mod db;\npub mod service;\n",
    );
    let run = t.expect(
        &[
            cargo,
            lib,
            ("src/api.rs", "use crate::service::load_user;\npub async fn get_user(id: u64) -> User {\n    load_user(id).await\n}\n"),
            ("src/service.rs", "pub async fn load_user(id: u64) -> User {\n    crate::db::fetch_user(id, false).await\n}\n"),
            ("src/db.rs", "pub async fn fetch_user(id: u64, lock: bool) -> User {\n    sqlx::query(\"select\").bind(id).fetch(lock).await\n}\n"),
        ],
        &[("src/api.rs", 2, "pt")],
    );
    assert_eq!(
        run.findings()[0].message,
        "`get_user` → `load_user` → `crate::db::fetch_user`: 2 layers that add nothing"
    );
    // near-misses: a trait impl that forwards, `?` (converts the error), a borrow, a field
    let run = t.run(&[
        cargo,
        lib,
        ("src/api.rs", "use crate::service::load_user;\nimpl Repo for Api {\n    fn get(&self, id: u64) -> User { load_user(id) }\n}\npub fn a(id: u64) -> Result<User> { Ok(load_user(id)?) }\npub fn b(id: u64) -> Result<User> { load_user(id)? }\n"),
        ("src/service.rs", "pub fn load_user(id: u64) -> User {\n    crate::db::fetch_user(id)\n}\n"),
        ("src/db.rs", "pub fn fetch_user(id: u64) -> User { todo!() }\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn entry_points_and_package_entries_are_public_api() {
    let t = rule("");
    let run = t.run(&[
        ("app/settings/page.tsx", "import { Settings } from \"../../src/Settings\";\nexport default function Page(props: P) {\n  return <Settings {...props} />;\n}\n"),
        ("src/Settings.tsx", "export const Settings = (props: P) => <Form {...props} />;\n"),
        ("packages/sdk/package.json", "{\"name\":\"sdk\",\"exports\":{\".\":\"./dist/index.js\"}}"),
        ("packages/sdk/src/index.ts", "import { get } from \"./client\";\nexport const getUser = (id: string) => get(id);\n"),
        ("packages/sdk/src/client.ts", "export const get = (id: string) => http.get(id);\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn design_system_source_wraps_libraries() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Button\"]\n[[rule]]\nid = \"pt\"\nkind = \"pass-through\"\nmessage = \"{what}\"\n");
    let run = t.run(&[
        ("packages/ui/Button.tsx", "import { Base } from \"./Base\";\nexport const Button = (props: P) => <Base {...props} />;\n"),
        ("packages/ui/Base.tsx", "import * as R from \"@radix-ui/react-button\";\nexport const Base = (props: P) => <R.Root {...props} />;\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn min_depth_out_of_range_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("archdrift.toml");
    std::fs::write(
        &cfg,
        "[[rule]]\nid = \"pt\"\nkind = \"pass-through\"\nmessage = \"m\"\nmin_depth = 0\n",
    )
    .unwrap();
    let Err(err) = crate::config::load(&cfg) else {
        panic!("min_depth = 0 loads")
    };
    assert!(
        err[0].message.contains("between 1 and 8"),
        "{}",
        err[0].message
    );
}

#[test]
fn snapshot() {
    let mut t = rule("");
    t.expect(
        &[
            ("src/a.ts", "import { getUser } from \"./b\";\nexport const fetchUser = (id: string) => getUser(id);\n"),
            ("src/b.ts", "import { apiGetUser } from \"./c\";\nexport function getUser(id: string) { return apiGetUser(id); }\n"),
            ("src/c.ts", "export const apiGetUser = async (id: string) => await http.get(id);\n"),
        ],
        &[("src/a.ts", 2, "pt")],
    );
    insta::assert_snapshot!(t.snapshot());
}
