//! The fuzzer itself, tested quickly: every target runs on its seeds and a few hundred
//! deterministic mutations of them, and the worker process reports each kind of
//! planted bug (panic, hang, stack overflow, allocation without bound) as a finding.

use std::path::PathBuf;
use std::process::Command;

use openbaar_fuzz::fuzz::mutate_for;
use openbaar_fuzz::mutate::Rng;
use openbaar_fuzz::seeds::{self, Seeds};
use openbaar_fuzz::targets::{self, Scratch, TARGETS};
use openbaar_fuzz::worker::{install_panic_hook, run_here};
use openbaar_fuzz::Outcome;

const MUTATIONS_PER_TARGET: usize = 30;

fn sample_seeds() -> Seeds {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    seeds::load(
        &[crate_dir.join("../../archive"), crate_dir.join("seeds")],
        None,
    )
}

#[test]
fn the_seeds_cover_every_target() {
    let seeds = sample_seeds();
    assert!(!seeds.pdf.is_empty(), "no PDF seeds: {}", seeds.summary());
    assert!(!seeds.email.is_empty() && !seeds.mbox.is_empty());
    assert!(!seeds.paragraph.is_empty() && !seeds.document_text.is_empty());
    // The written spreadsheet, its stored twin, and the CSV list.
    assert_eq!(seeds.inventory.len(), 3, "{}", seeds.summary());
    for seed in &seeds.inventory {
        let scratch = Scratch::new().unwrap();
        let path = scratch
            .path()
            .join(targets::inventory_file_name(&seed.bytes));
        std::fs::write(&path, &seed.bytes).unwrap();
        let rows = openbaar::extract::inventory::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", seed.name));
        assert!(rows.len() >= 2, "{}: {rows:?}", seed.name);
    }
    for &t in &targets::all() {
        assert!(
            !seeds.of(TARGETS[t].seeds).is_empty(),
            "no seeds for {}",
            TARGETS[t].name
        );
    }
}

#[test]
fn every_target_survives_its_seeds_and_deterministic_mutations() {
    install_panic_hook();
    let seeds = sample_seeds();
    let scratch = Scratch::new().unwrap();
    let mut findings = Vec::new();
    let mut runs = 0;
    for &t in &targets::all() {
        let target = &TARGETS[t];
        let inputs: Vec<Vec<u8>> = seeds
            .of(target.seeds)
            .into_iter()
            .map(|s| s.bytes)
            .take(40)
            .collect();
        let mut rng = Rng::new(1);
        let mutated: Vec<Vec<u8>> = (0..MUTATIONS_PER_TARGET)
            .map(|i| mutate_for(target, &inputs[i % inputs.len()], &inputs, &mut rng))
            .collect();
        for input in inputs.iter().chain(&mutated) {
            runs += 1;
            let outcome = run_here(t, input, &scratch);
            if outcome != Outcome::Fine {
                findings.push(format!("{}: {}", target.name, outcome.headline()));
            }
        }
    }
    assert!(runs >= 300, "only {runs} runs");
    assert!(findings.is_empty(), "findings:\n{}", findings.join("\n"));
}

#[test]
fn the_worker_reports_every_kind_of_planted_bug() {
    let out = tempfile::tempdir().unwrap();
    // Text seeds are read fast, also by a debug build.
    let seed_dir = tempfile::tempdir().unwrap();
    std::fs::write(
        seed_dir.path().join("brief.txt"),
        "Geachte leden van de raad,\n\nOp 26 maart 2025 besloot het college 5.1.2e.\n",
    )
    .unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_openbaar-fuzz"))
        .env("OPENBAAR_FUZZ_NO_BACKTRACE", "1")
        .args([
            "--target",
            "selftest_panic,selftest_hang,selftest_overflow,selftest_alloc",
            "--seconds",
            "2",
            "--max-heap-mb",
            "64",
            "--quiet",
            "--seed-dir",
        ])
        .arg(seed_dir.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    for expected in [
        "selftest_panic panic indexer/openbaar-fuzz/src/targets.rs",
        "selftest_hang hang",
        "selftest_overflow crash thread 'main' () has overflowed its stack",
        "selftest_alloc crash openbaar-fuzz: heap limit exceeded",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
    // Each finding is saved with a note that says what happened and how to replay it.
    let saved = std::fs::read_dir(out.path().join("selftest_panic"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .expect("a note beside the saved input");
    let note = std::fs::read_to_string(saved.path()).unwrap();
    assert!(
        note.contains("planted panic") && note.contains("--replay"),
        "{note}"
    );
}
