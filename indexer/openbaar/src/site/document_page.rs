//! The page of one document: its front matter, from which `document.html` draws the head
//! of the page and the download, and the lists draw their rows. The text and the facts
//! come after `zola build` ([`super::document_text`], [`super::document_facts`]): the
//! front matter holds only what Zola needs to list and link the page.

use chrono::Datelike;
use serde::Serialize;

use super::dossier::DocumentLink;
use super::summary::summarise;
use super::{front_matter, one_line};
use crate::model::{Document, InventoryEntry, Kind};

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

/// What the templates need of a document besides its page: the lists (a row: title,
/// date, kind, pages, the original), the feed, the head of its page (description,
/// citation, download buttons, table of contents) and the notice of a withheld document.
/// The facts beside the text are rendered by openbaar ([`super::document_facts`]).
#[derive(Serialize)]
struct PageExtra<'a> {
    id: &'a str,
    kind: String,
    kind_label: &'static str,
    file_name: String,
    original: String,
    size_bytes: u64,
    page_count: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    doc_type: Option<String>,
    /// The first sender without its redacted parts, for a citation.
    from_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    inventory: Option<InventoryEntry>,
    /// When it was made public, `YYYY-MM-DD`: the latest date of its folder's decisions
    /// (its own, for a decision); none when no decision there is dated. The Atom feed
    /// dates its entry by it.
    #[serde(skip_serializing_if = "Option::is_none")]
    released: Option<String>,
    /// Events found in the text (the table of contents links to them).
    event_count: usize,
    /// Messages in the text (0 for anything but an email).
    message_count: usize,
    /// Whether the page has a text section (pages or messages).
    has_text: bool,
    /// The redaction boxes counted ([`super::summary`]).
    redactions: RedactionTotal,
}

#[derive(Serialize)]
struct RedactionTotal {
    total: usize,
}

pub(super) fn page_file(
    doc: &Document,
    weight: usize,
    original: &str,
    released_with: &[DocumentLink],
) -> String {
    let [gronden, soort, organisatie, persoon, jaar, draad] = taxonomy_terms(doc);
    let front = PageFrontMatter {
        title: one_line(&doc.title),
        date: doc.date.map(|d| d.to_string()),
        weight,
        taxonomies: Taxonomies {
            gronden,
            soort,
            organisatie,
            persoon,
            jaar,
            draad,
        },
        extra: PageExtra {
            id: &doc.id,
            kind: doc.kind.name().to_string(),
            kind_label: doc.kind.label_nl(),
            file_name: one_line(&doc.file_name),
            original: original.to_string(),
            size_bytes: doc.size_bytes,
            page_count: doc.page_count,
            doc_type: doc.doc_type.map(|t| t.label().to_string()),
            from_text: super::document_facts::sender_text(doc),
            // For the notice of a withheld document; the facts of the others list it.
            inventory: doc
                .inventory
                .clone()
                .filter(|_| doc.kind == Kind::Withheld)
                .map(|mut entry| {
                    entry.title = entry.title.as_deref().map(one_line);
                    entry.notes = entry.notes.iter().map(|n| one_line(n)).collect();
                    entry
                }),
            released: release_date(doc, released_with),
            event_count: doc.events.len(),
            message_count: doc.messages.len(),
            has_text: !doc.messages.is_empty() || !doc.pages.is_empty(),
            redactions: RedactionTotal {
                total: summarise([doc]).total,
            },
        },
    };
    front_matter(&front)
}

/// A document's terms per taxonomy, in the order of [`super::document_facts::TAXONOMIES`]
/// and as its front matter lists them.
pub(super) fn taxonomy_terms(doc: &Document) -> [Vec<String>; 6] {
    let lines = |values: &[String]| values.iter().map(|v| one_line(v)).collect();
    [
        ground_codes_for_site(doc),
        doc.doc_type.iter().map(|t| t.label().to_string()).collect(),
        lines(&doc.organisations),
        {
            let mut names: Vec<String> = doc.people.iter().map(|p| one_line(&p.name)).collect();
            names.sort();
            names.dedup();
            names
        },
        doc.date
            .iter()
            .map(|d| format!("{:04}", d.year()))
            .collect(),
        doc.thread.iter().map(|t| one_line(t)).collect(),
    ]
}

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

/// The grounds a document is listed under: found in it, or given by the inventory
/// for a withheld document.
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
        let page = page_file(
            &doc,
            1,
            "",
            &[
                decision("a", Some("2024-02-01")),
                decision("b", None),
                decision("c", Some("2024-05-30")),
            ],
        );
        assert!(page.contains("released = \"2024-05-30\""), "{page}");
        let undated = page_file(&doc, 1, "", &[decision("b", None)]);
        assert!(!undated.contains("released ="), "{undated}");
        let mut later = Document::for_test("w", "woo1/brief.pdf");
        later.date = chrono::NaiveDate::from_ymd_opt(2024, 6, 1);
        let page = page_file(&later, 1, "", &[decision("a", Some("2024-05-30"))]);
        assert!(
            !page.contains("released ="),
            "written after the decision: {page}"
        );
    }
}
