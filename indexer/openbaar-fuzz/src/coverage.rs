//! Coverage feedback from LLVM's SanitizerCoverage, on stable Rust.
//!
//! `scripts/fuzz` builds with `-Cpasses=sancov-module` and inline 8-bit counters: every
//! edge of the instrumented code bumps a byte, and each module announces its array of
//! counters at start-up through `__sanitizer_cov_8bit_counters_init`, which the binary
//! forwards to [`register`]. After an input ran, [`Map::merge`] turns the counters into
//! AFL-style features (edge × hit-count bucket) and tells whether any is new: such
//! inputs join the corpus. Without the instrumentation (a plain `cargo build`, the
//! tests) nothing registers, and the fuzzer mutates without feedback.

use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

const MAX_REGIONS: usize = 4096;

static REGION_START: [AtomicPtr<u8>; MAX_REGIONS] =
    [const { AtomicPtr::new(std::ptr::null_mut()) }; MAX_REGIONS];
static REGION_LEN: [AtomicUsize; MAX_REGIONS] = [const { AtomicUsize::new(0) }; MAX_REGIONS];
static REGIONS: AtomicUsize = AtomicUsize::new(0);

/// Records one module's counters.
///
/// # Safety
/// `start..stop` must be the counter array the instrumentation passed, valid for the
/// life of the process.
pub unsafe fn register(start: *mut u8, stop: *mut u8) {
    if start.is_null() || stop <= start {
        return;
    }
    let i = REGIONS.fetch_add(1, Ordering::SeqCst);
    if i < MAX_REGIONS {
        REGION_START[i].store(start, Ordering::SeqCst);
        REGION_LEN[i].store(stop as usize - start as usize, Ordering::SeqCst);
    }
}

fn regions() -> impl Iterator<Item = &'static mut [u8]> {
    (0..REGIONS.load(Ordering::SeqCst).min(MAX_REGIONS)).filter_map(|i| {
        let start = REGION_START[i].load(Ordering::SeqCst);
        let len = REGION_LEN[i].load(Ordering::SeqCst);
        // SAFETY: registered by the instrumentation, alive for the process; only the
        // worker's one fuzzing thread reads or clears them between inputs.
        (!start.is_null()).then(|| unsafe { std::slice::from_raw_parts_mut(start, len) })
    })
}

/// The number of instrumented edges (0 without instrumentation).
pub fn edges() -> usize {
    regions().map(|r| r.len()).sum()
}

/// Clears the counters before an input runs.
pub fn reset() {
    for region in regions() {
        region.fill(0);
    }
}

fn bucket(count: u8) -> u8 {
    match count {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        4..=7 => 8,
        8..=15 => 16,
        16..=31 => 32,
        32..=127 => 64,
        _ => 128,
    }
}

/// The features seen so far for one target: one byte of bucket bits per edge.
#[derive(Debug, Clone, Default)]
pub struct Map {
    seen: Vec<u8>,
    features: usize,
}

impl Map {
    /// Folds the current counters in; appends the new features to `updates` (edge
    /// index, its new bucket bits) and returns how many there were.
    pub fn merge(&mut self, updates: &mut Vec<(u32, u8)>) -> usize {
        let total = edges();
        if self.seen.len() < total {
            self.seen.resize(total, 0);
        }
        let before = self.features;
        let mut offset = 0;
        for region in regions() {
            // Most counters stay zero: skip them eight at a time.
            let mut chunks = region.chunks_exact(8);
            let mut base = offset;
            for chunk in &mut chunks {
                let word = u64::from_ne_bytes(chunk.try_into().expect("eight bytes"));
                if word != 0 {
                    for (j, &count) in chunk.iter().enumerate() {
                        self.note(base + j, bucket(count), updates);
                    }
                }
                base += 8;
            }
            for (j, &count) in chunks.remainder().iter().enumerate() {
                self.note(base + j, bucket(count), updates);
            }
            offset += region.len();
        }
        self.features - before
    }

    fn note(&mut self, index: usize, bit: u8, updates: &mut Vec<(u32, u8)>) {
        if bit != 0 && self.seen[index] & bit == 0 {
            self.seen[index] |= bit;
            self.features += 1;
            updates.push((index as u32, bit));
        }
    }

    /// Applies features reported by a worker (the parent's copy of a worker's map).
    pub fn apply(&mut self, updates: &[(u32, u8)]) {
        for &(index, bits) in updates {
            let index = index as usize;
            if self.seen.len() <= index {
                self.seen.resize(index + 1, 0);
            }
            self.features += (bits & !self.seen[index]).count_ones() as usize;
            self.seen[index] |= bits;
        }
    }

    /// The features as bytes, to hand to a new worker.
    pub fn as_bytes(&self) -> &[u8] {
        &self.seen
    }

    /// A map from [`Map::as_bytes`].
    pub fn from_bytes(seen: Vec<u8>) -> Map {
        let features = seen.iter().map(|b| b.count_ones() as usize).sum();
        Map { seen, features }
    }

    /// The number of features seen.
    pub fn features(&self) -> usize {
        self.features
    }
}
