//! Real Woo releases from `../shared/realworld/` (not in the repository): every PDF
//! there must give a record with text. Skipped, saying so, when the folder is absent.

use std::path::PathBuf;

use openbaar::config::Settings;
use openbaar::pipeline::{extract_all, NoProgress};
use openbaar::record::Provenance;

fn realworld() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/realworld");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED: {} is absent", dir.display());
        None
    }
}

#[test]
fn every_real_pdf_gives_a_record_with_text() {
    let Some(dir) = realworld() else { return };
    let pdfs: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert!(
        pdfs.len() >= 40,
        "expected the realworld PDFs, found {}",
        pdfs.len()
    );
    let extraction = extract_all(&[dir], &Settings::default(), &NoProgress);
    assert!(extraction.failed.is_empty(), "{:?}", extraction.failed);
    let pdf_docs: Vec<_> = extraction
        .documents
        .iter()
        .map(|b| &b.document)
        .filter(|d| d.source.ends_with(".pdf"))
        .collect();
    assert_eq!(pdf_docs.len(), pdfs.len());
    for doc in pdf_docs {
        let text_pages = doc
            .pages
            .iter()
            .filter(|p| p.provenance == Provenance::TextLayer)
            .count();
        assert!(text_pages > 0, "{} has no page with text", doc.source);
        assert!(
            doc.text.split_whitespace().count() >= 3,
            "{} has almost no text",
            doc.source
        );
    }
}
