//! Mutation fuzzing of Openbaar's extractors and parsers, on stable Rust.
//!
//! [`mutate`] changes seed inputs deterministically (bit flips, interesting numbers,
//! insertions, deletions, duplications, splices of two seeds, format tokens,
//! truncation); [`zip`] keeps mutated spreadsheets readable as ZIP files.

pub mod mutate;
pub mod zip;
