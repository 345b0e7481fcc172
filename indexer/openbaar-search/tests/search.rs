//! The query language against a small index.

use openbaar_search::schema::SearchDoc;
use openbaar_search::search::SearchIndex;
use openbaar_search::writer::write_index;

fn docs() -> Vec<SearchDoc> {
    let doc = |id: &str,
               title: &str,
               body: &str,
               date: &str,
               doc_type: &str,
               orgs: &[&str],
               grounds: &[&str]| SearchDoc {
        id: id.into(),
        title: title.into(),
        body: body.into(),
        date: Some(date.into()),
        doc_type: doc_type.into(),
        organisations: orgs.iter().map(|s| s.to_string()).collect(),
        grounds: grounds.iter().map(|s| s.to_string()).collect(),
        from: if doc_type == "e-mail" {
            vec!["Diederik Hommes".into()]
        } else {
            Vec::new()
        },
        ..SearchDoc::default()
    };
    vec![
        doc("a", "Raadsbrief KMI", "Het Keurmerkinstituut heeft het certificaat teruggegeven aan de jeugdbeschermers. Het verscherpt toezicht blijft.", "2025-09-30", "raadsbrief", &["Jeugdbescherming Noord en Veilig Thuis Groningen", "Keurmerkinstituut"], &[]),
        doc("b", "Spoedoverleg", "Gisteravond sprak de stuurgroep met JBN over de gemeente en de communicatie. █ @jbn-vtg.nl", "2025-08-28", "e-mail", &["Jeugdbescherming Noord en Veilig Thuis Groningen"], &["5.1.2e"]),
        doc("c", "Inkoopregio", "De gemeenten in Drenthe richten een gemeenschappelijke regeling op voor de jeugdhulp.", "2025-03-18", "raadsbrief", &["Jeugdregio Drenthe"], &[]),
        doc("d", "Menen en meningen", "Wij menen dat het goed gaat.", "2024-05-01", "memo", &[], &["5.2.1"]),
    ]
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(query, 0, 10)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id)
        .collect();
    ids.sort();
    ids
}

fn index() -> (tempfile::TempDir, SearchIndex) {
    let dir = tempfile::tempdir().unwrap();
    write_index(&dir.path().join("idx"), &docs()).unwrap();
    let index = SearchIndex::open(&dir.path().join("idx")).unwrap();
    (dir, index)
}

#[test]
fn words_stems_and_phrases() {
    let (_dir, index) = index();
    assert_eq!(ids(&index, "certificaat"), vec!["a"]);
    // Stemmed: the plural finds the singular and back; gemeente is not menen.
    assert_eq!(ids(&index, "jeugdbeschermer"), vec!["a"]);
    assert_eq!(ids(&index, "gemeente"), vec!["b", "c"]);
    assert_eq!(ids(&index, "menen"), vec!["d"]);
    assert_eq!(ids(&index, "\"verscherpt toezicht\""), vec!["a"]);
    assert!(ids(&index, "\"toezicht verscherpt\"").is_empty());
}

#[test]
fn all_words_then_any_and_typos() {
    let (_dir, index) = index();
    assert_eq!(ids(&index, "gemeente stuurgroep"), vec!["b"]);
    let any = index.search("stuurgroep inkoopregio", 0, 10).unwrap();
    assert_eq!(any.relaxed, Some("any"));
    assert_eq!(any.total, 2);
    let typo = index.search("certifikaat", 0, 10).unwrap();
    assert_eq!((typo.relaxed, typo.total), (Some("typo"), 1));
}

#[test]
fn exclusion_or_filters_and_ranges() {
    let (_dir, index) = index();
    assert_eq!(ids(&index, "gemeente -stuurgroep"), vec!["c"]);
    assert_eq!(
        ids(&index, "certificaat OR gemeenschappelijke"),
        vec!["a", "c"]
    );
    assert_eq!(ids(&index, "type:raadsbrief"), vec!["a", "c"]);
    assert_eq!(ids(&index, "org:noord"), vec!["a", "b"]);
    assert_eq!(ids(&index, "org:\"jeugdregio drenthe\""), vec!["c"]);
    assert_eq!(ids(&index, "type:memo OR grond:5.1.2e"), vec!["b", "d"]);
    assert_eq!(ids(&index, "grond:5.1.2e"), vec!["b"]);
    assert_eq!(ids(&index, "van:hommes"), vec!["b"]);
    assert_eq!(ids(&index, "jaar:2024"), vec!["d"]);
    assert_eq!(ids(&index, "datum:2025-03-01..2025-08-31"), vec!["b", "c"]);
    assert!(ids(&index, "type:besluit").is_empty());
}

#[test]
fn facets_snippets_and_bad_queries() {
    let (_dir, index) = index();
    let results = index.search("gemeente", 0, 10).unwrap();
    assert_eq!(
        results.facets["type"],
        vec![("e-mail".to_string(), 1), ("raadsbrief".to_string(), 1)]
    );
    assert_eq!(results.facets["jaar"], vec![("2025".to_string(), 2)]);
    let hit = &results.hits[0];
    assert!(!hit.highlights.is_empty());
    let (s, e) = hit.highlights[0];
    assert!(hit.snippet[s..e].to_lowercase().starts_with("gemeente"));
    // The redaction marker and broken syntax never fail.
    for query in ["█", "\"", "-", "OR", "type:", "datum:morgen", "((( 5.1.2e"] {
        index.search(query, 0, 10).unwrap();
    }
}

#[test]
fn facets_count_every_match_once_per_value() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = docs();
    // A value listed twice in one document counts once.
    docs[2].organisations.push("Jeugdregio Drenthe".into());
    write_index(&dir.path().join("idx"), &docs).unwrap();
    let index = SearchIndex::open(&dir.path().join("idx")).unwrap();
    // Only an exclusion: every document matches, far more than one page of hits.
    let results = index.search("-zzzz", 0, 1).unwrap();
    assert_eq!(results.total, 4);
    assert_eq!(results.hits.len(), 1);
    let pairs = |list: &[(&str, usize)]| -> Vec<(String, usize)> {
        list.iter().map(|(v, n)| (v.to_string(), *n)).collect()
    };
    assert_eq!(
        results.facets["org"],
        pairs(&[
            ("Jeugdbescherming Noord en Veilig Thuis Groningen", 2),
            ("Jeugdregio Drenthe", 1),
            ("Keurmerkinstituut", 1),
        ])
    );
    assert_eq!(
        results.facets["grond"],
        pairs(&[("5.1.2e", 1), ("5.2.1", 1)])
    );
    assert_eq!(
        results.facets["type"],
        pairs(&[("raadsbrief", 2), ("e-mail", 1), ("memo", 1)])
    );
    assert_eq!(results.facets["jaar"], pairs(&[("2025", 3), ("2024", 1)]));
}

fn ordered(index: &SearchIndex, query: &str) -> Vec<String> {
    let results = index.search(query, 0, 10).unwrap();
    results.hits.into_iter().map(|h| h.id).collect()
}

#[test]
fn ground_codes_dates_and_names_typed_as_words() {
    let (_dir, index) = index();
    // A ground code finds the documents withheld on it, though no text names it.
    assert_eq!(ids(&index, "5.1.2e"), vec!["b"]);
    assert_eq!(ids(&index, "5.2.1"), vec!["d"]);
    // A date: the documents of that day, month or year.
    assert_eq!(ids(&index, "28 augustus 2025"), vec!["b"]);
    assert_eq!(ids(&index, "2025-08-28"), vec!["b"]);
    assert_eq!(ids(&index, "maart 2025"), vec!["c"]);
    assert_eq!(ids(&index, "gemeente 2025"), vec!["b", "c"]);
    assert_eq!(ids(&index, "2024"), vec!["d"]);
    // A sender's name as words.
    assert_eq!(ids(&index, "Diederik Hommes"), vec!["b"]);
}

#[test]
fn sorted_by_date_either_way_with_pages() {
    let (_dir, index) = index();
    assert_eq!(ordered(&index, "sorteer:nieuw"), vec!["a", "b", "c", "d"]);
    assert_eq!(ordered(&index, "sorteer:oud"), vec!["d", "c", "b", "a"]);
    assert_eq!(ordered(&index, "gemeente sorteer:oud"), vec!["c", "b"]);
    let second = index.search("sorteer:nieuw", 2, 2).unwrap();
    assert_eq!(second.total, 4);
    let ids: Vec<String> = second.hits.into_iter().map(|h| h.id).collect();
    assert_eq!(ids, vec!["c", "d"]);
}

#[test]
fn hits_name_the_words_they_matched() {
    let (_dir, index) = index();
    let results = index.search("gemeente -stuurgroep", 0, 10).unwrap();
    assert_eq!(results.hits[0].words, vec!["gemeenten"]);
    let results = index
        .search("\"verscherpt toezicht\" OR KMI", 0, 10)
        .unwrap();
    assert_eq!(results.hits[0].words, vec!["verscherpt toezicht"]);
}

#[test]
fn a_whole_value_filters_on_itself_a_part_on_all_that_contain_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut docs = docs();
    docs[3].organisations.push("Jeugdregio Drenthe Zuid".into());
    write_index(&dir.path().join("idx"), &docs).unwrap();
    let index = SearchIndex::open(&dir.path().join("idx")).unwrap();
    // The facet's count and its filter agree.
    let all = index.search("-zzzz", 0, 10).unwrap();
    let count = all.facets["org"]
        .iter()
        .find(|(v, _)| v == "Jeugdregio Drenthe")
        .map(|(_, n)| *n);
    assert_eq!(count, Some(1));
    assert_eq!(ids(&index, "org:\"Jeugdregio Drenthe\""), vec!["c"]);
    assert_eq!(ids(&index, "org:drenthe"), vec!["c", "d"]);
}
