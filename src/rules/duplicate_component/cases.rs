//! duplicate-component cases in the harness: near-copies across files reported as one cluster,
//! and look-alikes (same shape, different structure; too small) that must stay silent.

#![cfg(test)]

use super::*;
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

// ---- issue 15: scope, styled units, exact copies, clusters, representatives, containment,
// copies inside the design system, IDF weighting ----

const TAGS: &[&str] = &[
    "section", "article", "aside", "header", "footer", "nav", "main", "figure", "table", "ul",
    "ol", "dl", "form", "fieldset", "details", "summary", "label", "output", "meter", "progress",
];
const ATTRS: &[&str] = &[
    "title",
    "role",
    "lang",
    "dir",
    "hidden",
    "draggable",
    "tabIndex",
    "slot",
    "inert",
    "accessKey",
];

/// A component rendering the numbered blocks: distinct elements, so two components share
/// exactly the k-grams of the blocks they share (and of the frame around them).
fn blocks(name: &str, which: &[usize]) -> String {
    let mut body = String::new();
    for &i in which {
        let (outer, inner) = (TAGS[i % TAGS.len()], TAGS[(i * 7 + 3) % TAGS.len()]);
        let (a1, a2) = (ATTRS[i % ATTRS.len()], ATTRS[(i * 3 + 1) % ATTRS.len()]);
        body.push_str(&format!(
            "      <{outer} {a1}={{props.v{i}}}>\n        <{inner} {a2}=\"x\">{{props.w{i}}}</{inner}>\n      </{outer}>\n"
        ));
    }
    format!("export function {name}(props) {{\n  return (\n    <div>\n{body}    </div>\n  );\n}}\n")
}

/// The kind as the cases configure it, to read the units of a source as it sees them.
fn plain_rule() -> DuplicateComponent {
    DuplicateComponent {
        langs: LangSet::empty(),
        threshold: 0.5,
        min_tokens: 30,
        min_tokens_exact: 20,
        min_tokens_verbatim: 20,
        containment: 0.9,
        scope: Scope::CrossFile,
        idf: false,
        compare_names: true,
        compare_differences: true,
        compare_renames: false,
        js_sequences: false,
        design_system: None,
        design_system_copies: true,
        family_similarity: None,
        design_system_import: None,
        design_system_root: None,
        vendored: None,
        hashes: KindHashes::new(),
        marks: differ::Marks::new(),
    }
}

fn shingles_of(src: &str) -> Vec<u64> {
    let rule = plain_rule();
    let mut out = Vec::new();
    let lexed = crate::lang::js_lexer::LexOnce::new(src);
    rule.lexical_units("src/a.tsx", src, &lexed, &mut out);
    match out.pop().and_then(|h| h.extras).and_then(|e| e.fact) {
        Some(Fact::Unit(u)) => u.shingles,
        other => panic!("no unit: {other:?}"),
    }
}

/// (Jaccard, containment) of the single units of two sources: the premise of a case.
fn sim(a: &str, b: &str) -> (f64, f64) {
    similarity::compare(&shingles_of(a), &shingles_of(b), None)
}

fn with(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{{match}}` is a near-copy\"\nmin_tokens = 30\n{fields}\n"
    ))
}

const RS_FN: &str = "pub fn parse_header(input: &str) -> Option<(String, u32)> {\n    let mut parts = input.splitn(2, ':');\n    let key = parts.next()?.trim().to_string();\n    let value = parts.next()?.trim().parse::<u32>().ok()?;\n    if key.is_empty() || value > 1000 {\n        return None;\n    }\n    Some((key, value))\n}\n";

#[test]
fn scope_cross_file_is_the_default_and_any_reports_one_file_pairs() {
    let twice = format!(
        "{RS_FN}\n{}",
        RS_FN.replace("parse_header", "parse_trailer")
    );
    // two near-identical functions in one parser file: not a cross-file copy
    let run = with("").run(&[("src/parser.rs", &twice)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same pair with scope = "any"
    let mut t = with("scope = \"any\"");
    t.expect(&[("src/parser.rs", &twice)], &[("src/parser.rs", 1, "dup")]);
    // across files, the default reports it
    let mut t = with("");
    let other = RS_FN.replace("parse_header", "read_header");
    t.expect(
        &[("src/a.rs", RS_FN), ("src/b.rs", &other)],
        &[("src/a.rs", 1, "dup")],
    );
    // a bad scope is a config error
    let bad = "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"m\"\nscope = \"same-file\"\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("archdrift.toml"), bad).unwrap();
    let err = crate::config::load(&dir.path().join("archdrift.toml")).expect_err("unknown scope");
    assert!(
        err[0].message.contains("unknown scope"),
        "{}",
        err[0].message
    );
}

const STYLED: &str = "import styled from \"styled-components\";\n\nexport const SearchInput = styled.input`\n  width: 100%;\n  padding: 8px 12px;\n  border: 1px solid #ccc;\n  border-radius: 4px;\n  font-size: 14px;\n  color: ${(p) => p.theme.text};\n  &:focus {\n    outline: none;\n    border-color: #0070f3;\n  }\n`;\n";

#[test]
fn styled_definitions_are_units() {
    // the same styled input in two files (colours and sizes changed)
    let copy = STYLED
        .replace("SearchInput", "FilterInput")
        .replace("#0070f3", "#3b82f6")
        .replace("8px 12px", "6px 10px");
    let mut t = with("");
    let run = t.expect(
        &[("src/a/search.tsx", STYLED), ("src/b/filter.tsx", &copy)],
        &[("src/a/search.tsx", 3, "dup")],
    );
    assert!(run.findings()[0].message.contains("FilterInput"));
    // `styled(X)` and `.attrs(…)` forms too
    let wrapped = STYLED.replace(
        "styled.input`",
        "styled(Input).attrs({ type: \"search\" })`",
    );
    let wrapped2 = wrapped.replace("SearchInput", "QueryInput");
    let run = with("").run(&[("src/a.tsx", &wrapped), ("src/b.tsx", &wrapped2)]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    // look-alikes: the same element with other rules, or other properties, stay silent
    let other_tag = "import styled from \"styled-components\";\n\nexport const Toggle = styled.input`\n  appearance: none;\n  cursor: pointer;\n  transition: background 0.2s;\n  &:checked {\n    background: ${(p) => p.theme.accent};\n  }\n  &:disabled {\n    opacity: 0.5;\n  }\n`;\n";
    let other_css = "import styled from \"styled-components\";\n\nexport const Panel = styled.div`\n  display: grid;\n  grid-template-columns: repeat(3, 1fr);\n  gap: 16px;\n  margin: 0 auto;\n  max-width: 960px;\n  background: ${(p) => p.theme.bg};\n  @media (max-width: 600px) {\n    grid-template-columns: 1fr;\n  }\n`;\n";
    let run = with("").run(&[
        ("src/a/search.tsx", STYLED),
        ("src/b/toggle.tsx", other_tag),
        ("src/c/panel.tsx", other_css),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a tiny styled wrapper identical in two files is below the exact floor
    let tiny = "const Row = styled.div`\n  display: flex;\n`;\n";
    let run = with("").run(&[("src/a.tsx", tiny), ("src/b.tsx", tiny)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

/// About 60 normalised tokens: under min_tokens = 80, over the exact floor (50).
const PORTAL: &str = "export function Portal({ children, target }) {\n  const [el, setEl] = useState(null);\n  useEffect(() => {\n    setEl(document.querySelector(target) ?? document.body);\n  }, [target]);\n  if (!el) return null;\n  return createPortal(<div className=\"portal\">{children}</div>, el);\n}\n";

#[test]
fn small_exact_copies_are_found_by_hash_and_small_near_copies_are_not() {
    let t = Tester::new(
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{match}` is a copy\"\nmin_tokens = 80\n",
    );
    let renamed = PORTAL
        .replace("Portal", "Overlay")
        .replace("portal", "overlay");
    let run = t.run(&[
        ("src/a/Portal.tsx", PORTAL),
        ("src/b/Overlay.tsx", &renamed),
    ]);
    assert_eq!(
        run.found(),
        vec![("src/a/Portal.tsx".to_string(), 1, "dup".to_string())]
    );
    let f = &run.findings()[0];
    assert!(
        f.related[0].message.contains("identical"),
        "{}",
        f.related[0].message
    );
    // one structural change: not exact, and too small for a near-match
    let changed = renamed.replace(
        "if (!el) return null;",
        "if (!el || !children) return null;",
    );
    let run = t.run(&[
        ("src/a/Portal.tsx", PORTAL),
        ("src/b/Overlay.tsx", &changed),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // identical but tinier than the exact floor
    let tiny = "export const Dot = () => <span className=\"dot\" />;\n";
    let run = t.run(&[("src/a.tsx", tiny), ("src/b.tsx", tiny)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // min_tokens_exact out of range is an error
    let dir = tempfile::tempdir().unwrap();
    let bad = "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"m\"\nmin_tokens = 50\nmin_tokens_exact = 60\n";
    std::fs::write(dir.path().join("archdrift.toml"), bad).unwrap();
    assert!(crate::config::load(&dir.path().join("archdrift.toml")).is_err());
}

#[test]
fn a_chain_is_not_one_cluster_and_no_member_is_below_the_threshold() {
    // A~B, B~C, C~D in a chain; A and C, A and D, B and D are not near-copies
    let a = blocks("Alpha", &[0, 1, 2, 3, 4, 5]);
    let b = blocks("Beta", &[2, 3, 4, 5, 6, 7]);
    let c = blocks("Gamma", &[4, 5, 6, 7, 8, 9]);
    let d = blocks("Delta", &[6, 7, 8, 9, 10, 11]);
    let thr = 0.45;
    for (x, y) in [(&a, &b), (&b, &c), (&c, &d)] {
        assert!(sim(x, y).0 >= thr, "premise: {:?}", sim(x, y));
    }
    for (x, y) in [(&a, &c), (&a, &d), (&b, &d)] {
        assert!(sim(x, y).0 < thr, "premise: {:?}", sim(x, y));
    }
    // plain Jaccard, as the premise measured it
    let run = with(&format!(
        "threshold = {thr}\ncontainment = 1.0\nweighting = \"none\""
    ))
    .run(&[
        ("src/a.tsx", &a),
        ("src/b.tsx", &b),
        ("src/c.tsx", &c),
        ("src/d.tsx", &d),
    ]);
    // union-find made one cluster of four; now: a representative with its own near-copies
    // (B with A and C, or C with B and D), and the one left is a near-copy of no one left
    assert_eq!(run.findings().len(), 1, "{:?}", run.found());
    let f = &run.findings()[0];
    assert_eq!(f.related.len(), 2, "{:?}", f.related);
    let rep = shingles_of(&std::fs::read_to_string(run.root().join(&f.file)).unwrap());
    for r in &f.related {
        let m = shingles_of(&std::fs::read_to_string(run.root().join(&r.file)).unwrap());
        let s = similarity::compare(&rep, &m, None).0;
        assert!(s >= thr, "{} at {s}", r.message);
        assert!(
            r.message.contains(&format!("{:.0}% similar", s * 100.0)),
            "{}",
            r.message
        );
    }
}

#[test]
fn the_representative_is_the_medoid_not_the_first_file() {
    // Zeta (last file) is the near-copy of each of the others; they are not of each other
    let z = blocks("Zeta", &[0, 1, 2, 3, 4, 5, 6, 7, 8]);
    let a = blocks("Alpha", &[0, 1, 2, 3, 4, 5]);
    let b = blocks("Beta", &[3, 4, 5, 6, 7, 8]);
    let c = blocks("Gamma", &[0, 1, 2, 6, 7, 8]);
    let thr = 0.45;
    for x in [&a, &b, &c] {
        assert!(sim(&z, x).0 >= thr, "premise {:?}", sim(&z, x));
    }
    assert!(sim(&a, &b).0 < thr && sim(&a, &c).0 < thr && sim(&b, &c).0 < thr);
    let mut t = with(&format!("threshold = {thr}\ncontainment = 1.0"));
    let run = t.expect(
        &[
            ("src/a.tsx", &a),
            ("src/b.tsx", &b),
            ("src/c.tsx", &c),
            ("src/z.tsx", &z),
        ],
        &[("src/z.tsx", 1, "dup")],
    );
    assert_eq!(run.findings()[0].related.len(), 3);
}

#[test]
fn the_design_system_component_represents_its_copies() {
    let ds = blocks("Card", &[0, 1, 2, 3, 4, 5]);
    let copy1 = blocks("InfoCard", &[0, 1, 2, 3, 4, 6]);
    let copy2 = blocks("UserCard", &[0, 1, 2, 3, 4, 7]);
    let t = with("design_system = [\"packages/ui/**\"]\ndesign_system_import = \"@acme/ui\"");
    // the two app copies are more alike each other than the DS one is: still the DS one leads
    let run = t.run(&[
        ("apps/web/a.tsx", &copy1),
        ("apps/web/b.tsx", &copy2),
        ("packages/ui/card.tsx", &ds),
    ]);
    let files: Vec<&str> = run.findings().iter().map(|f| f.file.as_str()).collect();
    assert_eq!(
        files,
        ["apps/web/a.tsx", "apps/web/b.tsx"],
        "{:?}",
        run.found()
    );
    for f in run.findings() {
        assert!(
            f.message.contains("the design-system component `Card`"),
            "{}",
            f.message
        );
        assert_eq!(f.related[0].file, "packages/ui/card.tsx");
        assert!(
            f.help
                .as_deref()
                .is_some_and(|h| h.contains("`import { Card } from \"@acme/ui\"`")),
            "{:?}",
            f.help
        );
    }
}

/// The help names an import that resolves (two blind readers found ones that did not): the
/// package for a file of the source `design_system_import` names; the component's own module
/// below a folder alias without an index (`@/components/ui/card`); and for a file of a second
/// source, whose import path is unknown, no import but the file.
#[test]
fn the_help_names_an_import_that_resolves() {
    let ds = blocks("Card", &[0, 1, 2, 3, 4, 5]);
    let copy = blocks("InfoCard", &[0, 1, 2, 3, 4, 6]);
    let help = |config: &str, ds_file: &str| -> String {
        let t = with(config);
        let run = t.run(&[("apps/web/a.tsx", &copy), (ds_file, &ds)]);
        run.findings()[0].help.clone().unwrap_or_default()
    };
    let folder = help(
        "design_system = [\"apps/web/src/components/ui/**\"]\ndesign_system_import = \"@/components/ui\"",
        "apps/web/src/components/ui/card.tsx",
    );
    assert!(
        folder.contains("`import { Card } from \"@/components/ui/card\"`"),
        "{folder}"
    );
    // logto: an alias library is its own app's (`@/` of another app is that app's): a copy in
    // another app is a plain near-copy, with no import it cannot make
    let t = with(
        "design_system = [\"apps/web/src/components/ui/**\"]\ndesign_system_import = \"@/components/ui\"",
    );
    let run = t.run(&[
        ("apps/admin/src/a.tsx", &copy),
        ("apps/web/src/components/ui/card.tsx", &ds),
    ]);
    let f = &run.findings()[0];
    assert!(
        !f.help.clone().unwrap_or_default().contains("import {"),
        "{f:?}"
    );
    assert!(f.message.contains("near-cop"), "{}", f.message);
    let second = help(
        "design_system = [\"packages/survey-ui/**\", \"apps/web/modules/ui/**\"]\ndesign_system_import = \"@acme/survey-ui\"",
        "apps/web/modules/ui/card.tsx",
    );
    assert!(!second.contains("import {"), "{second}");
    assert!(
        second.contains("`apps/web/modules/ui/card.tsx`"),
        "{second}"
    );
    // near-miss: a file of the named package keeps the package import
    let first = help(
        "design_system = [\"packages/survey-ui/**\", \"apps/web/modules/ui/**\"]\ndesign_system_import = \"@acme/survey-ui\"",
        "packages/survey-ui/src/card.tsx",
    );
    assert!(
        first.contains("`import { Card } from \"@acme/survey-ui\"`"),
        "{first}"
    );
}

#[test]
fn a_component_that_extends_another_is_reported_by_containment() {
    let base = blocks("CommandBar", &[0, 1, 2, 3, 4, 5]);
    // the same blocks plus as many again: Jaccard about a half, containment about 1
    let extended = blocks(
        "SharedCommandBar",
        &[0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15],
    );
    let (j, c) = sim(&base, &extended);
    assert!(j < 0.6 && c >= 0.9, "premise: {j} {c}");
    let mut t = with("threshold = 0.6");
    let run = t.expect(
        &[
            ("src/a/CommandBar.tsx", &base),
            ("src/b/SharedCommandBar.tsx", &extended),
        ],
        &[("src/a/CommandBar.tsx", 1, "dup")],
    );
    let m = &run.findings()[0].related[0].message;
    assert!(m.starts_with("`SharedCommandBar` contains ~"), "{m}");
    assert!(m.contains("% of `CommandBar`"), "{m}");
    // containment off (1.0 is only a full contain): silent
    let run = with("threshold = 0.6\ncontainment = 1.0").run(&[
        ("src/a/CommandBar.tsx", &base),
        (
            "src/b/SharedCommandBar.tsx",
            &blocks("SharedCommandBar", &[0, 1, 2, 3, 4, 10, 11, 12, 13, 14, 15]),
        ),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a page that embeds the blocks among many more (size ratio under 0.3): not "extends"
    let page = blocks("SettingsPage", &(0..20).collect::<Vec<_>>());
    let small = blocks("Small", &[0, 1, 2, 3]);
    let (_, c) = sim(&small, &page);
    assert!(c >= 0.9, "premise: {c}");
    let run = with("threshold = 0.6").run(&[("src/a.tsx", &small), ("src/b.tsx", &page)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn copies_inside_the_design_system_are_reported_unless_switched_off() {
    let a = blocks("TextField", &[0, 1, 2, 3, 4, 5]);
    let b = blocks("EmailField", &[0, 1, 2, 3, 4, 6]);
    let files = [
        ("packages/ui/text-field.tsx", a.as_str()),
        ("packages/ui/email-field.tsx", b.as_str()),
    ];
    let mut t = with("design_system = [\"packages/ui/**\"]");
    let run = t.expect(&files, &[("packages/ui/email-field.tsx", 1, "dup")]);
    assert!(
        run.findings()[0]
            .message
            .contains("inside the design system"),
        "{}",
        run.findings()[0].message
    );
    let run =
        with("design_system = [\"packages/ui/**\"]\ndesign_system_copies = false").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // two unrelated design-system components stay silent either way
    let c = blocks("Tabs", &[10, 11, 12, 13, 14, 15]);
    let run = with("design_system = [\"packages/ui/**\"]").run(&[
        ("packages/ui/text-field.tsx", &a),
        ("packages/ui/tabs.tsx", &c),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn one_registry_file_in_two_vendored_folders_is_not_a_copy() {
    // `npx shadcn add dialog` in each app: the registry's file, at one path below each folder
    let dialog = blocks("DialogContent", &[0, 1, 2, 3, 4, 5]);
    let edited = blocks("DialogContent", &[0, 1, 2, 3, 4, 6]);
    let folders = "vendored = [\"apps/*/components/ui/**\"]";
    let run = with(folders).run(&[
        ("apps/web/components/ui/dialog.tsx", &dialog),
        ("apps/admin/components/ui/dialog.tsx", &edited),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // without the switch the same pair is a copy: the case is about `vendored`
    let mut t = with("");
    t.expect(
        &[
            ("apps/web/components/ui/dialog.tsx", &dialog),
            ("apps/admin/components/ui/dialog.tsx", &edited),
        ],
        &[("apps/admin/components/ui/dialog.tsx", 1, "dup")],
    );
    // near-misses that stay reported: the component copied into feature code, another file of
    // a vendored folder, the same name in a folder that is not vendored
    let mut t = with(folders);
    t.expect(
        &[
            ("apps/web/components/ui/dialog.tsx", &dialog),
            ("apps/admin/features/share-dialog.tsx", &edited),
        ],
        &[("apps/admin/features/share-dialog.tsx", 1, "dup")],
    );
    let mut t = with(folders);
    t.expect(
        &[
            ("apps/web/components/ui/dialog.tsx", &dialog),
            ("apps/admin/components/ui/sheet.tsx", &edited),
        ],
        &[("apps/admin/components/ui/sheet.tsx", 1, "dup")],
    );
    let mut t = with("vendored = [\"apps/web/components/ui\"]");
    t.expect(
        &[
            ("apps/web/components/ui/dialog.tsx", &dialog),
            ("packages/kit/components/ui/dialog.tsx", &edited),
        ],
        &[("apps/web/components/ui/dialog.tsx", 1, "dup")],
    );
}

#[test]
fn thin_adapters_around_different_components_are_not_exact_copies() {
    // the same shape, each forwarding to its own root: not copies of each other
    let adapter = |name: &str, root: &str| {
        format!("export const {name} = observer(function {name}() {{\n  const {{ workspaceSlug, projectId }} = useParams();\n  return (\n    <{root}\n      QuickActions={{ProjectIssueQuickActions}}\n      storeType={{EIssuesStoreType.PROJECT}}\n      canEditPropertiesBasedOnProject={{canEdit}}\n      isCompletedCycle={{false}}\n      viewId={{projectId?.toString()}}\n    />\n  );\n}});\n")
    };
    let t = Tester::new(
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{match}` is a copy\"\n",
    );
    let (a, b) = (
        adapter("KanBanLayout", "BaseKanBanRoot"),
        adapter("CalendarLayout", "BaseCalendarRoot"),
    );
    let run = t.run(&[("src/kanban/root.tsx", &a), ("src/calendar/root.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same adapter copied (renamed, the same root): an exact copy
    let c = adapter("BoardLayout", "BaseKanBanRoot");
    let run = t.run(&[("src/kanban/root.tsx", &a), ("src/board/root.tsx", &c)]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
}

#[test]
fn thin_adapters_are_copies_only_with_the_same_component_and_props() {
    // toggles around one shared button, each passing it its own props: the shared component
    // doing its job
    let toggle = |name: &str, extra: &str| {
        format!("export const {name} = (props: {name}Props) => {{\n  return (\n    <ToolButton\n      className={{cx(\"tool-{name}\", {{ \"is-compact\": props.compact }})}}\n      kind=\"toggle\"\n      icon={{props.on ? OnIcon : OffIcon}}\n      checked={{props.on}}\n      title={{`${{props.title}}`}}\n      aria-label={{`${{props.title}}`}}\n{extra}      onSelect={{() => props.onToggle?.()}}\n    />\n  );\n}};\n")
    };
    let (a, b) = (
        toggle("GridButton", "      size=\"small\"\n"),
        toggle("SnapButton", "      disabled={props.disabled}\n"),
    );
    let run = with("").run(&[("src/grid.tsx", &a), ("src/snap.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same adapter made for another provider (same component, same props, other
    // values and handler strings): a copy
    let login = |name: &str, provider: &str| {
        format!("export const {name} = () => {{\n  const params = useSearchParams();\n  const next = params?.get(\"next\");\n  const {{ setClicked, clicked }} = useContext(LoginContext);\n  return (\n    <Button\n      text=\"Continue with {provider}\"\n      variant=\"secondary\"\n      onClick={{() => {{\n        setClicked(\"{provider}\");\n        signIn(\"{provider}\", next ? {{ callbackUrl: next }} : {{}});\n      }}}}\n      loading={{clicked === \"{provider}\"}}\n      icon={{<{provider}Logo className=\"size-4\" />}}\n    />\n  );\n}};\n")
    };
    let (c, d) = (
        login("GitHubButton", "GitHub"),
        login("GoogleButton", "Google"),
    );
    let run = with("").run(&[("src/github.tsx", &c), ("src/google.tsx", &d)]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
}

#[test]
fn declarative_rust_functions_are_not_units() {
    // every command's signature() is one builder chain: the trait's shape, not a copy
    let sig = |name: &str| {
        format!("impl Command for {name} {{\n    fn signature(&self) -> Signature {{\n        Signature::build(\"{name}\")\n            .input_output_types(vec![(Type::String, Type::String), (Type::List(Box::new(Type::String)), Type::List(Box::new(Type::String)))])\n            .rest(\"rest\", SyntaxShape::CellPath, \"the cell paths\")\n            .switch(\"all\", \"all of them\", Some('a'))\n            .category(Category::Strings)\n    }}\n}}\n")
    };
    let run = with("").run(&[("src/a.rs", &sig("Upcase")), ("src/b.rs", &sig("Downcase"))]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a function with logic of that size still is one
    let other = RS_FN.replace("parse_header", "parse_line");
    let run = with("").run(&[("src/a.rs", RS_FN), ("src/b.rs", &other)]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
}

#[test]
fn a_declaration_written_in_steps_is_still_declarative() {
    // `let sig = Signature::build(…)…; add_flag(sig)` (nushell's http verbs): still the
    // trait's shape, every verb has it
    let steps = |name: &str, tail: &str| {
        format!("impl Command for {name} {{\n    fn signature(&self) -> Signature {{\n        let sig = Signature::build(\"{name}\")\n            .input_output_types(vec![(Type::Nothing, Type::Any)])\n            .required(\"URL\", SyntaxShape::String, \"The URL to fetch.\")\n            .named(\"user\", SyntaxShape::Any, \"The username.\", Some('u'))\n            .switch(\"raw\", \"Fetch as text.\", Some('r'))\n            .category(Category::Network);\n{tail}    }}\n}}\n")
    };
    let plain = "        add_unix_socket_flag(sig)\n";
    let run = with("").run(&[
        ("src/get.rs", &steps("HttpGet", plain)),
        ("src/post.rs", &steps("HttpPost", plain)),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // steps that mutate or decide are code: the same body copied is still a copy
    let logic = "        let sig = if unix() { add_unix_socket_flag(sig) } else { sig };\n        sig.switch(\"insecure\", \"Allow insecure.\", Some('k'))\n";
    let run = with("").run(&[
        ("src/get.rs", &steps("HttpGet", logic)),
        ("src/post.rs", &steps("HttpPost", logic)),
    ]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    // a test's `let`s arrange and act: the same test in two sibling modules is a copy
    let test = |digest: &str| {
        format!("#[test]\nfn hash_string() {{\n    let binary = Value::string(\"abcdefghijklmnopqrstuvwxyz\".to_owned(), Span::test_data());\n    let expected = Value::string(\"c3fcd3d76192e4007dfb496cca67e13b\".to_owned(), Span::test_data());\n    let actual = generic_digest::action::<{digest}>(&binary, &Arguments {{ cell_paths: None, binary: false }}, Span::test_data());\n    assert_eq!(actual, expected);\n}}\n")
    };
    let run = with("").run(&[
        ("src/md5.rs", &test("Md5")),
        ("src/sha256.rs", &test("Sha256")),
    ]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
}

#[test]
fn idf_weighting_discounts_the_scaffold_every_page_shares() {
    // six pages share a scaffold (blocks 0-3); two of them also share their own content
    let scaffold = [0, 1, 2, 3];
    let page = |name: &str, own: &[usize]| {
        let which: Vec<usize> = scaffold.iter().chain(own).copied().collect();
        blocks(name, &which)
    };
    let x = page("BillingSettings", &[4, 5]);
    let y = page("MembersSettings", &[6, 7]);
    let others = [
        page("ExportSettings", &[8, 9]),
        page("TokenSettings", &[10, 11]),
    ];
    let r1 = page("LabelsSettings", &[12, 13, 14, 15, 16]);
    let r2 = page("StatesSettings", &[12, 13, 14, 15, 17]);
    let thr = 0.5;
    assert!(sim(&x, &y).0 >= thr, "premise: plain {:?}", sim(&x, &y));
    let files = [
        ("src/billing.tsx", x.as_str()),
        ("src/members.tsx", y.as_str()),
        ("src/export.tsx", others[0].as_str()),
        ("src/tokens.tsx", others[1].as_str()),
        ("src/labels.tsx", r1.as_str()),
        ("src/states.tsx", r2.as_str()),
    ];
    // plain Jaccard: the scaffold alone makes the look-alike pages "copies"
    let plain = with("weighting = \"none\"").run(&files);
    let plain_pairs: usize = plain.findings().iter().map(|f| f.related.len()).sum();
    assert!(plain_pairs >= 2, "{:?}", plain.found());
    // IDF (the default): only the two pages that share more than the scaffold
    let mut t = with("");
    let run = t.expect(&files, &[("src/labels.tsx", 1, "dup")]);
    assert_eq!(run.findings()[0].related.len(), 1);
    assert_eq!(run.findings()[0].related[0].file, "src/states.tsx");
}

// ---- issue 15, Rust precision: names the k-grams rename, tests by what they check ----

/// A command's `run()`: read two flags, open something, call one helper. `names` are the
/// callees, fields and types it uses from outside itself.
fn run_fn(locals: [&str; 3], names: [&str; 8]) -> String {
    let [head, a, b] = locals;
    let [flag, ta, tb, open, helper, done, fa, fb] = names;
    format!(
        "impl Command for Cmd {{\n    fn run(&self, engine: &EngineState, stack: &mut Stack, call: &Call) -> Result<PipelineData, ShellError> {{\n        let {head} = call.head;\n        let {a}: Option<{ta}> = call.{flag}(engine, stack, \"{fa}\")?;\n        let {b}: Option<{tb}> = call.{flag}(engine, stack, \"{fb}\")?;\n        let conn = {open}()?;\n        {helper}({a}, {head}, &conn, {b})?;\n        Ok(Value::{done}({head}).into_pipeline_data())\n    }}\n}}\n"
    )
}

#[test]
fn rust_functions_alike_only_in_shape_are_not_copies() {
    let create = run_fn(
        ["head", "table", "columns"],
        [
            "get_flag",
            "String",
            "Record",
            "open_connection",
            "create_table",
            "nothing",
            "table-name",
            "columns",
        ],
    );
    // a look-alike: the same scaffold around other calls, fields and types
    let request = run_fn(
        ["span", "url", "timeout"],
        [
            "req_named",
            "Url",
            "Duration",
            "build_client",
            "send_request",
            "string_empty",
            "url",
            "max-time",
        ],
    );
    // a copy: locals renamed, flag strings changed, every callee kept
    let copy = run_fn(
        ["span", "name", "cols"],
        [
            "get_flag",
            "String",
            "Record",
            "open_connection",
            "create_table",
            "nothing",
            "name",
            "cols",
        ],
    );
    let look = [
        ("src/create.rs", create.as_str()),
        ("src/request.rs", request.as_str()),
    ];
    let run = with("").run(&look);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // without the names, the shape alone makes them "identical"
    let mut t = with("compare_names = false");
    let run = t.expect(&look, &[("src/create.rs", 2, "dup")]);
    assert!(
        run.findings()[0].related[0].message.contains("identical"),
        "{:?}",
        run.findings()
    );
    let mut t = with("");
    let run = t.expect(
        &[("src/create.rs", &create), ("src/copy.rs", &copy)],
        &[("src/copy.rs", 2, "dup")],
    );
    assert!(
        run.findings()[0].related[0].message.contains("identical"),
        "{:?}",
        run.findings()
    );
    // a copy made for another entity: its types and flag names renamed, its callees kept
    let entity = run_fn(
        ["head", "table", "columns"],
        [
            "get_flag",
            "Url",
            "Duration",
            "open_connection",
            "create_table",
            "nothing",
            "url",
            "max-time",
        ],
    );
    let mut t = with("");
    t.expect(
        &[("src/create.rs", &create), ("src/entity.rs", &entity)],
        &[("src/create.rs", 2, "dup")],
    );
}

/// A unit test of a `process` helper: connect, build columns, call, assert.
fn test_fn(name: &str, attr: &str, column: &str) -> String {
    format!(
        "    {attr}\n    fn {name}() {{\n        let conn = get_shared_conn().expect(\"no connection\");\n        let mut columns = Record::new();\n        columns.insert(\"{column}\".to_string(), Value::test_string(\"int\".to_string()));\n        let result = process(Some(\"t\".to_string()), Span::test_data(), &conn, columns);\n        assert!(result.is_ok());\n    }}\n"
    )
}

#[test]
fn rust_tests_are_copies_only_when_they_check_the_same_thing() {
    let module =
        |body: String| format!("#[cfg(test)]\nmod tests {{\n    use super::*;\n\n{body}}}\n");
    let a = module(test_fn(
        "creates_a_table_with_valid_columns",
        "#[test]",
        "id",
    ));
    // another command's test: other behaviour, the same scaffold and calls
    let b = module(test_fn(
        "errors_when_the_column_is_missing",
        "#[test]",
        "name",
    ));
    let run = with("").run(&[("src/create.rs", &a), ("src/insert.rs", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same test copied into a sibling module (as `#[tokio::test]`, outside a test module)
    let copy = test_fn(
        "test_creates_a_table_with_valid_columns",
        "#[tokio::test]",
        "key",
    );
    let mut t = with("");
    t.expect(
        &[("src/create.rs", &a), ("src/other.rs", &copy)],
        &[("src/create.rs", 6, "dup")],
    );
    // the same two bodies outside any test are compared as usual
    let plain = |name: &str| test_fn(name, "", "id");
    let mut t = with("");
    t.expect(
        &[
            ("src/x.rs", &plain("check_create")),
            ("src/y.rs", &plain("verify_insert")),
        ],
        &[("src/x.rs", 2, "dup")],
    );
}

#[test]
fn icons_drawn_through_a_wrapper_component_are_not_units() {
    // two icons of a design system: the same wrapper, different path data
    let icon = |name: &str, d: &str| {
        format!("export function {name}({{ color = \"currentColor\", ...rest }}: IconProps) {{\n  const clipPathId = React.useId();\n  return (\n    <IconWrapper color={{color}} clipPathId={{clipPathId}} {{...rest}}>\n      <path d=\"{d}\" fill={{color}} />\n      <path d=\"{d}Z\" fill={{color}} fillRule=\"evenodd\" />\n      <circle cx=\"8\" cy=\"8\" r=\"2\" stroke={{color}} />\n    </IconWrapper>\n  );\n}}\n")
    };
    let a = icon("AddIcon", "M7 1h2v6h6v2H9v6H7V9H1V7h6z");
    let b = icon("FilterIcon", "M1 3h14l-5 6v5l-4 2V9z");
    let run = with("").run(&[("src/icons/add.tsx", &a), ("src/icons/filter.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a button that renders an inline icon next to its own elements is still a unit
    let button = |name: &str| {
        format!("export function {name}({{ onClick, label }}: Props) {{\n  return (\n    <IconWrapper size=\"sm\">\n      <button type=\"button\" className=\"btn\" onClick={{onClick}}>\n        <svg viewBox=\"0 0 16 16\"><path d=\"M1 1h14v14H1z\" /></svg>\n        <span className=\"label\">{{label}}</span>\n      </button>\n    </IconWrapper>\n  );\n}}\n")
    };
    let mut t = with("");
    t.expect(
        &[
            ("src/a/SaveButton.tsx", &button("SaveButton")),
            ("src/b/StoreButton.tsx", &button("StoreButton")),
        ],
        &[("src/a/SaveButton.tsx", 1, "dup")],
    );
}

// ---- issue 15, round 4: dispatch tables, forwarders ----

/// A `Display` impl that is one table over an enum's variants.
fn fmt_table(ty: &str, variants: &[(&str, &str)]) -> String {
    let arms: String = variants
        .iter()
        .map(|(v, s)| format!("            {ty}::{v} => f.write_str(\"{s}\"),\n"))
        .collect();
    format!("impl fmt::Display for {ty} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        match self {{\n{arms}            {ty}::Other(it) => it.fmt(f),\n        }}\n    }}\n}}\n")
}

#[test]
fn dispatch_tables_and_forwarders_are_not_units() {
    // every enum's `fmt`/`from`/`as_str` is one match whose arms only name or forward: the
    // language's shape, two of them are not a copy
    let a = fmt_table(
        "BuiltinType",
        &[
            ("Char", "char"),
            ("Bool", "bool"),
            ("Str", "str"),
            ("Unit", "()"),
        ],
    );
    let b = fmt_table(
        "ParseError",
        &[
            ("Unexpected", "unexpected token"),
            ("Expected", "expected"),
            ("Repeat", "invalid repeat"),
            ("Empty", "empty tree"),
        ],
    );
    let run = with("").run(&[("src/builtin.rs", &a), ("src/parse.rs", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // forwarding through a `let` and converting in the arms (`Some(it.into())`, a struct
    // literal of plain values): still a table
    let action = |name: &str, conv: &str| {
        format!("fn {name}(input: &Value, head: Span) -> Value {{\n    let span = input.span();\n    match input {{\n        Value::String {{ val, .. }} => Value::string({conv}(val), head),\n        Value::Error {{ .. }} => input.clone(),\n        _ => Value::error(\n            ShellError::OnlySupportsThisInputType {{\n                exp_input_type: \"string\".into(),\n                wrong_type: input.get_type().to_string(),\n                dst_span: head,\n                src_span: span,\n            }},\n            head,\n        ),\n    }}\n}}\n")
    };
    let run = with("").run(&[
        ("src/downcase.rs", &action("action", "lowercase")),
        ("src/capitalize.rs", &action("action", "capitalize")),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a match on what an operation returned is handling, not dispatch: copied, it is a copy
    let accept = |ty: &str| {
        format!("impl Stream for {ty}ListenerStream {{\n    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<{ty}Stream>>> {{\n        match self.inner.poll_accept(cx) {{\n            Poll::Ready(Ok((stream, _))) => Poll::Ready(Some(Ok(stream))),\n            Poll::Ready(Err(err)) => Poll::Ready(Some(Err(err))),\n            Poll::Pending => Poll::Pending,\n        }}\n    }}\n}}\n")
    };
    let mut t = with("");
    t.expect(
        &[
            ("src/tcp.rs", &accept("Tcp")),
            ("src/unix.rs", &accept("Unix")),
        ],
        &[("src/tcp.rs", 2, "dup")],
    );
    // and arms that compute (an operator, a branch) make a match code
    let empty = |name: &str| {
        format!("fn {name}(e: ast::Expr) -> bool {{\n    match e {{\n        ast::Expr::BlockExpr(b) => b.statements().next().is_none() && b.tail_expr().is_none(),\n        ast::Expr::TupleExpr(t) => t.fields().next().is_none(),\n        ast::Expr::ParenExpr(p) => p.expr().is_none() || p.is_empty(),\n        _ => false,\n    }}\n}}\n")
    };
    let mut t = with("");
    t.expect(
        &[
            ("src/arms.rs", &empty("is_empty_expr")),
            ("src/replace.rs", &empty("is_empty_expr")),
        ],
        &[("src/arms.rs", 1, "dup")],
    );
}

// ---- issue 15 round 5: placeholder markup and route entries (plane) ----

fn loader(name: &str, sizes: [&str; 3]) -> String {
    format!(
        "export function {name}() {{\n  return (\n    <div className=\"flex flex-col\">\n      {{range(6).map((index) => (\n        <div key={{index}} className=\"flex h-[105px] gap-2 border-b p-4\">\n          <span className=\"h-5 {} rounded-sm bg-layer-1\" />\n          <span className=\"h-5 {} rounded-sm bg-layer-1\" />\n          <div className=\"flex items-center gap-2\">\n            <Loader.Item height=\"8px\" width=\"{}\" />\n            <Loader.Item height=\"8px\" width=\"40%\" />\n          </div>\n        </div>\n      ))}}\n    </div>\n  );\n}}\n",
        sizes[0], sizes[1], sizes[2]
    )
}

#[test]
fn skeleton_loaders_are_not_units_but_the_same_markup_with_data_or_handlers_is() {
    let t = dups();
    // two skeletons: boxes with sizes and class names, no text, data or handler
    let a = loader("InboxSidebarLoader", ["w-16", "w-36", "60%"]);
    let b = loader("CycleListLoader", ["w-20", "w-24", "30%"]);
    let run = t.run(&[("src/a/loader.tsx", &a), ("src/b/loader.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a skeleton taking a className through a class helper is still one
    let c = a.replace(
        "InboxSidebarLoader() {\n  return (\n    <div className=\"flex flex-col\">",
        "DocLoader({ className }) {\n  return (\n    <div className={cn(\"flex flex-col\", className)}>",
    );
    let run = t.run(&[("src/a/loader.tsx", &c), ("src/b/loader.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // ... and so is one whose class names are computed (random widths)
    let d = a.replace(
        "className=\"h-5 w-16 rounded-sm bg-layer-1\"",
        "className={`h-5 w-${getRandomLength([\"32\", \"52\"])} rounded-sm`}",
    );
    assert_ne!(d, a);
    let run = t.run(&[("src/a/loader.tsx", &d), ("src/b/loader.tsx", &b)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // two skeletons named for the same thing (a row of two parallel lists) are a copy
    let mut t1 = dups();
    t1.expect(
        &[
            (
                "src/charts/skeleton.tsx",
                &a.replace("InboxSidebarLoader", "SkeletonRow"),
            ),
            (
                "src/dashboards/skeleton.tsx",
                &b.replace("CycleListLoader", "SkeletonRow"),
            ),
        ],
        &[("src/charts/skeleton.tsx", 1, "dup")],
    );
    // the same markup rendering data is a list, and its copy a duplicate
    let list = |name: &str| {
        a.replace("InboxSidebarLoader()", &format!("{name}({{ items }})"))
            .replace("range(6).map((index)", "items.map((item)")
            .replace("key={index}", "key={item.id}")
    };
    let mut t2 = dups();
    t2.expect(
        &[
            ("src/a/list.tsx", &list("InboxList")),
            ("src/b/list.tsx", &list("CycleList")),
        ],
        &[("src/a/list.tsx", 1, "dup")],
    );
    // ... so is the markup with text, or with a handler
    let text = a.replace(
        "<span className=\"h-5 w-16 rounded-sm bg-layer-1\" />",
        "<span className=\"h-5 w-16 rounded-sm bg-layer-1\">Inbox</span>",
    );
    let mut t3 = dups();
    t3.expect(
        &[
            ("src/a/x.tsx", &text),
            ("src/b/x.tsx", &text.replace("InboxSidebarLoader", "Other")),
        ],
        &[("src/a/x.tsx", 1, "dup")],
    );
    let handler = a.replace("key={index}", "key={index} onClick={() => select(index)}");
    let mut t4 = dups();
    t4.expect(
        &[
            ("src/a/x.tsx", &handler),
            (
                "src/b/x.tsx",
                &handler.replace("InboxSidebarLoader", "Other"),
            ),
        ],
        &[("src/a/x.tsx", 1, "dup")],
    );
}

fn settings_page(name: &str, root: &str, heading: &str) -> String {
    format!(
        "function {name}({{ params }}) {{\n  const {{ workspaceSlug, projectId }} = params;\n  const {{ currentProjectDetails }} = useProject();\n  const {{ t }} = useTranslation();\n  const pageTitle = currentProjectDetails?.name ? `${{currentProjectDetails?.name}} - {heading}` : undefined;\n  if (!canEdit(projectId)) return <NotAuthorizedView section=\"settings\" />;\n  return (\n    <SettingsContentWrapper header={{<SettingsHeader />}}>\n      <PageHead title={{pageTitle}} />\n      <div className=\"w-full\">\n        <SettingsHeading title={{t(\"{heading}.heading\")}} description={{t(\"{heading}.description\")}} />\n        <{root} workspaceSlug={{workspaceSlug}} projectId={{projectId}} />\n      </div>\n    </SettingsContentWrapper>\n  );\n}}\nexport default observer({name});\n"
    )
}

#[test]
fn route_pages_wiring_shared_parts_are_not_units_elsewhere_they_are() {
    let states = settings_page("StatesSettingsPage", "ProjectStateRoot", "states");
    let labels = settings_page("LabelsSettingsPage", "ProjectLabelRoot", "labels");
    let t = dups();
    // Next.js app router / React Router route modules: `page.tsx` under `app/`, `app/root.tsx`
    for (a, b) in [
        (
            "web/app/settings/states/page.tsx",
            "web/app/settings/labels/page.tsx",
        ),
        ("admin/app/root.tsx", "web/app/root.tsx"),
        (
            "web/app/routes/states/layout.tsx",
            "web/app/routes/labels/layout.tsx",
        ),
    ] {
        let run = t.run(&[(a, &states), (b, &labels)]);
        assert!(run.found().is_empty(), "{a}: {:?}", run.found());
    }
    // the document shell of a root module (`<html><head>…<body>`), with its own elements
    let shell = |extra: &str| {
        format!(
            "export function Layout({{ children }}) {{\n  return (\n    <html lang=\"en\" suppressHydrationWarning>\n      <head>\n        <meta charSet=\"utf-8\" />\n        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n        <Meta />\n        <Links />{extra}\n      </head>\n      <body className=\"antialiased\">\n        <AppProviders>{{children}}</AppProviders>\n        <Scripts />\n      </body>\n    </html>\n  );\n}}\n"
        )
    };
    let run = t.run(&[
        ("admin/app/root.tsx", &shell("")),
        (
            "space/app/root.tsx",
            &shell("\n        <link rel=\"icon\" href=\"/favicon.ico\" />"),
        ),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same wiring in component files is a copy; so is a page named `page` outside a
    // route folder, and a `root.tsx` deeper in the tree (a component's root)
    for (a, b) in [
        ("src/states/view.tsx", "src/labels/view.tsx"),
        ("src/states/page.tsx", "src/labels/page.tsx"),
        ("web/app/states/root.tsx", "web/app/labels/root.tsx"),
    ] {
        let mut t = dups();
        // the representative: the first by file (`labels` before `states`)
        t.expect(&[(a, &states), (b, &labels)], &[(b, 1, "dup")]);
    }
    // a route page that builds its own markup (more elements than components) is a unit
    let own = |name: &str| {
        format!(
            "export default function {name}() {{\n  const {{ data }} = useData();\n  return (\n    <div className=\"flex\">\n      <ul className=\"list\">\n        {{data.items.map((it) => (\n          <li key={{it.id}} className=\"row\">\n            <span className=\"name\">{{it.name}}</span>\n            <span className=\"count\">{{it.count}}</span>\n          </li>\n        ))}}\n      </ul>\n      <Footer total={{data.total}} />\n    </div>\n  );\n}}\n"
        )
    };
    let mut t = dups();
    t.expect(
        &[
            ("web/app/a/page.tsx", &own("APage")),
            ("web/app/b/page.tsx", &own("BPage")),
        ],
        &[("web/app/a/page.tsx", 1, "dup")],
    );
}

// ---- issue 15, round 6: small Rust copies by their callees; identical shapes by their names

/// The rule at the default floors (`min_tokens` 60), with `fields`.
fn rule(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{{match}}` is a near-copy\"\n{fields}\n"
    ))
}

/// A `Sink::binary_data`-like method: one guarded log call; `comma` ends the macro's arguments
/// with a trailing comma (the same code, formatted a little apart).
fn binary_data(probe: &str, logger: &str, show: &str, comma: bool) -> String {
    let comma = if comma { "," } else { "" };
    format!(
        "impl Sink for Printer {{\n    fn binary_data(&mut self, searcher: &Searcher, offset: u64) -> Result<bool, Error> {{\n        let detection = searcher.{probe}();\n        if detection.quit_byte().is_some() {{\n            if let Some(ref path) = self.path {{\n                log::{logger}!(\"ignoring {{path}}: binary data at {{offset}}\", path = path.{show}(){comma});\n            }}\n        }}\n        Ok(true)\n    }}\n}}\n"
    )
}

#[test]
fn small_rust_copies_are_found_by_their_callees() {
    // both under min_tokens (60), over min_tokens_exact (40), close but not identical
    let json = binary_data("binary_detection", "debug", "display", false);
    let standard = binary_data("binary_detection", "debug", "display", true);
    // plain Jaccard: with two units the IDF weights would make any edit count double
    let fields = "min_tokens_exact = 40\nweighting = \"none\"";
    let mut t = rule(fields);
    let run = t.expect(
        &[("src/json.rs", &json), ("src/standard.rs", &standard)],
        &[("src/json.rs", 2, "dup")],
    );
    assert!(
        run.findings()[0].related[0].message.contains("similar"),
        "{:?}",
        run.findings()
    );
    // the same small shape around other calls: the shape alone does not make a copy
    let other = binary_data("color_choice", "warn", "to_string_lossy", true);
    let run = rule(fields).run(&[("src/json.rs", &json), ("src/color.rs", &other)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // without callee names to back it, a small unit stays under the near floor
    let run = rule(&format!("{fields}\ncompare_names = false"))
        .run(&[("src/json.rs", &json), ("src/standard.rs", &standard)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // two small command scaffolds calling the same things, half alike in shape: not a close copy
    let scaffold = |setup: &str, call: &str| {
        format!(
            "impl Command for Cmd {{\n    fn run(&self, engine_state: &EngineState, _stack: &mut Stack, call: &Call, input: PipelineData) -> Result<PipelineData, ShellError> {{\n        let head = call.head;{setup}\n        if let PipelineData::Empty = input {{\n            return Err(ShellError::PipelineEmpty {{ dst_span: head }});\n        }}\n        input.map(move |value| {call}, engine_state.signals())\n    }}\n}}\n"
        )
    };
    let cosh = scaffold("", "operate(value, head)");
    let split = scaffold(
        "\n        let args = Arguments;",
        "super::operate(&split, &args, value, head)",
    );
    let run = rule(fields).run(&[("src/math/cosh.rs", &cosh), ("src/path/split.rs", &split)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

/// A method that boxes a large future before handing it on to `inner`.
fn boxing(name: &str, inner: &str, local: &str) -> String {
    format!(
        "impl Runtime {{\n    pub fn {name}<F: Future>(&self, future: F) -> F::Output {{\n        let {local} = mem::size_of::<F>();\n        if {local} > BOX_FUTURE_THRESHOLD {{\n            self.{inner}(Box::pin(future), SpawnMeta::new_unnamed({local}))\n        }} else {{\n            self.{inner}(future, SpawnMeta::new_unnamed({local}))\n        }}\n    }}\n}}\n"
    )
}

#[test]
fn small_identical_rust_shapes_are_copies_only_when_they_call_the_same() {
    // under min_tokens (60), over min_tokens_exact (30): found by the exact hash alone
    let block_on = boxing("block_on", "block_on_inner", "fut_size");
    // the same idiom around another operation: identical shape, one callee differs
    let spawn = boxing("spawn", "spawn_named", "fut_size");
    let fields = "min_tokens_exact = 30";
    let run = rule(fields).run(&[("src/runtime.rs", &block_on), ("src/handle.rs", &spawn)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // an identical copy (locals renamed, every callee kept) is still found
    let copy = boxing("block_on", "block_on_inner", "size");
    let mut t = rule(fields);
    let run = t.expect(
        &[("src/runtime.rs", &block_on), ("src/handle.rs", &copy)],
        &[("src/handle.rs", 2, "dup")],
    );
    assert!(
        run.findings()[0].related[0].message.contains("identical"),
        "{:?}",
        run.findings()
    );
    // over min_tokens (30 here) the usual bar holds: the shape says more, the pair is kept
    let mut t = with("");
    t.expect(
        &[("src/runtime.rs", &block_on), ("src/handle.rs", &spawn)],
        &[("src/handle.rs", 2, "dup")],
    );
}

// ---- issue 15, round 7: verbatim copies of small wrappers; e-mail templates by their text

/// A one-element wrapper of a UI kit: `name` around the intrinsic `tag`, with its class names.
fn kit_wrapper(name: &str, tag: &str, classes: &str) -> String {
    format!(
        "import * as React from \"react\";\nimport {{ cn }} from \"../utils\";\n\nconst {name} = ({{ className, ...props }}: React.HTMLAttributes<HTMLDivElement>) => (\n  <{tag} className={{cn(\"{classes}\", className)}} {{...props}} />\n);\n{name}.displayName = \"{name}\";\n\nexport {{ {name} }};\n"
    )
}

/// A Radix-primitive wrapper of a UI kit: `name` forwarding its ref to `primitive`.
fn primitive_wrapper(name: &str, primitive: &str, classes: &str) -> String {
    format!(
        "const {name} = React.forwardRef(({{ className, ...props }}, ref) => (\n  <{primitive} ref={{ref}} className={{cn(\"{classes}\", className)}} {{...props}} />\n));\n{name}.displayName = {primitive}.displayName;\n"
    )
}

#[test]
fn small_wrappers_copied_verbatim_between_kits_are_copies() {
    // ~35 tokens: under min_tokens_exact (50), over min_tokens_verbatim (20); the second kit
    // changed one class name
    let a = kit_wrapper(
        "DialogHeader",
        "div",
        "flex flex-col space-y-1.5 text-center",
    );
    let b = kit_wrapper("DialogHeader", "div", "flex flex-col gap-1.5 text-center");
    let mut t = rule("");
    let run = t.expect(
        &[
            ("packages/ui/src/dialog.tsx", &a),
            ("packages/workbench/ui/dialog.tsx", &b),
        ],
        &[("packages/ui/src/dialog.tsx", 4, "dup")],
    );
    assert!(
        run.findings()[0].related[0].message.contains("identical"),
        "{:?}",
        run.findings()
    );
    // the same shape under another name, or around another element: not a verbatim copy
    let footer = kit_wrapper(
        "DialogFooter",
        "div",
        "flex flex-col space-y-1.5 text-center",
    );
    let span = kit_wrapper(
        "DialogHeader",
        "span",
        "flex flex-col space-y-1.5 text-center",
    );
    for other in [&footer, &span] {
        let run = rule("").run(&[
            ("packages/ui/src/dialog.tsx", &a),
            ("packages/workbench/ui/dialog.tsx", other),
        ]);
        assert!(run.found().is_empty(), "{:?}", run.found());
    }
    // wrappers of different primitives, one shape (`SelectItem` vs `DropdownMenuItem`)
    let select = primitive_wrapper("SelectItem", "SelectPrimitive.Item", "relative flex");
    let menu = primitive_wrapper(
        "DropdownMenuItem",
        "DropdownMenuPrimitive.Item",
        "relative flex",
    );
    let run = rule("").run(&[("src/ui/select.tsx", &select), ("src/ui/menu.tsx", &menu)]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same primitive wrapper in two kits: found
    let mut t = rule("");
    t.expect(
        &[
            ("src/ui/select.tsx", &select),
            ("src/kit/select.tsx", &select),
        ],
        &[("src/kit/select.tsx", 1, "dup")],
    );
    // a route module's framework export, the same in two apps: the convention, not a copy
    let fallback = "export function HydrateFallback() {\n  return (\n    <div className=\"relative flex h-screen w-full items-center justify-center\">\n      <LogoSpinner />\n    </div>\n  );\n}\n";
    let run = rule("").run(&[
        ("apps/admin/app/root.tsx", fallback),
        ("apps/space/app/root.tsx", fallback),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // in a component file it is a small copy like any other
    let mut t = rule("");
    t.expect(
        &[
            ("apps/admin/ui/fallback.tsx", fallback),
            ("apps/space/ui/fallback.tsx", fallback),
        ],
        &[("apps/admin/ui/fallback.tsx", 1, "dup")],
    );
    // the floor is a field: at 40 the wrappers are too small
    let run = rule("min_tokens_verbatim = 40").run(&[
        ("packages/ui/src/dialog.tsx", &a),
        ("packages/workbench/ui/dialog.tsx", &b),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

/// A transactional e-mail on react-email's layout; `root` is its first element.
fn email(name: &str, root: &str, heading: &str, body: &str, cta: &str) -> String {
    format!(
        "export default function {name}({{ email = \"panic@example.com\", url = \"https://example.com\" }}) {{\n  return (\n    <{root}>\n      <Head />\n      <Preview>{heading}</Preview>\n      <Tailwind>\n        <Body className=\"mx-auto my-auto bg-white font-sans\">\n          <Container className=\"mx-auto my-10 max-w-[600px] rounded border border-solid border-neutral-200 px-10 py-5\">\n            <Section className=\"mt-8\">\n              <Img src=\"https://example.com/logo.png\" height=\"32\" alt=\"Acme\" />\n            </Section>\n            <Heading className=\"mx-0 my-7 p-0 text-lg font-medium text-black\">{heading}</Heading>\n            <Text className=\"text-sm leading-6 text-black\">{body}</Text>\n            <Section className=\"my-8\">\n              <Link className=\"rounded-lg bg-black px-6 py-3 text-center text-[12px] font-semibold text-white no-underline\" href={{url}}>{cta}</Link>\n            </Section>\n            <Footer email={{email}} />\n          </Container>\n        </Body>\n      </Tailwind>\n    </{root}>\n  );\n}}\n"
    )
}

#[test]
fn email_templates_on_one_layout_are_copies_only_when_their_text_is() {
    let claimed = email(
        "DomainClaimed",
        "Html",
        "Your domain is claimed",
        "You have claimed your free domain for your workspace.",
        "View domain",
    );
    let disabled = email(
        "WebhookDisabled",
        "Html",
        "Your webhook has been disabled",
        "It failed to deliver too many times in a row and was turned off.",
        "Open webhook settings",
    );
    // two e-mails on one layout: one template per e-mail is the design
    let run = rule("").run(&[
        ("emails/domain-claimed.tsx", &claimed),
        ("emails/webhook-disabled.tsx", &disabled),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the same e-mail for another audience, its text kept: a copy
    let invite = email(
        "WorkspaceInvite",
        "Html",
        "Join your team on Acme",
        "You have been invited to join the team workspace on Acme.",
        "Join workspace",
    );
    let partner = email(
        "PartnerInvite",
        "Html",
        "Join your team on Acme Partners",
        "You have been invited to join the team workspace on Acme Partners.",
        "Join workspace",
    );
    let mut t = rule("");
    t.expect(
        &[
            ("emails/partner-invite.tsx", &partner),
            ("emails/workspace-invite.tsx", &invite),
        ],
        &[("emails/partner-invite.tsx", 1, "dup")],
    );
    // the same markup inside another component (not a document): the shape decides, as ever
    let a = email(
        "ClaimedCard",
        "Card",
        "Your domain is claimed",
        "You claimed it.",
        "View",
    );
    let b = email(
        "DisabledCard",
        "Card",
        "Webhook off",
        "It failed too often.",
        "Settings",
    );
    let mut t = rule("");
    t.expect(
        &[("src/claimed-card.tsx", &a), ("src/disabled-card.tsx", &b)],
        &[("src/claimed-card.tsx", 1, "dup")],
    );
}

// ---- issue 16: day one — a folder of per-variant files is the folder's design ----

/// The units of a per-variant folder: each a block list sharing all but the last two blocks.
fn variant(name: &str, own: [usize; 2]) -> String {
    blocks(name, &[0, 1, 2, 3, 4, 5, 6, 7, own[0], own[1]])
}

#[test]
fn a_folder_of_variants_is_reported_only_for_its_near_identical_members() {
    let (nps, rating, date) = (
        variant("NpsElement", [8, 9]),
        variant("RatingElement", [10, 11]),
        variant("DateElement", [12, 13]),
    );
    let (j, _) = sim(&nps, &rating);
    assert!((0.5..0.9).contains(&j), "premise: {j}");
    let family = [
        ("src/elements/nps.tsx", nps.as_str()),
        ("src/elements/rating.tsx", rating.as_str()),
        ("src/elements/date.tsx", date.as_str()),
    ];
    // at the defaults the three are one cluster
    let run = with("").run(&family);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    assert_eq!(run.findings()[0].related.len(), 2);
    // with family_similarity, a folder of variants sharing their shell is the design: silent
    let fam = with("family_similarity = 0.9");
    let run = fam.run(&family);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // a variant copied whole (renamed) into the folder is still reported, alone
    let copy = variant("ScaleElement", [8, 9]);
    let mut four = family.to_vec();
    four.push(("src/elements/scale.tsx", copy.as_str()));
    let run = fam.run(&four);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    let f = &run.findings()[0];
    let members: Vec<&str> = f.related.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(f.related.len(), 1, "{members:?}");
    assert!(
        [f.file.as_str(), members[0]].contains(&"src/elements/scale.tsx")
            && [f.file.as_str(), members[0]].contains(&"src/elements/nps.tsx"),
        "{} {members:?}",
        f.file
    );
    // the same three in three folders are copies made elsewhere: reported
    let spread = [
        ("src/nps/element.tsx", family[0].1),
        ("src/rating/element.tsx", family[1].1),
        ("src/date/element.tsx", family[2].1),
    ];
    let run = fam.run(&spread);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    assert_eq!(run.findings()[0].related.len(), 2);
    // two variants in one folder are no family: reported
    let run = fam.run(&family[..2]);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    // out of range: a config error
    let bad = "[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"m\"\nfamily_similarity = 2.0\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("archdrift.toml"), bad).unwrap();
    let err = crate::config::load(&dir.path().join("archdrift.toml")).expect_err("out of range");
    assert!(
        err[0].message.contains("family_similarity"),
        "{}",
        err[0].message
    );
}

#[test]
fn a_large_copy_inside_a_folder_of_variants_is_still_reported() {
    // per-provider import modals: the same nine blocks over and over (long), two of their own
    let modal = |name: &str, own: [usize; 2], times: usize| {
        let mut which: Vec<usize> = Vec::new();
        for _ in 0..times {
            which.extend(0..9);
        }
        which.extend(own);
        blocks(name, &which)
    };
    let family = |times: usize| {
        [
            (
                "src/modals/import-short.tsx",
                modal("ImportShortModal", [9, 10], times),
            ),
            (
                "src/modals/import-rebrandly.tsx",
                modal("ImportRebrandlyModal", [11, 12], times),
            ),
            (
                "src/modals/import-bitly.tsx",
                modal("ImportBitlyModal", [13, 14], times),
            ),
        ]
    };
    let big = family(7);
    let (j, _) = sim(&big[0].1, &big[1].1);
    assert!((0.5..0.9).contains(&j), "premise: {j}");
    let files: Vec<(&str, &str)> = big.iter().map(|(f, s)| (*f, s.as_str())).collect();
    let fam = with("family_similarity = 0.9");
    let run = fam.run(&files);
    assert_eq!(run.found().len(), 1, "{:?}", run.found());
    assert_eq!(run.findings()[0].related.len(), 2);
    // the same family at a seventh of the size is the folder's shell: silent
    let small = family(1);
    let (j, _) = sim(&small[0].1, &small[1].1);
    assert!((0.5..0.9).contains(&j), "premise: {j}");
    let files: Vec<(&str, &str)> = small.iter().map(|(f, s)| (*f, s.as_str())).collect();
    assert_eq!(
        with("").run(&files).found().len(),
        1,
        "a cluster at the defaults"
    );
    let run = fam.run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

// ---- issue 15, dup15i: the pair decision by what differs (Rust)

/// Two poll functions of one stream type: the same readiness/shutdown scaffold, each with its
/// own I/O at the end (62% similar, the smaller 78% inside the larger).
const POLL_READ: &str = "impl Stream {\n    fn poll_read(&mut self, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {\n        let this = self.project();\n        let mut guard = ready!(this.registration.poll_ready(cx, Interest::READY))?;\n        if this.closed.load(Ordering::Acquire) {\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::Other, \"closed\")));\n        }\n        let deadline = this.timer.deadline();\n        if deadline.is_elapsed() {\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, \"timed out\")));\n        }\n        let budget = ready!(coop::poll_proceed(cx));\n        if !this.shutdown.is_empty() {\n            trace!(id = this.id, state = ?this.state, \"poll after shutdown\");\n            budget.made_progress();\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::BrokenPipe, \"shut down\")));\n        }\n        let n = this.io.read(buf.initialize_unfilled())?;\n        buf.advance(n);\n        this.stats.bytes_read += n as u64;\n        guard.clear_ready();\n        Poll::Ready(Ok(()))\n    }\n}\n";
const POLL_WRITE: &str = "impl Stream {\n    fn poll_write(&mut self, cx: &mut Context<'_>, data: &[u8]) -> Poll<io::Result<usize>> {\n        let this = self.project();\n        let mut guard = ready!(this.registration.poll_ready(cx, Interest::READY))?;\n        if this.closed.load(Ordering::Acquire) {\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::Other, \"closed\")));\n        }\n        let deadline = this.timer.deadline();\n        if deadline.is_elapsed() {\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::TimedOut, \"timed out\")));\n        }\n        let budget = ready!(coop::poll_proceed(cx));\n        if !this.shutdown.is_empty() {\n            trace!(id = this.id, state = ?this.state, \"poll after shutdown\");\n            budget.made_progress();\n            return Poll::Ready(Err(io::Error::new(io::ErrorKind::BrokenPipe, \"shut down\")));\n        }\n        let mut written = 0;\n        for chunk in data.chunks(this.limit) {\n            written += this.io.write(chunk)?;\n        }\n        guard.clear_ready();\n        Poll::Ready(Ok(written))\n    }\n}\n";

#[test]
fn parallel_rust_functions_in_one_crate_are_not_copies() {
    let files = [("src/read.rs", POLL_READ), ("src/write.rs", POLL_WRITE)];
    let run = with("").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // token sets alone call them copies
    with("compare_differences = false").expect(&files, &[("src/read.rs", 2, "dup")]);
    // copied into another crate, which could not import it, the same pair is a copy
    with("").expect(
        &[("a/src/read.rs", POLL_READ), ("b/src/write.rs", POLL_WRITE)],
        &[("a/src/read.rs", 2, "dup")],
    );
    // a copy in the same crate with a name or two changed stays one
    let copy = POLL_READ
        .replace("poll_read", "poll_read_vectored")
        .replace("bytes_read", "vectored_read");
    with("").expect(
        &[("src/read.rs", POLL_READ), ("src/vectored.rs", &copy)],
        &[("src/read.rs", 2, "dup")],
    );
}

fn totals(names: [&str; 13]) -> String {
    let [f, arg, ty, price, qty, sub, disc, rate, ship, exp, fee, tax, seen] = names;
    format!(
        "impl Book {{\n    fn {f}(&mut self, {arg}: &{ty}) -> u64 {{\n        let {sub} = {arg}.{price} * {arg}.{qty};\n        let {disc} = {sub} * self.{rate} / 100;\n        let {ship} = if {arg}.{exp} {{ self.{fee} * 2 }} else {{ self.{fee} }};\n        let {tax} = ({sub} - {disc}) * self.{rate} / 100;\n        self.{seen} += 1;\n        self.{seen} = self.{seen}.max({sub} - {disc} + {tax} + {ship});\n        {sub} - {disc} + {tax} + {ship}\n    }}\n}}\n"
    )
}

#[test]
fn one_idiom_over_other_names_everywhere_is_not_a_copy() {
    let order = totals([
        "order_total",
        "order",
        "Order",
        "price",
        "quantity",
        "subtotal",
        "discount",
        "discount_rate",
        "shipping",
        "express",
        "base_fee",
        "tax",
        "orders_seen",
    ]);
    // the same arithmetic over the fields of another domain: no name in common
    let sample = totals([
        "sample_level",
        "sample",
        "Sample",
        "level",
        "gain",
        "raw",
        "offset",
        "bias",
        "boost",
        "clipped",
        "floor",
        "noise",
        "peak",
    ]);
    let files = [
        ("src/orders.rs", order.as_str()),
        ("src/audio.rs", sample.as_str()),
    ];
    let run = with("").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    with("compare_differences = false").expect(&files, &[("src/audio.rs", 2, "dup")]);
    // in two crates the tokens decide, as before
    with("").expect(
        &[
            ("orders/src/lib.rs", order.as_str()),
            ("audio/src/lib.rs", sample.as_str()),
        ],
        &[("audio/src/lib.rs", 2, "dup")],
    );
    // a copy for another entity, a few names renamed, most kept: a copy
    let refund = totals([
        "refund_total",
        "refund",
        "Refund",
        "price",
        "quantity",
        "subtotal",
        "discount",
        "discount_rate",
        "shipping",
        "express",
        "base_fee",
        "tax",
        "refunds_seen",
    ]);
    with("").expect(
        &[
            ("src/orders.rs", order.as_str()),
            ("src/refunds.rs", refund.as_str()),
        ],
        &[("src/orders.rs", 2, "dup")],
    );
}

/// A per-entity filter list: the shell (header, one option per item) with the entity's store,
/// its getters, field, handler and icon in the slots.
fn entity_filter(names: [&str; 10]) -> String {
    let [comp, hook, get_ids, get_one, ids, id, label, icon, title, on_pick] = names;
    format!(
        "export const {comp} = observer(function {comp}({{ {on_pick} }}: Props) {{\n  const {{ {get_ids}, {get_one} }} = {hook}();\n  const {ids} = {get_ids}();\n  return (\n    <FilterHeader title=\"{title}\">\n      {{{ids}.map(({id}) => (\n        <FilterOption\n          key={{{id}}}\n          icon={{<{icon} />}}\n          title={{{get_one}({id})?.{label}}}\n          onClick={{() => {on_pick}({id})}}\n        />\n      ))}}\n    </FilterHeader>\n  );\n}});\n"
    )
}

#[test]
fn with_compare_renames_one_shell_over_another_entity_is_not_a_tsx_copy() {
    let labels = entity_filter([
        "FilterLabels",
        "useLabel",
        "getProjectLabelIds",
        "getLabelById",
        "labelIds",
        "labelId",
        "name",
        "LabelIcon",
        "Labels",
        "onLabel",
    ]);
    // the same shell over another entity's store, getters, field and icon: what it reads is
    // renamed nearly everywhere (a per-entity filter list, parallel by design)
    let cycles = entity_filter([
        "FilterCycles",
        "useCycle",
        "getProjectCycleIds",
        "getCycleById",
        "cycleIds",
        "cycleId",
        "title",
        "CycleIcon",
        "Cycles",
        "onCycle",
    ]);
    let files = [
        ("src/labels/filter.tsx", labels.as_str()),
        ("src/cycles/filter.tsx", cycles.as_str()),
    ];
    let run = with("compare_renames = true").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // off by default, and under `compare_differences = false`
    with("").expect(&files, &[("src/cycles/filter.tsx", 1, "dup")]);
    with("compare_renames = true\ncompare_differences = false")
        .expect(&files, &[("src/cycles/filter.tsx", 1, "dup")]);
    // the filter copied for another list of the same entity: the component, its title and
    // one getter renamed, the rest kept: a copy
    let archived = entity_filter([
        "FilterArchivedLabels",
        "useLabel",
        "getArchivedLabelIds",
        "getLabelById",
        "labelIds",
        "labelId",
        "name",
        "LabelIcon",
        "Archived labels",
        "onLabel",
    ]);
    with("compare_renames = true").expect(
        &[
            ("src/labels/filter.tsx", labels.as_str()),
            ("src/archive/filter.tsx", archived.as_str()),
        ],
        &[("src/archive/filter.tsx", 1, "dup")],
    );
}

// ---- issues 15/16, dup17: one trait implemented for two types over their own vocabularies

/// `Debug` of a four-field geometry type: a uniform shortcut, else every field by name.
fn debug_of(ty: &str, fields: [&str; 4]) -> String {
    let [a, b, c, d] = fields;
    format!(
        "impl<T: Debug + PartialEq> Debug for {ty}<T> {{\n    fn fmt(&self, f: &mut Formatter) -> fmt::Result {{\n        if self.all_equal() {{\n            f.write_str(\"{ty}::uniform(\")?;\n            self.{a}.fmt(f)?;\n            f.write_str(\")\")\n        }} else {{\n            f.debug_struct(\"{ty}\")\n                .field(\"{a}\", &self.{a})\n                .field(\"{b}\", &self.{b})\n                .field(\"{c}\", &self.{c})\n                .field(\"{d}\", &self.{d})\n                .finish()\n        }}\n    }}\n}}\n"
    )
}

/// A cell conversion for a wrapper type: its empty variant, else the inner value.
fn from_cell_of(ty: &str, blank: &str, missing: &str, present: &str) -> String {
    format!(
        "impl<T: FromCell> FromCell for {ty}<T> {{\n    fn from_cell(cell: Cell) -> Result<Self, String> {{\n        match cell {{\n            Cell::{blank} => Ok(Self::{missing}),\n            c if T::accepts(&c) => Ok(Self::{present}(T::from_cell(c)?)),\n            _ => Err(Self::mismatch(&cell)),\n        }}\n    }}\n}}\n"
    )
}

/// A settings struct into a table: each optional field under its key.
fn into_table_of(ty: &str, arg: &str, a: &str, b: &str) -> String {
    format!(
        "impl From<{ty}> for Table {{\n    fn from({arg}: {ty}) -> Self {{\n        let mut table = Table::new();\n        if let Some({a}) = {arg}.{a} {{\n            table.insert(\"{a}\".into(), {a}.into_entry());\n        }}\n        if let Some({b}) = {arg}.{b} {{\n            table.insert(\"{b}\".into(), {b}.into_entry());\n        }}\n        table\n    }}\n}}\n"
    )
}

/// A bitflags type's names joined: one `if` per flag.
fn flag_names(header: &str, f: &str, ty: &str, flags: [&str; 4]) -> String {
    let ifs: String = flags
        .iter()
        .map(|fl| format!("        if self.contains({ty}::{fl}) {{\n            s.push(\"{fl}\");\n        }}\n"))
        .collect();
    format!("{header} {{\n    fn {f}(self) -> String {{\n        let mut s = vec![];\n{ifs}        s.join(\"|\")\n    }}\n}}\n")
}

#[test]
fn one_trait_for_two_types_over_their_own_fields_is_not_a_copy() {
    let quad = debug_of("Quad", ["north", "east", "south", "west"]);
    let span = debug_of("Span", ["inner", "outer", "above", "below"]);
    let maybe = from_cell_of("Maybe", "Blank", "Missing", "Present");
    let tri = from_cell_of("Tristate", "Void", "Unknown", "Known");
    let anchor = into_table_of("Anchor", "anchor", "edge", "gap");
    let indent = into_table_of("Indent", "indent", "amount", "every");
    // two traits, one per flag set
    let modes = flag_names(
        "impl ToString for Modes",
        "to_string",
        "Self",
        ["FUZZY", "TABS", "PANES", "HOSTS"],
    );
    let borders = flag_names(
        "impl Into<String> for &Borders",
        "into",
        "Borders",
        ["TITLE", "RESIZE", "SHADOW", "ROUNDED"],
    );
    for pair in [
        [&quad, &span],
        [&maybe, &tri],
        [&anchor, &indent],
        [&modes, &borders],
    ] {
        let files = [
            ("src/a.rs", pair[0].as_str()),
            ("src/b.rs", pair[1].as_str()),
        ];
        let run = with("").run(&files);
        assert!(run.found().is_empty(), "{:?}", run.found());
        // their tokens are one shape: without the pair decision they are copies
        with("compare_differences = false").expect(&files, &[("src/a.rs", 2, "dup")]);
    }
    // the same `Debug` for two types with the same fields (their names in its strings
    // differ): a copy
    let rect = debug_of("Rect", ["x", "y", "width", "height"]);
    let frame = debug_of("Frame", ["x", "y", "width", "height"]);
    with("").expect(
        &[
            ("src/rect.rs", rect.as_str()),
            ("src/frame.rs", frame.as_str()),
        ],
        &[("src/frame.rs", 2, "dup")],
    );
    // the same conversion with one variant renamed: it keeps half its vocabulary
    let opt = from_cell_of("Opt", "Blank", "Missing", "Given");
    with("").expect(
        &[
            ("src/maybe.rs", maybe.as_str()),
            ("src/opt.rs", opt.as_str()),
        ],
        &[("src/maybe.rs", 2, "dup")],
    );
    // `Display` copied for a second wrapper type: the same body, the same field and texts
    let display = |ty: &str| {
        format!(
            "impl fmt::Display for {ty} {{\n    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {{\n        if self.raw.is_empty() {{\n            return f.write_str(\"<none>\");\n        }}\n        let short = &self.raw[..self.raw.len().min(8)];\n        write!(f, \"{{}}…\", short)\n    }}\n}}\n"
        )
    };
    // one flag set's names in two traits: a copy
    let modes_into = flag_names(
        "impl Into<String> for &Modes",
        "into",
        "Modes",
        ["FUZZY", "TABS", "PANES", "HOSTS"],
    );
    with("").expect(
        &[
            ("src/modes.rs", modes.as_str()),
            ("src/into.rs", modes_into.as_str()),
        ],
        &[("src/into.rs", 2, "dup")],
    );
    let (user, order) = (display("UserId"), display("OrderId"));
    with("").expect(
        &[
            ("src/user.rs", user.as_str()),
            ("src/order.rs", order.as_str()),
        ],
        &[("src/order.rs", 2, "dup")],
    );
}

#[test]
fn generated_files_are_the_engines_generated_files() {
    let checked = |generated: bool| {
        Tester::new(&format!(
            "[check]\ngenerated = {generated}\n\n[[rule]]\nid = \"dup\"\nkind = \"duplicate-component\"\nmessage = \"`{{match}}` is a near-copy\"\nmin_tokens = 30\n"
        ))
    };
    let copy = RS_FN.replace("parse_header", "parse_trailer");
    let marked = format!("// @generated by build.rs\n{copy}");
    for generated in [false, true] {
        // a generated copy is not one, whether or not the other rules check generated files
        let run = checked(generated).run(&[("src/a.rs", RS_FN), ("src/b.rs", &marked)]);
        assert!(run.found().is_empty(), "{:?}", run.found());
        checked(generated).expect(
            &[("src/a.rs", RS_FN), ("src/b.rs", &copy)],
            &[("src/a.rs", 1, "dup")],
        );
    }
    // the words in code, not in a header comment, do not make a file generated
    let banner = format!("const BANNER: &str = \"DO NOT EDIT by hand\";\n\n{copy}");
    checked(true).expect(
        &[("src/a.rs", RS_FN), ("src/b.rs", &banner)],
        &[("src/a.rs", 1, "dup")],
    );
}

// ---- issues 15/16, twelfth session: TSX units that share a shape but not their names

/// A slot wrapper of a compound component: one element with its slot name and classes,
/// forwarding the rest.
fn slot(name: &str, tag: &str, helper: &str, rest: &str, classes: &str) -> String {
    format!(
        "export function {name}({{ className, ...{rest} }}: React.ComponentProps<\"{tag}\">) {{\n  const slotName = \"{name}\".toLowerCase();\n  return (\n    <{tag}\n      data-slot={{slotName}}\n      className={{{helper}(\"{classes}\", className)}}\n      {{...{rest}}}\n    />\n  );\n}}\n"
    )
}

#[test]
fn with_compare_renames_one_shape_over_other_names_is_not_a_tsx_copy() {
    let title = slot(
        "EmptyStateTitle",
        "h3",
        "cn",
        "props",
        "text-lg font-semibold",
    );
    // another compound component's slot: other element, class helper and rest name; fewer
    // than 8 aligned names, so only the vocabulary tells them apart
    let section = slot(
        "SettingsSection",
        "section",
        "clsx",
        "rest",
        "grid gap-6 py-8",
    );
    let files = [
        ("src/empty-state.tsx", title.as_str()),
        ("src/settings-layout.tsx", section.as_str()),
    ];
    let run = with("compare_renames = true").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the premise: their shapes are a near-copy
    with("").expect(&files, &[("src/empty-state.tsx", 1, "dup")]);
    // the same slot copied with its classes and one name changed keeps its vocabulary (with
    // other classes too it is one idiom over other literals: the case below)
    let copy = slot(
        "EmptyStateHeading",
        "h3",
        "cn",
        "rest",
        "text-lg font-semibold",
    );
    with("compare_renames = true").expect(
        &[
            ("src/empty-state.tsx", title.as_str()),
            ("src/onboarding/empty.tsx", copy.as_str()),
        ],
        &[("src/empty-state.tsx", 1, "dup")],
    );
}

// openstatus: 22 `cn()` slot wrappers of its status blocks and form cards (`StatusHeader`,
// `FormCardGroup`, `StatusChartTitle`, …) have one normalised shape and were one cluster of
// "identical" copies; the held-out labels call every pair a look-alike (medusa's
// `DropdownMenu.RadioItem` and `Select.Item`, a seed-2000 reader's N, likewise). Two units of
// one shape under different names whose literals mostly differ are one idiom for two parts.
// Near-misses that stay copies: one primitive (same name) restyled in two apps, and a
// renamed copy that keeps its literals.
#[test]
fn with_compare_renames_one_idiom_over_other_literals_is_not_a_tsx_copy() {
    let header = slot(
        "StatusHeader",
        "div",
        "cn",
        "props",
        "flex flex-col gap-1 px-3",
    );
    let group = slot(
        "FormCardGroup",
        "div",
        "cn",
        "props",
        "grid gap-4 rounded-md border",
    );
    let files = [
        ("src/blocks/status-layout.tsx", header.as_str()),
        ("src/forms/form-card.tsx", group.as_str()),
    ];
    let run = with("compare_renames = true").run(&files);
    assert!(run.found().is_empty(), "{:?}", run.found());
    // the premise: without the pair decision they are a copy
    with("").expect(&files, &[("src/blocks/status-layout.tsx", 1, "dup")]);
    // one primitive in two apps, restyled: the same name
    let restyled = slot(
        "StatusHeader",
        "div",
        "cn",
        "props",
        "grid gap-4 rounded-md border",
    );
    with("compare_renames = true").expect(
        &[
            ("apps/web/status-layout.tsx", header.as_str()),
            ("apps/admin/status-layout.tsx", restyled.as_str()),
        ],
        &[("apps/admin/status-layout.tsx", 1, "dup")],
    );
    // renamed, literals kept
    let renamed = slot(
        "PageHeader",
        "div",
        "cn",
        "props",
        "flex flex-col gap-1 px-3",
    );
    let found = with("compare_renames = true")
        .run(&[
            ("src/blocks/status-layout.tsx", header.as_str()),
            ("src/page/header.tsx", renamed.as_str()),
        ])
        .found();
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A shadcn-style content wrapper over the namespace `Primitives` imported from `spec`.
fn primitive_content(name: &str, import: &str, icon: &str) -> String {
    format!(
        "import * as React from \"react\";\n{import}\nimport {{ {icon} }} from \"lucide-react\";\nimport {{ cn }} from \"../lib/utils\";\n\nexport const {name} = React.forwardRef(({{ className, sideOffset = 4, ...props }}, ref) => (\n  <Primitives.Portal>\n    <Primitives.Content\n      ref={{ref}}\n      sideOffset={{sideOffset}}\n      className={{cn(\"z-50 w-72 rounded-md border bg-popover p-4 shadow-md outline-none\", className)}}\n      {{...props}}\n    >\n      <{icon} className=\"h-4 w-4\" />\n      {{props.children}}\n    </Primitives.Content>\n  </Primitives.Portal>\n));\n"
    )
}

#[test]
fn wrappers_of_different_package_primitives_are_not_copies() {
    let dropdown = primitive_content(
        "DropdownMenuContent",
        "import * as Primitives from \"@radix-ui/react-dropdown-menu\";",
        "Check",
    );
    let popover = primitive_content(
        "PopoverContent",
        "import * as Primitives from \"@radix-ui/react-popover\";",
        "Check",
    );
    // one primitive imported from the unified package is the same primitive
    let unified = primitive_content(
        "DropdownMenuContent",
        "import { DropdownMenu as Primitives } from \"radix-ui\";",
        "Check",
    );
    // a copy that shows another icon, and one that adds a wrapper around what it copied
    let other_icon = primitive_content(
        "MenuContent",
        "import * as Primitives from \"@radix-ui/react-dropdown-menu\";",
        "Plus",
    );
    let wrapped = dropdown
        .replace(
            "  <Primitives.Portal>\n",
            "  <Tooltip><Primitives.Portal>\n",
        )
        .replace(
            "  </Primitives.Portal>\n",
            "  </Primitives.Portal></Tooltip>\n",
        )
        .replace(
            "import { cn }",
            "import { Tooltip } from \"@radix-ui/react-tooltip\";\nimport { cn }",
        );
    for cfg in ["", "compare_renames = true"] {
        let t = with(cfg);
        let run = t.run(&[
            ("src/ui/dropdown-menu.tsx", dropdown.as_str()),
            ("src/ui/popover.tsx", popover.as_str()),
        ]);
        assert!(run.found().is_empty(), "{cfg}: {:?}", run.found());
        for (file, copy) in [
            ("apps/b/ui/dropdown-menu.tsx", &unified),
            ("apps/b/ui/menu.tsx", &other_icon),
            ("apps/b/ui/tooltip-menu.tsx", &wrapped),
        ] {
            let found = t
                .run(&[
                    ("src/ui/dropdown-menu.tsx", dropdown.as_str()),
                    (file, copy),
                ])
                .found();
            assert_eq!(found.len(), 1, "{cfg} {file}: {found:?}");
        }
    }
    // the premise: the same two wrappers over local modules are one shape, reported
    let local = |s: &str| s.replace("\"@radix-ui/react-popover\"", "\"./popover-primitive\"");
    let found = with("")
        .run(&[
            ("src/ui/dropdown-menu.tsx", &local(&dropdown)),
            ("src/ui/popover.tsx", &local(&popover)),
        ])
        .found();
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn package_bindings_name_the_primitive_however_imported() {
    let src = "import * as A from \"@radix-ui/react-dropdown-menu\";\nimport { Popover as B, Tooltip } from 'radix-ui';\nimport C from \"react-select\";\nimport type { D } from \"x\";\nimport { type E, F } from \"@acme/ui\";\nimport G from \"./local\";\nimport { H } from \"@/components/h\";\nimport { I } from \"lucide-react\";\nimport React, { useState, Fragment } from \"react\";\nimport { cva, Slot as Root } from \"@acme/kit\";\nconst x = import(\"y\");\n";
    let lx = js_lexer::lex(src);
    let got = package_bindings(&lx, src);
    let word = |w: &str| primitive_word("", Some(w));
    let want: Vec<(&str, u64)> = vec![
        ("A", word("dropdownmenu")),
        ("B", word("popover")),
        ("Tooltip", word("tooltip")),
        ("C", word("select")),
        ("F", word("f")),
        ("Root", word("slot")),
    ];
    // one word however spelled
    assert_eq!(
        word("DropdownMenu"),
        primitive_word("@radix-ui/react-dropdown-menu", None)
    );
    assert_eq!(got, want);
}

/// A resume template file: its own `Section` (its markup `section`) and a wrapper around it.
fn template(section: &str) -> String {
    format!(
        "export const Section = ({{ section, children }}) => {{\n  if (!section.visible) return null;\n  return (\n{section}\n  );\n}};\n\nexport const Profiles = () => {{\n  const section = useArtboardStore((state) => state.resume.sections.profiles);\n  const fontSize = useArtboardStore((state) => state.resume.metadata.typography.font.size);\n  return (\n    <Section section={{section}}>\n      {{(item) => (\n        <div>\n          <Link url={{item.url}} label={{item.username}} icon={{<BrandIcon slug={{item.icon}} />}} style={{{{ fontSize }}}} />\n          <p className=\"text-sm\">{{item.network}}</p>\n        </div>\n      )}}\n    </Section>\n  );\n}};\n"
    )
}

const SECTION_GRID: &str = "    <section id={section.id} className=\"grid\">\n      <h4 className=\"font-bold text-primary\">{section.name}</h4>\n      <div className=\"grid gap-x-6 gap-y-3\" style={{ gridTemplateColumns: `repeat(${section.columns}, 1fr)` }}>\n        {section.items.filter((item) => item.visible).map((item) => (\n          <div key={item.id} className=\"space-y-2\">{children?.(item)}</div>\n        ))}\n      </div>\n    </section>";
const SECTION_TABLE: &str = "    <table className=\"w-full\">\n      <caption>{section.name.toUpperCase()}</caption>\n      <tbody>\n        {section.items.map((item, index) => item.visible && (\n          <tr key={item.id} data-index={index}><td colSpan={2}>{children?.(item)}</td><td><Rating level={item.level} /></td></tr>\n        ))}\n      </tbody>\n    </table>";
const SECTION_LIST: &str = "    <aside>\n      <header className=\"flex items-center\"><span className=\"mr-2\">{section.icon}</span><strong>{section.name}</strong></header>\n      <ul>{section.items.slice(0, section.limit ?? 10).map((item) => <li key={item.id}>{children?.(item)}</li>)}</ul>\n      {section.items.length > (section.limit ?? 10) && <em>and more</em>}\n    </aside>";

#[test]
fn sibling_variants_over_their_own_parts_are_not_copies() {
    let a = template(SECTION_GRID);
    let b = template(SECTION_TABLE);
    let c = template(SECTION_LIST);
    let t = with("compare_renames = true");
    let in_one_folder = [
        ("src/templates/azurill.tsx", a.as_str()),
        ("src/templates/bronzor.tsx", b.as_str()),
        ("src/templates/chikorita.tsx", c.as_str()),
    ];
    let run = t.run(&in_one_folder);
    let found: Vec<&str> = run.findings().iter().map(|f| f.message.as_str()).collect();
    // the `Section`s (one shape over other classes) may be reported; the `Profiles` wrappers
    // over them are not
    assert!(found.iter().all(|f| !f.contains("Profiles")), "{found:?}");
    // the premise: without the per-file parts they are identical wrappers, reported
    let bare = |s: &str| s[s.find("export const Profiles").unwrap()..].to_string();
    let (ba, bb) = (bare(&a), bare(&b));
    let found = t
        .run(&[
            ("src/templates/azurill.tsx", ba.as_str()),
            ("src/templates/bronzor.tsx", bb.as_str()),
        ])
        .found();
    assert_eq!(found.len(), 1, "{found:?}");
    // a template copied whole (its Section as written too) stays a copy
    let run = t.run(&[
        ("src/templates/azurill.tsx", a.as_str()),
        ("src/templates/azurill-copy.tsx", a.as_str()),
    ]);
    let found: Vec<&str> = run.findings().iter().map(|f| f.message.as_str()).collect();
    assert!(found.iter().any(|f| f.contains("Profiles")), "{found:?}");
    // and across folders (a rewrite beside the legacy one) the wrappers stay reported
    let run = t.run(&[
        ("src/legacy/azurill.tsx", a.as_str()),
        ("src/v2/azurill.tsx", b.as_str()),
    ]);
    let found: Vec<&str> = run.findings().iter().map(|f| f.message.as_str()).collect();
    assert!(found.iter().any(|f| f.contains("Profiles")), "{found:?}");
}
