//! Step 2: get the raw text (and the facts the format itself states) out of a file.
//!
//! Each submodule reads one format and returns an [`Extracted`]: raw page texts
//! with their provenance, whatever metadata the format carries, and embedded files
//! (email attachments) for the pipeline to extract in turn.

pub mod email;
pub mod pdf;
pub mod text;

use crate::record::Provenance;

/// The raw text of one page, before normalisation.
#[derive(Debug, Clone, PartialEq)]
pub struct RawPage {
    /// Where the text came from.
    pub provenance: Provenance,
    /// The text as the format gave it, lines separated by `\n`, blocks by a blank line.
    pub text: String,
}

/// A file carried inside another one (an email attachment, a message of a mailbox).
#[derive(Debug, Clone, PartialEq)]
pub struct Embedded {
    /// Its file name, as the container gave it (or one made up for it).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Everything a format gave us about one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// The pages, in order.
    pub pages: Vec<RawPage>,
    /// A title stated by the format (PDF metadata), if any.
    pub title: Option<String>,
    /// A date stated by the format, `YYYY-MM-DD`, with where it came from.
    pub date: Option<(String, &'static str)>,
    /// Sender, when the format states it.
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Recipients in copy.
    pub cc: Vec<String>,
    /// Subject line.
    pub subject: Option<String>,
    /// An email's Message-ID.
    pub message_id: Option<String>,
    /// The Message-IDs an email answers (In-Reply-To and References).
    pub references: Vec<String>,
    /// Files carried inside this one.
    pub attachments: Vec<Embedded>,
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
