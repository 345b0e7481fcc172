//! The document record: the one description of a document that every later step
//! (search index, site content, JSON export) reads.
//!
//! Fields that later steps fill in (redactions, organisations, messages) are part of
//! the record from the start, so the JSON shape that journalists script against stays
//! stable as the pipeline grows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::date::DateSource;
use super::event::Event;
use super::grounds;
use super::inventory::InventoryEntry;
use super::message::Message;
use super::person::Person;
use super::redaction::{BlackedOut, Redaction};

/// How many hex digits of the content hash make a document id.
///
/// 16 hex digits (64 bits) keep URLs short; a collision needs about four billion
/// documents before it becomes likely.
const ID_HEX_DIGITS: usize = 16;

/// What separates two paragraphs (also across a page break) in [`Document::text`].
pub const PARAGRAPH_SEPARATOR: &str = "\n\n";

/// A stable document id derived from the bytes of the original file.
///
/// The same file gets the same id whatever it is called and wherever it sits in the
/// archive, so permalinks survive renames and re-runs.
pub fn content_id(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    hex[..ID_HEX_DIGITS].to_string()
}

/// What kind of source a document came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A PDF file (text layer, scanned, or mixed).
    Pdf,
    /// An email message (.eml, one message of an .mbox).
    Email,
    /// A plain text or Markdown file.
    Text,
    /// A document an inventory list names but the release withheld: no file, only
    /// what the list says.
    Withheld,
}

impl Kind {
    /// The Dutch label shown on the site.
    pub fn label_nl(self) -> &'static str {
        match self {
            Kind::Pdf => "PDF",
            Kind::Email => "E-mail",
            Kind::Text => "Tekst",
            Kind::Withheld => "Niet openbaar",
        }
    }

    /// The name in the record's JSON (`pdf`, `email`, `text`, `withheld`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Email => "email",
            Kind::Text => "text",
            Kind::Withheld => "withheld",
        }
    }
}

/// The type of a document, by rules over its structure and wording. Dutch labels, as
/// the site shows them, in JSON too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocType {
    /// An email, real or printed.
    #[serde(rename = "e-mail")]
    Email,
    /// A letter of the executive to the council.
    #[serde(rename = "raadsbrief")]
    Raadsbrief,
    /// Answers to written questions of council members.
    #[serde(rename = "beantwoording raadsvragen")]
    BeantwoordingRaadsvragen,
    /// Minutes or notes of a meeting.
    #[serde(rename = "verslag")]
    Verslag,
    /// A decision.
    #[serde(rename = "besluit")]
    Besluit,
    /// A meeting's agenda.
    #[serde(rename = "agenda")]
    Agenda,
    /// A memo or note.
    #[serde(rename = "memo")]
    Memo,
    /// A report, survey or evaluation.
    #[serde(rename = "rapport")]
    Rapport,
    /// Slides.
    #[serde(rename = "presentatie")]
    Presentatie,
    /// Any other letter.
    #[serde(rename = "brief")]
    Brief,
    /// No rule held.
    #[serde(rename = "onbekend")]
    Onbekend,
}

impl DocType {
    /// The Dutch label (the same as in JSON).
    pub fn label(self) -> &'static str {
        match self {
            DocType::Email => "e-mail",
            DocType::Raadsbrief => "raadsbrief",
            DocType::BeantwoordingRaadsvragen => "beantwoording raadsvragen",
            DocType::Verslag => "verslag",
            DocType::Besluit => "besluit",
            DocType::Agenda => "agenda",
            DocType::Memo => "memo",
            DocType::Rapport => "rapport",
            DocType::Presentatie => "presentatie",
            DocType::Brief => "brief",
            DocType::Onbekend => "onbekend",
        }
    }

    /// A letter of some kind: its opening may date what it reports.
    pub fn is_letter(self) -> bool {
        matches!(self, DocType::Raadsbrief | DocType::Brief)
    }
}

/// Where the text of a page came from; a reader must know whether text is what the
/// author wrote or what a machine guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The text layer of a PDF page (born-digital, or an OCR layer the publisher added).
    TextLayer,
    /// A PDF page without a text layer, read by OCR of its image.
    Ocr,
    /// A PDF page whose text layer scored poorly (see the page's confidence), read
    /// again by OCR of its image, which scored better.
    ReOcr,
    /// A PDF page without a usable text layer that could not be read: no OCR engine on
    /// the machine that built the site, or the engine failed on it.
    Scanned,
    /// The body of an email message.
    EmailBody,
    /// A plain text file.
    PlainText,
}

/// One page of a document. Emails and text files have a single page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Where the text came from.
    pub provenance: Provenance,
    /// How far the text can be trusted, 0–1: for a PDF text layer its quality score
    /// (`extract::quality`), for OCR the engine's mean word confidence; none for emails,
    /// text files and pages that were not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// Normalised paragraphs of the page, in reading order.
    pub paragraphs: Vec<String>,
    /// How much of a PDF page its redaction boxes cover; none for other documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blacked_out: Option<BlackedOut>,
}

/// A paragraph of a document, with the page it is on and where it starts in the text.
#[derive(Debug, Clone, Copy)]
pub struct PlacedParagraph<'a> {
    /// The page it is on.
    pub page: &'a Page,
    /// Its index among all paragraphs of the document.
    pub index: usize,
    /// Character offset (Unicode scalar values) of its start in [`Document::text`].
    pub start: usize,
    /// Its text.
    pub text: &'a str,
}

impl PlacedParagraph<'_> {
    /// Character offset one past its end.
    pub fn end(&self) -> usize {
        self.start + self.text.chars().count()
    }
}

/// The paragraphs of `pages` in order, each with where it starts in the text that
/// [`Document::text_from_pages`] joins them into: the one place that knows the layout
/// of [`Document::text`].
pub fn placed_paragraphs(pages: &[Page]) -> impl Iterator<Item = PlacedParagraph<'_>> {
    let separator = PARAGRAPH_SEPARATOR.chars().count();
    let mut next_start = 0;
    pages
        .iter()
        .flat_map(|page| page.paragraphs.iter().map(move |p| (page, p.as_str())))
        .enumerate()
        .map(move |(index, (page, text))| {
            let placed = PlacedParagraph {
                page,
                index,
                start: next_start,
                text,
            };
            next_start = placed.end() + separator;
            placed
        })
}

/// A document of the archive, as every later step sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id from the content of the original (see [`content_id`]).
    pub id: String,
    /// Path of the original relative to the archive root, with `/` separators.
    /// For an email attachment: the parent's source, `#`, and the attachment's name.
    pub source: String,
    /// File name to offer when the original is downloaded.
    pub file_name: String,
    /// What kind of source this is.
    pub kind: Kind,
    /// A human title: email subject, a document's own subject line, PDF metadata, or
    /// the file name as a last resort.
    pub title: String,
    /// The document date, when known.
    pub date: Option<NaiveDate>,
    /// Where [`Document::date`] came from.
    pub date_source: Option<DateSource>,
    /// The document type (letter, email, minutes, …); none for a withheld document.
    pub doc_type: Option<DocType>,
    /// Sender, when known.
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Recipients in copy.
    pub cc: Vec<String>,
    /// Subject line, when the document has one.
    pub subject: Option<String>,
    /// Withheld passages and their grounds.
    pub redactions: Vec<Redaction>,
    /// How much of a PDF its redaction boxes cover (its pages' areas together); none
    /// for other documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blacked_out: Option<BlackedOut>,
    /// Organisations the document names or comes from (canonical names).
    pub organisations: Vec<String>,
    /// People: senders, recipients and signatories.
    pub people: Vec<Person>,
    /// The messages of an email, real or printed, newest first as printed.
    pub messages: Vec<Message>,
    /// The thread an email belongs to: its subject without RE:/FW:, lower case, or the
    /// thread of the email it answers (by Message-ID).
    pub thread: Option<String>,
    /// Dated events the text mentions, in text order.
    pub events: Vec<Event>,
    /// A real email's Message-ID.
    pub message_id: Option<String>,
    /// The Message-IDs it answers (In-Reply-To, References).
    pub references: Vec<String>,
    /// For an email attachment: the id of the email it came with.
    pub parent: Option<String>,
    /// For an email: the ids of its attachments.
    pub attachments: Vec<String>,
    /// Other archive paths holding exactly the same file.
    pub duplicates: Vec<String>,
    /// Other documents holding the same message in another format (an `.eml` and the
    /// PDF it was printed to): same sender, date and subject. Each lists the others.
    #[serde(default)]
    pub same_message: Vec<String>,
    /// What the release's inventory list says of this document, if it lists it.
    pub inventory: Option<InventoryEntry>,
    /// Number of pages (1 for emails and text files).
    pub page_count: u32,
    /// Size of the original in bytes.
    pub size_bytes: u64,
    /// The normalised pages.
    pub pages: Vec<Page>,
    /// The whole normalised text: paragraphs joined by [`PARAGRAPH_SEPARATOR`], across
    /// pages too.
    pub text: String,
}

impl Document {
    /// Joins the paragraphs of all pages into the flat `text` field.
    pub fn text_from_pages(pages: &[Page]) -> String {
        let paragraphs: Vec<&str> = placed_paragraphs(pages).map(|p| p.text).collect();
        paragraphs.join(PARAGRAPH_SEPARATOR)
    }

    /// The distinct ground codes of its redactions, in the order of the law.
    pub fn ground_codes(&self) -> Vec<String> {
        grounds::all()
            .iter()
            .filter(|g| {
                self.redactions
                    .iter()
                    .any(|r| r.grounds.iter().any(|rg| rg.code == g.code))
            })
            .map(|g| g.code.clone())
            .collect()
    }

    /// Pages with no usable text that were not read (no OCR engine, or it failed): their
    /// text is missing from search.
    pub fn scanned_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| p.provenance == Provenance::Scanned)
            .count()
    }

    /// Pages whose text was read by OCR of the page image (no text layer, or a poor one).
    pub fn ocr_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| matches!(p.provenance, Provenance::Ocr | Provenance::ReOcr))
            .count()
    }

    /// The type's label, or `niet openbaar` for a withheld document that has none.
    pub fn type_label(&self) -> &'static str {
        match self.doc_type {
            Some(doc_type) => doc_type.label(),
            None => "niet openbaar",
        }
    }
}

impl Document {
    /// A record of `kind` with its names and no facts, pages or text yet: the start of a
    /// record that is not read from a file (a withheld inventory row) and of test records.
    pub fn without_facts(
        id: String,
        source: String,
        file_name: String,
        kind: Kind,
        title: String,
    ) -> Document {
        Document {
            id,
            source,
            file_name,
            kind,
            title,
            date: None,
            date_source: None,
            doc_type: None,
            from: None,
            to: Vec::new(),
            cc: Vec::new(),
            subject: None,
            redactions: Vec::new(),
            blacked_out: None,
            organisations: Vec::new(),
            people: Vec::new(),
            messages: Vec::new(),
            thread: None,
            events: Vec::new(),
            message_id: None,
            references: Vec::new(),
            parent: None,
            attachments: Vec::new(),
            duplicates: Vec::new(),
            same_message: Vec::new(),
            inventory: None,
            page_count: 0,
            size_bytes: 0,
            pages: Vec::new(),
            text: String::new(),
        }
    }

    /// An empty PDF record with this id and source, for tests to fill in.
    #[cfg(test)]
    pub(crate) fn for_test(id: &str, source: &str) -> Document {
        let file_name = source.rsplit('/').next().unwrap_or(source).into();
        Document {
            page_count: 1,
            size_bytes: 1,
            ..Document::without_facts(id.into(), source.into(), file_name, Kind::Pdf, id.into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_id_depends_only_on_bytes() {
        let a = content_id(b"Geachte lezer,");
        assert_eq!(a, content_id(b"Geachte lezer,"));
        assert_ne!(a, content_id(b"Geachte lezer."));
        assert_eq!(a.len(), ID_HEX_DIGITS);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
    }

    fn two_pages() -> Vec<Page> {
        vec![
            Page {
                number: 1,
                provenance: Provenance::TextLayer,
                confidence: None,
                paragraphs: vec!["Eén.".into(), "Twee.".into()],
                blacked_out: None,
            },
            Page {
                number: 2,
                provenance: Provenance::TextLayer,
                confidence: None,
                paragraphs: vec!["Drie.".into()],
                blacked_out: None,
            },
        ]
    }

    #[test]
    fn text_joins_paragraphs_across_pages() {
        assert_eq!(
            Document::text_from_pages(&two_pages()),
            "Eén.\n\nTwee.\n\nDrie."
        );
    }

    #[test]
    fn placed_paragraphs_start_where_the_text_has_them() {
        let pages = two_pages();
        let text: Vec<char> = Document::text_from_pages(&pages).chars().collect();
        for placed in placed_paragraphs(&pages) {
            let found: String = text[placed.start..placed.end()].iter().collect();
            assert_eq!(found, placed.text);
        }
        let last = placed_paragraphs(&pages).last().unwrap();
        assert_eq!(
            (last.index, last.page.number, last.end()),
            (2, 2, text.len())
        );
    }

    #[test]
    fn types_serialise_to_their_dutch_labels() {
        for t in [
            DocType::Email,
            DocType::BeantwoordingRaadsvragen,
            DocType::Onbekend,
        ] {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.label())
            );
        }
    }
}
