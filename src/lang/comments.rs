//! Where the comments of a file are: byte ranges, and whether each is a doc comment. For
//! TS/JS the JS lexer decides (strings, templates, regexes and JSX text are not comments); for
//! Rust a small scanner that knows string, raw string, byte and char literals, lifetimes and
//! nested block comments.

use super::js_lexer;
use super::Lang;

/// One comment: `start..end` covers it from its opener (`//`, `/*`) to the end of the line or
/// past its `*/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Comment {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// `///`, `//!`, `/**`, `/*!`: documentation, not a place for directives.
    pub(crate) doc: bool,
}

/// The comments of `text`, in order.
pub(crate) fn comments(text: &str, lang: Lang) -> Vec<Comment> {
    let ranges: Vec<(usize, usize)> = if lang == Lang::Rust {
        rust_comments(text.as_bytes())
    } else {
        js_lexer::lex(text)
            .comments
            .into_iter()
            .map(|(s, e)| (s as usize, e as usize))
            .collect()
    };
    ranges
        .into_iter()
        .map(|(start, end)| Comment {
            start,
            end,
            doc: is_doc(&text.as_bytes()[start..end]),
        })
        .collect()
}

fn is_doc(c: &[u8]) -> bool {
    (c.starts_with(b"///") && !c.starts_with(b"////"))
        || c.starts_with(b"//!")
        || (c.starts_with(b"/**") && !c.starts_with(b"/**/"))
        || c.starts_with(b"/*!")
}

fn rust_comments(b: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| b.get(i).copied().unwrap_or(0);
    while i < b.len() {
        match b[i] {
            b'/' if at(i + 1) == b'/' => {
                let start = i;
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                out.push((start, i));
            }
            b'/' if at(i + 1) == b'*' => {
                let start = i;
                let mut depth = 0usize;
                while i < b.len() {
                    if b[i] == b'/' && at(i + 1) == b'*' {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && at(i + 1) == b'/' {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                out.push((start, i.min(b.len())));
            }
            b'"' => i = skip_string(b, i + 1),
            b'r' | b'b' | b'c' if !ident_before(b, i) => {
                // r"…", r#"…"#, br"…", b"…", c"…", b'…'
                let mut j = i + 1;
                if b[i] != b'r' && at(j) == b'r' {
                    j += 1;
                }
                let raw = b[i] == b'r' || (j > i + 1);
                let mut hashes = 0;
                while raw && at(j) == b'#' {
                    hashes += 1;
                    j += 1;
                }
                if at(j) == b'"' {
                    i = if raw {
                        skip_raw(b, j + 1, hashes)
                    } else {
                        skip_string(b, j + 1)
                    };
                } else if b[i] == b'b' && at(i + 1) == b'\'' {
                    i = skip_char(b, i + 1);
                } else {
                    i += 1;
                }
            }
            b'\'' => i = skip_char(b, i),
            _ => i += 1,
        }
    }
    out
}

fn ident_before(b: &[u8], i: usize) -> bool {
    i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')
}

/// Past the closing `"` of a string whose content starts at `i`.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// Past the closing `"###` of a raw string whose content starts at `i`.
fn skip_raw(b: &[u8], mut i: usize, hashes: usize) -> usize {
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|c| **c == b'#')
                .count()
                == hashes
        {
            return i + 1 + hashes;
        }
        i += 1;
    }
    b.len()
}

/// A char literal at `i` (the `'`), or a lifetime / label: past whichever it is.
fn skip_char(b: &[u8], i: usize) -> usize {
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    if at(i + 1) == b'\\' {
        // an escape: up to the closing quote
        let mut j = i + 2;
        while j < b.len() && j < i + 12 && b[j] != b'\'' {
            j += 1;
        }
        return j + 1;
    }
    // one character (maybe multi-byte) then a quote: a char literal
    let len = match at(i + 1) {
        c if c < 0x80 => 1,
        c if c >= 0xf0 => 4,
        c if c >= 0xe0 => 3,
        _ => 2,
    };
    if at(i + 1 + len) == b'\'' {
        i + 2 + len
    } else {
        i + 1 // a lifetime or label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str, lang: Lang) -> Vec<(String, bool)> {
        comments(src, lang)
            .into_iter()
            .map(|c| (src[c.start..c.end].to_string(), c.doc))
            .collect()
    }

    #[test]
    fn rust_strings_chars_and_lifetimes_are_not_comments() {
        let src = "let a = \"// not\"; // yes\nlet r = r#\"/* no \"# ; /* outer /* inner */ still */\nfn f<'a>(x: &'a str) -> char { '/' } //! doc\nlet q = '\"'; // after quote\n";
        assert_eq!(
            texts(src, Lang::Rust),
            vec![
                ("// yes".into(), false),
                ("/* outer /* inner */ still */".into(), false),
                ("//! doc".into(), true),
                ("// after quote".into(), false),
            ]
        );
    }

    #[test]
    fn js_strings_templates_and_regexes_are_not_comments() {
        let src = "const a = '// no';\nconst t = `/* no ${x /* yes */} */`;\nconst r = /\\/\\/ no/;\n/** doc */\n// plain\n";
        assert_eq!(
            texts(src, Lang::TypeScript),
            vec![
                ("/* yes */".into(), false),
                ("/** doc */".into(), true),
                ("// plain".into(), false),
            ]
        );
    }
}
