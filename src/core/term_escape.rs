//! Terminal control characters from the analysed repository (in source lines, file names,
//! matched text) never reach the terminal raw: ESC, OSC and every other C0 control except tab and
//! newline, DEL and the C1 controls (U+0080–U+009F) are written as `\x1b` / `\u{9b}` escapes.
//! [`escape_line`] escapes tab and newline too (one-line formats: a file name with a newline
//! must not start a new `compact` line); [`Escaped`] keeps a source text's line structure and maps
//! byte offsets of the original text to the escaped one, so spans still point at the same code.
//!
//! A leaf module: it uses only the standard library, so it can move.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether `c` is written escaped in multi-line text (tab and newline are kept).
fn is_control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c)
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        c if (c as u32) < 0x80 => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
}

/// `s` for a one-line place (a file name, a compact report line): every control character,
/// tab and newline included, escaped.
pub(crate) fn escape_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) || c == '\t' || c == '\n') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_control(c) || c == '\t' || c == '\n' {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` for multi-line text (a message, a help): control characters escaped, lines kept.
pub(crate) fn escape_text(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    Escaped::new(s).text.into()
}

/// A source text with its control characters escaped (tab, newline and the `\r` of `\r\n`
/// kept), and the byte offset shifts that escaping introduced.
#[derive(Debug)]
pub(crate) struct Escaped {
    pub(crate) text: String,
    /// (offset in the original just past an escaped character, bytes added up to there)
    shifts: Vec<(usize, usize)>,
}

impl Escaped {
    pub(crate) fn new(s: &str) -> Escaped {
        let mut text = String::with_capacity(s.len());
        let mut shifts = Vec::new();
        let mut added = 0;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let crlf = c == '\r' && chars.peek().is_some_and(|(_, n)| *n == '\n');
            if is_control(c) && !crlf {
                let before = text.len();
                push_escaped(&mut text, c);
                added += text.len() - before - c.len_utf8();
                shifts.push((i + c.len_utf8(), added));
            } else {
                text.push(c);
            }
        }
        Escaped { text, shifts }
    }

    /// Where byte `offset` of the original text is in the escaped text.
    pub(crate) fn map(&self, offset: usize) -> usize {
        let n = self.shifts.partition_point(|(at, _)| *at <= offset);
        offset + if n == 0 { 0 } else { self.shifts[n - 1].1 }
    }
}

#[cfg(test)]
impl Escaped {
    /// Whether anything was escaped.
    fn changed(&self) -> bool {
        !self.shifts.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_keeps_text_and_maps_offsets() {
        assert_eq!(escape_line("a.ts"), "a.ts");
        assert_eq!(
            escape_line("a\nb\t\u{1b}]0;x\u{7}.ts"),
            "a\\nb\\t\\x1b]0;x\\x07.ts"
        );
        assert_eq!(escape_line("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(escape_text("é\tok\nnext"), "é\tok\nnext");
        let src = "let a = '\u{1b}[2J';\r\nlet b = 1;\n";
        let e = Escaped::new(src);
        assert_eq!(e.text, "let a = '\\x1b[2J';\r\nlet b = 1;\n");
        let b = src.find("b =").unwrap();
        assert_eq!(&e.text[e.map(b)..e.map(b) + 3], "b =");
        assert_eq!(e.map(3), 3);
        assert!(e.changed());
    }
}
