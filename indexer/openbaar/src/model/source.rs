//! What a file format gives before any clean-up: raw page texts with their provenance,
//! the facts the format itself states, and the files it carries.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::date::DateSource;
use super::document::Provenance;
use super::redaction::PageBoxes;

/// The raw text of one page, before normalisation.
///
/// This and the other types of this module are stored in the extraction cache, hence
/// serialisable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawPage {
    /// Where the text came from.
    pub provenance: Provenance,
    /// How far the text can be trusted, 0–1 (see [`Page::confidence`](super::Page)).
    pub confidence: Option<f32>,
    /// The text as the format gave it, lines separated by `\n`, blocks by a blank line.
    pub text: String,
}

/// A file carried inside another one (an email attachment, a message of a mailbox).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Embedded {
    /// Its file name, as the container gave it (or one made up for it).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything a format gave about one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extracted {
    /// The pages, in order.
    pub pages: Vec<RawPage>,
    /// A title stated by the format (PDF metadata), if any.
    pub title: Option<String>,
    /// A date stated by the format, with where it came from (an email's Date header,
    /// a PDF's creation date).
    pub date: Option<(NaiveDate, DateSource)>,
    /// Sender, when the format states it.
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Recipients in copy.
    pub cc: Vec<String>,
    /// Subject line.
    pub subject: Option<String>,
    /// An email's Message-ID.
    pub message_id: Option<String>,
    /// The Message-IDs an email answers (In-Reply-To and References).
    pub references: Vec<String>,
    /// Files carried inside this one.
    pub attachments: Vec<Embedded>,
    /// The redaction boxes found on each page image of a PDF (every page, boxes or
    /// not), with the page's size; their anchors are in the page texts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub page_boxes: Vec<PageBoxes>,
    /// Pages (1-based) that needed OCR and did not get it because no OCR engine was
    /// available. Such an extraction is not cached, so that a build with the engine
    /// reads them; never stored.
    #[serde(skip)]
    pub awaiting_ocr: Vec<u32>,
    /// What the reader had to assume, for the user (`read as windows-1252`): the file
    /// was read, but not quite as it said it was.
    pub notes: Vec<String>,
}
