//! Event dates on the labelled sentences: precision ≥ 0.95 (a wrong date is worse than
//! a missing one). `openbaar eval-events` prints the figures.

#[test]
fn event_dates_meet_the_precision_target() {
    let tsv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/events.tsv"
    ))
    .unwrap();
    let score = openbaar::events::evaluate(&tsv).unwrap();
    let (tp, fp, fneg, wrong) = (
        score.true_positives,
        score.false_positives,
        score.false_negatives,
        score.wrong,
    );
    let precision = tp as f64 / (tp + fp) as f64;
    let recall = tp as f64 / (tp + fneg) as f64;
    assert!(tp >= 30, "the set has dated sentences");
    assert!(precision >= 0.95, "precision {precision:.3}: {wrong:#?}");
    assert!(recall >= 0.85, "recall {recall:.3}: {wrong:#?}");
}
