//! Packing an index folder into a bundle (see [`crate::bundle`]): cut each index file
//! into chunks of the size its kind of reads wants, record what opening the index reads
//! (the hot part), and write everything gzipped. What hits show of their documents goes
//! into fragment packs (see [`crate::fragments`]), and tantivy's store into the bundle
//! empty: the browser never reads it.

use std::collections::BTreeMap;
use std::io;
use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use tantivy::HasLen;

use crate::bundle::{
    chunk_name, hot_path, BundleDirectory, BundleFile, HotRange, Manifest, FORMAT_VERSION,
    MAX_CHUNKS, SMALL_BUNDLE, SMALL_FILE,
};
use crate::fragments::{
    parse_range_id, Fragment, FragmentPacks, Pack, FRAGMENT_GROUP, FRAGMENT_UNIT, LENGTHS_FILE,
};

/// How to cut an index into a bundle. Each kind of index file has its own chunk size,
/// since each is read differently: a query reads one block of a term dictionary (about
/// 4 KB), a term's postings and, for phrases, its positions (longer runs), and one
/// stored document per hit; every read costs its whole chunk.
#[derive(Debug, Clone, Copy)]
pub struct PackOptions {
    /// Stored documents (`.store`): one per hit, for its title and snippet.
    pub store: usize,
    /// Term dictionaries (`.term`).
    pub terms: usize,
    /// Postings (`.idx`).
    pub postings: usize,
    /// Positions (`.pos`): phrase queries only.
    pub positions: usize,
    /// Everything else (field norms, fast fields).
    pub other: usize,
    /// The fragment lengths ([`LENGTHS_FILE`]): a byte a document, read whole when it
    /// is a small file.
    pub lengths: usize,
    /// A fragment pack holds fragments up to this many bytes (gzipped), and one larger
    /// fragment is a pack of its own. A host that ignores HTTP Range sends a hit's whole
    /// pack, so they are kept small; but each is a file of the bundle.
    pub pack_bytes: usize,
    /// See [`MAX_CHUNKS`].
    pub max_chunks: usize,
    /// A term dictionary up to this size goes whole into the hot file.
    pub hot_dictionary: usize,
    /// See [`Manifest::small_bundle`].
    pub small_bundle: usize,
    /// See [`Manifest::small_file`].
    pub small_file: usize,
}

impl Default for PackOptions {
    fn default() -> Self {
        // Measured with `scripts/bench-search`: a dictionary block is about 4 KB; a
        // word is looked up in several fields, and each term's postings cost their whole
        // chunk (at 2,000 documents, 16 KB chunks made a cold one-word query fetch four
        // postings chunks, 42 KB); positions are read by phrases only. Field norms and
        // facet columns are read in long runs: at 10,000 documents 4 KB chunks of them
        // cost 77 KB in 28 fetches, the same bytes cut at 16 KB about 69 KB in 8. The store
        // goes into the bundle empty (hits read fragments), so its size matters little.
        PackOptions {
            store: 8 * 1024,
            terms: 4 * 1024,
            postings: 4 * 1024,
            positions: 32 * 1024,
            other: 16 * 1024,
            lengths: 4 * 1024,
            pack_bytes: 512 * 1024,
            max_chunks: MAX_CHUNKS,
            hot_dictionary: 8 * 1024,
            small_bundle: SMALL_BUNDLE,
            small_file: SMALL_FILE,
        }
    }
}

impl PackOptions {
    /// The same chunk size for every kind of file.
    pub fn uniform(chunk_size: usize) -> PackOptions {
        PackOptions {
            store: chunk_size,
            terms: chunk_size,
            postings: chunk_size,
            positions: chunk_size,
            other: chunk_size,
            lengths: chunk_size,
            ..PackOptions::default()
        }
    }

    /// The kind of an index file, by its extension: an index into [`PackOptions::sizes`].
    fn kind(file: &str) -> usize {
        match file.rsplit_once('.').map(|(_, ext)| ext) {
            Some("store") => 0,
            Some("term") => 1,
            Some("idx") => 2,
            Some("pos") => 3,
            Some("lengths") => 5,
            _ => 4,
        }
    }

    fn sizes(&self) -> [usize; KINDS] {
        [
            self.store,
            self.terms,
            self.postings,
            self.positions,
            self.other,
            self.lengths,
        ]
    }

    /// Chunk sizes for `files` (name and length): these options', except that while
    /// the bundle would have more than `max_chunks` chunks, the kind of file with the
    /// most chunks has its size doubled (on a large archive, the stored documents).
    fn chunk_sizes(
        &self,
        files: &BTreeMap<String, usize>,
        max_chunks: usize,
    ) -> BTreeMap<String, usize> {
        let mut sizes = self.sizes();
        let mut longest = [0usize; KINDS];
        for (name, len) in files {
            let kind = Self::kind(name);
            longest[kind] = longest[kind].max(*len);
        }
        loop {
            let mut counts = [0usize; KINDS];
            for (name, len) in files {
                let kind = Self::kind(name);
                counts[kind] += len.div_ceil(sizes[kind]);
            }
            if counts.iter().sum::<usize>() <= max_chunks {
                break;
            }
            // A kind whose files are each one chunk already cannot have fewer.
            let Some((largest, _)) = (counts.iter().enumerate())
                .filter(|(kind, _)| sizes[*kind] < longest[*kind])
                .max_by_key(|(_, count)| **count)
            else {
                break;
            };
            sizes[largest] *= 2;
        }
        files
            .keys()
            .map(|name| (name.clone(), sizes[Self::kind(name)]))
            .collect()
    }
}

/// The kinds of index file [`PackOptions::kind`] tells apart.
const KINDS: usize = 6;

fn hash(bytes: &[u8], chunk_size: usize) -> String {
    // A 64-bit FNV-1a over the chunk size and the bytes: enough to name the chunks of one
    // index uniquely without a hash crate.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in chunk_size.to_le_bytes().iter().chain(bytes) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// What packing wrote.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PackStats {
    /// Size of `hot.bin` (gzipped).
    pub hot_bytes: usize,
    /// Number of chunk files.
    pub chunks: usize,
    /// Bytes of all chunk files (gzipped).
    pub chunk_bytes: usize,
    /// Number of fragment pack files.
    pub packs: usize,
    /// Bytes of all fragment packs.
    pub pack_bytes: usize,
}

/// Every file of a bundle is gzipped: chunks of text, dictionaries and norms shrink to
/// a third or half, and many static hosts do not compress `.bin` files themselves. The
/// browser unpacks them with `DecompressionStream`; a host that sends them with
/// `Content-Encoding: gzip` has the browser unpack them already, and the gzip magic
/// bytes tell the two apart.
fn gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

/// Unpacks a bundle file read from disk (see [`gzip`]); bytes that are not gzipped are
/// returned as they are.
pub fn gunzip(bytes: Vec<u8>) -> io::Result<Vec<u8>> {
    use std::io::Read;
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
    Ok(out)
}

/// Reads and unpacks the hot file of a bundle folder.
pub fn read_hot(bundle: &Path) -> io::Result<Vec<u8>> {
    gunzip(std::fs::read(hot_path(bundle))?)
}

/// Packs the index in `index_dir` into a bundle in `out` (emptied first).
pub fn pack(index_dir: &Path, out: &Path) -> io::Result<PackStats> {
    pack_with(index_dir, out, PackOptions::default())
}

/// [`pack`] with other chunk and fetch sizes.
pub fn pack_with(index_dir: &Path, out: &Path, options: PackOptions) -> io::Result<PackStats> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for entry in std::fs::read_dir(index_dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // tantivy's lock files are no part of the index, and neither is `.managed.json`:
        // the writer's list of the files it made, for its garbage collector, which no
        // reader needs (tantivy opens an index without it) and which tantivy writes from
        // a `HashSet`, in an order that changes from run to run.
        if entry.file_type()?.is_file() && !name.ends_with(".lock") && name != ".managed.json" {
            files.insert(name, std::fs::read(entry.path())?);
        }
    }
    let PackedFragments {
        packs: fragments,
        files: pack_files,
        lengths,
    } = fragments(index_dir, options.pack_bytes)?;
    files.insert(LENGTHS_FILE.to_string(), lengths);
    for (name, bytes) in files.iter_mut() {
        if name.ends_with(".store") {
            *bytes = empty_store()?;
        }
    }
    let lengths: BTreeMap<String, usize> =
        files.iter().map(|(n, b)| (n.clone(), b.len())).collect();
    let sizes = options.chunk_sizes(
        &lengths,
        options.max_chunks.saturating_sub(pack_files.len()),
    );
    let mut manifest = Manifest {
        version: FORMAT_VERSION,
        small_bundle: options.small_bundle,
        small_file: options.small_file,
        files: BTreeMap::new(),
        hot: Vec::new(),
        fragments,
    };
    let mut chunks: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, bytes) in &files {
        let file = BundleFile {
            len: bytes.len(),
            chunk_size: sizes[name],
            hash: hash(bytes, sizes[name]),
        };
        for (i, piece) in bytes.chunks(file.chunk_size).enumerate() {
            chunks.insert(file.chunk_id(i), piece.to_vec());
        }
        manifest.files.insert(name.clone(), file);
    }

    // Open the index with every chunk present and record what opening reads: that is
    // the hot part.
    let directory = BundleDirectory::recording(manifest.clone());
    for (id, bytes) in &chunks {
        directory.add_chunk(id, bytes.clone());
    }
    let index =
        crate::search::SearchIndex::open_directory(directory.clone()).map_err(io::Error::other)?;
    // The block indexes of the term dictionaries belong to the hot part too: they are
    // small, and without them a query's first read of each field's dictionary would
    // cost a round of fetches of its own.
    let searcher = index.index().reader().map_err(io::Error::other)?.searcher();
    for segment in searcher.segment_readers() {
        for (field, entry) in searcher.schema().fields() {
            if entry.is_indexed() {
                segment.inverted_index(field).map_err(io::Error::other)?;
            }
        }
        // Whole dictionaries: those of the whole-value fields (type, organisation,
        // ground), since a filter reads all their values (`org:noord` matches by part),
        // and every small one (names of people, senders, recipients), since a word is
        // looked up in them too and a fetch would cost more than their bytes.
        let fields = crate::schema::schema().1;
        let whole = [fields.doc_type, fields.organisation, fields.ground];
        for (field, entry) in searcher.schema().fields() {
            if !entry.is_indexed() {
                continue;
            }
            let inverted = segment.inverted_index(field).map_err(io::Error::other)?;
            let size = inverted.terms().file_slice_for_range(.., None).len();
            if whole.contains(&field) || size <= options.hot_dictionary {
                let mut stream = inverted.terms().stream()?;
                while stream.advance() {}
            }
        }
    }
    let recorded = directory.take_recorded();
    let mut hot_bytes = Vec::new();
    for (file, range) in merge_ranges(recorded) {
        let data = &files[&file][range.clone()];
        manifest.hot.push(HotRange {
            file,
            start: range.start,
            len: range.len(),
            at: hot_bytes.len(),
        });
        hot_bytes.extend_from_slice(data);
    }

    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    let json = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
    let mut hot = Vec::with_capacity(4 + json.len() + hot_bytes.len());
    hot.extend_from_slice(&(json.len() as u32).to_le_bytes());
    hot.extend_from_slice(&json);
    hot.extend_from_slice(&hot_bytes);
    let hot = gzip(&hot)?;
    std::fs::write(out.join("hot.bin"), &hot)?;
    let mut chunk_bytes = 0;
    for (id, bytes) in &chunks {
        let packed = gzip(bytes)?;
        chunk_bytes += packed.len();
        std::fs::write(out.join(chunk_name(id)), packed)?;
    }
    let mut pack_bytes = 0;
    for (name, bytes) in &pack_files {
        pack_bytes += bytes.len();
        std::fs::write(out.join(name), bytes)?;
    }
    Ok(PackStats {
        hot_bytes: hot.len(),
        chunks: chunks.len(),
        chunk_bytes,
        packs: pack_files.len(),
        pack_bytes,
    })
}

/// The fragments of every document of the index in `index_dir`, in segment order, each
/// gzipped on its own (padded to whole units) and packed into files of about
/// `pack_bytes`: where they are (for the manifest), the pack files (name and bytes), and
/// the lengths file.
fn fragments(index_dir: &Path, pack_bytes: usize) -> io::Result<PackedFragments> {
    let index = tantivy::Index::open_in_dir(index_dir).map_err(io::Error::other)?;
    let searcher = index.reader().map_err(io::Error::other)?.searcher();
    let fields = crate::schema::schema().1;
    let mut where_ = FragmentPacks::default();
    let mut lengths: Vec<u8> = Vec::new();
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut current: Vec<u8> = Vec::new();
    let mut total: u64 = 0;
    let mut close = |current: &mut Vec<u8>, packs: &mut Vec<Pack>, total: u64| {
        if current.is_empty() {
            return;
        }
        let name = format!("f-{}.gz", hash(current, 0));
        packs.push(Pack {
            name: name.clone(),
            start: total - current.len() as u64,
        });
        files.push((name, std::mem::take(current)));
    };
    let mut doc_ord = 0usize;
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let stored: crate::stored::StoredText = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .map_err(io::Error::other)?;
            let json = serde_json::to_vec(&Fragment::of(&stored, &fields))?;
            let packed = padded_gzip(&json)?;
            if !current.is_empty() && current.len() + packed.len() > pack_bytes {
                close(&mut current, &mut where_.packs, total);
            }
            if doc_ord.is_multiple_of(FRAGMENT_GROUP) {
                where_.group_starts.push(total / FRAGMENT_UNIT);
            }
            let units = packed.len() as u64 / FRAGMENT_UNIT;
            match u8::try_from(units) {
                Ok(byte) => lengths.push(byte),
                Err(_) => {
                    lengths.push(0);
                    where_.long.push((doc_ord, units));
                }
            }
            total += packed.len() as u64;
            current.extend_from_slice(&packed);
            doc_ord += 1;
        }
    }
    close(&mut current, &mut where_.packs, total);
    Ok(PackedFragments {
        packs: where_,
        files,
        lengths,
    })
}

/// What [`fragments`] makes.
struct PackedFragments {
    /// Where the fragments are, for the manifest.
    packs: FragmentPacks,
    /// The pack files: name and bytes.
    files: Vec<(String, Vec<u8>)>,
    /// The bytes of [`LENGTHS_FILE`].
    lengths: Vec<u8>,
}

/// [`gzip`], with the header's extra field (RFC 1952: a subfield `OB` of zero bytes)
/// as long as it takes to make the whole a multiple of [`FRAGMENT_UNIT`] bytes.
fn padded_gzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    use std::io::Write;
    let unit = FRAGMENT_UNIT as usize;
    // The extra field adds its length (2 bytes) and a subfield header (4 bytes).
    let plain = gzip(bytes)?.len() + 6;
    let pad = (unit - plain % unit) % unit;
    let mut extra = vec![b'O', b'B', pad as u8, (pad >> 8) as u8];
    extra.resize(4 + pad, 0);
    let mut encoder = flate2::GzBuilder::new()
        .extra(extra)
        .write(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    let packed = encoder.finish()?;
    debug_assert_eq!(packed.len() % unit, 0);
    Ok(packed)
}

/// A tantivy store file without documents, in place of the index's: a bundle's hits are
/// read from its fragments, and tantivy reads only a store's footer and block index when
/// it opens a segment (the block index of the full store would weigh on the hot file).
fn empty_store() -> io::Result<Vec<u8>> {
    use tantivy::index::SegmentComponent;
    use tantivy::store::{Compressor, StoreWriter};
    use tantivy::Directory;
    // Written as a segment's file, so that it ends with tantivy's file footer.
    let index = tantivy::Index::create_in_ram(crate::schema::schema().0);
    let segment = index.new_segment();
    let writer = segment
        .open_write(SegmentComponent::Store)
        .map_err(io::Error::other)?;
    StoreWriter::new(writer, Compressor::None, 1024, false)?.close()?;
    // `atomic_read` gives the bytes as written, footer included (`open_read` checks
    // the footer and leaves it out).
    index
        .directory()
        .atomic_read(&segment.relative_path(SegmentComponent::Store))
        .map_err(io::Error::other)
}

/// Joins overlapping or touching ranges per file.
fn merge_ranges(mut ranges: Vec<(String, Range<usize>)>) -> Vec<(String, Range<usize>)> {
    ranges.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.start.cmp(&b.1.start)));
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    for (file, range) in ranges {
        match out.last_mut() {
            Some((f, r)) if *f == file && range.start <= r.end => r.end = r.end.max(range.end),
            _ => out.push((file, range)),
        }
    }
    out
}

/// Loads chunk files from a bundle folder on disk (the native runtime's "fetch");
/// returns the bytes read, as they would travel (gzipped).
pub fn load_from_disk(
    directory: &BundleDirectory,
    bundle: &Path,
    ids: &[String],
) -> io::Result<usize> {
    let mut bytes = 0;
    for id in ids {
        let data = match parse_range_id(id) {
            Some((pack, range)) => std::fs::read(bundle.join(pack))?
                .get(range)
                .ok_or_else(|| io::Error::other(format!("{id}: past the end of its pack")))?
                .to_vec(),
            None => std::fs::read(bundle.join(chunk_name(id)))?,
        };
        bytes += data.len();
        directory.add_chunk(id, gunzip(data)?);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_padded_fragment_is_whole_units_of_plain_gzip() {
        for text in [
            "",
            "kort",
            &"Een lange zin over toezicht en herstel. ".repeat(200),
        ] {
            let packed = padded_gzip(text.as_bytes()).unwrap();
            assert_eq!(packed.len() % FRAGMENT_UNIT as usize, 0, "{}", text.len());
            assert_eq!(gunzip(packed).unwrap(), text.as_bytes());
        }
    }
}
