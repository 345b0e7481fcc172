//! Openbaar's indexer: turns a folder of released government documents (PDFs, emails,
//! text) into document records and a static Zola site.
//!
//! The data flow reads top to bottom, one module per step:
//!
//! 1. [`archive`]: find the files and detect their formats;
//! 2. [`extract`]: raw text per page and what the format states (headers, metadata);
//! 3. [`normalise`]: Unicode, hyphenation, headers and footers, paragraphs;
//! 4. [`metadata`]: title and, later, dates, people and organisations;
//! 5. [`site`]: Zola content for every document;
//! 6. [`zola`]: `zola build` into `public/`.
//!
//! [`pipeline`] runs steps 1–4 over an archive; [`record`] holds the one document
//! record every step shares; [`config`] reads the settings from `config.toml`.

pub mod archive;
pub mod config;
pub mod dates;
pub mod events;
pub mod extract;
pub mod grounds;
pub mod inventory;
pub mod messages;
pub mod metadata;
pub mod normalise;
pub mod pipeline;
pub mod record;
pub mod redact;
pub mod redact_eval;
pub mod search_index;
pub mod site;
pub mod timeline;
pub mod zola;
