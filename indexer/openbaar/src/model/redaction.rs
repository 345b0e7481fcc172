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
    /// The box on the page image, for a redaction found by looking at a PDF page; none
    /// for one known only from the text (a code or OCR junk in a text layer or an email).
    #[serde(default, rename = "box", skip_serializing_if = "Option::is_none")]
    pub image_box: Option<ImageBox>,
}

/// A redaction box as found on a page image (`extract::boxes`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ImageBox {
    /// Where on its page, in PDF points from the top-left corner.
    pub rect: Rect,
    /// Its area in square points.
    pub area: f32,
    /// How sure the reading of its ground is, 0–1 (0 where nothing legible was read);
    /// none where its code was not read (no OCR engine on the machine that built it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

/// The first character that stands in a PDF page's raw text where a redaction box was
/// found: box `i` of the page is `char::from_u32(BOX_ANCHOR_BASE + i)`, a character of
/// the supplementary private use area that no text of a Woo release uses (extraction
/// replaces any it finds). Redaction turns each into [`MARKER`] and the box's facts.
pub const BOX_ANCHOR_BASE: u32 = 0xF0000;
/// How many boxes a page can anchor (the size of the private use plane, less its last
/// two non-characters).
pub const BOX_ANCHOR_COUNT: u32 = 0xFFFE;

/// The anchor of box `index` of a page (see [`BOX_ANCHOR_BASE`]).
pub fn box_anchor(index: usize) -> Option<char> {
    u32::try_from(index)
        .ok()
        .filter(|&i| i < BOX_ANCHOR_COUNT)
        .and_then(|i| char::from_u32(BOX_ANCHOR_BASE + i))
}

/// The box index an anchor character stands for.
pub fn anchor_index(c: char) -> Option<usize> {
    let code = c as u32;
    (BOX_ANCHOR_BASE..BOX_ANCHOR_BASE + BOX_ANCHOR_COUNT)
        .contains(&code)
        .then(|| (code - BOX_ANCHOR_BASE) as usize)
}

/// The boxes found on one PDF page, with the page's size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageBoxes {
    /// 1-based page number.
    pub page: u32,
    /// Width and height of the page in points.
    pub size: [f32; 2],
    /// The boxes, in the order of their anchors (`box_anchor(i)` is `boxes[i]`).
    pub boxes: Vec<PageBox>,
    /// For each box, the text-layer characters it covered: what the publisher's OCR
    /// made of it, dropped from the text.
    #[serde(default)]
    pub covered: Vec<String>,
}

/// How much of a page or a document is blacked out: the area of its redaction boxes
/// over its area, in total and per ground. Where boxes overlap, the area is counted once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BlackedOut {
    /// The share of the area under boxes, 0–1.
    pub share: f32,
    /// Per ground, in the order of the law; boxes without a legible ground last, with
    /// no code. A box of two grounds counts for each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grounds: Vec<GroundShare>,
}

/// The share of a page or document under boxes of one ground.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroundShare {
    /// The ground, e.g. `5.1.2e`; none for boxes whose ground was not read.
    pub code: Option<String>,
    /// The share of the area, 0–1.
    pub share: f32,
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoxWord {
    /// What was read.
    pub text: String,
    /// The engine's confidence, 0–1.
    pub confidence: f32,
    /// Where on the page.
    pub rect: Rect,
}

/// A filled box found on a page image, and what OCR read in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageBox {
    /// Where on the page.
    pub rect: Rect,
    /// Its colour.
    pub colour: [u8; 3],
    /// The words read inside it; `None` where OCR was not available.
    pub words: Option<Vec<BoxWord>>,
}
