//! Text helpers every layer shares: byte offsets to lines and columns, a stable hash, masking of
//! secret spans, whitespace normalisation.

/// Byte offsets → 1-based line and column (in Unicode scalar values).
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { text, starts }
    }

    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        (line + 1, self.text[start..end].chars().count() + 1)
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

/// Collapses all whitespace runs, so re-indentation does not change a fingerprint.
pub(crate) fn normalize_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
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
}
