//! Redaction boxes found on page images against the boxes labelled by hand
//! (`tests/data/boxes/<folder>/<pdf>.json`, written from page images before any
//! detector existed; see the README there).
//!
//! Matching: on each page, every found box is paired with at most one labelled box and
//! the other way round, taking pairs in order of their intersection over union (IoU),
//! highest first, as long as the IoU is at least [`MIN_IOU`]. Paired boxes are true
//! positives; found boxes left over are false positives, labelled ones false negatives.
//! A paired box whose label is legible has its ground read right when the set of codes
//! read equals the labelled set (an empty set for `buiten verzoek`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use super::Counts;
use crate::extract::boxes;
use crate::facts::redact::box_codes::read_codes;
use crate::model::{PageBox, Rect};

/// Two boxes are the same box from this intersection over union on.
pub const MIN_IOU: f32 = 0.5;

/// One labelled PDF.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledFile {
    /// Path of the PDF under the real-world folder (`woo1/171059.pdf`).
    pub file: String,
    /// `tune` or `heldout`.
    pub split: String,
    /// Every page.
    pub pages: Vec<LabelledPage>,
}

/// One labelled page.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledPage {
    /// 1-based.
    pub page: u32,
    /// The boxes a person sees.
    pub boxes: Vec<LabelledBox>,
}

/// One labelled box.
#[derive(Debug, Clone, Deserialize)]
pub struct LabelledBox {
    /// Points, top-left origin.
    pub rect: [f32; 4],
    /// The codes printed in it.
    pub codes: Vec<String>,
    /// Whether a person can read them.
    pub legible: bool,
}

/// Figures for one split.
#[derive(Debug, Clone, Default)]
pub struct SplitScore {
    /// PDFs and pages measured.
    pub files: usize,
    /// Pages measured.
    pub pages: usize,
    /// Boxes found vs labelled.
    pub boxes: Counts,
    /// Matched boxes with a legible label whose grounds were read right / all of them.
    pub grounds_right: usize,
    /// Matched boxes with a legible label.
    pub grounds_legible: usize,
    /// Labelled boxes with a legible label, matched or not.
    pub legible_labelled: usize,
    /// Pages where OCR was not available (their boxes have no grounds).
    pub unread_pages: usize,
}

/// What was found in one PDF, for the comparison with inventory lists.
#[derive(Debug, Clone)]
pub struct FileResult {
    /// As in the label file.
    pub file: String,
    /// `tune` or `heldout`.
    pub split: String,
    /// The grounds of every box found, in order of first appearance.
    pub grounds: Vec<String>,
    /// Boxes found without a readable ground.
    pub unread_boxes: usize,
    /// Boxes found.
    pub boxes: usize,
    /// This file's box figures.
    pub score: SplitScore,
    /// Wrong readings and misses, for `--verbose`: `page N: …`.
    pub notes: Vec<String>,
}

/// Reads every label file under `labels`.
pub fn load_labels(labels: &Path) -> Result<Vec<LabelledFile>, String> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(labels).sort_by_file_name() {
        let entry = entry.map_err(|e| e.to_string())?;
        if entry.path().extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            let file: LabelledFile = serde_json::from_str(&text)
                .map_err(|e| format!("{}: {e}", entry.path().display()))?;
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(format!("no label files under {}", labels.display()));
    }
    Ok(files)
}

/// Pairs found and labelled boxes (see the module docs); returns (found, label) indices.
pub fn match_boxes(found: &[Rect], labelled: &[Rect]) -> Vec<(usize, usize)> {
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, f) in found.iter().enumerate() {
        for (j, l) in labelled.iter().enumerate() {
            let iou = f.iou(l);
            if iou >= MIN_IOU {
                pairs.push((iou, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut used_f, mut used_l) = (vec![false; found.len()], vec![false; labelled.len()]);
    let mut out = Vec::new();
    for (_, i, j) in pairs {
        if !used_f[i] && !used_l[j] {
            used_f[i] = true;
            used_l[j] = true;
            out.push((i, j));
        }
    }
    out
}

/// The grounds read in a found box.
pub fn box_grounds(b: &PageBox) -> Vec<&'static str> {
    let words: Vec<(&str, f32)> = b
        .words
        .iter()
        .flatten()
        .map(|w| (w.text.as_str(), w.confidence))
        .collect();
    read_codes(&words).codes
}

/// Finds and reads the boxes of one labelled PDF under `realworld`, and scores them.
pub fn evaluate_file(label: &LabelledFile, realworld: &Path) -> Result<FileResult, String> {
    let path: PathBuf = realworld.join(&label.file);
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let doc = mupdf::Document::from_bytes(&bytes, "application/pdf")
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut result = FileResult {
        file: label.file.clone(),
        split: label.split.clone(),
        grounds: Vec::new(),
        unread_boxes: 0,
        boxes: 0,
        score: SplitScore {
            files: 1,
            ..SplitScore::default()
        },
        notes: Vec::new(),
    };
    let labelled_pages: BTreeMap<u32, &LabelledPage> =
        label.pages.iter().map(|p| (p.page, p)).collect();
    let count = doc.page_count().map_err(|e| e.to_string())?;
    for index in 0..count {
        let number = index as u32 + 1;
        let page = doc.load_page(index).map_err(|e| e.to_string())?;
        let (found, unread) = boxes::look(&page).map_err(|e| e.to_string())?;
        let grounds: Vec<Vec<&'static str>> = found.iter().map(box_grounds).collect();
        result.boxes += found.len();
        for g in &grounds {
            if g.is_empty() {
                result.unread_boxes += 1;
            }
            for code in g {
                if !result.grounds.iter().any(|c| c == code) {
                    result.grounds.push(code.to_string());
                }
            }
        }
        let Some(labelled) = labelled_pages.get(&number) else {
            continue;
        };
        let score = &mut result.score;
        score.pages += 1;
        score.unread_pages += usize::from(unread.is_some());
        let found_rects: Vec<Rect> = found.iter().map(|b| b.rect).collect();
        let label_rects: Vec<Rect> = labelled.boxes.iter().map(|b| Rect(b.rect)).collect();
        let pairs = match_boxes(&found_rects, &label_rects);
        score.boxes.true_positives += pairs.len();
        score.boxes.false_positives += found.len() - pairs.len();
        score.boxes.false_negatives += labelled.boxes.len() - pairs.len();
        score.legible_labelled += labelled.boxes.iter().filter(|b| b.legible).count();
        for &(i, j) in &pairs {
            let want = &labelled.boxes[j];
            if !want.legible {
                continue;
            }
            score.grounds_legible += 1;
            let mut got: Vec<&str> = grounds[i].clone();
            let mut expected: Vec<&str> = want.codes.iter().map(String::as_str).collect();
            got.sort_unstable();
            expected.sort_unstable();
            if got == expected {
                score.grounds_right += 1;
            } else {
                let read: Vec<&str> = found[i]
                    .words
                    .iter()
                    .flatten()
                    .map(|w| w.text.as_str())
                    .collect();
                result.notes.push(format!(
                    "page {number}: {:?} read {:?} as {got:?}, labelled {expected:?}",
                    found[i].rect.0.map(|v| v.round()),
                    read.join(" ")
                ));
            }
        }
        for (i, b) in found.iter().enumerate() {
            if !pairs.iter().any(|p| p.0 == i) {
                result.notes.push(format!(
                    "page {number}: found {:?} not labelled",
                    b.rect.0.map(|v| v.round())
                ));
            }
        }
        for (j, b) in labelled.boxes.iter().enumerate() {
            if !pairs.iter().any(|p| p.1 == j) {
                result
                    .notes
                    .push(format!("page {number}: missed labelled {:?}", b.rect));
            }
        }
    }
    Ok(result)
}

/// Evaluates every label file, in parallel; results in the order of the labels.
pub fn evaluate(labels: &[LabelledFile], realworld: &Path) -> Vec<Result<FileResult, String>> {
    labels
        .par_iter()
        .map(|l| evaluate_file(l, realworld))
        .collect()
}

/// Adds the figures of `results` per split (`tune`, `heldout`).
pub fn by_split(results: &[FileResult]) -> BTreeMap<String, SplitScore> {
    let mut out: BTreeMap<String, SplitScore> = BTreeMap::new();
    for r in results {
        let s = out.entry(r.split.clone()).or_default();
        s.files += r.score.files;
        s.pages += r.score.pages;
        s.boxes.add(r.score.boxes);
        s.grounds_right += r.score.grounds_right;
        s.grounds_legible += r.score.grounds_legible;
        s.legible_labelled += r.score.legible_labelled;
        s.unread_pages += r.score.unread_pages;
    }
    out
}

/// One file of a release with an inventory list: the grounds the list gives and the
/// grounds the boxes showed.
#[derive(Debug, Clone)]
pub struct InventoryComparison {
    /// As in the label file.
    pub file: String,
    /// The inventory's grounds column, read into codes.
    pub listed: Vec<String>,
    /// What the list says besides codes (`buiten verzoek`).
    pub listed_notes: Vec<String>,
    /// The grounds of the boxes found.
    pub found: Vec<String>,
    /// Boxes without a readable ground.
    pub unread_boxes: usize,
}

impl InventoryComparison {
    /// The same grounds, in any order.
    pub fn agrees(&self) -> bool {
        let mut a = self.listed.clone();
        let mut b = self.found.clone();
        a.sort();
        b.sort();
        a == b
    }
}

/// Compares the grounds found per PDF with the inventory list beside it
/// (`<folder>/inventory.xlsx` or another inventory name), for every folder that has one.
pub fn compare_inventories(
    results: &[FileResult],
    realworld: &Path,
) -> Result<Vec<InventoryComparison>, String> {
    use crate::extract::inventory;
    use crate::facts::redact::listed_grounds;
    let mut out = Vec::new();
    let mut lists: BTreeMap<String, Option<Vec<inventory::ListedRow>>> = BTreeMap::new();
    for r in results {
        let (folder, name) = r.file.rsplit_once('/').unwrap_or(("", &r.file));
        let rows = lists.entry(folder.to_string()).or_insert_with(|| {
            let dir = realworld.join(folder);
            let list = std::fs::read_dir(&dir)
                .ok()?
                .flatten()
                .find(|e| inventory::is_inventory_name(&e.file_name().to_string_lossy()))?;
            inventory::read(&list.path()).ok()
        });
        let Some(rows) = rows else { continue };
        let stem = name.trim_end_matches(".pdf");
        let Some(row) = rows.iter().find(|row| row.id.trim() == stem) else {
            continue;
        };
        let (listed, listed_notes) = listed_grounds(row.grounds.as_deref().unwrap_or(""));
        out.push(InventoryComparison {
            file: r.file.clone(),
            listed,
            listed_notes,
            found: r.grounds.clone(),
            unread_boxes: r.unread_boxes,
        });
    }
    Ok(out)
}

/// What the record of one labelled PDF holds, beside its labels.
#[derive(Debug, Clone)]
pub struct RecordFigures {
    /// As in the label file.
    pub file: String,
    /// `tune` or `heldout`.
    pub split: String,
    /// Boxes a person labelled on its pages.
    pub labelled: usize,
    /// Redactions in the record.
    pub redactions: usize,
    /// …of them found on the page image.
    pub with_box: usize,
    /// …of those placed in the text (a bar where the box was).
    pub placed_boxes: usize,
    /// Whitespace-separated pieces of text-layer junk under the boxes, dropped.
    pub junk_tokens: usize,
    /// The share of the document blacked out, 0–1.
    pub share: f32,
}

/// The records of the labelled PDFs under `realworld` (read with `settings`), against
/// the boxes labelled on their pages.
pub fn record_figures(
    labels: &[LabelledFile],
    realworld: &Path,
    settings: &crate::config::Settings,
) -> Result<Vec<RecordFigures>, String> {
    use crate::records::{extract_all, extract_pdf, NoProgress};
    let paths: Vec<PathBuf> = labels.iter().map(|l| realworld.join(&l.file)).collect();
    let extraction = extract_all(&paths, settings, &NoProgress);
    if let Some(failed) = extraction.failed.first() {
        return Err(format!("{}: {}", failed.source, failed.reason));
    }
    labels
        .iter()
        .map(|label| {
            let path = realworld.join(&label.file);
            let name = label.file.rsplit('/').next().unwrap_or(&label.file);
            let doc = extraction
                .records()
                .find(|d| d.source == name || d.source.ends_with(&format!("/{name}")))
                .ok_or_else(|| format!("{} gave no record", label.file))?;
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let extracted = extract_pdf(&bytes, settings).map_err(|e| e.to_string())?;
            let junk_tokens = extracted
                .page_boxes
                .iter()
                .flat_map(|p| &p.covered)
                .map(|text| text.split_whitespace().count())
                .sum();
            let boxed = doc.redactions.iter().filter(|r| r.image_box.is_some());
            Ok(RecordFigures {
                file: label.file.clone(),
                split: label.split.clone(),
                labelled: label.pages.iter().map(|p| p.boxes.len()).sum(),
                redactions: doc.redactions.len(),
                with_box: boxed.clone().count(),
                placed_boxes: boxed.filter(|r| r.span.is_some()).count(),
                junk_tokens,
                share: doc.blacked_out.as_ref().map_or(0.0, |b| b.share),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_pair_by_highest_overlap_one_to_one() {
        let found = [Rect([0.0, 0.0, 10.0, 10.0]), Rect([0.0, 0.0, 9.0, 10.0])];
        let labelled = [Rect([0.0, 0.0, 9.0, 10.0]), Rect([50.0, 0.0, 60.0, 10.0])];
        assert_eq!(match_boxes(&found, &labelled), [(1, 0)]);
        // Half overlapping is below the threshold.
        let found = [Rect([0.0, 0.0, 10.0, 10.0])];
        let labelled = [Rect([5.0, 0.0, 15.0, 10.0])];
        assert!(match_boxes(&found, &labelled).is_empty());
    }
}
