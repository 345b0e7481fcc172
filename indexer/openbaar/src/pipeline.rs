//! The pipeline from files to records: archive → extract → normalise → metadata.
//!
//! Files are processed in parallel; a file that fails (or makes a reader panic) is
//! reported with its name and reason and never stops the others.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::archive::{self, Format, SourceFile};
use crate::config::Settings;
use crate::extract::{self, Embedded, ExtractError, Extracted};
use crate::inventory::{self, InventoryEntry};
use crate::messages::{self, Message};
use crate::metadata;
use crate::normalise::normalise_pages;
use crate::record::{content_id, Document, Kind};
use crate::redact;

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
    /// Files that are not a format Openbaar reads.
    pub skipped: Vec<Problem>,
    /// Documents whose grounds found in the text differ from their inventory row.
    pub disagreements: Vec<Disagreement>,
    /// Facts found in listed documents next to what their inventory row says.
    pub checks: Vec<InventoryCheck>,
}

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

/// Receives progress while an archive is processed; the CLI draws it.
pub trait Progress: Sync {
    /// Called once with the number of files about to be processed.
    fn start(&self, files: usize);
    /// Called after each file, with its archive path.
    fn file_done(&self, source: &str);
}

/// A [`Progress`] that shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _files: usize) {}
    fn file_done(&self, _source: &str) {}
}

/// Extracts every file under `roots` into documents.
pub fn extract_all(roots: &[PathBuf], settings: &Settings, progress: &dyn Progress) -> Extraction {
    let (files, walk_errors) = archive::walk(roots);
    let mut extraction = Extraction {
        failed: walk_errors
            .into_iter()
            .map(|e| Problem {
                source: e.path,
                reason: e.reason,
            })
            .collect(),
        ..Extraction::default()
    };
    let (lists, files): (Vec<SourceFile>, Vec<SourceFile>) =
        files.into_iter().partition(is_inventory);
    let (readable, unsupported): (Vec<SourceFile>, Vec<SourceFile>) = files
        .into_iter()
        .partition(|f| !matches!(f.format, Format::Unsupported(_)));
    for file in unsupported {
        if let Format::Unsupported(reason) = file.format {
            extraction.skipped.push(Problem {
                source: file.relative,
                reason,
            });
        }
    }
    progress.start(readable.len());
    let results: Vec<FileResult> = readable
        .par_iter()
        .map(|file| {
            let result = process_file_guarded(file, settings);
            progress.file_done(&file.relative);
            result
        })
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for result in results {
        extraction.failed.extend(result.failed);
        extraction.skipped.extend(result.skipped);
        for built in result.documents {
            // The same bytes twice (a copy in two folders) are one document that
            // knows all its places; nothing is lost and no page is doubled.
            match seen.get(&built.document.id) {
                Some(&index) => extraction.documents[index]
                    .document
                    .duplicates
                    .push(built.document.source),
                None => {
                    seen.insert(built.document.id.clone(), extraction.documents.len());
                    extraction.documents.push(built);
                }
            }
        }
    }
    link_replies(&mut extraction.documents);
    for list in lists {
        match inventory::read(&list.path, &list.relative) {
            Ok(entries) => apply_inventory(&mut extraction, &list.relative, entries),
            Err(reason) => extraction.failed.push(Problem {
                source: list.relative,
                reason: format!("inventory list cannot be read: {reason}"),
            }),
        }
    }
    extraction
}

/// The events of a document. A paragraph inside an email message is read against that
/// message's sent date; the rest against the document date.
fn document_events(
    pages: &[crate::record::Page],
    messages: &[Message],
    date: Option<&str>,
    date_source: Option<&str>,
    doc_type: &str,
) -> Vec<crate::record::Event> {
    use crate::events::{opening_decision, paragraph_events, Anchor};
    let document_anchor = date
        .zip(date_source)
        .and_then(|(d, s)| Anchor::for_document(d, s));
    let mut events = Vec::new();
    let mut offset = 0;
    for (index, paragraph) in pages.iter().flat_map(|p| p.paragraphs.iter()).enumerate() {
        let anchor = messages
            .iter()
            .find(|m| m.body_span.0 <= offset && offset < m.body_span.1)
            .and_then(|m| m.date.as_deref())
            .and_then(|d| Anchor::for_document(d, "email_sent"))
            .or(document_anchor);
        events.extend(paragraph_events(paragraph, offset, anchor));
        let letter = matches!(doc_type, "raadsbrief" | "brief") && date_source == Some("date_line");
        if letter && index < 8 {
            events.extend(date.and_then(|d| opening_decision(paragraph, offset, d)));
        }
        offset += paragraph.chars().count() + 2;
    }
    events
}

/// An email that answers another one by Message-ID joins that one's thread, even when
/// its subject was changed.
fn link_replies(documents: &mut [Built]) {
    let threads: HashMap<String, String> = documents
        .iter()
        .filter_map(|b| Some((b.document.message_id.clone()?, b.document.thread.clone()?)))
        .collect();
    for built in documents.iter_mut() {
        let doc = &mut built.document;
        if let Some(thread) = doc.references.iter().find_map(|id| threads.get(id)) {
            doc.thread = Some(thread.clone());
        }
    }
}

fn is_inventory(file: &SourceFile) -> bool {
    let name = file.relative.rsplit('/').next().unwrap_or(&file.relative);
    inventory::is_inventory_name(name)
}

/// Attaches the rows of an inventory list to the documents of its folder, adds the
/// withheld documents it names, and notes where list and documents disagree.
fn apply_inventory(extraction: &mut Extraction, list: &str, entries: Vec<InventoryEntry>) {
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

#[derive(Default)]
struct FileResult {
    documents: Vec<Built>,
    failed: Vec<Problem>,
    skipped: Vec<Problem>,
}

fn process_file_guarded(file: &SourceFile, settings: &Settings) -> FileResult {
    match catch_unwind(AssertUnwindSafe(|| process_file(file, settings))) {
        Ok(result) => result,
        Err(panic) => {
            let detail = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            FileResult {
                failed: vec![Problem {
                    source: file.relative.clone(),
                    reason: format!("internal error while reading it ({detail}); please report"),
                }],
                ..FileResult::default()
            }
        }
    }
}

fn process_file(file: &SourceFile, settings: &Settings) -> FileResult {
    let max_file_mb = settings.max_file_mb;
    let mut result = FileResult::default();
    let fail = |reason: String| Problem {
        source: file.relative.clone(),
        reason,
    };
    let size = match std::fs::metadata(&file.path) {
        Ok(meta) => meta.len(),
        Err(err) => {
            result.failed.push(fail(ExtractError::Io(err).to_string()));
            return result;
        }
    };
    if size > max_file_mb * 1024 * 1024 {
        let err = ExtractError::TooLarge {
            size_mb: size / (1024 * 1024),
            limit_mb: max_file_mb,
        };
        result.failed.push(fail(err.to_string()));
        return result;
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            result.failed.push(fail(ExtractError::Io(err).to_string()));
            return result;
        }
    };
    let file_name = file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.relative.clone());
    if file.format == Format::Mbox {
        let messages = extract::email::split_mbox(&bytes);
        if messages.is_empty() {
            result
                .failed
                .push(fail("no messages found in the mailbox".into()));
        }
        for message in messages {
            let source = format!("{}#{}", file.relative, message.name);
            process_unit(
                &mut result,
                Unit::embedded(source, message, None),
                &Format::Eml,
                settings,
            );
        }
        return result;
    }
    let unit = Unit {
        source: file.relative.clone(),
        file_name,
        original: Original::File(file.path.clone()),
        bytes,
        parent: None,
    };
    process_unit(&mut result, unit, &file.format, settings);
    result
}

/// One document to extract: a file, an attachment, or a message of a mailbox.
struct Unit {
    source: String,
    file_name: String,
    original: Original,
    bytes: Vec<u8>,
    parent: Option<String>,
}

impl Unit {
    fn embedded(source: String, embedded: Embedded, parent: Option<String>) -> Unit {
        Unit {
            source,
            file_name: embedded.name,
            original: Original::Bytes(embedded.bytes.clone()),
            bytes: embedded.bytes,
            parent,
        }
    }
}

fn process_unit(result: &mut FileResult, unit: Unit, format: &Format, settings: &Settings) {
    let (kind, extracted) = match format {
        Format::Pdf => (Kind::Pdf, extract::pdf::extract_pdf(&unit.bytes)),
        Format::Eml => (Kind::Email, extract::email::extract_email(&unit.bytes)),
        Format::Text => (Kind::Text, extract::text::extract_text(&unit.bytes)),
        Format::Mbox | Format::Unsupported(_) => {
            let reason = match format {
                Format::Unsupported(reason) => reason.clone(),
                _ => "a mailbox inside a file is not read".into(),
            };
            result.skipped.push(Problem {
                source: unit.source,
                reason,
            });
            return;
        }
    };
    let extracted = match extracted {
        Ok(extracted) => extracted,
        Err(err) => {
            result.failed.push(Problem {
                source: unit.source,
                reason: err.to_string(),
            });
            return;
        }
    };
    let id = content_id(&unit.bytes);
    let mut attachment_ids = Vec::new();
    let mut children = Vec::new();
    for attachment in &extracted.attachments {
        let extension = attachment
            .name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let head = &attachment.bytes[..attachment.bytes.len().min(4096)];
        let child_format = archive::detect_bytes(head, &extension);
        if !matches!(child_format, Format::Unsupported(_)) {
            attachment_ids.push(content_id(&attachment.bytes));
        }
        let source = format!("{}#{}", unit.source, attachment.name);
        children.push((
            Unit::embedded(source, attachment.clone(), Some(id.clone())),
            child_format,
        ));
    }
    let document = build_record(id, kind, &unit, extracted, attachment_ids, settings);
    result.documents.push(Built {
        document,
        original: unit.original,
    });
    for (child, child_format) in children {
        process_unit(result, child, &child_format, settings);
    }
}

fn build_record(
    id: String,
    kind: Kind,
    unit: &Unit,
    extracted: Extracted,
    attachments: Vec<String>,
    settings: &Settings,
) -> Document {
    let mut pages = normalise_pages(&extracted.pages);
    // The title is chosen before redaction, so a subject line stays whole; it is
    // redacted on its own below.
    let title = metadata::title(&extracted, &pages, &unit.file_name);
    let mut extracted = extracted;
    let mut from: Vec<String> = extracted.from.take().into_iter().collect();
    let mut redactions = redact::redact_document(
        &mut pages,
        &mut [
            ("from", &mut from),
            ("to", &mut extracted.to),
            ("cc", &mut extracted.cc),
        ],
        settings,
    );
    let title = redact::redact_paragraph(&title).text;
    let text = Document::text_from_pages(&pages);
    redact::locate(&mut redactions, &text);

    let mut messages = messages::split_messages(&pages);
    if kind == Kind::Email {
        // The email itself is the first message; quoted ones follow in its body.
        let body_end = messages
            .first()
            .map(|m| m.header_start.saturating_sub(2))
            .unwrap_or_else(|| text.chars().count());
        messages.insert(
            0,
            Message {
                from: from.first().cloned(),
                to: extracted.to.clone(),
                cc: extracted.cc.clone(),
                date: extracted.date.as_ref().map(|(d, _)| d.clone()),
                time: None,
                subject: extracted.subject.clone(),
                body_span: (0, body_end),
                header_start: 0,
            },
        );
    }
    let (mut from, mut to, mut cc, mut subject) =
        (from, extracted.to, extracted.cc, extracted.subject);
    if let Some(newest) = messages.first().filter(|_| kind != Kind::Email) {
        from = newest.from.clone().into_iter().collect();
        to = newest.to.clone();
        cc = newest.cc.clone();
        subject = newest.subject.clone();
    }
    let thread = messages
        .iter()
        .find_map(|m| m.subject.as_deref())
        .map(messages::thread_key)
        .filter(|k| !k.is_empty());
    let (date, date_source) =
        match metadata::document_date(extracted.date.as_ref(), &pages, &messages) {
            Some((date, source)) => (Some(date), Some(source.to_string())),
            None => (None, None),
        };
    let doc_type = metadata::doc_type(kind, &title, &pages, !messages.is_empty());
    let events = document_events(
        &pages,
        &messages,
        date.as_deref(),
        date_source.as_deref(),
        doc_type,
    );

    let mut people = metadata::signatories(&pages);
    for message in &messages {
        let named = |value: &String, role: &str| {
            metadata::name_of(value).map(|name| metadata::Person {
                name,
                function: None,
                role: role.to_string(),
            })
        };
        people.extend(message.from.iter().filter_map(|v| named(v, "sender")));
        people.extend(
            message
                .to
                .iter()
                .chain(&message.cc)
                .filter_map(|v| named(v, "recipient")),
        );
    }
    people.sort();
    people.dedup_by(|a, b| a.name == b.name && a.role == b.role);

    let mut organisations: Vec<String> = redactions
        .iter()
        .filter_map(|r| r.organisation.clone())
        .collect();
    organisations.extend(settings.organisations_in(&text));
    organisations.extend(settings.organisations_in(&title));
    for address in from.iter().chain(&to).chain(&cc) {
        if let Some(domain) = address.rsplit('@').next().filter(|_| address.contains('@')) {
            let domain = domain.trim_end_matches(['>', ']', ' ']).trim();
            organisations.extend(settings.organisation_of(domain).map(str::to_string));
        }
    }
    organisations.sort();
    organisations.dedup();
    Document {
        id,
        source: unit.source.clone(),
        file_name: unit.file_name.clone(),
        kind,
        title,
        date,
        date_source,
        doc_type: Some(doc_type.to_string()),
        from: from.into_iter().next(),
        to,
        cc,
        subject,
        redactions,
        organisations,
        people,
        messages,
        thread,
        events,
        message_id: extracted.message_id,
        references: extracted.references,
        parent: unit.parent.clone(),
        attachments,
        duplicates: Vec::new(),
        inventory: None,
        page_count: pages.len() as u32,
        size_bytes: unit.bytes.len() as u64,
        pages,
        text,
    }
}
