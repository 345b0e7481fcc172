//! Text with redaction markers, cut into segments the templates print: plain text (which
//! they escape) and redaction bars (which carry the code and its ground).

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{
    placed_paragraphs, Document, Page, Provenance, Redaction, RedactionField, MARKER,
};

/// A piece of a paragraph or header value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Segment {
    /// Text, printed escaped.
    Text {
        /// The text.
        text: String,
    },
    /// A redaction bar.
    Redaction {
        /// The codes printed in the box, e.g. `5.1.2e` or `5.1.2e, 5.1.2i`; empty for
        /// a box without a legible code.
        codes: String,
        /// The grounds in Dutch, for the tooltip and screen readers.
        ground: String,
    },
}

/// A page as the templates get it.
#[derive(Debug, Serialize)]
pub struct PageOut {
    number: u32,
    provenance: Provenance,
    paragraphs: Vec<Vec<Segment>>,
}

/// Cuts `value` at its markers, taking the redactions for them from `redactions` in order.
pub fn segments<'a>(
    value: &str,
    redactions: &mut impl Iterator<Item = &'a Redaction>,
) -> Vec<Segment> {
    let mut out = Vec::new();
    for (i, piece) in value.split(MARKER).enumerate() {
        if i > 0 {
            out.push(bar(redactions.next()));
        }
        if !piece.is_empty() {
            out.push(Segment::Text {
                text: piece.to_string(),
            });
        }
    }
    out
}

fn bar(redaction: Option<&Redaction>) -> Segment {
    let Some(redaction) = redaction else {
        return Segment::Redaction {
            codes: String::new(),
            ground: "weggelakt".into(),
        };
    };
    let grounds = redaction.grounds.as_slice();
    Segment::Redaction {
        codes: grounds
            .iter()
            .map(|g| g.code.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        ground: if grounds.is_empty() {
            "weggelakt, grond onleesbaar".to_string()
        } else {
            grounds
                .iter()
                .map(|g| g.nl.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        },
    }
}

/// The pages of a document as segments, consuming the text redactions in order.
pub fn pages_out(pages: &[Page], redactions: &[Redaction]) -> Vec<PageOut> {
    let mut in_text = redactions
        .iter()
        .filter(|r| r.field == RedactionField::Text);
    pages
        .iter()
        .map(|page| PageOut {
            number: page.number,
            provenance: page.provenance,
            paragraphs: page
                .paragraphs
                .iter()
                .map(|p| segments(p, &mut in_text))
                .collect(),
        })
        .collect()
}

/// Header values (`from`, `to`, `cc`) as segments.
pub fn header_out(
    field: RedactionField,
    values: &[String],
    redactions: &[Redaction],
) -> Vec<Vec<Segment>> {
    let mut in_field = redactions.iter().filter(|r| r.field == field);
    values
        .iter()
        .map(|v| segments(&super::one_line(v), &mut in_field))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{grounds, Place};

    fn redaction(code: &str) -> Redaction {
        Redaction {
            code: Some(code.into()),
            grounds: vec![grounds::get(code).unwrap().clone()],
            field: RedactionField::Text,
            page: 1,
            span: None,
            place: Place::Body,
            domain: None,
            organisation: None,
        }
    }

    #[test]
    fn markers_become_bars_in_order() {
        let reds = [redaction("5.1.2e"), redaction("5.2.1")];
        let segs = segments("Aan █ en █.", &mut reds.iter());
        assert_eq!(segs.len(), 5);
        assert_eq!(
            segs[1],
            Segment::Redaction {
                codes: "5.1.2e".into(),
                ground: "eerbiediging van de persoonlijke levenssfeer".into()
            }
        );
        assert!(matches!(&segs[3], Segment::Redaction { codes, .. } if codes == "5.2.1"));
        assert_eq!(segs[4], Segment::Text { text: ".".into() });
    }
}

/// A paragraph of an email thread, with the page it starts on when that changes.
#[derive(Debug, Serialize)]
pub struct ThreadParagraph {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<u32>,
    segments: Vec<Segment>,
}

/// A message of a thread as the templates get it: its header and its body paragraphs.
#[derive(Debug, Serialize)]
pub struct MessageOut {
    number: usize,
    from: Vec<Segment>,
    to: Vec<Vec<Segment>>,
    cc: Vec<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    paragraphs: Vec<ThreadParagraph>,
}

/// An email's text grouped by message. Header paragraphs are left out (the header is
/// shown as data); every paragraph still consumes its redactions, so bars stay aligned.
pub fn thread_out(doc: &Document) -> Vec<MessageOut> {
    let mut in_text = doc
        .redactions
        .iter()
        .filter(|r| r.field == RedactionField::Text);
    // Header values of quoted messages: their bars are drawn without a code here; the
    // codes are shown where the header stands in the text.
    let bare = |value: &str| segments(&super::one_line(value), &mut std::iter::empty());
    let mut out: Vec<MessageOut> = doc
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| MessageOut {
            number: i + 1,
            from: m.from.as_deref().map(bare).unwrap_or_default(),
            to: m.to.iter().map(|v| bare(v)).collect(),
            cc: m.cc.iter().map(|v| bare(v)).collect(),
            date: m.date,
            time: m.time.map(|t| t.format("%H:%M").to_string()),
            subject: m.subject.as_deref().map(super::one_line),
            paragraphs: Vec::new(),
        })
        .collect();
    let mut last_page = None;
    for paragraph in placed_paragraphs(&doc.pages) {
        let segments = segments(paragraph.text, &mut in_text);
        let at = paragraph.start;
        let owner = doc
            .messages
            .iter()
            .position(|m| m.body_span.0 <= at && at < m.body_span.1.max(m.body_span.0 + 1));
        if let Some(index) = owner {
            let number = paragraph.page.number;
            let page_marker = (last_page != Some(number) && doc.page_count > 1).then_some(number);
            last_page = Some(number);
            out[index].paragraphs.push(ThreadParagraph {
                page: page_marker,
                segments,
            });
        }
    }
    out
}
