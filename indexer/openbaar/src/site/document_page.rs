//! The page of one document: its front matter, from which `document.html` draws the
//! facts and the download. The text comes after `zola build` ([`super::document_text`]);
//! the front matter says only how many messages it holds.

use std::collections::HashMap;

use chrono::Datelike;
use serde::Serialize;

use super::dossier::DocumentLink;
use super::segments::{header_out, segments_html, Segment};
use super::summary::{summarise, RedactionSummary};
use super::{front_matter, one_line};
use crate::model::{Document, InventoryEntry, Person, RedactionField};

#[derive(Serialize)]
struct PageFrontMatter<'a> {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    weight: usize,
    taxonomies: Taxonomies,
    extra: PageExtra<'a>,
}

#[derive(Serialize)]
struct Taxonomies {
    gronden: Vec<String>,
    soort: Vec<String>,
    organisatie: Vec<String>,
    persoon: Vec<String>,
    jaar: Vec<String>,
    draad: Vec<String>,
}

#[derive(Serialize)]
struct EventOut {
    date: String,
    label: String,
    sentence: String,
    resolved: bool,
}

#[derive(Serialize)]
struct Link {
    id: String,
    title: String,
}

#[derive(Serialize)]
struct PageExtra<'a> {
    id: &'a str,
    kind: String,
    kind_label: &'static str,
    source: String,
    file_name: String,
    original: String,
    size_bytes: u64,
    page_count: u32,
    scanned_pages: usize,
    ocr_pages: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_source: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_type: Option<String>,
    /// Header values as HTML (escaped text and redaction bars).
    from: Vec<String>,
    /// The first sender without its redacted parts, for a citation.
    from_text: String,
    to: Vec<String>,
    cc: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent: Option<Link>,
    attachments: Vec<Link>,
    duplicates: Vec<String>,
    /// The same message in another format (an email and its printed PDF).
    same_message: Vec<Link>,
    /// The decisions of its folder, with which it was made public.
    released_with: Vec<DocumentLink>,
    /// When it was made public, `YYYY-MM-DD`: the latest date of its folder's decisions
    /// (its own, for a decision); none when no decision there is dated. The Atom feed
    /// dates its entry by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    inventory: Option<InventoryEntry>,
    people: Vec<Person>,
    events: Vec<EventOut>,
    /// Messages in the text (0 for anything but an email).
    message_count: usize,
    /// Whether the page has a text section (pages or messages).
    has_text: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    thread_key: Option<String>,
    redactions: RedactionSummary,
    /// The pages with redactions, for links into the original.
    redaction_pages: Vec<u32>,
    /// The document's record as JSON Lines and as CSV, beside the page.
    data_files: (String, String),
    organisations: Vec<String>,
}

pub(super) fn page_file(
    doc: &Document,
    weight: usize,
    original: &str,
    titles: &HashMap<&str, &str>,
    released_with: &[DocumentLink],
) -> String {
    let link = |id: &String| Link {
        id: id.clone(),
        title: one_line(titles.get(id.as_str()).copied().unwrap_or(id)),
    };
    let lines = |values: &[String]| values.iter().map(|v| one_line(v)).collect();
    let html = |values: &[Vec<Segment>]| values.iter().map(|v| segments_html(v)).collect();
    let from = header_out(RedactionField::From, doc.from.as_slice(), doc);
    let front = PageFrontMatter {
        title: one_line(&doc.title),
        date: doc.date.map(|d| d.to_string()),
        weight,
        taxonomies: Taxonomies {
            gronden: ground_codes_for_site(doc),
            soort: doc.doc_type.iter().map(|t| t.label().to_string()).collect(),
            organisatie: lines(&doc.organisations),
            persoon: {
                let mut names: Vec<String> = doc.people.iter().map(|p| one_line(&p.name)).collect();
                names.sort();
                names.dedup();
                names
            },
            jaar: doc
                .date
                .iter()
                .map(|d| format!("{:04}", d.year()))
                .collect(),
            draad: doc.thread.iter().map(|t| one_line(t)).collect(),
        },
        extra: PageExtra {
            id: &doc.id,
            kind: doc.kind.name().to_string(),
            kind_label: doc.kind.label_nl(),
            source: one_line(&doc.source),
            file_name: one_line(&doc.file_name),
            original: original.to_string(),
            size_bytes: doc.size_bytes,
            page_count: doc.page_count,
            scanned_pages: doc.scanned_pages(),
            ocr_pages: doc.ocr_pages(),
            date_source: doc.date_source.map(|s| s.name()),
            doc_type: doc.doc_type.map(|t| t.label().to_string()),
            from_text: from
                .first()
                .map(|value| {
                    value
                        .iter()
                        .filter_map(|s| match s {
                            Segment::Text { text } => Some(text.as_str()),
                            Segment::Redaction { .. } => None,
                        })
                        .collect()
                })
                .unwrap_or_default(),
            from: html(&from),
            to: html(&header_out(RedactionField::To, &doc.to, doc)),
            cc: html(&header_out(RedactionField::Cc, &doc.cc, doc)),
            subject: doc.subject.as_deref().map(one_line),
            parent: doc.parent.as_ref().map(link),
            attachments: doc.attachments.iter().map(link).collect(),
            duplicates: lines(&doc.duplicates),
            same_message: doc.same_message.iter().map(link).collect(),
            released_with: released_with
                .iter()
                .filter(|d| d.id != doc.id)
                .cloned()
                .collect(),
            released: release_date(doc, released_with),
            inventory: doc.inventory.clone().map(|mut entry| {
                entry.title = entry.title.as_deref().map(one_line);
                entry.notes = lines(&entry.notes);
                entry
            }),
            people: doc
                .people
                .iter()
                .map(|p| Person {
                    name: one_line(&p.name),
                    function: p.function.as_deref().map(one_line),
                    role: p.role,
                })
                .collect(),
            events: doc
                .events
                .iter()
                .map(|e| EventOut {
                    label: e.date.label_nl(e.qualifier.as_deref()),
                    date: e.date.iso(),
                    sentence: one_line(&e.sentence),
                    resolved: e.resolved,
                })
                .collect(),
            message_count: doc.messages.len(),
            has_text: !doc.messages.is_empty() || !doc.pages.is_empty(),
            thread_key: doc.thread.as_deref().map(one_line),
            redactions: summarise([doc]),
            data_files: super::data::document_files(&doc.id),
            redaction_pages: {
                let mut pages: Vec<u32> = doc
                    .redactions
                    .iter()
                    .map(|r| r.page)
                    .filter(|&p| p > 0)
                    .collect();
                pages.sort_unstable();
                pages.dedup();
                pages
            },
            organisations: lines(&doc.organisations),
        },
    };
    front_matter(&front)
}

/// The grounds a document is listed under: found in it, or given by the inventory
/// for a withheld document.
/// When `doc` was made public: the latest date of the decisions of its folder. None when
/// none is dated, or when that date precedes the document's own (a document is not
/// released before it was written: the "decision" is then another document typed so,
/// or one of an earlier release).
fn release_date(doc: &Document, decisions: &[DocumentLink]) -> Option<String> {
    let latest = decisions.iter().filter_map(|d| d.date.clone()).max()?;
    match doc.date.map(|d| d.to_string()) {
        Some(own) if own > latest => None,
        _ => Some(latest),
    }
}

fn ground_codes_for_site(doc: &Document) -> Vec<String> {
    let mut codes = doc.ground_codes();
    if let Some(entry) = &doc.inventory {
        for code in &entry.grounds {
            if !codes.contains(code) {
                codes.push(code.clone());
            }
        }
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_is_released_on_the_latest_date_of_its_decisions() {
        let doc = Document::for_test("d", "woo1/brief.pdf");
        let decision = |id: &str, date: Option<&str>| DocumentLink {
            id: id.into(),
            title: "Besluit".into(),
            date: date.map(String::from),
        };
        let titles = HashMap::new();
        let page = page_file(
            &doc,
            1,
            "",
            &titles,
            &[
                decision("a", Some("2024-02-01")),
                decision("b", None),
                decision("c", Some("2024-05-30")),
            ],
        );
        assert!(page.contains("released = \"2024-05-30\""), "{page}");
        let undated = page_file(&doc, 1, "", &titles, &[decision("b", None)]);
        assert!(!undated.contains("released ="), "{undated}");
        let mut later = Document::for_test("w", "woo1/brief.pdf");
        later.date = chrono::NaiveDate::from_ymd_opt(2024, 6, 1);
        let page = page_file(&later, 1, "", &titles, &[decision("a", Some("2024-05-30"))]);
        assert!(
            !page.contains("released ="),
            "written after the decision: {page}"
        );
    }
}
