//! The index as files any static host can serve: immutable chunks named by their
//! content hash, of bounded size, and one small hot file (`hot.bin`) with the table of
//! files and chunks, every byte tantivy reads to open the index and the block indexes of
//! the term dictionaries (after Quickwit's hotcache). A search that needs a chunk it does not have reports all the chunks it
//! missed; the caller fetches them together and runs it again. Index files travel as
//! whole chunk files; only the fragments a result list shows (see [`crate::fragments`])
//! are read with HTTP Range requests, and a host that ignores Range still works.
//!
//! `hot.bin` is `[u32 little-endian length][manifest JSON][hot bytes]`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    DirectoryLock, FileHandle, FileSlice, Lock, OwnedBytes, WatchCallback, WatchHandle, WritePtr,
};
use tantivy::{Directory, HasLen};

use crate::fragments::{Fragment, FragmentPacks, FRAGMENT_GROUP, LENGTHS_FILE};

/// The manifest format [`crate::pack::pack`] writes and [`BundleDirectory::from_hot`] reads.
pub const FORMAT_VERSION: u32 = 4;
/// A bundle up to this size is fetched whole at the first miss.
pub const SMALL_BUNDLE: usize = 1024 * 1024;
/// A file up to this size is fetched whole when one of its chunks is missed.
pub const SMALL_FILE: usize = 16 * 1024;
/// At most this many chunk files: many static hosts limit a site's files (Cloudflare
/// Pages: 20,000), and the rest of the site needs room too. When the chunk sizes of
/// `pack::PackOptions` would make more, the largest kind's are doubled until they do not.
pub const MAX_CHUNKS: usize = 4_900;

/// A file of the index: its length, how it is cut, and the hash that names its chunks.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BundleFile {
    /// Length in bytes.
    pub len: usize,
    /// Chunk `i` holds bytes `i * chunk_size ..`.
    pub chunk_size: usize,
    /// A hash of the file's bytes and its chunk size; chunk `i` is called
    /// `{hash}{i:04x}`, so the manifest needs no line per chunk.
    pub hash: String,
}

impl BundleFile {
    /// How many chunks the file has.
    pub fn chunk_count(&self) -> usize {
        self.len.div_ceil(self.chunk_size)
    }

    /// The id of chunk `i` (its file is [`chunk_name`] of it).
    pub fn chunk_id(&self, i: usize) -> String {
        format!("{}{i:04x}", self.hash)
    }

    /// The ids of all chunks, in order.
    pub fn chunk_ids(&self) -> impl Iterator<Item = String> + '_ {
        (0..self.chunk_count()).map(|i| self.chunk_id(i))
    }
}

/// A byte range of a file kept in the hot file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HotRange {
    /// The index file.
    pub file: String,
    /// Start in the file.
    pub start: usize,
    /// Length.
    pub len: usize,
    /// Where the bytes sit in the hot file's data part.
    pub at: usize,
}

/// The table of a bundle.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// Index files.
    pub files: BTreeMap<String, BundleFile>,
    /// Hot ranges.
    pub hot: Vec<HotRange>,
    /// A bundle up to this size is fetched whole at the first miss.
    pub small_bundle: usize,
    /// A file up to this size is fetched whole when one of its chunks is missed.
    pub small_file: usize,
    /// Where the documents' fragments are (see [`crate::fragments`]); no packs in a
    /// bundle whose hits are read from tantivy's store.
    #[serde(default)]
    pub fragments: FragmentPacks,
}

impl Manifest {
    /// Every chunk of every file, with its length in bytes (unpacked).
    pub fn chunks(&self) -> impl Iterator<Item = (String, usize)> + '_ {
        self.files.values().flat_map(move |file| {
            (0..file.chunk_count()).map(move |i| {
                let start = i * file.chunk_size;
                (file.chunk_id(i), (file.len - start).min(file.chunk_size))
            })
        })
    }

    /// The index file a chunk id belongs to.
    pub fn file_of(&self, chunk: &str) -> Option<&str> {
        let hash = chunk.get(..chunk.len().checked_sub(4)?)?;
        self.files
            .iter()
            .find(|(_, f)| f.hash == hash)
            .map(|(name, _)| name.as_str())
    }
}

/// The file name of a chunk id. Chunk files are gzipped (see `pack::gzip`).
pub fn chunk_name(id: &str) -> String {
    format!("c-{id}.bin")
}

/// What a bundle directory can read from.
#[derive(Default)]
struct Store {
    manifest: Option<Manifest>,
    hot: Vec<u8>,
    chunks: HashMap<String, OwnedBytes>,
    missing: HashSet<String>,
    /// When set, every read range is recorded (to build the hot file).
    record: Option<Vec<(String, Range<usize>)>>,
}

/// A read-only tantivy directory over a bundle.
#[derive(Clone, Default)]
pub struct BundleDirectory {
    store: Arc<RwLock<Store>>,
}

impl fmt::Debug for BundleDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BundleDirectory")
    }
}

impl BundleDirectory {
    /// A directory from the bytes of `hot.bin`.
    pub fn from_hot(hot_file: &[u8]) -> io::Result<BundleDirectory> {
        let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidData, format!("hot.bin: {why}"));
        let len = u32::from_le_bytes(
            hot_file
                .get(..4)
                .ok_or_else(|| bad("too short"))?
                .try_into()
                .expect("4 bytes"),
        ) as usize;
        let json = hot_file.get(4..4 + len).ok_or_else(|| bad("truncated"))?;
        let manifest: Manifest = serde_json::from_slice(json).map_err(|e| bad(&e.to_string()))?;
        if manifest.version != FORMAT_VERSION {
            return Err(bad(&format!(
                "format {} where {FORMAT_VERSION} was expected: rebuild the site",
                manifest.version
            )));
        }
        let directory = BundleDirectory::default();
        {
            let mut store = directory.store.write().expect("store lock");
            store.hot = hot_file[4 + len..].to_vec();
            store.manifest = Some(manifest);
        }
        Ok(directory)
    }

    /// A directory over `manifest` that records every range read (see
    /// [`BundleDirectory::take_recorded`]): packing learns the hot part that way.
    #[cfg(feature = "native")]
    pub(crate) fn recording(manifest: Manifest) -> BundleDirectory {
        let directory = BundleDirectory::default();
        {
            let mut store = directory.store.write().expect("store lock");
            store.manifest = Some(manifest);
            store.record = Some(Vec::new());
        }
        directory
    }

    /// The ranges read since [`BundleDirectory::recording`], by file.
    #[cfg(feature = "native")]
    pub(crate) fn take_recorded(&self) -> Vec<(String, Range<usize>)> {
        let mut store = self.store.write().expect("store lock");
        store.record.take().unwrap_or_default()
    }

    /// Adds a fetched chunk.
    pub fn add_chunk(&self, hash: &str, bytes: Vec<u8>) {
        let mut store = self.store.write().expect("store lock");
        store.missing.remove(hash);
        store
            .chunks
            .insert(hash.to_string(), OwnedBytes::new(bytes));
    }

    /// The chunks reads asked for and did not have, since the last call.
    pub fn take_missing(&self) -> Vec<String> {
        let mut store = self.store.write().expect("store lock");
        let mut missing: Vec<String> = store.missing.drain().collect();
        missing.sort();
        missing
    }

    /// The chunks to fetch for `missing`: everything, for a small bundle; otherwise the
    /// whole file of each missing chunk when that file is small, since a query that
    /// reads one part of a term dictionary or a fast field soon reads the rest. Fewer,
    /// larger steps: the browser fetches one step's chunks in parallel. Fragment reads
    /// (ids with `@`, see [`crate::fragments::range_id`]) are passed on as they are.
    pub fn expand(&self, missing: &[String]) -> Vec<String> {
        let store = self.store.read().expect("store lock");
        let manifest = store.manifest.as_ref().expect("manifest");
        let absent = |h: &String| !store.chunks.contains_key(h);
        let total: usize = manifest.files.values().map(|f| f.len).sum();
        let mut wanted: Vec<String> = if total <= manifest.small_bundle {
            manifest
                .files
                .values()
                .flat_map(BundleFile::chunk_ids)
                .filter(absent)
                .chain(missing.iter().filter(|id| id.contains('@')).cloned())
                .collect()
        } else {
            let mut wanted: Vec<String> = missing.to_vec();
            for file in manifest.files.values() {
                if file.len <= manifest.small_file
                    && missing.iter().any(|c| c.starts_with(&file.hash))
                {
                    wanted.extend(file.chunk_ids().filter(absent));
                }
            }
            wanted
        };
        wanted.sort();
        wanted.dedup();
        wanted
    }

    /// The fragment of document `doc` (its ordinal over all segments, in order), or
    /// `None` when the bundle has no fragment packs. Its place comes from
    /// [`LENGTHS_FILE`], read like any index file; its bytes from a read of
    /// `{pack}@{start}-{end}`, recorded as missing (an error) until it was added with
    /// [`BundleDirectory::add_chunk`], unpacked.
    pub fn fragment(&self, doc: usize) -> io::Result<Option<Fragment>> {
        let fragments = {
            let store = self.store.read().expect("store lock");
            let manifest = store.manifest.as_ref().expect("manifest");
            if manifest.fragments.packs.is_empty() {
                return Ok(None);
            }
            manifest.fragments.clone()
        };
        let lengths = self.read(LENGTHS_FILE, doc / FRAGMENT_GROUP * FRAGMENT_GROUP..doc + 1)?;
        let id = fragments
            .fragment_id(doc, lengths.as_slice())
            .ok_or_else(|| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("no fragment for document {doc}"),
                )
            })?;
        let mut store = self.store.write().expect("store lock");
        let Some(bytes) = store.chunks.get(&id) else {
            store.missing.insert(id);
            return Err(io::Error::other("openbaar: fragment not loaded yet"));
        };
        serde_json::from_slice(bytes.as_slice())
            .map(Some)
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{id}: {e}")))
    }

    /// Reads (ignoring failures) the whole [`LENGTHS_FILE`] when it is a small file (see
    /// [`Manifest::small_file`]): a query's first fetches bring it along, and its hits'
    /// fragments are one round nearer.
    pub fn warm_fragment_lengths(&self) {
        let len = {
            let store = self.store.read().expect("store lock");
            let manifest = store.manifest.as_ref().expect("manifest");
            match manifest.files.get(LENGTHS_FILE) {
                Some(file) if file.len <= manifest.small_file => file.len,
                _ => return,
            }
        };
        let _ = self.read(LENGTHS_FILE, 0..len);
    }

    /// The manifest.
    pub fn manifest(&self) -> Manifest {
        self.store
            .read()
            .expect("store lock")
            .manifest
            .clone()
            .expect("a bundle directory has a manifest")
    }

    fn read(&self, file: &str, range: Range<usize>) -> io::Result<OwnedBytes> {
        let mut store = self.store.write().expect("store lock");
        if let Some(record) = store.record.as_mut() {
            record.push((file.to_string(), range.clone()));
        }
        let manifest = store.manifest.as_ref().expect("manifest");
        if let Some(hot) = manifest
            .hot
            .iter()
            .find(|h| h.file == file && h.start <= range.start && range.end <= h.start + h.len)
        {
            let at = hot.at + range.start - hot.start;
            return Ok(OwnedBytes::new(store.hot[at..at + range.len()].to_vec()));
        }
        let info = manifest
            .files
            .get(file)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, file.to_string()))?;
        let chunk_size = info.chunk_size;
        if range.is_empty() {
            return Ok(OwnedBytes::empty());
        }
        let (first, last) = (range.start / chunk_size, (range.end - 1) / chunk_size);
        let needed: Vec<String> = (first..=last).map(|i| info.chunk_id(i)).collect();
        let absent: Vec<String> = needed
            .iter()
            .filter(|h| !store.chunks.contains_key(*h))
            .cloned()
            .collect();
        if !absent.is_empty() {
            store.missing.extend(absent);
            return Err(io::Error::other("openbaar: chunk not loaded yet"));
        }
        if first == last {
            let offset = first * chunk_size;
            let chunk = &store.chunks[&needed[0]];
            return Ok(chunk.slice(range.start - offset..range.end - offset));
        }
        let mut bytes = Vec::with_capacity(range.len());
        for (i, h) in needed.iter().enumerate() {
            let chunk_start = (first + i) * chunk_size;
            let chunk = store.chunks[h].as_slice();
            let from = range.start.saturating_sub(chunk_start);
            let to = (range.end - chunk_start).min(chunk.len());
            bytes.extend_from_slice(&chunk[from..to]);
        }
        Ok(OwnedBytes::new(bytes))
    }

    fn file_len(&self, file: &str) -> Option<usize> {
        let store = self.store.read().expect("store lock");
        store.manifest.as_ref()?.files.get(file).map(|f| f.len)
    }
}

struct BundleFileHandle {
    directory: BundleDirectory,
    file: String,
    len: usize,
}

impl fmt::Debug for BundleFileHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BundleFileHandle({})", self.file)
    }
}

impl HasLen for BundleFileHandle {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for BundleFileHandle {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        self.directory.read(&self.file, range)
    }
}

fn name_of(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

impl Directory for BundleDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        let file = name_of(path);
        let len = self
            .file_len(&file)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        Ok(Arc::new(BundleFileHandle {
            directory: self.clone(),
            file,
            len,
        }))
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        let handle = self.get_file_handle(path)?;
        Ok(FileSlice::new(handle))
    }

    fn delete(&self, _path: &Path) -> Result<(), DeleteError> {
        Ok(())
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        Ok(self.file_len(&name_of(path)).is_some())
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::wrap_io_error(
            io::Error::new(io::ErrorKind::PermissionDenied, "a bundle is read-only"),
            path.to_path_buf(),
        ))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        let file = name_of(path);
        let len = self
            .file_len(&file)
            .ok_or_else(|| OpenReadError::FileDoesNotExist(path.to_path_buf()))?;
        self.read(&file, 0..len)
            .map(|b| b.as_slice().to_vec())
            .map_err(|e| OpenReadError::wrap_io_error(e, path.to_path_buf()))
    }

    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> io::Result<()> {
        Ok(())
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        // Nothing writes a bundle, so readers need no lock file.
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

/// The hot file path of a bundle folder.
pub fn hot_path(bundle: &Path) -> PathBuf {
    bundle.join("hot.bin")
}
