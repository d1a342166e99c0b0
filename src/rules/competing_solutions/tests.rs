//! competing-solutions cases in the harness: the split without a choice, every other
//! alternative with `chosen`, per package, Rust crates, and the usages that must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

fn rule(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"cs\"\nkind = \"competing-solutions\"\nmessage = \"{{what}}\"\nadr = {{ id = \"ADR-0012\", title = \"One library per concern\" }}\n{fields}\n"
    ))
}

const AXIOS: &str =
    "import axios from \"axios\";\nexport const get = (u: string) => axios.get(u);\n";
const FETCH: &str =
    "export async function load(u: string) {\n  const r = await fetch(u);\n  return r.json();\n}\n";
const KY: &str = "import ky from \"ky\";\nexport const k = (u: string) => ky.get(u).json();\n";

#[test]
fn minority_usages_are_findings_with_the_split() {
    let mut t = rule("");
    let run = t.expect(
        &[
            ("src/a.ts", AXIOS),
            ("src/b.ts", AXIOS),
            ("src/c.ts", AXIOS),
            ("src/d.ts", FETCH),
            ("src/e.ts", KY),
        ],
        &[("src/d.ts", 2, "cs"), ("src/e.ts", 1, "cs")],
    );
    let f = &run.findings()[0];
    assert_eq!(
        f.message,
        "3 HTTP clients: axios in 3 files, ky in 1, fetch() in 1"
    );
    assert_eq!(f.matched, "fetch()");
    assert_eq!(f.related.len(), 4, "{:?}", f.related);
    let help = f.help.as_deref().unwrap();
    assert!(
        help.contains("most of the code uses `axios`") && help.contains("ADR-0012"),
        "{help}"
    );
    // two alternatives in one file each: the earlier in the catalogue is the majority
    let run = t.run(&[("src/a.ts", AXIOS), ("src/e.ts", KY)]);
    assert_eq!(run.found(), vec![("src/e.ts".into(), 1, "cs".into())]);
}

#[test]
fn one_alternative_everywhere_is_silent() {
    let t = rule("");
    let run = t.run(&[("src/a.ts", AXIOS), ("src/b.ts", AXIOS)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // near-misses: a type-only import, a local `fetch`, an imported `fetch`, a package whose
    // name only starts like an alternative
    let run = t.run(&[
        ("src/a.ts", AXIOS),
        (
            "src/t.ts",
            "import type { AxiosError } from \"ky\";\nimport { type Options } from \"got\";\n",
        ),
        (
            "src/l.ts",
            "function fetch(x: number) { return x; }\nexport const y = fetch(1);\n",
        ),
        (
            "src/n.ts",
            "import fetch from \"axios\";\nexport const z = fetch(\"/u\");\n",
        ),
        (
            "src/r.ts",
            "import retry from \"axios-retry\";\nimport kyx from \"kyx\";\n",
        ),
        ("src/m.ts", "export const q = api.fetch(\"/u\");\n"),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn chosen_makes_every_other_alternative_a_finding() {
    let mut t = rule("chosen = [\"axios\"]\nallow_in = [\"src/lib/**\"]");
    let run = t.expect(
        &[
            ("src/lib/http.ts", AXIOS),
            ("src/lib/raw.ts", FETCH),
            ("src/features/a/page.ts", FETCH),
            ("src/features/a/more.ts", "const k = require(\"ky\");\n"),
        ],
        &[
            ("src/features/a/more.ts", 1, "cs"),
            ("src/features/a/page.ts", 2, "cs"),
        ],
    );
    let f = &run.findings()[1];
    assert_eq!(
        f.message,
        "`fetch()` where the ADR chose `axios` for HTTP clients"
    );
    assert_eq!(
        f.help.as_deref(),
        Some("Use `axios` instead, as `src/lib/http.ts` already does.")
    );
    // nothing uses the choice yet: still findings
    let run = t.run(&[("src/x.ts", KY)]);
    assert_eq!(run.found().len(), 1);
    assert!(run.findings()[0]
        .help
        .as_deref()
        .unwrap()
        .contains("nothing uses it yet"));
}

#[test]
fn per_package_counts_each_package_apart() {
    let mut t = rule("per = \"package\"");
    t.expect(
        &[
            ("apps/web/package.json", "{\"name\":\"web\"}"),
            ("apps/web/a.ts", AXIOS),
            ("apps/web/b.ts", AXIOS),
            ("apps/web/c.ts", KY),
            ("apps/api/package.json", "{\"name\":\"api\"}"),
            ("apps/api/a.ts", KY),
            ("apps/api/b.ts", KY),
        ],
        &[("apps/web/c.ts", 1, "cs")],
    );
    // the same files counted over the repository: ky is the majority (3 files to 2)
    let run = rule("").run(&[
        ("apps/web/a.ts", AXIOS),
        ("apps/web/b.ts", AXIOS),
        ("apps/web/c.ts", KY),
        ("apps/api/a.ts", KY),
        ("apps/api/b.ts", KY),
    ]);
    assert_eq!(
        run.found(),
        vec![
            ("apps/web/a.ts".into(), 1, "cs".into()),
            ("apps/web/b.ts".into(), 1, "cs".into())
        ]
    );
}

#[test]
fn own_concerns_and_suffix_patterns() {
    let mut t = rule(
        "catalogue = false\nconcerns = { styling = [\"styled-components\", \"emotion = @emotion/*\", \"*.module.css\"] }",
    );
    t.expect(
        &[
            ("src/a.tsx", "import styled from \"styled-components\";\n"),
            ("src/b.tsx", "import s from \"./b.module.css\";\n"),
            ("src/c.tsx", "import s from \"./c.module.css\";\n"),
            ("src/d.tsx", "import { css } from \"@emotion/react\";\n"),
            (
                "src/e.ts",
                "import axios from \"axios\";\nimport ky from \"ky\";\n",
            ),
        ],
        &[("src/a.tsx", 1, "cs"), ("src/d.tsx", 1, "cs")],
    );
}

#[test]
fn rust_crates_by_use_and_path() {
    let mut t = rule("");
    t.expect(
        &[
            (
                "Cargo.toml",
                "[package]\nname = \"app\"\nversion = \"0.1.0\"\n",
            ),
            (
                "src/lib.rs",
                "pub mod a;\npub mod b;\npub mod c;\nmod time;\n",
            ),
            (
                "src/a.rs",
                "use tracing::info;\npub fn f() { info!(\"x\"); }\n",
            ),
            ("src/b.rs", "pub fn g() { tracing::warn!(\"y\"); }\n"),
            (
                "src/c.rs",
                "use log::debug;\npub fn h() -> anyhow::Result<()> { debug!(\"z\"); Ok(()) }\n",
            ),
            // a module of the crate named like a crate is not the crate
            ("src/time.rs", "pub fn now() {}\n"),
            (
                "src/d.rs",
                "use crate::time;\npub fn k() { time::now(); chrono_like::x(); }\n",
            ),
        ],
        &[("src/c.rs", 1, "cs")],
    );
}

#[test]
fn excluded_test_code_is_silent() {
    let t = rule("tests = \"exclude\"");
    let run = t.run(&[
        ("src/a.ts", AXIOS),
        ("src/b.ts", AXIOS),
        ("src/a.test.ts", KY),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn config_errors_point_at_the_field() {
    let cases = [
        ("chosen = [\"axois\"]", "did you mean `axios`?"),
        ("per = \"team\"", "unknown value `team`"),
        ("catalogue = false", "needs `concerns`"),
        (
            "concerns = { http = [\"axios\"] }",
            "at least two alternatives",
        ),
        (
            "concerns = { http = [\"axios\", \"tailwind (className)\"] }",
            "an alternative is",
        ),
        ("chosen = [\"axios\", \"ky\"]", "already chose `axios`"),
    ];
    for (fields, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("archdrift.toml");
        std::fs::write(
            &cfg,
            format!("[[rule]]\nid = \"cs\"\nkind = \"competing-solutions\"\nmessage = \"m\"\n{fields}\n"),
        )
        .unwrap();
        let err = crate::config::load(&cfg)
            .err()
            .unwrap_or_else(|| panic!("{fields} loads"));
        let text = format!("{} {:?}", err[0].message, err[0].help);
        assert!(text.contains(want), "{fields}: {text}");
    }
}

#[test]
fn snapshot() {
    let mut t = rule("");
    t.expect(
        &[
            ("src/a.ts", AXIOS),
            ("src/b.ts", AXIOS),
            ("src/d.ts", FETCH),
        ],
        &[("src/d.ts", 2, "cs")],
    );
    let mut c = rule("chosen = [\"dayjs\"]");
    c.expect(
        &[
            ("src/a.ts", "import dayjs from \"dayjs\";\n"),
            ("src/b.ts", "import { format } from \"date-fns\";\n"),
        ],
        &[("src/b.ts", 1, "cs")],
    );
    insta::assert_snapshot!(format!("{}\n----\n{}", t.snapshot(), c.snapshot()));
}
