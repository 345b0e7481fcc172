//! The warm-up before a search (after Quickwit's): read, ignoring failures, what a query
//! will read, so that a bundle in the browser learns all the chunks it is missing in as
//! few rounds of fetches as possible.

use tantivy::collector::Collector;
use tantivy::directory::CompositeFile;
use tantivy::index::SegmentComponent;
use tantivy::query::Query;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Searcher, Segment, Term};

use crate::facets::FacetCollector;
use crate::schema::Fields;

/// Reads, ignoring failures, what running `query` will read: the dictionary entries,
/// postings and positions of its terms, the field norms that score them and the
/// facet columns. On an index whose parts are fetched as needed (a bundle in the
/// browser), a failed read records its missing chunk, and the search stops at its
/// first failure; reading everything first lets one round of fetches bring all the
/// chunks a round can know about (after Quickwit's warm-up before search).
/// `scanned` fields have their whole dictionary read: typo tolerance walks it.
pub(crate) fn warm(
    segments: &[Segment],
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    scanned: &[Field],
) {
    let mut terms: Vec<(&Term, bool)> = Vec::new();
    query.query_terms(&mut |term, positions| terms.push((term, positions)));
    let facets = FacetCollector::new(fields);
    for (ord, reader) in searcher.segment_readers().iter().enumerate() {
        let _ = facets.for_segment(ord as u32, reader);
        for field in scanned {
            if let Ok(inverted) = reader.inverted_index(*field) {
                let _ = inverted.terms().file_slice_for_range(.., None).read_bytes();
            }
        }
        // Positions are read here directly: tantivy reads them after the postings,
        // so a missing postings chunk would hide them until the next round.
        let positions = segments
            .iter()
            .find(|segment| segment.id() == reader.segment_id())
            .and_then(|segment| segment.open_read(SegmentComponent::Positions).ok())
            .and_then(|file| CompositeFile::open(&file).ok());
        for (term, with_positions) in &terms {
            let field = term.field();
            let Ok(inverted) = reader.inverted_index(field) else {
                continue;
            };
            let Ok(Some(info)) = inverted.get_term_info(term) else {
                continue;
            };
            // As tantivy's term scorer: a field's norms (a byte per document) only for a
            // term the field has.
            let _ = reader.get_fieldnorms_reader(field);
            let _ = inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs);
            if *with_positions {
                if let Some(file) = positions.as_ref().and_then(|p| p.open_read(field)) {
                    let _ = file.read_bytes_slice(info.positions_range.clone());
                }
            }
        }
    }
}
