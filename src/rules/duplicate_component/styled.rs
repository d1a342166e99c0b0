//! styled-components / emotion definitions as units: `const SearchInput = styled.input`…``,
//! `styled(Button)`…``, `styled.a.attrs({ … })`…``, `styled.div<Props>`…`` and the object
//! form `styled.div({ … })`.
//!
//! A definition is found on the lexer's tokens ([`js_lexer`]): `const|let|var Name =` followed by
//! `styled` and a chain of `.member`, `(…)` calls and `<…>` type arguments, ending in a template
//! literal (or, for the object form, in the last call). Its fingerprint is the chain (member
//! names kept: `styled.input` is not `styled.a`; a wrapped component's name is a placeholder) and
//! the CSS inside the template, tokenised here: property names, keywords and punctuation stay,
//! numbers, lengths, colours and strings become placeholders, `${…}` holes are code tokens.

use crate::core::stable_hash;
use crate::lang::js_lexer::{Kind as JsKind, Lexed, NONE};

use super::KindHashes;

/// One styled definition: the name token, and the normalised token hashes of its definition.
pub(crate) struct StyledUnit {
    pub(crate) name: usize,
    pub(crate) tokens: Vec<u64>,
}

/// The styled-components / emotion definitions of a lexed file.
pub(crate) fn styled_units(lx: &Lexed, src: &str, hashes: &KindHashes) -> Vec<StyledUnit> {
    let toks = &lx.tokens;
    let text = |i: usize| -> &str {
        toks.get(i)
            .map_or("", |t| &src[t.start as usize..t.end as usize])
    };
    let kind = |i: usize| toks.get(i).map(|t| t.kind);
    let matching = |i: usize| -> Option<usize> {
        lx.matching
            .get(i)
            .copied()
            .filter(|m| *m != NONE)
            .map(|m| m as usize)
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < toks.len() {
        if !(kind(i) == Some(JsKind::Ident)
            && matches!(text(i), "const" | "let" | "var")
            && kind(i + 1) == Some(JsKind::Ident)
            && text(i + 1).starts_with(|c: char| c.is_ascii_uppercase())
            && text(i + 2) == "="
            && kind(i + 3) == Some(JsKind::Ident)
            && text(i + 3) == "styled")
        {
            i += 1;
            continue;
        }
        let name = i + 1;
        let mut seq = vec![stable_hash(&["styled"])];
        let mut k = i + 4;
        let mut segments = 0;
        let mut last_call = None;
        // the chain: `.member`, `(…)`, `<…>`
        loop {
            match (kind(k), text(k)) {
                (Some(JsKind::Punct), ".") if kind(k + 1) == Some(JsKind::Ident) => {
                    seq.push(stable_hash(&["."]));
                    seq.push(stable_hash(&["styled-member", text(k + 1)]));
                    k += 2;
                }
                (Some(JsKind::Punct), "(") => {
                    let Some(close) = matching(k) else { break };
                    seq.extend((k..=close).map(|t| hashes.lexical(toks[t].kind, text(t))));
                    last_call = Some(close);
                    k = close + 1;
                }
                (Some(JsKind::Punct), "<") => {
                    // type arguments: balanced `<…>`, bounded
                    let mut depth = 0i32;
                    let limit = (k + 200).min(toks.len());
                    let mut j = k;
                    while j < limit {
                        depth += match text(j) {
                            "<" => 1,
                            ">" => -1,
                            ">>" => -2,
                            _ => 0,
                        };
                        j += 1;
                        if depth <= 0 {
                            break;
                        }
                    }
                    if depth > 0 {
                        break;
                    }
                    k = j;
                }
                _ => break,
            }
            segments += 1;
        }
        if segments == 0 {
            i += 4;
            continue;
        }
        let end = if kind(k) == Some(JsKind::Template) {
            template_tokens(lx, src, k, hashes, &mut seq)
        } else if segments >= 2 {
            // the object form: `styled.div({ … })`, `styled(X)({ … })`
            last_call
        } else {
            None
        };
        match end {
            Some(end) => {
                out.push(StyledUnit { name, tokens: seq });
                i = end + 1;
            }
            None => i += 4,
        }
    }
    out
}

/// The tokens of the template literal whose first chunk is token `first` (its CSS tokenised,
/// its `${…}` holes as code), appended to `seq`; the index of its last chunk.
fn template_tokens(
    lx: &Lexed,
    src: &str,
    first: usize,
    hashes: &KindHashes,
    seq: &mut Vec<u64>,
) -> Option<usize> {
    let toks = &lx.tokens;
    let text = |i: usize| &src[toks[i].start as usize..toks[i].end as usize];
    let mut k = first;
    loop {
        let chunk = text(k);
        let closes = chunk.ends_with('`') && (k != first || chunk.len() >= 2);
        let body = chunk.strip_prefix('`').unwrap_or(chunk);
        let body = body.strip_suffix('`').unwrap_or(body);
        css_tokens(body, seq);
        if closes {
            return Some(k);
        }
        // a `${…}` hole follows: its code tokens, then the next chunk
        let open = k + 1;
        if toks.get(open).is_none_or(|t| t.kind != JsKind::Punct) {
            return None;
        }
        let close = lx.matching.get(open).copied().filter(|m| *m != NONE)? as usize;
        seq.push(stable_hash(&["${"]));
        seq.extend((open + 1..close).map(|t| hashes.lexical(toks[t].kind, text(t))));
        seq.push(stable_hash(&["}"]));
        k = close + 1;
        if toks.get(k).is_none_or(|t| t.kind != JsKind::Template) {
            return None;
        }
    }
}

/// Normalised CSS tokens of a template chunk: words (property names, keywords such as `flex`)
/// and punctuation stay; numbers with their units, `#hex` colours and strings are one
/// placeholder each; comments go.
pub(crate) fn css_tokens(css: &str, seq: &mut Vec<u64>) {
    let b = css.as_bytes();
    let lit = stable_hash(&["$lit"]);
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = css[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
        } else if c.is_ascii_digit() || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'%') {
                i += 1;
            }
            seq.push(lit);
        } else if c == b'#' {
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            seq.push(lit);
        } else if c == b'"' || c == b'\'' {
            let close = css[i + 1..]
                .find(c as char)
                .map_or(b.len(), |e| i + 1 + e + 1);
            i = close;
            seq.push(lit);
        } else if c.is_ascii_alphabetic() || c == b'-' || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'_') {
                i += 1;
            }
            seq.push(stable_hash(&["css", &css[start..i].to_ascii_lowercase()]));
        } else {
            // one punctuation byte (or one non-ASCII character)
            let len = css[i..].chars().next().map_or(1, char::len_utf8);
            seq.push(stable_hash(&["css", &css[i..i + len]]));
            i += len;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::js_lexer;

    fn found(src: &str) -> Vec<(String, usize)> {
        let lx = js_lexer::lex(src);
        let h = KindHashes::new();
        styled_units(&lx, src, &h)
            .into_iter()
            .map(|u| {
                let t = lx.tokens[u.name];
                (
                    src[t.start as usize..t.end as usize].to_string(),
                    u.tokens.len(),
                )
            })
            .collect()
    }

    #[test]
    fn the_forms_of_a_styled_definition() {
        let src = "const A = styled.input`\n  color: ${(p) => p.c};\n  padding: 4px;\n`;\nexport const B = styled(Button)`margin: 0;`;\nconst C = styled.a.attrs({ target: '_blank' })`color: red;`;\nconst D = styled.div<{ on: boolean }>`display: flex;`;\nconst E = styled.div({ display: 'flex' });\nconst F = styled('span')`x: y;`;\nconst notStyled = styled.div`a: b;`;\nconst G = styled;\n";
        let names: Vec<String> = found(src).into_iter().map(|u| u.0).collect();
        assert_eq!(names, ["A", "B", "C", "D", "E", "F"]);
    }

    #[test]
    fn css_values_are_placeholders_and_properties_stay() {
        let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
        css_tokens(
            "color: #fff; padding: 4px 8px; /* note */ font: 'x';",
            &mut a,
        );
        css_tokens(
            "color: #000000;\n  padding: 1rem 2.5em; font: \"y\";",
            &mut b,
        );
        css_tokens("margin: #fff; padding: 4px 8px; font: 'x';", &mut c);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
