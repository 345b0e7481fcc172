//! Inventory lists applied to the extracted documents: rows attached to their files,
//! withheld documents added, and where list and documents differ.

use super::{Built, Extraction, Original};
use crate::inventory::{self, InventoryEntry};
use crate::messages;
use crate::metadata;
use crate::record::{content_id, Document, Kind};

/// What Openbaar found in a document (before reading its inventory row) beside the row.
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryCheck {
    /// The document's source.
    pub source: String,
    /// The date found, and the row's.
    pub date: (Option<String>, Option<String>),
    /// Whether Openbaar and the row take it for an email.
    pub email: (bool, bool),
    /// For emails: the subject found, and the row's document title.
    pub subject: (Option<String>, Option<String>),
}

impl InventoryCheck {
    /// Same day, same email-or-not, same subject (emails only; `None` otherwise).
    pub fn agreement(&self) -> (bool, bool, Option<bool>) {
        let same_day = self.date.0.is_some() && self.date.0 == self.date.1;
        let subject = self.email.1.then(|| {
            let clean = |s: &Option<String>| s.as_deref().map(messages::thread_key);
            clean(&self.subject.0).is_some() && clean(&self.subject.0) == clean(&self.subject.1)
        });
        (same_day, self.email.0 == self.email.1, subject)
    }
}

impl Extraction {
    /// Of the files an inventory lists: how many have exactly the listed grounds, and
    /// how many more differ only by boxes whose code is illegible.
    pub fn ground_agreement(&self) -> (usize, usize) {
        let listed = self
            .documents
            .iter()
            .filter(|b| b.document.inventory.is_some() && b.document.kind != Kind::Withheld)
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

/// Attaches the rows of an inventory list to the documents of its folder, adds the
/// withheld documents it names, and notes where list and documents disagree.
pub(super) fn apply_inventory(
    extraction: &mut Extraction,
    list: &str,
    entries: Vec<InventoryEntry>,
) {
    let folder = list
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    for entry in entries {
        let matched = extraction.documents.iter_mut().find(|b| {
            let doc = &b.document;
            doc.parent.is_none()
                && doc.source.starts_with(&folder)
                && inventory::matches_file(&entry, &doc.file_name)
        });
        match matched {
            Some(built) => {
                let doc = &mut built.document;
                let listed_email = entry.file_type.as_deref().is_some_and(|t| {
                    t.eq_ignore_ascii_case("email") || t.eq_ignore_ascii_case("e-mail")
                });
                extraction.checks.push(InventoryCheck {
                    source: doc.source.clone(),
                    date: (doc.date.clone(), entry.date.clone()),
                    email: (doc.doc_type.as_deref() == Some("e-mail"), listed_email),
                    subject: (doc.subject.clone(), entry.title.clone()),
                });
                // The list's date beats a PDF's export date, not a date the document states.
                if doc.date.is_none() || doc.date_source.as_deref() == Some("pdf_metadata") {
                    if let Some(date) = &entry.date {
                        doc.date = Some(date.clone());
                        doc.date_source = Some("inventory".into());
                    }
                }
                let detected = doc.ground_codes();
                let mut listed = entry.grounds.clone();
                listed.sort();
                let mut found = detected.clone();
                found.sort();
                if listed != found {
                    let illegible = doc.redactions.iter().any(|r| r.grounds.is_empty());
                    extraction.disagreements.push(Disagreement {
                        source: doc.source.clone(),
                        listed: entry.grounds.clone(),
                        explained_by_illegible: illegible
                            && found.iter().all(|code| listed.contains(code)),
                        detected,
                    });
                }
                doc.inventory = Some(entry);
            }
            None => extraction.documents.push(withheld(list, entry)),
        }
    }
}

fn withheld(list: &str, entry: InventoryEntry) -> Built {
    let source = format!("{list}#{}", entry.id);
    let title = entry
        .title
        .clone()
        .map(|t| metadata::title_from_file_name(&t))
        .unwrap_or_else(|| format!("Document {}", entry.id));
    Built {
        document: Document {
            id: content_id(source.as_bytes()),
            file_name: String::new(),
            kind: Kind::Withheld,
            title,
            date: entry.date.clone(),
            date_source: entry.date.as_ref().map(|_| "inventory".to_string()),
            doc_type: None,
            from: None,
            to: Vec::new(),
            cc: Vec::new(),
            subject: None,
            redactions: Vec::new(),
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
            inventory: Some(entry),
            page_count: 0,
            size_bytes: 0,
            pages: Vec::new(),
            text: String::new(),
            source,
        },
        original: Original::Withheld,
    }
}
