//! Environment names as the product's values rather than the running deployment's: a value
//! compared with the code's input (a function's parameter, a CLI option, a request's data, a
//! prompt's answer), or passed in a call's argument object to a function that is not a client's
//! setup. Such a name is a value of the product's model ("deploy to staging"), not a switch on
//! where the code runs.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use super::context::{tests_environment, words};
use crate::rules::syntax::node_text;

/// Object names of input: options and arguments of a CLI, a request's data and body.
const INPUT_WORDS: &[&str] = &[
    "options", "opts", "args", "argv", "flags", "answers", "input", "params", "body", "data",
    "query", "payload",
];

/// The last words of a call whose result is a person's answer (`await p.select({ … })`).
const PROMPT_CALLS: &[&str] = &[
    "select",
    "prompt",
    "text",
    "input",
    "ask",
    "question",
    "confirm",
    "autocomplete",
];

/// Whether an expression's text reads the code's input: a member path through one of
/// [`INPUT_WORDS`] (`options.env`, `parsed.data.env`, `req.body.env`).
pub(super) fn reads_input(expr: &str) -> bool {
    let mut segs: Vec<&str> = expr
        .split(['.', '?', '!'])
        .filter(|s| !s.is_empty())
        .collect();
    segs.pop();
    segs.iter().any(|s| INPUT_WORDS.contains(&s.trim()))
}

fn is_ident(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
        && !s.as_bytes()[0].is_ascii_digit()
}

fn names(text: &str, ident: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
        .any(|w| w == ident)
}

/// Whether the bare identifier `ident`, compared at `node`, is the enclosing function's input:
/// one of its parameters, or declared in it from input (`const { env } = parsed.data`,
/// `const mode = await p.select(…)`).
pub(super) fn is_function_input(node: Node<'_>, src: &str, ident: &str) -> bool {
    if !is_ident(ident) {
        return false;
    }
    let mut cur = node;
    let func = loop {
        let Some(p) = cur.parent() else { return false };
        if matches!(
            p.kind_name(),
            "function_declaration"
                | "function_expression"
                | "function"
                | "arrow_function"
                | "method_definition"
                | "generator_function_declaration"
        ) {
            break p;
        }
        cur = p;
    };
    let params = func
        .child_by_field_name("parameters")
        .or_else(|| func.child_by_field_name("parameter"));
    if let Some(params) = params {
        if params.kind_name() == "identifier" {
            return node_text(params, src) == ident && !tests_environment(ident);
        }
        let mut c = params.walk();
        for param in params.named_children(&mut c) {
            let pattern = param
                .child_by_field_name("pattern")
                .map(|n| node_text(n, src))
                .unwrap_or("");
            if !names(pattern, ident) {
                continue;
            }
            // the deployment's environment handed in (`connect(env: string)`) stays a
            // switch; a parameter named otherwise (`dir`, `slug`, `label`) or typed by the
            // product's model (`env: DeployOptions["env"]`, `{ env }: BranchOptions`) is a
            // value of the product
            let ty = param
                .child_by_field_name("type")
                .map(|t| node_text(t, src).trim_start_matches(':').trim())
                .unwrap_or("");
            let primitive = ty.is_empty()
                || ty
                    .split('|')
                    .map(str::trim)
                    .all(|t| matches!(t, "string" | "any" | "unknown" | "undefined" | "null"));
            return !tests_environment(ident) || !primitive;
        }
    }
    let Some(body) = func.child_by_field_name("body") else {
        return false;
    };
    let mut stack = vec![body];
    let mut seen = 0;
    while let Some(n) = stack.pop() {
        seen += 1;
        if seen > 4000 || n.start_byte() > node.start_byte() {
            continue;
        }
        if n.kind_name() == "variable_declarator" {
            let name = n.child_by_field_name("name").map(|x| node_text(x, src));
            if name.is_some_and(|t| names(t, ident)) {
                let value = n.child_by_field_name("value");
                if value.is_some_and(|v| from_input(v, src)) {
                    return true;
                }
            }
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
    false
}

/// Whether a declaration's value is input: a member path through [`INPUT_WORDS`], or the
/// awaited answer of a prompt.
fn from_input(v: Node<'_>, src: &str) -> bool {
    // `getArg("env")`, `getOption("env")`: a CLI's argument read by name
    if v.kind_name() == "call_expression" {
        let callee = v
            .child_by_field_name("function")
            .map(|f| node_text(f, src))
            .unwrap_or("");
        let last = words(callee).pop().unwrap_or_default();
        return matches!(last.as_str(), "arg" | "flag" | "option" | "param");
    }
    let v = if v.kind_name() == "await_expression" {
        match v.named_child(0) {
            Some(c) if c.kind_name() == "call_expression" => {
                let callee = c
                    .child_by_field_name("function")
                    .map(|f| node_text(f, src))
                    .unwrap_or("");
                let last = words(callee).pop().unwrap_or_default();
                return PROMPT_CALLS.contains(&last.as_str());
            }
            Some(c) => c,
            None => return false,
        }
    } else {
        v
    };
    let t = node_text(v, src);
    is_ident(t.split('.').next().unwrap_or("")) && (reads_input(&format!("{t}.x")))
}

/// Whether a pair at `node`'s value sits in an object passed straight to a call that is not a
/// client's setup (`presenter.call({ env: "development" })`, `deploy(id, { environment: "prod"
/// })`): a request naming one of the product's environments. A setup call (`init`,
/// `initialize`, `configure`, `setup`, `create…`, `register`, `start`, a constructor) keeps its
/// environment: that is the deployment's.
pub(super) fn in_call_argument_object(node: Node<'_>, src: &str) -> bool {
    let Some(pair) = node.parent().filter(|p| p.kind_name() == "pair") else {
        return false;
    };
    let Some(obj) = pair.parent().filter(|o| o.kind_name() == "object") else {
        return false;
    };
    let Some(args) = obj.parent().filter(|a| a.kind_name() == "arguments") else {
        return false;
    };
    let Some(call) = args.parent().filter(|c| c.kind_name() == "call_expression") else {
        return false;
    };
    let callee = call
        .child_by_field_name("function")
        .map(|f| node_text(f, src))
        .unwrap_or("");
    let first = callee
        .rsplit('.')
        .next()
        .map(words)
        .and_then(|w| w.into_iter().next())
        .unwrap_or_default();
    !callee.is_empty()
        && !matches!(
            first.as_str(),
            "init"
                | "initialize"
                | "configure"
                | "config"
                | "setup"
                | "create"
                | "register"
                | "start"
                | "new"
        )
}

/// Whether the literal is a prop of a component (`<BranchList env="development" />`): a value
/// the component shows or acts on, not the environment the code runs in. A lowercase element
/// (`<div data-env="staging">`) is markup, not a component.
pub(super) fn is_component_prop(node: Node<'_>, src: &str) -> bool {
    let Some(attr) = node.parent().filter(|p| p.kind_name() == "jsx_attribute") else {
        return false;
    };
    attr.parent()
        .filter(|e| {
            matches!(
                e.kind_name(),
                "jsx_self_closing_element" | "jsx_opening_element"
            )
        })
        .and_then(|e| e.child_by_field_name("name"))
        .is_some_and(|n| {
            let name = node_text(n, src);
            let last = name.rsplit('.').next().unwrap_or(name);
            last.starts_with(|c: char| c.is_ascii_uppercase())
        })
}
