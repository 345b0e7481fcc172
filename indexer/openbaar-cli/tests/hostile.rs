//! The hostile archive (`tests/hostile/make-hostile-archive.py`): over a hundred broken,
//! encrypted, bomb-like, hostile and oddly named files, built into a whole site with
//! Zola. Every file must be accounted for in `report.json` with the outcome that
//! `expected.json` gives it; nothing may be written outside the output and the site's
//! own content folders; the archive must be left as it was; the host's files must not
//! leak into the site; and the build must stay within the time and memory it prints.
//!
//! The archive is generated with `--quick` (small mailboxes and lists; the bombs stay
//! full size), so that this runs in CI in well under a minute.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

/// The budget a build of the hostile archive must stay within on a 2-core machine.
const MAX_SECONDS: u64 = 240;
const MAX_PEAK_MB: u64 = 2048;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Size and content hash of every regular file under `dir` (links not followed).
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (u64, u64)> {
    use std::hash::{Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).unwrap_or_default();
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut hasher);
            (
                e.path().to_path_buf(),
                (bytes.len() as u64, hasher.finish()),
            )
        })
        .collect()
}

/// Runs the build and follows its peak memory (VmHWM) until it ends.
fn build_measured(root: &Path, archive: &Path, output: &Path) -> (bool, Duration, u64, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_openbaar"));
    command
        .current_dir(root)
        .args(["build", "--config", "config.toml", "--archive"])
        .arg(archive)
        .arg("--output")
        .arg(output)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    if std::env::var_os("OPENBAAR_ZOLA").is_none() {
        let zola = openbaar::site::zola::find_zola(&repo())
            .expect("zola is needed for this test: run scripts/setup");
        command.env("OPENBAAR_ZOLA", zola);
    }
    let started = Instant::now();
    let mut child = command.spawn().expect("openbaar starts");
    let pid = child.id();
    let stderr = child.stderr.take().expect("stderr is piped");
    let log = std::thread::spawn(move || std::io::read_to_string(stderr).unwrap_or_default());
    // Peak resident memory of openbaar and, separately, of the processes it runs
    // (zola): they run one after the other, so the larger of the two is the peak.
    let (mut own_kb, mut children_kb) = (0, 0);
    let status = loop {
        own_kb = own_kb.max(peak_kb(pid));
        let children =
            fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
        for child_pid in children.split_whitespace().filter_map(|p| p.parse().ok()) {
            children_kb = children_kb.max(peak_kb(child_pid));
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let log = log.join().unwrap_or_default();
    let peak_mb = own_kb.max(children_kb) / 1024;
    (status.success(), started.elapsed(), peak_mb, log)
}

/// The peak resident memory (VmHWM) of a running process, in KB.
fn peak_kb(pid: u32) -> u64 {
    fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The outcomes the report gives `path`: its own line, the lines of its parts
/// (`path#…`), or the line of a skipped folder it is in.
fn outcomes_of<'a>(files: &'a [Value], path: &str) -> Vec<&'a Value> {
    let own: Vec<&Value> = files
        .iter()
        .filter(|f| {
            let source = f["source"].as_str().unwrap_or("");
            source == path || source.starts_with(&format!("{path}#"))
        })
        .collect();
    if !own.is_empty() {
        return own;
    }
    files
        .iter()
        .filter(|f| {
            let source = f["source"].as_str().unwrap_or("");
            f["outcome"] == "skipped" && path.starts_with(&format!("{source}/"))
        })
        .collect()
}

#[test]
fn every_file_of_the_hostile_archive_is_accounted_for() {
    let work = tempfile::tempdir().unwrap();
    let generated = work.path().join("hostile");
    let made = Command::new("python3")
        .arg(repo().join("tests/hostile/make-hostile-archive.py"))
        .arg(&generated)
        .arg("--quick")
        .output()
        .expect("python3 runs the generator");
    assert!(made.status.success(), "{made:?}");
    let archive = generated.join("archive");
    let expected: Vec<Value> =
        serde_json::from_str(&fs::read_to_string(generated.join("expected.json")).unwrap())
            .unwrap();
    assert!(
        expected.len() >= 60,
        "the archive has {} cases",
        expected.len()
    );

    // A site around it: the repository's config, theme and hand-written pages.
    let root = work.path().join("site");
    fs::create_dir_all(root.join("content")).unwrap();
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::copy(repo().join("config.toml"), root.join("config.toml")).unwrap();
    for entry in walkdir::WalkDir::new(repo().join("themes")) {
        let entry = entry.unwrap();
        let target = root.join(entry.path().strip_prefix(repo()).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    for entry in fs::read_dir(repo().join("content")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            fs::copy(&path, root.join("content").join(path.file_name().unwrap())).unwrap();
        }
    }
    let before_archive = snapshot(&archive);
    let before_work: Vec<PathBuf> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let output = work.path().join("public");

    let (ok, took, peak_mb, log) = build_measured(&root, &archive, &output);
    eprintln!(
        "hostile archive ({} cases): built in {:.1} s, peak memory {peak_mb} MB (budget {MAX_SECONDS} s, {MAX_PEAK_MB} MB)",
        expected.len(),
        took.as_secs_f64()
    );
    let tail: String = log
        .chars()
        .rev()
        .take(3000)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    assert!(ok, "the build failed:\n{tail}");
    assert!(took.as_secs() <= MAX_SECONDS, "took {took:?}");
    assert!(peak_mb <= MAX_PEAK_MB, "peak memory {peak_mb} MB");

    // Every file has the outcome it should have.
    let report: Value =
        serde_json::from_str(&fs::read_to_string(output.join("report.json")).unwrap()).unwrap();
    let files = report["files"].as_array().unwrap();
    let mut wrong = Vec::new();
    for case in &expected {
        let path = case["path"].as_str().unwrap();
        let mut accepted: Vec<&str> = vec![case["outcome"].as_str().unwrap()];
        accepted.extend(
            case["accept"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str),
        );
        if accepted.contains(&"documents") {
            accepted.push("document");
        }
        if !case["duplicate_of"].is_null() {
            accepted.push("duplicate");
        }
        let found = outcomes_of(files, path);
        let outcomes: Vec<&str> = found.iter().filter_map(|f| f["outcome"].as_str()).collect();
        if !outcomes.iter().any(|o| accepted.contains(o)) {
            wrong.push(format!(
                "{path}: expected {accepted:?}, report has {outcomes:?}"
            ));
            continue;
        }
        if case["outcome"] == "documents" && accepted == ["documents", "document"] {
            let documents = outcomes.iter().filter(|o| **o == "document").count() as u64;
            let count = case["count"].as_u64().unwrap_or(1);
            if documents != count {
                wrong.push(format!(
                    "{path}: expected {count} documents, report has {documents}"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} cases differ:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // The archive is left as it was, and nothing appears beside the site and output.
    assert_eq!(
        snapshot(&archive),
        before_archive,
        "the archive was changed"
    );
    let mut after_work: Vec<PathBuf> = fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| *p != output)
        .collect();
    after_work.sort();
    let mut before_work = before_work;
    before_work.sort();
    assert_eq!(
        after_work, before_work,
        "files were written beside the output"
    );

    // The host's files never reach the site.
    for entry in walkdir::WalkDir::new(&output)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() {
            let bytes = fs::read(entry.path()).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("root:x:0:0"),
                "{} carries /etc/passwd",
                entry.path().display()
            );
        }
    }
}
