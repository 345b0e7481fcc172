//! Inventory lists (`inventarislijst`, `inventory.xlsx` or `.csv`): per document of a
//! release its ID, title, date, judgement, refusal grounds and email thread, read into
//! rows. The records step matches them to files and reads the grounds column.

use std::path::Path;

use calamine::{open_workbook_auto, Data, DataType, Reader, Sheets};
use chrono::NaiveDate;

/// The most a spreadsheet may decompress to. Inventory lists are small; a workbook
/// that inflates past this is a decompression bomb (its file size says nothing).
const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;

/// One row of an inventory list, its cells as the list gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct ListedRow {
    /// The document ID in the list (often the file name without extension).
    pub id: String,
    /// The title or file name given in the list.
    pub title: Option<String>,
    /// The date in the list.
    pub date: Option<NaiveDate>,
    /// `Openbaar`, `Deels Openbaar`, `Niet Openbaar` or `Reeds Openbaar`, as listed.
    pub judgement: Option<String>,
    /// The refusal grounds column as written (`5.1.2e; 5.1.5; buiten verzoek`).
    pub grounds: Option<String>,
    /// The email thread ID, when the list has one.
    pub thread_id: Option<String>,
    /// The file type the list names.
    pub file_type: Option<String>,
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

/// Reads the rows of an inventory list from disk.
pub fn read(path: &Path) -> Result<Vec<ListedRow>, String> {
    let rows = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        read_csv(path)?
    } else {
        read_spreadsheet(path)?
    };
    parse_rows(&rows)
}

/// The largest sheet read: a cell far down or far right (`XFD1048576`) must not make a
/// reader allocate the whole grid (calamine's dense range needed 412 GB for one cell at
/// row 2,147,483,647 and aborted the process; found by `scripts/fuzz`).
const MAX_ROWS: u32 = 1_000_000;
const MAX_COLUMNS: u32 = 256;

fn read_spreadsheet(path: &Path) -> Result<Vec<Vec<String>>, String> {
    check_unpacked_size(path, MAX_UNPACKED_BYTES)?;
    let mut workbook = open_workbook_auto(path).map_err(|e| e.to_string())?;
    if let Sheets::Xlsx(xlsx) = &mut workbook {
        return read_xlsx_cells(xlsx);
    }
    let range = workbook
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheets")?
        .map_err(|e| e.to_string())?;
    let (rows, columns) = range.get_size();
    if rows > MAX_ROWS as usize || columns > MAX_COLUMNS as usize {
        return Err(format!("its first sheet is {rows} rows by {columns} columns: too large to be an inventory list"));
    }
    Ok(range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect())
}

/// The first sheet of an xlsx, cell by cell: only the cells that are there take memory.
fn read_xlsx_cells<R: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<R>,
) -> Result<Vec<Vec<String>>, String> {
    let name = xlsx
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no sheets")?;
    let mut reader = xlsx
        .worksheet_cells_reader(&name)
        .map_err(|e| e.to_string())?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let (row, column) = cell.get_position();
        if row >= MAX_ROWS || column >= MAX_COLUMNS {
            return Err(format!(
                "it has a cell at row {} and column {}: too far out to be an inventory list",
                u64::from(row) + 1,
                u64::from(column) + 1
            ));
        }
        let (row, column) = (row as usize, column as usize);
        if rows.len() <= row {
            rows.resize_with(row + 1, Vec::new);
        }
        if rows[row].len() <= column {
            rows[row].resize(column + 1, String::new());
        }
        rows[row][column] = cell_text(&Data::from(cell.get_value().clone()));
    }
    Ok(rows)
}

/// A cell as text; a date cell (a number of days) as the day it means.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_date()
            .map(|day| day.to_string())
            .unwrap_or_else(|| cell.to_string()),
        _ => cell.to_string().trim().to_string(),
    }
}

/// Refuses a zip container (xlsx, ods) whose entries inflate to more than `limit`
/// bytes in all, by inflating them once without keeping anything: the sizes a zip
/// declares can lie. Files that are not zip containers (old .xls) pass.
fn check_unpacked_size(path: &Path, limit: u64) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let mut total = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| e.to_string())?;
        let budget = limit.saturating_sub(total) + 1;
        total += std::io::copy(
            &mut std::io::Read::take(entry, budget),
            &mut std::io::sink(),
        )
        .map_err(|e| format!("a part of the workbook cannot be unpacked: {e}"))?;
        if total > limit {
            return Err(format!(
                "it unpacks to more than {} MB (a decompression bomb?): not read",
                limit / (1024 * 1024)
            ));
        }
    }
    Ok(())
}

fn read_csv(path: &Path) -> Result<Vec<Vec<String>>, String> {
    let raw = std::fs::read(path).map_err(|e| e.to_string())?;
    // Exported by Excel on Windows, a CSV is often windows-1252.
    let (text, _) = super::text::decode(&raw);
    let bytes = text.into_bytes();
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

fn parse_rows(rows: &[Vec<String>]) -> Result<Vec<ListedRow>, String> {
    // The header is the first row that names an ID column.
    let Some(header_at) = rows.iter().position(|r| columns(r).id.is_some()) else {
        return Err(
            "no column of document IDs found (a header named ID, Documentnummer, Document ID, Nr or Nummer)"
                .into(),
        );
    };
    let cols = columns(&rows[header_at]);
    let cell = |row: &[String], col: Option<usize>| {
        col.and_then(|c| row.get(c))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(rows[header_at + 1..]
        .iter()
        .filter_map(|row| {
            Some(ListedRow {
                id: cell(row, cols.id)?,
                title: cell(row, cols.title),
                date: cell(row, cols.date).and_then(|d| listed_date(&d)),
                judgement: cell(row, cols.judgement),
                grounds: cell(row, cols.grounds),
                thread_id: cell(row, cols.thread),
                file_type: cell(row, cols.file_type),
            })
        })
        .collect())
}

/// Dates as inventory exports write them: `11/2/2020 9:23 AM UTC` (month first),
/// `2020-11-02`, `02-11-2020` (day first).
pub fn listed_date(raw: &str) -> Option<NaiveDate> {
    let date = raw.split_whitespace().next()?;
    let day = |y: &str, m: &str, d: &str| {
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
            .filter(|day| (1900..=2200).contains(&chrono::Datelike::year(day)))
    };
    if let [y, m, d] = date.split('-').collect::<Vec<_>>()[..] {
        if y.len() == 4 {
            return day(y, m, d);
        }
        return day(d, m, y);
    }
    if let [m, d, y] = date.split('/').collect::<Vec<_>>()[..] {
        return day(y, m, d);
    }
    None
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
    fn rows_are_read_under_their_header() {
        let rows = parse_rows(&table()).unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].grounds.as_deref(), Some("5.1.2e; 5.1.2i"));
        assert_eq!(
            rows[0].date.map(|d| d.to_string()).as_deref(),
            Some("2020-11-02")
        );
        assert_eq!(rows[0].judgement.as_deref(), Some("Deels Openbaar"));
        assert_eq!(rows[0].title.as_deref(), Some("FW_ Offerteaanvraag.pdf"));
        assert_eq!(rows[1].thread_id.as_deref(), Some("31159"));
        assert_eq!(rows[2].grounds, None);
    }

    #[test]
    fn a_list_without_an_id_column_is_an_error() {
        let rows = vec![vec!["Titel".to_string(), "Datum".to_string()]];
        assert!(parse_rows(&rows).unwrap_err().contains("IDs"));
    }

    #[test]
    fn a_cell_far_down_the_sheet_is_refused_not_allocated() {
        let finding = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../openbaar-fuzz/findings/inventory_read-far-cell.xlsx"
        );
        let err = read(Path::new(finding)).unwrap_err();
        assert!(err.contains("too far out"), "{err}");
    }

    #[test]
    fn a_zip_that_inflates_too_far_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("inventory.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        zip.start_file(
            "xl/worksheets/sheet1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        std::io::Write::write_all(&mut zip, &vec![b'a'; 3 * 1024 * 1024]).unwrap();
        zip.finish().unwrap();
        assert!(check_unpacked_size(&path, 1024 * 1024).is_err());
        assert!(check_unpacked_size(&path, 4 * 1024 * 1024).is_ok());
    }

    #[test]
    fn inventory_names_and_dates() {
        assert!(is_inventory_name("inventory.xlsx"));
        assert!(is_inventory_name("Inventarislijst besluit.csv"));
        assert!(!is_inventory_name("inventory.pdf"));
        let day = |raw: &str| listed_date(raw).map(|d| d.to_string());
        assert_eq!(day("02-11-2020").as_deref(), Some("2020-11-02"));
        assert_eq!(day("2020-11-02").as_deref(), Some("2020-11-02"));
        assert_eq!(day("11/2/2020 9:23 AM UTC").as_deref(), Some("2020-11-02"));
        assert_eq!(day("13/45/2020"), None);
        assert_eq!(day("31-02-2020"), None);
    }
}
