//! Emails inside text: header blocks (`From:`/`Van:`, `To:`/`Aan:`, `Sent:`/`Verzonden:`,
//! `Subject:`/`Onderwerp:` …) split a printed thread, or the quoted part of a real email,
//! into its messages. Works on normalised paragraphs, after redaction, so a redacted
//! sender stays in the thread as a redaction with its domain.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::find_dates;
use crate::model::{
    placed_paragraphs, Message, Page, PrintedSent, PrintedZone, MARKER, PARAGRAPH_SEPARATOR,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    From,
    To,
    Cc,
    Sent,
    Subject,
    Other,
}

/// A header line: a label, its colon, and the value. OCR-damaged labels that still
/// read as one label (`rom:`, `rrom:`) are in the list.
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?P<label>from|rrom|prom|rom|frorn|van|to|aan|cc|bcc|sent|verzonden|date|datum|subject|onderwerp|received|urgentie|importance|priority|bijlagen|attachments)\s*:\s*(?P<value>.*)$",
    )
    .expect("valid regex")
});

/// A label whose colon OCR lost (`To iv. [█`); taken as a header only right before a
/// header line.
static HEADER_WITHOUT_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?P<label>To|Cc|Van|Aan|From)\s+(?P<value>\S.*)$").expect("valid regex")
});

/// `Van:` with its first letter eaten and the rest misread (`ver:`): taken as the
/// sender only right before a `Verzonden:`/`Sent:` line.
static DAMAGED_FROM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(ver|vn|an)\s*:\s*(?P<value>.*)$").expect("valid regex"));

static TRAILING_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(received|sent|verzonden|to|aan|cc|from|van|subject|onderwerp)\s*:.*$")
        .expect("valid regex")
});

/// A run of three lower-case letters: words of a sentence, which header debris lacks.
static LOWER_RUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{3}").expect("valid regex"));

fn field(label: &str) -> Field {
    match label.to_lowercase().as_str() {
        "from" | "rrom" | "prom" | "rom" | "frorn" | "van" => Field::From,
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
        // A label of the next line glued on by OCR: `RE: handreiking Received: …`.
        let value = TRAILING_LABEL.replace(value.trim(), "");
        let value = value.trim();
        match field {
            // A sender label whose value OCR could not read at all: a name in a
            // redaction box, which OCR drops (as it reads other boxes as junk letters).
            Field::From if value.is_empty() => {
                self.from = self.from.take().or(Some(MARKER.to_string()));
            }
            Field::From => {
                self.from = address_value(value).or(self.from.take());
            }
            Field::To => self.to.extend(recipients(value)),
            Field::Cc => self.cc.extend(recipients(value)),
            Field::Sent => self.sent = Some(value.to_string()).filter(|v| !v.is_empty()),
            Field::Subject => self.subject = Some(value.to_string()).filter(|v| !v.is_empty()),
            Field::Other => {}
        }
    }

    /// Whether `field` was given already: a second sender, sent line or subject
    /// starts the next message.
    fn has(&self, field: Field) -> bool {
        match field {
            Field::From => self.from.is_some(),
            Field::Sent => self.sent.is_some(),
            Field::Subject => self.subject.is_some(),
            _ => false,
        }
    }

    /// A real header block names a sender and a date or a subject; letters have
    /// `Datum:` and `Onderwerp:` lines too, but no sender. A block whose sender OCR
    /// lost still counts when it has a sent line with a time and a subject: a letter's
    /// date line has no time.
    fn is_message(&self) -> bool {
        let timed = self.sent.as_deref().is_some_and(|s| {
            find_dates(s)
                .first()
                .is_some_and(|d| d.value.time.is_some())
        });
        (self.from.is_some() && (self.sent.is_some() || self.subject.is_some()) && self.fields >= 3)
            || (timed && self.subject.is_some())
    }
}

/// The recipients of a `To:`/`Cc:` value, each cleaned by [`address_value`].
fn recipients(value: &str) -> Vec<String> {
    value.split(';').filter_map(address_value).collect()
}

/// Words that open a letter or mail: never part of an address field.
const SALUTATIONS: &[&str] = &["geachte", "beste", "hallo", "hoi", "dear", "hi"];

/// An address field's value cleaned to what it may hold: names, addresses, redactions
/// and domains. A value that is a sentence or a salutation is no value. A value with
/// no readable name or address in it (a redaction box read by OCR as `EE`, `5`,
/// `BEEZ, E.`) in a field that is there is a redaction: it becomes the redaction mark,
/// with the domain when one stands beside it.
fn address_value(value: &str) -> Option<String> {
    let value = value
        .trim_matches(|c: char| c.is_whitespace() || ",;:|!".contains(c))
        .trim_start_matches([')', ']', '>', ' '])
        .trim_end_matches(['(', '[', '<', ' ']);
    let words: Vec<&str> = value.split_whitespace().collect();
    let first = words.first()?;
    let bare = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect()
    };
    if SALUTATIONS.contains(&bare(first).as_str()) || words.len() > 8 {
        return None;
    }
    let is_address = |w: &str| {
        w.contains('@') || w.contains('.') && w.chars().filter(|c| c.is_lowercase()).count() >= 3
    };
    // Sentence words: lower-case words that are no name particle and no address.
    let sentence_words = words
        .iter()
        .filter(|w| !is_address(w) && !w.contains(MARKER))
        .filter(|w| {
            let b = bare(w);
            b.chars().count() >= 3
                && w.chars().all(|c| !c.is_uppercase())
                && !PARTICLES.contains(&b.as_str())
        })
        .count();
    // A redacted address with OCR junk beside it (`BAR id Eee d █ @rivm.nl>`) is the
    // redaction with its domain.
    if sentence_words > 0 || words.iter().any(|w| junk_beside_redaction(w)) {
        if !value.contains(MARKER) {
            return None;
        }
        return Some(redaction_with_domain(value));
    }
    // A name word: a capital and at least two lower-case letters (`Jansen`, `de Vries`).
    let name_word = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        !w.contains('@')
            && letters.first().is_some_and(|c| c.is_uppercase())
            && letters.iter().filter(|c| c.is_lowercase()).count() >= 2
    };
    let readable = words.iter().any(|w| {
        name_word(w)
            || (w.contains('@')
                && w.split('@')
                    .next()
                    .is_some_and(|local| local.chars().filter(|c| c.is_alphabetic()).count() >= 2))
    });
    if readable {
        return Some(value.to_string());
    }
    Some(redaction_with_domain(value))
}

/// A lower-case word of two letters that is no name particle: OCR junk (`id`, `d`), never
/// part of a name.
fn junk_beside_redaction(word: &str) -> bool {
    let letters: String = word.chars().filter(|c| c.is_alphabetic()).collect();
    !word.contains(['@', '.'])
        && letters.chars().count() == 2
        && letters.chars().all(char::is_lowercase)
        && !PARTICLES.contains(&letters.as_str())
}

/// The redaction mark, with the domain of the address when one stands in `value`.
fn redaction_with_domain(value: &str) -> String {
    // OCR often puts a space after the `@`, and reads an `l` as `|` (`rivm.n|>`).
    let joined = value.replace("@ ", "@").replace('|', "l");
    let domain = joined
        .split_whitespace()
        .filter_map(|w| w.split_once('@'))
        .map(|(_, d)| d.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|d| d.contains('.') && d.chars().filter(|c| c.is_alphabetic()).count() >= 4);
    match domain {
        Some(domain) => format!("{MARKER} @{}", domain.to_lowercase()),
        None => MARKER.to_string(),
    }
}

/// Name particles, written in lower case inside a name.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ten", "ter", "te", "von", "la", "le", "du", "di", "da",
    "op", "in",
];

/// A paragraph that is only a sent date with its time, its label lost to OCR
/// (`september 2020 14:28`, `ed 9/16/2020 3:05 PM`): at most a short remnant before it.
fn unlabelled_sent(paragraph: &str) -> bool {
    let found = find_dates(paragraph);
    let [only] = found.as_slice() else {
        return false;
    };
    only.value.time.is_some()
        && only.start <= 4
        && !LOWER_RUN.is_match(&paragraph[..only.start])
        && paragraph[only.end..].trim().chars().count() <= 3
}

/// The end of an address whose name is redacted (`@ rivm. nl>;`, `rivm.nl>`,
/// `a rivm.ni>; [█`): a short paragraph with an `@` or a domain closed by `>` or `]`,
/// and no word of a sentence.
fn is_address_debris(paragraph: &str) -> bool {
    static DOMAIN_END: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\.\s?[a-z|]{1,4}\s*[>\]]").expect("valid regex"));
    paragraph.chars().count() <= 60
        && (paragraph.contains('@') || DOMAIN_END.is_match(paragraph))
        && !paragraph
            .split_whitespace()
            .any(|w| !w.contains(['@', '.']) && w.chars().filter(|c| c.is_lowercase()).count() >= 3)
}

/// A paragraph of redaction bars and nothing else (OCR's stray strokes beside them aside).
fn bars_only(paragraph: &str) -> bool {
    paragraph.contains(MARKER)
        && paragraph
            .replace(MARKER, "")
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '|' | '[' | ']' | '_'))
}

/// What OCR left of a sender's row whose name and address are redaction boxes: bars with
/// debris around them (`Fr███ █N © n>`, `█f █ rivm.nl>`), perhaps behind a label it
/// damaged past reading (`grom: █ █ iver.n>`, `ver: IER █ EEH`), but no words of a
/// sentence: at most the first word may be lower case letters, and only as such a label.
fn sender_row_remains(paragraph: &str) -> bool {
    if bars_only(paragraph) {
        return true;
    }
    let is_word =
        |w: &str| !w.contains(['@', '.']) && w.chars().filter(|c| c.is_lowercase()).count() >= 3;
    paragraph.contains(MARKER)
        && paragraph.chars().count() <= 80
        && paragraph
            .split_whitespace()
            .enumerate()
            .all(|(n, w)| !is_word(w) || (n == 0 && w.ends_with(':') && w.chars().count() <= 6))
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
            let sent = block.sent.as_deref().and_then(|s| {
                find_dates(s)
                    .into_iter()
                    .next()
                    .and_then(|d| Some((s, d.value.day()?, d.value.time)))
            });
            Message {
                from: block.from.clone(),
                to: block.to.clone(),
                cc: block.cc.clone(),
                date: sent.map(|(_, day, _)| day),
                time: sent.and_then(|(_, _, time)| time),
                printed: sent.map(|(text, date, time)| PrintedSent {
                    text: text.to_string(),
                    date,
                    time,
                    zone: PrintedZone::Local,
                }),
                subject: block.subject.clone(),
                body_span: (body_start, body_end),
                header_start: start_of(block.start),
            }
        })
        .collect()
}

/// The header field a paragraph gives, with its value and how many paragraphs it takes.
fn header_at(paragraphs: &[&str], i: usize) -> Option<(Field, String, usize)> {
    let paragraph = paragraphs[i];
    let next_is_header = |k: usize| paragraphs.get(k).is_some_and(|p| HEADER.is_match(p));
    let sent_follows = || {
        paragraphs[i + 1..]
            .iter()
            .take(3)
            .filter_map(|p| HEADER.captures(p))
            .any(|c| field(&c["label"]) == Field::Sent)
    };
    if let Some(caps) = HEADER.captures(paragraph) {
        let f = field(&caps["label"]);
        let value = caps["value"].to_string();
        if value.trim().is_empty() {
            if let Some(next) = paragraphs.get(i + 1) {
                if !HEADER.is_match(next) {
                    return Some((f, next.to_string(), 2));
                }
            }
        }
        return Some((f, value, 1));
    }
    if let Some(caps) = HEADER_WITHOUT_COLON.captures(paragraph) {
        if next_is_header(i + 1) {
            return Some((field(&caps["label"]), caps["value"].to_string(), 1));
        }
    }
    if let Some(caps) = DAMAGED_FROM.captures(paragraph) {
        if sent_follows() {
            return Some((Field::From, caps["value"].to_string(), 1));
        }
    }
    let subject_follows = paragraphs[i + 1..]
        .iter()
        .take(2)
        .filter_map(|p| HEADER.captures(p))
        .any(|c| matches!(field(&c["label"]), Field::Subject | Field::To | Field::Cc));
    if subject_follows && unlabelled_sent(paragraph) {
        return Some((Field::Sent, paragraph.to_string(), 1));
    }
    None
}

/// Runs of header paragraphs. A label alone on its paragraph (`From:`, as OCR splits a
/// printed header) takes the next paragraph as its value; a paragraph without a label
/// right after `To:` or `Cc:` continues that list. A second sender, sent line or
/// subject starts the next block.
fn header_blocks(paragraphs: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut i = 0;
    while i < paragraphs.len() {
        let paragraph = paragraphs[i];
        if let Some((f, value, consumed)) = header_at(paragraphs, i) {
            if current.as_ref().is_some_and(|b| b.has(f)) {
                blocks.extend(current.take());
            }
            let starts = current.is_none();
            let block = current.get_or_insert_with(|| Block {
                start: i,
                ..Block::default()
            });
            // A block that opens with its sent line, under a paragraph of bars (and OCR
            // debris): OCR lost the sender's row to its redaction boxes, leaving the
            // boxes. (A printed header puts the sender above the sent line; the bars
            // are that row.)
            let free_above = blocks.last().is_none_or(|b: &Block| b.end < i);
            if starts
                && f == Field::Sent
                && free_above
                && i > 0
                && sender_row_remains(paragraphs[i - 1])
            {
                block.from = Some(MARKER.to_string());
            }
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
        // OCR scatters the pieces of a redacted header over short paragraphs (a box read
        // as letters, the domain of a redacted address whose label was lost); a few of
        // them before the next label do not end the block. A piece of a sentence does.
        let debris = current.is_some()
            && (i + 1..paragraphs.len().min(i + 4)).any(|k| header_at(paragraphs, k).is_some())
            && ((paragraph.chars().count() <= 30 && !LOWER_RUN.is_match(paragraph))
                || (paragraph.chars().count() <= 60 && paragraph.contains(MARKER))
                || is_address_debris(paragraph));
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
            confidence: None,
            paragraphs: paragraphs.iter().map(|s| s.to_string()).collect(),
            blacked_out: None,
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
    fn a_block_starting_with_to_and_damaged_labels_split_into_messages() {
        // Sender redacted, so the block opens with `To` (its colon lost); the quoted
        // message's `Van:` reads `ver:`; its `Verzonden:` label is gone entirely.
        let p = pages(&[
            "To █ @voorbeeld.nl",
            "Cc: █",
            "From: EE",
            "Sent: Wed 9/9/2020 5:05:19 PM",
            "Subject: RE: Planning",
            "Received: Wed 9/9/2020 5:05:20 PM",
            "Dat is goed.",
            "ver: █ IEEE",
            "Verzonden: woensdag 9 september 2020 16:50",
            "Aan: █ @voorbeeld.nl",
            "Onderwerp: Planning",
            "Kan het morgen?",
            "ES",
            "ed 9/9/2020 2:28 PM",
            "Onderwerp: Planning",
            "Eerste vraag.",
        ]);
        let messages = split_messages(&p);
        let found: Vec<_> = messages
            .iter()
            .map(|m| (m.from.clone(), when(m).1, m.to.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    Some("█".into()),
                    Some("17:05".into()),
                    vec!["█ @voorbeeld.nl".to_string()]
                ),
                (
                    Some("█".into()),
                    Some("16:50".into()),
                    vec!["█ @voorbeeld.nl".to_string()]
                ),
                (None, Some("14:28".into()), vec![]),
            ]
        );
        assert_eq!(
            messages[0].printed.as_ref().map(|p| p.text.as_str()),
            Some("Wed 9/9/2020 5:05:19 PM")
        );
    }

    #[test]
    fn the_ends_of_redacted_addresses_stay_in_the_block() {
        let p = pages(&[
            "rrom: JE] NE NERC",
            "mn",
            "Sent: vrijdag 18 september 2020 14:16",
            "@rivm.nl>;",
            "a rivm.ni>; [█",
            "Cc: H @rivm.nl>",
            "Subject: nieuw thuisblijf",
            "Hi █",
        ]);
        let messages = split_messages(&p);
        assert_eq!(messages.len(), 1, "{messages:#?}");
        assert_eq!(messages[0].from.as_deref(), Some("█"));
        assert!(is_address_debris("@ rivm. nl>;"));
        assert!(is_address_debris("rivm.nl>"));
        assert!(!is_address_debris("Mail naar info@rivm.nl voor meer"));
    }

    #[test]
    fn a_sentence_after_a_header_is_no_part_of_it() {
        // A short body line right before the next header block must not glue the two
        // blocks together.
        let p = pages(&[
            "From: A. de Vries",
            "Sent: Tue 9/29/2020 7:23:51 AM",
            "Subject: FW: Kosten",
            "Zie onder.",
            "Van: B. Jansen",
            "Verzonden: dinsdag 29 september 2020 09:00",
            "Onderwerp: Kosten",
            "Akkoord.",
        ]);
        let messages = split_messages(&p);
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert_eq!(messages[1].from.as_deref(), Some("B. Jansen"));
    }

    #[test]
    fn address_fields_hold_only_names_addresses_redactions_and_domains() {
        assert_eq!(address_value("Geachte mevrouw [█"), None);
        assert_eq!(address_value("Ik zou even contact opnemen"), None);
        assert_eq!(address_value(","), None);
        assert_eq!(address_value("3").as_deref(), Some("█"));
        assert_eq!(address_value("BEEZ, E.").as_deref(), Some("█"));
        assert_eq!(
            address_value("BAR id Eee d █ @rivm.n|>").as_deref(),
            Some("█ @rivm.nl")
        );
        assert_eq!(
            address_value("JB @Voorbeeld.nl>").as_deref(),
            Some("█ @voorbeeld.nl")
        );
        assert_eq!(
            address_value("█ @ gemeente.nl").as_deref(),
            Some("█ @gemeente.nl")
        );
        assert_eq!(
            address_value("Jan van der Berg <j.vanderberg@gemeente.nl>;").as_deref(),
            Some("Jan van der Berg <j.vanderberg@gemeente.nl>")
        );
    }

    #[test]
    fn bars_over_a_sent_line_are_its_redacted_sender() {
        let messages = split_messages(&pages(&[
            "Laatste versie",
            "█",
            "Sent: donderdag 3 september 2020 10:48",
            "To: █ @rivm.nl>",
            "Subject: RE: concept",
            "Tekst.",
            // Without bars above, a lost sender stays unknown.
            "Sent: donderdag 3 september 2020 09:20",
            "Subject: RE: concept",
            "Tekst.",
        ]));
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert_eq!(messages[0].from, Some(MARKER.to_string()));
        assert_eq!(messages[1].from, None);
    }

    #[test]
    fn debris_of_a_redacted_sender_row_over_a_sent_line_is_its_sender() {
        for row in [
            "Fr███ █N © n>",
            "█f █ rivm.nl>",
            "grom: █ █ █ iver.n>",
            "ver: IER █ EEH B █ E",
        ] {
            let messages = split_messages(&pages(&[
                "Tekst.",
                row,
                "Verzonden: dinsdag 22 september 2020 13:25",
                "Aan: █ @rivm.nl>",
                "Onderwerp: FW: richtlijn",
                "Tekst.",
            ]));
            assert_eq!(messages.len(), 1, "{row}: {messages:?}");
            assert_eq!(messages[0].from, Some(MARKER.to_string()), "{row}");
        }
        // A sentence with a bar in it, or a greeting, is no sender's row.
        for row in [
            "Met groet, █",
            "Zie de bijlage van █ hierover",
            "Groeten van █",
        ] {
            let messages = split_messages(&pages(&[
                row,
                "Verzonden: dinsdag 22 september 2020 13:25",
                "Onderwerp: FW: richtlijn",
                "Tekst.",
            ]));
            assert_eq!(messages[0].from, None, "{row}");
        }
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
