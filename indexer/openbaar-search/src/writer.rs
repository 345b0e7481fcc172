//! Writes the index of an archive into a folder.

use std::path::Path;

use tantivy::{doc, Index, TantivyDocument};

use crate::analyzer;
use crate::schema::{date_number, schema, SearchDoc};

/// Why the index could not be written.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// tantivy failed.
    #[error("search index: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The folder could not be prepared.
    #[error("search index folder {path}: {source}")]
    Io {
        /// The folder.
        path: String,
        /// The error.
        source: std::io::Error,
    },
}

/// Writes `docs` as a fresh index into `dir` (created or emptied first), as one segment.
pub fn write_index(dir: &Path, docs: &[SearchDoc]) -> Result<(), IndexError> {
    let io = |source| IndexError::Io {
        path: dir.display().to_string(),
        source,
    };
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io)?;
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    analyzer::register(&index);
    // One thread writes one segment: fewer files for a browser to fetch.
    let mut writer = index.writer_with_num_threads(1, 64_000_000)?;
    for d in docs {
        let mut document: TantivyDocument = doc!(
            f.id => d.id.clone(),
            f.title => d.title.clone(),
            f.body => d.body.clone(),
            f.body_exact => d.body.clone(),
            f.doc_type => d.doc_type.clone(),
        );
        for value in &d.from {
            document.add_text(f.from, value);
        }
        for value in &d.to {
            document.add_text(f.to, value);
        }
        for value in &d.people {
            document.add_text(f.people, value);
        }
        for value in &d.organisations {
            document.add_text(f.organisation, value);
        }
        for value in &d.grounds {
            document.add_text(f.ground, value);
        }
        if let Some(date) = &d.date {
            document.add_text(f.date_text, date);
            if let Some(number) = date_number(date) {
                document.add_u64(f.date, number);
                document.add_u64(f.year, number / 10000);
            }
        }
        writer.add_document(document)?;
    }
    writer.commit()?;
    // One segment: a large archive fills the memory budget several times, and each
    // segment would cost the browser its own dictionary, postings and store reads.
    let segments = index.searchable_segment_ids()?;
    if segments.len() > 1 {
        writer.merge(&segments).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(())
}
