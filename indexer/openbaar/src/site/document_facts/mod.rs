//! The facts beside a document's text on its page (Gegevens, Gebeurtenissen, Weggelakt),
//! rendered to HTML here, in Dutch and in English, and put into the page Zola built,
//! like the text ([`super::document_text`]). One module per section of the facts
//! ([`details`], [`events`], [`redactions`]); their words are in one table of both
//! languages ([`labels`]).
//!
//! In front matter Zola kept every document's facts (its events with their sentences, the
//! people, the redaction counts, the header values) in memory, and copied them into every
//! listing that names the document: each facet page, each taxonomy's list of terms, the
//! feed. That grew with the archive times the facets per document, and kept a 100,000
//! document archive far above 4 GB. Now `document.html` prints a marker,
//! `<!--openbaar:feiten ID LANG URL…-->`, in the aside where the facts go. The marker
//! gives the page's language and the addresses only Zola knows: the document pages of
//! that language, the documents section (with the archive's data), the timeline, the
//! page itself, the folder of the original (the Dutch page), and the facet page of each
//! of the document's taxonomy terms, in the order of its front matter. The facts are
//! rendered here before Zola runs, once per language, with those addresses left as
//! [`Placeholder`]s (`<openbaar-url …>`: every text is escaped, so a `<` in the rendered
//! facts is always ours), and filled in from the marker when they are spliced.

use std::collections::HashMap;

use super::dossier::{self, DocumentLink};
use super::segments::{header_out, Segment};
use super::{one_line, original_name, Lang};
use crate::model::{Built, Document, Extraction, RedactionField};

mod details;
mod events;

mod placeholders;
mod redactions;

pub use placeholders::{Addresses, Placeholder};

/// What `document.html` prints where the facts go, followed by the document id, the
/// page's language, the addresses (see the module docs) and `-->`.
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

    /// The facts of `built` as HTML in `lang`, with placeholders for the addresses.
    pub fn html(&self, built: &Built, lang: Lang) -> String {
        let doc = &built.document;
        let terms = Terms::of(doc);
        let mut out = String::with_capacity(2048);
        details::write(&mut out, self, built, &terms, lang);
        events::write(&mut out, doc, lang);
        redactions::write(&mut out, doc, &original_name(built), &terms, lang);
        out
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
