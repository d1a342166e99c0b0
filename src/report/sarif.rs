//! `--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).
//! One run; the driver lists every rule (its ADR as `help`, and as `helpUri` when the ADR has a
//! URL); each result carries its location, `partialFingerprints` (the finding's fingerprint) and
//! `relatedLocations`. Paths are relative to `%SRCROOT%` (the checked root); columns count Unicode
//! code points. Validated against the official schema in `tests/schema/`.
//!
//! A rule's `shortDescription` is its message as it reads: `{match}` becomes `…`, and a message
//! made of a kind's variables (`{what}`) is taken from one of the rule's findings. An ADR given
//! by `path` gets a `helpUri` on the repository's web page when the checked root is in a git
//! repository whose `origin` is on GitHub or GitLab (no network: `.git/config` is read).

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use serde_json::{json, Value};

use crate::core::{stable_hash, Adr, Report, RuleInfo, Severity};

pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// archdrift's home page (the tool's `informationUri`).
fn information_uri() -> &'static str {
    match env!("CARGO_PKG_REPOSITORY") {
        "" => "https://github.com/archdrift/archdrift",
        repo => repo,
    }
}

/// `{name}` placeholders replaced by `…`; whether any but `{match}` was there.
fn fill_unknown(template: &str) -> (String, bool) {
    let mut out = String::with_capacity(template.len());
    let mut vars = false;
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        if name_len > 0 && after[name_len..].starts_with('}') {
            vars |= &after[..name_len] != "match";
            out.push('…');
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    (out, vars)
}

/// A rule's short description: its message with the placeholders filled generically, or, when
/// the message is little more than a kind's variables, the message of one of its findings.
fn short_description(r: &RuleInfo, report: &Report) -> String {
    let (generic, vars) = fill_unknown(&r.message);
    let words = generic.chars().filter(|c| c.is_alphanumeric()).count();
    if !vars || words >= 12 {
        return generic;
    }
    report
        .findings
        .iter()
        .find(|f| f.rule == r.id && !f.redact)
        .map(|f| f.message.clone())
        .unwrap_or_else(|| {
            if words == 0 {
                format!("{} ({})", r.id, r.kind)
            } else {
                generic
            }
        })
}

/// The web address of the repository holding `root` (GitHub or GitLab `origin`), and the path
/// of `root` inside it, from `.git/config`.
pub(crate) fn repository_web(root: &Path) -> Option<(String, String)> {
    let top = root.ancestors().find(|d| d.join(".git").exists())?;
    let dot_git = top.join(".git");
    let git_dir = if dot_git.is_dir() {
        dot_git
    } else {
        // a worktree or submodule: `gitdir: <path>`, and the config is in its common dir
        let text = crate::core::safe_read::read_config_string(&dot_git).ok()?;
        let dir = top.join(text.strip_prefix("gitdir:")?.trim());
        match crate::core::safe_read::read_config_string(&dir.join("commondir")) {
            Ok(c) => dir.join(c.trim()),
            Err(_) => dir,
        }
    };
    let config = crate::core::safe_read::read_config_string(&git_dir.join("config")).ok()?;
    let url = origin_url(&config)?;
    let web = web_url(&url)?;
    let prefix = root
        .strip_prefix(top)
        .ok()?
        .to_string_lossy()
        .replace('\\', "/");
    Some((web, prefix))
}

/// The `url` of `[remote "origin"]` in a git config.
fn origin_url(config: &str) -> Option<String> {
    let mut in_origin = false;
    for line in config.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            in_origin = t.replace(' ', "") == "[remote\"origin\"]";
        } else if in_origin {
            if let Some((k, v)) = t.split_once('=') {
                if k.trim() == "url" {
                    return Some(v.trim().to_string());
                }
            }
        }
    }
    None
}

/// `https://host/owner/repo/blob/HEAD` for a GitHub or GitLab remote (https, ssh or scp-like).
fn web_url(remote: &str) -> Option<String> {
    let rest = remote
        .strip_prefix("https://")
        .or_else(|| remote.strip_prefix("http://"))
        .or_else(|| remote.strip_prefix("ssh://"))
        .or_else(|| remote.strip_prefix("git@"))?;
    // drop credentials (`user:token@`) and the ssh user
    let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
    let at = rest.find(['/', ':'])?;
    let (host, path) = (&rest[..at], &rest[at + 1..]);
    // an ssh port (`host:22/owner/repo`)
    let path = match path.split_once('/') {
        Some((port, p))
            if rest[at..].starts_with(':')
                && !port.is_empty()
                && port.chars().all(|c| c.is_ascii_digit()) =>
        {
            p
        }
        _ => path,
    };
    let path = path.trim_end_matches('/').trim_end_matches(".git");
    let ok = |s: &str| {
        !s.is_empty()
            && s.split('/').count() >= 2
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
    };
    if !ok(path) {
        return None;
    }
    match host {
        "github.com" => Some(format!("https://github.com/{path}/blob/HEAD")),
        "gitlab.com" => Some(format!("https://gitlab.com/{path}/-/blob/HEAD")),
        _ => None,
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference (percent-encoding all but unreserved characters and `/`).
pub(crate) fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn is_web_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

fn adr_text(adr: &Adr) -> Option<String> {
    if adr.id.is_empty() {
        return None;
    }
    Some(match adr.location() {
        Some(loc) => format!("why: {} ({loc})", adr.label()),
        None => format!("why: {}", adr.label()),
    })
}

fn rule_descriptor(r: &RuleInfo, report: &Report, web: Option<&(String, String)>) -> Value {
    let mut help = Vec::new();
    if let Some(h) = &r.help {
        help.push(h.replace("{match}", "…"));
    }
    if let Some(a) = r.adr.as_ref().and_then(adr_text) {
        help.push(a);
    }
    let mut d = json!({
        "id": r.id,
        "shortDescription": { "text": short_description(r, report) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "kind": r.kind, "tags": [r.kind] },
    });
    if let Some(adr) = &r.adr {
        d["fullDescription"] = json!({ "text": format!("Enforces {}", adr.label()) });
        d["properties"]["adr"] = json!(adr);
        if let Some(u) = adr.url.as_deref().filter(|u| is_web_url(u)) {
            d["helpUri"] = json!(u);
        } else if let (Some(p), Some((base, prefix))) = (&adr.path, web) {
            let p = p.trim_start_matches("./");
            let full = if prefix.is_empty() {
                p.to_string()
            } else {
                format!("{prefix}/{p}")
            };
            if !full.split('/').any(|s| s == ".." || s.is_empty()) {
                d["helpUri"] = json!(format!("{base}/{}", uri(&full)));
            }
        }
    }
    if !help.is_empty() {
        d["help"] = json!({ "text": help.join("\n") });
    }
    d
}

fn location(file: &str, region: Value) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(file), "uriBaseId": "%SRCROOT%" },
            "region": region,
        }
    })
}

/// Writes the report; `root` (the checked root) gives ADR paths their web address.
pub(crate) fn write(report: &Report, root: Option<&Path>, out: &mut dyn Write) -> io::Result<()> {
    let web = root.and_then(repository_web);
    let mut rules: Vec<RuleInfo> = report.rules.clone();
    // rules that appear only in findings (e.g. about suppression comments)
    for f in &report.findings {
        if !rules.iter().any(|r| r.id == f.rule) {
            rules.push(RuleInfo {
                id: f.rule.clone(),
                kind: f.kind.clone(),
                severity: f.severity,
                message: f.message.clone(),
                help: f.help.clone(),
                adr: (!f.adr.id.is_empty()).then(|| f.adr.clone()),
            });
        }
    }
    let index: HashMap<&str, usize> = rules
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push('\n');
                text.push_str(h);
            }
            if let Some(a) = adr_text(&f.adr) {
                text.push('\n');
                text.push_str(&a);
            }
            let mut r = json!({
                "ruleId": f.rule,
                "ruleIndex": index.get(f.rule.as_str()).copied().unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location(&f.file, json!({
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                }))],
                // the finding's fingerprint leaves the file out (a baseline follows renames);
                // code-scanning alerts are per file, so the file is added here
                "partialFingerprints": {
                    "archdriftFingerprint/v1":
                        format!("{:016x}", stable_hash(&[&f.file, &f.fingerprint])),
                },
            });
            if !f.related.is_empty() {
                r["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, rel)| {
                            let mut l = location(
                                &rel.file,
                                json!({ "startLine": rel.line, "startColumn": rel.column }),
                            );
                            l["id"] = json!(i);
                            l["message"] = json!({ "text": rel.message });
                            l
                        })
                        .collect(),
                );
            }
            r
        })
        .collect();
    let notifications: Vec<Value> = report
        .problems
        .iter()
        .map(|p| {
            let kind = p.kind.as_str();
            json!({
                "level": if p.kind.is_skip() { "note" } else { "error" },
                "message": { "text": format!("{kind}: {}", p.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(&p.file), "uriBaseId": "%SRCROOT%" } } }],
            })
        })
        .collect();
    let doc = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "archdrift",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": information_uri(),
                "rules": rules.iter().map(|r| rule_descriptor(r, report, web.as_ref())).collect::<Vec<_>>(),
            }},
            "invocations": [{
                "executionSuccessful": true,
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use crate::core::{Finding, Related, Report, RuleInfo, Severity};

    #[test]
    fn related_locations_validate_against_the_official_schema() {
        let finding = Finding {
            rule: "dup/component".into(),
            kind: "duplicate-component".into(),
            severity: Severity::Warning,
            message: "near-copy of Button".into(),
            file: "src/a.tsx".into(),
            line: 3,
            column: 1,
            end_line: 9,
            end_column: 2,
            adr: Default::default(),
            help: None,
            fingerprint: "0123456789abcdef".into(),
            matched: "Btn".into(),
            related: vec![Related {
                file: "src/b.tsx".into(),
                line: 4,
                column: 1,
                message: "the other copy".into(),
            }],
            byte_start: 0,
            byte_end: 0,
            fix: None,
            redact: false,
        };
        let report = Report {
            findings: vec![finding],
            rules: vec![RuleInfo {
                id: "dup/component".into(),
                kind: "duplicate-component".into(),
                severity: Severity::Warning,
                message: "near-copy of {match}".into(),
                help: None,
                adr: None,
            }],
            ..Default::default()
        };
        let mut out = Vec::new();
        super::write(&report, None, &mut out).unwrap();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let related = &doc["runs"][0]["results"][0]["relatedLocations"][0];
        assert_eq!(
            related["physicalLocation"]["artifactLocation"]["uri"],
            "src/b.tsx"
        );
        assert_eq!(related["message"]["text"], "the other copy");
        let schema_path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/schema/sarif-schema-2.1.0.json"
        );
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
        let v = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        let errors: Vec<String> = v.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }

    #[test]
    fn web_addresses_of_remotes() {
        use super::web_url;
        for remote in [
            "https://github.com/acme/shop.git",
            "git@github.com:acme/shop.git",
            "ssh://git@github.com/acme/shop",
            "https://user:tok@github.com/acme/shop/",
            "ssh://git@github.com:22/acme/shop.git",
        ] {
            assert_eq!(
                web_url(remote).as_deref(),
                Some("https://github.com/acme/shop/blob/HEAD"),
                "{remote}"
            );
        }
        assert_eq!(
            web_url("git@gitlab.com:group/sub/app.git").as_deref(),
            Some("https://gitlab.com/group/sub/app/-/blob/HEAD")
        );
        // unknown hosts, local paths and odd names: no address
        assert_eq!(web_url("https://git.example.com/a/b.git"), None);
        assert_eq!(web_url("/srv/git/shop.git"), None);
        assert_eq!(web_url("https://github.com/acme"), None);
        assert_eq!(
            web_url("https://github.com/123org/x").as_deref(),
            Some("https://github.com/123org/x/blob/HEAD")
        );
        assert_eq!(web_url("https://github.com/a/b\"onclick"), None);
        let cfg = "[core]\n\turl = x\n[remote \"upstream\"]\n\turl = https://github.com/u/p\n[remote \"origin\"]\n\turl = git@github.com:o/r.git\n";
        assert_eq!(
            super::origin_url(cfg).as_deref(),
            Some("git@github.com:o/r.git")
        );
    }

    #[test]
    fn short_descriptions_read_as_text() {
        use super::fill_unknown;
        assert_eq!(
            fill_unknown("`{match}` in code"),
            ("`…` in code".into(), false)
        );
        assert_eq!(fill_unknown("{what}"), ("…".into(), true));
        assert_eq!(fill_unknown("a {b c} {}"), ("a {b c} {}".into(), false));
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(super::uri("apps/web/a b#c.ts"), "apps/web/a%20b%23c.ts");
        assert_eq!(super::uri("ç.ts"), "%C3%A7.ts");
    }
}
