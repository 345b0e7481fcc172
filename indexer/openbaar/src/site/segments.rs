//! Text with redaction markers, cut into segments: plain text and redaction bars (which
//! carry the code and its ground), and the segments as HTML ([`write_segments_html`]): text
//! escaped, each bar a `<mark>` with its code, its ground on hover and words for screen
//! readers. This is the one place the markup of a redaction bar is written.

use std::fmt::Write;

use chrono::NaiveDate;
use htmlescape::encode_minimal as escape;

use super::words::{Label, Words};
use crate::model::{
    placed_paragraphs, Document, Message, Page, Provenance, Redaction, RedactionField, MARKER,
};

/// A piece of a paragraph or header value.
#[derive(Debug, Clone, PartialEq)]
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
        /// The grounds in English.
        ground_en: String,
    },
}

/// A page of a document's text.
#[derive(Debug)]
pub struct PageOut {
    /// The page number, from 1.
    pub number: u32,
    /// Where its text came from.
    pub provenance: Provenance,
    /// The page's confidence in whole percent, if it has one.
    pub confidence_percent: Option<u32>,
    /// Its paragraphs.
    pub paragraphs: Vec<Vec<Segment>>,
}

/// Appends `parts` to `out` as HTML.
pub fn write_segments_html(out: &mut String, parts: &[Segment], words: Words) {
    for part in parts {
        match part {
            Segment::Text { text } => out.push_str(&escape(text)),
            Segment::Redaction {
                codes,
                ground,
                ground_en,
            } => {
                let codes = escape(codes);
                let grounds = [escape(ground), escape(ground_en)];
                let grounds = [grounds[0].as_ref(), grounds[1].as_ref()];
                out.push_str("<mark class=\"redaction\" tabindex=\"0\"");
                words.english_only(out, " lang=\"en\"");
                out.push_str(" title=\"");
                if codes.is_empty() {
                    words.label(out, Label::Redacted);
                } else {
                    words.label_with(out, Label::RedactedOn, &codes);
                }
                out.push_str(": ");
                words.write(out, grounds);
                out.push_str("\" data-ground=\"");
                words.write(out, grounds);
                out.push_str("\"><span class=\"visually-hidden\">");
                if codes.is_empty() {
                    words.label(out, Label::HiddenRedacted);
                    out.push_str(": ");
                    words.write(out, grounds);
                    out.push_str("]</span></mark>");
                } else {
                    words.label(out, Label::HiddenRedactedOn);
                    let _ = write!(out, "</span>{codes}<span class=\"visually-hidden\">: ");
                    words.write(out, grounds);
                    out.push_str("]</span></mark>");
                }
            }
        }
    }
}

/// `parts` as HTML (the tests read it this way).
#[cfg(test)]
pub fn segments_html(parts: &[Segment]) -> String {
    let mut out = String::new();
    write_segments_html(&mut out, parts, Words::In(super::Lang::Nl));
    out
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
        let [ground, ground_en] = Label::GroundNotFound.words().map(String::from);
        return Segment::Redaction {
            codes: String::new(),
            ground,
            ground_en,
        };
    };
    let grounds = redaction.grounds.as_slice();
    let [illegible, illegible_en] = Label::GroundIllegible.words();
    let names = |name: fn(&crate::model::grounds::Ground) -> &str, none: &str| {
        if grounds.is_empty() {
            none.to_string()
        } else {
            grounds.iter().map(name).collect::<Vec<_>>().join("; ")
        }
    };
    Segment::Redaction {
        codes: grounds
            .iter()
            .map(|g| g.code.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        ground: names(|g| &g.nl, illegible),
        ground_en: names(|g| &g.en, illegible_en),
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
            confidence_percent: page.confidence.map(|c| (c * 100.0).round() as u32),
            paragraphs: page
                .paragraphs
                .iter()
                .map(|p| segments(p, &mut in_text))
                .collect(),
        })
        .collect()
}

/// A document's header values (`from`, `to`, `cc`) as segments. Their bars take the
/// boxes of that header field; a printed email has none (its header is text), so they
/// take the boxes in the header of its newest message.
pub fn header_out(field: RedactionField, values: &[String], doc: &Document) -> Vec<Vec<Segment>> {
    let of_field: Vec<&Redaction> = doc.redactions.iter().filter(|r| r.field == field).collect();
    let boxes = match doc.messages.first() {
        Some(newest) if of_field.is_empty() => header_boxes(doc, 0, newest),
        _ => of_field,
    };
    let mut boxes = HeaderBoxes::new(boxes);
    values
        .iter()
        .map(|v| boxes.segments(&super::one_line(v)))
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
            image_box: None,
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
                ground: "eerbiediging van de persoonlijke levenssfeer".into(),
                ground_en: grounds::get("5.1.2e").unwrap().en.clone(),
            }
        );
        assert!(matches!(&segs[3], Segment::Redaction { codes, .. } if codes == "5.2.1"));
        assert_eq!(segs[4], Segment::Text { text: ".".into() });
    }

    #[test]
    fn html_escapes_text_and_draws_bars() {
        let reds = [redaction("5.1.2e")];
        let segs = segments("<b>Aan</b> \"█\" & co", &mut reds.iter());
        assert_eq!(
            segments_html(&segs),
            "&lt;b&gt;Aan&lt;/b&gt; &quot;<mark class=\"redaction\" tabindex=\"0\" \
             title=\"Weggelakt op grond van 5.1.2e: eerbiediging van de persoonlijke levenssfeer\" \
             data-ground=\"eerbiediging van de persoonlijke levenssfeer\"><span class=\"visually-hidden\">\
             [weggelakt op grond van </span>5.1.2e<span class=\"visually-hidden\">: eerbiediging van de \
             persoonlijke levenssfeer]</span></mark>&quot; &amp; co"
        );
        // A bar without a legible code says so, in words only.
        let bare = segments_html(&segments("█", &mut std::iter::empty()));
        assert!(
            bare.contains(
                "<span class=\"visually-hidden\">[weggelakt: grond niet gevonden]</span></mark>"
            ),
            "{bare}"
        );
    }

    #[test]
    fn header_bars_take_the_box_at_their_domain() {
        let mut a = redaction("5.1.2e");
        a.domain = Some("a.nl".into());
        let mut b = redaction("5.2.1");
        b.domain = Some("b.nl".into());
        let mut boxes = HeaderBoxes::new(vec![&a, &a, &b]);
        let codes = |segs: Vec<Segment>| -> Vec<String> {
            segs.into_iter()
                .filter_map(|s| match s {
                    Segment::Redaction { codes, .. } => Some(codes),
                    Segment::Text { .. } => None,
                })
                .collect()
        };
        assert_eq!(
            codes(boxes.segments("█ @ b.nl <█ @ b.nl>")),
            ["5.2.1", "5.2.1"]
        );
        assert_eq!(codes(boxes.segments("█ @a.nl")), ["5.1.2e"]);
        assert_eq!(domain_after(" @ b.nl>"), Some("b.nl".into()));
        assert_eq!(domain_after(" en"), None);
    }
}

/// The redactions of message `index`'s header: the boxes in the text between the start of
/// its header and its body; for an email's own header, which is not in the text, the
/// boxes of the document's From, To and Cc.
fn header_boxes<'a>(doc: &'a Document, index: usize, message: &Message) -> Vec<&'a Redaction> {
    let in_header = |r: &&Redaction| {
        r.field == RedactionField::Text
            && r.span.is_some_and(|(start, _)| {
                message.header_start <= start && start < message.body_span.0
            })
    };
    let boxes: Vec<&Redaction> = doc.redactions.iter().filter(in_header).collect();
    if !boxes.is_empty() || index > 0 {
        return boxes;
    }
    doc.redactions
        .iter()
        .filter(|r| {
            matches!(
                r.field,
                RedactionField::From | RedactionField::To | RedactionField::Cc
            )
        })
        .collect()
}

/// The boxes of one message header, handed to its bars: a bar followed by `@domain`
/// takes the first unused box at that domain (or the one it repeats: `█ @x <█ @x>` is one
/// address written twice), any other bar the next unused box.
struct HeaderBoxes<'a> {
    boxes: Vec<(&'a Redaction, bool)>,
}

impl<'a> HeaderBoxes<'a> {
    fn new(boxes: Vec<&'a Redaction>) -> Self {
        HeaderBoxes {
            boxes: boxes.into_iter().map(|r| (r, false)).collect(),
        }
    }

    fn segments(&mut self, value: &str) -> Vec<Segment> {
        let mut out = Vec::new();
        let pieces: Vec<&str> = value.split(MARKER).collect();
        for (i, piece) in pieces.iter().enumerate() {
            if i > 0 {
                out.push(bar(self.take(domain_after(piece))));
            }
            if !piece.is_empty() {
                out.push(Segment::Text {
                    text: piece.to_string(),
                });
            }
        }
        out
    }

    fn take(&mut self, domain: Option<String>) -> Option<&'a Redaction> {
        let same_domain = |r: &Redaction| match &domain {
            Some(d) => r
                .domain
                .as_deref()
                .is_some_and(|rd| rd.eq_ignore_ascii_case(d)),
            None => true,
        };
        if let Some(index) = self
            .boxes
            .iter()
            .position(|(r, used)| !used && same_domain(r))
        {
            self.boxes[index].1 = true;
            return Some(self.boxes[index].0);
        }
        // A placed box at this domain: the bar repeats its address (`█ @x <█ @x>`).
        if domain.is_some() {
            if let Some((r, _)) = self.boxes.iter().find(|(r, used)| *used && same_domain(r)) {
                return Some(*r);
            }
        }
        if let Some(index) = self.boxes.iter().position(|(_, used)| !used) {
            self.boxes[index].1 = true;
            return Some(self.boxes[index].0);
        }
        self.boxes.first().map(|(r, _)| *r)
    }
}

/// The domain of `@ domain.nl` at the start of `text`, if it starts with one.
fn domain_after(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix('@')?.trim_start();
    let domain: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    (!domain.is_empty()).then(|| domain.trim_end_matches('.').to_string())
}

/// A paragraph of an email thread, with the page it starts on when that changes.
#[derive(Debug)]
pub struct ThreadParagraph {
    /// The page it starts on, when that differs from the previous paragraph's.
    pub page: Option<u32>,
    /// Its text.
    pub segments: Vec<Segment>,
}

/// A message of a thread: its header and its body paragraphs.
#[derive(Debug)]
pub struct MessageOut {
    /// Its place in the document, from 1 (the newest message first).
    pub number: usize,
    /// Sender.
    pub from: Vec<Segment>,
    /// Recipients.
    pub to: Vec<Vec<Segment>>,
    /// Copy recipients.
    pub cc: Vec<Vec<Segment>>,
    /// Day sent.
    pub date: Option<NaiveDate>,
    /// Time sent, `HH:MM`.
    pub time: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<ThreadParagraph>,
}

/// An email's text grouped by message. Header paragraphs are left out (the header is
/// shown as data); every paragraph still consumes its redactions, so bars stay aligned.
pub fn thread_out(doc: &Document) -> Vec<MessageOut> {
    let mut in_text = doc
        .redactions
        .iter()
        .filter(|r| r.field == RedactionField::Text);
    let mut out: Vec<MessageOut> = doc
        .messages
        .iter()
        .enumerate()
        .map(|(i, m)| {
            // Each header bar takes its ground from a box of this message's header.
            let mut boxes = HeaderBoxes::new(header_boxes(doc, i, m));
            let mut value = |v: &str| boxes.segments(&super::one_line(v));
            MessageOut {
                number: i + 1,
                from: m.from.as_deref().map(&mut value).unwrap_or_default(),
                to: m.to.iter().map(|v| value(v)).collect(),
                cc: m.cc.iter().map(|v| value(v)).collect(),
                date: m.date,
                time: m.time.map(|t| t.format("%H:%M").to_string()),
                subject: m.subject.as_deref().map(super::one_line),
                paragraphs: Vec::new(),
            }
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
