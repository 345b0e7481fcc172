//! Inputs run in a child process, the *worker* (the same binary with `--worker`): a
//! panic is caught there, while a hang, a stack overflow, an abort or a crash of C
//! code only ends the worker, which the parent reports as a finding and replaces.
//!
//! Requests from the parent, on the worker's standard input:
//! `0, target, len u32, input` runs an input; `1, target, len u32, map` hands over the
//! coverage features seen so far for that target (after a restart).
//! Each run is answered on the worker's standard output with
//! `status, new features u32, updates u32 × (index u32, bits u8), peak heap u64,
//! message len u32, message` (status 0: fine, 1: panic, 2: an error the library caught).

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::coverage::{self, Map};
use crate::targets::{Scratch, TARGETS};
use crate::{alloc, Outcome};

/// What the last panic said and where, recorded by the panic hook.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

thread_local! {
    /// Set while this thread runs an input: its panics are findings, not to be printed.
    static RUNNING_INPUT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs a panic hook that records the message, the place and a short backtrace of
/// a panic while an input runs, instead of printing them (other panics print as usual).
pub fn install_panic_hook() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(install);
}

fn install() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A pipeline's own worker threads (rayon) run inputs too: any thread of a
        // worker process counts, and so does the test thread inside `run_here`.
        if !RUNNING_INPUT.with(|r| r.get()) && !IS_WORKER.load(std::sync::atomic::Ordering::Relaxed)
        {
            previous(info);
            return;
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".into());
        let place = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_else(|| "an unknown place".into());
        // Resolving a backtrace of a debug build takes seconds: the tests turn it off.
        let backtrace = if std::env::var_os("OPENBAAR_FUZZ_NO_BACKTRACE").is_some() {
            String::new()
        } else {
            std::backtrace::Backtrace::force_capture().to_string()
        };
        let frames: Vec<&str> = backtrace
            .lines()
            .map(str::trim)
            .filter(|l| {
                l.contains("openbaar::")
                    || l.contains("mail_parser::")
                    || l.contains("calamine::")
                    || l.contains("csv::")
                    || l.contains("mupdf::")
                    || l.contains("at ./")
            })
            .take(12)
            .collect();
        let text = format!(
            "panicked at {place}: {message}\nframes:\n  {}",
            frames.join("\n  ")
        );
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(text);
        }
    }));
}

static IS_WORKER: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs one input in this process, panics caught: what the fuzzer's tests call, and
/// what the worker does for each request.
pub fn run_here(target_index: usize, input: &[u8], scratch: &Scratch) -> Outcome {
    install_panic_hook();
    if let Ok(mut last) = LAST_PANIC.lock() {
        *last = None;
    }
    let target = &TARGETS[target_index];
    RUNNING_INPUT.with(|r| r.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| target.run(input, scratch)));
    RUNNING_INPUT.with(|r| r.set(false));
    let last = || {
        LAST_PANIC
            .lock()
            .ok()
            .and_then(|l| l.clone())
            .unwrap_or_default()
    };
    match result {
        Ok(Ok(())) => Outcome::Fine,
        Ok(Err(caught)) => Outcome::Caught(format!("{caught}\n{}", last())),
        Err(_) => Outcome::Panic(last()),
    }
}

/// The worker's main loop: runs requests until its input closes.
pub fn serve(heap_limit_mb: usize) -> std::io::Result<()> {
    IS_WORKER.store(true, std::sync::atomic::Ordering::Relaxed);
    install_panic_hook();
    alloc::limit_address_space((heap_limit_mb as u64 + 4096) << 20);
    alloc::set_limit(heap_limit_mb << 20);
    let scratch = Scratch::new()?;
    let mut maps: HashMap<u8, Map> = HashMap::new();
    let mut stdin = BufReader::new(std::io::stdin().lock());
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    let mut updates = Vec::new();
    loop {
        let mut head = [0u8; 6];
        match stdin.read_exact(&mut head) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        }
        let (kind, target) = (head[0], head[1]);
        let len = u32::from_le_bytes([head[2], head[3], head[4], head[5]]) as usize;
        let mut body = vec![0u8; len];
        stdin.read_exact(&mut body)?;
        if kind == 1 {
            maps.insert(target, Map::from_bytes(body));
            continue;
        }
        coverage::reset();
        alloc::reset_peak();
        let outcome = run_here(target as usize, &body, &scratch);
        let peak = alloc::peak();
        drop(body);
        updates.clear();
        let new = maps.entry(target).or_default().merge(&mut updates);
        let (status, message) = match &outcome {
            Outcome::Fine => (0u8, ""),
            Outcome::Panic(m) => (1, m.as_str()),
            Outcome::Caught(m) => (2, m.as_str()),
            _ => (3, ""),
        };
        stdout.write_all(&[status])?;
        stdout.write_all(&(new as u32).to_le_bytes())?;
        stdout.write_all(&(updates.len() as u32).to_le_bytes())?;
        for (index, bits) in &updates {
            stdout.write_all(&index.to_le_bytes())?;
            stdout.write_all(&[*bits])?;
        }
        stdout.write_all(&(peak as u64).to_le_bytes())?;
        stdout.write_all(&(message.len() as u32).to_le_bytes())?;
        stdout.write_all(message.as_bytes())?;
        stdout.flush()?;
    }
}

/// One answer of the worker.
pub struct Reply {
    /// What happened.
    pub outcome: Outcome,
    /// New coverage features (edge index, bucket bits).
    pub updates: Vec<(u32, u8)>,
    /// The peak live heap while the input ran, in bytes.
    pub peak_heap: u64,
}

/// The parent's handle on a worker process.
pub struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    replies: Receiver<std::io::Result<Reply>>,
    stderr: Arc<Mutex<VecDeque<String>>>,
    stderr_closed: Receiver<()>,
}

impl Worker {
    /// Starts a worker: this same program with `--worker`.
    pub fn spawn(exe: &Path, heap_limit_mb: usize) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg("--worker")
            .arg("--max-heap-mb")
            .arg(heap_limit_mb.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = BufWriter::new(child.stdin.take().expect("piped stdin"));
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");
        let (send, replies) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let reply = read_reply(&mut reader);
                let end = reply.is_err();
                if send.send(reply).is_err() || end {
                    break;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(VecDeque::new()));
        let lines = Arc::clone(&stderr);
        let (closed, stderr_closed) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr_pipe).lines() {
                let Ok(line) = line else { break };
                if let Ok(mut lines) = lines.lock() {
                    if lines.len() >= 40 {
                        lines.pop_front();
                    }
                    lines.push_back(line);
                }
            }
            let _ = closed.send(());
        });
        Ok(Worker {
            child,
            stdin,
            replies,
            stderr,
            stderr_closed,
        })
    }

    /// Hands the worker the features already seen for a target.
    pub fn load_map(&mut self, target: usize, map: &Map) -> std::io::Result<()> {
        self.send(1, target, map.as_bytes())
    }

    fn send(&mut self, kind: u8, target: usize, body: &[u8]) -> std::io::Result<()> {
        self.stdin.write_all(&[kind, target as u8])?;
        self.stdin.write_all(&(body.len() as u32).to_le_bytes())?;
        self.stdin.write_all(body)?;
        self.stdin.flush()
    }

    /// Runs one input, waiting at most `timeout`. On a hang or a death of the worker
    /// the worker is finished (killed and reaped) and must be replaced.
    pub fn run(&mut self, target: usize, input: &[u8], timeout: Duration) -> Result<Reply, Ended> {
        if let Err(e) = self.send(0, target, input) {
            return Err(self.died(format!("could not send the input: {e}")));
        }
        match self.replies.recv_timeout(timeout) {
            Ok(Ok(reply)) => Ok(reply),
            Ok(Err(e)) => Err(self.died(format!("{e}"))),
            Err(RecvTimeoutError::Disconnected) => Err(self.died("no answer".into())),
            Err(RecvTimeoutError::Timeout) => {
                let _ = self.child.kill();
                let _ = self.child.wait();
                Err(Ended::Hang)
            }
        }
    }

    fn died(&mut self, detail: String) -> Ended {
        let status = self.child.wait().ok();
        // Let the stderr reader take the last lines, up to the pipe's end.
        let _ = self.stderr_closed.recv_timeout(Duration::from_secs(5));
        let stderr: Vec<String> = self
            .stderr
            .lock()
            .map(|l| l.iter().cloned().collect())
            .unwrap_or_default();
        Ended::Died {
            status,
            detail,
            stderr,
        }
    }

    /// Ends the worker.
    pub fn stop(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }
}

/// How a worker ended without answering.
pub enum Ended {
    /// It took longer than the time budget and was killed.
    Hang,
    /// It died: a signal, an abort, a stack overflow, the heap limit.
    Died {
        /// Its exit status.
        status: Option<ExitStatus>,
        /// What the pipe said.
        detail: String,
        /// The last lines it wrote to standard error.
        stderr: Vec<String>,
    },
}

fn read_reply(reader: &mut impl Read) -> std::io::Result<Reply> {
    let mut status = [0u8; 1];
    reader.read_exact(&mut status)?;
    let mut word = [0u8; 4];
    reader.read_exact(&mut word)?; // new features: the updates say it all
    reader.read_exact(&mut word)?;
    let count = u32::from_le_bytes(word) as usize;
    let mut updates = Vec::with_capacity(count.min(1 << 20));
    for _ in 0..count {
        let mut entry = [0u8; 5];
        reader.read_exact(&mut entry)?;
        updates.push((
            u32::from_le_bytes([entry[0], entry[1], entry[2], entry[3]]),
            entry[4],
        ));
    }
    let mut peak = [0u8; 8];
    reader.read_exact(&mut peak)?;
    reader.read_exact(&mut word)?;
    let mut message = vec![0u8; u32::from_le_bytes(word) as usize];
    reader.read_exact(&mut message)?;
    let message = String::from_utf8_lossy(&message).into_owned();
    let outcome = match status[0] {
        0 => Outcome::Fine,
        1 => Outcome::Panic(message),
        _ => Outcome::Caught(message),
    };
    Ok(Reply {
        outcome,
        updates,
        peak_heap: u64::from_le_bytes(peak),
    })
}
