//! The second section of the facts, "Gebeurtenissen" / "Events": the dated events found
//! in the text, each with its sentence (quoted as the document has it, in Dutch).

use std::fmt::Write;

use htmlescape::encode_minimal as escape;

use super::super::words::{self as labels, Label};
use super::super::{one_line, Lang};
use super::Placeholder;
use crate::model::Document;

pub(super) fn write(out: &mut String, doc: &Document, lang: Lang) {
    if doc.events.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section aria-labelledby=\"gebeurtenissen\">\n<h2 id=\"gebeurtenissen\">{}</h2>\n<ul class=\"doc-events\">\n",
        Label::Events.get(lang)
    );
    // The sentences are the document's own words: Dutch on an English page too.
    let quoted = if lang == Lang::Nl { "" } else { " lang=\"nl\"" };
    for event in &doc.events {
        let _ = write!(
            out,
            "<li><time datetime=\"{}\"><strong>{}</strong></time>",
            event.date.iso(),
            escape(&labels::date(event.date, event.qualifier.as_deref(), lang))
        );
        if event.resolved {
            let _ = write!(
                out,
                " <span class=\"muted\">({})</span>",
                Label::Inferred.get(lang)
            );
        }
        if quoted.is_empty() {
            let _ = writeln!(out, ": {}</li>", escape(&one_line(&event.sentence)));
        } else {
            let _ = writeln!(
                out,
                ": <q{quoted}>{}</q></li>",
                escape(&one_line(&event.sentence))
            );
        }
    }
    let _ = writeln!(
        out,
        "</ul>\n<p><a href=\"{}\">{}</a></p>\n</section>",
        Placeholder::Timeline,
        Label::ToTimeline.get(lang)
    );
}
