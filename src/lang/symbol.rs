//! The enclosing symbol of a span: the chain of named declarations around it (`Invoices.pay`,
//! `impl Store::get`). Part of a finding's fingerprint, so that a baseline entry survives line
//! shifts and edits elsewhere in the file, and stays tied to the function it was found in.

use tree_sitter::Node;

use crate::lang::Lang;

/// Longest symbol path kept (in characters).
const MAX_SYMBOL_CHARS: usize = 300;

/// The names of the declarations enclosing `start..end`, outermost first, joined by `.`;
/// empty at the top level.
pub(crate) fn enclosing(
    root: Node<'_>,
    text: &str,
    lang: Lang,
    start: usize,
    end: usize,
) -> String {
    let Some(mut node) = root.descendant_for_byte_range(start, end) else {
        return String::new();
    };
    let mut names: Vec<String> = Vec::new();
    loop {
        // a declaration's own name is not "enclosing" when the span is that declaration
        let covers_exactly = node.start_byte() == start && node.end_byte() == end;
        if !covers_exactly {
            if let Some(name) = declared_name(node, text, lang) {
                names.push(name);
            }
        }
        match node.parent() {
            Some(p) => node = p,
            None => break,
        }
    }
    names.reverse();
    let joined = names.join(".");
    if joined.chars().count() > MAX_SYMBOL_CHARS {
        joined.chars().take(MAX_SYMBOL_CHARS).collect()
    } else {
        joined
    }
}

fn field_text<'t>(node: Node<'_>, field: &str, text: &'t str) -> Option<&'t str> {
    let n = node.child_by_field_name(field)?;
    text.get(n.byte_range())
}

fn declared_name(node: Node<'_>, text: &str, lang: Lang) -> Option<String> {
    let kind = node.kind();
    let name = match lang {
        Lang::Rust => match kind {
            "function_item"
            | "function_signature_item"
            | "trait_item"
            | "mod_item"
            | "struct_item"
            | "enum_item"
            | "union_item"
            | "const_item"
            | "static_item"
            | "macro_definition"
            | "type_item" => field_text(node, "name", text)?.to_string(),
            "impl_item" => {
                let ty = field_text(node, "type", text)?;
                match field_text(node, "trait", text) {
                    Some(tr) => format!("impl {tr} for {ty}"),
                    None => format!("impl {ty}"),
                }
            }
            _ => return None,
        },
        _ => match kind {
            "function_declaration"
            | "generator_function_declaration"
            | "class_declaration"
            | "abstract_class_declaration"
            | "class"
            | "method_definition"
            | "interface_declaration"
            | "type_alias_declaration"
            | "enum_declaration"
            | "internal_module"
            | "module"
            | "public_field_definition"
            | "field_definition" => field_text(node, "name", text)
                .or_else(|| field_text(node, "property", text))?
                .to_string(),
            "variable_declarator" => field_text(node, "name", text)?.to_string(),
            _ => return None,
        },
    };
    Some(crate::core::normalize_ws(&name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sym(lang: Lang, src: &str, needle: &str) -> String {
        let mut p = tree_sitter::Parser::new();
        p.set_language(&lang.grammar()).unwrap();
        let tree = p.parse(src, None).unwrap();
        let start = src.find(needle).unwrap();
        enclosing(tree.root_node(), src, lang, start, start + needle.len())
    }

    #[test]
    fn typescript_symbols() {
        let src = "class Billing {\n  pay() { console.log(1); }\n}\nexport const Card = () => { eval(x); };\nfunction top() { debugger; }\nalert(1);\n";
        assert_eq!(sym(Lang::TypeScript, src, "console.log(1)"), "Billing.pay");
        assert_eq!(sym(Lang::TypeScript, src, "eval(x)"), "Card");
        assert_eq!(sym(Lang::TypeScript, src, "debugger;"), "top");
        assert_eq!(sym(Lang::TypeScript, src, "alert(1)"), "");
    }

    #[test]
    fn rust_symbols() {
        let src = "mod db {\n  impl Store {\n    fn get(&self) { x.unwrap(); }\n  }\n  impl Drop for Store { fn drop(&mut self) { y.unwrap(); } }\n}\nfn main() { z.unwrap(); }\n";
        assert_eq!(sym(Lang::Rust, src, "x.unwrap()"), "db.impl Store.get");
        assert_eq!(
            sym(Lang::Rust, src, "y.unwrap()"),
            "db.impl Drop for Store.drop"
        );
        assert_eq!(sym(Lang::Rust, src, "z.unwrap()"), "main");
    }
}
