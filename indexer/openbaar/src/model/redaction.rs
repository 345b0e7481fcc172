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

/// A rectangle on a page in PDF points, from the page's top-left corner, y down:
/// `[left, top, right, bottom]`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rect(pub [f32; 4]);

impl Rect {
    /// Its width.
    pub fn width(&self) -> f32 {
        (self.0[2] - self.0[0]).max(0.0)
    }

    /// Its height.
    pub fn height(&self) -> f32 {
        (self.0[3] - self.0[1]).max(0.0)
    }

    /// Its area in square points.
    pub fn area(&self) -> f32 {
        self.width() * self.height()
    }

    /// The area it shares with `other`.
    pub fn overlap(&self, other: &Rect) -> f32 {
        let w = self.0[2].min(other.0[2]) - self.0[0].max(other.0[0]);
        let h = self.0[3].min(other.0[3]) - self.0[1].max(other.0[1]);
        w.max(0.0) * h.max(0.0)
    }

    /// Intersection over union: 1 for the same rectangle, 0 for disjoint ones.
    pub fn iou(&self, other: &Rect) -> f32 {
        let shared = self.overlap(other);
        let union = self.area() + other.area() - shared;
        if union <= 0.0 {
            0.0
        } else {
            shared / union
        }
    }
}

/// A word OCR read inside a box on a page image.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxWord {
    /// What was read.
    pub text: String,
    /// The engine's confidence, 0–1.
    pub confidence: f32,
    /// Where on the page.
    pub rect: Rect,
}

/// A filled box found on a page image, and what OCR read in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageBox {
    /// Where on the page.
    pub rect: Rect,
    /// Its colour.
    pub colour: [u8; 3],
    /// The words read inside it; `None` where OCR was not available.
    pub words: Option<Vec<BoxWord>>,
}
