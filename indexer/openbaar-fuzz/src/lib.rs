//! Mutation fuzzing of Openbaar's extractors and parsers, on stable Rust.
//!
//! The real files of a release (PDFs, emails, inventory lists) and the texts and
//! paragraphs extracted from them are the seeds; [`mutate`] changes them
//! deterministically (bit flips, interesting numbers, insertions, deletions,
//! duplications, splices of two seeds, format tokens, truncation); each mutated input
//! runs against one of the [`targets`] in a [`worker`] process, so that a panic, a
//! hang past the time budget, a stack overflow or an allocation past the heap limit is
//! a finding, saved with its message, while fuzzing goes on. Inputs that reach new
//! [`coverage`] (when the binary is built with SanitizerCoverage, as `scripts/fuzz`
//! does) join the corpus and are mutated further.

pub mod alloc;
pub mod coverage;
pub mod fuzz;
pub mod mutate;
pub mod seeds;
pub mod targets;
pub mod worker;
pub mod zip;

/// What one input did to a target.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Returned, with a result or an error: both are fine.
    Fine,
    /// Panicked; the message says where.
    Panic(String),
    /// The library caught a panic of its own and reported it (an "internal error").
    Caught(String),
    /// Ran past its time budget.
    Hang,
    /// Ended the process: abort, stack overflow, signal, heap limit.
    Died(String),
}

impl Outcome {
    /// True when the input is a finding.
    pub fn is_finding(&self) -> bool {
        !matches!(self, Outcome::Fine)
    }

    /// A short word for the kind of finding.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Fine => "fine",
            Outcome::Panic(_) => "panic",
            Outcome::Caught(_) => "caught-panic",
            Outcome::Hang => "hang",
            Outcome::Died(_) => "crash",
        }
    }

    /// The line of the message that tells most: the panic, or why the worker died.
    pub fn headline(&self) -> &str {
        let message = self.message();
        message
            .lines()
            .find(|l| {
                l.contains("panicked at")
                    || l.contains("overflowed its stack")
                    || l.contains(alloc::HEAP_LIMIT_MESSAGE)
                    || l.contains("memory allocation of")
            })
            .or_else(|| message.lines().next())
            .unwrap_or("")
    }

    /// The message of the finding (empty when fine).
    pub fn message(&self) -> &str {
        match self {
            Outcome::Fine | Outcome::Hang => "",
            Outcome::Panic(m) | Outcome::Caught(m) | Outcome::Died(m) => m,
        }
    }

    /// What identifies the same bug in two findings: the kind and the place of the
    /// panic (or the first telling line of a dying worker's output).
    pub fn signature(&self) -> String {
        let message = self.message();
        let place = message
            .lines()
            .find_map(|l| {
                let at = l.find("panicked at ")?;
                let rest = &l[at + "panicked at ".len()..];
                // `file:line:col:` (the hook's form) or `file:line:col` then a newline.
                let end = rest.find(": ").unwrap_or(rest.len());
                Some(rest[..end].trim_end_matches(':').to_string())
            })
            .or_else(|| {
                let telling = |l: &&str| {
                    l.contains("overflowed its stack")
                        || l.contains(alloc::HEAP_LIMIT_MESSAGE)
                        || l.contains("memory allocation of")
                };
                let line = message
                    .lines()
                    .find(telling)
                    .or_else(|| message.lines().find(|l| l.contains("signal")))?;
                // Numbers (thread ids, sizes) differ from input to input: keep the words.
                Some(line.chars().filter(|c| !c.is_ascii_digit()).collect())
            })
            .unwrap_or_default();
        format!("{} {place}", self.kind())
    }
}
