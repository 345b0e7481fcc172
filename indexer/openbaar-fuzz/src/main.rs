//! `openbaar-fuzz`: mutation fuzzing of Openbaar's extractors and parsers.
//! `scripts/fuzz [SECONDS]` builds it with coverage instrumentation and runs it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use openbaar_fuzz::fuzz::{self, Options};
use openbaar_fuzz::targets::{self, TARGETS};
use openbaar_fuzz::worker::{Ended, Worker};
use openbaar_fuzz::{alloc, coverage, seeds, worker, Outcome};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// Called by SanitizerCoverage's module constructors with each module's counters.
///
/// # Safety
/// Only the instrumentation calls it, with a valid counter array.
#[no_mangle]
pub unsafe extern "C" fn __sanitizer_cov_8bit_counters_init(start: *mut u8, stop: *mut u8) {
    // SAFETY: passed on as the instrumentation gave them.
    unsafe { coverage::register(start, stop) }
}

const USAGE: &str = "\
openbaar-fuzz: mutation fuzzing of Openbaar's extractors and parsers

usage: openbaar-fuzz [options]
  --seconds N        fuzz for N seconds in all, shared by the targets (default 60)
  --target NAME|all  a target to fuzz; repeat or separate by commas (default all)
  --seed-dir DIR     a folder of seed files, searched recursively; repeatable
                     (default: the sample archive, the crate's seeds/, ../shared/realworld)
  --out DIR          where findings are saved (default target/fuzz-findings)
  --seed N           the seed of the deterministic mutations (default 1)
  --timeout-ms MS    time budget per input, for every target (default: per target)
  --max-heap-mb MB   live heap allowed to one input (default 2048)
  --pdf-texts N      read the text of at most N seed PDFs for the text targets
  --save-corpus DIR  write each target's corpus there at the end
  --replay FILE      run FILE once against --target and tell what happens
  --list             list the targets
  --quiet            no progress lines";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("openbaar-fuzz: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut seconds = 60u64;
    let mut names: Vec<String> = Vec::new();
    let mut seed_dirs: Vec<PathBuf> = Vec::new();
    let mut out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/fuzz-findings");
    let mut seed = 1u64;
    let mut timeout = None;
    let mut heap_limit_mb = 2048usize;
    let mut pdf_texts = None;
    let mut replay = None;
    let mut verbose = true;
    let mut worker_mode = false;
    let mut save_corpus = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        let number = |v: String| {
            v.parse::<u64>()
                .map_err(|_| format!("{arg}: not a number: {v}"))
        };
        match arg.as_str() {
            "--seconds" => seconds = number(value()?)?,
            "--target" => names.extend(value()?.split(',').map(str::to_string)),
            "--seed-dir" => seed_dirs.push(PathBuf::from(value()?)),
            "--out" => out = PathBuf::from(value()?),
            "--seed" => seed = number(value()?)?,
            "--timeout-ms" => timeout = Some(Duration::from_millis(number(value()?)?)),
            "--max-heap-mb" => heap_limit_mb = number(value()?)? as usize,
            "--pdf-texts" => pdf_texts = Some(number(value()?)? as usize),
            "--replay" => replay = Some(PathBuf::from(value()?)),
            "--quiet" => verbose = false,
            "--save-corpus" => save_corpus = Some(PathBuf::from(value()?)),
            "--worker" => worker_mode = true,
            "--list" => {
                for t in TARGETS.iter().filter(|t| !t.selftest) {
                    println!("{:<18} {}", t.name, t.calls);
                }
                return Ok(ExitCode::SUCCESS);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument {other}\n\n{USAGE}")),
        }
    }
    if worker_mode {
        worker::serve(heap_limit_mb).map_err(|e| format!("worker: {e}"))?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut selected = Vec::new();
    if names.is_empty() {
        names.push("all".into());
    }
    for name in &names {
        if name == "all" {
            selected.extend(targets::all());
        } else {
            let index = TARGETS
                .iter()
                .position(|t| t.name == name)
                .ok_or_else(|| format!("no target named {name} (see --list)"))?;
            selected.push(index);
        }
    }
    selected.dedup();
    let exe = std::env::current_exe().map_err(|e| format!("cannot find myself: {e}"))?;
    if let Some(file) = replay {
        let [index] = selected[..] else {
            return Err("--replay needs one --target".into());
        };
        return replay_one(&exe, index, &file, timeout, heap_limit_mb);
    }
    if seed_dirs.is_empty() {
        seed_dirs = seeds::default_dirs();
    }
    let loading = Instant::now();
    let seeds = seeds::load(&seed_dirs, pdf_texts);
    eprintln!(
        "seeds: {} (read in {:.1} s from {})",
        seeds.summary(),
        loading.elapsed().as_secs_f64(),
        seed_dirs
            .iter()
            .filter(|d| d.exists())
            .map(|d| d.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    eprintln!(
        "fuzzing {} targets for {seconds} s, seed {seed}, findings to {}",
        selected.len(),
        out.display()
    );
    let options = Options {
        seconds,
        targets: selected,
        out,
        seed,
        timeout,
        heap_limit_mb,
        exe,
        verbose,
        save_corpus,
    };
    let report = fuzz::run(&options, &seeds).map_err(|e| format!("fuzzing failed: {e}"))?;
    println!("{}", fuzz::render(&report));
    Ok(if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn replay_one(
    exe: &std::path::Path,
    index: usize,
    file: &std::path::Path,
    timeout: Option<Duration>,
    heap_limit_mb: usize,
) -> Result<ExitCode, String> {
    let target = &TARGETS[index];
    let input = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut worker = Worker::spawn(exe, heap_limit_mb).map_err(|e| e.to_string())?;
    let begin = Instant::now();
    let outcome = match worker.run(index, &input, timeout.unwrap_or(target.timeout)) {
        Ok(reply) => {
            worker.stop();
            reply.outcome
        }
        Err(Ended::Hang) => Outcome::Hang,
        Err(Ended::Died { status, stderr, .. }) => Outcome::Died(format!(
            "{}\n{}",
            status.map_or("no status".into(), |s| s.to_string()),
            stderr.join("\n")
        )),
    };
    println!(
        "{} on {} ({} bytes) after {} ms: {}\n{}",
        target.name,
        file.display(),
        input.len(),
        begin.elapsed().as_millis(),
        outcome.kind(),
        outcome.message()
    );
    Ok(if outcome.is_finding() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
