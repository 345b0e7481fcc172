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
    /// The day it was sent.
    pub date: Option<NaiveDate>,
    /// The time it was sent, when given.
    #[serde(with = "super::date::hour_minute")]
    pub time: Option<NaiveTime>,
    /// The subject line.
    pub subject: Option<String>,
    /// Character offsets of the message's body in the document text.
    pub body_span: (usize, usize),
    /// Character offset where the message's header block starts in the text.
    pub header_start: usize,
}
