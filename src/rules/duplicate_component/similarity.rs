//! Near-duplicate detection over token fingerprints, in near-linear time.
//!
//! Each unit (a component, a function) is a set of hashed k-grams of its normalised token
//! sequence. MinHash signatures with LSH banding propose candidate pairs (units that share a band
//! land in the same bucket), so the cost grows with the number of units, not its square; each
//! candidate is then verified with the exact similarity of the two k-gram sets (Jaccard and
//! containment, optionally IDF-weighted); [`super::cluster`] groups the pairs.

use std::collections::HashMap;

use rayon::prelude::*;

/// FNV-1a over a sequence of token hashes: a stable k-gram hash.
pub(crate) fn hash_tokens(tokens: &[u64]) -> u64 {
    let mut h = TokenHash::new();
    for &t in tokens {
        h.push(t);
    }
    h.get()
}

/// [`hash_tokens`] one token at a time: several sequences hashed in one loop overlap their
/// chains of multiplications (each waits on the one before it).
#[derive(Clone, Copy)]
pub(crate) struct TokenHash(u64);

impl TokenHash {
    pub(crate) fn new() -> Self {
        TokenHash(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub(crate) fn push(&mut self, t: u64) {
        for b in t.to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub(crate) fn get(self) -> u64 {
        self.0
    }
}

/// Sorted, deduplicated hashes of all k-grams of `tokens`.
pub(crate) fn shingles(tokens: &[u64], k: usize) -> Vec<u64> {
    if tokens.len() < k {
        return if tokens.is_empty() {
            Vec::new()
        } else {
            vec![hash_tokens(tokens)]
        };
    }
    // the windows are hashed and sorted in this thread's scratch buffer (warm, and grown once),
    // and the set kept is allocated at its size: a unit keeps no spare capacity for the stage
    thread_local! {
        static WINDOWS: std::cell::Cell<Vec<u64>> = const { std::cell::Cell::new(Vec::new()) };
    }
    WINDOWS.with(|w| {
        let mut out = w.take();
        out.clear();
        window_hashes_into(tokens, k, &mut out);
        out.sort_unstable();
        out.dedup();
        let set = out.to_vec();
        w.set(out);
        set
    })
}

/// [`hash_tokens`] of every `k`-window of `tokens` (`k <= tokens.len()`), in order.
#[cfg(test)]
fn window_hashes(tokens: &[u64], k: usize) -> Vec<u64> {
    let mut out = Vec::new();
    window_hashes_into(tokens, k, &mut out);
    out
}

/// Appends [`hash_tokens`] of every `k`-window of `tokens` (`k <= tokens.len()`), in order,
/// to `out`. One FNV-1a chain is a multiplication waiting on the one before it, 8 per token;
/// four windows are hashed side by side so that their chains overlap (the same values, ~1.6×
/// faster).
fn window_hashes_into(tokens: &[u64], k: usize, out: &mut Vec<u64>) {
    const LANES: usize = 4;
    let n = tokens.len() + 1 - k;
    out.reserve(n);
    let mut i = 0;
    while i + LANES <= n {
        let mut h = [0xcbf2_9ce4_8422_2325u64; LANES];
        for t in 0..k {
            let w: [u64; LANES] = std::array::from_fn(|l| tokens[i + l + t]);
            for byte in 0..8 {
                for l in 0..LANES {
                    h[l] ^= (w[l] >> (8 * byte)) & 0xff;
                    h[l] = h[l].wrapping_mul(0x0100_0000_01b3);
                }
            }
        }
        out.extend_from_slice(&h);
        i += LANES;
    }
    out.extend(tokens[i..].windows(k).map(hash_tokens));
}

/// Exact Jaccard similarity of two sorted, deduplicated sets.
#[cfg(test)]
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter as f64 / (a.len() + b.len() - inter) as f64
}

/// The k-grams two sorted, deduplicated sets share, calling `each` on every shared one (in
/// ascending order).
pub(crate) fn shared(a: &[u64], b: &[u64], mut each: impl FnMut(u64)) -> usize {
    shared_at(a, b, |i| each(a[i]))
}

/// [`shared`], handing over where each shared k-gram is in `a` (in increasing order).
pub(crate) fn shared_at(a: &[u64], b: &[u64], mut each: impl FnMut(usize)) -> usize {
    // a merge without a branch per step (which way it goes is a coin toss for the processor):
    // the shared k-grams are gathered in chunks, then handed over in order
    const CHUNK: usize = 256;
    let mut buf = [0usize; CHUNK];
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let mut n = 0;
        while n < CHUNK && i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            buf[n] = i;
            n += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
        }
        for &k in &buf[..n] {
            each(k);
        }
        inter += n;
    }
    inter
}

/// Inverse document frequency of k-grams over a set of units: a k-gram most units share
/// (boilerplate: imports of the same hooks, the same page scaffold) weighs little, a rare one a
/// lot. Smoothed: `ln((1 + N) / (1 + df)) + 1`, so every k-gram weighs more than zero.
pub(crate) struct Idf {
    /// The weight of each k-gram seen (looked up for every shared k-gram of every compared
    /// pair: computed once, in a table with a fast hasher).
    weights: foldhash::HashMap<u64, f64>,
    /// The weight of a k-gram no unit has.
    unseen: f64,
}

impl Idf {
    pub(crate) fn new<'a>(sets: impl Iterator<Item = &'a [u64]>) -> Self {
        let mut df: foldhash::HashMap<u64, u32> = Default::default();
        let mut n = 0usize;
        for set in sets {
            n += 1;
            for &x in set {
                *df.entry(x).or_default() += 1;
            }
        }
        let n = n as f64;
        let weight = |df: f64| ((1.0 + n) / (1.0 + df)).ln() + 1.0;
        Idf {
            weights: df.into_iter().map(|(x, d)| (x, weight(d as f64))).collect(),
            unseen: weight(0.0),
        }
    }

    pub(crate) fn weight(&self, x: u64) -> f64 {
        self.weights.get(&x).copied().unwrap_or(self.unseen)
    }

    /// The total weight of a set.
    pub(crate) fn mass(&self, set: &[u64]) -> f64 {
        set.iter().map(|&x| self.weight(x)).sum()
    }

    /// The weight of each k-gram of `set`, in its order (their sum, taken in that order, is
    /// [`Idf::mass`]): what [`compare_weighted`] adds up instead of looking each shared k-gram
    /// up in the table again for every pair.
    pub(crate) fn weights_of(&self, set: &[u64]) -> Vec<f64> {
        set.iter().map(|&x| self.weight(x)).collect()
    }
}

/// Jaccard and containment of two sorted sets, plain (`idf` = None: counts) or weighted (with
/// `mass_a`/`mass_b` the sets' total weights).
pub(crate) fn compare(a: &[u64], b: &[u64], idf: Option<(&Idf, f64, f64)>) -> (f64, f64) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    match idf {
        None => {
            let inter = shared(a, b, |_| {}) as f64;
            let (la, lb) = (a.len() as f64, b.len() as f64);
            (inter / (la + lb - inter), inter / la.min(lb))
        }
        Some((idf, ma, mb)) => {
            let mut inter = 0.0;
            shared(a, b, |x| inter += idf.weight(x));
            (inter / (ma + mb - inter), inter / ma.min(mb))
        }
    }
}

/// [`compare`] weighted by an [`Idf`], with the weight of each k-gram of `a` given
/// ([`Idf::weights_of`]) and the sets' masses: the same sum in the same order, so the same
/// values.
pub(crate) fn compare_weighted(a: &[u64], wa: &[f64], b: &[u64], ma: f64, mb: f64) -> (f64, f64) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0);
    }
    let mut inter = 0.0;
    shared_at(a, b, |i| inter += wa[i]);
    (inter / (ma + mb - inter), inter / ma.min(mb))
}

/// A cheap, well-mixed 64-bit permutation (splitmix64 finaliser), seeded per MinHash row.
fn mix(x: u64, seed: u64) -> u64 {
    let mut z = x ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Number of MinHash values per signature, and how they are banded for LSH. With 32 bands of 3
/// rows, a pair of Jaccard 0.5 becomes a candidate with probability 1-(1-0.5³)^32 ≈ 98.6%, one of
/// 0.6 with 99.9%, and one of 0.2 with about 23%, of 0.1 with 3%: few candidates to verify.
pub(crate) const BANDS: usize = 32;
pub(crate) const ROWS: usize = 3;

/// A MinHash signature by one-permutation hashing: each k-gram hash is mixed once and lands in
/// one of `BANDS * ROWS` bins by its top bits; a bin keeps its smallest value. Empty bins borrow
/// from the next non-empty one (rotation densification), so small sets still compare well. One
/// pass over the set, instead of one per signature value.
pub(crate) fn minhash(set: &[u64]) -> [u64; BANDS * ROWS] {
    const N: usize = BANDS * ROWS;
    let mut sig = [u64::MAX; N];
    for &x in set {
        let v = mix(x, 0x5eed);
        // the top 32 bits pick the bin (range reduction), the low 32 bits are the value
        let bin = (((v >> 32) * N as u64) >> 32) as usize;
        let v = v & 0xffff_ffff;
        if v < sig[bin] {
            sig[bin] = v;
        }
    }
    if sig.iter().all(|v| *v == u64::MAX) {
        return sig;
    }
    let filled = sig;
    for i in 0..N {
        if filled[i] == u64::MAX {
            let mut j = (i + 1) % N;
            let mut steps = 1u64;
            while filled[j] == u64::MAX {
                j = (j + 1) % N;
                steps += 1;
            }
            sig[i] = mix(filled[j], steps);
        }
    }
    sig
}

/// The Jaccard similarity two signatures estimate: the share of equal values.
pub(crate) fn estimate(a: &[u64; BANDS * ROWS], b: &[u64; BANDS * ROWS]) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    equal as f64 / (BANDS * ROWS) as f64
}

/// Candidate pairs `(i, j)`, `i < j`, each once, in no particular order: units sharing at least
/// one LSH band. Buckets larger than `max_bucket` (boilerplate every unit shares) are skipped,
/// which keeps the cost linear.
///
/// The pairs are generated as they are consumed, never held: a pair belongs to the first band
/// in which the two units share a bucket (within the cap), and only that band yields it. Close
/// units share most bands, and a list of every band's pairs held each such pair up to `BANDS`
/// times — the memory peak of a check of many similar files.
pub(crate) fn candidates(
    signatures: &[[u64; BANDS * ROWS]],
    max_bucket: usize,
) -> impl ParallelIterator<Item = (usize, usize)> + '_ {
    // per band, each unit's bucket (an index in that band's sorted keys), NONE when the bucket
    // has fewer than two or more than `max_bucket` units
    const NONE: u32 = u32::MAX;
    let columns: Vec<Vec<u32>> = (0..BANDS)
        .into_par_iter()
        .map(|band| {
            let mut keyed = band_keys(signatures, band);
            keyed.sort_unstable();
            let mut column = vec![NONE; signatures.len()];
            for (b, bucket) in keyed.chunk_by(|a, b| a.0 == b.0).enumerate() {
                if bucket.len() >= 2 && bucket.len() <= max_bucket {
                    for &(_, i) in bucket {
                        column[i] = b as u32;
                    }
                }
            }
            column
        })
        .collect();
    // unit → its bucket in every band (one row per unit: the earlier-band test reads one row)
    let rows: Vec<[u32; BANDS]> = (0..signatures.len())
        .map(|i| std::array::from_fn(|band| columns[band][i]))
        .collect();
    drop(columns);
    let rows = std::sync::Arc::new(rows);
    (0..BANDS).into_par_iter().flat_map_iter(move |band| {
        let rows = rows.clone();
        // this band's candidate buckets: units grouped by bucket
        let mut members: Vec<(u32, usize)> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r[band] != NONE)
            .map(|(i, r)| (r[band], i))
            .collect();
        members.sort_unstable();
        let buckets: Vec<std::sync::Arc<Vec<usize>>> = members
            .chunk_by(|a, b| a.0 == b.0)
            .map(|b| std::sync::Arc::new(b.iter().map(|&(_, i)| i).collect()))
            .collect();
        buckets.into_iter().flat_map(move |bucket| {
            let rows = rows.clone();
            let n = bucket.len();
            (0..n).flat_map(move |x| {
                let (rows, bucket) = (rows.clone(), bucket.clone());
                (x + 1..n).filter_map(move |y| {
                    let (i, j) = (bucket[x], bucket[y]);
                    let (ri, rj) = (&rows[i], &rows[j]);
                    // an earlier band in which they share a bucket yields this pair
                    let earlier = (0..band).any(|b| ri[b] != NONE && ri[b] == rj[b]);
                    (!earlier).then_some((i.min(j), i.max(j)))
                })
            })
        })
    })
}

/// `(key of band `band`, unit)` for every unit.
fn band_keys(signatures: &[[u64; BANDS * ROWS]], band: usize) -> Vec<(u64, usize)> {
    signatures
        .iter()
        .enumerate()
        .map(|(i, sig)| (hash_tokens(&sig[band * ROWS..(band + 1) * ROWS]), i))
        .collect()
}

/// Union-find over `n` items; `groups` returns the sets with more than one member, sorted.
pub(crate) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // the smaller index is the root: deterministic
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.parent[hi] = lo;
        }
    }

    pub(crate) fn groups(&mut self) -> Vec<Vec<usize>> {
        let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in 0..self.parent.len() {
            let r = self.find(i);
            by_root.entry(r).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = by_root.into_values().filter(|g| g.len() > 1).collect();
        out.sort();
        out
    }
}

/// Words of an identifier: `PrimaryButton` → ["primary", "button"], `btn_primary` → ["btn", "primary"].
pub(crate) fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let boundary = c == '_'
            || c == '-'
            || (c.is_uppercase()
                && i > 0
                && (chars[i - 1].is_lowercase()
                    || chars.get(i + 1).is_some_and(|n| n.is_lowercase())
                        && chars[i - 1].is_uppercase()));
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur).to_lowercase());
        }
        if c != '_' && c != '-' {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        words.push(cur.to_lowercase());
    }
    words
        .into_iter()
        .map(|w| match w.as_str() {
            "btn" => "button".to_string(),
            "txt" => "text".to_string(),
            "img" => "image".to_string(),
            "lbl" => "label".to_string(),
            "dlg" => "dialog".to_string(),
            "nav" => "navigation".to_string(),
            _ => w,
        })
        .collect()
}

/// How alike two names are (0..1): Jaccard of their words (`PrimaryButton` ~ `ButtonPrimary` ~
/// `BtnPrimary` = 1).
pub(crate) fn name_similarity(a: &str, b: &str) -> f64 {
    let mut wa = name_words(a);
    let mut wb = name_words(b);
    wa.sort();
    wa.dedup();
    wb.sort();
    wb.dedup();
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let inter = wa.iter().filter(|w| wb.contains(w)).count();
    inter as f64 / (wa.len() + wb.len() - inter) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jaccard_and_shingles() {
        let a = shingles(&[1, 2, 3, 4, 5, 6], 3);
        let b = shingles(&[1, 2, 3, 4, 5, 7], 3);
        assert_eq!(a.len(), 4);
        assert!((jaccard(&a, &b) - 3.0 / 5.0).abs() < 1e-9);
        assert_eq!(jaccard(&a, &a), 1.0);
        assert_eq!(jaccard(&a, &[]), 0.0);
        let (j, c) = compare(&a, &b, None);
        assert!((j - 0.6).abs() < 1e-9 && (c - 0.75).abs() < 1e-9);
        // b's first three are a's: containment 1 while Jaccard is 3/4
        let (j, c) = compare(&a, &a[..3], None);
        assert!((j - 0.75).abs() < 1e-9 && c == 1.0);
    }

    #[test]
    fn shared_kgrams_are_those_of_a_step_by_step_merge() {
        // the merge of `shared` against one that decides each step, on sets that share
        // nothing, a few, and more than a chunk of k-grams, of unequal sizes
        fn stepwise(a: &[u64], b: &[u64]) -> Vec<u64> {
            let (mut i, mut j, mut out) = (0, 0, Vec::new());
            while i < a.len() && j < b.len() {
                match a[i].cmp(&b[j]) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        out.push(a[i]);
                        i += 1;
                        j += 1;
                    }
                }
            }
            out
        }
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for (na, nb, modulo) in [
            (0, 5, 10),
            (7, 0, 10),
            (300, 40, 50),
            (1000, 900, 1500),
            (600, 600, 601),
        ] {
            let mut a: Vec<u64> = (0..na).map(|_| next() % modulo).collect();
            let mut b: Vec<u64> = (0..nb).map(|_| next() % modulo).collect();
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            let mut got = Vec::new();
            let n = shared(&a, &b, |k| got.push(k));
            assert_eq!(got, stepwise(&a, &b), "{na} {nb} {modulo}");
            assert_eq!(n, got.len());
            assert_eq!(shared(&b, &a, |_| {}), n);
        }
        let all: Vec<u64> = (0..1000).collect();
        assert_eq!(shared(&all, &all, |_| {}), 1000, "past one chunk");
    }

    #[test]
    fn a_weighted_compare_from_given_weights_is_the_table_lookups_one() {
        // bit for bit: the same weights added in the same order, masses summed the same way
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let sets: Vec<Vec<u64>> = [
            (0, 10),
            (5, 10),
            (300, 50),
            (900, 1500),
            (600, 601),
            (40, 7),
        ]
        .iter()
        .map(|&(n, modulo)| {
            let mut s: Vec<u64> = (0..n).map(|_| next() % modulo).collect();
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
        let idf = Idf::new(sets.iter().take(4).map(|s| s.as_slice()));
        for a in &sets {
            let wa = idf.weights_of(a);
            let ma: f64 = wa.iter().sum();
            assert_eq!(ma.to_bits(), idf.mass(a).to_bits());
            for b in &sets {
                let mb = idf.mass(b);
                let want = compare(a, b, Some((&idf, ma, mb)));
                let got = compare_weighted(a, &wa, b, ma, mb);
                assert_eq!(
                    (got.0.to_bits(), got.1.to_bits()),
                    (want.0.to_bits(), want.1.to_bits())
                );
            }
        }
    }

    #[test]
    fn idf_weighs_rare_kgrams_over_common_ones() {
        // k-gram 1 is in every set, 2 and 3 in two of them
        let sets: Vec<Vec<u64>> = vec![vec![1, 2], vec![1, 2], vec![1, 3], vec![1, 3], vec![1]];
        let idf = Idf::new(sets.iter().map(|s| s.as_slice()));
        assert!(idf.weight(1) < idf.weight(2));
        let (a, b, c) = (&sets[0], &sets[1], &sets[2]);
        let w = |x: &Vec<u64>| (&idf, idf.mass(x), 0.0);
        let same = compare(a, b, Some((w(a).0, idf.mass(a), idf.mass(b)))).0;
        let common_only = compare(a, c, Some((w(a).0, idf.mass(a), idf.mass(c)))).0;
        assert_eq!(same, 1.0);
        // plain Jaccard of {1,2} and {1,3} is 1/3; the shared k-gram is the common one: less
        assert!(common_only < 1.0 / 3.0, "{common_only}");
    }

    #[test]
    fn minhash_estimates_jaccard_and_lsh_finds_close_pairs() {
        let base: Vec<u64> = (0..400).collect();
        let mut close = base.clone();
        close.truncate(360);
        close.extend(1000..1040); // J = 360/440 ≈ 0.82
        let far: Vec<u64> = (5000..5400).collect();
        let sigs = [minhash(&base), minhash(&close), minhash(&far)];
        let agree = sigs[0].iter().zip(&sigs[1]).filter(|(a, b)| a == b).count() as f64
            / (BANDS * ROWS) as f64;
        assert!((agree - 0.82).abs() < 0.15, "{agree}");
        assert_eq!(estimate(&sigs[0], &sigs[1]), agree);
        assert!(estimate(&sigs[0], &sigs[2]) < 0.1);
        assert_eq!(candidates(&sigs, 100).collect::<Vec<_>>(), vec![(0, 1)]);
    }

    /// Each pair yielded once, by its first shared band, is the set of pairs sharing any band:
    /// copies (which share every band), near copies and unrelated units mixed, and the bucket
    /// cap (a bucket over it does not make its units a pair in that band).
    #[test]
    fn candidates_are_the_pairs_sharing_any_band() {
        let mut sets: Vec<Vec<u64>> = Vec::new();
        for _ in 0..4 {
            sets.push((0..300).collect()); // four identical units
        }
        for k in 0..6u64 {
            let mut v: Vec<u64> = (10_000..10_300).collect();
            v.truncate(300 - 20 * k as usize);
            v.extend(20_000 + 100 * k..20_000 + 100 * k + 20 * k);
            sets.push(v); // a family of near copies
        }
        for k in 0..5u64 {
            sets.push((100_000 * (k + 1)..100_000 * (k + 1) + 200).collect()); // unrelated
        }
        let sigs: Vec<_> = sets.iter().map(|s| minhash(s)).collect();
        let naive = |max_bucket: usize| {
            let mut all = std::collections::BTreeSet::new();
            for band in 0..BANDS {
                let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
                for (i, sig) in sigs.iter().enumerate() {
                    let key = hash_tokens(&sig[band * ROWS..(band + 1) * ROWS]);
                    buckets.entry(key).or_default().push(i);
                }
                for b in buckets
                    .values()
                    .filter(|b| b.len() >= 2 && b.len() <= max_bucket)
                {
                    for x in 0..b.len() {
                        for y in x + 1..b.len() {
                            all.insert((b[x].min(b[y]), b[x].max(b[y])));
                        }
                    }
                }
            }
            all.into_iter().collect::<Vec<_>>()
        };
        for max_bucket in [100, 5, 3] {
            let mut got: Vec<_> = candidates(&sigs, max_bucket).collect();
            let n = got.len();
            got.sort_unstable();
            got.dedup();
            assert_eq!(got.len(), n, "each pair once");
            assert_eq!(got, naive(max_bucket), "max_bucket {max_bucket}");
            if max_bucket == 100 {
                for (i, j) in [(0, 1), (0, 3), (2, 3), (4, 5)] {
                    assert!(got.contains(&(i, j)), "({i}, {j}) in {got:?}");
                }
                assert!(
                    !got.iter().any(|&(_, j)| j >= 10),
                    "unrelated units: {got:?}"
                );
            }
        }
    }

    #[test]
    fn union_find_groups_deterministically() {
        let mut uf = UnionFind::new(6);
        uf.union(4, 2);
        uf.union(2, 0);
        uf.union(5, 3);
        assert_eq!(uf.groups(), vec![vec![0, 2, 4], vec![3, 5]]);
    }

    #[test]
    fn names() {
        assert_eq!(name_words("PrimaryButton"), vec!["primary", "button"]);
        assert_eq!(name_words("BtnPrimary"), vec!["button", "primary"]);
        assert_eq!(name_words("HTMLInput"), vec!["html", "input"]);
        assert_eq!(name_similarity("PrimaryButton", "ButtonPrimary"), 1.0);
        assert_eq!(name_similarity("PrimaryButton", "BtnPrimary"), 1.0);
        assert!(name_similarity("InvoiceTable", "ProjectCard") < 0.01);
    }

    /// The k-gram set is the sorted, deduplicated window hashes (the formula before this
    /// thread's scratch buffer), kept at its size, for sequences of every length, repeated
    /// windows included, one call after another (the buffer holds the last one's windows).
    #[test]
    fn shingles_are_the_sorted_distinct_windows_at_their_size() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for len in 0..300 {
            let tokens: Vec<u64> = (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // few distinct tokens: windows repeat
                    x % 5
                })
                .collect();
            for k in [1, 3, 5] {
                let got = shingles(&tokens, k);
                let want: Vec<u64> = if tokens.len() < k {
                    if tokens.is_empty() {
                        Vec::new()
                    } else {
                        vec![hash_tokens(&tokens)]
                    }
                } else {
                    let mut w: Vec<u64> = tokens.windows(k).map(hash_tokens).collect();
                    w.sort_unstable();
                    w.dedup();
                    w
                };
                assert_eq!(got, want, "len {len} k {k}");
                assert_eq!(got.capacity(), got.len(), "len {len} k {k}");
            }
        }
    }

    #[test]
    fn window_hashes_are_hash_tokens_of_each_window() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let tokens: Vec<u64> = (0..40)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            })
            .collect();
        for len in 0..tokens.len() {
            for k in 1..=6.min(len.max(1)) {
                if k > len {
                    continue;
                }
                let t = &tokens[..len];
                let plain: Vec<u64> = t.windows(k).map(hash_tokens).collect();
                assert_eq!(window_hashes(t, k), plain, "len {len} k {k}");
            }
        }
    }
}
