//! The one index schema, and the document the indexer feeds it.

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
    STRING,
};

use crate::analyzer::{DUTCH, EXACT};

/// What the index holds of a document. The indexer fills it from its record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchDoc {
    /// The stable document id (its page is `/documenten/<id>/`).
    pub id: String,
    /// The title.
    pub title: String,
    /// The clean text, redaction markers included (they are not words).
    pub body: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// The document type (`e-mail`, `raadsbrief`, …).
    pub doc_type: String,
    /// Senders.
    pub from: Vec<String>,
    /// Recipients (to and cc).
    pub to: Vec<String>,
    /// People named (senders, recipients, signatories).
    pub people: Vec<String>,
    /// Organisations.
    pub organisations: Vec<String>,
    /// Refusal grounds found.
    pub grounds: Vec<String>,
}

/// The fields of the schema, by name.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Document id, stored.
    pub id: Field,
    /// Title, stemmed and stored.
    pub title: Field,
    /// Body, stemmed Dutch, stored for snippets.
    pub body: Field,
    /// Body, unstemmed and folded: exact matches rank first, typos are tolerated here.
    pub body_exact: Field,
    /// Senders, as words.
    pub from: Field,
    /// Recipients, as words.
    pub to: Field,
    /// People, as words.
    pub people: Field,
    /// Organisations, whole names (filter and facet).
    pub organisation: Field,
    /// Document type, whole (filter and facet).
    pub doc_type: Field,
    /// Refusal grounds, whole (filter and facet).
    pub ground: Field,
    /// Year, fast (filter and facet).
    pub year: Field,
    /// Date as `YYYYMMDD`, fast (ranges and sorting).
    pub date: Field,
    /// Date as written, stored for display.
    pub date_text: Field,
}

/// Builds the schema and names its fields.
pub fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = |analyzer: &str, stored: bool| {
        let options = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored {
            options.set_stored()
        } else {
            options
        }
    };
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        title: builder.add_text_field("title", text(DUTCH, true)),
        body: builder.add_text_field("body", text(DUTCH, true)),
        // No positions: phrases are matched on the stemmed body; the exact body only
        // ranks exact words higher and tolerates typos. Positions of the body text are
        // the largest part of an index after the stored text.
        body_exact: builder.add_text_field(
            "body_exact",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(EXACT)
                    .set_index_option(IndexRecordOption::WithFreqs),
            ),
        ),
        from: builder.add_text_field("from", text(EXACT, true)),
        to: builder.add_text_field("to", text(EXACT, false)),
        people: builder.add_text_field("people", text(EXACT, false)),
        organisation: builder.add_text_field("organisation", STRING | STORED | FAST),
        doc_type: builder.add_text_field("doc_type", STRING | STORED | FAST),
        ground: builder.add_text_field("ground", STRING | STORED | FAST),
        // Not stored: the year facet reads the fast field, and the reader of stored
        // fields (`stored`) reads text only.
        year: builder.add_u64_field("year", NumericOptions::default().set_indexed().set_fast()),
        date: builder.add_u64_field("date", NumericOptions::default().set_indexed().set_fast()),
        date_text: builder.add_text_field("date_text", STORED),
    };
    (builder.build(), fields)
}

/// `2025-08-28` → 20250828.
pub fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}
