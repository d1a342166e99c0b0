//! The edits that turn one version of a file into the next, for tree-sitter's incremental parse:
//! a line diff (Myers, bounded), each changed run of lines one [`InputEdit`], in the coordinates
//! tree-sitter expects when edits are applied one after another (everything before an edit is
//! already the new text). When the versions differ in too many places, one edit spanning from the
//! first to the last difference.

use tree_sitter::{InputEdit, Point};

use crate::core::text::count_newlines;

/// Line differences beyond which one spanning edit is used instead (bounds the diff's work).
const MAX_LINE_EDITS: usize = 400;

/// Edits to apply, in order, to the tree of `old` before parsing `new` with it.
pub(crate) fn edits(old: &[u8], new: &[u8]) -> Vec<InputEdit> {
    // only the lines between the common prefix and suffix are diffed
    let prefix = common_prefix(old, new);
    if prefix == old.len() && prefix == new.len() {
        return Vec::new();
    }
    let suffix = common_suffix(old, new, old.len().min(new.len()) - prefix);
    let p0 = old[..prefix]
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let s0 = old[old.len() - suffix..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(0, |i| suffix - i - 1);
    let (om, nm) = (&old[p0..old.len() - s0], &new[p0..new.len() - s0]);
    let row0 = count_newlines(&old[..p0]);
    let (a_starts, b_starts) = (line_starts(om), line_starts(nm));
    let a = lines(om, &a_starts);
    let b = lines(nm, &b_starts);
    match line_hunks(&a, &b, MAX_LINE_EDITS) {
        Some(hunks) => hunks
            .into_iter()
            .map(|(i0, i1, j0, j1)| {
                let (ob0, ob1) = (a_starts[i0], a_starts[i1]);
                let (nb0, nb1) = (b_starts[j0], b_starts[j1]);
                let start = Point::new(row0 + j0, 0);
                InputEdit {
                    start_byte: p0 + nb0,
                    old_end_byte: p0 + nb0 + (ob1 - ob0),
                    new_end_byte: p0 + nb1,
                    start_position: start,
                    old_end_position: advance(start, &om[ob0..ob1]),
                    new_end_position: advance(start, &nm[nb0..nb1]),
                }
            })
            .collect(),
        None => vec![spanning_edit(old, new)],
    }
}

/// Bytes compared at once (slice equality is a `memcmp`) before the byte-wise tail.
const CHUNK: usize = 64;

/// The length of the longest common prefix of `a` and `b`.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    while i + CHUNK <= n && a[i..i + CHUNK] == b[i..i + CHUNK] {
        i += CHUNK;
    }
    i + a[i..n]
        .iter()
        .zip(&b[i..n])
        .take_while(|(x, y)| x == y)
        .count()
}

/// The length of the longest common suffix of `a` and `b`, at most `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + CHUNK <= max && a[la - i - CHUNK..la - i] == b[lb - i - CHUNK..lb - i] {
        i += CHUNK;
    }
    i + a[..la - i]
        .iter()
        .rev()
        .zip(b[..lb - i].iter().rev())
        .take(max - i)
        .take_while(|(x, y)| x == y)
        .count()
}

/// One edit from the common prefix to the common suffix of the two texts.
pub(crate) fn spanning_edit(old: &[u8], new: &[u8]) -> InputEdit {
    let prefix = common_prefix(old, new);
    let suffix = common_suffix(old, new, old.len().min(new.len()) - prefix);
    let start = advance(Point::new(0, 0), &old[..prefix]);
    InputEdit {
        start_byte: prefix,
        old_end_byte: old.len() - suffix,
        new_end_byte: new.len() - suffix,
        start_position: start,
        old_end_position: advance(start, &old[prefix..old.len() - suffix]),
        new_end_position: advance(start, &new[prefix..new.len() - suffix]),
    }
}

/// The position after `text` when it starts at `p` (rows, and byte columns).
fn advance(p: Point, text: &[u8]) -> Point {
    match memchr::memrchr(b'\n', text) {
        Some(last) => Point::new(p.row + count_newlines(text), text.len() - last - 1),
        None => Point::new(p.row, p.column + text.len()),
    }
}

/// Byte offset of each line's start, then the text's length (lines keep their `\n`).
fn line_starts(text: &[u8]) -> Vec<usize> {
    let mut v = crate::core::text::line_starts(text);
    // a text ending in `\n` has no empty last line here; the text's length closes the list
    if v.len() > 1 && v.last() == Some(&text.len()) {
        v.pop();
    }
    v.push(text.len());
    if text.is_empty() {
        v.pop();
    }
    v
}

fn lines<'t>(text: &'t [u8], starts: &[usize]) -> Vec<&'t [u8]> {
    starts.windows(2).map(|w| &text[w[0]..w[1]]).collect()
}

/// Runs of differing lines as (old start, old end, new start, new end), ascending; `None` when
/// more than `max_d` lines differ.
fn line_hunks<T: PartialEq>(
    a: &[T],
    b: &[T],
    max_d: usize,
) -> Option<Vec<(usize, usize, usize, usize)>> {
    // common prefix and suffix first: the diff only sees the middle
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suf = a.len().min(b.len()) - pre;
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suf)
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let matches = crate::core::diff::myers_matches(am, bm, max_d)?;
    // hunks are the gaps between matched lines
    let mut hunks = Vec::new();
    let (mut pi, mut pj) = (0, 0);
    for (i, j) in matches
        .into_iter()
        .chain(std::iter::once((am.len(), bm.len())))
    {
        if i > pi || j > pj {
            hunks.push((pre + pi, pre + i, pre + pj, pre + j));
        }
        pi = i + 1;
        pj = j + 1;
    }
    Some(hunks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn apply(old: &str, new: &str) -> (String, String) {
        let lang = Lang::Tsx;
        let mut tree = crate::lang::parse::parse(lang, old).unwrap();
        for e in edits(old.as_bytes(), new.as_bytes()) {
            tree.edit(&e);
        }
        let (inc, _) = crate::lang::parse::incremental(Some(tree), || {
            crate::lang::parse::parse(lang, new).unwrap()
        });
        let fresh = crate::lang::parse::parse(lang, new).unwrap();
        (inc.root_node().to_sexp(), fresh.root_node().to_sexp())
    }

    #[test]
    fn common_prefix_and_suffix_equal_the_bytewise_ones() {
        let naive_prefix = |a: &[u8], b: &[u8]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let naive_suffix = |a: &[u8], b: &[u8], max: usize| {
            a.iter()
                .rev()
                .zip(b.iter().rev())
                .take(max)
                .take_while(|(x, y)| x == y)
                .count()
        };
        let base: Vec<u8> = (0..300u32).map(|i| b'a' + (i % 23) as u8).collect();
        // one differing byte at every position around and across the chunk size, both texts
        // the same length and of other lengths
        for len in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
            for at in 0..len {
                let a = &base[..len];
                let mut b = a.to_vec();
                b[at] = b'#';
                for (x, y) in [(a, &b[..]), (a, &b[..at]), (&b[..], &base[..])] {
                    assert_eq!(common_prefix(x, y), naive_prefix(x, y), "{len} {at}");
                    let max = x.len().min(y.len()) - common_prefix(x, y);
                    assert_eq!(
                        common_suffix(x, y, max),
                        naive_suffix(x, y, max),
                        "{len} {at}"
                    );
                    assert_eq!(common_suffix(x, y, max / 2), naive_suffix(x, y, max / 2));
                }
            }
        }
    }

    #[test]
    fn line_starts_close_with_the_length() {
        assert_eq!(line_starts(b""), vec![0]);
        assert_eq!(line_starts(b"a"), vec![0, 1]);
        assert_eq!(line_starts(b"a\n"), vec![0, 2]);
        assert_eq!(line_starts(b"a\nb"), vec![0, 2, 3]);
        assert_eq!(line_starts(b"\n\n"), vec![0, 1, 2]);
    }

    #[test]
    fn hunks_are_the_changed_lines() {
        let a: Vec<u64> = vec![1, 2, 3, 4, 5, 6];
        let b: Vec<u64> = vec![1, 9, 3, 4, 6, 7];
        assert_eq!(
            line_hunks(&a, &b, 100).unwrap(),
            vec![(1, 2, 1, 2), (4, 5, 4, 4), (6, 6, 5, 6)]
        );
        assert_eq!(line_hunks(&a, &a, 100).unwrap(), vec![]);
        let empty: [u64; 0] = [];
        assert_eq!(
            line_hunks(&empty, &[1, 2], 100).unwrap(),
            vec![(0, 0, 0, 2)]
        );
        assert_eq!(line_hunks(&a, &[7, 8, 9, 10, 11, 12], 3), None);
    }

    #[test]
    fn positions_follow_earlier_edits() {
        let old = "a\nbb\ncc\ndd\n";
        let new = "a\nX\nY\nbb\ncc\ndd-changed";
        let e = edits(old.as_bytes(), new.as_bytes());
        assert_eq!(e.len(), 2);
        // the insertion, then the last line, in coordinates after the insertion
        assert_eq!(
            (e[0].start_byte, e[0].old_end_byte, e[0].new_end_byte),
            (2, 2, 6)
        );
        assert_eq!(e[1].start_position, Point::new(5, 0));
        assert_eq!(e[1].old_end_position, Point::new(6, 0));
        assert_eq!(e[1].new_end_position, Point::new(5, 10));
        assert_eq!(e[1].new_end_byte, new.len());
    }

    #[test]
    fn incremental_parses_equal_fresh_parses() {
        let base = "import { a } from \"./a\";\n\nexport function F(props: any) {\n  const x = props.x!;\n  console.log(x);\n  return <div className=\"p-4\">{x}</div>;\n}\n\nexport const y = 1;\n";
        let variants = [
            "// header\nimport { a } from \"./a\";\n\nexport function F(props: any) {\n  const x = props.x!;\n  console.log(x);\n  return <div className=\"p-4\">{x}</div>;\n}\n\nexport const y = 1;\n",
            "import { a, b } from \"./a\";\n\nexport function F(props: Props) {\n  const x = props.x;\n  return <section className=\"p-2\">{x}</section>;\n}\n\nexport const y = 2;\n",
            "import { a } from \"./a\";\n\nexport function F(props: any) {\n  const x = props.x!;\n  console.log(x;\n  return <div className=\"p-4\">{x}</div>;\n}\n",
            "",
            "x",
            base,
        ];
        for new in variants {
            let (inc, fresh) = apply(base, new);
            assert_eq!(inc, fresh, "{new}");
            let (inc, fresh) = apply(new, base);
            assert_eq!(inc, fresh, "back from {new}");
        }
        // pseudo-random line edits, deterministic
        let lines: Vec<&str> = base.lines().collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut cur: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let i = (seed % cur.len().max(1) as u64) as usize;
                match seed % 4 {
                    0 => cur.insert(i, format!("  let v{i} = {seed} as any;")),
                    1 if !cur.is_empty() => {
                        cur.remove(i);
                    }
                    2 => cur[i] = cur[i].replace('x', "xy"),
                    _ => cur[i].push_str(" // note"),
                }
            }
            let new = cur.join("\n") + "\n";
            let (inc, fresh) = apply(base, &new);
            assert_eq!(inc, fresh, "{new}");
        }
    }
}
