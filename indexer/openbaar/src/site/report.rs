//! The build report: what became of every file of the archive, so that nothing is lost
//! in silence. Written as `report.json` beside the site, for users to keep, and as the
//! page `/verantwoording/`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Extraction, Kind};

/// What became of one file (or one part of a file: an attachment, a message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Read and published as a document.
    Document,
    /// The same bytes as another file: published once, at the other's page.
    Duplicate,
    /// Read as the release's inventory list.
    Inventory,
    /// Should have been read, and could not be.
    Failed,
    /// Not read on purpose: an unsupported format, a hidden file, a link out.
    Skipped,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileOutcome {
    /// The archive path (`map/brief.pdf`, or `mail.eml#bijlage.pdf` for a part).
    pub source: String,
    /// What became of it.
    pub outcome: Outcome,
    /// The document it is or is part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// Why it failed or was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What had to be assumed to read it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// The report of a build.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BuildReport {
    /// The program and version that built it.
    pub generator: String,
    /// Published documents, withheld ones (known from an inventory list) included.
    pub documents: usize,
    /// How many files had each outcome.
    pub outcomes: BTreeMap<Outcome, usize>,
    /// Files read with a note.
    pub noted: usize,
    /// Pages whose text was read by OCR of the page image.
    pub ocr_pages: usize,
    /// Pages without usable text that could not be read (their files have a note that
    /// names them and says why).
    pub unread_pages: usize,
    /// Every file, by its archive path.
    pub files: Vec<FileOutcome>,
}

/// The report of `extraction`.
pub fn build_report(extraction: &Extraction) -> BuildReport {
    let mut files: Vec<FileOutcome> = Vec::new();
    let line = |source: &str, outcome, document: Option<&str>, reason: Option<&str>| FileOutcome {
        source: source.to_string(),
        outcome,
        document: document.map(str::to_string),
        reason: reason.map(str::to_string),
        notes: Vec::new(),
    };
    for doc in extraction.records().filter(|d| d.kind != Kind::Withheld) {
        files.push(line(&doc.source, Outcome::Document, Some(&doc.id), None));
        for copy in &doc.duplicates {
            files.push(line(copy, Outcome::Duplicate, Some(&doc.id), None));
        }
    }
    for (list, rows) in &extraction.inventory_lists {
        let reason = format!("{rows} rows");
        files.push(line(list, Outcome::Inventory, None, Some(&reason)));
    }
    for problem in &extraction.failed {
        files.push(line(
            &problem.source,
            Outcome::Failed,
            None,
            Some(&problem.reason),
        ));
    }
    for problem in &extraction.skipped {
        files.push(line(
            &problem.source,
            Outcome::Skipped,
            None,
            Some(&problem.reason),
        ));
    }
    for note in &extraction.notices {
        if let Some(file) = files.iter_mut().find(|f| f.source == note.source) {
            file.notes.push(note.reason.clone());
        }
    }
    files.sort_by(|a, b| a.source.cmp(&b.source).then(a.outcome.cmp(&b.outcome)));
    let mut outcomes = BTreeMap::new();
    for file in &files {
        *outcomes.entry(file.outcome).or_default() += 1;
    }
    BuildReport {
        generator: format!("openbaar {}", env!("CARGO_PKG_VERSION")),
        documents: extraction.documents.len(),
        noted: files.iter().filter(|f| !f.notes.is_empty()).count(),
        ocr_pages: extraction.records().map(|d| d.ocr_pages()).sum(),
        unread_pages: extraction.records().map(|d| d.scanned_pages()).sum(),
        outcomes,
        files,
    }
}

/// Where the report goes inside the built site.
pub const REPORT_PATH: &str = "report.json";

/// Writes `report.json` into the built site at `site_output`.
pub fn write_report_json(
    site_output: &std::path::Path,
    report: &BuildReport,
) -> std::io::Result<()> {
    let json = serde_json::to_vec_pretty(report).map_err(std::io::Error::other)?;
    std::fs::write(site_output.join(REPORT_PATH), json)
}

/// The front matter of `/verantwoording/`: the counts, and every file that was not
/// simply read (failed, skipped, or read with a note).
#[derive(Serialize)]
pub(super) struct ReportPage<'a> {
    title: &'static str,
    template: &'static str,
    extra: ReportExtra<'a>,
}

#[derive(Serialize)]
struct ReportExtra<'a> {
    generator: &'a str,
    documents: usize,
    outcomes: BTreeMap<String, usize>,
    noted: usize,
    ocr_pages: usize,
    unread_pages: usize,
    failed: Vec<&'a FileOutcome>,
    skipped: Vec<&'a FileOutcome>,
    with_notes: Vec<&'a FileOutcome>,
}

impl<'a> ReportPage<'a> {
    pub(super) fn new(report: &'a BuildReport) -> ReportPage<'a> {
        let of = |outcome| report.files.iter().filter(move |f| f.outcome == outcome);
        ReportPage {
            title: "Verantwoording",
            template: "report.html",
            extra: ReportExtra {
                generator: &report.generator,
                documents: report.documents,
                outcomes: report
                    .outcomes
                    .iter()
                    .map(|(o, n)| (format!("{o:?}").to_lowercase(), *n))
                    .collect(),
                noted: report.noted,
                ocr_pages: report.ocr_pages,
                unread_pages: report.unread_pages,
                failed: of(Outcome::Failed).collect(),
                skipped: of(Outcome::Skipped).collect(),
                with_notes: report
                    .files
                    .iter()
                    .filter(|f| !f.notes.is_empty())
                    .collect(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Problem;

    #[test]
    fn every_file_is_accounted_for_in_path_order() {
        let extraction = Extraction {
            failed: vec![Problem {
                source: "b/kapot.pdf".into(),
                reason: "cannot be read as PDF".into(),
            }],
            skipped: vec![Problem {
                source: "a/.verborgen".into(),
                reason: "a hidden file".into(),
            }],
            inventory_lists: vec![("a/inventory.xlsx".into(), 12)],
            ..Extraction::default()
        };
        let report = build_report(&extraction);
        let lines: Vec<(&str, Outcome)> = report
            .files
            .iter()
            .map(|f| (f.source.as_str(), f.outcome))
            .collect();
        assert_eq!(
            lines,
            [
                ("a/.verborgen", Outcome::Skipped),
                ("a/inventory.xlsx", Outcome::Inventory),
                ("b/kapot.pdf", Outcome::Failed)
            ]
        );
        assert_eq!(report.outcomes[&Outcome::Failed], 1);
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains("\"outcome\":\"failed\""), "{json}");
    }
}
