//! One document's record from what its format gave: normalise, redact, find the
//! messages, date, type, people, organisations and events.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::Unit;
use crate::config::Settings;
use crate::facts::doc_type::doc_type;
use crate::facts::document_date::document_date;
use crate::facts::events::{opening_decision, paragraph_events, Anchor};
use crate::facts::people::{name_of, named_in_text, signatories};
use crate::facts::title::{title, title_of_subject};
use crate::facts::{messages, organisations, redact, sent_zone};
use crate::model::{
    placed_paragraphs, DateSource, DocType, Document, Event, Extracted, Kind, Message, Page,
    Person, PlacedParagraph, RedactionField, Role, PARAGRAPH_SEPARATOR,
};
use crate::normalise::normalise_pages;

/// The events of a document. A paragraph inside an email message is read against that
/// message's sent date; the rest against the document date.
fn document_events(
    pages: &[Page],
    messages: &[Message],
    dated: Option<(NaiveDate, DateSource)>,
    doc_type: DocType,
) -> Vec<Event> {
    let document_anchor = dated.map(|(date, source)| Anchor::for_document(date, source));
    // A letter's own date line dates the decision it opens with.
    let letter_date = dated
        .filter(|&(_, source)| doc_type.is_letter() && source == DateSource::DateLine)
        .map(|(date, _)| date);
    let mut events = Vec::new();
    // A message's header block holds its own date and subject, not events; nor does
    // its subject line, wherever the print put it.
    let subjects: Vec<String> = messages
        .iter()
        .filter_map(|m| m.subject.as_deref())
        .map(words_of)
        .filter(|w| !w.is_empty())
        .collect();
    // A short line printed at the top or foot of several pages is a running header or
    // footer (`Datum 24 september 2020`, a print stamp), found by counting.
    let at_an_edge = |p: &PlacedParagraph<'_>| {
        let on_page = &p.page.paragraphs;
        let at = on_page
            .iter()
            .position(|q| std::ptr::eq(q.as_str(), p.text));
        at.is_some_and(|i| i < 3 || i + 3 >= on_page.len())
            && p.text.split_whitespace().count() <= 8
    };
    let mut pages_of: HashMap<String, HashSet<u32>> = HashMap::new();
    for paragraph in placed_paragraphs(pages).filter(|p| at_an_edge(p)) {
        pages_of
            .entry(words_of(paragraph.text))
            .or_default()
            .insert(paragraph.page.number);
    }
    for paragraph in placed_paragraphs(pages) {
        let in_header = messages
            .iter()
            .any(|m| m.header_start <= paragraph.start && paragraph.start < m.body_span.0);
        let key = words_of(paragraph.text);
        let running = at_an_edge(&paragraph) && pages_of.get(&key).is_some_and(|p| p.len() >= 2);
        if in_header || running || subjects.contains(&key) {
            continue;
        }
        let anchor = messages
            .iter()
            .find(|m| m.body_span.0 <= paragraph.start && paragraph.start < m.body_span.1)
            .and_then(|m| m.date)
            .map(|date| Anchor::for_document(date, DateSource::EmailSent))
            .or(document_anchor);
        events.extend(paragraph_events(paragraph.text, paragraph.start, anchor));
        if let Some(date) = letter_date.filter(|_| paragraph.index < 8) {
            events.extend(opening_decision(paragraph.text, paragraph.start, date));
        }
    }
    events
}

/// The words of a line in small letters, to compare a printed subject with a line.
fn words_of(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub(super) fn build_record(
    id: String,
    kind: Kind,
    unit: &Unit,
    extracted: Extracted,
    attachments: Vec<String>,
    settings: &Settings,
) -> Document {
    let mut pages = normalise_pages(&extracted.pages);
    // The title is chosen before redaction, so a subject line stays whole; it is
    // redacted on its own below.
    let title = title(&extracted, &pages, &unit.file_name);
    let mut extracted = extracted;
    let mut from: Vec<String> = extracted.from.take().into_iter().collect();
    let mut redactions = redact::redact_document(
        &mut pages,
        &extracted.page_boxes,
        &mut [
            (RedactionField::From, &mut from),
            (RedactionField::To, &mut extracted.to),
            (RedactionField::Cc, &mut extracted.cc),
        ],
        settings,
    );
    let title = redact::redact_paragraph(&title).text;
    // A subject is text like the title: the codes printed in it are redactions, and
    // must not reach the thread's name or the search index.
    extracted.subject = extracted
        .subject
        .take()
        .map(|s| redact::redact_paragraph(&s).text);
    let text = Document::text_from_pages(&pages);
    redact::locate(&mut redactions, &text);
    let blacked_out = (!extracted.page_boxes.is_empty()).then(|| {
        let (per_page, whole) = redact::share::blacked_out(&redactions, &extracted.page_boxes);
        for (page, share) in pages.iter_mut().zip(per_page) {
            page.blacked_out = Some(share);
        }
        whole
    });

    let mut messages = messages::split_messages(&pages);
    sent_zone::settle_zones(
        &mut messages,
        settings.time_zone,
        settings.printed_sent_zone,
    );
    if kind == Kind::Email {
        // The email itself is the first message; quoted ones follow in its body.
        let body_end = messages
            .first()
            .map(|m| {
                m.header_start
                    .saturating_sub(PARAGRAPH_SEPARATOR.chars().count())
            })
            .unwrap_or_else(|| text.chars().count());
        messages.insert(
            0,
            Message {
                from: from.first().cloned(),
                to: extracted.to.clone(),
                cc: extracted.cc.clone(),
                date: extracted.date.map(|(date, _)| date),
                time: None,
                printed: None,
                subject: extracted.subject.clone(),
                body_span: (0, body_end),
                header_start: 0,
            },
        );
    }
    // A printed thread is called after its newest message.
    let title = match messages.first().and_then(|m| m.subject.as_deref()) {
        Some(subject) if kind != Kind::Email => title_of_subject(subject),
        _ => title,
    };
    let (mut from, mut to, mut cc, mut subject) =
        (from, extracted.to, extracted.cc, extracted.subject);
    if let Some(newest) = messages.first().filter(|_| kind != Kind::Email) {
        from = newest.from.clone().into_iter().collect();
        to = newest.to.clone();
        cc = newest.cc.clone();
        subject = newest.subject.clone();
    }
    let thread = messages
        .iter()
        .find_map(|m| m.subject.as_deref())
        .map(messages::thread_key)
        .filter(|k| !k.is_empty());
    let dated = document_date(extracted.date, &pages, &messages);
    let doc_type = doc_type(kind, &title, &pages, !messages.is_empty());
    let events = document_events(&pages, &messages, dated, doc_type);

    let mut people = signatories(&pages);
    people.extend(named_in_text(&pages));
    for message in &messages {
        let named = |value: &String, role: Role| {
            name_of(value).map(|name| Person {
                name,
                function: None,
                role,
            })
        };
        people.extend(message.from.iter().filter_map(|v| named(v, Role::Sender)));
        people.extend(
            message
                .to
                .iter()
                .chain(&message.cc)
                .filter_map(|v| named(v, Role::Recipient)),
        );
    }
    people.sort();
    people.dedup_by(|a, b| a.name == b.name && a.role == b.role);

    let mut organisations: Vec<String> = redactions
        .iter()
        .filter_map(|r| r.organisation.clone())
        .collect();
    organisations.extend(organisations::named_in(&text, settings));
    organisations.extend(organisations::named_in(&title, settings));
    for address in from.iter().chain(&to).chain(&cc) {
        if let Some(domain) = address.rsplit('@').next().filter(|_| address.contains('@')) {
            let domain = domain.trim_end_matches(['>', ']', ' ']).trim();
            organisations.extend(settings.organisation_of(domain).map(str::to_string));
        }
    }
    organisations.sort();
    organisations.dedup();
    Document {
        id,
        source: unit.source.clone(),
        file_name: unit.file_name.clone(),
        kind,
        title,
        date: dated.map(|(date, _)| date),
        date_source: dated.map(|(_, source)| source),
        doc_type: Some(doc_type),
        from: from.into_iter().next(),
        to,
        cc,
        subject,
        redactions,
        blacked_out,
        organisations,
        people,
        messages,
        thread,
        events,
        message_id: extracted.message_id,
        references: extracted.references,
        parent: unit.parent.clone(),
        attachments,
        duplicates: Vec::new(),
        same_message: Vec::new(),
        inventory: None,
        page_count: pages.len() as u32,
        size_bytes: unit.bytes.len() as u64,
        pages,
        text,
    }
}
