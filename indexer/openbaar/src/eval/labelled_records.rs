//! The records of the labelled real releases, each beside its labels: the PDFs of
//! `../shared/realworld` read as an archive without configuration, the way a first
//! run on a new release reads them.

use std::path::Path;

use super::facts_set::{load_with_pdfs, LabelledDocument, Split, PDFS_DIR};
use crate::config::Settings;
use crate::model::Document;
use crate::records::{extract_all, NoProgress};

/// Every labelled PDF with its record, read with `settings` (the organisation and people
/// evals pass the defaults: a first run without configuration), or why the set cannot be
/// measured (labels or PDFs missing, a PDF that gave no record).
pub fn labelled_records(
    repo_root: &Path,
    settings: &Settings,
) -> Result<Vec<(LabelledDocument, Document)>, String> {
    let labels = load_with_pdfs(repo_root)?;
    let extraction = extract_all(&[repo_root.join(PDFS_DIR)], settings, &NoProgress);
    labels
        .into_iter()
        .map(|(label, _)| {
            let doc = extraction
                .documents
                .iter()
                .map(|b| &b.document)
                .find(|d| d.source == label.file || d.duplicates.contains(&label.file))
                .ok_or_else(|| format!("{} gave no record", label.file))?;
            Ok((label, doc.clone()))
        })
        .collect()
}

/// Adds up a score per part of the split, tuned part first.
pub fn per_split<S: Default>(
    records: &[(LabelledDocument, Document)],
    score: impl Fn(&LabelledDocument, &Document) -> S,
    add: impl Fn(&mut S, S),
) -> Vec<(Split, S)> {
    Split::ALL
        .into_iter()
        .map(|split| {
            let mut total = S::default();
            for (label, doc) in records.iter().filter(|(l, _)| l.split == split) {
                add(&mut total, score(label, doc));
            }
            (split, total)
        })
        .collect()
}
