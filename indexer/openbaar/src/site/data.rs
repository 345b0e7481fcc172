//! The records as data to take away, written beside the pages: JSON Lines (one record a
//! line, exactly as `openbaar extract --json` prints them) and CSV (one row a document:
//! its facts without the text, which a spreadsheet cell cannot hold), for the whole
//! archive (`/documenten/documenten.jsonl`, `.csv`) and per document
//! (`/documenten/<id>/gegevens-<id>.jsonl`, `.csv`). Beside them, the list of the
//! originals (`/documenten/originelen.json`), which the search page reads to put the
//! originals of a search in a ZIP.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::Document;

/// The archive-wide files, in the documents section.
pub const ARCHIVE_FILES: (&str, &str) = ("documenten.jsonl", "documenten.csv");

/// The file names of a document's own records: named after its id, so that no original
/// beside them can take the name.
pub fn document_files(id: &str) -> (String, String) {
    (format!("gegevens-{id}.jsonl"), format!("gegevens-{id}.csv"))
}

/// The list of originals, in the documents section.
pub const ORIGINALS_FILE: &str = "originelen.json";

/// Where a document's original is on the site, for the list of originals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OriginalFile {
    /// The address of the copy beside the page, relative to the documents section
    /// (`<id>/<safe file name>`).
    pub url: String,
    /// The file's name in the archive, accents and all: the name it gets in a ZIP.
    pub name: String,
    /// The size of the copy in bytes, so that a ZIP can be capped before fetching.
    pub bytes: u64,
}

/// The list of originals as one JSON object, document id → [`OriginalFile`]. Withheld
/// documents have no original and are not in it. A row is about 150 bytes: the file is
/// fetched only when someone asks for a ZIP.
pub fn originals(files: &BTreeMap<String, OriginalFile>) -> Vec<u8> {
    serde_json::to_vec(files).expect("the list of originals serialises")
}

/// The records as JSON Lines.
pub fn jsonl(documents: &[&Document]) -> Vec<u8> {
    let mut out = Vec::new();
    for doc in documents {
        serde_json::to_writer(&mut out, doc).expect("a record serialises");
        out.push(b'\n');
    }
    out
}

/// The columns of the CSV.
const COLUMNS: &[&str] = &[
    "id",
    "titel",
    "datum",
    "bron_datum",
    "soort",
    "type",
    "van",
    "aan",
    "cc",
    "onderwerp",
    "weggelakte_vakken",
    "gronden",
    "weggelakt_aandeel",
    "weggelakt_per_grond",
    "organisaties",
    "personen",
    "draad",
    "zelfde_bericht",
    "bijlage_bij",
    "paginas",
    "bytes",
    "bestand",
    "pad",
];

/// One row a document: the facts, lists joined by `; `, every cell safe to open in a
/// spreadsheet (see [`csv_cell`]).
pub fn csv(documents: &[&Document]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for doc in documents {
        let list = |values: &[String]| values.join("; ");
        let people: Vec<String> = doc.people.iter().map(|p| p.name.clone()).collect();
        let row = [
            doc.id.clone(),
            doc.title.clone(),
            doc.date.map(|d| d.to_string()).unwrap_or_default(),
            doc.date_source
                .map(|s| s.name().to_string())
                .unwrap_or_default(),
            doc.kind.name().to_string(),
            doc.doc_type
                .map(|t| t.label().to_string())
                .unwrap_or_default(),
            doc.from.clone().unwrap_or_default(),
            list(&doc.to),
            list(&doc.cc),
            doc.subject.clone().unwrap_or_default(),
            doc.redactions.len().to_string(),
            list(&doc.ground_codes()),
            doc.blacked_out
                .as_ref()
                .map(|b| b.share.to_string())
                .unwrap_or_default(),
            doc.blacked_out
                .as_ref()
                .map(|b| {
                    let shares: Vec<String> = b
                        .grounds
                        .iter()
                        .map(|g| {
                            let code = g.code.as_deref().unwrap_or("zonder grond");
                            format!("{code} {}", g.share)
                        })
                        .collect();
                    list(&shares)
                })
                .unwrap_or_default(),
            list(&doc.organisations),
            list(&people),
            doc.thread.clone().unwrap_or_default(),
            list(&doc.same_message),
            doc.parent.clone().unwrap_or_default(),
            doc.page_count.to_string(),
            doc.size_bytes.to_string(),
            doc.file_name.clone(),
            doc.source.clone(),
        ];
        writer.write_record(row.iter().map(|cell| csv_cell(cell)))?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// A cell as text a spreadsheet shows and never runs: control characters become spaces,
/// and a cell that would start a formula (`=`, `+`, `-`, `@`, also full-width) gets a `'`.
pub fn csv_cell(text: &str) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.starts_with([
        '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
    ]) {
        format!("'{clean}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_defused_and_control_characters_dropped() {
        assert_eq!(csv_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_cell("\u{FF1D}1+1"), "'\u{FF1D}1+1");
        assert_eq!(csv_cell("a\nb"), "a b");
        assert_eq!(csv_cell("Brief"), "Brief");
    }

    #[test]
    fn a_document_is_one_json_line_and_one_csv_row() {
        let mut doc = Document::for_test("abc", "map/x.pdf");
        doc.title = "=cmd|' /C calc'!A0".into();
        doc.date = chrono::NaiveDate::from_ymd_opt(2025, 3, 26);
        doc.to = vec!["a@b.nl".into(), "c@d.nl".into()];
        doc.page_count = 2;
        doc.text = "regel 1\nregel 2".into();
        let lines = jsonl(&[&doc, &doc]);
        let text = String::from_utf8(lines).unwrap();
        assert_eq!(text.lines().count(), 2);
        let back: Document = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        assert_eq!(back, doc);
        let table = String::from_utf8(csv(&[&doc]).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(table.as_bytes());
        assert_eq!(reader.headers().unwrap().len(), COLUMNS.len());
        let row = reader.records().next().unwrap().unwrap();
        assert_eq!(&row[1], "'=cmd|' /C calc'!A0");
        assert_eq!(&row[2], "2025-03-26");
        assert_eq!(&row[7], "a@b.nl; c@d.nl");
        assert_eq!(
            (&row[12], &row[13]),
            ("", ""),
            "no share for a record without one"
        );
        doc.blacked_out = Some(crate::model::BlackedOut {
            share: 0.25,
            grounds: vec![
                crate::model::GroundShare {
                    code: Some("5.1.2e".into()),
                    share: 0.2,
                },
                crate::model::GroundShare {
                    code: None,
                    share: 0.05,
                },
            ],
        });
        let table = String::from_utf8(csv(&[&doc]).unwrap()).unwrap();
        let row = csv::Reader::from_reader(table.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(&row[12], "0.25");
        assert_eq!(&row[13], "5.1.2e 0.2; zonder grond 0.05");
    }

    #[test]
    fn the_list_of_originals_maps_ids_to_address_name_and_size() {
        let mut files = BTreeMap::new();
        files.insert(
            "abc".to_string(),
            OriginalFile {
                url: "abc/een.pdf".to_string(),
                name: "één.pdf".to_string(),
                bytes: 10,
            },
        );
        let back: serde_json::Value = serde_json::from_slice(&originals(&files)).unwrap();
        assert_eq!(
            back,
            serde_json::json!({"abc": {"url": "abc/een.pdf", "name": "één.pdf", "bytes": 10}})
        );
    }
}
