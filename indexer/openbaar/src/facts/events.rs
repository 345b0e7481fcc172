//! Dated events in the text: the sentence around an explicit date (`op 16 september
//! 2025`, `in oktober 2024`, `eind februari 2025`, `medio 2024`), and dates without a
//! year or relative ones (`op 10 september`, `begin september`, `gisteravond`, `afgelopen
//! dinsdag`) resolved against the date of the document or message, only where that is
//! safe. A wrong date is worse than a missing one: whatever is unsure is left out.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::dates::find_dates;
use crate::model::{DateSource, Event, PartialDate, MONTH_NAMES, WEEKDAY_NAMES};

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
    /// Whether the date comes from the document's own date line (`Datum 24 september
    /// 2020`), which a letterhead prints in a side column that OCR may join to the text.
    pub from_date_line: bool,
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
            from_date_line: source == DateSource::DateLine,
        }
    }

    /// The year that puts `month`/`day` on or after the anchor, within a year: for a
    /// deadline (`tot 1 december`).
    fn year_ahead_for(&self, month: u32, day: u32) -> Option<NaiveDate> {
        [self.date.year(), self.date.year() + 1]
            .into_iter()
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .find(|candidate| (0..=365).contains(&(*candidate - self.date).num_days()))
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

/// `14 september`, `op 10 september`, `2-4 september` (the first day of a range).
static DAY_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let months = MONTH_NAMES.join("|");
    Regex::new(&format!(
        r"(?i)(?:^|[^\d/.\-])(?P<d>\d{{1,2}})(?:\s*-\s*\d{{1,2}})?\s+(?P<m>{months})\b"
    ))
    .expect("valid regex")
});

/// `uiterlijk 21-9`, `start 29-9`, `morgen 25/9`, `van 9/9`, `op 10-09`: a day and month
/// in figures, only after a word that makes them a date (`1-2 dagen` is a range).
static NUMERIC_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:op|per|tot|vanaf|voor|na|uiterlijk|start|morgen|van|t/m|vóór)\s+(?P<d>\d{1,2})[-/](?P<m>\d{1,2})\b(?:[^-/\d]|$)")
        .expect("valid regex")
});

/// Relative days forward and back from a message's date: `morgen`, `eergisteren`,
/// `donderdag a.s.`, `aanstaande vrijdag`, `volgende week donderdag`.
static RELATIVE_MORE: LazyLock<Regex> = LazyLock::new(|| {
    let weekdays = WEEKDAY_NAMES.join("|");
    Regex::new(&format!(
        r"(?i)\b(?:(?P<w>overmorgen|eergisteren|morgen)\b|(?:aanstaande|komende)\s+(?P<next>{weekdays})\b|(?P<next2>{weekdays})\s+a\.?s\.?(?:\s|$|[,.;:])|volgende\s+week\s+(?P<nextweek>{weekdays})\b)"
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

/// Whether a sentence is only a date (a header value, a date line, a page's stamp:
/// `Fri 9/18/2020 1:01:29 PM`, `25 September 2020`, `19-6-2020`): what is left without
/// its dates, times and weekdays holds no word of three letters.
fn only_a_date(sentence: &str, dates: &[super::dates::FoundDate]) -> bool {
    let mut rest = sentence.to_string();
    for found in dates.iter().rev() {
        rest.replace_range(found.start..found.end, " ");
    }
    let weekdays = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "thur",
        "fri",
        "sat",
        "sun",
        "uur",
        // The labels of a date line or print stamp: `Datum 24 september 2020`.
        "datum",
        "date",
        "sent",
        "verzonden",
        "received",
        "ontvangen",
        "printed",
        "afgedrukt",
        "gewijzigd",
        "modified",
        "created",
        "aangemaakt",
    ];
    !rest.split(|c: char| !c.is_alphabetic()).any(|w| {
        let lower = w.to_lowercase();
        w.chars().count() >= 3
            && !weekdays.contains(&lower.as_str())
            && !WEEKDAY_NAMES.contains(&lower.as_str())
    })
}

/// Whether a date found stands in a file name: its word holds `_` or ends in an
/// extension of a document.
fn in_a_file_name(sentence: &str, found: &super::dates::FoundDate) -> bool {
    let start = sentence[..found.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = sentence[found.end..]
        .find(char::is_whitespace)
        .map_or(sentence.len(), |i| found.end + i);
    let word = sentence[start..end].to_lowercase();
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    word.contains('_')
        || [
            ".pdf", ".docx", ".doc", ".xlsx", ".xls", ".pptx", ".msg", ".eml", ".zip",
        ]
        .iter()
        .any(|ext| word.ends_with(ext))
}

/// Whether a date is the letterhead's date column joined to a line of text by OCR
/// (`Momenteel zijn de verhoudingen anders maar de 24 september 2020`): the document's
/// own date line's date, ending its paragraph, after a word that cannot lead to a date
/// (an article or a conjunction; `op`, `van`, `sinds` can).
fn from_the_date_column(
    sentence: &str,
    found: &super::dates::FoundDate,
    anchor: Option<Anchor>,
) -> bool {
    const CANNOT_LEAD_TO_A_DATE: &[&str] = &[
        "de", "het", "een", "en", "maar", "of", "dat", "die", "dit", "is", "zijn", "wordt",
        "worden", "als", "te",
    ];
    let word_before = sentence[..found.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    anchor.is_some_and(|a| a.from_date_line && Some(a.date) == found.value.date.as_day())
        && sentence[found.end..].trim().is_empty()
        && CANNOT_LEAD_TO_A_DATE.contains(&word_before.as_str())
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
        if only_a_date(sentence, &explicit) {
            continue;
        }
        for found in &explicit {
            // `…/BWBR0040889/2018-05-15`: a date in an address is no event, nor one in a
            // file name (`Oplegnota_2020-09-29_13_49_19.docx`, `survey 17-09-2020.pdf`).
            if sentence[..found.start].ends_with('/')
                || in_a_file_name(sentence, found)
                || from_the_date_column(sentence, found, anchor)
            {
                continue;
            }
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
            let day = caps.name("d").expect("day");
            let before = sentence[..day.start()].trim_end().to_lowercase();
            // `vanaf 1 maart 2019 t/m 31 oktober`: the end of a range is part of the
            // event its start dates.
            let ends_a_range = ["t/m", "tot en met"].iter().any(|w| before.ends_with(w));
            if taken(m.start()) || (ends_a_range && !explicit.is_empty()) {
                continue;
            }
            // `nog tot 1 december`, `uiterlijk 11 september`: a deadline lies ahead
            // (`tot 7 september waren er …` may lie behind).
            let ahead = ["nog tot", "uiterlijk"]
                .iter()
                .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
            let resolved = (|| {
                let (month, day) = (month_of(m.as_str())?, caps["d"].parse().ok()?);
                if ahead {
                    anchor.year_ahead_for(month, day)
                } else {
                    anchor.year_for(month, day)
                }
            })();
            if let Some(date) = resolved {
                push(PartialDate::day(date), None, true);
            }
        }
        for caps in NUMERIC_NO_YEAR.captures_iter(sentence) {
            let resolved = (|| {
                let month: u32 = caps["m"].parse().ok()?;
                anchor.year_for(month, caps["d"].parse().ok()?)
            })();
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
            for caps in RELATIVE_MORE.captures_iter(sentence) {
                // `morgen 25/9`, `donderdag a.s. 17 september`: the date given wins.
                let rest = sentence[caps.get(0).expect("match").end()..].trim_start();
                if rest.starts_with(|c: char| c.is_ascii_digit()) {
                    continue;
                }
                let date = if let Some(word) = caps.name("w") {
                    let days = match word.as_str().to_lowercase().as_str() {
                        "overmorgen" => 2,
                        "eergisteren" => -2,
                        _ => 1,
                    };
                    Some(anchor.date + Duration::days(days))
                } else if let Some(day) = caps.name("next").or(caps.name("next2")) {
                    next_weekday(anchor.date, day.as_str())
                } else {
                    caps.name("nextweek").and_then(|day| {
                        let monday = anchor.date
                            + Duration::days(
                                7 - anchor.date.weekday().num_days_from_monday() as i64,
                            );
                        next_weekday(monday - Duration::days(1), day.as_str())
                    })
                };
                if let Some(date) = date {
                    push(PartialDate::day(date), None, true);
                }
            }
        }
    }
    events
}

/// A sentence as it is compared across documents: small letters, single spaces.
fn sentence_key(sentence: &str) -> String {
    sentence
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Boilerplate, found by counting: sentences that, each time they occur across an
/// archive, give events on three different dates or more, like a mail slogan (`De zorg
/// voor morgen begint vandaag`) read against every message's own date, or a disclaimer.
/// A real event quoted in many mails keeps its dates and stays, and so does one
/// sentence that names several dates. Takes the events of each document; returns the
/// keys of the boilerplate sentences, for [`is_boilerplate`].
pub fn boilerplate<'a>(documents: impl IntoIterator<Item = &'a [Event]>) -> HashSet<String> {
    // Per sentence, the dates of each of its occurrences (document and position).
    let mut occurrences: HashMap<String, HashMap<(usize, usize), Vec<String>>> = HashMap::new();
    for (index, events) in documents.into_iter().enumerate() {
        for event in events {
            let mut dates = occurrences
                .entry(sentence_key(&event.sentence))
                .or_default()
                .remove(&(index, event.position))
                .unwrap_or_default();
            dates.push(event.date.iso());
            dates.sort();
            occurrences
                .get_mut(&sentence_key(&event.sentence))
                .expect("just added")
                .insert((index, event.position), dates);
        }
    }
    occurrences
        .into_iter()
        .filter(|(_, found)| found.values().collect::<HashSet<_>>().len() >= 3)
        .map(|(key, _)| key)
        .collect()
}

/// Whether an event's sentence is among the `boilerplate` sentences.
pub fn is_boilerplate(event: &Event, boilerplate: &HashSet<String>) -> bool {
    boilerplate.contains(&sentence_key(&event.sentence))
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

/// The first `weekday` after `date`.
fn next_weekday(date: NaiveDate, weekday: &str) -> Option<NaiveDate> {
    let target = weekday_of(weekday)?;
    (1..=7)
        .map(|d| date + Duration::days(d))
        .find(|d| d.weekday() == target)
}

/// The most recent `weekday` before `date`.
fn last_weekday(date: NaiveDate, weekday: &str) -> Option<NaiveDate> {
    let target = weekday_of(weekday)?;
    (1..=7)
        .map(|d| date - Duration::days(d))
        .find(|d| d.weekday() == target)
}

fn weekday_of(weekday: &str) -> Option<Weekday> {
    Some(match weekday.to_lowercase().as_str() {
        "maandag" => Weekday::Mon,
        "dinsdag" => Weekday::Tue,
        "woensdag" => Weekday::Wed,
        "donderdag" => Weekday::Thu,
        "vrijdag" => Weekday::Fri,
        "zaterdag" => Weekday::Sat,
        "zondag" => Weekday::Sun,
        _ => return None,
    })
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
    fn year_less_and_relative_dates_in_bodies_are_resolved() {
        let mail = anchor("2020-09-24", "email_sent"); // a Thursday
        assert_eq!(
            dates("Het debat van 2 juli was kort.", mail),
            vec!["2020-07-02"]
        );
        assert_eq!(
            dates("De regels gelden vanaf maandag 14 september.", mail),
            vec!["2020-09-14"]
        );
        assert_eq!(
            dates("Eergisteren (22 september) sprak ik hem.", mail),
            vec!["2020-09-22"]
        );
        assert_eq!(dates("Heb jij morgen 25/9 tijd?", mail), vec!["2020-09-25"]);
        assert_eq!(
            dates(
                "Heb jij morgen 25/9 tijd?",
                anchor("2020-09-22", "email_sent")
            ),
            vec!["2020-09-25"],
            "the date given wins over `morgen`"
        );
        assert!(dates("Datum 24 september 2020", None).is_empty());
        assert!(dates("Bijlage: Oplegnota_2020-09-29_13_49_19.docx", None).is_empty());
        assert!(dates("zie survey_17-09-2020.pdf en nota 2020-09-29.docx", None).is_empty());
        assert_eq!(
            dates("Donderdag a.s. is het overleg.", mail),
            vec!["2020-10-01"]
        );
        assert_eq!(
            dates("volgende week donderdag in het ACC", mail),
            vec!["2020-10-01"]
        );
        assert_eq!(
            dates("8 september: bespreking in DOC-19", mail),
            vec!["2020-09-08"]
        );
        // A range of numbers is no date; the same figures after `uiterlijk` are.
        assert!(dates("Dat kost 1-2 dagen.", mail).is_empty());
        assert_eq!(dates("uiterlijk 21-9 het advies", mail), vec!["2020-09-21"]);
        let july = anchor("2020-07-27", "email_sent");
        assert_eq!(
            dates("Nog tot 1 december kunt u aanvragen.", july),
            vec!["2020-12-01"]
        );
        assert_eq!(
            dates("vanaf 01 maart 2019 t/m 31 oktober", july),
            vec!["2019-03-01"]
        );
    }

    #[test]
    fn a_sentence_with_many_dates_across_documents_is_boilerplate() {
        let slogan = |date: &str| {
            paragraph_events(
                "De zorg voor morgen begint vandaag.",
                0,
                anchor(date, "email_sent"),
            )
        };
        let quoted = |date: &str| {
            paragraph_events(
                "Het debat van 2 juli was kort.",
                0,
                anchor(date, "email_sent"),
            )
        };
        let documents: Vec<Vec<Event>> = ["2020-09-01", "2020-09-08", "2020-09-15"]
            .iter()
            .map(|d| slogan(d).into_iter().chain(quoted(d)).collect())
            .collect();
        let many_dates = paragraph_events(
            "De aanwijzingen van 26 juni, 10 juli en 7 augustus blijven van kracht.",
            0,
            anchor("2020-09-07", "email_sent"),
        );
        assert_eq!(many_dates.len(), 3);
        let found = boilerplate(
            documents
                .iter()
                .map(Vec::as_slice)
                .chain([many_dates.as_slice()]),
        );
        assert!(!is_boilerplate(&many_dates[0], &found));
        assert!(is_boilerplate(&slogan("2020-10-01")[0], &found));
        assert!(!is_boilerplate(&quoted("2020-10-01")[0], &found));
    }

    #[test]
    fn a_line_that_is_only_a_date_is_no_event() {
        for line in [
            "Fri 9/18/2020 1:01:29 PM",
            "25 September 2020",
            "19-6-2020",
            "dinsdag 22 september 2020 10:12",
        ] {
            assert!(dates(line, None).is_empty(), "{line}");
        }
        assert!(dates(
            "zie http://wetten.overheid.nl/BWBR0040889/2018-05-15 voor de tekst",
            None
        )
        .is_empty());
    }

    #[test]
    fn the_date_column_joined_to_a_line_is_no_event() {
        let line = "Momenteel zijn de verhoudingen anders maar de 24 september 2020";
        assert!(dates(line, anchor("2020-09-24", "date_line")).is_empty());
        assert_eq!(dates(line, anchor("2020-09-25", "date_line")).len(), 1);
        assert_eq!(dates(line, anchor("2020-09-24", "pdf_metadata")).len(), 1);
        let meeting = "Het overleg vond plaats op 24 september 2020";
        assert_eq!(dates(meeting, anchor("2020-09-24", "date_line")).len(), 1);
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
