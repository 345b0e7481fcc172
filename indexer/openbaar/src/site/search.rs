//! The search index of the archive, as a static bundle next to the built site, and the
//! search runtime that reads it in the browser.

use std::path::Path;

use openbaar_search::pack::{pack, PackStats};
use openbaar_search::schema::SearchDoc;
use openbaar_search::writer::write_index;

use crate::model::{Document, Extraction};

/// Where the bundle goes inside the built site.
pub const BUNDLE_DIR: &str = "zoeken/index";
/// Where the search runtime goes inside the built site; a gzipped copy sits next to it
/// with `.gz` added.
pub const RUNTIME_PATH: &str = "zoeken/openbaar-search.wasm";

/// What the index holds of a document.
pub fn search_doc(doc: &Document) -> SearchDoc {
    let mut people: Vec<String> = doc.people.iter().map(|p| p.name.clone()).collect();
    people.sort();
    people.dedup();
    SearchDoc {
        id: doc.id.clone(),
        title: doc.title.clone(),
        body: doc.text.clone(),
        date: doc.date.map(|d| d.to_string()),
        doc_type: doc.type_label().to_string(),
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

/// The sizes of the published search runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeStats {
    /// The WebAssembly module.
    pub raw_bytes: u64,
    /// Its gzipped copy.
    pub gzipped_bytes: u64,
}

/// Copies the search runtime `wasm` into the site, with a gzipped copy beside it. The
/// browser fetches the gzipped copy and unpacks it itself (`DecompressionStream`): many
/// static hosts do not compress `.wasm`, and the runtime is most of a first search.
pub fn publish_runtime(site_output: &Path, wasm: &Path) -> std::io::Result<RuntimeStats> {
    use std::io::Write;
    let bytes = std::fs::read(wasm)?;
    let target = site_output.join(RUNTIME_PATH);
    if let Some(folder) = target.parent() {
        std::fs::create_dir_all(folder)?;
    }
    std::fs::write(&target, &bytes)?;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&bytes)?;
    let gzipped = encoder.finish()?;
    let mut gz_path = target.into_os_string();
    gz_path.push(".gz");
    std::fs::write(&gz_path, &gzipped)?;
    Ok(RuntimeStats {
        raw_bytes: bytes.len() as u64,
        gzipped_bytes: gzipped.len() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_runtime_is_published_with_a_gzipped_copy() {
        let dir = tempfile::tempdir().unwrap();
        let wasm = dir.path().join("runtime.wasm");
        let module: Vec<u8> = b"\0asm\x01\0\0\0"
            .iter()
            .copied()
            .cycle()
            .take(4000)
            .collect();
        std::fs::write(&wasm, &module).unwrap();
        let site = dir.path().join("public");
        let stats = publish_runtime(&site, &wasm).unwrap();
        assert_eq!(std::fs::read(site.join(RUNTIME_PATH)).unwrap(), module);
        let gz = std::fs::read(site.join(format!("{RUNTIME_PATH}.gz"))).unwrap();
        assert_eq!(stats.gzipped_bytes, gz.len() as u64);
        assert!(stats.gzipped_bytes < stats.raw_bytes);
        let mut unpacked = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut unpacked)
            .unwrap();
        assert_eq!(unpacked, module);
    }

    #[test]
    fn a_missing_runtime_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(publish_runtime(dir.path(), &dir.path().join("nope.wasm")).is_err());
    }
}
