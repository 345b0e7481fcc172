//! Redactions: where a release blacked text out, and on which grounds.

use serde::{Deserialize, Serialize};

use super::grounds::Ground;

/// The character that stands in the clean text where a redaction was. It is not a
/// word character, so search never indexes it; the site draws it as a black bar. Text
/// that contains it before redaction gets another square instead (see `normalise`).
pub const MARKER: char = '█';

/// Which part of a document a redaction is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RedactionField {
    /// The document text (its marker is in [`super::Document::text`]).
    Text,
    /// The sender of an email, as its format states it.
    From,
    /// The recipients.
    To,
    /// The recipients in copy.
    Cc,
}

/// Where a redaction sat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// An email address whose local part was removed (`5.1.2e @jbn-vtg.nl`).
    Address,
    /// A phone number (`Mobiel: 5.1.2e`).
    Phone,
    /// A header name (`Aan: 5.1.2e`, `Van:`, `Cc:`).
    Header,
    /// Running text, or a box on a line of its own.
    Body,
}

/// A withheld passage, found where the release printed a refusal ground (or where OCR
/// read a black box as junk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redaction {
    /// The first normalised ground code of the box, e.g. `5.1.2e`; `None` for a box
    /// without a legible code.
    pub code: Option<String>,
    /// Every ground printed in the box, with its law and its meaning.
    pub grounds: Vec<Ground>,
    /// Where in the document: the text, or an email header.
    pub field: RedactionField,
    /// The page (1-based) for the text; 0 for a header.
    pub page: u32,
    /// Character offsets (Unicode scalar values) of the marker in the document text.
    pub span: Option<(usize, usize)>,
    /// Where it sat: address, phone, header or body.
    pub place: Place,
    /// The address domain that survived next to it.
    pub domain: Option<String>,
    /// The organisation of that domain, from `[extra.openbaar.domains]`.
    pub organisation: Option<String>,
}
