//! Text helpers every layer shares: byte offsets to lines and columns (in time independent of
//! the line's length), a stable hash, masking of secret spans, whitespace normalisation (of a
//! whole text or of a bounded prefix).

/// Bytes per block of [`LineIndex`]'s character counts.
const BLOCK: usize = 256;

/// The byte offset where every line of `text` starts: 0, then one past each `\n` (so a text that
/// ends in `\n` has an empty last line starting at its length).
pub(crate) fn line_starts(text: &[u8]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 32 + 1);
    starts.push(0);
    starts.extend(memchr::memchr_iter(b'\n', text).map(|i| i + 1));
    starts
}

/// How many `\n` `text` holds.
pub(crate) fn count_newlines(text: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', text).count()
}

/// Byte offsets → 1-based line and column (in Unicode scalar values).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// For a text that is not pure ASCII: the number of characters before each `BLOCK`-byte
    /// block, so that a column costs at most one block of counting, however long the line.
    blocks: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = line_starts(text.as_bytes());
        let mut blocks = Vec::new();
        if !text.is_ascii() {
            let mut chars = 0;
            for block in text.as_bytes().chunks(BLOCK) {
                blocks.push(chars);
                chars += block.iter().filter(|b| !is_continuation(**b)).count();
            }
            // an offset at the very end, when the text fills its last block
            blocks.push(chars);
        }
        LineIndex {
            text,
            starts,
            blocks,
        }
    }

    /// Characters before the byte offset `at` (a character boundary).
    fn chars_before(&self, at: usize) -> usize {
        if self.blocks.is_empty() {
            return at;
        }
        let b = at / BLOCK;
        self.blocks[b]
            + self.text.as_bytes()[b * BLOCK..at]
                .iter()
                .filter(|b| !is_continuation(**b))
                .count()
    }

    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        (
            line + 1,
            self.chars_before(end) - self.chars_before(start) + 1,
        )
    }

    /// The byte range of 1-based `line` without its line terminator.
    pub(crate) fn line_range(&self, line: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let mut end = self.starts.get(line).copied().unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Some(start..end)
    }
}

/// FNV-1a, 64 bit: a stable hash (same value on every platform and release).
pub(crate) fn stable_hash(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0xff)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `text` with the characters of `start..end` after the first four replaced by `*` (byte length
/// kept, so spans stay valid): how a secret's source is shown.
pub(crate) fn mask_span(text: &str, start: usize, end: usize) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        if i >= start && i < end {
            if kept < 4 && !c.is_whitespace() {
                kept += 1;
                out.push(c);
            } else {
                out.extend(std::iter::repeat_n('*', c.len_utf8()));
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn is_continuation(b: u8) -> bool {
    (0x80..0xc0).contains(&b)
}

/// [`mask_span`] for several spans at once (overlapping ones merged), in one pass.
pub(crate) fn mask_spans(text: &str, spans: &[(usize, usize)]) -> String {
    let merged = merge_spans(spans);
    let mut out = String::with_capacity(text.len());
    let (mut si, mut kept) = (0, 0);
    for (i, c) in text.char_indices() {
        while si < merged.len() && merged[si].1 <= i {
            si += 1;
            kept = 0;
        }
        let inside = merged.get(si).is_some_and(|s| s.0 <= i);
        if !inside {
            out.push(c);
        } else if kept < 4 && !c.is_whitespace() {
            kept += 1;
            out.push(c);
        } else {
            out.extend(std::iter::repeat_n('*', c.len_utf8()));
        }
    }
    out
}

/// `spans` sorted, with overlapping ones merged.
pub(crate) fn merge_spans(spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut v: Vec<(usize, usize)> = spans.iter().copied().filter(|s| s.0 < s.1).collect();
    v.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(v.len());
    for s in v {
        match out.last_mut() {
            Some(last) if s.0 < last.1 => last.1 = last.1.max(s.1),
            _ => out.push(s),
        }
    }
    out
}

/// Whether `start..end` (an empty span counts as its one position) overlaps one of `merged`
/// (sorted, disjoint: see [`merge_spans`]).
pub(crate) fn overlaps_any(merged: &[(usize, usize)], start: usize, end: usize) -> bool {
    let end = end.max(start + 1);
    let i = merged.partition_point(|s| s.1 <= start);
    merged.get(i).is_some_and(|s| s.0 < end)
}

/// Collapses all whitespace runs, so re-indentation does not change a fingerprint.
pub(crate) fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Most bytes of its input [`normalize_ws_prefix`] reads.
pub(crate) const NORMALIZE_PREFIX_MAX_BYTES: usize = 16 * 1024;

/// The first `max_chars` characters of [`normalize_ws`]`(s)`, reading no more of `s` than it
/// needs (and never more than [`NORMALIZE_PREFIX_MAX_BYTES`]): the cost does not grow with the
/// length of a long span, so nested spans over one long text stay linear in total.
pub(crate) fn normalize_ws_prefix(s: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut gap = false;
    for (i, c) in s.char_indices() {
        if n >= max_chars || i >= NORMALIZE_PREFIX_MAX_BYTES {
            break;
        }
        if c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            n += 1;
            gap = false;
            if n >= max_chars {
                break;
            }
        }
        out.push(c);
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn line_starts_and_newlines() {
        assert_eq!(super::line_starts(b""), vec![0]);
        assert_eq!(super::line_starts(b"ab"), vec![0]);
        assert_eq!(super::line_starts(b"a\nb\n"), vec![0, 2, 4]);
        assert_eq!(super::line_starts(b"\r\n\n"), vec![0, 2, 3]);
        assert_eq!(super::count_newlines(b"a\nb\n\n"), 3);
        assert_eq!(super::count_newlines(b""), 0);
    }

    use super::*;

    #[test]
    fn line_index_counts_chars_not_bytes() {
        let t = "ab\nçé x\r\nlast";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(0), (1, 1));
        assert_eq!(ix.line_col(3), (2, 1));
        let x = t.find('x').unwrap();
        assert_eq!(ix.line_col(x), (2, 4));
        assert_eq!(ix.line_col(t.len()), (3, 5));
        assert_eq!(&t[ix.line_range(2).unwrap()], "çé x");
        assert_eq!(ix.line_range(9), None);
    }

    #[test]
    fn hash_is_stable_and_separates_parts() {
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
        assert_ne!(stable_hash(&["ab", ""]), stable_hash(&["a", "b"]));
        assert_eq!(format!("{:016x}", stable_hash(&[])), "cbf29ce484222325");
        assert_eq!(normalize_ws("a(\n   b )"), "a( b )");
    }

    #[test]
    fn several_spans_masked_like_one_at_a_time() {
        let t = "a = \"AKIAIOSFODNN7EXAMPLE\"; b = \"sk_live_abcdefgh\";";
        let s1 = (t.find("\"AKIA").unwrap(), t.find("; b").unwrap());
        let s2 = (t.find("\"sk_").unwrap(), t.len() - 1);
        let one = mask_span(&mask_span(t, s1.0, s1.1), s2.0, s2.1);
        assert_eq!(mask_spans(t, &[s2, s1]), one);
        assert_eq!(mask_spans(t, &[]), t);
        let m = merge_spans(&[s2, s1, (s1.0 + 2, s1.0 + 4)]);
        assert_eq!(m, vec![s1, s2]);
        assert!(overlaps_any(&m, s1.1 - 1, s1.1 + 3));
        assert!(!overlaps_any(&m, s1.1, s2.0));
        assert!(overlaps_any(&m, s2.0, s2.0));
    }

    #[test]
    fn columns_on_a_long_line_with_multibyte_characters() {
        let t = format!("x\n{}é{}z", "a".repeat(700), "ü".repeat(300));
        let ix = LineIndex::new(&t);
        let z = t.find('z').unwrap();
        assert_eq!(ix.line_col(z), (2, 1002));
        for (i, _) in t.char_indices() {
            let (line, col) = ix.line_col(i);
            let start = ix.line_range(line).unwrap().start;
            assert_eq!(col, t[start..i].chars().count() + 1);
        }
    }

    #[test]
    fn normalized_prefix_is_the_prefix_of_the_normalized_text() {
        for s in [
            "",
            "  a  b ",
            "a(\n   b )",
            "ab  cd\tef",
            " é  ü x ",
            "a b",
            "a  ",
        ] {
            for n in 0..12 {
                let whole: String = normalize_ws(s).chars().take(n).collect();
                assert_eq!(normalize_ws_prefix(s, n), whole, "{s:?} {n}");
            }
        }
    }
}
