//! Where a PDF page's text comes from: its text layer, or OCR of its image.
//!
//! A page that is an image with (almost) no text layer is read by OCR in Dutch and
//! English. A page whose text layer scores below [`quality::REREAD_BELOW`] is read
//! again, and the OCR text replaces the layer only where it scores better. Without an
//! OCR engine such pages keep what they have and the caller names them. A page that
//! shows a printed email header is read again too, and keeps the OCR text when it holds
//! more of the header rows ([`header_ocr`]).

use mupdf::Page;

use super::header_ocr;
use super::ocr::{self, GreyImage, Layout, OcrError, Request, Word};
use super::quality;
use super::render;
use crate::model::{Provenance, RawPage};

/// The languages of full-page OCR: Woo releases are Dutch, with English mail and
/// reports among them.
pub const LANGUAGES: &str = "nld+eng";

/// The resolution pages are rendered at for OCR (see `scripts/bench-ocr` for the
/// trade-off of speed and accuracy that chose it).
pub const DPI: f32 = 300.0;

/// What became of one page.
#[derive(Debug)]
pub struct PageRead {
    /// The page's text and where it came from.
    pub page: RawPage,
    /// Why the page had no text and could not be read by OCR, if so.
    pub unread: Option<OcrError>,
    /// The page needed OCR (no text layer, or a poor one) and no engine was there.
    pub awaiting_ocr: bool,
}

/// The text of `page`, given its text layer and whether an image is on it.
/// `scanned`: an image with (almost) no text layer.
pub fn page_text(page: &Page, text_layer: String, has_image: bool, scanned: bool) -> PageRead {
    let layer_score = quality::score(&text_layer);
    let kept = |provenance| RawPage {
        provenance,
        confidence: if provenance == Provenance::TextLayer {
            layer_score.map(three_places)
        } else {
            None
        },
        text: text_layer.clone(),
    };
    if scanned {
        return match read(page, Layout::Page) {
            Ok(read) => PageRead {
                page: read.into_page(Provenance::Ocr),
                unread: None,
                awaiting_ocr: false,
            },
            Err(err) => PageRead {
                page: kept(Provenance::Scanned),
                awaiting_ocr: matches!(err, OcrError::Unavailable(_)),
                unread: Some(err),
            },
        };
    }
    let poor = layer_score.is_some_and(|s| s < quality::REREAD_BELOW);
    if has_image && !poor && header_ocr::shows_headers(&text_layer) {
        // A printed email: its layer may have lost header rows the image still shows.
        // Read as one block of text: the page mode often drops the narrow column of
        // labels beside the redaction boxes of an Outlook print.
        return match read(page, Layout::Block) {
            Ok(read) if header_ocr::ocr_reads_more(&text_layer, &read.text) => PageRead {
                page: OcrText {
                    text: header_ocr::set_apart_header_rows(&read.text),
                    ..read
                }
                .into_page(Provenance::ReOcr),
                unread: None,
                awaiting_ocr: false,
            },
            Ok(_) => PageRead {
                page: kept(Provenance::TextLayer),
                unread: None,
                awaiting_ocr: false,
            },
            Err(err) => PageRead {
                page: kept(Provenance::TextLayer),
                unread: None,
                awaiting_ocr: matches!(err, OcrError::Unavailable(_)),
            },
        };
    }
    if !(has_image && poor) {
        return PageRead {
            page: kept(Provenance::TextLayer),
            unread: None,
            awaiting_ocr: false,
        };
    }
    match read(page, Layout::Page) {
        Ok(read) if quality::score(&read.text) > layer_score => PageRead {
            page: read.into_page(Provenance::ReOcr),
            unread: None,
            awaiting_ocr: false,
        },
        // The page keeps its text layer, with its score as the confidence.
        Ok(_) => PageRead {
            page: kept(Provenance::TextLayer),
            unread: None,
            awaiting_ocr: false,
        },
        Err(err) => PageRead {
            page: kept(Provenance::TextLayer),
            unread: None,
            awaiting_ocr: matches!(err, OcrError::Unavailable(_)),
        },
    }
}

/// What describes the OCR engine for the extraction cache: its version, languages and
/// resolution; results differ when any of these does. It does not start the engine
/// (loading its language data costs more than a whole cached rebuild): an extraction
/// that found no engine is not cached at all (see [`PageRead::awaiting_ocr`]).
pub fn engine() -> String {
    format!("{} {LANGUAGES} {DPI} dpi", engine_version())
}

#[cfg(feature = "ocr")]
fn engine_version() -> String {
    format!(
        "tesseract {}",
        tesseract_plumbing::version().to_string_lossy()
    )
}

#[cfg(not(feature = "ocr"))]
fn engine_version() -> String {
    "no engine".into()
}

/// Text read from a page image.
#[derive(Debug, Clone, PartialEq)]
struct OcrText {
    text: String,
    confidence: f32,
}

impl OcrText {
    fn into_page(self, provenance: Provenance) -> RawPage {
        RawPage {
            provenance,
            confidence: Some(three_places(self.confidence)),
            text: self.text,
        }
    }
}

/// A confidence to three decimal places: more would be noise in the records.
fn three_places(value: f32) -> f32 {
    (value * 1000.0).round() / 1000.0
}

/// Renders `page` and reads it, laid out as `layout`.
fn read(page: &Page, layout: Layout) -> Result<OcrText, OcrError> {
    let image = render::render(page, DPI).map_err(|e| OcrError::Failed(e.to_string()))?;
    let grey = image.grey();
    let words = ocr::recognise(
        &GreyImage {
            pixels: &grey,
            width: image.width,
            height: image.height,
            dpi: DPI as u32,
        },
        &Request {
            languages: LANGUAGES,
            whitelist: None,
            layout,
        },
    )?;
    Ok(assemble(&words))
}

/// The words in the engine's reading order as text: a line per line, a blank line
/// between paragraphs (as the text layer gives them to the normaliser), and the mean
/// confidence weighted by word length. A paragraph ends where the engine says so, and
/// also where a line starts more than [`PARAGRAPH_GAP`] line heights below the last
/// (the engine often keeps an address, a blank line and a date line together).
fn assemble(words: &[Word]) -> OcrText {
    let mut text = String::new();
    let mut previous: Option<&Word> = None;
    // Top and bottom of the line being written.
    let mut line_span = (0u32, 0u32);
    let (mut weighted, mut letters) = (0.0f32, 0usize);
    for word in words {
        if let Some(before) = previous {
            let same_paragraph = (before.line.0, before.line.1) == (word.line.0, word.line.1);
            if same_paragraph && before.line.2 == word.line.2 {
                text.push(' ');
            } else {
                let height = line_span.1.saturating_sub(line_span.0) as f32;
                let gap = word.bbox[1].saturating_sub(line_span.1) as f32;
                let apart = height > 0.0 && gap > PARAGRAPH_GAP * height;
                text.push_str(if same_paragraph && !apart {
                    "\n"
                } else {
                    "\n\n"
                });
                line_span = (word.bbox[1], word.bbox[3]);
            }
        } else {
            line_span = (word.bbox[1], word.bbox[3]);
        }
        line_span = (line_span.0.min(word.bbox[1]), line_span.1.max(word.bbox[3]));
        text.push_str(&word.text);
        previous = Some(word);
        let length = word.text.chars().count();
        weighted += word.confidence * length as f32;
        letters += length;
    }
    let confidence = if letters == 0 {
        0.0
    } else {
        weighted / letters as f32
    };
    OcrText { text, confidence }
}

/// A vertical gap between two lines, in heights of the line above, that ends a paragraph.
const PARAGRAPH_GAP: f32 = 0.8;

#[cfg(test)]
mod tests {
    use super::*;

    /// A word of 10 pixels high on text line `row` (lines 14 pixels apart).
    fn word(text: &str, confidence: f32, line: (u32, u32, u32), row: u32) -> Word {
        Word {
            text: text.to_string(),
            confidence,
            bbox: [0, row * 14, 10, row * 14 + 10],
            line,
        }
    }

    #[test]
    fn words_become_lines_and_paragraphs() {
        let read = assemble(&[
            word("Geachte", 0.9, (1, 1, 1), 0),
            word("heer,", 0.5, (1, 1, 1), 0),
            word("Hierbij", 1.0, (1, 2, 1), 1),
            word("bevestig", 1.0, (1, 2, 1), 1),
            word("ik", 1.0, (1, 2, 2), 2),
            // The same paragraph for the engine, but a blank line above it.
            word("Groningen", 1.0, (1, 2, 3), 4),
        ]);
        assert_eq!(
            read.text,
            "Geachte heer,\n\nHierbij bevestig\nik\n\nGroningen"
        );
        let expected = (0.9 * 7.0 + 0.5 * 5.0 + 7.0 + 8.0 + 2.0 + 9.0) / 38.0;
        assert!((read.confidence - expected).abs() < 1e-6);
        assert_eq!(assemble(&[]).confidence, 0.0);
    }
}
