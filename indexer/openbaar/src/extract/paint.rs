//! What a page paints, learnt without rendering it: whether it could hold a redaction
//! box at all.
//!
//! Rendering a page to look for boxes costs far more than reading its text, and most
//! pages of a born-digital PDF paint only text and thin rules. A box is either pixels of
//! an image (a scanned page, or the page image of an OCR'd release) or a dark filled
//! shape (a vector box drawn by a redaction tool). MuPDF runs the page's drawing
//! operators through [`PaintSurvey`], a device that draws nothing and notes whether any
//! such thing was painted; only those pages are rendered.

use std::cell::Cell;
use std::rc::Rc;

use mupdf::{
    ColorParams, Colorspace, Device, Image, Matrix, NativeDevice, Page, Path, Shade, StrokeState,
};

use super::boxes::{MAX_FILL_LUMA, MIN_HEIGHT_PT, MIN_WIDTH_PT};

/// Paint fainter than this opacity is a highlight over text, not a box that hides it.
const MIN_BOX_ALPHA: f32 = 0.5;

/// Whether `page` paints anything that may be a redaction box: an image, a shading, or
/// a filled (or thickly stroked) shape dark enough and large enough to be a box. When
/// MuPDF cannot run the page, the answer is yes: the render that follows will say why.
pub fn may_hold_boxes(page: &Page) -> bool {
    let seen = Rc::new(Cell::new(false));
    let survey = PaintSurvey { seen: seen.clone() };
    let run = Device::from_native(survey).and_then(|device| page.run(&device, &Matrix::IDENTITY));
    run.is_err() || seen.get()
}

/// A MuPDF device that draws nothing and records whether a possible box was painted.
struct PaintSurvey {
    seen: Rc<Cell<bool>>,
}

impl PaintSurvey {
    /// Notes a shape painted in `colour` that covers `bounds` (page points).
    fn shape(&self, bounds: Option<mupdf::Rect>, colour: Option<f32>, alpha: f32) {
        let dark = colour.is_some_and(|grey| grey * 255.0 <= MAX_FILL_LUMA as f32);
        let big =
            bounds.is_some_and(|r| (r.x1 - r.x0) >= MIN_WIDTH_PT && (r.y1 - r.y0) >= MIN_HEIGHT_PT);
        if dark && big && alpha >= MIN_BOX_ALPHA {
            self.seen.set(true);
        }
    }
}

/// The grey level (0 black, 1 white) of a colour, or `None` when it cannot be converted.
fn grey_level(space: &Colorspace, colour: &[f32], params: ColorParams) -> Option<f32> {
    space
        .convert_color(colour, &Colorspace::device_gray(), None, params)
        .ok()
        .and_then(|grey| grey.first().copied())
}

impl NativeDevice for PaintSurvey {
    fn fill_path(
        &mut self,
        path: &Path,
        _even_odd: bool,
        ctm: Matrix,
        space: &Colorspace,
        colour: &[f32],
        alpha: f32,
        params: ColorParams,
    ) {
        // A fill's bounds with the thinnest stroke: the stroke state only widens them.
        let thin = StrokeState::default();
        self.shape(
            path.bounds(&thin, &ctm).ok(),
            grey_level(space, colour, params),
            alpha,
        );
    }

    fn stroke_path(
        &mut self,
        path: &Path,
        stroke: &StrokeState,
        ctm: Matrix,
        space: &Colorspace,
        colour: &[f32],
        alpha: f32,
        params: ColorParams,
    ) {
        // Some tools draw a box as one very thick line; a thin rule cannot hide a line.
        let width = stroke.line_width() * ctm.a.hypot(ctm.b);
        if width >= MIN_HEIGHT_PT {
            self.shape(
                path.bounds(stroke, &ctm).ok(),
                grey_level(space, colour, params),
                alpha,
            );
        }
    }

    fn fill_image(&mut self, _image: &Image, _ctm: Matrix, _alpha: f32, _params: ColorParams) {
        self.seen.set(true);
    }

    fn fill_image_mask(
        &mut self,
        _image: &Image,
        _ctm: Matrix,
        _space: &Colorspace,
        _colour: &[f32],
        _alpha: f32,
        _params: ColorParams,
    ) {
        self.seen.set(true);
    }

    fn fill_shade(&mut self, _shade: &Shade, _ctm: Matrix, _alpha: f32, _params: ColorParams) {
        self.seen.set(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_pdf::one_page;
    use mupdf::Document;

    fn survey(content: &str) -> bool {
        let pdf = one_page(300.0, 200.0, content);
        let doc = Document::from_bytes(&pdf, "application/pdf").unwrap();
        may_hold_boxes(&doc.load_page(0).unwrap())
    }

    #[test]
    fn text_and_thin_rules_cannot_hold_a_box() {
        assert!(!survey(
            "BT /F1 12 Tf 20 150 Td (Geachte heer) Tj ET 0 g 0.5 w 20 140 m 280 140 l S"
        ));
        // A pale fill (a shaded table cell) is not dark enough to be a box.
        assert!(!survey("0.9 g 20 100 200 20 re f"));
        // A dark underline is too thin.
        assert!(!survey("0 g 20 100 200 1 re f"));
    }

    #[test]
    fn dark_fills_and_thick_strokes_can() {
        assert!(survey("0 g 100 120 100 30 re f"));
        assert!(survey("0.5 0.5 0.5 rg 20 100 60 12 re f"));
        assert!(survey("0 G 12 w 20 100 m 200 100 l S"));
    }
}
