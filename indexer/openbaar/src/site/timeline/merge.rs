//! What goes on a timeline: documents and messages by date, and the events the texts
//! mention, where mentions of one event on one date in several documents are merged
//! into one event listing all its sources.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

use crate::model::{Document, Event, PartialDate, Precision, MONTH_NAMES};

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
    /// When, as exactly as the sources say.
    pub date: PartialDate,
    /// How exact the date is.
    pub precision: Precision,
    /// `begin`, `medio`, `eind`.
    pub qualifier: Option<String>,
    /// True when a source's date needed the document date to resolve.
    pub resolved: bool,
    /// The mentions, in archive order.
    pub sources: Vec<Source>,
    /// The distinct sentences of the mentions, in archive order: the same sentence in
    /// two documents (an email and its printed copy) is quoted once.
    pub quotes: Vec<String>,
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

/// Dutch words too common to say that two sentences tell of the same event. Words
/// common in one archive (its own organisations and places) are found by counting:
/// see [`archive_common_words`].
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
    "gemeente",
    "gemeenten",
    "raad",
    "college",
];

/// A word in the event sentences of more than this share of an archive's documents
/// (with events) is the archive's subject, not what sets one event apart.
const COMMON_SHARE: f64 = 0.5;
/// Below this many documents with events, counting says nothing.
const MIN_DOCUMENTS_FOR_COUNTING: usize = 4;

/// The words in the event sentences of most documents of an archive: its own
/// organisations, places and topic (`jeugdbescherming`, `groningen`), which every
/// sentence shares and which therefore cannot tell two events apart. Counted once over
/// the whole archive, so that every timeline of it merges events alike.
pub fn archive_common_words(documents: &[&Document]) -> HashSet<String> {
    let mut in_documents: HashMap<String, usize> = HashMap::new();
    let mut with_events = 0;
    for doc in documents.iter().filter(|d| !d.events.is_empty()) {
        with_events += 1;
        let words: HashSet<String> = doc.events.iter().flat_map(|e| words(&e.sentence)).collect();
        for word in words {
            *in_documents.entry(word).or_default() += 1;
        }
    }
    if with_events < MIN_DOCUMENTS_FOR_COUNTING {
        return HashSet::new();
    }
    in_documents
        .into_iter()
        .filter(|&(_, n)| n as f64 > COMMON_SHARE * with_events as f64)
        .map(|(word, _)| word)
        .collect()
}

/// The lower-case words of a sentence, three letters or more.
fn words(sentence: &str) -> impl Iterator<Item = String> + '_ {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
}

/// The words that say what a sentence is about: no stop words, month names, numbers or
/// words common to the whole archive.
fn content_words(sentence: &str, common: &HashSet<String>) -> HashSet<String> {
    words(sentence)
        .filter(|w| {
            !STOPWORDS.contains(&w.as_str())
                && !MONTH_NAMES.contains(&w.as_str())
                && !w.chars().all(|c| c.is_ascii_digit())
                && !common.contains(w)
        })
        .collect()
}

/// Builds the event timeline of `documents`, in date order; `common` are the words
/// common to the whole archive (see [`archive_common_words`]).
pub fn events(documents: &[&Document], common: &HashSet<String>) -> Vec<TimelineEvent> {
    let mut merged: Vec<(TimelineEvent, HashSet<String>)> = Vec::new();
    for doc in documents {
        for event in dedup_month_mentions(&doc.events) {
            let source = Source {
                id: doc.id.clone(),
                title: doc.title.clone(),
                sentence: event.sentence.clone(),
                position: event.position,
            };
            let words = content_words(&event.sentence, common);
            // The same date and enough shared words: one event told twice. A bare year
            // is a wide net, so it asks for more.
            let needed = if event.precision() == Precision::Year {
                3
            } else {
                2
            };
            let same = merged.iter_mut().find(|(m, member_words)| {
                m.date == event.date && member_words.intersection(&words).count() >= needed
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
                        label: event.date.label_nl(event.qualifier.as_deref()),
                        date: event.date,
                        precision: event.precision(),
                        qualifier: event.qualifier.clone(),
                        resolved: event.resolved,
                        sources: vec![source],
                        quotes: Vec::new(),
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
    let mut out: Vec<TimelineEvent> = merged
        .into_iter()
        .map(|(mut m, _)| {
            m.quotes = distinct_sentences(&m.sources);
            m
        })
        .collect();
    // `medio 2024` falls in the middle of 2024, after `mei 2024`, not at its start.
    out.sort_by(|a, b| {
        a.date
            .time_order(a.qualifier.as_deref())
            .cmp(&b.date.time_order(b.qualifier.as_deref()))
            .then_with(|| a.date.cmp(&b.date))
            .then_with(|| b.sources.len().cmp(&a.sources.len()))
    });
    out
}

/// The sentences of `sources`, each once (compared without case and extra spaces).
fn distinct_sentences(sources: &[Source]) -> Vec<String> {
    let mut seen = HashSet::new();
    sources
        .iter()
        .filter(|s| {
            let folded: Vec<String> = s
                .sentence
                .split_whitespace()
                .map(str::to_lowercase)
                .collect();
            seen.insert(folded.join(" "))
        })
        .map(|s| s.sentence.clone())
        .collect()
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
    add(
        &mut event.doc_types,
        doc.doc_type.iter().map(|t| t.label().to_string()).collect(),
    );
    add(
        &mut event.people,
        doc.people.iter().map(|p| p.name.clone()).collect(),
    );
    add(&mut event.grounds, doc.ground_codes());
}

/// A month mentioned beside a day of that month in the same sentence is a citation of
/// the same thing (`op 24 juli 2025 … (rapport juli 2025)`), not another event.
fn dedup_month_mentions(events: &[Event]) -> Vec<&Event> {
    events
        .iter()
        .filter(|e| {
            e.precision() != Precision::Month
                || !events.iter().any(|d| {
                    d.precision() == Precision::Day
                        && d.position == e.position
                        && d.date.falls_in(&e.date)
                })
        })
        .collect()
}

/// A document or a message on the document timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimelineItem {
    /// The day.
    pub date: NaiveDate,
    /// The time, for messages that give it.
    #[serde(with = "crate::model::date::hour_minute")]
    pub time: Option<NaiveTime>,
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
        let item =
            |date: NaiveDate, time: Option<NaiveTime>, item, title: &str, from: Option<String>| {
                TimelineItem {
                    date,
                    time,
                    item,
                    id: doc.id.clone(),
                    title: title.to_string(),
                    doc_type: doc.type_label().to_string(),
                    from,
                    organisations: doc.organisations.clone(),
                    people: doc.people.iter().map(|p| p.name.clone()).collect(),
                    grounds: doc.ground_codes(),
                    label: PartialDate::day(date).label_nl(None),
                }
            };
        if let Some(date) = doc.date {
            out.push(item(date, None, "document", &doc.title, doc.from.clone()));
        }
        // The newest message is the document itself when the dates agree.
        for (i, message) in doc.messages.iter().enumerate() {
            let Some(date) = message.date else { continue };
            if i == 0 && doc.date == Some(date) {
                continue;
            }
            let title = message.subject.as_deref().unwrap_or(&doc.title);
            out.push(item(
                date,
                message.time,
                "message",
                title,
                message.from.clone(),
            ));
        }
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.time.cmp(&b.time)));
    out
}
