//! Where a literal sits: the name it is bound to, the call it is passed to, what it is compared
//! with, and whether it is an environment-variable default (TS/JS and Rust), plus what names
//! say (timeouts, retries, ports, hosts, secrets).

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::rules::syntax::node_text;

/// Where a literal sits: the name it is bound to, the call it is passed to, what it is compared
/// with, and whether it is an environment-variable default.
#[derive(Default, Debug)]
pub(super) struct Context<'s> {
    /// The name the value is assigned to (object key, variable, field, parameter default).
    pub(super) name: Option<&'s str>,
    /// Callee text and argument index, when passed to a call.
    pub(super) call: Option<(&'s str, usize)>,
    /// The other side of a comparison (`===`, `==`, `!=`, `!==`, a `switch` discriminant).
    pub(super) compared_with: Option<&'s str>,
    /// A literal default of an environment read.
    pub(super) env_default: bool,
    /// Part of an import specifier, a type, an attribute or an object key: never config.
    pub(super) ignore: bool,
    /// The name was reached through a branch of a ternary (`href: c ? "/a" : "https://…"`):
    /// it only says whether the value is a link or UI text, never makes it config.
    pub(super) through_ternary: bool,
    /// A branch of a ternary whose condition tests the environment
    /// (`env.ENVIRONMENT === "staging" ? "https://staging.…" : "https://…"`): the value is
    /// already switched per deployment, configuration in place.
    pub(super) env_switched: bool,
    /// The value of a string key that is a host name (`{ "acme.com": "production" }`): a
    /// table keyed by where the code runs.
    pub(super) host_keyed: bool,
}

/// Whether a condition's text tests the deployment environment: it names `env`,
/// `environment`, `NODE_ENV`, or an environment (`isProduction`, `IS_STAGING`, `isDev`).
pub(super) fn tests_environment(cond: &str) -> bool {
    words(cond).iter().any(|w| {
        matches!(
            w.as_str(),
            "env" | "environment" | "production" | "prod" | "staging" | "dev" | "development"
        )
    })
}

/// Whether a condition tests where the code runs by its host: a host-like name (`host`,
/// `hostname`, `location.host`, `origin`) compared with a hostname literal or `localhost`
/// (`host === "preview.acme.io" ? "https://preview.acme.io" : "https://app.acme.io"`): the
/// branches are the addresses of each deployment, switched in place.
pub(super) fn tests_deployment_host(cond: &str) -> bool {
    if !(cond.contains("==") || cond.contains("!=")) {
        return false;
    }
    let w = words(cond);
    if !w
        .iter()
        .any(|w| matches!(w.as_str(), "host" | "hostname" | "origin"))
    {
        return false;
    }
    cond.split(['"', '\'', '`'])
        .skip(1)
        .step_by(2)
        .any(|lit| lit == "localhost" || super::detect::looks_hostname(lit))
}

/// A string key that is a host name, written in lower case as hosts are (`excalidraw.com`,
/// `vercel.app`; not `errors.not_found` of a message catalogue, not `Acme.Com`).
fn is_host_key(key: &str) -> bool {
    super::detect::looks_hostname(key) && !key.bytes().any(|b| b.is_ascii_uppercase())
}

/// Word stems a name must contain for any detector to care about the value bound to it.
pub(super) const NAME_STEMS: &[&str] = &[
    "port",
    "time",
    "interval",
    "ttl",
    "backoff",
    "delay",
    "retr",
    "attempt",
    "key",
    "token",
    "secret",
    "pass",
    "pwd",
    "credential",
    "host",
    "domain",
    "server",
    "url",
    "uri",
    "endpoint",
];

pub(super) fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

pub(super) fn last_segment(s: &str) -> &str {
    s.rsplit(['.', ':']).next().unwrap_or(s).trim()
}

pub(super) fn is_timeout_name(w: &[String]) -> bool {
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "timeout" | "timeouts" | "interval" | "ttl" | "backoff" | "delay"
        )
    })
}

pub(super) fn is_retry_name(w: &[String]) -> bool {
    w.iter()
        .any(|x| matches!(x.as_str(), "retries" | "retry" | "attempts" | "maxretries"))
}

pub(super) fn is_port_name(w: &[String]) -> bool {
    w.iter().any(|x| x == "port")
}

pub(super) fn is_host_name(w: &[String]) -> bool {
    w.iter()
        .any(|x| matches!(x.as_str(), "host" | "hostname" | "domain" | "server"))
}

pub(super) fn is_secret_name(w: &[String]) -> bool {
    let has = |s: &str| w.iter().any(|x| x == s);
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "secret"
                | "password"
                | "passwd"
                | "pwd"
                | "token"
                | "credential"
                | "credentials"
                | "apikey"
        )
    }) || (has("key")
        && w.iter().any(|x| {
            matches!(
                x.as_str(),
                "api"
                    | "secret"
                    | "access"
                    | "private"
                    | "signing"
                    | "encryption"
                    | "client"
                    | "auth"
            )
        }))
}

/// Milliseconds a timeout-like name's value stands for (`ttlSeconds: 60` → 60000).
pub(super) fn to_ms(w: &[String], v: f64) -> f64 {
    if w.iter()
        .any(|x| matches!(x.as_str(), "s" | "sec" | "secs" | "second" | "seconds"))
    {
        v * 1000.0
    } else if w
        .iter()
        .any(|x| matches!(x.as_str(), "min" | "mins" | "minute" | "minutes"))
    {
        v * 60_000.0
    } else {
        v
    }
}

/// `NODE_ENV` and bundler mode flags: comparing them with an environment name is the build-time idiom.
pub(super) fn is_build_env(other: &str) -> bool {
    other.contains("NODE_ENV") || other.contains("import.meta.env.MODE")
}

pub(super) fn ts_context<'s>(node: Node<'_>, src: &'s str) -> Context<'s> {
    let mut ctx = Context::default();
    let mut cur = node;
    for _ in 0..6 {
        let Some(p) = cur.parent() else { break };
        match p.kind_name() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "unary_expression" => {
                cur = p;
                continue;
            }
            "binary_expression" => {
                let op = p
                    .child_by_field_name("operator")
                    .map(|o| node_text(o, src))
                    .unwrap_or("");
                let left = p.child_by_field_name("left");
                let right = p.child_by_field_name("right");
                match op {
                    "===" | "!==" | "==" | "!=" => {
                        let other = if left.is_some_and(|l| l.id() == cur.id()) {
                            right
                        } else {
                            left
                        };
                        ctx.compared_with = other.map(|o| node_text(o, src));
                        return ctx;
                    }
                    "??" | "||" if right.is_some_and(|r| r.id() == cur.id()) => {
                        let l = left.map(|l| node_text(l, src)).unwrap_or("");
                        if l.contains("process.env")
                            || l.contains("import.meta.env")
                            || l.contains("Deno.env")
                        {
                            ctx.env_default = true;
                        }
                        cur = p;
                        continue;
                    }
                    "*" => {
                        cur = p;
                        continue;
                    }
                    _ => return ctx,
                }
            }
            "switch_case" => {
                let disc = p
                    .parent()
                    .and_then(|b| b.parent())
                    .and_then(|s| s.child_by_field_name("value"));
                ctx.compared_with = Some(disc.map_or("switch", |d| node_text(d, src)));
                return ctx;
            }
            "pair" => {
                if p.child_by_field_name("key")
                    .is_some_and(|k| k.id() == cur.id())
                {
                    ctx.ignore = true;
                } else {
                    let key = p.child_by_field_name("key");
                    ctx.name = key.map(|k| node_text(k, src).trim_matches(['"', '\'']));
                    ctx.host_keyed = key.is_some_and(|k| k.kind_name() == "string")
                        && ctx.name.is_some_and(is_host_key);
                }
                return ctx;
            }
            "variable_declarator"
            | "public_field_definition"
            | "assignment_pattern"
            | "required_parameter"
            | "optional_parameter" => {
                let n = p
                    .child_by_field_name("name")
                    .or_else(|| p.child_by_field_name("left"))
                    .or_else(|| p.child_by_field_name("pattern"));
                ctx.name = n.map(|n| node_text(n, src));
                return ctx;
            }
            "assignment_expression" | "augmented_assignment_expression" => {
                ctx.name = p.child_by_field_name("left").map(|n| node_text(n, src));
                return ctx;
            }
            "jsx_attribute" => {
                let mut c = p.walk();
                ctx.name = p.named_children(&mut c).next().map(|n| node_text(n, src));
                return ctx;
            }
            "jsx_expression" => {
                cur = p;
                continue;
            }
            // a branch (not the condition) of `c ? a : b`
            "ternary_expression"
                if p.child_by_field_name("condition")
                    .is_some_and(|c| c.id() != cur.id()) =>
            {
                ctx.through_ternary = true;
                if p.child_by_field_name("condition").is_some_and(|c| {
                    let t = node_text(c, src);
                    tests_environment(t) || tests_deployment_host(t)
                }) {
                    ctx.env_switched = true;
                }
                cur = p;
                continue;
            }
            "arguments" => {
                let Some(call) = p.parent() else { return ctx };
                let mut c = p.walk();
                let idx = p
                    .named_children(&mut c)
                    .position(|a| a.id() == cur.id())
                    .unwrap_or(0);
                match call.kind_name() {
                    "call_expression" | "new_expression" => {
                        let f = call
                            .child_by_field_name("function")
                            .or_else(|| call.child_by_field_name("constructor"));
                        let callee = f.map(|f| node_text(f, src)).unwrap_or("");
                        if callee == "require" || f.is_some_and(|f| f.kind_name() == "import") {
                            ctx.ignore = true;
                        }
                        ctx.call = Some((callee, idx));
                    }
                    _ => {}
                }
                return ctx;
            }
            "import_statement"
            | "export_statement"
            | "literal_type"
            | "import_require_clause"
            | "external_module_reference"
            | "property_signature"
            | "enum_assignment"
            | "ambient_declaration"
            | "module" => {
                ctx.ignore = p.kind_name() != "export_statement"
                    || p.child_by_field_name("source")
                        .is_some_and(|s| s.id() == cur.id());
                return ctx;
            }
            _ => return ctx,
        }
    }
    ctx
}

pub(super) fn rust_context<'s>(node: Node<'_>, src: &'s str) -> Context<'s> {
    let mut ctx = Context::default();
    let mut cur = node;
    for _ in 0..8 {
        let Some(p) = cur.parent() else { break };
        match p.kind_name() {
            "attribute_item" | "inner_attribute_item" | "attribute" | "meta_item" => {
                ctx.ignore = true;
                return ctx;
            }
            // an attribute's arguments are token trees, nested as deep as the attribute's
            // own syntax goes (`#[routes::path(responses((…, example = json!({…}))))]`): a
            // string anywhere in them is metadata (an OpenAPI example, a clap default, an
            // error message). A macro call's token trees are code and stay as they were.
            "token_tree" => {
                let mut up = p;
                while let Some(q) = up.parent().filter(|q| q.kind_name() == "token_tree") {
                    up = q;
                }
                ctx.ignore = up.parent().is_some_and(|q| q.kind_name() == "attribute");
                return ctx;
            }
            "unary_expression"
            | "parenthesized_expression"
            | "reference_expression"
            | "type_cast_expression" => {
                cur = p;
                continue;
            }
            "binary_expression" => {
                let op = p
                    .child_by_field_name("operator")
                    .map(|o| node_text(o, src))
                    .unwrap_or("");
                match op {
                    "==" | "!=" => {
                        let (l, r) = (
                            p.child_by_field_name("left"),
                            p.child_by_field_name("right"),
                        );
                        let other = if l.is_some_and(|l| l.id() == cur.id()) {
                            r
                        } else {
                            l
                        };
                        ctx.compared_with = other.map(|o| node_text(o, src));
                        return ctx;
                    }
                    "*" => {
                        cur = p;
                        continue;
                    }
                    _ => return ctx,
                }
            }
            "match_pattern" => {
                ctx.compared_with = Some("match");
                return ctx;
            }
            "let_declaration" => {
                ctx.name = p.child_by_field_name("pattern").map(|n| node_text(n, src));
                return ctx;
            }
            "const_item" | "static_item" => {
                ctx.name = p.child_by_field_name("name").map(|n| node_text(n, src));
                return ctx;
            }
            "field_initializer" => {
                ctx.name = p.child_by_field_name("field").map(|n| node_text(n, src));
                return ctx;
            }
            "assignment_expression" | "compound_assignment_expr" => {
                ctx.name = p.child_by_field_name("left").map(|n| node_text(n, src));
                return ctx;
            }
            "arguments" => {
                let Some(call) = p.parent() else { return ctx };
                let mut c = p.walk();
                let idx = p
                    .named_children(&mut c)
                    .position(|a| a.id() == cur.id())
                    .unwrap_or(0);
                if call.kind_name() == "call_expression" {
                    let callee = call
                        .child_by_field_name("function")
                        .map(|f| node_text(f, src))
                        .unwrap_or("");
                    ctx.call = Some((callee, idx));
                    // env::var("X").unwrap_or("default") / unwrap_or_else(|_| "default".into())
                    if let Some(f) = call.child_by_field_name("function") {
                        if f.kind_name() == "field_expression" {
                            let method = f
                                .child_by_field_name("field")
                                .map(|m| node_text(m, src))
                                .unwrap_or("");
                            let recv = f
                                .child_by_field_name("value")
                                .map(|v| node_text(v, src))
                                .unwrap_or("");
                            if method.starts_with("unwrap_or")
                                && (recv.contains("env::var") || recv.contains("var_os"))
                            {
                                ctx.env_default = true;
                            }
                        }
                    }
                }
                return ctx;
            }
            "field_expression" | "call_expression" | "closure_expression" => {
                // "x".to_string() / .into() / String::from("x"): keep climbing to the binding
                cur = p;
                continue;
            }
            _ => return ctx,
        }
    }
    ctx
}
