//! What a pass-through is in TypeScript/JavaScript: a named function or arrow whose body only
//! calls one other callable with its own parameters (reordered, constants added) and returns
//! the result; a component that only renders one other component with its props; a class whose
//! methods all forward to one field. Also the file's imports (to resolve a callee) and its
//! re-exports (which chains follow).

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::rules::syntax::{js_string, node_text};

/// A forwarding definition found in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct JsForward {
    pub(crate) name: String,
    pub(crate) exported: bool,
    pub(crate) default_export: bool,
    /// The callee as written (`getUser`, `api.getUser`, `Button`).
    pub(crate) callee: String,
    /// Constant arguments are added.
    pub(crate) binds_constants: bool,
    /// Byte span of the definition's name.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// A class whose methods all forward to one field: (class name span, field, methods).
pub(crate) struct ForwardingClass {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) name: String,
    pub(crate) field: String,
    pub(crate) methods: usize,
}

/// The parameters of a function: plain names, and a rest parameter's name.
#[derive(Default)]
struct Params {
    names: Vec<String>,
    rest: Option<String>,
}

fn params(func: Node<'_>, src: &str) -> Option<Params> {
    let mut p = Params::default();
    if let Some(single) = func.child_by_field_name("parameter") {
        // `x => f(x)`
        p.names.push(node_text(single, src).to_string());
        return Some(p);
    }
    let list = func.child_by_field_name("parameters")?;
    let mut c = list.walk();
    for param in list.named_children(&mut c) {
        match param.kind_name() {
            "comment" => {}
            "identifier" => p.names.push(node_text(param, src).to_string()),
            "required_parameter" | "optional_parameter" => {
                // a default value is behaviour (`a = 5`)
                if param.child_by_field_name("value").is_some() {
                    return None;
                }
                let pat = param.child_by_field_name("pattern")?;
                match pat.kind_name() {
                    "identifier" => p.names.push(node_text(pat, src).to_string()),
                    "rest_pattern" => p.rest = Some(rest_name(pat, src)?),
                    // `this: Foo` is a type annotation, not a parameter
                    "this" => {}
                    _ => return None,
                }
            }
            "rest_pattern" => p.rest = Some(rest_name(param, src)?),
            _ => return None,
        }
    }
    Some(p)
}

fn rest_name(pat: Node<'_>, src: &str) -> Option<String> {
    let n = pat.named_child(0)?;
    (n.kind_name() == "identifier").then(|| node_text(n, src).to_string())
}

/// The one call a function body consists of (`return f(a)`, `f(a)`, an arrow's `f(a)`),
/// `await` and parentheses taken off.
fn only_call<'t>(func: Node<'t>) -> Option<Node<'t>> {
    let body = func.child_by_field_name("body")?;
    let expr = if body.kind_name() == "statement_block" {
        let mut c = body.walk();
        let stmts: Vec<Node<'t>> = body
            .named_children(&mut c)
            .filter(|n| n.kind_name() != "comment")
            .collect();
        if stmts.len() != 1 {
            return None;
        }
        match stmts[0].kind_name() {
            "return_statement" | "expression_statement" => stmts[0].named_child(0)?,
            _ => return None,
        }
    } else {
        body
    };
    let mut e = expr;
    loop {
        match e.kind_name() {
            "await_expression" | "parenthesized_expression" => e = e.named_child(0)?,
            "call_expression" => return Some(e),
            _ => return None,
        }
    }
}

fn is_constant(n: Node<'_>, src: &str) -> bool {
    match n.kind_name() {
        "string" | "number" | "true" | "false" | "null" => true,
        "identifier" => node_text(n, src) == "undefined",
        "template_string" => {
            let mut c = n.walk();
            let plain = !n
                .named_children(&mut c)
                .any(|x| x.kind_name() == "template_substitution");
            plain
        }
        "unary_expression" => {
            n.child_by_field_name("argument")
                .is_some_and(|a| a.kind_name() == "number")
                && node_text(n, src).starts_with('-')
        }
        _ => false,
    }
}

/// The callee path of a call (`a`, `a.b.c`, `this.x.y`) when it is only names.
fn callee_path(f: Node<'_>, src: &str) -> Option<String> {
    match f.kind_name() {
        "identifier" | "this" => Some(node_text(f, src).to_string()),
        "member_expression" => {
            let obj = f.child_by_field_name("object")?;
            let prop = f.child_by_field_name("property")?;
            if prop.kind_name() != "property_identifier" {
                return None;
            }
            Some(format!(
                "{}.{}",
                callee_path(obj, src)?,
                node_text(prop, src)
            ))
        }
        _ => None,
    }
}

/// Whether `call`'s arguments are exactly the parameters (each once, any order; a rest
/// parameter spread) plus constants: `Some(whether constants are added)`.
fn forwards_params(call: Node<'_>, p: &Params, src: &str) -> Option<bool> {
    let args = call.child_by_field_name("arguments")?;
    if args.kind_name() != "arguments" {
        // a tagged template
        return None;
    }
    let mut used: Vec<&str> = Vec::new();
    let mut rest_used = false;
    let mut constants = 0;
    let mut c = args.walk();
    for a in args.named_children(&mut c) {
        match a.kind_name() {
            "comment" => {}
            "identifier" if p.names.iter().any(|n| n == node_text(a, src)) => {
                let t = node_text(a, src);
                if used.contains(&t) {
                    return None;
                }
                used.push(t);
            }
            "spread_element" => {
                let inner = a.named_child(0);
                match (inner, &p.rest) {
                    (Some(i), Some(r))
                        if i.kind_name() == "identifier" && node_text(i, src) == r =>
                    {
                        if rest_used {
                            return None;
                        }
                        rest_used = true;
                    }
                    _ => return None,
                }
            }
            _ if is_constant(a, src) => constants += 1,
            _ => return None,
        }
    }
    let all = used.len() == p.names.len() && rest_used == p.rest.is_some();
    // `() => get("/users")` names a configuration, not a layer
    let forwards_something = !used.is_empty() || rest_used || constants == 0;
    (all && forwards_something).then_some(constants > 0)
}

/// The callee a function (arrow, function expression or declaration) only forwards to, and
/// whether it adds constant arguments.
pub(crate) fn forward_target(func: Node<'_>, own_name: &str, src: &str) -> Option<(String, bool)> {
    if func.kind_name() == "generator_function_declaration"
        || func.kind_name() == "generator_function"
    {
        return None;
    }
    let p = params(func, src)?;
    let call = only_call(func)?;
    let callee = callee_path(call.child_by_field_name("function")?, src)?;
    let root = callee.split('.').next().unwrap_or("");
    // a parameter called (`(fn, x) => fn(x)`) is a combinator; recursion is not forwarding;
    // `.bind`/`.call`/`.apply` bind `this`
    if p.names.iter().any(|n| n == root)
        || p.rest.as_deref() == Some(root)
        || callee == own_name
        || root == "this"
        || root == "super"
        || matches!(callee.rsplit('.').next(), Some("bind" | "call" | "apply"))
        || callee.starts_with("console.")
    {
        return None;
    }
    let binds = forwards_params(call, &p, src)?;
    Some((callee, binds))
}

/// The component a component only renders: `(props) => <X {...props} />`, `({ a, b }) => <X
/// a={a} b={b} />`.
pub(crate) fn render_target(func: Node<'_>, src: &str) -> Option<String> {
    let body = func.child_by_field_name("body")?;
    let mut el = if body.kind_name() == "statement_block" {
        let mut c = body.walk();
        let stmts: Vec<Node<'_>> = body
            .named_children(&mut c)
            .filter(|n| n.kind_name() != "comment")
            .collect();
        if stmts.len() != 1 || stmts[0].kind_name() != "return_statement" {
            return None;
        }
        stmts[0].named_child(0)?
    } else {
        body
    };
    while el.kind_name() == "parenthesized_expression" {
        el = el.named_child(0)?;
    }
    let open = match el.kind_name() {
        "jsx_self_closing_element" => el,
        "jsx_element" => {
            let open = el.child_by_field_name("open_tag")?;
            // children: none, or only whitespace
            let mut c = el.walk();
            let has_children = el.named_children(&mut c).any(|n| {
                let tag = matches!(n.kind_name(), "jsx_opening_element" | "jsx_closing_element");
                let blank = n.kind_name() == "jsx_text" && node_text(n, src).trim().is_empty();
                !(tag || blank)
            });
            if has_children {
                return None;
            }
            open
        }
        _ => return None,
    };
    let name = open.child_by_field_name("name")?;
    let target = match name.kind_name() {
        "identifier" => node_text(name, src),
        "member_expression" | "nested_identifier" => node_text(name, src),
        _ => return None,
    };
    if !target.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    // the parameter: one name (spread), or a destructuring of plain names (passed by name)
    let mut spread_of: Option<String> = None;
    let mut named: Vec<String> = Vec::new();
    let mut rest: Option<String> = None;
    let single = func.child_by_field_name("parameter");
    let list = func.child_by_field_name("parameters");
    let mut ps: Vec<Node<'_>> = Vec::new();
    if let Some(s) = single {
        ps.push(s);
    } else if let Some(l) = list {
        let mut c = l.walk();
        ps.extend(
            l.named_children(&mut c)
                .filter(|n| n.kind_name() != "comment"),
        );
    }
    if ps.len() != 1 {
        return None;
    }
    let pat = match ps[0].kind_name() {
        "required_parameter" => ps[0].child_by_field_name("pattern")?,
        _ => ps[0],
    };
    match pat.kind_name() {
        "identifier" => spread_of = Some(node_text(pat, src).to_string()),
        "object_pattern" => {
            let mut c = pat.walk();
            for p in pat.named_children(&mut c) {
                match p.kind_name() {
                    "shorthand_property_identifier_pattern" => {
                        named.push(node_text(p, src).to_string())
                    }
                    "rest_pattern" => rest = Some(rest_name(p, src)?),
                    "comment" => {}
                    // defaults and renames are behaviour
                    _ => return None,
                }
            }
        }
        _ => return None,
    }
    let mut spread_seen = false;
    let mut passed: Vec<String> = Vec::new();
    let mut c = open.walk();
    for a in open.named_children(&mut c) {
        if a == name {
            continue;
        }
        match a.kind_name() {
            "jsx_expression" => {
                // `{...props}`
                let inner = a.named_child(0)?;
                if inner.kind_name() != "spread_element" {
                    return None;
                }
                let id = node_text(inner.named_child(0)?, src);
                if spread_of.as_deref() == Some(id) || rest.as_deref() == Some(id) {
                    spread_seen = true;
                } else {
                    return None;
                }
            }
            "jsx_attribute" => {
                let mut ac = a.walk();
                let parts: Vec<Node<'_>> = a.named_children(&mut ac).collect();
                let attr = node_text(*parts.first()?, src).to_string();
                match parts.get(1) {
                    Some(v) if v.kind_name() == "string" => {}
                    Some(v) if v.kind_name() == "jsx_expression" => {
                        let inner = v.named_child(0)?;
                        let t = node_text(inner, src);
                        if inner.kind_name() == "identifier"
                            && named.iter().any(|n| n == t)
                            && t == attr
                        {
                            passed.push(t.to_string());
                        } else if !is_constant(inner, src) {
                            return None;
                        }
                    }
                    _ => return None,
                }
            }
            "type_arguments" | "comment" => {}
            _ => return None,
        }
    }
    let complete = match (&spread_of, &rest) {
        (Some(_), _) => spread_seen,
        (None, r) => {
            passed.sort();
            let mut want = named.clone();
            want.sort();
            passed == want && (r.is_none() || spread_seen) && !(want.is_empty() && r.is_none())
        }
    };
    complete.then(|| target.to_string())
}

/// Whether a declaration node is exported (`export function`, `export const`), and as default.
pub(crate) fn export_of(decl: Node<'_>) -> (bool, bool) {
    let mut n = decl;
    for _ in 0..3 {
        let Some(p) = n.parent() else { break };
        if p.kind_name() == "export_statement" {
            let default = {
                let mut c = p.walk();
                let d = p.children(&mut c).any(|x| x.kind_name() == "default");
                d
            };
            return (true, default);
        }
        if !matches!(
            p.kind_name(),
            "lexical_declaration" | "variable_declaration"
        ) {
            break;
        }
        n = p;
    }
    (false, false)
}

/// The forwarding definition at `node` (a function declaration or a variable declarator whose
/// value is an arrow or function expression), if it is one.
pub(crate) fn definition(node: Node<'_>, src: &str) -> Option<JsForward> {
    let (name_node, func, decl) = match node.kind_name() {
        "function_declaration" => (node.child_by_field_name("name")?, node, node),
        "variable_declarator" => {
            let v = node.child_by_field_name("value")?;
            if !matches!(
                v.kind_name(),
                "arrow_function" | "function_expression" | "function"
            ) {
                return None;
            }
            (node.child_by_field_name("name")?, v, node)
        }
        _ => return None,
    };
    if name_node.kind_name() != "identifier" {
        return None;
    }
    let name = node_text(name_node, src);
    let (callee, binds_constants) = if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        render_target(func, src)
            .map(|t| (t, false))
            .or_else(|| forward_target(func, name, src))?
    } else {
        forward_target(func, name, src)?
    };
    let (exported, default_export) = export_of(decl);
    Some(JsForward {
        name: name.to_string(),
        exported,
        default_export,
        callee,
        binds_constants,
        start: name_node.start_byte(),
        end: name_node.end_byte(),
    })
}

/// A class (no `extends`/`implements`: those satisfy a contract) of two or more methods that
/// all forward to the same field (`this.inner.get(id)`).
pub(crate) fn forwarding_class(node: Node<'_>, src: &str) -> Option<ForwardingClass> {
    let name = node.child_by_field_name("name")?;
    let mut c = node.walk();
    if node
        .children(&mut c)
        .any(|n| n.kind_name() == "class_heritage" || n.kind_name() == "decorator")
    {
        return None;
    }
    let body = node.child_by_field_name("body")?;
    let mut field: Option<String> = None;
    let mut methods = 0;
    let mut c = body.walk();
    for m in body.named_children(&mut c) {
        match m.kind_name() {
            "method_definition" => {
                let mname = node_text(m.child_by_field_name("name")?, src);
                if mname == "constructor" {
                    continue;
                }
                let mut mc = m.walk();
                if m.children(&mut mc)
                    .any(|x| matches!(x.kind_name(), "get" | "set" | "static"))
                {
                    return None;
                }
                let p = params(m, src)?;
                let call = only_call(m)?;
                let callee = callee_path(call.child_by_field_name("function")?, src)?;
                let parts: Vec<&str> = callee.split('.').collect();
                if parts.len() != 3 || parts[0] != "this" {
                    return None;
                }
                forwards_params(call, &p, src)?;
                match &field {
                    Some(f) if f != parts[1] => return None,
                    Some(_) => {}
                    None => field = Some(parts[1].to_string()),
                }
                methods += 1;
            }
            "comment" | "public_field_definition" | "field_definition" => {}
            _ => return None,
        }
    }
    (methods >= 2).then(|| ForwardingClass {
        start: name.start_byte(),
        end: name.end_byte(),
        name: node_text(name, src).to_string(),
        field: field.unwrap_or_default(),
        methods,
    })
}

/// An imported name: the local name, the specifier, the name in the exporting module (`*` for a
/// namespace, `default` for a default import), and the byte span of the local name.
pub(crate) struct Import {
    pub(crate) local: String,
    pub(crate) spec: String,
    pub(crate) orig: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// Every name the file's top-level imports bind.
pub(crate) fn imports_of(root: Node<'_>, src: &str) -> Vec<Import> {
    let mut out = Vec::new();
    let mut c = root.walk();
    for n in root.named_children(&mut c) {
        if n.kind_name() != "import_statement" {
            continue;
        }
        let Some(spec) = n
            .child_by_field_name("source")
            .and_then(|s| js_string(s, src))
        else {
            continue;
        };
        let mut ic = n.walk();
        let Some(clause) = n
            .named_children(&mut ic)
            .find(|x| x.kind_name() == "import_clause")
        else {
            continue;
        };
        let mut cc = clause.walk();
        for part in clause.named_children(&mut cc) {
            match part.kind_name() {
                "identifier" => out.push(Import {
                    local: node_text(part, src).to_string(),
                    spec: spec.clone(),
                    orig: "default".to_string(),
                    start: part.start_byte(),
                    end: part.end_byte(),
                }),
                "namespace_import" => {
                    if let Some(id) = part.named_child(0) {
                        out.push(Import {
                            local: node_text(id, src).to_string(),
                            spec: spec.clone(),
                            orig: "*".to_string(),
                            start: id.start_byte(),
                            end: id.end_byte(),
                        });
                    }
                }
                "named_imports" => {
                    let mut sc = part.walk();
                    for s in part.named_children(&mut sc) {
                        if s.kind_name() != "import_specifier" {
                            continue;
                        }
                        let Some(orig) = s.child_by_field_name("name") else {
                            continue;
                        };
                        let local = s.child_by_field_name("alias").unwrap_or(orig);
                        out.push(Import {
                            local: node_text(local, src).to_string(),
                            spec: spec.clone(),
                            orig: node_text(orig, src).to_string(),
                            start: local.start_byte(),
                            end: local.end_byte(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Re-exports of an `export … from "…"` statement: (exported name, specifier, name there, span
/// of the exported name); `export * from` gives `("*", spec, "*", span of the specifier)`.
pub(crate) fn re_exports(
    node: Node<'_>,
    src: &str,
) -> Vec<(String, String, String, (usize, usize))> {
    let mut out = Vec::new();
    let Some(spec) = node
        .child_by_field_name("source")
        .and_then(|s| js_string(s, src))
    else {
        return out;
    };
    let mut c = node.walk();
    let mut any_clause = false;
    for part in node.named_children(&mut c) {
        if part.kind_name() == "export_clause" {
            any_clause = true;
            let mut sc = part.walk();
            for s in part.named_children(&mut sc) {
                if s.kind_name() != "export_specifier" {
                    continue;
                }
                let Some(orig) = s.child_by_field_name("name") else {
                    continue;
                };
                let public = s.child_by_field_name("alias").unwrap_or(orig);
                out.push((
                    node_text(public, src).to_string(),
                    spec.clone(),
                    node_text(orig, src).to_string(),
                    (public.start_byte(), public.end_byte()),
                ));
            }
        } else if part.kind_name() == "namespace_export" {
            any_clause = true;
        }
    }
    if !any_clause {
        let at = node.child_by_field_name("source").unwrap_or(node);
        out.push((
            "*".to_string(),
            spec,
            "*".to_string(),
            (at.start_byte(), at.end_byte()),
        ));
    }
    out
}

/// Whether `name` is declared at the top level of the file (a `const`, `let`, `var`, class or
/// function, exported or not): a wrapper calling a method of it hides module-private state.
pub(crate) fn declared_at_top(root: Node<'_>, name: &str, src: &str) -> bool {
    let mut c = root.walk();
    for n in root.named_children(&mut c) {
        let decl = if n.kind_name() == "export_statement" {
            match n.child_by_field_name("declaration") {
                Some(d) => d,
                None => continue,
            }
        } else {
            n
        };
        match decl.kind_name() {
            "lexical_declaration" | "variable_declaration" => {
                let mut dc = decl.walk();
                for d in decl.named_children(&mut dc) {
                    if d.kind_name() == "variable_declarator"
                        && d.child_by_field_name("name")
                            .is_some_and(|x| node_text(x, src) == name)
                    {
                        return true;
                    }
                }
            }
            "class_declaration" | "function_declaration" | "abstract_class_declaration"
                if decl
                    .child_by_field_name("name")
                    .is_some_and(|x| node_text(x, src) == name) =>
            {
                return true;
            }
            _ => {}
        }
    }
    false
}
