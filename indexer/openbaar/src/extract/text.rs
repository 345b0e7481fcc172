//! Plain text and Markdown files: one page, the text as it is.

use super::ExtractError;
use crate::model::{Extracted, Provenance, RawPage};

/// Reads a UTF-8 text file (invalid bytes become U+FFFD rather than failing the file).
pub fn extract_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let text = String::from_utf8_lossy(bytes).into_owned();
    Ok(Extracted {
        pages: vec![RawPage {
            provenance: Provenance::PlainText,
            text,
        }],
        ..Extracted::default()
    })
}
