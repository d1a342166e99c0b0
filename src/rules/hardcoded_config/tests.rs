//! Tests of `hardcoded_config`.

#![cfg(test)]

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
    // keep's disabled-keys preview: keys typed as the alphabet are stand-ins
    assert!(typed_run("sk_test_abcdefghijklmnopqrstuvwxyz123456"));
    assert!(typed_run("sk_test_zyxwvutsrqponmlkjihgfedcba654321"));
    // near-misses: real-looking keys, a short run
    assert!(!typed_run("sk_live_4eC39HqLyjWDarjtT1zdp7dc"));
    assert!(!typed_run("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"));
    assert!(!typed_run("sk_abc"));
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
    let host = |t: &str, subs: &[(usize, usize)]| -> Vec<(String, String, bool)> {
        find_urls(t, subs)
            .into_iter()
            .map(|u| {
                (
                    t[u.start..u.end].to_string(),
                    t[u.host.0..u.host.1].to_string(),
                    u.host_substituted,
                )
            })
            .collect()
    };
    let one = |a: &str, b: &str, c: bool| vec![(a.to_string(), b.to_string(), c)];
    assert_eq!(
        host("https://user:pw@api.acme.com:8443/v2?x", &[]),
        one(
            "https://user:pw@api.acme.com:8443/v2?x",
            "api.acme.com:8443",
            false
        )
    );
    assert_eq!(host("mailto:a@b.c", &[]), vec![]);
    // prose about schemes (logto's Korean translation, a seed-2200 reader's N): no address
    assert_eq!(host("http:// 또는 https://를 포함해야 합니다", &[]), vec![]);
    assert_eq!(host("use http:// or https://", &[]), vec![]);
    // a host of non-ASCII text (logto's Japanese and Chinese translations: `またはhttps`) is
    // asked whether it is a blank to fill in without a panic at a character boundary
    assert!(!is_fill_in_host("またはhttps"));
    assert!(!is_fill_in_host("。请注意"));
    assert!(is_fill_in_host("your-redis-url"));
    assert!(!is_fill_in_host("yo"));
    // near-misses: an IDN host, localhost
    assert_eq!(
        host("https://例え.jp/x", &[]),
        one("https://例え.jp/x", "例え.jp", false)
    );
    assert_eq!(
        host("http://localhost", &[]),
        one("http://localhost", "localhost", false)
    );
    assert_eq!(host("^https?://", &[]), vec![]);
    assert_eq!(
        host("Learn more: https://acme.org/x.", &[]),
        one("https://acme.org/x", "acme.org", false)
    );
    assert_eq!(
        host("see (https://a.io/x) and\nhttps://b.io", &[]),
        vec![
            ("https://a.io/x".to_string(), "a.io".to_string(), false),
            ("https://b.io".to_string(), "b.io".to_string(), false)
        ]
    );
    // `${account}` at 8..18, `${port}` at 17..24, `${host}` at 7..14, `${proto}` at 0..8
    assert_eq!(
        host("https://${account}.blob.core.windows.net", &[(8, 18)]),
        one(
            "https://${account}.blob.core.windows.net",
            "${account}.blob.core.windows.net",
            false
        )
    );
    assert_eq!(
        host("http://localhost:${port}", &[(17, 24)]),
        one("http://localhost:${port}", "localhost:${port}", false)
    );
    assert_eq!(
        host("http://${host}:8080/x", &[(7, 14)]),
        one("http://${host}:8080/x", "${host}:8080", true)
    );
    assert_eq!(
        host("${proto}://api.acme.io", &[(0, 8)]),
        one("${proto}://api.acme.io", "api.acme.io", false)
    );
    // a host of two substitutions, a `{domain}` placeholder, a list of URLs
    assert_eq!(
        host("https://${d}${k}", &[(8, 12), (12, 16)]),
        one("https://${d}${k}", "${d}${k}", true)
    );
    assert_eq!(
        host("https://{domain}/c/{id}", &[]),
        one("https://{domain}/c/{id}", "{domain}", true)
    );
    assert_eq!(
        host("https://${d}.acme.io${k}", &[(8, 12), (20, 24)]),
        one("https://${d}.acme.io${k}", "${d}.acme.io${k}", false)
    );
    assert_eq!(
        host("https://a.io,https://b.io", &[]),
        vec![
            ("https://a.io".to_string(), "a.io".to_string(), false),
            ("https://b.io".to_string(), "b.io".to_string(), false)
        ]
    );
    // a URL inside a substitution is the nested literal's, not this one's
    assert_eq!(host("${f(\"https://a.io\")}", &[(0, 20)]), vec![]);
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
