//! Kind `hardcoded-config`: configuration inlined in code (URLs, hosts, ports, secrets,
//! environment names, timeouts).
//!
//! The user-facing documentation is [`DOCS`] (printed by `archdrift explain hardcoded-config`).

pub(crate) mod clusters;
mod context;
mod detect;
mod env;
mod input;
mod own;
mod packages;
mod prefilter;
mod sample;
mod values;

use crate::lang::kind_name::KindName;
use std::collections::BTreeMap;

use tree_sitter::Node;

use super::hit::Hit;
use super::kind::{CompileCtx, FileCtx, KindInfo, RuleKind};
use super::literal::{Literal, Occurrence};
use super::syntax::node_text;
use crate::core::{compile_globs, ConfigError, Fields, Globs};
use crate::core::{Finding, Severity};

use super::fact::{Fact, FileFact};

use self::context::*;
use self::detect::*;
use self::values::*;
use crate::lang::{Lang, LangSet};

pub(crate) const DOCS: &str = r#"hardcoded-config — configuration inlined in code

What
  Reports literals that belong in configuration, in TS/TSX/JS and Rust. Detectors, each
  switchable with `detectors = [...]` (default: all but `env-read`):
    url       "https://api.acme.com/v2", "postgres://…", "wss://…" anywhere inside a string or
              template ("Learn more: https://…", a later line of a multi-line email body), each
              reported on its own line; a host partly substituted (`https://${account}.blob.…`,
              `http://localhost:${port}`, `${proto}://api.acme.io`) is hardcoded, a host that is
              wholly substituted (`http://${host}:${port}`, `https://${domain}${path}`, a
              `{domain}` placeholder; in Rust a format placeholder `{}`, `{addr}`, `{0}`,
              `{:?}`, as in `format!("http://{}:{}", host, port)` or a log line
              `println!("serving on http://{}", addr)`, and a snippet placeholder
              `"https://${example.com}"`) is configuration; a comma ends a URL when another URL
              follows ("https://a.io,https://b.io" are two). Never reported:
              XML/SVG namespace and schema URLs, OAuth scopes written as URLs
              (`https://www.googleapis.com/auth/…`), a URL inside a substitution (that string is
              checked on its own), UI text (placeholder, label, title, description, example,
              prose that gives the URL as an example: "e.g. https://…", "for example",
              "Examples: …", and a schema's description: `z.string().describe("… https://…")`),
              the origins of a Content-Security-Policy string (`font-src https://fonts.…`),
              a regular expression (the first argument of a regex constructor such as
              `Regex::new`, `new RegExp`, or a string with regex syntax: `(?:`, `(?i)`,
              `(?P<`, `\S`, `\d`, `\w`, `\s`, `[^`, `https?://`);
              by default also documentation links and navigation links (see the switches)
    host      IPv4/IPv6 literals ("10.0.3.7", "::1", "10.0.0.1:5432") anywhere, and hostnames
              assigned to host-like names (`host: "db.internal"`); with `own_domains`, a
              public address (not private, loopback, link-local or a documentation range:
              8.8.8.8, a provider's published IP, a list of bots' addresses) is another
              party's fact, reported only by `vendor-url`
    port      numbers assigned to port-like names (`port: 5432`, `const PORT = 8080`) or passed
              to `.listen(…)`; not a documented named constant, which is the one place of
              its port already: a Rust `const`/`static` with a doc comment (`///`), or local
              to a function whose doc comment names the value ("tries `3000..=3005`"), and a
              TS `const` named in capitals with a JSDoc comment (`/** … */ const OTLP_PORT =
              4318`); undocumented, `const PORT = 8080` is reported in both languages;
              not a scheme's default port next to it: 443 beside `"https"`/`"wss"`, 80
              beside `"http"`/`"ws"` (`url.protocol = "https"; url.port = "443"`, within the
              same object or block, 300 bytes either way) or a choice of the two
              (`secure ? 443 : 80`)
    secret    known key formats (AWS, GitHub, Slack, Stripe, Google API keys, private-key
              blocks, JWTs) anywhere, and high-entropy strings assigned to names like key, token,
              secret, password (not a value whose own words say it is a stand-in:
              `vault-test-token-1`, `…-dummy-…`); never printed in full: `match`, message and snippet are redacted
              (also in other findings' context lines, when the secret's own finding is
              suppressed or baselined, from a warm `--cache`, and in another rule's finding
              over it, in every format, the baseline, the cache and the editor)
    env-name  "production", "staging", "prod", "development" compared (`===`, `==`, `switch`)
              or assigned; `process.env.NODE_ENV === "production"` (the bundler idiom) is fine,
              and so is a value of the product's model (`type: "production"`,
              `env.type !== "production"`: a name ending in `type`), and an option's, tag's
              or label's own value assigned (`{ value: "production", label: "Production" }`,
              `tag: "staging"`: a name the product shows, also `key`, `placeholder`,
              `example`, `description`, `hint`), a table between two namings of the
              environments (`{ STAGING: "staging", PRODUCTION: "prod" }`: a key that names
              the same environment as its value; `{ Staging: "production" }` is reported), and an environment of the product's as a value: compared
              with the code's input (a parameter of the enclosing function named other
              than for the environment, `dir === "staging"`, or typed by the product's model,
              `env: DeployOptions["env"]`, `{ env }: BranchOptions`; `connect(env: string)`
              and `appEnv?: string` are the deployment's environment handed in and stay
              reported; a member of options, opts, args, argv, flags, answers, input,
              params, body, data, query or payload, `options.env === "production"`; a
              local declared from one, `const { env } = parsed.data`, from a prompt's
              answer, `const mode = await p.select(…)`, or from a CLI argument read by name,
              `getArg("env")`; also as a `switch` discriminant), assigned to such a member, a
              component's prop (`<BranchList env="development" />`; not a lowercase
              element's attribute), or in an
              object passed to a call that is not a setup (`presenter.call({ env:
              "development" })`; `init`, `configure`, `setup`, `create…`, `register`,
              `start`, `new` keep theirs); with `env_switched =
              "allow"` also any environment read compared with a name
              (`process.env.VERCEL_ENV !== "production"`, `env.ENVIRONMENT === "staging"`)
    timeout   numbers passed as timeouts, intervals and retries: `setTimeout(fn, 5000)`,
              `{ timeout: 30000 }`, `retries: 5`, `Duration::from_secs(30)`; values under
              `timeout_min_ms` (default 1000) are not reported
    vendor-url (only when named, with `url` and `own_domains`) the URLs, hostnames and public
              IP addresses of other parties' services, which `own_domains` leaves out of
              `url` and `host` ("hardcoded third-party URL", "… third-party IP address")
    env-read  (only when named) environment variables read by a fixed name outside `allow_in`:
              `process.env.X`, `process.env["X"]`, `const { X } = process.env`,
              `import.meta.env.X`, `Bun.env.X`, `Deno.env.get("X")`, `std::env::var("X")`,
              `env::var_os("X")`, `env!("X")`, `option_env!("X")` (also inside another
              macro: `println!("{}", env!("X"))`) — for a decision "the
              environment is read only in the config layer". A name computed at run time
              (`process.env[key]`, `env::var(name)`), a write (`process.env.X = …`) and the
              build-time flags `NODE_ENV` and `import.meta.env.MODE`/`DEV`/`PROD`/`SSR`/
              `BASE_URL` are not reported; `allow_env = ["NEXT_PUBLIC_*"]` names more
  Options: `allow_in` (globs where config belongs: silent there, and named in `help`; on
  Rust code `help` names only the globs that can hold a Rust module, not `**/*.config.*` or a
  `.ts` file, else the crate's config module or settings struct, an environment variable read
  there, or a documented `const`),
  `allow_hosts` (e.g. ["localhost", "127.0.0.1"]: silent as hosts and inside URLs; an address
  in any spelling: `::` also allows `::0` and `0:0:0:0:0:0:0:0`),
  `allow_urls` (wildcards, e.g. "https://docs.acme.com/*"), `allow_env` (env-read: variable
  names, wildcards), `config_files` (the config module and/or `.env.example`: when one holds the
  same value, `help` names its key, e.g. "use `config.apiBaseUrl`"), `config_name` (prefix of
  keys from a TS config module, default "config"), `timeout_min_ms`,
  `vendor_clients = "report" | "allow"` (default report): with "allow" a URL is silent in the
  client module of the vendor its domain names: the domain's registrable label (`bitly` in
  `api-ssl.bitly.com`, `googleapis`) is or starts with a word of four or more letters that
  names the file or one of its folders (`lib/bitly/fetch.ts`, `brevo.ts`,
  `providers/google.ts`); a fixed vendor endpoint there is the vendor's API, not something a
  deployment changes. The same URL elsewhere is still reported.
  `own_domains` (the team's domains, e.g. ["acme.io", "acme.sh"]; `init` writes the ones it
  finds): `url` and `host` then report only the team's own hosts and subdomains, private
  hosts (IPs, names without a dot such as `localhost` or `redis`, `*.local`, `*.internal`,
  `*.svc`) and secrets anywhere; another party's endpoint (a captcha verifier, an embed, a
  vendor's OAuth URL) is that party's API, not the team's configuration, and is reported only
  with the `vendor-url` detector ("hardcoded third-party URL"). Without `own_domains` every
  URL is reported.
  `own_urls = "all" | "configured"` (default all; needs `own_domains`; `init` writes
  configured): with "configured" the team's own URLs and hostnames are reported only where
  the code treats that host as configuration, and are content elsewhere. Reported:
    switched  the same host is a value switched on the environment (a ternary's branch on
              `env.X === "production"`, an environment's key) in any checked file or in an
              `allow_in` module (`APP_DOMAIN` = `prod ? "https://app.acme.io" : …`): the host
              differs per deployment, so every inline copy is wrong outside production; help:
              "`app.acme.io` differs per environment: `APP_DOMAIN` (src/constants.ts:12)
              switches it"
    named     a constant named like an address (its name's last word: url, uri, domain, host,
              hostname, origin, base, endpoint, site, api) in an `allow_in` module, a
              module-level `const` elsewhere, the default of an environment read
              (`process.env.X || "https://www.acme.io"`) or a `config_files` value holds the
              same value (`https://acme.io/` is `https://acme.io`); help names it. A place
              answers only files that can use it: its own workspace package (nearest
              package.json / Cargo.toml) or one their manifest depends on; another app's
              private constant is no help, and the address is content there. An entry of a
              module-level map named for addresses (`MAILING_LIST_ENDPOINTS = { security:
              "https://…" }`) is such a place itself, reported only when its own address is
              switched elsewhere
    called    an endpoint: the first argument of a fetch-like call (`fetch`, `axios.get`,
              `useSWR`, `new WebSocket`), a value bound to an endpoint name (`apiUrl`,
              `tokenEndpoint`, `baseURL`, `host`), an API host or path (`api.…`,
              `graphql.…`, `/api/…`, `/v1/…`, `wss://`)
  Not reported: the product's fixed public addresses as content — a link in onboarding copy
  or an error message to the marketing site, a redirect to the homepage, the brand's domain
  on a logo, a survey template's call to action, a link deeper into a site whose base only an
  environment default or a named constant holds (`https://acme.io/legal` under `WEBSITE_URL`
  = `https://acme.io`), an own address that is itself the default of an environment read.
  `allow_in` modules are read for those places and never reported in. Why a switch and not a
  detector: these values are the team's own, and what separates a finding from content is
  how the code itself treats the host (`vendor-url` is about whose endpoint it is); "all"
  keeps the strict reading for a team whose ADR puts every own address in the config module.
  `env_switched = "report" | "allow"` (default report; `init` writes allow): with "allow" a
  value switched on the environment is configuration in place, not reported by `url` and
  `host`: a branch of a ternary switched on the environment (`env.ENVIRONMENT === "staging" ? "https://staging.acme.io" : …`, a
  condition naming env, environment, NODE_ENV, production, staging, dev, or comparing the host
  the code runs at with a hostname: `host === "preview.acme.io" ? …`), the value of an
  environment's key (`{ production: "https://…", staging: "https://…" }`); and not by
  `env-name`: such a branch, a value of a table keyed by host names (`{ "acme.com":
  "production", "staging.acme.com": "staging" }`) or the fallback of an environment read
  (`process.env.ENVIRONMENT || "development"`). Never reported:
  an OpenAPI document's `servers: [{ url }]` (API documentation), and a placeholder base of `new URL(path, base)` (an origin
  under `.local`, `.internal`, `.invalid`, `.test`, or named dummy/placeholder), and a host for the
  user to fill in (`https://your-redis-url`, `yourdomain.com`: a first label starting with `your`),
  and a URL template whose port is a word (`postgresql://user:pw@host:port/db`).
  Link switches (both default false; each covers only its own kind of link):
    report_links      navigation links for people: URLs in `href`, `to` and `xlinkHref`
                      attributes or keys and any name ending in `Href` (`connectHref`),
                      invitations to a chat community (`discord.gg/…`,
                      `discord.com/invite/…`, `t.me/…`, `matrix.to`, `join.slack.com`),
                      the first argument of `window.open(…)`, campaign links
                      (`?utm_source=…`), share links of social sites (a path
                      `/intent/…`, `/share…`, `/sharer…`, `/submit` that passes the page
                      in `url=`, `u=`, `text=` or `title=`), and every URL of an e-mail template (a file
                      importing React Email, jsx-email or mjml-react: a mail's links and
                      images must be absolute), and its hostnames (`domain: "acme.sh"` in a preview)
    report_doc_links  documentation links: hosts starting with `docs.`, `doc.`, `developer.`,
                      `developers.`, `help.` or `support.`, github.com, gist.github.com,
                      developer.mozilla.org, stackoverflow.com, en.wikipedia.org, the
                      specification sites whatwg.org, ietf.org and rfc-editor.org (and their
                      subdomains), and any URL whose path starts with `/docs` or holds `/docs/`,
                      or is `/documentation` or below it
  Clusters: the same value in `cluster_min_files` files (default 3) is a cluster. Every place
  is still reported on its own line: the first place says how often the value appears and
  lists the others in `related`; each other place names the first ("the same value as
  a.ts:4 (5 places in 3 files)") and points back to it in `related`. Only the first place's
  fingerprint is the cluster's, so a baseline keeps each place apart.
  Lists: the values reported inside one array literal of 8 or more strings (a table of bot IP
  addresses, of partner hosts) are one finding at the first of them, counting them, with the
  others in `related`: the list is one piece of configuration, moved as a whole.
  Example data: the values inside an object, array or struct literal that a declaration
  names as example data are the example's, not configuration (not reported except a secret
  in a known key format): the declared name (variable, field, assignment target such as
  `Email.PreviewProps`, or an enclosing object key) or its declared type (`: SampleRecord[]`,
  `satisfies MockUser`) has the word sample(s), mock(s), mocked, fake(s), faked, example(s),
  demo(s), fixture(s) or dummy, or is a preview's props, defaults or data (`PreviewProps`,
  `previewDefaults`), and none of rate, ratio, size, interval, count, percent(age), period,
  mode, enabled, url, uri, host, endpoint, port (`sampleRate`, `demoUrl` are settings). A
  literal bound directly to such a name (`const demoUrl = "https://demo.acme.io"`) is still
  reported; so is example data built inside a function body.
  A setup script that writes the environment file (it names a `.env` file and calls a
  file-writing function: `writeFile…`, `fs.write…`, `Bun.write`, `appendFile`, Rust's
  `fs::write`/`File::create`) generates the configuration: its values are not reported,
  except a secret in a known key format.
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

  [[rule]]
  id = "config/env-read"
  kind = "hardcoded-config"
  message = "{what}"
  adr = { id = "ADR-0007", title = "Configuration lives in src/config", path = "docs/adr/0007-config.md" }
  detectors = ["env-read"]
  allow_in = ["src/config/**", "**/*.config.*"]
  tests = "exclude"
"#;

pub(crate) const KIND: KindInfo = KindInfo {
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
        "report_doc_links",
        "vendor_clients",
        "allow_env",
        "own_domains",
        "env_switched",
        "own_urls",
    ],
    compile,
};

const DETECTORS: &[&str] = &[
    "url",
    "host",
    "port",
    "secret",
    "env-name",
    "timeout",
    "env-read",
    "vendor-url",
];
/// Detectors on when a rule names none: `env-read` is a decision of its own, asked for by name.
const DEFAULT_DETECTORS: &[&str] = &["url", "host", "port", "secret", "env-name", "timeout"];

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
/// With `env-read`: the reads of `process.env.X` / `process.env["X"]` too.
const TS_KINDS_ENV: &[&str] = &[
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
    "member_expression",
    "subscript_expression",
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
/// With `env-read`: `env!("X")` and `option_env!("X")` too.
const RUST_KINDS_ENV: &[&str] = &[
    "string_literal",
    "raw_string_literal",
    "let_declaration",
    "const_item",
    "static_item",
    "field_initializer",
    "assignment_expression",
    "call_expression",
    "macro_invocation",
];

const ENV_NAMES: &[&str] = &["production", "staging", "prod", "development"];

/// Whether a string is a Content-Security-Policy (`default-src 'self'; font-src https://…`): the
/// origins it lists are the policy's allowed sources (a font host, a CDN), not addresses the
/// code is configured with.
fn csp_policy(text: &str) -> bool {
    const DIRECTIVES: &[&str] = &[
        "default-src",
        "script-src",
        "style-src",
        "font-src",
        "img-src",
        "connect-src",
        "frame-src",
        "media-src",
        "object-src",
        "worker-src",
        "child-src",
        "manifest-src",
        "frame-ancestors",
    ];
    DIRECTIVES.iter().any(|d| {
        text.match_indices(d).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + d.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                && after.is_some_and(|c| c == ' ')
        })
    })
}

struct Detectors {
    url: bool,
    host: bool,
    port: bool,
    secret: bool,
    env_name: bool,
    timeout: bool,
    env_read: bool,
    /// With `own_domains`: URLs and hostnames of other parties' services too.
    vendor_url: bool,
}

/// Keys of an object that holds one value per environment (`{ production: "https://…" }`).
const ENV_KEYS: &[&str] = &[
    "production",
    "prod",
    "staging",
    "stage",
    "development",
    "dev",
    "preview",
    "test",
    "local",
];

struct HardcodedConfig {
    on: Detectors,
    allow_in: Option<Globs>,
    allow_in_text: Vec<String>,
    allow_hosts: Vec<String>,
    /// The addresses among `allow_hosts`: an address is allowed however it is spelled
    /// (`::`, `::0` and `0:0:0:0:0:0:0:0` are one).
    allow_ips: Vec<std::net::IpAddr>,
    allow_urls: Vec<super::literal::Wildcard>,
    /// Normalised value → the config key that holds it.
    known: BTreeMap<String, String>,
    /// Normalised value → every config key that holds it, with its config file (in the order
    /// of `config_files`): the cross-file stage names one the finding's file can import.
    known_in: BTreeMap<String, Vec<(String, String)>>,
    timeout_min_ms: f64,
    cluster_min_files: usize,
    report_links: bool,
    report_doc_links: bool,
    /// `vendor_clients = "allow"`: a vendor's URL inside the module named after that vendor.
    allow_vendor_clients: bool,
    /// Environment variables `env-read` never reports (wildcards).
    allow_env: Vec<super::literal::Wildcard>,
    /// `own_domains`: the team's domains (lowercase, no `*.`). When set, `url` and `host`
    /// report the team's own hosts and private ones (IPs, `localhost`, `*.internal`); other
    /// parties' endpoints only with the `vendor-url` detector.
    own_domains: Option<Vec<String>>,
    /// `env_switched = "allow"`: a value switched on the environment is configuration in place.
    allow_env_switched: bool,
    /// `own_urls = "configured"` (with `own_domains`): the team's own URLs and hostnames are
    /// reported only where the code or its config modules treat that host as configuration
    /// (`own.rs`); `allow_in` files are then read for those places, never reported in.
    own_configured: bool,
    /// The checked root: where the workspace manifests are read (`packages.rs`).
    root: std::path::PathBuf,
    /// This compiled rule's number, unique in the process: the key of [`ALLOWED`]'s answer.
    serial: usize,
    /// Field ids per language (by [`Lang::index`]): looking a field up by name scans the
    /// grammar's field names, too slow for every node of the pass.
    fields: [FieldIds; 4],
    /// Word stems a name must contain to matter to any detector (ASCII case-insensitive).
    stems: aho_corasick::AhoCorasick,
    /// The anchor candidates of the detectors on (`prefilter.rs`).
    candidates: prefilter::Candidates,
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
        None => DEFAULT_DETECTORS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
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
    if has("vendor-url") && !has("url") {
        let list = f.str_list("detectors")?.unwrap_or_default();
        let at = list.iter().find(|d| d.get_ref() == "vendor-url");
        let msg = "detector `vendor-url` needs `url`";
        let e = match at {
            Some(d) => ConfigError::at(ctx.src, d.span(), msg).label("without `url`"),
            None => ConfigError::plain(msg),
        };
        return Err(e.help(
            "`vendor-url` widens `url` to other parties' endpoints: name both, e.g. detectors = [\"url\", \"vendor-url\"]",
        ));
    }
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
    let allow_hosts: Vec<String> = f
        .str_list("allow_hosts")?
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.into_inner().to_ascii_lowercase())
        .collect();
    let allow_ips = allow_hosts.iter().filter_map(|h| parse_ip(h)).collect();
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
    let mut known_in: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for file in f.str_list("config_files")?.unwrap_or_default() {
        // this file's values, then merged: the first file to hold a value names it (`known`),
        // and every holder is kept with its file for the cross-file stage
        let mut here = BTreeMap::new();
        let path = crate::core::confine::inside(ctx.root, file.get_ref())
            .map_err(|e| ConfigError::at(ctx.src, file.span(), e).label("this file"))?;
        let text = crate::core::safe_read::read_config_string(&path).map_err(|e| {
            ConfigError::at(
                ctx.src,
                file.span(),
                format!("cannot read config file: {e}"),
            )
            .label("this file")
            .help(format!(
                "paths are relative to the checked root, {}",
                ctx.root.display()
            ))
        })?;
        let name = file.get_ref();
        if name.ends_with(".ts")
            || name.ends_with(".js")
            || name.ends_with(".tsx")
            || name.ends_with(".mjs")
        {
            config_module_values(&text, &config_name, &mut here);
        } else if name.ends_with(".rs") {
            rust_const_values(&text, &mut here);
        } else {
            for line in text.lines() {
                let line = line.trim();
                if line.starts_with('#') {
                    continue;
                }
                if let Some((k, v)) = line.split_once('=') {
                    let v = v.trim().trim_matches(['"', '\'']);
                    if !v.is_empty() {
                        here.entry(normalize_value(v))
                            .or_insert_with(|| format!("`{}` from `{name}`", k.trim()));
                    }
                }
            }
        }
        for (v, desc) in here {
            known_in
                .entry(v.clone())
                .or_default()
                .push((desc.clone(), name.clone()));
            known.entry(v).or_insert(desc);
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
    // `"report" | "allow"` (default report): whether the switch allows
    let allow_or_report = |key: &str| -> Result<bool, ConfigError> {
        match f.str(key)? {
            None => Ok(false),
            Some(v) if v.get_ref() == "report" => Ok(false),
            Some(v) if v.get_ref() == "allow" => Ok(true),
            Some(v) => Err(ConfigError::at(
                ctx.src,
                v.span(),
                format!("unknown value `{}` for `{key}`", v.get_ref()),
            )
            .label("not an option")
            .help("one of: report, allow")),
        }
    };
    let on = Detectors {
        url: has("url"),
        host: has("host"),
        port: has("port"),
        secret: has("secret"),
        env_name: has("env-name"),
        timeout: has("timeout"),
        env_read: has("env-read"),
        vendor_url: has("vendor-url"),
    };
    let candidates = prefilter::Candidates::new(&on)
        .map_err(|e| ConfigError::plain(format!("internal: anchor candidates: {e}")))?;
    let rule = HardcodedConfig {
        on,
        allow_in,
        allow_in_text,
        allow_hosts,
        allow_ips,
        allow_urls,
        known,
        known_in,
        timeout_min_ms: int("timeout_min_ms", 1000)? as f64,
        cluster_min_files: int("cluster_min_files", 3)?.max(2) as usize,
        report_links: f.bool("report_links")?.is_some_and(|b| *b.get_ref()),
        report_doc_links: f.bool("report_doc_links")?.is_some_and(|b| *b.get_ref()),
        allow_vendor_clients: allow_or_report("vendor_clients")?,
        allow_env_switched: allow_or_report("env_switched")?,
        own_configured: match f.str("own_urls")? {
            None => false,
            Some(v) if v.get_ref() == "all" => false,
            Some(v) if v.get_ref() == "configured" => true,
            Some(v) => {
                return Err(ConfigError::at(
                    ctx.src,
                    v.span(),
                    format!("unknown value `{}` for `own_urls`", v.get_ref()),
                )
                .label("not an option")
                .help("one of: all, configured"))
            }
        },
        allow_env: f
            .str_list("allow_env")?
            .unwrap_or_default()
            .iter()
            .map(|s| super::literal::Wildcard::new(s.get_ref()))
            .collect(),
        serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        root: ctx.root.to_path_buf(),
        own_domains: f.str_list("own_domains")?.map(|l| {
            l.into_iter()
                .map(|d| {
                    let d = d.into_inner().to_ascii_lowercase();
                    d.trim_start_matches("*.")
                        .trim_start_matches('.')
                        .to_string()
                })
                .filter(|d| !d.is_empty())
                .collect()
        }),
        fields: Lang::ALL.map(FieldIds::of),
        stems: aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(NAME_STEMS)
            .map_err(|e| ConfigError::plain(format!("internal: name stems: {e}")))?,
        candidates,
    };
    if rule.own_configured && rule.own_domains.is_none() {
        let at = f.str("own_urls")?.expect("own_urls is set");
        return Err(ConfigError::at(
            ctx.src,
            at.span(),
            "`own_urls = \"configured\"` needs `own_domains`",
        )
        .label("without `own_domains`")
        .help("list the team's domains in `own_domains` (e.g. [\"acme.io\"]): only their URLs are sorted into configured and fixed ones"));
    }
    Ok(Box::new(rule))
}

/// `servers: [{ url: "…" }]`: the literal is the `url` of an object in the array of a
/// `servers` key.
fn in_servers_list(node: Node<'_>, src: &str) -> bool {
    let mut cur = node;
    for want in ["pair", "object", "array", "pair"] {
        match cur.parent() {
            Some(p) if p.kind_name() == want => cur = p,
            _ => return false,
        }
    }
    cur.child_by_field_name("key")
        .is_some_and(|k| node_text(k, src).trim_matches(['"', '\'']) == "servers")
}

/// The key prefix of the values of one list ([`value_list`]): they cluster within the list.
pub(crate) const LIST_KEY: &str = "list:";

/// Fewest string elements of an array that make it a list of values (a table of bot IP
/// addresses, of allowed hosts) rather than a few settings side by side.
const LIST_MIN: usize = 8;

/// The array literal a string is a direct element of, when that array holds [`LIST_MIN`] or
/// more strings.
fn value_list(node: Node<'_>) -> Option<Node<'_>> {
    let parent = node.parent()?;
    if !matches!(parent.kind_name(), "array" | "array_expression") {
        return None;
    }
    let mut c = parent.walk();
    let strings = parent
        .named_children(&mut c)
        .filter(|ch| {
            matches!(
                ch.kind_name(),
                "string" | "template_string" | "string_literal" | "raw_string_literal"
            )
        })
        .count();
    (strings >= LIST_MIN).then_some(parent)
}

impl RuleKind for HardcodedConfig {
    fn languages(&self) -> LangSet {
        LangSet::ALL
    }

    fn prefilter(&self) -> Option<&[Literal]> {
        None
    }

    fn text_prefilter(&self, text: &str, lang: Lang) -> bool {
        let mut first = Vec::new();
        self.anchor_offsets(text, lang, None, &mut first, true);
        !first.is_empty()
    }

    fn anchors(
        &self,
        text: &str,
        lang: Lang,
        found: Option<&[Occurrence]>,
        out: &mut Vec<usize>,
    ) -> bool {
        self.anchor_offsets(text, lang, found, out, false);
        true
    }

    fn anchor_candidates(&self, _lang: Lang) -> Option<&[Literal]> {
        Some(self.candidates.literals())
    }

    fn has_anchors(&self) -> bool {
        true
    }

    fn node_kinds(&self, lang: Lang) -> &[&'static str] {
        match (lang, self.on.env_read) {
            (Lang::Rust, false) => RUST_KINDS,
            (Lang::Rust, true) => RUST_KINDS_ENV,
            (_, false) => TS_KINDS,
            (_, true) => TS_KINDS_ENV,
        }
    }

    fn needs_all_files(&self) -> bool {
        true
    }

    /// Values repeated across files become one cluster finding.
    fn cross_file(&self, facts: Vec<FileFact>, _template: &Finding) -> Vec<Finding> {
        let mut packages = packages::Packages::new(&self.root);
        let mut facts = facts;
        self.known_where_importable(&mut facts, &mut packages);
        let facts = if self.own_configured {
            own::resolve(
                facts,
                self.allow_in.as_ref(),
                &self.known,
                &self.move_sentence(),
                |file, place| packages.reachable(file, place),
            )
        } else {
            facts
        };
        clusters::resolve(facts, self.cluster_min_files)
    }

    /// Not in `allow_in` files, except to read their places of configuration
    /// (`own_urls = "configured"`): those are never reported.
    fn applies_to(&self, rel: &str) -> bool {
        self.own_configured || !self.is_allowed(rel)
    }

    fn check_node(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        if self.own_configured && self.is_allowed_cached(cx.file) {
            self.config_places(node, src, lang, out);
            return;
        }
        if self.on.env_read {
            self.env_reads(node, src, lang, out);
        }
        let before = out.len();
        self.check_value(node, cx, out);
        // example data (`samples: SampleRecord[]`, `X.PreviewProps = { … }`): its values are
        // the example's; a key in a known format is still a key, wherever it is written
        // a documented named constant (`/// The first port tried.` over `const BASE_PORT: u16
        // = 3000;`) is the one place of its port already
        if out.len() > before
            && matches!(
                node.kind_name(),
                "const_item" | "static_item" | "variable_declarator"
            )
        {
            let f = &self.fields[lang.index()];
            let value = child(node, f.value).map_or("", |v| node_text(v, src));
            if sample::documented_constant(node, src, value) {
                out.truncate_where(before, |h| hit_what(h).starts_with("hardcoded port "));
            }
        }
        // help on Rust code names a place that fits a crate
        if lang == Lang::Rust && out.len() > before {
            let (ts, rs) = (self.move_sentence(), self.move_sentence_rust());
            for h in &mut out[before..] {
                if let Some(e) = h.extras.as_mut().filter(|e| e.help.as_deref() == Some(&ts)) {
                    e.help = Some(rs.clone());
                }
            }
        }
        if out.len() > before && sample::in_sample_data(node, src) {
            out.truncate_where(before, |h| !is_known_secret_hit(h));
        }
        // a setup script that writes the `.env` (a CLI's `init`, a self-hosting quiz): its
        // values are the configuration it generates (asked only of a file with a hit)
        if out.len() > before && writes_env_file(src) {
            out.truncate_where(before, |h| !is_known_secret_hit(h));
        }
    }
}

/// Whether `src` writes an environment file: it names one (`".env"`, `'.env.local'`,
/// `` `.env` ``) and calls a file-writing function (`writeFile`, `writeFileSync`,
/// `fs.write…`, `Bun.write`, Rust's `fs::write`/`File::create`).
fn writes_env_file(src: &str) -> bool {
    let names_env = ["\".env", "'.env", "`.env", "/.env"]
        .iter()
        .any(|q| src.contains(q));
    names_env
        && [
            "writeFile",
            "fs.write",
            "Bun.write",
            "fs::write",
            "File::create",
            "appendFile",
        ]
        .iter()
        .any(|w| src.contains(w))
}

/// The `what` of a finding ("" for a silent fact).
fn hit_what(h: &Hit) -> &str {
    h.extras
        .as_ref()
        .and_then(|e| e.vars.iter().find(|(k, _)| *k == "what"))
        .map_or("", |(_, v)| v.as_str())
}

/// Removing the hits after `from` that a test picks.
trait TruncateWhere {
    fn truncate_where(&mut self, from: usize, drop: impl Fn(&Hit) -> bool);
}

impl TruncateWhere for Vec<Hit> {
    fn truncate_where(&mut self, from: usize, drop: impl Fn(&Hit) -> bool) {
        let mut i = from;
        while i < self.len() {
            if drop(&self[i]) {
                self.remove(i);
            } else {
                i += 1;
            }
        }
    }
}

/// Whether two environment names name the same environment (`prod` and `production`, `stg`
/// and `staging`, `dev` and `development`).
fn same_environment(a: &str, b: &str) -> bool {
    fn canon(s: &str) -> &str {
        match s {
            "prod" | "production" => "production",
            "stg" | "stage" | "staging" => "staging",
            "dev" | "development" => "development",
            _ => s,
        }
    }
    canon(a) == canon(b)
}

/// A finding of a secret in a known key format (not one found by its name and entropy).
fn is_known_secret_hit(h: &Hit) -> bool {
    h.extras.as_ref().is_some_and(|e| {
        e.vars.iter().any(|(k, v)| {
            *k == "what" && v.starts_with("hardcoded secret (") && !v.contains(HIGH_ENTROPY)
        })
    })
}

/// The kind of a secret found by its name and its entropy.
const HIGH_ENTROPY: &str = "high-entropy string assigned to a secret-like name";

/// An IPv4 or IPv6 address, brackets (`[::1]`) aside.
fn parse_ip(s: &str) -> Option<std::net::IpAddr> {
    let s = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    s.parse().ok()
}

impl HardcodedConfig {
    /// Whether `host` is an address `allow_hosts` lists, in any spelling.
    fn allowed_ip(&self, host: &str) -> bool {
        !self.allow_ips.is_empty() && parse_ip(host).is_some_and(|a| self.allow_ips.contains(&a))
    }

    /// A finding's "the config already holds this value" names a key of a config file the
    /// finding's file can import (its own package, the root, or a package it depends on,
    /// [`packages`]): another app's constant is not one (karakeep's mobile app was told the CLI's
    /// `DEFAULT_SERVER_ADDR`). With none, the help says where to move the value instead.
    fn known_where_importable(&self, facts: &mut [FileFact], packages: &mut packages::Packages) {
        if self.known_in.is_empty() {
            return;
        }
        for f in facts.iter_mut() {
            let (Fact::Repeat { key }, Some(finding)) = (&f.fact, f.finding.as_mut()) else {
                continue;
            };
            // `detector:value`, last in an own-host key (`own:\x01host\x01value\x01flags\x01…`)
            let cluster = key.rsplit('\u{1}').next().unwrap_or(key);
            let Some(holders) = cluster
                .split_once(':')
                .and_then(|(_, v)| self.known_in.get(v))
            else {
                continue;
            };
            let first = &holders[0].0;
            let old = format!("The config already holds this value: use {first}.");
            if finding.help.as_deref() != Some(old.as_str()) {
                continue;
            }
            let usable = holders
                .iter()
                .find(|(_, file)| packages.reachable(&f.file, file));
            if usable.is_some_and(|(d, _)| d == first) {
                continue;
            }
            finding.help = Some(match usable {
                Some((d, _)) => format!("The config already holds this value: use {d}."),
                None => self.move_sentence(),
            });
        }
    }

    /// The value findings of one node: a literal, a timer call or a binding.
    fn check_value(&self, node: Node<'_>, cx: &FileCtx<'_>, out: &mut Vec<Hit>) {
        let (src, lang) = (cx.src, cx.lang);
        match node.kind_name() {
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
                    let before = out.len();
                    self.string(node, src, text, &ctx, cx.file, out);
                    if out.len() > before {
                        if let Some(list) = value_list(node) {
                            // one list of values is one decision: its places are one finding
                            let key = format!("{LIST_KEY}{}:{}", cx.file, list.start_byte());
                            let new: Vec<Hit> = out.drain(before..).collect();
                            out.extend(new.into_iter().map(|h| match h.fact_ref() {
                                // an own host keeps its gate in front of the list's key
                                Some(Fact::Repeat { key: k }) if k.starts_with(own::OWN_KEY) => {
                                    let gate: Vec<&str> = k.splitn(5, '\u{1}').take(4).collect();
                                    let k = format!("{}\u{1}{key}", gate.join("\u{1}"));
                                    h.fact(Fact::Repeat { key: k })
                                }
                                Some(_) => h.fact(Fact::Repeat { key: key.clone() }),
                                None => h,
                            }));
                        }
                    }
                }
            }
            "call_expression" => self.call(node, src, lang, out),
            _ => self.binding(node, src, lang, cx.file, out),
        }
    }
}

/// `src[start..end]`, or "" when that is not a char range.
fn node_text_at(src: &str, start: usize, end: usize) -> &str {
    src.get(start..end).unwrap_or("")
}

/// The text inside a string literal's quotes.
fn literal_text<'s>(node: Node<'_>, src: &'s str) -> &'s str {
    let t = node_text(node, src);
    let t = if node.kind_name() == "raw_string_literal" {
        t.trim_start_matches('r').trim_matches('#')
    } else {
        t
    };
    t.get(1..t.len().saturating_sub(1)).unwrap_or("")
}

/// `"x".to_string()`, `String::from("x")`, `("x")`, `x as T`: the literal inside.
fn unwrap_value<'t>(mut v: Node<'t>, src: &str) -> Node<'t> {
    for _ in 0..4 {
        let next = match v.kind_name() {
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

/// Numbers compiled rules of this kind (a rule compiled again, by the editor's server, is
/// another: never answered from an old rule's [`ALLOWED`]).
static SERIAL: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);

thread_local! {
    /// The last file asked about by [`HardcodedConfig::is_allowed_cached`] and its answer (the
    /// pass asks for every node of a file, one file after the other per thread).
    static ALLOWED: std::cell::RefCell<(usize, String, bool)> = const { std::cell::RefCell::new((0, String::new(), false)) };
}

impl HardcodedConfig {
    /// Where `help` says config belongs: the `allow_in` globs, or "the config module".
    fn move_place(&self) -> String {
        if self.allow_in_text.is_empty() {
            "the config module".to_string()
        } else {
            format!("`{}`", self.allow_in_text.join("`, `"))
        }
    }

    /// The help of a finding no config value answers.
    fn move_sentence(&self) -> String {
        format!("Move it to {} and read it from there.", self.move_place())
    }

    /// [`Self::move_sentence`] for Rust code: only the `allow_in` globs that can hold a Rust
    /// module (not a TS convention such as `**/*.config.*` or a `.ts` file), else a place
    /// that fits a crate.
    fn move_sentence_rust(&self) -> String {
        let fits: Vec<&str> = self
            .allow_in_text
            .iter()
            .map(String::as_str)
            .filter(|g| {
                let last = g.rsplit('/').next().unwrap_or(g);
                let ext = last.rsplit_once('.').map(|(_, e)| e);
                !last.contains(".config") && ext.is_none_or(|e| e == "rs" || e == "*")
            })
            .collect();
        if fits.is_empty() {
            "Move it to the crate's configuration (a config module or settings struct, or an environment variable read there), or name it once as a documented `const`, and use it from there.".to_string()
        } else {
            format!("Move it to `{}` and read it from there.", fits.join("`, `"))
        }
    }

    fn is_allowed(&self, rel: &str) -> bool {
        self.allow_in.as_ref().is_some_and(|g| g.is_match(rel))
    }

    /// [`Self::is_allowed`], remembered for the last file of this thread (keyed by this rule
    /// too: several rules of the kind share the thread).
    fn is_allowed_cached(&self, rel: &str) -> bool {
        let me = self.serial;
        ALLOWED.with(|c| {
            let mut c = c.borrow_mut();
            if c.0 != me || c.1 != rel {
                *c = (me, rel.to_string(), self.is_allowed(rel));
            }
            c.2
        })
    }

    /// With `own_configured`: whether `host` (lowercase, no port) is the team's own and public.
    fn is_own_public(&self, host: &str) -> bool {
        self.own_domains
            .as_ref()
            .is_some_and(|own| !is_private_host(host) && is_own_host(host, own))
    }

    /// A place of configuration for an own host (`own.rs`): a silent fact at the literal.
    #[allow(clippy::too_many_arguments)]
    fn place(
        &self,
        start: usize,
        end: usize,
        host: &str,
        value: &str,
        ctx: &Context<'_>,
        named: bool,
        map: bool,
        out: &mut Vec<Hit>,
    ) {
        let last = ctx.name.map(last_segment).unwrap_or("");
        // a quoted host key (`'openpanel.dev': …`, a domain → icon table) is one name, not a
        // path ending in the environment `dev`
        let env_key = !ctx.host_keyed && ENV_KEYS.contains(&last.to_ascii_lowercase().as_str());
        // an entry of a map named for addresses is silent itself (`gate_own`), but names no
        // other value: such a map is as often an allowlist (`HOSTNAME_TO_ORIGIN`) as settings
        let kinds = own::place_kinds(ctx, env_key, named && !map);
        if kinds.is_empty() {
            return;
        }
        let name = ctx.name.map_or("a value", last_segment);
        out.push(Hit::new(start, end, name).silent().fact(Fact::Repeat {
            key: format!("{}{kinds}\u{1}{host}\u{1}{value}", own::PLACE_KEY),
        }));
    }

    /// The own-host finding just pushed: its key carries the host and value in front, for
    /// [`own::resolve`] to keep or drop.
    /// `map`: the value is an entry of a module-level map named for addresses (flag `M`).
    fn gate_own(
        &self,
        out: &mut [Hit],
        host: &str,
        value: &str,
        ctx: &Context<'_>,
        api: bool,
        map: bool,
    ) {
        let mut flags = String::new();
        if api || own::is_endpoint(ctx) {
            flags.push('C');
        }
        if map {
            flags.push('M');
        }
        if let Some(Fact::Repeat { key }) = out
            .last_mut()
            .and_then(|h| h.extras.as_mut())
            .and_then(|e| e.fact.as_mut())
        {
            *key = format!("{}{host}\u{1}{value}\u{1}{flags}\u{1}{key}", own::OWN_KEY);
        }
    }

    /// In an `allow_in` module (with `own_configured`): the places of configuration of the
    /// team's hosts, nothing reported.
    fn config_places(&self, node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Hit>) {
        let f = &self.fields[lang.index()];
        // a binding's value: the pass may visit the binding and not its literal
        let node = match node.kind_name() {
            "string" | "string_literal" | "raw_string_literal" | "template_string" => node,
            "pair" | "field_initializer" => match child(node, f.value) {
                Some(v) => unwrap_value(v, src),
                None => return,
            },
            "variable_declarator" | "const_item" | "static_item" | "public_field_definition" => {
                match child(node, f.value) {
                    Some(v) => unwrap_value(v, src),
                    None => return,
                }
            }
            _ => return,
        };
        if !matches!(
            node.kind_name(),
            "string" | "string_literal" | "raw_string_literal" | "template_string"
        ) {
            return;
        }
        let text = literal_text(node, src);
        if text.is_empty() || text.len() > 4096 {
            return;
        }
        let ctx = if lang == Lang::Rust {
            rust_context(node, src)
        } else {
            ts_context(node, src)
        };
        if ctx.ignore {
            return;
        }
        let base = text.as_ptr() as usize - src.as_ptr() as usize;
        if text.contains("://") {
            let subs = substitutions(node, text, base);
            for u in find_urls(text, &subs) {
                if u.host_substituted {
                    continue;
                }
                let host = text[u.host.0..u.host.1].to_ascii_lowercase();
                let host = host.rsplit_once(':').map_or(host.as_str(), |(h, _)| h);
                let host = own::fixed_host(host);
                if self.is_own_public(host) {
                    let url = &text[u.start..u.end];
                    self.place(
                        base + u.start,
                        base + u.end,
                        host,
                        url,
                        &ctx,
                        true,
                        false,
                        out,
                    );
                }
            }
            return;
        }
        let t = text.trim();
        let host = t.to_ascii_lowercase();
        if looks_hostname(&host) && self.is_own_public(&host) {
            self.place(
                node.start_byte(),
                node.end_byte(),
                &host,
                &host,
                &ctx,
                true,
                false,
                out,
            );
        }
    }
    /// With `own_domains`: a host that is neither the team's nor private (an IP, `localhost`,
    /// `*.internal`): another party's service.
    fn is_vendor_host(&self, host: &str) -> bool {
        // `https://acme.io${path}`: the host ends where a substitution starts
        let host = host.split("${").next().unwrap_or(host);
        self.own_domains.as_ref().is_some_and(|own| {
            is_public_ip(host) || (!is_private_host(host) && !is_own_host(host, own))
        })
    }

    /// A value already placed as configuration: a branch of a ternary switched on the
    /// environment, the value of an environment's key (`{ staging: "https://…" }`), or an
    /// OpenAPI document's `servers` entry (`servers: [{ url: "https://…" }]`: API
    /// documentation).
    fn config_in_place(&self, node: Node<'_>, src: &str, ctx: &Context<'_>) -> bool {
        let last = ctx.name.map(last_segment).unwrap_or("");
        (self.allow_env_switched
            && (ctx.env_switched || ENV_KEYS.contains(&last.to_ascii_lowercase().as_str())))
            || (last == "url" && in_servers_list(node, src))
    }

    /// `env-read`: fixed-name reads of the environment.
    fn env_reads(&self, node: Node<'_>, src: &str, lang: Lang, out: &mut Vec<Hit>) {
        let mut reads = Vec::new();
        if lang == Lang::Rust {
            env::rust_reads(node, src, &mut reads);
        } else {
            env::ts_reads(node, src, &mut reads);
        }
        for r in reads {
            if self.allow_env.iter().any(|w| w.matches(r.name)) {
                continue;
            }
            let shown = node_text_at(src, r.start, r.end);
            self.push_span(
                r.start,
                r.end,
                "env-read",
                shown.to_string(),
                format!(
                    "environment variable `{}` read outside the config module",
                    r.name
                ),
                Some(r.name),
                &Context::default(),
                out,
            );
        }
    }

    /// Whether a literal's text alone could be a finding (URL, IP, known key format, environment
    /// name); name-dependent findings are found where the name is bound ([`Self::binding`]).
    fn literal_gate(&self, text: &str) -> bool {
        literal_gate(&self.on, text)
    }

    /// A value bound to a name (`key: v`, `const NAME = v`, `x.timeout = v`, `port = v` as a
    /// default): numbers and the literals whose meaning depends on the name.
    fn binding(&self, node: Node<'_>, src: &str, lang: Lang, file: &str, out: &mut Vec<Hit>) {
        let f = &self.fields[lang.index()];
        let (name, value) = match node.kind_name() {
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
                    if v.kind_name() == "jsx_expression" {
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
        if lang != Lang::Rust && value.kind_name() == "binary_expression" {
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
        match value.kind_name() {
            "number" | "integer_literal" | "float_literal" | "binary_expression" => {
                if let Some(v) = eval_product(value, src) {
                    self.number(value, v, &ctx, src, out);
                }
            }
            "string" | "string_literal" | "raw_string_literal" | "template_string" => {
                let text = literal_text(value, src);
                // literals that pass the gate are checked where they are
                if !text.is_empty() && text.len() <= 4096 && !self.literal_gate(text) {
                    self.string(value, src, text, &ctx, file, out);
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
                a.kind_name(),
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
        let place = self.move_place();
        let secret = detector == "secret";
        let known = key.filter(|_| detector != "env-read");
        let help = match known.and_then(|k| self.known.get(k)) {
            Some(existing) => format!("The config already holds this value: use {existing}."),
            None if detector == "env-read" => {
                format!("Read the variable once in {place} and import the value from there.")
            }
            None if secret => "Load the credential at runtime (environment or secret store) through the config module; never commit it.".to_string(),
            None => self.move_sentence(),
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

    fn string(
        &self,
        node: Node<'_>,
        src: &str,
        text: &str,
        ctx: &Context<'_>,
        file: &str,
        out: &mut Vec<Hit>,
    ) {
        // a name reached through a ternary only says "link" or "UI text" (below)
        let bound = if ctx.through_ternary { None } else { ctx.name };
        let name_words = bound.map(|n| words(last_segment(n))).unwrap_or_default();
        let any_name_words = ctx.name.map(|n| words(last_segment(n))).unwrap_or_default();
        // secrets first: a URL with credentials or a key is a secret before it is a URL
        if self.on.secret {
            if let Some(kind) = known_secret(text).or_else(|| {
                (is_secret_name(&name_words)
                    && looks_random(text)
                    && !detect::says_stand_in(text)
                    && !detect::names_a_key(text))
                .then_some(HIGH_ENTROPY)
            }) {
                // a secret scanner's own catalogue (`("GitHub PAT", "ghp_[a-zA-Z0-9]{36}",
                // Test("ghp_…"))`): the value is the test input of a pattern beside it
                if detect::tests_a_pattern_beside_it(node, src, text) {
                    return;
                }
                // a key typed as the alphabet (`sk_test_abcdefghijklmnopqrstuvwxyz123456`, keep's
                // preview of disabled API keys): a stand-in, not a credential
                if detect::typed_run(text) {
                    return;
                }
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
        // navigation links for people (`href`, `learnMore`, `helpUrl`, `window.open(…)`) and UI
        // text are content
        let is_link = !self.report_links
            && (matches!(last, "href" | "to" | "xlinkHref")
                // `connectHref`, `docsHref`: an href is always a link for people
                || any_name_words.last().is_some_and(|w| w == "href")
                || is_link_name(&any_name_words)
                || ctx
                    .call
                    .is_some_and(|(c, i)| i == 0 && last_segment(c) == "open"));
        // an example in prose ("a valid URL (e.g. https://acme.com/page)") is not an endpoint
        let example = text.contains("e.g.")
            || text.contains("for example")
            || text.contains("Example: ")
            || text.contains("Examples: ")
            || text.contains("example: ")
            || text.contains("examples: ");
        // the description of a schema (`z.string().describe("…")`): API documentation
        let described = ctx
            .call
            .is_some_and(|(c, i)| i == 0 && last_segment(c) == "describe");
        let ui_text = example
            || described
            || any_name_words.iter().any(|w| {
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
        // a regular expression (`Regex::new(r"https?://…")`, `new RegExp("…")`, a table of
        // patterns `r"(?:https?://|ftp://)\S+"`) is a pattern, not an address
        if text.contains("://") && detect::is_pattern(text, ctx.call) {
            return;
        }
        if self.on.url && text.contains("://") {
            // `text` is a slice of `src`: where it starts, and its substitutions relative to it
            let base = text.as_ptr() as usize - src.as_ptr() as usize;
            let subs = substitutions(node, text, base);
            let urls = find_urls(text, &subs);
            for u in &urls {
                let url = &text[u.start..u.end];
                if self.on.secret {
                    if let Some(kind) = known_secret(url) {
                        let red = redact(url);
                        self.push_span(
                            base + u.start,
                            base + u.end,
                            "secret",
                            red.clone(),
                            format!("hardcoded secret ({kind}) `{red}`"),
                            None,
                            ctx,
                            out,
                        );
                        continue;
                    }
                }
                let host = &text[u.host.0..u.host.1];
                let host_l = host.to_ascii_lowercase();
                let host_only = host_l
                    .rsplit_once(':')
                    .filter(|(_, p)| p.bytes().all(|b| b.is_ascii_digit()) || p.starts_with("${"))
                    .map_or(host_l.as_str(), |(h, _)| h);
                let path = &text[u.host.1..u.end];
                let doc_link = path.starts_with("/docs")
                    || path.contains("/docs/")
                    || path
                        .strip_prefix("/documentation")
                        .is_some_and(|r| r.is_empty() || r.starts_with(['/', '?', '#']))
                    || path.starts_with("/help/")
                    || is_doc_host(host_only);
                // with `own_domains`: another party's endpoint, reported only by `vendor-url`
                let vendor = self.is_vendor_host(host_only);
                // port 0 is never dialled: a placeholder a client library needs before a
                // custom connector takes over (tonic's `http://[::]:0`-style endpoints)
                let port_zero = host_l.rsplit_once(':').is_some_and(|(_, p)| p == "0");
                let allowed = is_link
                    || port_zero
                    || csp_policy(text)
                    || (vendor && !self.on.vendor_url)
                    || self.config_in_place(node, src, ctx)
                    || ctx
                        .call
                        .is_some_and(|(c, i)| i == 1 && last_segment(c) == "URL")
                        && is_placeholder_base(host_only, path)
                    || ui_text
                    || is_static_asset(path)
                    || detect::is_fill_in_host(host_only)
                    || detect::has_word_port(&host_l)
                    || is_embed_url(host_only, path)
                    || (doc_link && !self.report_doc_links)
                    || (self.allow_vendor_clients && in_vendor_client(host_only, file))
                    || (!self.report_links
                        && (is_tracked_link(path)
                            || is_community_link(host_only, path)
                            || is_share_link(path)
                            || file_is_email_template(src)))
                    || self.allow_hosts.iter().any(|h| h == host_only)
                    || self.allowed_ip(host_only)
                    || NAMESPACE_HOSTS.contains(&host_only)
                    || is_scope_url(url)
                    || self.allow_urls.iter().any(|w| w.matches(url))
                    || host.is_empty()
                    || u.host_substituted;
                let host_only = own::fixed_host(host_only);
                let own = self.own_configured && !vendor && self.is_own_public(host_only);
                let map = own && own::in_named_map(node, src);
                if own {
                    let named = own::is_module_constant(node) || map;
                    self.place(
                        base + u.start,
                        base + u.end,
                        host_only,
                        url,
                        ctx,
                        named,
                        map,
                        out,
                    );
                }
                // an own address read from the environment is configuration already
                if !(allowed || own && ctx.env_default) {
                    // a string that is the URL keeps the literal's span (quotes included)
                    let (start, end) = if url == trimmed {
                        (node.start_byte(), node.end_byte())
                    } else {
                        (base + u.start, base + u.end)
                    };
                    self.push_span(
                        start,
                        end,
                        if vendor { "vendor-url" } else { "url" },
                        url.to_string(),
                        if vendor {
                            format!("hardcoded third-party URL `{url}`")
                        } else {
                            format!("hardcoded URL `{url}`")
                        },
                        Some(url),
                        ctx,
                        out,
                    );
                    if own {
                        let api = own::is_api_url(url, host_only, path);
                        self.gate_own(out, host_only, url, ctx, api, map);
                    }
                }
            }
            if !urls.is_empty() {
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
            // an address reserved for documentation (RFC 5737, RFC 3849) is an example
            if ip && detect::is_documentation_ip(trimmed) {
                return;
            }
            // with `own_domains`: a public address is another party's (`is_public_ip`)
            let vendor_ip = ip && self.is_vendor_host(&host_part.to_ascii_lowercase())
                || ip && self.own_domains.is_some() && is_public_ip(trimmed);
            if vendor_ip && !self.on.vendor_url {
                return;
            }
            let named_host = !ip
                && is_host_name(&name_words)
                && looks_hostname(host_part)
                && (self.on.vendor_url || !self.is_vendor_host(&host_part.to_ascii_lowercase()))
                && !self.config_in_place(node, src, ctx)
                // the hosts of an e-mail template are its content, like its URLs
                && (self.report_links || !file_is_email_template(src));
            // `[::1]` and `[::1]:` (a prefix being matched) name the allowed `::1`
            let bracketed = trimmed
                .strip_prefix('[')
                .and_then(|r| r.split_once(']'))
                .map(|(h, _)| h.to_ascii_lowercase());
            if (ip || named_host)
                && !self.allow_hosts.iter().any(|h| {
                    h == &host_part.to_ascii_lowercase() || bracketed.as_deref() == Some(h)
                })
                && !(ip
                    && (self.allowed_ip(host_part)
                        || self.allowed_ip(trimmed)
                        || bracketed.as_deref().is_some_and(|b| self.allowed_ip(b))))
            {
                let host_l = host_part.to_ascii_lowercase();
                let own = self.own_configured && !ip && self.is_own_public(&host_l);
                let map = own && own::in_named_map(node, src);
                if own {
                    let named = own::is_module_constant(node) || map;
                    self.place(
                        node.start_byte(),
                        node.end_byte(),
                        &host_l,
                        &host_l,
                        ctx,
                        named,
                        map,
                        out,
                    );
                    if ctx.env_default {
                        return;
                    }
                }
                let what = match (ip, vendor_ip) {
                    (true, true) => "third-party IP address",
                    (true, false) => "IP address",
                    _ => "hostname",
                };
                self.push(
                    node,
                    if vendor_ip { "vendor-url" } else { "host" },
                    trimmed.to_string(),
                    format!("hardcoded {what} `{trimmed}`"),
                    Some(trimmed),
                    ctx,
                    out,
                );
                if own {
                    self.gate_own(out, &host_l, &host_l, ctx, false, map);
                }
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
            if (1..=65535).contains(&n) && !detect::is_scheme_default_port(node, src, trimmed) {
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
            // a record's type (`type: "production"`, `environmentType: "production"`,
            // `env.type !== "production"`): a value of the product's own model, not the
            // deployment's environment
            // … and an option's or a tag's own value (`{ value: "production", label:
            // "Production" }`, `tag: "production"`): a name the product shows, not the
            // environment the code runs in
            let typed = |t: &str| words(last_segment(t)).last().is_some_and(|w| w == "type");
            let shown = |t: &str| {
                words(last_segment(t)).last().is_some_and(|w| {
                    matches!(
                        w.as_str(),
                        "kind"
                            | "value"
                            | "label"
                            | "tag"
                            | "tags"
                            | "title"
                            | "slug"
                            | "name"
                            | "key"
                            | "placeholder"
                            | "example"
                            | "description"
                            | "hint"
                    )
                })
            };
            // … and a record's field compared with one (`environments.find((e) => e.kind ===
            // "production")`, `env.slug !== "preview"`): the product's environments as data;
            // a bare variable (`value === "staging"`) may be the environment itself
            let field = |t: &str| t.contains('.') && shown(t);
            // … and a member named after its own value (`EnvironmentKind = { Production:
            // "production" }`, an SDK's enum as an object): the names defined, not one used
            // … or named after an environment (`{ STAGING: "staging", PRODUCTION: "prod" }`):
            // a table between two namings of the environments, data
            // (the same environment in both namings: `PRODUCTION: "prod"`, not `Staging:
            // "production"`)
            let pair_key = node.parent().is_some_and(|p| p.kind_name() == "pair");
            let member = |n: &str| {
                let l = last_segment(n);
                l.eq_ignore_ascii_case(trimmed)
                    || pair_key && same_environment(&l.to_ascii_lowercase(), trimmed)
            };
            // … and a value compared with the code's input or assigned to it (`options.env
            // === "production"`, a parameter `dir === "staging"`, `const { env } =
            // parsed.data`, a prompt's answer), or passed in a request's argument object
            // (`presenter.call({ env: "development" })`): one of the product's environments
            // named as a value, not a switch on where the code runs
            let input = ctx.compared_with.is_some_and(|o| {
                let o = o
                    .trim()
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim();
                input::reads_input(o) || input::is_function_input(node, src, o)
            }) || ctx.compared_with.is_none()
                && (ctx.name.is_some_and(input::reads_input)
                    || input::in_call_argument_object(node, src)
                    || input::is_component_prop(node, src));
            let model_value = ctx.name.is_some_and(|n| typed(n) || shown(n) || member(n))
                || ctx.compared_with.is_some_and(|t| typed(t) || field(t))
                || input;
            // with `env_switched = "allow"`: a branch switched on the environment, a value of
            // a host → environment table, or the fallback of an environment read
            // (`process.env.ENVIRONMENT || "development"`) is the environment already read
            // … and an environment read compared with a name (`process.env.VERCEL_ENV !==
            // "production"`, `env.ENVIRONMENT === "staging"`): the environment read, as with
            // `NODE_ENV`
            let in_place = self.allow_env_switched
                && (ctx.env_switched
                    || ctx.env_default
                    || ctx.host_keyed
                    || (compared && ctx.compared_with.is_some_and(reads_environment)));
            if (compared || assigned) && !model_value && !in_place {
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
                && !detect::is_scheme_default_port(span_node, src, &shown)
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

/// Whether an expression reads the environment: a member of an environment object
/// (`process.env.X`, `import.meta.env.X`, `env.X`, `serverEnv.X`, `Bun.env.X`), `Deno.env.get(…)`,
/// `std::env::var(…)`.
fn reads_environment(e: &str) -> bool {
    let l = e.to_ascii_lowercase();
    l.contains("env::var")
        || l.split(['.', '['])
            .rev()
            .skip(1)
            .any(|seg| seg.trim_start_matches(['(', '!']).ends_with("env"))
}

/// See [`HardcodedConfig::literal_gate`], for the detectors `on`.
fn literal_gate(on: &Detectors, text: &str) -> bool {
    let t = text.trim();
    (on.url && t.contains("://"))
        || (on.secret && known_secret(t).is_some())
        || (on.env_name && ENV_NAMES.contains(&t))
        || (on.host && (t.starts_with(|c: char| c.is_ascii_digit()) || t.contains("::")) && {
            let host = t
                .rsplit_once(':')
                .filter(|(h, p)| {
                    !h.contains(':') && !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())
                })
                .map_or(t, |(h, _)| h);
            is_ipv4(host) || is_ipv6(t)
        })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod cases;

/// A template string's `${…}` substitutions, as byte ranges relative to `base` (where the
/// string's text `text` starts in the source); a Rust string's format placeholders (`{}`,
/// `{addr}`, `{0}`, `{:?}`, `{host:>8}`; not the escaped `{{`) and snippet placeholders
/// (`${example.com}`, `${1:host}`); none for other strings.
fn substitutions(node: Node<'_>, text: &str, base: usize) -> Vec<(usize, usize)> {
    let mut subs = Vec::new();
    if matches!(node.kind_name(), "string_literal" | "raw_string_literal") {
        return rust_placeholders(text);
    }
    if node.kind_name() == "template_string" {
        let mut c = node.walk();
        for ch in node.named_children(&mut c) {
            if ch.kind_name() == "template_substitution" && ch.start_byte() >= base {
                subs.push((ch.start_byte() - base, ch.end_byte() - base));
            }
        }
    }
    subs
}

/// The placeholders of a Rust string (see [`substitutions`]), as byte ranges into `text`.
fn rust_placeholders(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'{' {
            i += 1;
            continue;
        }
        if b.get(i + 1) == Some(&b'{') {
            i += 2;
            continue;
        }
        let Some(len) = text[i + 1..].find(['{', '}']) else {
            break;
        };
        let close = i + 1 + len;
        if b[close] == b'{' {
            i = close;
            continue;
        }
        let inner = &text[i + 1..close];
        let snippet = i > 0 && b[i - 1] == b'$';
        // a format argument: a name, an index or nothing, then an optional `:spec`
        let (arg, spec) = inner.split_once(':').unwrap_or((inner, ""));
        let format = arg.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
            && !spec.contains(char::is_whitespace);
        if snippet && !inner.is_empty() {
            out.push((i - 1, close + 1));
        } else if format {
            out.push((i, close + 1));
        }
        i = close + 1;
    }
    out
}
