//! Step 2: get the raw text (and the facts the format itself states) out of a file.
//!
//! Each submodule reads one format and returns an [`Extracted`](crate::model::Extracted):
//! raw page texts with their provenance, whatever metadata the format carries, and
//! embedded files (email attachments) for the records step to extract in turn.
//! [`inventory`] reads the rows of a release's inventory list; [`layout`] pairs printed
//! header labels with the values on their row. [`quality`] scores a text layer,
//! [`page_ocr`] reads pages by OCR where the layer fails, and [`cache`] keeps what
//! extraction gave per file.

pub mod box_read;
pub mod boxes;
pub mod cache;
pub mod email;
pub mod inventory;
pub mod layout;
pub mod ocr;
pub mod page_ocr;
pub mod pdf;
pub mod quality;
pub mod render;
#[cfg(test)]
pub(crate) mod test_pdf;
pub mod text;

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
