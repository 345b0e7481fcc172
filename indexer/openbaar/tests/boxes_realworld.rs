//! Redaction boxes on the page images of the real releases (`../shared/realworld/`),
//! against the boxes labelled by hand (`tests/data/boxes/`). A regression guard at the
//! figures measured when the box finder landed (see README, "Redaction boxes"), not the
//! targets of issue 11: `openbaar eval-boxes` prints the figures. Without the folder this
//! test fails: a test whose data is missing has measured nothing.

use std::path::PathBuf;

use openbaar::eval::boxes::{by_split, evaluate, load_labels};

#[test]
fn boxes_and_their_grounds_stay_at_their_measured_level() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let realworld = root.join("../../../shared/realworld");
    assert!(
        realworld.is_dir(),
        "{} is absent: this test needs the real releases beside the repository",
        realworld.display()
    );
    let labels = load_labels(&root.join("tests/data/boxes")).expect("label files");
    assert_eq!(labels.len(), 47, "every labelled PDF");
    let results: Vec<_> = evaluate(&labels, &realworld)
        .into_iter()
        .map(|r| r.expect("every labelled PDF is read"))
        .collect();
    let splits = by_split(&results);
    for (split, score) in &splits {
        assert_eq!(score.unread_pages, 0, "{split}: OCR must be installed");
        let grounds = score.grounds_right as f64 / score.grounds_legible.max(1) as f64;
        assert!(score.boxes.recall() >= 0.81, "{split}: {score:?}");
        assert!(score.boxes.precision() >= 0.88, "{split}: {score:?}");
        assert!(grounds >= 0.94, "{split}: grounds {grounds:.3}");
    }
    assert_eq!(splits.len(), 2, "tune and held-out");
}
