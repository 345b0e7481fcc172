//! The facts beside a document's text on its page (Gegevens, Gebeurtenissen, Weggelakt),
//! rendered to HTML here and put into the page Zola built, like the text
//! ([`super::document_text`]).
//!
//! In front matter Zola kept every document's facts (its events with their sentences, the
//! people, the redaction counts, the header values) in memory, and copied them into every
//! listing that names the document: each facet page, each taxonomy's list of terms, the
//! feed. That grew with the archive times the facets per document, and kept a 100,000
//! document archive far above 4 GB. Now `document.html` prints a marker,
//! `<!--openbaar:feiten ID URL…-->`, in the aside where the facts go. The marker carries
//! the addresses only Zola knows: the documents section, the timeline, the page itself,
//! and the facet page of each of the document's taxonomy terms, in the order of its front
//! matter. The facts are rendered here before Zola runs, with those addresses left as
//! [`Placeholder`]s (`<openbaar-url …>`: every text is escaped, so a `<` in the
//! rendered facts is always ours), and filled in from the marker when they are spliced.

use std::collections::HashMap;
use std::fmt::Write;

use htmlescape::encode_minimal as escape;

use super::dossier::{self, DocumentLink};
use super::segments::{header_out, write_segments_html, Segment};
use super::summary::summarise;
use super::{one_line, original_name};
use crate::model::{Built, DateSource, Document, Extraction, Kind, PartialDate, RedactionField};

/// What `document.html` prints where the facts go, followed by the document id, the
/// addresses (see the module docs) and `-->`.
pub const FACTS_MARKER: &str = "<!--openbaar:feiten ";

/// The taxonomies, in the order the marker lists their terms' addresses.
pub const TAXONOMIES: [&str; 6] = [
    "gronden",
    "soort",
    "organisatie",
    "persoon",
    "jaar",
    "draad",
];

/// Renders the facts of the documents of one extraction: it knows every document's title
/// (for links to attachments) and every folder's decisions.
pub struct Facts<'a> {
    titles: HashMap<&'a str, &'a str>,
    decisions: std::collections::BTreeMap<String, Vec<DocumentLink>>,
}

impl<'a> Facts<'a> {
    /// The renderer for the documents of `extraction`.
    pub fn new(extraction: &'a Extraction) -> Self {
        Facts {
            titles: extraction
                .documents
                .iter()
                .map(|b| (b.document.id.as_str(), b.document.title.as_str()))
                .collect(),
            decisions: dossier::decisions_by_folder(extraction.records()),
        }
    }

    /// The decisions a document was made public with (those of its folder, but itself).
    pub fn released_with(&self, doc: &Document) -> Vec<DocumentLink> {
        self.decisions
            .get(dossier::folder_of(&doc.source))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(|d| d.id != doc.id)
            .cloned()
            .collect()
    }

    fn title(&self, id: &str) -> String {
        one_line(self.titles.get(id).copied().unwrap_or(id))
    }

    /// The facts of `built` as HTML, with placeholders for the addresses.
    pub fn html(&self, built: &Built) -> String {
        let doc = &built.document;
        let original = original_name(built);
        let terms = Terms::of(doc);
        let mut out = String::with_capacity(2048);
        out.push_str("<section aria-labelledby=\"gegevens\">\n<h2 id=\"gegevens\">Gegevens</h2>\n<dl class=\"metadata\">\n");
        self.write_metadata(&mut out, built, &terms);
        out.push_str("</dl>\n</section>\n");
        write_events(&mut out, doc);
        write_redactions(&mut out, doc, &original, &terms);
        out
    }

    fn write_metadata(&self, out: &mut String, built: &Built, terms: &Terms) {
        let doc = &built.document;
        out.push_str("<div><dt>Datum</dt><dd>");
        match doc.date {
            Some(date) => {
                out.push_str(&PartialDate::from(date).label_nl(None));
                if let Some(source) = doc.date_source {
                    let _ = write!(
                        out,
                        " <span class=\"muted\">(bron: {})</span>",
                        date_source_nl(source)
                    );
                }
            }
            None => out.push_str("onbekend"),
        }
        out.push_str("</dd></div>\n");
        let _ = writeln!(
            out,
            "<div><dt>Soort</dt><dd>{}</dd></div>",
            doc.kind.label_nl()
        );
        if let Some(doc_type) = doc.doc_type {
            let label = doc_type.label();
            let _ = writeln!(
                out,
                "<div><dt>Type</dt><dd><a href=\"{}\">{}</a></dd></div>",
                terms.url("soort", label),
                escape(label)
            );
        }
        let from = header_out(RedactionField::From, doc.from.as_slice(), doc);
        if !from.is_empty() {
            out.push_str("<div><dt>Van</dt><dd>");
            for value in &from {
                write_segments_html(out, value);
            }
            out.push_str("</dd></div>\n");
        }
        for (label, field, values) in [
            ("Aan", RedactionField::To, &doc.to),
            ("Cc", RedactionField::Cc, &doc.cc),
        ] {
            let values = header_out(field, values, doc);
            if !values.is_empty() {
                let _ = write!(out, "<div><dt>{label}</dt><dd><ul class=\"plain\">");
                for value in &values {
                    out.push_str("<li>");
                    write_segments_html(out, value);
                    out.push_str("</li>");
                }
                out.push_str("</ul></dd></div>\n");
            }
        }
        if let Some(subject) = &doc.subject {
            let _ = writeln!(
                out,
                "<div><dt>Onderwerp</dt><dd>{}</dd></div>",
                escape(&one_line(subject))
            );
        }
        if let Some(thread) = &doc.thread {
            let count = doc.messages.len();
            let _ = writeln!(
                out,
                "<div><dt>E-mailwisseling</dt><dd><a href=\"{}\">alle documenten in deze wisseling</a> ({count} bericht{} in dit document)</dd></div>",
                terms.url("draad", &one_line(thread)),
                if count == 1 { "" } else { "en" }
            );
        }
        if !doc.people.is_empty() {
            out.push_str("<div><dt>Personen</dt><dd><ul class=\"plain\">");
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
                let role = match person.role {
                    crate::model::Role::Sender => "afzender",
                    crate::model::Role::Recipient => "ontvanger",
                    crate::model::Role::Mentioned => "genoemd",
                    crate::model::Role::Signatory => "ondertekenaar",
                };
                let _ = write!(out, " <span class=\"muted\">({role})</span></li>");
            }
            out.push_str("</ul></dd></div>\n");
        }
        if !doc.organisations.is_empty() {
            out.push_str("<div><dt>Organisaties</dt><dd><ul class=\"plain\">");
            for organisation in &doc.organisations {
                let name = one_line(organisation);
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    terms.url("organisatie", &name),
                    escape(&name)
                );
            }
            out.push_str("</ul></dd></div>\n");
        }
        if doc.kind != Kind::Withheld {
            let _ = write!(out, "<div><dt>Pagina's</dt><dd>{}", doc.page_count);
            let (ocr, scanned) = (doc.ocr_pages(), doc.scanned_pages());
            if ocr > 0 {
                let _ = write!(
                    out,
                    " <span class=\"muted\">({ocr} gelezen met tekstherkenning)</span>"
                );
            }
            if scanned > 0 {
                let _ = write!(
                    out,
                    " <span class=\"muted\">({scanned} zonder tekst, niet gelezen)</span>"
                );
            }
            out.push_str("</dd></div>\n");
        }
        if let Some(parent) = &doc.parent {
            let _ = writeln!(
                out,
                "<div><dt>Bijlage bij</dt><dd><a href=\"{}\">{}</a></dd></div>",
                Placeholder::document(parent),
                escape(&self.title(parent))
            );
        }
        let released_with = self.released_with(doc);
        if !released_with.is_empty() {
            out.push_str("<div><dt>Openbaar gemaakt</dt><dd><ul class=\"plain\">");
            for decision in &released_with {
                let _ = write!(
                    out,
                    "<li>bij <a href=\"{}\">{}</a>",
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
                        " van <time datetime=\"{date}\">{}</time>",
                        PartialDate::from(date).label_nl(None)
                    );
                }
                out.push_str("</li>");
            }
            out.push_str("</ul></dd></div>\n");
        }
        if !doc.same_message.is_empty() {
            out.push_str("<div><dt>Zelfde bericht</dt><dd><ul class=\"plain\">");
            let other = if doc.kind == Kind::Email {
                "als pdf"
            } else {
                "als e-mail"
            };
            for id in &doc.same_message {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a> <span class=\"muted\">(in een andere vorm vrijgegeven: {other})</span></li>",
                    Placeholder::document(id),
                    escape(&self.title(id))
                );
            }
            out.push_str("</ul></dd></div>\n");
        }
        if !doc.attachments.is_empty() {
            out.push_str("<div><dt>Bijlagen</dt><dd><ul class=\"plain\">");
            for id in &doc.attachments {
                let _ = write!(
                    out,
                    "<li><a href=\"{}\">{}</a></li>",
                    Placeholder::document(id),
                    escape(&self.title(id))
                );
            }
            out.push_str("</ul></dd></div>\n");
        }
        if let Some(entry) = &doc.inventory {
            out.push_str("<div><dt>Inventarislijst</dt><dd>\n<ul class=\"plain\">\n");
            let _ = write!(out, "<li>Nummer {}", escape(&entry.id));
            if let Some(title) = &entry.title {
                let _ = write!(out, ": {}", escape(&one_line(title)));
            }
            out.push_str("</li>\n");
            if let Some(judgement) = &entry.judgement {
                let _ = writeln!(out, "<li>Beoordeling: {}</li>", escape(judgement));
            }
            if !entry.grounds.is_empty() || !entry.notes.is_empty() {
                out.push_str("<li>Gronden: ");
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
                    "<li>Datum: {}</li>",
                    PartialDate::from(date).label_nl(None)
                );
            }
            if let Some(thread) = &entry.thread_id {
                let _ = writeln!(out, "<li>E-mailthread: {}</li>", escape(thread));
            }
            let _ = writeln!(
                out,
                "<li class=\"muted\">uit <code>{}</code></li>\n</ul>\n</dd></div>",
                escape(&entry.list)
            );
        }
        let _ = write!(
            out,
            "<div><dt>Bestand in archief</dt><dd><code>{}</code>",
            escape(&one_line(&doc.source))
        );
        for copy in &doc.duplicates {
            let _ = write!(
                out,
                "<br><code>{}</code> <span class=\"muted\">(zelfde bestand)</span>",
                escape(&one_line(copy))
            );
        }
        out.push_str("</dd></div>\n");
        let (jsonl, csv) = super::data::document_files(&doc.id);
        let (all_jsonl, all_csv) = super::data::ARCHIVE_FILES;
        let _ = writeln!(
            out,
            "<div><dt>Gegevens</dt><dd>De feiten van dit document als <a href=\"{}\" download>JSON Lines</a> of <a href=\"{}\" download>CSV</a> <span class=\"muted\">(alle documenten: <a href=\"{}{all_jsonl}\" download>JSONL</a>, <a href=\"{}{all_csv}\" download>CSV</a>)</span></dd></div>",
            escape(&jsonl),
            escape(&csv),
            Placeholder::Documents,
            Placeholder::Documents,
        );
        let _ = writeln!(
            out,
            "<div><dt>Vaste link</dt><dd><a href=\"{}\">{}</a></dd></div>",
            Placeholder::Page,
            Placeholder::Page
        );
    }
}

fn write_events(out: &mut String, doc: &Document) {
    if doc.events.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"gebeurtenissen\">\n<h2 id=\"gebeurtenissen\">Gebeurtenissen in dit document</h2>\n<ul class=\"doc-events\">\n");
    for event in &doc.events {
        let _ = write!(
            out,
            "<li><time datetime=\"{}\"><strong>{}</strong></time>",
            event.date.iso(),
            escape(&event.date.label_nl(event.qualifier.as_deref()))
        );
        if event.resolved {
            out.push_str(" <span class=\"muted\">(afgeleid)</span>");
        }
        let _ = writeln!(out, ": {}</li>", escape(&one_line(&event.sentence)));
    }
    let _ = writeln!(
        out,
        "</ul>\n<p><a href=\"{}\">Naar de tijdlijn van het archief</a></p>\n</section>",
        Placeholder::Timeline
    );
}

fn write_redactions(out: &mut String, doc: &Document, original: &str, terms: &Terms) {
    let summary = summarise([doc]);
    if summary.total == 0 {
        return;
    }
    out.push_str("<section aria-labelledby=\"weggelakt\" class=\"redaction-summary\">\n<h2 id=\"weggelakt\">Weggelakt</h2>\n<p>In dit document ");
    if summary.total == 1 {
        out.push_str("staat 1 weggelakt vak");
    } else {
        let _ = write!(out, "staan {} weggelakte vakken", summary.total);
    }
    out.push_str(" (zwarte balken; geteld zijn vakken, geen personen");
    if summary.repeats > 0 {
        out.push_str("; een naam met e-mailadres, zoals <code>█ @domein.nl &lt;█ @domein.nl&gt;</code>, telt één keer");
    }
    out.push_str(").");
    if !doc.same_message.is_empty() {
        out.push_str(" Dit bericht is ook in een andere vorm vrijgegeven (zie ‘Zelfde bericht’); in de telling van het archief telt het één keer.");
    }
    out.push_str("</p>\n<ul>\n");
    for ground in &summary.by_ground {
        let _ = writeln!(
            out,
            "<li><a href=\"{}\"><strong>{}</strong></a> ({}) {}: {}×</li>",
            terms.url("gronden", &ground.code),
            escape(&ground.code),
            escape(&ground.law),
            escape(&ground.nl),
            ground.count
        );
    }
    if summary.without_code > 0 {
        let _ = writeln!(
            out,
            "<li>zonder leesbare grond (zwarte balk als tekst gelezen): {}×</li>",
            summary.without_code
        );
    }
    out.push_str("</ul>\n");
    if let Some(share) = summary.blacked_out.as_ref().filter(|s| s.share > 0.0) {
        let _ = write!(
            out,
            "<p data-share>Zwart gemaakt: <strong>{}</strong> van de oppervlakte van de pagina's",
            escape(&share.total.nl)
        );
        if !share.grounds.is_empty() {
            out.push_str(" (");
            for (i, ground) in share.grounds.iter().enumerate() {
                if i > 0 {
                    out.push_str("; ");
                }
                match &ground.code {
                    Some(code) => out.push_str(&escape(code)),
                    None => out.push_str("zonder leesbare grond"),
                }
                let _ = write!(out, " {}", escape(&ground.share.nl));
            }
            out.push(')');
        }
        out.push_str(".</p>\n");
    }
    if doc.kind == Kind::Pdf {
        let mut pages: Vec<u32> = doc
            .redactions
            .iter()
            .map(|r| r.page)
            .filter(|&p| p > 0)
            .collect();
        pages.sort_unstable();
        pages.dedup();
        if !pages.is_empty() {
            out.push_str("<p>Op pagina ");
            for (i, n) in pages.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(out, "<a href=\"{}#page={n}\">{n}</a>", escape(original));
            }
            out.push_str(
                " van de pdf <span class=\"muted\">(opent de pdf op die pagina)</span>.</p>\n",
            );
        }
    }
    if !summary.by_domain.is_empty() {
        out.push_str("<p>Weggelakte namen bij e-mailadressen die bewaard bleven:</p>\n<ul>\n");
        for domain in &summary.by_domain {
            let _ = write!(out, "<li>{} bij ", domain.count);
            match &domain.organisation {
                Some(organisation) => {
                    let _ = write!(out, "{} ({})", escape(organisation), escape(&domain.domain));
                }
                None => out.push_str(&escape(&domain.domain)),
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// The date source in Dutch words, as the page gave it.
fn date_source_nl(source: DateSource) -> &'static str {
    match source.name() {
        "email_header" => "verzenddatum van de e-mail",
        "pdf_metadata" => "aanmaakdatum van de pdf (vaak de exportdatum)",
        "inventory" => "inventarislijst",
        "email_sent" => "verzenddatum van het nieuwste bericht",
        "date_line" => "datumregel in het document",
        "signature" => "datum bij de ondertekening",
        other => other,
    }
}

/// The taxonomy terms of a document, in the order its front matter lists them
/// ([`super::document_page`]), so that the n-th term's address is the n-th the marker
/// gives for that taxonomy.
struct Terms {
    by_taxonomy: [Vec<String>; 6],
}

impl Terms {
    fn of(doc: &Document) -> Self {
        Terms {
            by_taxonomy: super::document_page::taxonomy_terms(doc),
        }
    }

    /// The placeholder for the address of the facet page of `term`; a term the document
    /// does not list (never the case) links to the taxonomy's list of terms.
    fn url(&self, taxonomy: &str, term: &str) -> Placeholder {
        let t = TAXONOMIES
            .iter()
            .position(|&name| name == taxonomy)
            .expect("a known taxonomy");
        let n = self.by_taxonomy[t].iter().position(|v| v == term);
        Placeholder::Term(t, n)
    }
}

/// An address in the rendered facts that only Zola knows, filled in at splice time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    /// The documents section (`/documenten/`).
    Documents,
    /// The archive's timeline.
    Timeline,
    /// This page.
    Page,
    /// Another document's page.
    Document(String),
    /// The facet page of the n-th term of the taxonomy ([`TAXONOMIES`]) in the
    /// document's front matter; `None` for the taxonomy's list.
    Term(usize, Option<usize>),
}

impl Placeholder {
    fn document(id: &str) -> Self {
        Placeholder::Document(id.to_string())
    }
}

const PLACEHOLDER_START: &str = "<openbaar-url ";

impl std::fmt::Display for Placeholder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(PLACEHOLDER_START)?;
        match self {
            Placeholder::Documents => f.write_str("d")?,
            Placeholder::Timeline => f.write_str("t")?,
            Placeholder::Page => f.write_str("p")?,
            Placeholder::Document(id) => write!(f, "doc {id}")?,
            Placeholder::Term(t, Some(n)) => write!(f, "term {t} {n}")?,
            Placeholder::Term(t, None) => write!(f, "list {t}")?,
        }
        f.write_str(">")
    }
}

/// The addresses a page's facts marker gives.
#[derive(Debug, PartialEq, Eq)]
pub struct Addresses<'a> {
    documents: &'a str,
    timeline: &'a str,
    page: &'a str,
    terms: [Vec<&'a str>; 6],
}

impl<'a> Addresses<'a> {
    /// Reads the part of a marker after the document id: the documents section, the
    /// timeline, the page, then per taxonomy its name and its terms' addresses.
    pub fn parse(marker: &'a str) -> Option<Self> {
        let mut words = marker.split_whitespace();
        let documents = words.next()?;
        let timeline = words.next()?;
        let page = words.next()?;
        let mut terms: [Vec<&str>; 6] = Default::default();
        let mut current = None;
        for word in words {
            match TAXONOMIES.iter().position(|&name| name == word) {
                Some(t) => current = Some(t),
                None => terms[current?].push(word),
            }
        }
        Some(Addresses {
            documents,
            timeline,
            page,
            terms,
        })
    }

    /// `facts` with every placeholder replaced by its address.
    pub fn fill(&self, facts: &str) -> String {
        let mut out = String::with_capacity(facts.len() + 1024);
        let mut rest = facts;
        while let Some(start) = rest.find(PLACEHOLDER_START) {
            out.push_str(&rest[..start]);
            let after = &rest[start + PLACEHOLDER_START.len()..];
            let Some(end) = after.find('>') else {
                break;
            };
            let words: Vec<&str> = after[..end].split(' ').collect();
            match words.as_slice() {
                ["d"] => out.push_str(self.documents),
                ["t"] => out.push_str(self.timeline),
                ["p"] => out.push_str(self.page),
                ["doc", id] => {
                    let _ = write!(out, "{}{id}/", self.documents);
                }
                ["term", t, n] => {
                    let url = t.parse::<usize>().ok().and_then(|t| {
                        let n = n.parse::<usize>().ok()?;
                        self.terms.get(t)?.get(n).copied()
                    });
                    out.push_str(url.unwrap_or(self.documents));
                }
                _ => out.push_str(self.documents),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// The header values of a document as HTML, for a citation's sender: the first sender
/// without its redacted parts.
pub(super) fn sender_text(doc: &Document) -> String {
    header_out(RedactionField::From, doc.from.as_slice(), doc)
        .first()
        .map(|value| {
            value
                .iter()
                .filter_map(|s| match s {
                    Segment::Text { text } => Some(text.as_str()),
                    Segment::Redaction { .. } => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_from_the_marker() {
        let marker = " /documenten/ /tijdlijn/ /documenten/abc/ gronden /gronden/5-1-2e/ soort organisatie /organisatie/gemeente-groningen/ /organisatie/rigg/ persoon jaar /jaar/2024/ draad";
        let addresses = Addresses::parse(marker).unwrap();
        let facts = format!(
            "<a href=\"{}\">x</a> <a href=\"{}\">y</a> <a href=\"{}\">z</a>{}{}",
            Placeholder::Term(2, Some(1)),
            Placeholder::Document("def".into()),
            Placeholder::Term(0, Some(0)),
            Placeholder::Page,
            Placeholder::Timeline,
        );
        assert_eq!(
            addresses.fill(&facts),
            "<a href=\"/organisatie/rigg/\">x</a> <a href=\"/documenten/def/\">y</a> <a href=\"/gronden/5-1-2e/\">z</a>/documenten/abc//tijdlijn/"
        );
        // Escaped text is left alone.
        assert_eq!(
            addresses.fill("a &lt;openbaar-url d&gt; b"),
            "a &lt;openbaar-url d&gt; b"
        );
    }
}
