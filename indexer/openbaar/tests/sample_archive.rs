//! The sample archive in `archive/` extracts into the records the site is built from.

use std::path::PathBuf;
use std::sync::OnceLock;

use openbaar::config::Settings;
use openbaar::model::{
    DateSource, DocType, Document, Kind, Precision, Provenance, RedactionField, Role, MARKER,
};
use openbaar::records::{extract_all, NoProgress};

/// The sample's records, extracted once for all tests here (its scanned page is read
/// by OCR, which takes seconds).
fn sample() -> Vec<Document> {
    static SAMPLE: OnceLock<Vec<Document>> = OnceLock::new();
    SAMPLE
        .get_or_init(|| {
            let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../archive");
            let extraction = extract_all(&[archive], &Settings::default(), &NoProgress);
            assert!(extraction.failed.is_empty(), "{:?}", extraction.failed);
            assert!(extraction.skipped.is_empty(), "{:?}", extraction.skipped);
            extraction
                .documents
                .into_iter()
                .map(|b| b.document)
                .collect()
        })
        .clone()
}

/// The scanned letter has no text layer: its text is read by OCR, and it is a letter
/// like any other, dated by its date line, with its event on the timeline.
#[test]
fn the_scanned_letter_is_read_by_ocr() {
    let docs = sample();
    let scan = by_source(&docs, "scan-ontvangstbevestiging-vragen-art36.pdf");
    assert_eq!(scan.pages.len(), 1);
    let page = &scan.pages[0];
    assert_eq!(page.provenance, Provenance::Ocr);
    assert!(page.confidence.is_some_and(|c| c > 0.8), "{page:?}");
    for words in [
        "Geachte mevrouw Blauw en heer Menger,",
        "schriftelijke vragen over Jeugdbescherming Noord",
        "Het college beantwoordt ze binnen dertig dagen.",
    ] {
        assert!(
            scan.text.contains(words),
            "missing {words:?} in {}",
            scan.text
        );
    }
    assert_eq!(day(scan.date).as_deref(), Some("2025-09-04"));
    assert_eq!(scan.doc_type, Some(DocType::Brief));
    assert!(
        scan.events.iter().any(|e| e.date.iso() == "2025-09-02"),
        "{:?}",
        scan.events
    );
    // Every other page of the sample has its text layer.
    for doc in docs.iter().filter(|d| d.id != scan.id) {
        assert!(doc
            .pages
            .iter()
            .all(|p| matches!(p.provenance, Provenance::TextLayer | Provenance::EmailBody)));
    }
}

/// A day as `YYYY-MM-DD`.
fn day(date: Option<chrono::NaiveDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

fn by_source<'a>(docs: &'a [Document], source: &str) -> &'a Document {
    docs.iter()
        .find(|d| d.source == source)
        .unwrap_or_else(|| panic!("no document from {source}"))
}

#[test]
fn every_sample_file_becomes_one_document() {
    let docs = sample();
    assert_eq!(docs.len(), 7);
    assert_eq!(docs.iter().filter(|d| d.kind == Kind::Email).count(), 1);
    assert_eq!(docs.iter().filter(|d| d.kind == Kind::Pdf).count(), 6);
    let mut ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 7, "ids are unique");
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
    assert_eq!(day(mail.date).as_deref(), Some("2025-08-28"));
    assert!(mail.from.as_deref().unwrap().starts_with("Diederik Hommes"));
    assert_eq!(mail.to.len(), 3);
    assert_eq!(mail.cc.len(), 5);
    assert!(mail.text.contains("coördinatiepunt"));
}

/// The seed's printed email: 14 redactions (13 × 5.1.2e, 1 × 5.2.1), four redacted
/// addresses at each of three domains, in the .eml and in its printed PDF alike.
#[test]
fn the_emails_redactions_become_metadata() {
    let docs = sample();
    for source in ["spoedoverleg-bo-jbn.eml", "spoedoverleg-bo-jbn.pdf"] {
        let doc = by_source(&docs, source);
        let count = |code: &str| {
            doc.redactions
                .iter()
                .filter(|r| r.code.as_deref() == Some(code))
                .count()
        };
        assert_eq!(doc.redactions.len(), 14, "{source}: {:#?}", doc.redactions);
        assert_eq!((count("5.1.2e"), count("5.2.1")), (13, 1), "{source}");
        for domain in ["dewoldenhoogeveen.nl", "jbn-vtg.nl", "groningen.nl"] {
            let at = doc
                .redactions
                .iter()
                .filter(|r| r.domain.as_deref() == Some(domain))
                .count();
            assert_eq!(at, 4, "{source}: redacted addresses at {domain}");
        }
        let privacy = &doc.redactions[0].grounds[0];
        assert_eq!(
            (privacy.law.as_str(), privacy.en.as_str()),
            ("Woo", "privacy")
        );
        // Every text redaction points at its marker in the clean text.
        let chars: Vec<char> = doc.text.chars().collect();
        for r in doc
            .redactions
            .iter()
            .filter(|r| r.field == RedactionField::Text)
        {
            let (start, _) = r.span.expect("text redactions have a span");
            assert_eq!(chars[start], MARKER);
        }
    }
}

#[test]
fn no_code_is_left_in_any_searchable_text() {
    let code =
        regex::Regex::new(r"\b(5\.1\.[12][a-i]?|5\.2\.1|5\.1\.5|10\.2\.?[a-g]|11\.1)\b").unwrap();
    for doc in sample() {
        assert!(
            !code.is_match(&doc.text),
            "{}: {:?}",
            doc.source,
            code.find(&doc.text)
        );
        for value in doc.to.iter().chain(&doc.cc).chain(&doc.from) {
            assert!(!code.is_match(value), "{}: {value}", doc.source);
        }
    }
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
fn the_email_and_its_printed_pdf_are_one_message_linked_both_ways() {
    let docs = sample();
    let email = by_source(&docs, "spoedoverleg-bo-jbn.eml");
    let printed = by_source(&docs, "spoedoverleg-bo-jbn.pdf");
    assert_eq!(email.same_message, vec![printed.id.clone()]);
    assert_eq!(printed.same_message, vec![email.id.clone()]);
    for doc in &docs {
        if doc.id != email.id && doc.id != printed.id {
            assert!(doc.same_message.is_empty(), "{} is no copy", doc.source);
        }
    }
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

/// The printed email and its .eml: two messages from Diederik Hommes in one thread,
/// the original of 28 August 2025 12:39 and the "RE:" follow-up.
#[test]
fn the_email_thread_has_its_two_messages() {
    let docs = sample();
    let mut threads = Vec::new();
    for source in ["spoedoverleg-bo-jbn.eml", "spoedoverleg-bo-jbn.pdf"] {
        let doc = by_source(&docs, source);
        assert_eq!(doc.doc_type, Some(DocType::Email), "{source}");
        assert_eq!(doc.messages.len(), 2, "{source}: {:#?}", doc.messages);
        for message in &doc.messages {
            assert_eq!(
                message
                    .from
                    .as_deref()
                    .map(|f| f.starts_with("Diederik Hommes")),
                Some(true)
            );
            assert_eq!(day(message.date).as_deref(), Some("2025-08-28"));
        }
        assert_eq!(
            doc.messages[1]
                .time
                .map(|t| t.format("%H:%M").to_string())
                .as_deref(),
            Some("12:39")
        );
        assert!(doc.messages[0]
            .subject
            .as_deref()
            .unwrap()
            .starts_with("RE:"));
        assert_eq!(day(doc.date).as_deref(), Some("2025-08-28"));
        assert!(doc.people.iter().any(|p| p.name == "Diederik Hommes"
            && p.function.as_deref() == Some("Concerndirecteur sociaal domein a.i.")));
        threads.push(doc.thread.clone());
    }
    assert_eq!(threads[0], threads[1]);
    assert_eq!(threads[0].as_deref(), Some("spoedoverleg bo jbn"));
}

#[test]
fn letters_get_their_dates_and_types() {
    let docs = sample();
    let answers = by_source(&docs, "beantwoording-vragen-art36-jb-noord.pdf");
    assert_eq!(answers.doc_type, Some(DocType::BeantwoordingRaadsvragen));
    let march_26 = by_source(&docs, "raadsbrief-besluit-jbn-vtg.pdf");
    assert_eq!(day(march_26.date).as_deref(), Some("2025-03-26"));
    assert_eq!(march_26.date_source, Some(DateSource::DateLine));
    assert_eq!(march_26.doc_type, Some(DocType::Raadsbrief));
    let march_18 = by_source(&docs, "raadsbrief-inkoopregio-jeugdhulp-drenthe.pdf");
    assert_eq!(day(march_18.date).as_deref(), Some("2025-03-18"));
    assert_eq!(march_18.doc_type, Some(DocType::Raadsbrief));
    let signatories: Vec<_> = march_18
        .people
        .iter()
        .filter(|p| p.role == Role::Signatory)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        signatories,
        vec!["Inge C.J. Nieuwenhuizen", "Roelof Pieter Koning"]
    );
    // The text names the chair of the regional meeting by his function.
    assert!(march_18
        .people
        .iter()
        .any(|p| p.name == "Jeroen Westendorp" && p.function.as_deref() == Some("wethouder")));
}

/// JB Noord, JBN, JBN/VTG and Jeugdbescherming Noord are one organisation.
#[test]
fn aliases_merge_into_one_organisation() {
    let site = openbaar::config::Site::load(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../config.toml"),
    )
    .unwrap();
    let archive = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../archive");
    let extraction = extract_all(&[archive], &site.settings, &NoProgress);
    let jbn = "Jeugdbescherming Noord en Veilig Thuis Groningen";
    for built in &extraction.documents {
        let doc = &built.document;
        let named = doc
            .organisations
            .iter()
            .filter(|o| o.contains("Noord") || o.contains("JB"))
            .count();
        assert!(named <= 1, "{}: {:?}", doc.source, doc.organisations);
    }
    let with_jbn = extraction
        .documents
        .iter()
        .filter(|b| b.document.organisations.iter().any(|o| o == jbn))
        .count();
    // All but the letter on the Drenthe purchasing region are about JB Noord.
    assert_eq!(with_jbn, 6);
}

/// The dated events of the seeds, with their sources; the KMI decision of 16 September
/// 2025 is one event citing both letters.
#[test]
fn the_timeline_has_the_seed_events() {
    let docs = sample();
    let refs: Vec<&Document> = docs.iter().collect();
    use openbaar::site::timeline::merge::{archive_common_words, events};
    let events = events(&refs, &archive_common_words(&refs));
    let find = |date: &str, word: &str| {
        events
            .iter()
            .find(|e| e.date.iso() == date && e.sources.iter().any(|s| s.sentence.contains(word)))
            .unwrap_or_else(|| panic!("no event {date} with {word:?}: {events:#?}"))
    };
    let title = |id: &str| docs.iter().find(|d| d.id == id).unwrap().source.clone();
    let aef = find("2024-10", "opdracht gegeven aan Andersson Elffers Felix");
    assert_eq!(aef.precision, Precision::Month);
    assert_eq!(
        find("2024-12", "overbruggingscertificaat")
            .qualifier
            .as_deref(),
        Some("eind")
    );
    assert_eq!(
        find("2025-02", "eindrapport").qualifier.as_deref(),
        Some("eind")
    );
    find("2025-03-26", "besluit dat wij als college");
    find("2025-07-24", "inspecties publiceerden");
    find("2025-09-25", "overkoepelend rapport");
    find("2025-09-28", "meldpunt");
    let kmi = find("2025-09-16", "KMI");
    let sources: Vec<String> = kmi.documents.iter().map(|(id, _)| title(id)).collect();
    assert_eq!(
        sources,
        vec![
            "beantwoording-vragen-art36-jb-noord.pdf",
            "raadsbrief-ontwikkelingen-jb-noord.pdf"
        ]
    );
    // Every source sentence stands in its document's text.
    for event in &events {
        for source in &event.sources {
            let doc = docs.iter().find(|d| d.id == source.id).unwrap();
            let at: String = doc
                .text
                .chars()
                .skip(source.position)
                .take(source.sentence.chars().count())
                .collect();
            assert_eq!(at, source.sentence, "position of {:?}", source.sentence);
        }
    }
}
