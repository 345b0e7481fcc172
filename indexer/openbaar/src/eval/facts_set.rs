//! The labelled document facts of the real releases (`tests/data/facts/<folder>/<pdf>.json`,
//! written from page images before the rules of issue 12 were tuned): loading every field,
//! and the split into the part rules may be tuned on and the part held out.
//!
//! Every field of a label file is read; an unknown field is an error, so a label the
//! evaluations would silently ignore cannot creep in.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// Where the labels live, relative to the repository root.
pub const LABELS_DIR: &str = "indexer/openbaar/tests/data/facts";

/// Where the labelled PDFs live, relative to the repository root.
pub const PDFS_DIR: &str = "../shared/realworld";

/// The part of the set a label belongs to; fixed by folder before labelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Split {
    /// Rules may be tuned on these.
    Tune,
    /// Never looked at while tuning; reported separately.
    Heldout,
}

impl Split {
    /// The two parts, in the order they are reported.
    pub const ALL: [Split; 2] = [Split::Tune, Split::Heldout];
}

impl fmt::Display for Split {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Split::Tune => "tuned",
            Split::Heldout => "held out",
        })
    }
}

/// One labelled PDF.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledDocument {
    /// The PDF, relative to the real-release folder (`woo1/171059.pdf`).
    pub file: String,
    /// Its part of the split.
    pub split: Split,
    /// How it was read (`page images at 110 dpi read by eye`).
    pub method: String,
    /// Whether it is a printed email.
    pub is_email: bool,
    /// The type a person would give it (`e-mail`, `nota`, `brief`, …).
    pub doc_type: String,
    /// What a person would call it: the newest subject, or the heading.
    pub title: String,
    /// Every header block of a printed thread, newest (top) first.
    pub messages: Vec<LabelledMessage>,
    /// Readable names of real persons.
    pub people: Vec<LabelledPerson>,
    /// Every organisation named on the page, once.
    pub organisations: Vec<LabelledOrganisation>,
    /// Email domains visible on the page.
    pub domains: Vec<String>,
    /// Dated facts in the bodies.
    pub events: Vec<LabelledEvent>,
    /// Dated lines that are not events (header lines, disclaimers, slogans, file names).
    pub not_events: Vec<String>,
    /// What was hard or ambiguous.
    pub note: String,
}

/// One printed message header block.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledMessage {
    /// The sender as printed (`[redacted]`, `[redacted]@rivm.nl`, a name).
    pub from: String,
    /// The recipients as printed.
    pub to: Vec<String>,
    /// The copy recipients as printed.
    pub cc: Vec<String>,
    /// The `Sent:`/`Verzonden:` value verbatim.
    pub sent_printed: String,
    /// The printed date, `YYYY-MM-DD`.
    pub date: String,
    /// The printed time, 24-hour `HH:MM`, without any zone conversion.
    pub time: String,
    /// The zone, only where the print names one.
    pub zone_printed: Option<String>,
    /// The subject, if printed.
    pub subject: Option<String>,
    /// The page (1-based) the header block starts on.
    pub page: u32,
}

/// A readable person.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledPerson {
    /// The name as a person reads it.
    pub name: String,
    /// The function the page gives, if any.
    pub function: Option<String>,
    /// How they appear: `sender`, `recipient`, `signature`, `salutation`, `text`, or
    /// several of these separated by `, `.
    pub how: String,
}

impl LabelledPerson {
    /// The ways the person appears, split.
    pub fn appearances(&self) -> impl Iterator<Item = &str> {
        self.how.split(',').map(str::trim).filter(|h| !h.is_empty())
    }
}

/// An organisation named on the page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledOrganisation {
    /// As written on the page (`VNG`, `Ministerie van VWS`).
    pub as_written: String,
    /// Its full name.
    pub name: String,
}

/// A dated fact in a body.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelledEvent {
    /// The resolved date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, as `precision` says.
    pub date: String,
    /// `day`, `month` or `year`.
    pub precision: String,
    /// The sentence that gives it.
    pub sentence: String,
    /// How the date was resolved.
    pub how: String,
}

/// Reads one label file.
pub fn load_file(path: &Path) -> Result<LabelledDocument, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads every `*.json` under `dir` (one folder level deep), sorted by file name.
/// Fails when the folder is missing or holds no labels: a set that is not there has
/// measured nothing.
pub fn load_dir(dir: &Path) -> Result<Vec<LabelledDocument>, String> {
    let mut paths: Vec<PathBuf> = Vec::new();
    let folders = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for folder in folders {
        let folder = folder
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .path();
        if !folder.is_dir() {
            continue;
        }
        let files = std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for file in files {
            let file = file
                .map_err(|e| format!("{}: {e}", folder.display()))?
                .path();
            if file.extension().is_some_and(|e| e == "json") {
                paths.push(file);
            }
        }
    }
    if paths.is_empty() {
        return Err(format!("{}: no label files", dir.display()));
    }
    paths.sort();
    paths.iter().map(|p| load_file(p)).collect()
}

/// Loads the labels from `repo_root`, and checks that the PDF of each exists under
/// the real-release folder beside the repository; returns each label with its PDF.
pub fn load_with_pdfs(repo_root: &Path) -> Result<Vec<(LabelledDocument, PathBuf)>, String> {
    let labels = load_dir(&repo_root.join(LABELS_DIR))?;
    let pdfs = repo_root.join(PDFS_DIR);
    labels
        .into_iter()
        .map(|label| {
            let pdf = pdfs.join(&label.file);
            if pdf.is_file() {
                Ok((label, pdf))
            } else {
                Err(format!(
                    "{} is absent: the labelled set needs the real releases beside the repository",
                    pdf.display()
                ))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const LABEL: &str = r#"{
      "file": "x1/a.pdf", "split": "heldout", "method": "by eye",
      "is_email": true, "doc_type": "e-mail", "title": "RE: Iets",
      "messages": [{"from": "[redacted]", "to": ["[redacted]@example.nl"], "cc": [],
        "sent_printed": "Fri 9/18/2020 1:01:29 PM", "date": "2020-09-18", "time": "13:01",
        "zone_printed": null, "subject": "RE: Iets", "page": 1}],
      "people": [{"name": "A. Jansen", "function": null, "how": "sender, signature"}],
      "organisations": [{"as_written": "VNG", "name": "Vereniging van Nederlandse Gemeenten"}],
      "domains": ["example.nl"],
      "events": [{"date": "2020-09", "precision": "month", "sentence": "In september.", "how": "printed"}],
      "not_events": ["Sent: Fri 9/18/2020"],
      "note": ""
    }"#;

    #[test]
    fn every_field_is_read() {
        let doc: LabelledDocument = serde_json::from_str(LABEL).unwrap();
        assert_eq!(doc.split, Split::Heldout);
        assert_eq!(doc.messages[0].time, "13:01");
        assert_eq!(doc.messages[0].to, ["[redacted]@example.nl"]);
        assert_eq!(
            doc.people[0].appearances().collect::<Vec<_>>(),
            ["sender", "signature"]
        );
        assert_eq!(doc.organisations[0].as_written, "VNG");
        assert_eq!(doc.events[0].precision, "month");
        assert_eq!(doc.not_events.len(), 1);
    }

    #[test]
    fn an_unknown_field_is_an_error() {
        let extra = LABEL.replacen("\"note\"", "\"notes\": \"\", \"note\"", 1);
        assert!(serde_json::from_str::<LabelledDocument>(&extra).is_err());
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        assert!(load_dir(Path::new("/nonexistent/labels")).is_err());
    }
}
