//! Dated events in the text: the sentence around an explicit date (`op 16 september
//! 2025`, `in oktober 2024`, `eind februari 2025`, `medio 2024`), and dates without a
//! year or relative ones (`op 10 september`, `begin september`, `gisteravond`, `afgelopen
//! dinsdag`) resolved against the date of the document or message, only where that is
//! safe. A wrong date is worse than a missing one: whatever is unsure is left out.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::dates::find_dates;
use crate::model::{DateSource, Event, PartialDate, MONTH_NAMES};

/// The date a text is written on, for resolving dates without a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchor {
    /// The date.
    pub date: NaiveDate,
    /// Whether relative words (`gisteren`, `afgelopen dinsdag`) may be resolved against
    /// it: only for the sent date of an email, not for a letter's export date.
    pub exact: bool,
    /// How far before the anchor a date without a year may lie, in days.
    pub max_days_before: i64,
}

impl Anchor {
    /// An anchor from a document date and its source: how safe it is to resolve
    /// against depends on where the date came from.
    pub fn for_document(date: NaiveDate, source: DateSource) -> Anchor {
        let (exact, max_days_before) = match source {
            DateSource::EmailHeader | DateSource::EmailSent => (true, 270),
            DateSource::DateLine | DateSource::Signature => (false, 270),
            // An export date lies after the writing, but not by much, usually.
            DateSource::PdfMetadata | DateSource::Inventory => (false, 60),
        };
        Anchor {
            date,
            exact,
            max_days_before,
        }
    }

    /// The year that puts `month`/`day` within the safe window around the anchor.
    fn year_for(&self, month: u32, day: u32) -> Option<NaiveDate> {
        [self.date.year(), self.date.year() - 1, self.date.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|candidate| {
                let days = (self.date - *candidate).num_days();
                (-92..=self.max_days_before).contains(&days)
            })
    }
}

static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(begin|eind|medio|half|midden|eind van|begin van)\s*$").expect("valid regex")
});

static YEAR_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<q>medio|begin|eind|in)\s+(?P<y>(?:19|20)\d{2})\b").expect("valid regex")
});

static DAY_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTH_NAMES.join("|");
    Regex::new(&format!(
        r"(?i)\b(?:op|per|tot|vanaf|voor|na)\s+(?P<d>\d{{1,2}})\s+(?P<m>{months})\b"
    ))
    .expect("valid regex")
});

static MONTH_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTH_NAMES.join("|");
    Regex::new(&format!(
        r"(?i)\b(?P<q>begin|eind|medio|half)\s+(?P<m>{months})\b"
    ))
    .expect("valid regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<w>gisteravond|gistermiddag|gisterochtend|gisteren|vandaag|vanochtend|vanmorgen|vanmiddag|vanavond|afgelopen\s+(?P<wd>maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))\b")
        .expect("valid regex")
});

/// Header lines carry a document's or message's own date, not an event.
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(datum|date|sent|verzonden|received|ontvangen|van|from|aan|to|cc|onderwerp|subject|kenmerk|uw brief)\s*:")
        .expect("valid regex")
});

fn month_of(name: &str) -> Option<u32> {
    MONTH_NAMES
        .iter()
        .position(|m| m.eq_ignore_ascii_case(name))
        .map(|i| i as u32 + 1)
}

/// Splits a paragraph into sentences: at `.`, `!` or `?` followed by a space and a
/// capital, except after abbreviations and initials.
pub fn sentences(paragraph: &str) -> Vec<(usize, &str)> {
    const ABBREVIATIONS: &[&str] = &[
        "art", "nr", "mrt", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "nov",
        "dec", "o.a", "d.w.z", "bijv", "e.a", "mw", "dhr", "drs", "mr", "ir", "dr", "prof", "ca",
        "incl", "excl", "t.a.v", "p", "blz", "vs", "resp", "i.p.v", "m.b.t", "t.b.v", "z.s.m",
        "evt", "ong", "St",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, next)) = chars.get(k + 1) else {
            continue;
        };
        let after = chars.get(k + 2).map(|&(_, c)| c);
        let starts_sentence =
            after.is_some_and(|a| a.is_uppercase() || matches!(a, '“' | '‘' | '"' | '(' | '\''));
        if !next.is_whitespace() || !starts_sentence {
            continue;
        }
        let word: String = paragraph[start..i]
            .rsplit(|ch: char| ch.is_whitespace())
            .next()
            .unwrap_or("")
            .to_string();
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if c == '.' && (initial || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))) {
            continue;
        }
        out.push((start, paragraph[start..=i].trim()));
        start = chars[k + 1].0 + next.len_utf8();
    }
    if start < paragraph.len() && !paragraph[start..].trim().is_empty() {
        out.push((start, paragraph[start..].trim()));
    }
    out
}

/// The events of one paragraph starting at character offset `offset` of the document
/// text, with `anchor` for dates without a year.
pub fn paragraph_events(paragraph: &str, offset: usize, anchor: Option<Anchor>) -> Vec<Event> {
    if HEADER_LINE.is_match(paragraph) {
        return Vec::new();
    }
    let mut events = Vec::new();
    for (start, sentence) in sentences(paragraph) {
        let position = offset + paragraph[..start].chars().count();
        let mut push = |date: PartialDate, qualifier: Option<String>, resolved| {
            if !events
                .iter()
                .any(|e: &Event| e.date == date && e.position == position)
            {
                events.push(Event {
                    date,
                    qualifier,
                    resolved,
                    sentence: sentence.to_string(),
                    position,
                });
            }
        };
        let explicit = find_dates(sentence);
        for found in &explicit {
            let qualifier = QUALIFIER
                .captures(&sentence[..found.start])
                .map(|c| c[1].to_lowercase());
            push(found.value.date, qualifier, false);
        }
        let taken = |at: usize| explicit.iter().any(|f| f.start <= at && at < f.end);
        for caps in YEAR_ONLY.captures_iter(sentence) {
            if taken(caps.name("y").expect("year").start()) {
                continue;
            }
            let q = caps["q"].to_lowercase();
            let Ok(year) = caps["y"].parse() else {
                continue;
            };
            push(PartialDate::year(year), (q != "in").then_some(q), false);
        }
        let Some(anchor) = anchor else { continue };
        for caps in DAY_NO_YEAR.captures_iter(sentence) {
            let m = caps.name("m").expect("month");
            if taken(m.start()) {
                continue;
            }
            let resolved = (|| anchor.year_for(month_of(m.as_str())?, caps["d"].parse().ok()?))();
            if let Some(date) = resolved {
                push(PartialDate::day(date), None, true);
            }
        }
        for caps in MONTH_NO_YEAR.captures_iter(sentence) {
            let m = caps.name("m").expect("month");
            if taken(m.start()) {
                continue;
            }
            let resolved = month_of(m.as_str())
                .and_then(|month| anchor.year_for(month, 15))
                .and_then(|date| PartialDate::month(date.year(), date.month()));
            if let Some(date) = resolved {
                push(date, Some(caps["q"].to_lowercase()), true);
            }
        }
        if anchor.exact {
            for caps in RELATIVE.captures_iter(sentence) {
                let word = caps["w"].to_lowercase();
                let date = if let Some(weekday) = caps.name("wd") {
                    last_weekday(anchor.date, weekday.as_str())
                } else if word.starts_with("gister") {
                    Some(anchor.date - Duration::days(1))
                } else {
                    Some(anchor.date)
                };
                if let Some(date) = date {
                    push(PartialDate::day(date), None, true);
                }
            }
        }
    }
    events
}

static DECISION_TODAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bbesluit\b.*\b(hebben|heeft)\s+genomen\b|\b(hebben|heeft)\s+(wij|het college)?\s*besloten\b")
        .expect("valid regex")
});

/// A letter that opens by announcing the decision it reports (`het besluit dat wij als
/// college hebben genomen`) dates that decision to the letter's own date line.
pub fn opening_decision(paragraph: &str, offset: usize, letter_date: NaiveDate) -> Option<Event> {
    sentences(paragraph)
        .into_iter()
        .find_map(|(start, sentence)| {
            (DECISION_TODAY.is_match(sentence) && find_dates(sentence).is_empty()).then(|| Event {
                date: PartialDate::day(letter_date),
                qualifier: None,
                resolved: true,
                sentence: sentence.to_string(),
                position: offset + paragraph[..start].chars().count(),
            })
        })
}

/// The most recent `weekday` before `date`.
fn last_weekday(date: NaiveDate, weekday: &str) -> Option<NaiveDate> {
    let target = match weekday.to_lowercase().as_str() {
        "maandag" => Weekday::Mon,
        "dinsdag" => Weekday::Tue,
        "woensdag" => Weekday::Wed,
        "donderdag" => Weekday::Thu,
        "vrijdag" => Weekday::Fri,
        "zaterdag" => Weekday::Sat,
        "zondag" => Weekday::Sun,
        _ => return None,
    };
    (1..=7)
        .map(|d| date - Duration::days(d))
        .find(|d| d.weekday() == target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Precision;

    fn anchor(date: &str, source: &str) -> Option<Anchor> {
        Some(Anchor::for_document(
            date.parse().unwrap(),
            source.parse().unwrap(),
        ))
    }

    fn dates(text: &str, anchor: Option<Anchor>) -> Vec<String> {
        paragraph_events(text, 0, anchor)
            .into_iter()
            .map(|e| e.date.iso())
            .collect()
    }

    #[test]
    fn explicit_dates_and_their_precision() {
        let events = paragraph_events("Op 16 september 2025 heeft het Keurmerk Instituut (KMI) besloten. Eind februari 2025 kwam het rapport.", 0, None);
        assert_eq!(events.len(), 2);
        assert_eq!(
            (events[0].date.iso().as_str(), events[0].precision()),
            ("2025-09-16", Precision::Day)
        );
        assert_eq!(
            (
                events[1].date.iso().as_str(),
                events[1].qualifier.as_deref()
            ),
            ("2025-02", Some("eind"))
        );
        assert_eq!(events[1].sentence, "Eind februari 2025 kwam het rapport.");
        assert_eq!(
            dates("zijn medio 2024 de gesprekken opgeschaald", None),
            vec!["2024"]
        );
        assert_eq!(
            dates("in oktober 2024 opdracht gegeven aan AEF", None),
            vec!["2024-10"]
        );
    }

    #[test]
    fn dates_without_a_year_are_resolved_only_when_safe() {
        let letter = anchor("2025-10-06", "pdf_metadata");
        assert_eq!(
            dates("Deze zijn op 16 september ook erkend door het KMI.", letter),
            vec!["2025-09-16"]
        );
        // Too far before an export date to be sure of the year.
        assert!(dates("op 15 januari besloot het college", letter).is_empty());
        assert!(dates("op 16 september besloot het college", None).is_empty());
        let mail = anchor("2025-08-28", "email_sent");
        assert_eq!(
            dates("Gisteravond heeft de stuurgroep vergaderd.", mail),
            vec!["2025-08-27"]
        );
        assert_eq!(
            dates("de audit KMI van afgelopen dinsdag", mail),
            vec!["2025-08-26"]
        );
        assert_eq!(
            dates(
                "een raadsbrief die op 10 september in de colleges kan liggen",
                mail
            ),
            vec!["2025-09-10"]
        );
        assert_eq!(
            dates("Begin september informeren wij u.", mail),
            vec!["2025-09"]
        );
        // Relative words need an email's own date.
        assert!(dates("Gisteravond heeft de stuurgroep vergaderd.", letter).is_empty());
    }

    #[test]
    fn a_letter_dates_the_decision_it_opens_with() {
        let e = opening_decision(
            "Graag nemen wij u mee in de actuele ontwikkelingen van deze organisatie en het besluit dat wij als college van B&W hebben genomen.",
            10,
            "2025-03-26".parse().unwrap(),
        )
        .unwrap();
        assert_eq!((e.date.iso().as_str(), e.position), ("2025-03-26", 10));
        assert!(opening_decision(
            "Het college maakt zich zorgen.",
            0,
            "2025-03-26".parse().unwrap()
        )
        .is_none());
    }

    #[test]
    fn headers_and_numbers_are_not_events() {
        assert!(dates("Datum: 26 maart 2025", None).is_empty());
        assert!(dates("Verzonden: donderdag 28 augustus 2025 12:39", None).is_empty());
        assert!(dates("Sinds 2022 werkt JBN met de veldnorm.", None).is_empty());
        assert!(dates("Er waren 2025 meldingen.", None).is_empty());
    }

    #[test]
    fn sentences_split_at_full_stops_not_abbreviations() {
        let s: Vec<&str> = sentences(
            "Zie art. 36 RvO. Het college (o.a. de wethouder) besloot. Mw. K. Blauw vroeg het.",
        )
        .into_iter()
        .map(|(_, s)| s)
        .collect();
        assert_eq!(
            s,
            vec![
                "Zie art. 36 RvO.",
                "Het college (o.a. de wethouder) besloot.",
                "Mw. K. Blauw vroeg het."
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,120}") {
            let _ = paragraph_events(&text, 0, anchor("2025-08-28", "email_sent"));
        }
    }
}
