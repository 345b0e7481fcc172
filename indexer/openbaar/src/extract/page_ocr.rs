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
use super::layout::join_header_columns;
use super::ocr::{self, GreyImage, Layout, OcrError, Request, Word};
use super::placement::{not_an_anchor, place_boxes, text_of_lines, Glyph, GlyphLine};
use super::quality;
use super::render;
use crate::model::{Provenance, RawPage, Rect};

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
/// `scanned`: an image with (almost) no text layer. `boxes`: the redaction boxes found
/// on the page; text read by OCR gets them in its flow as the text layer does (the
/// engine's reading of a box, `Elle`, is dropped for its bar).
pub fn page_text(
    page: &Page,
    text_layer: String,
    has_image: bool,
    scanned: bool,
    boxes: &[Rect],
) -> PageRead {
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
        return match read(page, Layout::Page, boxes) {
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
    let kept_layer = |awaiting_ocr| PageRead {
        page: kept(Provenance::TextLayer),
        unread: None,
        awaiting_ocr,
    };
    let reread = match (has_image, poor) {
        // A printed email: its layer may have lost header rows the image still shows.
        (true, false) if header_ocr::shows_headers(&text_layer) => Reread::Headers,
        (true, true) => Reread::PoorLayer,
        _ => return kept_layer(false),
    };
    let layout = match reread {
        // Read as one block of text: the page mode often drops the narrow column of
        // labels beside the redaction boxes of an Outlook print.
        Reread::Headers => Layout::Block,
        Reread::PoorLayer => Layout::Page,
    };
    match read(page, layout, boxes) {
        Ok(read) => {
            let better = match reread {
                Reread::Headers => header_ocr::ocr_reads_more(&text_layer, &read.text),
                Reread::PoorLayer => quality::score(&read.text) > layer_score,
            };
            if !better {
                // The page keeps its text layer, with its score as the confidence.
                return kept_layer(false);
            }
            let text = match reread {
                Reread::Headers => header_ocr::set_apart_header_rows(&read.text),
                Reread::PoorLayer => read.text.clone(),
            };
            PageRead {
                page: OcrText { text, ..read }.into_page(Provenance::ReOcr),
                unread: None,
                awaiting_ocr: false,
            }
        }
        Err(err) => kept_layer(matches!(err, OcrError::Unavailable(_))),
    }
}

/// Why a page with a text layer is read again by OCR.
#[derive(Debug, Clone, Copy)]
enum Reread {
    /// It shows a printed email header, whose rows the layer may have lost.
    Headers,
    /// Its layer scores below [`quality::REREAD_BELOW`].
    PoorLayer,
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

/// Renders `page` and reads it, laid out as `layout`, with `boxes` in the text.
fn read(page: &Page, layout: Layout, boxes: &[Rect]) -> Result<OcrText, OcrError> {
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
    Ok(assemble(&words, 72.0 / DPI, boxes))
}

/// The words in the engine's reading order as text, with `boxes` (PDF points) placed in
/// it as in a text layer ([`place_boxes`]): a line per line, a blank line between
/// paragraphs (as the text layer gives them to the normaliser), and the mean confidence
/// weighted by word length. A paragraph ends where the engine says so, and also where a
/// line starts more than [`PARAGRAPH_GAP`] line heights below the last (the engine often
/// keeps an address, a blank line and a date line together). `points_per_pixel` turns
/// the image's pixels into the page's points.
fn assemble(words: &[Word], points_per_pixel: f32, boxes: &[Rect]) -> OcrText {
    let lines = glyph_lines(words, points_per_pixel);
    let (mut weighted, mut letters) = (0.0f32, 0usize);
    for word in words {
        let length = word.text.chars().count();
        weighted += word.confidence * length as f32;
        letters += length;
    }
    let confidence = if letters == 0 {
        0.0
    } else {
        weighted / letters as f32
    };
    let placed = place_boxes(&lines, boxes);
    let text = match join_header_columns(&placed.lines) {
        Some(joined) => joined,
        None => text_of_lines(&placed.lines),
    };
    OcrText {
        text: text.trim_end().to_string(),
        confidence,
    }
}

/// The words as lines of glyphs in points, each word's letters spread evenly over its
/// rectangle and a space between words; a paragraph (see [`assemble`]) is a block.
fn glyph_lines(words: &[Word], points_per_pixel: f32) -> Vec<GlyphLine> {
    let mut lines: Vec<GlyphLine> = Vec::new();
    let mut previous: Option<&Word> = None;
    let mut block = 0;
    // Top and bottom of the line being written, in pixels.
    let mut line_span = (0u32, 0u32);
    let pt = |px: u32| px as f32 * points_per_pixel;
    for word in words {
        let same_line = previous.is_some_and(|before| before.line == word.line);
        if let Some(before) = previous.filter(|_| !same_line) {
            let same_paragraph = (before.line.0, before.line.1) == (word.line.0, word.line.1);
            let height = line_span.1.saturating_sub(line_span.0) as f32;
            let gap = word.bbox[1].saturating_sub(line_span.1) as f32;
            let apart = height > 0.0 && gap > PARAGRAPH_GAP * height;
            if !same_paragraph || apart {
                block += 1;
            }
        }
        if !same_line {
            line_span = (word.bbox[1], word.bbox[3]);
            lines.push(GlyphLine {
                block,
                glyphs: Vec::new(),
                bounds: [
                    pt(word.bbox[0]),
                    pt(word.bbox[1]),
                    pt(word.bbox[2]),
                    pt(word.bbox[3]),
                ],
            });
        }
        line_span = (line_span.0.min(word.bbox[1]), line_span.1.max(word.bbox[3]));
        let line = lines.last_mut().expect("a line was started");
        let [left, top, right, bottom] = word.bbox.map(pt);
        if let Some(last) = line.glyphs.last().map(|g| g.rect[2]) {
            line.glyphs.push(Glyph {
                c: ' ',
                rect: [last, top, left.max(last), bottom],
            });
        }
        let letters: Vec<char> = word.text.chars().map(not_an_anchor).collect();
        let width = (right - left) / letters.len().max(1) as f32;
        for (i, c) in letters.into_iter().enumerate() {
            let x = left + width * i as f32;
            line.glyphs.push(Glyph {
                c,
                rect: [x, top, x + width, bottom],
            });
        }
        let b = &mut line.bounds;
        *b = [
            b[0].min(left),
            b[1].min(top),
            b[2].max(right),
            b[3].max(bottom),
        ];
        previous = Some(word);
    }
    lines
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
        let read = assemble(
            &[
                word("Geachte", 0.9, (1, 1, 1), 0),
                word("heer,", 0.5, (1, 1, 1), 0),
                word("Hierbij", 1.0, (1, 2, 1), 1),
                word("bevestig", 1.0, (1, 2, 1), 1),
                word("ik", 1.0, (1, 2, 2), 2),
                // The same paragraph for the engine, but a blank line above it.
                word("Groningen", 1.0, (1, 2, 3), 4),
            ],
            1.0,
            &[],
        );
        assert_eq!(
            read.text,
            "Geachte heer,\n\nHierbij bevestig\nik\n\nGroningen"
        );
        let expected = (0.9 * 7.0 + 0.5 * 5.0 + 7.0 + 8.0 + 2.0 + 9.0) / 38.0;
        assert!((read.confidence - expected).abs() < 1e-6);
        assert_eq!(assemble(&[], 1.0, &[]).confidence, 0.0);
    }

    #[test]
    fn a_box_takes_the_place_of_what_the_engine_read_in_it() {
        // `Van: Elle` where `Elle` is the engine's reading of a redaction box at
        // x 40-80 px; 2 points a pixel.
        let words = [
            Word {
                text: "Van:".into(),
                confidence: 0.9,
                bbox: [0, 0, 30, 10],
                line: (1, 1, 1),
            },
            Word {
                text: "Elle".into(),
                confidence: 0.3,
                bbox: [40, 0, 80, 10],
                line: (1, 1, 1),
            },
        ];
        let bar = Rect([78.0, -1.0, 162.0, 21.0]);
        let read = assemble(&words, 2.0, &[bar]);
        let anchor: String = crate::model::box_anchor(0).into_iter().collect();
        assert_eq!(read.text, format!("Van: {anchor}"));
        assert_eq!(assemble(&words, 2.0, &[]).text, "Van: Elle");
    }
}
