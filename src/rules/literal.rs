//! Prefilter literals and name wildcards: the strings a file must contain for a rule to match
//! (checked once per file with one Aho-Corasick scan), and the `*`/`?` patterns of call, import
//! and type lists. A byte order mark at the start of a file is a word boundary.

/// A string a file must contain for a rule to possibly match it. With `word_start`/`word_end`,
/// the characters around it must not continue an identifier (`any` is not found in `many`);
/// with `fold`, it is found in any ASCII case (`Key` and `KEY` hold `key`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Literal {
    pub(crate) text: String,
    pub(crate) word_start: bool,
    pub(crate) word_end: bool,
    pub(crate) fold: bool,
}

impl Literal {
    /// A plain substring.
    pub(crate) fn substring(text: &str) -> Self {
        Literal {
            text: text.to_string(),
            word_start: false,
            word_end: false,
            fold: false,
        }
    }

    /// A substring in any ASCII case.
    pub(crate) fn folded(text: &str) -> Self {
        Literal {
            fold: true,
            ..Literal::substring(text)
        }
    }

    /// A whole token: boundaries checked on the sides that are identifier characters.
    pub(crate) fn token(text: &str) -> Self {
        let starts = text.chars().next().is_some_and(is_ident_char);
        let ends = text.chars().last().is_some_and(is_ident_char);
        Literal {
            text: text.to_string(),
            word_start: starts,
            word_end: ends,
            fold: false,
        }
    }

    /// Whether an occurrence at `start..end` of `hay` found by an automaton that ignores ASCII
    /// case is one of this literal: its case (unless it folds), then its boundaries.
    pub(crate) fn found_at(&self, hay: &[u8], start: usize, end: usize) -> bool {
        (self.fold || hay.get(start..end) == Some(self.text.as_bytes()))
            && self.accepts(hay, start, end)
    }

    /// Whether an occurrence at `start..end` of `hay` respects the boundaries.
    pub(crate) fn accepts(&self, hay: &[u8], start: usize, end: usize) -> bool {
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b'$' || b >= 0x80;
        // a byte order mark opening the file is no identifier character
        let at_start = start == 0 || (start == 3 && hay.starts_with(b"\xef\xbb\xbf"));
        (!self.word_start || at_start || !ident(hay[start - 1]))
            && (!self.word_end || end >= hay.len() || !ident(hay[end]))
    }
}

/// An occurrence of one of a list of literals: the literal's index in the list, and where it
/// starts.
pub(crate) type Occurrence = (u32, usize);

/// Literals found in one pass over a text, as the engine's scan finds them (boundaries
/// checked, ASCII case folded where a literal folds): for a kind that looks for its anchor
/// candidates itself (its text prefilter, a test).
pub(crate) struct LiteralScan {
    ac: aho_corasick::AhoCorasick,
    lits: Vec<Literal>,
}

impl LiteralScan {
    pub(crate) fn new(lits: Vec<Literal>) -> Result<Self, String> {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(lits.iter().any(|l| l.fold))
            .build(lits.iter().map(|l| &l.text))
            .map_err(|e| e.to_string())?;
        Ok(LiteralScan { ac, lits })
    }

    pub(crate) fn literals(&self) -> &[Literal] {
        &self.lits
    }

    /// Every occurrence of every literal in `text` (overlapping ones too), in the order of
    /// their ends.
    pub(crate) fn occurrences(&self, text: &str, out: &mut Vec<Occurrence>) {
        let hay = text.as_bytes();
        for m in self.ac.find_overlapping_iter(text) {
            let li = m.pattern().as_usize();
            if self.lits[li].found_at(hay, m.start(), m.end()) {
                out.push((li as u32, m.start()));
            }
        }
    }
}

pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '$'
}

/// A `*`/`?` wildcard pattern over names and paths (`console.*`, `@mui/*`, `std::process`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Wildcard {
    pub(crate) pattern: String,
}

impl Wildcard {
    pub(crate) fn new(p: &str) -> Self {
        Wildcard {
            pattern: p.to_string(),
        }
    }

    pub(crate) fn has_wildcards(&self) -> bool {
        self.pattern.contains(['*', '?'])
    }

    /// The longest run of literal characters: a string every match contains.
    pub(crate) fn literal(&self) -> &str {
        self.pattern
            .split(['*', '?'])
            .max_by_key(|s| s.len())
            .unwrap_or("")
    }

    /// The longest name segment of a path pattern (`console.*` → `console`, `std::process::exit`
    /// → `process`), as a whole-word literal except where a wildcard touches it. Source code
    /// may put spaces or line breaks between the segments of a path, never inside a name.
    /// `None` when no segment is long enough to be worth a prefilter.
    pub(crate) fn name_literal(&self) -> Option<Literal> {
        let p = &self.pattern;
        let bytes = p.as_bytes();
        let mut best: Option<(usize, usize)> = None;
        let mut start = 0;
        for i in 0..=bytes.len() {
            let at_sep = i == bytes.len() || matches!(bytes[i], b'.' | b':' | b'*' | b'?' | b'/');
            if at_sep {
                if i - start > best.map_or(0, |(s, e)| e - s) {
                    best = Some((start, i));
                }
                start = i + 1;
            }
        }
        let (s, e) = best?;
        if e - s < 2 {
            return None;
        }
        let before_wild = s > 0 && matches!(bytes[s - 1], b'*' | b'?');
        let after_wild = e < bytes.len() && matches!(bytes[e], b'*' | b'?');
        let mut lit = Literal::token(&p[s..e]);
        lit.word_start &= !before_wild;
        lit.word_end &= !after_wild;
        Some(lit)
    }

    /// Whole-string match; `*` matches any run (also across `.`, `/`, `::`), `?` one character.
    pub(crate) fn matches(&self, text: &str) -> bool {
        let p: Vec<char> = self.pattern.chars().collect();
        let t: Vec<char> = text.chars().collect();
        let (mut pi, mut ti) = (0, 0);
        let mut star: Option<(usize, usize)> = None;
        while ti < t.len() {
            if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
                pi += 1;
                ti += 1;
            } else if pi < p.len() && p[pi] == '*' {
                star = Some((pi, ti));
                pi += 1;
            } else if let Some((sp, st)) = star {
                pi = sp + 1;
                ti = st + 1;
                star = Some((sp, st + 1));
            } else {
                return false;
            }
        }
        while pi < p.len() && p[pi] == '*' {
            pi += 1;
        }
        pi == p.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        let w = Wildcard::new("console.*");
        assert!(w.matches("console.log"));
        assert!(w.matches("console.error"));
        assert!(!w.matches("consoles.log"));
        assert!(!w.matches("console"));
        assert_eq!(w.literal(), "console.");
        assert!(Wildcard::new("@mui/*").matches("@mui/material/Button"));
        assert!(Wildcard::new("a?c").matches("abc"));
        assert!(!Wildcard::new("a?c").matches("ac"));
        assert!(Wildcard::new("*").matches(""));
        assert!(Wildcard::new("*log*").matches("console.log"));
        assert!(!Wildcard::new("eval").matches("evaluate"));
    }

    #[test]
    fn name_literals_and_boundaries() {
        let l = Wildcard::new("console.*").name_literal().unwrap();
        assert_eq!(
            (l.text.as_str(), l.word_start, l.word_end),
            ("console", true, true)
        );
        let l = Wildcard::new("std::process::exit").name_literal().unwrap();
        assert_eq!(l.text, "process");
        let l = Wildcard::new("*Service").name_literal().unwrap();
        assert_eq!(
            (l.text.as_str(), l.word_start, l.word_end),
            ("Service", false, true)
        );
        assert_eq!(Wildcard::new("a.*").name_literal(), None);
        let any = Literal::token("any");
        let hay = b"let many: any = x";
        assert!(!any.accepts(hay, 5, 8));
        assert!(any.accepts(hay, 10, 13));
        assert!(!Literal::token("unwrap").accepts(b"x.unwrap_or(1)", 2, 8));
        assert!(Literal::substring("wrap").accepts(b"unwrap", 2, 6));
    }

    #[test]
    fn folded_literals_in_any_case_the_others_as_written() {
        let scan = LiteralScan::new(vec![
            Literal::folded("key"),
            Literal::substring("Button"),
            Literal::token("port"),
        ])
        .unwrap();
        let mut found = Vec::new();
        scan.occurrences("apiKey KEY button Button import port PORT", &mut found);
        found.sort_unstable();
        // `key` in any case, `Button` only as written, `port` only as a whole word
        assert_eq!(found, vec![(0, 3), (0, 7), (1, 18), (2, 32)]);
        assert!(Literal::folded("key").found_at(b"KeY", 0, 3));
        assert!(!Literal::substring("key").found_at(b"KeY", 0, 3));
    }
}
