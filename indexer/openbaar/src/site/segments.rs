//! Text with redaction markers, cut into segments the templates print: plain text (which
//! they escape) and redaction bars (which carry the code and its ground).

use serde::Serialize;

use crate::record::{Page, Provenance, Redaction};
use crate::redact::MARKER;

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
    let grounds = redaction.map(|r| r.grounds.as_slice()).unwrap_or_default();
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
    let mut in_text = redactions.iter().filter(|r| r.field == "text");
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
pub fn header_out(field: &str, values: &[String], redactions: &[Redaction]) -> Vec<Vec<Segment>> {
    let mut in_field = redactions.iter().filter(|r| r.field == field);
    values
        .iter()
        .map(|v| segments(&super::one_line(v), &mut in_field))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grounds;
    use crate::redact::Place;

    fn redaction(code: &str) -> Redaction {
        Redaction {
            code: Some(code.into()),
            grounds: vec![grounds::get(code).unwrap().clone()],
            field: "text".into(),
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
