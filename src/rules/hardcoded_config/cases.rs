//! hardcoded-config cases in the harness: URLs, ports, timeouts, secrets and environment
//! names outside the config modules, values repeated across files as one cluster, and the
//! usual false positives that must stay silent.

#![cfg(test)]

use crate::rules::harness::Tester;

fn config(fields: &str) -> Tester {
    Tester::new(&format!(
        "[[rule]]\nid = \"cfg\"\nkind = \"hardcoded-config\"\nmessage = \"{{what}}\"\n{fields}\n"
    ))
}

#[test]
fn endpoints_and_timeouts_outside_the_config_module() {
    let t = config("allow_in = [\"src/config/**\"]");
    assert_eq!(
        t.lines(
            "src/api.ts",
            "const base = \"https://api.acme.io/v1\";\nconst ns = \"http://www.w3.org/2000/svg\";\n// see https://docs.acme.io\nsetTimeout(retry, 30000);\nconst n = 3;\n"
        ),
        vec![1, 4]
    );
    t.pass(
        "src/config/index.ts",
        "export const base = \"https://api.acme.io/v1\";\n",
    );
}

#[test]
fn secrets_are_masked() {
    let t = config("detectors = [\"secret\"]");
    let run = t.run(&[(
        "src/k.ts",
        "const key = \"AKIAIOSFODNN7EXAMPLE\";\nconst label = \"not a secret\";\n",
    )]);
    assert_eq!(run.found(), vec![("src/k.ts".into(), 1, "cfg".into())]);
    let f = &run.findings()[0];
    assert!(f.redact);
    assert!(!f.matched.contains("IOSFODNN7EXAMPLE"), "{}", f.matched);
}

// the name of a key is no key: a Redis/cache key name in a `…_KEY` constant (langfuse's
// `"langfuse:v4:legacy-api-usage:cursor:v1"`, a fresh-repository reader's N). Near-misses that
// stay: a random part after a prefix, a JWT's mixed-case segments, a plain random token.
#[test]
fn a_key_name_in_a_key_constant_is_not_a_secret() {
    let t = config("detectors = [\"secret\"]");
    t.pass(
        "src/cache.ts",
        "export const V4_LEGACY_API_USAGE_CURSOR_KEY = \"langfuse:v4:legacy-api-usage:cursor:v1\";\nconst SETTINGS_API_KEY = \"app.settings.theme-v2.dark\";\n",
    );
    let run = t.run(&[(
        "src/keys.ts",
        "const API_KEY = \"prod:3f9a8b7c6d5e4f3a2b1c9d8e\";\nconst SECRET_KEY = \"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpM\";\nconst PRIVATE_KEY = \"q8Zt3nW0rX5vB2mK7pL9\";\n",
    )]);
    let lines: Vec<usize> = run.found().into_iter().map(|(_, l, _)| l).collect();
    assert_eq!(lines, vec![1, 2, 3]);
}

#[test]
fn a_value_in_three_files_is_one_cluster() {
    let mut t = config("detectors = [\"url\"]\ncluster_min_files = 3");
    let src = "export const u = \"https://billing.acme.io\";\n";
    let run = t.expect(
        &[
            ("src/a.ts", src),
            ("src/b.ts", src),
            ("src/c.ts", src),
            ("src/d.ts", "export const v = \"https://other.acme.io\";\n"),
        ],
        &[
            ("src/a.ts", 1, "cfg"),
            ("src/b.ts", 1, "cfg"),
            ("src/c.ts", 1, "cfg"),
            ("src/d.ts", 1, "cfg"),
        ],
    );
    let cluster = &run.findings()[0];
    assert_eq!(cluster.related.len(), 2);
    assert!(
        cluster.message.contains("appears 3 times in 3 files"),
        "{}",
        cluster.message
    );
    // two files are not enough: two single findings
    let run = t.run(&[("src/a.ts", src), ("src/b.ts", src)]);
    assert_eq!(run.found().len(), 2);
    assert!(run.findings().iter().all(|f| f.related.is_empty()));
}

#[test]
fn every_place_of_a_cluster_is_reported_and_points_back() {
    let t = config("detectors = [\"url\"]\ncluster_min_files = 3");
    let src = "export const u = \"https://billing.acme.io\";\n";
    let run = t.run(&[
        ("src/a.ts", src),
        ("src/b.ts", &format!("// b\n{src}")),
        ("src/c.ts", src),
    ]);
    // a line-based consumer sees a finding at each place
    assert_eq!(
        run.found(),
        vec![
            ("src/a.ts".into(), 1, "cfg".into()),
            ("src/b.ts".into(), 2, "cfg".into()),
            ("src/c.ts".into(), 1, "cfg".into())
        ]
    );
    let f = run.findings();
    assert_eq!(f[0].related.len(), 2, "the first lists the others");
    for other in &f[1..] {
        assert_eq!(other.related.len(), 1);
        assert_eq!(
            (other.related[0].file.as_str(), other.related[0].line),
            ("src/a.ts", 1)
        );
        assert!(
            other
                .message
                .contains("the same value as src/a.ts:1 (3 places in 3 files)"),
            "{}",
            other.message
        );
    }
    // the cluster's fingerprint is the first place's only: the others keep their own
    assert!(f[1..].iter().all(|x| x.fingerprint != f[0].fingerprint));
}

#[test]
fn urls_anywhere_inside_a_string_on_their_own_line() {
    let t = config("detectors = [\"url\"]");
    assert_eq!(
        t.matches(
            "src/mail.ts",
            "const note = \"Learn more: https://acme.org/pricing\";\nconst body = `Hello ${name},\n\nconfirm at https://app.acme.io/confirm?t=${token}\nand see https://status.acme.io.\n`;\nconst script = '<script type=\"module\">import x from \"https://cdn.acme.net/x.js\"</script>';\n"
        )
        .into_iter()
        .map(|(l, _, m)| (l, m))
        .collect::<Vec<_>>(),
        vec![
            (1, "https://acme.org/pricing".into()),
            (4, "https://app.acme.io/confirm?t=${token}".into()),
            (5, "https://status.acme.io".into()),
            (7, "https://cdn.acme.net/x.js".into()),
        ]
    );
    // Rust: a URL in the middle of a message, on the second line of a raw string
    assert_eq!(
        t.lines(
            "src/main.rs",
            "fn f() {\n    let m = \"upload to https://upload.acme.io/v2 now\";\n    let r = r#\"first\nthen https://mirror.acme.io\"#;\n}\n"
        ),
        vec![2, 4]
    );
    // near-misses: no scheme, a regex for the scheme, a URL inside a substitution is the
    // nested string's (found once), text that merely mentions `://`
    t.pass(
        "src/ok.ts",
        "const a = \"see acme.org/pricing\";\nconst re = /^https?:\\/\\//;\nconst b = \"^https?://\";\nconst c = \"scheme://\";\nconst d = \"https://\";\nconst ns = \"xmlns http://www.w3.org/2000/svg\";\n",
    );
    assert_eq!(
        t.lines(
            "src/nested.ts",
            "const s = `a ${f(\"https://x.acme.io\")} b`;\n"
        ),
        vec![1]
    );
}

#[test]
fn partly_substituted_hosts_are_hardcoded() {
    let t = config("detectors = [\"url\"]");
    assert_eq!(
        t.lines(
            "src/blob.ts",
            "const a = `https://${account}.blob.core.windows.net/${c}`;\nconst b = `http://localhost:${port}/api`;\nconst c = `${proto}://api.acme.io/v1`;\nconst d = `https://api.${region}.acme.io`;\n"
        ),
        vec![1, 2, 3, 4]
    );
    // the whole host is a substitution: that is configuration
    t.pass(
        "src/ok.ts",
        "const a = `http://${host}`;\nconst b = `https://${host}:${port}/v1`;\nconst c = `${origin}/api/v1`;\nconst d = `${proto}://${host}/x`;\nconst e = `https://${link.domain}${key ? `/${key}` : \"\"}`;\nconst f = \"https://{domain}/c/{identity}\";\n",
    );
    // allow_hosts still applies to a host with a substituted port
    config("detectors = [\"url\"]\nallow_hosts = [\"localhost\"]")
        .pass("src/dev.ts", "const b = `http://localhost:${port}/api`;\n");
}

#[test]
fn documentation_links_have_a_switch() {
    let src = "const a = \"https://docs.acme.io/setup\";\nconst b = \"https://acme.io/docs/limits\";\nconst c = \"https://github.com/acme/app/issues\";\nconst d = \"https://api.acme.io/v1\";\n";
    assert_eq!(
        config("detectors = [\"url\"]").lines("src/a.ts", src),
        vec![4]
    );
    assert_eq!(
        config("detectors = [\"url\"]\nreport_doc_links = true").lines("src/a.ts", src),
        vec![1, 2, 3, 4]
    );
    // gists and specifications are documents for people too; their API hosts are not
    let t = config("detectors = [\"url\"]");
    t.pass(
        "src/help.rs",
        "const H: &str = \"see https://gist.github.com/u/0a1b and https://encoding.spec.whatwg.org/#x or https://datatracker.ietf.org/doc/html/rfc8089\";\n",
    );
    assert_eq!(
        t.lines(
            "src/api.ts",
            "const a = \"https://api.github.com/repos\";\nconst b = \"https://gist.githubusercontent.com/u/raw\";\n"
        ),
        vec![1, 2]
    );
    // report_doc_links covers documentation links only, not navigation links (report_links)
    config("detectors = [\"url\"]\nreport_doc_links = true").pass(
        "src/nav.tsx",
        "export const L = () => <a href=\"https://acme.io/pricing\">x</a>;\n",
    );
}

#[test]
fn oauth_scope_urls_are_identifiers() {
    let t = config("detectors = [\"url\"]");
    t.pass(
        "src/google.ts",
        "const scopes = [\n  \"https://www.googleapis.com/auth/spreadsheets\",\n  \"https://www.googleapis.com/auth/userinfo.email\",\n];\nconst o = { scope: \"https://graph.microsoft.com/.default\" };\n",
    );
    // the APIs behind them are endpoints
    assert_eq!(
        t.lines(
            "src/google.ts",
            "const a = \"https://www.googleapis.com/drive/v3/files\";\nconst b = \"https://graph.microsoft.com/v1.0/me\";\n"
        ),
        vec![1, 2]
    );
}

#[test]
fn fixed_name_environment_reads_outside_config() {
    let t = config("detectors = [\"env-read\"]\nallow_in = [\"src/config/**\"]");
    assert_eq!(
        t.matches(
            "src/api.ts",
            "const a = process.env.API_URL;\nconst b = process.env[\"API_KEY\"];\nconst c = import.meta.env.VITE_HOST;\nconst d = Deno.env.get(\"TOKEN\");\nconst { DB_URL, REDIS: r } = process.env;\nconst e = process.env.PORT ?? 3000;\n"
        )
        .into_iter()
        .map(|(l, _, m)| (l, m))
        .collect::<Vec<_>>(),
        vec![
            (1, "process.env.API_URL".into()),
            (2, "process.env[\"API_KEY\"]".into()),
            (3, "import.meta.env.VITE_HOST".into()),
            (4, "Deno.env.get(\"TOKEN\")".into()),
            (5, "DB_URL".into()),
            (5, "REDIS: r".into()),
            (6, "process.env.PORT".into()),
        ]
    );
    assert_eq!(
        t.lines(
            "src/main.rs",
            "fn f() {\n    let a = std::env::var(\"HOME_DIR\");\n    let b = env::var_os(\"PAGER\");\n    let c = env!(\"CARGO_PKG_VERSION\");\n    let d = option_env!(\"GIT_HASH\");\n    println!(\"{}\", env!(\"BUILD_ID\"));\n    let v = concat!(\"v\", env!(\"APP_VERSION\"));\n}\n"
        ),
        vec![2, 3, 4, 5, 6, 7]
    );
    // near-misses: computed names, writes, bundler flags, other objects, the config layer
    t.pass(
        "src/ok.ts",
        "const a = process.env[key];\nconst b = process.env[`X_${k}`];\nprocess.env.FOO = \"1\";\nif (process.env.NODE_ENV === \"production\") {}\nconst m = import.meta.env.MODE;\nconst c = myenv.API_URL;\nconst d = Deno.env.get(name);\nconst all = process.env;\n",
    );
    t.pass(
        "src/ok.rs",
        "fn f(n: &str) {\n    let a = std::env::var(n);\n    let b = env::var(format!(\"X_{n}\"));\n    let c = env::args();\n    let d = my::var(\"X\");\n    println!(\"env!(X) {}\", envy!(\"Y\"));\n    let e = env!(NAME);\n}\n",
    );
    t.pass(
        "src/config/env.ts",
        "export const url = process.env.API_URL;\n",
    );
    // allow_env names variables that may be read anywhere
    config("detectors = [\"env-read\"]\nallow_env = [\"NEXT_PUBLIC_*\"]")
        .pass("src/a.ts", "const a = process.env.NEXT_PUBLIC_APP_URL;\n");
}

#[test]
fn env_read_is_asked_for_by_name() {
    // the default detectors do not include env-read
    config("").pass("src/a.ts", "const a = process.env.API_URL;\n");
}

#[test]
fn snapshot() {
    let mut t = config("allow_in = [\"src/config/**\"]");
    t.fail(
        "src/client.ts",
        "export const client = new Client({ url: \"https://api.acme.io\", port: 8443 });\n",
        &[1, 1],
    );
    insta::assert_snapshot!(t.snapshot());
}

#[test]
fn assets_embeds_and_links_for_people_are_content() {
    let t = config("detectors = [\"url\"]");
    t.pass(
        "src/content.tsx",
        "const logo = \"https://assets.acme.io/logos/acme.svg\";\nconst hero = \"https://cdn.acme.io/img/hero.PNG?w=800\";\nconst video = `https://www.youtube.com/embed/${id}?autoplay=1`;\nconst player = `https://player.vimeo.com/video/${id}`;\nconst p = { learnMore: \"https://acme.io/pricing\", helpUrl: \"https://acme.io/help/article/x\" };\nconst q = { href: cloud ? `/billing/${org}` : \"https://acme.io/self-hosting\" };\nconst pages = \"https://acme.github.io/book/intro.html\";\nconst article = \"https://acme.io/help/article/limits\";\n",
    );
    // near-misses: endpoints, a script, a folder that merely looks like an asset, a config name
    // through a ternary
    assert_eq!(
        t.lines(
            "src/api.ts",
            "const api = \"https://api.acme.io/v1/upload\";\nconst script = \"https://cdn.acme.io/sdk.js\";\nconst dir = \"https://cdn.acme.io/images.png/list/\";\nconst LICENSE_URL = staging ? \"https://staging.acme.io/check\" : \"https://acme.io/check\";\nconst help = \"https://acme.io/v1/helpers\";\nconst embedApi = \"https://api.acme.io/embeddings\";\n"
        ),
        vec![1, 2, 3, 4, 4, 6]
    );
}

#[test]
fn a_bracketed_allowed_ipv6_host_is_allowed() {
    let t = config("detectors = [\"host\"]\nallow_hosts = [\"::1\"]");
    t.pass(
        "src/h.ts",
        "const loop = host === \"[::1]\" || host.startsWith(\"[::1]:\");\n",
    );
    assert_eq!(
        t.lines(
            "src/h.ts",
            "const other = \"[fe80::2]:8080\";\nconst bare = \"fe80::2\";\n"
        ),
        vec![1, 2]
    );
}

/// `vendor_clients = "allow"`: a vendor's fixed endpoint inside the module named after that
/// vendor is its API, not deployment configuration; the same URL elsewhere, the app's own
/// hosts and a vendor's URL in another vendor's module are still reported.
#[test]
fn vendor_endpoints_inside_the_vendors_client_module() {
    let t = config("vendor_clients = \"allow\"");
    let src = "const base = \"https://api-ssl.bitly.com/v4\";\n";
    t.pass("src/lib/bitly/fetch-utils.ts", src);
    t.pass(
        "src/providers/google.ts",
        "const e = \"https://us-aiplatform.googleapis.com\";\n",
    );
    t.pass(
        "src/auth/brevo.ts",
        "await fetch(\"https://api.brevo.com/v3/contacts\");\n",
    );
    // near-misses: elsewhere, another vendor's module, own hosts, short or generic words
    assert_eq!(t.lines("src/admin/links.ts", src), vec![1]);
    assert_eq!(t.lines("src/lib/rebrandly/api.ts", src), vec![1]);
    assert_eq!(
        t.lines(
            "apps/web/app/partners.dub.co/page.ts",
            "const u = \"https://partners.dub.co/api\";\n"
        ),
        vec![1]
    );
    assert_eq!(
        t.lines(
            "src/lib/api/client.ts",
            "const u = \"https://api.example-corp.io/v1\";\n"
        ),
        vec![1]
    );
    // the default reports them all
    assert_eq!(
        config("").lines("src/lib/bitly/fetch-utils.ts", src),
        vec![1]
    );
}

/// Campaign links (`?utm_…`) and the URLs of an e-mail template are links for people, not
/// endpoints: silent unless `report_links = true`; the same URL without the campaign
/// parameters, or outside a template, is reported.
#[test]
fn campaign_links_and_e_mail_templates_are_links() {
    let t = config("");
    t.pass(
        "src/templates.ts",
        "export const cta = \"https://acme.com/trial?utm_source=app&utm_medium=survey\";\n",
    );
    let mail = "import { Html, Link } from \"@react-email/components\";\nexport const E = () => <Html><Link href={u}>x</Link><img src={logo} /></Html>;\nconst u = \"https://app.acme.com/settings/notifications\";\n";
    t.pass("emails/notify.tsx", mail);
    // near-misses: no campaign parameter; the same URL in a component that is not a mail
    assert_eq!(
        t.lines(
            "src/templates.ts",
            "export const cta = \"https://acme.com/trial?source=app\";\n"
        ),
        vec![1]
    );
    assert_eq!(
        t.lines(
            "src/settings.tsx",
            "export const u = \"https://app.acme.com/settings/notifications\";\n"
        ),
        vec![1]
    );
    let links = config("report_links = true");
    assert_eq!(links.lines("emails/notify.tsx", mail), vec![3]);
}

/// A URL given as an example in prose (a validation message, a schema description) is UI text.
#[test]
fn a_url_given_as_an_example_in_prose_is_text() {
    let t = config("");
    t.pass(
        "src/form.ts",
        "const msg = \"Please enter a valid URL (e.g. https://acme.com/page).\";\nconst d = \"The QR code, for example https://api.acme.io/qr?url=x\";\n",
    );
    // near-miss: the endpoint itself, and prose without an example marker
    assert_eq!(
        t.lines(
            "src/form.ts",
            "const api = \"https://api.acme.io/qr\";\nconst msg = \"Upload to https://files.acme.io now\";\n"
        ),
        vec![1, 2]
    );
}

/// A social site's share link (`/intent/tweet?text=…`, `/sharer/sharer.php?u=…`,
/// `/shareArticle?url=…`) is a link a person follows to post the page: silent unless
/// `report_links = true`; the site's API, or a share path that passes no page, is reported.
#[test]
fn share_links_of_social_sites_are_links() {
    let t = config("");
    let src = concat!(
        "const a = `https://twitter.com/intent/tweet?text=${encodeURIComponent(t)}&url=${u}`;\n",
        "const b = `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(u)}`;\n",
        "const c = `https://www.linkedin.com/shareArticle?mini=true&url=${u}&title=${t}`;\n",
        "const d = `https://www.reddit.com/submit?url=${u}&title=${t}`;\n",
        "const e = `https://www.threads.net/intent/post?text=${t}`;\n",
    );
    t.pass("src/share-tab.tsx", src);
    // near-misses: an API of the same sites, a share path with no page passed
    assert_eq!(
        t.lines(
            "src/share-tab.tsx",
            "const a = \"https://api.twitter.com/2/tweets\";\nconst b = \"https://acme.com/share/settings\";\nconst c = `https://graph.facebook.com/v19.0/me?fields=${f}`;\n"
        ),
        vec![1, 2, 3]
    );
    assert_eq!(
        config("report_links = true").lines("src/share-tab.tsx", src),
        vec![1, 2, 3, 4, 5]
    );
}

/// The values of one long list literal are one finding; a short array, and values outside the
/// list, are reported at each place.
#[test]
fn a_list_of_hardcoded_values_is_one_finding() {
    let t = config("detectors = [\"host\", \"url\"]");
    let mut src = String::from("export const BOT_IPS = [\n");
    for i in 0..9 {
        src.push_str(&format!("  \"52.112.74.{i}\",\n"));
    }
    src.push_str("  \"bot\",\n];\n");
    // near-misses: a short array, and the same kind of value on its own
    src.push_str("export const PAIR = [\"10.0.0.1\", \"10.0.0.2\"];\n");
    src.push_str("export const ONE = \"10.0.0.3\";\n");
    let run = t.run(&[("src/bots.ts", src.as_str())]);
    let got: Vec<(usize, usize)> = run
        .findings()
        .iter()
        .map(|f| (f.line, f.related.len()))
        .collect();
    assert_eq!(
        got,
        vec![(2, 8), (13, 0), (13, 0), (14, 0)],
        "{:#?}",
        run.findings()
    );
    let first = &run.findings()[0];
    assert!(
        first
            .message
            .contains("one of 9 hardcoded values in this list (lines 2–10)"),
        "{}",
        first.message
    );
    // Rust arrays too
    let rs = "pub const HOSTS: [&str; 8] = [\"10.1.0.1\", \"10.1.0.2\", \"10.1.0.3\", \"10.1.0.4\", \"10.1.0.5\", \"10.1.0.6\", \"10.1.0.7\", \"10.1.0.8\"];\n";
    assert_eq!(t.lines("src/hosts.rs", rs), vec![1]);
}

/// A schema's description (`.describe("…")`, API documentation), a URL given after
/// "Examples:", and a link under a name ending in `Href` are text and links for people; the
/// same URL as a value, passed to another call or under another name is reported.
#[test]
fn schema_descriptions_examples_and_href_names_are_text() {
    let t = config("");
    t.pass(
        "src/schemas.ts",
        concat!(
            "export const country = z.string().describe(\"A 2-letter code. See https://d.to/geo for more.\");\n",
            "export const url = z.string().describe(\"The URL. \" + \"Examples: `https://example.com`, `https://other.com`.\");\n",
            "export const card = { connectHref: \"https://zapier.com/apps/acme/integrations\" };\n",
        ),
    );
    assert_eq!(
        t.lines(
            "src/schemas.ts",
            concat!(
                "export const api = z.string().default(\"https://api.acme.io/v1\");\n",
                "export const card = { connectUrl: \"https://zapier.com/hooks/catch/1\" };\n",
                "export const m = \"Our API lives at https://api.acme.io/v1 now.\";\n",
            )
        ),
        vec![1, 2, 3]
    );
}

/// `own_domains`: the team's hosts and URLs, private hosts and IPs are reported; another
/// party's endpoint (a captcha verifier, an embed, a vendor's OAuth URL) only with `vendor-url`
/// (day one on formbricks, excalidraw, dub: 12 of 21 config findings a blind reader called
/// noise were third-party endpoints in the code that talks to that party).
#[test]
fn own_domains_report_first_party_and_private_hosts_only() {
    let t = config("detectors = [\"url\", \"host\"]\nown_domains = [\"acme.io\", \"*.acme.sh\"]");
    let src = "const a = \"https://app.acme.io/settings\";\n\
const b = `https://partners.acme.io/${slug}/apply`;\n\
const b2 = `https://acme.io${path}`;\n\
const c = { domain: \"go.acme.sh\" };\n\
const d = \"http://10.0.3.7:9000/metrics\";\n\
const e = \"https://redis.internal:6379\";\n\
const f = \"https://www.google.com/recaptcha/api/siteverify\";\n\
const g = \"https://platform.twitter.com/widgets.js\";\n\
const h = { calHost: \"cal.com\" };\n\
const i = \"https://notacme.io/x\";\n\
const j = \"https://acme.io.evil.com/x\";\n";
    assert_eq!(t.lines("src/a.ts", src), vec![1, 2, 3, 4, 5, 6]);
    // `vendor-url` widens `url` to the others, with their own wording
    let v = config(
        "detectors = [\"url\", \"host\", \"vendor-url\"]\nown_domains = [\"acme.io\", \"*.acme.sh\"]",
    );
    assert_eq!(v.lines("src/a.ts", src), (1..=11).collect::<Vec<_>>());
    let run = v.run(&[("src/a.ts", src)]);
    let third: Vec<_> = run
        .findings()
        .iter()
        .filter(|f| f.message.contains("third-party"))
        .map(|f| f.line)
        .collect();
    assert_eq!(third, vec![7, 8, 10, 11]);
    // without `own_domains` every URL is reported as before
    let all = config("detectors = [\"url\"]");
    assert_eq!(
        all.lines("src/a.ts", src),
        vec![1, 2, 3, 5, 6, 7, 8, 10, 11]
    );
}

/// A value already switched per environment, or an OpenAPI `servers` entry, is configuration
/// in place (formbricks' license CONFIG object, its OpenAPI document); a placeholder base of
/// `new URL(path, base)` parses a path. Near-misses: the same URL in a ternary on something
/// else, a `url` key outside `servers`, a real base with a path.
#[test]
fn values_switched_on_the_environment_are_config_in_place() {
    let t = config("detectors = [\"url\"]\nenv_switched = \"allow\"");
    assert_eq!(
        t.lines(
            "src/license.ts",
            "const CONFIG = {\n  endpoint:\n    env.ENVIRONMENT === \"staging\"\n      ? \"https://staging.ee.acme.io/check\"\n      : \"https://ee.acme.io/check\",\n  other: isOpen ? \"https://a.acme.io\" : \"https://b.acme.io\",\n};\n\
const URLS = { production: \"https://api.acme.io\", staging: \"https://stg.acme.io\" };\n\
const doc = { servers: [{ url: \"https://app.acme.io/api/v2\", description: \"Cloud\" }] };\n\
const hook = { url: \"https://hooks.acme.io/in\" };\n\
const u = new URL(route, \"https://mcp.internal\");\n\
const w = new URL(path, \"https://api.acme.io/v2\");\n"
        ),
        vec![6, 6, 10, 12]
    );
    // by default (`env_switched = "report"`) a switched value is reported: a team whose ADR
    // puts every endpoint in its constants module still sees them
    let strict = config("detectors = [\"url\"]");
    assert_eq!(
        strict.lines(
            "src/license.ts",
            "const E = env.ENVIRONMENT === \"staging\" ? \"https://staging.acme.io\" : \"https://acme.io/c\";\nconst U = { production: \"https://api.acme.io\" };\n"
        ),
        vec![1, 1, 2]
    );
}

/// An e-mail template's hostnames are its content (sample data of its preview), like its URLs.
#[test]
fn hostnames_of_an_email_template_are_content() {
    let t = config("detectors = [\"host\"]");
    t.pass(
        "emails/links-imported.tsx",
        "import { Html } from \"@react-email/components\";\nexport default function E({ domain = \"acme.sh\" }) { return <Html>{domain}</Html>; }\nconst links = [{ domain: \"acme.sh\", key: \"1\" }];\n",
    );
    assert_eq!(
        t.lines(
            "src/links.ts",
            "const links = [{ domain: \"acme.sh\", key: \"1\" }];\n"
        ),
        vec![1]
    );
}

/// An environment name that is a value of the product's model (a record's `type`) is not the
/// deployment's environment (formbricks' environments of type "production": 3 of the 7 noise
/// findings of the author's seed-1607 draw). Near-misses that stay reported: the deployment
/// environment compared or assigned under other names.
#[test]
fn an_environment_type_of_the_product_model_is_not_an_environment_name() {
    let t = config("detectors = [\"env-name\"]");
    assert_eq!(
        t.lines(
            "src/env.ts",
            "const a = { type: \"production\", id };\nconst b = { environmentType: \"production\" as const };\nif (env.type !== \"production\") fail();\nif (config.env === \"staging\") warn();\nconst c = { environment: \"production\" };\nconst typeface = { font: 1 }; if (mode.typed === \"production\") x();\n"
        ),
        vec![4, 5, 6]
    );
}

/// excalidraw's Sentry setup maps host names to environments, and formbricks' telemetry falls
/// back to "development" after `process.env.ENVIRONMENT || process.env.NODE_ENV`: with
/// `env_switched = "allow"` both are the environment already read (a blind reader's noise at
/// seed 1607). Near-misses that stay reported: a name assigned as the environment, a table keyed
/// by message paths or by names, the same two under `env_switched = "report"`.
#[test]
fn a_host_to_environment_table_and_an_environment_fallback_are_in_place() {
    let t = config("detectors = [\"env-name\"]\nenv_switched = \"allow\"");
    assert_eq!(
        t.lines(
            "src/sentry.ts",
            "const M: Record<string, string> = {\n  \"acme.com\": \"production\",\n  \"staging.acme.com\": \"staging\",\n  \"vercel.app\": \"staging\",\n};\n\
const environment = process.env.ENVIRONMENT || process.env.NODE_ENV || \"development\";\n\
const env = \"production\";\n\
const T = { \"errors.not_found\": \"production\", \"Acme.Com\": \"staging\", main: \"staging\" };\n"
        ),
        vec![7, 8, 8, 8]
    );
    let strict = config("detectors = [\"env-name\"]");
    assert_eq!(
        strict.lines(
            "src/sentry.ts",
            "const M = { \"acme.com\": \"production\" };\nconst e = process.env.NODE_ENV || \"development\";\n"
        ),
        vec![1, 2]
    );
}

/// `own_urls = "configured"`: the team's own address is reported where the code treats it as
/// configuration, and is content elsewhere (day one on dub and formbricks: a blind reader
/// classed the product's fixed domain, marketing links in onboarding copy and a redirect to the
/// homepage as correct-but-not-acted-on, and the same host in an error message as actionable
/// when an environment-switched constant holds it). Kept: a host switched on the environment in
/// a config module or in the code, a config constant named like an address holding the exact
/// value (or the default of an environment read), a module constant elsewhere, an endpoint the
/// code calls (a fetch-like call, an endpoint name, an API host or path). Near-misses that stay silent: the config modules themselves, the homepage held
/// only by a key that names no address (`home`), a hostname held by `PROVIDER_ID`, a link deeper
/// into a site whose base is an environment default, prose links, a function's local "constant",
/// a tenant's page on a subdomain (`https://${slug}.acme.io`).
#[test]
fn own_urls_configured_reports_what_the_code_configures() {
    let fields = "detectors = [\"url\", \"host\"]\nallow_in = [\"src/config/**\"]\nown_domains = [\"acme.io\", \"acme.sh\"]\nenv_switched = \"allow\"\nown_urls = \"configured\"";
    let t = config(fields);
    let files = [
        (
            "src/config/urls.ts",
            "export const APP_URL = process.env.VERCEL_ENV === \"production\" ? \"https://app.acme.io\" : \"http://localhost:3000\";\n\
export const SHORT_DOMAIN = \"acme.sh\";\n\
export const PROVIDER_ID = \"acme.io\";\n\
export const DEFAULT_REDIRECTS = { home: \"https://acme.io\" };\n\
export const WEBSITE_URL = process.env.WEBSITE_URL || \"https://www.acme.io\";\n",
        ),
        (
            "src/lib/a.ts",
            "const m = `Update it here: https://app.acme.io/settings`;\n\
export function f() { return \"https://acme.io\"; }\n\
const domain = slug || \"acme.sh\";\n\
const provider = { domain: \"acme.io\" };\n\
const legal = \"https://www.acme.io/legal\";\n\
const og = \"https://www.acme.io/\";\n\
fetch(\"https://status.acme.io/api\");\n\
const apiUrl = \"https://data.acme.io\";\n\
const copy = \"Join us: https://acme.io/community\";\n\
const u = \"https://api.acme.io/v1\";\n\
const c = \"https://acme.io/api/content\";\n\
const page = `https://${slug}.acme.io/status`;\n",
        ),
        (
            "src/lib/license.ts",
            "const E = env.ENVIRONMENT === \"staging\" ? \"https://staging.ee.acme.io/x\" : \"https://ee.acme.io/x\";\n",
        ),
        (
            "src/lib/meta.ts",
            "export const SITE_URL = \"https://blog.acme.io\";\nfunction g() { const SHOP_URL = \"https://shop.acme.io\"; return SHOP_URL; }\n",
        ),
        (
            "src/lib/t.ts",
            "const u = `https://ee.acme.io/api/${id}`;\nconst s = \"https://blog.acme.io\";\nconst shop = \"https://shop.acme.io\";\n",
        ),
    ];
    let run = t.run(&files);
    let at = |file: &str| -> Vec<usize> {
        run.found()
            .into_iter()
            .filter(|(f, _, _)| f == file)
            .map(|(_, l, _)| l)
            .collect()
    };
    assert_eq!(at("src/config/urls.ts"), Vec::<usize>::new());
    assert_eq!(at("src/lib/a.ts"), vec![1, 3, 6, 7, 8, 10, 11]);
    assert_eq!(at("src/lib/license.ts"), Vec::<usize>::new());
    assert_eq!(at("src/lib/meta.ts"), Vec::<usize>::new());
    assert_eq!(at("src/lib/t.ts"), vec![1, 2]);
    let help = |file: &str, line: usize| -> String {
        run.findings()
            .iter()
            .find(|f| f.file == file && f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    let h = help("src/lib/a.ts", 1);
    assert!(
        h.contains("`app.acme.io` differs per environment: `APP_URL` (src/config/urls.ts:1)"),
        "{h}"
    );
    assert!(!h.contains("Move it to"), "{h}");
    assert!(help("src/lib/a.ts", 3)
        .contains("`SHORT_DOMAIN` (src/config/urls.ts:2) already holds this value"));
    assert!(help("src/lib/a.ts", 6)
        .contains("`WEBSITE_URL` (src/config/urls.ts:5) already holds this value"));
    assert!(help("src/lib/a.ts", 7).contains("Move it to"));
    assert!(help("src/lib/t.ts", 1).contains("`E` (src/lib/license.ts:1) switches it"));
    assert!(
        help("src/lib/t.ts", 2).contains("`SITE_URL` (src/lib/meta.ts:1) already holds this value")
    );
    // `own_urls = "all"` (the default): every own address outside the config modules, as before
    let all = config(&fields.replace("own_urls = \"configured\"", ""));
    let run = all.run(&files);
    let lines: Vec<usize> = run
        .found()
        .into_iter()
        .filter(|(f, _, _)| f == "src/lib/a.ts")
        .map(|(_, l, _)| l)
        .collect();
    assert_eq!(lines, (1..=12).collect::<Vec<_>>());
}

/// With `own_domains`, a public IP address is another party's fact (dub: Bitly's published IPs
/// compared with a DNS answer, the public resolvers 8.8.8.8 and 1.1.1.1, a list of bots'
/// addresses; a blind reader: correct, not configuration), reported only with `vendor-url`.
/// Near-misses that stay reported: private and loopback addresses (a documentation address is
/// an example, silent everywhere: see `documentation_addresses_are_examples`).
#[test]
fn public_ips_are_third_party_with_own_domains() {
    let src = "resolver.setServers([\"8.8.8.8\", \"1.1.1.1\"]);\n\
if (a.data === \"67.199.248.12\") x();\n\
const db = \"10.0.3.7\";\n\
const h = \"http://34.120.5.6/api\";\n\
const loop = \"127.0.0.1:5432\";\n\
const doc = \"203.0.113.5\";\n\
const v6 = \"2001:4860:4860::8888\";\n";
    let t = config("detectors = [\"url\", \"host\"]\nown_domains = [\"acme.io\"]");
    assert_eq!(t.lines("src/dns.ts", src), vec![3, 5]);
    let v = config("detectors = [\"url\", \"host\", \"vendor-url\"]\nown_domains = [\"acme.io\"]");
    let run = v.run(&[("src/dns.ts", src)]);
    let third: Vec<usize> = run
        .findings()
        .iter()
        .filter(|f| f.message.contains("third-party"))
        .map(|f| f.line)
        .collect();
    assert_eq!(third, vec![1, 1, 2, 4, 7]);
    assert_eq!(v.lines("src/dns.ts", src), vec![1, 1, 2, 3, 4, 5, 7]);
    // without `own_domains` every address is reported as before
    let all = config("detectors = [\"url\", \"host\"]");
    assert_eq!(all.lines("src/dns.ts", src), vec![1, 1, 2, 3, 4, 5, 7]);
}

/// With `env_switched = "allow"`, an environment read compared with an environment name
/// (`process.env.VERCEL_ENV !== "production"`, `env.ENVIRONMENT === "staging"`) is the
/// environment read, as `NODE_ENV` is (formbricks' license check: labelled near-miss, was
/// reported). Near-misses that stay reported: a variable compared, an assigned name, and all of
/// them with `env_switched = "report"`.
#[test]
fn an_environment_read_compared_with_a_name_is_the_read() {
    let src = "if (process.env.VERCEL_ENV !== \"production\") return;\n\
if (env.ENVIRONMENT === \"staging\") x();\n\
if (stage === \"production\") y();\n\
const environment = \"production\";\n\
if (import.meta.env.VITE_STAGE === \"prod\") z();\n\
if (Deno.env.get(\"STAGE\") == \"development\") w();\n";
    let t = config("detectors = [\"env-name\"]\nenv_switched = \"allow\"");
    assert_eq!(t.lines("src/log.ts", src), vec![3, 4]);
    let strict = config("detectors = [\"env-name\"]");
    assert_eq!(strict.lines("src/log.ts", src), vec![1, 2, 3, 4, 5, 6]);
}

/// Invitations to a chat community (Discord, Telegram, Matrix, Slack) are links for people, like
/// `href`s; a path under `/documentation` is a documentation link (zellij's CLI tips: a blind
/// reader's correct-but-not-acted-on). Near-misses that stay reported: Discord's API, a path that
/// only starts like one.
#[test]
fn community_invitations_and_documentation_paths_are_links() {
    let src = "const help = \"Join our Discord: https://discord.gg/abc\";\n\
const tip = \"Read https://acme.dev/documentation/layouts\";\n\
const inv = \"https://discord.com/invite/abc\";\n\
const api = \"https://discord.com/api/v10/channels\";\n\
const t = \"https://t.me/acme\";\n\
const d = \"https://acme.dev/documentations-service/v1\";\n";
    let t = config("detectors = [\"url\"]");
    assert_eq!(t.lines("src/tips.ts", src), vec![4, 6]);
    let links = config("detectors = [\"url\"]\nreport_links = true\nreport_doc_links = true");
    assert_eq!(links.lines("src/tips.ts", src), vec![1, 2, 3, 4, 5, 6]);
}

#[test]
fn own_urls_is_all_or_configured_and_needs_own_domains() {
    let dir = tempfile::tempdir().unwrap();
    let error_with = |field: &str| {
        std::fs::write(
            dir.path().join("archdrift.toml"),
            format!(
                "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"m\"\n{field}\n"
            ),
        )
        .unwrap();
        let err = crate::config::load(&dir.path().join("archdrift.toml")).unwrap_err();
        err[0].message.clone()
    };
    let m = error_with("own_urls = \"some\"");
    assert!(m.contains("unknown value `some` for `own_urls`"), "{m}");
    let m = error_with("own_urls = \"configured\"");
    assert!(m.contains("needs `own_domains`"), "{m}");
}

/// atuin's secret filter keeps `(name, pattern, sample)` tuples: each sample is the test input of
/// the pattern beside it, not a credential (the blind reader's N on the fresh held-out atuin).
#[test]
fn a_secret_scanners_samples_beside_their_patterns_are_test_data() {
    let t = config("detectors = [\"secret\"]");
    let rust = "pub static P: &[(&str, &str, V)] = &[\n    (\"AWS key\", \"A[KS]IA[0-9A-Z]{16}\", V::One(\"AKIAIOSFODNN7EXAMPLE\")),\n    (\"gh\", \"ghp_[a-zA-Z0-9]{36}\", V::Many(&[\"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\"])),\n    (\"escaped\", \"xox[bp]-\\\\d+-[0-9A-Za-z-]+\", V::One(\"xoxb-12345678901-abcdefABCDEF1234\")),\n    (\"hook\", \"T[a-zA-Z0-9_]{8}/B[a-zA-Z0-9_]{8}/[a-zA-Z0-9_]{24}\", V::One(\"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX\")),\n];\n";
    t.pass("src/secrets.rs", rust);
    let ts = "export const PATTERNS = [\n  { name: \"aws\", re: \"A[KS]IA[0-9A-Z]{16}\", sample: \"AKIAIOSFODNN7EXAMPLE\" },\n];\n";
    t.pass("src/patterns.ts", ts);
    // near-misses: a key beside a plain label, beside a pattern it does not match, and a
    // pattern in another statement are credentials still
    assert_eq!(
        t.lines(
            "src/keys.rs",
            "const KEYS: &[(&str, &str)] = &[(\"prod\", \"AKIAIOSFODNN7EXAMPLE\")];\nconst P: (&str, &str) = (\"ghp_[0-9]{3}\", \"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\");\nconst RE: &str = \"A[KS]IA[0-9A-Z]{16}\";\nconst K: &str = \"AKIAIOSFODNN7EXAMPLE\";\nconst Q: (&str, &str) = (\"[a-z]{3}\", \"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\");\n"
        ),
        vec![1, 2, 4, 5]
    );
}

/// atuin's daemon client builds `Endpoint::try_from("http://atuin_local_daemon:0")` and then
/// connects through a Unix-socket connector: a URL on port 0 is never dialled.
#[test]
fn a_url_on_port_zero_is_a_placeholder() {
    let t = config("");
    t.pass(
        "src/client.rs",
        "fn c() { let e = Endpoint::try_from(\"http://atuin_local_daemon:0\"); }\n",
    );
    t.pass(
        "src/client.ts",
        "const e = new Endpoint(\"http://api.acme.io:0\");\n",
    );
    // near-misses: a real port, a port that starts with 0 but is not 0, no port
    assert_eq!(
        t.lines(
            "src/api.ts",
            "const a = \"http://api.acme.io:8080/v1\";\nconst b = \"http://api.acme.io:0080/v1\";\nconst c = \"https://api.acme.io/v1\";\n"
        ),
        vec![1, 2, 3]
    );
}

/// openstatus: `{ value: "production", label: "Production" }` in a list of monitor-tag options
/// was an environment name "assigned in code"; an option's value, a tag or a label is a name
/// the product shows. Near-misses that stay reported: the environment assigned or compared
/// under an environment's name, a variable named `value` compared with one.
#[test]
fn an_options_value_or_a_tag_is_not_an_environment_name() {
    let t = config("detectors = [\"env-name\"]");
    assert_eq!(
        t.lines(
            "src/tags.ts",
            "export const tags = [{ value: \"production\", label: \"Production\" }, { value: \"staging\" }];\nconst m = { tag: \"production\", tags: [\"staging\"] };\nconst d = { environment: \"production\" };\nif (value === \"staging\") warn();\nconst stage = \"staging\";\n"
        ),
        vec![3, 4, 5]
    );
}

/// unkey: `environments.find((e) => e.kind === "production")` (a project's environments are
/// records of the product) and a form field named after one (`useWatch({ control, name:
/// "production" })`) were environment names in code, and so were the members of an enum written
/// as an object (`EnvironmentKind = { Production: "production" }`). Near-misses that stay
/// reported: a config field compared, a bare variable compared, a field named for the
/// environment, a member named after another environment.
#[test]
fn a_records_kind_or_a_fields_name_is_not_an_environment_name() {
    let t = config("detectors = [\"env-name\"]");
    assert_eq!(
        t.lines(
            "src/deploy.ts",
            "const prod = environments.find((e) => e.kind === \"production\");\nconst p = useWatch({ control, name: \"production\" });\nif (env.slug !== \"preview\") skip();\nif (config.stage === \"production\") warn();\nif (kind === \"staging\") warn();\nconst d = { environment: \"production\" };\nexport const EnvironmentKind = { Production: \"production\", Preview: \"preview\" } as const;\nconst e = { Staging: \"production\" };\n"
        ),
        vec![4, 5, 6, 8]
    );
}

/// zellij: the font hosts of a fixed Content-Security-Policy header were hardcoded URLs; the
/// origins a policy lists are its allowed sources. Near-misses that stay reported: the same
/// host outside a policy, a string that only mentions a `-src` word.
#[test]
fn the_origins_of_a_content_security_policy_are_its_sources() {
    let t = config("");
    assert_eq!(
        t.lines(
            "src/web.rs",
            "fn csp() -> &'static str {\n    \"default-src 'self'; style-src 'self' https://fonts.googleapis.com; font-src https://fonts.gstatic.com\"\n}\nconst FONTS: &str = \"https://fonts.gstatic.com/s\";\nconst X: &str = \"see img-src-docs at https://api.acme.io/v1\";\n"
        ),
        vec![4, 5]
    );
    assert_eq!(
        t.lines(
            "src/next.ts",
            "const csp = `default-src 'self'; connect-src 'self' https://api.acme.io wss:`;\nconst api = \"https://api.acme.io/v1\";\n"
        ),
        vec![2]
    );
}

/// A string in a Rust attribute's arguments is metadata however deep its token trees nest:
/// an OpenAPI example (`#[request(example = "https://…")]`, a `json!` example inside
/// `#[routes::path(responses((…)))]`, meilisearch's webhook routes). A macro call's strings
/// in code stay reported.
#[test]
fn strings_in_attribute_token_trees_are_metadata() {
    let t = config("");
    let rs = "struct W {\n    #[request(default, schema_type = Option<String>, example = \"https://your.site/hook\")]\n    url: String,\n}\n#[routes::path(\n    responses(\n        (status = OK, body = W, example = json!({\n            \"results\": [{ \"url\": \"https://your.site/hook\" }]\n        }))\n    )\n)]\npub fn f() {}\nfn g() -> String { format!(\"https://api.acme.io/{}\", 1) }\nfn h() { let v = vec![(\"https://api.acme.io/v2\")]; }\n";
    // near-misses: format! and vec! token trees in code are still code
    assert_eq!(t.lines("src/routes.rs", rs), vec![13, 14]);
}

/// `own_urls = "configured"` names a place only where the file can use it: its own workspace
/// package or one its manifest depends on (the seed-1609 readers: a sitemap and an RSS feed of
/// the marketing site told to use the dashboard's private `BASE_URL`, a standalone embed script
/// told to use the Stripe app's `DUB_HOST`). A place in another app answers nothing: the
/// address is then content there, unless the code calls it. Near-misses that stay reported
/// with the place named: a file of the same package, a file of a package that depends on the
/// one holding the constant; and an endpoint the code calls stays reported without one.
#[test]
fn a_place_in_a_package_the_file_cannot_import_answers_nothing() {
    let fields = "detectors = [\"url\", \"host\"]\nown_domains = [\"acme.io\"]\nenv_switched = \"allow\"\nown_urls = \"configured\"";
    let t = config(fields);
    let files = [
        ("package.json", "{ \"name\": \"root\" }"),
        ("packages/utils/package.json", "{ \"name\": \"@acme/utils\" }"),
        (
            "packages/utils/src/main.ts",
            "export const APP_DOMAIN = process.env.VERCEL_ENV === \"production\" ? \"https://app.acme.io\" : \"http://localhost:8888\";\n",
        ),
        (
            "apps/dash/package.json",
            "{ \"name\": \"dash\", \"dependencies\": { \"@acme/utils\": \"workspace:*\" } }",
        ),
        (
            "apps/dash/lib/site.ts",
            "export const BASE_URL = process.env.NODE_ENV === \"production\" ? \"https://www.acme.io\" : \"http://localhost:3000\";\n",
        ),
        (
            "apps/dash/app/page.ts",
            "const a = \"https://www.acme.io/pricing\";\nconst b = \"https://app.acme.io/settings\";\n",
        ),
        ("apps/web/package.json", "{ \"name\": \"web\" }"),
        (
            "apps/web/app/sitemap.ts",
            "const a = \"https://www.acme.io/blog\";\nconst b = \"https://app.acme.io/login\";\nfetch(\"https://api.acme.io/v1/status\");\n",
        ),
    ];
    let run = t.run(&files);
    let at = |file: &str| -> Vec<usize> {
        run.found()
            .into_iter()
            .filter(|(f, _, _)| f == file)
            .map(|(_, l, _)| l)
            .collect()
    };
    let help = |file: &str, line: usize| -> String {
        run.findings()
            .iter()
            .find(|f| f.file == file && f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    // the same app, and a dependency's switch
    assert_eq!(at("apps/dash/app/page.ts"), vec![1, 2]);
    assert!(help("apps/dash/app/page.ts", 1).contains("`BASE_URL` (apps/dash/lib/site.ts:1)"));
    assert!(
        help("apps/dash/app/page.ts", 2).contains("`APP_DOMAIN` (packages/utils/src/main.ts:1)")
    );
    // another app's constant and an undeclared package's: content; the called API stays
    assert_eq!(at("apps/web/app/sitemap.ts"), vec![3]);
    let h = help("apps/web/app/sitemap.ts", 3);
    assert!(!h.contains("BASE_URL") && !h.contains("APP_DOMAIN"), "{h}");
}

/// A ternary on the host the code runs at (`host === "preview.acme.io" ? "https://preview…" :
/// "https://app…"`, dub's embed script) is the deployment's own switch: its branches are
/// configuration in place with `env_switched = "allow"`. Near-misses that stay reported: a
/// ternary on something else, a host compared without `==`, and the same under "report".
#[test]
fn a_switch_on_the_host_the_code_runs_at_is_configuration_in_place() {
    let src = "const host = window.location.hostname;\n\
const e = host === \"localhost\" && port === \"8888\"\n  ? \"http://localhost:8888\"\n  : host === \"preview.acme.io\"\n    ? \"https://preview.acme.io\"\n    : \"https://app.acme.io\";\n\
const p = isPro ? \"https://pro.acme.io\" : \"https://app.acme.io\";\n\
const q = host.endsWith(\"acme.io\") ? \"https://a.acme.io\" : \"https://b.acme.io\";\n";
    let t = config("detectors = [\"url\"]\nenv_switched = \"allow\"");
    assert_eq!(t.lines("src/embed.ts", src), vec![7, 7, 8, 8]);
    let strict = config("detectors = [\"url\"]");
    assert_eq!(strict.lines("src/embed.ts", src), vec![3, 5, 6, 7, 7, 8, 8]);
}

/// A module-level constant map named for endpoints or URLs (`MAILING_LIST_ENDPOINTS = {
/// security: "https://…", … }`, formbricks: a blind reader's N, whose help named the
/// license-check `ENDPOINT` switching another address on that host) holds the addresses once,
/// by name: configuration in place under `own_urls = "configured"`. It answers no other
/// place (dub's `HOSTNAME_TO_ORIGIN` is an allowlist, not settings). Near-misses that stay
/// reported: a map with another name, the same map inside a function, and a map entry whose
/// own base is switched per environment elsewhere.
#[test]
fn a_module_level_map_named_for_endpoints_is_configuration_in_place() {
    let t = config("detectors = [\"url\"]\nown_domains = [\"acme.io\"]\nenv_switched = \"allow\"\nown_urls = \"configured\"");
    let files = [
        (
            "src/license.ts",
            "const E = env.ENVIRONMENT === \"staging\" ? \"https://staging.ee.acme.io/api/check\" : \"https://ee.acme.io/api/check\";\n\
const W = env.ENVIRONMENT === \"staging\" ? \"https://staging.www.acme.io\" : \"https://www.acme.io\";\n",
        ),
        (
            "src/mailing.ts",
            "const MAILING_LIST_ENDPOINTS: Record<Id, string> = {\n  security: \"https://ee.acme.io/api/v1/security\",\n  updates: \"https://ee.acme.io/api/v1/updates\",\n} as const;\n\
const COPY = { security: \"https://ee.acme.io/api/v1/security\" };\n\
function f() { const API_URLS = { a: \"https://ee.acme.io/api/v1/a\" }; return API_URLS; }\n\
export const SITE_URLS = { blog: \"https://www.acme.io/blog\" };\n",
        ),
    ];
    let run = t.run(&files);
    let lines: Vec<usize> = run
        .found()
        .into_iter()
        .filter(|(f, _, _)| f == "src/mailing.ts")
        .map(|(_, l, _)| l)
        .collect();
    assert_eq!(lines, vec![5, 6, 7]);
    let help = |line: usize| {
        run.findings()
            .iter()
            .find(|f| f.file == "src/mailing.ts" && f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    // the map names no other value (it may be an allowlist); the copy and a function's
    // address are only on a switched host
    assert!(
        help(5).contains("for another address on that host"),
        "{}",
        help(5)
    );
    assert!(
        help(6).contains("for another address on that host"),
        "{}",
        help(6)
    );
    assert!(help(7).contains("`W` (src/license.ts:2) switches it; use that value"));
}

/// A secret-like value whose own words say it is a stand-in (`vault-test-token-123` of a local
/// docker stack, a seed-1609 reader's N on unkey; formbricks' integration harness secret) is
/// not a credential. Near-misses that stay reported: a random hex value (no word in it), a
/// value where `test` is only part of a word (`latest`), and a key in a known format whatever
/// it says (an AWS example key).
#[test]
fn a_secret_whose_words_say_it_is_a_stand_in_is_not_one() {
    let t = config("detectors = [\"secret\"]");
    let src = "const a = { VAULT_TOKEN: \"vault-test-token-123\" };\n\
process.env.AUTH_SECRET ??= \"integration-test-auth-secret-0123456789abcdef\";\n\
const XOR_SECRET_KEY = \"58ff90c0dc372ded858cbf8fb2306066\";\n\
const apiToken = \"latest9f8e7d6c5b4a39281706f5e4\";\n\
const key = \"AKIAIOSFODNN7EXAMPLE\";\n";
    assert_eq!(t.lines("src/local.ts", src), vec![3, 4, 5]);
}

/// Addresses reserved for documentation (RFC 5737, RFC 3849) never name a server: a socket
/// "connected" to `192.0.2.0:80` only picks the outgoing interface (a blind reader of a day-one
/// run: noise). Near-misses that stay reported: the addresses next to those ranges, a private
/// address and a global IPv6 address.
#[test]
fn documentation_addresses_are_examples() {
    let src = "socket.connect(\"192.0.2.0:80\")?;\n\
let a = \"198.51.100.7\";\n\
let b = \"203.0.113.5\";\n\
let c = \"2001:db8::1\";\n\
let d = \"192.0.3.1\";\n\
let e = \"198.51.101.7\";\n\
let f = \"10.0.0.1:5432\";\n\
let g = \"2001:db9::1\";\n";
    let t = config("detectors = [\"host\"]");
    assert_eq!(t.lines("src/net.rs", src), vec![5, 6, 7, 8]);
}

/// Example data in production code: the values inside an object or array declared as samples,
/// mocks, fakes, examples, demo data, fixtures or a template's preview props are the
/// example's (a webhook catalogue's sample payloads, a dashboard demo's fixtures, a React Email
/// template's `PreviewProps`: three fresh-repository readers' N). Near-misses that stay
/// reported: an address bound directly to a demo name (a demo deployment's own URL), a sampling
/// setting (`sampleRate`), the same values in an ordinary record, and a key in a known format
/// inside samples.
#[test]
fn values_inside_example_data_are_the_examples() {
    let t = config("");
    let src = "import { type SampleRecord } from \"./sampleRecord\";\n\
export const samples: SampleRecord[] = [\n\
  { body: { token: \"Jhj5dZrVaK7ZwHHjRyZWjbDl\", ip: \"10.0.3.7\", environment: \"production\" } },\n\
];\n\
export const demoHealthyReport: Report = { scope: \"prod\", url: \"https://api.acme.io/v1\" };\n\
const mockUsers = [{ password: \"q8Zt3nW0rX5vB2mK7pL9\" }];\n\
const previewDefaults = { environment: \"production\" };\n\
Email.PreviewProps = { unsubscribeToken: \"preview-tok3n-9f8e7d6c5b\", baseUrl: \"https://app.acme.io\" };\n\
const fixtures = { db: { port: 5432 } };\n\
const demoUrl = \"https://demo.acme.io\";\n\
const sampleRate = { endpoint: \"https://ingest.acme.io\" };\n\
const record = { body: { token: \"Jhj5dZrVaK7ZwHHjRyZWjbDl\", ip: \"10.0.3.7\", environment: \"production\" } };\n\
const exampleKeys = [{ key: \"AKIAIOSFODNN7EXAMPLE\" }];\n";
    assert_eq!(
        t.lines("src/webhooks/samples.ts", src),
        vec![10, 11, 12, 12, 12, 13]
    );
    let rs = "const SAMPLES: &[Sample] = &[Sample { host: \"10.0.3.7\" }];\n\
const SERVERS: &[Server] = &[Server { host: \"10.0.3.8\" }];\n";
    assert_eq!(t.lines("src/samples.rs", rs), vec![2]);
}

/// A Rust format string whose host is wholly a placeholder (`format!("http://{}", addr)`,
/// `"http://{addr}"`, `"http://{}:{}"`, a log line `println!("serving on http://{}", addr)`)
/// builds the URL from a configured address, as `http://${host}` does in TypeScript; a
/// snippet's placeholder (`"https://${example.com}"`) is no host either (blind readers' N on a
/// fresh Rust repository). Near-misses that stay reported: a host partly substituted, a fixed
/// host with a substituted port, an escaped brace, a fixed host in a log line.
#[test]
fn a_rust_format_placeholder_for_the_host_is_configuration() {
    let t = config("detectors = [\"url\"]");
    let src = "fn f(addr: &str, port: u16) {\n\
let a = format!(\"http://{}\", addr);\n\
let b = format!(\"http://{addr}/index.html\");\n\
let c = format!(\"http://{}:{}\", addr, port);\n\
println!(\"serving on http://{0:?}\", addr);\n\
tracing::info!(\"listening at https://{host}\", host = addr);\n\
complete(\"hyperlink\", \"https://${example.com}\");\n\
let g = format!(\"http://{}.acme.io\", addr);\n\
let h = format!(\"http://db.acme.io:{}\", port);\n\
let i = format!(\"http://{{}}.acme.io\");\n\
println!(\"see http://status.acme.io/{}\", addr);\n\
}\n";
    assert_eq!(t.lines("src/serve.rs", src), vec![8, 9, 10, 11]);
}

/// A documented named constant is the one place of its port already: a Rust `const`/`static`
/// with a doc comment, one local to a function whose doc comment names its value, and a TS
/// module-level `const` in capitals with a JSDoc comment (a blind reader's N on a Rust
/// repository's `BASE_PORT`). Near-misses that stay reported: the same constants undocumented,
/// with a plain comment, in a function whose doc does not name the value, and a documented
/// `let` binding.
#[test]
fn a_documented_named_constant_is_the_place_of_its_port() {
    let t = config("detectors = [\"port\"]");
    let rs = "/// The port the preview server tries first.\n\
pub const BASE_PORT: u16 = 3000;\n\
const OTHER_PORT: u16 = 3001;\n\
// not a doc comment\n\
static PLAIN_PORT: u16 = 3002;\n\
/// Tries a free port in `4000..=4005`.\n\
fn start() {\n    const FIRST_PORT: u16 = 4000;\n    let port = 4001;\n}\n\
/// Starts the server.\n\
fn run() {\n    const RUN_PORT: u16 = 5000;\n}\n";
    assert_eq!(t.lines("src/server.rs", rs), vec![3, 5, 9, 13]);
    let ts = "/** The collector's OTLP port. */\n\
export const OTLP_PORT = 4318;\n\
const HTTP_PORT = 8123;\n\
/** The port. */\n\
let port = 9000;\n";
    assert_eq!(t.lines("src/otel.ts", ts), vec![3, 5]);
}

/// The help on Rust code names a place that fits a crate: not a TS convention
/// (`**/*.config.*`) of `allow_in` (a blind reader's N); a glob that can hold a Rust module is
/// still named, and TS code keeps the TS glob.
#[test]
fn the_help_on_rust_code_fits_a_crate() {
    let help = |allow: &str, file: &str, src: &str| {
        let t = config(&format!("allow_in = [{allow}]\ndetectors = [\"url\"]"));
        let run = t.run(&[(file, src)]);
        run.findings()[0].help.clone().unwrap_or_default()
    };
    let rs = "let u = \"https://api.acme.io\";\n";
    let h = help("\"**/*.config.*\"", "src/a.rs", rs);
    assert!(
        !h.contains("*.config.*") && h.contains("config module or settings struct"),
        "{h}"
    );
    let h = help("\"**/*.config.*\", \"src/config/**\"", "src/a.rs", rs);
    assert!(
        h.contains("`src/config/**`") && !h.contains("*.config.*"),
        "{h}"
    );
    let h = help(
        "\"**/*.config.*\"",
        "src/a.ts",
        "const u = \"https://api.acme.io\";\n",
    );
    assert!(h.contains("`**/*.config.*`"), "{h}");
}

/// A regular expression holding a URL scheme is a pattern, not an address: the first argument
/// of a regex constructor and a string with regex syntax (a blind reader's N on a table of
/// quick-select patterns). Near-misses that stay reported: a URL passed to another call, a URL
/// with a question mark in its query, and a URL beside a regex call's second argument.
#[test]
fn a_regex_with_a_url_scheme_is_a_pattern() {
    let t = config("detectors = [\"url\"]");
    let rs = "const PATTERNS: [&str; 2] = [\n    r\"(?:https?://|git@|git://|ssh://|ftp://|file://)\\S+\",\n    r\"--- a/(\\S+)\",\n];\n\
fn f() {\n    let re = Regex::new(r\"https://api\\.acme\\.io/([a-z]+)\").unwrap();\n    let u = get(\"https://api.acme.io/v1?q=1\");\n}\n";
    assert_eq!(t.lines("src/quickselect.rs", rs), vec![7]);
    let ts = "const re = new RegExp(\"https://acme\\\\.io/(.+)\");\n\
const ok = re.test(\"https://acme.io/a\");\n\
const r2 = new RegExp(\"x\", \"https://acme.io/flags\");\n";
    assert_eq!(t.lines("src/links.ts", ts), vec![2, 3]);
}

/// 443 beside `https` and 80 beside `http` (or a choice between the two) are the scheme's
/// default port, no setting of their own (a held-out reader's N on a proxy rewrite); a URL
/// whose port is an expression with a colon (`${secure ? "443" : "80"}`) keeps its host
/// substituted (a fresh repository's finding). Near-misses that stay reported: the port alone,
/// another port beside the scheme, a mismatched scheme, and a fixed host before such a port.
#[test]
fn a_schemes_default_port_beside_it_is_not_configuration() {
    let t = config("detectors = [\"port\", \"url\"]");
    let ts = "function f(url, secure, opts) {\n\
  url.protocol = \"https\";\n\
  url.port = \"443\";\n\
  const o = { protocol: \"http\", port: 80 };\n\
  const p = { port: secure ? 443 : 80 };\n\
  const u = `${opts.secure ? \"wss\" : \"ws\"}://${opts.host}:${opts.port ?? (opts.secure ? \"443\" : \"80\")}/x`;\n\
}\n\
function h(url) {\n\
  url.port = \"443\";\n\
}\n\
function g(url, opts) {\n\
  const a = { protocol: \"https\", port: 8443 };\n\
  const b = { protocol: \"http\", port: 443 };\n\
  const c = `http://db.acme.io:${opts.secure ? \"443\" : \"80\"}/x`;\n\
}\n";
    assert_eq!(t.lines("src/proxy.ts", ts), vec![9, 12, 13, 14]);
}

/// An environment name compared with the code's input (a function's parameter, a CLI option, a
/// request's data, a prompt's answer), passed in a request's argument object, shown as an
/// example or a key, or in a table between two namings of the environments is one of the
/// product's environments as a value (fresh-repository readers' N on a deploy CLI's guard, a
/// presenter's argument, an env-type → API-name table, a setup CLI's prompt). Near-misses that
/// stay reported: a local read from the environment, a local from another call, a client's
/// setup call, a plain assignment and an environment read compared.
#[test]
fn an_environment_name_as_the_products_value_is_not_a_switch() {
    let t = config("detectors = [\"env-name\"]");
    let src = "async function verify(dir, opts) {\n\
  if (dir === \"staging\") throw new Error(\"x\");\n\
  if (opts.env === \"production\") opts.env = \"prod\";\n\
  const { env } = parsed.data;\n\
  if (env === \"development\") return;\n\
  await presenter.call({ env: \"development\" });\n\
  const mode = await p.select({ options: [] });\n\
  if (mode === \"development\") return;\n\
}\n\
const ENV_NAME_BY_TYPE = { STAGING: \"staging\", PRODUCTION: \"prod\" };\n\
const o = { key: \"staging\", example: \"prod\" };\n\
const current = process.env.APP_ENV;\n\
if (current === \"production\") {}\n\
function f() { const stage = getStage(); if (stage === \"staging\") {} }\n\
Sentry.init({ environment: \"production\" });\n\
const env = \"production\";\n\
if (process.env.APP_ENV === \"staging\") {}\n\
function link(env: DeployOptions[\"env\"]) { return env === \"prod\" ? \"a\" : \"b\"; }\n\
function connect(env: string) { if (env === \"staging\") warn(); }\n\
function title(appEnv?: string) { return appEnv === \"production\" ? \"\" : \"x\"; }\n\
function label(slug: EnvSlug) { switch (slug) { case \"prod\": return \"P\"; } }\n\
function parse() { const env = getArg(\"env\"); if (env === \"prod\") return 1; }\n\
function read() { const env = getStage(); switch (env) { case \"prod\": return 1; } }\n";
    assert_eq!(
        t.lines("src/cli/deploy.ts", src),
        vec![13, 14, 15, 16, 17, 19, 20, 23]
    );
    let tsx =
        "const a = <BranchList env=\"development\" />;\nconst b = <div data-env=\"staging\" />;\n";
    assert_eq!(t.lines("src/branches.tsx", tsx), vec![2]);
}

/// A wildcard where the host goes is a scheme test in a pattern (SQL `LIKE 'https://%'`, a
/// glob `http://*`), not an address; a wildcard subdomain of a real host stays a URL.
#[test]
fn a_wildcard_in_place_of_the_host_is_a_pattern() {
    let t = config("detectors = [\"url\"]");
    assert_eq!(
        t.lines(
            "src/q.ts",
            "const q = sql`CASE WHEN ${url} LIKE 'https://%' THEN 1 WHEN ${url} LIKE 'http://%' THEN 2 END`;\nconst g = \"http://*\";\nconst w = \"https://*.acme.io/hook\";\nconst p = sql`WHERE url LIKE 'https://api.acme.io/%'`;\n"
        ),
        vec![3, 4]
    );
}

// karakeep: the CLI's `DEFAULT_SERVER_ADDR` (apps/cli, a config file) holds the cloud URL the
// mobile app also hardcodes; the mobile app was told to use it, though it cannot import the
// CLI. A key is named only where its config file can be imported: the same package, the
// root, or a package the file's manifest depends on.
#[test]
fn the_key_named_is_one_the_files_package_can_import() {
    let t = Tester::new(
        "[[rule]]\nid = \"c\"\nkind = \"hardcoded-config\"\nmessage = \"{what}\"\ndetectors = [\"url\"]\nconfig_files = [\"apps/cli/src/config.ts\", \"packages/shared/config.ts\"]\nallow_in = [\"apps/cli/src/config.ts\", \"packages/shared/config.ts\"]\n",
    );
    let run = t.run(&[
        ("apps/cli/package.json", "{\"name\": \"cli\"}\n"),
        (
            "apps/cli/src/config.ts",
            "export const DEFAULT_SERVER_ADDR = \"https://cloud.acme.app\";\n",
        ),
        ("packages/shared/package.json", "{\"name\": \"@acme/shared\"}\n"),
        (
            "packages/shared/config.ts",
            "export const API_URL = \"https://api.acme.app/v1\";\n",
        ),
        ("apps/cli/src/login.ts", "export const a = fetch(\"https://cloud.acme.app\");\n"),
        (
            "apps/mobile/package.json",
            "{\"name\": \"mobile\", \"dependencies\": {\"@acme/shared\": \"*\"}}\n",
        ),
        (
            "apps/mobile/signin.ts",
            "export const a = fetch(\"https://cloud.acme.app\");\nexport const b = fetch(\"https://api.acme.app/v1\");\n",
        ),
    ]);
    let help = |file: &str, line: usize| {
        run.findings()
            .iter()
            .find(|f| f.file == file && f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_else(|| panic!("no finding at {file}:{line}: {:#?}", run.findings()))
    };
    // the CLI's own file: its own package's key
    assert!(help("apps/cli/src/login.ts", 1).contains("use `DEFAULT_SERVER_ADDR`"));
    // the mobile app cannot import the CLI: no key named
    let mobile = help("apps/mobile/signin.ts", 1);
    assert!(!mobile.contains("DEFAULT_SERVER_ADDR"), "{mobile}");
    // near-miss: a key of a package it depends on is still named
    assert!(help("apps/mobile/signin.ts", 2).contains("API_URL"));
}

// inbox-zero's CLI writes `https://your-redis-url` into the `.env` it
// generates, for the user to fill in (a seed-2000 reader's N): a host that starts with `your`
// is a blank, not an endpoint. Near-misses: `young.acme.io`, `api.your-team.acme.io` (only the
// first label counts) and a URL whose path says `your` stay reported.
#[test]
fn a_host_for_the_user_to_fill_in_is_not_configuration() {
    let mut t = config("detectors = [\"url\"]");
    t.expect(
        &[(
            "src/setup.ts",
            "export const a = { url: \"https://your-redis-url\" };\nexport const b = fetch(\"https://yourdomain.com/api\");\nexport const c = fetch(\"https://your.site/hook\");\nexport const d = fetch(\"https://young.acme.io/api\");\nexport const e = fetch(\"https://api.your-team.acme.io/v1\");\nexport const f = fetch(\"https://api.acme.io/your/v1\");\n",
        )],
        &[("src/setup.ts", 4, "cfg"), ("src/setup.ts", 5, "cfg"), ("src/setup.ts", 6, "cfg")],
    );
}

// trigger.dev's SSRF guard compares a host with `::`, `::0` and `0:0:0:0:0:0:0:0` (a seed-2000
// reader's N); `init`'s `allow_hosts` lists `::1` and `0.0.0.0`, and only the spelling `::1`
// was allowed. An allowed address is allowed in every spelling, and `init` lists `::`.
// Near-misses: another address, and one in a URL, stay reported.
#[test]
fn an_allowed_address_is_allowed_however_it_is_spelled() {
    let mut t = config("detectors = [\"host\", \"url\"]\nallow_hosts = [\"::\", \"::1\"]");
    t.expect(
        &[(
            "src/ssrf.ts",
            "export const a = (h: string) => h === \"::0\" || h === \"0:0:0:0:0:0:0:0\" || h === \"[::]\";\nexport const b = (h: string) => h === \"0:0:0:0:0:0:0:1\";\nexport const c = \"fd00::5\";\nexport const d = fetch(\"http://[fd00::5]:8080/x\");\n",
        )],
        &[("src/ssrf.ts", 3, "cfg"), ("src/ssrf.ts", 4, "cfg")],
    );
}

// openpanel: a table of domains to their icons holds `'openpanel.dev': 'https://openpanel.dev'`;
// its key's last segment `dev` was read as an environment, and three own-domain URLs were told
// "`openpanel.dev` differs per environment: `dev` switches it" (a seed-2100 reader's N). A
// quoted host key is one name. Near-miss: a `{ dev: …, production: … }` table still switches
// its host per environment.
#[test]
fn a_host_key_is_not_an_environment_key() {
    let fields = "detectors = [\"url\"]\nown_domains = [\"acme.dev\", \"acme.io\"]\nown_urls = \"configured\"";
    let t = config(fields);
    let run = t.run(&[
        (
            "src/icons.ts",
            "export const icons = { 'acme.dev': 'https://acme.dev', bing: 'https://bing.com' };\n",
        ),
        (
            "src/urls.ts",
            "export const urls = { dev: 'https://dev.acme.io', production: 'https://acme.io' };\n",
        ),
        (
            "src/snippet.ts",
            "export const a = fetch(\"https://acme.dev/op1.js\");\nexport const b = fetch(\"https://acme.io/api\");\n",
        ),
    ]);
    let help = |line: usize| {
        run.findings()
            .iter()
            .find(|f| f.file == "src/snippet.ts" && f.line == line)
            .and_then(|f| f.help.clone())
            .unwrap_or_default()
    };
    assert!(!help(1).contains("differs per environment"), "{}", help(1));
    assert!(help(2).contains("differs per environment"), "{}", help(2));
}

// openpanel's self-hosting quiz shows `postgresql://user:pw@host:port/db` as the format it
// expects: a port that is a word makes the URL a template, not an endpoint. Near-misses: a
// numeric port and a substituted one stay reported.
#[test]
fn a_url_whose_port_is_a_word_is_a_template() {
    let mut t = config("detectors = [\"url\"]");
    t.expect(
        &[(
            "src/quiz.ts",
            "export const dsn = \"postgresql://user:pw@host:port/db\";\nexport const b = fetch(\"http://db.acme.io:5432/x\");\nexport const c = fetch(`http://db.acme.io:${port}/x`);\n",
        )],
        &[("src/quiz.ts", 2, "cfg"), ("src/quiz.ts", 3, "cfg")],
    );
}

#[test]
fn a_setup_script_that_writes_the_env_file_generates_configuration() {
    let t = config("detectors = [\"url\", \"secret\"]");
    let script = "import { writeFileSync } from \"node:fs\";\nconst envPath = resolve(dir, \".env\");\nconst env = {\n  DATABASE_URL: `postgresql://postgres:${password}@db:5432/app`,\n  REDIS_URL: \"redis://cache:6379\",\n};\nconst awsKey = \"AKIAIOSFODNN7EXAMPLE\";\nwriteFileSync(envPath, serialise(env));\n";
    // the generated values are the configuration; a key in a known format is still a key
    assert_eq!(t.lines("packages/cli/src/setup.ts", script), vec![7]);
    // near-misses: the same values in a file that only reads the `.env`, or writes another file
    let reads = script.replace("writeFileSync", "readFileSync");
    assert_eq!(t.lines("packages/cli/src/setup.ts", &reads), vec![4, 5, 7]);
    let other = script.replace("\".env\"", "\"compose.yaml\"");
    assert_eq!(t.lines("packages/cli/src/setup.ts", &other), vec![4, 5, 7]);
}

#[test]
fn a_key_typed_as_the_alphabet_is_a_stand_in() {
    let t = config("detectors = [\"secret\"]");
    // keep's preview of disabled API keys; near-miss: a real-looking key two lines below
    assert_eq!(
        t.lines(
            "src/settings.tsx",
            "const rows = [\n  { key: \"sk_test_abcdefghijklmnopqrstuvwxyz123456\" },\n  { key: \"sk_live_4eC39HqLyjWDarjtT1zdp7dc\" },\n];\n"
        ),
        vec![3]
    );
}
