//! The labelled redaction set: precision and recall of the detector, with the targets
//! of the redaction issue (on real text: precision ≥ 0.98, recall ≥ 0.95). Run
//! `openbaar eval-redactions` for the figures and the cases it gets wrong.

use openbaar::redact_eval::{evaluate, parse_cases};

fn cases(name: &str) -> Vec<openbaar::redact_eval::Case> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_cases(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn real_text_meets_the_targets() {
    let (score, _, misses) = evaluate(&cases("redactions-realworld.tsv"));
    assert!(score.true_positives > 40, "the set has real codes");
    assert!(
        score.precision() >= 0.98,
        "precision {:.3}: {misses:#?}",
        score.precision()
    );
    assert!(
        score.recall() >= 0.95,
        "recall {:.3}: {misses:#?}",
        score.recall()
    );
}

#[test]
fn every_written_case_and_trap_is_right() {
    let (score, _, misses) = evaluate(&cases("redactions-written.tsv"));
    let code_misses: Vec<_> = misses
        .iter()
        .filter(|m| {
            let mut found: Vec<&String> = m.found.iter().filter(|f| *f != "?").collect();
            let mut expected: Vec<&String> = m.case.codes.iter().collect();
            found.sort();
            expected.sort();
            found != expected
        })
        .collect();
    assert!(code_misses.is_empty(), "{code_misses:#?}");
    assert_eq!(score.false_positives, 0);
}
