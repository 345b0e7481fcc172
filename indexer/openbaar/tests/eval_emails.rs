//! `openbaar eval-emails` on the labelled real releases: every label gets a record, and
//! the figures stay at least where they were measured. Without the labels or the PDFs
//! this fails: a set that is missing has measured nothing.

use std::path::Path;

mod common;

use openbaar::eval::emails::run_on_labelled_set;
use openbaar::eval::facts_set::Split;

#[test]
fn printed_emails_on_the_labelled_set() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let cache = common::with_shared_cache(Default::default()).cache_dir;
    let report = run_on_labelled_set(&root, cache.as_deref()).unwrap_or_else(|e| panic!("{e}"));
    let score = |split| {
        report
            .splits
            .iter()
            .find(|(s, _)| *s == split)
            .map(|(_, score)| score.clone())
            .expect("both splits")
    };
    let (tuned, held_out) = (score(Split::Tune), score(Split::Heldout));
    assert_eq!((tuned.documents, held_out.documents), (28, 19));
    assert_eq!(
        tuned.recognised.true_positives + tuned.recognised.false_negatives,
        14
    );
    // Floors at the figures measured when the rules were last changed; raise them as
    // the rules improve.
    for score in [&tuned, &held_out] {
        assert!(score.recognised.recall() >= 0.95, "{score:?}");
        assert_eq!(score.recognised.false_positives, 0, "{score:?}");
    }
    for (part, score) in [("tuned", &tuned), ("held out", &held_out)] {
        eprintln!(
            "{part}: messages recall {:.3} precision {:.3}, address fragments {}",
            score.messages.recall(),
            score.messages.precision(),
            score.address_fragments
        );
    }
    for score in [&tuned, &held_out] {
        assert_eq!(score.address_fragments, 0, "{score:?}");
    }
    // Measured 0.950 tuned and 0.694 held out with the header rows read again from the
    // page image (extract::header_ocr), the boxes placed in that text, and bars (with
    // OCR debris) over a sent line taken for its redacted sender. The tuned floor is a
    // regression guard (rules were tuned on it), not a measure.
    assert!(tuned.messages.recall() >= 0.925, "{tuned:?}");
    assert!(held_out.messages.recall() >= 0.675, "{held_out:?}");
}
