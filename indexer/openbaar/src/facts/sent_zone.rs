//! All message times in one zone, the archive's. A printed sent line says its zone
//! (`… UTC`) or, far more often, says nothing.
//!
//! A known trait of exported Outlook threads: the newest message's print block
//! (`Sent: Fri 9/18/2020 1:01:29 PM`, US order with seconds) is printed in UTC
//! without saying so, while the quoted messages below it (`Verzonden: vrijdag 18
//! september 2020 14:51`) are in local time. The evidence on the page: read as local
//! time, the reply would be older than the message it answers, and read as UTC it is
//! not. When a document shows that, every print block of that form in it is UTC;
//! `printed_sent_zone` in `config.toml` can also fix the choice for the whole archive.
//! The printed value is kept on the message either way.

use std::sync::LazyLock;

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use regex::Regex;

use crate::config::PrintedSentZone;
use crate::model::{Message, PrintedZone};

/// Outlook's print-block form: weekday, month/day/year, time with seconds, AM/PM.
static PRINT_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*[a-z]{3,9}\.?,?\s+\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}:\d{2}\s*[AP]\.?M\.?\s*$",
    )
    .expect("valid regex")
});

/// A zone named in the printed value.
static STATED_UTC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(UTC|GMT)\b|\+00:?00\b").expect("valid regex"));

/// The printed day and time of a message, as a local date-time.
fn printed_at(message: &Message) -> Option<NaiveDateTime> {
    let printed = message.printed.as_ref()?;
    Some(printed.date.and_time(printed.time?))
}

fn is_print_block(message: &Message) -> bool {
    message
        .printed
        .as_ref()
        .is_some_and(|p| PRINT_BLOCK.is_match(&p.text) && !STATED_UTC.is_match(&p.text))
}

/// Whether the document shows its print blocks to be UTC: a print block that, read
/// as local time, is older than the next (older) local message, and read as UTC is not.
fn print_blocks_are_utc(messages: &[Message], zone: Tz) -> bool {
    messages.windows(2).any(|pair| {
        let (reply, answered) = (&pair[0], &pair[1]);
        if !is_print_block(reply) || is_print_block(answered) {
            return false;
        }
        let (Some(reply_at), Some(answered_at)) = (printed_at(reply), printed_at(answered)) else {
            return false;
        };
        reply_at < answered_at && to_zone(reply_at, zone) >= answered_at
    })
}

/// A UTC date-time in `zone`.
fn to_zone(utc: NaiveDateTime, zone: Tz) -> NaiveDateTime {
    Utc.from_utc_datetime(&utc)
        .with_timezone(&zone)
        .naive_local()
}

/// Puts every printed message's date and time in `zone`: a stated UTC time always,
/// print blocks when `setting` or the evidence says they are UTC.
pub fn settle_zones(messages: &mut [Message], zone: Tz, setting: PrintedSentZone) {
    let blocks_utc = match setting {
        PrintedSentZone::Local => false,
        PrintedSentZone::Utc => true,
        PrintedSentZone::Detect => print_blocks_are_utc(messages, zone),
    };
    for message in messages.iter_mut() {
        let Some(printed) = message.printed.as_mut() else {
            continue;
        };
        let zone_of_print = if STATED_UTC.is_match(&printed.text) {
            PrintedZone::UtcStated
        } else if blocks_utc && PRINT_BLOCK.is_match(&printed.text) {
            PrintedZone::UtcInferred
        } else {
            continue;
        };
        printed.zone = zone_of_print;
        if let Some(time) = printed.time {
            let local = to_zone(printed.date.and_time(time), zone);
            message.date = Some(local.date());
            message.time = Some(local.time());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PrintedSent;
    use chrono::{NaiveDate, NaiveTime};

    fn message(text: &str, date: (i32, u32, u32), time: (u32, u32)) -> Message {
        let date = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        let time = NaiveTime::from_hms_opt(time.0, time.1, 0).unwrap();
        Message {
            from: None,
            to: vec![],
            cc: vec![],
            date: Some(date),
            time: Some(time),
            printed: Some(PrintedSent {
                text: text.into(),
                date,
                time: Some(time),
                zone: PrintedZone::Local,
            }),
            subject: None,
            body_span: (0, 0),
            header_start: 0,
        }
    }

    fn hm(m: &Message) -> String {
        format!("{} {}", m.date.unwrap(), m.time.unwrap().format("%H:%M"))
    }

    #[test]
    fn a_reply_printed_before_what_it_answers_is_utc() {
        let mut thread = vec![
            message("Fri 9/18/2020 1:01:29 PM", (2020, 9, 18), (13, 1)),
            message("vrijdag 18 september 2020 14:51", (2020, 9, 18), (14, 51)),
        ];
        settle_zones(
            &mut thread,
            chrono_tz::Europe::Amsterdam,
            PrintedSentZone::Detect,
        );
        assert_eq!(hm(&thread[0]), "2020-09-18 15:01");
        assert_eq!(
            thread[0].printed.as_ref().unwrap().zone,
            PrintedZone::UtcInferred
        );
        assert_eq!(
            thread[0]
                .printed
                .as_ref()
                .unwrap()
                .time
                .unwrap()
                .to_string(),
            "13:01:00"
        );
        assert_eq!(hm(&thread[1]), "2020-09-18 14:51");
    }

    #[test]
    fn without_evidence_times_stay_as_printed_unless_configured() {
        let single = vec![message("Wed 9/23/2020 11:06:08 PM", (2020, 9, 23), (23, 6))];
        let mut detect = single.clone();
        settle_zones(
            &mut detect,
            chrono_tz::Europe::Amsterdam,
            PrintedSentZone::Detect,
        );
        assert_eq!(hm(&detect[0]), "2020-09-23 23:06");
        let mut utc = single;
        settle_zones(&mut utc, chrono_tz::Europe::Amsterdam, PrintedSentZone::Utc);
        // Past midnight in Amsterdam: the day moves too.
        assert_eq!(hm(&utc[0]), "2020-09-24 01:06");
    }

    #[test]
    fn a_stated_zone_is_always_converted_and_winter_time_counts() {
        let mut m = vec![message("11/2/2020 9:23 AM UTC", (2020, 11, 2), (9, 23))];
        settle_zones(&mut m, chrono_tz::Europe::Amsterdam, PrintedSentZone::Local);
        assert_eq!(hm(&m[0]), "2020-11-02 10:23");
        assert_eq!(m[0].printed.as_ref().unwrap().zone, PrintedZone::UtcStated);
    }

    #[test]
    fn an_answer_that_is_really_later_is_no_evidence() {
        let mut thread = vec![
            message("Mon 9/21/2020 4:25:45 PM", (2020, 9, 21), (16, 25)),
            message("maandag 21 september 2020 11:33", (2020, 9, 21), (11, 33)),
        ];
        settle_zones(
            &mut thread,
            chrono_tz::Europe::Amsterdam,
            PrintedSentZone::Detect,
        );
        assert_eq!(hm(&thread[0]), "2020-09-21 16:25");
    }
}
