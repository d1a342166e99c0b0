//! The CSS text of a template or string, as text: substitutions masked, comments blanked, cut
//! into declarations that run to `;`, `{` or `}` (not to the end of a line), and a value cut into
//! its lines so that each offending line of a multi-line value is reported where it is.

use std::ops::Range;

/// The byte that stands for each byte of a masked `${…}` substitution.
pub(super) const HOLE: char = '\u{1}';

/// `text` with each range of `holes` replaced by [`HOLE`] bytes and CSS comments (`/* … */`,
/// and `//` at the start of a line) by spaces; byte offsets are unchanged.
pub(super) fn mask(text: &str, holes: &[Range<usize>]) -> String {
    let mut b = text.as_bytes().to_vec();
    for h in holes {
        let (s, e) = (h.start.min(b.len()), h.end.min(b.len()));
        for x in &mut b[s..e] {
            *x = HOLE as u8;
        }
    }
    let mut i = 0;
    let mut line_start = true;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let end = find(&b, i + 2, b"*/").map_or(b.len(), |j| j + 2);
            blank(&mut b[i..end]);
            i = end;
            continue;
        }
        if line_start && c == b'/' && b.get(i + 1) == Some(&b'/') {
            let end = b[i..]
                .iter()
                .position(|&x| x == b'\n')
                .map_or(b.len(), |n| i + n);
            blank(&mut b[i..end]);
            i = end;
            continue;
        }
        if c == b'\n' {
            line_start = true;
        } else if !c.is_ascii_whitespace() {
            line_start = false;
        }
        i += 1;
    }
    // only whole characters were replaced, by ASCII bytes
    String::from_utf8(b).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    (from..b.len().saturating_sub(pat.len() - 1)).find(|&j| b[j..].starts_with(pat))
}

fn blank(b: &mut [u8]) {
    for x in b {
        if *x != b'\n' {
            *x = b' ';
        }
    }
}

/// One piece of CSS between `;`, `{` and `}` (outside parentheses): its range, and for a
/// declaration `prop: value` the ranges of the property (trimmed) and the value.
#[derive(Debug, PartialEq)]
pub(super) struct Piece {
    pub(super) range: Range<usize>,
    pub(super) decl: Option<(Range<usize>, Range<usize>)>,
}

/// The pieces of a masked CSS text.
pub(super) fn pieces(masked: &str) -> Vec<Piece> {
    let b = masked.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut colon = None;
    for i in 0..=b.len() {
        let c = b.get(i).copied();
        match c {
            Some(b'(') => depth += 1,
            Some(b')') => depth = depth.saturating_sub(1),
            Some(b':') if depth == 0 && colon.is_none() => colon = Some(i),
            Some(b';' | b'{' | b'}') | None => {
                // a selector (`a:hover {`) is not a declaration
                let decl = colon.filter(|_| c != Some(b'{')).and_then(|k| {
                    let prop = trim(masked, start..k);
                    let ok = !prop.is_empty()
                        && masked[prop.clone()]
                            .bytes()
                            .all(|x| x.is_ascii_alphanumeric() || x == b'-');
                    ok.then(|| (prop, k + 1..i))
                });
                if start < i {
                    out.push(Piece {
                        range: start..i,
                        decl,
                    });
                }
                start = i + 1;
                depth = 0;
                colon = None;
            }
            _ => {}
        }
    }
    out
}

/// `r` without the whitespace at both ends.
pub(super) fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// The non-blank lines of a value range, each trimmed (and without a trailing `,`), skipping
/// lines that are only substitutions.
pub(super) fn value_lines(masked: &str, value: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut at = value.start;
    for line in masked[value.clone()].split_inclusive('\n') {
        let r = trim(masked, at..at + line.len());
        at += line.len();
        let mut r = r;
        if masked[r.clone()].ends_with(',') {
            r = trim(masked, r.start..r.end - 1);
        }
        if masked[r.clone()]
            .chars()
            .any(|c| c != HOLE && !c.is_whitespace() && c != ',')
        {
            out.push(r);
        }
    }
    out
}

/// `rgba(0,196,184,${alpha})`: a colour whose channels are literal and whose alpha alone is a
/// substitution is still a literal colour; the masked alpha reads as `1` (offsets unchanged).
pub(super) fn fill_alpha_holes(masked: &str) -> std::borrow::Cow<'_, str> {
    if !masked.contains(HOLE) {
        return std::borrow::Cow::Borrowed(masked);
    }
    let mut b = masked.as_bytes().to_vec();
    let lower = masked.to_ascii_lowercase();
    for f in ["rgba(", "hsla(", "rgb(", "hsl("] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(f) {
            let open = from + i + f.len();
            from = open;
            let Some(close) = masked[open..].find(')').map(|n| open + n) else {
                break;
            };
            let args = &masked[open..close];
            let parts: Vec<&str> = args.split([',', '/']).collect();
            let Some((last, channels)) = parts.split_last() else {
                continue;
            };
            let hole = |p: &str| !p.trim().is_empty() && p.trim().chars().all(|c| c == HOLE);
            let shape = channels.len() == 3 || (channels.len() == 1 && args.contains('/'));
            if shape && hole(last) && !channels.iter().any(|p| p.contains(HOLE)) {
                let at = close - last.len();
                let lead = last.len() - last.trim_start().len();
                b[at + lead] = b'1';
                for x in &mut b[at + lead + 1..at + last.trim_end().len()] {
                    *x = b' ';
                }
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8(b).unwrap_or_else(|_| masked.to_string()))
}

/// A masked piece as shown in a message: each run of [`HOLE`]s is `${…}`.
pub(super) fn show(masked: &str) -> String {
    let mut out = String::with_capacity(masked.len());
    let mut in_hole = false;
    for c in masked.chars() {
        if c == HOLE {
            if !in_hole {
                out.push_str("${…}");
            }
            in_hole = true;
        } else {
            in_hole = false;
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_run_to_a_terminator_not_a_newline() {
        let text = "\n  box-shadow:\n    rgba(0,0,0,.08) 0px 2px 4px,\n    #fff 0 1px;\n  &:hover { color: red }\n  @media (max-width: 10px) { padding: 4px; }\n";
        let m = mask(text, &[]);
        let decls: Vec<(String, String)> = pieces(&m)
            .into_iter()
            .filter_map(|p| p.decl)
            .map(|(p, v)| (m[p].to_string(), m[v].trim().to_string()))
            .collect();
        assert_eq!(
            decls,
            vec![
                (
                    "box-shadow".into(),
                    "rgba(0,0,0,.08) 0px 2px 4px,\n    #fff 0 1px".into()
                ),
                ("color".into(), "red".into()),
                ("padding".into(), "4px".into()),
            ]
        );
        let p = pieces(&m);
        let (_, v) = p[0].decl.clone().unwrap();
        let lines: Vec<&str> = value_lines(&m, v).into_iter().map(|r| &m[r]).collect();
        assert_eq!(lines, vec!["rgba(0,0,0,.08) 0px 2px 4px", "#fff 0 1px"]);
    }

    #[test]
    fn substitutions_and_comments_are_masked() {
        let text = "color: ${x};/* a: #fff; */\n// b: #000;\nbackground: url(https://x.org/a.png);";
        let m = mask(text, std::slice::from_ref(&(7..11)));
        assert_eq!(m.len(), text.len());
        assert_eq!(show(&m[7..11]), "${…}");
        let decls: Vec<String> = pieces(&m)
            .into_iter()
            .filter_map(|p| p.decl)
            .map(|(p, _)| m[p].to_string())
            .collect();
        assert_eq!(decls, vec!["color", "background"]);
        assert!(value_lines(&m, 6..11).is_empty());
    }
}
