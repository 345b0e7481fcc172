//! PDF files, through MuPDF: the text layer page by page, the info dictionary's title
//! and creation date, and detection of pages that are only an image.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mupdf::{Document, MetadataName, TextPageFlags};

use super::{layout, page_ocr, ExtractError};
use crate::model::{DateSource, Extracted};

/// A page with fewer letters than this in its text layer, and an image on it, is
/// taken to be a scan without a text layer (page numbers and stamps alone stay under it).
const SCANNED_PAGE_MAX_LETTERS: usize = 25;

/// Extracts the text layer of every page.
pub fn extract_pdf(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let corrupt = |err: mupdf::Error| ExtractError::Corrupt {
        format: "PDF",
        detail: err.to_string(),
    };
    let mut doc = Document::from_bytes(bytes, "application/pdf").map_err(corrupt)?;
    // Many PDFs are encrypted with an empty user password only to set permissions.
    if doc.needs_password().map_err(corrupt)? && !doc.authenticate("").map_err(corrupt)? {
        return Err(ExtractError::Encrypted);
    }
    let mut pages = Vec::new();
    // Whether any page shows anything at all: a repairing reader makes an empty page
    // out of a truncated file rather than failing it.
    let mut anything_shown = false;
    // Pages that needed OCR and did not get it, by the reason.
    let mut unread: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut awaiting_ocr = Vec::new();
    for page in doc.pages().map_err(corrupt)? {
        let page = page.map_err(corrupt)?;
        let text_page = page
            .to_text_page(TextPageFlags::PRESERVE_IMAGES)
            .map_err(corrupt)?;
        let lines = layout_lines(&text_page);
        let text = match layout::join_header_columns(&lines) {
            Some(joined) => joined,
            None => text_page.to_text().map_err(corrupt)?,
        };
        let has_image = text_page
            .blocks()
            .any(|b| b.r#type() == mupdf::text_page::TextBlockType::Image);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        anything_shown |= has_image || !text.trim().is_empty();
        let scanned = has_image && letters < SCANNED_PAGE_MAX_LETTERS;
        let read = page_ocr::page_text(&page, text, has_image, scanned);
        if read.awaiting_ocr {
            awaiting_ocr.push(pages.len() as u32 + 1);
        }
        if let Some(err) = read.unread {
            unread
                .entry(err.to_string())
                .or_default()
                .push(pages.len() + 1);
        }
        pages.push(read.page);
    }
    if pages.is_empty() {
        return Err(ExtractError::Corrupt {
            format: "PDF",
            detail: "it has no pages".into(),
        });
    }
    if !anything_shown {
        return Err(ExtractError::Corrupt {
            format: "PDF",
            detail: "no page shows any text or image (damaged or truncated, or blank)".into(),
        });
    }
    let info = |name| {
        doc.metadata(name)
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    Ok(Extracted {
        pages,
        title: info(MetadataName::Title).filter(|t| is_meaningful_title(t)),
        date: info(MetadataName::CreationDate)
            .and_then(|d| pdf_date(&d))
            .map(|d| (d, DateSource::PdfMetadata)),
        subject: None,
        awaiting_ocr,
        notes: unread
            .into_iter()
            .map(|(reason, numbers)| unread_note(&numbers, &reason))
            .collect(),
        ..Extracted::default()
    })
}

/// The text lines of a page with their boxes, block by block.
fn layout_lines(text_page: &mupdf::TextPage) -> Vec<layout::Line> {
    let mut lines = Vec::new();
    let text_blocks = text_page
        .blocks()
        .filter(|b| b.r#type() == mupdf::text_page::TextBlockType::Text);
    for (block, b) in text_blocks.enumerate() {
        for line in b.lines() {
            let bounds = line.bounds();
            lines.push(layout::Line {
                block,
                text: line.chars().filter_map(|c| c.char()).collect(),
                x0: bounds.x0,
                y0: bounds.y0,
                x1: bounds.x1,
                y1: bounds.y1,
            });
        }
    }
    lines
}

/// The note for pages that were not read: `page 2 not read (…): reason`.
fn unread_note(numbers: &[usize], reason: &str) -> String {
    let list: Vec<String> = numbers.iter().map(usize::to_string).collect();
    let pages = if numbers.len() == 1 { "page" } else { "pages" };
    format!(
        "{pages} {} not read (no usable text layer; its text is missing from search): {reason}",
        list.join(", ")
    )
}

/// Titles that producers write by default say nothing about the document.
fn is_meaningful_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let junk = [
        "untitled",
        "microsoft word",
        "document",
        "naamloos",
        "presentatie",
    ];
    !(junk.iter().any(|j| lower.starts_with(j))
        || lower.ends_with(".docx")
        || lower.ends_with(".doc")
        || lower.ends_with(".pdf")
        || title.chars().filter(|c| c.is_alphabetic()).count() < 3)
}

/// Turns a PDF date (`D:20250326103000+01'00'`) into its day.
pub fn pdf_date(raw: &str) -> Option<NaiveDate> {
    let digits: String = raw
        .trim_start_matches("D:")
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if digits.len() < 8 {
        return None;
    }
    let (y, m, d) = (&digits[0..4], &digits[4..6], &digits[6..8]);
    let year: i32 = y.parse().ok()?;
    if !(1900..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        let day = |raw: &str| pdf_date(raw).map(|d| d.to_string());
        assert_eq!(
            day("D:20250326103000+01'00'").as_deref(),
            Some("2025-03-26")
        );
        assert_eq!(day("20200918").as_deref(), Some("2020-09-18"));
        assert_eq!(day("D:20250231"), None);
        assert_eq!(pdf_date("D:2025"), None);
        assert_eq!(pdf_date("D:20251399"), None);
    }

    #[test]
    fn default_titles_are_dropped() {
        assert!(!is_meaningful_title("Microsoft Word - nota.docx"));
        assert!(!is_meaningful_title("verslag.pdf"));
        assert!(is_meaningful_title(
            "Raadsinformatiebrief Jeugdbescherming Noord"
        ));
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        let err = extract_pdf(b"%PDF-1.4\nthis is not really a pdf").unwrap_err();
        assert!(matches!(err, ExtractError::Corrupt { .. }), "{err}");
    }
}
