//! The archive's timelines: documents and messages by date, and the events the texts
//! mention, where mentions of one event on one date in several documents are merged
//! into one event listing all its sources. Exported as TimelineJS JSON and as CSV.

use std::collections::HashSet;

use serde::Serialize;

use crate::dates::{Precision, MONTH_NAMES};
use crate::record::{Document, Kind};

/// Where an event is mentioned.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Source {
    /// The document id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The sentence in it.
    pub sentence: String,
    /// Character offset of the sentence in the document text.
    pub position: usize,
}

/// An event with all documents that mention it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineEvent {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub date: String,
    /// How exact the date is.
    pub precision: Precision,
    /// `begin`, `medio`, `eind`.
    pub qualifier: Option<String>,
    /// True when a source's date needed the document date to resolve.
    pub resolved: bool,
    /// The mentions, in archive order.
    pub sources: Vec<Source>,
    /// The documents of the mentions, each once: (id, title).
    pub documents: Vec<(String, String)>,
    /// Organisations of the source documents, for filtering.
    pub organisations: Vec<String>,
    /// Types, people and grounds of the source documents, for filtering.
    pub doc_types: Vec<String>,
    /// People named in the source documents.
    pub people: Vec<String>,
    /// Refusal grounds found in the source documents.
    pub grounds: Vec<String>,
    /// The date in Dutch words, by precision: `16 september 2025`, `eind februari 2025`.
    pub label: String,
}

/// Words too common to say that two sentences tell of the same event.
const STOPWORDS: &[&str] = &[
    "de",
    "het",
    "een",
    "en",
    "van",
    "in",
    "op",
    "is",
    "dat",
    "die",
    "met",
    "voor",
    "aan",
    "te",
    "om",
    "er",
    "zijn",
    "wordt",
    "worden",
    "heeft",
    "hebben",
    "door",
    "bij",
    "ook",
    "als",
    "niet",
    "nog",
    "naar",
    "over",
    "deze",
    "dit",
    "wij",
    "we",
    "u",
    "uw",
    "na",
    "tot",
    "of",
    "af",
    "zo",
    "dan",
    "maar",
    "ze",
    "hun",
    "weer",
    "noord",
    "jbn",
    "jb",
    "gemeente",
    "gemeenten",
    "raad",
    "college",
    "groningen",
    "drenthe",
    "september",
    "oktober",
    "augustus",
    "juli",
    "maart",
    "februari",
    "december",
    "november",
    "januari",
    "april",
    "mei",
    "juni",
    "2024",
    "2025",
    "2023",
];

fn content_words(sentence: &str) -> HashSet<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !STOPWORDS.contains(&w.as_str()))
        .collect()
}

/// Builds the event timeline of `documents`, in date order.
pub fn events(documents: &[&Document]) -> Vec<TimelineEvent> {
    let mut merged: Vec<(TimelineEvent, HashSet<String>)> = Vec::new();
    for doc in documents {
        for event in dedup_month_mentions(&doc.events) {
            let source = Source {
                id: doc.id.clone(),
                title: doc.title.clone(),
                sentence: event.sentence.clone(),
                position: event.position,
            };
            let words = content_words(&event.sentence);
            // The same date and enough shared words: one event told twice. A bare year
            // is a wide net, so it asks for more.
            let needed = if event.precision == Precision::Year {
                3
            } else {
                2
            };
            let same = merged.iter_mut().find(|(m, member_words)| {
                m.date == event.date
                    && m.precision == event.precision
                    && member_words.intersection(&words).count() >= needed
            });
            match same {
                Some((m, member_words)) => {
                    if !m
                        .sources
                        .iter()
                        .any(|s| s.id == source.id && s.sentence == source.sentence)
                    {
                        m.sources.push(source);
                    }
                    m.resolved &= event.resolved;
                    member_words.extend(words);
                    add_facets(m, doc);
                }
                None => {
                    let mut m = TimelineEvent {
                        label: date_label(&event.date, event.qualifier.as_deref()),
                        date: event.date.clone(),
                        precision: event.precision,
                        qualifier: event.qualifier.clone(),
                        resolved: event.resolved,
                        sources: vec![source],
                        documents: Vec::new(),
                        organisations: Vec::new(),
                        doc_types: Vec::new(),
                        people: Vec::new(),
                        grounds: Vec::new(),
                    };
                    add_facets(&mut m, doc);
                    merged.push((m, words));
                }
            }
        }
    }
    let mut out: Vec<TimelineEvent> = merged.into_iter().map(|(m, _)| m).collect();
    out.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| b.sources.len().cmp(&a.sources.len()))
    });
    out
}

fn add_facets(event: &mut TimelineEvent, doc: &Document) {
    if !event.documents.iter().any(|(id, _)| *id == doc.id) {
        event.documents.push((doc.id.clone(), doc.title.clone()));
    }
    let add = |list: &mut Vec<String>, values: Vec<String>| {
        for value in values {
            if !list.contains(&value) {
                list.push(value);
            }
        }
    };
    add(&mut event.organisations, doc.organisations.clone());
    add(&mut event.doc_types, doc.doc_type.iter().cloned().collect());
    add(
        &mut event.people,
        doc.people.iter().map(|p| p.name.clone()).collect(),
    );
    add(&mut event.grounds, doc.ground_codes());
}

/// `2025-09-16` → `16 september 2025`; `2025-02` + `eind` → `eind februari 2025`.
pub fn date_label(iso: &str, qualifier: Option<&str>) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    let month = |m: &str| {
        m.parse::<usize>()
            .ok()
            .and_then(|m| MONTH_NAMES.get(m.wrapping_sub(1)))
            .copied()
            .unwrap_or("")
    };
    let base = match parts.as_slice() {
        [y, m, d] => format!("{} {} {y}", d.trim_start_matches('0'), month(m)),
        [y, m] => format!("{} {y}", month(m)),
        [y] => y.to_string(),
        _ => iso.to_string(),
    };
    match qualifier {
        Some(q) => format!("{q} {base}"),
        None => base,
    }
}

/// A month mentioned beside a day of that month in the same sentence is a citation of
/// the same thing (`op 24 juli 2025 … (rapport juli 2025)`), not another event.
fn dedup_month_mentions(events: &[crate::record::Event]) -> Vec<&crate::record::Event> {
    events
        .iter()
        .filter(|e| {
            e.precision != Precision::Month
                || !events.iter().any(|d| {
                    d.precision == Precision::Day
                        && d.position == e.position
                        && d.date.starts_with(&e.date)
                })
        })
        .collect()
}

/// A document or a message on the document timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineItem {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM` for messages that give it.
    pub time: Option<String>,
    /// `document` or `message`.
    pub item: &'static str,
    /// The document id.
    pub id: String,
    /// Title, or for a message its subject.
    pub title: String,
    /// The document type.
    pub doc_type: String,
    /// The sender of a message.
    pub from: Option<String>,
    /// Organisations, people and grounds, for filtering.
    pub organisations: Vec<String>,
    /// People named in the document.
    pub people: Vec<String>,
    /// Refusal grounds found in it.
    pub grounds: Vec<String>,
    /// The date in Dutch words.
    pub label: String,
}

/// Every dated document, and every dated message of an email thread, by date.
pub fn items(documents: &[&Document]) -> Vec<TimelineItem> {
    let mut out = Vec::new();
    for doc in documents {
        let base = |date: &str, time: Option<String>, item, title: &str, from: Option<String>| {
            TimelineItem {
                date: date.to_string(),
                time,
                item,
                id: doc.id.clone(),
                title: title.to_string(),
                doc_type: doc.doc_type.clone().unwrap_or_else(|| {
                    if doc.kind == Kind::Withheld {
                        "niet openbaar".into()
                    } else {
                        "onbekend".into()
                    }
                }),
                from,
                organisations: doc.organisations.clone(),
                people: doc.people.iter().map(|p| p.name.clone()).collect(),
                grounds: doc.ground_codes(),
                label: date_label(date, None),
            }
        };
        if let Some(date) = &doc.date {
            out.push(base(date, None, "document", &doc.title, doc.from.clone()));
        }
        // The newest message is the document itself when the dates agree.
        for (i, message) in doc.messages.iter().enumerate() {
            let Some(date) = &message.date else { continue };
            if i == 0 && doc.date.as_ref() == Some(date) {
                continue;
            }
            let title = message.subject.clone().unwrap_or_else(|| doc.title.clone());
            out.push(base(
                date,
                message.time.clone(),
                "message",
                &title,
                message.from.clone(),
            ));
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.time.cmp(&b.time)));
    out
}

/// The events and documents in TimelineJS's JSON format.
pub fn timelinejs(
    title: &str,
    events: &[TimelineEvent],
    items: &[TimelineItem],
) -> serde_json::Value {
    let date = |iso: &str| {
        let mut parts = iso.split('-');
        let mut value = serde_json::json!({ "year": parts.next().unwrap_or("") });
        if let Some(month) = parts.next() {
            value["month"] = month.trim_start_matches('0').into();
        }
        if let Some(day) = parts.next() {
            value["day"] = day.trim_start_matches('0').into();
        }
        value
    };
    let mut entries: Vec<serde_json::Value> = events
        .iter()
        .map(|e| {
            let sources: Vec<String> = e
                .sources
                .iter()
                .map(|s| format!("{} (/documenten/{}/)", s.title, s.id))
                .collect();
            serde_json::json!({
                "start_date": date(&e.date),
                "text": { "headline": e.sources[0].sentence, "text": format!("Bronnen: {}", sources.join("; ")) },
                "group": "gebeurtenis",
            })
        })
        .collect();
    entries.extend(items.iter().map(|i| {
        serde_json::json!({
            "start_date": date(&i.date),
            "text": { "headline": i.title, "text": format!("{} (/documenten/{}/)", i.doc_type, i.id) },
            "group": if i.item == "message" { "bericht" } else { "document" },
        })
    }));
    serde_json::json!({ "title": { "text": { "headline": title } }, "events": entries })
}

/// The events and documents as CSV: one row each, events first.
pub fn csv(events: &[TimelineEvent], items: &[TimelineItem]) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["soort", "datum", "precisie", "tekst", "documenten", "links"])?;
    for e in events {
        let titles: Vec<&str> = e.sources.iter().map(|s| s.title.as_str()).collect();
        let links: Vec<String> = e
            .sources
            .iter()
            .map(|s| format!("/documenten/{}/", s.id))
            .collect();
        let precision = format!("{:?}", e.precision).to_lowercase();
        writer.write_record([
            "gebeurtenis",
            &e.date,
            &precision,
            &e.sources[0].sentence,
            &titles.join(" | "),
            &links.join(" "),
        ])?;
    }
    for i in items {
        let link = format!("/documenten/{}/", i.id);
        writer.write_record([i.item, &i.date, "day", &i.title, &i.title, &link])?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
