//! Shortest edit scripts between two sequences.

/// The matched pairs `(i, j)` (`a[i] == b[j]`) of a shortest edit script from `a` to `b`,
/// ascending; `None` when it takes more than `max_edits` insertions and deletions. Myers' greedy
/// diff, keeping each round's furthest points (diagonals -d..=d only) to walk the path back.
/// Used by the duplicate kind's token alignment and by `trend`'s line edits.
pub(crate) fn myers_matches<T: PartialEq>(
    a: &[T],
    b: &[T],
    max_edits: usize,
) -> Option<Vec<(usize, usize)>> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return ((n + m) as usize <= max_edits).then(Vec::new);
    }
    let max = ((n + m) as usize).min(max_edits) as isize;
    let off = max + 1;
    let mut v = vec![0isize; 2 * off as usize + 1];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    let mut found = None;
    'outer: for d in 0..=max {
        // only diagonals -d..=d matter in round d
        trace.push(v[(off - d) as usize..=(off + d) as usize].to_vec());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                found = Some(d);
                break 'outer;
            }
            k += 2;
        }
    }
    let dmax = found?;
    // walk back: in round d, trace[d] holds the furthest x per diagonal of round d - 1
    let mut out = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=dmax).rev() {
        let prev = &trace[d as usize];
        let at = |k: isize| prev[(k + d) as usize];
        let k = x - y;
        let down = k == -d || (k != d && at(k - 1) < at(k + 1));
        let pk = if down { k + 1 } else { k - 1 };
        let px = at(pk);
        let py = px - pk;
        let (sx, sy) = if down { (px, py + 1) } else { (px + 1, py) };
        while x > sx && y > sy {
            x -= 1;
            y -= 1;
            out.push((x as usize, y as usize));
        }
        x = px;
        y = py;
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        out.push((x as usize, y as usize));
    }
    out.reverse();
    Some(out)
}
