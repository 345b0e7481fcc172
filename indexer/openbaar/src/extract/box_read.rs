//! Reading the ground printed inside a redaction box: the box alone is rendered at OCR
//! resolution, its light letters turned dark on white, and read as one line (or as
//! sparse text for a tall box) with a character set of digits, dots and the letters of
//! the grounds.

use mupdf::{Colorspace, Device, Matrix, Page, Pixmap};

use super::ocr::{self, GreyImage, Layout, OcrError, Request, Word};
use std::collections::HashSet;
use std::sync::LazyLock;

use crate::model::{grounds, BoxWord, Rect};

/// Lowest resolution a box is rendered at: the page images of real releases are 300 dpi.
pub const READ_DPI: f32 = 300.0;
/// Highest resolution: small boxes print their code small, and Tesseract reads letters
/// best at 20–30 pixels high, so a box is rendered at least [`MIN_BOX_PX`] high.
const MAX_READ_DPI: f32 = 900.0;
/// Height in pixels a box is rendered at, at least.
const MIN_BOX_PX: f32 = 60.0;
/// The second reading of a box whose first was not wholly codes is at this many times
/// the first one's resolution.
const SECOND_SCALE: f32 = 1.5;
/// Characters a printed ground consists of (`5.1.2e`, `10.2.g`, `5.1.1c; 5.1.2i`).
pub const GROUND_CHARACTERS: &str = "0123456789.;abcdefghi";
/// White margin around the crop, in pixels: the engine finds no text touching the edge.
const PAD: usize = 16;
/// Boxes taller than this (points) hold a code somewhere in a block, not on one line.
const LINE_BOX_MAX_PT: f32 = 20.0;

/// Renders the box `rect` (points, top-left origin) of `page`, and reads it. `fill_luma`
/// is the box's own shade (0 black … 255 white): letters are what is lighter.
///
/// A reading that is not wholly codes of the grounds table (`5.1.2` with its letter
/// lost, `5.1.26`) is read once more at [`SECOND_SCALE`] times the resolution, and the
/// second reading is kept when it is wholly codes: the engine loses or misreads a
/// letter at one size and not at another.
pub fn read_box(page: &Page, rect: [f32; 4], fill_luma: u8) -> Result<Vec<BoxWord>, OcrError> {
    let dpi = (MIN_BOX_PX / (rect[3] - rect[1]).max(1.0) * 72.0).clamp(READ_DPI, MAX_READ_DPI);
    let first = read_at(page, rect, fill_luma, dpi)?;
    if all_codes(&first) {
        return Ok(first);
    }
    let second = read_at(page, rect, fill_luma, dpi * SECOND_SCALE)?;
    Ok(if all_codes(&second) { second } else { first })
}

/// Whether every piece read (split at `;`, `,` and spaces) is a code of the grounds
/// table, letters and digits compared.
fn all_codes(words: &[BoxWord]) -> bool {
    static CODES: LazyLock<HashSet<String>> =
        LazyLock::new(|| grounds::all().iter().map(|g| squeeze(&g.code)).collect());
    let mut pieces = words
        .iter()
        .flat_map(|w| w.text.split([';', ',', ' ']))
        .map(squeeze)
        .filter(|p| !p.is_empty())
        .peekable();
    pieces.peek().is_some() && pieces.all(|p| CODES.contains(&p))
}

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Reads the box `rect` rendered at `dpi`.
fn read_at(page: &Page, rect: [f32; 4], fill_luma: u8, dpi: f32) -> Result<Vec<BoxWord>, OcrError> {
    let s = dpi / 72.0;
    let [x0, y0, x1, y1] = rect.map(|v| (v * s).round() as i32);
    // Inset by half a point so the box's anti-aliased rim is not read as a letter.
    let inset = ((s * 0.5) as i32)
        .min((x1 - x0) / 4)
        .min((y1 - y0) / 4)
        .max(0);
    let (x0, y0, x1, y1) = (x0 + inset, y0 + inset, x1 - inset, y1 - inset);
    let (w, h) = ((x1 - x0).max(1), (y1 - y0).max(1));
    let failed = |e: mupdf::Error| OcrError::Failed(format!("rendering the box: {e}"));
    let mut pixmap =
        Pixmap::new(&Colorspace::device_gray(), x0, y0, w, h, false).map_err(failed)?;
    pixmap.clear_with(255).map_err(failed)?;
    {
        let device = Device::from_pixmap(&pixmap).map_err(failed)?;
        page.run(&device, &Matrix::new_scale(s, s))
            .map_err(failed)?;
    }
    let stride = pixmap.stride() as usize;
    let samples = pixmap.samples();
    let (w, h) = (w as usize, h as usize);
    // Light letters on the fill become black on white; the fill and anything darker white.
    let fill = fill_luma as f32;
    let span = (255.0 - fill).max(1.0);
    let (pw, ph) = (w + 2 * PAD, h + 2 * PAD);
    let mut grey = vec![255u8; pw * ph];
    for y in 0..h {
        for x in 0..w {
            let v = samples[y * stride + x] as f32;
            let t = ((v - fill) / span).clamp(0.0, 1.0);
            grey[(y + PAD) * pw + x + PAD] = (255.0 * (1.0 - t)) as u8;
        }
    }
    let image = GreyImage {
        pixels: &grey,
        width: pw as u32,
        height: ph as u32,
        dpi: dpi as u32,
    };
    let layout = if rect[3] - rect[1] > LINE_BOX_MAX_PT {
        Layout::Sparse
    } else {
        Layout::Line
    };
    let request = Request {
        languages: "eng",
        whitelist: Some(GROUND_CHARACTERS),
        layout,
    };
    let words = ocr::recognise(&image, &request)?;
    let to_pt = |px: u32, origin: i32| (px as f32 - PAD as f32 + origin as f32) / s;
    Ok(words
        .into_iter()
        .map(
            |Word {
                 text,
                 confidence,
                 bbox,
                 ..
             }| BoxWord {
                text,
                confidence,
                rect: Rect([
                    to_pt(bbox[0], x0),
                    to_pt(bbox[1], y0),
                    to_pt(bbox[2], x0),
                    to_pt(bbox[3], y0),
                ]),
            },
        )
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_pdf::one_page;

    #[test]
    fn the_code_in_a_grey_box_is_read_where_it_is() {
        let pdf = one_page(
            300.0,
            100.0,
            "0.42 g 20 70 50 10 re f 1 g BT /F1 7 Tf 27 72.5 Td (5.1.2e) Tj ET \
             0.42 g 80 70 80 10 re f 1 g BT /F1 7 Tf 90 72.5 Td (5.1.1c; 5.1.2i) Tj ET",
        );
        let doc = mupdf::Document::from_bytes(&pdf, "application/pdf").unwrap();
        let page = doc.load_page(0).unwrap();
        let words = read_box(&page, [20.0, 20.0, 70.0, 30.0], 107).expect("OCR installed");
        assert_eq!(words.len(), 1, "{words:?}");
        assert_eq!(words[0].text, "5.1.2e");
        let r = words[0].rect.0;
        assert!(
            r[0] > 24.0 && r[2] < 52.0 && r[1] > 20.0 && r[3] < 30.0,
            "{r:?}"
        );
        let words = read_box(&page, [80.0, 20.0, 160.0, 30.0], 107).unwrap();
        let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert!(text.concat().ends_with(";5.1.2i"), "{text:?}");
    }
}
