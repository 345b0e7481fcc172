//! A machine without the OCR engine's language data still builds: the scanned page of
//! the sample archive stays unread, and the build says which page and why. (Its own
//! test binary: the engine's data folder is set for the whole process.)

use std::path::PathBuf;

use openbaar::config::Settings;
use openbaar::model::Provenance;
use openbaar::records::{extract_all, NoProgress};

#[test]
fn without_language_data_the_scanned_page_is_named_not_read() {
    let empty = tempfile::tempdir().unwrap();
    // Before any engine is made: Tesseract looks for its language data here only.
    std::env::set_var("TESSDATA_PREFIX", empty.path());
    let scan = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../archive/scan-ontvangstbevestiging-vragen-art36.pdf");
    let extraction = extract_all(&[scan], &Settings::default(), &NoProgress);
    assert!(extraction.failed.is_empty(), "{:?}", extraction.failed);
    let [built] = extraction.documents.as_slice() else {
        panic!("one document expected: {:?}", extraction.documents.len());
    };
    let doc = &built.document;
    assert_eq!(doc.pages[0].provenance, Provenance::Scanned);
    assert_eq!((doc.scanned_pages(), doc.ocr_pages()), (1, 0));
    let [note] = extraction.notices.as_slice() else {
        panic!("one note expected: {:?}", extraction.notices);
    };
    assert_eq!(note.source, "scan-ontvangstbevestiging-vragen-art36.pdf");
    assert!(
        note.reason.starts_with("page 1 not read"),
        "{}",
        note.reason
    );
    assert!(note.reason.contains("tesseract-ocr-nld"), "{}", note.reason);
}
