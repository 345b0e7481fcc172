//! Emails inside text: header blocks (`From:`/`Van:`, `To:`/`Aan:`, `Sent:`/`Verzonden:`,
//! `Subject:`/`Onderwerp:` …) split a printed thread, or the quoted part of a real email,
//! into its messages. Works on normalised paragraphs, after redaction, so a redacted
//! sender stays in the thread as a redaction with its domain.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use crate::model::{placed_paragraphs, Message, Page, PARAGRAPH_SEPARATOR};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    From,
    To,
    Cc,
    Sent,
    Subject,
    Other,
}

static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?P<label>from|rrom|prom|van|to|aan|cc|bcc|sent|verzonden|date|datum|subject|onderwerp|received|urgentie|importance|priority|bijlagen|attachments)\s*:\s*(?P<value>.*)$",
    )
    .expect("valid regex")
});

static TRAILING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(received|sent|verzonden|to|aan|cc|from|van|subject|onderwerp)\s*:\s*$")
        .expect("valid regex")
});

fn field(label: &str) -> Field {
    match label.to_lowercase().as_str() {
        "from" | "rrom" | "prom" | "van" => Field::From,
        "to" | "aan" => Field::To,
        "cc" | "bcc" => Field::Cc,
        "sent" | "verzonden" | "date" | "datum" => Field::Sent,
        "subject" | "onderwerp" => Field::Subject,
        _ => Field::Other,
    }
}

#[derive(Debug, Default)]
struct Block {
    from: Option<String>,
    to: Vec<String>,
    cc: Vec<String>,
    sent: Option<String>,
    subject: Option<String>,
    fields: usize,
    /// Paragraph index where the block starts and one past where it ends.
    start: usize,
    end: usize,
}

impl Block {
    fn set(&mut self, field: Field, value: &str) {
        // A label of the next line glued on by OCR: `RE: handreiking Received:`.
        let value = TRAILING_LABEL.replace(value.trim(), "");
        let value = value.trim();
        match field {
            Field::From => self.from = Some(value.to_string()).filter(|v| !v.is_empty()),
            Field::To => self.to.extend(recipients(value)),
            Field::Cc => self.cc.extend(recipients(value)),
            Field::Sent => self.sent = Some(value.to_string()).filter(|v| !v.is_empty()),
            Field::Subject => self.subject = Some(value.to_string()).filter(|v| !v.is_empty()),
            Field::Other => {}
        }
    }

    /// A real header block names a sender and a date or a subject; letters have
    /// `Datum:` and `Onderwerp:` lines too, but no sender.
    fn is_message(&self) -> bool {
        self.from.is_some() && (self.sent.is_some() || self.subject.is_some()) && self.fields >= 3
    }
}

fn recipients(value: &str) -> Vec<String> {
    value
        .split(';')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// Finds the messages in the paragraphs of `pages`, with their body spans in the
/// document text the paragraphs are joined into.
pub fn split_messages(pages: &[Page]) -> Vec<Message> {
    let placed: Vec<_> = placed_paragraphs(pages).collect();
    let paragraphs: Vec<&str> = placed.iter().map(|p| p.text).collect();
    let text_len = placed.last().map_or(0, |p| p.end());
    let separator = PARAGRAPH_SEPARATOR.chars().count();
    // Where paragraph `i` starts; one past the last paragraph is the end of the text.
    let start_of = |i: usize| placed.get(i).map_or(text_len, |p| p.start);

    let blocks = header_blocks(&paragraphs);
    let messages: Vec<&Block> = blocks.iter().filter(|b| b.is_message()).collect();
    messages
        .iter()
        .enumerate()
        .map(|(i, block)| {
            let body_start = start_of(block.end);
            let body_end = messages
                .get(i + 1)
                .map(|next| start_of(next.start).saturating_sub(separator))
                .unwrap_or(text_len)
                .max(body_start);
            let sent = block
                .sent
                .as_deref()
                .and_then(|s| find_dates(s).into_iter().next());
            Message {
                from: block.from.clone(),
                to: block.to.clone(),
                cc: block.cc.clone(),
                date: sent.and_then(|d| d.value.day()),
                time: sent.and_then(|d| d.value.time),
                printed: None,
                subject: block.subject.clone(),
                body_span: (body_start, body_end),
                header_start: start_of(block.start),
            }
        })
        .collect()
}

/// Runs of header paragraphs. A label alone on its paragraph (`From:`, as OCR splits a
/// printed header) takes the next paragraph as its value; a paragraph without a label
/// right after `To:` or `Cc:` continues that list.
fn header_blocks(paragraphs: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut i = 0;
    while i < paragraphs.len() {
        let paragraph = paragraphs[i];
        if let Some(caps) = HEADER.captures(paragraph) {
            let f = field(&caps["label"]);
            let mut value = caps["value"].to_string();
            let mut consumed = 1;
            if value.trim().is_empty() {
                if let Some(next) = paragraphs.get(i + 1) {
                    if !HEADER.is_match(next) {
                        value = next.to_string();
                        consumed = 2;
                    }
                }
            }
            let block = current.get_or_insert_with(|| Block {
                start: i,
                ..Block::default()
            });
            // A second sender starts a new message.
            if f == Field::From && block.from.is_some() {
                let done = current.take().expect("block");
                blocks.push(done);
                current = Some(Block {
                    start: i,
                    ..Block::default()
                });
            }
            let block = current.as_mut().expect("block");
            block.set(f, &value);
            block.fields += 1;
            block.end = i + consumed;
            i += consumed;
            continue;
        }
        // A wrapped recipient list continues the block.
        let continues = current.as_ref().is_some_and(|b| {
            b.end == i
                && (b.to.last().is_some() || b.cc.last().is_some())
                && paragraph.len() < 300
                && paragraph.contains(['@', ';', '['])
        });
        // OCR scatters the pieces of a redacted header over short paragraphs; a few of
        // them before the next label do not end the block.
        let debris = current.is_some()
            && paragraph.chars().count() <= 30
            && paragraphs[i + 1..]
                .iter()
                .take(3)
                .any(|next| HEADER.is_match(next));
        if continues {
            let block = current.as_mut().expect("block");
            let list = if block.cc.is_empty() {
                &mut block.to
            } else {
                &mut block.cc
            };
            list.extend(recipients(paragraph));
            block.end = i + 1;
        } else if debris {
            current.as_mut().expect("block").end = i + 1;
        } else if let Some(done) = current.take() {
            blocks.push(done);
        }
        i += 1;
    }
    blocks.extend(current);
    blocks
}

/// The longest thread key, in characters: it names a folder of the site (`/draad/…`),
/// and a file name has at most 255 bytes.
const MAX_THREAD_KEY_CHARS: usize = 200;

/// The subject without reply and forward prefixes, lower case, cut at a word to at
/// most [`MAX_THREAD_KEY_CHARS`]: the key of a thread.
pub fn thread_key(subject: &str) -> String {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(re|fw|fwd|antw|antwoord|doorst|wg|aw|tr|sv)\s*(\[\d+\])?\s*:\s*")
            .expect("valid regex")
    });
    let mut rest = subject.trim();
    while let Some(m) = PREFIX.find(rest) {
        rest = &rest[m.end()..];
    }
    let mut key = String::new();
    let mut length = 0;
    for word in rest.split_whitespace() {
        let word = word.to_lowercase();
        let needed = word.chars().count() + usize::from(length > 0);
        if length + needed > MAX_THREAD_KEY_CHARS {
            if length == 0 {
                key = word.chars().take(MAX_THREAD_KEY_CHARS).collect();
            }
            break;
        }
        if length > 0 {
            key.push(' ');
        }
        key.push_str(&word);
        length += needed;
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Provenance};

    /// The date and time of a message as `YYYY-MM-DD` and `HH:MM`.
    fn when(m: &Message) -> (Option<String>, Option<String>) {
        (
            m.date.map(|d| d.to_string()),
            m.time.map(|t| t.format("%H:%M").to_string()),
        )
    }

    fn pages(paragraphs: &[&str]) -> Vec<Page> {
        vec![Page {
            number: 1,
            provenance: Provenance::TextLayer,
            paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
        }]
    }

    #[test]
    fn a_printed_thread_splits_into_its_messages() {
        let p = pages(&[
            "To: Manouska Molema[Manouska.Molema@ groningen.nl];",
            "j.broekema[Manouska.Molema@ groningen.nl]; j.broekema@ assen.nl[j.broekema@ assen.nl]",
            "Cc: █ @dewoldenhoogeveen.nl; █ @jbn-vtg.nl",
            "From: Diederik Hommes",
            "Sent: Thur 8/28/2025 10:48:55 AM",
            "Subject: RE: Spoedoverleg BO JBN",
            "Received: Thur 8/28/2025 10:48:56 AM",
            "Excuses, het tijdstip is vanzelfsprekend 17:30.",
            "Van: Diederik Hommes",
            "Verzonden: donderdag 28 augustus 2025 12:39",
            "Aan: Manouska Molema <Manouska.Molema@ groningen.nl>; 'j.broekema@ assen.nl' <j.broekema@ assen.nl>",
            "Onderwerp: Spoedoverleg BO JBN",
            "Urgentie: Hoog",
            "Goedemiddag,",
            "Om 16:30 hebben we een digitaal overleg.",
        ]);
        let messages = split_messages(&p);
        assert_eq!(messages.len(), 2, "{messages:#?}");
        let (re, original) = (&messages[0], &messages[1]);
        assert_eq!(re.from.as_deref(), Some("Diederik Hommes"));
        assert_eq!(when(re), (Some("2025-08-28".into()), Some("10:48".into())));
        assert_eq!(re.to.len(), 3);
        assert_eq!(re.cc.len(), 2);
        assert_eq!(
            when(original),
            (Some("2025-08-28".into()), Some("12:39".into()))
        );
        assert_eq!(original.to.len(), 2);
        assert_eq!(
            thread_key(re.subject.as_deref().unwrap()),
            thread_key(original.subject.as_deref().unwrap())
        );
        let text = Document::text_from_pages(&p);
        let body: String = text
            .chars()
            .skip(re.body_span.0)
            .take(re.body_span.1 - re.body_span.0)
            .collect();
        assert_eq!(body, "Excuses, het tijdstip is vanzelfsprekend 17:30.");
        let body: String = text
            .chars()
            .skip(original.body_span.0)
            .take(original.body_span.1 - original.body_span.0)
            .collect();
        assert!(
            body.starts_with("Goedemiddag,") && body.ends_with("overleg."),
            "{body}"
        );
    }

    #[test]
    fn ocr_split_headers_take_the_next_paragraph() {
        let p = pages(&[
            "From:",
            "█",
            "Sent:",
            "Fri 9/18/2020 1:01:29 PM",
            "Subject:",
            "RE: nieuw thuisblijf",
            "Ja, dat zullen we doen!",
        ]);
        let messages = split_messages(&p);
        assert_eq!(messages.len(), 1);
        assert_eq!(when(&messages[0]).0.as_deref(), Some("2020-09-18"));
        assert_eq!(messages[0].subject.as_deref(), Some("RE: nieuw thuisblijf"));
    }

    #[test]
    fn scattered_ocr_header_pieces_stay_in_the_block() {
        let p = pages(&[
            "173783",
            "To:",
            "@minvws.nl]",
            "Cc:",
            "i",
            "@minvws.nl]",
            "From:",
            "█",
            "3",
            "█",
            "(EN a)",
            "Sent:",
            "Mon 9/14/2020 4:48:24 PM",
            "Subject:",
            "RE: handreiking bezoek verpleeghuizen Received:",
            "Mon 9/14/2020 4:48:26 PM",
            "Een paar opmerkingen bij arceringen.",
        ]);
        let messages = split_messages(&p);
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert_eq!(when(&messages[0]).0.as_deref(), Some("2020-09-14"));
        assert_eq!(
            messages[0].subject.as_deref(),
            Some("RE: handreiking bezoek verpleeghuizen")
        );
    }

    #[test]
    fn a_letter_is_not_an_email() {
        let p = pages(&[
            "Aan: De leden van de raad",
            "Datum: 26 maart 2025",
            "Onderwerp: Besluit",
            "Geachte lezer,",
        ]);
        assert!(split_messages(&p).is_empty());
    }

    #[test]
    fn thread_keys_ignore_prefixes() {
        assert_eq!(
            thread_key("RE: FW: Antw: Spoedoverleg  BO JBN"),
            "spoedoverleg bo jbn"
        );
        assert_eq!(thread_key("Doorst: WG: test"), "test");
        let long = thread_key(&"heel lang onderwerp ".repeat(100_000));
        assert!(long.chars().count() <= MAX_THREAD_KEY_CHARS && long.ends_with("onderwerp"));
        assert_eq!(thread_key(&"x".repeat(500)).len(), MAX_THREAD_KEY_CHARS);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(paragraphs in proptest::collection::vec("\\PC{0,40}", 0..8)) {
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            let _ = split_messages(&pages(&refs));
        }
    }
}
