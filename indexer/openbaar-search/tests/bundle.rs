//! A bundle answers like the index it was packed from, fetching chunks as it goes.

use openbaar_search::pack::{load_from_disk, pack_with, read_hot, PackOptions};
use openbaar_search::runtime::{Attempt, BundleSearch};
use openbaar_search::schema::SearchDoc;
use openbaar_search::search::SearchIndex;
use openbaar_search::writer::write_index;

fn corpus() -> Vec<SearchDoc> {
    (0..300)
        .map(|i| SearchDoc {
            id: format!("doc{i}"),
            title: format!("Document {i} over jeugdzorg"),
            body: format!(
                "De gemeente bespreekt dossier {i} met het Keurmerkinstituut. {} Jeugdbeschermers melden knelpunten.",
                "Een lange zin vol woorden over toezicht en herstel. ".repeat(30)
            ),
            date: Some(format!("2025-{:02}-{:02}", i % 12 + 1, i % 28 + 1)),
            doc_type: if i % 3 == 0 { "e-mail".into() } else { "raadsbrief".into() },
            organisations: vec!["Jeugdbescherming Noord".into()],
            grounds: if i % 5 == 0 { vec!["5.1.2e".into()] } else { Vec::new() },
            ..SearchDoc::default()
        })
        .collect()
}

/// A small bundle comes whole in one step, and the hits' fragments in a second.
#[test]
fn a_small_bundle_loads_in_two_steps() {
    searches_like_its_index(PackOptions::default(), 2);
}

/// Cut small, as a large archive would be: it never fetches the whole bundle, and the
/// warm-up before search keeps a cold query to three rounds of fetches after the hot file
/// (dictionary blocks, facet columns and fragment lengths; norms, postings and positions;
/// the hits' fragments).
#[test]
fn a_large_bundle_fetches_only_what_a_query_needs() {
    let options = PackOptions {
        small_bundle: 0,
        small_file: 64 * 1024,
        pack_bytes: 16 * 1024,
        ..PackOptions::uniform(16 * 1024)
    };
    searches_like_its_index(options, 3);
}

fn searches_like_its_index(options: PackOptions, max_steps: usize) {
    let dir = tempfile::tempdir().unwrap();
    let index_dir = dir.path().join("index");
    let bundle = dir.path().join("bundle");
    write_index(&index_dir, &corpus()).unwrap();
    let stats = pack_with(&index_dir, &bundle, options).unwrap();
    assert!(stats.chunks >= 2, "{stats:?}");
    assert!(stats.packs >= 1, "{stats:?}");
    // A gzipped chunk is at most its chunk size and gzip's few bytes of framing; a pack
    // of fragments at most its size (no fragment here is larger).
    let largest = [
        options.store,
        options.terms,
        options.postings,
        options.positions,
        options.other,
        options.lengths,
        options.pack_bytes,
    ];
    let largest = largest.into_iter().max().unwrap() + 64;
    assert!(std::fs::read_dir(&bundle).unwrap().all(|e| {
        let len = e.unwrap().metadata().unwrap().len() as usize;
        len <= largest.max(stats.hot_bytes)
    }));

    let native = SearchIndex::open(&index_dir).unwrap();
    for query in [
        "jeugdbeschermer",
        "\"dossier 42\"",
        "type:e-mail grond:5.1.2e",
        "knelpunten -keurmerkinstituut",
    ] {
        let expected = native.search(query, 0, 10).unwrap();
        let mut search = BundleSearch::new(&read_hot(&bundle).unwrap()).unwrap();
        let mut steps = 0;
        let mut fetched = 0;
        let results = loop {
            match search.attempt(query, 0, 10).unwrap() {
                Attempt::Done(results) => break results,
                Attempt::Need(chunks) => {
                    steps += 1;
                    assert!(
                        steps <= max_steps,
                        "{query}: more than {max_steps} fetch steps"
                    );
                    fetched += load_from_disk(search.directory(), &bundle, &chunks).unwrap();
                }
            }
        };
        assert_eq!(results, expected, "{query}");
        if options.small_bundle == 0 {
            assert!(
                fetched < stats.chunk_bytes,
                "{query} fetched the whole bundle"
            );
        }
    }
}
