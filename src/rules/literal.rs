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

/// An Aho-Corasick automaton that reports every occurrence of its literals, overlapping ones
/// too, in the order of `AhoCorasick::find_overlapping_iter` (by end, then as the automaton
/// lists a state's matches). Up to [`MAX_DFA_LITERALS`] non-empty literals it is a DFA scanned
/// by a loop of its own: the iterator keeps its position in memory between bytes and returns
/// at each match, ~20 instructions a byte of every file, where this loop takes ~7.
pub(crate) enum Overlapping {
    Dfa(Box<aho_corasick::dfa::DFA>),
    Other(aho_corasick::AhoCorasick),
}

/// Literals up to which the automaton is a DFA: its construction grows with the literals (a
/// rule may have thousands), beyond which the automaton is left to choose.
pub(crate) const MAX_DFA_LITERALS: usize = 500;

impl Overlapping {
    /// The automaton of `lits`, ignoring ASCII case when `fold` (the literals are then compared
    /// as written by [`Literal::found_at`] where they do not fold).
    pub(crate) fn new<T: AsRef<[u8]>>(lits: &[T], fold: bool) -> Result<Self, String> {
        let plain = lits.len() <= MAX_DFA_LITERALS && lits.iter().all(|l| !l.as_ref().is_empty());
        if plain {
            let dfa = aho_corasick::dfa::Builder::new()
                .ascii_case_insensitive(fold)
                .prefilter(false)
                .start_kind(aho_corasick::StartKind::Unanchored)
                .build(lits.iter().map(|l| l.as_ref()));
            if let Ok(dfa) = dfa {
                return Ok(Overlapping::Dfa(Box::new(dfa)));
            }
        }
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(fold)
            .build(lits.iter().map(|l| l.as_ref()))
            .map(Overlapping::Other)
            .map_err(|e| e.to_string())
    }

    /// Calls `each(literal, start, end)` for every occurrence in `hay`, until it breaks.
    pub(crate) fn each(
        &self,
        hay: &[u8],
        mut each: impl FnMut(usize, usize, usize) -> std::ops::ControlFlow<()>,
    ) {
        use aho_corasick::automaton::Automaton;
        use std::ops::ControlFlow::Break;
        match self {
            Overlapping::Dfa(dfa) => {
                let Ok(mut sid) = dfa.start_state(aho_corasick::Anchored::No) else {
                    return;
                };
                // a long text is scanned as two halves side by side ([`scan_halves`])
                if hay.len() >= TWO_STREAMS_FROM && hay.len() / 2 >= dfa.max_pattern_len() {
                    return scan_halves(dfa, hay, sid, each);
                }
                let mut at = 0;
                // without a prefilter only the dead and the match states are special, and an
                // unanchored search never dies
                while let Some((end, s)) = next_special(dfa, hay, at, sid) {
                    (at, sid) = (end, s);
                    if dfa.is_dead(sid) {
                        return;
                    }
                    if report(dfa, sid, end, &mut each) == Break(()) {
                        return;
                    }
                }
            }
            Overlapping::Other(ac) => {
                for m in ac.find_overlapping_iter(hay) {
                    if each(m.pattern().as_usize(), m.start(), m.end()) == Break(()) {
                        return;
                    }
                }
            }
        }
    }
}

/// Literals found in one pass over a text, as the engine's scan finds them (boundaries
/// checked, ASCII case folded where a literal folds): for a kind that looks for its anchor
/// candidates itself (its text prefilter, a test).
pub(crate) struct LiteralScan {
    ac: Overlapping,
    lits: Vec<Literal>,
}

impl LiteralScan {
    pub(crate) fn new(lits: Vec<Literal>) -> Result<Self, String> {
        let texts: Vec<&str> = lits.iter().map(|l| l.text.as_str()).collect();
        let ac = Overlapping::new(&texts, lits.iter().any(|l| l.fold))?;
        Ok(LiteralScan { ac, lits })
    }

    pub(crate) fn literals(&self) -> &[Literal] {
        &self.lits
    }

    /// Every occurrence of every literal in `text` (overlapping ones too), in the order of
    /// their ends.
    pub(crate) fn occurrences(&self, text: &str, out: &mut Vec<Occurrence>) {
        let hay = text.as_bytes();
        self.ac.each(hay, |li, start, end| {
            if self.lits[li].found_at(hay, start, end) {
                out.push((li as u32, start));
            }
            std::ops::ControlFlow::Continue(())
        });
    }
}

/// The length from which [`Overlapping::each`] scans a text as two halves.
const TWO_STREAMS_FROM: usize = 1024;

/// [`Overlapping::each`] over the DFA as two scans side by side: each step of one waits on
/// the state the step before it loaded, so two independent chains overlap in the processor
/// (~1.6× faster on long texts). The first scans `hay[..mid]`; the second starts from the
/// start state `max_pattern_len` bytes before `mid`, which is enough to be in the state the
/// first would be in at `mid` (an Aho-Corasick state stands for the longest suffix read that
/// begins a literal, which is no longer than the longest literal), and keeps the occurrences
/// ending after `mid`. Those are handed over after the first half's, so `each` sees the same
/// occurrences in the same order as from one scan.
fn scan_halves(
    dfa: &aho_corasick::dfa::DFA,
    hay: &[u8],
    start: aho_corasick::automaton::StateID,
    each: impl FnMut(usize, usize, usize) -> std::ops::ControlFlow<()>,
) {
    // the second half's occurrences go to this thread's buffer, reused from text to text
    // (taken, so that a callback that scans again gets a buffer of its own)
    let mut later = LATER.with(|l| l.take());
    later.clear();
    scan_halves_with(dfa, hay, start, each, &mut later);
    LATER.with(|l| l.set(later));
}

/// [`scan_halves`] with the buffer for the second half's occurrences (empty).
fn scan_halves_with(
    dfa: &aho_corasick::dfa::DFA,
    hay: &[u8],
    start: aho_corasick::automaton::StateID,
    mut each: impl FnMut(usize, usize, usize) -> std::ops::ControlFlow<()>,
    later: &mut Vec<(usize, usize, usize)>,
) {
    use aho_corasick::automaton::Automaton;
    use std::ops::ControlFlow::Break;
    let mid = hay.len() / 2;
    let (mut a, mut sa) = (0, start);
    let (mut b, mut sb) = (mid - dfa.max_pattern_len(), start);
    let mut a_live = true;
    let mut b_live = true;
    // the second half's occurrences: (literal, start, end)
    let later_of = |sb, b: usize, later: &mut Vec<(usize, usize, usize)>| {
        for k in 0..dfa.match_len(sb) {
            let pid = dfa.match_pattern(sb, k);
            if b > mid {
                later.push((pid.as_usize(), b - dfa.pattern_len(pid), b));
            }
        }
    };
    while a_live && b_live && a < mid && b < hay.len() {
        let step = next_special_2(dfa, hay, (a, sa, mid), (b, sb));
        (a, sa, b, sb) = (step.0, step.1, step.2, step.3);
        if !step.4 {
            continue;
        }
        if dfa.is_special(sa) {
            if dfa.is_dead(sa) {
                return;
            }
            if report(dfa, sa, a, &mut each) == Break(()) {
                return;
            }
        }
        if dfa.is_special(sb) {
            if dfa.is_dead(sb) {
                b_live = false;
            } else {
                later_of(sb, b, later);
            }
        }
    }
    // the rest of each half alone
    while a_live && a < mid {
        match next_special(dfa, &hay[..mid], a, sa) {
            Some((end, s)) => {
                (a, sa) = (end, s);
                if dfa.is_dead(sa) {
                    return;
                }
                if report(dfa, sa, a, &mut each) == Break(()) {
                    return;
                }
            }
            None => a_live = false,
        }
    }
    while b_live {
        match next_special(dfa, hay, b, sb) {
            Some((end, s)) => {
                (b, sb) = (end, s);
                if dfa.is_dead(sb) {
                    break;
                }
                later_of(sb, b, later);
            }
            None => b_live = false,
        }
    }
    for &(p, s, e) in later.iter() {
        if each(p, s, e) == Break(()) {
            return;
        }
    }
}

thread_local! {
    /// [`scan_halves`]' buffer of the second half's occurrences, reused from text to text.
    static LATER: std::cell::Cell<Vec<(usize, usize, usize)>> =
        const { std::cell::Cell::new(Vec::new()) };
}

/// Two scans of [`next_special`] in one loop: from `a` (up to `a_end`) with the state `sa`,
/// and from `b` (up to the end of `hay`) with `sb`, a byte of each per step, until either
/// reaches a special state (then the last value is true) or its end. Returns both positions
/// and states.
#[inline(never)]
fn next_special_2(
    dfa: &aho_corasick::dfa::DFA,
    hay: &[u8],
    (mut a, mut sa, a_end): (usize, aho_corasick::automaton::StateID, usize),
    (mut b, mut sb): (usize, aho_corasick::automaton::StateID),
) -> (
    usize,
    aho_corasick::automaton::StateID,
    usize,
    aho_corasick::automaton::StateID,
    bool,
) {
    use aho_corasick::automaton::Automaton;
    let a_end = a_end.min(hay.len());
    while a < a_end && b < hay.len() {
        sa = dfa.next_state(aho_corasick::Anchored::No, sa, hay[a]);
        sb = dfa.next_state(aho_corasick::Anchored::No, sb, hay[b]);
        a += 1;
        b += 1;
        if dfa.is_special(sa) || dfa.is_special(sb) {
            return (a, sa, b, sb, true);
        }
    }
    (a, sa, b, sb, false)
}

/// Calls `each` for every literal the match state `sid` reports, ending at `end`.
fn report(
    dfa: &aho_corasick::dfa::DFA,
    sid: aho_corasick::automaton::StateID,
    end: usize,
    each: &mut impl FnMut(usize, usize, usize) -> std::ops::ControlFlow<()>,
) -> std::ops::ControlFlow<()> {
    use aho_corasick::automaton::Automaton;
    for k in 0..dfa.match_len(sid) {
        let pid = dfa.match_pattern(sid, k);
        each(pid.as_usize(), end - dfa.pattern_len(pid), end)?;
    }
    std::ops::ControlFlow::Continue(())
}

/// From `at` in `hay` and the state `sid`, the end of the first byte that leads to a special
/// state, and that state; None at the end of `hay`. A loop of its own (no call in it, so that
/// its state stays in registers): ~7 instructions a byte.
#[inline(never)]
fn next_special(
    dfa: &aho_corasick::dfa::DFA,
    hay: &[u8],
    mut at: usize,
    mut sid: aho_corasick::automaton::StateID,
) -> Option<(usize, aho_corasick::automaton::StateID)> {
    use aho_corasick::automaton::Automaton;
    while at < hay.len() {
        sid = dfa.next_state(aho_corasick::Anchored::No, sid, hay[at]);
        at += 1;
        if dfa.is_special(sid) {
            return Some((at, sid));
        }
    }
    None
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

    #[test]
    fn the_scan_loop_reports_what_the_overlapping_iterator_reports() {
        // overlapping and nested literals, one inside another, single bytes, in both cases,
        // at the start and the end of the text, repeated, and a text without any
        let lits = [
            "key", "keys", "ey", "\"", "'", "::", ":::", "port", "import", "a", "aa", "x",
        ];
        let texts = [
            "",
            "nothing here",
            "KEYS keys key\"'::: import export aa aaa\"",
            "a",
            "x::::x",
            "monkey keystone \"port\" 'imported'",
        ];
        for fold in [false, true] {
            let scanner = Overlapping::new(&lits, fold).unwrap();
            assert!(matches!(scanner, Overlapping::Dfa(_)));
            let ac = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(fold)
                .build(lits)
                .unwrap();
            for text in texts {
                let want: Vec<(usize, usize, usize)> = ac
                    .find_overlapping_iter(text)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                let mut got = Vec::new();
                scanner.each(text.as_bytes(), |p, s, e| {
                    got.push((p, s, e));
                    std::ops::ControlFlow::Continue(())
                });
                assert_eq!(got, want, "{text:?} fold {fold}");
                // stopped at the third
                let mut first = Vec::new();
                scanner.each(text.as_bytes(), |p, s, e| {
                    first.push((p, s, e));
                    if first.len() == 3 {
                        std::ops::ControlFlow::Break(())
                    } else {
                        std::ops::ControlFlow::Continue(())
                    }
                });
                assert_eq!(first, want[..want.len().min(3)], "{text:?}");
            }
        }
        // long texts (scanned as two halves) over a small alphabet: occurrences everywhere,
        // across the middle too, and stops before, at and after it
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let lits = ["ab", "aba", "b", "abab", "bba", "aaaaaaa", "Ab", "c"];
        let mut texts: Vec<Vec<u8>> = [1023, 1024, 1025, 2000, 4097, 10_000]
            .iter()
            .map(|&len| (0..len).map(|_| b"abAc"[(next() % 4) as usize]).collect())
            .collect();
        // the longest literal ending just after the middle, at each offset
        for off in 0..9 {
            let mut t = vec![b'c'; 2048];
            t[1024 + off - 7..1024 + off].copy_from_slice(b"aaaaaaa");
            texts.push(t);
        }
        for text in texts {
            let len = text.len();
            for fold in [false, true] {
                let scanner = Overlapping::new(&lits, fold).unwrap();
                let ac = aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(fold)
                    .build(lits)
                    .unwrap();
                let want: Vec<(usize, usize, usize)> = ac
                    .find_overlapping_iter(&text)
                    .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                    .collect();
                let mut got = Vec::new();
                scanner.each(&text, |p, s, e| {
                    got.push((p, s, e));
                    std::ops::ControlFlow::Continue(())
                });
                assert_eq!(got, want, "{len} fold {fold}");
                let half = want.iter().position(|m| m.2 > len / 2).unwrap_or(0);
                for stop in [1, half.max(1), half + 1, want.len() - 1] {
                    let mut first = Vec::new();
                    scanner.each(&text, |p, s, e| {
                        first.push((p, s, e));
                        if first.len() == stop {
                            std::ops::ControlFlow::Break(())
                        } else {
                            std::ops::ControlFlow::Continue(())
                        }
                    });
                    assert_eq!(first, want[..stop], "{len} stop {stop}");
                }
            }
        }
        // an empty literal goes to the automaton that knows what to do with it
        assert!(matches!(
            Overlapping::new(&["", "a"], false).unwrap(),
            Overlapping::Other(_)
        ));
    }
}
