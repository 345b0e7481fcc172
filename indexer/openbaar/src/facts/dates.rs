//! Dutch and English dates as government documents write them, with their precision:
//! `26 maart 2025`, `donderdag 28 augustus 2025 12:39`, `Thur 8/28/2025 10:48:55 AM`,
//! `28-08-2025`, `2025-08-28`, `11 SEP. 2020`, `mrt 2025`. No crate reads Dutch dates;
//! this parser finds the parts and lets chrono check that the day exists.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveTime};
use regex::Regex;

use crate::model::date::PLAUSIBLE_YEARS;
use crate::model::{PartialDate, Precision, WEEKDAY_NAMES};

/// A date found in text, and the time beside it when the text gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    /// The date, as exact as the text says.
    pub date: PartialDate,
    /// Hour and minute, when the text gives a time.
    pub time: Option<NaiveTime>,
}

impl DateValue {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, by precision.
    pub fn iso(&self) -> String {
        self.date.iso()
    }

    /// How exact the date is.
    pub fn precision(&self) -> Precision {
        self.date.precision()
    }

    /// The day, when the date is known to the day.
    pub fn day(&self) -> Option<NaiveDate> {
        self.date.as_day()
    }

    fn on_day(year: i32, month: u32, day: u32, time: Option<(u32, u32)>) -> Option<DateValue> {
        if !PLAUSIBLE_YEARS.contains(&year) {
            return None;
        }
        let date = NaiveDate::from_ymd_opt(year, month, day)?;
        Some(DateValue {
            date: PartialDate::day(date),
            time: time.and_then(|(h, m)| NaiveTime::from_hms_opt(h, m, 0)),
        })
    }
}

/// A date and where it stands in the text (byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// Start of the date's words.
    pub start: usize,
    /// End of the date's words.
    pub end: usize,
    /// The date.
    pub value: DateValue,
}

const MONTHS: &[(&str, u32)] = &[
    ("januari", 1),
    ("january", 1),
    ("jan", 1),
    ("februari", 2),
    ("february", 2),
    ("feb", 2),
    ("maart", 3),
    ("march", 3),
    ("mrt", 3),
    ("mar", 3),
    ("mrz", 3),
    ("april", 4),
    ("apr", 4),
    ("mei", 5),
    ("may", 5),
    ("juni", 6),
    ("june", 6),
    ("jun", 6),
    ("juli", 7),
    ("july", 7),
    ("jul", 7),
    ("augustus", 8),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("oktober", 10),
    ("october", 10),
    ("okt", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &str = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|\
monday|tuesday|wednesday|thursday|friday|saturday|sunday|\
thurs|thur|tues|mon|tue|wed|thu|fri|sat|sun|ma|di|wo|do|vr|za|zo";

fn month_alternation() -> String {
    MONTHS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join("|")
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    let name = name.trim_end_matches('.');
    MONTHS.iter().find(|(n, _)| *n == name).map(|&(_, m)| m)
}

static TEXTUAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:{WEEKDAYS})\.?,?\s+)?(?P<d>\d{{1,2}})(?:e|ste|de)?\s+(?P<mon>{})\b\.?,?\s+(?P<y>\d{{4}})\b(?:,?\s+(?:om\s+)?(?P<h>\d{{1,2}})[:.](?P<mi>\d{{2}})\b)?",
        month_alternation()
    ))
    .expect("valid regex")
});

static MONTH_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:{WEEKDAYS})\.?,?\s+)?(?P<mon>{})\b\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b",
        month_alternation()
    ))
    .expect("valid regex")
});

static SLASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?P<wd>{WEEKDAYS})\.?,?\s+)?(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b(?:\s+(?P<h>\d{{1,2}}):(?P<mi>\d{{2}})(?::\d{{2}})?(?:\s*(?P<ampm>[AP]\.?M\.?))?)?"
    ))
    .expect("valid regex")
});

static DASHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<d>\d{1,2})-(?P<m>\d{1,2})-(?P<y>\d{4})\b").expect("valid regex")
});

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b").expect("valid regex")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?P<mon>{})\b\.?\s+(?P<y>\d{{4}})\b",
        month_alternation()
    ))
    .expect("valid regex")
});

fn num(caps: &regex::Captures, name: &str) -> Option<u32> {
    caps.name(name)?.as_str().parse().ok()
}

fn time_of(caps: &regex::Captures) -> Option<(u32, u32)> {
    let mut hour = num(caps, "h")?;
    let minute = num(caps, "mi")?;
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().to_lowercase().starts_with('p');
        if hour == 12 {
            hour = 0;
        }
        if pm {
            hour += 12;
        }
    }
    Some((hour, minute))
}

/// Finds every date in `text`, day dates first and then months, never overlapping.
pub fn find_dates(text: &str) -> Vec<FoundDate> {
    let mut found: Vec<FoundDate> = Vec::new();
    let push = |start: usize, end: usize, value: Option<DateValue>, found: &mut Vec<FoundDate>| {
        if let Some(value) = value {
            if !found.iter().any(|f| f.start < end && start < f.end) {
                found.push(FoundDate { start, end, value });
            }
        }
    };
    for caps in TEXTUAL.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let value = (|| {
            let month = month_number(caps.name("mon")?.as_str())?;
            DateValue::on_day(
                num(&caps, "y")? as i32,
                month,
                num(&caps, "d")?,
                time_of(&caps),
            )
        })();
        push(m.start(), m.end(), value, &mut found);
    }
    for caps in MONTH_FIRST.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let value = (|| {
            let month = month_number(caps.name("mon")?.as_str())?;
            DateValue::on_day(num(&caps, "y")? as i32, month, num(&caps, "d")?, None)
        })();
        push(m.start(), m.end(), value, &mut found);
    }
    for caps in SLASHED.captures_iter(text) {
        let m = caps.get(0).expect("match");
        let value = (|| {
            let (a, b, y) = (num(&caps, "a")?, num(&caps, "b")?, num(&caps, "y")? as i32);
            // Outlook's US prints (`Thur 8/28/2025 10:48:55 AM`) put the month first;
            // Dutch text puts the day first.
            let english = caps.name("ampm").is_some()
                || caps.name("wd").is_some_and(|w| {
                    let lower = w.as_str().to_lowercase();
                    !(WEEKDAY_NAMES.contains(&lower.as_str())
                        || WEEKDAY_ABBREVIATIONS_NL.contains(&lower.as_str()))
                });
            let (month, day) = if a > 12 {
                (b, a)
            } else if b > 12 || english {
                (a, b)
            } else {
                (b, a)
            };
            DateValue::on_day(y, month, day, time_of(&caps))
        })();
        push(m.start(), m.end(), value, &mut found);
    }
    // `2025-08-28` and `28-08-2025`: the same parts, in another order.
    for numeric in [&*ISO, &*DASHED] {
        for caps in numeric.captures_iter(text) {
            let m = caps.get(0).expect("match");
            let value = DateValue::on_day(
                num(&caps, "y").unwrap_or(0) as i32,
                num(&caps, "m").unwrap_or(0),
                num(&caps, "d").unwrap_or(0),
                None,
            );
            push(m.start(), m.end(), value, &mut found);
        }
    }
    for caps in MONTH_YEAR.captures_iter(text) {
        let m = caps.get(0).expect("match");
        // `31 februari 2025` is no date, and not `februari 2025` either.
        if text[..m.start()]
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let value = (|| {
            let month = month_number(caps.name("mon")?.as_str())?;
            let year = num(&caps, "y")? as i32;
            PLAUSIBLE_YEARS.contains(&year).then_some(DateValue {
                date: PartialDate::month(year, month)?,
                time: None,
            })
        })();
        push(m.start(), m.end(), value, &mut found);
    }
    found.sort_by_key(|f| f.start);
    found
}

/// Dutch weekday abbreviations; the full names are [`WEEKDAY_NAMES`].
const WEEKDAY_ABBREVIATIONS_NL: &[&str] = &["ma", "di", "wo", "do", "vr", "za", "zo"];

/// The first date in `text`, if any.
pub fn parse_date(text: &str) -> Option<DateValue> {
    find_dates(text).into_iter().next().map(|f| f.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        parse_date(text).map(|d| d.iso())
    }

    #[test]
    fn every_listed_format() {
        assert_eq!(iso("26 maart 2025").as_deref(), Some("2025-03-26"));
        assert_eq!(iso("Datum: 18 maart 2025").as_deref(), Some("2025-03-18"));
        let d = parse_date("donderdag 28 augustus 2025 12:39").unwrap();
        assert_eq!(
            (d.iso().as_str(), d.time),
            ("2025-08-28", NaiveTime::from_hms_opt(12, 39, 0))
        );
        let d = parse_date("Thur 8/28/2025 10:48:55 AM").unwrap();
        assert_eq!(
            (d.iso().as_str(), d.time),
            ("2025-08-28", NaiveTime::from_hms_opt(10, 48, 0))
        );
        let d = parse_date("Tue 9/29/2020 9:07:13 PM").unwrap();
        assert_eq!(
            (d.iso().as_str(), d.time),
            ("2020-09-29", NaiveTime::from_hms_opt(21, 7, 0))
        );
        assert_eq!(iso("28-08-2025").as_deref(), Some("2025-08-28"));
        assert_eq!(iso("2025-08-28").as_deref(), Some("2025-08-28"));
        assert_eq!(iso("3 mrt 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(iso("3 mrt. 2025").as_deref(), Some("2025-03-03"));
        assert_eq!(iso("1 aug. 2025").as_deref(), Some("2025-08-01"));
        assert_eq!(iso("11 SEP. 2020").as_deref(), Some("2020-09-11"));
        assert_eq!(
            iso("vrijdag 18 september 2020 14:51").as_deref(),
            Some("2020-09-18")
        );
        assert_eq!(
            iso("Monday, September 14, 2020").as_deref(),
            Some("2020-09-14")
        );
        assert_eq!(iso("11/2/2020 9:23 AM UTC").as_deref(), Some("2020-11-02"));
        assert_eq!(iso("28/08/2025").as_deref(), Some("2025-08-28"));
    }

    #[test]
    fn months_and_precision() {
        let d = parse_date("in oktober 2024").unwrap();
        assert_eq!(
            (d.iso().as_str(), d.precision()),
            ("2024-10", Precision::Month)
        );
        let d = parse_date("eind februari 2025").unwrap();
        assert_eq!(d.precision(), Precision::Month);
        assert_eq!(
            parse_date("26 maart 2025").unwrap().precision(),
            Precision::Day
        );
    }

    #[test]
    fn impossible_dates_are_not_dates() {
        assert_eq!(iso("31 februari 2025"), None);
        assert_eq!(iso("2025-13-01"), None);
        assert_eq!(iso("45-10-2020"), None);
        assert_eq!(iso("artikel 5.1.2 lid 3"), None);
        assert_eq!(iso("1 mei 1492"), None);
    }

    #[test]
    fn several_dates_in_order() {
        let found = find_dates(
            "Op 16 september 2025 besloot het KMI; op 25 september 2025 volgde het rapport.",
        );
        let isos: Vec<String> = found.iter().map(|f| f.value.iso()).collect();
        assert_eq!(isos, vec!["2025-09-16", "2025-09-25"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(text in "\\PC{0,80}") {
            let _ = find_dates(&text);
        }

        #[test]
        fn never_panics_on_date_like_input(text in "[0-9a-zA-Z /:.,-]{0,40}") {
            for found in find_dates(&text) {
                proptest::prop_assert!(found.start <= found.end && found.end <= text.len());
            }
        }
    }
}
