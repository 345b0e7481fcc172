//! What a hit shows of its document (id, title, date, type, organisations, and the text
//! its snippet and marked words come from), kept in the bundle apart from tantivy's
//! store: each document's fragment is gzipped on its own and the fragments are packed
//! one after the other into a few files, so that ten hits cost ten small HTTP Range
//! reads (about 3 KB each) rather than ten chunks of stored documents (16 KB each
//! before gzip, at 10,000 documents). A host that ignores Range sends the whole pack
//! file, which still works, at the cost of its bytes; packs are kept small for that.
//!
//! Where each fragment is comes from one byte per document, its length in units of
//! [`FRAGMENT_UNIT`] bytes (the gzip header's extra field pads each fragment to a whole
//! number of units), in the bundle file [`LENGTHS_FILE`]: a fragment starts where the
//! lengths before it end, counted from the start of its group of [`FRAGMENT_GROUP`]
//! documents (kept in the manifest). That byte a document is small enough (10 KB for
//! 10,000 documents) to come whole with a query's first fetches, so a hit's fragment
//! is one round after the postings, as a stored document was.

use serde::{Deserialize, Serialize};

use crate::schema::Fields;
use crate::stored::StoredText;

/// The bundle file of fragment lengths (see the module documentation).
pub const LENGTHS_FILE: &str = "fragments.lengths";

/// Fragments are padded to a multiple of this many bytes.
pub const FRAGMENT_UNIT: u64 = 64;

/// Documents per group: the manifest has where each group's fragments start.
pub const FRAGMENT_GROUP: usize = 1024;

/// Where the fragments are, for the manifest.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct FragmentPacks {
    /// The pack files, in order.
    pub packs: Vec<Pack>,
    /// Where the fragments of each group of [`FRAGMENT_GROUP`] documents start, in units.
    pub group_starts: Vec<u64>,
    /// The lengths (in units) of the documents whose length byte is 0 (255 units or
    /// more), by document, in order.
    pub long: Vec<(usize, u64)>,
}

impl FragmentPacks {
    /// The length of document `doc` in units, from its byte in [`LENGTHS_FILE`].
    pub fn units(&self, doc: usize, byte: u8) -> u64 {
        if byte > 0 {
            return u64::from(byte);
        }
        self.long
            .binary_search_by_key(&doc, |(d, _)| *d)
            .map_or(0, |i| self.long[i].1)
    }

    /// The id of document `doc`'s fragment, from the length bytes of its group up to and
    /// including its own (`lengths[0]` is the group's first document).
    pub fn fragment_id(&self, doc: usize, lengths: &[u8]) -> Option<String> {
        let group = doc / FRAGMENT_GROUP;
        let first = group * FRAGMENT_GROUP;
        let (own, before) = lengths.split_last()?;
        let units_before: u64 = (before.iter().enumerate())
            .map(|(i, b)| self.units(first + i, *b))
            .sum();
        let start = (self.group_starts.get(group)? + units_before) * FRAGMENT_UNIT;
        let end = start + self.units(doc, *own) * FRAGMENT_UNIT;
        let pack = &self.packs[self
            .packs
            .partition_point(|p| p.start <= start)
            .checked_sub(1)?];
        Some(range_id(&pack.name, start - pack.start, end - pack.start))
    }
}

/// What a result list shows of a document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fragment {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Document type.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub organisations: Vec<String>,
    /// The text snippets are cut from.
    pub body: String,
}

impl Fragment {
    /// The fragment of a stored tantivy document.
    pub fn of(doc: &StoredText, fields: &Fields) -> Fragment {
        let first = |field| doc.first(field).map(str::to_string);
        Fragment {
            id: first(fields.id).unwrap_or_default(),
            title: first(fields.title).unwrap_or_default(),
            date: first(fields.date_text),
            doc_type: first(fields.doc_type).unwrap_or_default(),
            organisations: doc.all(fields.organisation).map(str::to_string).collect(),
            // As tantivy's `snippet_from_doc` joins a field's values.
            body: doc.joined(fields.body),
        }
    }
}

/// A pack file of fragments, and where it begins in the run of all fragments.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Pack {
    /// The file name (named by the hash of its bytes).
    pub name: String,
    /// Offset of its first byte among all fragments.
    pub start: u64,
}

/// The id of the bytes `range` (relative to the pack) of `pack`, as the runtime asks for
/// them: `{name}@{start}-{end}`. The fetcher reads them with an HTTP Range request.
pub fn range_id(pack: &str, start: u64, end: u64) -> String {
    format!("{pack}@{start}-{end}")
}

/// Splits an id of [`range_id`] into the pack's name and the byte range; `None` for a
/// chunk id.
pub fn parse_range_id(id: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let (name, range) = id.split_once('@')?;
    let (start, end) = range.split_once('-')?;
    Some((name, start.parse().ok()?..end.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_ids_round_trip() {
        let id = range_id("f-00ab.bin", 12, 4096);
        assert_eq!(parse_range_id(&id), Some(("f-00ab.bin", 12..4096)));
        assert_eq!(parse_range_id("00ab0001"), None);
    }

    #[test]
    fn a_fragment_starts_where_its_group_and_the_lengths_before_it_say() {
        let packs = FragmentPacks {
            packs: vec![
                Pack {
                    name: "f-a.gz".into(),
                    start: 0,
                },
                Pack {
                    name: "f-b.gz".into(),
                    start: 640,
                },
            ],
            group_starts: vec![0, 100],
            long: vec![(FRAGMENT_GROUP + 1, 300)],
        };
        // The second document of the first group: after one fragment of 2 units.
        assert_eq!(
            packs.fragment_id(1, &[2, 3]).as_deref(),
            Some("f-a.gz@128-320")
        );
        // In the second group, after a long fragment (byte 0, 300 units in the manifest).
        let doc = FRAGMENT_GROUP + 2;
        assert_eq!(
            packs.fragment_id(doc, &[1, 0, 4]).as_deref(),
            Some("f-b.gz@25024-25280")
        );
    }
}
