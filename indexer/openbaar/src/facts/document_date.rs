//! The date of a document, from the best source it has.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::dates::find_dates;
use crate::model::{DateSource, Message, Page, Precision};

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(datum|date|dagtekening)\s*:?\s*(?P<rest>.+)$").expect("valid regex")
});

/// The document date and its source, best source first: an email's own date, the
/// newest message of a printed thread, a `Datum:` line, a date by the signature, and
/// the date the format states (a PDF's creation date) last. The inventory list is
/// applied when records are assembled, above that last resort.
pub fn document_date(
    stated: Option<(NaiveDate, DateSource)>,
    pages: &[Page],
    messages: &[Message],
) -> Option<(NaiveDate, DateSource)> {
    if let Some((date, DateSource::EmailHeader)) = stated {
        return Some((date, DateSource::EmailHeader));
    }
    if let Some(date) = messages.first().and_then(|m| m.date) {
        return Some((date, DateSource::EmailSent));
    }
    let first_paragraphs: Vec<&String> = pages
        .iter()
        .take(2)
        .flat_map(|p| p.paragraphs.iter())
        .take(40)
        .collect();
    for paragraph in &first_paragraphs {
        if let Some(caps) = DATE_LINE.captures(paragraph) {
            if let Some(found) = find_dates(&caps["rest"]).first() {
                if let Some(day) = found.value.day().filter(|_| found.start <= 2) {
                    return Some((day, DateSource::DateLine));
                }
            }
        }
    }
    // A letterhead's date on a line of its own (`11 SEP. 2020`), its label elsewhere.
    for paragraph in &first_paragraphs {
        let found = find_dates(paragraph);
        if let [only] = found.as_slice() {
            let alone = only.start == 0 && only.end == paragraph.trim_end().len();
            if let Some(day) = only.value.day().filter(|_| alone) {
                return Some((day, DateSource::DateLine));
            }
        }
    }
    if let Some(date) = signature_date(pages) {
        return Some((date, DateSource::Signature));
    }
    stated.map(|(date, _)| (date, DateSource::PdfMetadata))
}

/// `Groningen, 26 maart 2025` on a line of its own near the top or the signature.
fn signature_date(pages: &[Page]) -> Option<NaiveDate> {
    static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][a-zA-Z'\- ]{1,30},\s+(?P<date>.{6,40})$").expect("valid regex")
    });
    let paragraphs: Vec<&String> = pages.iter().flat_map(|p| p.paragraphs.iter()).collect();
    let near_edges = paragraphs
        .iter()
        .take(15)
        .chain(paragraphs.iter().rev().take(15));
    for paragraph in near_edges {
        if let Some(caps) = PLACE_DATE.captures(paragraph) {
            let found = find_dates(&caps["date"]);
            if let Some(day) = found
                .first()
                .filter(|f| f.value.precision() == Precision::Day)
                .and_then(|f| f.value.day())
            {
                return Some(day);
            }
        }
    }
    None
}
