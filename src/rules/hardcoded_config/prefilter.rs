//! The anchors of `hardcoded-config` ([`RuleKind::anchors`]): before a file is parsed, where a
//! detection path could report in it. Every finding is made at a node that holds one of
//! - a string literal whose content passes the kind's literal gate (a URL, a known secret
//!   format, an environment name, an IP address): every quoted run of the text is put through
//!   the same gate ([`HardcodedConfig::literal_gate`]), so a new format there is covered here;
//! - a value bound to a name containing a word stem (the kind's own stem automaton), in any
//!   language, for the detectors on that read that name (the secret, host, port and timeout
//!   names of `context.rs`; a binding hands url and env-name only the literals that fail the
//!   gate, which they never report) — `import` and `export` in JS/TS count only where they can be a name
//!   (`x.import`, `{ export: 1 }`), since every module imports;
//! - with the port or timeout detectors, a timer, `sleep`, `listen` or `Duration` call with a
//!   number;
//! - with the `env-read` detector, an environment read: every form it knows (`process.env`,
//!   `import.meta.env`, `Deno.env`, `Bun.env`, `env::var`, `env!`, `option_env!`) holds `env`.
//!
//! Each is recorded at its offset (the opening quote, the stem, the callee's word, `env`). A
//! file with none of them is skipped (on plane about a third of the files, on rust-analyzer
//! more: BENCHMARKS.md), and the one pass over a parsed file skips every subtree that holds
//! none. A new detection path must be added here: the kind's harness cases run through the
//! engine with and without anchors and must give the same findings.
//!
//! [`RuleKind::anchors`]: crate::rules::kind::RuleKind::anchors

use super::context::NAME_STEMS;
use super::{Detectors, HardcodedConfig};
use crate::lang::Lang;

/// The stems of the words [`is_secret_name`](super::context::is_secret_name) reads (`password`,
/// `passwd`, `apikey`, `credentials`, … hold one).
const SECRET_STEMS: &[&str] = &["secret", "pass", "pwd", "token", "credential", "key"];
/// Of [`is_host_name`](super::context::is_host_name): `host`, `hostname`, `domain`, `server`.
const HOST_STEMS: &[&str] = &["host", "domain", "server"];
/// Of [`is_timeout_name`](super::context::is_timeout_name) and
/// [`is_retry_name`](super::context::is_retry_name).
const TIMEOUT_STEMS: &[&str] = &[
    "time", "interval", "ttl", "backoff", "delay", "retr", "attempt",
];

/// Quoted runs longer than this are past the literal gate's size cap.
const MAX_LITERAL: usize = 4096;

fn ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80
}

/// The identifier run around `start..end` of `b`.
fn run_at(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    let mut s = start;
    while s > 0 && ident(b[s - 1]) {
        s -= 1;
    }
    let mut e = end;
    while e < b.len() && ident(b[e]) {
        e += 1;
    }
    (s, e)
}

impl HardcodedConfig {
    /// Whether any detection path could report in this text (see the module docs).
    /// The offsets where a detection path starts (see the module docs), for
    /// [`RuleKind::anchors`](crate::rules::kind::RuleKind::anchors): each node the kind reports
    /// at holds one — a string node its opening quote, a binding its name's stem, a call its
    /// callee's word, an environment read its `env`.
    /// With `first`, only until one is found (the text prefilter).
    pub(super) fn anchor_offsets(&self, text: &str, lang: Lang, out: &mut Vec<usize>, first: bool) {
        if self.on.env_read {
            out.extend(text.match_indices("env").map(|(at, _)| at));
        }
        let done = |out: &Vec<usize>| first && !out.is_empty();
        // a name matters only to the detectors that read it; url and env-name report only
        // literals that pass the gate (a binding hands the others to them), calls are looked at
        // for ports and timeouts
        let on = &self.on;
        if !done(out) {
            self.names_may_bind(text, lang, out, first);
        }
        if (on.port || on.timeout) && !done(out) {
            self.calls_may_match(text, out, first);
        }
        if !done(out) {
            self.strings_may_pass(text, out, first);
        }
    }

    /// The stems of the names the detectors on read; `None` when no detector on reads names.
    pub(super) fn build_anchor_stems(&self) -> Result<Option<aho_corasick::AhoCorasick>, String> {
        let on = &self.on;
        let stems: Vec<&str> = NAME_STEMS
            .iter()
            .copied()
            .filter(|stem| {
                (on.secret && SECRET_STEMS.contains(stem))
                    || (on.host && HOST_STEMS.contains(stem))
                    || (on.port && *stem == "port")
                    || (on.timeout && TIMEOUT_STEMS.contains(stem))
            })
            .collect();
        if stems.is_empty() {
            return Ok(None);
        }
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(stems)
            .map(Some)
            .map_err(|e| e.to_string())
    }

    /// A name with a stem one of the detectors on reads, other than the `import`/`export`
    /// keywords of a JS module. A stem is made of ASCII letters and a name is a whole
    /// identifier, key or string: a stem in a name is found inside it, whatever matched before.
    fn names_may_bind(&self, text: &str, lang: Lang, out: &mut Vec<usize>, first: bool) {
        // the words of a name are lowercased: the Kelvin sign `K` becomes an ASCII `k` the stems
        // do not see, so then the binding's own gate (every stem) decides
        let stems = if text.contains('\u{212A}') {
            &self.stems
        } else {
            match &self.anchor_stems {
                Some(s) => s,
                None => return,
            }
        };
        let b = text.as_bytes();
        for m in stems.find_iter(text) {
            let (s, e) = run_at(b, m.start(), m.end());
            let word = &b[s..e];
            if lang != Lang::Rust && (word == b"import" || word == b"export") {
                let after = b[e..].iter().find(|c| !c.is_ascii_whitespace());
                let member = s > 0 && b[s - 1] == b'.';
                if !(member || matches!(after, Some(b':' | b'=' | b'?' | b',' | b'}'))) {
                    continue;
                }
            }
            out.push(m.start());
            if first {
                return;
            }
        }
    }

    /// The callees of [`HardcodedConfig::call`] the stems do not cover.
    fn calls_may_match(&self, text: &str, out: &mut Vec<usize>, first: bool) {
        let b = text.as_bytes();
        for word in ["listen", "sleep", "wait", "delay"] {
            for (at, _) in text.match_indices(word) {
                if run_at(b, at, at + word.len()) == (at, at + word.len()) {
                    out.push(at);
                    if first {
                        return;
                    }
                }
            }
        }
        out.extend(text.match_indices("Duration").map(|(at, _)| at));
    }

    /// The quotes that open a quoted run (to the next quote of its kind, with and without
    /// escapes, and Rust raw strings to their closing hashes) that passes the literal gate.
    fn strings_may_pass(&self, text: &str, out: &mut Vec<usize>, first: bool) {
        let needles = Needles::new(&self.on, text);
        // every quote (an automaton of three bytes searches with memchr3)
        static QUOTES: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
        let quotes = QUOTES.get_or_init(|| {
            aho_corasick::AhoCorasick::new(["\"", "'", "`"]).expect("three quotes")
        });
        for m in quotes.find_iter(text) {
            let q = m.start();
            if self.quoted_run_may_pass(text, q, &needles) {
                out.push(q);
                if first {
                    return;
                }
            }
        }
    }

    /// Whether the quoted run opened by the quote at `q` may pass the literal gate.
    fn quoted_run_may_pass(&self, text: &str, q: usize, needles: &Needles) -> bool {
        let b = text.as_bytes();
        let quote = b[q];
        let limit = (q + 2 + MAX_LITERAL).min(b.len());
        let gate = |end: usize| {
            text.get(q + 1..end)
                .is_some_and(|s| gate_may_pass(&self.on, s, q + 1, needles) && self.literal_gate(s))
        };
        // the next quote of the kind, as written (`q + 1` follows an ASCII quote: a char
        // boundary)
        let plain = text[q + 1..]
            .find(quote as char)
            .map(|p| q + 1 + p)
            .filter(|p| *p < limit);
        if plain.is_some_and(gate) {
            return true;
        }
        // the next one not escaped: the same one when no backslash comes before it
        let unescaped = match plain {
            Some(p) if !b[q + 1..p].contains(&b'\\') => plain,
            _ => {
                let mut j = q + 1;
                let mut found = None;
                while j < limit {
                    match b[j] {
                        b'\\' => j += 2,
                        c if c == quote => {
                            found = Some(j);
                            break;
                        }
                        _ => j += 1,
                    }
                }
                found
            }
        };
        if unescaped != plain && unescaped.is_some_and(gate) {
            return true;
        }
        // a template with a substitution left open goes on past a nested template
        if quote == b'`' {
            let seen = text
                .get(q + 1..unescaped.or(plain).unwrap_or(limit))
                .unwrap_or("${");
            if seen.matches("${").count() > seen.matches('}').count() {
                return true;
            }
        }
        // r#"…"#: to the quote followed by as many hashes
        let hashes = b[..q].iter().rev().take_while(|c| **c == b'#').count();
        if quote == b'"' && hashes > 0 && q > hashes && b[q - hashes - 1] == b'r' {
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            let end = b[q + 1..limit]
                .windows(close.len())
                .position(|w| w == close.as_slice())
                .map(|p| q + 1 + p);
            if end.is_some_and(gate) {
                return true;
            }
        }
        false
    }
}

/// Where in a file the strings [`HardcodedConfig::literal_gate`] searches a run for occur
/// (only those of the detectors on), so that a quoted run is put through the gate only when it
/// holds one or begins like a literal the gate can pass.
pub(super) struct Needles {
    /// `://` (url)
    scheme: Vec<usize>,
    /// `::` (host: IPv6)
    colons: Vec<usize>,
    /// `-----BEGIN` (secret: private keys)
    begin: Vec<usize>,
}

impl Needles {
    fn new(on: &Detectors, text: &str) -> Self {
        let at = |on: bool, needle: &str| -> Vec<usize> {
            if on {
                text.match_indices(needle).map(|(i, _)| i).collect()
            } else {
                Vec::new()
            }
        };
        Needles {
            scheme: at(on.url, "://"),
            colons: at(on.host, "::"),
            begin: at(on.secret, "-----BEGIN"),
        }
    }

    /// Whether an occurrence starts within `start..end` (a run's bytes).
    fn within(at: &[usize], start: usize, end: usize) -> bool {
        let i = at.partition_point(|p| *p < start);
        at.get(i).is_some_and(|p| *p < end)
    }
}

/// The first characters of the known secret formats of
/// [`known_secret`](super::detect::known_secret) (`AKIA…`, `ghp_…`, `xoxb-…`,
/// `https://hooks.slack.com/…`, `sk_live_…`, `AIza…`, `eyJ…`); a private key holds `-----BEGIN`
/// anywhere.
const SECRET_FIRST: &[u8] = b"Aghxsre";

/// The longest environment name the gate knows.
const MAX_ENV_NAME: usize = 11;

/// A necessary condition of [`HardcodedConfig::literal_gate`] with the detectors `on`, on `run`
/// (the bytes `start..` of the file): cheap, with the file's [`Needles`].
fn gate_may_pass(on: &Detectors, run: &str, start: usize, needles: &Needles) -> bool {
    let end = start + run.len();
    let t = run.trim();
    let first = t.as_bytes().first().copied();
    (on.url && Needles::within(&needles.scheme, start, end))
        || (on.secret
            && (first.is_some_and(|c| SECRET_FIRST.contains(&c))
                || Needles::within(&needles.begin, start, end)))
        || (on.env_name && t.len() <= MAX_ENV_NAME)
        || (on.host
            && (first.is_some_and(|c| c.is_ascii_digit())
                || Needles::within(&needles.colons, start, end)))
}

#[cfg(test)]
mod tests {
    use crate::rules::harness::Tester;

    fn rule() -> Tester {
        Tester::new("[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n")
    }

    #[test]
    fn each_path_keeps_its_files() {
        let t = rule();
        // a URL after a string with an escaped quote
        assert_eq!(
            t.lines(
                "a.ts",
                "const q = 'it\\'s'; const base = \"https://api.acme.io/v1\";\n"
            ),
            vec![1]
        );
        // a port bound to a name, in a file whose strings pass no gate
        assert_eq!(
            t.lines(
                "c.ts",
                "export const client = new Client({ host: h, port: 8443 });\n"
            ),
            vec![1]
        );
        // a timer call
        assert_eq!(t.lines("d.ts", "setTimeout(retry, 30000);\n"), vec![1]);
        // calls whose callee holds no stem: `listen`, `sleep` and `Duration`
        assert_eq!(t.lines("e.ts", "app.listen(8080);\n"), vec![1]);
        assert_eq!(
            t.lines("f.rs", "fn f() {\n    sleep(Duration::from_secs(30));\n}\n"),
            vec![2]
        );
        // near-misses: the same words inside other names, and no number
        assert!(t
            .lines("g.ts", "app.listener(8080);\nwaitFor(5000);\n")
            .is_empty());
        assert!(t.lines("h.rs", "fn f() { sleep(d); }\n").is_empty());
    }

    /// The prefilter as the engine uses it: a file without anchors is skipped.
    struct Anchored<'a>(&'a dyn crate::rules::kind::RuleKind);

    impl Anchored<'_> {
        fn may_match_text(&self, text: &str, lang: crate::lang::Lang) -> bool {
            let mut at = Vec::new();
            assert!(self.0.has_anchors() && self.0.anchors(text, lang, &mut at));
            // the text prefilter stops at the first anchor
            assert_eq!(self.0.text_prefilter(text, lang), !at.is_empty(), "{text}");
            !at.is_empty()
        }
    }

    #[test]
    fn skips_files_without_a_path() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("archdrift.toml"),
            "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"x\"\n",
        )
        .unwrap();
        let cfg = crate::config::load(&dir.path().join("archdrift.toml")).unwrap();
        let m = &cfg.rules[0].matcher;
        let r = Anchored(m.as_ref());
        use crate::lang::Lang::{Rust, TypeScript};
        assert!(!r.may_match_text(
            "import { a } from \"./a\";\nexport const b = a + 1;\n",
            TypeScript
        ));
        assert!(r.may_match_text("const o = { export: 3000 };\n", TypeScript));
        assert!(r.may_match_text("use a::b;\nfn import() {}\n", Rust));
        assert!(!r.may_match_text("fn main() { let x = \"ok\"; await_it(); }\n", Rust));
        assert!(r.may_match_text("let env = \"production\";\n", Rust));
        // the quoted run is found past escapes, inner quotes of raw strings, nested templates
        let gated = |src: &str, lang| r.may_match_text(src, lang);
        assert!(gated("const a = 'it\\'s' + 'production';\n", TypeScript));
        assert!(gated("fn f() { let u = r#\"production\"#; }\n", Rust));
        assert!(
            gated(
                "fn f() { let u = r#\"a \"b\" c\"#; let v = r##\"x\"#y\"##; }\n",
                Rust
            ) == gated("fn f() {}\n", Rust)
        );
        assert!(gated("const u = `${`a`}production${b}`;\n", TypeScript));
        // a substitution left open at the next backtick: kept, to be safe
        assert!(gated("const u = `${`a`}plain`;\n", TypeScript));
        assert!(!gated("const u = `plain ${b}`;\n", TypeScript));
    }

    #[test]
    fn names_and_calls_only_for_the_detectors_that_read_them() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "[[rule]]\nid = \"a\"\nkind = \"hardcoded-config\"\nmessage = \"x\"\n\
                    detectors = [\"url\", \"env-name\"]\n\n\
                    [[rule]]\nid = \"b\"\nkind = \"hardcoded-config\"\nmessage = \"x\"\n\
                    detectors = [\"timeout\"]\n";
        std::fs::write(dir.path().join("archdrift.toml"), toml).unwrap();
        let cfg = crate::config::load(&dir.path().join("archdrift.toml")).unwrap();
        use crate::lang::Lang::TypeScript;
        let (urls, timers) = (
            Anchored(cfg.rules[0].matcher.as_ref()),
            Anchored(cfg.rules[1].matcher.as_ref()),
        );
        let bound = "const o = { port: 3000, apiUrl: base };\napp.listen(8080);\n";
        assert!(!urls.may_match_text(bound, TypeScript));
        assert!(timers.may_match_text(bound, TypeScript));
        // a URL or an environment name is a literal of its own, bound or not
        assert!(urls.may_match_text("const apiUrl = \"https://x.io\";\n", TypeScript));
        assert!(urls.may_match_text("if (mode === 'staging') {}\n", TypeScript));
        assert!(!timers.may_match_text("const u = \"https://x.io\";\n", TypeScript));
        // and through the engine, with and without anchors alike (the harness compares)
        let t = Tester::new(
            "[[rule]]\nid = \"u\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\
             detectors = [\"url\"]\n",
        );
        assert_eq!(
            t.lines(
                "a.ts",
                "const o = { port: 3000 };\nconst apiUrl = \"https://api.acme.io\";\n"
            ),
            vec![2]
        );
        assert!(t
            .lines("b.ts", "const o = { port: 3000, apiUrl: base };\n")
            .is_empty());
    }

    #[test]
    fn anchors_of_several_rules_and_with_a_rule_that_sees_every_node() {
        let src =
            "function f(a) {\n  console.log(a);\n  const o = { port: 8080, name: \"x\" };\n  \
                   return fetch(\"https://api.acme.io/v1\", { timeout: 30000 });\n}\n";
        // two rules with anchors: the walk skips what holds neither's, and each rule is asked
        // only about the nodes that hold its own
        let two = Tester::new(
            "[[rule]]\nid = \"u\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\
             detectors = [\"url\"]\n\n\
             [[rule]]\nid = \"t\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\
             detectors = [\"timeout\", \"port\"]\n",
        );
        assert_eq!(
            two.run(&[("a.ts", src)]).found(),
            vec![
                ("a.ts".to_string(), 3, "t".to_string()),
                ("a.ts".to_string(), 4, "u".to_string()),
                ("a.ts".to_string(), 4, "t".to_string()),
            ]
        );
        // with a rule without anchors the walk sees every node
        let t = Tester::new(
            "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\n\
             [[rule]]\nid = \"log\"\nkind = \"banned-pattern\"\nmessage = \"m\"\n\
             calls = [\"console.*\"]\n",
        );
        assert_eq!(t.lines("a.ts", src), vec![2, 3, 4, 4]);
    }

    /// The cheap condition is implied by the literal gate, for every detector and for
    /// literals of every kind the gate passes and near them.
    #[test]
    fn the_quick_gate_is_implied_by_the_literal_gate() {
        let samples = [
            "https://api.acme.io",
            "  http://x",
            "AKIAIOSFODNN7EXAMPLE",
            "ASIAIOSFODNN7EXAMPLE",
            "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "github_pat_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "xoxb-1234567890-abc",
            "https://hooks.slack.com/services/T000/B000/XXX",
            "sk_live_aaaaaaaaaaaaaaaaaaaa",
            "rk_test_aaaaaaaaaaaaaaaaaaaa",
            "AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "-----BEGIN RSA PRIVATE KEY-----\nabc",
            "x -----BEGIN PRIVATE KEY-----",
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijkl",
            "production",
            " staging ",
            "development",
            "10.0.0.1",
            "10.0.0.1:8080",
            "::1",
            "fe80::1",
            "[::1]:80",
            "\u{3000}AKIAIOSFODNN7EXAMPLE",
            "plain text",
            "",
        ];
        let none = super::Detectors {
            url: false,
            host: false,
            port: false,
            secret: false,
            env_name: false,
            timeout: false,
            env_read: false,
        };
        let each = [
            super::Detectors { url: true, ..none },
            super::Detectors { host: true, ..none },
            super::Detectors {
                secret: true,
                ..none
            },
            super::Detectors {
                env_name: true,
                ..none
            },
        ];
        for on in &each {
            for s in samples {
                let text = format!("x = \"{s}\";");
                let needles = super::Needles::new(on, &text);
                if super::super::literal_gate(on, s) {
                    assert!(super::gate_may_pass(on, s, 5, &needles), "{s:?}");
                }
            }
        }
        // and not for runs the gate cannot pass
        let on = super::Detectors {
            url: true,
            host: true,
            secret: true,
            ..none
        };
        let text = "x = \"plain words\";";
        assert!(!super::gate_may_pass(
            &on,
            "plain words",
            5,
            &super::Needles::new(&on, text)
        ));
        assert!(super::super::ENV_NAMES
            .iter()
            .all(|n| n.len() <= super::MAX_ENV_NAME));
    }

    #[test]
    fn each_detector_reads_names_with_its_stems() {
        use super::super::context::{
            is_host_name, is_port_name, is_retry_name, is_secret_name, is_timeout_name,
        };
        use super::{HOST_STEMS, SECRET_STEMS, TIMEOUT_STEMS};
        let candidates = [
            "secret",
            "password",
            "passwd",
            "pwd",
            "token",
            "tokens",
            "credential",
            "credentials",
            "apikey",
            "key",
            "keys",
            "host",
            "hostname",
            "hosts",
            "domain",
            "server",
            "servers",
            "port",
            "ports",
            "timeout",
            "timeouts",
            "interval",
            "ttl",
            "backoff",
            "delay",
            "retries",
            "retry",
            "attempts",
            "maxretries",
            "url",
            "uri",
            "endpoint",
            "time",
        ];
        let holds = |w: &str, stems: &[&str]| stems.iter().any(|s| w.contains(s));
        let one = |w: &str| vec![w.to_string()];
        for w in candidates {
            // `key` counts for secrets next to words such as `api`
            let with_api = vec!["api".to_string(), w.to_string()];
            if is_secret_name(&one(w)) || is_secret_name(&with_api) && !is_secret_name(&one("api"))
            {
                assert!(holds(w, SECRET_STEMS) || w == "api", "{w}");
            }
            if is_host_name(&one(w)) {
                assert!(holds(w, HOST_STEMS), "{w}");
            }
            if is_port_name(&one(w)) {
                assert!(w.contains("port"), "{w}");
            }
            if is_timeout_name(&one(w)) || is_retry_name(&one(w)) {
                assert!(holds(w, TIMEOUT_STEMS), "{w}");
            }
        }
        let t = Tester::new(
            "[[rule]]\nid = \"s\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\n\
             detectors = [\"secret\"]\n",
        );
        let random = "x9Fq2LmZ8pR4tV7wK3sN6bH1yC5dJ0aE";
        assert_eq!(
            t.lines(
                "a.ts",
                &format!("const o = {{ port: 8080 }};\nconst apiKey = \"{random}\";\n")
            ),
            vec![2]
        );
        assert!(t
            .lines("b.ts", &format!("const apiUrl = \"{random}\";\n"))
            .is_empty());
        // a Kelvin sign lowercases to the `k` of `key`: the words say secret, the stems only url
        assert_eq!(
            t.lines("c.ts", &format!("const api\u{212A}eyUrl = \"{random}\";\n")),
            vec![1]
        );
    }
}
