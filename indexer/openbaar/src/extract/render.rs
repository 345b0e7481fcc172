//! Page images: a PDF page rendered by MuPDF into pixels, for finding redaction boxes
//! and for OCR.

use mupdf::{Colorspace, Matrix, Page};

/// A page rendered in RGB, 3 bytes a pixel, rows without padding.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// `width * height * 3` bytes.
    pub rgb: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Pixels per inch (a PDF point is 1/72 inch).
    pub dpi: f32,
}

impl PageImage {
    /// Pixels per PDF point.
    pub fn scale(&self) -> f32 {
        self.dpi / 72.0
    }

    /// The colour at `(x, y)`.
    pub fn rgb_at(&self, x: u32, y: u32) -> [u8; 3] {
        let i = (y as usize * self.width as usize + x as usize) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// The image in grey (luma), one byte a pixel.
    pub fn grey(&self) -> Vec<u8> {
        self.rgb
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 299 + p[1] as u32 * 587 + p[2] as u32 * 114) / 1000) as u8)
            .collect()
    }
}

/// Renders `page` at `dpi`, top-left origin, y down, like the page's own coordinates
/// in MuPDF.
pub fn render(page: &Page, dpi: f32) -> Result<PageImage, mupdf::Error> {
    let scale = dpi / 72.0;
    let pixmap = page.to_pixmap(
        &Matrix::new_scale(scale, scale),
        &Colorspace::device_rgb(),
        false,
        false,
    )?;
    let (width, height) = (pixmap.width(), pixmap.height());
    let n = pixmap.n() as usize;
    let stride = pixmap.stride() as usize;
    let samples = pixmap.samples();
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for row in 0..height as usize {
        let line = &samples[row * stride..row * stride + width as usize * n];
        for px in line.chunks_exact(n) {
            rgb.extend_from_slice(&px[..3]);
        }
    }
    Ok(PageImage {
        rgb,
        width,
        height,
        dpi,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_pdf::one_page;
    use mupdf::Document;

    #[test]
    fn a_drawn_rectangle_lands_where_its_points_say() {
        // A black box from (100, 50) to (200, 80) in top-left points on a 300x200 page.
        let pdf = one_page(300.0, 200.0, "0 g 100 120 100 30 re f");
        let doc = Document::from_bytes(&pdf, "application/pdf").unwrap();
        let page = doc.load_page(0).unwrap();
        let image = render(&page, 144.0).unwrap();
        assert_eq!((image.width, image.height), (600, 400));
        assert_eq!(image.rgb_at(300, 130), [0, 0, 0]);
        assert_eq!(image.rgb_at(190, 130), [255, 255, 255]);
        assert_eq!(image.rgb_at(300, 170), [255, 255, 255]);
        assert_eq!(image.grey()[130 * 600 + 300], 0);
    }
}
