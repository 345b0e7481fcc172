//! `openbaar eval-redactions`, `eval-events` and `eval-boxes`: the fact finders measured
//! on labelled sets.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use openbaar::eval::facts_set::Split;
use openbaar::eval::redactions::{evaluate, parse_cases, Score};
use openbaar::eval::Counts;

/// Prints a line; a closed pipe (`| head`) ends the output quietly instead of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// The labelled sets that ship with the source.
const DEFAULT_SETS: &[&str] = &[
    "indexer/openbaar/tests/data/redactions-realworld.tsv",
    "indexer/openbaar/tests/data/redactions-written.tsv",
];

/// Evaluates each file and prints the figures.
pub fn redactions(files: &[PathBuf], verbose: bool) -> ExitCode {
    let files: Vec<PathBuf> = if files.is_empty() {
        DEFAULT_SETS.iter().map(PathBuf::from).collect()
    } else {
        files.to_vec()
    };
    for file in &files {
        match run(file, verbose) {
            Ok(()) => {}
            Err(err) => {
                eprintln!("error: {}: {err}", file.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn run(file: &Path, verbose: bool) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
    let cases = parse_cases(&text)?;
    let (total, groups, misses) = evaluate(&cases);
    out!("{} ({} paragraphs)", file.display(), cases.len());
    for (group, score) in &groups {
        line(group, score);
    }
    line("all", &total);
    if verbose {
        for miss in &misses {
            out!(
                "  expected [{}{}] found [{}]  {}  {}",
                miss.case.codes.join(" "),
                if miss.case.junk { " ?" } else { "" },
                miss.found.join(" "),
                miss.case.origin,
                miss.case.text
            );
        }
    } else if !misses.is_empty() {
        out!("  {} paragraphs differ; --verbose lists them", misses.len());
    }
    Ok(())
}

fn line(name: &str, score: &Score) {
    out!(
        "  {name:<10} codes: {}   junk paragraphs: precision {:.3} recall {:.3}",
        figures(&score.codes),
        score.junk.precision(),
        score.junk.recall()
    );
}

/// `precision 0.983 recall 0.966 (tp 170 fp 3 fn 6)`.
fn figures(counts: &Counts) -> String {
    format!(
        "precision {:.3} recall {:.3} (tp {} fp {} fn {})",
        counts.precision(),
        counts.recall(),
        counts.true_positives,
        counts.false_positives,
        counts.false_negatives
    )
}

/// Evaluates event dating and prints precision and recall.
pub fn events(file: Option<PathBuf>, verbose: bool) -> ExitCode {
    let file = file.unwrap_or_else(|| PathBuf::from("indexer/openbaar/tests/data/events.tsv"));
    let result = std::fs::read_to_string(&file)
        .map_err(|e| e.to_string())
        .and_then(|tsv| openbaar::eval::events::evaluate(&tsv));
    match result {
        Ok(score) => {
            out!("{}: event dates {}", file.display(), figures(&score.dates));
            if verbose {
                for line in score.wrong {
                    out!("  {line}");
                }
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {}: {err}", file.display());
            ExitCode::from(2)
        }
    }
}

/// Which item lines an evaluation of the labelled real releases prints besides its
/// figures. The held-out part is listed only when asked for by name: rules are tuned
/// on what is listed, and that part must stay unseen to measure anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Details {
    /// Figures only.
    None,
    /// The tuned part's items.
    Tuned,
    /// Both parts' items (to report, not to tune).
    All,
}

impl Details {
    /// From the `--verbose` and `--heldout-details` flags.
    pub fn new(verbose: bool, heldout_details: bool) -> Details {
        match (verbose, heldout_details) {
            (false, _) => Details::None,
            (true, false) => Details::Tuned,
            (true, true) => Details::All,
        }
    }

    /// Whether the items of `split` are listed.
    pub fn lists(self, split: Split) -> bool {
        match self {
            Details::None => false,
            Details::Tuned => split == Split::Tune,
            Details::All => true,
        }
    }
}

/// Extracts the labelled real releases and prints the email figures, tuned and held
/// out apart, and the misses `details` asks for.
pub fn emails(root: &Path, details: Details) -> ExitCode {
    match openbaar::eval::emails::run_on_labelled_set(root, None) {
        Ok(report) => {
            for (split, score) in &report.splits {
                print_email_score(&split.to_string(), score);
            }
            let listed = report
                .misses
                .iter()
                .filter(|(split, _)| details.lists(*split));
            for (split, miss) in listed {
                out!("  [{split}] {miss}");
            }
            if details == Details::None && !report.misses.is_empty() {
                out!(
                    "  {} misses; --verbose lists the tuned part's",
                    report.misses.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

fn print_email_score(name: &str, score: &openbaar::eval::emails::EmailScore) {
    let emails = score.recognised.true_positives + score.recognised.false_negatives;
    out!(
        "{name} ({} documents, {emails} printed emails)",
        score.documents
    );
    out!(
        "  emails recognised:      recall {:.3} precision {:.3} ({} of {emails}, {} not emails typed e-mail)",
        score.recognised.recall(),
        score.recognised.precision(),
        score.recognised.true_positives,
        score.recognised.false_positives
    );
    out!(
        "  messages (sender, printed date and time): {}",
        figures(&score.messages)
    );
    out!(
        "  address-field fragments: {} of {} values",
        score.address_fragments,
        score.address_values
    );
    out!(
        "  titles right:           {} of {} ({} a file number)",
        score.titles_right,
        score.documents,
        score.file_number_titles
    );
    out!(
        "  document date = newest message: {} of {}",
        score.newest_date_right,
        score.newest_date_of
    );
}

/// Evaluates redaction boxes on page images and prints the figures per split.
pub fn boxes(
    labels: &Path,
    realworld: &Path,
    (only, split): (Option<&str>, Option<&str>),
    verbose: bool,
    heldout_details: bool,
) -> ExitCode {
    use openbaar::eval::boxes as eb;
    let mut files = match eb::load_labels(labels) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    if let Some(only) = only {
        files.retain(|f| f.file.contains(only));
    }
    if let Some(split) = split {
        files.retain(|f| f.split == split);
    }
    if !realworld.is_dir() {
        eprintln!(
            "error: {} is missing: the labelled PDFs are in ../shared/realworld",
            realworld.display()
        );
        return ExitCode::from(2);
    }
    let started = std::time::Instant::now();
    let evaluated = eb::evaluate(&files, realworld);
    let seconds = started.elapsed().as_secs_f64();
    let mut results = Vec::new();
    for result in evaluated {
        match result {
            Ok(r) => results.push(r),
            Err(err) => {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
        }
    }
    let pages: usize = results.iter().map(|r| r.score.pages).sum();
    let boxes: usize = results.iter().map(|r| r.boxes).sum();
    out!(
        "{pages} pages, {boxes} boxes rendered, found and read in {seconds:.1} s ({} threads): {:.2} pages/s",
        std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| "all cores'".into()),
        pages as f64 / seconds
    );
    out!(
        "boxes matched one to one per page by IoU >= {} (highest first)",
        eb::MIN_IOU
    );
    for (split, s) in eb::by_split(&results) {
        out!(
            "{split:<8} {} PDFs, {} pages: boxes {}",
            s.files,
            s.pages,
            figures(&s.boxes)
        );
        out!(
            "{:<8} grounds read right {}/{} = {:.3} of matched legible boxes ({:.3} of all {} legible labelled){}",
            "",
            s.grounds_right,
            s.grounds_legible,
            ratio(s.grounds_right, s.grounds_legible),
            ratio(s.grounds_right, s.legible_labelled),
            s.legible_labelled,
            if s.unread_pages > 0 {
                format!("; {} pages not read (no OCR)", s.unread_pages)
            } else {
                String::new()
            }
        );
    }
    if verbose {
        for r in &results {
            if r.split == "heldout" && !heldout_details {
                continue;
            }
            for note in &r.notes {
                out!("  {} {note}", r.file);
            }
        }
    }
    match eb::compare_inventories(&results, realworld) {
        Ok(lists) if !lists.is_empty() => {
            let agree = lists.iter().filter(|c| c.agrees()).count();
            out!(
                "grounds per document equal to the inventory list: {agree} of {}",
                lists.len()
            );
            for c in lists.iter().filter(|c| !c.agrees()) {
                out!(
                    "  {}: listed [{}]{} found [{}] ({} boxes without a readable ground)",
                    c.file,
                    c.listed.join(" "),
                    if c.listed_notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", c.listed_notes.join("; "))
                    },
                    c.found.join(" "),
                    c.unread_boxes
                );
            }
        }
        Ok(_) => {}
        Err(err) => eprintln!("warning: inventory lists: {err}"),
    }
    record_figures(&files, realworld, verbose, heldout_details)
}

/// The records of the labelled PDFs beside their labels: redactions per document, the
/// junk dropped from the text, the share blacked out. Read through the extraction cache
/// of the current folder's site (`.openbaar-cache`), as a build would.
fn record_figures(
    files: &[openbaar::eval::boxes::LabelledFile],
    realworld: &Path,
    verbose: bool,
    heldout_details: bool,
) -> ExitCode {
    let settings = openbaar::config::Settings {
        cache_dir: Some(PathBuf::from(".openbaar-cache")),
        ..Default::default()
    };
    let figures = match openbaar::eval::boxes::record_figures(files, realworld, &settings) {
        Ok(figures) => figures,
        Err(err) => {
            eprintln!("error: records: {err}");
            return ExitCode::from(2);
        }
    };
    out!("records (redactions per document against the labelled boxes):");
    for split in ["tune", "heldout"] {
        let of: Vec<_> = figures.iter().filter(|f| f.split == split).collect();
        if of.is_empty() {
            continue;
        }
        let sum = |f: &dyn Fn(&openbaar::eval::boxes::RecordFigures) -> usize| {
            of.iter().map(|r| f(r)).sum::<usize>()
        };
        let shares: Vec<f32> = of.iter().map(|r| r.share).collect();
        out!(
            "{split:<8} {} PDFs: {} labelled boxes, {} redactions ({} found on the image, {} of them placed in the text), {} junk tokens dropped from the text; blacked out per document: mean {:.1} %, max {:.1} %",
            of.len(),
            sum(&|r| r.labelled),
            sum(&|r| r.redactions),
            sum(&|r| r.with_box),
            sum(&|r| r.placed_boxes),
            sum(&|r| r.junk_tokens),
            100.0 * shares.iter().sum::<f32>() / shares.len() as f32,
            100.0 * shares.iter().copied().fold(0.0, f32::max)
        );
        if verbose && (split == "tune" || heldout_details) {
            for r in &of {
                out!(
                    "  {}: labelled {}, redactions {} ({} boxes), junk {}, blacked out {:.1} %",
                    r.file,
                    r.labelled,
                    r.redactions,
                    r.with_box,
                    r.junk_tokens,
                    100.0 * r.share
                );
            }
        }
    }
    ExitCode::SUCCESS
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}
