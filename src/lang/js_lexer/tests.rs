//! Tests of `js_lexer`.

#![cfg(test)]

use super::*;

fn kinds(src: &str) -> Vec<(Kind, &str)> {
    let lx = lex(src);
    assert_eq!(lx.anomaly, None, "{src}");
    lx.tokens
        .iter()
        .map(|t| (t.kind, &src[t.start as usize..t.end as usize]))
        .collect()
}

fn names(src: &str) -> Vec<String> {
    let lx = lex(src);
    units(&lx, src)
        .iter()
        .map(|u| {
            let t = lx.tokens[u.name];
            let last = lx.tokens[u.last];
            format!(
                "{}..{}",
                &src[t.start as usize..t.end as usize],
                &src[last.start as usize..last.end as usize]
            )
        })
        .collect()
}

#[test]
fn punctuators_longest_first() {
    for p in [
        ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==",
        "!=", "<=", ">=", "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=",
        "|=", "^=", "**", "<<", ">>", ">", "<", "=", "!", ".", "*", "&", "|", "?", "+", "-", "/",
        "%", "^", "~", ";", ",", "@",
    ] {
        assert_eq!(punct_len(format!("{p} x").as_bytes()), p.len(), "{p}");
    }
    assert_eq!(punct_len(b"?.5"), 1, "a ternary before a number");
}

#[test]
fn identifier_bytes_by_table_as_by_their_classes() {
    for c in 0..=255u8 {
        let start = c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80;
        assert_eq!(ident_start(c), start, "{c}");
        assert_eq!(ident_char(c), start || c.is_ascii_digit(), "{c}");
    }
}

#[test]
fn keywords_are_sorted() {
    let mut k = KEYWORDS.to_vec();
    k.sort_unstable();
    assert_eq!(k, KEYWORDS);
    assert!(KEYWORDS.iter().all(|k| is_keyword(k)));
    assert!(!is_keyword("Button") && !is_keyword("x") && !is_keyword("useState"));
}

#[test]
fn the_keyword_table_answers_as_a_search_of_the_list() {
    // every keyword, each cut short, grown, with a letter changed, and words of every length
    // from 1 to 11 letters (the table's probes must stop at the right keyword or an empty slot)
    let mut words: Vec<String> = Vec::new();
    for k in KEYWORDS {
        words.push(k.to_string());
        words.push(k[..k.len() - 1].to_string());
        words.push(k[1..].to_string());
        words.push(format!("{k}s"));
        words.push(format!("_{k}"));
        words.push(k.to_uppercase());
        for i in 0..k.len() {
            let mut b = k.as_bytes().to_vec();
            b[i] = if b[i] == b'z' { b'a' } else { b[i] + 1 };
            words.push(String::from_utf8(b).unwrap());
        }
    }
    for n in 1..=11 {
        for c in b'a'..=b'z' {
            words.push(String::from_utf8(vec![c; n]).unwrap());
        }
    }
    words.extend(["", "useState", "props", "className", "onClick", "é", "ifé"].map(String::from));
    for w in &words {
        assert_eq!(
            is_keyword(w),
            KEYWORDS.binary_search(&w.as_str()).is_ok(),
            "{w:?}"
        );
    }
}

#[test]
fn regex_and_division_by_the_previous_token() {
    let t = kinds("a = b / c / d; r = /x\\/[/]y/gi.test(s); return /z/");
    let regexes: Vec<&str> = t
        .iter()
        .filter(|(k, _)| *k == Kind::Regex)
        .map(|(_, s)| *s)
        .collect();
    assert_eq!(regexes, vec!["/x\\/[/]y/gi", "/z/"]);
}

#[test]
fn jsx_text_with_quotes_and_nested_containers() {
    let src = "const A = () => (\n  <div className=\"x\" {...p}>\n    Don't {a ? <b>it's</b> : `t${x}`} <br/>\n  </div>\n);\n";
    let t = kinds(src);
    assert!(t.contains(&(Kind::JsxText, "\n    Don't ")));
    assert!(t.contains(&(Kind::JsxText, "it's")));
    assert!(t.contains(&(Kind::JsxAttr, "className")));
    assert!(t.contains(&(Kind::Template, "`t")));
    assert_eq!(t.last(), Some(&(Kind::Punct, ";")));
}

#[test]
fn comparisons_and_generics_are_not_elements() {
    let t = kinds("if (a < b && c<d>(e)) {}\nconst f = <T,>(x: T) => x;\nconst g = <T extends U>(x: T) => x;\nlet h: Array<Map<K, V>> = [];");
    assert!(!t.iter().any(|(k, _)| *k == Kind::JsxOpen));
}

#[test]
fn fragments_generic_elements_and_member_tags() {
    let t = kinds("x = <><Select<Opt> value={v} /><Foo.Bar a-b:c='1'>t</Foo.Bar></>;");
    assert!(t.contains(&(Kind::JsxTagName, "Foo.Bar")));
    assert!(t.contains(&(Kind::JsxAttr, "a-b:c")));
    assert!(t.contains(&(Kind::JsxTagName, "Select")));
    assert_eq!(t.last(), Some(&(Kind::Punct, ";")));
}

#[test]
fn element_extents_and_attribute_groups() {
    let src = "x = <a b={1} c=\"2\"><i/></a>;";
    let lx = lex(src);
    let open = lx
        .tokens
        .iter()
        .position(|t| t.kind == Kind::JsxOpen)
        .unwrap();
    let end = lx.matching[open] as usize;
    assert_eq!(&src[lx.tokens[end].start as usize..], ">;");
    assert_eq!(lx.attr_groups.len(), 1);
    assert_eq!(lx.attr_groups[0].attrs.len(), 2);
}

#[test]
fn units_of_every_shape() {
    let src = r#"
export function Card({ a }: Props): JSX.Element { return <div>{a}</div>; }
export const Button = ({ b }) => <button>{b}</button>;
const Panel: React.FC<P> = (p) => {
  return <section />;
};
export const Input = React.forwardRef<HTMLInputElement, P>((props, ref) => (
  <input ref={ref} {...props} />
));
const Memo = memo(function Memo() { return <i/>; });
const Typed = React.forwardRef<HTMLSpanElement, { a?: (x: B) => void }>(({ a }, ref) => <b/>);
export default observer(function Page() { return <main/>; });
class Old extends React.Component<P> { render() { return <p/>; } }
const lower = () => <div/>;
const Value = 3;
const Cond = ({ x }) => x ? <A /> : <B />
function helper() {}
"#;
    assert_eq!(
        names(src),
        vec![
            "Card..}",
            "Button..>",
            "Panel..}",
            "Input..)",
            "Memo..}",
            "Typed../>",
            "Page..}",
            "Old..}",
            "Cond../>",
        ]
    );
}

#[test]
fn nothing_is_lost_after_an_unterminated_element() {
    let src = "const A = () => <div>\nconst B = () => { return 1 }\n";
    let lx = lex(src);
    assert!(lx.anomaly.is_some());
    assert!(units(&lx, src).is_empty());
}

/// Every prefix and every slice of the fixtures' sources (cut at character boundaries):
/// no panic, and tokens in order, in bounds and on character boundaries.
#[test]
fn any_cut_of_real_sources_lexes_safely() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for entry in ignore::WalkBuilder::new(&root).build().flatten() {
        let ext = entry.path().extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("tsx" | "ts" | "jsx" | "js")) {
            continue;
        }
        let Ok(src) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let cuts: Vec<usize> = (0..src.len())
            .step_by(src.len() / 13 + 1)
            .filter(|i| src.is_char_boundary(*i))
            .collect();
        for &a in &cuts {
            for &b in cuts.iter().filter(|b| **b >= a) {
                let piece = &src[a..b];
                let lx = lex(piece);
                let mut last = 0;
                for t in &lx.tokens {
                    assert!(t.start >= last && t.end >= t.start && t.end as usize <= piece.len());
                    assert!(piece.is_char_boundary(t.start as usize));
                    assert!(piece.is_char_boundary(t.end as usize));
                    last = t.end;
                }
                for u in units(&lx, piece) {
                    assert!(u.first <= u.last && u.last < lx.tokens.len());
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn never_panics_on_odd_input() {
    for src in [
        "",
        "<",
        "</",
        "`${",
        "/",
        "'",
        "\"\\",
        "<a {",
        "<a b=",
        "x = <a>{",
        "}}}",
        "#",
        "#!x\n",
        "a = <",
        "0x",
        ".5e+",
        "<a</",
        "`\\",
        "x=<a><",
        "const A = (",
        "function B(",
    ] {
        let lx = lex(src);
        let _ = units(&lx, src);
    }
}

/// A file lexed through [`LexOnce`] into the vectors an earlier file on this thread left
/// (longer and shorter files, with attributes, comments and an anomaly before it) gets exactly
/// the tokens, matches, attribute groups, comments and anomaly of a fresh [`lex`].
#[test]
fn a_file_lexed_after_others_is_lexed_as_alone() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut sources: Vec<String> = vec![
        "const A = () => <div b=\"1\" a={2} {...p}>{/* c */}<span/></div>; // end\n".into(),
        "const unbalanced = { a: [1, 2 ;\n".into(),
        String::new(),
        "x".into(),
    ];
    for entry in ignore::WalkBuilder::new(&fixtures).build().flatten() {
        let path = entry.path();
        if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("tsx" | "jsx" | "js" | "ts")
        ) {
            if let Ok(src) = std::fs::read_to_string(path) {
                sources.push(src);
            }
        }
    }
    assert!(sources.len() > 20, "{} sources", sources.len());
    let parts = |lx: &Lexed| {
        (
            lx.tokens.clone(),
            lx.matching.clone(),
            lx.attr_groups.clone(),
            lx.anomaly,
            lx.comments.clone(),
        )
    };
    // forwards, then backwards: each file after a longer and after a shorter one
    let order: Vec<&String> = sources.iter().chain(sources.iter().rev()).collect();
    for src in order {
        let once = LexOnce::new(src);
        assert_eq!(parts(once.get()), parts(&lex(src)), "{src}");
    }
}
