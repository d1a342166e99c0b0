//! Editor buffers and LSP positions. The engine works in UTF-8 byte offsets; LSP positions are
//! (line, column) where the column counts UTF-16 code units unless the client agreed to UTF-8.
//! Lines end at `\n`; a `\r` before it is part of the terminator (CRLF files), so columns never
//! count it and a position past the end of a line's text clamps to the end of that text.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};
use tree_sitter::{InputEdit, Point, Tree};

/// The column unit negotiated with the client.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

/// Start offsets of every line of a text.
pub(crate) struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let starts = crate::core::text::line_starts(text.as_bytes());
        LineIndex { text, starts }
    }

    /// The byte range of line `line` (0-based) without its terminator; None past the last line.
    fn line_text(&self, line: usize) -> Option<(usize, &'t str)> {
        let start = *self.starts.get(line)?;
        let next = self.starts.get(line + 1);
        let mut end = next.map_or(self.text.len(), |s| s - 1);
        if next.is_some() && end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        Some((start, &self.text[start..end]))
    }

    /// The LSP position of byte `offset` (clamped to the text and to a character boundary).
    pub(crate) fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let (start, content) = self.line_text(line).unwrap_or((offset, ""));
        // an offset inside the terminator (between `\r` and `\n`) is the end of the line
        let within = (offset - start).min(content.len());
        Position::new(line as u32, column(&content[..within], enc))
    }

    /// The byte offset of an LSP position; columns past the line's text clamp to its end, lines
    /// past the last one to the end of the text, and a column inside a character to its start.
    pub(crate) fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let Some((start, content)) = self.line_text(pos.line as usize) else {
            return self.text.len();
        };
        let want = pos.character as usize;
        match enc {
            Encoding::Utf8 => {
                let mut o = want.min(content.len());
                while !content.is_char_boundary(o) {
                    o -= 1;
                }
                start + o
            }
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in content.char_indices() {
                    if units >= want || units + c.len_utf16() > want {
                        return start + i;
                    }
                    units += c.len_utf16();
                }
                start + content.len()
            }
        }
    }

    /// The tree-sitter point (row, byte column) of byte `offset`.
    pub(crate) fn point(&self, offset: usize) -> Point {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        Point::new(line, offset - self.starts[line])
    }

    pub(crate) fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(self.position(start, enc), self.position(end, enc))
    }

    /// The LSP column of a 1-based column counted in characters (as findings report them) on
    /// 0-based `line`.
    pub(crate) fn column_of_char(&self, line: usize, char_col: usize, enc: Encoding) -> u32 {
        let Some((_, content)) = self.line_text(line) else {
            return 0;
        };
        let end = content
            .char_indices()
            .nth(char_col.saturating_sub(1))
            .map_or(content.len(), |(i, _)| i);
        column(&content[..end], enc)
    }

    /// The line terminator used by 0-based `line` (`\r\n` or `\n`; `\n` for the last line when
    /// the text has no other line to learn from).
    pub(crate) fn eol(&self, line: usize) -> &'static str {
        let end = match self.starts.get(line + 1) {
            Some(s) => s - 1,
            None => match self.starts.len() {
                1 => return "\n",
                n => self.starts[n - 1] - 1,
            },
        };
        if end > 0 && self.text.as_bytes()[end - 1] == b'\r' {
            "\r\n"
        } else {
            "\n"
        }
    }

    /// The leading whitespace of 0-based `line`.
    pub(crate) fn indent(&self, line: usize) -> &'t str {
        let Some((_, content)) = self.line_text(line) else {
            return "";
        };
        let n = content.len() - content.trim_start_matches([' ', '\t']).len();
        &content[..n]
    }
}

fn column(s: &str, enc: Encoding) -> u32 {
    match enc {
        Encoding::Utf8 => s.len() as u32,
        Encoding::Utf16 => s.chars().map(char::len_utf16).sum::<usize>() as u32,
    }
}

/// Applies `didChange` content changes in order (a change without a range replaces the text),
/// editing `tree` (the buffer's last syntax tree) to match, so the next parse is incremental; a
/// whole-text replacement drops it.
pub(crate) fn apply_changes(
    text: &mut String,
    changes: Vec<TextDocumentContentChangeEvent>,
    enc: Encoding,
    tree: &mut Option<Tree>,
) {
    for ch in changes {
        match ch.range {
            None => {
                *text = ch.text;
                *tree = None;
            }
            Some(r) => {
                let (start, end, start_point, old_end_point) = {
                    let ix = LineIndex::new(text);
                    let (a, b) = (ix.offset(r.start, enc), ix.offset(r.end, enc));
                    let (a, b) = (a.min(b), a.max(b));
                    (a, b, ix.point(a), ix.point(b))
                };
                text.replace_range(start..end, &ch.text);
                if let Some(t) = tree.as_mut() {
                    let new_end_point = match ch.text.rfind('\n') {
                        Some(last) => Point::new(
                            start_point.row + ch.text.matches('\n').count(),
                            ch.text.len() - last - 1,
                        ),
                        None => Point::new(start_point.row, start_point.column + ch.text.len()),
                    };
                    t.edit(&InputEdit {
                        start_byte: start,
                        old_end_byte: end,
                        new_end_byte: start + ch.text.len(),
                        start_position: start_point,
                        old_end_position: old_end_point,
                        new_end_position: new_end_point,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "a😀b\r\nçx\r\n\r\nlast";

    #[test]
    fn positions_count_utf16_units_or_bytes_and_skip_crlf() {
        let ix = LineIndex::new(T);
        let b = T.find('b').unwrap();
        assert_eq!(ix.position(b, Encoding::Utf16), Position::new(0, 3));
        assert_eq!(ix.position(b, Encoding::Utf8), Position::new(0, 5));
        // the end of line 0 is before `\r`
        assert_eq!(ix.position(b + 1, Encoding::Utf16), Position::new(0, 4));
        assert_eq!(ix.position(b + 2, Encoding::Utf16), Position::new(0, 4));
        let x = T.find('x').unwrap();
        assert_eq!(ix.position(x, Encoding::Utf16), Position::new(1, 1));
        assert_eq!(ix.position(x, Encoding::Utf8), Position::new(1, 2));
        assert_eq!(ix.position(T.len(), Encoding::Utf16), Position::new(3, 4));
        // round trips
        for off in [0, b, x, T.len(), T.find("last").unwrap()] {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(ix.offset(ix.position(off, enc), enc), off, "{off} {enc:?}");
            }
        }
        // inside the surrogate pair / past the end of a line / past the last line
        assert_eq!(ix.offset(Position::new(0, 2), Encoding::Utf16), 1);
        assert_eq!(ix.offset(Position::new(1, 99), Encoding::Utf16), x + 1);
        assert_eq!(ix.offset(Position::new(9, 0), Encoding::Utf16), T.len());
        assert_eq!(ix.column_of_char(0, 3, Encoding::Utf16), 3);
        assert_eq!(ix.column_of_char(1, 2, Encoding::Utf8), 2);
    }

    #[test]
    fn eol_and_indent() {
        let ix = LineIndex::new(T);
        assert_eq!(ix.eol(0), "\r\n");
        assert_eq!(ix.eol(3), "\r\n");
        let ix = LineIndex::new("a\n\tb");
        assert_eq!(ix.eol(1), "\n");
        assert_eq!(ix.indent(1), "\t");
        assert_eq!(LineIndex::new("x").eol(0), "\n");
    }

    #[test]
    fn incremental_changes_in_utf16() {
        let mut t = T.to_string();
        let change = |l1, c1, l2, c2, s: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: s.into(),
        };
        // replace the emoji (2 UTF-16 units), then insert a line, then delete across a CRLF
        apply_changes(
            &mut t,
            vec![change(0, 1, 0, 3, "é")],
            Encoding::Utf16,
            &mut None,
        );
        assert_eq!(t, "aéb\r\nçx\r\n\r\nlast");
        apply_changes(
            &mut t,
            vec![change(1, 0, 1, 0, "new\r\n")],
            Encoding::Utf16,
            &mut None,
        );
        assert_eq!(t, "aéb\r\nnew\r\nçx\r\n\r\nlast");
        apply_changes(
            &mut t,
            vec![change(0, 3, 1, 0, "")],
            Encoding::Utf16,
            &mut None,
        );
        assert_eq!(t, "aébnew\r\nçx\r\n\r\nlast");
        apply_changes(
            &mut t,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "whole".into(),
            }],
            Encoding::Utf16,
            &mut None,
        );
        assert_eq!(t, "whole");
    }

    #[test]
    fn edited_trees_reparse_to_the_same_tree_as_a_fresh_parse() {
        use crate::lang::Lang;
        let mut t = "const é = \"😀\";\r\nfunction f(a: any) {\r\n  return <b>{a}</b>;\r\n}\r\n"
            .to_string();
        let mut tree = Some(crate::lang::parse::parse(Lang::Tsx, &t).unwrap());
        let change = |l1, c1, l2, c2, s: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: s.into(),
        };
        let edits = vec![
            change(0, 11, 0, 13, "ünï"),
            change(1, 0, 1, 0, "// 😀 new\r\nlet x = 1;\r\n"),
            change(3, 14, 3, 17, "number"),
            change(4, 2, 5, 0, "  "),
        ];
        for e in edits {
            apply_changes(&mut t, vec![e], Encoding::Utf16, &mut tree);
            let old = tree.take();
            let re = crate::lang::parse::parse_with(Lang::Tsx, &t, old.as_ref()).unwrap();
            let fresh = crate::lang::parse::parse(Lang::Tsx, &t).unwrap();
            assert_eq!(re.root_node().to_sexp(), fresh.root_node().to_sexp(), "{t}");
            assert_eq!(re.root_node().end_byte(), t.len());
            tree = Some(re);
        }
    }
}
