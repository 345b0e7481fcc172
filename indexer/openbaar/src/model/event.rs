//! Dated events the texts mention.

use serde::{Deserialize, Serialize};

use super::date::{PartialDate, Precision};

/// A dated event mentioned in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "EventJson", try_from = "EventJson")]
pub struct Event {
    /// When, as exactly as the text says.
    pub date: PartialDate,
    /// `begin`, `medio` or `eind` for a part of a month or year.
    pub qualifier: Option<String>,
    /// True when the year or the day came from the document's own date.
    pub resolved: bool,
    /// The sentence that mentions it.
    pub sentence: String,
    /// Character offset of the sentence in the document text.
    pub position: usize,
}

impl Event {
    /// How exact its date is.
    pub fn precision(&self) -> Precision {
        self.date.precision()
    }
}

/// The JSON shape of an event: the date's precision is spelled out beside it, for
/// scripts that read the records.
#[derive(Serialize, Deserialize)]
struct EventJson {
    date: PartialDate,
    precision: Precision,
    qualifier: Option<String>,
    resolved: bool,
    sentence: String,
    position: usize,
}

impl From<Event> for EventJson {
    fn from(e: Event) -> EventJson {
        EventJson {
            precision: e.date.precision(),
            date: e.date,
            qualifier: e.qualifier,
            resolved: e.resolved,
            sentence: e.sentence,
            position: e.position,
        }
    }
}

impl TryFrom<EventJson> for Event {
    type Error = String;
    fn try_from(e: EventJson) -> Result<Event, String> {
        if e.precision != e.date.precision() {
            return Err(format!("{} is not of precision {:?}", e.date, e.precision));
        }
        Ok(Event {
            date: e.date,
            qualifier: e.qualifier,
            resolved: e.resolved,
            sentence: e.sentence,
            position: e.position,
        })
    }
}
