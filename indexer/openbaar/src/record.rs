//! The document record: the one description of a document that every later step
//! (search index, site content, JSON export) reads.
//!
//! Fields that later steps fill in (redactions, organisations, messages) are part of
//! the record from the start, so the JSON shape that journalists script against stays
//! stable as the pipeline grows.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use crate::events::Event;
pub use crate::grounds::Ground;
pub use crate::inventory::InventoryEntry;
pub use crate::messages::Message;
pub use crate::metadata::Person;
pub use crate::redact::Place;

/// How many hex digits of the content hash make a document id.
///
/// 16 hex digits (64 bits) keep URLs short; a collision needs about four billion
/// documents before it becomes likely.
const ID_HEX_DIGITS: usize = 16;

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
}

/// Where the text of a page came from; a reader must know whether text is what the
/// author wrote or what a machine guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The text layer of a PDF page (born-digital, or an OCR layer the publisher added).
    TextLayer,
    /// A PDF page without a usable text layer: an image that still needs OCR.
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
    /// Normalised paragraphs of the page, in reading order.
    pub paragraphs: Vec<String>,
}

/// A withheld passage, found where the release printed a refusal ground (or where OCR
/// read a black box as junk). Filled in by the redaction step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redaction {
    /// The first normalised ground code of the box, e.g. `5.1.2e`; `None` for a box
    /// without a legible code.
    pub code: Option<String>,
    /// Every ground printed in the box, with its law and its meaning.
    pub grounds: Vec<Ground>,
    /// Where in the document: `text`, or the email header `from`, `to` or `cc`.
    pub field: String,
    /// The page (1-based) for `text`; 0 for a header.
    pub page: u32,
    /// Character offsets (Unicode scalar values) of the marker in [`Document::text`].
    pub span: Option<(usize, usize)>,
    /// Where it sat: address, phone, header or body.
    pub place: Place,
    /// The address domain that survived next to it.
    pub domain: Option<String>,
    /// The organisation of that domain, from `[extra.openbaar.domains]`.
    pub organisation: Option<String>,
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
    /// The document date as `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Where [`Document::date`] came from (e.g. `email_header`, `pdf_metadata`).
    pub date_source: Option<String>,
    /// The document type (letter, email, minutes, …), when known.
    pub doc_type: Option<String>,
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
    /// What the release's inventory list says of this document, if it lists it.
    pub inventory: Option<InventoryEntry>,
    /// Number of pages (1 for emails and text files).
    pub page_count: u32,
    /// Size of the original in bytes.
    pub size_bytes: u64,
    /// The normalised pages.
    pub pages: Vec<Page>,
    /// The whole normalised text: pages joined by a blank line, paragraphs by a blank line.
    pub text: String,
}

impl Document {
    /// Joins the paragraphs of all pages into the flat `text` field.
    pub fn text_from_pages(pages: &[Page]) -> String {
        let mut text = String::new();
        for paragraph in pages.iter().flat_map(|p| p.paragraphs.iter()) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(paragraph);
        }
        text
    }

    /// The distinct ground codes of its redactions, in the order of the law.
    pub fn ground_codes(&self) -> Vec<String> {
        crate::grounds::all()
            .iter()
            .filter(|g| {
                self.redactions
                    .iter()
                    .any(|r| r.grounds.iter().any(|rg| rg.code == g.code))
            })
            .map(|g| g.code.clone())
            .collect()
    }

    /// Pages with no text layer: they need OCR before their text can be searched.
    pub fn scanned_pages(&self) -> usize {
        self.pages
            .iter()
            .filter(|p| p.provenance == Provenance::Scanned)
            .count()
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

    #[test]
    fn text_joins_paragraphs_across_pages() {
        let pages = vec![
            Page {
                number: 1,
                provenance: Provenance::TextLayer,
                paragraphs: vec!["Een.".into(), "Twee.".into()],
            },
            Page {
                number: 2,
                provenance: Provenance::TextLayer,
                paragraphs: vec!["Drie.".into()],
            },
        ];
        assert_eq!(Document::text_from_pages(&pages), "Een.\n\nTwee.\n\nDrie.");
    }
}
