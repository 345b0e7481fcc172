//! Facet counts over all matches, read from fast fields (columns), never from stored
//! documents: counting a query that matches most of a large archive must not fetch its
//! whole document store, only the small columns of the four facets.

use std::collections::BTreeMap;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::Fields;

/// Counts per value, by facet name (`type`, `org`, `grond`, `jaar`), most frequent first
/// (ties by value).
pub type FacetCounts = BTreeMap<&'static str, Vec<(String, usize)>>;

/// Collects [`FacetCounts`] for every matching document.
pub struct FacetCollector {
    text: [(&'static str, Field); 3],
    year: (&'static str, Field),
}

impl FacetCollector {
    /// The facets a search shows, by the names the query language and the page use.
    pub fn new(fields: &Fields) -> FacetCollector {
        FacetCollector {
            text: [
                ("type", fields.doc_type),
                ("org", fields.organisation),
                ("grond", fields.ground),
            ],
            year: ("jaar", fields.year),
        }
    }
}

/// One segment's counts: term ordinals of each text facet, and years.
pub struct SegmentFacets {
    text: Vec<(&'static str, Option<StrColumn>, Vec<usize>)>,
    year: Option<Column<u64>>,
    years: BTreeMap<u64, usize>,
    /// The current document's ordinals, so a value listed twice counts once.
    scratch: Vec<u64>,
}

impl Collector for FacetCollector {
    type Fruit = FacetCounts;
    type Child = SegmentFacets;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<SegmentFacets> {
        let fast = segment.fast_fields();
        let schema = segment.schema();
        let mut text = Vec::new();
        for (name, field) in self.text {
            let column = fast.str(schema.get_field_name(field))?;
            let terms = column.as_ref().map_or(0, |c| c.num_terms());
            text.push((name, column, vec![0; terms]));
        }
        Ok(SegmentFacets {
            text,
            // No column when no document has a year. A read that failed in the browser is
            // still seen: the bundle records the miss and the search runs again.
            year: fast.u64(schema.get_field_name(self.year.1)).ok(),
            years: BTreeMap::new(),
            scratch: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    /// Turns term ordinals into values here, where reading the dictionaries may fail
    /// (in the browser: a chunk not fetched yet) and can say so.
    fn merge_fruits(&self, segments: Vec<SegmentFacets>) -> tantivy::Result<FacetCounts> {
        let mut counts: BTreeMap<&'static str, BTreeMap<String, usize>> = BTreeMap::new();
        let mut value = String::new();
        for segment in segments {
            for (name, column, ords) in segment.text {
                let Some(column) = column else { continue };
                for (ord, &count) in ords.iter().enumerate().filter(|(_, &n)| n > 0) {
                    value.clear();
                    if column.ord_to_str(ord as u64, &mut value)? {
                        *counts
                            .entry(name)
                            .or_default()
                            .entry(value.clone())
                            .or_default() += count;
                    }
                }
            }
            for (year, count) in segment.years {
                *counts
                    .entry(self.year.0)
                    .or_default()
                    .entry(year.to_string())
                    .or_default() += count;
            }
        }
        Ok(counts
            .into_iter()
            .map(|(name, values)| {
                let mut values: Vec<(String, usize)> = values.into_iter().collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (name, values)
            })
            .collect())
    }
}

impl SegmentCollector for SegmentFacets {
    type Fruit = SegmentFacets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let scratch = &mut self.scratch;
        for (_, column, ords) in &mut self.text {
            if let Some(column) = column {
                distinct(scratch, column.term_ords(doc));
                for &ord in scratch.iter() {
                    ords[ord as usize] += 1;
                }
            }
        }
        if let Some(year) = &self.year {
            distinct(scratch, year.values_for_doc(doc));
            for &value in scratch.iter() {
                *self.years.entry(value).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> SegmentFacets {
        self
    }
}

fn distinct(into: &mut Vec<u64>, values: impl Iterator<Item = u64>) {
    into.clear();
    into.extend(values);
    into.sort_unstable();
    into.dedup();
}
