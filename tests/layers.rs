//! Layer boundaries on the fixture monorepo and Rust workspace, and their configuration errors.

mod common;

use common::{check_expected, fixture, git};

#[test]
fn layered_monorepo_matches_expected() {
    let v = check_expected("layered-monorepo");
    assert_eq!(
        v["summary"]["unresolved_imports"], 1,
        "counted once although two rules see it"
    );
    let cycle = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "shop/no-cycles")
        .unwrap();
    let related: Vec<&str> = cycle["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        related,
        vec![
            "packages/domain/src/money.ts",
            "packages/domain/src/rounding.ts"
        ]
    );
    let layer = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "packages/ui/src/OrderBadge.tsx")
        .unwrap();
    assert_eq!(layer["help"], "`ui` may import: domain");
    assert_eq!(layer["adr"]["id"], "ADR-0001");
}

#[test]
fn rust_workspace_matches_expected() {
    let v = check_expected("rust-workspace");
    let cycle = &v["findings"][0];
    assert_eq!(
        cycle["message"],
        "import cycle between layers: money → store → money"
    );
    assert_eq!(cycle["related"].as_array().unwrap().len(), 2);
}

#[test]
fn output_is_identical_for_any_thread_count() {
    let dir = fixture("layered-monorepo");
    let one = common::json_check(&dir, &["-j", "1"]);
    let many = common::json_check(&dir, &["-j", "5"]);
    assert_eq!(one, many);
}

#[test]
fn config_errors_point_into_the_rule() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("a.ts"), "import x from './b';\n").unwrap();
    let cases = [
        (
            "layers = { ui = [\"ui/**\"] }\nallow = [\"ui -> dbb\"]\n",
            "unknown layer `dbb`",
            6,
        ),
        (
            "layers = { ui = [\"ui/**\"] }\nallow = [\"ui to db\"]\n",
            "an edge is written `from -> to`",
            6,
        ),
        (
            "layers = { ui = [] }\nallow = []\n",
            "layer `ui` is empty",
            5,
        ),
        (
            "layers = { ui = [\"ui/**\"] }\n",
            "needs `allow`, `deny`, `isolate` or `cycles`",
            1,
        ),
        (
            "layers = { ui = [\"ui/**\"] }\ncycles = \"modules\"\n",
            "unknown value `modules` for `cycles`",
            6,
        ),
    ];
    for (fields, message, line) in cases {
        std::fs::write(
            d.path().join("archdrift.toml"),
            format!("[[rule]]\nid = \"l\"\nkind = \"layer-boundary\"\nmessage = \"m\"\n{fields}"),
        )
        .unwrap();
        let out = assert_cmd::Command::cargo_bin("archdrift")
            .unwrap()
            .arg("check")
            .current_dir(d.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
        assert!(err.contains(&format!("[archdrift.toml:{line}:")), "{err}");
    }
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Facts for the stages over all files (import edges, duplicate units) survive the cache: a warm
/// run reports the same cycles and clusters as a cold one.
#[test]
fn cross_file_findings_survive_the_cache() {
    for name in [
        "layered-monorepo",
        "rust-workspace",
        "duplicates",
        "react-monorepo",
        "rust-service",
    ] {
        let d = tempfile::tempdir().unwrap();
        copy_dir(&fixture(name), d.path());
        let cold = common::json_check(d.path(), &["--cache"]);
        assert!(d.path().join(".archdrift/cache").is_dir());
        let warm = common::json_check(d.path(), &["--cache"]);
        assert_eq!(cold["findings"], warm["findings"], "{name}");
        assert_eq!(
            cold["summary"]["unresolved_imports"], warm["summary"]["unresolved_imports"],
            "{name}"
        );
        assert_eq!(
            cold["findings"],
            common::json_check(d.path(), &[])["findings"],
            "{name}"
        );
    }
}

/// With `--changed-since`, a cycle that a changed file closes is still found, although the
/// other half of the cycle did not change; a finding only in unchanged files is not reported.
#[test]
fn changed_since_still_sees_the_whole_graph() {
    let d = tempfile::tempdir().unwrap();
    let root = d.path();
    std::fs::write(
        root.join("archdrift.toml"),
        "[[rule]]\nid = \"cycles\"\nkind = \"layer-boundary\"\nmessage = \"cycle\"\nlayers = { src = [\"src/**\"] }\ncycles = \"files\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("src")).unwrap();
    std::fs::write(root.join("src/a.ts"), "export const a = 1;\n").unwrap();
    std::fs::write(
        root.join("src/b.ts"),
        "import { a } from './a';\nexport const b = a;\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/c.ts"),
        "import { d } from './d';\nexport const c = d;\n",
    )
    .unwrap();
    std::fs::write(
        root.join("src/d.ts"),
        "import { c } from './c';\nexport const d = c;\n",
    )
    .unwrap();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "base"]);
    // close a second cycle by changing a.ts only
    std::fs::write(
        root.join("src/a.ts"),
        "import { b } from './b';\nexport const a = b;\n",
    )
    .unwrap();
    let v = common::json_check(root, &["--changed-since", "main"]);
    let msgs: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        msgs,
        vec!["import cycle between files: src/a.ts → src/b.ts → src/a.ts"],
        "{v}"
    );
    let all = common::json_check(root, &[]);
    assert_eq!(
        all["findings"].as_array().unwrap().len(),
        2,
        "the c ↔ d cycle is there too"
    );
}
