//! `competing-solutions`, `pass-through` and the design-system adoption number on
//! `fixtures/drift-patterns`: every finding of its EXPECTED.md and no near-miss, the adoption
//! share in the JSON summary, and both kinds in `rules` and `explain`.

mod common;

use common::{check_expected, fixture, run};

#[test]
fn drift_patterns_fixture_matches_expected() {
    let v = check_expected("drift-patterns");
    let a = &v["summary"]["design_system_adoption"];
    assert_eq!(a["total"]["share"], 60.0, "{a}");
    assert_eq!(a["total"]["design_system"], 3);
    assert_eq!(a["total"]["raw_elements"], 2);
    assert_eq!(a["by_directory"]["apps/shop"]["share"], 60.0);
    let findings = v["findings"].as_array().unwrap();
    let chain = findings
        .iter()
        .find(|f| f["file"] == "apps/shop/src/features/orders/useOrder.ts")
        .unwrap();
    assert_eq!(chain["related"].as_array().unwrap().len(), 2);
    let date = findings
        .iter()
        .find(|f| f["file"] == "apps/shop/src/features/orders/date.ts")
        .unwrap();
    assert!(
        date["help"]
            .as_str()
            .unwrap()
            .contains("as `apps/shop/src/utils/format.ts` already does"),
        "{}",
        date["help"]
    );
}

#[test]
fn both_kinds_are_listed_and_explained() {
    let dir = fixture("drift-patterns");
    for kind in ["competing-solutions", "pass-through"] {
        let r = run(&dir, &["explain", kind]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(
            r.stdout.contains("What") && r.stdout.contains("Example"),
            "{}",
            r.stdout
        );
    }
    let r = run(&dir, &["rules"]);
    assert!(
        r.stdout.contains("patterns/one-library") && r.stdout.contains("arch/pass-through"),
        "{}",
        r.stdout
    );
}
