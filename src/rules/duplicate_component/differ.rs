//! What differs between two near-copies: their normalised token sequences aligned (a longest
//! common subsequence, Myers' O(ND) diff), then the tokens as written compared along the
//! alignment.
//!
//! Token-set similarity says how much two units share, not what they do not share. A copy
//! made for another entity keeps its shape and renames a few names consistently (a reviewer
//! merges it with a parameter); two units that are parallel by design (a route shell around a
//! different child, one accessor per table, an `up` and a `down`) share the scaffold and differ
//! in what they call and render. [`features`] measures that: how much of the larger unit the
//! alignment covers, and among the aligned names how many are spelled the same.
//!
//! Each unit carries, per token, its normalised hash (`seq`) and the hash of its text as
//! written with the token's class in the top two bits (`raw`, [`raw_token`]).

/// Token classes, in the top two bits of a raw token.
pub(crate) const STRUCT: u32 = 0;
/// A name: an identifier, a field, a callee.
pub(crate) const NAME: u32 = 1;
/// A literal value: a string, a number, JSX text.
pub(crate) const LIT: u32 = 2;
/// A component or type: a capitalised JSX tag, a Rust type name.
pub(crate) const TYPE: u32 = 3;

/// The raw token of `class` whose text hashes to `h`.
pub(crate) fn raw_token(class: u32, h: u64) -> u32 {
    (class << 30) | (h as u32 & 0x3fff_ffff)
}

fn class(raw: u32) -> u32 {
    raw >> 30
}

/// Past this many edits two units are not aligned (their features say "unlike"): bounds the
/// cost of a pair at O((n + m) · MAX_EDITS) time and O(MAX_EDITS²) memory.
const MAX_EDITS: usize = 1500;

/// The matched positions `(i, j)` of a longest common subsequence of `a` and `b`, in order;
/// `None` when more than `max_edits` insertions and deletions separate them.
pub(crate) fn align(a: &[u32], b: &[u32], max_edits: usize) -> Option<Vec<(usize, usize)>> {
    // a common prefix and suffix align as they are
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (x, y) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out: Vec<(usize, usize)> = (0..pre).map(|i| (i, i)).collect();
    let mid = crate::core::diff::myers_matches(x, y, max_edits)?;
    out.extend(mid.into_iter().map(|(i, j)| (i + pre, j + pre)));
    out.extend((0..suf).map(|k| (a.len() - suf + k, b.len() - suf + k)));
    Some(out)
}

/// An aligned run at least this long is copied code, not a shared idiom.
pub(crate) const RUN: usize = 12;

/// What the alignment of two units says about their differences.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Features {
    /// The units could be aligned within [`MAX_EDITS`].
    pub(crate) aligned: bool,
    /// Aligned tokens over the larger unit's tokens.
    pub(crate) cover_max: f64,
    /// Aligned tokens over the smaller unit's tokens.
    pub(crate) cover_min: f64,
    /// Tokens in aligned runs of [`RUN`] or more over the larger unit's tokens.
    pub(crate) run_cover: f64,
    /// Aligned names (identifiers) and how many of them are spelled the same.
    pub(crate) names: usize,
    pub(crate) names_same: usize,
    /// Aligned literal values and how many are the same.
    pub(crate) lits: usize,
    pub(crate) lits_same: usize,
    /// Aligned components/types and how many are the same.
    pub(crate) types: usize,
    pub(crate) types_same: usize,
    /// Aligned callees (a name before `(` or `!`) and how many are the same.
    pub(crate) calls: usize,
    pub(crate) calls_same: usize,
    /// Distinct (name in A, name in B) renames among the aligned names and types.
    pub(crate) renames: usize,
    /// Separate stretches of unaligned tokens (hunks), both sides.
    pub(crate) hunks: usize,
    /// Unaligned tokens that are components/types, callees, control flow, both sides.
    pub(crate) gap_types: usize,
    pub(crate) gap_calls: usize,
    pub(crate) gap_control: usize,
    /// Unaligned tokens, both sides.
    pub(crate) gap: usize,
}

/// Hashes of the tokens that open a call (`(`, `!`) and of control-flow keywords, as the
/// normalised sequences carry them.
#[derive(Debug)]
pub(crate) struct Marks {
    pub(crate) call: [u32; 2],
    pub(crate) control: Vec<u32>,
}

impl Marks {
    pub(crate) fn new() -> Self {
        let h = |s: &str| crate::core::stable_hash(&[s]) as u32;
        Marks {
            call: [h("("), h("!")],
            control: [
                "if", "else", "for", "while", "loop", "match", "return", "?", "switch", "case",
                "try", "catch", "await", "&&", "||",
            ]
            .iter()
            .map(|s| h(s))
            .collect(),
        }
    }
}

/// The features of two units' alignment (`seq` normalised, `raw` as written, one per token).
pub(crate) fn features(
    (sa, ra): (&[u32], &[u32]),
    (sb, rb): (&[u32], &[u32]),
    marks: &Marks,
) -> Features {
    let mut f = Features::default();
    if sa.is_empty() || sb.is_empty() || sa.len() != ra.len() || sb.len() != rb.len() {
        return f;
    }
    let Some(pairs) = align(sa, sb, MAX_EDITS) else {
        return f;
    };
    f.aligned = true;
    let (n, m) = (sa.len(), sb.len());
    f.cover_max = pairs.len() as f64 / n.max(m) as f64;
    f.cover_min = pairs.len() as f64 / n.min(m) as f64;
    let is_call = |s: &[u32], i: usize| s.get(i + 1).is_some_and(|t| marks.call.contains(t));
    let mut renames: Vec<(u32, u32)> = Vec::new();
    let mut run = 0usize;
    let mut in_runs = 0usize;
    let (mut pi, mut pj) = (0usize, 0usize);
    let gap_tok = |s: &[u32], r: &[u32], lo: usize, hi: usize, f: &mut Features| {
        if lo < hi {
            f.hunks += 1;
        }
        for i in lo..hi {
            f.gap += 1;
            if class(r[i]) == TYPE {
                f.gap_types += 1;
            } else if class(r[i]) == NAME && is_call(s, i) {
                f.gap_calls += 1;
            } else if marks.control.contains(&s[i]) {
                f.gap_control += 1;
            }
        }
    };
    for &(i, j) in pairs.iter().chain(std::iter::once(&(n, m))) {
        let contiguous = i == pi && j == pj;
        if !contiguous || i == n {
            if run >= RUN {
                in_runs += run;
            }
            run = 0;
        }
        gap_tok(sa, ra, pi, i, &mut f);
        gap_tok(sb, rb, pj, j, &mut f);
        if i == n {
            break;
        }
        run += 1;
        let (x, y) = (ra[i], rb[j]);
        let same = x == y;
        match class(x) {
            NAME => {
                f.names += 1;
                f.names_same += usize::from(same);
                if is_call(sa, i) {
                    f.calls += 1;
                    f.calls_same += usize::from(same);
                }
            }
            LIT => {
                f.lits += 1;
                f.lits_same += usize::from(same);
            }
            TYPE => {
                f.types += 1;
                f.types_same += usize::from(same);
            }
            _ => {}
        }
        if !same && matches!(class(x), NAME | TYPE) {
            renames.push((x, y));
        }
        pi = i + 1;
        pj = j + 1;
    }
    renames.sort_unstable();
    renames.dedup();
    f.renames = renames.len();
    f.run_cover = in_runs as f64 / n.max(m) as f64;
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcs_len(a: &[u32], b: &[u32]) -> usize {
        let mut dp = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in 0..a.len() {
            for j in 0..b.len() {
                dp[i + 1][j + 1] = if a[i] == b[j] {
                    dp[i][j] + 1
                } else {
                    dp[i][j + 1].max(dp[i + 1][j])
                };
            }
        }
        dp[a.len()][b.len()]
    }

    #[test]
    fn alignment_is_a_longest_common_subsequence() {
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32 % 4
        };
        for round in 0..200 {
            let a: Vec<u32> = (0..round % 23).map(|_| next()).collect();
            let b: Vec<u32> = (0..(round * 7) % 19).map(|_| next()).collect();
            let p = align(&a, &b, 1000).unwrap();
            assert_eq!(p.len(), lcs_len(&a, &b), "{a:?} {b:?}");
            for w in p.windows(2) {
                assert!(w[0].0 < w[1].0 && w[0].1 < w[1].1);
            }
            assert!(p.iter().all(|&(i, j)| a[i] == b[j]));
        }
        assert_eq!(align(&[1, 2, 3], &[4, 5, 6], 2), None);
        assert_eq!(align(&[], &[], 0), Some(vec![]));
    }

    #[test]
    fn renames_and_parallel_code_differ_where_it_matters() {
        let marks = Marks::new();
        let id = 10u32;
        let open = marks.call[0];
        let name = |s: u64| raw_token(NAME, s);
        let punct = raw_token(STRUCT, 99);
        // f(x); g(x); with x renamed to y: calls the same, one rename
        let seq = vec![id, open, id, 99, id, open, id, 99];
        let a = vec![
            name(1),
            punct,
            name(3),
            punct,
            name(2),
            punct,
            name(3),
            punct,
        ];
        let b = vec![
            name(1),
            punct,
            name(4),
            punct,
            name(2),
            punct,
            name(4),
            punct,
        ];
        let f = features((&seq, &a), (&seq, &b), &marks);
        assert_eq!((f.calls, f.calls_same, f.renames), (2, 2, 1));
        assert_eq!(f.cover_max, 1.0);
        // the same shape calling other functions
        let c = vec![
            name(5),
            punct,
            name(3),
            punct,
            name(6),
            punct,
            name(3),
            punct,
        ];
        let f = features((&seq, &a), (&seq, &c), &marks);
        assert_eq!((f.calls, f.calls_same, f.renames), (2, 0, 2));
    }
}
