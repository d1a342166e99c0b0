//! Bytes → `archdrift.toml` of a project with a design system, ADRs, rule files and the shipped
//! packs → `config::load`. Loading either succeeds or gives errors that render with miette.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = common::project();
    let file = dir.join("archdrift.toml");
    std::fs::write(&file, data).unwrap();
    match archdrift::config::load(&file) {
        Ok(cfg) => {
            // a loaded configuration also compiles into an engine (or says why not)
            let _ = archdrift::check::Engine::new(cfg);
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "load failed without an error");
            for e in &errors {
                let mut out = String::new();
                miette::GraphicalReportHandler::new_themed(
                    miette::GraphicalTheme::unicode_nocolor(),
                )
                .render_report(&mut out, e)
                .expect("a config error renders");
                assert!(!out.is_empty());
            }
        }
    }
});
