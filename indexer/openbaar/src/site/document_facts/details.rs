//! The first section of the facts, "Gegevens" / "Details": the date, kind and type, the
//! email headers, the people and organisations, the pages, how the document relates to
//! others (attachments, decisions, the same message in another form), its inventory
//! entry, its file in the archive and its data.

use std::fmt::Write;

use htmlescape::encode_minimal as escape;

use super::super::segments::{header_out, write_segments_html};
use super::super::words::{self as labels, Label, Words};
use super::super::{one_line, Lang};
use super::{Facts, Placeholder, Terms};
use crate::model::{Built, Kind, PartialDate, RedactionField};

/// Writes a row of the list: `<div><dt>label</dt><dd>` … `</dd></div>`.
fn row(out: &mut String, label: Label, lang: Lang, value: impl FnOnce(&mut String)) {
    let _ = write!(out, "<div><dt>{}</dt><dd>", label.get(lang));
    value(out);
    out.push_str("</dd></div>\n");
}

/// Writes a row whose value is a list.
fn list_row(out: &mut String, label: Label, lang: Lang, items: impl FnOnce(&mut String)) {
    row(out, label, lang, |out| {
        out.push_str("<ul class=\"plain\">");
        items(out);
        out.push_str("</ul>");
    });
}

pub(super) fn write(out: &mut String, facts: &Facts, built: &Built, terms: &Terms, lang: Lang) {
    let _ = write!(
        out,
        "<section aria-labelledby=\"gegevens\">\n<h2 id=\"gegevens\">{}</h2>\n<dl class=\"metadata\">\n",
        Label::Details.get(lang)
    );
    let doc = &built.document;
    row(out, Label::Date, lang, |out| match doc.date {
        Some(date) => {
            out.push_str(&labels::date(PartialDate::from(date), None, lang));
            if let Some(source) = doc.date_source {
                let name = Label::date_source(source).map_or(source.name(), |l| l.get(lang));
                let _ = write!(
                    out,
                    " <span class=\"muted\">({}: {name})</span>",
                    Label::Source.get(lang)
                );
            }
        }
        None => out.push_str(Label::Unknown.get(lang)),
    });
    row(out, Label::Kind, lang, |out| {
        out.push_str(Label::kind(doc.kind).get(lang))
    });
    if let Some(doc_type) = doc.doc_type {
        let label = doc_type.label();
        row(out, Label::Type, lang, |out| {
            let _ = write!(
                out,
                "<a href=\"{}\">{}</a>",
                terms.url("soort", label),
                escape(label)
            );
        });
    }
    let from = header_out(RedactionField::From, doc.from.as_slice(), doc);
    if !from.is_empty() {
        row(out, Label::From, lang, |out| {
            for value in &from {
                write_segments_html(out, value, Words::In(lang));
            }
        });
    }
    for (label, field, values) in [
        (Label::To, RedactionField::To, &doc.to),
        (Label::Cc, RedactionField::Cc, &doc.cc),
    ] {
        let values = header_out(field, values, doc);
        if !values.is_empty() {
            list_row(out, label, lang, |out| {
                for value in &values {
                    out.push_str("<li>");
                    write_segments_html(out, value, Words::In(lang));
                    out.push_str("</li>");
                }
            });
        }
    }
    if let Some(subject) = &doc.subject {
        row(out, Label::Subject, lang, |out| {
            out.push_str(&escape(&one_line(subject)))
        });
    }
    if let Some(thread) = &doc.thread {
        let count = doc.messages.len();
        let messages = if count == 1 {
            Label::MessageCountOne
        } else {
            Label::MessageCountMany
        };
        row(out, Label::Thread, lang, |out| {
            let _ = write!(
                out,
                "<a href=\"{}\">{}</a> ({})",
                terms.url("draad", &one_line(thread)),
                Label::ThreadLink.get(lang),
                messages.with(lang, count)
            );
        });
    }
    if !doc.people.is_empty() {
        list_row(out, Label::People, lang, |out| {
            for person in &doc.people {
                let name = one_line(&person.name);
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a>",
                    terms.url("persoon", &name),
                    escape(&name)
                );
                if let Some(function) = &person.function {
                    let _ = write!(out, ", {}", escape(&one_line(function)));
                }
                let _ = write!(
                    out,
                    " <span class=\"muted\">({})</span></li>",
                    Label::role(person.role).get(lang)
                );
            }
        });
    }
    if !doc.organisations.is_empty() {
        list_row(out, Label::Organisations, lang, |out| {
            for organisation in &doc.organisations {
                let name = one_line(organisation);
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    terms.url("organisatie", &name),
                    escape(&name)
                );
            }
        });
    }
    if doc.kind != Kind::Withheld {
        row(out, Label::Pages, lang, |out| {
            let _ = write!(out, "{}", doc.page_count);
            for (count, label) in [
                (doc.ocr_pages(), Label::PagesRead),
                (doc.scanned_pages(), Label::PagesNotRead),
            ] {
                if count > 0 {
                    let _ = write!(
                        out,
                        " <span class=\"muted\">({})</span>",
                        label.with(lang, count)
                    );
                }
            }
        });
    }
    if let Some(parent) = &doc.parent {
        row(out, Label::AttachmentOf, lang, |out| {
            let _ = write!(
                out,
                "<a href=\"{}\">{}</a>",
                Placeholder::document(parent),
                escape(&facts.title(parent))
            );
        });
    }
    write_relations(out, facts, built, lang);
    write_inventory(out, built, terms, lang);
    row(out, Label::ArchiveFile, lang, |out| {
        let _ = write!(out, "<code>{}</code>", escape(&one_line(&doc.source)));
        for copy in &doc.duplicates {
            let _ = write!(
                out,
                "<br><code>{}</code> <span class=\"muted\">({})</span>",
                escape(&one_line(copy)),
                Label::SameFile.get(lang)
            );
        }
    });
    let (jsonl, csv) = super::super::data::document_files(&doc.id);
    let (all_jsonl, all_csv) = super::super::data::ARCHIVE_FILES;
    row(out, Label::Data, lang, |out| {
        let _ = write!(
            out,
            "{} <a href=\"{files}{}\" download>JSON Lines</a> {} <a href=\"{files}{}\" download>CSV</a> <span class=\"muted\">({}: <a href=\"{data}{all_jsonl}\" download>JSONL</a>, <a href=\"{data}{all_csv}\" download>CSV</a>)</span>",
            Label::DataOfDocument.get(lang),
            escape(&jsonl),
            Label::Or.get(lang),
            escape(&csv),
            Label::AllDocuments.get(lang),
            files = Placeholder::Files,
            data = Placeholder::Data,
        );
    });
    row(out, Label::Permalink, lang, |out| {
        let _ = write!(
            out,
            "<a href=\"{}\">{}</a>",
            Placeholder::Page,
            Placeholder::Page
        );
    });
    out.push_str("</dl>\n</section>\n");
}

/// The decisions it was released with, the same message in another form, attachments.
fn write_relations(out: &mut String, facts: &Facts, built: &Built, lang: Lang) {
    let doc = &built.document;
    let released_with = facts.released_with(doc);
    if !released_with.is_empty() {
        list_row(out, Label::Released, lang, |out| {
            for decision in &released_with {
                let _ = write!(
                    out,
                    "<li>{} <a href=\"{}\">{}</a>",
                    Label::ReleasedWith.get(lang),
                    Placeholder::document(&decision.id),
                    escape(&one_line(&decision.title))
                );
                if let Some(date) = decision
                    .date
                    .as_deref()
                    .and_then(|d| d.parse::<chrono::NaiveDate>().ok())
                {
                    let _ = write!(
                        out,
                        " {} <time datetime=\"{date}\">{}</time>",
                        Label::DatedOn.get(lang),
                        labels::date(PartialDate::from(date), None, lang)
                    );
                }
                out.push_str("</li>");
            }
        });
    }
    if !doc.same_message.is_empty() {
        let other = if doc.kind == Kind::Email {
            Label::AsPdf
        } else {
            Label::AsEmail
        };
        list_row(out, Label::SameMessage, lang, |out| {
            for id in &doc.same_message {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a> <span class=\"muted\">({})</span></li>",
                    Placeholder::document(id),
                    escape(&facts.title(id)),
                    Label::OtherForm.with(lang, other.get(lang))
                );
            }
        });
    }
    if !doc.attachments.is_empty() {
        list_row(out, Label::Attachments, lang, |out| {
            for id in &doc.attachments {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    Placeholder::document(id),
                    escape(&facts.title(id))
                );
            }
        });
    }
}

/// What the inventory list says of the document.
fn write_inventory(out: &mut String, built: &Built, terms: &Terms, lang: Lang) {
    let Some(entry) = &built.document.inventory else {
        return;
    };
    row(out, Label::Inventory, lang, |out| {
        out.push_str("\n<ul class=\"plain\">\n");
        let _ = write!(
            out,
            "<li>{} {}",
            Label::InventoryNumber.get(lang),
            escape(&entry.id)
        );
        if let Some(title) = &entry.title {
            let _ = write!(out, ": {}", escape(&one_line(title)));
        }
        out.push_str("</li>\n");
        if let Some(judgement) = &entry.judgement {
            let _ = writeln!(
                out,
                "<li>{}: {}</li>",
                Label::Judgement.get(lang),
                escape(judgement)
            );
        }
        if !entry.grounds.is_empty() || !entry.notes.is_empty() {
            let _ = write!(out, "<li>{}: ", Label::Grounds.get(lang));
            for (i, ground) in entry.grounds.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(
                    out,
                    "<a href=\"{}\">{}</a>",
                    terms.url("gronden", ground),
                    escape(ground)
                );
            }
            if !entry.notes.is_empty() {
                if !entry.grounds.is_empty() {
                    out.push_str("; ");
                }
                let notes: Vec<String> = entry.notes.iter().map(|n| one_line(n)).collect();
                out.push_str(&escape(&notes.join("; ")));
            }
            out.push_str("</li>\n");
        }
        if let Some(date) = entry.date {
            let _ = writeln!(
                out,
                "<li>{}: {}</li>",
                Label::Date.get(lang),
                labels::date(PartialDate::from(date), None, lang)
            );
        }
        if let Some(thread) = &entry.thread_id {
            let _ = writeln!(
                out,
                "<li>{}: {}</li>",
                Label::InventoryThread.get(lang),
                escape(thread)
            );
        }
        let _ = write!(
            out,
            "<li class=\"muted\">{} <code>{}</code></li>\n</ul>\n",
            Label::InventoryFrom.get(lang),
            escape(&entry.list)
        );
    });
}
