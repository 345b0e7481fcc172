//! The messages of an email thread, real or printed.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One message of an email thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    /// The sender as written.
    pub from: Option<String>,
    /// Recipients.
    pub to: Vec<String>,
    /// Recipients in copy.
    pub cc: Vec<String>,
    /// The day it was sent, in the archive's time zone.
    pub date: Option<NaiveDate>,
    /// The time it was sent, in the archive's time zone, when given.
    #[serde(with = "super::date::hour_minute")]
    pub time: Option<NaiveTime>,
    /// The sent line as printed, for a printed header block: kept as the page shows it,
    /// because `date` and `time` may have been moved to the archive's zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed: Option<PrintedSent>,
    /// The subject line.
    pub subject: Option<String>,
    /// Character offsets of the message's body in the document text.
    pub body_span: (usize, usize),
    /// Character offset where the message's header block starts in the text.
    pub header_start: usize,
}

/// A printed `Sent:`/`Verzonden:` value, read as it stands on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedSent {
    /// The value verbatim (`Fri 9/18/2020 1:01:29 PM`).
    pub text: String,
    /// The day as printed.
    pub date: NaiveDate,
    /// The time as printed (24-hour), when printed.
    #[serde(with = "super::date::hour_minute")]
    pub time: Option<NaiveTime>,
    /// The zone the printed time was taken to be in.
    pub zone: PrintedZone,
}

/// The zone of a printed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintedZone {
    /// The archive's own zone: the time is kept as printed.
    Local,
    /// UTC, as the print says (`… UTC`, `+0000`).
    UtcStated,
    /// UTC although the print does not say so: the evidence on the pages (a reply
    /// printed earlier than the message it answers, by about the zone's offset) or the
    /// archive's setting says so.
    UtcInferred,
}
