//! Bytes → the analysis of tree-sitter query source that runs without compiling it (root
//! kinds, literals, kind keywords). Must terminate without a panic on any text.
#![no_main]

use archdrift::fuzzing;
use archdrift::lang::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(kinds) = fuzzing::pattern_root_kinds(&text) {
        assert!(!kinds.is_empty(), "Some(empty root kinds) for {text:?}");
        for k in &kinds {
            assert!(!k.is_empty(), "an empty root kind for {text:?}");
            for lang in [Lang::TypeScript, Lang::Tsx, Lang::JavaScript, Lang::Rust] {
                let _ = fuzzing::kind_keyword(lang, k);
            }
        }
    }
    if let Some(lits) = fuzzing::pattern_literals(&text) {
        // an empty prefilter literal would be found in every file; the analysis drops them
        assert!(
            !lits.is_empty() && lits.iter().all(|l| !l.is_empty()),
            "an empty literal for {text:?}"
        );
    }
    for lang in [Lang::TypeScript, Lang::Tsx, Lang::JavaScript, Lang::Rust] {
        let _ = fuzzing::kind_keyword(lang, &text);
    }
});
