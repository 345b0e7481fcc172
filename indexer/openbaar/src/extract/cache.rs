//! The extraction cache: what a file's extraction gave, kept on disk by the file's
//! content, so that a rebuild of an unchanged archive renders and reads no page again.
//!
//! An entry is one JSON file, `<dir>/<first two hex digits>/<SHA-256 of the bytes>.json`,
//! holding the [`Extracted`] and what made it: [`EXTRACTOR_VERSION`] and the OCR engine
//! (its version and languages, or why there was none). An entry made by another version
//! or engine is stale: it is read past and overwritten, as is one that is damaged or
//! unreadable. The cache never fails a build: where it cannot be read or written, the
//! file is extracted as if there were none. Entries are written to a temporary file
//! and renamed into place, so parallel builds (or two copies of one file in a build)
//! never see half an entry.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::Extracted;

/// The version of what extraction gives. Bump it whenever a change to `extract` changes
/// its output for the same file (a new field, another OCR setting, a fixed bug), so
/// that every cached entry is made again.
pub const EXTRACTOR_VERSION: u32 = 2;

/// A cache folder, for extractions made with one OCR engine.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    engine: String,
}

/// What one entry holds.
#[derive(Serialize, Deserialize)]
struct Entry {
    extractor: u32,
    engine: String,
    content: String,
    extracted: Extracted,
}

/// The SHA-256 of `bytes` in hex: the key of their entry.
pub fn content_key(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Cache {
    /// A cache in `dir` (made when first written), for extractions by `engine`: a
    /// description of the OCR engine that changes when its results would.
    pub fn new(dir: impl Into<PathBuf>, engine: impl Into<String>) -> Cache {
        Cache {
            dir: dir.into(),
            engine: engine.into(),
        }
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir
            .join(&key[..2.min(key.len())])
            .join(format!("{key}.json"))
    }

    /// The cached extraction of the file with content key `key`, if there is a current
    /// one; a missing, stale or damaged entry gives `None`.
    pub fn get(&self, key: &str) -> Option<Extracted> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.extractor == EXTRACTOR_VERSION
            && entry.engine == self.engine
            && entry.content == key)
            .then_some(entry.extracted)
    }

    /// Stores the extraction of the file with content key `key`, replacing any entry.
    pub fn put(&self, key: &str, extracted: &Extracted) -> std::io::Result<()> {
        let entry = Entry {
            extractor: EXTRACTOR_VERSION,
            engine: self.engine.clone(),
            content: key.to_string(),
            extracted: extracted.clone(),
        };
        let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
        let path = self.path(key);
        let folder = path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(folder)?;
        // A name no other writer uses: this process, this thread.
        let temporary = folder.join(format!(
            ".{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        let written = std::fs::File::create(&temporary)
            .and_then(|mut file| file.write_all(&json))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        written
    }

    /// The cached extraction of `bytes`, or `extract(bytes)`, stored for next time when
    /// it succeeds. Failures are not cached: a file that cannot be read is cheap to
    /// fail again, and may be readable by a later version. Nor is an extraction with
    /// pages awaiting OCR (no engine): a build with the engine must read them.
    pub fn get_or_extract<E>(
        &self,
        bytes: &[u8],
        extract: impl FnOnce(&[u8]) -> Result<Extracted, E>,
    ) -> Result<Extracted, E> {
        let key = content_key(bytes);
        if let Some(extracted) = self.get(&key) {
            return Ok(extracted);
        }
        let extracted = extract(bytes)?;
        if extracted.awaiting_ocr.is_empty() {
            // A cache that cannot be written costs time next build, nothing else.
            let _ = self.put(&key, &extracted);
        }
        Ok(extracted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Provenance, RawPage};
    use std::cell::Cell;

    fn extracted(text: &str) -> Extracted {
        Extracted {
            pages: vec![RawPage {
                provenance: Provenance::Ocr,
                confidence: Some(0.9),
                text: text.to_string(),
            }],
            notes: vec!["een notitie".into()],
            ..Extracted::default()
        }
    }

    /// Extracts through `cache`, counting the real extractions in `calls`.
    fn through(cache: &Cache, bytes: &[u8], calls: &Cell<u32>) -> Extracted {
        cache
            .get_or_extract(bytes, |b| {
                calls.set(calls.get() + 1);
                Ok::<_, ()>(extracted(&String::from_utf8_lossy(b)))
            })
            .unwrap()
    }

    #[test]
    fn a_second_extraction_of_the_same_bytes_comes_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "tesseract 5.3.0 nld+eng");
        let calls = Cell::new(0);
        let first = through(&cache, b"pagina een", &calls);
        let second = through(&cache, b"pagina een", &calls);
        assert_eq!((first.clone(), calls.get()), (second, 1));
        assert_eq!(first, extracted("pagina een"));
        through(&cache, b"pagina twee", &calls);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn another_engine_or_version_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let calls = Cell::new(0);
        through(
            &Cache::new(dir.path(), "tesseract 5.3.0 nld+eng 200 dpi"),
            b"scan",
            &calls,
        );
        let with_engine = Cache::new(dir.path(), "tesseract 5.3.0 nld+eng 300 dpi");
        through(&with_engine, b"scan", &calls);
        assert_eq!(calls.get(), 2, "made at another resolution, read again");
        through(&with_engine, b"scan", &calls);
        assert_eq!(calls.get(), 2);
        // An entry of an older extractor.
        let key = content_key(b"scan");
        let path = with_engine.path(&key);
        let old = std::fs::read_to_string(&path).unwrap().replace(
            &format!("\"extractor\":{EXTRACTOR_VERSION}"),
            "\"extractor\":0",
        );
        std::fs::write(&path, old).unwrap();
        assert_eq!(with_engine.get(&key), None);
    }

    #[test]
    fn damaged_entries_are_made_again_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "none");
        let calls = Cell::new(0);
        through(&cache, b"brief", &calls);
        let path = cache.path(&content_key(b"brief"));
        for damage in [&b"{\"extractor\":1,"[..], b"", b"\x00\xff garbage"] {
            std::fs::write(&path, damage).unwrap();
            assert_eq!(through(&cache, b"brief", &calls), extracted("brief"));
        }
        assert_eq!(calls.get(), 4);
        // Mended: the last extraction was stored again.
        through(&cache, b"brief", &calls);
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn an_unwritable_cache_still_extracts() {
        let dir = tempfile::tempdir().unwrap();
        let blocked = dir.path().join("bestand");
        std::fs::write(&blocked, "geen map").unwrap();
        let cache = Cache::new(&blocked, "none");
        let calls = Cell::new(0);
        assert_eq!(through(&cache, b"x", &calls), extracted("x"));
        through(&cache, b"x", &calls);
        assert_eq!(calls.get(), 2);
    }

    #[test]
    fn pages_awaiting_ocr_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "tesseract 5.3.0 nld+eng 300 dpi");
        let without_engine = Extracted {
            awaiting_ocr: vec![1],
            ..extracted("")
        };
        let got = cache.get_or_extract(b"scan", |_| Ok::<_, ()>(without_engine.clone()));
        assert_eq!(got, Ok(without_engine));
        assert_eq!(cache.get(&content_key(b"scan")), None);
    }

    #[test]
    fn failures_are_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "none");
        let failed: Result<Extracted, &str> = cache.get_or_extract(b"kapot", |_| Err("kapot"));
        assert_eq!(failed, Err("kapot"));
        assert_eq!(cache.get(&content_key(b"kapot")), None);
    }

    #[test]
    fn parallel_writers_leave_one_whole_entry() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), "none");
        let big = "woord ".repeat(50_000);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    cache
                        .put(&content_key(b"zelfde"), &extracted(&big))
                        .unwrap()
                });
            }
        });
        assert_eq!(cache.get(&content_key(b"zelfde")), Some(extracted(&big)));
        let leftovers = std::fs::read_dir(cache.path(&content_key(b"zelfde")).parent().unwrap())
            .unwrap()
            .count();
        assert_eq!(leftovers, 1, "no temporary files left behind");
    }
}
