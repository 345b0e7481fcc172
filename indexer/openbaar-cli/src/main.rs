//! `openbaar`: the command-line face of the indexer library. It parses arguments,
//! draws progress and prints the summary; all work is done by the `openbaar` crate.

mod eval;
mod eval_labelled;
mod progress;
mod search;
mod summary;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openbaar::config::{Settings, Site};
use openbaar::model::Extraction;
use openbaar::records::extract_all;

use crate::eval::Details;
use crate::progress::Reporter;

/// Publish released government documents (Woo) as a static, searchable archive.
#[derive(Parser)]
#[command(name = "openbaar", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents and print their records.
    Extract {
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print one JSON object per document per line (the full record).
        #[arg(long)]
        json: bool,
        /// Settings (domains → organisations, size limit) from this Zola config, if it exists.
        #[arg(long, default_value = "config.toml")]
        config: PathBuf,
    },
    /// Measure the redaction detector on labelled cases (expected<TAB>origin<TAB>text).
    EvalRedactions {
        /// Case files (default: the labelled sets in the repository).
        files: Vec<PathBuf>,
        /// List every case the detector gets wrong.
        #[arg(long)]
        verbose: bool,
    },
    /// Measure redaction boxes found on page images, and their grounds, against the boxes
    /// labelled by hand (tune and held-out split apart), and grounds per document against
    /// the inventory lists.
    EvalBoxes {
        /// The label files (one JSON per PDF).
        #[arg(long, default_value = "indexer/openbaar/tests/data/boxes")]
        labels: PathBuf,
        /// The folder the labelled PDFs are in.
        #[arg(long, default_value = "../shared/realworld")]
        realworld: PathBuf,
        /// Only label files whose PDF path contains this.
        #[arg(long)]
        only: Option<String>,
        /// Only this split (`tune` or `heldout`); both by default.
        #[arg(long)]
        split: Option<String>,
        /// List every wrong reading, miss and extra box (tune split only, unless
        /// --heldout-details: the held-out split is not for tuning).
        #[arg(long)]
        verbose: bool,
        /// With --verbose, list the held-out split's details too.
        #[arg(long)]
        heldout_details: bool,
    },
    /// Measure event dating on labelled sentences (expected<TAB>anchor<TAB>origin<TAB>sentence).
    EvalEvents {
        /// Case file (default: the labelled set in the repository).
        file: Option<PathBuf>,
        /// Measure the events of the records of the labelled real releases instead
        /// (tests/data/facts, ../shared/realworld): share of real events, date precision.
        #[arg(long, conflicts_with = "file")]
        labelled: bool,
        /// List every sentence it gets wrong (with --labelled: of the tuned part only).
        #[arg(long)]
        verbose: bool,
        /// With --verbose, list the held-out split's details too (that part is not for
        /// tuning: look at it only to report, never to change rules).
        #[arg(long)]
        heldout_details: bool,
    },
    /// Measure printed emails on the labelled real releases: emails recognised, messages
    /// with the right sender, date and time, address-field fragments, titles; tuned and
    /// held-out parts apart.
    EvalEmails {
        /// The repository root (labels in indexer/openbaar/tests/data/facts, PDFs in
        /// ../shared/realworld beside it).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// List every miss of the tuned part.
        #[arg(short, long)]
        verbose: bool,
        /// With --verbose, list the held-out split's details too (that part is not for
        /// tuning: look at it only to report, never to change rules).
        #[arg(long)]
        heldout_details: bool,
    },
    /// Measure the organisations found in the labelled real releases (tests/data/facts).
    EvalOrganisations {
        /// List every organisation found wrongly or missed in the tuned part.
        #[arg(long)]
        verbose: bool,
        /// With --verbose, list the held-out split's details too (that part is not for
        /// tuning: look at it only to report, never to change rules).
        #[arg(long)]
        heldout_details: bool,
    },
    /// Measure the people found in the labelled real releases (tests/data/facts).
    EvalPeople {
        /// List every person found wrongly or missed in the tuned part.
        #[arg(long)]
        verbose: bool,
        /// With --verbose, list the held-out split's details too (that part is not for
        /// tuning: look at it only to report, never to change rules).
        #[arg(long)]
        heldout_details: bool,
    },
    /// Search a built site's index, as the browser does (same bundle, same results).
    Search {
        /// The query, in the search language (words, "phrases", -not, OR, van:, type:, …).
        query: String,
        /// The bundle folder.
        #[arg(long, default_value = "public/zoeken/index")]
        bundle: PathBuf,
        /// Print the results as JSON.
        #[arg(long)]
        json: bool,
        /// Number of results.
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Build the site: extract the archive, write Zola content, run zola build.
    Build {
        /// The site's Zola config; the indexer's settings are under [extra.openbaar].
        #[arg(long, default_value = "config.toml")]
        config: PathBuf,
        /// The archive folder (default: extra.openbaar.archive in the config).
        #[arg(long)]
        archive: Option<PathBuf>,
        /// Where the site goes.
        #[arg(long, default_value = "public")]
        output: PathBuf,
        /// Write the content only; do not run zola.
        #[arg(long)]
        no_zola: bool,
        /// Exit with status 1 when any file failed or was skipped (not read).
        #[arg(long)]
        strict: bool,
        /// The search runtime to publish (built by scripts/build).
        #[arg(
            long,
            default_value = "target/wasm32-unknown-unknown/wasm/openbaar_search_wasm.wasm"
        )]
        search_runtime: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Extract {
            paths,
            json,
            config,
        } => extract(&paths, json, &config),
        Command::EvalRedactions { files, verbose } => eval::redactions(&files, verbose),
        Command::EvalEvents {
            labelled: true,
            verbose,
            heldout_details,
            ..
        } => eval_labelled::events(Details::new(verbose, heldout_details)),
        Command::EvalEvents { file, verbose, .. } => eval::events(file, verbose),
        Command::EvalOrganisations {
            verbose,
            heldout_details,
        } => eval_labelled::organisations(Details::new(verbose, heldout_details)),
        Command::EvalPeople {
            verbose,
            heldout_details,
        } => eval_labelled::people(Details::new(verbose, heldout_details)),
        Command::EvalEmails {
            root,
            verbose,
            heldout_details,
        } => eval::emails(&root, Details::new(verbose, heldout_details)),
        Command::EvalBoxes {
            labels,
            realworld,
            only,
            split,
            verbose,
            heldout_details,
        } => eval::boxes(
            &labels,
            &realworld,
            (only.as_deref(), split.as_deref()),
            verbose,
            heldout_details,
        ),
        Command::Search {
            query,
            bundle,
            json,
            limit,
        } => search::run(&query, &bundle, json, limit),
        Command::Build {
            config,
            archive,
            output,
            no_zola,
            strict,
            search_runtime,
        } => build(&config, archive, &output, no_zola, strict, &search_runtime),
    }
}

fn run_pipeline(paths: &[PathBuf], settings: &Settings) -> Extraction {
    let reporter = Reporter::for_stderr();
    let extraction = extract_all(paths, settings, &reporter);
    reporter.finish();
    extraction
}

fn extract(paths: &[PathBuf], json: bool, config: &std::path::Path) -> ExitCode {
    // The config is optional here: `extract` also works outside a site folder.
    let settings = if config.exists() {
        match Site::load(config) {
            Ok(site) => site.settings,
            Err(err) => {
                eprintln!("error: {err}");
                return ExitCode::from(2);
            }
        }
    } else {
        Settings::default()
    };
    let extraction = run_pipeline(paths, &settings);
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for built in &extraction.documents {
        let doc = &built.document;
        let written = if json {
            serde_json::to_string(doc)
                .map_err(std::io::Error::other)
                .and_then(|line| writeln!(out, "{line}"))
        } else {
            writeln!(
                out,
                "{}  {:5}  {:>3} p.  {}  {}",
                doc.id,
                doc.kind.name(),
                doc.page_count,
                doc.date
                    .map_or_else(|| "----------".to_string(), |d| d.to_string()),
                doc.title
            )
        };
        if written.is_err() {
            // The reader went away (e.g. `| head`); that is not an error of ours.
            return ExitCode::SUCCESS;
        }
    }
    let _ = out.flush();
    summary::print(&extraction);
    ExitCode::SUCCESS
}

fn build(
    config: &std::path::Path,
    archive: Option<PathBuf>,
    output: &std::path::Path,
    no_zola: bool,
    strict: bool,
    search_runtime: &std::path::Path,
) -> ExitCode {
    let mut site = match Site::load(config) {
        Ok(site) => site,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    };
    let archive = archive.unwrap_or_else(|| site.archive_dir());
    // The site reads files of the archive too (its inventory lists, for the dossier
    // page): the one given on the command line, whatever config.toml names.
    site.settings.archive = std::path::absolute(&archive).unwrap_or_else(|_| archive.clone());
    if !archive.is_dir() {
        eprintln!(
            "error: the archive folder {} does not exist",
            archive.display()
        );
        return ExitCode::from(2);
    }
    eprintln!("archive: {}", archive.display());
    if !no_zola {
        // Before the extraction, which can take hours: a folder that is not ours.
        if let Err(err) = openbaar::site::zola::check_output(output) {
            eprintln!("error: {err}");
            return ExitCode::from(2);
        }
    }
    let extraction = run_pipeline(&[archive], &site.settings);
    if let Err(err) = openbaar::site::write_content(&site, &extraction) {
        eprintln!("error: {err}");
        return ExitCode::from(2);
    }
    summary::print(&extraction);
    // Strict: every file of the archive must have become a document.
    let complete = extraction.failed.is_empty() && extraction.skipped.is_empty();
    if no_zola {
        return finished(strict, complete);
    }
    let Some(staged) = stage(output, extraction) else {
        return ExitCode::from(2);
    };
    eprintln!("running zola build into {}", output.display());
    let finish = |built: &std::path::Path| {
        staged.text.splice(built)?;
        openbaar::site::zola::move_into(&staged.folder, built).map_err(|source| {
            openbaar::site::SiteError::Write {
                path: built.display().to_string(),
                source,
            }
        })
    };
    let result = openbaar::site::zola::build(&site.root, output, finish);
    staged.remove();
    if let Err(err) = result {
        eprintln!("error: {err}");
        return ExitCode::from(2);
    }
    let runtime = site.root.join(search_runtime);
    match openbaar::site::search::publish_runtime(output, &runtime) {
        Ok(stats) => eprintln!(
            "search runtime: {} KB, {} KB gzipped",
            stats.raw_bytes / 1024,
            stats.gzipped_bytes / 1024
        ),
        Err(err) => eprintln!(
            "warning: search runtime {} not published ({err}); search will not work in the browser: run scripts/build",
            runtime.display()
        ),
    }
    eprintln!("site written to {}", output.display());
    finished(strict, complete)
}

fn finished(strict: bool, complete: bool) -> ExitCode {
    if strict && !complete {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// What the build wrote before Zola runs, to go into the site Zola builds.
struct Staged {
    /// The search bundle and report.json, laid out as in the site.
    folder: PathBuf,
    /// The text of every document, for its page, in a folder of its own.
    text: openbaar::site::document_text::TextStore,
    text_folder: PathBuf,
}

impl Staged {
    /// Removes what is left of the scratch space.
    fn remove(self) {
        let _ = std::fs::remove_dir_all(&self.folder);
        drop(self.text);
        let _ = std::fs::remove_dir_all(&self.text_folder);
    }
}

/// Writes everything of the site that needs the extraction (the search bundle,
/// report.json, the document text) into scratch space beside `output`, and then lets
/// the extraction go, so that it is not in memory while Zola runs.
fn stage(output: &std::path::Path, extraction: Extraction) -> Option<Staged> {
    let scratch = |name| {
        openbaar::site::zola::scratch_folder(output, name)
            .map_err(|err| eprintln!("error: {err}"))
            .ok()
    };
    let folder = scratch("staging")?;
    let text_folder = scratch("text")?;
    let text = openbaar::site::document_text::TextStore::write(
        &text_folder.join("tekst.html"),
        &extraction.documents,
        &openbaar::site::document_facts::Facts::new(&extraction),
    )
    .map_err(|err| eprintln!("error: {err}"))
    .ok()?;
    let staged = Staged {
        folder,
        text,
        text_folder,
    };
    match openbaar::site::search::write_bundle(&staged.folder, &extraction) {
        Ok(stats) => eprintln!(
            "search index: {} chunks ({} KB), {} fragment packs ({} KB) and a hot file of {} KB",
            stats.chunks,
            stats.chunk_bytes / 1024,
            stats.packs,
            stats.pack_bytes / 1024,
            stats.hot_bytes / 1024,
        ),
        Err(err) => {
            eprintln!("error: search index: {err}");
            staged.remove();
            return None;
        }
    }
    let report = openbaar::site::report::build_report(&extraction);
    if let Err(err) = openbaar::site::report::write_report_json(&staged.folder, &report) {
        eprintln!("error: report.json: {err}");
        staged.remove();
        return None;
    }
    drop(report);
    drop(extraction);
    release_freed_memory();
    Some(staged)
}

/// Hands memory the allocator keeps after the extraction is dropped back to the system:
/// glibc keeps freed small blocks (most of a document's facts) in its arenas, and Zola,
/// which runs next, needs the room.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the allocator's own arenas to the
    // system; it touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
