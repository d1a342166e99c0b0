//! The languages archdrift parses, how files map to them, and their tree-sitter grammars.

pub(crate) mod comments;
pub(crate) mod js_lexer;
pub(crate) mod kind_name;
pub(crate) mod parse;
pub(crate) mod query;
pub(crate) mod regex_literals;
pub(crate) mod symbol;

use std::path::Path;

/// A language archdrift parses with tree-sitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    TypeScript,
    Tsx,
    JavaScript,
    Rust,
}

impl Lang {
    pub(crate) const ALL: [Lang; 4] = [Lang::TypeScript, Lang::Tsx, Lang::JavaScript, Lang::Rust];

    /// The language of a file, from its extension (`.d.ts` is TypeScript).
    pub fn from_path(path: &Path) -> Option<Lang> {
        let ext = path.extension()?.to_str()?;
        Some(match ext {
            "ts" | "mts" | "cts" => Lang::TypeScript,
            "tsx" => Lang::Tsx,
            "js" | "jsx" | "mjs" | "cjs" => Lang::JavaScript,
            "rs" => Lang::Rust,
            _ => return None,
        })
    }

    /// The name used in rule files (`language = "tsx"`).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Lang::TypeScript => "typescript",
            Lang::Tsx => "tsx",
            Lang::JavaScript => "javascript",
            Lang::Rust => "rust",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.name() == name)
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// TypeScript, TSX and JavaScript share most node kinds.
    pub(crate) fn is_js_family(self) -> bool {
        !matches!(self, Lang::Rust)
    }

    pub(crate) fn grammar(self) -> tree_sitter::Language {
        match self {
            Lang::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Lang::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Lang::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Lang::Rust => tree_sitter_rust::LANGUAGE.into(),
        }
    }
}

/// A small set of languages, as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LangSet(u8);

impl LangSet {
    pub(crate) const ALL: LangSet = LangSet(0b1111);
    pub(crate) const JS_FAMILY: LangSet = LangSet(0b0111);
    pub(crate) const RUST: LangSet = LangSet(0b1000);

    pub(crate) fn empty() -> Self {
        LangSet(0)
    }
    pub(crate) fn insert(&mut self, l: Lang) {
        self.0 |= 1 << l.index();
    }
    pub(crate) fn contains(self, l: Lang) -> bool {
        self.0 & (1 << l.index()) != 0
    }
    pub(crate) fn intersect(self, o: LangSet) -> LangSet {
        LangSet(self.0 & o.0)
    }
    pub(crate) fn union(self, o: LangSet) -> LangSet {
        LangSet(self.0 | o.0)
    }
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub(crate) fn iter(self) -> impl Iterator<Item = Lang> {
        Lang::ALL.into_iter().filter(move |l| self.contains(*l))
    }
}

impl FromIterator<Lang> for LangSet {
    fn from_iter<I: IntoIterator<Item = Lang>>(iter: I) -> Self {
        let mut s = LangSet::empty();
        for l in iter {
            s.insert(l);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_extensions() {
        assert_eq!(Lang::from_path(Path::new("a/b.tsx")), Some(Lang::Tsx));
        assert_eq!(Lang::from_path(Path::new("x.d.ts")), Some(Lang::TypeScript));
        assert_eq!(Lang::from_path(Path::new("x.mjs")), Some(Lang::JavaScript));
        assert_eq!(Lang::from_path(Path::new("lib.rs")), Some(Lang::Rust));
        assert_eq!(Lang::from_path(Path::new("README.md")), None);
        assert_eq!(Lang::from_path(Path::new("Makefile")), None);
    }

    #[test]
    fn grammars_load_and_sets_work() {
        for l in Lang::ALL {
            assert!(l.grammar().node_kind_count() > 10);
            assert_eq!(Lang::from_name(l.name()), Some(l));
        }
        let s: LangSet = [Lang::Tsx, Lang::Rust].into_iter().collect();
        assert!(s.contains(Lang::Tsx) && !s.contains(Lang::TypeScript));
        assert_eq!(s.iter().count(), 2);
        assert_eq!(
            LangSet::JS_FAMILY.intersect(s).iter().collect::<Vec<_>>(),
            vec![Lang::Tsx]
        );
    }
}
