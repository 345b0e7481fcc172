//! `openbaar eval-organisations`, `eval-people` and `eval-events --labelled`: the facts
//! of the records of the labelled real releases, tuned and held-out parts apart.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use openbaar::config::Settings;
use openbaar::eval::events::{labelled, LabelledEventScore};
use openbaar::eval::facts_set::LabelledDocument;
use openbaar::eval::labelled_records::{labelled_records, per_split};
use openbaar::eval::named::{self, NamedScore};
use openbaar::eval::Counts;
use openbaar::model::Document;

use crate::eval::Details;

/// Prints a line; a closed pipe (`| head`) ends the output quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Reads the labelled set from the current folder (the repository root), or says why
/// it cannot. Settings are the defaults (a first run without configuration) but for the
/// extraction cache in the default folder, which changes no result (its key holds the
/// file's content and the extraction code's fingerprint) and spares a re-extraction of
/// every PDF on each run.
fn records() -> Result<Vec<(LabelledDocument, Document)>, ExitCode> {
    let defaults = Settings::default();
    let settings = Settings {
        cache_dir: Some(defaults.cache.clone()),
        ..defaults
    };
    labelled_records(Path::new("."), &settings).map_err(|err| {
        eprintln!("error: {err}");
        ExitCode::from(2)
    })
}

fn ratio(counts: &Counts, of_found: bool) -> String {
    let value = if of_found {
        counts.precision()
    } else {
        counts.recall()
    };
    format!(
        "{value:.3} ({} of {})",
        counts.true_positives,
        counts.true_positives
            + if of_found {
                counts.false_positives
            } else {
                counts.false_negatives
            }
    )
}

fn named(
    details: Details,
    what: &str,
    score: fn(&LabelledDocument, &Document) -> NamedScore,
) -> ExitCode {
    let records = match records() {
        Ok(records) => records,
        Err(code) => return code,
    };
    for (split, total) in per_split(&records, score, NamedScore::add) {
        out!("{what}, {split}:");
        out!("  precision {}", ratio(&total.found, true));
        out!("  recall    {}", ratio(&total.labelled, false));
        if what == "organisations" {
            out!(
                "  recall of public bodies in the table {}",
                ratio(&total.public, false)
            );
        }
        if details.lists(split) {
            for line in &total.wrong {
                out!("    {line}");
            }
        }
    }
    ExitCode::SUCCESS
}

/// Organisations found against those named on the labelled pages.
pub fn organisations(details: Details) -> ExitCode {
    named(details, "organisations", named::organisations)
}

/// People found against the readable people of the labelled pages.
pub fn people(details: Details) -> ExitCode {
    named(details, "people", named::people)
}

/// Events of the records against the labelled events.
pub fn events(details: Details) -> ExitCode {
    let records = match records() {
        Ok(records) => records,
        Err(code) => return code,
    };
    for (split, total) in per_split(&records, labelled, LabelledEventScore::add) {
        out!("events, {split}:");
        out!(
            "  real events among those found {}",
            ratio(&total.real, true)
        );
        out!(
            "  date precision of real events {}",
            ratio(&total.dates, true)
        );
        out!(
            "  labelled events found         {}",
            ratio(&total.labelled, false)
        );
        if details.lists(split) {
            for line in &total.wrong {
                out!("    {line}");
            }
        }
    }
    ExitCode::SUCCESS
}
