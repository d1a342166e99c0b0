//! The packaging files hold together, without network: `action.yml` validates against the GitHub
//! Action metadata schema and every workflow (the release workflow, the README's snippets)
//! against the GitHub workflow schema (both bundled under tests/schema/, from SchemaStore);
//! the Action's documented inputs exist; the cargo-binstall template names the archive that
//! `scripts/package.sh` writes; the npm, PyPI and pre-commit files carry the crate's version and
//! names. `scripts/package.sh --test` builds and installs the packages for real (not run here:
//! it needs a `dist` build).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn yaml(text: &str) -> Value {
    serde_yaml_ng::from_str(text).unwrap_or_else(|e| panic!("YAML: {e}\n{text}"))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let s: Value = serde_json::from_str(&read(&format!("tests/schema/{schema}"))).unwrap();
    jsonschema::options().build(&s).unwrap()
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

/// The ```yaml blocks of the README that are workflows (they have `jobs`).
fn readme_workflows() -> Vec<Value> {
    let readme = read("README.md");
    readme
        .split("```yaml\n")
        .skip(1)
        .filter_map(|b| b.split("\n```").next())
        .map(yaml)
        .filter(|v| v.get("jobs").is_some())
        .collect()
}

#[test]
fn the_action_validates_against_the_action_metadata_schema() {
    let schema = validator("github-action.json");
    let action = yaml(&read("action.yml"));
    assert_valid(&schema, &action, "action.yml");
    // the schema has teeth: a composite step without `shell`, an unknown key
    let mut broken = action.clone();
    broken["runs"]["steps"][0]
        .as_object_mut()
        .unwrap()
        .remove("shell");
    assert!(!schema.is_valid(&broken), "a run step without shell");
    let mut broken = action.clone();
    broken["inputs"]["version"]["descripton"] = "typo".into();
    assert!(!schema.is_valid(&broken), "an unknown input key");
    // what the issue asks of it: SARIF from check, uploaded
    let steps = serde_json::to_string(&action["runs"]["steps"]).unwrap();
    assert!(steps.contains("archdrift check --format sarif"), "{steps}");
    assert!(steps.contains("--baseline"), "{steps}");
    assert!(
        steps.contains("github/codeql-action/upload-sarif@"),
        "{steps}"
    );
    assert!(
        steps.contains("archdrift@$version"),
        "installs the npm package: {steps}"
    );
}

#[test]
fn workflows_validate_against_the_workflow_schema_and_use_declared_inputs() {
    let schema = validator("github-workflow.json");
    let mut workflows = readme_workflows();
    assert!(
        workflows.len() >= 2,
        "the README shows the Action and the manual steps"
    );
    for entry in std::fs::read_dir(root().join(".github/workflows")).unwrap() {
        let p = entry.unwrap().path();
        workflows.push(yaml(&std::fs::read_to_string(&p).unwrap()));
    }
    for w in &workflows {
        assert_valid(&schema, w, &format!("{w:#}"));
    }
    let mut broken = workflows[0].clone();
    broken.as_object_mut().unwrap().remove("jobs");
    assert!(!schema.is_valid(&broken), "a workflow without jobs");

    // every `with:` given to this action names one of its inputs
    let action = yaml(&read("action.yml"));
    let inputs = action["inputs"].as_object().unwrap();
    let mut uses_action = 0;
    for w in &workflows {
        for job in w["jobs"].as_object().unwrap().values() {
            for step in job["steps"].as_array().into_iter().flatten() {
                let uses = step["uses"].as_str().unwrap_or("");
                if !(uses == "./" || uses.contains("/archdrift@")) {
                    continue;
                }
                uses_action += 1;
                for key in step["with"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .map(|(k, _)| k)
                {
                    assert!(inputs.contains_key(key), "input `{key}` of {uses}");
                }
            }
        }
    }
    assert!(
        uses_action >= 1,
        "the README shows the Action in a workflow"
    );
}

fn version() -> String {
    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    cargo["package"]["version"].as_str().unwrap().to_string()
}

#[test]
fn binstall_fetches_the_archive_package_sh_writes() {
    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let meta = &cargo["package"]["metadata"]["binstall"];
    let target = "x86_64-unknown-linux-gnu";
    let v = version();
    let fill = |t: &str| {
        t.replace("{ repo }", "https://example.invalid/archdrift")
            .replace("{ name }", "archdrift")
            .replace("{ version }", &v)
            .replace("{ target }", target)
            .replace("{ archive-suffix }", ".tar.gz")
            .replace("{ bin }", "archdrift")
            .replace("{ binary-ext }", "")
    };
    let url = fill(meta["pkg-url"].as_str().unwrap());
    assert_eq!(meta["pkg-fmt"].as_str(), Some("tgz"));
    let out = Command::new("bash")
        .arg(root().join("scripts/package.sh"))
        .args(["--archive-name", target])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let name = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        url,
        format!(
            "https://example.invalid/archdrift/releases/download/v{v}/{}",
            name.trim()
        )
    );
    // the binary's place inside the archive: the folder package.sh stages
    assert_eq!(
        fill(meta["bin-dir"].as_str().unwrap()),
        format!("archdrift-{v}-{target}/archdrift")
    );
    let script = read("scripts/package.sh");
    assert!(script.contains(r#"stage="$out/archdrift-$version-$triple""#));
}

#[test]
fn npm_pypi_and_pre_commit_files_name_the_packages() {
    let v = version();
    let wrapper: Value = serde_json::from_str(&read("npm/archdrift/package.json")).unwrap();
    assert_eq!(wrapper["name"], "archdrift");
    let bin = wrapper["bin"]["archdrift"].as_str().unwrap();
    assert!(root().join("npm/archdrift").join(bin).is_file());
    // no install script: nothing is downloaded at install time
    assert!(wrapper.get("scripts").is_none(), "{wrapper}");
    let launcher = read("npm/archdrift/bin/archdrift.js");
    assert!(launcher.contains("@archdrift/cli-${platform}-${arch}"));
    let platform = read("npm/platform/package.json");
    assert!(platform.contains(r#""name": "@archdrift/cli-@PLATFORM@""#));

    let py: toml::Table = read("python/pyproject.toml").parse().unwrap();
    assert_eq!(py["project"]["name"].as_str(), Some("archdrift-cli"));
    assert_eq!(py["tool"]["maturin"]["bindings"].as_str(), Some("bin"));
    assert_eq!(py["tool"]["maturin"]["profile"].as_str(), Some("dist"));
    let manifest = py["tool"]["maturin"]["manifest-path"].as_str().unwrap();
    assert!(root().join("python").join(manifest).is_file());

    let cargo: toml::Table = read("Cargo.toml").parse().unwrap();
    let dist = &cargo["profile"]["dist"];
    assert_eq!(dist["lto"].as_str(), Some("fat"));
    assert_eq!(dist["codegen-units"].as_integer(), Some(1));
    assert_eq!(dist["strip"].as_str(), Some("symbols"));

    // the prebuilt hooks install this version of the npm package
    let hooks = yaml(&read(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_array().unwrap();
    let mut node = 0;
    for h in hooks {
        for key in ["id", "name", "entry", "language"] {
            assert!(h.get(key).is_some(), "hook without {key}: {h}");
        }
        if h["language"] == "node" {
            node += 1;
            assert_eq!(
                h["additional_dependencies"],
                serde_json::json!([format!("archdrift@{v}")])
            );
        }
    }
    assert_eq!(node, 2, "changed lines and whole repository, prebuilt");
}

#[test]
fn the_readme_install_section_has_real_commands() {
    let readme = read("README.md");
    for placeholder in ["github.com/OWNER", "OWNER/archdrift", "OWNER/NAME"] {
        assert!(
            !readme.contains(placeholder),
            "a placeholder is left: {placeholder}"
        );
    }
    let install = readme
        .split("## Install")
        .nth(1)
        .expect("an Install section")
        .split("\n## ")
        .next()
        .unwrap();
    for cmd in [
        "npm install",
        "npx archdrift",
        "pip install archdrift-cli",
        "cargo binstall archdrift",
        "--git \"$ARCHDRIFT_REPO\"",
        "scripts/package.sh --test",
    ] {
        assert!(install.contains(cmd), "README install: `{cmd}`");
    }
    assert!(Path::new(&root()).join("scripts/package.sh").is_file());
}
