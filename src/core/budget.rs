//! One file's work budget, counted in work and not in wall time, so that whether a file runs out
//! does not depend on the machine or its load: parser operations (charged per progress callback
//! of the parser), query work (per progress callback of the query cursor, plus one per match),
//! nodes visited by the walk, and hits produced. A file that runs out gets a `time-limit`
//! problem; the run goes on with the other files.

use std::cell::Cell;

/// Work every file may spend whatever its size.
const BASE: u64 = 20_000_000;
/// Work per byte of the file on top of [`BASE`]: real code spends well under a hundred.
const PER_BYTE: u64 = 2_000;

/// The work units of one file's check.
#[derive(Debug)]
pub(crate) struct Budget {
    left: Cell<u64>,
    limit: u64,
}

impl Budget {
    /// The budget of a file of `len` bytes.
    pub(crate) fn for_len(len: usize) -> Budget {
        Budget::with_limit(BASE.saturating_add(PER_BYTE.saturating_mul(len as u64)))
    }

    /// A budget of exactly `limit` units (tests).
    pub(crate) fn with_limit(limit: u64) -> Budget {
        Budget {
            left: Cell::new(limit),
            limit,
        }
    }

    /// Spends `units`; false once the budget is exhausted (and ever after).
    pub(crate) fn charge(&self, units: u64) -> bool {
        let left = self.left.get().saturating_sub(units);
        self.left.set(left);
        left > 0
    }

    /// Nothing is left.
    pub(crate) fn exhausted(&self) -> bool {
        self.left.get() == 0
    }

    /// The units this budget started with.
    #[cfg(test)]
    pub(crate) fn limit(&self) -> u64 {
        self.limit
    }

    /// The message of the `time-limit` problem.
    pub(crate) fn message(&self) -> String {
        format!(
            "work budget of {} units exhausted (pathological input or rule); not checked",
            self.limit
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_runs_out_once_and_stays_out() {
        let b = Budget::with_limit(10);
        assert!(b.charge(4));
        assert!(b.charge(5));
        assert!(!b.exhausted());
        assert!(!b.charge(1));
        assert!(b.exhausted());
        assert!(!b.charge(0));
        let big = Budget::for_len(usize::MAX);
        assert_eq!(big.limit(), u64::MAX);
    }
}
