//! Dates as the model holds them: a calendar day (chrono's `NaiveDate`), a time of day,
//! or a date known only to the month or the year ([`PartialDate`]), and where a
//! document's date came from ([`DateSource`]).
//!
//! In JSON (the record, the front matter) a date is an ISO string: `2025-09-16`,
//! `2025-09` or `2025`; a time is `HH:MM`.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The Dutch month names, January first: the one list every part of Openbaar uses.
pub const MONTH_NAMES: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Dutch weekday names, Monday first: the one list every part of Openbaar uses.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];

/// The years a document or event may fall in. Outside them a "date" is a number, an
/// OCR error or a hostile header, never a date of a released document.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// How exact a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year is known.
    Year,
    /// Year and month.
    Month,
    /// The day.
    Day,
}

/// A date known to the day, the month or the year.
///
/// Ordered as its ISO form sorts: `2024` before `2024-05` before `2024-05-01`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
}

impl PartialDate {
    /// A whole day.
    pub fn day(date: NaiveDate) -> PartialDate {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// A month of a year; `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<PartialDate> {
        (1..=12).contains(&month).then_some(PartialDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A year.
    pub fn year(year: i32) -> PartialDate {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// How exact it is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The year.
    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// Whether it lies within `wider` (`2025-07-24` within `2025-07` and `2025`).
    pub fn falls_in(&self, wider: &PartialDate) -> bool {
        self.year == wider.year
            && wider.month.is_none_or(|m| self.month == Some(m))
            && wider.day.is_none_or(|d| self.day == Some(d))
    }

    /// The day, when it is known to the day.
    pub fn as_day(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// Reads `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse_iso(text: &str) -> Option<PartialDate> {
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str| s.parse::<u32>().ok();
        match parts.as_slice() {
            [y] if y.len() == 4 => Some(PartialDate::year(y.parse().ok()?)),
            [y, m] if y.len() == 4 => PartialDate::month(y.parse().ok()?, number(m)?),
            [y, m, d] if y.len() == 4 => {
                NaiveDate::from_ymd_opt(y.parse().ok()?, number(m)?, number(d)?)
                    .map(PartialDate::day)
            }
            _ => None,
        }
    }

    /// Where the date falls in time, for sorting a timeline, with its qualifier
    /// (`begin`, `medio`, `eind`): a bare year or month, and `begin`, sort at its start,
    /// `medio` after the first half (`medio 2024` after `eind juni 2024`, `medio mei` after
    /// `15 mei`), `eind` after everything in it. As (year, month, day), month and day
    /// 0 before the first and 13 and 32 after the last.
    pub fn time_order(&self, qualifier: Option<&str>) -> (i32, u32, u32) {
        let q = qualifier.map(str::to_lowercase);
        match (self.month, self.day, q.as_deref()) {
            (Some(m), Some(d), _) => (self.year, m, d),
            (Some(m), None, Some("medio")) => (self.year, m, 15),
            (Some(m), None, Some("eind")) => (self.year, m, 32),
            (Some(m), None, _) => (self.year, m, 0),
            (None, _, Some("medio")) => (self.year, 6, 33),
            (None, _, Some("eind")) => (self.year, 13, 0),
            (None, _, _) => (self.year, 0, 0),
        }
    }

    /// The date in Dutch words, by precision: `16 september 2025`, `februari 2025`,
    /// `2024`; a qualifier goes in front (`eind februari 2025`).
    pub fn label_nl(&self, qualifier: Option<&str>) -> String {
        self.label(&MONTH_NAMES, qualifier.map(str::to_string))
    }

    /// The date in English words, by precision: `16 September 2025`, `February 2025`,
    /// `2024`; a Dutch qualifier goes in front in English (`eind` → `late February
    /// 2025`, `begin` → `early`, `medio` → `mid`), any other as it was found.
    pub fn label_en(&self, qualifier: Option<&str>) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let qualifier = qualifier.map(|q| match q.to_lowercase().as_str() {
            "begin" => "early".to_string(),
            "medio" => "mid".to_string(),
            "eind" => "late".to_string(),
            _ => q.to_string(),
        });
        self.label(&MONTHS, qualifier)
    }

    fn label(&self, months: &[&str; 12], qualifier: Option<String>) -> String {
        let month = self
            .month
            .and_then(|m| months.get(m as usize - 1))
            .copied()
            .unwrap_or("");
        let base = match (self.month, self.day) {
            (Some(_), Some(d)) => format!("{d} {month} {}", self.year),
            (Some(_), None) => format!("{month} {}", self.year),
            _ => self.year.to_string(),
        };
        match qualifier {
            Some(q) => format!("{q} {base}"),
            None => base,
        }
    }
}

impl From<NaiveDate> for PartialDate {
    fn from(date: NaiveDate) -> PartialDate {
        PartialDate::day(date)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => write!(f, "{:04}-{m:02}", self.year),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse_iso(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date: {text:?}")))
    }
}

/// Where a document's date came from, best source first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateSource {
    /// The Date header of a real email.
    EmailHeader,
    /// The Sent/Verzonden line of the newest message of a printed email.
    EmailSent,
    /// A `Datum:` line of a letter, or a letterhead's date on a line of its own.
    DateLine,
    /// A date beside the signature or the place name (`Groningen, 26 maart 2025`).
    Signature,
    /// The inventory list of the release.
    Inventory,
    /// The PDF's creation date: usually the export date, a last resort.
    PdfMetadata,
}

impl DateSource {
    const ALL: [DateSource; 6] = [
        DateSource::EmailHeader,
        DateSource::EmailSent,
        DateSource::DateLine,
        DateSource::Signature,
        DateSource::Inventory,
        DateSource::PdfMetadata,
    ];

    /// The name in JSON and in labelled sets (`email_sent`, `pdf_metadata`, …).
    pub fn name(self) -> &'static str {
        match self {
            DateSource::EmailHeader => "email_header",
            DateSource::EmailSent => "email_sent",
            DateSource::DateLine => "date_line",
            DateSource::Signature => "signature",
            DateSource::Inventory => "inventory",
            DateSource::PdfMetadata => "pdf_metadata",
        }
    }
}

impl std::str::FromStr for DateSource {
    type Err = String;
    fn from_str(name: &str) -> Result<DateSource, String> {
        DateSource::ALL
            .into_iter()
            .find(|s| s.name() == name)
            .ok_or_else(|| format!("unknown date source {name:?}"))
    }
}

/// `HH:MM` in JSON for a time of day (chrono's own form has seconds).
pub mod hour_minute {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer};

    const FORMAT: &str = "%H:%M";

    /// Writes `Some(17:05)` as `"17:05"`.
    pub fn serialize<S: Serializer>(
        time: &Option<NaiveTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match time {
            Some(time) => serializer.collect_str(&time.format(FORMAT)),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `"17:05"`.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<NaiveTime>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|s| NaiveTime::parse_from_str(&s, FORMAT).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_dates_fall_where_they_mean() {
        let may = PartialDate::month(2024, 5).unwrap();
        let june = PartialDate::month(2024, 6).unwrap();
        let july = PartialDate::month(2024, 7).unwrap();
        let year = PartialDate::year(2024);
        assert!(year.time_order(Some("medio")) > may.time_order(None));
        assert!(year.time_order(Some("medio")) > june.time_order(Some("eind")));
        assert!(year.time_order(Some("medio")) < july.time_order(None));
        assert!(year.time_order(None) < may.time_order(None));
        assert!(
            year.time_order(Some("eind"))
                > PartialDate::month(2024, 12)
                    .unwrap()
                    .time_order(Some("eind"))
        );
        let may_20 = PartialDate::day(NaiveDate::from_ymd_opt(2024, 5, 20).unwrap());
        assert!(may.time_order(Some("medio")) < may_20.time_order(None));
        assert!(may.time_order(Some("eind")) > may_20.time_order(None));
    }

    #[test]
    fn iso_forms_round_trip_and_sort_as_text_does() {
        for text in ["2025-09-16", "2025-09", "2025"] {
            assert_eq!(PartialDate::parse_iso(text).unwrap().iso(), text);
        }
        assert_eq!(PartialDate::parse_iso("2025-02-31"), None);
        assert_eq!(PartialDate::parse_iso("2025-13"), None);
        assert_eq!(PartialDate::parse_iso("25-01-01"), None);
        let mut dates: Vec<PartialDate> = ["2024-05-01", "2024", "2024-05", "2023-12-31"]
            .iter()
            .map(|t| PartialDate::parse_iso(t).unwrap())
            .collect();
        dates.sort();
        let sorted: Vec<String> = dates.iter().map(PartialDate::iso).collect();
        assert_eq!(sorted, ["2023-12-31", "2024", "2024-05", "2024-05-01"]);
        assert!(dates[3].falls_in(&dates[2]) && dates[3].falls_in(&dates[1]));
        assert!(!dates[0].falls_in(&dates[1]) && !dates[2].falls_in(&dates[3]));
    }

    #[test]
    fn labels_in_dutch() {
        let day = PartialDate::parse_iso("2025-09-16").unwrap();
        assert_eq!(day.label_nl(None), "16 september 2025");
        let month = PartialDate::parse_iso("2025-02").unwrap();
        assert_eq!(month.label_nl(Some("eind")), "eind februari 2025");
        assert_eq!(
            PartialDate::year(2024).label_nl(Some("medio")),
            "medio 2024"
        );
    }

    #[test]
    fn labels_in_english() {
        let day = PartialDate::parse_iso("2025-09-16").unwrap();
        assert_eq!(day.label_en(None), "16 September 2025");
        let month = PartialDate::parse_iso("2025-02").unwrap();
        assert_eq!(month.label_en(Some("eind")), "late February 2025");
        assert_eq!(PartialDate::year(2024).label_en(Some("medio")), "mid 2024");
    }

    #[test]
    fn json_is_the_iso_string() {
        let day = PartialDate::parse_iso("2025-09-16").unwrap();
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2025-09-16\"");
        let back: PartialDate = serde_json::from_str("\"2025-09\"").unwrap();
        assert_eq!(back.precision(), Precision::Month);
        for source in DateSource::ALL {
            let json = serde_json::to_string(&source).unwrap();
            assert_eq!(json, format!("\"{}\"", source.name()));
            assert_eq!(source.name().parse::<DateSource>(), Ok(source));
        }
    }
}
