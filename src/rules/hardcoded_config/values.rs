//! Values of the configuration modules a hardcoded-config rule knows (`config_files`): the
//! key paths and literal values of TS/JS config objects and Rust `const` items, so a literal
//! found elsewhere can be matched with the key that already holds it.

use crate::lang::kind_name::KindName;
use std::collections::BTreeMap;

use tree_sitter::Node;

use crate::lang::Lang;
use crate::rules::syntax::node_text;

/// A literal's value as compared with config values: numbers without `_`, strings as written.
pub(super) fn normalize_value(v: &str) -> String {
    let t = v.replace('_', "");
    match t.parse::<f64>() {
        Ok(n) if n.is_finite() && !v.contains(['"', '\'']) => format!("{n}"),
        _ => v.to_string(),
    }
}

/// `key path → value` of the object literals in a TS/JS config module, including `??`/`||`
/// defaults and `a * b` products.
pub(super) fn config_module_values(text: &str, prefix: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::TypeScript, text) else {
        return;
    };
    let mut stack: Vec<(Node<'_>, String)> = vec![(tree.root_node(), String::new())];
    while let Some((node, path)) = stack.pop() {
        let mut c = node.walk();
        for ch in node.named_children(&mut c) {
            match ch.kind_name() {
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
pub(super) fn rust_const_values(text: &str, out: &mut BTreeMap<String, String>) {
    let Ok(tree) = crate::lang::parse::parse(Lang::Rust, text) else {
        return;
    };
    let mut stack = vec![tree.root_node()];
    while let Some(n) = stack.pop() {
        if matches!(n.kind_name(), "const_item" | "static_item") {
            if let (Some(name), Some(v)) = (
                n.child_by_field_name("name"),
                n.child_by_field_name("value"),
            ) {
                let raw = node_text(v, text);
                let val = if v.kind_name() == "string_literal" {
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
pub(super) fn static_value(v: Node<'_>, text: &str) -> Option<String> {
    match v.kind_name() {
        "string" => Some(node_text(v, text).trim_matches(['"', '\'']).to_string()),
        "template_string"
            if v.named_child_count()
                == v.named_children(&mut v.walk())
                    .filter(|c| c.kind_name() == "string_fragment")
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

/// Whether `file` is the client module of the vendor whose domain `host` is: the host's
/// registrable label (`bitly` in `api-ssl.bitly.com`, `googleapis` in
/// `aiplatform.googleapis.com`) is, or starts with, a word of four or more letters that names
/// a folder or the file (`lib/bitly/…`, `brevo.ts`, `providers/google.ts`). A fixed vendor
/// endpoint there is part of the vendor's API, not configuration a deployment changes.
pub(super) fn in_vendor_client(host: &str, file: &str) -> bool {
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 || host.parse::<std::net::IpAddr>().is_ok() {
        return false;
    }
    let label = labels[labels.len() - 2].to_ascii_lowercase();
    let segments: Vec<&str> = file.split('/').collect();
    segments.iter().enumerate().any(|(i, seg)| {
        let seg = if i + 1 == segments.len() {
            seg.split('.').next().unwrap_or(seg)
        } else {
            seg
        };
        seg.split(['-', '_', '.', '(', ')', '[', ']'])
            .filter(|w| w.len() >= 4)
            .any(|w| {
                let w = w.to_ascii_lowercase();
                !GENERIC_WORDS.contains(&w.as_str()) && label.starts_with(&w)
            })
    })
}

/// Folder and file words that name no vendor.
const GENERIC_WORDS: &[&str] = &[
    "apps",
    "packages",
    "src",
    "lib",
    "libs",
    "utils",
    "util",
    "client",
    "clients",
    "service",
    "services",
    "server",
    "integrations",
    "integration",
    "providers",
    "provider",
    "modules",
    "module",
    "components",
    "core",
    "common",
    "shared",
    "index",
    "main",
    "test",
    "tests",
    "helpers",
    "helper",
    "data",
    "config",
    "constants",
    "web",
    "http",
    "https",
    "fetch",
    "routes",
    "route",
    "pages",
    "page",
    "handlers",
    "handler",
    "cron",
    "webhook",
    "webhooks",
    "auth",
    "oauth",
    "email",
    "emails",
    "mail",
    "mailing",
];

/// A share link of a social site (`https://twitter.com/intent/tweet?text=…`,
/// `facebook.com/sharer/sharer.php?u=…`, `linkedin.com/shareArticle?url=…`): a link a person
/// follows to post the page, in the site's fixed public format; not an endpoint.
pub(super) fn is_share_link(path: &str) -> bool {
    let (p, query) = path.split_once('?').unwrap_or((path, ""));
    let first = p.trim_start_matches('/').split('/').next().unwrap_or("");
    let share_path = matches!(
        first.to_ascii_lowercase().as_str(),
        "intent" | "share" | "sharer" | "sharer.php" | "sharearticle" | "submit" | "sharing"
    );
    let passes_page = query.split('&').any(|kv| {
        matches!(
            kv.split('=').next().unwrap_or(""),
            "url" | "u" | "text" | "title"
        )
    });
    share_path && passes_page
}

/// A link tracked for a campaign (`?utm_source=…`): a link for people to follow, not an
/// endpoint.
pub(super) fn is_tracked_link(path: &str) -> bool {
    path.contains("?utm_") || path.contains("&utm_")
}

/// Whether a file's text imports an e-mail template library (React Email, jsx-email,
/// mjml-react): its URLs are the links and images of a mail, absolute by necessity.
pub(super) fn is_email_template(text: &str) -> bool {
    crate::rules::syntax::names_email_template_library(text)
}

/// [`is_email_template`] of the file whose text is `src`, read in its first 16 KiB (where
/// its imports are): asked once per URL, so a long file is not scanned again for each.
pub(super) fn file_is_email_template(src: &str) -> bool {
    let mut end = src.len().min(16 * 1024);
    while !src.is_char_boundary(end) {
        end -= 1;
    }
    is_email_template(&src[..end])
}

/// An invitation to a chat community (`https://discord.gg/…`, `discord.com/invite/…`,
/// `t.me/…`, `matrix.to/#/…`, `join.slack.com/…`): a link for people to follow, in help text
/// or a footer; not an endpoint.
pub(super) fn is_community_link(host: &str, path: &str) -> bool {
    let host = host.strip_prefix("www.").unwrap_or(host);
    matches!(host, "discord.gg" | "t.me" | "matrix.to" | "join.slack.com")
        || (matches!(host, "discord.com" | "discordapp.com") && path.starts_with("/invite/"))
}
