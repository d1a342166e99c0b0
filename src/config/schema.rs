//! The JSON Schema of `archdrift.toml` and of rule files, for editors (taplo, Even Better TOML):
//! generated from the field lists the loader itself checks against (`TOP_FIELDS`,
//! `COMMON_FIELDS`, each kind's `fields`, …), so it cannot drift from what loads. The files in
//! `schema/` are this output; a test holds them to it (`ARCHDRIFT_BLESS=1 cargo test schema`
//! writes them again).
//!
//! Keys are complete (an unknown key is flagged, per kind for rules); the types are given for
//! the shared fields; a kind's own fields accept any value (the loader checks those).

use serde_json::{json, Map, Value};

use super::{
    overrides, suppressions, ADR_FIELDS, CHECK_FIELDS, COMMON_FIELDS, RULE_FILE_FIELDS,
    TESTS_FIELDS, TOP_FIELDS,
};

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

fn severity(with_off: bool) -> Value {
    let mut levels = vec!["error", "warning", "info"];
    if with_off {
        levels.push("off");
    }
    json!({ "type": "string", "enum": levels })
}

/// A closed object of the keys listed, with the types known.
fn object(keys: &[&str], known: &Map<String, Value>) -> Value {
    let props: Map<String, Value> = keys
        .iter()
        .map(|k| (k.to_string(), known.get(*k).cloned().unwrap_or(json!({}))))
        .collect();
    json!({ "type": "object", "properties": props, "additionalProperties": false })
}

fn map(entries: &[(&str, Value)]) -> Map<String, Value> {
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

/// One `[[rule]]`: the common fields typed, each kind's fields allowed for that kind only.
fn rule() -> Value {
    let kinds: Vec<&str> = crate::rules::KINDS.iter().map(|k| k.name).collect();
    let adr = object(
        ADR_FIELDS,
        &map(&[
            ("id", json!({ "type": "string" })),
            ("title", json!({ "type": "string" })),
            (
                "path",
                json!({ "type": "string", "description": "relative to the checked root" }),
            ),
            ("url", json!({ "type": "string" })),
        ]),
    );
    let mut adr = adr;
    adr["required"] = json!(["id"]);
    let common = map(&[
        (
            "id",
            json!({ "type": "string", "pattern": "^\\S+$", "description": "unique, e.g. ts/no-console" }),
        ),
        ("kind", json!({ "type": "string", "enum": kinds })),
        ("severity", severity(false)),
        (
            "message",
            json!({ "type": "string", "description": "`{match}` is what matched; some kinds fill more (`{what}`, `{from}`, `{to}`)" }),
        ),
        ("help", json!({ "type": "string" })),
        ("adr", adr),
        (
            "paths",
            strings("globs of the files the rule looks at (default: all)"),
        ),
        ("exclude", strings("globs of files the rule skips")),
        (
            "tests",
            json!({ "type": "string", "enum": ["include", "exclude", "only"] }),
        ),
    ]);
    let mut all: Vec<&str> = COMMON_FIELDS.to_vec();
    for k in crate::rules::KINDS {
        for f in k.fields {
            if !all.contains(f) {
                all.push(f);
            }
        }
    }
    let mut r = object(&all, &common);
    r["required"] = json!(["id", "kind", "message"]);
    let per_kind: Vec<Value> = crate::rules::KINDS
        .iter()
        .map(|k| {
            let mut keys: Vec<&str> = COMMON_FIELDS.to_vec();
            keys.extend_from_slice(k.fields);
            json!({
                "if": { "properties": { "kind": { "const": k.name } }, "required": ["kind"] },
                "then": { "propertyNames": { "enum": keys } },
            })
        })
        .collect();
    r["allOf"] = Value::Array(per_kind);
    r
}

fn rules_array() -> Value {
    json!({ "type": "array", "items": { "$ref": "#/definitions/rule" } })
}

/// The schema of `archdrift.toml`.
pub(crate) fn config_schema() -> Value {
    let packs: Vec<String> = super::packs::PACKS
        .iter()
        .map(|p| p.include_name())
        .collect();
    let overrides = object(
        overrides::FIELDS,
        &map(&[
            ("severity", severity(true)),
            ("paths", strings("replace the rule's paths")),
            ("exclude", strings("replace the rule's exclude")),
        ]),
    );
    let top = map(&[
        (
            "include",
            json!({ "type": "array", "items": { "type": "string" }, "description": format!("rule files (globs relative to this file) or shipped packs: {}", packs.join(", ")) }),
        ),
        (
            "check",
            object(
                CHECK_FIELDS,
                &map(&[
                    ("exclude", strings("never walked")),
                    ("max_file_size", json!({ "type": "integer", "minimum": 1 })),
                    (
                        "generated",
                        json!({ "type": "boolean", "description": "check files whose head says they are generated (default false: skipped)" }),
                    ),
                ]),
            ),
        ),
        (
            "tests",
            object(
                TESTS_FIELDS,
                &map(&[("paths", strings("what is test code"))]),
            ),
        ),
        ("rule", rules_array()),
        (
            "suppressions",
            object(
                suppressions::FIELDS,
                &map(&[
                    ("missing_reason", severity(true)),
                    ("unused", severity(true)),
                ]),
            ),
        ),
        (
            "adr",
            object(
                crate::adr::SETTINGS_FIELDS,
                &map(&[("paths", strings("ADR folders"))]),
            ),
        ),
        (
            "design_system",
            json!({ "type": "object", "description": "see `archdrift explain design-system`" }),
        ),
        (
            "rules",
            json!({
                "type": "object",
                "description": "overrides: a rule id, glob of ids or kind → severity (or off), paths, exclude",
                "additionalProperties": overrides,
            }),
        ),
    ]);
    let mut s = object(TOP_FIELDS, &top);
    s["$schema"] = json!(DRAFT);
    s["title"] = json!("archdrift.toml");
    s["definitions"] = json!({ "rule": rule() });
    s
}

/// The schema of a rule file (only `[[rule]]` tables).
pub(crate) fn rule_file_schema() -> Value {
    let mut s = object(RULE_FILE_FIELDS, &map(&[("rule", rules_array())]));
    s["$schema"] = json!(DRAFT);
    s["title"] = json!("archdrift rule file");
    s["definitions"] = json!({ "rule": rule() });
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema");

    fn pretty(v: &Value) -> String {
        serde_json::to_string_pretty(v).unwrap() + "\n"
    }

    #[test]
    fn shipped_schemas_are_the_generated_ones() {
        for (name, v) in [
            ("archdrift.schema.json", config_schema()),
            ("archdrift-rules.schema.json", rule_file_schema()),
        ] {
            let path = Path::new(DIR).join(name);
            if std::env::var_os("ARCHDRIFT_BLESS").is_some() {
                std::fs::create_dir_all(DIR).unwrap();
                std::fs::write(&path, pretty(&v)).unwrap();
            }
            let shipped = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                shipped == pretty(&v),
                "{name} is out of date: ARCHDRIFT_BLESS=1 cargo test schema"
            );
        }
    }

    fn validator(v: &Value) -> jsonschema::Validator {
        jsonschema::options().build(v).unwrap()
    }

    fn errors(v: &jsonschema::Validator, text: &str) -> Vec<String> {
        let doc: Value = toml::from_str(text).unwrap();
        v.iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect()
    }

    fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                toml_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }

    #[test]
    fn every_fixture_and_shipped_pack_validates() {
        let config = validator(&config_schema());
        let rules = validator(&rule_file_schema());
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        toml_files(&root.join("fixtures"), &mut files);
        files.push(root.join("archdrift.toml"));
        let mut configs = 0;
        let mut rule_files = 0;
        for f in files {
            if f.file_name().is_none_or(|n| n != "archdrift.toml") {
                continue;
            }
            // only configurations the loader accepts (fixtures of mistakes are left out)
            let Ok(cfg) = crate::config::load(&f) else {
                continue;
            };
            let main = std::fs::read_to_string(&f).unwrap();
            let errs = errors(&config, &main);
            assert!(errs.is_empty(), "{}: {errs:?}", f.display());
            configs += 1;
            // the rule files it includes
            for src in cfg.sources.iter().skip(1) {
                if src.name.ends_with(".toml") {
                    let errs = errors(&rules, &src.text);
                    assert!(errs.is_empty(), "{} {}: {errs:?}", f.display(), src.name);
                    rule_files += 1;
                }
            }
        }
        for p in crate::config::packs::PACKS {
            let errs = errors(&rules, p.text);
            assert!(errs.is_empty(), "{}: {errs:?}", p.name);
        }
        assert!(configs >= 5 && rule_files >= 3, "{configs} {rule_files}");
    }

    #[test]
    fn the_schema_rejects_what_the_loader_rejects() {
        let config = validator(&config_schema());
        let bad = [
            "sevrity = 1\n",
            "[check]\nexlude = []\n",
            "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nsevrity = \"error\"\n",
            // a field of another kind
            "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nlayers = {}\n",
            "[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\nseverity = \"loud\"\n",
            "[rules.\"ts/a\"]\nseverity = \"fatal\"\n",
            "[[rule]]\nkind = \"banned-pattern\"\nmessage = \"m\"\n",
        ];
        for text in bad {
            assert!(!errors(&config, text).is_empty(), "{text}");
        }
        let good = "include = [\"archdrift:ts-hygiene\"]\n[rules.\"ts/*\"]\nseverity = \"off\"\n[[rule]]\nid = \"a\"\nkind = \"banned-pattern\"\nmessage = \"m\"\ncalls = [\"x\"]\n";
        assert!(errors(&config, good).is_empty());
    }
}
