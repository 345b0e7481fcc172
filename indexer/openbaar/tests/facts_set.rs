//! The labelled document facts of the real releases load completely, and each names a
//! PDF that is there. Without the labels or the PDFs this fails: a set that is missing
//! has measured nothing.

use std::path::Path;

use openbaar::eval::facts_set::{load_with_pdfs, Split};

#[test]
fn every_label_loads_and_names_a_present_pdf() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let labels = load_with_pdfs(&root).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(labels.len(), 47, "the set labels all 47 real PDFs");
    let held_out = labels
        .iter()
        .filter(|(l, _)| l.split == Split::Heldout)
        .count();
    assert_eq!(held_out, 19, "woo3, jp*, or*, ot* are held out");
    for (label, _) in &labels {
        let folder = label.file.split('/').next().unwrap_or("");
        let expected =
            if folder == "woo3" || ["jp", "or", "ot"].iter().any(|p| folder.starts_with(p)) {
                Split::Heldout
            } else {
                Split::Tune
            };
        assert_eq!(label.split, expected, "{}", label.file);
        assert_eq!(label.is_email, !label.messages.is_empty(), "{}", label.file);
    }
}
