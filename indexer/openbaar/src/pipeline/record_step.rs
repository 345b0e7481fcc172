//! One document's record from what its format gave: normalise, redact, find the
//! messages, date, type, people, organisations and events.

use super::Unit;
use crate::config::Settings;
use crate::extract::Extracted;
use crate::messages::{self, Message};
use crate::metadata;
use crate::normalise::normalise_pages;
use crate::record::{Document, Kind};
use crate::redact;

/// The events of a document. A paragraph inside an email message is read against that
/// message's sent date; the rest against the document date.
fn document_events(
    pages: &[crate::record::Page],
    messages: &[Message],
    date: Option<&str>,
    date_source: Option<&str>,
    doc_type: &str,
) -> Vec<crate::record::Event> {
    use crate::events::{opening_decision, paragraph_events, Anchor};
    let document_anchor = date
        .zip(date_source)
        .and_then(|(d, s)| Anchor::for_document(d, s));
    let mut events = Vec::new();
    let mut offset = 0;
    for (index, paragraph) in pages.iter().flat_map(|p| p.paragraphs.iter()).enumerate() {
        let anchor = messages
            .iter()
            .find(|m| m.body_span.0 <= offset && offset < m.body_span.1)
            .and_then(|m| m.date.as_deref())
            .and_then(|d| Anchor::for_document(d, "email_sent"))
            .or(document_anchor);
        events.extend(paragraph_events(paragraph, offset, anchor));
        let letter = matches!(doc_type, "raadsbrief" | "brief") && date_source == Some("date_line");
        if letter && index < 8 {
            events.extend(date.and_then(|d| opening_decision(paragraph, offset, d)));
        }
        offset += paragraph.chars().count() + 2;
    }
    events
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
    let title = metadata::title(&extracted, &pages, &unit.file_name);
    let mut extracted = extracted;
    let mut from: Vec<String> = extracted.from.take().into_iter().collect();
    let mut redactions = redact::redact_document(
        &mut pages,
        &mut [
            ("from", &mut from),
            ("to", &mut extracted.to),
            ("cc", &mut extracted.cc),
        ],
        settings,
    );
    let title = redact::redact_paragraph(&title).text;
    let text = Document::text_from_pages(&pages);
    redact::locate(&mut redactions, &text);

    let mut messages = messages::split_messages(&pages);
    if kind == Kind::Email {
        // The email itself is the first message; quoted ones follow in its body.
        let body_end = messages
            .first()
            .map(|m| m.header_start.saturating_sub(2))
            .unwrap_or_else(|| text.chars().count());
        messages.insert(
            0,
            Message {
                from: from.first().cloned(),
                to: extracted.to.clone(),
                cc: extracted.cc.clone(),
                date: extracted.date.as_ref().map(|(d, _)| d.clone()),
                time: None,
                subject: extracted.subject.clone(),
                body_span: (0, body_end),
                header_start: 0,
            },
        );
    }
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
    let (date, date_source) =
        match metadata::document_date(extracted.date.as_ref(), &pages, &messages) {
            Some((date, source)) => (Some(date), Some(source.to_string())),
            None => (None, None),
        };
    let doc_type = metadata::doc_type(kind, &title, &pages, !messages.is_empty());
    let events = document_events(
        &pages,
        &messages,
        date.as_deref(),
        date_source.as_deref(),
        doc_type,
    );

    let mut people = metadata::signatories(&pages);
    for message in &messages {
        let named = |value: &String, role: &str| {
            metadata::name_of(value).map(|name| metadata::Person {
                name,
                function: None,
                role: role.to_string(),
            })
        };
        people.extend(message.from.iter().filter_map(|v| named(v, "sender")));
        people.extend(
            message
                .to
                .iter()
                .chain(&message.cc)
                .filter_map(|v| named(v, "recipient")),
        );
    }
    people.sort();
    people.dedup_by(|a, b| a.name == b.name && a.role == b.role);

    let mut organisations: Vec<String> = redactions
        .iter()
        .filter_map(|r| r.organisation.clone())
        .collect();
    organisations.extend(settings.organisations_in(&text));
    organisations.extend(settings.organisations_in(&title));
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
        date,
        date_source,
        doc_type: Some(doc_type.to_string()),
        from: from.into_iter().next(),
        to,
        cc,
        subject,
        redactions,
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
        inventory: None,
        page_count: pages.len() as u32,
        size_bytes: unit.bytes.len() as u64,
        pages,
        text,
    }
}
