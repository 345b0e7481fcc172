//! The records are a contract: journalists script against the JSON of
//! `openbaar extract --json`. These tests compare it with stored copies, so that a change
//! of the JSON is always a decision, never an accident:
//!
//! - the sample archive's records, whole (`tests/data/sample-records.jsonl`);
//! - the real releases of `../shared/realworld` (not in the repository, and not to be
//!   copied into it), as one SHA-256 per record (`tests/data/realworld-records.sha256`).
//!
//! After an intended change, write the new copies with `OPENBAAR_BLESS=1 cargo test
//! --test records_unchanged` and commit them with the change that explains them.

mod common;

use std::path::{Path, PathBuf};

use openbaar::config::Site;
use openbaar::records::{extract_all, NoProgress};
use sha2::{Digest, Sha256};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The records of `archive` as `extract --json` prints them (with the repository's
/// `config.toml`), one JSON object per line.
fn records_json(archive: &Path) -> Vec<(String, String)> {
    let site = Site::load(&repo().join("config.toml")).expect("the repository's config.toml");
    // The tests' shared cache: its entries were made by this very extraction code (the
    // key holds the code's fingerprint), so the guard still checks extraction itself.
    let settings = common::with_shared_cache(site.settings);
    let extraction = extract_all(&[archive.to_path_buf()], &settings, &NoProgress);
    extraction
        .records()
        .map(|doc| {
            let json = serde_json::to_string(doc).expect("a record serialises");
            (doc.source.clone(), json)
        })
        .collect()
}

fn blessing() -> bool {
    std::env::var_os("OPENBAAR_BLESS").is_some_and(|v| v == "1")
}

/// Compares `actual` with the stored file, or writes it when blessing.
fn compare(stored: &Path, actual: &str) {
    if blessing() {
        std::fs::write(stored, actual).expect("write the stored copy");
        eprintln!("wrote {}", stored.display());
        return;
    }
    let expected = std::fs::read_to_string(stored).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with OPENBAAR_BLESS=1 cargo test --test records_unchanged",
            stored.display()
        )
    });
    let differing: Vec<String> = expected
        .lines()
        .zip(actual.lines())
        .filter(|(e, a)| e != a)
        .map(|(e, _)| e.chars().take(120).collect())
        .collect();
    assert!(
        expected.lines().count() == actual.lines().count() && differing.is_empty(),
        "the records differ from {} ({} lines stored, {} now); first differing stored lines:\n{}",
        stored.display(),
        expected.lines().count(),
        actual.lines().count(),
        differing
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn the_sample_archive_gives_the_stored_records() {
    let lines: Vec<String> = records_json(&repo().join("archive"))
        .into_iter()
        .map(|(_, json)| json)
        .collect();
    assert_eq!(lines.len(), 7, "the sample archive has seven documents");
    compare(&data("sample-records.jsonl"), &(lines.join("\n") + "\n"));
}

#[test]
fn the_real_releases_give_the_stored_records() {
    let dir = repo().join("../shared/realworld");
    assert!(
        dir.is_dir(),
        "{} is absent: the real releases are needed for this test",
        dir.display()
    );
    let lines: Vec<String> = records_json(&dir)
        .into_iter()
        .map(|(source, json)| {
            let digest: String = Sha256::digest(json.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("{digest}  {source}")
        })
        .collect();
    assert!(lines.len() >= 47, "expected the real releases");
    compare(
        &data("realworld-records.sha256"),
        &(lines.join("\n") + "\n"),
    );
}
