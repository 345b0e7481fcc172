//! Plain text and Markdown files: one page, the text as it is.
//!
//! Text files come in whatever encoding the sender's system used. A byte-order mark
//! names it (UTF-8, UTF-16 LE or BE); otherwise valid UTF-8 is UTF-8, and anything else
//! is read as windows-1252, the superset of Latin-1 that Dutch Windows systems write
//! (its `€`, `“”` and `–` are where Latin-1 has control codes). The encoding assumed is
//! said in a note, never silently.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::ExtractError;
use crate::model::{Extracted, Provenance, RawPage};

/// Share of control characters above which a "text" file is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.1;

/// Reads a text file in its encoding.
pub fn extract_text(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let (text, encoding) = decode(bytes);
    if !text.is_empty() && control_share(&text) > MAX_CONTROL_SHARE {
        return Err(ExtractError::Corrupt {
            format: "text",
            detail: "it holds mostly NUL or control bytes, not text".into(),
        });
    }
    let notes = if encoding == UTF_8 {
        Vec::new()
    } else {
        vec![format!("not UTF-8: read as {}", encoding.name())]
    };
    Ok(Extracted {
        pages: vec![RawPage {
            provenance: Provenance::PlainText,
            confidence: None,
            text,
        }],
        notes,
        ..Extracted::default()
    })
}

/// The text of `bytes` and the encoding it was read in (a byte-order mark is dropped).
pub(super) fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), UTF_8),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), WINDOWS_1252)
        }
    }
}

fn control_share(text: &str) -> f64 {
    let (mut control, mut all) = (0usize, 0usize);
    for c in text.chars() {
        all += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            control += 1;
        }
    }
    control as f64 / all as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> (String, Vec<String>) {
        let extracted = extract_text(bytes).unwrap();
        (extracted.pages[0].text.clone(), extracted.notes)
    }

    #[test]
    fn utf8_is_read_as_it_is() {
        assert_eq!(
            read("één coördinator".as_bytes()),
            ("één coördinator".into(), vec![])
        );
        let (text, notes) = read(b"\xEF\xBB\xBFmet BOM");
        assert_eq!((text.as_str(), notes.len()), ("met BOM", 0));
    }

    #[test]
    fn legacy_encodings_are_read_and_named() {
        // windows-1252: € is 0x80, “ ” are 0x93 0x94, é is 0xE9.
        let (text, notes) = read(b"Kosten \x80 1.250 voor \x93pr\xE9-advies\x94");
        assert_eq!(text, "Kosten € 1.250 voor “pré-advies”");
        assert_eq!(notes, ["not UTF-8: read as windows-1252"]);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("één".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (text, notes) = read(&utf16);
        assert_eq!(text, "één");
        assert_eq!(notes, ["not UTF-8: read as UTF-16LE"]);
    }

    #[test]
    fn nul_bytes_are_not_text() {
        assert!(extract_text(&[0u8; 4096]).is_err());
        assert!(extract_text(b"").is_ok());
    }
}
