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
    assert_eq!(tuned.address_fragments, 0, "{tuned:?}");
    // Measured 2 when redaction boxes came into the text as bars (issue 11): a regression
    // on the held-out part, not looked into there (it is for reporting only).
    assert!(held_out.address_fragments <= 2, "{held_out:?}");
    // 0.350 (14 of 40) since redaction boxes came into the text as bars (issue 11) and the
    // box finder split touching boxes, from at least 0.40 before: printed headers whose
    // boxes the text rules read differently. A regression to win back (reading the header
    // rows from the page image, on branch wip/header-ocr, measured 0.675), not a target.
    assert!(tuned.messages.recall() >= 0.35, "{tuned:?}");
}
