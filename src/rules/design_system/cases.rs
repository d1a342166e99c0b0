//! design-system cases in the harness: a `[design_system]` table per case, raw elements,
//! wrapped imports and hardcoded style values, with the look-alikes that must stay silent.

#![cfg(test)]

use crate::rules::harness::{Run, Tester};

const DS: &str = "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Button\", \"Link\"]\nwraps = [\"@mui/*\"]\ntokens = \"packages/ui/tokens.json\"\n";
const TOKENS: &str = "{\"color\": {\"$type\": \"color\", \"primary\": {\"$value\": \"#1a73e8\"}}, \"spacing\": {\"$type\": \"dimension\", \"2\": {\"$value\": \"8px\"}}}";

fn ds(checks: &str) -> Tester {
    Tester::new(&format!(
        "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [{checks}]\n"
    ))
}

#[test]
fn raw_elements_with_a_replacement() {
    let t = ds("\"elements\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/A.tsx",
            "export const A = () => (\n  <div>\n    <button onClick={go}>Go</button>\n    <a href=\"/x\">x</a>\n    <Button>ok</Button>\n  </div>\n);\n",
        ),
        // the design system's own source may use raw elements
        (
            "packages/ui/Button.tsx",
            "export const Button = (p) => <button {...p} />;\n",
        ),
    ]);
    let got: Vec<(String, usize)> = run
        .findings()
        .iter()
        .map(|f| (f.file.clone(), f.line))
        .collect();
    assert_eq!(
        got,
        vec![("apps/web/A.tsx".into(), 3), ("apps/web/A.tsx".into(), 4)]
    );
    assert!(run.findings()[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("@acme/ui"));
}

#[test]
fn wrapped_library_imports_outside_the_design_system() {
    let t = ds("\"imports\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/B.tsx",
            "import { Dialog } from \"@mui/material\";\nimport type { Theme } from \"@mui/material\";\nimport { Button } from \"@acme/ui\";\n",
        ),
        ("packages/ui/Dialog.tsx", "import { Dialog } from \"@mui/material\";\n"),
    ]);
    assert_eq!(run.found(), vec![("apps/web/B.tsx".into(), 1, "ds".into())]);
}

#[test]
fn hardcoded_styles_name_the_token() {
    let t = ds("\"styles\"");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/C.tsx",
            "export const C = () => (\n  <div style={{ color: \"#1a73e8\", padding: 8, margin: 0, width: \"50%\" }} className=\"bg-[#1a73e8] p-2\" />\n);\n",
        ),
    ]);
    let lines: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(lines, vec![2, 2, 2], "{:#?}", run.findings());
    assert!(run
        .findings()
        .iter()
        .any(|f| f.help.as_deref().unwrap_or("").contains("primary")));
    // values that reference the theme stay silent
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/D.tsx",
            "export const D = () => <div style={{ color: theme.primary, padding: \"var(--s2)\" }} />;\n",
        ),
    ]);
    assert!(run.found().is_empty(), "{:?}", run.found());
}

#[test]
fn snapshot() {
    let mut t = ds("\"elements\", \"styles\"");
    t.expect(
        &[
            ("packages/ui/tokens.json", TOKENS),
            (
                "apps/web/A.tsx",
                "export const A = () => <button style={{ color: \"#1a73e8\" }}>Go</button>;\n",
            ),
        ],
        &[("apps/web/A.tsx", 1, "ds"), ("apps/web/A.tsx", 1, "ds")],
    );
    insta::assert_snapshot!(t.snapshot());
}

/// A styles rule with extra fields (`categories`, `color_sources`, …).
fn styles(extra: &str) -> Tester {
    Tester::new(&format!(
        "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\n{extra}\n"
    ))
}

/// The case passes: `src` at `file` (with the tokens file) gives no finding.
fn silent(t: &Tester, file: &str, src: &str) {
    let got = lines_of(t, file, src);
    assert!(
        got.is_empty(),
        "expected no finding in {file}:\n{src}\ngot lines {got:?}"
    );
}

/// Each finding's file, line and number of related places (a grouped finding's other copies).
fn places(run: &Run) -> Vec<(String, usize, usize)> {
    run.findings()
        .iter()
        .map(|f| (f.file.clone(), f.line, f.related.len()))
        .collect()
}

fn lines_of(t: &Tester, file: &str, src: &str) -> Vec<usize> {
    t.run(&[("packages/ui/tokens.json", TOKENS), (file, src)])
        .findings()
        .iter()
        .map(|f| f.line)
        .collect()
}

// item 1: `categories` limits the styles check; a theme-coloured shadow is not a colour
#[test]
fn categories_limit_the_styles_check() {
    let src = "const A = styled.div`\n  color: #123456;\n  padding: 13px;\n  border-radius: 7px;\n  font-weight: 600;\n  z-index: 40;\n  box-shadow: 0 0 0 1px ${p => p.theme.divider};\n  box-shadow: 0 0 20px rgba(0,0,0,.2);\n`;\n";
    let all = styles("");
    assert_eq!(
        lines_of(&all, "apps/web/A.tsx", src),
        vec![2, 3, 4, 5, 6, 7, 8]
    );
    let colour = styles("categories = [\"color\"]");
    // the shadow with a literal colour counts as a colour; the theme-coloured one does not
    assert_eq!(lines_of(&colour, "apps/web/A.tsx", src), vec![2, 8]);
    let spacing = styles("categories = [\"spacing\", \"z-index\"]");
    assert_eq!(lines_of(&spacing, "apps/web/A.tsx", src), vec![3, 6]);
    let shadow = styles("categories = [\"shadow\"]");
    assert_eq!(lines_of(&shadow, "apps/web/A.tsx", src), vec![7, 8]);
    // a Tailwind arbitrary spacing value is silent for a colour rule
    assert_eq!(
        lines_of(
            &colour,
            "apps/web/B.tsx",
            "export const B = () => <div className=\"p-[13px] bg-[#123456]\" />;\n"
        ),
        vec![1]
    );
    assert_eq!(
        lines_of(
            &colour,
            "apps/web/C.tsx",
            "export const C = () => <div className=\"p-[13px] rounded-[7px]\" style={{ zIndex: 40 }} />;\n"
        ),
        Vec::<usize>::new()
    );
}

/// Names that refer to each other many times over: the work of following them is bounded.
#[test]
fn following_names_is_bounded() {
    let t = styles("");
    let mut src = String::from("const n0 = \"#abcabc\";\n");
    for i in 1..5 {
        let refs: Vec<String> = (0..60).map(|_| format!("n{}", i - 1)).collect();
        src.push_str(&format!("const n{i} = [{}];\n", refs.join(", ")));
    }
    // 60^4 paths to the one literal without a budget
    src.push_str("export const A = () => <div style={{ color: n4 }} />;\n");
    let start = std::time::Instant::now();
    let lines = lines_of(&t, "apps/web/A.tsx", &src);
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        start.elapsed()
    );
    assert!(lines.len() <= 1, "{lines:?}");
}

#[test]
fn an_unknown_category_is_a_config_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("packages/ui")).unwrap();
    std::fs::write(dir.path().join("packages/ui/tokens.json"), TOKENS).unwrap();
    std::fs::write(
        dir.path().join("archdrift.toml"),
        format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\ncategories = [\"colour\"]\n"),
    )
    .unwrap();
    let err = crate::config::load(&dir.path().join("archdrift.toml")).unwrap_err();
    assert!(
        err[0].message.contains("unknown style category `colour`"),
        "{}",
        err[0].message
    );
}

// item 2: literals inside substitutions, ternaries, nested templates, helpers, framer-motion
#[test]
fn literals_inside_computed_values() {
    let t = styles("categories = [\"color\", \"shadow\"]");
    let src = "const focusRing = () => \"0 0 0 2px #ff0000\";\nconst A = styled.div`\n  box-shadow: ${p => p.on ? \"0 0 20px rgba(0,0,0,.2)\" : \"none\"};\n  color: ${p => p.muted && `#777777`};\n  border-color: ${p => { if (p.x) { return \"#abcdef\"; } return p.theme.border; }};\n  box-shadow: ${focusRing};\n  ${p => p.active && \"background: #00ff00;\"}\n  ${p => p.active && `color: ${\"#0000ff\"};`}\n`;\nexport const B = ({ on }) => <div style={{ color: on ? \"#fff000\" : \"#000fff\", background: on ?? \"#0f0f0f\" }} />;\nexport const C = () => <motion.div animate={{ backgroundColor: \"#ffffff\" }} whileHover={{ boxShadow: \"0 0 4px #111111\" }} />;\nexport const D = ({ on }) => <div style={on ? { color: \"#222222\" } : undefined} />;\n";
    assert_eq!(
        lines_of(&t, "apps/web/A.tsx", src),
        // line 10: the ternary's two literals; `on ?? "#0f0f0f"` is a computed value's fallback
        vec![1, 3, 4, 5, 7, 8, 10, 10, 11, 11, 12]
    );
    // same-file names in style positions: a palette array behind a helper, a local variable
    // given as a shorthand, a member of a local object
    assert_eq!(
        lines_of(
            &t,
            "apps/web/F.tsx",
            "const BACKGROUNDS = [\n  \"#FFF1F2\",\n  \"#F0F9FF\",\n];\nfunction pick(i) {\n  return BACKGROUNDS[i % 2];\n}\nconst PALETTE = { ink: \"#111111\", paper: \"#fafafa\" };\nexport const F = ({ accent, i }) => {\n  const backgroundColor = accent ?? pick(i);\n  return <div style={{ backgroundColor, color: PALETTE.ink }} />;\n};\n"
        ),
        vec![2, 3, 8]
    );
    // near-misses: parameters, imports and calls of unknown functions are not followed; a
    // constant that is not used in a style position is not a style
    silent(
        &t,
        "apps/web/G.tsx",
        "import { COLORS } from \"./colors\";\nconst QR_COLORS = [\"#000000\", \"#C73E33\"];\nexport const G = ({ color }) => {\n  const bg = useAccent();\n  return <div style={{ color, background: bg, borderColor: COLORS.line }} />;\n};\n",
    );
    // a literal colour with a computed alpha is a literal colour; computed channels are not
    assert_eq!(
        lines_of(
            &t,
            "apps/web/E.tsx",
            "export const E = ({ a, r }) => (\n  <div style={{ backgroundColor: `rgba(0,196,184,${a})`, color: `rgb(${r}, 0, 0)` }} />\n);\n"
        ),
        vec![2]
    );
    // near-misses: theme values, conditions, non-style props, calls that are not helpers
    silent(
        &t,
        "apps/web/B.tsx",
        "const A = styled.div`\n  color: ${p => p.on ? p.theme.fg : p.theme.muted};\n  box-shadow: ${p => (p.variant === \"#fff\" ? p.theme.shadow : \"none\")};\n  background: ${p => getColor(p, \"#abcdef\")};\n`;\nexport const B = ({ on }) => <div style={{ color: on ? theme.fg : \"inherit\" }} title={on ? \"#1\" : \"#2\"} />;\nexport const C = () => <motion.div animate={{ opacity: 1, x: 10 }} transition={{ duration: 0.2 }} />;\n",
    );
}

// item 3: a declaration runs to `;`/`}`; each offending line of a multi-line value is reported
#[test]
fn multi_line_declarations() {
    let t = styles("");
    let src = "const A = styled.div`\n  box-shadow:\n    rgba(0,0,0,.08) 0px 2px 4px,\n    rgba(0,0,0,.04) 0px 0px 0px 1px;\n  color: #123456;\n  transition:\n    color 0.2s,\n    background 0.2s;\n  &:hover { color: #654321 }\n`;\n";
    let run = t.run(&[("packages/ui/tokens.json", TOKENS), ("apps/web/A.tsx", src)]);
    let got: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.matched.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "box-shadow: rgba(0,0,0,.08) 0px 2px 4px".into()),
            (4, "box-shadow: rgba(0,0,0,.04) 0px 0px 0px 1px".into()),
            (5, "color: #123456".into()),
            (9, "color: #654321".into()),
        ]
    );
    // near-miss: a multi-line value of a property no token governs, a media query, comments
    silent(
        &t,
        "apps/web/B.tsx",
        "const B = styled.div`\n  grid-template-areas:\n    \"a b\"\n    \"c d\";\n  @media (max-width: 768px) {\n    display: none;\n  }\n  /* color: #123456; */\n  background: url(https://example.org/a.png);\n`;\n",
    );
}

// item 4: generic tagged templates (read by tree-sitter as comparisons)
#[test]
fn generic_tagged_templates() {
    let t = Tester::new(&format!(
        "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\", \"elements\"]\n"
    ));
    let src = "type Props = { on: boolean };\nconst A = styled.button<Props>`color:#abcabc;`;\nconst B = styled(Base)<Props>`\n  color: #abcabc;\n`;\nconst C = styled.div<A | B>`color: #abcabc;`;\nconst D = styled.button<{ $on: boolean }>`color: #abcabc;`;\nconst E = on && styled.a<P>`color: #abcabc;`;\n";
    let run = t.run(&[("packages/ui/tokens.json", TOKENS), ("apps/web/A.tsx", src)]);
    let got: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.matched.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "<button>".into()),
            (2, "color: #abcabc".into()),
            (4, "color: #abcabc".into()),
            (6, "color: #abcabc".into()),
            (7, "<button>".into()),
            (7, "color: #abcabc".into()),
            (8, "<a>".into()),
            (8, "color: #abcabc".into()),
        ]
    );
    // near-misses: real comparisons with a template on the right, and an unknown tag
    silent(
        &t,
        "apps/web/B.tsx",
        "const ok = a < b > `color: #abcabc;`;\nconst big = n > `x`;\nconst other = sql<Row>`color: #abcabc`;\n",
    );
}

// item 5: alpha masks are not colours
#[test]
fn masks_are_not_colours() {
    let t = styles("");
    silent(
        &t,
        "apps/web/A.tsx",
        "export const A = () => <div style={{ WebkitMask: \"radial-gradient(rgba(255,255,255,1) 0%, transparent 70%)\", maskImage: \"linear-gradient(#000 80%, transparent)\" }} />;\nconst B = styled.div`\n  mask-image: linear-gradient(#000 80%, transparent);\n  -webkit-mask: url(a.svg), linear-gradient(#fff, #000);\n`;\n",
    );
    assert_eq!(
        lines_of(
            &t,
            "apps/web/B.tsx",
            "export const A = () => <div style={{ background: \"linear-gradient(#000 80%, transparent)\" }} />;\n"
        ),
        vec![1]
    );
}

// item 6: class props by name suffix, cva and tv, and class lists kept anywhere
#[test]
fn tailwind_in_any_class_prop_and_cva() {
    let t = styles("");
    let src = "export const A = () => (\n  <NavLink activeClassName=\"bg-[#F1FBEA]\" iconClass=\"text-[#123456]\" wrapperClassName=\"p-[13px]\" />\n);\nconst button = cva(\"rounded-[7px]\", { variants: { primary: \"bg-[#00ff00]\" } });\nconst card = tv({ base: \"text-[#0000ff]\" });\nconst STYLES = { live: { bar: \"bg-[#F0F7FF]\", caption: \"text-blue-900/80\" } };\nconst HIGHLIGHT = \"bg-[#D1EFED]/60 md:data-[state=open]:text-[#111111]\";\nconst ART = \"[background-image:radial-gradient(#72FE7D,transparent)] [mask-image:linear-gradient(#000,transparent)]\";\n";
    let run = t.run(&[("packages/ui/tokens.json", TOKENS), ("apps/web/A.tsx", src)]);
    let got: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.matched.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "bg-[#F1FBEA]".into()),
            (2, "text-[#123456]".into()),
            (2, "p-[13px]".into()),
            (4, "rounded-[7px]".into()),
            (4, "bg-[#00ff00]".into()),
            (5, "text-[#0000ff]".into()),
            (6, "bg-[#F0F7FF]".into()),
            (7, "bg-[#D1EFED]/60".into()),
            (7, "md:data-[state=open]:text-[#111111]".into()),
            (
                8,
                "[background-image:radial-gradient(#72FE7D,transparent)]".into()
            ),
        ]
    );
    // near-misses: prose that mentions a class, classes without arbitrary values, variables,
    // a mask as an arbitrary property
    silent(
        &t,
        "apps/web/B.tsx",
        "export const B = () => <Chart label=\"Use bg-[#F1FBEA] here.\" activeClassName=\"bg-primary p-2 w-[var(--w)]\" />;\nconst x = \"Set text-[#fff], then save\";\nconst m = \"[mask-image:radial-gradient(#000,transparent)] grid-cols-[1fr_2fr]\";\n",
    );
}

// item 7: styled raw elements
#[test]
fn styled_raw_elements() {
    let mut t = ds("\"elements\"");
    t.expect(
        &[
            ("packages/ui/tokens.json", TOKENS),
            (
                "apps/web/A.tsx",
                "const A = styled.button`color: red;`;\nconst B = styled(\"button\")`color: red;`;\nconst C = styled.a.attrs({ href: \"#\" })`color: red;`;\nconst D = styled.button({ color: \"red\" });\n",
            ),
        ],
        &[
            ("apps/web/A.tsx", 1, "ds"),
            ("apps/web/A.tsx", 2, "ds"),
            ("apps/web/A.tsx", 3, "ds"),
            ("apps/web/A.tsx", 4, "ds"),
        ],
    );
    // near-misses: elements without a replacement, styled components, the design system itself
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/B.tsx",
            "const A = styled.div`color: red;`;\nconst B = styled(Button)`color: red;`;\nconst C = styled(\"span\")`color: red;`;\nconst D = styled.button;\n",
        ),
        ("packages/ui/Button.tsx", "export const Button = styled.button`color: red;`;\n"),
    ]);
    assert_eq!(run.found(), vec![]);
}

// item 8: type-only imports can be checked
#[test]
fn type_imports_allow_or_check() {
    let files = [
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/B.tsx",
            "import type { Theme } from \"@mui/material\";\nimport { type SxProps } from \"@mui/system\";\nimport { Dialog } from \"@mui/material\";\n",
        ),
    ];
    let allow = ds("\"imports\"");
    assert_eq!(
        allow.run(&files).found(),
        vec![("apps/web/B.tsx".into(), 3, "ds".into())]
    );
    let check = Tester::new(&format!(
        "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"imports\"]\ntype_imports = \"check\"\n"
    ));
    let lines: Vec<usize> = check.run(&files).found().iter().map(|f| f.1).collect();
    assert_eq!(lines, vec![1, 2, 3]);
}

// item 9: colours outside style props, opt-in by source
#[test]
fn colour_sources_outside_style_props() {
    let src = "export const A = () => (\n  <svg>\n    <path fill=\"#ff0000\" stroke={on ? \"#00ff00\" : \"none\"} />\n    <stop stopColor=\"#0000ff\" />\n    <Spinner color=\"#123123\" />\n  </svg>\n);\nconst rect = new Konva.Rect({ fill: \"#abcabc\", x: 1 });\nconst c = darken(0.1, \"#456456\");\nconst d = rgba(\"#789789\", 0.5);\nexport const E = () => <StarIcon fill=\"rgb(250 204 21)\" dotColor=\"#aaa111\" />;\n";
    let off = styles("");
    assert_eq!(lines_of(&off, "apps/web/A.tsx", src), Vec::<usize>::new());
    // svg: presentation attributes of intrinsic elements
    let svg = styles("color_sources = [\"svg\"]");
    assert_eq!(lines_of(&svg, "apps/web/A.tsx", src), vec![3, 3, 4]);
    // props: `color` anywhere, colour props of components
    let props = styles("color_sources = [\"props\"]");
    assert_eq!(lines_of(&props, "apps/web/A.tsx", src), vec![5, 11, 11]);
    let objects = styles("color_sources = [\"objects\"]");
    assert_eq!(lines_of(&objects, "apps/web/A.tsx", src), vec![8]);
    let helpers = styles("color_sources = [\"helpers\"]");
    assert_eq!(lines_of(&helpers, "apps/web/A.tsx", src), vec![9, 10]);
    // near-misses: references, currentColor, url(#gradient), a non-colour key, style dedupe
    let all = styles("color_sources = [\"svg\", \"props\", \"objects\", \"helpers\"]");
    silent(
        &all,
        "apps/web/B.tsx",
        "export const B = () => <svg><path fill=\"currentColor\" stroke=\"url(#grad)\" /><Icon color={theme.fg} /></svg>;\nconst r = { fill: palette.red, id: \"#abcabc\" };\nconst c = darken(0.1, theme.fg);\nconst e = format(\"#abcabc\");\n",
    );
    // a style prop's colour is one finding, not two
    assert_eq!(
        lines_of(
            &all,
            "apps/web/C.tsx",
            "export const C = () => <div style={{ color: \"#abcabc\" }} />;\n"
        ),
        vec![1]
    );
}

// a colour that is the fallback of a computed one (a user-picked label colour, a status colour)
// is the data's neutral default, not a design value: `label?.color ?? "#000000"`,
// `label.color ? label.color : "#666"`, `status ? status.color : "#a3a3a2"` (seed-1609 and earlier
// readers' C). Near-misses that stay: a plain literal, a ternary between two literals, `&&`, and
// a ternary on another condition (`hasBanner ? accent : "#f5f5f5"`: the colour without a banner).
#[test]
fn a_fallback_of_a_computed_colour_is_the_datas_default() {
    let all = styles("color_sources = [\"svg\", \"props\", \"objects\", \"helpers\"]");
    silent(
        &all,
        "apps/web/F.tsx",
        "export const F = ({ label, status, hasBanner, accent }) => (\n  <div>\n    <span style={{ backgroundColor: label?.color ?? \"#000000\" }} />\n    <span style={{ backgroundColor: label.color ? label.color : \"#666\" }} />\n    <span style={{ color: status ? `${status.color}20` : \"#a3a3a220\" }} />\n    <span style={{ backgroundColor: !label ? \"#f5f5f5\" : label.color }} />\n    <span style={{ \"--brand\": (accent || \"#000000\") }} />\n    <path fill={accent || \"#123123\"} />\n  </div>\n);\nconst o = { fill: label.color ?? \"#abcabc\" };\n",
    );
    assert_eq!(
        lines_of(
            &all,
            "apps/web/G.tsx",
            "export const G = ({ isLast, on }) => (\n  <div>\n    <span style={{ backgroundColor: \"#203b80\" }} />\n    <span style={{ borderRight: isLast ? \"none\" : \"1px solid rgb(226, 232, 240)\" }} />\n    <span style={{ color: on ? \"#111111\" : \"#222222\" }} />\n    <path fill={on && \"#123123\"} />\n    <span style={{ backgroundColor: hasBanner ? accent ?? \"#f5f5f5\" : \"#f5f5f5\" }} />\n  </div>\n);\n"
        ),
        vec![3, 4, 5, 5, 6, 7]
    );
}

// item 10: one rule may check the design system's own source
#[test]
fn own_source_per_rule() {
    let config = format!(
        "{DS}\n[[rule]]\nid = \"app\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\n\n[[rule]]\nid = \"buttons\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\nown_source = \"check\"\npaths = [\"packages/ui/button/**\"]\n"
    );
    let t = Tester::new(&config);
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        (
            "packages/ui/button/Button.tsx",
            "export const B = () => <div style={{ color: \"#abcabc\" }} />;\n",
        ),
        (
            "packages/ui/card/Card.tsx",
            "export const C = () => <div style={{ color: \"#abcabc\" }} />;\n",
        ),
        (
            "apps/web/A.tsx",
            "export const A = () => <div style={{ color: \"#abcabc\" }} />;\n",
        ),
    ]);
    assert_eq!(
        run.found(),
        vec![
            ("apps/web/A.tsx".into(), 1, "app".into()),
            ("packages/ui/button/Button.tsx".into(), 1, "buttons".into()),
        ]
    );
}

#[test]
fn a_typed_input_needs_its_own_component() {
    // the design system has Input and Checkbox, but no Radio: a radio input has no answer
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Input\", \"Checkbox\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n",
    );
    let run = t.run(&[(
        "apps/web/F.tsx",
        "export const F = () => (\n  <form>\n    <input type=\"radio\" name=\"m\" />\n    <input type=\"color\" className=\"h-8 w-8 rounded border px-1\" />\n    <input type=\"checkbox\" />\n    <input type=\"email\" />\n    <input />\n  </form>\n);\n",
    )]);
    let got: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.message.clone()))
        .collect();
    // a native colour picker has no answer either (keep's swatches were told to use TextInput)
    assert_eq!(got.len(), 3, "{got:#?}");
    assert_eq!(got[0].0, 5);
    assert!(got[0].1.contains("<Checkbox>"), "{}", got[0].1);
    // untyped-for-us types (email, none) are text inputs: `Input`
    assert_eq!((got[1].0, got[2].0), (6, 7));
    assert!(got[1].1.contains("<Input>"), "{}", got[1].1);
}

// held-out midday: a second library (`packages/workbench/src/ui/components/ui`, imported there as
// `@/components/ui`) also has `Button`; a raw button in `apps/dashboard` was offered an import of
// `@/components/ui`, which does not exist there. The package that has the component wins.
#[test]
fn a_component_a_package_has_is_imported_from_the_package() {
    let cfg = |components: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\", \"packages/bench/src/ui/**\"]\ncomponents = [{components}]\nimport_from = {{ \"@/components/ui\" = [\"Button\", \"Gauge\"] }}\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\n")
    };
    let files = [(
        "apps/dashboard/page.tsx",
        "export const P = () => <div><button className=\"rounded bg-blue-500 px-3 py-1\">go</button></div>;\n",
    )];
    let help = |t: &Tester| {
        t.run(&files)
            .findings()
            .iter()
            .find(|f| f.message.contains("<Button>"))
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    let both = help(&Tester::new(&cfg("\"Button\"")));
    assert!(both.contains("from \"@acme/ui\""), "{both}");
    // near-miss: only the in-app library has it: its own path
    let only_lib = help(&Tester::new(&cfg("\"Link\"")));
    assert!(only_lib.contains("from \"@/components/ui\""), "{only_lib}");
}

// formbricks: `@formbricks/survey-ui` (the surveys' package) and the web app's
// `@/modules/ui/components` both have `Button`; every apps/web file imports the app's own
// module, yet its raw buttons were told to import the package. Where an in-app path's alias
// resolves (the app of its `source` folder), that path wins; elsewhere the package does.
#[test]
fn a_file_of_the_app_imports_the_apps_own_library() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/survey-ui\"]\nsource = [\"packages/survey-ui/**\", \"apps/web/modules/ui/components/**\"]\ncomponents = [\"Button\", \"Input\"]\n[design_system.import_from]\n\"@/modules/ui/components/button\" = [\"Button\"]\n\"@/modules/ui/components/table\" = [\"Table\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n",
    );
    let src = "export const P = () => <div><button>go</button><input /><table /></div>;\n";
    let run = t.run(&[
        ("apps/web/modules/a/page.tsx", src),
        ("packages/surveys/src/b.tsx", src),
    ]);
    let help = |file: &str, m: &str| {
        run.findings()
            .iter()
            .find(|f| f.file == file && f.message.contains(m))
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    let web = help("apps/web/modules/a/page.tsx", "<Button>");
    assert!(
        web.contains("from \"@/modules/ui/components/button\""),
        "{web}"
    );
    let table = help("apps/web/modules/a/page.tsx", "<Table>");
    assert!(
        table.contains("from \"@/modules/ui/components/table\""),
        "{table}"
    );
    // near-misses: a component only the package has; a file of another package
    let input = help("apps/web/modules/a/page.tsx", "<Input>");
    assert!(input.contains("from \"@acme/survey-ui\""), "{input}");
    let other = help("packages/surveys/src/b.tsx", "<Button>");
    assert!(other.contains("from \"@acme/survey-ui\""), "{other}");
    // the module keys name the library once, a nested module included (`…/card/header`)
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/survey-ui\"]\nsource = [\"packages/survey-ui/**\", \"apps/web/modules/ui/components/**\"]\nwraps = [\"@radix-ui/*\"]\n[design_system.import_from]\n\"@/modules/ui/components/dialog\" = [\"Dialog\"]\n\"@/modules/ui/components/table\" = [\"Table\"]\n\"@/modules/ui/components/card/header\" = [\"CardHeader\"]\n\"@/modules/ui/components/editor/components/a\" = [\"EditorA\"]\n\"@/modules/ui/components/editor/components/b\" = [\"EditorB\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"imports\"]\n",
    );
    let run = t.run(&[(
        "apps/web/modules/a/page.tsx",
        "import { Dialog } from \"@radix-ui/react-dialog\";\n",
    )]);
    let f = &run.findings()[0];
    assert!(
        f.message
            .ends_with("import from `@acme/survey-ui`/`@/modules/ui/components` instead"),
        "{}",
        f.message
    );
    let h = f.help.as_deref().unwrap_or("");
    assert!(h.contains("from \"@/modules/ui/components/dialog\""), "{h}");
}

#[test]
fn an_in_app_library_is_imported_by_its_own_path_and_exempt() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\", \"apps/web/components/ui/**\"]\ncomponents = [\"Link\"]\nimport_from = { \"@/components/ui\" = [\"Button\"] }\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n",
    );
    let run = t.run(&[
        (
            "apps/web/page.tsx",
            "export const P = () => <div><button>go</button><a href=\"/x\">x</a></div>;\n",
        ),
        // the library's own files implement the primitives
        (
            "apps/web/components/ui/button.tsx",
            "export const Button = (p) => <button {...p} />;\n",
        ),
    ]);
    let f = run.findings();
    assert_eq!(run.found().len(), 2, "{f:#?}");
    assert!(f.iter().all(|f| f.file == "apps/web/page.tsx"));
    let help = |m: &str| {
        f.iter()
            .find(|f| f.message.contains(m))
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    assert!(
        help("<Button>").contains("from \"@/components/ui\""),
        "{}",
        help("<Button>")
    );
    assert!(
        help("<Link>").contains("from \"@acme/ui\""),
        "{}",
        help("<Link>")
    );
}

#[test]
fn e_mail_templates_keep_their_inline_styles() {
    let t = ds("\"elements\", \"styles\"");
    let mail = "import { Html, Text } from \"@react-email/components\";\nexport const M = () => (\n  <Html>\n    <Text style={{ color: \"#1a73e8\", fontSize: \"13px\" }}>hi</Text>\n    <a href=\"https://acme.io\">x</a>\n  </Html>\n);\n";
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        ("packages/email/src/welcome.tsx", mail),
    ]);
    assert!(run.found().is_empty(), "{:#?}", run.found());
    // the same markup in an app component is reported
    let app = mail.replace("@react-email/components", "./mail-parts");
    assert_eq!(
        t.run(&[
            ("packages/ui/tokens.json", TOKENS),
            ("apps/web/M.tsx", &app)
        ])
        .found()
        .len(),
        3
    );
}

#[test]
fn open_graph_image_routes_keep_their_inline_styles() {
    let t = ds("\"elements\", \"styles\"");
    let og = "import { ImageResponse } from \"next/og\";\nexport function GET() {\n  return new ImageResponse(<div style={{ color: \"#1a73e8\", fontSize: \"48px\" }}>hi</div>);\n}\n";
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        ("apps/web/app/og/route.tsx", og),
    ]);
    assert!(run.found().is_empty(), "{:#?}", run.found());
    // near-miss: the same markup in a page that imports from next/link is the app's DOM
    let page = og.replace("next/og", "next/link");
    assert_eq!(
        t.run(&[
            ("packages/ui/tokens.json", TOKENS),
            ("apps/web/app/page.tsx", &page)
        ])
        .found()
        .len(),
        2
    );
}

// dub renders its invoices with react-pdf, styled by `tw("text-[16px]")`: a PDF document, not
// the app's DOM (a renderer that needs literal values, as satori does).
#[test]
fn a_react_pdf_document_keeps_its_literal_styles() {
    let t = ds("\"elements\", \"styles\"");
    let pdf = "import { Text, View } from \"@react-pdf/renderer\";\nimport { createTw } from \"react-pdf-tailwind\";\nconst tw = createTw({});\nexport const I = () => <View><Text style={tw(\"text-[16px] bg-[#1a73e9]\")}>1</Text><a href=\"/x\">x</a></View>;\n";
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        ("apps/web/invoice.tsx", pdf),
    ]);
    assert!(run.found().is_empty(), "{:#?}", run.found());
    // near-miss: the same markup without react-pdf is the app's
    let page = pdf.replace("@react-pdf/renderer", "@acme/layout");
    assert!(!t
        .run(&[
            ("packages/ui/tokens.json", TOKENS),
            ("apps/web/page.tsx", &page)
        ])
        .found()
        .is_empty());
}

#[test]
fn an_icon_only_button_is_answered_by_icon_button() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"IconButton\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n",
    );
    let run = t.run(&[(
        "apps/web/T.tsx",
        "export const T = () => (\n  <div>\n    <button onClick={close}>\n      <XIcon className=\"size-3\" />\n    </button>\n    <button onClick={go}><Trash2 /> Delete</button>\n    <button><span>Go</span></button>\n  </div>\n);\n",
    )]);
    let got: Vec<(usize, bool)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.message.contains("<IconButton>")))
        .collect();
    // an icon with text, or a text child element, is a Button
    assert_eq!(got, vec![(3, true), (6, false), (7, false)]);
}

/// Anchors (issue 18): the walk skips every subtree that holds no anchor, and each check starts
/// only from nodes that hold one. Each finding below sits where the text holds only the word
/// of its own path (no colour word, no `-[`), under a rule with only that check or source, so a
/// path whose anchor is missing loses its finding (the harness compares every case with a walk
/// over every node); the look-alikes stay silent.
#[test]
fn every_path_a_check_starts_from_holds_an_anchor() {
    let rule = |fields: &str| {
        Tester::new(&format!(
            "{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\n{fields}\n"
        ))
    };
    let (elements, imports, styles) = (
        rule("checks = [\"elements\"]"),
        rule("checks = [\"imports\"]"),
        rule("checks = [\"styles\"]"),
    );
    let lines = |t: &Tester, src: &str| lines_of(t, "apps/web/A.tsx", src);
    // elements: a tag, createElement, styled.x, styled("x"), a generic styled.x<P>
    for src in [
        "function f() {\n  return <button />;\n}\n",
        "function f() {\n  return React.createElement(\"a\", {});\n}\n",
        "const B = 1;\nconst C = styled.button`\n`;\n",
        "const B = 1;\nconst C = styled(\"button\")({});\n",
        "const B = 1;\nconst C = styled.button<P>`\n`;\n",
    ] {
        assert_eq!(lines(&elements, src), vec![2], "{src}");
    }
    // imports: import, export from, require, import()
    for src in [
        "const a = 1;\nimport { Dialog } from \"@mui/material\";\n",
        "const a = 1;\nexport { Dialog } from \"@mui/material\";\n",
        "function f() {\n  return require(\"@mui/material\");\n}\n",
        "async function f() {\n  return import(\"@mui/material\");\n}\n",
    ] {
        assert_eq!(lines(&imports, src), vec![2], "{src}");
    }
    // styles: each style context, with a value that holds no other anchor
    for src in [
        "const C = css`\n  margin: 13px;\n`;\n",
        "const C = keyframes`\n  margin: 13px;\n`;\n",
        "const C = createGlobalStyle`\n  margin: 13px;\n`;\n",
        "const C = styled(Base)`\n  margin: 13px;\n`;\n",
        "const C = styled.div({\n  margin: \"13px\",\n});\n",
        "const E = () => <div\n  style={{ margin: \"13px\" }} />;\n",
        "const E = () => <Box\n  sx={{ margin: \"13px\" }} />;\n",
        "const E = () => <motion.div\n  animate={{ margin: \"13px\" }} />;\n",
        "const E = () => <motion.div\n  whileHover={{ margin: \"13px\" }} />;\n",
        "const E = () => <div className={`\n\t[margin:13px]`} />;\n",
        "const E = () => <Card headerClassName={`\n\t[margin:13px]`} />;\n",
        "const c = clsx(`\n\t[margin:13px]`);\n",
        "const c = twMerge(`\n\t[margin:13px]`);\n",
        "const c = cva(`\n\t[margin:13px]`);\n",
    ] {
        assert_eq!(lines(&styles, src), vec![2], "{src}");
    }
    // a class list anywhere: `[` after `-`, `:` or a space, or opening a fragment (after the
    // quote, a substitution, an escape sequence); the file prefilter wants a style word for
    // the last ones (the first line: outside the string)
    for src in [
        "const a = 1;\nconst b = {\n  bar: \"m-[13px]\" };\n",
        "const a = 1;\nconst b = {\n  bar: \"hover:[margin:13px]\" };\n",
        "// style\nconst b = {\n  bar: \"flex [margin:13px]\" };\n",
        "// style\nconst b = {\n  bar: \"[margin:13px]\" };\n",
        "// style\nconst b = {\n  bar: `${x}[margin:13px]` };\n",
        "// style\nconst b = {\n  bar: \"\\u0020[margin:13px]\" };\n",
        "// style\nconst b = {\n  bar: \"\\t[margin:13px]\" };\n",
    ] {
        assert_eq!(lines(&styles, src), vec![3], "{src}");
    }
    // colour sources, one rule each
    let sources = [
        ("svg", "const E = () => <path\n  fill=\"#123456\" />;\n"),
        (
            "svg",
            "const E = () => <stop\n  stopColor=\"#123456\" />;\n",
        ),
        (
            "props",
            "const E = () => <Star\n  trackColor=\"#123456\" />;\n",
        ),
        ("objects", "const o = {\n  Fill: \"#123456\" };\n"),
        ("objects", "const o = {\n  BORDERCOLOR: \"#123456\" };\n"),
        ("helpers", "const c = darken(\n  0.1, \"#123456\");\n"),
        ("helpers", "const c = tinycolor(\n  \"#123456\");\n"),
    ];
    for (source, src) in sources {
        let t = rule(&format!(
            "checks = [\"elements\"]\ncolor_sources = [\"{source}\"]"
        ));
        assert_eq!(lines(&t, src), vec![2], "{source}: {src}");
    }
    // look-alikes: the words elsewhere, arrays and index expressions, prose
    let all = rule("color_sources = [\"svg\", \"props\", \"objects\", \"helpers\"]");
    for src in [
        "function f(button) {\n  return button;\n}\n",
        "const x = [1, 2];\nconst y = a[0];\nconst z = { k: [\"p-4\"] };\n",
        "const s = \"see the [docs] here\";\n",
        "import { Dialog } from \"@acme/ui\";\n",
        "const style = { margin: theme.space };\n",
    ] {
        assert!(lines(&all, src).is_empty(), "{src}");
    }
}

/// An e-mail template is left alone by design, with and without the kinds' prefilters (it is
/// no prefilter: `RuleKind::excludes`).
#[test]
fn email_templates_are_excluded_with_and_without_prefilters() {
    let t = ds("\"elements\", \"styles\"");
    let src = "import { Html } from \"@react-email/components\";\nexport const M = () => <button style={{ color: \"#123456\" }} />;\n";
    assert!(lines_of(&t, "apps/web/Mail.tsx", src).is_empty());
    let app = "export const M = () => <button style={{ color: \"#123456\" }} />;\n";
    assert_eq!(lines_of(&t, "apps/web/App.tsx", app), vec![1, 1]);
}

/// `raw = "look-alike"`: raw elements whose own classes re-create the component's look are
/// reported; rows, tiles, adornments, bare fields, margin-only dividers and elements styled by a
/// stylesheet are not (all 15 are reported with the default `raw = "all"`).
#[test]
fn look_alike_raw_elements_only() {
    let cfg = |raw: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"IconButton\", \"Input\", \"Separator\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\n{raw}")
    };
    let src = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        // 3: fill and padding: a hand-made Button
        "    <button className=\"rounded-md bg-neutral-900 px-4 py-2 text-sm text-white\">Save</button>\n",
        // 4: a link variant by hand, classes in cn()
        "    <button className={cn(\"text-11 font-medium text-accent-primary\", on && \"ml-2\")}>View all</button>\n",
        // 5: icon-only: IconButton
        "    <button onClick={close}><XIcon /></button>\n",
        // 6: a text field with its own frame
        "    <input type=\"text\" className=\"block w-full rounded-md border-neutral-300 px-3\" />\n",
        // 7: a divider with its own colour
        "    <hr className=\"my-4 border-slate-200\" />\n",
        // near-misses: a full-width row, a tile, an adornment, a hover-only toolbar item
        "    <button className=\"flex w-full items-center gap-2 rounded-sm px-2 py-1 hover:bg-layer-1\">Help</button>\n",
        "    <button className=\"flex flex-col items-center rounded-lg border bg-white p-4\"><Icon /> Share</button>\n",
        "    <button className=\"absolute right-3 grid size-5 place-items-center\"><EyeIcon /></button>\n",
        "    <button className=\"grid place-items-center rounded-xs p-1 hover:bg-layer-1\">B</button>\n",
        // a stylesheet's class, a class variable, a weighted text trigger with an icon
        "    <button className=\"zIndexButton\">Back</button>\n",
        "    <button className={styles.trigger}>Open</button>\n",
        "    <button className=\"text-sm font-medium text-slate-700\">Role <ChevronIcon /></button>\n",
        // a bare search field inside a styled box, a hidden radio, a margin-only divider
        "    <input className=\"w-full bg-surface-2 outline-none\" placeholder=\"Search\" />\n",
        "    <input className=\"hidden\" value={v} />\n",
        "    <hr className=\"my-4\" />\n",
        "  </div>\n",
        ");\n",
    );
    let t = Tester::new(&cfg("raw = \"look-alike\"\n"));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 4, 5, 6, 7]);
    let all = Tester::new(&cfg(""));
    assert_eq!(all.lines("apps/web/A.tsx", src).len(), 15);
    // styled raw elements are restyled by construction
    assert_eq!(
        t.lines(
            "apps/web/S.tsx",
            "const B = styled.button`\n  color: red;\n`;\n"
        ),
        vec![1]
    );
}

#[test]
fn raw_is_all_or_look_alike() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("archdrift.toml"),
        "[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\nraw = \"some\"\n",
    )
    .unwrap();
    let err = crate::config::load(&dir.path().join("archdrift.toml")).unwrap_err();
    assert!(
        err[0].message.contains("unknown value `some` for `raw`"),
        "{}",
        err[0].message
    );
}

#[test]
fn wrapped_imports_only_where_the_design_system_offers_the_component() {
    let cfg = |wrapped: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Dialog\", \"DropdownMenu\", \"Command\", \"Popover\"]\nwraps = [\"@radix-ui/*\", \"@headlessui/react\", \"cmdk\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"imports\"]\n{wrapped}")
    };
    let src = concat!(
        // 1: a named import the design system offers (with one it does not)
        "import { Dialog, Transition } from \"@headlessui/react\";\n",
        // 2: a namespace import by its alias without `Primitive`
        "import * as DropdownMenuPrimitive from \"@radix-ui/react-dropdown-menu\";\n",
        // 3: a namespace import by the package's own name
        "import * as Pop from \"@radix-ui/react-popover\";\n",
        // 4: a default import named like a design-system component
        "import Command from \"cmdk\";\n",
        // 5: a re-export of an offered name
        "export { Dialog as D } from \"@headlessui/react\";\n",
        // near-misses: nothing to import instead
        "import * as Collapsible from \"@radix-ui/react-collapsible\";\n",
        "import { Transition, Disclosure } from \"@headlessui/react\";\n",
        "import { Command as Cmd } from \"other-lib\";\n",
        "import { useCommandState } from \"cmdk\";\n",
        "export * from \"@radix-ui/react-slot\";\n",
    );
    let t = Tester::new(&cfg("wrapped = \"offered\"\n"));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![1, 2, 3, 4, 5]);
    let run = t.run(&[("apps/web/A.tsx", src)]);
    let help = run.findings()[1].help.clone().unwrap_or_default();
    assert!(
        help.contains("import { DropdownMenu } from \"@acme/ui\""),
        "{help}"
    );
    // the default reports every import of a wrapped library
    let all = Tester::new(&cfg(""));
    assert_eq!(
        all.lines("apps/web/A.tsx", src),
        vec![1, 2, 3, 4, 5, 6, 7, 9, 10]
    );
    // inside the design system's own source: silent either way
    assert!(t.lines("packages/ui/A.tsx", src).is_empty());
}

#[test]
fn wrapped_is_all_or_offered() {
    let dir = tempfile::tempdir().unwrap();
    // the first error of a design-system rule with `field` added
    let error_with = |field: &str| {
        std::fs::write(
            dir.path().join("archdrift.toml"),
            format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\n{field}\n"),
        )
        .unwrap();
        let err = crate::config::load(&dir.path().join("archdrift.toml")).unwrap_err();
        err[0].message.clone()
    };
    let m = error_with("wrapped = \"some\"");
    assert!(m.contains("unknown value `some` for `wrapped`"), "{m}");
    let m = error_with("repeated = \"twice\"");
    assert!(m.contains("unknown value `twice` for `repeated`"), "{m}");
    let m = error_with("one_offs = \"skip\"");
    assert!(m.contains("needs `repeated = \"once\"`"), "{m}");
}

#[test]
fn a_style_value_repeated_across_files_is_one_decision() {
    let cfg = |repeated: &str| {
        format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\n{repeated}")
    };
    let files = [
        ("packages/ui/tokens.json", TOKENS),
        // `#878787` in three files (spelled two ways), once twice in the same file
        (
            "apps/web/a.tsx",
            "export const A = () => <p className=\"text-[#878787]\" style={{ color: \"#878787\" }} />;\n",
        ),
        (
            "apps/web/b.tsx",
            "export const B = () => <p className=\"border-[#878787]\" />;\n",
        ),
        (
            "apps/web/c.tsx",
            "export const C = () => <p style={{ borderColor: \"#878787FF\" }} />;\n",
        ),
        // near-misses: a value in two files only, the same number in another category
        (
            "apps/web/d.tsx",
            "export const D = () => <p className=\"text-[13px] bg-[#123456]\" />;\n",
        ),
        (
            "apps/web/e.tsx",
            "export const E = () => <p className=\"text-[13px] rounded-[13px] bg-[#123456]\" />;\n",
        ),
        (
            "apps/web/f.tsx",
            "export const F = () => <p className=\"rounded-[13px] p-[13px]\" />;\n",
        ),
    ];
    let once = Tester::new(&cfg("repeated = \"once\"\n"));
    let run = once.run(&files);
    let got = places(&run);
    assert_eq!(
        got,
        vec![
            // the one `#878787` finding, with the other 3 places
            ("apps/web/a.tsx".into(), 1, 3),
            ("apps/web/d.tsx".into(), 1, 0),
            ("apps/web/d.tsx".into(), 1, 0),
            ("apps/web/e.tsx".into(), 1, 0),
            ("apps/web/e.tsx".into(), 1, 0),
            ("apps/web/e.tsx".into(), 1, 0),
            ("apps/web/f.tsx".into(), 1, 0),
            ("apps/web/f.tsx".into(), 1, 0),
        ],
        "{:#?}",
        run.findings()
    );
    let first = &run.findings()[0];
    assert!(
        first
            .message
            .contains("the same value in 4 places in 3 files"),
        "{}",
        first.message
    );
    assert!(first.help.as_deref().unwrap_or("").contains("tokens"));
    // the default: one finding per place
    let each = Tester::new(&cfg(""));
    assert_eq!(each.run(&files).findings().len(), 11);
    // a repeated value that already is a token (`color.primary`): the decision exists, use it
    // (novu's `#dd2476` = `gradientEnd`, told "make it a token": a seed-1900 reader's N)
    let token_files = [
        ("packages/ui/tokens.json", TOKENS),
        (
            "apps/web/a.tsx",
            "export const A = () => <p style={{ color: \"#1a73e8\" }} />;\n",
        ),
        (
            "apps/web/b.tsx",
            "export const B = () => <p style={{ color: \"#1a73e8\" }} />;\n",
        ),
        (
            "apps/web/c.tsx",
            "export const C = () => <p style={{ color: \"#1a73e8\" }} />;\n",
        ),
    ];
    let run = once.run(&token_files);
    let first = &run.findings()[0];
    assert!(
        first
            .message
            .contains("the same token value in 3 places in 3 files: use the token"),
        "{}",
        first.message
    );
    let help = first.help.as_deref().unwrap_or("");
    assert!(
        help.contains("replace each with the token") && !help.contains("name it once"),
        "{help}"
    );
}

#[test]
fn a_small_glyph_button_is_not_an_icon_button() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"IconButton\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n");
    let src = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        // 3, 4, 5: icon-only buttons answered by IconButton (16 px icons, a size not given)
        "    <button onClick={close}><XIcon className=\"h-4 w-4\" /></button>\n",
        "    <button onClick={close}><XIcon size={16} /></button>\n",
        "    <button onClick={close}><XIcon /></button>\n",
        // 6: a small glyph in a filled, padded button: a Button
        "    <button className=\"rounded bg-red-500 px-2 py-1\"><XIcon height={12} width={12} /></button>\n",
        // near-misses: a chip's close glyph, by props, classes, the scale and px
        "    <button className=\"grid place-items-center text-tertiary\"><CloseIcon height={12} width={12} /></button>\n",
        "    <button onClick={close}><XIcon className=\"h-3 w-3\" /></button>\n",
        "    <button onClick={close}><XIcon className=\"size-2.5\" /></button>\n",
        "    <button onClick={close}><XIcon className=\"size-[10px]\" /></button>\n",
        "  </div>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 4, 5, 6]);
}

#[test]
fn one_off_values_no_token_answers_are_skipped_with_one_offs_skip() {
    let cfg = |extra: &str| {
        format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\nrepeated = \"once\"\n{extra}")
    };
    let files = [
        ("packages/ui/tokens.json", TOKENS),
        // 1: the primary token's colour, almost, and the spacing token exactly (9px, a pixel
        // off it, is a near-miss: a length is answered only by a token of that length); 3:
        // the colour exactly
        (
            "apps/web/a.tsx",
            "export const A = () => (\n  <p className=\"bg-[#1a73e9] p-[8px] m-[9px]\" />\n);\nexport const B = () => <p style={{ color: \"#1a73e8\" }} />;\n",
        ),
        // near-misses: a colour and a length far from every token, used once
        (
            "apps/web/b.tsx",
            "export const C = () => <p className=\"bg-[#ff00aa] p-[37px]\" />;\n",
        ),
        // a far colour in three files: the house value, one finding
        ("apps/web/c.tsx", "export const D = () => <p className=\"text-[#878787]\" />;\n"),
        ("apps/web/d.tsx", "export const E = () => <p className=\"text-[#878787]\" />;\n"),
        ("apps/web/e.tsx", "export const F = () => <p className=\"text-[#878787]\" />;\n"),
    ];
    let skip = Tester::new(&cfg("one_offs = \"skip\"\n"));
    let run = skip.run(&files);
    let got: Vec<(String, usize)> = run
        .findings()
        .iter()
        .map(|f| (f.file.clone(), f.line))
        .collect();
    assert_eq!(
        got,
        vec![
            ("apps/web/a.tsx".into(), 2),
            ("apps/web/a.tsx".into(), 2),
            ("apps/web/a.tsx".into(), 4),
            ("apps/web/c.tsx".into(), 1),
        ],
        "{:#?}",
        run.findings()
    );
    // without it, the one-offs are reported too
    assert_eq!(Tester::new(&cfg("")).run(&files).findings().len(), 7);
}

// A translucent colour is compared with the tokens as it is seen: `rgba(0,0,0,.1)` in a shadow
// is a light grey over the page, not the black ink token (midday's chart tooltip shadow was
// reported as "≈ the chart line colour, ΔE 9" before).
#[test]
fn a_translucent_colour_is_not_close_to_its_opaque_channels() {
    let tokens = "{\"color\": {\"$type\": \"color\", \"ink\": {\"$value\": \"#000000\"}, \"veil\": {\"$value\": \"rgba(0,0,0,0.12)\"}}}";
    let t = Tester::new(&format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\ncategories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"\n"));
    let files = [
        ("packages/ui/tokens.json", tokens),
        (
            "apps/web/a.tsx",
            concat!(
                // 2: near the translucent token; 3: near the ink token
                "export const A = () => (\n",
                "  <p style={{ boxShadow: \"0 2px 6px rgba(0, 0, 0, 0.1)\" }}>\n",
                "    <b style={{ color: \"#050505\" }} />\n",
                // near-miss: a half-transparent red, near no token whichever background
                "    <i style={{ background: \"rgba(220, 38, 38, 0.5)\" }} />\n",
                "  </p>\n",
                ");\n",
            ),
        ),
    ];
    let run = t.run(&files);
    let got: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(got, vec![2, 3], "{:#?}", run.findings());
    assert!(
        run.findings()[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("`color.veil`")),
        "{:#?}",
        run.findings()
    );
    // without the translucent token, the shadow has no close token and is a skipped one-off
    let only_ink = "{\"color\": {\"$type\": \"color\", \"ink\": {\"$value\": \"#000000\"}}}";
    let run = t.run(&[("packages/ui/tokens.json", only_ink), files[1]]);
    let got: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(got, vec![3], "{:#?}", run.findings());
}

#[test]
fn without_a_text_input_replacement_typed_inputs_keep_their_component() {
    let cfg = |elements: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Input\", \"Checkbox\"]\n{elements}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\n")
    };
    let src = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        // 3: a checkbox: the design system's Checkbox
        "    <input type=\"checkbox\" className=\"rounded border\" />\n",
        // near-misses: a text input (its replacement dropped), a radio with no component
        "    <input className=\"rounded border px-2\" />\n",
        "    <input type=\"radio\" />\n",
        "  </div>\n",
        ");\n",
    );
    let t = Tester::new(&cfg("elements = { input = \"\" }"));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3]);
    let run = t.run(&[("apps/web/A.tsx", src)]);
    assert!(
        run.findings()[0].message.contains("`<Checkbox>`"),
        "{}",
        run.findings()[0].message
    );
    // with the text input's replacement both are reported
    assert_eq!(
        Tester::new(&cfg("")).lines("apps/web/A.tsx", src),
        vec![3, 4]
    );
}

#[test]
fn a_wrapped_import_used_only_for_its_parts_moves_with_its_parent() {
    let cfg = "[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Combobox\", \"Menu\", \"Command\"]\nwraps = [\"@headlessui/react\", \"cmdk\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"imports\"]\nwrapped = \"offered\"\n";
    let t = Tester::new(cfg);
    // the parts of a menu and a combobox rendered by a parent in another file
    let parts = concat!(
        "import { Combobox } from \"@headlessui/react\";\n",
        "import { Command as Cmd } from \"cmdk\";\n",
        "export const Option = ({ v }) => (\n",
        "  <Combobox.Option value={v}>\n",
        "    <Cmd.Group><Cmd.Item>{v}</Cmd.Item></Cmd.Group>\n",
        "  </Combobox.Option>\n",
        ");\n",
    );
    assert!(t.lines("apps/web/Option.tsx", parts).is_empty());
    // near-misses: the file renders the parent itself; the name is used by itself once
    // (a type); a namespace import's members are the whole library; an unused import
    let parent = concat!(
        "import { Menu } from \"@headlessui/react\";\n",
        "export const M = () => (\n",
        "  <Menu>\n",
        "    <Menu.Button>Open</Menu.Button>\n",
        "    <Menu.Items><Menu.Item>a</Menu.Item></Menu.Items>\n",
        "  </Menu>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/M.tsx", parent), vec![1]);
    let typed = concat!(
        "import { Combobox } from \"@headlessui/react\";\n",
        "type P = React.ComponentProps<typeof Combobox>;\n",
        "export const O = (p: P) => <Combobox.Option {...p} />;\n",
    );
    assert_eq!(t.lines("apps/web/O.tsx", typed), vec![1]);
    let unused = "import { Menu } from \"@headlessui/react\";\nexport const x = 1;\n";
    assert_eq!(t.lines("apps/web/U.tsx", unused), vec![1]);
    // with `wrapped = "all"` the parts are reported as every other import
    let all = Tester::new(&cfg.replace("wrapped = \"offered\"\n", ""));
    assert_eq!(all.lines("apps/web/Option.tsx", parts), vec![1, 2]);
}

#[test]
fn a_file_importing_a_workspace_e_mail_package_is_mail_markup() {
    let cfg = |email: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"Table\"]\n{email}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\n")
    };
    let mail = concat!(
        "import { Section, Text } from \"@acme/email\";\n",
        "export const Preview = () => (\n",
        "  <Section>\n",
        "    <table><tr><td style={{ color: \"#123456\", padding: \"13px\" }}>hi</td></tr></table>\n",
        "    <button>Open</button>\n",
        "  </Section>\n",
        ");\n",
    );
    let t = Tester::new(&cfg("email = [\"@acme/email\"]\n"));
    assert!(t
        .lines("apps/web/modules/email/preview.tsx", mail)
        .is_empty());
    // a sub-path of the package is the package
    let sub = mail.replace("\"@acme/email\"", "'@acme/email/components'");
    assert!(t
        .lines("apps/web/modules/email/preview.tsx", &sub)
        .is_empty());
    // near-misses: a package whose name only starts the same, a mention in a comment
    // without quotes; and without `email` the markup is reported
    let other = mail.replace("\"@acme/email\"", "\"@acme/email-utils\"");
    assert_eq!(t.lines("apps/web/P.tsx", &other).len(), 4);
    let comment = mail.replace(
        "import { Section, Text } from \"@acme/email\";",
        "// looks like @acme/email output",
    );
    assert_eq!(t.lines("apps/web/P.tsx", &comment).len(), 4);
    assert_eq!(
        Tester::new(&cfg(""))
            .lines("apps/web/modules/email/preview.tsx", mail)
            .len(),
        4
    );
}

#[test]
fn a_text_link_or_a_toggle_needs_a_variant_the_component_has() {
    let cfg = |variants: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"IconButton\"]\n{variants}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n")
    };
    let src = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        // 3: a hand-made filled button: always a Button
        "    <button className=\"rounded-md bg-neutral-900 px-4 py-2 text-white\">Save</button>\n",
        // 4: a text link by hand: a Button only with a link variant
        "    <button className=\"text-xs font-medium text-neutral-700\">Remove</button>\n",
        // 5, 6, 7, 8: toggle chips: a fill picked by a selection, an object key, aria-pressed,
        // a state variant
        "    <button className={`rounded-sm border px-2 py-0.5 ${on ? \"bg-accent-primary text-on-color\" : \"border-subtle\"}`}>A</button>\n",
        "    <button className={cn(\"grid place-items-center p-1\", { \"bg-layer-1\": isActive })}><BoldIcon /></button>\n",
        "    <button aria-pressed={on} className=\"rounded border px-2\">Grid</button>\n",
        "    <button className=\"rounded border px-2 data-[state=on]:bg-neutral-100\">List</button>\n",
        // 9, 10: near-misses of a toggle: a disabled state, a hover fill picked by a condition
        "    <button className={cn(\"rounded bg-black px-3\", disabled && \"bg-neutral-300\")}>Go</button>\n",
        "    <button className={cn(\"grid size-6 place-items-center\", { \"hover:bg-layer-1\": !isPrevDisabled })}><PrevIcon /></button>\n",
        // 11: a filled button whose fill is picked by its variant prop
        "    <button className={variant === \"primary\" ? \"bg-black px-3\" : \"bg-white px-3\"}>Ok</button>\n",
        // 12: an enabled state by another name (the other branch is a disabled look)
        "    <button className={cn(\"rounded px-4\", canSubmit ? \"bg-black text-white\" : \"cursor-not-allowed bg-neutral-200\")}>Send</button>\n",
        // 13: padded text with a hover fill: a ghost button, not a link
        "    <button className=\"rounded-md px-2.5 py-1.5 text-xs font-medium text-neutral-600 hover:bg-neutral-100\">Cancel</button>\n",
        "  </div>\n",
        ");\n",
    );
    // no variants listed: every look-alike is reported, as before
    let t = Tester::new(&cfg(""));
    assert_eq!(
        t.lines("apps/web/A.tsx", src),
        vec![3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    );
    // filled and outlined variants only: no text link, no toggle
    let t = Tester::new(&cfg(
        "[design_system.variants]\nButton = [\"primary\", \"secondary\", \"danger\"]\nIconButton = [\"ghost\", \"sm\"]\n",
    ));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 9, 10, 11, 12, 13]);
    // with a link and a pressed variant both are answered again
    let t = Tester::new(&cfg(
        "[design_system.variants]\nButton = [\"primary\", \"link\", \"pressed\"]\nIconButton = [\"ghost\", \"pressed\"]\n",
    ));
    assert_eq!(
        t.lines("apps/web/A.tsx", src),
        vec![3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]
    );
}

#[test]
fn a_primitive_named_like_the_replacement_is_its_own_implementation() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"Input\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n");
    // a second package's own primitives (a preact widget): `Input` renders `<input>`
    let own = concat!(
        "export const Input = forwardRef((p, ref) => (\n",
        "  <input ref={ref} className=\"rounded border px-3\" {...p} />\n",
        "));\n",
        "export function Button(p) {\n",
        "  return <button className=\"rounded bg-black px-3\" {...p} />;\n",
        "}\n",
    );
    assert!(t.lines("packages/surveys/src/input.tsx", own).is_empty());
    // near-misses: a component of another name rendering the raw element, and a raw
    // `<button>` inside an `Input` (not what `Input` replaces)
    let other = concat!(
        "export const SearchField = (p) => <input className=\"rounded border px-3\" {...p} />;\n",
        "export const Input = (p) => <div><input {...p} /><button onClick={p.clear}>x</button></div>;\n",
    );
    assert_eq!(t.lines("apps/web/search.tsx", other), vec![1, 2]);
}

#[test]
fn the_same_hand_made_element_in_many_files_is_one_pattern() {
    let cfg = |repeated: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n{repeated}")
    };
    let view_all = |extra: &str| {
        format!("export const F = () => (\n  <div>\n    <button className=\"ml-8 text-11 font-medium text-accent-primary\" onClick={{t}}>View all</button>{extra}\n  </div>\n);\n")
    };
    let other = "\n    <button className=\"rounded bg-black px-3 py-1\">Save</button>";
    let files = [
        ("apps/web/filters/a.tsx".to_string(), view_all("")),
        ("apps/web/filters/b.tsx".to_string(), view_all(other)),
        ("apps/web/filters/c.tsx".to_string(), view_all("")),
    ];
    let refs: Vec<(&str, &str)> = files
        .iter()
        .map(|(f, s)| (f.as_str(), s.as_str()))
        .collect();
    let t = Tester::new(&cfg("repeated = \"once\"\n"));
    let run = t.run(&refs);
    let got = places(&run);
    // one finding for the three copies, at the first, with the others related; the filled
    // button (another class list) on its own
    assert_eq!(
        got,
        vec![
            ("apps/web/filters/a.tsx".into(), 3, 2),
            ("apps/web/filters/b.tsx".into(), 4, 0),
        ]
    );
    assert!(run.findings()[0].message.contains("3 places in 3 files"));
    // near-misses: in two files each copy is its own finding; with `repeated = "each"` too
    let run = t.run(&refs[..2]);
    assert_eq!(run.findings().len(), 3);
    let run = Tester::new(&cfg("")).run(&refs);
    assert_eq!(run.findings().len(), 4);
}

// dub's Button is h-10 and the code renders it down to h-7 (`className="h-7"` in 67 files);
// a blind reader classed its h-5 "Edit" chip in a row, an h-6 "View all" chip and a 0.7rem
// "Set as default" chip "correct, not acted on": the component is not made that small; and
// plane's 230×56 add-link tile "not a button" (propel's sizes are 20 to 32 px).
#[test]
fn a_raw_button_lower_than_every_size_of_the_component_is_not_one() {
    let cfg = |heights: &str| {
        format!("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\", \"IconButton\"]\n{heights}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n")
    };
    let src = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        // 3, 4, 5: at or above the smallest height (32, 28 = the floor, 2 × 8 + 20)
        "    <button className=\"flex h-8 items-center rounded-md border bg-white px-3 text-sm\">Clear</button>\n",
        "    <button className=\"h-7 rounded-md border bg-white px-2 text-xs\">Copy</button>\n",
        "    <button className=\"rounded-md bg-neutral-900 px-4 py-2 text-sm text-white\">Save</button>\n",
        // 6: an icon button of the IconButton's size
        "    <button className=\"grid size-6 place-items-center\"><XIcon /></button>\n",
        // 7: no height the classes say (the content decides): reported as before
        "    <button className=\"rounded-md bg-black px-3 text-13\">Go</button>\n",
        // near-misses: an h-5 chip in a row, a tag chip (py-0.5 text-sm: 24), a 0.7rem
        // micro chip (17 px), an icon button below the IconButton's sizes
        "    <button className=\"ml-auto h-5 rounded-md bg-neutral-200 px-2 text-xs\">Edit</button>\n",
        "    <button className=\"rounded-sm bg-slate-100 px-2 py-0.5 text-sm\">tag<XIcon className=\"size-3\" /></button>\n",
        "    <button className=\"rounded-md border bg-white px-1.5 py-0.5 text-[0.7rem] leading-none\">Set as default</button>\n",
        "    <button className=\"grid size-4 place-items-center\"><XIcon /></button>\n",
        // near-misses: taller than every size, a 56 px add-link tile and a 40 px floating
        // action button
        "    <button className=\"flex h-[56px] w-[230px] gap-4 rounded-md border bg-white px-4\"><PlusIcon /> Add</button>\n",
        "    <button className=\"flex h-10 w-10 items-center rounded-full bg-white\"><StickyIcon /></button>\n",
        "  </div>\n",
        ");\n",
    );
    // no heights: every look-alike is reported but the text chips lower than 24 px (keep's
    // `p-0.5 text-xs` trigger badge, a seed-2200 reader's N): the h-5 and 0.7rem chips
    let t = Tester::new(&cfg(""));
    assert_eq!(
        t.lines("apps/web/A.tsx", src),
        vec![3, 4, 5, 6, 7, 9, 11, 12, 13]
    );
    let t = Tester::new(&cfg(
        "[design_system.heights]\nButton = { min = 28, max = 40 }\nIconButton = { min = 20, max = 32 }\n",
    ));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 4, 5, 6, 7]);
    // a bound not given is no bound
    let t = Tester::new(&cfg(
        "[design_system.heights]\nButton = { min = 28 }\nIconButton = { min = 20 }\n",
    ));
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 4, 5, 6, 7, 12, 13]);
}

// plane's quick-add rows and formbricks' workflow and dashboard titles are inputs edited in
// place: transparent, with no border or ring at rest or a dashed one; a blind reader: "an
// inline-editable title vs a framed h-10 Input".
#[test]
fn an_inline_editable_field_is_not_a_framed_input() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Input\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n");
    let src = concat!(
        "export const A = () => (\n",
        "  <form>\n",
        // 3, 4: framed fields, one of them transparent
        "    <input className=\"w-full rounded-md border border-neutral-300 px-3 py-2\" />\n",
        "    <input className=\"rounded-md border border-slate-300 bg-transparent px-2\" />\n",
        // near-misses: transparent without a frame at rest
        "    <input className=\"w-full rounded-md bg-transparent px-2 py-1.5 text-13 outline-none\" />\n",
        "    <input className=\"rounded-md border border-dashed border-transparent bg-transparent px-2 hover:border-slate-300\" />\n",
        "    <input className=\"w-full rounded-md border border-dashed border-slate-300 bg-transparent px-2 py-1 text-3xl\" />\n",
        "  </form>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![3, 4]);
}

// A length a token spells is a finding (`text-[14px]` = the 14px font size); one between two
// steps of the scale is a deliberate off-scale choice (a blind reader: "10px radius sits
// between rounded-lg and rounded-xl; an onboarding-modal one-off", "13px title", "0.7rem micro
// badge"), and with `one_offs = "skip"` no longer reported. Colours keep their ΔE tolerance.
#[test]
fn a_one_off_length_is_answered_only_by_a_token_of_that_length() {
    let tokens = "{\"radius\": {\"$type\": \"dimension\", \"lg\": {\"$value\": \"8px\"}, \"xl\": {\"$value\": \"12px\"}}, \"font\": {\"size\": {\"$type\": \"dimension\", \"xs\": {\"$value\": \"12px\"}, \"sm\": {\"$value\": \"14px\"}}}, \"color\": {\"$type\": \"color\", \"primary\": {\"$value\": \"#1a73e8\"}}}";
    let t = Tester::new(&format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\nrepeated = \"once\"\none_offs = \"skip\"\n"));
    let run = t.run(&[
        ("packages/ui/tokens.json", tokens),
        (
            "apps/web/a.tsx",
            concat!(
                // 2, 3: the font-size and radius tokens spelled out; 4: a colour close to a token
                "export const A = () => (\n",
                "  <p className=\"text-[14px]\" />\n",
                "  && <p className=\"rounded-[12px]\" />\n",
                "  && <p className=\"bg-[#1a73e9]\" />\n",
                // near-misses: between two steps (10px radius, 13px and 0.7rem text)
                "  && <p className=\"rounded-[10px] text-[13px]\" />\n",
                "  && <p className=\"text-[0.7rem]\" />\n",
                ");\n",
            ),
        ),
    ]);
    let lines: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(lines, vec![2, 3, 4], "{:#?}", run.findings());
}

// A gradient's stops are picked for the blend of one surface (a blind reader on dub's
// banners: "decorative promo gradient shared by a few banners; no token would capture it"): a
// one-off stop near a token is not answered by it; a stop a token has exactly is.
#[test]
fn a_one_off_gradient_stop_is_answered_only_by_a_token_of_that_colour() {
    let t = Tester::new(&format!("{DS}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"styles\"]\nrepeated = \"once\"\none_offs = \"skip\"\n"));
    let src = concat!(
        // 1: a near colour as a fill (not a gradient); 2: a stop of the token's colour
        "export const A = () => <p className=\"bg-[#1a73e9]\" />;\n",
        "export const B = () => <p className=\"bg-gradient-to-r from-[#1a73e8] to-white\" />;\n",
        // near-misses: near stops, as Tailwind classes behind a variant and in CSS
        "export const C = () => <p className=\"bg-gradient-to-l dark:from-[#1a73e9] via-[#1a74e8]\" />;\n",
        "export const D = () => <p style={{ background: \"linear-gradient(#1a73e9, #fff)\" }} />;\n",
    );
    let run = t.run(&[("packages/ui/tokens.json", TOKENS), ("apps/web/a.tsx", src)]);
    let lines: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(lines, vec![1, 2], "{:#?}", run.findings());
}

// formbricks' login form: "Use a backup code" is a `<button>` with the very classes of the
// sign-up `<Link>` beside it (a blind reader: "text-link button styled to match the sibling
// Link elements; Button link variant would change the look").
#[test]
fn a_text_button_styled_like_the_files_links_keeps_their_look() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\"]\n\n[design_system.variants]\nButton = [\"primary\", \"link\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n");
    let with_link = concat!(
        "export const A = () => (\n",
        "  <div>\n",
        "    <Link href=\"/signup\" className=\"font-semibold text-slate-600 underline hover:text-slate-700\">Sign up</Link>\n",
        // silent: the link's classes, with and without a margin
        "    <button className=\"font-semibold text-slate-600 underline hover:text-slate-700\">Use a backup code</button>\n",
        "    <button className=\"mt-4 font-semibold text-slate-600 underline hover:text-slate-700\">Back</button>\n",
        // 6: another colour than the link's: a link-variant button by hand
        "    <button className=\"font-semibold text-brand underline\">Resend</button>\n",
        "  </div>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/login.tsx", with_link), vec![6]);
    // near-miss: without the link in the file every text button is reported
    let without = with_link
        .replace("<Link href=\"/signup\"", "<span data-x=\"/signup\"")
        .replace("</Link>", "</span>");
    assert_eq!(t.lines("apps/web/login.tsx", &without), vec![4, 5, 6]);
}

// dub: `FEATURED_CARD_BACKGROUNDS[i % n]`, ten colours a card cycles through behind a helper, was
// ten findings offering `brown.50`; a palette picked by a computed index is data (which colour
// a card gets), as a user's colour is. A fixed index, a pair and a named member stay values.
#[test]
fn a_palette_picked_by_a_computed_index_is_data() {
    // with `one_offs = "skip"` (what init writes): the pastels are within ΔE 10 of the
    // `surface` tokens (named tokens: a scale step answers only within ΔE 3)
    let tokens = "{\"surface\": {\"$type\": \"color\", \"warm\": {\"$value\": \"#fdf8f6\"}, \"muted\": {\"$value\": \"#f2e8e5\"}}}";
    let lines = |extra: &str, src: &str| -> Vec<usize> {
        styles(extra)
            .run(&[("packages/ui/tokens.json", tokens), ("apps/web/P.tsx", src)])
            .findings()
            .iter()
            .map(|f| f.line)
            .collect()
    };
    let skip = "categories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"";
    let palette = "const BACKGROUNDS = [\n  \"#FFF1F2\", // rose\n  \"#F0F9FF\",\n  \"#FFFBEB\",\n  \"#F5F3FF\",\n];\n";
    let picked = format!("{palette}function pick(i) {{\n  return BACKGROUNDS[i % BACKGROUNDS.length];\n}}\nexport const P = ({{ accent, i }}) => {{\n  const backgroundColor = accent ?? pick(i);\n  return <div style={{{{ backgroundColor, color: BACKGROUNDS[i] }}}} />;\n}};\n");
    assert_eq!(lines(skip, &picked), Vec::<usize>::new());
    // near-misses: a rule that reports every one-off reports the palette's literals; a fixed
    // index is one value of the list; a list with a non-colour is not a palette
    assert_eq!(lines("categories = [\"color\"]", &picked), vec![2, 3, 4, 5]);
    assert_eq!(
        lines(
            skip,
            &format!(
                "{palette}export const Q = () => <div style={{{{ color: BACKGROUNDS[0] }}}} />;\n"
            )
        ),
        vec![2, 3, 4, 5]
    );
    assert_eq!(
        lines(
            skip,
            "const BG = [\"#FFF1F2\", \"#F0F9FF\", \"#FFFBEB\", \"transparent\"];\nexport const R = ({ i }) => <div style={{ color: BG[i] }} />;\n"
        ),
        vec![1, 1, 1]
    );
}

// midday/dub: a shadow's colour (`inset 0 0 1px 1px #fff`, a white highlight) was answered
// with "≈ brown.50 (ΔE 2.7); use the token": another colour is not the shadow's. In a shadow
// only a token within ΔE 2 answers; a colour elsewhere keeps the ΔE 10 tolerance.
#[test]
fn a_shadows_colour_is_answered_only_by_a_token_of_that_colour() {
    let tokens = "{\"brown\": {\"$type\": \"color\", \"50\": {\"$value\": \"#fdf8f6\"}}, \"black\": {\"$type\": \"color\", \"5\": {\"$value\": \"#0000000d\"}}}";
    let src = "export const S = () => (\n  <div className=\"shadow-[inset_0_0_1px_1px_#fff]\" style={{ boxShadow: \"0 1px 2px #fff\" }}>\n    <p className=\"shadow-[0_2px_4px_rgba(0,0,0,0.05)] text-[#fff]\" />\n  </div>\n);\n";
    let run_with = |extra: &str| {
        styles(extra).run(&[("packages/ui/tokens.json", tokens), ("apps/web/S.tsx", src)])
    };
    // one-offs skipped (what init writes): the two far shadows are silent; the token's own
    // colour in a shadow and the near colour of a text stay
    let run = run_with("categories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"");
    let got: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.message.clone()))
        .collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got.iter().all(|(l, _)| *l == 3), "{got:#?}");
    // reported one-offs: the far shadows say no close token, not "use brown.50"
    let run = run_with("categories = [\"color\"]");
    let helps: Vec<(usize, String)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.help.clone().unwrap_or_default()))
        .collect();
    assert_eq!(helps.len(), 4, "{helps:#?}");
    for (l, h) in &helps[..2] {
        assert_eq!(*l, 2);
        assert!(h.contains("no close colour token"), "{h}");
    }
    assert!(
        helps
            .iter()
            .any(|(l, h)| *l == 3 && h.contains("≈ `brown.50`")),
        "{helps:#?}"
    );
    // dub: a shadow's white does not make a group of three with two gradients' white stops;
    // three shadows of it do
    let t = styles("categories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"");
    let fade = "export const F = () => <div className=\"bg-[linear-gradient(90deg,transparent,#fff_70%)]\" />;\n";
    let glow = "export const G = () => <div className=\"shadow-[inset_0_0_1px_1px_#fff]\" />;\n";
    let run = t.run(&[
        ("packages/ui/tokens.json", tokens),
        ("apps/web/a.tsx", fade),
        ("apps/web/b.tsx", fade),
        ("apps/web/c.tsx", glow),
    ]);
    assert!(run.findings().is_empty(), "{:#?}", run.findings());
    let run = t.run(&[
        ("packages/ui/tokens.json", tokens),
        ("apps/web/a.tsx", glow),
        ("apps/web/b.tsx", glow),
        ("apps/web/c.tsx", glow),
    ]);
    assert_eq!(places(&run), vec![("apps/web/a.tsx".into(), 1, 2)]);
}

// formbricks: the `×` of an e-mail chip (`px-1 text-lg leading-none font-medium text-slate-500`,
// no fill or border) was a "link-style text button" answered by Button's link variant; a lone
// glyph is a chip's remove mark, not the words of a link. Near-misses that stay reported: a
// coloured, weighted word, and the glyph in a filled, padded button.
#[test]
fn a_chips_remove_glyph_is_not_a_text_link() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Button\"]\nvariants = { Button = [\"default\", \"link\"] }\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\nraw = \"look-alike\"\n");
    let src = concat!(
        "export const A = ({ emails }) => (\n",
        "  <div>\n",
        "    <div className=\"flex items-center gap-1 rounded-sm border bg-slate-100 px-2 py-1 text-sm\">\n",
        "      <span>a@b.c</span>\n",
        "      <button className=\"px-1 text-lg leading-none font-medium text-slate-500\">×</button>\n",
        "      <button className=\"font-medium text-slate-500\">\n        ✕\n      </button>\n",
        "    </div>\n",
        "    <button className=\"font-medium text-blue-600\">Remove</button>\n",
        "    <button className=\"rounded bg-red-500 px-2 py-1\">×</button>\n",
        "  </div>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/A.tsx", src), vec![10, 11]);
}

// dub: a markdown renderer's `table` inside a `prose prose-neutral` block was a raw `<table>`
// where the design system has `<Table>`; Tailwind Typography styles the content's raw
// elements. Near-misses that stay reported: a table beside the block, a `prose-a:` modifier
// without the `prose` class.
#[test]
fn raw_elements_inside_a_prose_block_are_its_content() {
    let t = Tester::new("[design_system]\npackages = [\"@acme/ui\"]\ncomponents = [\"Table\", \"Link\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\n");
    let src = concat!(
        "export const M = ({ children }) => (\n",
        "  <div>\n",
        "    <div className={cn(\"prose prose-neutral max-w-none\", \"prose-a:font-medium\")}>\n",
        "      <Markdown components={{ table: (p) => <div className=\"overflow-x-auto\"><table {...p} /></div>, a: (p) => <a {...p} /> }}>{children}</Markdown>\n",
        "    </div>\n",
        "    <table className=\"w-full\" />\n",
        "    <div className=\"prose-a:underline\"><a href=\"/x\">x</a></div>\n",
        "  </div>\n",
        ");\n",
    );
    assert_eq!(t.lines("apps/web/M.tsx", src), vec![6, 7]);
}

// formbricks: `#cbd5e1` (Tailwind's slate-300) was answered "≈ `--slate-200` (ΔE 4.9); use the
// token" and dub's lilac `#F5EDFF` "≈ `brown.100` (ΔE 9.3)"; midday's greys were offered its
// chart-axis colour (seed-1609 readers: wrong suggestions). A step of a numbered scale answers
// only within ΔE 3 (the next step is another colour), and a chart colour only its exact value.
// Near-misses that stay answered: the step's exact value, a literal within ΔE 3 of a step, a
// named (semantic) token at ΔE 4.9, a chart colour's exact value.
#[test]
fn a_scale_step_or_a_chart_colour_answers_only_its_own_colour() {
    let tokens = "{\"slate\": {\"$type\": \"color\", \"200\": {\"$value\": \"#e2e8f0\"}}, \"chart\": {\"$type\": \"color\", \"axis\": {\"$value\": \"#878787\"}}}";
    let src = concat!(
        "export const E = () => (\n",
        "  <div style={{ stroke: \"#cbd5e1\" }}>\n",
        "    <b style={{ color: \"#e2e8f0\" }} />\n",
        "    <i style={{ color: \"#e3e9f1\" }} />\n",
        "    <u style={{ color: \"#888888\" }} />\n",
        "    <s style={{ color: \"#878787\" }} />\n",
        "  </div>\n",
        ");\n",
    );
    let skip = "categories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"";
    let run = styles(skip).run(&[("packages/ui/tokens.json", tokens), ("apps/web/E.tsx", src)]);
    let got: Vec<usize> = run.findings().iter().map(|f| f.line).collect();
    assert_eq!(got, vec![3, 4, 6], "{:#?}", run.findings());
    let all = styles("categories = [\"color\"]")
        .run(&[("packages/ui/tokens.json", tokens), ("apps/web/E.tsx", src)]);
    let help = |line: usize| {
        all.findings()
            .iter()
            .find(|f| f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    assert!(help(2).contains("no close colour token"), "{}", help(2));
    assert!(!help(5).contains("chart"), "{}", help(5));
    assert!(help(6).contains("is token `chart.axis`"), "{}", help(6));
    // a semantic token keeps the wider tolerance
    let named = "{\"surface\": {\"$type\": \"color\", \"line\": {\"$value\": \"#e2e8f0\"}}}";
    let run = styles(skip).run(&[("packages/ui/tokens.json", named), ("apps/web/E.tsx", src)]);
    assert!(
        run.findings().iter().any(|f| f.line == 2),
        "{:#?}",
        run.findings()
    );
}

// midday: a component of its Open Graph template (`templates/og/components/status.tsx`) styles
// with satori's `tw` prop and imports no renderer itself; it was told to use theme tokens (a
// seed-1609 reader's N). A file whose JSX has a `tw` prop is such a template. Near-misses that
// stay reported: a `tw` word in a class list or text, a `twClass` prop, a `data-tw` attribute.
#[test]
fn a_component_with_satoris_tw_prop_is_an_image_template() {
    let t = styles("categories = [\"color\"]");
    let tokens = ("packages/ui/tokens.json", TOKENS);
    let og = "export function Status() {\n  return <div tw={`flex text-[#878787]`}><span tw=\"bg-[#1D1D1D]\" /></div>;\n}\n";
    assert!(t
        .run(&[tokens, ("packages/invoice/og/status.tsx", og)])
        .findings()
        .is_empty());
    let near = "export function S() {\n  return <div className=\"tw text-[#878787]\" twClass=\"x\" data-tw=\"y\" />;\n}\n";
    let run = t.run(&[tokens, ("apps/web/s.tsx", near)]);
    assert_eq!(run.findings().len(), 1, "{:#?}", run.findings());
}

// novu: the dashboard's in-app `@/components/primitives` has `Skeleton`; the legacy web app
// (another app, its own tsconfig) and a published package cannot import it, yet their
// `Skeleton` imports from Mantine were reported and told to use the dashboard's path; karakeep:
// two apps each have `@/components/ui`, and one app's files were told the other's module. An
// alias resolves in the apps where its module is on disk and whose tsconfig names the alias.
#[test]
fn an_alias_library_is_offered_only_where_its_module_resolves() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\", \"apps/dash/src/components/primitives/**\", \"apps/ext/src/components/primitives/**\"]\ncomponents = [\"Link\"]\nwraps = [\"@mantine/core\"]\n[design_system.import_from]\n\"@/components/primitives/skeleton\" = [\"Skeleton\"]\n\"@/components/primitives/button\" = [\"Button\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"imports\", \"elements\"]\nwrapped = \"offered\"\n",
    );
    let imp = "import { Skeleton } from \"@mantine/core\";\nexport const P = () => <div><button className=\"px-4 py-2 rounded bg-blue-600\">go</button><Skeleton /></div>;\n";
    let run = t.run(&[
        (
            "apps/dash/tsconfig.json",
            "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }\n",
        ),
        (
            "apps/dash/src/components/primitives/skeleton.tsx",
            "export const Skeleton = () => null;\n",
        ),
        (
            "apps/dash/src/components/primitives/button.tsx",
            "export const Button = () => null;\n",
        ),
        ("apps/dash/src/page.tsx", imp),
        (
            "apps/web/tsconfig.json",
            "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }\n",
        ),
        ("apps/web/src/page.tsx", imp),
        // an app with the module on disk but imported by relative paths (no alias)
        ("apps/ext/tsconfig.json", "{ \"compilerOptions\": {} }\n"),
        (
            "apps/ext/src/components/primitives/button.tsx",
            "export const Button = () => null;\n",
        ),
        ("apps/ext/src/page.tsx", imp),
    ]);
    let found = run.found();
    let of = |file: &str| -> Vec<&(String, usize, String)> {
        found.iter().filter(|f| f.0 == file).collect()
    };
    // the dashboard: both reported, told its own modules
    assert_eq!(of("apps/dash/src/page.tsx").len(), 2, "{found:#?}");
    let help = run
        .findings()
        .iter()
        .find(|f| f.file == "apps/dash/src/page.tsx" && f.message.contains("mantine"))
        .and_then(|f| f.help.clone())
        .unwrap_or_default();
    assert!(
        help.contains("from \"@/components/primitives/skeleton\""),
        "{help}"
    );
    // the web app has neither module: nothing offers `Skeleton` or `Button` there
    assert!(of("apps/web/src/page.tsx").is_empty(), "{found:#?}");
    // the extension has the button module but no `@/` alias: the dashboard's path is not its
    assert!(of("apps/ext/src/page.tsx").is_empty(), "{found:#?}");
}

// novu: `@novu/design-system` is declared by the web app only; the published notification
// centre and the other design-system library were told to import from it, and to use its
// colour tokens. `used_in` names where a package (and the tokens file) can be imported.
#[test]
fn used_in_limits_a_package_and_its_tokens_to_the_files_that_can_import_them() {
    let cfg = |used_in: &str| {
        format!(
            "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\"]\ncomponents = [\"Dialog\"]\nwraps = [\"@radix-ui/*\"]\ntokens = \"packages/ui/tokens.json\"\n{used_in}\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{{what}}\"\nchecks = [\"imports\", \"styles\"]\nwrapped = \"offered\"\ncategories = [\"color\"]\nrepeated = \"once\"\none_offs = \"skip\"\n"
        )
    };
    let src = "import { Dialog } from \"@radix-ui/react-dialog\";\nexport const P = () => <div style={{ color: \"#1a73e8\" }} />;\n";
    let files = [
        (
            "packages/ui/tokens.json",
            "{ \"blue\": \"#1a73e8\", \"red\": \"#ff0000\" }\n",
        ),
        ("apps/web/a.tsx", src),
        ("packages/widget/b.tsx", src),
    ];
    let scoped = Tester::new(&cfg(
        "[design_system.used_in]\n\"@acme/ui\" = [\"apps/web/**\"]\n\"packages/ui/tokens.json\" = [\"apps/web/**\"]\n",
    ))
    .run(&files);
    let found = scoped.found();
    assert_eq!(
        found.iter().filter(|f| f.0 == "apps/web/a.tsx").count(),
        2,
        "{found:#?}"
    );
    assert!(
        found.iter().all(|f| f.0 != "packages/widget/b.tsx"),
        "{found:#?}"
    );
    // near-miss: without `used_in` every file can import it, as before
    let all = Tester::new(&cfg("")).run(&files);
    assert_eq!(all.found().len(), 4, "{:#?}", all.found());
}

// inbox-zero: `components/Input.tsx` is the team's own input (`export const Input`), and its
// private `InputWithLeftFixedText`, which `Input` renders, draws a bordered `<input>`; it was
// reported as a raw input bypassing `Input` (a seed-2000 reader's N). A file that defines the
// component is its implementation, with its private helpers. Near-misses: a styled `<button>`
// in a file that only imports `Button`, one in a file defining `ButtonRow` (not `Button`
// itself), and an exported component of another name beside `Button`
// (`a_primitive_named_like_the_replacement_is_its_own_implementation`) stay reported.
#[test]
fn the_file_that_defines_the_component_is_its_implementation() {
    let t = ds("\"elements\"");
    let styled = "<button className=\"rounded-md border bg-blue-600 px-3 py-2\">go</button>";
    let own = format!("const ButtonWithIcon = () => (\n  <div>{styled}</div>\n);\nexport const Button = () => <ButtonWithIcon />;\n");
    let user = format!("import {{ Button }} from \"@acme/ui\";\nexport const Search = () => (\n  <div><Button />{styled}</div>\n);\n");
    let row = format!("export const ButtonRow = () => (\n  <div>{styled}</div>\n);\n");
    let run = t.run(&[
        ("packages/ui/tokens.json", TOKENS),
        ("apps/web/components/Button.tsx", own.as_str()),
        ("apps/web/search.tsx", user.as_str()),
        ("apps/web/row.tsx", row.as_str()),
    ]);
    let files: Vec<String> = run.found().into_iter().map(|f| f.0).collect();
    assert_eq!(
        files,
        vec![
            "apps/web/row.tsx".to_string(),
            "apps/web/search.tsx".to_string()
        ]
    );
}

// The alias of an app can come from the base config its tsconfig extends (a monorepo's
// `tsconfig.base.json`): the import is resolved as the layer kind resolves it, `extends`
// followed. Near-miss: an app whose tsconfig names no alias is still not a scope.
#[test]
fn an_alias_from_an_extended_tsconfig_is_followed() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@acme/ui\"]\nsource = [\"packages/ui/**\", \"apps/dash/src/components/primitives/**\", \"apps/ext/src/components/primitives/**\"]\nwraps = [\"@mantine/core\"]\n[design_system.import_from]\n\"@/components/primitives/skeleton\" = [\"Skeleton\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"imports\"]\nwrapped = \"offered\"\n",
    );
    let imp = "import { Skeleton } from \"@mantine/core\";\nexport const P = () => <Skeleton />;\n";
    let run = t.run(&[
        (
            "apps/dash/tsconfig.base.json",
            "{ \"compilerOptions\": { \"paths\": { \"@/*\": [\"./src/*\"] } } }\n",
        ),
        (
            "apps/dash/tsconfig.json",
            "{ \"extends\": \"./tsconfig.base.json\" }\n",
        ),
        (
            "apps/dash/src/components/primitives/skeleton.tsx",
            "export const Skeleton = () => null;\n",
        ),
        ("apps/dash/src/page.tsx", imp),
        ("apps/ext/tsconfig.json", "{ \"compilerOptions\": {} }\n"),
        (
            "apps/ext/src/components/primitives/skeleton.tsx",
            "export const Skeleton = () => null;\n",
        ),
        ("apps/ext/src/page.tsx", imp),
    ]);
    let files: Vec<String> = run.found().into_iter().map(|f| f.0).collect();
    assert_eq!(files, vec!["apps/dash/src/page.tsx".to_string()]);
}

// logto's `@/ds-components/Button/index.tsx` ends `export default forwardRef(Button)`: `init`
// writes it `"Button (default)"`, and the help imports it as a default.
#[test]
fn a_modules_default_export_is_imported_as_a_default() {
    let t = Tester::new(
        "[design_system]\npackages = [\"@/ds-components\"]\nsource = [\"src/ds-components/**\"]\n[design_system.import_from]\n\"@/ds-components/Button\" = [\"Button (default)\", \"LinkButton\"]\n\"@/ds-components/Table\" = [\"Table (default)\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"{what}\"\nchecks = [\"elements\"]\nraw = \"all\"\n",
    );
    let src = "export const P = () => <div><button>go</button><table /></div>;\n";
    let run = t.run(&[("src/pages/p.tsx", src)]);
    let helps: Vec<String> = run
        .findings()
        .iter()
        .filter_map(|f| f.help.clone())
        .collect();
    assert!(
        helps
            .iter()
            .any(|h| h.contains("import Button from \"@/ds-components/Button\"")),
        "{helps:?}"
    );
    assert!(
        helps
            .iter()
            .any(|h| h.contains("import Table from \"@/ds-components/Table\"")),
        "{helps:?}"
    );
    // near-miss: a named export of the same module stays a named import
    assert!(!helps.iter().any(|h| h.contains("{ Button }")), "{helps:?}");
}

// hatchet: a card's translucent blue tint and a dark panel background were answered with the
// log viewer's ANSI colours (`--terminal-blue` at ΔE 6.5, `--terminal-fg`): seed-2200 reader
// N rows. A terminal's, a code highlighter's or a diff's palette answers only its exact value,
// as a chart's does. Near-misses: the exact value stays answered, a semantic token near by too.
#[test]
fn a_terminal_or_code_palette_answers_only_its_own_colour() {
    let tokens = "{\"terminal\": {\"$type\": \"color\", \"blue\": {\"$value\": \"#2563eb\"}}, \"syntax\": {\"$type\": \"color\", \"keyword\": {\"$value\": \"#7c3aed\"}}}";
    let src = concat!(
        "export const E = () => (\n",
        "  <div style={{ color: \"#2f6ae8\" }}>\n",
        "    <b style={{ color: \"#2563eb\" }} />\n",
        "    <i style={{ color: \"#7f3ee9\" }} />\n",
        "  </div>\n",
        ");\n",
    );
    let all = styles("categories = [\"color\"]")
        .run(&[("packages/ui/tokens.json", tokens), ("apps/web/E.tsx", src)]);
    let help = |line: usize| {
        all.findings()
            .iter()
            .find(|f| f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    assert!(!help(2).contains("terminal"), "{}", help(2));
    assert!(!help(4).contains("syntax"), "{}", help(4));
    assert!(help(3).contains("terminal.blue"), "{}", help(3));
    // a semantic token as near is offered
    let named = "{\"brand\": {\"$type\": \"color\", \"blue\": {\"$value\": \"#2563eb\"}}}";
    let run = styles("categories = [\"color\"]")
        .run(&[("packages/ui/tokens.json", named), ("apps/web/E.tsx", src)]);
    let h = run
        .findings()
        .iter()
        .find(|f| f.line == 2)
        .and_then(|f| f.help.clone())
        .unwrap_or_default();
    assert!(h.contains("brand.blue"), "{h}");
}
