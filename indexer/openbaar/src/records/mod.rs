//! Step 5: assemble the records of an archive. For every file (in parallel): input →
//! extract → normalise → facts → one record (see [`document`]); then, over the whole
//! archive, identical files merged, replies linked to their threads, and inventory
//! lists applied (see [`inventory`]).
//!
//! A file that fails (or makes a reader panic) is reported with its name and reason and
//! never stops the others.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::OnceLock;

use rayon::prelude::*;

mod document;
mod inventory;

use crate::config::Settings;
use crate::extract::cache::Cache;
use crate::extract::{self, ExtractError};
use crate::facts::events;
use crate::input::{self, Format, SourceFile};
use chrono::NaiveDate;

use crate::model::{
    content_id, Built, Document, Embedded, Extracted, Extraction, Kind, Original, Problem,
};

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
    let walk = input::walk(roots);
    let problem = |e: input::WalkError| Problem {
        source: e.path,
        reason: e.reason,
    };
    let mut extraction = Extraction {
        failed: walk.failed.into_iter().map(problem).collect(),
        skipped: walk.skipped.into_iter().map(problem).collect(),
        ..Extraction::default()
    };
    let files = walk.files;
    let (lists, files): (Vec<SourceFile>, Vec<SourceFile>) =
        files.into_iter().partition(is_inventory);
    let mut readable = Vec::new();
    for file in files {
        match file.format {
            Format::Unsupported(reason) => extraction.skipped.push(Problem {
                source: file.relative,
                reason,
            }),
            Format::Damaged(reason) => extraction.failed.push(Problem {
                source: file.relative,
                reason,
            }),
            _ => readable.push(file),
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
        extraction.notices.extend(result.notices);
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
    drop_boilerplate_events(&mut extraction.documents);
    link_same_messages(&mut extraction.documents);
    for list in lists {
        match extract::inventory::read(&list.path) {
            Ok(rows) => {
                extraction
                    .inventory_lists
                    .push((list.relative.clone(), rows.len()));
                let entries = rows
                    .into_iter()
                    .map(|row| inventory::entry(row, &list.relative))
                    .collect();
                inventory::apply_inventory(&mut extraction, &list.relative, entries, settings)
            }
            Err(reason) => extraction.failed.push(Problem {
                source: list.relative,
                reason: format!("inventory list cannot be read: {reason}"),
            }),
        }
    }
    extraction
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

/// An email and a PDF that hold the same message (same sender, date and subject: the
/// `.eml` and the PDF it was printed to) are one message with two sources: each lists
/// the other, so the site can link them and count the message once.
fn link_same_messages(documents: &mut [Built]) {
    let key = |doc: &Document| -> Option<(String, NaiveDate, String)> {
        let words = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        Some((
            words(doc.from.as_deref()?),
            doc.date?,
            words(doc.subject.as_deref()?),
        ))
    };
    let mut groups: HashMap<(String, NaiveDate, String), Vec<usize>> = HashMap::new();
    for (index, built) in documents.iter().enumerate() {
        if let Some(key) = key(&built.document) {
            groups.entry(key).or_default().push(index);
        }
    }
    for members in groups.values() {
        let kinds = |kind: Kind| {
            members
                .iter()
                .filter(|&&i| documents[i].document.kind == kind)
                .count()
        };
        // One message in two formats: exactly one real email and its printed copies.
        if members.len() < 2 || kinds(Kind::Email) != 1 || kinds(Kind::Pdf) + 1 != members.len() {
            continue;
        }
        let ids: Vec<String> = members
            .iter()
            .map(|&i| documents[i].document.id.clone())
            .collect();
        for &i in members {
            let doc = &mut documents[i].document;
            let mut others: Vec<String> = ids.iter().filter(|id| **id != doc.id).cloned().collect();
            others.sort();
            doc.same_message = others;
        }
    }
}

/// Events whose sentence repeats across the archive with many dates (slogans,
/// disclaimers) are boilerplate, not events.
fn drop_boilerplate_events(documents: &mut [Built]) {
    let boilerplate = events::boilerplate(documents.iter().map(|b| b.document.events.as_slice()));
    for built in documents.iter_mut() {
        built
            .document
            .events
            .retain(|e| !events::is_boilerplate(e, &boilerplate));
    }
}

fn is_inventory(file: &SourceFile) -> bool {
    let name = file.relative.rsplit('/').next().unwrap_or(&file.relative);
    extract::inventory::is_inventory_name(name)
}

#[derive(Default)]
struct FileResult {
    documents: Vec<Built>,
    failed: Vec<Problem>,
    skipped: Vec<Problem>,
    notices: Vec<Problem>,
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
            match message {
                Ok(message) => {
                    let source = format!("{}#{}", file.relative, message.name);
                    let unit = Unit::embedded(source, message, None);
                    process_unit(&mut result, unit, &Format::Eml, settings);
                }
                Err(unreadable) => result.failed.push(Problem {
                    source: format!("{}#{}", file.relative, unreadable.name),
                    reason: unreadable.reason,
                }),
            }
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

/// A PDF's extraction, from the cache when the settings name one (rendering and OCR
/// are what make extraction slow; emails and text files are not worth a cache entry).
pub fn extract_pdf(bytes: &[u8], settings: &Settings) -> Result<Extracted, ExtractError> {
    match &settings.cache_dir {
        Some(dir) => {
            static ENGINE: OnceLock<String> = OnceLock::new();
            let engine = ENGINE.get_or_init(|| {
                format!(
                    "{}, extractor {}",
                    extract::page_ocr::engine(),
                    extract::pdf_extractor_fingerprint()
                )
            });
            Cache::new(dir, engine.as_str()).get_or_extract(bytes, extract::pdf::extract_pdf)
        }
        None => extract::pdf::extract_pdf(bytes),
    }
}

fn process_unit(result: &mut FileResult, unit: Unit, format: &Format, settings: &Settings) {
    let (kind, extracted) = match format {
        Format::Pdf => (Kind::Pdf, extract_pdf(&unit.bytes, settings)),
        Format::Eml => (Kind::Email, extract::email::extract_email(&unit.bytes)),
        Format::Text => (Kind::Text, extract::text::extract_text(&unit.bytes)),
        Format::Damaged(reason) => {
            result.failed.push(Problem {
                source: unit.source,
                reason: reason.clone(),
            });
            return;
        }
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
    // Attachments first, so that the email lists only those that became documents: a
    // link to an attachment that could not be read would point at a page never written.
    let mut carried = FileResult::default();
    let mut attachment_ids = Vec::new();
    for attachment in &extracted.attachments {
        let extension = attachment
            .name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let head = &attachment.bytes[..attachment.bytes.len().min(4096)];
        let child_format = input::detect_bytes(head, &extension);
        let child_id = content_id(&attachment.bytes);
        let source = format!("{}#{}", unit.source, attachment.name);
        let child = Unit::embedded(source, attachment.clone(), Some(id.clone()));
        process_unit(&mut carried, child, &child_format, settings);
        let built = carried.documents.iter().any(|b| b.document.id == child_id);
        if built && !attachment_ids.contains(&child_id) {
            attachment_ids.push(child_id);
        }
    }
    result
        .notices
        .extend(extracted.notes.iter().map(|note| Problem {
            source: unit.source.clone(),
            reason: note.clone(),
        }));
    let document = document::build_record(id, kind, &unit, extracted, attachment_ids, settings);
    result.documents.push(Built {
        document,
        original: unit.original,
    });
    result.documents.extend(carried.documents);
    result.failed.extend(carried.failed);
    result.skipped.extend(carried.skipped);
    result.notices.extend(carried.notices);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_pdf::one_page;
    use crate::model::{anchor_index, RedactionField, MARKER};

    /// A page as a release prints it: an OCR text layer (invisible text) with junk where
    /// a grey box with a white `5.1.2e` covers a name, and a black box with no code on a
    /// line of its own.
    fn redacted_letter() -> Vec<u8> {
        one_page(
            400.0,
            200.0,
            // `EXECS [EE]` runs from 68.4 to 123.9 points (Helvetica's widths).
            "BT 3 Tr /F1 10 Tf 40 150 Td (Beste EXECS [EE], dank voor uw bericht.) Tj ET \
             0.42 g 68 146 56.5 14 re f \
             1 g BT /F1 8 Tf 80 149.5 Td (5.1.2e) Tj ET \
             0 g 40 88 80 12 re f",
        )
    }

    #[test]
    fn boxes_on_the_page_are_the_redactions_in_the_text_where_they_were() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("brief.pdf"), redacted_letter()).unwrap();
        let extraction = extract_all(
            &[dir.path().to_path_buf()],
            &Settings::default(),
            &NoProgress,
        );
        assert!(extraction.failed.is_empty(), "{:?}", extraction.failed);
        let doc = &extraction.documents[0].document;
        assert_eq!(doc.text, "Beste █, dank voor uw bericht.\n\n█", "{doc:#?}");
        assert!(!doc.text.chars().any(|c| anchor_index(c).is_some()));
        let [grey, black] = doc.redactions.as_slice() else {
            panic!("two boxes: {:#?}", doc.redactions);
        };
        assert_eq!(grey.code.as_deref(), Some("5.1.2e"));
        assert_eq!(
            (grey.field, grey.page, grey.span),
            (RedactionField::Text, 1, Some((6, 7)))
        );
        let found = grey.image_box.expect("found on the image");
        let expected = [68.0, 40.0, 124.5, 54.0];
        for (got, want) in found.rect.0.iter().zip(expected) {
            assert!((got - want).abs() < 1.5, "{:?}", found.rect);
        }
        assert!(found.confidence.is_some(), "read: {found:?}");
        assert!((found.area / (56.5 * 14.0) - 1.0).abs() < 0.1, "{found:?}");
        assert_eq!(black.code, None);
        assert_eq!(black.span, Some((32, 33)));
        // About 791 + 960 square points of 80,000.
        let share = doc.blacked_out.as_ref().expect("a PDF has a share");
        assert!((share.share - 0.0219).abs() < 0.002, "{share:?}");
        let grounds: Vec<Option<&str>> = share.grounds.iter().map(|g| g.code.as_deref()).collect();
        assert_eq!(grounds, [Some("5.1.2e"), None]);
        assert_eq!(doc.pages[0].blacked_out.as_ref(), Some(share));
        assert_eq!(doc.text.chars().filter(|&c| c == MARKER).count(), 2);
    }
}
