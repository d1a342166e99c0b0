//! The text prefilter of `design-system` ([`RuleKind::text_prefilter`]), finer than the kind's
//! literals: a file is parsed only when it has a raw element of the design system (`<button`,
//! `"button"` for `createElement`), a wrapped package's name, or a style context — a `style`,
//! `sx` or `css` attribute, a CSS-in-JS function (`styled`, `css`, `keyframes`,
//! `createGlobalStyle`, `injectGlobal`) as a whole word, or a Tailwind arbitrary value (`-[`,
//! which every class-list finding needs). `className` alone, in nearly every TSX file, is no
//! reason to parse.
//!
//! [`RuleKind::text_prefilter`]: crate::rules::kind::RuleKind::text_prefilter

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use super::DesignSystemRule;

/// Style-context words (whole identifiers), then `-[` (anywhere).
const STYLE_WORDS: &[&str] = &[
    "style",
    "sx",
    "css",
    "styled",
    "keyframes",
    "createGlobalStyle",
    "injectGlobal",
    "-[",
];

fn style_words() -> Option<&'static AhoCorasick> {
    static AC: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    AC.get_or_init(|| AhoCorasick::new(STYLE_WORDS).ok())
        .as_ref()
}

fn ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

impl DesignSystemRule {
    /// Whether any check of the rule could report in this text (see the module docs).
    pub(super) fn may_match_text(&self, text: &str) -> bool {
        let b = text.as_bytes();
        if self.elements {
            for el in self.ds.elements.keys() {
                let tag = format!("<{el}");
                let tag_found = text
                    .match_indices(&tag)
                    .any(|(at, _)| b.get(at + tag.len()).is_none_or(|c| !ident(*c)));
                if tag_found
                    || text.contains(&format!("\"{el}\""))
                    || text.contains(&format!("'{el}'"))
                {
                    return true;
                }
            }
        }
        if self.imports
            && self.ds.wraps.iter().any(|w| {
                let lit = w.literal();
                lit.len() < 2 || text.contains(lit)
            })
        {
            return true;
        }
        if self.styles {
            let Some(ac) = style_words() else {
                return true;
            };
            for m in ac.find_iter(text) {
                let word = STYLE_WORDS[m.pattern().as_usize()];
                let whole = m.start().checked_sub(1).is_none_or(|p| !ident(b[p]))
                    && b.get(m.end()).is_none_or(|c| !ident(*c));
                if word == "-[" || whole {
                    return true;
                }
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::harness::Tester;

    fn rule(checks: &str) -> Tester {
        Tester::new(&format!(
            "[design_system]\npackages = [\"@acme/ui\"]\nelements = {{ button = \"Button\" }}\nwraps = [\"@mui/material\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\nchecks = [{checks}]\n"
        ))
    }

    #[test]
    fn style_contexts_are_kept_class_names_alone_are_not() {
        let t = rule("\"styles\"");
        assert_eq!(
            t.lines(
                "a.tsx",
                "export const A = () => <div className=\"p-[13px]\" />;\n"
            ),
            vec![1]
        );
        assert_eq!(
            t.lines(
                "b.tsx",
                "export const B = () => <div style={{ color: \"#ff0000\" }} />;\n"
            ),
            vec![1]
        );
        let t = rule("\"styles\", \"elements\", \"imports\"");
        assert!(t
            .lines(
                "c.tsx",
                "export const C = () => <div className=\"p-3 text-sm\" />;\n"
            )
            .is_empty());
    }

    #[test]
    fn the_prefilter_itself() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("archdrift.toml"),
            "[design_system]\npackages = [\"@acme/ui\"]\nelements = { button = \"Button\" }\nwraps = [\"@mui/material\"]\n\n[[rule]]\nid = \"ds\"\nkind = \"design-system\"\nmessage = \"m\"\n",
        )
        .unwrap();
        let cfg = crate::config::load(&dir.path().join("archdrift.toml")).unwrap();
        let r = &cfg.rules[0].matcher;
        let tsx = crate::lang::Lang::Tsx;
        assert!(!r.text_prefilter("const a = <div className=\"p-3\" />;\n", tsx));
        assert!(!r.text_prefilter("const a = <buttons />; const styles = 1;\n", tsx));
        assert!(r.text_prefilter("const a = <button />;\n", tsx));
        assert!(r.text_prefilter("createElement('button');\n", tsx));
        assert!(r.text_prefilter("import x from \"@mui/material/Box\";\n", tsx));
        assert!(r.text_prefilter("const a = <div style={s} />;\n", tsx));
        assert!(r.text_prefilter("const K = keyframes`from { color: red }`;\n", tsx));
        assert!(r.text_prefilter("cn(\"w-[3px]\");\n", tsx));
    }
}
