//! The summary printed after a run: what was read, and every file that was not.

use std::collections::BTreeMap;

use openbaar::model::{Extraction, Kind, Problem};

/// Prints the summary to standard error (standard output may carry JSON).
pub fn print(extraction: &Extraction) {
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    let mut pages = 0u64;
    let mut scanned = 0usize;
    let mut ocr = 0usize;
    let mut duplicates = 0usize;
    for built in &extraction.documents {
        let doc = &built.document;
        *by_kind.entry(doc.kind.label_nl()).or_default() += 1;
        pages += u64::from(doc.page_count);
        scanned += doc.scanned_pages();
        ocr += doc.ocr_pages();
        duplicates += doc.duplicates.len();
    }
    let kinds: Vec<String> = by_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    eprintln!(
        "\n{} documents ({}), {} pages",
        extraction.documents.len(),
        if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(", ")
        },
        pages
    );
    if ocr > 0 {
        eprintln!("{ocr} pages read by OCR (no text layer, or a poor one)");
    }
    if scanned > 0 {
        eprintln!(
            "{scanned} pages have no text layer and were NOT read: their text is missing \
             from search (the notes below name them and say why)"
        );
    }
    if duplicates > 0 {
        eprintln!(
            "{duplicates} files are exact copies of another document and were merged into it"
        );
    }
    let listed = extraction
        .documents
        .iter()
        .filter(|b| b.document.inventory.is_some() && b.document.kind != Kind::Withheld)
        .count();
    let withheld = extraction
        .documents
        .iter()
        .filter(|b| b.document.kind == Kind::Withheld)
        .count();
    if listed + withheld > 0 {
        let (agree, explained) = extraction.ground_agreement();
        eprintln!(
            "inventory lists: {listed} files listed, {withheld} withheld documents added; \
             grounds found agree with the list for {} of {listed}, {} more only lack grounds in illegible boxes",
            agree,
            explained
        );
        for d in &extraction.disagreements {
            eprintln!(
                "  differs {}: list says [{}], text has [{}]{}",
                d.source,
                d.listed.join(", "),
                d.detected.join(", "),
                if d.explained_by_illegible {
                    " (and boxes without a legible code)"
                } else {
                    ""
                }
            );
        }
    }
    if !extraction.checks.is_empty() {
        let n = extraction.checks.len();
        let agreements: Vec<_> = extraction.checks.iter().map(|c| c.agreement()).collect();
        let days = agreements.iter().filter(|a| a.0).count();
        let kinds = agreements.iter().filter(|a| a.1).count();
        let subjects: Vec<bool> = agreements.iter().filter_map(|a| a.2).collect();
        let listed_emails: Vec<_> = extraction
            .checks
            .iter()
            .zip(&agreements)
            .filter(|(c, _)| c.email.1)
            .collect();
        eprintln!(
            "inventory check: same date {days}/{n}, email or not {kinds}/{n}; listed emails: same date {}/{m}, found as email {}/{m}, same subject {}/{m}",
            listed_emails.iter().filter(|(_, a)| a.0).count(),
            listed_emails.iter().filter(|(_, a)| a.1).count(),
            subjects.iter().filter(|s| **s).count(),
            m = listed_emails.len(),
        );
        for (check, agreement) in extraction.checks.iter().zip(&agreements) {
            if !(agreement.0 && agreement.1 && agreement.2 != Some(false)) {
                eprintln!(
                    "  differs {}: date {} / listed {}; email {} / listed {}",
                    check.source,
                    day(check.date.0),
                    day(check.date.1),
                    check.email.0,
                    check.email.1
                );
            }
        }
    }
    print_problems(&extraction.failed, "failed", "FAILED ");
    print_problems(&extraction.skipped, "not read", "skipped");
    print_problems(&extraction.notices, "read, with a note", "note   ");
}

/// `N heading:` and a line per file, when there is any.
fn print_problems(problems: &[Problem], heading: &str, tag: &str) {
    if problems.is_empty() {
        return;
    }
    eprintln!("{} {heading}:", problems.len());
    for problem in problems {
        eprintln!("  {tag} {}: {}", one_line(&problem.source), problem.reason);
    }
}

/// A path as one line: a file name may hold a newline or a terminal escape.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// A day as `YYYY-MM-DD`, or `-`.
fn day(date: Option<impl std::fmt::Display>) -> String {
    date.map_or_else(|| "-".to_string(), |d| d.to_string())
}
