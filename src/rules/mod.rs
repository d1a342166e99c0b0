//! Rule kinds. A kind is code (one folder here); a rule is data (a `[[rule]]` table citing its
//! ADR). The contract every kind implements is in [`kind`]; what a kind reports per file is a
//! [`hit::Hit`], what it carries to its cross-file stage a [`fact::Fact`].
//!
//! Adding a kind: a folder `src/rules/<kind>/` with its `DOCS`, its `KIND: KindInfo`, its
//! `impl RuleKind` and its `tests.rs` (cases for [`harness`]), plus one line in [`KINDS`].

pub(crate) mod fact;
pub(crate) mod hit;
pub(crate) mod kind;
pub(crate) mod literal;
pub(crate) mod syntax;

pub(crate) mod banned_pattern;
pub(crate) mod competing_solutions;
pub(crate) mod design_system;
pub(crate) mod duplicate_component;
pub(crate) mod hardcoded_config;
pub(crate) mod layer_boundary;
pub(crate) mod pass_through;

#[cfg(test)]
pub(crate) mod harness;

/// Every rule kind archdrift knows. One line per kind.
pub(crate) static KINDS: &[kind::KindInfo] = &[
    banned_pattern::KIND,
    layer_boundary::KIND,
    duplicate_component::KIND,
    design_system::KIND,
    hardcoded_config::KIND,
    competing_solutions::KIND,
    pass_through::KIND,
];

/// The kind of this name.
pub(crate) fn find_kind(name: &str) -> Option<&'static kind::KindInfo> {
    KINDS.iter().find(|k| k.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_docs() {
        for k in KINDS {
            for section in ["What", "Why", "Example"] {
                assert!(k.docs.contains(section), "{} docs lack {section}", k.name);
            }
        }
    }
}

/// The README's kind sections are the kinds' `DOCS`, verbatim: one source for the reference
/// text. `ARCHDRIFT_BLESS=1 cargo test readme` rewrites them from the code.
#[cfg(test)]
mod readme {
    use super::KINDS;

    fn marker(name: &str) -> String {
        format!("<!-- explain:{name} ")
    }

    #[test]
    fn readme_kind_sections_are_the_kinds_docs() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let mut text = std::fs::read_to_string(&path).expect("README.md");
        let bless = std::env::var_os("ARCHDRIFT_BLESS").is_some();
        for k in KINDS {
            let m = marker(k.name);
            let at = text
                .find(&m)
                .unwrap_or_else(|| panic!("README.md has no section marked {m}"));
            let open = at + text[at..].find("```text\n").expect("a text block") + 8;
            let close = open
                + text[open..]
                    .find("```\n<!-- /explain -->")
                    .expect("its end");
            if bless {
                text.replace_range(open..close, k.docs);
            } else {
                assert_eq!(
                    &text[open..close],
                    k.docs,
                    "README's section of `{}` differs from its DOCS: run `ARCHDRIFT_BLESS=1 cargo test readme`",
                    k.name
                );
            }
        }
        if bless {
            std::fs::write(&path, text).expect("write README.md");
        }
    }
}
