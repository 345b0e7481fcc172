//! Inventory lists applied to the extracted documents: rows attached to their files,
//! withheld documents added, and where list and documents differ.

use crate::config::Settings;
use crate::extract::inventory::ListedRow;
use crate::facts::messages::thread_key;
use crate::facts::redact::listed_grounds;
use crate::facts::title::title_from_file_name;
use crate::model::{
    content_id, Built, DateSource, Disagreement, DocType, Document, Extraction, InventoryCheck,
    InventoryEntry, Kind, Original, Problem,
};

/// An inventory row as the record holds it: the grounds column read into codes.
pub(super) fn entry(row: ListedRow, list: &str) -> InventoryEntry {
    let (grounds, notes) = listed_grounds(row.grounds.as_deref().unwrap_or(""));
    InventoryEntry {
        id: row.id,
        title: row.title,
        date: row.date,
        judgement: row.judgement,
        grounds,
        notes,
        thread_id: row.thread_id,
        file_type: row.file_type,
        list: list.to_string(),
    }
}

/// An ID shorter than this is found only as a whole file name: `2` is in
/// `bijlage-2-bij-besluit.txt` by chance, `183586` in `VWS-WOO-183586-RE_….pdf` is not.
const MIN_ID_INSIDE_NAME: usize = 4;

/// The inventory row of a file: its stem equals the row's ID, or its name carries a
/// long enough ID between separators (`VWS-WOO-183586-RE_….pdf`).
fn matches_file(entry: &InventoryEntry, file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    if stem == entry.id {
        return true;
    }
    entry.id.chars().count() >= MIN_ID_INSIDE_NAME
        && file_name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|part| part == entry.id)
}

/// Attaches the rows of an inventory list to the documents of its folder, adds the
/// withheld documents it names, and notes where list and documents disagree.
pub(super) fn apply_inventory(
    extraction: &mut Extraction,
    list: &str,
    entries: Vec<InventoryEntry>,
    settings: &Settings,
) {
    let mut without_page = Vec::new();
    let mut withheld_pages = extraction
        .records()
        .filter(|d| d.kind == Kind::Withheld)
        .count();
    let folder = list
        .rsplit_once('/')
        .map(|(dir, _)| format!("{dir}/"))
        .unwrap_or_default();
    for entry in entries {
        let matched = extraction.documents.iter_mut().find(|b| {
            let doc = &b.document;
            doc.parent.is_none()
                && doc.source.starts_with(&folder)
                && matches_file(&entry, &doc.file_name)
        });
        match matched {
            Some(built) => {
                let doc = &mut built.document;
                extraction.checks.push(InventoryCheck {
                    source: doc.source.clone(),
                    date: (doc.date, entry.date),
                    email: (
                        doc.doc_type == Some(DocType::Email),
                        entry.listed_as_email(),
                    ),
                    subject: (
                        doc.subject.as_deref().map(thread_key),
                        entry.title.as_deref().map(thread_key),
                    ),
                });
                // The list's date beats a PDF's export date, not a date the document states.
                if doc.date.is_none() || doc.date_source == Some(DateSource::PdfMetadata) {
                    if let Some(date) = entry.date {
                        doc.date = Some(date);
                        doc.date_source = Some(DateSource::Inventory);
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
            None => {
                if withheld_pages < settings.max_withheld_pages {
                    extraction.documents.push(withheld(list, entry));
                    withheld_pages += 1;
                } else {
                    without_page.push(entry.id);
                }
            }
        }
    }
    if let (Some(first), Some(last)) = (without_page.first(), without_page.last()) {
        extraction.notices.push(Problem {
            source: list.to_string(),
            reason: format!(
                "{} withheld documents (rows {first} to {last} without a file) got no page of their own: more than max_withheld_pages ({}) in config.toml",
                without_page.len(),
                settings.max_withheld_pages
            ),
        });
    }
}

fn withheld(list: &str, entry: InventoryEntry) -> Built {
    let source = format!("{list}#{}", entry.id);
    let title = entry
        .title
        .as_deref()
        .map(title_from_file_name)
        .unwrap_or_else(|| format!("Document {}", entry.id));
    Built {
        document: Document {
            date: entry.date,
            date_source: entry.date.map(|_| DateSource::Inventory),
            inventory: Some(entry),
            ..Document::without_facts(
                content_id(source.as_bytes()),
                source,
                String::new(),
                Kind::Withheld,
                title,
            )
        },
        original: Original::Withheld,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, grounds: &str) -> ListedRow {
        ListedRow {
            id: id.into(),
            title: None,
            date: None,
            judgement: None,
            grounds: Some(grounds.into()),
            thread_id: None,
            file_type: None,
        }
    }

    #[test]
    fn rows_become_entries_with_their_grounds_read() {
        let e = entry(
            row("171137", "5.1.2e; buiten verzoek"),
            "woo1/inventory.xlsx",
        );
        assert_eq!(e.grounds, ["5.1.2e"]);
        assert_eq!(e.notes, ["buiten verzoek"]);
        assert_eq!(e.list, "woo1/inventory.xlsx");
    }

    #[test]
    fn withheld_pages_stop_at_the_limit_and_the_rest_is_said() {
        let mut extraction = Extraction::default();
        let settings = Settings {
            max_withheld_pages: 2,
            ..Settings::default()
        };
        let entries = (1..=5)
            .map(|n| entry(row(&format!("R{n:03}"), ""), "lijst/inventory.csv"))
            .collect();
        apply_inventory(&mut extraction, "lijst/inventory.csv", entries, &settings);
        assert_eq!(extraction.documents.len(), 2);
        assert_eq!(extraction.notices.len(), 1);
        assert!(
            extraction.notices[0]
                .reason
                .starts_with("3 withheld documents (rows R003 to R005"),
            "{:?}",
            extraction.notices
        );
    }

    #[test]
    fn files_match_by_id() {
        let e = entry(row("171137", ""), "x");
        assert!(matches_file(&e, "171137.pdf"));
        assert!(matches_file(&e, "VWS-WOO-171137-FW_Offerteaanvraag.pdf"));
        assert!(!matches_file(&e, "1711370.pdf"));
        let short = entry(row("2", ""), "x");
        assert!(matches_file(&short, "2.txt"));
        assert!(!matches_file(&short, "bijlage-2-bij-besluit.txt"));
    }
}
