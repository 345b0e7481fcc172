//! Writes the index of an archive into a folder, the same bytes on every run.
//!
//! Two builds of one archive must publish byte-identical bundles. tantivy's `IndexWriter`
//! cannot promise that: it names every segment with a random UUID (`Uuid::new_v4`), keeps
//! its segments in a `HashMap` (so `meta.json` lists them, and a merge stacks their
//! documents, in an order that changes from run to run), and merges in the background
//! while it indexes, at moments that depend on thread scheduling. So this module drives
//! tantivy's lower-level API itself, on one thread:
//!
//! - each segment is written by a `SegmentWriter` under an id derived from the documents
//!   (`Index::new_segment_meta`), in document order, and a new one is begun when the
//!   memory budget is used up, as `IndexWriter` does;
//! - several segments are merged (in that order) with `merge_filtered_segments`;
//! - `meta.json` is written from tantivy's own `IndexMeta`, listing the one segment.
//!
//! Ids are chosen through the API rather than by renaming files and editing `meta.json`
//! afterwards, because the API keeps tantivy's knowledge of which files a segment has
//! and what `meta.json` holds in tantivy: a patch of its JSON or of its file names would
//! break silently when a new version names or lists them differently. The one exception
//! is a merge, whose output tantivy 0.27 always names at random: its files are copied
//! into the index under the content id through `Segment::open_read` and `open_write`
//! (no segment file records its own id: only `meta.json` and the writer's
//! `.managed.json` name it, and the bundle leaves the latter out).
//!
//! `Index::segment` and `merge_filtered_segments` are public but hidden from tantivy's
//! documentation, so not covered by its semver promise: tantivy is held at 0.27 by
//! `Cargo.lock`, and the tests below (two writes, byte for byte, with and without a
//! merge) are what an upgrade must pass.

use std::io::Write;
use std::path::Path;

use tantivy::directory::error::OpenReadError;
use tantivy::directory::{MmapDirectory, TerminatingWrite};
use tantivy::index::{SegmentComponent, SegmentId};
use tantivy::indexer::{merge_filtered_segments, AddOperation, SegmentWriter};
use tantivy::store::Compressor;
use tantivy::{doc, Directory, Index, IndexMeta, IndexSettings, Segment, TantivyDocument};

use crate::analyzer;
use crate::schema::{date_number, schema, Fields, SearchDoc};

/// Memory for the segment being written (terms and postings); past it the segment is
/// written out and the next begun. As much as the one thread of the former
/// `IndexWriter` had.
const MEMORY_BUDGET: usize = 64_000_000;

/// `IndexWriter`'s margin: a segment is closed when its memory use comes this close to
/// the budget, since one more document must still fit.
const MARGIN: usize = 1_000_000;

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
/// The same documents give the same files, byte for byte, with the same names.
pub fn write_index(dir: &Path, docs: &[SearchDoc]) -> Result<(), IndexError> {
    write_segments(dir, docs, MEMORY_BUDGET, usize::MAX).map(|_| ())
}

/// [`write_index`], closing a segment when it uses `memory_budget` or holds `max_docs`
/// documents (tests make several segments that way, cheaper than by memory: a fresh
/// segment writer already uses about 10 MB). Returns how many segments were written
/// before the merge.
fn write_segments(
    dir: &Path,
    docs: &[SearchDoc],
    memory_budget: usize,
    max_docs: usize,
) -> Result<usize, IndexError> {
    let io = |source| IndexError::Io {
        path: dir.display().to_string(),
        source,
    };
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(io)?;
    }
    std::fs::create_dir_all(dir).map_err(io)?;
    let (schema, fields) = schema();
    let mut index = Index::builder()
        .schema(schema)
        .settings(settings())
        .create_in_dir(dir)?;
    analyzer::register(&index);
    let content = ContentHash::of(docs);

    // One thread, documents in order: the segments, their ids and their documents' ids
    // are the same on every run.
    let mut parts: Vec<Segment> = Vec::new();
    let mut next = 0;
    while next < docs.len() {
        let id = content.segment_id(&format!("part {}", parts.len()));
        let segment = index.segment(index.new_segment_meta(id, 0));
        let mut writer = SegmentWriter::for_segment(memory_budget, segment.clone())?;
        while next < docs.len() {
            writer.add_document(AddOperation {
                opstamp: next as u64,
                document: document(&fields, &docs[next]),
            })?;
            next += 1;
            if writer.mem_usage() >= memory_budget.saturating_sub(MARGIN)
                || writer.max_doc() as usize >= max_docs
            {
                break;
            }
        }
        let max_doc = writer.max_doc();
        writer.finalize()?;
        let segment = segment.with_max_doc(max_doc);
        // Without a sort order there is no temporary store to keep (as `IndexWriter`).
        segment.meta().untrack_temp_docstore();
        parts.push(segment);
    }

    // One segment: each segment would cost the browser its own dictionary, postings and
    // store reads.
    let written = parts.len();
    let segment = if parts.len() > 1 {
        let scratch = dir.join("merge");
        std::fs::create_dir_all(&scratch).map_err(io)?;
        let merged = merge_filtered_segments(
            &parts,
            index.settings().clone(),
            vec![None; parts.len()],
            MmapDirectory::open(&scratch).map_err(tantivy::TantivyError::from)?,
        )?;
        let segment = adopt(&index, &merged, content.segment_id("merged"))?;
        drop(merged);
        std::fs::remove_dir_all(&scratch).map_err(io)?;
        Some(segment)
    } else {
        parts.pop()
    };

    let meta = IndexMeta {
        segments: segment.iter().map(|s| s.meta().clone()).collect(),
        opstamp: docs.len() as u64,
        ..index.load_metas()?
    };
    // As tantivy writes it (`save_metas`, not public): pretty JSON and a line end.
    let mut json = serde_json::to_vec_pretty(&meta).map_err(|e| io(e.into()))?;
    json.push(b'\n');
    index
        .directory()
        .atomic_write(Path::new("meta.json"), &json)
        .map_err(io)?;
    // The files of the merged parts go; tantivy's garbage collector knows what to keep.
    let mut living = meta.list_segment_files();
    living.insert("meta.json".into());
    index.directory_mut().garbage_collect(|| living)?;
    Ok(written)
}

/// The store keeps documents in small blocks, uncompressed: a hit's title and snippet
/// cost the browser one block, not tantivy's default of 16 KB of lz4; the bundle gzips
/// its chunks (see `bundle::gzip`), which compresses text better than lz4 does.
fn settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::None,
        docstore_blocksize: STORE_BLOCK,
        ..IndexSettings::default()
    }
}

/// The target size of a block of stored documents (a block holds whole documents).
const STORE_BLOCK: usize = 2 * 1024;

/// The tantivy document of `d`.
fn document(f: &Fields, d: &SearchDoc) -> TantivyDocument {
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
    document
}

/// The segment that `merged` (an index of one segment, fresh from a merge) holds, copied
/// into `index` under the id `id`.
fn adopt(index: &Index, merged: &Index, id: SegmentId) -> Result<Segment, IndexError> {
    let source = merged
        .searchable_segments()?
        .pop()
        .expect("a merge gives one segment");
    let target = index.segment(index.new_segment_meta(id, source.meta().max_doc()));
    // A fresh merge has no deletes and no temporary store: these are all its files.
    for component in [
        SegmentComponent::Postings,
        SegmentComponent::Positions,
        SegmentComponent::FastFields,
        SegmentComponent::FieldNorms,
        SegmentComponent::Terms,
        SegmentComponent::Store,
    ] {
        let bytes = match source.open_read(component.clone()) {
            Ok(file) => file.read_bytes().map_err(tantivy::TantivyError::from)?,
            Err(OpenReadError::FileDoesNotExist(_)) => continue,
            Err(error) => return Err(tantivy::TantivyError::from(error).into()),
        };
        let mut write = target
            .open_write(component)
            .map_err(tantivy::TantivyError::from)?;
        write
            .write_all(&bytes)
            .and_then(|()| write.terminate())
            .map_err(tantivy::TantivyError::from)?;
    }
    Ok(target)
}

/// A 128-bit FNV-1a hash of the documents (their JSON, in order): segment ids that are
/// the same for the same archive, and change with it. No hash crate is needed for it.
#[derive(Clone, Copy)]
struct ContentHash(u128);

impl ContentHash {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

    fn of(docs: &[SearchDoc]) -> ContentHash {
        let mut hash = ContentHash(Self::OFFSET);
        for d in docs {
            serde_json::to_writer(&mut hash, d).expect("a document serialises");
            hash.add(b"\n");
        }
        hash
    }

    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u128::from(b);
            self.0 = self.0.wrapping_mul(Self::PRIME);
        }
    }

    /// The id of the segment called `name` (every segment of an index has its own name).
    fn segment_id(self, name: &str) -> SegmentId {
        let mut hash = self;
        hash.add(name.as_bytes());
        SegmentId::from_uuid_string(&format!("{:032x}", hash.0)).expect("32 hex digits are a uuid")
    }
}

impl Write for ContentHash {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.add(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    use super::*;
    use crate::pack::pack;
    use crate::search::SearchIndex;

    /// Documents per segment, so that the corpus makes several segments.
    const SMALL_SEGMENTS: usize = 120;

    fn corpus() -> Vec<SearchDoc> {
        (0..400)
            .map(|i| SearchDoc {
                id: format!("doc{i:03}"),
                title: format!("Brief {i} over de jeugdzorg"),
                body: format!(
                    "De gemeente bespreekt dossier {i} met het Keurmerkinstituut ({}). {}",
                    i * 7919 % 1000,
                    (0..60)
                        .map(|w| format!("woord{} toezicht{}", (i * 31 + w) % 997, w % 13))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                date: Some(format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
                doc_type: ["e-mail", "raadsbrief", "besluit"][i % 3].into(),
                from: vec![format!("Afzender {}", i % 17)],
                to: vec![format!("Ontvanger {}", i % 11)],
                people: vec![format!("Persoon {}", i % 23)],
                organisations: vec![format!("Organisatie {}", i % 5)],
                grounds: if i % 4 == 0 {
                    vec!["5.1.2e".into()]
                } else {
                    Vec::new()
                },
            })
            .collect()
    }

    /// Every file of a folder, by name.
    fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let path = e.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&path).unwrap())
            })
            .collect()
    }

    /// Writes and packs `docs` into `root/<name>/`; returns the bundle folder and how
    /// many segments were written.
    fn bundle(root: &Path, name: &str, docs: &[SearchDoc], max_docs: usize) -> (PathBuf, usize) {
        let index = root.join(format!("{name}-index"));
        let bundle = root.join(name);
        let segments = write_segments(&index, docs, MEMORY_BUDGET, max_docs).unwrap();
        pack(&index, &bundle).unwrap();
        (bundle, segments)
    }

    fn assert_same_files(a: &Path, b: &Path) {
        let (a, b) = (files(a), files(b));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "the same file names"
        );
        let differing: Vec<&String> = a.keys().filter(|name| a[*name] != b[*name]).collect();
        assert!(differing.is_empty(), "files differ: {differing:?}");
    }

    #[test]
    fn the_same_documents_give_the_same_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let docs = corpus();
        let (first, segments) = bundle(dir.path(), "first", &docs, usize::MAX);
        assert_eq!(segments, 1);
        let (second, _) = bundle(dir.path(), "second", &docs, usize::MAX);
        assert_same_files(&first, &second);
    }

    /// Several segments, merged: the merge is where tantivy's own writer lost the order
    /// of the documents and named the result at random.
    #[test]
    fn the_same_documents_give_the_same_merged_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let docs = corpus();
        let (first, segments) = bundle(dir.path(), "first", &docs, SMALL_SEGMENTS);
        assert_eq!(segments, 4, "the test should merge");
        let (second, _) = bundle(dir.path(), "second", &docs, SMALL_SEGMENTS);
        assert_same_files(&first, &second);
    }

    #[test]
    fn a_merged_index_is_one_segment_that_answers_like_an_unmerged_one() {
        let dir = tempfile::tempdir().unwrap();
        let docs = corpus();
        let (whole, merged) = (dir.path().join("whole"), dir.path().join("merged"));
        write_index(&whole, &docs).unwrap();
        write_segments(&merged, &docs, MEMORY_BUDGET, SMALL_SEGMENTS).unwrap();
        // Nothing is left of the parts or of the merge: one segment's files.
        let names: Vec<String> = files(&merged).into_keys().collect();
        let segment_files: Vec<&String> = names.iter().filter(|n| n.len() > 33).collect();
        assert_eq!(segment_files.len(), 6, "{names:?}");
        let (whole, merged) = (
            SearchIndex::open(&whole).unwrap(),
            SearchIndex::open(&merged).unwrap(),
        );
        assert_eq!(merged.index().searchable_segment_ids().unwrap().len(), 1);
        for query in [
            "jeugdzorg",
            "woord17",
            "\"dossier 42\"",
            "type:e-mail grond:5.1.2e",
            "toezicht3 -woord5",
        ] {
            let (a, b) = (
                whole.search(query, 0, 20).unwrap(),
                merged.search(query, 0, 20).unwrap(),
            );
            assert!(a.total > 0, "{query}");
            assert_eq!(a, b, "{query}");
        }
    }

    #[test]
    fn segment_ids_follow_the_documents() {
        let dir = tempfile::tempdir().unwrap();
        let mut docs = corpus();
        let id = |name: &str, docs: &[SearchDoc]| {
            let path = dir.path().join(name);
            write_index(&path, docs).unwrap();
            SearchIndex::open(&path)
                .unwrap()
                .index()
                .searchable_segment_ids()
                .unwrap()
        };
        let before = id("before", &docs);
        assert_eq!(before, id("again", &docs));
        docs[7].body.push_str(" een woord erbij");
        assert_ne!(before, id("after", &docs));
    }

    #[test]
    fn an_empty_archive_gives_an_index_without_segments() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            write_segments(dir.path(), &[], MEMORY_BUDGET, usize::MAX).unwrap(),
            0
        );
        let index = SearchIndex::open(dir.path()).unwrap();
        assert!(index.index().searchable_segment_ids().unwrap().is_empty());
    }
}
