//! Openbaar's indexer: turns a folder of released government documents (PDFs, emails,
//! text) into document records and a static Zola site.
//!
//! The data flow reads top to bottom, one module per step:
//!
//! 1. [`input`]: find the files of an archive and detect their formats;
//! 2. [`extract`]: raw text per page and what the format states (headers, metadata),
//!    and the rows of inventory lists;
//! 3. [`normalise`]: Unicode, hyphenation, running headers and footers, paragraphs;
//! 4. [`facts`]: redactions, messages, dates, title, type, people and events of one
//!    document;
//! 5. [`records`]: runs steps 1–4 for every file and assembles the records, with
//!    inventory lists applied and threads linked;
//! 6. [`site`]: Zola content, timelines, the search bundle, and `zola build`.
//!
//! Every step depends on [`model`], which holds every shared type (the document record
//! and its facts) and depends on nothing; steps never depend on each other, except that
//! [`records`] runs the steps before it (`tests/layout.rs` checks this). [`config`]
//! reads the settings from `config.toml`; [`eval`] measures the fact finders on
//! labelled cases.

pub mod config;
pub mod eval;
pub mod extract;
pub mod facts;
pub mod input;
pub mod model;
pub mod normalise;
pub mod records;
pub mod site;
