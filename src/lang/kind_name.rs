//! A node's kind name without the cost of [`Node::kind`]: the binding finds the name's C string
//! and measures and validates it as UTF-8 on every call (~190 instructions; the rules ask ~240 k
//! times on plane). [`KindName::kind_name`] looks the kind id up in a table of each grammar's
//! names, built once from the same strings: the same `&str` for every node (a kind id no table
//! has, such as `ERROR`'s, is asked of the binding).

use std::sync::OnceLock;

use tree_sitter::{Language, Node};

use super::Lang;

/// Each grammar with its kind names by id, in [`Lang::ALL`]'s order.
fn tables() -> &'static [(Language, Vec<&'static str>)] {
    static GRAMMARS: OnceLock<Vec<Language>> = OnceLock::new();
    static TABLES: OnceLock<Vec<(Language, Vec<&'static str>)>> = OnceLock::new();
    TABLES.get_or_init(|| {
        let grammars: &'static [Language] =
            GRAMMARS.get_or_init(|| Lang::ALL.iter().map(|l| l.grammar()).collect());
        grammars
            .iter()
            .map(|g| {
                let names = (0..g.node_kind_count())
                    .map(|id| g.node_kind_for_id(id as u16))
                    .collect::<Option<Vec<_>>>()
                    .unwrap_or_default();
                (g.clone(), names)
            })
            .collect()
    })
}

/// [`Node::kind`], from a table.
pub(crate) trait KindName<'tree> {
    /// The node's kind (`call_expression`, `ERROR`, `"("`), as [`Node::kind`] gives it.
    fn kind_name(&self) -> &'tree str;
}

impl<'tree> KindName<'tree> for Node<'tree> {
    #[inline]
    fn kind_name(&self) -> &'tree str {
        let language = self.language();
        for (grammar, names) in tables() {
            if *grammar == *language {
                if let Some(name) = names.get(self.kind_id() as usize) {
                    return name;
                }
                break;
            }
        }
        self.kind()
    }
}

#[cfg(test)]
mod tests {
    use super::KindName;
    use crate::lang::parse::parse;
    use crate::lang::Lang;

    /// Every node of every fixture of each language, and of sources with syntax errors and
    /// missing nodes, anonymous nodes and aliases (TSX/TS/JS share kinds under other ids), has
    /// the kind name [`tree_sitter::Node::kind`] gives.
    #[test]
    fn every_node_has_the_kind_the_binding_gives() {
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut sources: Vec<(Lang, String)> = vec![
            (
                Lang::Tsx,
                "const A = () => <div a=\"1\">{x}</div>; let = ;; <".into(),
            ),
            (
                Lang::TypeScript,
                "function f(: number { return x as any }".into(),
            ),
            (
                Lang::JavaScript,
                "class C { #p = 1; m() { return /re/g } } }".into(),
            ),
            (
                Lang::Rust,
                "fn f() { let x = ; m!(a b %) } impl T for".into(),
            ),
        ];
        for entry in ignore::WalkBuilder::new(&fixtures).build().flatten() {
            let Some(lang) = Lang::from_path(entry.path()) else {
                continue;
            };
            if let Ok(src) = std::fs::read_to_string(entry.path()) {
                sources.push((lang, src));
            }
        }
        let mut seen = [0usize; 4];
        let mut errors = 0;
        for (lang, src) in &sources {
            let tree = parse(*lang, src).expect("parses");
            let mut cursor = tree.walk();
            loop {
                let node = cursor.node();
                assert_eq!(
                    node.kind_name(),
                    node.kind(),
                    "{lang:?} {:?}",
                    node.byte_range()
                );
                seen[lang.index()] += 1;
                errors += usize::from(node.is_error() || node.is_missing());
                if cursor.goto_first_child() {
                    continue;
                }
                while !cursor.goto_next_sibling() {
                    if !cursor.goto_parent() {
                        break;
                    }
                }
                if cursor.node() == tree.root_node() {
                    break;
                }
            }
        }
        assert!(seen.iter().all(|n| *n > 100), "{seen:?}");
        assert!(errors > 3, "{errors} error nodes");
    }
}
