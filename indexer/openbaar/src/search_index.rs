//! Step 7: the search index of the archive, as a static bundle next to the site.

use std::path::Path;

use openbaar_search::bundle::{pack, PackStats};
use openbaar_search::schema::SearchDoc;
use openbaar_search::writer::write_index;

use crate::pipeline::Extraction;
use crate::record::Document;

/// Where the bundle goes inside the built site.
pub const BUNDLE_DIR: &str = "zoeken/index";

/// What the index holds of a document.
pub fn search_doc(doc: &Document) -> SearchDoc {
    let mut people: Vec<String> = doc.people.iter().map(|p| p.name.clone()).collect();
    people.sort();
    people.dedup();
    SearchDoc {
        id: doc.id.clone(),
        title: doc.title.clone(),
        body: doc.text.clone(),
        date: doc.date.clone(),
        doc_type: doc
            .doc_type
            .clone()
            .unwrap_or_else(|| "niet openbaar".into()),
        from: doc.from.iter().cloned().collect(),
        to: doc.to.iter().chain(&doc.cc).cloned().collect(),
        people,
        organisations: doc.organisations.clone(),
        grounds: doc.ground_codes(),
    }
}

/// Writes the index of `extraction` as a bundle into `site_output/zoeken/index/`.
pub fn write_bundle(site_output: &Path, extraction: &Extraction) -> std::io::Result<PackStats> {
    let docs: Vec<SearchDoc> = extraction
        .documents
        .iter()
        .map(|b| search_doc(&b.document))
        .collect();
    // The index is written to a scratch folder and packed from there into the site.
    let work = std::env::temp_dir().join(format!("openbaar-index-{}", std::process::id()));
    write_index(&work, &docs).map_err(std::io::Error::other)?;
    let stats = pack(&work, &site_output.join(BUNDLE_DIR));
    let _ = std::fs::remove_dir_all(&work);
    stats
}
