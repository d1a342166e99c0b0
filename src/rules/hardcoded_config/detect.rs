//! What a value is: URLs and their hosts, IP addresses, host names, known credential formats,
//! random-looking tokens, durations and products of numbers.

use crate::lang::kind_name::KindName;
use tree_sitter::Node;

use crate::rules::syntax::node_text;

use super::context::last_segment;

/// `Duration::from_secs(30)` → 30000 ms.
pub(super) fn duration_ms(callee: &str, v: f64) -> Option<f64> {
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
pub(super) fn eval_product(n: Node<'_>, src: &str) -> Option<f64> {
    match n.kind_name() {
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

pub(super) fn strip_rust_suffix(t: &str) -> &str {
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

/// Documentation sites: links there explain, they do not configure.
pub(super) fn is_doc_host(host: &str) -> bool {
    host.starts_with("docs.")
        || host.starts_with("doc.")
        || host.starts_with("developer.")
        || host.starts_with("developers.")
        || host.starts_with("help.")
        || host.starts_with("support.")
        || matches!(
            host,
            "github.com"
                | "gist.github.com"
                | "developer.mozilla.org"
                | "stackoverflow.com"
                | "en.wikipedia.org"
        )
        // GitHub Pages: a project's documentation or site
        || host.ends_with(".github.io")
        || is_spec_host(host)
}

/// A link to a static asset (an image, icon, font, video or document) is content, not an
/// endpoint: the path (before `?`/`#`) ends in the asset's extension.
pub(super) fn is_static_asset(path: &str) -> bool {
    let p = path
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let Some((_, ext)) = p.rsplit_once('.') else {
        return false;
    };
    !p.ends_with('/')
        && !ext.contains('/')
        && matches!(
            ext,
            "png"
                | "jpg"
                | "jpeg"
                | "gif"
                | "svg"
                | "webp"
                | "avif"
                | "ico"
                | "bmp"
                | "woff"
                | "woff2"
                | "ttf"
                | "otf"
                | "mp4"
                | "webm"
                | "mp3"
                | "pdf"
        )
}

/// An embed or player URL of a media site (`https://www.youtube.com/embed/${id}`,
/// `https://player.vimeo.com/video/…`): the site's fixed public format for content, not a
/// service endpoint a deployment chooses.
pub(super) fn is_embed_url(host: &str, path: &str) -> bool {
    host.starts_with("player.")
        || host.starts_with("embed.")
        || path == "/embed"
        || path.starts_with("/embed/")
        || path.starts_with("/embed?")
        || path.contains("/embed/")
}

/// Names of links for people: `learnMore`, `helpUrl`, `docsLink`, `supportHref`.
pub(super) fn is_link_name(w: &[String]) -> bool {
    let has = |x: &str| w.iter().any(|s| s == x);
    (has("learn") && has("more"))
        || ((has("help") || has("docs") || has("doc") || has("support") || has("guide"))
            && (has("url") || has("link") || has("href") || w.len() == 1))
}

/// Specification sites (WHATWG, IETF, RFC editor): links there document a format.
fn is_spec_host(host: &str) -> bool {
    ["whatwg.org", "ietf.org", "rfc-editor.org"]
        .iter()
        .any(|d| host == *d || host.strip_suffix(d).is_some_and(|r| r.ends_with('.')))
}

/// OAuth scopes written as URLs: identifiers a token is asked for, not endpoints.
pub(super) fn is_scope_url(url: &str) -> bool {
    url.starts_with("https://www.googleapis.com/auth/")
        || url.starts_with("https://graph.microsoft.com/.default")
}

pub(super) fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|v| v <= 255)
        })
}

pub(super) fn is_ipv6(s: &str) -> bool {
    let s = s.trim_start_matches('[').split(']').next().unwrap_or(s);
    (s.contains("::") || s.matches(':').count() == 7)
        && s.len() >= 3
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.')
        && s.split(':').all(|g| g.len() <= 4 || g.contains('.'))
        // a digit: `E::A` is a Rust path, not an address
        && s.chars().any(|c| c.is_ascii_digit())
}

pub(super) fn looks_hostname(s: &str) -> bool {
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

/// A value typed as a run of the alphabet or the digits (`abcdefghijklmnopqrstuvwxyz123456`,
/// its reverse, `0123456789abcdef…`): two in three of its letter and digit neighbours are
/// consecutive characters, over 12 or more of them. No generated key looks like that.
pub(super) fn typed_run(s: &str) -> bool {
    let body: Vec<u8> = s
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    if body.len() < 12 {
        return false;
    }
    let steps = body.windows(2).filter(|w| w[0].abs_diff(w[1]) == 1).count();
    steps * 3 >= (body.len() - 1) * 2
}

/// The kind of a string in a known credential format.
pub(super) fn known_secret(s: &str) -> Option<&'static str> {
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
pub(super) fn looks_random(s: &str) -> bool {
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

/// Whether a secret-like value is the name of a key rather than a key: words joined by `:`
/// or `.`, each starting with a lowercase letter and at most 24 of `[a-z0-9_-]`
/// (`langfuse:v4:legacy-api-usage:cursor:v1`, a Redis or cache key; `app.settings.theme`).
/// A credential has a random part: mixed case (a JWT's segments), or a segment of digits and
/// letters that starts with a digit (`prod:3f9a8b7c6d5e`). Only for the entropy test.
pub(super) fn names_a_key(s: &str) -> bool {
    let parts: Vec<&str> = s.split([':', '.']).collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            p.len() <= 24
                && p.starts_with(|c: char| c.is_ascii_lowercase())
                && p.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        })
}

/// Whether a secret-like value says it is a stand-in: one of its words (split at `-`, `_`,
/// `.`, `:`) is `test`, `dummy`, `fake`, `example`, `sample`, `placeholder`, `changeme`,
/// `insecure`, `mock` or `demo` (`vault-test-token-123` of a local docker stack,
/// `integration-test-…-secret-…` of a test harness). Only for the entropy test: a key in a
/// known format is reported whatever it says.
pub(super) fn says_stand_in(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .map(|w| w.to_ascii_lowercase())
        .any(|w| {
            matches!(
                w.as_str(),
                "test"
                    | "dummy"
                    | "fake"
                    | "example"
                    | "sample"
                    | "placeholder"
                    | "changeme"
                    | "insecure"
                    | "mock"
                    | "demo"
            )
        })
}

/// A secret shown safely: the first four characters and the length.
pub(super) fn redact(s: &str) -> String {
    let head: String = s.trim().chars().take(4).collect();
    format!("{head}…[redacted, {} chars]", s.trim().chars().count())
}

/// Schemes of endpoints a program connects to.
fn known_scheme(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
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
    )
}

/// One URL found inside a literal's text (byte offsets into that text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct UrlAt {
    pub(super) start: usize,
    pub(super) end: usize,
    /// The host with its port, without user info (`api.acme.com:8443`, `${account}.blob…`).
    pub(super) host: (usize, usize),
    /// The host (without port) is one substitution and nothing else (`http://${host}:${port}`).
    pub(super) host_substituted: bool,
}

/// Every URL inside a string's text, wherever it starts ("Learn more: https://…", a later line of
/// a multi-line template). `subs` are the template substitutions (`${…}`, offsets into `text`):
/// a substitution is part of the URL it sits in, a URL inside one is not this literal's (the
/// string inside the substitution is checked on its own), and a substituted scheme
/// (`${proto}://api.acme.io`) starts a URL.
pub(super) fn find_urls(text: &str, subs: &[(usize, usize)]) -> Vec<UrlAt> {
    let b = text.as_bytes();
    let sub_at = |i: usize| subs.iter().find(|(s, e)| *s <= i && i < *e).copied();
    let mut out: Vec<UrlAt> = Vec::new();
    for (i, _) in text.match_indices("://") {
        if out.last().is_some_and(|u| i < u.end) || sub_at(i).is_some() {
            continue;
        }
        let mut s = i;
        while s > 0 && (b[s - 1].is_ascii_alphanumeric() || matches!(b[s - 1], b'+' | b'.' | b'-'))
        {
            s -= 1;
        }
        let start = if s < i && known_scheme(&text[s..i]) {
            s
        } else if s == i && i > 0 {
            // `${proto}://…`: the substitution that ends right here
            match subs.iter().find(|(_, e)| *e == i) {
                Some((ss, _)) => *ss,
                None => continue,
            }
        } else {
            continue;
        };
        // the URL runs to whitespace, a quote, `<`, `>`, `\` (an escape) or an unbalanced `)`
        let mut j = i + 3;
        let mut parens = 0i32;
        let mut host_end = None;
        let mut at = None;
        while j < b.len() {
            if let Some((_, e)) = subs.iter().find(|(s, _)| *s == j) {
                j = *e;
                continue;
            }
            let c = b[j];
            if c.is_ascii_whitespace() || matches!(c, b'"' | b'\'' | b'`' | b'<' | b'>' | b'\\') {
                break;
            }
            // `https://a.io,https://b.io`: a list of URLs
            if c == b','
                && text[j + 1..]
                    .split_once("://")
                    .is_some_and(|(s, _)| known_scheme(s))
            {
                break;
            }
            match c {
                b'(' => parens += 1,
                b')' if parens == 0 => break,
                b')' => parens -= 1,
                b'/' | b'?' | b'#' if host_end.is_none() => host_end = Some(j),
                b'@' if host_end.is_none() => at = Some(j),
                _ => {}
            }
            j += 1;
        }
        let mut end = j;
        while end > i + 3 && matches!(b[end - 1], b'.' | b',' | b';' | b':' | b'!' | b'?') {
            end -= 1;
        }
        let host_start = at.map_or(i + 3, |a| a + 1);
        let host_end = host_end.unwrap_or(end).min(end).max(host_start);
        let host = &text[host_start..host_end];
        // without a port (digits or a substitution); a colon inside a substitution
        // (`${secure ? "443" : "80"}`) is that expression's
        let port_colon = host.rmatch_indices(':').map(|(c, _)| c).find(|c| {
            !subs
                .iter()
                .any(|(s, e)| *s <= host_start + c && host_start + c < *e)
        });
        let name_end = match port_colon {
            Some(c)
                if host[c + 1..].bytes().all(|x| x.is_ascii_digit())
                    || subs
                        .iter()
                        .any(|(s, e)| *s == host_start + c + 1 && *e == host_end) =>
            {
                host_start + c
            }
            _ => host_end,
        };
        // the host name is only substitutions (`${host}`, `${a}${b}`) or a `{host}` placeholder
        let mut k = host_start;
        while let Some((_, e)) = subs.iter().find(|(s, e)| *s == k && *e <= name_end) {
            k = *e;
        }
        let name = &text[host_start..name_end];
        // a pattern's wildcard where the host goes (SQL `LIKE 'https://%'`, a glob
        // `https://*`): a scheme test, no address
        if !name.is_empty() && name.bytes().all(|c| matches!(c, b'%' | b'*' | b'_' | b'.')) {
            continue;
        }
        // prose about schemes, not an address: "http:// 또는 https://를" (a translation's
        // words after the scheme), "use http:// or https://" (nothing after it)
        let no_address = (name.is_empty() && end == host_end)
            || (!name.is_empty()
                && !name.contains('.')
                && !name.bytes().any(|c| c.is_ascii_alphanumeric())
                && k == host_start);
        if no_address {
            continue;
        }
        let placeholder = name.len() > 2
            && name.starts_with('{')
            && name.ends_with('}')
            && !name[1..name.len() - 1].contains(['{', '}']);
        let host_substituted = (k > host_start && k == name_end) || placeholder;
        out.push(UrlAt {
            start,
            end,
            host: (host_start, host_end),
            host_substituted,
        });
    }
    out
}

/// A host of the deployment itself rather than of someone's service: an IP address, a name
/// without a dot (`localhost`, `db`, `redis`), or a name under a suffix that only a private
/// network resolves (`.local`, `.internal`, `.localhost`, `.lan`, `.svc`, `.cluster.local`).
pub(super) fn is_private_host(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    is_ipv4(h)
        || is_ipv6(h)
        || !h.contains('.')
        || [
            ".local",
            ".internal",
            ".localhost",
            ".lan",
            ".svc",
            ".home.arpa",
        ]
        .iter()
        .any(|s| h.ends_with(s))
}

/// A public IP address: not private (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7),
/// loopback, link-local, unspecified, multicast or a documentation range (192.0.2/24,
/// 198.51.100/24, 203.0.113/24, 2001:db8::/32). With `own_domains`, such an address is another
/// party's (a public resolver, a provider's published address, a bot's range): the team's own
/// public servers are reached by its domains.
pub(super) fn is_public_ip(host: &str) -> bool {
    let h = host.trim_start_matches('[').trim_end_matches(']');
    match h.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v)) => {
            let [a, b, c, _] = v.octets();
            !(v.is_private()
                || v.is_loopback()
                || v.is_link_local()
                || v.is_unspecified()
                || v.is_multicast()
                || v.is_broadcast()
                || v.is_documentation()
                || a == 0
                || a >= 240
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0 && c == 0)
                || (a == 198 && (18..20).contains(&b)))
        }
        // global unicast 2000::/3, without the documentation prefix
        Ok(std::net::IpAddr::V6(v)) => {
            let s = v.segments();
            (s[0] & 0xe000) == 0x2000 && !(s[0] == 0x2001 && s[1] == 0x0db8)
        }
        Err(_) => false,
    }
}

/// Whether `host` is one of `own` (the team's domains, lowercase) or below one.
pub(super) fn is_own_host(host: &str, own: &[String]) -> bool {
    own.iter().any(|d| {
        host == d
            || host
                .strip_suffix(d.as_str())
                .is_some_and(|rest| rest.ends_with('.'))
    })
}

/// A host for the reader to fill in (`https://your-redis-url`, `yourdomain.com`,
/// `your.site`): a first label of `your` or starting with it. Written into a generated `.env`
/// or shown as an example, it is a blank, not an endpoint.
pub(crate) fn is_fill_in_host(host: &str) -> bool {
    host.split(['.', '-', '_']).next().is_some_and(|l| {
        l.as_bytes()
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"your"))
    })
}

/// A URL template's authority (`host:port`, `user:pw@host:port`): its port is a word, not a
/// number or a substitution, so the URL is a format shown to the reader, not an endpoint.
pub(crate) fn has_word_port(host: &str) -> bool {
    host.rsplit_once(':').is_some_and(|(h, p)| {
        !h.ends_with(']') && !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphabetic())
    }) && !host.contains('[')
}

/// A placeholder origin that only lets `new URL(path, base)` parse a relative path: a host
/// under a reserved or private suffix (`https://mcp.internal`, `http://dummy-base.local`) or a
/// name that says so (`dummy`, `placeholder`), with no path.
pub(super) fn is_placeholder_base(host: &str, path: &str) -> bool {
    (path.is_empty() || path == "/")
        && ([".local", ".internal", ".invalid", ".test", ".example"]
            .iter()
            .any(|s| host.ends_with(s))
            || host
                .split(['.', '-'])
                .any(|l| matches!(l, "dummy" | "placeholder")))
}

/// Whether a secret-shaped string is the sample a pattern beside it describes: a string
/// literal of the same tuple, array, call or object (up to six levels out, not past a
/// statement or item) is a regular expression that finds at least half of it. Secret scanners and
/// redaction filters keep such `(name, pattern, sample)` catalogues; their samples are test
/// data, not credentials. Patterns are compiled with small size limits (untrusted input).
pub(super) fn tests_a_pattern_beside_it(node: Node<'_>, src: &str, secret: &str) -> bool {
    let secret = secret.trim();
    let mut cur = node;
    for _ in 0..6 {
        let Some(parent) = cur.parent() else {
            return false;
        };
        let k = parent.kind_name();
        if k.ends_with("_item")
            || k.ends_with("statement")
            || k.ends_with("declaration")
            || matches!(k, "block" | "statement_block" | "program" | "source_file")
        {
            return false;
        }
        let mut c = parent.walk();
        for sib in parent.named_children(&mut c) {
            if sib.id() == node.id() || sib.id() == cur.id() {
                continue;
            }
            // an object's other properties: `{ re: "…", sample: "…" }`
            let sib = match sib.kind_name() {
                "pair" => match sib.child_by_field_name("value") {
                    Some(v) => v,
                    None => continue,
                },
                _ => sib,
            };
            if !matches!(
                sib.kind_name(),
                "string_literal" | "raw_string_literal" | "string"
            ) {
                continue;
            }
            let raw = &src[sib.byte_range()];
            let body = raw
                .trim_start_matches('r')
                .trim_matches('#')
                .trim_matches(['"', '\'', '`']);
            // a pattern has pattern syntax; a plain name or sentence is not one
            if body.len() < 4 || !body.contains(['[', '\\', '{', '+', '*']) {
                continue;
            }
            let unescaped = if raw.starts_with('r') {
                body.to_string()
            } else {
                body.replace("\\\\", "\\")
            };
            let Ok(re) = regex::RegexBuilder::new(&unescaped)
                .size_limit(1 << 18)
                .dfa_size_limit(1 << 18)
                .build()
            else {
                continue;
            };
            // the pattern finds most of the sample (a scanner's test "should match"; a webhook
            // pattern covers the URL's path), not a few characters of it
            if re.find(secret).is_some_and(|m| 2 * m.len() >= secret.len()) {
                return true;
            }
        }
        cur = parent;
    }
    false
}

/// Whether `host` is an address reserved for documentation and examples (RFC 5737: 192.0.2/24,
/// 198.51.100/24, 203.0.113/24; RFC 3849: 2001:db8::/32), with or without a port or brackets.
/// It never names a real server (a socket "connected" to one only picks the outgoing
/// interface), so it is an example, not configuration.
pub(super) fn is_documentation_ip(host: &str) -> bool {
    let h = host.trim();
    let h = h
        .strip_prefix('[')
        .and_then(|r| r.split_once(']'))
        .map_or(h, |(a, _)| a);
    let h = match h.rsplit_once(':') {
        Some((a, p)) if !a.contains(':') && p.bytes().all(|b| b.is_ascii_digit()) => a,
        _ => h,
    };
    match h.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(v)) => v.is_documentation(),
        Ok(std::net::IpAddr::V6(v)) => {
            let s = v.segments();
            s[0] == 0x2001 && s[1] == 0x0db8
        }
        Err(_) => false,
    }
}

/// Whether a string holding `://` is a regular expression: the first argument of a regex
/// constructor (`Regex::new`, `RegexBuilder::new`, `new RegExp`, `regex!`-like calls whose
/// callee names a regex), or its text has regex syntax that no URL has: a group `(?:`, `(?i)`,
/// `(?P<`, a class escape `\S`, `\d`, `\w`, `\s`, a negated class `[^`, or an optional
/// scheme letter `s?://`.
pub(super) fn is_pattern(text: &str, call: Option<(&str, usize)>) -> bool {
    if call.is_some_and(|(c, i)| i == 0 && c.to_ascii_lowercase().contains("regex")) {
        return true;
    }
    const SYNTAX: &[&str] = &[
        "(?:", "(?i)", "(?P<", "\\S", "\\d", "\\w", "\\s", "[^", "s?://",
    ];
    SYNTAX.iter().any(|p| text.contains(p))
}

/// Whether a port literal is the default port of a scheme written next to it: 443 beside
/// `"https"`/`"wss"` (`url.protocol = "https"; url.port = "443";`), 80 beside `"http"`/`"ws"`,
/// or one branch of a choice between the two (`secure ? 443 : 80`). The port follows from the
/// scheme; it is no setting of its own. "Next to" is within the same object, block or ternary,
/// at most 300 bytes before or after the literal.
pub(super) fn is_scheme_default_port(node: Node<'_>, src: &str, port: &str) -> bool {
    let port = port.trim_matches(['"', '\'', '`']);
    let schemes: &[&str] = match port {
        "443" => &["https", "wss"],
        "80" => &["http", "ws"],
        _ => return false,
    };
    let mut cur = node;
    for _ in 0..6 {
        let Some(p) = cur.parent() else { break };
        if p.kind_name() == "ternary_expression" {
            let t = node_text(p, src);
            let other = if port == "443" { "80" } else { "443" };
            if t.split(|c: char| !c.is_ascii_digit()).any(|n| n == other) {
                return true;
            }
        }
        if matches!(
            p.kind_name(),
            "object"
                | "statement_block"
                | "program"
                | "block"
                | "field_initializer_list"
                | "struct_expression"
                | "ternary_expression"
        ) {
            let start = node.start_byte().saturating_sub(300).max(p.start_byte());
            let end = (node.end_byte() + 300).min(p.end_byte());
            let Some(near) = src.get(start..end) else {
                return false;
            };
            return schemes.iter().any(|s| {
                ["\"", "'", "`"].iter().any(|q| {
                    near.contains(&format!("{q}{s}{q}"))
                        || near.contains(&format!("{q}{s}:{q}"))
                        || near.contains(&format!("{q}{s}://"))
                })
            });
        }
        cur = p;
    }
    false
}
