//! The search index of an Openbaar archive: the one schema, Dutch analysis and the
//! query language, shared by the indexer and the search runtimes.

pub mod analyzer;
pub mod bundle;
pub mod by_date;
pub mod facets;
pub mod fragments;
pub mod matched;
#[cfg(feature = "native")]
pub mod pack;
pub mod query;
pub mod runtime;
pub mod schema;
pub mod search;
pub mod stored;
mod warm;
#[cfg(feature = "native")]
pub mod writer;
