//! Redactions: find the refusal grounds a release printed where it blacked text out, take
//! them out of the text, and keep them as facts.
//!
//! A code is accepted by its form *and* its context, never by a bare pattern:
//! - a code with its letter (`5.1.2e`, `10.2.e`, `5.1 lid 2 sub e`, OCR's `5.1.2¢`) counts
//!   unless it is cited in a sentence (`op grond van 5.1.2e`, `artikel 10.2.e Wob`);
//! - a code without a letter (`5.2.1`, `5.1.5`, `11.1`) or with OCR damage that makes it
//!   look like a number (`5.1.20`, `5120`, `512`) counts only where a redaction box sits:
//!   alone on its line, next to an address (`@domain`), or after a header or phone label
//!   (`Aan:`, `Mobiel:`); so headings (`5.2.1 Score integraal risico`), dates
//!   (`5.1.2021`), times and amounts stay text;
//! - OCR junk read from a black box (`IEEE`, `EER`, `ERED`) is dropped only next to a
//!   code, a box edge or a label, or alone on its line, and counts as a redaction without
//!   a code.
//!
//! Boxes found on a PDF page image come into the text as anchors (`extract::placement`,
//! their junk already dropped): each is a redaction with its rectangle and the grounds
//! read inside it ([`box_codes`]), placed where its anchor is; junk right beside it is
//! part of it. A text-layer code inside a found box is that box, not another redaction.

use std::sync::LazyLock;

use regex::Regex;

pub mod box_codes;
mod junk;
pub mod share;

use junk::{junk_tokens, token_spans};

use crate::config::Settings;
use crate::model::{
    anchor_index, grounds, ImageBox, Page, PageBox, PageBoxes, Place, Provenance, Redaction,
    RedactionField, MARKER,
};

/// One redaction box found in a paragraph.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// Normalised codes printed in the box (none for OCR junk or an illegible code).
    pub codes: Vec<&'static str>,
    /// Where it sat.
    pub place: Place,
    /// The address domain that survived next to it, lower case.
    pub domain: Option<String>,
    /// The box found on the page image it is (its index on the page), if any.
    pub anchor: Option<usize>,
}

/// A box in a paragraph: byte span, codes read from the text, and the page box it is.
type Span = (usize, usize, Vec<&'static str>, Option<usize>);

/// A paragraph with its redaction boxes replaced by [`MARKER`], one per box, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Redacted {
    /// The clean paragraph.
    pub text: String,
    /// The boxes, in the order of their markers.
    pub found: Vec<Found>,
}

static CANDIDATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<long>5\s?\.?\s?1\s?lid\s?(?P<long_lid>[12])\s?(?:sub\s?|onder\s?)?(?P<long_letter>[a-i]))
        |(?P<wob>10\s?\.\s?(?P<wob_lid>[12])\s?\.?\s?(?P<wob_letter>[a-g]))
        |(?P<woo>5\s?[.,]?\s?1\s?[.,]?\s?(?P<woo_lid>[12])\s?[.,]?\s?(?P<woo_letter>[a-i]|¢e?|©e?|[068]))
        |(?P<plain>5\.1\.5|5\.2\.1|11\.1)
        |(?P<bare>5\s?\.\s?1\s?\.\s?2|5\.12|51\.2|512)",
    )
    .expect("valid regex")
});

/// More grounds in the same box: `5.1.2e, i`, `5.1.2.e.h.i`, `5.1.2e en i`, `5.1.2e; 5.1.2i`.
static CONTINUATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s?[.,;/&]\s?|\s(?:en|&)\s)(?:5\s?\.\s?1\s?\.\s?(?P<lid>[12])\s?\.?\s?)?(?P<letter>[a-i])")
        .expect("valid regex")
});

static DOMAIN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s?(?:[A-Z]{2,7}\s?)*@\s?(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
        .expect("valid regex")
});

/// The end of an address in a list (`…@minvws.nl>; `): what follows is the next name.
static ADDRESS_LIST_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\.[a-z]{2,3}|[>\]])\s?;\s?$").expect("valid regex"));

static LABEL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[\s>;,(])(?P<label>aan|van|cc|bcc|to|from|mobiel|mob|tel|telefoon|telefoonnummer|gsm|m|t|e-?mail|e-?mailadres|naam)\s?:\s?(?:\S{1,8}\s?){0,2}$",
    )
    .expect("valid regex")
});

/// Words that, just before a code, make it a citation of the law rather than a box.
const CITATION_BEFORE: &[&str] = &[
    "artikel",
    "art.",
    "art ",
    "lid ",
    "sub ",
    "onder ",
    "grond van",
    "gronde van",
    "zie ",
    "hoofdstuk",
    "paragraaf",
    "par.",
    "§",
    "bijlage",
    "conform",
    "ex ",
    "volgens",
    "uitzondering",
];
/// Words that, just after a code, make it a citation.
const CITATION_AFTER: &[&str] = &[
    "woo",
    "wob",
    "van de wet",
    "zijn ",
    "is ",
    "wordt",
    "worden",
];
/// Characters that draw the edges of a box in OCR text, or separate boxes.
const BOX_CHARS: &[char] = &[
    '|', '[', ']', '(', ')', '{', '}', '§', ':', ';', ',', '.', '-', '—', '–', '*', '\'', '"', '<',
    '>', '/',
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Form {
    /// The letter is there (or OCR's ¢ for e): a code by its form.
    Lettered,
    /// No letter, or a digit for the letter: looks like a number.
    Numeric,
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    codes: Vec<&'static str>,
    form: Form,
}

/// Finds and removes the redaction codes and junk of one paragraph.
pub fn redact_paragraph(paragraph: &str) -> Redacted {
    let candidates = candidates(paragraph);
    let junk = junk_tokens(paragraph, &candidates);
    let standalone = is_standalone(paragraph, &candidates, &junk);
    let mut boxes: Vec<Span> = paragraph
        .char_indices()
        .filter_map(|(i, c)| anchor_index(c).map(|a| (i, i + c.len_utf8(), Vec::new(), Some(a))))
        .collect();
    for candidate in &candidates {
        let before = &paragraph[..candidate.start];
        let after = &paragraph[candidate.end..];
        let boxed = standalone
            || ADDRESS_LIST_BEFORE.is_match(before)
            || DOMAIN_AFTER.is_match(after)
            || LABEL_BEFORE.is_match(before)
            || sits_in_box(before, after);
        let accept = match candidate.form {
            Form::Lettered => boxed || !is_citation(before, after),
            Form::Numeric => boxed,
        };
        if accept {
            boxes.push((
                candidate.start,
                candidate.end,
                candidate.codes.clone(),
                None,
            ));
        }
    }
    // A 5.1.2 whose letter OCR lost, beside a legible code, is of that code's ground.
    if let Some(code) = boxes.iter().find_map(|b| b.2.first().copied()) {
        for b in boxes.iter_mut().filter(|b| b.2.is_empty() && b.3.is_none()) {
            b.2.push(code);
        }
    }
    for &(start, end) in &junk {
        boxes.push((start, end, Vec::new(), None));
    }
    add_fragments(paragraph, &mut boxes);
    boxes.sort_by_key(|b| b.0);
    let boxes = merge_boxes(paragraph, boxes);

    let mut text = String::with_capacity(paragraph.len());
    let mut found = Vec::new();
    let mut last = 0;
    for (start, end, codes, anchor) in boxes {
        text.push_str(&paragraph[last..start]);
        text.push(MARKER);
        last = end;
        let before = &paragraph[..start];
        let after = &paragraph[end..];
        let domain = DOMAIN_AFTER
            .captures(after)
            .map(|c| c["domain"].to_lowercase());
        found.push(Found {
            codes,
            place: place(before, domain.is_some()),
            domain,
            anchor,
        });
    }
    text.push_str(&paragraph[last..]);
    Redacted { text, found }
}

/// Redacts every paragraph of `pages` and the email header values, in place, and
/// returns the redactions in text order (headers next, then the boxes of `page_boxes`
/// that have no place in the text). `text` must be the document text as joined *after*
/// this call; spans are computed from its markers.
pub fn redact_document(
    pages: &mut [Page],
    page_boxes: &[PageBoxes],
    headers: &mut [(RedactionField, &mut Vec<String>)],
    settings: &Settings,
) -> Vec<Redaction> {
    let mut out = Vec::new();
    let mut unplaced = Vec::new();
    for page in pages.iter_mut() {
        let boxes = page_boxes.iter().find(|p| p.page == page.number);
        let mut placed = vec![false; boxes.map_or(0, |b| b.boxes.len())];
        let first_here = out.len();
        for paragraph in &mut page.paragraphs {
            let redacted = redact_paragraph(paragraph);
            *paragraph = redacted.text;
            for found in redacted.found {
                // An anchor seen twice (a line repeated by the layout) is a box once.
                let image_box = found
                    .anchor
                    .filter(|&i| !std::mem::replace(&mut placed[i], true))
                    .and_then(|i| Some((boxes?, i)));
                let mut redaction = record(found, RedactionField::Text, page.number, settings);
                if let Some((boxes, i)) = image_box {
                    with_box(&mut redaction, boxes, i);
                }
                out.push(redaction);
            }
        }
        let Some(boxes) = boxes else { continue };
        let mut left: Vec<usize> = (0..boxes.boxes.len()).filter(|&i| !placed[i]).collect();
        left.sort_by(|&a, &b| {
            let (ra, rb) = (boxes.boxes[a].rect.0, boxes.boxes[b].rect.0);
            ra[1].total_cmp(&rb[1]).then(ra[0].total_cmp(&rb[0]))
        });
        if page.provenance != Provenance::TextLayer {
            // Text read by OCR of the page image has no anchors: its redactions are the
            // boxes, in reading order.
            let from_text: Vec<usize> = (first_here..out.len())
                .filter(|&k| out[k].image_box.is_none())
                .collect();
            let paired = from_text.len().min(left.len());
            for (&k, i) in from_text.iter().zip(left.drain(..paired)) {
                with_box(&mut out[k], boxes, i);
            }
        }
        for i in left {
            let mut redaction = Redaction {
                code: None,
                grounds: Vec::new(),
                field: RedactionField::Text,
                page: page.number,
                span: None,
                place: Place::Body,
                domain: None,
                organisation: None,
                image_box: None,
            };
            with_box(&mut redaction, boxes, i);
            unplaced.push(redaction);
        }
    }
    for (field, values) in headers.iter_mut() {
        let field = *field;
        for value in values.iter_mut() {
            let redacted = redact_paragraph(value);
            *value = redacted.text;
            for found in redacted.found {
                out.push(record(found, field, 0, settings));
            }
        }
    }
    out.extend(unplaced);
    out
}

/// The grounds read in a page box, and how sure the reading is (`None`: not read).
pub fn box_reading(page_box: &PageBox) -> (Vec<&'static str>, Option<f32>) {
    let Some(words) = &page_box.words else {
        return (Vec::new(), None);
    };
    let words: Vec<(&str, f32)> = words
        .iter()
        .map(|w| (w.text.as_str(), w.confidence))
        .collect();
    let read = box_codes::read_codes(&words);
    (read.codes, Some(read.confidence))
}

/// Makes `redaction` the box `index` of `boxes`: its rectangle, and the grounds read in
/// it. Where nothing legible was read in the box, the codes the text layer had under it
/// (or beside it, merged into the redaction) stand.
fn with_box(redaction: &mut Redaction, boxes: &PageBoxes, index: usize) {
    let page_box = &boxes.boxes[index];
    let (mut codes, confidence) = box_reading(page_box);
    if codes.is_empty() {
        let under = boxes.covered.get(index).map_or("", String::as_str);
        codes = redact_paragraph(under)
            .found
            .into_iter()
            .flat_map(|f| f.codes)
            .collect();
        codes.dedup();
    }
    if !codes.is_empty() {
        redaction.code = codes.first().map(|c| c.to_string());
        redaction.grounds = codes
            .iter()
            .filter_map(|c| grounds::get(c).cloned())
            .collect();
    }
    redaction.image_box = Some(ImageBox {
        rect: page_box.rect,
        area: (page_box.rect.area() * 10.0).round() / 10.0,
        confidence: confidence.map(|c| (c * 1000.0).round() / 1000.0),
    });
}

/// Fills in the character spans of the text redactions from the markers in `text`.
pub fn locate(redactions: &mut [Redaction], text: &str) {
    let mut markers = text
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == MARKER)
        .map(|(i, _)| i);
    for redaction in redactions
        .iter_mut()
        .filter(|r| r.field == RedactionField::Text)
    {
        redaction.span = markers.next().map(|i| (i, i + 1));
    }
}

fn record(found: Found, field: RedactionField, page: u32, settings: &Settings) -> Redaction {
    let organisation = found
        .domain
        .as_deref()
        .and_then(|d| settings.organisation_of(d))
        .map(str::to_string);
    Redaction {
        code: found.codes.first().map(|c| c.to_string()),
        grounds: found
            .codes
            .iter()
            .filter_map(|c| grounds::get(c).cloned())
            .collect(),
        field,
        page,
        span: None,
        place: found.place,
        domain: found.domain,
        organisation,
        image_box: None,
    }
}

/// What is left of `5.1.2e` once OCR mangled it (`12¢`, `120`, `5124`), squeezed.
static FRAGMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^5?1?2[¢©e0-9]?$").expect("valid regex"));

/// On a short line that already holds a code, OCR remnants of further codes (`As 1.2¢`,
/// `|B 1.20`, `s12¢`, `5124`) are boxes too, of the same ground as their neighbour.
fn add_fragments(paragraph: &str, boxes: &mut Vec<Span>) {
    let tokens = token_spans(paragraph);
    if boxes.is_empty() || tokens.len() > 3 {
        return;
    }
    let neighbour = boxes.iter().find_map(|b| b.2.first().copied());
    for (s, e) in tokens {
        let token = &paragraph[s..e];
        let core = token.trim_matches(BOX_CHARS);
        let squeezed: String = core
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .chars()
            .filter(|c| *c != '.' && *c != ' ')
            .collect();
        let overlaps = boxes.iter().any(|b| b.0 < e && s < b.1);
        if overlaps || squeezed.chars().count() < 3 || !FRAGMENT.is_match(&squeezed) {
            continue;
        }
        // Beside junk only, the fragment's own last character must read as an `e`.
        let code = match neighbour {
            Some(code) => code,
            None if squeezed.ends_with(['¢', '©', 'e', '0', '6', '8']) => "5.1.2e",
            None => continue,
        };
        let lead = token.len() - token.trim_start_matches(BOX_CHARS).len();
        boxes.push((s + lead, s + lead + core.len(), vec![code], None));
    }
}

fn candidates(paragraph: &str) -> Vec<Candidate> {
    let mut out = Vec::new();
    let tokens = token_spans(paragraph);
    // On a line of a few tokens OCR glues box debris to codes (`f5.1.2¢e|`, `51.2el`,
    // `512512`): there a code may sit inside a short token, which becomes the box.
    let box_line = tokens.len() <= 3;
    for caps in CANDIDATE.captures_iter(paragraph) {
        let whole = caps.get(0).expect("match");
        let (mut start, mut end) = (whole.start(), whole.end());
        if !boundary_before(paragraph, start) || !boundary_after(paragraph, end) {
            let token = tokens.iter().find(|&&(s, e)| s <= start && end <= e);
            match token {
                Some(&(s, e)) if box_line && e - s <= 14 => {
                    let token = &paragraph[s..e];
                    let lead = token.len() - token.trim_start_matches(BOX_CHARS).len();
                    let trail = token.len() - token.trim_end_matches(BOX_CHARS).len();
                    (start, end) = (s + lead, e - trail);
                    if out.last().is_some_and(|c: &Candidate| c.end > start) {
                        continue; // the same token, already a box
                    }
                }
                _ => continue,
            }
        }
        let (article, letter, form) = if let Some(letter) = caps.name("long_letter") {
            (
                format!("5.1.{}", &caps["long_lid"]),
                letter_of(letter.as_str()),
                Form::Lettered,
            )
        } else if let Some(letter) = caps.name("wob_letter") {
            (
                format!("10.{}", &caps["wob_lid"]),
                letter_of(letter.as_str()),
                Form::Lettered,
            )
        } else if let Some(letter) = caps.name("woo_letter") {
            let form = if letter.as_str().chars().all(|c| c.is_ascii_digit()) {
                Form::Numeric
            } else {
                Form::Lettered
            };
            (
                format!("5.1.{}", &caps["woo_lid"]),
                letter_of(letter.as_str()),
                form,
            )
        } else if caps.name("plain").is_some() {
            (whole.as_str().to_string(), None, Form::Numeric)
        } else {
            // A 5.1.2 whose letter OCR lost: a box, but its ground is unknown.
            out.push(Candidate {
                start,
                end,
                codes: Vec::new(),
                form: Form::Numeric,
            });
            continue;
        };
        let mut codes: Vec<&'static str> =
            grounds::code_for(&article, letter).into_iter().collect();
        // Further letters of the same article in the same box.
        while let Some(more) = CONTINUATION.captures(&paragraph[end..]) {
            let more_end = end + more.get(0).expect("match").end();
            if !boundary_after(paragraph, more_end) {
                break;
            }
            let more_article = match more.name("lid") {
                Some(lid) if !article.starts_with("10.") => format!("5.1.{}", lid.as_str()),
                _ => article.clone(),
            };
            match grounds::code_for(&more_article, letter_of(&more["letter"])) {
                // The same ground again is a second box, not a longer one.
                Some(code) if !codes.contains(&code) => codes.push(code),
                _ => break,
            }
            end = more_end;
        }
        codes.dedup();
        if codes.is_empty() {
            continue;
        }
        out.push(Candidate {
            start,
            end,
            codes,
            form,
        });
    }
    out
}

/// OCR reads `e` as `¢`, `©`, `0`, `6` or `8`.
fn letter_of(raw: &str) -> Option<char> {
    match raw.chars().next() {
        Some('¢' | '©' | '0' | '6' | '8') => Some('e'),
        Some(c) => Some(c.to_ascii_lowercase()),
        None => None,
    }
}

fn boundary_before(text: &str, start: usize) -> bool {
    text[..start]
        .chars()
        .next_back()
        .is_none_or(|c| !(c.is_alphanumeric() || c == '.' || c == ',' || c == '€' || c == '$'))
}

fn boundary_after(text: &str, end: usize) -> bool {
    let mut rest = text[end..].chars();
    let lettered = text[..end]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || c == '¢');
    match rest.next() {
        None => true,
        // OCR glues the next sentence to a box: `5.1.2eIn 2e MEER`.
        Some(c) if lettered && c.is_uppercase() => true,
        Some(c) if c.is_alphanumeric() => false,
        // `5.1.2021` and `5.120,00`: a separator followed by more digits is a number.
        Some('.' | ',' | ':') => !rest.next().is_some_and(|d| d.is_ascii_digit()),
        Some(_) => true,
    }
}

fn is_citation(before: &str, after: &str) -> bool {
    let before: String = before
        .chars()
        .rev()
        .take(30)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_lowercase();
    let after: String = after.chars().take(16).collect::<String>().to_lowercase();
    CITATION_BEFORE.iter().any(|w| before.contains(w))
        || CITATION_AFTER
            .iter()
            .any(|w| after.trim_start().starts_with(w))
}

/// A code drawn between OCR box edges (`[ 5.1.20 ]`, `| 5120 |`).
fn sits_in_box(before: &str, after: &str) -> bool {
    let left = before.trim_end().chars().next_back();
    let right = after.trim_start().chars().next();
    matches!(left, Some('|' | '[')) || matches!(right, Some('|' | ']'))
}

fn place(before: &str, has_domain: bool) -> Place {
    if has_domain {
        return Place::Address;
    }
    match LABEL_BEFORE.captures(before) {
        Some(c) => match c["label"].to_lowercase().as_str() {
            "mobiel" | "mob" | "tel" | "telefoon" | "telefoonnummer" | "gsm" | "m" | "t" => {
                Place::Phone
            }
            "e-mail" | "email" | "e-mailadres" | "emailadres" => Place::Address,
            _ => Place::Header,
        },
        None => Place::Body,
    }
}

/// True when nothing but codes, junk, box edges and the words of a long form remain.
fn is_standalone(paragraph: &str, candidates: &[Candidate], junk: &[(usize, usize)]) -> bool {
    if candidates.is_empty() && junk.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut spans: Vec<(usize, usize)> = candidates.iter().map(|c| (c.start, c.end)).collect();
    spans.extend_from_slice(junk);
    spans.sort_unstable();
    let mut last = 0;
    for (s, e) in spans {
        if s >= last {
            rest.push_str(&paragraph[last..s]);
            rest.push(' ');
            last = e;
        }
    }
    rest.push_str(&paragraph[last..]);
    let words: Vec<String> = rest
        .split(|c: char| c.is_whitespace() || BOX_CHARS.contains(&c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| {
            !matches!(
                w.as_str(),
                "art" | "artikel" | "en" | "lid" | "sub" | "woo" | "wob"
            )
        })
        .collect();
    words.iter().map(|w| w.chars().count()).sum::<usize>() <= 4
}

/// Joins boxes that form one: codes listed with `;`, `,`, `/` or `en` between them, and
/// junk right next to a code or a found box. Two found boxes, or a found box and a code
/// of the text, stay two.
fn merge_boxes(paragraph: &str, boxes: Vec<Span>) -> Vec<Span> {
    let mut merged: Vec<Span> = Vec::new();
    for b in boxes {
        if let Some(last) = merged.last_mut() {
            if b.0 < last.1 {
                continue; // overlapping: keep the first
            }
            let gap = paragraph[last.1..b.0].trim();
            if last.3.is_some() || b.3.is_some() {
                let junk_beside_box =
                    (last.3.is_none() && last.2.is_empty()) || (b.3.is_none() && b.2.is_empty());
                let edge_gap = gap
                    .chars()
                    .all(|c| BOX_CHARS.contains(&c) && c != ';' && c != ',');
                if junk_beside_box && edge_gap {
                    last.1 = b.1;
                    last.3 = last.3.or(b.3);
                    continue;
                }
                merged.push(b);
                continue;
            }
            let either_junk = last.2.is_empty() || b.2.is_empty();
            // `5.1.2e en i` is one box; `5.1.2e en 5.1.2e` is two people.
            let adds_ground = b.2.iter().any(|c| !last.2.contains(c));
            let list_gap = matches!(gap, ";" | "," | "/" | "en" | "&") && adds_ground;
            let edge_gap = gap
                .chars()
                .all(|c| BOX_CHARS.contains(&c) && c != ';' && c != ',');
            if list_gap || (either_junk && edge_gap) {
                last.1 = b.1;
                for code in b.2 {
                    if !last.2.contains(&code) {
                        last.2.push(code);
                    }
                }
                continue;
            }
        }
        merged.push(b);
    }
    merged
}

/// The grounds column of an inventory list: `5.1.2e; 5.1.5; buiten verzoek` →
/// (`[5.1.2e, 5.1.5]`, `[buiten verzoek]`), read with the same detector as the
/// documents so spellings are normalised the same way.
pub fn listed_grounds(cell: &str) -> (Vec<String>, Vec<String>) {
    let mut grounds = Vec::new();
    let mut notes = Vec::new();
    for part in cell
        .split([';', '\n'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let found = redact_paragraph(part).found;
        let codes: Vec<String> = found
            .iter()
            .flat_map(|f| f.codes.iter().map(|c| c.to_string()))
            .collect();
        if codes.is_empty() {
            notes.push(part.to_string());
        }
        for code in codes {
            if !grounds.contains(&code) {
                grounds.push(code);
            }
        }
    }
    (grounds, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<Vec<&'static str>> {
        redact_paragraph(text)
            .found
            .into_iter()
            .map(|f| f.codes)
            .collect()
    }

    #[test]
    fn an_inventory_column_gives_grounds_and_notes() {
        let (grounds, notes) = listed_grounds("5.1.2e; 5.1.2i; buiten verzoek");
        assert_eq!(grounds, ["5.1.2e", "5.1.2i"]);
        assert_eq!(notes, ["buiten verzoek"]);
        assert_eq!(listed_grounds(""), (vec![], vec![]));
    }

    #[test]
    fn short_and_long_forms() {
        for (text, code) in [
            ("5.1.2e", "5.1.2e"),
            ("5.1.2.e", "5.1.2e"),
            ("5.1.2 e", "5.1.2e"),
            ("5.1.1c", "5.1.1c"),
            ("5.2.1", "5.2.1"),
            ("5.1.5", "5.1.5"),
            ("10.2.e", "10.2.e"),
            ("10.2e", "10.2.e"),
            ("11.1", "11.1"),
            ("5.1 lid 2 sub e", "5.1.2e"),
            ("5.1 lid 2 e", "5.1.2e"),
            ("5.1lid2e", "5.1.2e"),
        ] {
            assert_eq!(codes(text), vec![vec![code]], "{text}");
        }
    }

    #[test]
    fn several_grounds_in_one_box() {
        assert_eq!(codes("5.1.2e, 5.1.2i"), vec![vec!["5.1.2e", "5.1.2i"]]);
        assert_eq!(codes("5.1.2e; 5.1.2i"), vec![vec!["5.1.2e", "5.1.2i"]]);
        assert_eq!(
            codes("5.1.2.e.h.i"),
            vec![vec!["5.1.2e", "5.1.2h", "5.1.2i"]]
        );
        assert_eq!(codes("5.1.2e en i"), vec![vec!["5.1.2e", "5.1.2i"]]);
        assert_eq!(codes("art. 10.2.e en g"), vec![vec!["10.2.e", "10.2.g"]]);
        assert_eq!(codes("5.1.2e; 5.1.5"), vec![vec!["5.1.2e", "5.1.5"]]);
    }

    #[test]
    fn addresses_headers_and_phones() {
        let r = redact_paragraph("Cc: 5.1.2e @dewoldenhoogeveen.nl; 5.1.2e @jbn-vtg.nl");
        assert_eq!(r.text, "Cc: █ @dewoldenhoogeveen.nl; █ @jbn-vtg.nl");
        assert_eq!(r.found[0].domain.as_deref(), Some("dewoldenhoogeveen.nl"));
        assert_eq!(r.found[1].place, Place::Address);
        let r = redact_paragraph("Mobiel: 5.1.2e");
        assert_eq!(
            (r.found[0].place, r.text.as_str()),
            (Place::Phone, "Mobiel: █")
        );
        let r = redact_paragraph("Aan: 5.1.2e");
        assert_eq!(r.found[0].place, Place::Header);
        let r = redact_paragraph("E-mailadres: 5.1.2e @ groningen.nl");
        assert_eq!(r.found[0].domain.as_deref(), Some("groningen.nl"));
    }

    #[test]
    fn ocr_damage() {
        for text in [
            "5.1.2¢", "5.1.20", "5.12e", "51.2e", "5 1.2e|", "5120", "512e",
        ] {
            assert_eq!(codes(text), vec![vec!["5.1.2e"]], "{text}");
        }
        let r = redact_paragraph("Van:EEE [( 5.1.2¢ JEEH @minvws.nl>");
        assert_eq!(r.found.len(), 1, "{r:?}");
        assert_eq!(r.found[0].codes, vec!["5.1.2e"]);
        assert_eq!(r.found[0].domain.as_deref(), Some("minvws.nl"));
        assert!(
            !r.text.contains("EEE") && !r.text.contains("JEEH"),
            "{}",
            r.text
        );
    }

    #[test]
    fn junk_alone_or_next_to_a_box_is_a_redaction_without_code() {
        let r = redact_paragraph("IEEE");
        assert_eq!((r.text.as_str(), r.found[0].codes.len()), ("█", 0));
        let r = redact_paragraph("Hoi [EER,");
        assert_eq!(r.found.len(), 1, "{r:?}");
        // A real acronym in a sentence stays.
        let r = redact_paragraph("De IEEE-norm en de EER-richtlijn gelden hier niet.");
        assert!(r.found.is_empty(), "{r:?}");
    }

    #[test]
    fn a_code_in_running_text_is_a_redaction() {
        let r = redact_paragraph("Ik heb het met 5.1.2e besproken.");
        assert_eq!(r.text, "Ik heb het met █ besproken.");
    }

    #[test]
    fn things_that_look_like_codes_and_are_not() {
        for text in [
            "5.2.1 Score integraal risico",
            "(zie 5.2)",
            "5.1.2 Model",
            "op grond van artikel 5.1, tweede lid, onder e, van de Woo",
            "op grond van 5.1.2e zijn namen onleesbaar gemaakt",
            "Dit is geweigerd op grond van artikel 10.2.e Wob.",
            "artikel 2.4 en 3.5 van de Jeugdwet",
            "volgens norm 10.10.1 moet dat",
            "versie 5.1.2 van de software",
            "op 5.1.2021 besloten",
            "om 11.10 uur",
            "een bedrag van € 5.120,00",
            "zie paragraaf 5.1.5 voor de details",
            "In 5.2.1 staat de werkwijze.",
            "Er waren 512 meldingen.",
            "tabel 5.1.20 geeft de cijfers",
        ] {
            assert_eq!(redact_paragraph(text).found, vec![], "{text}");
        }
    }
}
