//! The literal strings every match of a regex contains (one of a set, at least), for the file
//! prefilter of `#match?` predicates and `regex` rules: from the regex's syntax tree (required
//! parts of concatenations, every branch of an alternation, repetitions of at least one) and
//! `regex-syntax`'s prefix and suffix extraction (which also expands small case-insensitive
//! classes). A string shorter than two bytes, or a set larger than [`MAX_SET`], is no help.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Larger sets of alternatives than this are not worth a prefilter.
const MAX_SET: usize = 64;

/// A set of strings of which every match of `re` contains at least one; `None` when there is
/// no useful one (or `re` does not parse).
pub(crate) fn required(re: &str, multi_line: bool) -> Option<Vec<String>> {
    let hir = regex_syntax::ParserBuilder::new()
        .multi_line(multi_line)
        .nest_limit(200)
        .build()
        .parse(re)
        .ok()?;
    needs(&hir, 0)
}

fn usable(set: &[Vec<u8>]) -> Option<Vec<String>> {
    if set.is_empty() || set.len() > MAX_SET || set.iter().any(|l| l.len() < 2) {
        return None;
    }
    let mut out: Vec<String> = set
        .iter()
        .map(|l| String::from_utf8(l.clone()).ok())
        .collect::<Option<_>>()?;
    out.sort();
    out.dedup();
    Some(out)
}

fn better(a: &[String], b: &[String]) -> bool {
    let score = |v: &[String]| {
        (
            v.iter().map(String::len).min().unwrap_or(0),
            usize::MAX - v.len(),
        )
    };
    score(a) > score(b)
}

fn pick(cands: impl IntoIterator<Item = Option<Vec<String>>>) -> Option<Vec<String>> {
    let mut best: Option<Vec<String>> = None;
    for c in cands.into_iter().flatten() {
        if best.as_ref().is_none_or(|b| better(&c, b)) {
            best = Some(c);
        }
    }
    best
}

/// What the prefix (or suffix) extraction says every match starts (ends) with.
fn extracted(h: &Hir, kind: ExtractKind) -> Option<Vec<String>> {
    let mut ex = Extractor::new();
    ex.kind(kind).limit_total(MAX_SET * 4);
    let seq = ex.extract(h);
    let lits = seq.literals()?;
    let bytes: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    usable(&bytes)
}

fn needs(h: &Hir, depth: usize) -> Option<Vec<String>> {
    if depth > 100 {
        return None;
    }
    let own = match h.kind() {
        HirKind::Literal(l) => usable(&[l.0.to_vec()]),
        HirKind::Capture(c) => needs(&c.sub, depth + 1),
        HirKind::Repetition(r) if r.min >= 1 => needs(&r.sub, depth + 1),
        HirKind::Concat(subs) => pick(subs.iter().map(|s| needs(s, depth + 1))),
        HirKind::Alternation(subs) => {
            let mut all = Vec::new();
            for s in subs {
                all.extend(needs(s, depth + 1)?);
            }
            all.sort();
            all.dedup();
            (all.len() <= MAX_SET).then_some(all)
        }
        _ => None,
    };
    pick([
        own,
        extracted(h, ExtractKind::Prefix),
        extracted(h, ExtractKind::Suffix),
    ])
}

#[cfg(test)]
mod tests {
    use super::required;

    fn req(re: &str) -> Option<String> {
        required(re, false).map(|v| v.join("|"))
    }

    #[test]
    fn required_literals() {
        assert_eq!(req("^http://").as_deref(), Some("http://"));
        assert_eq!(req(r"https?://[a-z]+").as_deref(), Some("http://|https://"));
        assert_eq!(req("(foo|bar)baz").as_deref(), Some("barbaz|foobaz"));
        assert_eq!(req(r"\bTODO\b.*").as_deref(), Some("TODO"));
        assert_eq!(req("fo+bar").as_deref(), Some("obar"));
        // case-insensitive: every spelling
        assert_eq!(required("(?i)ab", false).map(|v| v.len()), Some(4));
        // nothing certain, or too short to help
        assert_eq!(req("foo|.*"), None);
        assert_eq!(req("(abc)?x"), None);
        assert_eq!(req("[a-z]+"), None);
        assert_eq!(req("a"), None);
        assert_eq!(req("("), None);
    }
}
