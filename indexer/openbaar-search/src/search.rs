//! Runs a query: all words must match (BM25 ranking); if nothing matches, any word;
//! if little matches, words of five letters or more also match with one typo. Returns
//! the hits with snippets, the total, and facet counts of all matches. Hits come by
//! relevance, or by date when the query asks (`sorteer:nieuw`, `sorteer:oud`).

use std::ops::Bound;

use serde::Serialize;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::EnableScoring;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, Searcher, Segment, Term};

use crate::analyzer::{self, terms};
use crate::bundle::BundleDirectory;
use crate::by_date::{self, DatedDocs};
use crate::facets::{FacetCollector, FacetCounts};
use crate::fragments::Fragment;
use crate::matched::matched_words;
use crate::query::{parse, readings, Clause, Filter, Reading};
use crate::schema::{schema, Fields};
use crate::stored::StoredText;
use crate::warm::warm;

/// A search over one index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The segments, read once from the index's meta file for the warm-up.
    segments: Vec<Segment>,
    /// A bundle with fragment packs: hits are read from there, not from tantivy's store.
    bundle: Option<BundleDirectory>,
}

/// A hit, as a result list shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    /// Document id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `YYYY-MM-DD`, when known.
    pub date: Option<String>,
    /// Document type.
    pub doc_type: String,
    /// Organisations.
    pub organisations: Vec<String>,
    /// A piece of the text around the terms.
    pub snippet: String,
    /// Byte ranges of the terms in the snippet.
    pub highlights: Vec<(usize, usize)>,
    /// The words of the text the query matched, as written there (for marking them on
    /// the document's page).
    pub words: Vec<String>,
}

/// What a search returns.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Results {
    /// Number of matching documents.
    pub total: usize,
    /// The hits of the page asked for.
    pub hits: Vec<Hit>,
    /// How the query was relaxed to find something: `any` word, or `typo` tolerance.
    pub relaxed: Option<&'static str>,
    /// Counts per value, over all matches: `type`, `org`, `grond`, `jaar`.
    pub facets: FacetCounts,
    /// What plain words of the query were also read as (a ground, a date).
    pub readings: Vec<Reading>,
}

impl SearchIndex {
    /// Opens the index in the folder `dir`.
    #[cfg(feature = "native")]
    pub fn open(dir: &std::path::Path) -> tantivy::Result<SearchIndex> {
        Self::from_index(Index::open_in_dir(dir)?)
    }

    /// Opens the index in any tantivy directory; hits are read from tantivy's store.
    pub fn open_directory<D: tantivy::Directory>(directory: D) -> tantivy::Result<SearchIndex> {
        Self::from_index(Index::open(directory)?)
    }

    /// Opens a bundle (in the browser): hits are read from its fragment packs when it
    /// has them (see [`crate::fragments`]).
    pub fn open_bundle(directory: BundleDirectory) -> tantivy::Result<SearchIndex> {
        let mut index = Self::from_index(Index::open(directory.clone())?)?;
        index.bundle = Some(directory);
        Ok(index)
    }

    fn from_index(index: Index) -> tantivy::Result<SearchIndex> {
        analyzer::register(&index);
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        let (_, fields) = schema();
        let segments = index.searchable_segments()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            segments,
            bundle: None,
        })
    }

    /// Runs `query` and returns `per_page` hits from `offset`.
    pub fn search(&self, query: &str, offset: usize, per_page: usize) -> tantivy::Result<Results> {
        let searcher = self.reader.searcher();
        let clauses = parse(query);
        if clauses.is_empty() {
            return Ok(Results {
                total: 0,
                hits: Vec::new(),
                relaxed: None,
                facets: FacetCounts::new(),
                readings: Vec::new(),
            });
        }
        let strict = self.build(&searcher, &clauses, Mode::AllWords)?;
        warm(&self.segments, &searcher, &self.fields, &*strict, &[]);
        if let Some(bundle) = &self.bundle {
            bundle.warm_fragment_lengths();
        }
        let mut total = collect(&searcher, &*strict, &Count)?;
        let mut chosen = strict;
        let mut relaxed = None;
        let words = clauses
            .iter()
            .filter(|c| matches!(c, Clause::Word(_) | Clause::Phrase(_) | Clause::Any(_)))
            .count();
        if total == 0 && words > 1 {
            let any = self.build(&searcher, &clauses, Mode::AnyWord)?;
            total = collect(&searcher, &*any, &Count)?;
            chosen = any;
            relaxed = Some("any");
        }
        if total < 3 {
            let fuzzy = self.build(&searcher, &clauses, Mode::Typos)?;
            let typo_fields = [self.fields.body_exact];
            warm(
                &self.segments,
                &searcher,
                &self.fields,
                &*fuzzy,
                &typo_fields,
            );
            let fuzzy_total = collect(&searcher, &*fuzzy, &Count)?;
            if fuzzy_total > total {
                total = fuzzy_total;
                chosen = fuzzy;
                relaxed = Some("typo");
            }
        }
        let sort = clauses.iter().find_map(|c| match c {
            Clause::Sort(sort) => Some(*sort),
            _ => None,
        });
        let top: Vec<DocAddress> = match sort {
            None => {
                let top_docs = TopDocs::with_limit(per_page.max(1)).and_offset(offset);
                collect(&searcher, &*chosen, &top_docs.order_by_score())?
                    .into_iter()
                    .map(|(_, address)| address)
                    .collect()
            }
            Some(sort) => {
                let column = searcher.schema().get_field_name(self.fields.date);
                let dated = collect(
                    &searcher,
                    &*chosen,
                    &DatedDocs {
                        column: column.into(),
                    },
                )?;
                by_date::page(dated, sort, offset, per_page.max(1))
            }
        };
        let snippets = SnippetGenerator::create(&searcher, &*chosen, self.fields.body)?;
        // Every hit's fragment is read before any failure counts, so that a bundle learns
        // all the reads of the page at once.
        let fragments: Vec<tantivy::Result<Fragment>> = top
            .iter()
            .map(|address| self.fragment(&searcher, *address))
            .collect();
        let mut hits = Vec::new();
        for fragment in fragments {
            let fragment = fragment?;
            // As `SnippetGenerator::snippet_from_doc` cuts a one-valued field.
            let snippet = snippets.snippet(fragment.body.trim());
            hits.push(Hit {
                words: matched_words(&clauses, relaxed == Some("typo"), &fragment.body),
                id: fragment.id,
                title: fragment.title,
                date: fragment.date,
                doc_type: fragment.doc_type,
                organisations: fragment.organisations,
                snippet: snippet.fragment().to_string(),
                highlights: snippet
                    .highlighted()
                    .iter()
                    .map(|r| (r.start, r.end))
                    .collect(),
            });
        }
        let facets = collect(&searcher, &*chosen, &FacetCollector::new(&self.fields))?;
        Ok(Results {
            total,
            hits,
            relaxed,
            facets,
            readings: readings(&clauses),
        })
    }

    /// What the result list shows of the document at `address`: from the bundle's
    /// fragment packs when it has them, else from tantivy's store.
    fn fragment(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<Fragment> {
        if let Some(bundle) = &self.bundle {
            let readers = searcher.segment_readers();
            let before: usize = readers[..address.segment_ord as usize]
                .iter()
                .map(|r| r.max_doc() as usize)
                .sum();
            if let Some(fragment) = bundle.fragment(before + address.doc_id as usize)? {
                return Ok(fragment);
            }
        }
        let doc: StoredText = searcher.doc(address)?;
        Ok(Fragment::of(&doc, &self.fields))
    }

    /// Builds the query. Reading a filter's values from the index can fail (in the
    /// browser: a chunk not fetched yet), and that must not pass for "no such value".
    fn build(
        &self,
        searcher: &Searcher,
        clauses: &[Clause],
        mode: Mode,
    ) -> tantivy::Result<Box<dyn Query>> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let word_occur = if mode == Mode::AnyWord {
            Occur::Should
        } else {
            Occur::Must
        };
        for clause in clauses {
            match clause {
                Clause::Not(inner) => {
                    if let Some(q) = self.clause(searcher, inner, mode)? {
                        parts.push((Occur::MustNot, q));
                    }
                }
                Clause::Filter(..) | Clause::Dates(..) => {
                    let q = self
                        .clause(searcher, clause, mode)?
                        .unwrap_or_else(|| Box::new(BooleanQuery::new(Vec::new())));
                    parts.push((Occur::Must, q));
                }
                other => {
                    if let Some(q) = self.clause(searcher, other, mode)? {
                        parts.push((word_occur, q));
                    }
                }
            }
        }
        // Only exclusions: everything but them.
        if parts.iter().all(|(o, _)| *o == Occur::MustNot) {
            parts.push((Occur::Must, Box::new(tantivy::query::AllQuery)));
        }
        Ok(Box::new(BooleanQuery::new(parts)))
    }

    fn clause(
        &self,
        searcher: &Searcher,
        clause: &Clause,
        mode: Mode,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        let f = &self.fields;
        Ok(match clause {
            Clause::Word(word) => {
                let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (field, analyzer, boost) in [
                    (f.title, analyzer::dutch(), 2.0),
                    (f.body, analyzer::dutch(), 1.0),
                    (f.body_exact, analyzer::exact(), 1.5),
                    (f.people, analyzer::exact(), 1.0),
                    (f.from, analyzer::exact(), 1.0),
                    (f.to, analyzer::exact(), 1.0),
                ] {
                    let mut analyzer = analyzer;
                    for term in terms(&mut analyzer, word) {
                        let query: Box<dyn Query> = Box::new(TermQuery::new(
                            Term::from_field_text(field, &term),
                            IndexRecordOption::WithFreqs,
                        ));
                        any.push((Occur::Should, Box::new(BoostQuery::new(query, boost))));
                    }
                }
                if mode == Mode::Typos && word.chars().count() >= 5 {
                    for term in terms(&mut analyzer::exact(), word) {
                        let fuzzy = FuzzyTermQuery::new(
                            Term::from_field_text(f.body_exact, &term),
                            1,
                            true,
                        );
                        any.push((Occur::Should, Box::new(fuzzy)));
                    }
                }
                (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
            }
            Clause::Phrase(words) => {
                let stemmed: Vec<Term> = words
                    .iter()
                    .flat_map(|w| terms(&mut analyzer::dutch(), w))
                    .map(|t| Term::from_field_text(f.body, &t))
                    .collect();
                match stemmed.len() {
                    0 => None,
                    1 => Some(Box::new(TermQuery::new(
                        stemmed[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))),
                    _ => Some(Box::new(PhraseQuery::new(stemmed))),
                }
            }
            Clause::Any(options) => {
                let mut any: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for option in options {
                    if let Some(q) = self.clause(searcher, option, mode)? {
                        any.push((Occur::Should, q));
                    }
                }
                (!any.is_empty()).then(|| Box::new(BooleanQuery::new(any)) as Box<dyn Query>)
            }
            Clause::Not(inner) => self.clause(searcher, inner, mode)?,
            Clause::Sort(_) => None,
            Clause::Filter(filter, value) => self.filter(searcher, *filter, value)?,
            Clause::Dates(low, high) => Some(Box::new(RangeQuery::new(
                Bound::Included(Term::from_field_u64(f.date, *low)),
                Bound::Included(Term::from_field_u64(f.date, *high)),
            ))),
        })
    }

    fn filter(
        &self,
        searcher: &Searcher,
        filter: Filter,
        value: &str,
    ) -> tantivy::Result<Option<Box<dyn Query>>> {
        let f = &self.fields;
        let words = |field: Field| {
            let terms: Vec<Term> = terms(&mut analyzer::exact(), value)
                .into_iter()
                .map(|t| Term::from_field_text(field, &t))
                .collect();
            match terms.len() {
                0 => None,
                1 => Some(
                    Box::new(TermQuery::new(terms[0].clone(), IndexRecordOption::Basic))
                        as Box<dyn Query>,
                ),
                _ => Some(Box::new(PhraseQuery::new(terms)) as Box<dyn Query>),
            }
        };
        Ok(match filter {
            Filter::From => words(f.from),
            Filter::To => words(f.to),
            Filter::Person => words(f.people),
            Filter::Year => value.parse::<u64>().ok().map(|y| {
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.year, y),
                    IndexRecordOption::Basic,
                )) as Box<dyn Query>
            }),
            Filter::Type => Some(self.whole_values(searcher, f.doc_type, value)?),
            Filter::Ground => Some(self.whole_values(
                searcher,
                f.ground,
                &value.replace([' ', '.'], "").to_lowercase(),
            )?),
            Filter::Organisation => Some(self.whole_values(searcher, f.organisation, value)?),
        })
    }

    /// Values of a whole-value field that contain `value` (case and dots aside), so that
    /// `org:jb noord` finds `Jeugdbescherming Noord en Veilig Thuis Groningen` by its
    /// words and `grond:512e` finds `5.1.2e`. A value named whole (a clicked facet) means
    /// that value alone: `org:"Gemeente Groningen"` is not also `Gemeente Groningen-Noord`,
    /// so the count beside a facet value is the count its filter gives.
    fn whole_values(
        &self,
        searcher: &Searcher,
        field: Field,
        value: &str,
    ) -> tantivy::Result<Box<dyn Query>> {
        let wanted = squeeze(value);
        let mut matching: Vec<String> = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let text = String::from_utf8_lossy(stream.key()).into_owned();
                if squeeze(&text).contains(&wanted) && !matching.contains(&text) {
                    matching.push(text);
                }
            }
        }
        if matching.iter().any(|m| squeeze(m) == wanted) {
            matching.retain(|m| squeeze(m) == wanted);
        }
        let any: Vec<(Occur, Box<dyn Query>)> = matching
            .iter()
            .map(|v| {
                let q: Box<dyn Query> = Box::new(TermQuery::new(
                    Term::from_field_text(field, v),
                    IndexRecordOption::Basic,
                ));
                (Occur::Should, q)
            })
            .collect();
        // A filter that matches no value matches no document.
        Ok(Box::new(BooleanQuery::new(if any.is_empty() {
            vec![(
                Occur::Must,
                Box::new(BooleanQuery::new(Vec::new())) as Box<dyn Query>,
            )]
        } else {
            any
        })))
    }

    /// The index, for callers that need more (tests, the bundle writer).
    pub fn index(&self) -> &Index {
        &self.index
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    AllWords,
    AnyWord,
    Typos,
}

/// Runs `collector` over every segment, one after the other. This is what
/// `Searcher::search` does on one thread, without its executor: the executor's thread-pool
/// branch would link rayon and crossbeam into the browser's runtime, which has no threads.
fn collect<C: Collector>(
    searcher: &Searcher,
    query: &dyn Query,
    collector: &C,
) -> tantivy::Result<C::Fruit> {
    let scoring = if collector.requires_scoring() {
        EnableScoring::enabled_from_searcher(searcher)
    } else {
        EnableScoring::disabled_from_searcher(searcher)
    };
    let weight = query.weight(scoring)?;
    // Every segment runs before a failure counts (see `SearchIndex::warm`).
    let fruits: Vec<tantivy::Result<_>> = (searcher.segment_readers().iter().enumerate())
        .map(|(ord, segment)| collector.collect_segment(weight.as_ref(), ord as u32, segment))
        .collect();
    collector.merge_fruits(fruits.into_iter().collect::<tantivy::Result<_>>()?)
}

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}
