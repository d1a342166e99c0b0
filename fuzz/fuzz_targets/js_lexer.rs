//! Bytes (as UTF-8) → the JS/TS lexer and its component units. Never panics, and everything
//! it returns indexes inside the source and the token list.
#![no_main]

use archdrift::fuzzing;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let lx = fuzzing::js_lex_units(src);
    let n = lx.tokens.len();
    let mut prev = 0;
    for &(s, e) in &lx.tokens {
        let (s, e) = (s as usize, e as usize);
        assert!(
            s <= e && e <= src.len(),
            "token {s}..{e} outside the source"
        );
        assert!(
            src.is_char_boundary(s) && src.is_char_boundary(e),
            "token {s}..{e} splits a character"
        );
        assert!(s >= prev, "tokens out of order at {s}");
        prev = s;
    }
    assert_eq!(lx.matching.len(), n, "one matching entry per token");
    for &m in &lx.matching {
        assert!(
            m == u32::MAX || (m as usize) < n,
            "matching index {m} of {n}"
        );
    }
    for (attrs, _) in &lx.attr_groups {
        for &a in attrs {
            assert!((a as usize) < n, "attribute token {a} of {n}");
        }
    }
    for &(s, e) in &lx.comments {
        assert!(s <= e && e as usize <= src.len(), "comment {s}..{e}");
    }
    if let Some(a) = lx.anomaly {
        assert!(a as usize <= src.len(), "anomaly at {a} past the end");
    }
    for &(name, first, last) in &lx.units {
        assert!(
            first <= last && last < n && name < n,
            "unit {name} {first}..={last} of {n}"
        );
    }
});
