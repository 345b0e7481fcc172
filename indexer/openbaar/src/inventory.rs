//! Inventory lists (`inventarislijst`, `inventory.xlsx` or `.csv`): per document of a
//! release its ID, title, date, judgement, refusal grounds and email thread. Rows are
//! matched to the files of the same folder by ID; rows without a file are documents
//! that were withheld, and become entries of the archive too.

use std::path::Path;

use calamine::{open_workbook_auto, Reader};
use serde::{Deserialize, Serialize};

use crate::redact::redact_paragraph;

/// One row of an inventory list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InventoryEntry {
    /// The document ID in the list (often the file name without extension).
    pub id: String,
    /// The title or file name given in the list.
    pub title: Option<String>,
    /// The date in the list, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `Openbaar`, `Deels Openbaar`, `Niet Openbaar` or `Reeds Openbaar`, as listed.
    pub judgement: Option<String>,
    /// Normalised refusal grounds listed for it.
    pub grounds: Vec<String>,
    /// Other words in the grounds column (`buiten verzoek`).
    pub notes: Vec<String>,
    /// The email thread ID, when the list has one.
    pub thread_id: Option<String>,
    /// The file type the list names.
    pub file_type: Option<String>,
    /// The inventory file this row came from, as an archive path.
    pub list: String,
}

/// True for file names that hold an inventory list.
pub fn is_inventory_name(file_name: &str) -> bool {
    let lower = file_name.to_lowercase();
    let spreadsheet = lower.ends_with(".xlsx")
        || lower.ends_with(".xls")
        || lower.ends_with(".csv")
        || lower.ends_with(".ods");
    spreadsheet && (lower.contains("inventaris") || lower.contains("inventory"))
}

/// Reads an inventory list from disk; `list` is its archive path.
pub fn read(path: &Path, list: &str) -> Result<Vec<InventoryEntry>, String> {
    let rows = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        read_csv(path)?
    } else {
        read_spreadsheet(path)?
    };
    Ok(parse_rows(&rows, list))
}

fn read_spreadsheet(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let mut workbook = open_workbook_auto(path).map_err(|e| e.to_string())?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheets")?
        .map_err(|e| e.to_string())?;
    Ok(range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| cell.to_string().trim().to_string())
                .collect()
        })
        .collect())
}

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    // Dutch spreadsheets export with `;`; others with `,`.
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if first_line.iter().filter(|b| **b == b';').count()
        > first_line.iter().filter(|b| **b == b',').count()
    {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes.as_slice());
    reader
        .records()
        .map(|r| {
            r.map(|record| record.iter().map(|c| c.trim().to_string()).collect())
                .map_err(|e| e.to_string())
        })
        .collect()
}

/// Which column holds what, found from the header row.
#[derive(Debug, Default)]
struct Columns {
    id: Option<usize>,
    title: Option<usize>,
    date: Option<usize>,
    judgement: Option<usize>,
    grounds: Option<usize>,
    thread: Option<usize>,
    file_type: Option<usize>,
}

fn columns(header: &[String]) -> Columns {
    let mut columns = Columns::default();
    for (i, name) in header.iter().enumerate() {
        let name = name.to_lowercase();
        let set = |slot: &mut Option<usize>| {
            if slot.is_none() {
                *slot = Some(i);
            }
        };
        if name.contains("thread") {
            set(&mut columns.thread);
        } else if name.contains("grond") || name.contains("ground") {
            set(&mut columns.grounds);
        } else if name.contains("beoordeling")
            || name.contains("oordeel")
            || name.contains("besluit")
        {
            set(&mut columns.judgement);
        } else if name.contains("datum") || name == "date" {
            set(&mut columns.date);
        } else if name.contains("file type") || name.contains("bestandstype") {
            set(&mut columns.file_type);
        } else if name == "id"
            || name.contains("documentnummer")
            || name == "document id"
            || name == "nr"
            || name == "nummer"
        {
            set(&mut columns.id);
        } else if name.contains("document") || name.contains("titel") || name.contains("naam") {
            set(&mut columns.title);
        }
    }
    columns
}

fn parse_rows(rows: &[Vec<String>], list: &str) -> Vec<InventoryEntry> {
    // The header is the first row that names an ID column.
    let Some(header_at) = rows.iter().position(|r| columns(r).id.is_some()) else {
        return Vec::new();
    };
    let cols = columns(&rows[header_at]);
    let cell = |row: &[String], col: Option<usize>| {
        col.and_then(|c| row.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    rows[header_at + 1..]
        .iter()
        .filter_map(|row| {
            let id = cell(row, cols.id)?;
            let (grounds, notes) = split_grounds(cell(row, cols.grounds).as_deref().unwrap_or(""));
            Some(InventoryEntry {
                id,
                title: cell(row, cols.title),
                date: cell(row, cols.date).and_then(|d| listed_date(&d)),
                judgement: cell(row, cols.judgement),
                grounds,
                notes,
                thread_id: cell(row, cols.thread),
                file_type: cell(row, cols.file_type),
                list: list.to_string(),
            })
        })
        .collect()
}

/// `5.1.2e; 5.1.5; buiten verzoek` → (`[5.1.2e, 5.1.5]`, `[buiten verzoek]`), read with
/// the same detector as the documents so spellings are normalised the same way.
fn split_grounds(cell: &str) -> (Vec<String>, Vec<String>) {
    let mut grounds = Vec::new();
    let mut notes = Vec::new();
    for part in cell
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = redact_paragraph(part).found;
        let codes: Vec<String> = found
            .iter()
            .flat_map(|f| f.codes.iter().map(|c| c.to_string()))
            .collect();
        if codes.is_empty() {
            notes.push(part.to_string());
        }
        for code in codes {
            if !grounds.contains(&code) {
                grounds.push(code);
            }
        }
    }
    (grounds, notes)
}

/// Dates as inventory exports write them: `11/2/2020 9:23 AM UTC` (month first),
/// `2020-11-02`, `02-11-2020` (day first).
pub fn listed_date(raw: &str) -> Option<String> {
    let date = raw.split_whitespace().next()?;
    let valid = |y: u32, m: u32, d: u32| {
        ((1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"))
    };
    if let [y, m, d] = date.split('-').collect::<Vec<_>>()[..] {
        if y.len() == 4 {
            return valid(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        }
        return valid(d.parse().ok()?, m.parse().ok()?, y.parse().ok()?);
    }
    if let [m, d, y] = date.split('/').collect::<Vec<_>>()[..] {
        return valid(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    }
    None
}

/// The inventory row of a file: its stem equals the row's ID, or its name carries the
/// ID between separators (`VWS-WOO-183586-RE_….pdf`).
pub fn matches_file(entry: &InventoryEntry, file_name: &str) -> bool {
    let stem = file_name.split('.').next().unwrap_or(file_name);
    if stem == entry.id {
        return true;
    }
    file_name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| part == entry.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Vec<Vec<String>> {
        [
            vec![
                "ID",
                "Matter",
                "Email Thread ID",
                "01 Document",
                "File Type",
                "06 Datum",
                "02 Beoordeling",
                "03 Beoordelingsgrond",
            ],
            vec![
                "171137",
                "55",
                "",
                "FW_ Offerteaanvraag.pdf",
                "PDF",
                "11/2/2020 9:26 AM UTC",
                "Deels Openbaar",
                "5.1.2e; 5.1.2i",
            ],
            vec![
                "173757",
                "55",
                "31159",
                "Aantekeningen overleg.docx",
                "Word Processing",
                "9/7/2020 12:21 PM UTC",
                "Deels Openbaar",
                "5.1.2e; buiten verzoek",
            ],
            vec![
                "172684",
                "55",
                "",
                "Oplegnotitie.docx",
                "Word Processing",
                "9/9/2020 11:55 AM UTC",
                "Openbaar",
                "",
            ],
        ]
        .iter()
        .map(|r| r.iter().map(|s| s.to_string()).collect())
        .collect()
    }

    #[test]
    fn rows_become_entries() {
        let entries = parse_rows(&table(), "woo1/inventory.xlsx");
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].grounds, vec!["5.1.2e", "5.1.2i"]);
        assert_eq!(entries[0].date.as_deref(), Some("2020-11-02"));
        assert_eq!(entries[0].judgement.as_deref(), Some("Deels Openbaar"));
        assert_eq!(entries[0].title.as_deref(), Some("FW_ Offerteaanvraag.pdf"));
        assert_eq!(entries[1].notes, vec!["buiten verzoek"]);
        assert_eq!(entries[1].thread_id.as_deref(), Some("31159"));
        assert!(entries[2].grounds.is_empty());
    }

    #[test]
    fn files_match_by_id() {
        let entry = &parse_rows(&table(), "x")[0];
        assert!(matches_file(entry, "171137.pdf"));
        assert!(matches_file(entry, "VWS-WOO-171137-FW_Offerteaanvraag.pdf"));
        assert!(!matches_file(entry, "1711370.pdf"));
    }

    #[test]
    fn inventory_names_and_dates() {
        assert!(is_inventory_name("inventory.xlsx"));
        assert!(is_inventory_name("Inventarislijst besluit.csv"));
        assert!(!is_inventory_name("inventory.pdf"));
        assert_eq!(listed_date("02-11-2020").as_deref(), Some("2020-11-02"));
        assert_eq!(listed_date("2020-11-02").as_deref(), Some("2020-11-02"));
        assert_eq!(listed_date("13/45/2020"), None);
    }
}
