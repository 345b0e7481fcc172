//! The fuzzing loop: seeds first, then mutations of the corpus, target after target in
//! time slices, in a worker process; findings saved, statistics kept.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::coverage::Map;
use crate::mutate::{havoc, Pool, Rng};
use crate::seeds::Seeds;
use crate::targets::{Target, TARGETS};
use crate::worker::{Ended, Worker};
use crate::{zip, Outcome};

/// How to fuzz.
#[derive(Debug, Clone)]
pub struct Options {
    /// Total time for all targets together.
    pub seconds: u64,
    /// Indexes into [`TARGETS`].
    pub targets: Vec<usize>,
    /// Where findings are saved.
    pub out: PathBuf,
    /// The seed of the deterministic mutations.
    pub seed: u64,
    /// Overrides every target's time budget per input.
    pub timeout: Option<Duration>,
    /// The largest live heap of one input, in MB.
    pub heap_limit_mb: usize,
    /// The program to start workers from (this binary).
    pub exe: PathBuf,
    /// Print progress lines.
    pub verbose: bool,
    /// Where to write each target's corpus at the end (one file per input), if anywhere.
    pub save_corpus: Option<PathBuf>,
}

/// The statistics of one target.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Inputs run (seeds and mutations).
    pub execs: u64,
    /// Time spent on it.
    pub busy: Duration,
    /// The slowest input that finished.
    pub slowest: Duration,
    /// The largest peak heap of one input, in bytes.
    pub peak_heap: u64,
    /// Seeds it started from.
    pub seeds: usize,
    /// Inputs in its corpus at the end.
    pub corpus: usize,
    /// Coverage features seen (0 without instrumentation).
    pub features: usize,
    /// Inputs that were findings (all, not only distinct ones).
    pub finding_inputs: u64,
}

/// One distinct finding.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The target's name.
    pub target: &'static str,
    /// What happened.
    pub outcome: Outcome,
    /// What identifies it.
    pub signature: String,
    /// Where its first input was saved.
    pub input: PathBuf,
    /// Its size in bytes.
    pub size: usize,
    /// The seed the input was mutated from.
    pub seed: String,
    /// How many inputs had the same signature.
    pub count: u64,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Report {
    /// Statistics per target name.
    pub stats: BTreeMap<&'static str, Stats>,
    /// Distinct findings, in the order found.
    pub findings: Vec<Finding>,
    /// Whether coverage feedback was available.
    pub coverage_edges: usize,
    /// Wall-clock time of the fuzzing itself.
    pub elapsed: Duration,
}

struct Corpus {
    inputs: Vec<Vec<u8>>,
    origin: Vec<usize>,
    names: Vec<String>,
    seen: HashSet<u64>,
    bytes: usize,
    seeds_run: usize,
    seeds: usize,
}

const CORPUS_MAX_INPUTS: usize = 4096;
const CORPUS_MAX_BYTES: usize = 256 << 20;

impl Corpus {
    fn new(target: &Target, seeds: &Seeds) -> Corpus {
        let mut corpus = Corpus {
            inputs: Vec::new(),
            origin: Vec::new(),
            names: Vec::new(),
            seen: HashSet::new(),
            bytes: 0,
            seeds_run: 0,
            seeds: 0,
        };
        for seed in seeds.of(target.seeds) {
            let mut bytes = seed.bytes;
            bytes.truncate(target.max_len);
            if corpus.seen.insert(fnv(&bytes)) {
                corpus.bytes += bytes.len();
                corpus.origin.push(corpus.names.len());
                corpus.names.push(seed.name);
                corpus.inputs.push(bytes);
            }
        }
        if corpus.inputs.is_empty() {
            // A target without seeds still runs: from an empty input.
            corpus.inputs.push(Vec::new());
            corpus.origin.push(0);
            corpus.names.push("(the empty input)".into());
        }
        corpus.seeds = corpus.inputs.len();
        corpus
    }

    fn add(&mut self, input: Vec<u8>, origin: usize) {
        if self.inputs.len() < CORPUS_MAX_INPUTS
            && self.bytes + input.len() <= CORPUS_MAX_BYTES
            && self.seen.insert(fnv(&input))
        {
            self.bytes += input.len();
            self.inputs.push(input);
            self.origin.push(origin);
        }
    }
}

/// A 64-bit FNV-1a hash, for names of saved inputs and duplicate checks.
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// The mutation step for `target`: havoc, and for spreadsheets sometimes a repair of
/// the ZIP so that the mutated XML is read.
pub fn mutate_for(target: &Target, base: &[u8], others: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
    let pool = Pool {
        others,
        tokens: target.tokens,
        max_len: target.max_len,
    };
    let mut input = base.to_vec();
    havoc(&mut input, rng, &pool);
    if target.seeds == crate::targets::SeedKind::Inventory
        && input.starts_with(b"PK")
        && rng.one_in(2)
    {
        input = zip::repair(&input);
        input.truncate(target.max_len);
    }
    input
}

/// Runs the fuzzer.
pub fn run(options: &Options, seeds: &Seeds) -> std::io::Result<Report> {
    let started = Instant::now();
    let mut report = Report::default();
    let mut corpora: Vec<Corpus> = options
        .targets
        .iter()
        .map(|&t| Corpus::new(&TARGETS[t], seeds))
        .collect();
    let mut rngs: Vec<Rng> = options
        .targets
        .iter()
        .map(|&t| Rng::new(options.seed ^ fnv(TARGETS[t].name.as_bytes())))
        .collect();
    let mut maps: Vec<Map> = vec![Map::default(); options.targets.len()];
    let mut worker = Worker::spawn(&options.exe, options.heap_limit_mb)?;
    let budget = Duration::from_secs(options.seconds) / options.targets.len().max(1) as u32;
    // Several rounds over the targets, so that a run cut short has touched all of them.
    let rounds = (budget.as_secs() / 30).clamp(1, 8) as u32;
    let mut used = vec![Duration::ZERO; options.targets.len()];
    let mut last_progress = Instant::now();
    for round in 1..=rounds {
        for (slot, &t) in options.targets.iter().enumerate() {
            let target = &TARGETS[t];
            let until = budget * round / rounds;
            let corpus = &mut corpora[slot];
            let rng = &mut rngs[slot];
            let stats = report.stats.entry(target.name).or_default();
            let timeout = options.timeout.unwrap_or(target.timeout);
            while used[slot] < until || corpus.seeds_run < corpus.seeds {
                // The time of a target counts its mutations too, not only the worker's.
                let begin = Instant::now();
                let (input, origin) = if corpus.seeds_run < corpus.seeds {
                    corpus.seeds_run += 1;
                    let i = corpus.seeds_run - 1;
                    (corpus.inputs[i].clone(), corpus.origin[i])
                } else {
                    let n = corpus.inputs.len();
                    let i = if n > corpus.seeds && rng.one_in(2) {
                        // Often the newest inputs: they found something.
                        n - 1 - rng.below((n - corpus.seeds).min(16))
                    } else {
                        rng.below(n)
                    };
                    let input = mutate_for(target, &corpus.inputs[i], &corpus.inputs, rng);
                    (input, corpus.origin[i])
                };
                let running = Instant::now();
                let result = worker.run(t, &input, timeout);
                let ran = running.elapsed();
                let took = begin.elapsed();
                used[slot] += took;
                stats.busy += took;
                stats.execs += 1;
                let outcome = match result {
                    Ok(reply) => {
                        stats.slowest = stats.slowest.max(ran);
                        stats.peak_heap = stats.peak_heap.max(reply.peak_heap);
                        if !reply.updates.is_empty() {
                            maps[slot].apply(&reply.updates);
                            if corpus.seeds_run >= corpus.seeds
                                || corpus.inputs.len() < CORPUS_MAX_INPUTS
                            {
                                corpus.add(input.clone(), origin);
                            }
                        }
                        reply.outcome
                    }
                    Err(ended) => {
                        let outcome = match ended {
                            Ended::Hang => Outcome::Hang,
                            Ended::Died {
                                status,
                                detail,
                                stderr,
                            } => Outcome::Died(format!(
                                "the worker died ({}; {detail}); its last output:\n{}",
                                status.map_or("no status".into(), |s| s.to_string()),
                                stderr.join("\n")
                            )),
                        };
                        worker = Worker::spawn(&options.exe, options.heap_limit_mb)?;
                        for (map, &t) in maps.iter().zip(&options.targets) {
                            worker.load_map(t, map)?;
                        }
                        outcome
                    }
                };
                if outcome.is_finding() {
                    stats.finding_inputs += 1;
                    let seed_name = corpus.names[origin].clone();
                    record(
                        &mut report.findings,
                        target,
                        outcome,
                        &input,
                        &seed_name,
                        &options.out,
                        ran,
                    )?;
                }
                if options.verbose && last_progress.elapsed() >= Duration::from_secs(15) {
                    last_progress = Instant::now();
                    eprintln!(
                        "[{:>5}s] {:<16} {:>9} execs {:>8.0}/s  corpus {:>4}  features {:>6}  findings {}",
                        started.elapsed().as_secs(),
                        target.name,
                        stats.execs,
                        stats.execs as f64 / stats.busy.as_secs_f64().max(1e-9),
                        corpus.inputs.len(),
                        maps[slot].features(),
                        report.findings.len()
                    );
                }
            }
            stats.seeds = corpus.seeds;
            stats.corpus = corpus.inputs.len();
            stats.features = maps[slot].features();
        }
    }
    worker.stop();
    if let Some(dir) = &options.save_corpus {
        for (corpus, &t) in corpora.iter().zip(&options.targets) {
            let folder = dir.join(TARGETS[t].name);
            std::fs::create_dir_all(&folder)?;
            for input in &corpus.inputs {
                std::fs::write(folder.join(format!("{:016x}", fnv(input))), input)?;
            }
        }
    }
    report.coverage_edges = crate::coverage::edges();
    report.elapsed = started.elapsed();
    Ok(report)
}

fn record(
    findings: &mut Vec<Finding>,
    target: &'static Target,
    outcome: Outcome,
    input: &[u8],
    seed: &str,
    out: &Path,
    took: Duration,
) -> std::io::Result<()> {
    let signature = format!("{} {}", target.name, outcome.signature());
    if let Some(known) = findings.iter_mut().find(|f| f.signature == signature) {
        known.count += 1;
        // Keep the smallest input of each finding.
        if input.len() < known.size {
            std::fs::write(&known.input, input)?;
            write_note(
                target,
                &known.outcome,
                &known.signature,
                &known.input,
                input,
                seed,
                took,
            )?;
            known.size = input.len();
            known.seed = seed.to_string();
        }
        return Ok(());
    }
    let folder = out.join(target.name);
    std::fs::create_dir_all(&folder)?;
    let input_path = folder.join(format!("{}-{:016x}.input", outcome.kind(), fnv(input)));
    std::fs::write(&input_path, input)?;
    write_note(target, &outcome, &signature, &input_path, input, seed, took)?;
    eprintln!(
        "finding: {} {} ({} bytes, from {seed}) saved as {}",
        target.name,
        outcome.signature(),
        input.len(),
        input_path.display()
    );
    findings.push(Finding {
        target: target.name,
        outcome,
        signature,
        input: input_path,
        size: input.len(),
        seed: seed.to_string(),
        count: 1,
    });
    Ok(())
}

fn write_note(
    target: &Target,
    outcome: &Outcome,
    signature: &str,
    input_path: &Path,
    input: &[u8],
    seed: &str,
    took: Duration,
) -> std::io::Result<()> {
    let mut note = String::new();
    let _ = writeln!(note, "target: {} ({})", target.name, target.calls);
    let _ = writeln!(note, "finding: {}", outcome.kind());
    let _ = writeln!(note, "signature: {signature}");
    let _ = writeln!(note, "mutated from the seed: {seed}");
    let _ = writeln!(note, "input: {} bytes", input.len());
    let _ = writeln!(note, "time: {} ms", took.as_millis());
    let _ = writeln!(
        note,
        "replay: openbaar-fuzz --target {} --replay {}",
        target.name,
        input_path.display()
    );
    let _ = writeln!(note, "\n{}", outcome.message());
    std::fs::write(input_path.with_extension("txt"), note)
}

/// The report as the command prints it.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "\n{:<18} {:>10} {:>10} {:>6} {:>7} {:>9} {:>10} {:>9} {:>8}",
        "target",
        "execs",
        "execs/s",
        "seeds",
        "corpus",
        "features",
        "slowest",
        "peak MB",
        "findings"
    );
    let mut total = 0;
    for (name, s) in &report.stats {
        total += s.execs;
        let _ = writeln!(
            out,
            "{:<18} {:>10} {:>10.0} {:>6} {:>7} {:>9} {:>8}ms {:>9.1} {:>8}",
            name,
            s.execs,
            s.execs as f64 / s.busy.as_secs_f64().max(1e-9),
            s.seeds,
            s.corpus,
            s.features,
            s.slowest.as_millis(),
            s.peak_heap as f64 / (1 << 20) as f64,
            s.finding_inputs
        );
    }
    let _ = writeln!(
        out,
        "\n{total} executions in {:.0} s ({:.0}/s); coverage feedback: {}",
        report.elapsed.as_secs_f64(),
        total as f64 / report.elapsed.as_secs_f64().max(1e-9),
        if report.coverage_edges > 0 {
            format!("{} instrumented edges", report.coverage_edges)
        } else {
            "none (not built with scripts/fuzz's instrumentation)".into()
        }
    );
    if report.findings.is_empty() {
        let _ = writeln!(out, "no findings");
    } else {
        let _ = writeln!(out, "{} distinct findings:", report.findings.len());
        for f in &report.findings {
            let _ = writeln!(
                out,
                "- {} ({} inputs), smallest {} bytes: {}\n  from seed {}",
                f.signature,
                f.count,
                f.size,
                f.input.display(),
                f.seed
            );
            let headline = f.outcome.headline();
            if !headline.is_empty() {
                let _ = writeln!(out, "  {headline}");
            }
        }
    }
    out
}
