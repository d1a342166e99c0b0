//! `--format sarif`: SARIF 2.1.0 for code-scanning services (GitHub, GitLab, Azure DevOps).
//! One run; the driver lists every rule (its ADR as `help`, and as `helpUri` when the ADR has a
//! URL); each result carries its location, `partialFingerprints` (the finding's fingerprint) and
//! `relatedLocations`. Paths are relative to `%SRCROOT%` (the checked root); columns count Unicode
//! code points. Validated against the official schema in `tests/schema/`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{json, Value};

use crate::core::{stable_hash, Adr, Report, RuleInfo, Severity};

pub(crate) const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

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

fn rule_descriptor(r: &RuleInfo) -> Value {
    let mut help = Vec::new();
    if let Some(h) = &r.help {
        help.push(h.replace("{match}", "…"));
    }
    if let Some(a) = r.adr.as_ref().and_then(adr_text) {
        help.push(a);
    }
    let mut d = json!({
        "id": r.id,
        "shortDescription": { "text": r.message.replace("{match}", "…") },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "kind": r.kind, "tags": [r.kind] },
    });
    if let Some(adr) = &r.adr {
        d["fullDescription"] = json!({ "text": format!("Enforces {}", adr.label()) });
        d["properties"]["adr"] = json!(adr);
        if let Some(u) = adr.url.as_deref().filter(|u| is_web_url(u)) {
            d["helpUri"] = json!(u);
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

pub(crate) fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
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
                "rules": rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
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
        super::write(&report, &mut out).unwrap();
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
    fn uris_are_percent_encoded() {
        assert_eq!(super::uri("apps/web/a b#c.ts"), "apps/web/a%20b%23c.ts");
        assert_eq!(super::uri("ç.ts"), "%C3%A7.ts");
    }
}
