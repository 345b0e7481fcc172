//! `openbaar search`: the browser's search loop, natively, over the same bundle.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use openbaar_search::bundle::hot_path;
use openbaar_search::pack::{gunzip, load_from_disk};
use openbaar_search::runtime::{Attempt, BundleSearch};

/// Runs `query` against the bundle in `bundle` and prints the results.
pub fn run(query: &str, bundle: &Path, json: bool, limit: usize) -> ExitCode {
    let hot = match std::fs::read(hot_path(bundle)) {
        Ok(hot) => hot,
        Err(err) => {
            eprintln!(
                "error: cannot read {}: {err} (build the site first)",
                hot_path(bundle).display()
            );
            return ExitCode::from(2);
        }
    };
    let hot_bytes = hot.len();
    let mut search = match gunzip(hot).and_then(|hot| BundleSearch::new(&hot)) {
        Ok(search) => search,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let (mut steps, mut bytes) = (1usize, hot_bytes);
    let results = loop {
        match search.attempt(query, 0, limit) {
            Ok(Attempt::Done(results)) => break results,
            Ok(Attempt::Need(chunks)) => {
                steps += 1;
                match load_from_disk(search.directory(), bundle, &chunks) {
                    Ok(n) => bytes += n,
                    Err(err) => {
                        eprintln!("error: chunk missing from {}: {err}", bundle.display());
                        return ExitCode::from(2);
                    }
                }
            }
            Err(err) => {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
        }
    };
    let mut out = std::io::stdout().lock();
    if json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string(&results).expect("results serialise")
        );
    } else {
        let _ = writeln!(
            out,
            "{} documents{}",
            results.total,
            match results.relaxed {
                Some("any") => " (with any of the words)",
                Some(_) => " (allowing a typo)",
                None => "",
            }
        );
        for hit in &results.hits {
            let _ = writeln!(
                out,
                "{}  {}  {}  {}",
                hit.id,
                hit.date.as_deref().unwrap_or("----------"),
                hit.doc_type,
                hit.title
            );
        }
    }
    eprintln!("{steps} sequential fetch steps, {} KB read", bytes / 1024);
    ExitCode::SUCCESS
}
