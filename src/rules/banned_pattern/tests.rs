//! banned-pattern cases: calls, methods, macros, imports, types, queries and regexes, with the
//! look-alikes that must stay silent, and test code kept or dropped per rule.

#![cfg(test)]

use tree_sitter::Query;

use super::*;
use crate::rules::harness::Tester;

fn bp(fields: &str) -> Tester {
    Tester::rule("banned-pattern", fields)
}

#[test]
fn calls_match_callee_paths_not_lookalikes() {
    let r = bp("calls = [\"console.*\", \"eval\"]");
    let src = "console.log(1);\nlogger.log(2);\n// console.log(3)\nconst s = \"console.log(4)\";\nconsole\n  .warn(5);\nevaluate(6);\nwindow.eval(7);\neval(8);\n";
    assert_eq!(r.lines("a.ts", src), vec![1, 5, 9]);
    // JS and TSX too
    assert_eq!(r.lines("a.jsx", "eval(1)"), vec![1]);
    assert_eq!(
        r.lines("a.tsx", "const A = () => <b onClick={() => eval(1)} />;"),
        vec![1]
    );
}

/// `` styled.button<Props>`…` `` is read by tree-sitter-typescript as comparisons; it is still a
/// call of `styled.button` (issue 14, item 4).
#[test]
fn generic_tagged_templates_are_calls() {
    let r = bp("calls = [\"styled.button\", \"styled\"]");
    let src = "const A = styled.button<Props>`color: red;`;\nconst B = styled.button<{ on: boolean }>`color: red;`;\nconst C = styled.button`color: red;`;\nconst D = styled(Base)<P>`color: red;`;\n";
    assert_eq!(r.lines("a.tsx", src), vec![1, 2, 3, 4]);
    assert_eq!(r.lines("a.ts", src), vec![1, 2, 3, 4]);
    // near-misses: a real comparison with a template on the right, another tag
    let near = "const x = a < b > `c`;\nconst y = styled.div<P>`color: red;`;\nconst z = n > `styled.button`;\n";
    assert_eq!(r.lines("a.ts", near), Vec::<usize>::new());
}

#[test]
fn methods_in_ts_and_rust_including_macro_arguments() {
    let r = bp("methods = [\"unwrap\"]");
    assert_eq!(r.lines("a.rs", "fn f() {\n a.unwrap();\n a.unwrap_or(1);\n assert!(b.unwrap());\n c.unwrap::<u8>();\n}\n"), vec![2, 4, 5]);
    assert_eq!(r.lines("a.ts", "x.unwrap();\nunwrap();\n"), vec![1]);
}

#[test]
fn macros_by_name_or_path() {
    let r = bp("macros = [\"dbg\", \"log::warn\"]");
    let src = "fn f() {\n dbg!(1);\n log::warn!(\"x\");\n warn!(\"y\");\n // dbg!(2)\n let s = \"dbg!(3)\";\n vec![dbg!(4)];\n}\n";
    assert_eq!(r.lines("a.rs", src), vec![2, 3, 7]);
}

/// `allow_debug_output = true`: nushell's `if debugging { dbg!(…) }` after reading
/// `MIETTE_DEBUG`, a `cfg!(debug_assertions)` branch, and meilisearch's build-info binary
/// whose short `main` exists to dump (a seed-1609 reader's N). Near-misses that stay
/// reported: a `dbg!` in the condition itself, in the `else` of a non-debug test, in a
/// long `main`, in a library's `main` function, and everything without the switch.
#[test]
fn debug_output_behind_a_debug_switch_is_deliberate() {
    let r = bp("macros = [\"dbg\"]\nallow_debug_output = true");
    let lib = "fn f(span: u8) {\n let debugging = std::env::var(\"MIETTE_DEBUG\").is_ok();\n if debugging {\n  dbg!(span);\n }\n if cfg!(debug_assertions) { dbg!(1); }\n if ready { dbg!(2); } else { dbg!(3); }\n if dbg!(verbose) { g(); }\n}\nfn main() { dbg!(4); }\n";
    assert_eq!(r.lines("src/lib.rs", lib), vec![7, 7, 8, 10]);
    let bin = "fn main() {\n    let info = BuildInfo::from_build();\n    dbg!(info);\n}\n";
    r.pass("crates/build-info/src/main.rs", bin);
    let long = "fn main() {\n    let a = 1;\n    run(a);\n    dbg!(a);\n}\n";
    assert_eq!(r.lines("src/main.rs", long), vec![4]);
    let strict = bp("macros = [\"dbg\"]");
    assert_eq!(strict.lines("src/lib.rs", lib), vec![4, 6, 7, 7, 8, 10]);
    assert_eq!(strict.lines("crates/build-info/src/main.rs", bin), vec![3]);
}

#[test]
fn imports_everywhere_they_hide() {
    let r = bp("imports = [\"lodash\", \"@mui/*\", \"std::process\"]");
    let src = "import a from 'lodash';\nimport b from 'lodash-es';\nimport c from 'lodash/get';\nexport { d } from '@mui/material';\nconst e = require('lodash');\nconst f = await import('lodash');\nimport g from './lodash';\nimport type { H } from '@mui/types';\n";
    assert_eq!(r.lines("a.ts", src), vec![1, 3, 4, 5, 6, 8]);
    let rs = "use std::process;\nuse std::{env, process::Command};\nuse std::processes;\nuse std::process::exit as quit;\n";
    assert_eq!(r.lines("a.rs", rs), vec![1, 2, 4]);
}

#[test]
fn types_in_type_positions_only() {
    let r = bp("types = [\"any\", \"RefCell\", \"React.FC\"]");
    let src = "let a: any;\nlet many = 1;\nconst anyValue = 2;\ntype T = Array<any>;\nconst C: React.FC = () => null;\nfunction f(x: AnyOf<string>) {}\n";
    assert_eq!(r.lines("a.ts", src), vec![1, 4, 5]);
    let rs = "struct S { a: RefCell<u8>, b: std::cell::RefCell<u8> }\nfn f() { let c = RefCell::new(1); }\n";
    assert_eq!(r.lines("a.rs", rs), vec![1, 1]);
}

#[test]
fn queries_report_the_match_capture_and_respect_predicates() {
    let r = bp("language = [\"typescript\", \"tsx\"]\nquery = '''((call_expression function: (identifier) @f) @match (#eq? @f \"eval\"))'''");
    let got = r.matches("a.ts", "eval(1);\nnotEval(2);\n");
    assert_eq!(got, vec![(1, "r".into(), "eval(1)".into())]);
    // no @match: the union of the captures
    let r = bp("language = \"rust\"\nquery = '''(unsafe_block (block) @b)'''");
    let got = r.matches("a.rs", "fn f() { unsafe { g() } }\n");
    assert_eq!(got, vec![(1, "r".into(), "{ g() }".into())]);
    // a rule for `typescript` does not run on `.rs` or `.js`
    let r = bp("language = \"typescript\"\nquery = '(debugger_statement) @match'");
    assert_eq!(r.lines("a.ts", "debugger;"), vec![1]);
    assert_eq!(r.lines("a.js", "debugger;"), Vec::<usize>::new());
    // a top-level alternation runs at the nodes of each alternative
    let r =
        bp("language = \"typescript\"\nquery = '[(debugger_statement) (with_statement)] @match'");
    assert_eq!(
        r.lines("a.ts", "debugger;\nfunction f() { if (x) { debugger; } }\n"),
        vec![1, 2]
    );
    // a wildcard root runs over the whole tree
    let r = bp("language = \"typescript\"\nquery = '((_) @match (#eq? @match \"zz\"))'");
    assert_eq!(r.lines("a.ts", "let a = 1;\nf(zz);\n"), vec![2]);
    // nested matches of a rooted query are all reported, once each
    let r = bp("language = \"typescript\"\nquery = '(non_null_expression) @match'");
    assert_eq!(r.lines("a.ts", "a!.b!.c;\nx!;\n"), vec![1, 1, 2]);
}

#[test]
fn regex_is_the_last_resort_and_multiline() {
    let r = bp("regex = '^\\s*// TODO[^(]'");
    assert_eq!(r.lines("a.ts", "// TODO fix\n// TODO(ACME-1) ok\nconst a = 1; // TODO not at line start\n  // TODO indented\n"), vec![1, 4]);
}

#[test]
fn rust_test_code_is_excluded_or_selected() {
    let src = "fn a() { x.unwrap(); }\n#[cfg(test)]\nmod tests {\n    fn helper() { y.unwrap(); }\n    #[test]\n    fn t() { z.unwrap(); }\n}\n#[test]\n// a comment between\nfn top() { w.unwrap(); }\n#[tokio::test]\nasync fn asy() { v.unwrap(); }\nfn after() { u.unwrap(); }\n";
    let ex = bp("methods = [\"unwrap\"]\ntests = \"exclude\"");
    assert_eq!(ex.lines("src/a.rs", src), vec![1, 13]);
    let only = bp("methods = [\"unwrap\"]\ntests = \"only\"");
    assert_eq!(only.lines("src/a.rs", src), vec![4, 6, 10, 12]);
    assert_eq!(ex.lines("tests/it.rs", src), Vec::<usize>::new());
    let inner = "#![cfg(test)]\nfn a() { x.unwrap(); }\n";
    assert_eq!(ex.lines("src/b.rs", inner), Vec::<usize>::new());
    // regex rules honour Rust test code as well
    let re = bp("regex = 'unwrap\\(\\)'\ntests = \"exclude\"");
    assert_eq!(re.lines("src/a.rs", src), vec![1, 13]);
}

#[test]
fn ts_test_files_by_path() {
    let ex = bp("calls = [\"eval\"]\ntests = \"exclude\"");
    assert_eq!(ex.lines("src/a.test.ts", "eval(1)"), Vec::<usize>::new());
    assert_eq!(
        ex.lines("src/__tests__/a.ts", "eval(1)"),
        Vec::<usize>::new()
    );
    assert_eq!(
        ex.lines("src/a.stories.tsx", "eval(1)"),
        vec![1],
        "stories only when configured"
    );
    assert_eq!(ex.lines("src/a.ts", "eval(1)"), vec![1]);
    let only = bp("calls = [\"eval\"]\ntests = \"only\"");
    assert_eq!(only.lines("src/a.spec.ts", "eval(1)"), vec![1]);
    assert_eq!(only.lines("src/a.ts", "eval(1)"), Vec::<usize>::new());
}

#[test]
fn message_and_help_say_what_matched() {
    let r = Tester::new("[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"no {match}\"\nhelp = \"replace {match}\"\ncalls = [\"console.*\"]\n");
    let run = r.run(&[("a.ts", "console.info(1)")]);
    let f = &run.findings()[0];
    assert_eq!(f.message, "no console.info");
    assert_eq!(f.help.as_deref(), Some("replace console.info"));
    assert_eq!((f.column, f.end_column), (1, 16));
}

#[test]
fn snapshot() {
    let mut t = Tester::new(
        "[[rule]]\nid = \"ts/no-console\"\nkind = \"banned-pattern\"\nseverity = \"error\"\nmessage = \"no {match}\"\nhelp = \"use the logger\"\nadr = { id = \"ADR-0002\", title = \"Logging\" }\ncalls = [\"console.*\"]\n\n[[rule]]\nid = \"rs/no-unwrap\"\nkind = \"banned-pattern\"\nmessage = \"`{match}` panics\"\nmethods = [\"unwrap\"]\ntests = \"exclude\"\n",
    );
    t.fail("src/a.ts", "console.log(1);\nlogger.log(2);\n", &[1]);
    t.fail(
        "src/lib.rs",
        "fn f() { a.unwrap(); a.unwrap_or(1); }\n#[cfg(test)]\nmod t { fn g() { b.unwrap(); } }\n",
        &[1],
    );
    insta::assert_snapshot!(t.snapshot());
}

#[test]
fn query_prefilter_uses_predicates_or_root_keywords() {
    let lits = |lang: Lang, q: &str| {
        let query = Query::new(&lang.grammar(), q).unwrap();
        query_prefilter(&query, q, lang).map(|v| v.into_iter().map(|l| l.text).collect::<Vec<_>>())
    };
    assert_eq!(
        lits(Lang::Rust, "(unsafe_block) @match"),
        Some(vec!["unsafe".to_string()])
    );
    assert_eq!(
        lits(Lang::TypeScript, "(debugger_statement) @match"),
        Some(vec!["debugger".to_string()])
    );
    assert_eq!(
        lits(Lang::TypeScript, "(non_null_expression) @match"),
        Some(vec!["!".to_string()])
    );
    // a kind without a listed keyword: no prefilter (and no anchors)
    assert_eq!(lits(Lang::TypeScript, "(arrow_function) @match"), None);
    assert_eq!(
        lits(
            Lang::TypeScript,
            "[(debugger_statement) (with_statement)] @m"
        ),
        Some(vec!["debugger".to_string(), "with".to_string()])
    );
    // the longer of predicate literal and keyword wins
    assert_eq!(
        lits(
            Lang::TypeScript,
            r#"((new_expression constructor: (identifier) @c) @match (#eq? @c "Function"))"#
        ),
        Some(vec!["Function".to_string()])
    );
    // every pattern needs a literal
    assert_eq!(
        lits(Lang::Rust, "(unsafe_block) @a\n(closure_expression) @b"),
        None
    );
}

#[test]
fn imports_match_subpaths_at_boundaries() {
    let p = vec![
        Wildcard::new("lodash"),
        Wildcard::new("@mui/*"),
        Wildcard::new("std::process"),
    ];
    assert!(import_matches(&p, "lodash", "/"));
    assert!(import_matches(&p, "lodash/get", "/"));
    assert!(!import_matches(&p, "lodash-es", "/"));
    assert!(!import_matches(&p, "./lodash", "/"));
    assert!(import_matches(&p, "@mui/material", "/"));
    assert!(!import_matches(&p, "@muix/material", "/"));
    assert!(import_matches(&p, "std::process::Command", "::"));
    assert!(!import_matches(&p, "std::processes", "::"));
}

#[test]
fn string_content_offsets() {
    let text = "q = '''\n(x) @y'''\nr = \"(z)\"";
    let q = text.find("'''").unwrap();
    assert_eq!(&text[string_content_start(text, q..q + 13)..][..3], "(x)");
    let r = text.find('"').unwrap();
    assert_eq!(
        &text[string_content_start(text, r..text.len())..][..3],
        "(z)"
    );
}

/// A query's prefilter literals (their texts), for `lang`.
fn prefilter_of(lang: Lang, q: &str) -> Option<Vec<String>> {
    let query = Query::new(&lang.grammar(), q).unwrap();
    query_prefilter(&query, q, lang).map(|v| {
        let mut t: Vec<String> = v.into_iter().map(|l| l.text).collect();
        t.sort();
        t
    })
}

#[test]
fn alternations_and_match_predicates_give_the_prefilter_literals() {
    let button = r#"([(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button"))"#;
    assert_eq!(prefilter_of(Lang::Tsx, button), Some(vec!["button".into()]));
    let http = r#"((string_fragment) @match (#match? @match "^http://"))"#;
    assert_eq!(prefilter_of(Lang::Tsx, http), Some(vec!["http://".into()]));
    // two patterns: one literal each
    let two = format!("{button}\n{http}");
    assert_eq!(
        prefilter_of(Lang::Tsx, &two),
        Some(vec!["button".into(), "http://".into()])
    );
    // a negative predicate names nothing a file must contain
    let not = r#"((string_fragment) @match (#not-match? @match "^http://"))"#;
    assert_eq!(prefilter_of(Lang::Tsx, not), None);
}

#[test]
fn alternation_queries_find_every_branch_and_skip_lookalikes() {
    let button = r#"([(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button"))"#;
    let r = bp(&format!("language = [\"tsx\"]\nquery = '''{button}'''"));
    assert_eq!(
        r.lines(
            "a.tsx",
            "export const A = () => (\n  <div>\n    <button/>\n    <button type=\"x\">b</button>\n    <Button/>\n    <buttons/>\n  </div>\n);\n"
        ),
        vec![3, 4]
    );
    // no "button" anywhere: skipped before parsing, and nothing to find anyway
    r.pass("b.tsx", "export const B = () => <div><span/></div>;\n");
    let http = r#"((string_fragment) @match (#match? @match "^http://"))"#;
    let r = bp(&format!(
        "language = [\"typescript\", \"tsx\"]\nquery = '''{http}'''"
    ));
    assert_eq!(
        r.lines(
            "c.ts",
            "const a = \"http://x.io\";\nconst b = \"https://x.io\";\n// http://in.a.comment\nconst c = 'see http://x.io';\nconst d = \"\\nhttp://after.escape\";\n"
        ),
        vec![1, 5]
    );
}

#[test]
fn regex_rules_get_a_prefilter_from_their_literals() {
    let r = bp("regex = 'TODO\\(\\w+\\)'");
    assert_eq!(
        r.lines("a.ts", "// TODO(ann) one\n// TODO: two\n// todo(bob)\n"),
        vec![1]
    );
    assert_eq!(
        derive_prefilter(&[], &[], false, None, Some(r"TODO\(\w+\)"))
            .map(|v| v.into_iter().map(|l| l.text).collect::<Vec<_>>()),
        Some(vec!["TODO(".to_string()])
    );
    // a regex without a literal every match contains: no prefilter
    assert_eq!(
        derive_prefilter(&[], &[], false, None, Some("[a-z]+x?")),
        None
    );
}

#[test]
fn a_predicate_outside_its_pattern_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("archdrift.toml");
    let q = r#"[(jsx_opening_element name: (identifier) @n) (jsx_self_closing_element name: (identifier) @n)] @match (#eq? @n "button")"#;
    std::fs::write(
        &p,
        format!("[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nlanguage = [\"tsx\"]\nquery = '''{q}'''\n"),
    )
    .unwrap();
    let e = crate::config::load(&p).unwrap_err().remove(0);
    let text = format!("{e:?}");
    assert!(text.contains("outside the parentheses"), "{text}");
    // the grouped form is fine
    let grouped = format!("({q})");
    std::fs::write(
        &p,
        format!("[[rule]]\nid = \"r\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nlanguage = [\"tsx\"]\nquery = '''{grouped}'''\n"),
    )
    .unwrap();
    assert!(crate::config::load(&p).is_ok());
}

/// Anchors (issue 18): with every matcher anchored the walk skips the subtrees holding no
/// matcher's literal. Each finding sits in a function that holds only its own matcher's name,
/// so a matcher whose anchors are missing loses its finding (the harness compares with a walk
/// over every node).
#[test]
fn anchors_of_every_matcher() {
    let r = bp("calls = [\"console.*\"]\nmethods = [\"substr\"]\nimports = [\"lodash\"]\ntypes = [\"any\"]");
    let ts = "import x from 'lodash';\nfunction a() { return 1; }\nfunction b() { console.log(1); }\nfunction c(s) { return s.substr(1); }\nfunction d(v: any) { return v; }\nfunction e() { return require('lodash/get'); }\nconst f = styled.button`x`;\n";
    assert_eq!(r.lines("a.ts", ts), vec![1, 3, 4, 5, 6]);
    let r = bp("calls = [\"styled.*\"]\nmethods = [\"unwrap\"]");
    assert_eq!(r.lines("a.ts", "function f() {\n  return styled.button<P>`x`;\n}\nfunction g() { return a.unwrap(); }\n"), vec![2, 4]);
    let rs = bp("calls = [\"std::process::exit\"]\nmethods = [\"unwrap\"]\nmacros = [\"dbg\"]\nimports = [\"std::env\"]\ntypes = [\"RefCell\"]");
    let src = "use std::env;\nfn a() { std::process::exit(1); }\nfn b() { x.unwrap(); }\nfn c() { dbg!(1); }\nfn d(x: RefCell<u8>) {}\nfn e() { assert!(y.unwrap()); }\nfn f() { vec![dbg!(2)]; }\nfn g() { h(std::process::exit(2)); }\n";
    assert_eq!(rs.lines("a.rs", src), vec![1, 2, 3, 4, 5, 6, 7, 8]);
    // near-misses: the names in comments and strings, other names holding them
    assert!(rs
        .lines(
            "b.rs",
            "// x.unwrap()\nfn a() { let s = \"dbg!(1)\"; x.unwrap_or(1); }\n"
        )
        .is_empty());
}

/// A query's anchors are its own requirement, never a `prefilter` the user wrote (that may be
/// anywhere in the file); a regex's are its literal factor; a query without a requirement has
/// none, and the file is walked whole.
#[test]
fn anchors_of_queries_and_regexes() {
    let q = bp("language = [\"typescript\"]\nquery = '''((new_expression constructor: (identifier) @c) @match (#eq? @c \"Function\"))'''\nprefilter = [\"zzz\"]\ncalls = [\"eval\"]");
    let src = "// zzz\nfunction a() { return 1; }\nfunction b() { return new Function(\"x\"); }\nfunction c() { eval(\"y\"); }\n";
    assert_eq!(q.lines("a.ts", src), vec![3, 4]);
    let q = bp("language = [\"typescript\"]\nquery = '''(non_null_expression) @match'''");
    assert_eq!(
        q.lines(
            "a.ts",
            "function a() { return 1; }\nfunction b(x) { return x!; }\nconst c = a !== b;\n"
        ),
        vec![2]
    );
    // no requirement: the whole tree is walked for this rule
    let q = bp("language = [\"typescript\"]\nquery = '''((identifier) @match (#match? @match \"^q[0-9]$\"))'''\ncalls = [\"eval\"]");
    assert_eq!(
        q.lines("a.ts", "function a() { return q1; }\neval(1);\n"),
        vec![1, 2]
    );
    // a regex and a call in one rule: the regex's factor keeps the rule on in a file without
    // the call
    let r = bp("regex = 'FIXME'\ncalls = [\"eval\"]");
    assert_eq!(r.lines("a.ts", "// FIXME later\nconst a = 1;\n"), vec![1]);
    assert_eq!(r.lines("b.ts", "function f() { eval(1); }\n"), vec![1]);
}
