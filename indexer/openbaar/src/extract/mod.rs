//! Step 2: get the raw text (and the facts the format itself states) out of a file.
//!
//! Each submodule reads one format and returns an [`Extracted`](crate::model::Extracted):
//! raw page texts with their provenance, whatever metadata the format carries, and
//! embedded files (email attachments) for the records step to extract in turn.
//! [`placement`] puts the redaction boxes found on a page image into its text.
//! [`inventory`] reads the rows of a release's inventory list; [`layout`] pairs printed
//! header labels with the values on their row. [`paint`] tells which pages need rendering at all, [`quality`] scores a text layer,
//! [`page_ocr`] reads pages by OCR where the layer fails, and [`cache`] keeps what
//! extraction gave per file.

pub mod box_read;
pub mod boxes;
pub mod cache;
pub mod email;
pub mod header_ocr;
pub mod inventory;
pub mod layout;
pub mod ocr;
pub mod page_ocr;
pub mod paint;
pub mod pdf;
pub mod placement;
pub mod quality;
pub mod render;
#[cfg(test)]
pub(crate) mod test_pdf;
pub mod text;

/// A fingerprint of the code that extracts a PDF (box finding and reading, placement,
/// OCR, text layer): part of the extraction cache's key, so that an entry made by other
/// code, however small the change, is made again rather than trusted.
pub fn pdf_extractor_fingerprint() -> &'static str {
    static FINGERPRINT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let sources = [
            include_str!("box_read.rs"),
            include_str!("boxes.rs"),
            include_str!("layout.rs"),
            include_str!("ocr.rs"),
            include_str!("page_ocr.rs"),
            include_str!("paint.rs"),
            include_str!("pdf.rs"),
            include_str!("placement.rs"),
            include_str!("quality.rs"),
            include_str!("render.rs"),
            include_str!("cache.rs"),
            include_str!("../model/document.rs"),
            include_str!("../model/redaction.rs"),
            include_str!("../model/source.rs"),
        ];
        cache::content_key(sources.concat().as_bytes())[..16].to_string()
    })
}

/// Why a file could not be read. The message is shown to the user next to the file name.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The PDF is protected by a password.
    #[error("the PDF is encrypted and needs a password")]
    Encrypted,
    /// The file is damaged or not what it claims to be.
    #[error("cannot be read as {format}: {detail}")]
    Corrupt {
        /// The format that was expected.
        format: &'static str,
        /// What the reader said.
        detail: String,
    },
    /// The file is larger than the configured limit.
    #[error(
        "is {size_mb} MB, above the limit of {limit_mb} MB (openbaar.max_file_mb in config.toml)"
    )]
    TooLarge {
        /// The file's size.
        size_mb: u64,
        /// The limit.
        limit_mb: u64,
    },
    /// Reading the file failed.
    #[error("cannot be read: {0}")]
    Io(#[from] std::io::Error),
}
