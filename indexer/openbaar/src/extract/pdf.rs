//! PDF files, through MuPDF: the text layer page by page, the info dictionary's title
//! and creation date, and detection of pages that are only an image.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use mupdf::{Document, MetadataName, TextPageFlags};

use super::placement::{not_an_anchor, place_boxes, text_of_lines, Glyph, GlyphLine};
use super::{boxes, layout, page_ocr, paint, ExtractError};
use crate::model::{DateSource, Extracted, PageBoxes, Rect};

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
    // Pages whose boxes were found and not read, by the reason.
    let mut codes_unread: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut page_boxes = Vec::new();
    for page in doc.pages().map_err(corrupt)? {
        let page = page.map_err(corrupt)?;
        let number = page_boxes.len() + 1;
        let text_page = page
            .to_text_page(TextPageFlags::PRESERVE_IMAGES)
            .map_err(corrupt)?;
        let glyph_lines = glyph_lines(&text_page);
        let bounds = page.bounds().map_err(corrupt)?;
        // Only a page that paints an image or a dark shape can hold a box; rendering
        // the others would find nothing, at a hundred times the cost of their text.
        // A page that cannot be rendered keeps its text; its boxes are not known.
        let looked = if paint::may_hold_boxes(&page) {
            boxes::look(&page)
        } else {
            Ok((Vec::new(), None))
        };
        let (found, not_read) = match looked {
            Ok(looked) => looked,
            Err(err) => {
                codes_unread
                    .entry(format!("the page could not be rendered ({err})"))
                    .or_default()
                    .push(number);
                (Vec::new(), None)
            }
        };
        if let Some(err) = not_read.filter(|_| !found.is_empty()) {
            codes_unread
                .entry(err.to_string())
                .or_default()
                .push(number);
            awaiting_ocr.push(number as u32);
        }
        let rects: Vec<Rect> = found.iter().map(|b| b.rect).collect();
        let placed = place_boxes(&glyph_lines, &rects);
        let text = match layout::join_header_columns(&placed.lines) {
            Some(joined) => joined,
            // Without boxes, the text exactly as MuPDF writes it.
            None if found.is_empty() => without_anchors(&text_page.to_text().map_err(corrupt)?),
            None => text_of_lines(&placed.lines),
        };
        page_boxes.push(PageBoxes {
            page: number as u32,
            size: [bounds.width(), bounds.height()],
            boxes: found,
            covered: placed.covered,
        });
        let has_image = text_page
            .blocks()
            .any(|b| b.r#type() == mupdf::text_page::TextBlockType::Image);
        let letters = text.chars().filter(|c| c.is_alphabetic()).count();
        anything_shown |= has_image || !text.trim().is_empty();
        let scanned = has_image && letters < SCANNED_PAGE_MAX_LETTERS;
        let read = page_ocr::page_text(&page, text, has_image, scanned, &rects);
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
    let box_notes = codes_unread.into_iter().map(|(reason, numbers)| {
        format!(
            "redaction boxes found on {} {}, their grounds not read: {reason}",
            if numbers.len() == 1 { "page" } else { "pages" },
            numbers
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        )
    });
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
            .chain(box_notes)
            .collect(),
        page_boxes,
        ..Extracted::default()
    })
}

/// The text lines of a page with their characters and boxes, block by block.
fn glyph_lines(text_page: &mupdf::TextPage) -> Vec<GlyphLine> {
    let mut lines = Vec::new();
    let text_blocks = text_page
        .blocks()
        .filter(|b| b.r#type() == mupdf::text_page::TextBlockType::Text);
    for (block, b) in text_blocks.enumerate() {
        for line in b.lines() {
            let bounds = line.bounds();
            let glyphs = line
                .chars()
                .filter_map(|c| {
                    let q = c.quad();
                    let xs = [q.ul.x, q.ur.x, q.ll.x, q.lr.x];
                    let ys = [q.ul.y, q.ur.y, q.ll.y, q.lr.y];
                    let min = |v: [f32; 4]| v.into_iter().fold(f32::INFINITY, f32::min);
                    let max = |v: [f32; 4]| v.into_iter().fold(f32::NEG_INFINITY, f32::max);
                    Some(Glyph {
                        c: not_an_anchor(c.char()?),
                        rect: [min(xs), min(ys), max(xs), max(ys)],
                    })
                })
                .collect();
            lines.push(GlyphLine {
                block,
                glyphs,
                bounds: [bounds.x0, bounds.y0, bounds.x1, bounds.y1],
            });
        }
    }
    lines
}

fn without_anchors(text: &str) -> String {
    text.chars().map(not_an_anchor).collect()
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
