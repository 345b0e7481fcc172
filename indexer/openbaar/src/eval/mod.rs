//! Measuring the fact finders on labelled cases: precision and recall, computed in one
//! place. Not a step of the pipeline: `openbaar eval-…` and the tests call it.
//!
//! - [`boxes`]: redaction boxes found on page images, and their grounds;
//! - [`redactions`]: ground codes and OCR junk per labelled paragraph;
//! - [`events`]: event dates per labelled sentence;
//! - [`facts_set`]: the labelled document facts of the real releases;
//! - [`labelled_records`]: the records of those releases beside their labels;
//! - [`emails`]: printed emails, their messages, address fields and titles on that set;
//! - [`named`]: organisations and people of records on that set.

pub mod boxes;
pub mod emails;
pub mod events;
pub mod facts_set;
pub mod labelled_records;
pub mod named;
pub mod redactions;

/// How a set of found items compares with the expected ones.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Found and expected.
    pub true_positives: usize,
    /// Found, not expected.
    pub false_positives: usize,
    /// Expected, not found.
    pub false_negatives: usize,
}

impl Counts {
    /// Compares `found` with `expected` as multisets (an item expected twice must be
    /// found twice); returns the counts and the items expected but not found.
    pub fn of_multisets<T: PartialEq>(expected: Vec<T>, found: Vec<T>) -> (Counts, Vec<T>) {
        let mut missing = expected;
        let mut counts = Counts::default();
        for item in found {
            match missing.iter().position(|e| *e == item) {
                Some(i) => {
                    missing.remove(i);
                    counts.true_positives += 1;
                }
                None => counts.false_positives += 1,
            }
        }
        counts.false_negatives = missing.len();
        (counts, missing)
    }

    /// One yes/no decision: expected and found, found only, expected only.
    pub fn of_decision(expected: bool, found: bool) -> Counts {
        Counts {
            true_positives: usize::from(expected && found),
            false_positives: usize::from(!expected && found),
            false_negatives: usize::from(expected && !found),
        }
    }

    /// Share of what was found that was expected; 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    /// Share of what was expected that was found; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }

    /// Whether anything was found wrongly or missed.
    pub fn has_errors(&self) -> bool {
        self.false_positives + self.false_negatives > 0
    }

    /// Adds the counts of another evaluation.
    pub fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multisets_count_each_copy() {
        let (counts, missing) = Counts::of_multisets(vec!["a", "a", "b"], vec!["a", "c"]);
        assert_eq!(
            (
                counts.true_positives,
                counts.false_positives,
                counts.false_negatives
            ),
            (1, 1, 2)
        );
        assert_eq!(missing, ["a", "b"]);
        assert!((counts.precision() - 0.5).abs() < 1e-9);
        assert!((counts.recall() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn nothing_to_find_is_perfect() {
        let counts = Counts::default();
        assert_eq!((counts.precision(), counts.recall()), (1.0, 1.0));
        assert!(!counts.has_errors());
        assert!(Counts::of_decision(true, false).has_errors());
    }
}
