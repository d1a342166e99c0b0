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
use crate::rules::literal::{Literal, LiteralScan, Occurrence};

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

/// Whether the stem at `start..end` of `b` may be in a name a value is bound to: a stem is made
/// of ASCII letters and a name is a whole identifier, key or string, so it is found inside it;
/// but in JS/TS the `import` and `export` keywords count only where they can be a name
/// (`x.import`, `{ export: 1 }`), since every module imports.
fn name_may_bind(b: &[u8], start: usize, end: usize, lang: Lang) -> bool {
    if lang == Lang::Rust {
        return true;
    }
    let (s, e) = run_at(b, start, end);
    let word = &b[s..e];
    if word != b"import" && word != b"export" {
        return true;
    }
    let after = b[e..].iter().find(|c| !c.is_ascii_whitespace());
    let member = s > 0 && b[s - 1] == b'.';
    member || matches!(after, Some(b':' | b'=' | b'?' | b',' | b'}'))
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

/// What an anchor candidate of the kind is (the role of its literal in [`Candidates`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// `env` (env-read): an anchor.
    Env,
    /// A name stem (any case): an anchor unless it is JS's `import`/`export` keyword.
    Stem,
    /// A callee word (`listen`, `sleep`, …, `Duration`): an anchor.
    Call,
    /// A quote (`"`, `'`, `` ` ``: 0, 1, 2): an anchor when the quoted run it opens may pass
    /// the literal gate.
    Quote(u8),
    /// A backslash: where escapes may be.
    Backslash,
    /// `://`, `::`, `-----BEGIN`: where the gate's needles are (no anchor of their own).
    Scheme,
    Colons,
    Begin,
    /// The Kelvin sign: the names are then looked at with every stem.
    Kelvin,
}

/// The kind's anchor candidates for the detectors on: literals the engine's one scan finds
/// ([`RuleKind::anchor_candidates`](crate::rules::kind::RuleKind::anchor_candidates)), each
/// with its role, and the same literals searched by the kind itself when the engine did not.
pub(super) struct Candidates {
    scan: LiteralScan,
    roles: Vec<Role>,
}

impl Candidates {
    pub(super) fn new(on: &Detectors) -> Result<Self, String> {
        let mut lits = Vec::new();
        let mut roles = Vec::new();
        let mut add = |l: Literal, r: Role| {
            lits.push(l);
            roles.push(r);
        };
        if on.env_read {
            add(Literal::substring("env"), Role::Env);
        }
        // a name matters only to the detectors that read it; url and env-name report only
        // literals that pass the gate (a binding hands the others to them)
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
        for stem in &stems {
            add(Literal::folded(stem), Role::Stem);
        }
        if !stems.is_empty() {
            // the words of a name are lowercased: the Kelvin sign `K` becomes an ASCII `k` the
            // stems do not see
            add(Literal::substring("\u{212A}"), Role::Kelvin);
        }
        // calls are looked at for ports and timeouts; these callees hold no stem
        if on.port || on.timeout {
            for word in ["listen", "sleep", "wait", "delay"] {
                add(Literal::token(word), Role::Call);
            }
            add(Literal::substring("Duration"), Role::Call);
        }
        for (i, q) in ["\"", "'", "`"].into_iter().enumerate() {
            add(Literal::substring(q), Role::Quote(i as u8));
        }
        add(Literal::substring("\\"), Role::Backslash);
        if on.url {
            add(Literal::substring("://"), Role::Scheme);
        }
        if on.host {
            add(Literal::substring("::"), Role::Colons);
        }
        if on.secret {
            add(Literal::substring("-----BEGIN"), Role::Begin);
        }
        Ok(Candidates {
            scan: LiteralScan::new(lits)?,
            roles,
        })
    }

    pub(super) fn literals(&self) -> &[Literal] {
        self.scan.literals()
    }
}

impl HardcodedConfig {
    /// The offsets where a detection path starts (see the module docs), for
    /// [`RuleKind::anchors`](crate::rules::kind::RuleKind::anchors): each node the kind reports
    /// at holds one — a string node its opening quote, a binding its name's stem, a call its
    /// callee's word, an environment read its `env`. `found`: the occurrences of the
    /// [`Candidates`] (`None`: searched here). With `first`, only until one is found (the text
    /// prefilter).
    pub(super) fn anchor_offsets(
        &self,
        text: &str,
        lang: Lang,
        found: Option<&[Occurrence]>,
        out: &mut Vec<usize>,
        first: bool,
    ) {
        // this thread's buffers, reused from file to file (taken, so that a panic loses them
        // rather than leaving them borrowed)
        let (mut own, mut needles) = ANCHOR_SCRATCH.with(|c| c.take());
        own.clear();
        needles.clear();
        let found = match found {
            Some(f) => f,
            None => {
                self.candidates.scan.occurrences(text, &mut own);
                &own
            }
        };
        self.anchor_offsets_with(text, lang, found, out, first, &mut needles);
        ANCHOR_SCRATCH.with(|c| c.set((own, needles)));
    }

    /// [`HardcodedConfig::anchor_offsets`] with the candidates' occurrences given and empty
    /// needle lists to fill.
    fn anchor_offsets_with(
        &self,
        text: &str,
        lang: Lang,
        found: &[Occurrence],
        out: &mut Vec<usize>,
        first: bool,
        needles: &mut Needles,
    ) {
        let roles = &self.candidates.roles;
        let role = |k: u32| roles.get(k as usize).copied();
        let mut kelvin = false;
        for &(k, at) in found {
            match role(k) {
                Some(Role::Scheme) => needles.scheme.push(at),
                Some(Role::Colons) => needles.colons.push(at),
                Some(Role::Begin) => needles.begin.push(at),
                Some(Role::Kelvin) => kelvin = true,
                Some(Role::Backslash) => needles.backslashes.push(at),
                Some(Role::Quote(i)) => needles.quotes[i as usize].push(at),
                _ => {}
            }
        }
        needles.sort();
        let b = text.as_bytes();
        let before = out.len();
        let done = |out: &Vec<usize>| first && out.len() > before;
        if kelvin {
            // then the binding's own gate (every stem) decides
            self.names_may_bind(text, lang, &self.stems, out, first);
        }
        for &(k, at) in found {
            if done(out) {
                return;
            }
            match role(k) {
                Some(Role::Env | Role::Call) => out.push(at),
                Some(Role::Stem) if !kelvin => {
                    let end = at + self.candidates.literals()[k as usize].text.len();
                    if name_may_bind(b, at, end, lang) {
                        out.push(at);
                    }
                }
                _ => {}
            }
        }
        for list in &needles.quotes {
            for (i, &q) in list.iter().enumerate() {
                if done(out) {
                    return;
                }
                if self.quoted_run_may_pass(text, q, list.get(i + 1).copied(), needles) {
                    out.push(q);
                }
            }
        }
    }

    /// Every name with one of `stems`, other than the `import`/`export` keywords of a JS
    /// module.
    fn names_may_bind(
        &self,
        text: &str,
        lang: Lang,
        stems: &aho_corasick::AhoCorasick,
        out: &mut Vec<usize>,
        first: bool,
    ) {
        for m in stems.find_iter(text) {
            if name_may_bind(text.as_bytes(), m.start(), m.end(), lang) {
                out.push(m.start());
                if first {
                    return;
                }
            }
        }
    }

    /// Whether the quoted run opened by the quote at `q` may pass the literal gate.
    /// `next`: where the next quote of its kind is, if any.
    fn quoted_run_may_pass(
        &self,
        text: &str,
        q: usize,
        next: Option<usize>,
        needles: &Needles,
    ) -> bool {
        let b = text.as_bytes();
        let quote = b[q];
        let limit = (q + 2 + MAX_LITERAL).min(b.len());
        let gate = |end: usize| {
            text.get(q + 1..end)
                .is_some_and(|s| gate_may_pass(&self.on, s, q + 1, needles) && self.literal_gate(s))
        };
        // the next quote of the kind, as written
        let plain = next.filter(|p| *p < limit);
        if plain.is_some_and(gate) {
            return true;
        }
        // the next one not escaped: the same one when no backslash comes before it, none when
        // no quote of the kind comes before the limit (the last quote of each kind in a file:
        // a search byte by byte to the limit cost ~45 M instructions on plane)
        let unescaped = match plain {
            None => None,
            Some(p) if !Needles::within(&needles.backslashes, q + 1, p) => plain,
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
            if seen.as_bytes().contains(&b'$')
                && seen.matches("${").count() > seen.matches('}').count()
            {
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
#[derive(Default)]
pub(super) struct Needles {
    /// `://` (url)
    scheme: Vec<usize>,
    /// `::` (host: IPv6)
    colons: Vec<usize>,
    /// `-----BEGIN` (secret: private keys)
    begin: Vec<usize>,
    /// Every backslash (a quoted run without one has no escapes).
    backslashes: Vec<usize>,
    /// Every `"`, `'` and `` ` `` (in this order).
    quotes: [Vec<usize>; 3],
}

thread_local! {
    /// [`HardcodedConfig::anchor_offsets`]'s buffers: the candidates' occurrences (when it
    /// searches them itself) and the needles.
    static ANCHOR_SCRATCH: std::cell::Cell<(Vec<Occurrence>, Needles)> =
        std::cell::Cell::new(Default::default());
}

impl Needles {
    /// Empties every list (keeping their room for the next file).
    fn clear(&mut self) {
        self.scheme.clear();
        self.colons.clear();
        self.begin.clear();
        self.backslashes.clear();
        for q in &mut self.quotes {
            q.clear();
        }
    }

    fn sort(&mut self) {
        self.scheme.sort_unstable();
        self.colons.sort_unstable();
        self.begin.sort_unstable();
        self.backslashes.sort_unstable();
        for q in &mut self.quotes {
            q.sort_unstable();
        }
    }

    /// The needles of `text` for the detectors `on` (a test's).
    #[cfg(test)]
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
            backslashes: at(true, "\\"),
            quotes: [at(true, "\""), at(true, "'"), at(true, "`")],
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
        || (on.env_name && t.len() <= MAX_ENV_NAME && super::ENV_NAMES.contains(&t))
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

    fn with(detectors: &str) -> Tester {
        Tester::new(&format!(
            "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{{what}}\"\n\
             detectors = [{detectors}]\n"
        ))
    }

    /// Each anchor candidate the engine's one scan finds, alone in its file (the harness runs
    /// every case with and without anchors: a candidate the scan missed drops the file), and
    /// look-alikes that stay silent.
    #[test]
    fn each_candidate_alone_keeps_its_file() {
        // a stem in any case: the scan folds ASCII case
        let ports = with("\"port\"");
        assert_eq!(ports.lines("a.ts", "export const PORT = 8443;\n"), vec![1]);
        assert_eq!(
            ports.lines("b.ts", "const o = { DbPort: 5432 };\n"),
            vec![1]
        );
        let timeouts = with("\"timeout\"");
        assert_eq!(
            timeouts.lines("c.ts", "export const REQUEST_TIMEOUT = 30000;\n"),
            vec![1]
        );
        assert_eq!(
            timeouts.lines("d.rs", "const RETRY_DELAY_MS: u64 = 5000;\n"),
            vec![1]
        );
        let secrets = with("\"secret\"");
        let random = "9Fq2LmZ8pR4tV7wK3sN6bH1yC5dJ0aEx";
        assert_eq!(
            secrets.lines("e.ts", &format!("const API_KEY = \"{random}\";\n")),
            vec![1]
        );
        // callees without a stem, each alone
        assert_eq!(timeouts.lines("f.ts", "await wait(5000);\n"), vec![1]);
        assert_eq!(timeouts.lines("g.ts", "await sleep(5000);\n"), vec![1]);
        assert_eq!(
            timeouts.lines("h.rs", "fn f() -> D {\n    Duration::from_secs(30)\n}\n"),
            vec![2]
        );
        assert_eq!(ports.lines("i.ts", "app.listen(8080);\n"), vec![1]);
        // each quote, a quote escaped before the URL, a raw string with an inner quote
        let urls = with("\"url\"");
        for q in ["\"", "'", "`"] {
            assert_eq!(
                urls.lines("j.ts", &format!("const b = {q}https://api.acme.io{q};\n")),
                vec![1],
                "{q}"
            );
        }
        assert_eq!(
            urls.lines("k.ts", "const m = 'it\\'s at https://api.acme.io/v1';\n"),
            vec![1]
        );
        assert_eq!(
            urls.lines(
                "l.rs",
                "fn f() {\n    let r = r#\"see \"x\" at https://mirror.acme.io\"#;\n}\n"
            ),
            vec![2]
        );
        // the needles: `::` for an IPv6 host, `-----BEGIN` for a private key
        let hosts = with("\"host\"");
        assert_eq!(hosts.lines("m.ts", "connect(\"fe80::1\");\n"), vec![1]);
        assert_eq!(
            secrets.lines(
                "n.ts",
                "const k = \" \\n-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA\\n\";\n"
            ),
            vec![1]
        );
        // an environment read
        assert_eq!(
            with("\"env-read\"").lines("o.ts", "const u = process.env.API_URL;\n"),
            vec![1]
        );
        // look-alikes: the words inside other names, no number, a keyword, plain strings
        assert!(timeouts
            .lines(
                "p.ts",
                "awaitFor(5000);\nsleepy(5000);\nDurations.of(30);\n"
            )
            .is_empty());
        assert!(ports
            .lines(
                "q.ts",
                "import { a } from \"./port\";\nexport const b = 8080;\n"
            )
            .is_empty());
        assert!(urls
            .lines("r.ts", "const m = 'it\\'s plain' + \"x\";\n")
            .is_empty());
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
            assert!(self.0.has_anchors() && self.0.anchors(text, lang, None, &mut at));
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
            vendor_url: false,
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
