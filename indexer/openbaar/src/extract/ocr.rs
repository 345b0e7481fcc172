//! Optical character recognition of a grey image, through the system's Tesseract 5.
//!
//! One engine per thread and language set, made on first use and kept for the thread's
//! life: making one loads the language data (about 0.1–0.3 s), reading a small image then
//! costs milliseconds. Rayon's workers each get their own, so callers may read in parallel.
//!
//! The engine is optional. A build without the `ocr` feature, or a machine without
//! Tesseract's language data, gets [`OcrError::Unavailable`] with a message that says what
//! to install; callers keep going and report the pages they could not read.

use std::fmt;

/// An 8-bit grey image (0 black, 255 white), row by row without padding.
#[derive(Debug, Clone, Copy)]
pub struct GreyImage<'a> {
    /// `width * height` bytes.
    pub pixels: &'a [u8],
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Resolution in dots per inch, so the engine can judge letter sizes.
    pub dpi: u32,
}

/// How the engine should split the image into lines and words (Tesseract's page
/// segmentation modes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A whole page: blocks, columns and lines are found automatically (mode 3).
    Page,
    /// One uniform block of text (mode 6).
    Block,
    /// One line of text (mode 7), as in a redaction box.
    Line,
    /// As much text as possible in no particular order (mode 11).
    Sparse,
}

/// What to read and how.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// Tesseract language codes joined by `+`, e.g. `nld+eng`.
    pub languages: &'a str,
    /// Only these characters may be read; `None` for any.
    pub whitelist: Option<&'a str>,
    /// How the image is laid out.
    pub layout: Layout,
}

/// A word the engine read.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// The word's text.
    pub text: String,
    /// The engine's confidence, 0.0–1.0.
    pub confidence: f32,
    /// Its rectangle in pixels of the image: left, top, right, bottom.
    pub bbox: [u32; 4],
    /// Which line of the image it is on (block, paragraph, line), for putting words back
    /// together in reading order.
    pub line: (u32, u32, u32),
}

/// Why an image could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrError {
    /// No engine on this build or machine; the message says what to install.
    Unavailable(String),
    /// The engine was there but failed on this image.
    Failed(String),
}

impl fmt::Display for OcrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrError::Unavailable(why) => write!(f, "OCR is not available: {why}"),
            OcrError::Failed(why) => write!(f, "OCR failed: {why}"),
        }
    }
}

impl std::error::Error for OcrError {}

/// Reads the words of `image`, with one engine per thread and language set.
pub fn recognise(image: &GreyImage<'_>, request: &Request<'_>) -> Result<Vec<Word>, OcrError> {
    if image.pixels.len() < image.width as usize * image.height as usize {
        return Err(OcrError::Failed(format!(
            "image of {}x{} pixels has only {} bytes",
            image.width,
            image.height,
            image.pixels.len()
        )));
    }
    if image.width == 0 || image.height == 0 {
        return Ok(Vec::new());
    }
    engine::recognise(image, request)
}

/// Whether OCR works here for `languages`: `Ok` or the reason it does not, to say once
/// at the start of a build.
pub fn check(languages: &str) -> Result<(), OcrError> {
    let white = [255u8; 16 * 16];
    let image = GreyImage {
        pixels: &white,
        width: 16,
        height: 16,
        dpi: 300,
    };
    let request = Request {
        languages,
        whitelist: None,
        layout: Layout::Line,
    };
    recognise(&image, &request).map(|_| ())
}

/// Parses Tesseract's TSV output into words (level 5 rows with text).
fn parse_tsv(tsv: &str) -> Vec<Word> {
    let mut words = Vec::new();
    for row in tsv.lines() {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.len() < 12 || cols[0] != "5" {
            continue;
        }
        let num = |i: usize| cols[i].trim().parse::<i64>().unwrap_or(0).max(0) as u32;
        let text = cols[11..].join("\t").trim().to_string();
        if text.is_empty() {
            continue;
        }
        let confidence = cols[10]
            .trim()
            .parse::<f32>()
            .unwrap_or(0.0)
            .clamp(0.0, 100.0)
            / 100.0;
        let (left, top, width, height) = (num(6), num(7), num(8), num(9));
        words.push(Word {
            text,
            confidence,
            bbox: [left, top, left + width, top + height],
            line: (num(2), num(3), num(4)),
        });
    }
    words
}

#[cfg(feature = "ocr")]
mod engine {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::ffi::CString;

    use tesseract_plumbing::tesseract_sys::{
        TessPageSegMode, TessPageSegMode_PSM_AUTO, TessPageSegMode_PSM_SINGLE_BLOCK,
        TessPageSegMode_PSM_SINGLE_LINE, TessPageSegMode_PSM_SPARSE_TEXT,
    };
    use tesseract_plumbing::TessBaseApi;

    use super::{parse_tsv, GreyImage, Layout, OcrError, Request, Word};

    thread_local! {
        /// This thread's engines by language set; `None` where making one failed, so a
        /// missing language is tried once per thread, not once per image.
        static ENGINES: RefCell<HashMap<String, Option<TessBaseApi>>> =
            RefCell::new(HashMap::new());
    }

    fn mode(layout: Layout) -> TessPageSegMode {
        match layout {
            Layout::Page => TessPageSegMode_PSM_AUTO,
            Layout::Block => TessPageSegMode_PSM_SINGLE_BLOCK,
            Layout::Line => TessPageSegMode_PSM_SINGLE_LINE,
            Layout::Sparse => TessPageSegMode_PSM_SPARSE_TEXT,
        }
    }

    fn unavailable(languages: &str) -> OcrError {
        OcrError::Unavailable(format!(
            "Tesseract could not load the language data `{languages}` (install tesseract-ocr \
             with tesseract-ocr-nld and tesseract-ocr-eng, or set TESSDATA_PREFIX)"
        ))
    }

    fn make(languages: &str) -> Option<TessBaseApi> {
        let langs = CString::new(languages).ok()?;
        let mut api = TessBaseApi::create();
        api.init_2(None, Some(&langs)).ok()?;
        // Words the dictionary does not know (codes, names) must not be "corrected".
        for (name, value) in [("load_system_dawg", "0"), ("debug_file", "/dev/null")] {
            let (n, v) = (CString::new(name).ok()?, CString::new(value).ok()?);
            let _ = api.set_variable(&n, &v);
        }
        Some(api)
    }

    pub(super) fn recognise(
        image: &GreyImage<'_>,
        request: &Request<'_>,
    ) -> Result<Vec<Word>, OcrError> {
        ENGINES.with(|engines| {
            let mut engines = engines.borrow_mut();
            let api = engines
                .entry(request.languages.to_string())
                .or_insert_with(|| make(request.languages))
                .as_mut()
                .ok_or_else(|| unavailable(request.languages))?;
            let failed = |what: &str| OcrError::Failed(what.to_string());
            let whitelist = CString::new(request.whitelist.unwrap_or(""))
                .map_err(|_| failed("whitelist holds a NUL character"))?;
            api.set_variable(c"tessedit_char_whitelist", &whitelist)
                .map_err(|_| failed("cannot set the whitelist"))?;
            api.set_page_seg_mode(mode(request.layout));
            let (w, h) = (image.width as i32, image.height as i32);
            api.set_image(image.pixels, w, h, 1, w)
                .map_err(|e| OcrError::Failed(format!("image refused: {e}")))?;
            api.set_source_resolution(image.dpi as i32);
            api.recognize()
                .map_err(|_| failed("the engine could not read the image"))?;
            let tsv = api
                .get_tsv_text(0)
                .map_err(|_| failed("the engine returned no result"))?;
            Ok(parse_tsv(&tsv.as_ref().to_string_lossy()))
        })
    }
}

#[cfg(not(feature = "ocr"))]
mod engine {
    use super::{GreyImage, OcrError, Request, Word};

    pub(super) fn recognise(
        _image: &GreyImage<'_>,
        _request: &Request<'_>,
    ) -> Result<Vec<Word>, OcrError> {
        Err(OcrError::Unavailable(
            "this openbaar was built without the `ocr` feature (Tesseract); rebuild with \
             libtesseract-dev installed"
                .into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_rows_become_words() {
        let tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n\
                   1\t1\t0\t0\t0\t0\t0\t0\t100\t20\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t4\t3\t40\t12\t91.5\t5.1.2e\n\
                   5\t1\t1\t1\t1\t2\t50\t3\t10\t12\t95\t \n";
        let words = parse_tsv(tsv);
        assert_eq!(words.len(), 1);
        assert_eq!(words[0].text, "5.1.2e");
        assert_eq!(words[0].bbox, [4, 3, 44, 15]);
        assert!((words[0].confidence - 0.915).abs() < 1e-4);
        assert_eq!(words[0].line, (1, 1, 1));
    }

    #[test]
    fn a_short_buffer_is_an_error() {
        let image = GreyImage {
            pixels: &[0; 10],
            width: 10,
            height: 10,
            dpi: 300,
        };
        let request = Request {
            languages: "eng",
            whitelist: None,
            layout: Layout::Line,
        };
        assert!(matches!(
            recognise(&image, &request),
            Err(OcrError::Failed(_))
        ));
    }

    /// A page with `5.1.2e` in white on a grey box, rendered, cropped, inverted and read
    /// with the whitelist a box reader uses; and a Dutch line read as a page.
    #[test]
    fn rendered_text_is_read_with_boxes_and_confidence() {
        use crate::extract::{render::render, test_pdf::one_page};
        let pdf = one_page(
            300.0,
            100.0,
            "0.5 g 20 40 120 30 re f 1 g BT /F1 20 Tf 30 48 Td (5.1.2e) Tj ET \
             0 g BT /F1 14 Tf 160 50 Td (Openbaar) Tj ET",
        );
        let doc = mupdf::Document::from_bytes(&pdf, "application/pdf").unwrap();
        let image = render(&doc.load_page(0).unwrap(), 300.0).unwrap();
        let grey = image.grey();
        let (w, h) = (image.width as usize, image.height as usize);
        // The box: points (20, 30)-(140, 60), top-left origin; inverted so letters are dark.
        let s = image.scale();
        let (x0, y0, x1, y1) = (
            (20.0 * s) as usize,
            (30.0 * s) as usize,
            (140.0 * s) as usize,
            (60.0 * s) as usize,
        );
        let mut crop = Vec::new();
        for y in y0..y1 {
            crop.extend(grey[y * w + x0..y * w + x1].iter().map(|v| 255 - v));
        }
        let boxed = GreyImage {
            pixels: &crop,
            width: (x1 - x0) as u32,
            height: (y1 - y0) as u32,
            dpi: 300,
        };
        let request = Request {
            languages: "eng",
            whitelist: Some("0123456789.abcdefghijklmnopqrstuvwxyz"),
            layout: Layout::Line,
        };
        let words = recognise(&boxed, &request)
            .expect("Tesseract with English data is installed (scripts/setup)");
        let read: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(read, ["5.1.2e"], "{words:?}");
        assert!(words[0].confidence > 0.5, "{words:?}");
        let page = GreyImage {
            pixels: &grey,
            width: w as u32,
            height: h as u32,
            dpi: 300,
        };
        let words = recognise(
            &page,
            &Request {
                languages: "nld+eng",
                whitelist: None,
                layout: Layout::Page,
            },
        )
        .unwrap();
        let found = words
            .iter()
            .find(|w| w.text == "Openbaar")
            .expect("the Dutch word is read");
        // Its box is right of the grey box, in pixels of the page.
        assert!(
            found.bbox[0] as f32 > 150.0 * s && (found.bbox[2] as f32) < 300.0 * s,
            "{found:?}"
        );
    }

    #[test]
    fn an_unknown_language_is_unavailable_not_a_crash() {
        let err = check("xx_no_such_language").unwrap_err();
        assert!(matches!(err, OcrError::Unavailable(_)), "{err}");
        assert!(err.to_string().contains("xx_no_such_language"));
    }
}
