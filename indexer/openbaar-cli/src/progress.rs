//! Progress on long runs: a bar on a terminal, a few plain lines elsewhere (CI logs).

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};
use openbaar::records::Progress;

/// Draws progress on standard error.
pub enum Reporter {
    /// An animated bar (standard error is a terminal).
    Bar(Mutex<Option<ProgressBar>>),
    /// A line at every tenth of the work (logs, pipes).
    Lines {
        /// Files to process.
        total: AtomicUsize,
        /// Files done.
        done: AtomicUsize,
    },
}

impl Reporter {
    /// Chooses the form that suits standard error.
    pub fn for_stderr() -> Reporter {
        if std::io::stderr().is_terminal() {
            Reporter::Bar(Mutex::new(None))
        } else {
            Reporter::Lines {
                total: AtomicUsize::new(0),
                done: AtomicUsize::new(0),
            }
        }
    }

    /// Removes the bar once the work is done.
    pub fn finish(&self) {
        if let Reporter::Bar(bar) = self {
            if let Some(bar) = bar.lock().expect("progress lock").take() {
                bar.finish_and_clear();
            }
        }
    }
}

impl Progress for Reporter {
    fn start(&self, files: usize) {
        match self {
            Reporter::Bar(slot) => {
                let bar = ProgressBar::new(files as u64);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{spinner} {pos}/{len} files [{bar:30}] {elapsed} (eta {eta}) {wide_msg}",
                    )
                    .expect("valid template")
                    .progress_chars("=> "),
                );
                bar.enable_steady_tick(Duration::from_millis(200));
                *slot.lock().expect("progress lock") = Some(bar);
            }
            Reporter::Lines { total, .. } => {
                total.store(files, Ordering::SeqCst);
                eprintln!("reading {files} files");
            }
        }
    }

    fn file_done(&self, source: &str) {
        match self {
            Reporter::Bar(slot) => {
                if let Some(bar) = slot.lock().expect("progress lock").as_ref() {
                    bar.set_message(source.to_string());
                    bar.inc(1);
                }
            }
            Reporter::Lines { total, done } => {
                let total = total.load(Ordering::SeqCst).max(1);
                let done = done.fetch_add(1, Ordering::SeqCst) + 1;
                let step = total.div_ceil(10);
                if done % step == 0 || done == total {
                    eprintln!("  {done}/{total} files read");
                }
            }
        }
    }
}
