//! What a search costs over the bundle of a large archive: bytes fetched, chunk fetches
//! and sequential steps per cold query, through the same search loop as the browser.
//!
//! The archive is synthetic (deterministic): documents of Dutch-like words whose
//! frequencies follow Zipf's law, as in real text, with the metadata of real releases.
//!
//!     cargo run --release -p openbaar-search --example large_bundle [DOCS]

use std::path::Path;
use std::time::Instant;

use openbaar_search::bundle::{chunk_name, hot_path};
use openbaar_search::fragments::parse_range_id;
use openbaar_search::pack::{gunzip, load_from_disk, pack};
use openbaar_search::runtime::{Attempt, BundleSearch};
use openbaar_search::schema::SearchDoc;
use openbaar_search::writer::write_index;

/// Distinct words in the archive's vocabulary.
const VOCABULARY: usize = 200_000;
/// Words per document body.
const WORDS_PER_DOC: usize = 1_500;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs: usize = match std::env::args().nth(1) {
        Some(n) => n.parse()?,
        None => 10_000,
    };
    let scratch = tempfile::tempdir()?;
    let (index_dir, bundle) = (scratch.path().join("index"), scratch.path().join("bundle"));

    let started = Instant::now();
    let corpus = Corpus::new();
    let documents: Vec<SearchDoc> = (0..docs).map(|i| corpus.document(i)).collect();
    write_index(&index_dir, &documents)?;
    let stats = pack(&index_dir, &bundle)?;
    println!(
        "archive: {docs} documents of {WORDS_PER_DOC} words ({VOCABULARY} distinct), indexed and packed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let segments = std::fs::read_dir(&index_dir)?
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "term"))
        })
        .count();
    println!(
        "bundle: {segments} segment(s), {} chunks, {}, {} fragment packs, {}, hot file {}",
        stats.chunks,
        mb(stats.chunk_bytes),
        stats.packs,
        mb(stats.pack_bytes),
        mb(stats.hot_bytes)
    );

    let frequent = corpus.word(3);
    let common = corpus.word(400);
    let rare = corpus.word(60_000);
    let queries = [
        ("frequent word", frequent.clone()),
        ("common word", common.clone()),
        ("rare word", rare.clone()),
        ("two words", format!("{common} {rare}")),
        (
            "phrase",
            format!("\"{} {}\"", corpus.word(10), corpus.word(11)),
        ),
        ("filter and word", format!("type:e-mail {common}")),
        ("typo", typo(&corpus.word(2_000))),
    ];
    println!("\ncold queries (the hot file is fetched first, as in the browser):");
    println!(
        "{:<16} {:>6} {:>8} {:>10}  query",
        "", "steps", "fetches", "fetched"
    );
    for (label, query) in queries {
        let cost = cold_query(&bundle, &query)?;
        let kinds: Vec<String> = cost
            .by_kind
            .iter()
            .map(|(kind, bytes)| format!("{kind} {}", mb(*bytes)))
            .collect();
        println!(
            "{label:<16} {:>6} {:>8} {:>10}  {query}",
            cost.steps,
            cost.fetches,
            mb(cost.bytes),
        );
        println!(
            "{:<16} rounds: hot | {}; bytes: {}",
            "",
            cost.rounds.join(" | "),
            kinds.join(", ")
        );
    }
    Ok(())
}

struct Cost {
    steps: usize,
    fetches: usize,
    bytes: usize,
    /// Bytes fetched per kind of index file (`.term`, `.idx`, `.store`, …).
    by_kind: std::collections::BTreeMap<String, usize>,
    /// The kinds of file each round of fetches after the hot file read from.
    rounds: Vec<String>,
}

/// Runs `query` on a fresh runtime; the hot file counts as the first step.
fn cold_query(bundle: &Path, query: &str) -> Result<Cost, Box<dyn std::error::Error>> {
    let hot = std::fs::read(hot_path(bundle))?;
    let mut cost = Cost {
        steps: 1,
        fetches: 1,
        bytes: hot.len(),
        by_kind: Default::default(),
        rounds: Vec::new(),
    };
    let mut search = BundleSearch::new(&gunzip(hot)?)?;
    let manifest = search.directory().manifest();
    let kind_of = |chunk: &str| {
        if parse_range_id(chunk).is_some() {
            return "fragment".to_string();
        }
        let file = manifest.file_of(chunk).unwrap_or("?");
        file.rsplit_once('.')
            .map_or("?", |(_, ext)| ext)
            .to_string()
    };
    // Bytes as they travel: the gzipped chunk files.
    let size = |chunk: &str| match parse_range_id(chunk) {
        Some((_, range)) => range.len(),
        None => std::fs::metadata(bundle.join(chunk_name(chunk))).map_or(0, |m| m.len() as usize),
    };
    loop {
        match search.attempt(query, 0, 10)? {
            Attempt::Done(_) => return Ok(cost),
            Attempt::Need(chunks) => {
                cost.steps += 1;
                let mut kinds: Vec<String> = chunks.iter().map(|c| kind_of(c)).collect();
                kinds.sort();
                kinds.dedup();
                cost.rounds.push(kinds.join("+"));
                cost.fetches += chunks.len();
                for chunk in &chunks {
                    *cost.by_kind.entry(kind_of(chunk)).or_default() += size(chunk);
                }
                cost.bytes += load_from_disk(search.directory(), bundle, &chunks)?;
            }
        }
    }
}

/// Words and their Zipf weights, from a fixed seed.
struct Corpus {
    words: Vec<String>,
    /// Cumulative Zipf weights, to draw a word rank.
    cumulative: Vec<f64>,
}

impl Corpus {
    fn new() -> Corpus {
        const SYLLABLES: [&str; 24] = [
            "ge", "meen", "te", "jeugd", "be", "scher", "ming", "raad", "brief", "toe", "zicht",
            "over", "leg", "wet", "hou", "der", "zorg", "ver", "an", "twoor", "ding", "kos", "ten",
            "plan",
        ];
        let mut random = Random(7);
        let mut words = Vec::with_capacity(VOCABULARY);
        let mut seen = std::collections::HashSet::new();
        while words.len() < VOCABULARY {
            let parts = 2 + random.below(3);
            let word: String = (0..parts)
                .map(|_| SYLLABLES[random.below(SYLLABLES.len())])
                .collect::<String>()
                + &random.below(100).to_string().repeat(usize::from(parts > 3));
            if seen.insert(word.clone()) {
                words.push(word);
            }
        }
        let mut total = 0.0;
        let cumulative = (1..=VOCABULARY)
            .map(|rank| {
                total += 1.0 / rank as f64;
                total
            })
            .collect();
        Corpus { words, cumulative }
    }

    fn word(&self, rank: usize) -> String {
        self.words[rank].clone()
    }

    fn document(&self, i: usize) -> SearchDoc {
        let mut random = Random(i as u64 * 2_654_435_761 + 1);
        let total = *self.cumulative.last().expect("words");
        let body: Vec<&str> = (0..WORDS_PER_DOC)
            .map(|_| {
                let target = random.unit() * total;
                let rank = self.cumulative.partition_point(|&c| c < target);
                self.words[rank.min(VOCABULARY - 1)].as_str()
            })
            .collect();
        SearchDoc {
            id: format!("doc-{i:06}"),
            title: format!("{} {}", body[0], body[1]),
            body: body.join(" "),
            date: Some(format!(
                "{}-{:02}-{:02}",
                2015 + i % 10,
                i % 12 + 1,
                i % 28 + 1
            )),
            doc_type: ["e-mail", "raadsbrief", "besluit", "rapport"][i % 4].into(),
            from: vec![format!("Afzender {}", i % 300)],
            to: vec![format!("Ontvanger {}", i % 200)],
            people: vec![format!("Persoon {}", i % 500)],
            organisations: vec![format!("Organisatie {}", i % 120)],
            grounds: if i.is_multiple_of(3) {
                vec!["5.1.2e".into()]
            } else {
                Vec::new()
            },
        }
    }
}

/// A small deterministic generator (SplitMix64): the archive is the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The word with its second letter doubled: one edit away.
fn typo(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    chars.insert(1, chars[1]);
    chars.into_iter().collect()
}

fn mb(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}
