//! Bytes → `Engine::check_bytes` under a fixed configuration with a rule of every kind (the
//! react-monorepo fixture's rules, the shipped packs, layer boundaries, duplicate components),
//! once as a `.tsx` file and once as a `.rs` file. Must not panic; findings point inside it.
#![no_main]

#[path = "common.rs"]
mod common;

use archdrift::check::walk::SourcePath;
use archdrift::check::Engine;
use archdrift::lang::Lang;
use libfuzzer_sys::fuzz_target;

const EXTRA_RULES: &str = r#"
include = ["archdrift/rules/*.toml", "packs/ts-hygiene.toml", "packs/rust-hygiene.toml", "packs/hardcoded-config.toml"]

[[rule]]
id = "fuzz/layers"
kind = "layer-boundary"
severity = "error"
message = "`{from}` must not depend on `{to}` (`{match}`)"
adr = { id = "ADR-0001", title = "Layers", path = "docs/adr/0001-use-the-design-system.md" }
layers = { app = ["apps/**"], ui = ["packages/ui/**"], db = ["crates/db/**", "pg", "sqlx"], web = ["crates/web/**"] }
allow = ["app -> ui", "web -> db"]
isolate = ["apps/web/src/features/*"]
unresolved = "warning"
cycles = "files"

[[rule]]
id = "fuzz/duplicates"
kind = "duplicate-component"
severity = "warning"
message = "near-copies of `{match}`"
adr = { id = "ADR-0001", title = "Reuse", path = "docs/adr/0001-use-the-design-system.md" }
design_system = ["packages/ui/src/**"]
design_system_import = "@acme/ui"
"#;

struct Setup {
    engine: Engine,
    paths: Vec<SourcePath>,
}

fn setup() -> &'static Setup {
    static SETUP: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
    SETUP.get_or_init(|| {
        let dir = common::project();
        let original = std::fs::read_to_string(dir.join("archdrift.toml")).unwrap();
        // the fixture's own settings (design system, tests, check) with the extra rules
        let cfg_text = original.replace("include = [\"archdrift/rules/*.toml\"]", EXTRA_RULES);
        let file = dir.join("fuzz-archdrift.toml");
        std::fs::write(&file, cfg_text).unwrap();
        let cfg = match archdrift::config::load(&file) {
            Ok(c) => c,
            Err(e) => panic!("the fuzz configuration does not load: {e:?}"),
        };
        let engine = Engine::new(cfg).expect("engine");
        let paths = [
            ("apps/web/src/features/fuzz/Fuzz.tsx", Lang::Tsx),
            ("crates/web/src/fuzz.rs", Lang::Rust),
        ]
        .into_iter()
        .map(|(rel, lang)| SourcePath {
            rel: rel.into(),
            path: dir.join(rel),
            lang,
        })
        .collect();
        Setup { engine, paths }
    })
}

fuzz_target!(|data: &[u8]| {
    let s = setup();
    for sp in &s.paths {
        let outcome = s.engine.check_bytes(sp, data);
        for f in archdrift::fuzzing::findings(&outcome) {
            if f.file == sp.rel {
                assert!(
                    f.byte_start <= f.byte_end && f.byte_end <= data.len(),
                    "finding {} at {}..{} outside the {} bytes",
                    f.rule,
                    f.byte_start,
                    f.byte_end,
                    data.len()
                );
                assert!(
                    f.line >= 1 && f.column >= 1,
                    "finding {} at {}:{}",
                    f.rule,
                    f.line,
                    f.column
                );
            }
        }
    }
});
