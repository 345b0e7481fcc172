//! The archive as the pipeline hands it to the site: documents with their originals,
//! what could not be read, and how the inventory lists compare with the documents.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::document::{Document, Kind};

/// Where the original bytes of a document are, for the download next to its page.
#[derive(Debug, Clone)]
pub enum Original {
    /// A file of the archive, as it is on disk.
    File(PathBuf),
    /// Bytes carried inside another file (an attachment, a message of a mailbox).
    Bytes(Vec<u8>),
    /// None: the document was withheld and is known only from the inventory list.
    Withheld,
}

/// A document with its original.
#[derive(Debug, Clone)]
pub struct Built {
    /// The record.
    pub document: Document,
    /// Its original, for download.
    pub original: Original,
}

/// A file (or a part of one) that could not be turned into a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// The source path, as in [`Document::source`].
    pub source: String,
    /// Why, in words for the user.
    pub reason: String,
}

/// What a run over an archive produced.
#[derive(Debug, Default)]
pub struct Extraction {
    /// The documents, in archive order, each once.
    pub documents: Vec<Built>,
    /// Files that should have been read but failed.
    pub failed: Vec<Problem>,
    /// Files that are not a format Openbaar reads, or were passed over on purpose.
    pub skipped: Vec<Problem>,
    /// Files that were read, with something the user should know (an assumed
    /// encoding, unreadable parts).
    pub notices: Vec<Problem>,
    /// Inventory lists that were read: their source and how many rows they had.
    pub inventory_lists: Vec<(String, usize)>,
    /// Documents whose grounds found in the text differ from their inventory row.
    pub disagreements: Vec<Disagreement>,
    /// Facts found in listed documents next to what their inventory row says.
    pub checks: Vec<InventoryCheck>,
}

impl Extraction {
    /// The records, in archive order.
    pub fn records(&self) -> impl Iterator<Item = &Document> {
        self.documents.iter().map(|b| &b.document)
    }

    /// Of the files an inventory lists: how many have exactly the listed grounds, and
    /// how many more differ only by boxes whose code is illegible.
    pub fn ground_agreement(&self) -> (usize, usize) {
        let listed = self
            .records()
            .filter(|d| d.inventory.is_some() && d.kind != Kind::Withheld)
            .count();
        let explained = self
            .disagreements
            .iter()
            .filter(|d| d.explained_by_illegible)
            .count();
        (listed - self.disagreements.len(), explained)
    }
}

/// A document whose detected grounds are not the grounds its inventory row lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// The document's source.
    pub source: String,
    /// Grounds the inventory lists.
    pub listed: Vec<String>,
    /// Grounds found in the document.
    pub detected: Vec<String>,
    /// True when the difference can be explained by boxes whose code OCR could not
    /// read: every ground found is listed, and the document has such boxes.
    pub explained_by_illegible: bool,
}

/// What Openbaar found in a document (before reading its inventory row) beside the row.
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryCheck {
    /// The document's source.
    pub source: String,
    /// The date found, and the row's.
    pub date: (Option<NaiveDate>, Option<NaiveDate>),
    /// Whether Openbaar and the row take it for an email.
    pub email: (bool, bool),
    /// For emails: the subject found, and the row's document title, each as a thread
    /// key (lower case, without reply prefixes).
    pub subject: (Option<String>, Option<String>),
}

impl InventoryCheck {
    /// Same day, same email-or-not, same subject (emails only; `None` otherwise).
    pub fn agreement(&self) -> (bool, bool, Option<bool>) {
        let same_day = self.date.0.is_some() && self.date.0 == self.date.1;
        let subject = self
            .email
            .1
            .then(|| self.subject.0.is_some() && self.subject.0 == self.subject.1);
        (same_day, self.email.0 == self.email.1, subject)
    }
}
