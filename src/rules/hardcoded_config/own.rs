//! `own_urls = "configured"`: which of the team's own URLs and hostnames are configuration.
//!
//! A product's own address is deployment configuration when the code treats it so, and content
//! otherwise (a link in onboarding copy, a redirect to the marketing homepage, the brand's
//! domain on a logo). The code says so in three ways, looked for across all files:
//! - **switched**: the same host is a value switched on the environment (a branch of a
//!   ternary on `env.X === "production"`, an environment's key `{ staging: … }`) or the default
//!   of an environment read (`process.env.X ?? "https://…"`), anywhere in the checked files or
//!   in the `allow_in` modules: the host differs per deployment, so an inline copy is wrong
//!   outside production;
//! - **named**: a config-module constant (or a module-level constant elsewhere) named like an
//!   address (`SITE_URL`, `SHORT_DOMAIN`, `apiBase`) holds the value, or its base
//!   (`PARTNERS_DOMAIN` = `https://partners.acme.io` for `https://partners.acme.io/profile`);
//! - **called**: the value is an endpoint, the first argument of a fetch-like call or bound to
//!   an endpoint-like name (`apiUrl`, `tokenEndpoint`, `baseURL`).
//!
//! Per file, [`super::HardcodedConfig`] marks each own-host finding with an [`OWN_KEY`] key (its
//! host and value in front of its cluster key) and each place of configuration with a silent
//! [`PLACE_KEY`] fact; [`resolve`] keeps the findings the places answer, names the place in
//! `help`, and gives them back their cluster key.

use crate::lang::kind_name::KindName;
use std::collections::BTreeMap;

use tree_sitter::Node;

use crate::core::Globs;
use crate::rules::fact::{Fact, FileFact};

use super::context::{words, Context};

/// Key prefix of an own-host finding: `OWN_KEY host \x01 value \x01 flags \x01 cluster key`.
pub(super) const OWN_KEY: &str = "own:\u{1}";
/// Key prefix of a place of configuration: `PLACE_KEY kinds \x01 host \x01 value` (`kinds`: `E`
/// switched, `D` an environment read's default, `K` named), the name in `matched`.
pub(super) const PLACE_KEY: &str = "place:\u{1}";

/// The fixed part of a partly substituted host: `acme.io` of `acme.io${path}` (the host ends
/// where a substitution starts) and of `${slug}.acme.io` (a tenant's subdomain of it).
pub(super) fn fixed_host(host: &str) -> &str {
    if host.starts_with("${") {
        host.rsplit_once('}')
            .map_or("", |(_, rest)| rest.trim_start_matches(['.', '-']))
    } else {
        host.split("${").next().unwrap_or(host)
    }
}

/// Words of a name that says it holds an address.
fn is_address_name(w: &[String]) -> bool {
    w.iter().any(|w| {
        matches!(
            w.as_str(),
            "url"
                | "urls"
                | "uri"
                | "domain"
                | "domains"
                | "host"
                | "hostname"
                | "hosts"
                | "origin"
                | "base"
                | "endpoint"
                | "site"
                | "api"
        )
    })
}

/// Words of a name that says the code calls what it holds.
fn is_endpoint_name(w: &[String]) -> bool {
    w.iter().any(|w| {
        matches!(
            w.as_str(),
            "api"
                | "endpoint"
                | "endpoints"
                | "server"
                | "backend"
                | "webhook"
                | "graphql"
                | "host"
        )
    }) || w
        .windows(2)
        .any(|p| p[0] == "base" && matches!(p[1].as_str(), "url" | "uri"))
}

/// Callees whose first argument is an address the code requests.
fn is_fetch_like(callee: &str) -> bool {
    let mut parts = callee.rsplit('.');
    let last = parts.next().unwrap_or("");
    let owner = parts.next().unwrap_or("");
    matches!(
        last,
        "fetch" | "$fetch" | "ofetch" | "useSWR" | "WebSocket" | "EventSource" | "got" | "ky"
    ) || (matches!(owner, "axios" | "ky" | "got" | "http" | "https" | "request")
        && matches!(
            last,
            "get" | "post" | "put" | "patch" | "delete" | "head" | "request"
        ))
        || callee == "axios"
}

/// Whether a URL says it is an API the code calls: a WebSocket, a host whose first label is
/// `api`, `graphql`, `ws`, `rpc`, `grpc` or `gateway` (or `api-…`, `…-api`), or a path under
/// `/api`, `/graphql` or a version (`/v1/…`).
pub(super) fn is_api_url(url: &str, host: &str, path: &str) -> bool {
    let first = host.split('.').next().unwrap_or("");
    let p = path.trim_start_matches('/');
    let seg = p.split(['/', '?', '#']).next().unwrap_or("");
    url.starts_with("ws://")
        || url.starts_with("wss://")
        || host.split('.').count() > 2
            && (matches!(
                first,
                "api" | "apis" | "graphql" | "ws" | "rpc" | "grpc" | "gateway"
            ) || first.starts_with("api-")
                || first.ends_with("-api"))
        || matches!(seg, "api" | "graphql")
        || (seg.len() >= 2 && seg.starts_with('v') && seg[1..].bytes().all(|b| b.is_ascii_digit()))
}

/// Whether the value in `ctx` is an endpoint the code calls.
pub(super) fn is_endpoint(ctx: &Context<'_>) -> bool {
    ctx.call.is_some_and(|(c, i)| i == 0 && is_fetch_like(c))
        || ctx
            .name
            .is_some_and(|n| is_endpoint_name(&words(super::last_segment(n))))
}

/// Whether `node` is the value of a constant of the module (`export const SITE_URL = "…"`,
/// a Rust `const`), itself: not a value inside an object or an array of one.
pub(super) fn is_module_constant(node: Node<'_>) -> bool {
    let mut cur = node;
    while let Some(p) = cur.parent() {
        match p.kind_name() {
            "parenthesized_expression" | "as_expression" | "satisfies_expression" => cur = p,
            "variable_declarator" => {
                return p
                    .parent()
                    .is_some_and(|d| d.kind_name() == "lexical_declaration" && node_is_const(d))
                    && is_module_level(p)
            }
            "const_item" | "static_item" => return is_module_level(p),
            _ => return false,
        }
    }
    false
}

/// Whether `node` is an entry of a module-level constant map named for addresses
/// (`const MAILING_LIST_ENDPOINTS = { security: "https://…" }`, `export const API_URLS = {…}`):
/// the addresses are named once, in one table — configuration in place.
pub(super) fn in_named_map(node: Node<'_>, src: &str) -> bool {
    let Some(pair) = node.parent().filter(|p| p.kind_name() == "pair") else {
        return false;
    };
    if pair
        .child_by_field_name("value")
        .is_none_or(|v| v.id() != node.id())
    {
        return false;
    }
    let mut cur = match pair.parent() {
        Some(o) if o.kind_name() == "object" => o,
        _ => return false,
    };
    while let Some(p) = cur.parent() {
        match p.kind_name() {
            "parenthesized_expression" | "as_expression" | "satisfies_expression" => cur = p,
            "variable_declarator" => {
                let named = p.child_by_field_name("name").is_some_and(|n| {
                    words(crate::rules::syntax::node_text(n, src))
                        .last()
                        .is_some_and(|w| {
                            matches!(
                                w.as_str(),
                                "urls" | "endpoints" | "hosts" | "domains" | "origins" | "apis"
                            ) || is_address_name(std::slice::from_ref(w))
                        })
                });
                return named
                    && p.parent().is_some_and(|d| {
                        d.kind_name() == "lexical_declaration" && node_is_const(d)
                    })
                    && is_module_level(p);
            }
            _ => return false,
        }
    }
    false
}

/// `const …` (not `let`).
fn node_is_const(decl: Node<'_>) -> bool {
    decl.child(0).is_some_and(|k| k.kind_name() == "const")
}

/// Whether `node` is part of a constant of the module (`export const X = "…"`, a value of a
/// top-level object or array), not of a function's body.
pub(super) fn is_module_level(node: Node<'_>) -> bool {
    let mut cur = node;
    for _ in 0..24 {
        let Some(p) = cur.parent() else { return false };
        match p.kind_name() {
            "program" | "source_file" => return true,
            "function_declaration"
            | "function_expression"
            | "function"
            | "arrow_function"
            | "method_definition"
            | "class_body"
            | "statement_block"
            | "function_item"
            | "block"
            | "closure_expression"
            | "jsx_element"
            | "jsx_self_closing_element" => return false,
            _ => cur = p,
        }
    }
    false
}

/// The place kinds a value holds, as written in a [`PLACE_KEY`]: `E` switched on the
/// environment (a branch or an environment's key), `D` the default of an environment read,
/// `K` named like an address (only when `named`: a config module's value, a module constant).
pub(super) fn place_kinds(ctx: &Context<'_>, env_key: bool, named: bool) -> String {
    let mut k = String::new();
    if ctx.env_switched || env_key {
        k.push('E');
    }
    if ctx.env_default {
        k.push('D');
    }
    // the name's last word says what it holds: `SITE_URL`, `SHORT_DOMAIN`, `apiBase`; not
    // `DOMAIN_CONNECT_PROVIDER_ID`
    if named
        && ctx.name.is_some_and(|n| {
            words(super::last_segment(n))
                .last()
                .is_some_and(|w| is_address_name(std::slice::from_ref(w)))
        })
    {
        k.push('K');
    }
    k
}

/// A place of configuration, as read back from its fact.
struct Place {
    config_module: bool,
    file: String,
    line: usize,
    name: String,
    value: String,
}

impl Place {
    fn at(&self) -> String {
        format!("`{}` ({}:{})", self.name, self.file, self.line)
    }
}

/// Whether two values are the same address (`https://a.io/` is `https://a.io`).
fn same_value(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// Whether `base` is `value` or a base it extends (`https://a.io` of `https://a.io/p`,
/// `a.io` of `https://a.io/p?q`), scheme aside.
fn is_base_of(base: &str, value: &str) -> bool {
    let strip = |s: &str| -> String {
        let s = s.split_once("://").map_or(s, |(_, r)| r);
        s.trim_end_matches('/').to_ascii_lowercase()
    };
    let (b, v) = (strip(base), strip(value));
    !b.is_empty()
        && (v == b
            || v.strip_prefix(b.as_str())
                .is_some_and(|r| r.starts_with(['/', '?', '#', '$', ':'])))
}

/// Keeps the own-host facts the places of configuration answer (with the place named in
/// `help`) and gives them back their cluster key; drops the others and the place facts.
/// `known`: the values of `config_files` (their `help` already names the key).
/// `moved`: the kind's own "Move it to …" sentence, replaced by the place when one is named.
/// `reachable(file, place_file)`: whether a place is one the finding's file can use (its own
/// package or one it depends on, [`super::packages`]); another app's constant answers nothing.
pub(super) fn resolve(
    facts: Vec<FileFact>,
    allow_in: Option<&Globs>,
    known: &BTreeMap<String, String>,
    moved: &str,
    mut reachable: impl FnMut(&str, &str) -> bool,
) -> Vec<FileFact> {
    let mut switched: BTreeMap<String, Vec<Place>> = BTreeMap::new();
    let mut named: Vec<Place> = Vec::new();
    let mut rest = Vec::with_capacity(facts.len());
    for f in facts {
        let key = match &f.fact {
            Fact::Repeat { key } => key,
            _ => {
                rest.push(f);
                continue;
            }
        };
        let Some(p) = key.strip_prefix(PLACE_KEY) else {
            rest.push(f);
            continue;
        };
        let mut it = p.splitn(3, '\u{1}');
        let (kinds, host, value) = (
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
            it.next().unwrap_or(""),
        );
        let place = || Place {
            config_module: allow_in.is_some_and(|g| g.is_match(&f.file)),
            file: f.file.clone(),
            line: f.line,
            name: f.matched.clone(),
            value: value.to_string(),
        };
        if kinds.contains('E') {
            switched.entry(host.to_string()).or_default().push(place());
        }
        if kinds.contains('K') || kinds.contains('D') {
            named.push(place());
        }
    }
    // a config module's place first, a constant's name (`SHORT_DOMAIN`) before an object's
    // key (`domain`), then by place
    let constant =
        |p: &Place| p.name.contains('_') && !p.name.bytes().any(|b| b.is_ascii_lowercase());
    let order = |a: &Place, b: &Place| {
        (!a.config_module, !constant(a), &a.file, a.line).cmp(&(
            !b.config_module,
            !constant(b),
            &b.file,
            b.line,
        ))
    };
    for v in switched.values_mut() {
        v.sort_by(order);
    }
    named.sort_by(order);
    let mut out = Vec::with_capacity(rest.len());
    for mut f in rest {
        let Fact::Repeat { key } = &f.fact else {
            out.push(f);
            continue;
        };
        let Some(own) = key.strip_prefix(OWN_KEY) else {
            out.push(f);
            continue;
        };
        let mut it = own.splitn(4, '\u{1}');
        let (host, value, flags, cluster) = (
            it.next().unwrap_or("").to_string(),
            it.next().unwrap_or("").to_string(),
            it.next().unwrap_or("").to_string(),
            it.next().unwrap_or("").to_string(),
        );
        let same_place = |p: &Place| p.file == f.file && p.line == f.line;
        // an entry of a map named for addresses is configuration in place: reported only when
        // its own address (or its base) is switched per environment elsewhere
        let in_map = flags.contains('M');
        // a named value answers its exact value only: a link deeper into a configured site
        // (a legal page under `WEBSITE_URL`) is content
        let lead = if in_map {
            match switched.get(&host).and_then(|v| {
                v.iter().find(|p| {
                    !same_place(p) && is_base_of(&p.value, &value) && reachable(&f.file, &p.file)
                })
            }) {
                Some(p) => Some(format!(
                    "`{host}` differs per environment: {} switches it; use that value.",
                    p.at()
                )),
                None => continue,
            }
        } else if let Some(p) = named
            .iter()
            .find(|p| !same_place(p) && same_value(&value, &p.value) && reachable(&f.file, &p.file))
        {
            Some(format!("{} already holds this value: use it.", p.at()))
        } else if let Some(p) = switched.get(&host).and_then(|v| {
            v.iter()
                .find(|p| !same_place(p) && reachable(&f.file, &p.file))
        }) {
            // a switch of this very address (or of its base) is a value to use; one of
            // another endpoint on that host (a license check for a mailing list) only says
            // that the host is switched
            Some(if is_base_of(&p.value, &value) {
                format!(
                    "`{host}` differs per environment: {} switches it; use that value.",
                    p.at()
                )
            } else {
                format!(
                    "`{host}` differs per environment: {} switches it (for another address on that host); switch this one the same way.",
                    p.at()
                )
            })
        } else if flags.contains('C')
            || known.contains_key(&value)
            || known.contains_key(value.trim_end_matches('/'))
        {
            None
        } else {
            // the product's fixed address as content: not configuration
            continue;
        };
        if let Some(finding) = f.finding.as_mut() {
            if let Some(lead) = &lead {
                let rest = finding
                    .help
                    .as_deref()
                    .and_then(|h| h.strip_prefix(moved))
                    .map(|r| r.trim_start().to_string());
                match rest {
                    Some(r) if r.is_empty() => finding.help = Some(lead.clone()),
                    Some(r) => finding.help = Some(format!("{lead} {r}")),
                    None => finding.lead_help(lead),
                }
            }
        }
        f.fact = Fact::Repeat { key: cluster };
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_address_with_or_without_a_trailing_slash() {
        assert!(same_value("https://a.io/", "https://a.io"));
        assert!(same_value("a.io", "a.io"));
        assert!(!same_value("https://a.io/p", "https://a.io"));
    }

    #[test]
    fn a_base_and_the_addresses_under_it() {
        assert!(is_base_of("https://a.io", "https://a.io/p"));
        assert!(is_base_of("https://a.io/", "https://a.io"));
        assert!(is_base_of("a.io", "https://a.io/p?q=1"));
        assert!(is_base_of("https://a.io", "https://a.io${path}"));
        assert!(!is_base_of(
            "https://a.io/api/check",
            "https://a.io/api/v1/usage"
        ));
        assert!(!is_base_of("https://a.io", "https://a.iox/p"));
    }

    #[test]
    fn the_fixed_part_of_a_substituted_host() {
        assert_eq!(fixed_host("acme.io${path}"), "acme.io");
        assert_eq!(fixed_host("${slug}.acme.io"), "acme.io");
        assert_eq!(fixed_host("${a}-${b}.acme.io"), "acme.io");
        assert_eq!(fixed_host("${host}"), "");
        assert_eq!(fixed_host("app.acme.io"), "app.acme.io");
    }

    #[test]
    fn api_urls_by_host_path_and_scheme() {
        assert!(is_api_url("https://api.acme.io/v1", "api.acme.io", "/v1"));
        assert!(is_api_url("https://api-eu.acme.io", "api-eu.acme.io", ""));
        assert!(is_api_url("wss://live.acme.io", "live.acme.io", ""));
        assert!(is_api_url(
            "https://acme.io/api/content",
            "acme.io",
            "/api/content"
        ));
        assert!(is_api_url("https://acme.io/v2/x", "acme.io", "/v2/x"));
        // `api.io` is a domain, not an API label; a path that only starts like one
        assert!(!is_api_url("https://api.io/x", "api.io", "/x"));
        assert!(!is_api_url(
            "https://acme.io/apidocs",
            "acme.io",
            "/apidocs"
        ));
        assert!(!is_api_url("https://acme.io/vision", "acme.io", "/vision"));
        assert!(!is_api_url(
            "https://app.acme.io/settings",
            "app.acme.io",
            "/settings"
        ));
    }

    #[test]
    fn endpoints_by_call_and_name() {
        assert!(is_fetch_like("fetch"));
        assert!(is_fetch_like("axios.get"));
        assert!(is_fetch_like("window.fetch"));
        assert!(!is_fetch_like("router.get"));
        assert!(!is_fetch_like("redirect"));
        assert!(is_endpoint_name(&words("tokenEndpoint")));
        assert!(is_endpoint_name(&words("API_URL")));
        assert!(is_endpoint_name(&words("baseURL")));
        assert!(!is_endpoint_name(&words("siteUrl")));
        assert!(!is_endpoint_name(&words("logoUrl")));
    }
}
