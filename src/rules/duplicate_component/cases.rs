//! duplicate-component cases in the harness: near-copies across files reported as one cluster,
//! and look-alikes (same shape, different structure; too small) that must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

fn dups() -> Tester {
    Tester::new(
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{match}` is a near-copy\"\nmin_tokens = 30\n",
    )
}

const CARD: &str = "export function UserCard({ user, onSelect }) {\n  const label = user.name ?? \"unknown\";\n  return (\n    <div className=\"card\" onClick={() => onSelect(user.id)}>\n      <h3>{label}</h3>\n      <p>{user.email}</p>\n      <span>{user.role}</span>\n    </div>\n  );\n}\n";

#[test]
fn near_copies_across_files_are_one_cluster() {
    let copy = CARD
        .replace("UserCard", "MemberCard")
        .replace("user", "member");
    let mut t = dups();
    let run = t.expect(
        &[
            ("src/a/UserCard.tsx", CARD),
            ("src/b/MemberCard.tsx", &copy),
        ],
        &[("src/a/UserCard.tsx", 1, "dup")],
    );
    let f = &run.findings()[0];
    assert_eq!(f.related.len(), 1);
    assert_eq!(f.related[0].file, "src/b/MemberCard.tsx");
}

#[test]
fn different_structure_and_tiny_components_stay_silent() {
    let other = "export function Stats({ items }) {\n  const total = items.reduce((a, b) => a + b.count, 0);\n  if (!total) return null;\n  return <table><tbody>{items.map((i) => <tr key={i.id}><td>{i.count}</td></tr>)}</tbody></table>;\n}\n";
    let t = dups();
    let run = t.run(&[("src/a/UserCard.tsx", CARD), ("src/b/Stats.tsx", other)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    let tiny = "export const A = () => <b>x</b>;\n";
    let run = t.run(&[("src/a.tsx", tiny), ("src/b.tsx", tiny)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn snapshot() {
    let mut t = dups();
    let copy = CARD.replace("UserCard", "PersonCard");
    t.expect(
        &[
            ("src/a/UserCard.tsx", CARD),
            ("src/b/PersonCard.tsx", &copy),
        ],
        &[("src/a/UserCard.tsx", 1, "dup")],
    );
    insta::assert_snapshot!(t.snapshot());
}
