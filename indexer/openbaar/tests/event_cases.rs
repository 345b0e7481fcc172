//! Event dates on the labelled sentences of `tests/data/events.tsv`: precision ≥ 0.95
//! (a wrong date is worse than a missing one). The sentences were labelled together with
//! the rules, so this is a regression guard, not a measure of accuracy on unseen text.
//! `openbaar eval-events` prints the figures.

#[test]
fn event_dates_meet_the_precision_target() {
    let tsv = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/events.tsv"
    ))
    .unwrap();
    let score = openbaar::eval::events::evaluate(&tsv).unwrap();
    let (dates, wrong) = (score.dates, score.wrong);
    assert!(dates.true_positives >= 30, "the set has dated sentences");
    assert!(
        dates.precision() >= 0.95,
        "precision {:.3}: {wrong:#?}",
        dates.precision()
    );
    assert!(
        dates.recall() >= 0.85,
        "recall {:.3}: {wrong:#?}",
        dates.recall()
    );
}
