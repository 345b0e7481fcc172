//! The sample archive in `archive/` extracts into the records the site is built from.

use std::path::PathBuf;

use openbaar::pipeline::{extract_all, NoProgress};
use openbaar::record::{Document, Kind};

fn sample() -> Vec<Document> {
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../archive");
    let extraction = extract_all(&[archive], 512, &NoProgress);
    assert!(extraction.failed.is_empty(), "{:?}", extraction.failed);
    assert!(extraction.skipped.is_empty(), "{:?}", extraction.skipped);
    extraction
        .documents
        .into_iter()
        .map(|b| b.document)
        .collect()
}

fn by_source<'a>(docs: &'a [Document], source: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.source == source)
        .unwrap_or_else(|| panic!("no document from {source}"))
}

#[test]
fn every_sample_file_becomes_one_document() {
    let docs = sample();
    assert_eq!(docs.len(), 6);
    assert_eq!(docs.iter().filter(|d| d.kind == Kind::Email).count(), 1);
    assert_eq!(docs.iter().filter(|d| d.kind == Kind::Pdf).count(), 5);
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 6, "ids are unique");
}

#[test]
fn letter_text_is_joined_and_clean() {
    let docs = sample();
    let letter = by_source(&docs, "beantwoording-vragen-art36-jb-noord.pdf");
    assert!(letter.page_count >= 5);
    for joined in [
        "nemen wij zeer serieus.",
        "kinderbeschermingsmaatregelen",
        "jeugdbescherming in Noord-Nederland",
        "internationale verdragen",
        "wet- en regelgeving",
    ] {
        assert!(letter.text.contains(joined), "missing {joined:?}");
    }
    assert!(!letter.text.contains("seri-"));
    // The generated footer "Pagina N van M" is a running footer, not text.
    assert!(!letter.text.contains("Pagina 1 van"), "footer left in text");
    assert!(letter.pages.iter().all(|p| !p.paragraphs.is_empty()));
}

#[test]
fn the_email_keeps_its_headers_and_accents() {
    let docs = sample();
    let mail = by_source(&docs, "spoedoverleg-bo-jbn.eml");
    assert_eq!(mail.subject.as_deref(), Some("RE: Spoedoverleg BO JBN"));
    assert_eq!(mail.title, "RE: Spoedoverleg BO JBN");
    assert_eq!(mail.date.as_deref(), Some("2025-08-28"));
    assert!(mail.from.as_deref().unwrap().starts_with("Diederik Hommes"));
    assert_eq!(mail.to.len(), 3);
    assert_eq!(mail.cc.len(), 5);
    assert!(mail.text.contains("coördinatiepunt"));
    // The seed's 13 privacy codes: 5 in the Cc header, 8 in the body (the quoted
    // message's Cc and the signature). The redaction step will take them out.
    let in_cc = mail.cc.iter().filter(|a| a.starts_with("5.1.2e@")).count();
    assert_eq!(
        in_cc + mail.text.matches("5.1.2e").count(),
        13,
        "{}",
        mail.text
    );
    assert!(mail.text.contains("5.2.1"));
}

#[test]
fn the_printed_email_reads_like_the_real_one() {
    let docs = sample();
    let printed = by_source(&docs, "spoedoverleg-bo-jbn.pdf");
    let mail = by_source(&docs, "spoedoverleg-bo-jbn.eml");
    assert_eq!(printed.title, "RE: Spoedoverleg BO JBN");
    let words = |t: &str| {
        t.split_whitespace()
            .map(str::to_lowercase)
            .collect::<std::collections::HashSet<_>>()
    };
    let (a, b) = (words(&printed.text), words(&mail.text));
    let shared = a.intersection(&b).count() as f64 / b.len() as f64;
    assert!(
        shared > 0.9,
        "printed and real email share {shared:.2} of words"
    );
}

#[test]
fn the_subject_line_of_a_letter_is_its_title() {
    let docs = sample();
    let letter = by_source(&docs, "raadsbrief-inkoopregio-jeugdhulp-drenthe.pdf");
    assert_eq!(
        letter.title,
        "Informatie over de inkoopregio jeugdhulp Drenthe"
    );
    assert!(letter.text.contains("Datum: 18 maart 2025"));
}
