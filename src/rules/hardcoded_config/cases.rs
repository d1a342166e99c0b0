//! hardcoded-config cases in the harness: URLs, ports, timeouts, secrets and environment
//! names outside the config modules, values repeated across files as one cluster, and the
//! usual false positives that must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

fn config(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{{what}}\"\n{fields}\n"
    ))
}

#[test]
fn endpoints_and_timeouts_outside_the_config_module() {
    let t = config("allow_in = [\"src/config/**\"]");
    assert_eq!(
        t.lines(
            "src/api.ts",
            "const base = \"https://api.acme.io/v1\";\nconst ns = \"http://www.w3.org/2000/svg\";\n// see https://docs.acme.io\nsetTimeout(retry, 30000);\nconst n = 3;\n"
        ),
        vec![1, 4]
    );
    t.pass(
        "src/config/index.ts",
        "export const base = \"https://api.acme.io/v1\";\n",
    );
}

#[test]
fn secrets_are_masked() {
    let t = config("detectors = [\"secret\"]");
    let run = t.run(&[(
        "src/k.ts",
        "const key = \"AKIAIOSFODNN7EXAMPLE\";\nconst label = \"not a secret\";\n",
    )]);
    assert_eq!(run.found(), vec![("src/k.ts".into(), 1, "cfg".into())]);
    let f = &run.findings()[0];
    assert!(f.redact);
    assert!(!f.matched.contains("IOSFODNN7EXAMPLE"), "{}", f.matched);
}

#[test]
fn a_value_in_three_files_is_one_cluster() {
    let mut t = config("detectors = [\"url\"]\ncluster_min_files = 3");
    let src = "export const u = \"https://billing.acme.io\";\n";
    let run = t.expect(
        &[
            ("src/a.ts", src),
            ("src/b.ts", src),
            ("src/c.ts", src),
            ("src/d.ts", "export const v = \"https://other.acme.io\";\n"),
        ],
        &[("src/a.ts", 1, "cfg"), ("src/d.ts", 1, "cfg")],
    );
    let cluster = &run.findings()[0];
    assert_eq!(cluster.related.len(), 2);
    assert!(
        cluster.message.contains("appears 3 times in 3 files"),
        "{}",
        cluster.message
    );
    // two files are not enough: two single findings
    let run = t.run(&[("src/a.ts", src), ("src/b.ts", src)]);
    assert_eq!(run.found().len(), 2);
    assert!(run.findings().iter().all(|f| f.related.is_empty()));
}

#[test]
fn snapshot() {
    let mut t = config("allow_in = [\"src/config/**\"]");
    t.fail(
        "src/client.ts",
        "export const client = new Client({ url: \"https://api.acme.io\", port: 8443 });\n",
        &[1, 1],
    );
    insta::assert_snapshot!(t.snapshot());
}
