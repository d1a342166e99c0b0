//! Kind `hardcoded-config`: configuration inlined in code (URLs, hosts, ports, secrets,
//! environment names, timeouts).
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain hardcoded-config`).

pub mod clusters;

use std::collections::BTreeMap;

use tree_sitter::Node;

use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::Literal;
use super::syntax::node_text;
use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::core::{Finding, Severity};

use super::fact::{Fact, FileFact};
use crate::lang::{Lang, LangSet};

pub const DOCS: &str = r#"hardcoded-config — configuration inlined in code

What
  Reports literals that belong in configuration, in TS/TSX/JS and Rust. Detectors, each
  switchable with `detectors = [...]` (default: all):
    url       "https://api.acme.com/v2", "postgres://…", "wss://…" (strings that start with a
              scheme); XML/SVG namespace and schema URLs, documentation links (docs./help.
              hosts, /docs paths), navigation links and UI text (placeholder, label, title)
              are fine
    host      IPv4/IPv6 literals ("10.0.3.7", "::1", "10.0.0.1:5432") anywhere, and hostnames
              assigned to host-like names (`host: "db.internal"`)
    port      numbers assigned to port-like names (`port: 5432`, `const PORT = 8080`) or passed
              to `.listen(…)`
    secret    known key formats (AWS, GitHub, Slack, Stripe, Google API keys, private-key
              blocks, JWTs) anywhere, and high-entropy strings assigned to names like key, token,
              secret, password; never printed in full: `match`, message and snippet are redacted
    env-name  "production", "staging", "prod", "development" compared (`===`, `==`, `switch`)
              or assigned; `process.env.NODE_ENV === "production"` (the bundler idiom) is fine
    timeout   numbers passed as timeouts, intervals and retries: `setTimeout(fn, 5000)`,
              `{ timeout: 30000 }`, `retries: 5`, `Duration::from_secs(30)`; values under
              `timeout_min_ms` (default 1000) are not reported
  Options: `allow_in` (globs where config belongs: silent there, and named in `help`),
  `allow_hosts` (e.g. ["localhost", "127.0.0.1"]: silent as hosts and inside URLs),
  `allow_urls` (wildcards, e.g. "https://docs.acme.com/*"), `config_files` (the config module
  and/or `.env.example`: when one holds the same value, `help` names its key, e.g.
  "use `config.apiBaseUrl`"), `config_name` (prefix of keys from a TS config module, default
  "config"), `timeout_min_ms`, `cluster_min_files` (default 3: the same value in that many
  files is reported once, with every place in `related`), `report_links` (default false:
  URLs in `href`/`to` and `window.open(…)` are links for people, not configuration).
  Never reported: comments and doc comments, import specifiers, Rust attributes, TypeScript
  literal types, and values read from the environment; a literal default for one
  (`process.env.X ?? "…"`, `env::var("X").unwrap_or("…")`) is reported as `info`.

Why
  Inlined URLs, hosts and timeouts make every environment change a code change, and keys in
  code leak. AI assistants do not know the config module, so they inline values; the finding
  points at the module, and at the key when the value is already there.

Example
  [[rule]]
  id = "config/hardcoded"
  kind = "hardcoded-config"
  severity = "error"
  message = "{what}"
  adr = { id = "ADR-0007", title = "Configuration lives in src/config", path = "docs/adr/0007-config.md" }
  allow_in = ["src/config/**", "**/*.config.*"]
  allow_hosts = ["localhost", "127.0.0.1"]
  config_files = ["src/config/index.ts", ".env.example"]
  tests = "exclude"
"#;

pub const KIND: KindInfo = KindInfo {
    name: "hardcoded-config",
    summary: "URLs, hosts, ports, secrets, environment names and timeouts inlined outside config",
    docs: DOCS,
    fields: &[
        "detectors",
        "allow_in",
        "allow_hosts",
        "allow_urls",
        "config_files",
        "config_name",
        "timeout_min_ms",
        "cluster_min_files",
        "report_links",
    ],
    compile,
};

const DETECTORS: &[&str] = &["url", "host", "port", "secret", "env-name", "timeout"];

/// Hosts of namespace, schema and standards URLs: identifiers, not endpoints.
const NAMESPACE_HOSTS: &[&str] = &[
    "www.w3.org",
    "w3.org",
    "schemas.xmlsoap.org",
    "schemas.microsoft.com",
    "schemas.openxmlformats.org",
    "purl.org",
    "xmlns.com",
    "ns.adobe.com",
    "schema.org",
    "json-schema.org",
    "www.apple.com",
    "example.com",
    "www.example.com",
];

/// Literals (checked for what they are, whatever their place), the places a value is bound to a
/// name (checked for what the name says), and calls (checked for timer and port arguments). A
/// literal's context is looked up (by climbing to its parents) only when its text could be a
/// finding: most strings fail that test at once.
const TS_KINDS: &[&str] = &[
    "string",
    "template_string",
    "pair",
    "variable_declarator",
    "assignment_expression",
    "augmented_assignment_expression",
    "public_field_definition",
    "assignment_pattern",
    "jsx_attribute",
    "call_expression",
];
const RUST_KINDS: &[&str] = &[
    "string_literal",
    "raw_string_literal",
    "let_declaration",
    "const_item",
    "static_item",
    "field_initializer",
    "assignment_expression",
    "call_expression",
];

const ENV_NAMES: &[&str] = &["production", "staging", "prod", "development"];

struct Detectors {
    url: bool,
    host: bool,
    port: bool,
    secret: bool,
    env_name: bool,
    timeout: bool,
}

struct HardcodedConfig {
    on: Detectors,
    allow_in: Option<Globs>,
    allow_in_text: Vec<String>,
    allow_hosts: Vec<String>,
    allow_urls: Vec<super::literal::Wildcard>,
    /// Normalised value → the config key that holds it.
    known: BTreeMap<String, String>,
    timeout_min_ms: f64,
    cluster_min_files: usize,
    report_links: bool,
    /// Field ids per language (by [`Lang::index`]): looking a field up by name scans the
    /// grammar's field names, too slow for every node of the pass.
    fields: [FieldIds; 4],
    /// Word stems a name must contain to matter to any detector (ASCII case-insensitive).
    stems: aho_corasick::AhoCorasick,
}

#[derive(Clone, Copy, Default)]
struct FieldIds {
    key: Option<std::num::NonZeroU16>,
    value: Option<std::num::NonZeroU16>,
    name: Option<std::num::NonZeroU16>,
    left: Option<std::num::NonZeroU16>,
    right: Option<std::num::NonZeroU16>,
    pattern: Option<std::num::NonZeroU16>,
    field: Option<std::num::NonZeroU16>,
    function: Option<std::num::NonZeroU16>,
    arguments: Option<std::num::NonZeroU16>,
}

impl FieldIds {
    fn of(lang: Lang) -> Self {
        let g = lang.grammar();
        let id = |n: &str| g.field_id_for_name(n);
        FieldIds {
            key: id("key"),
            value: id("value"),
            name: id("name"),
            left: id("left"),
            right: id("right"),
            pattern: id("pattern"),
            field: id("field"),
            function: id("function"),
            arguments: id("arguments"),
        }
    }
}

fn child<'t>(node: Node<'t>, id: Option<std::num::NonZeroU16>) -> Option<Node<'t>> {
    id.and_then(|i| node.child_by_field_id(i.get()))
}

fn compile(f: &Fields<'_, '_>, ctx: &CompileCtx<'_>) -> Result<Box<dyn RuleKind>, ConfigError> {
    let on = match f.str_list("detectors")? {
        None => DETECTORS.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        Some(list) => {
            let mut v = Vec::new();
            for d in list {
                if !DETECTORS.contains(&d.get_ref().as_str()) {
                    let mut e = ConfigError::at(
                        ctx.src,
                        d.span(),
                        format!("unknown detector `{}`", d.get_ref()),
                    )
                    .label("not a detector")
                    .help(format!("detectors are: {}", DETECTORS.join(", ")));
                    if let Some(s) = crate::core::closest(d.get_ref(), DETECTORS) {
                        e = e.help(format!(
                            "did you mean `{s}`? detectors are: {}",
                            DETECTORS.join(", ")
                        ));
                    }
                    return Err(e);
                }
                v.push(d.into_inner());
            }
            v
        }
    };
    let has = |d: &str| on.iter().any(|x| x == d);
    let allow_in_list = f.str_list("allow_in")?;
    let allow_in = allow_in_list
        .as_ref()
        .map(|l| compile_globs(ctx.src, l))
        .transpose()?;
    let allow_in_text = allow_in_list
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner())
        .collect();
    let allow_hosts = f
        .str_list("allow_hosts")?
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner().to_ascii_lowercase())
        .collect();
    let allow_urls = f
        .str_list("allow_urls")?
        .unwrap_or_default()
        .iter()
        .map(|s| super::literal::Wildcard::new(s.get_ref()))
        .collect();
    let config_name = f
        .str("config_name")?
        .map_or_else(|| "config".to_string(), |s| s.into_inner());
    let mut known = BTreeMap::new();
    for file in f.str_list("config_files")?.unwrap_or_default() {
        let path = crate::core::confine::inside(ctx.root, file.get_ref())
            .map_err(|e| ConfigError::at(ctx.src, file.span(), e).label("this file"))?;
        let text = crate::core::safe_read::read_config_string(&path).map_err(|e| {
            ConfigError::at(
                ctx.src,
                file.span(),
                format!("cannot read config file: {e}"),
            )
            .label("this file")
            .help("paths are relative to the directory of archdrift.toml")
        })?;
        let name = file.get_ref();
        if name.ends_with(".ts")
            || name.ends_with(".js")
            || name.ends_with(".tsx")
            || name.ends_with(".mjs")
        {
            config_module_values(&text, &config_name, &mut known);
        } else if name.ends_with(".rs") {
            rust_const_values(&text, &mut known);
        } else {
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with('#') {
                    continue;
                }
                if let Some((k, v)) = line.split_once('=') {
                    let v = v.trim().trim_matches(['"', '\'']);
                    if !v.is_empty() {
                        known
                            .entry(normalize_value(v))
                            .or_insert_with(|| format!("`{}` from `{name}`", k.trim()));
                    }
                }
            }
        }
    }
    let int = |key: &str, default: i64| -> Result<i64, ConfigError> {
        match f.int(key)? {
            None => Ok(default),
            Some(n) if *n.get_ref() >= 0 => Ok(*n.get_ref()),
            Some(n) => Err(ConfigError::at(
                ctx.src,
                n.span(),
                format!("`{key}` must not be negative"),
            )),
        }
    };
    Ok(Box::new(HardcodedConfig {
        on: Detectors {
            url: has("url"),
            host: has("host"),
            port: has("port"),
            secret: has("secret"),
            env_name: has("env-name"),
            timeout: has("timeout"),
        },
        allow_in,
        allow_in_text,
        allow_hosts,
        allow_urls,
        known,
        timeout_min_ms: int("timeout_min_ms", 1000)? as f64,
        cluster_min_files: int("cluster_min_files", 3)?.max(2) as usize,
        report_links: f.bool("report_links")?.is_some_and(|b| *b.get_ref()),
        fields: Lang::ALL.map(FieldIds::of),
        stems: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NAME_STEMS)
            .map_err(|e| ConfigError::plain(format!("internal: name stems: {e}")))?,
    }))
}

/// A literal's value as compared with config values: numbers without `_`, strings as written.
fn normalize_value(v: &str) -> String {
    let t = v.replace('_', "");
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && !v.contains(['"', '\'']) => format!("{n}"),
        _ => v.to_string(),
    }
}

/// `key path → value` of the object literals in a TS/JS config module, including `??`/`||`
/// defaults and `a * b` products.
fn config_module_values(text: &str, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::TypeScript, text) else {
        return;
    };
    let mut stack: Vec<(Node<'_>, String)> = vec![(tree.root_node(), String::new())];
    while let Some((node, path)) = stack.pop() {
        let mut c = node.walk();
        for ch in node.named_children(&mut c) {
            match ch.kind() {
                "pair" => {
                    let (Some(k), Some(v)) = (
                        ch.child_by_field_name("key"),
                        ch.child_by_field_name("value"),
                    ) else {
                        continue;
                    };
                    let key = node_text(k, text).trim_matches(['"', '\'']);
                    let p = if path.is_empty() {
                        key.to_string()
                    } else {
                        format!("{path}.{key}")
                    };
                    if let Some(val) = static_value(v, text) {
                        out.entry(val).or_insert_with(|| format!("`{prefix}.{p}`"));
                    }
                    stack.push((v, p));
                }
                "variable_declarator" => {
                    if let (Some(n), Some(v)) = (
                        ch.child_by_field_name("name"),
                        ch.child_by_field_name("value"),
                    ) {
                        let name = node_text(n, text);
                        if let Some(val) = static_value(v, text) {
                            out.entry(val).or_insert_with(|| format!("`{name}`"));
                        }
                        stack.push((v, String::new()));
                    }
                }
                _ => stack.push((ch, path.clone())),
            }
        }
    }
}

/// `const NAME: T = literal;` items of a Rust config module.
fn rust_const_values(text: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::Rust, text) else {
        return;
    };
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if matches!(n.kind(), "const_item" | "static_item") {
            if let (Some(name), Some(v)) = (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            ) {
                let raw = node_text(v, text);
                let val = if v.kind() == "string_literal" {
                    raw.trim_matches('"').to_string()
                } else {
                    normalize_value(raw)
                };
                out.entry(val)
                    .or_insert_with(|| format!("`{}`", node_text(name, text)));
            }
            continue;
        }
        let mut c = n.walk();
        stack.extend(n.named_children(&mut c));
    }
}

/// The value of a literal-ish TS expression: a string, a number, a product of numbers, or the
/// literal default of `env.X ?? literal`.
fn static_value(v: Node<'_>, text: &str) -> Option<String> {
    match v.kind() {
        "string" => Some(node_text(v, text).trim_matches(['"', '\'']).to_string()),
        "template_string"
            if v.named_child_count()
                == v.named_children(&mut v.walk())
                    .filter(|c| c.kind() == "string_fragment")
                    .count() =>
        {
            Some(node_text(v, text).trim_matches('`').to_string())
        }
        "number" => Some(normalize_value(node_text(v, text))),
        "binary_expression" => {
            let op = v
                .child_by_field_name("operator")
                .map(|o| node_text(o, text))?;
            let (l, r) = (
                v.child_by_field_name("left")?,
                v.child_by_field_name("right")?,
            );
            match op {
                "??" | "||" => static_value(r, text),
                "*" => {
                    let a: f64 = static_value(l, text)?.parse().ok()?;
                    let b: f64 = static_value(r, text)?.parse().ok()?;
                    Some(format!("{}", a * b))
                }
                _ => None,
            }
        }
        "parenthesized_expression" | "as_expression" | "satisfies_expression" => {
            static_value(v.named_child(0)?, text)
        }
        _ => None,
    }
}

/// Where a literal sits: the name it is bound to, the call it is passed to, what it is compared
/// with, and whether it is an environment-variable default.
#[derive(Default, Debug)]
struct Context<'s> {
    /// The name the value is assigned to (object key, variable, field, parameter default).
    name: Option<&'s str>,
    /// Callee text and argument index, when passed to a call.
    call: Option<(&'s str, usize)>,
    /// The other side of a comparison (`===`, `==`, `!=`, `!==`, a `switch` discriminant).
    compared_with: Option<&'s str>,
    /// A literal default of an environment read.
    env_default: bool,
    /// Part of an import specifier, a type, an attribute or an object key: never config.
    ignore: bool,
}

/// Word stems a name must contain for any detector to care about the value bound to it.
const NAME_STEMS: &[&str] = &[
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

fn words(name: &str) -> Vec<String> {
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

fn last_segment(s: &str) -> &str {
    s.rsplit(['.', ':']).next().unwrap_or(s).trim()
}

fn is_timeout_name(w: &[String]) -> bool {
    w.iter().any(|x| {
        matches!(
            x.as_str(),
            "timeout" | "timeouts" | "interval" | "ttl" | "backoff" | "delay"
        )
    })
}

fn is_retry_name(w: &[String]) -> bool {
    w.iter()
        .any(|x| matches!(x.as_str(), "retries" | "retry" | "attempts" | "maxretries"))
}

fn is_port_name(w: &[String]) -> bool {
    w.iter().any(|x| x == "port")
}

fn is_host_name(w: &[String]) -> bool {
    w.iter()
        .any(|x| matches!(x.as_str(), "host" | "hostname" | "domain" | "server"))
}

fn is_secret_name(w: &[String]) -> bool {
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
fn to_ms(w: &[String], v: f64) -> f64 {
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

impl RuleKind for HardcodedConfig {
    fn languages(&self) -> LangSet {
        LangSet::ALL
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        match lang {
            Lang::Rust => RUST_KINDS,
            _ => TS_KINDS,
        }
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    /// Values repeated across files become one cluster finding.
    fn cross_file(&self, facts: Vec<FileFact>, _template: &Finding) -> Vec<Finding> {
        clusters::resolve(facts, self.cluster_min_files)
    }

    fn applies_to(&self, rel: &str) -> bool {
        !self.allow_in.as_ref().is_some_and(|g| g.is_match(rel))
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        match node.kind() {
            "string" | "string_literal" | "raw_string_literal" | "template_string" => {
                let text = literal_text(node, src);
                if text.is_empty() || text.len() > 4096 || !self.literal_gate(text) {
                    return;
                }
                let ctx = if lang == Lang::Rust {
                    rust_context(node, src)
                } else {
                    ts_context(node, src)
                };
                if !ctx.ignore {
                    self.string(node, text, &ctx, out);
                }
            }
            "call_expression" => self.call(node, src, lang, out),
            _ => self.binding(node, src, lang, out),
        }
    }
}

/// The text inside a string literal's quotes.
fn literal_text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    let t = node_text(node, src);
    let t = if node.kind() == "raw_string_literal" {
        t.trim_start_matches('r').trim_matches('#')
    } else {
        t
    };
    t.get(1..t.len().saturating_sub(1)).unwrap_or("")
}

/// `"x".to_string()`, `String::from("x")`, `("x")`, `x as T`: the literal inside.
fn unwrap_value<'t>(mut v: Node<'t>, src: &str) -> Node<'t> {
    for _ in 0..4 {
        let next = match v.kind() {
            "parenthesized_expression"
            | "as_expression"
            | "satisfies_expression"
            | "non_null_expression"
            | "type_cast_expression"
            | "reference_expression" => v.named_child(0),
            "call_expression" => {
                let f = v.child_by_field_name("function");
                let f_text = f.map(|f| node_text(f, src)).unwrap_or("");
                let method = f_text.rsplit(['.', ':']).next().unwrap_or("");
                if matches!(method, "to_string" | "to_owned" | "into") {
                    f.and_then(|f| f.child_by_field_name("value"))
                } else if f_text == "String::from" {
                    v.child_by_field_name("arguments")
                        .and_then(|a| a.named_child(0))
                } else {
                    None
                }
            }
            _ => None,
        };
        match next {
            Some(n) => v = n,
            None => break,
        }
    }
    v
}

impl HardcodedConfig {
    /// Whether a literal's text alone could be a finding (URL, IP, known key format, environment
    /// name); name-dependent findings are found where the name is bound ([`Self::binding`]).
    fn literal_gate(&self, text: &str) -> bool {
        let t = text.trim();
        (self.on.url && t.contains("://"))
            || (self.on.secret && known_secret(t).is_some())
            || (self.on.env_name && ENV_NAMES.contains(&t))
            || (self.on.host
                && (t.starts_with(|c: char| c.is_ascii_digit()) || t.contains("::"))
                && {
                    let host = t
                        .rsplit_once(':')
                        .filter(|(h, p)| {
                            !h.contains(':')
                                && !p.is_empty()
                                && p.bytes().all(|b| b.is_ascii_digit())
                        })
                        .map_or(t, |(h, _)| h);
                    is_ipv4(host) || is_ipv6(t)
                })
    }

    /// A value bound to a name (`key: v`, `const NAME = v`, `x.timeout = v`, `port = v` as a
    /// default): numbers and the literals whose meaning depends on the name.
    fn binding(&self, node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Hit>) {
        let f = &self.fields[lang.index()];
        let (name, value) = match node.kind() {
            "pair" => (child(node, f.key), child(node, f.value)),
            "variable_declarator" | "public_field_definition" | "const_item" | "static_item" => {
                (child(node, f.name), child(node, f.value))
            }
            "assignment_expression" | "augmented_assignment_expression" | "assignment_pattern" => {
                (child(node, f.left), child(node, f.right))
            }
            "let_declaration" => (child(node, f.pattern), child(node, f.value)),
            "field_initializer" => (child(node, f.field), child(node, f.value)),
            "jsx_attribute" => {
                let mut c = node.walk();
                let mut kids = node.named_children(&mut c);
                let n = kids.next();
                let v = kids.next().map(|v| {
                    if v.kind() == "jsx_expression" {
                        v.named_child(0).unwrap_or(v)
                    } else {
                        v
                    }
                });
                (n, v)
            }
            _ => return,
        };
        let (Some(name), Some(value)) = (name, value) else {
            return;
        };
        let name = node_text(name, src).trim_matches(['"', '\'']);
        if !self.stems.is_match(last_segment(name)) {
            return;
        }
        let mut ctx = Context {
            name: Some(name),
            ..Default::default()
        };
        let mut value = unwrap_value(value, src);
        // `process.env.X ?? 30000`: the literal default of an environment read
        if lang != Lang::Rust && value.kind() == "binary_expression" {
            let op = value
                .child_by_field_name("operator")
                .map(|o| node_text(o, src));
            let left = value
                .child_by_field_name("left")
                .map(|l| node_text(l, src))
                .unwrap_or("");
            if matches!(op, Some("??" | "||")) {
                if left.contains("process.env")
                    || left.contains("import.meta.env")
                    || left.contains("Deno.env")
                {
                    ctx.env_default = true;
                }
                match value.child_by_field_name("right") {
                    Some(r) => value = unwrap_value(r, src),
                    None => return,
                }
            }
        }
        match value.kind() {
            "number" | "integer_literal" | "float_literal" | "binary_expression" => {
                if let Some(v) = eval_product(value, src) {
                    self.number(value, v, &ctx, src, out);
                }
            }
            "string" | "string_literal" | "raw_string_literal" | "template_string" => {
                let text = literal_text(value, src);
                // literals that pass the gate are checked where they are
                if !text.is_empty() && text.len() <= 4096 && !self.literal_gate(text) {
                    self.string(value, text, &ctx, out);
                }
            }
            _ => {}
        }
    }

    /// Timer, sleep, `Duration` and `listen` calls with number arguments.
    fn call(&self, node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Hit>) {
        if !(self.on.port || self.on.timeout) {
            return;
        }
        let ids = &self.fields[lang.index()];
        let Some(f) = child(node, ids.function) else {
            return;
        };
        let callee = node_text(f, src);
        let last = last_segment(callee);
        let interesting = matches!(
            last,
            "setTimeout" | "setInterval" | "listen" | "sleep" | "delay" | "wait"
        ) || (callee.contains("Duration") && last.starts_with("from_"));
        if !interesting {
            return;
        }
        let Some(args) = child(node, ids.arguments) else {
            return;
        };
        let mut c = args.walk();
        for (i, a) in args.named_children(&mut c).enumerate() {
            let a = unwrap_value(a, src);
            if matches!(
                a.kind(),
                "number" | "integer_literal" | "float_literal" | "binary_expression"
            ) {
                if let Some(v) = eval_product(a, src) {
                    let ctx = Context {
                        call: Some((callee, i)),
                        ..Default::default()
                    };
                    self.number(a, v, &ctx, src, out);
                }
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        node: Node<'_>,
        detector: &str,
        matched: String,
        what: String,
        key: Option<&str>,
        ctx: &Context<'_>,
        out: &mut Vec<Hit>,
    ) {
        self.push_span(
            node.start_byte(),
            node.end_byte(),
            detector,
            matched,
            what,
            key,
            ctx,
            out,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn push_span(
        &self,
        start: usize,
        end: usize,
        detector: &str,
        matched: String,
        what: String,
        key: Option<&str>,
        ctx: &Context<'_>,
        out: &mut Vec<Hit>,
    ) {
        let place = if self.allow_in_text.is_empty() {
            "the config module".to_string()
        } else {
            format!("`{}`", self.allow_in_text.join("`, `"))
        };
        let secret = detector == "secret";
        let help = match key.and_then(|k| self.known.get(k)) {
            Some(existing) => format!("The config already holds this value: use {existing}."),
            None if secret => "Load the credential at runtime (environment or secret store) through the config module; never commit it.".to_string(),
            None => format!("Move it to {place} and read it from there."),
        };
        let what = if ctx.env_default {
            format!("{what} (default of an environment variable)")
        } else {
            what
        };
        let hit = Hit::new(start, end, matched)
            .var("what", what)
            .help(Some(help))
            .severity(ctx.env_default.then_some(Severity::Info))
            .redact(secret);
        out.push(if secret {
            hit
        } else {
            hit.fact(Fact::Repeat {
                key: format!("{detector}:{}", key.unwrap_or("")),
            })
        });
    }

    fn string(&self, node: Node<'_>, text: &str, ctx: &Context<'_>, out: &mut Vec<Hit>) {
        let name_words = ctx.name.map(|n| words(last_segment(n))).unwrap_or_default();
        // secrets first: a URL with credentials or a key is a secret before it is a URL
        if self.on.secret {
            if let Some(kind) = known_secret(text).or_else(|| {
                (is_secret_name(&name_words) && looks_random(text))
                    .then_some("high-entropy string assigned to a secret-like name")
            }) {
                let red = redact(text);
                self.push(
                    node,
                    "secret",
                    red.clone(),
                    format!("hardcoded secret ({kind}) `{red}`"),
                    None,
                    ctx,
                    out,
                );
                return;
            }
        }
        let trimmed = text.trim();
        let last = ctx.name.map(last_segment).unwrap_or("");
        // navigation links for people (`href`, `window.open(…)`) and UI text are content
        let is_link = !self.report_links
            && (matches!(last, "href" | "to" | "xlinkHref")
                || ctx
                    .call
                    .is_some_and(|(c, i)| i == 0 && last_segment(c) == "open"));
        let ui_text = name_words.iter().any(|w| {
            matches!(
                w.as_str(),
                "placeholder"
                    | "label"
                    | "title"
                    | "description"
                    | "alt"
                    | "tooltip"
                    | "hint"
                    | "example"
            )
        });
        if self.on.url {
            if let Some((scheme_end, host)) = url_host(trimmed) {
                let host_l = host.to_ascii_lowercase();
                let host_only = host_l
                    .rsplit_once(':')
                    .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()))
                    .map_or(host_l.as_str(), |(h, _)| h);
                let path = trimmed.get(scheme_end + 3 + host.len()..).unwrap_or("");
                let allowed = is_link
                    || ui_text
                    || path.starts_with("/docs")
                    || path.contains("/docs/")
                    || self.allow_hosts.iter().any(|h| h == host_only)
                    || NAMESPACE_HOSTS.contains(&host_only)
                    || is_doc_host(host_only)
                    || self.allow_urls.iter().any(|w| w.matches(trimmed))
                    || host.is_empty()
                    || host.contains("${")
                    || scheme_end == 0;
                if !allowed {
                    self.push(
                        node,
                        "url",
                        trimmed.to_string(),
                        format!("hardcoded URL `{trimmed}`"),
                        Some(trimmed),
                        ctx,
                        out,
                    );
                }
                return;
            }
        }
        if self.on.host && !trimmed.contains(char::is_whitespace) {
            let host_part = trimmed
                .rsplit_once(':')
                .filter(|(h, p)| {
                    !h.contains(':') && p.bytes().all(|b| b.is_ascii_digit()) && !p.is_empty()
                })
                .map_or(trimmed, |(h, _)| h);
            let ip = is_ipv4(host_part) || is_ipv6(trimmed);
            let named_host = !ip && is_host_name(&name_words) && looks_hostname(host_part);
            if (ip || named_host)
                && !self
                    .allow_hosts
                    .iter()
                    .any(|h| h == &host_part.to_ascii_lowercase())
            {
                let what = if ip { "IP address" } else { "hostname" };
                self.push(
                    node,
                    "host",
                    trimmed.to_string(),
                    format!("hardcoded {what} `{trimmed}`"),
                    Some(trimmed),
                    ctx,
                    out,
                );
                return;
            }
        }
        if self.on.port
            && is_port_name(&name_words)
            && !trimmed.is_empty()
            && trimmed.len() <= 5
            && trimmed.bytes().all(|b| b.is_ascii_digit())
        {
            let n: u32 = trimmed.parse().unwrap_or(0);
            if (1..=65535).contains(&n) {
                self.push(
                    node,
                    "port",
                    trimmed.to_string(),
                    format!("hardcoded port `{trimmed}`"),
                    Some(&normalize_value(trimmed)),
                    ctx,
                    out,
                );
                return;
            }
        }
        if self.on.env_name && ENV_NAMES.contains(&trimmed) {
            // `"development" !== "production"` (a bundler's leftover) compares two literals
            let literal_other = ctx
                .compared_with
                .is_some_and(|o| o.starts_with(['"', '\'', '`']) || o.parse::<f64>().is_ok());
            let compared = ctx.compared_with.is_some_and(|o| !is_build_env(o)) && !literal_other;
            let assigned = ctx.compared_with.is_none()
                && ctx.name.is_some()
                && !ctx.name.is_some_and(is_build_env);
            if compared || assigned {
                let how = if compared { "compared" } else { "assigned" };
                self.push(
                    node,
                    "env-name",
                    trimmed.to_string(),
                    format!("environment name `{trimmed}` {how} in code"),
                    Some(trimmed),
                    ctx,
                    out,
                );
            }
        }
    }

    fn number(
        &self,
        span_node: Node<'_>,
        value: f64,
        ctx: &Context<'_>,
        src: &str,
        out: &mut Vec<Hit>,
    ) {
        let shown = node_text(span_node, src).to_string();
        let name_words = ctx.name.map(|n| words(last_segment(n))).unwrap_or_default();
        if self.on.port {
            let listen = ctx
                .call
                .is_some_and(|(c, i)| i == 0 && last_segment(c) == "listen");
            if (is_port_name(&name_words) || listen)
                && value.fract() == 0.0
                && (1.0..=65535.0).contains(&value)
            {
                self.push(
                    span_node,
                    "port",
                    shown.clone(),
                    format!("hardcoded port `{shown}`"),
                    Some(&format!("{value}")),
                    ctx,
                    out,
                );
                return;
            }
        }
        if !self.on.timeout {
            return;
        }
        let timer_arg = ctx.call.is_some_and(|(c, i)| {
            let c = last_segment(c);
            (i == 1 && matches!(c, "setTimeout" | "setInterval"))
                || (i == 0 && matches!(c, "sleep" | "delay" | "wait"))
        });
        let duration = ctx
            .call
            .and_then(|(c, i)| (i == 0).then(|| duration_ms(c, value)).flatten());
        let ms = if let Some(ms) = duration {
            Some(ms)
        } else if timer_arg || is_timeout_name(&name_words) {
            Some(to_ms(&name_words, value))
        } else {
            None
        };
        if let Some(ms) = ms {
            if ms >= self.timeout_min_ms && ms > 0.0 {
                self.push(
                    span_node,
                    "timeout",
                    shown.clone(),
                    format!("hardcoded timeout `{shown}`"),
                    Some(&format!("{value}")),
                    ctx,
                    out,
                );
            }
            return;
        }
        if is_retry_name(&name_words) && value >= 1.0 && value.fract() == 0.0 {
            self.push(
                span_node,
                "timeout",
                shown.clone(),
                format!("hardcoded retry count `{shown}`"),
                Some(&format!("{value}")),
                ctx,
                out,
            );
        }
    }
}

/// `Duration::from_secs(30)` → 30000 ms.
fn duration_ms(callee: &str, v: f64) -> Option<f64> {
    let f = last_segment(callee);
    if !callee.contains("Duration") {
        return None;
    }
    Some(match f {
        "from_secs" | "from_secs_f64" | "from_secs_f32" => v * 1000.0,
        "from_millis" => v,
        "from_mins" => v * 60_000.0,
        "from_micros" => v / 1000.0,
        "from_nanos" => v / 1_000_000.0,
        _ => return None,
    })
}

/// The value of a number literal or of a product of them (`30 * 60 * 1000`).
fn eval_product(n: Node<'_>, src: &str) -> Option<f64> {
    match n.kind() {
        "number" | "integer_literal" | "float_literal" => {
            let t = node_text(n, src).replace('_', "");
            if let Some(hex) = t.strip_prefix("0x") {
                return i64::from_str_radix(strip_rust_suffix(hex), 16)
                    .ok()
                    .map(|v| v as f64);
            }
            strip_rust_suffix(&t).parse().ok()
        }
        "binary_expression" => {
            let a = eval_product(n.child_by_field_name("left")?, src)?;
            let b = eval_product(n.child_by_field_name("right")?, src)?;
            Some(a * b)
        }
        "parenthesized_expression" => eval_product(n.named_child(0)?, src),
        _ => None,
    }
}

fn strip_rust_suffix(t: &str) -> &str {
    for s in [
        "u128", "i128", "usize", "isize", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8",
        "f64", "f32",
    ] {
        if let Some(x) = t.strip_suffix(s) {
            return x;
        }
    }
    t
}

/// `NODE_ENV` and bundler mode flags: comparing them with an environment name is the build-time idiom.
fn is_build_env(other: &str) -> bool {
    other.contains("NODE_ENV") || other.contains("import.meta.env.MODE")
}

fn ts_context<'s>(node: Node<'_>, src: &'s str) -> Context<'s> {
    let mut ctx = Context::default();
    let mut cur = node;
    for _ in 0..6 {
        let Some(p) = cur.parent() else { break };
        match p.kind() {
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
                    ctx.name = p
                        .child_by_field_name("key")
                        .map(|k| node_text(k, src).trim_matches(['"', '\'']));
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
            "arguments" => {
                let Some(call) = p.parent() else { return ctx };
                let mut c = p.walk();
                let idx = p
                    .named_children(&mut c)
                    .position(|a| a.id() == cur.id())
                    .unwrap_or(0);
                match call.kind() {
                    "call_expression" | "new_expression" => {
                        let f = call
                            .child_by_field_name("function")
                            .or_else(|| call.child_by_field_name("constructor"));
                        let callee = f.map(|f| node_text(f, src)).unwrap_or("");
                        if callee == "require" || f.is_some_and(|f| f.kind() == "import") {
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
                ctx.ignore = p.kind() != "export_statement"
                    || p.child_by_field_name("source")
                        .is_some_and(|s| s.id() == cur.id());
                return ctx;
            }
            _ => return ctx,
        }
    }
    ctx
}

fn rust_context<'s>(node: Node<'_>, src: &'s str) -> Context<'s> {
    let mut ctx = Context::default();
    let mut cur = node;
    for _ in 0..8 {
        let Some(p) = cur.parent() else { break };
        match p.kind() {
            "attribute_item" | "inner_attribute_item" | "attribute" | "meta_item" => {
                ctx.ignore = true;
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
                if call.kind() == "call_expression" {
                    let callee = call
                        .child_by_field_name("function")
                        .map(|f| node_text(f, src))
                        .unwrap_or("");
                    ctx.call = Some((callee, idx));
                    // env::var("X").unwrap_or("default") / unwrap_or_else(|_| "default".into())
                    if let Some(f) = call.child_by_field_name("function") {
                        if f.kind() == "field_expression" {
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

/// Scheme end and host of a URL-looking string (`https://host:port/...`).
fn url_host(s: &str) -> Option<(usize, &str)> {
    let (scheme, rest) = s.split_once("://")?;
    let ok_scheme = matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http"
            | "https"
            | "ws"
            | "wss"
            | "ftp"
            | "postgres"
            | "postgresql"
            | "mysql"
            | "mongodb"
            | "mongodb+srv"
            | "redis"
            | "rediss"
            | "amqp"
            | "amqps"
            | "nats"
            | "kafka"
    );
    if !ok_scheme {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    Some((scheme.len(), host))
}

/// Documentation sites: links there explain, they do not configure.
fn is_doc_host(host: &str) -> bool {
    host.starts_with("docs.")
        || host.starts_with("doc.")
        || host.starts_with("developer.")
        || host.starts_with("developers.")
        || host.starts_with("help.")
        || host.starts_with("support.")
        || matches!(
            host,
            "github.com" | "developer.mozilla.org" | "stackoverflow.com" | "en.wikipedia.org"
        )
}

fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

fn is_ipv6(s: &str) -> bool {
    let s = s.trim_start_matches('[').split(']').next().unwrap_or(s);
    (s.contains("::") || s.matches(':').count() == 7)
        && s.len() >= 3
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        && s.split(':').all(|g| g.len() <= 4 || g.contains('.'))
        // a digit: `E::A` is a Rust path, not an address
        && s.chars().any(|c| c.is_ascii_digit())
}

fn looks_hostname(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && labels
            .last()
            .is_some_and(|t| t.len() >= 2 && t.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// The kind of a string in a known credential format.
fn known_secret(s: &str) -> Option<&'static str> {
    let s = s.trim();
    let alnum = |t: &str| t.bytes().all(|b| b.is_ascii_alphanumeric());
    let tail = |p: &str| s.strip_prefix(p);
    if (s.starts_with("AKIA") || s.starts_with("ASIA"))
        && s.len() == 20
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some("AWS access key id");
    }
    for p in ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"] {
        if tail(p).is_some_and(|t| t.len() >= 36 && alnum(t)) {
            return Some("GitHub token");
        }
    }
    if tail("github_pat_").is_some_and(|t| t.len() >= 40) {
        return Some("GitHub token");
    }
    for p in ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"] {
        if tail(p).is_some_and(|t| {
            t.len() >= 10 && t.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        }) {
            return Some("Slack token");
        }
    }
    if s.starts_with("https://hooks.slack.com/services/T") {
        return Some("Slack webhook URL");
    }
    for p in ["sk_live_", "rk_live_", "sk_test_", "rk_test_"] {
        if tail(p).is_some_and(|t| t.len() >= 16 && alnum(t)) {
            return Some("Stripe secret key");
        }
    }
    if tail("AIza").is_some_and(|t| {
        t.len() == 35
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) {
        return Some("Google API key");
    }
    if s.contains("-----BEGIN") && s.contains("PRIVATE KEY") {
        return Some("private key");
    }
    if !s.starts_with("eyJ") {
        return None;
    }
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3
        && s.starts_with("eyJ")
        && parts[1].starts_with("eyJ")
        && parts[2].len() >= 10
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    {
        return Some("JWT");
    }
    None
}

/// Long, without spaces, mixing character classes, and high in Shannon entropy: a generated
/// token rather than a word, a placeholder or a path.
fn looks_random(s: &str) -> bool {
    if s.len() < 16
        || s.len() > 512
        || s.contains(char::is_whitespace)
        || s.contains("://")
        || s.contains("${")
    {
        return false;
    }
    let digits = s.bytes().any(|b| b.is_ascii_digit());
    let letters = s.bytes().any(|b| b.is_ascii_alphabetic());
    if !(digits && letters) {
        return false;
    }
    let mut counts = [0usize; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    let entropy: f64 = counts
        .iter()
        .filter(|c| **c > 0)
        .map(|c| {
            let p = *c as f64 / n;
            -p * p.log2()
        })
        .sum();
    entropy >= 3.5
}

/// A secret shown safely: the first four characters and the length.
pub fn redact(s: &str) -> String {
    let head: String = s.trim().chars().take(4).collect();
    format!("{head}…[redacted, {} chars]", s.trim().chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_formats_and_entropy() {
        assert_eq!(
            known_secret("AKIAIOSFODNN7EXAMPLE"),
            Some("AWS access key id")
        );
        assert_eq!(
            known_secret("ghp_0123456789abcdefghijABCDEFGHIJ012345"),
            Some("GitHub token")
        );
        assert_eq!(
            known_secret("xoxb-1234567890-abcdefghij"),
            Some("Slack token")
        );
        assert_eq!(
            known_secret("sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
            Some("Stripe secret key")
        );
        assert_eq!(
            known_secret("AIzaSyA1234567890abcdefghijklmnopqrstuv"),
            Some("Google API key")
        );
        assert_eq!(
            known_secret("-----BEGIN RSA PRIVATE KEY-----\\nMIIE"),
            Some("private key")
        );
        assert_eq!(known_secret("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"), Some("JWT"));
        assert_eq!(known_secret("AKIA-not-a-key"), None);
        assert_eq!(known_secret("sk_live_"), None);
        assert!(looks_random("9f8e7d6c5b4a39281706f5e4d3c2b1a0"));
        assert!(!looks_random("your-api-key-here"));
        assert!(!looks_random("changeme"));
        assert!(!looks_random("workspace-invitation-token"));
        assert!(!looks_random("Enter your password"));
        assert_eq!(redact("AKIAIOSFODNN7EXAMPLE"), "AKIA…[redacted, 20 chars]");
    }

    #[test]
    fn hosts_urls_and_names() {
        assert!(is_ipv4("10.0.3.7"));
        assert!(!is_ipv4("1.2.3"));
        assert!(!is_ipv4("300.1.1.1"));
        assert!(is_ipv6("::1"));
        assert!(is_ipv6("fe80::1ff:fe23:4567:890a"));
        assert!(!is_ipv6("a:b"));
        assert!(!is_ipv6("12:30:00"));
        assert!(!is_ipv6("E::A"));
        assert!(!is_ipv6("A::B::C::D::E::F"));
        assert!(looks_hostname("db.internal.acme.io"));
        assert!(!looks_hostname("index.ts1"));
        assert!(!looks_hostname("localhost"));
        assert_eq!(
            url_host("https://user:pw@api.acme.com:8443/v2?x"),
            Some((5, "api.acme.com:8443"))
        );
        assert_eq!(url_host("mailto:a@b.c"), None);
        assert_eq!(words("apiBaseURL"), vec!["api", "base", "url"]);
        assert_eq!(
            words("REQUEST_TIMEOUT_MS"),
            vec!["request", "timeout", "ms"]
        );
        assert!(is_secret_name(&words("stripeSecretKey")));
        assert!(is_secret_name(&words("API_KEY")));
        assert!(!is_secret_name(&words("queryKey")));
        assert!(!is_port_name(&words("viewport")));
        assert!(is_port_name(&words("dbPort")));
        assert_eq!(to_ms(&words("ttlSeconds"), 60.0), 60000.0);
        assert_eq!(normalize_value("10_000"), "10000");
    }

    fn lines(rel: &str, src: &str) -> Vec<(usize, String)> {
        let r = "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n";
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(crate::config::CONFIG_FILE);
        std::fs::write(&p, r).unwrap();
        let cfg = crate::config::load(&p).unwrap();
        let engine = crate::check::Engine::new(cfg).unwrap();
        let sp = crate::check::walk::SourcePath {
            rel: rel.into(),
            path: dir.path().join(rel),
            lang: Lang::from_path(std::path::Path::new(rel)).unwrap(),
        };
        let out = engine.check_bytes(&sp, src.as_bytes());
        // facts (possible clusters) are findings for a single file
        let mut all: Vec<_> = out
            .findings
            .into_iter()
            .chain(out.facts.into_iter().filter_map(|f| f.finding.map(|b| *b)))
            .collect();
        all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        all.into_iter().map(|f| (f.line, f.matched)).collect()
    }

    #[test]
    fn typescript_literals_bindings_and_calls() {
        let src = "const SESSION_TTL_MS = 30 * 60 * 1000;\nconst n = 5;\nimport x from \"https://esm.sh/x\";\ntype E = \"production\";\nconst s = `${base}/v1`;\nfetch(\"https://api.x.io/v1\");\nif (a === \"staging\") {}\nconst o = { port: 5432, host: \"db.internal.io\", label: \"https://x.io\" };\nsetTimeout(f, 2 * 1000);\nconst timeoutMs = Number(process.env.T) || 20000;\n// https://comment.io\n";
        let got = lines("a.ts", src);
        let want: Vec<(usize, String)> = vec![
            (1, "30 * 60 * 1000".into()),
            (6, "https://api.x.io/v1".into()),
            (7, "staging".into()),
            (8, "5432".into()),
            (8, "db.internal.io".into()),
            (9, "2 * 1000".into()),
            (10, "20000".into()),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn rust_literals_bindings_and_calls() {
        let src = "#[serde(rename = \"production\")]\nstruct S;\n/// see https://docs.rs/x\nfn f() {\n    let url = String::from(\"https://api.x.io\");\n    let port: u16 = 8080;\n    let d = std::time::Duration::from_secs(60);\n    let k = \"AKIAIOSFODNN7EXAMPLE\";\n    let e = std::env::var(\"U\").unwrap_or_else(|_| \"https://dev.x.io\".to_string());\n    if env == \"staging\" {}\n    let small = Duration::from_millis(10);\n}\n";
        let got: Vec<usize> = lines("a.rs", src).into_iter().map(|(l, _)| l).collect();
        assert_eq!(got, vec![5, 6, 7, 8, 9, 10]);
    }
}
