//! The labelled redaction sets: precision and recall of the detector against the
//! targets of the redaction issue (on real text: precision ≥ 0.98, recall ≥ 0.95). The
//! paragraphs were labelled from the OCR text together with the rules, so these are
//! regression guards, not measures of accuracy on unseen releases. Run
//! `openbaar eval-redactions` for the figures and the cases it gets wrong.

use openbaar::eval::redactions::{evaluate, parse_cases, Case};

fn cases(name: &str) -> Vec<Case> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    parse_cases(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn real_text_meets_the_targets() {
    let (score, _, misses) = evaluate(&cases("redactions-realworld.tsv"));
    assert!(score.codes.true_positives > 40, "the set has real codes");
    assert!(
        score.codes.precision() >= 0.98,
        "precision {:.3}: {misses:#?}",
        score.codes.precision()
    );
    assert!(
        score.codes.recall() >= 0.95,
        "recall {:.3}: {misses:#?}",
        score.codes.recall()
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
    assert_eq!(score.codes.false_positives, 0);
}
