//! The evaluations of `openbaar eval-organisations`, `eval-people` and `eval-events
//! --labelled`, run on the labelled real releases (tests/data/facts, ../shared/realworld).
//! Without the labels or the PDFs these fail: a set that is missing has measured
//! nothing. The floors are those of issue 12 that the tuned part meets; the held-out
//! part is only required to be measured.

mod common;

use std::path::Path;

use openbaar::config::Settings;
use openbaar::eval::events::{labelled, LabelledEventScore};
use openbaar::eval::facts_set::{LabelledDocument, Split};
use openbaar::eval::labelled_records::{labelled_records, per_split};
use openbaar::eval::named::{self, NamedScore};
use openbaar::model::Document;

fn records() -> Vec<(LabelledDocument, Document)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let records = labelled_records(&root, &common::with_shared_cache(Settings::default()))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(records.len(), 47, "every labelled PDF gives a record");
    records
}

fn tuned<S>(scores: Vec<(Split, S)>) -> S {
    let (split, score) = scores.into_iter().next().expect("two parts");
    assert_eq!(split, Split::Tune);
    score
}

#[test]
fn organisations_and_people_are_measured_on_the_real_releases() {
    let records = records();
    let organisations = tuned(per_split(&records, named::organisations, NamedScore::add));
    assert!(organisations.found.true_positives > 30, "{organisations:?}");
    assert!(
        organisations.found.precision() >= 0.9,
        "organisation precision {:.3}: {:#?}",
        organisations.found.precision(),
        organisations.wrong
    );
    // Regression guard: recall over every organisation named on the page was 0.311
    // with the table alone, 0.413 with the names by form and 0.658 with the bodies
    // beyond the register (data/organisations-sector.tsv); the issue asks 0.8.
    assert!(
        organisations.labelled.recall() >= 0.62,
        "recall of every labelled organisation {:.3}",
        organisations.labelled.recall()
    );
    assert!(
        organisations.public.recall() >= 0.8,
        "recall of public bodies {:.3}: {:#?}",
        organisations.public.recall(),
        organisations.wrong
    );
    let people = tuned(per_split(&records, named::people, NamedScore::add));
    assert!(people.labelled.true_positives + people.labelled.false_negatives >= 10);
    assert!(
        people.found.precision() >= 0.9 && people.found.true_positives >= 5,
        "people precision {:.3}: {:#?}",
        people.found.precision(),
        people.wrong
    );
    // Regression guard (the citation forms `Long etal.`, `studies (Smith)` come from the
    // tuned misses): recall was 0.7, now 1.0 (10 of 10).
    assert!(
        people.labelled.recall() >= 0.9,
        "people recall {:.3}: {:#?}",
        people.labelled.recall(),
        people.wrong
    );
    let events = tuned(per_split(&records, labelled, LabelledEventScore::add));
    assert!(events.labelled.true_positives + events.labelled.false_negatives > 50);
    // The issue asks 0.95 for dates; measured 0.970 (32 of 33) on the tuned part once a
    // date given beside a relative word wins (`morgen 25/9`).
    // Regression guard: the share of real events was 0.971 (33 of 34) on the tuned part
    // and is 1.0 once the letterhead's date column joined to a line is no event; the
    // issue asks 0.75.
    assert!(
        events.real.precision() >= 0.95 && events.dates.precision() >= 0.95,
        "real events {:.3}, date precision {:.3}: {:#?}",
        events.real.precision(),
        events.dates.precision(),
        events.wrong
    );
}
