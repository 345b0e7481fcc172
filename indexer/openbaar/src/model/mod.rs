//! The document model: every type the steps share, and nothing that does work. It
//! depends on no step; every step depends on it.
//!
//! - [`document`]: the record of a document, its pages and its type;
//! - [`source`]: what a file format gives before clean-up (raw pages, stated facts);
//! - [`date`]: days, times, dates known to the month or year, and date sources;
//! - [`grounds`]: the table of refusal grounds (`data/grounds.toml`);
//! - [`redaction`], [`message`], [`person`], [`event`], [`inventory`]: the facts;
//! - [`organisation`]: the table of Dutch public bodies (`data/organisations.tsv`);
//! - [`archive`]: the documents of a whole run, with what could not be read.

pub mod archive;
pub mod date;
pub mod document;
pub mod event;
pub mod grounds;
pub mod inventory;
pub mod message;
pub mod organisation;
pub mod person;
pub mod redaction;
pub mod source;

pub use archive::{Built, Disagreement, Extraction, InventoryCheck, Original, Problem};
pub use date::{DateSource, PartialDate, Precision, MONTH_NAMES, WEEKDAY_NAMES};
pub use document::{
    content_id, placed_paragraphs, DocType, Document, Kind, Page, PlacedParagraph, Provenance,
    PARAGRAPH_SEPARATOR,
};
pub use event::Event;
pub use grounds::Ground;
pub use inventory::InventoryEntry;
pub use message::{Message, PrintedSent, PrintedZone};
pub use organisation::{Organisation, OrganisationKind};
pub use person::{Person, Role};
pub use redaction::{
    anchor_index, box_anchor, BlackedOut, BoxWord, GroundShare, ImageBox, PageBox, PageBoxes,
    Place, Rect, Redaction, RedactionField, MARKER,
};
pub use source::{Embedded, Extracted, RawPage};
