//! Measures printed emails on the labelled real releases ([`super::facts_set`]): whether a
//! PDF that is a printed email is typed `e-mail`, whether each printed message was split
//! with the right sender, date and time, whether address fields hold only addresses, and
//! whether the title is what a person would call the document.
//!
//! How a labelled message is matched: a found message matches when its printed date and
//! time (hour and minute, as the page shows them, before any zone conversion) equal the
//! label's, and its sender agrees. A redacted sender (`[redacted]`, `[redacted]@rivm.nl`)
//! agrees with a found sender that holds a redaction; when both show a domain it must be
//! the same. A readable sender agrees when the letters of one contain the other's. Each
//! found message matches at most one label.

use std::path::Path;

use super::facts_set::{LabelledDocument, LabelledMessage, Split};
use super::labelled_records::labelled_records;
use super::Counts;
use crate::config::{Settings, Site};
use crate::model::{DocType, Document, Message, MARKER};

/// Loads the labels under `root`, extracts the real releases beside it with the
/// settings of `root/config.toml` (when there is one), and scores them. `cache`, when
/// given, is the extraction cache to use instead of the site's (tests share one).
pub fn run_on_labelled_set(root: &Path, cache: Option<&Path>) -> Result<EmailReport, String> {
    let config = root.join("config.toml");
    let mut settings = if config.is_file() {
        Site::load(&config).map_err(|e| e.to_string())?.settings
    } else {
        Settings::default()
    };
    if let Some(cache) = cache {
        settings.cache_dir = Some(cache.to_path_buf());
    }
    let records = labelled_records(root, &settings)?;
    let cases: Vec<(&LabelledDocument, Option<&Document>)> = records
        .iter()
        .map(|(label, doc)| (label, Some(doc)))
        .collect();
    evaluate(&cases)
}

/// The figures of one part of the set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EmailScore {
    /// Labelled documents scored.
    pub documents: usize,
    /// Printed email or not, per document (`e-mail` found against `is_email`).
    pub recognised: Counts,
    /// Printed messages matched on printed date, time and sender.
    pub messages: Counts,
    /// Address values (sender, recipients, copy) of every found message and document.
    pub address_values: usize,
    /// Address values that are not a name, address, redaction or domain.
    pub address_fragments: usize,
    /// Documents whose title is the labelled one.
    pub titles_right: usize,
    /// Documents whose title is a file number although the label gives a subject or heading.
    pub file_number_titles: usize,
    /// Printed emails whose document date is the newest message's printed day.
    pub newest_date_right: usize,
    /// Printed emails scored for [`EmailScore::newest_date_right`].
    pub newest_date_of: usize,
}

impl EmailScore {
    fn add(&mut self, other: &EmailScore) {
        self.documents += other.documents;
        self.recognised.add(other.recognised);
        self.messages.add(other.messages);
        self.address_values += other.address_values;
        self.address_fragments += other.address_fragments;
        self.titles_right += other.titles_right;
        self.file_number_titles += other.file_number_titles;
        self.newest_date_right += other.newest_date_right;
        self.newest_date_of += other.newest_date_of;
    }
}

/// Scores per split, and every miss described (one line each, naming the file).
#[derive(Debug, Clone, Default)]
pub struct EmailReport {
    /// The scores of the tuned part and of the held-out part, in [`Split::ALL`] order.
    pub splits: Vec<(Split, EmailScore)>,
    /// What went wrong, with the split it belongs to.
    pub misses: Vec<(Split, String)>,
}

/// Scores each labelled document against the record made of its PDF. A label without
/// a record is an error: it would have measured nothing.
pub fn evaluate(cases: &[(&LabelledDocument, Option<&Document>)]) -> Result<EmailReport, String> {
    let mut report = EmailReport {
        splits: Split::ALL
            .iter()
            .map(|s| (*s, EmailScore::default()))
            .collect(),
        misses: Vec::new(),
    };
    for (label, doc) in cases {
        let doc = doc.ok_or_else(|| format!("{}: no record was made of it", label.file))?;
        let mut misses = Vec::new();
        let score = score_document(label, doc, &mut misses);
        let slot = report
            .splits
            .iter_mut()
            .find(|(s, _)| *s == label.split)
            .expect("every split has a slot");
        slot.1.add(&score);
        report
            .misses
            .extend(misses.into_iter().map(|m| (label.split, m)));
    }
    Ok(report)
}

fn score_document(
    label: &LabelledDocument,
    doc: &Document,
    misses: &mut Vec<String>,
) -> EmailScore {
    let file = &label.file;
    let found_email = doc.doc_type == Some(DocType::Email);
    let mut score = EmailScore {
        documents: 1,
        recognised: Counts::of_decision(label.is_email, found_email),
        ..EmailScore::default()
    };
    if label.is_email != found_email {
        misses.push(format!(
            "{file}: printed email expected {}, typed {}",
            label.is_email,
            doc.doc_type.map_or("none", |t| t.label())
        ));
    }

    let mut unused: Vec<&Message> = doc.messages.iter().collect();
    for expected in &label.messages {
        match unused.iter().position(|m| matches(expected, m)) {
            Some(i) => {
                unused.remove(i);
                score.messages.true_positives += 1;
            }
            None => {
                score.messages.false_negatives += 1;
                misses.push(format!(
                    "{file}: message missed: from {:?} sent {} {} (printed {:?}, p. {})",
                    expected.from,
                    expected.date,
                    expected.time,
                    expected.sent_printed,
                    expected.page
                ));
            }
        }
    }
    score.messages.false_positives = unused.len();
    for extra in unused {
        misses.push(format!(
            "{file}: message found but not labelled: {}",
            describe(extra)
        ));
    }

    let values = doc.from.iter().chain(&doc.to).chain(&doc.cc).chain(
        doc.messages
            .iter()
            .flat_map(|m| m.from.iter().chain(&m.to).chain(&m.cc)),
    );
    for value in values {
        score.address_values += 1;
        if is_address_fragment(value) {
            score.address_fragments += 1;
            misses.push(format!("{file}: address field holds {value:?}"));
        }
    }

    if same_title(&label.title, &doc.title) {
        score.titles_right += 1;
    } else {
        misses.push(format!(
            "{file}: title {:?}, expected {:?}",
            doc.title, label.title
        ));
    }
    if is_file_number(&doc.title) && !is_file_number(&label.title) {
        score.file_number_titles += 1;
    }

    if let Some(newest) = label.messages.first() {
        score.newest_date_of = 1;
        let printed_day = doc
            .messages
            .first()
            .and_then(|m| m.printed.as_ref().map(|p| p.date).or(m.date));
        let date = doc.date.map(|d| d.to_string());
        // The document is dated by its newest message: in the archive's zone, which may
        // be a day after the printed UTC day; either counts.
        let right = date.as_deref() == Some(newest.date.as_str())
            || (printed_day.map(|d| d.to_string()).as_deref() == Some(newest.date.as_str())
                && doc.date.is_some()
                && doc.date == doc.messages.first().and_then(|m| m.date));
        if right {
            score.newest_date_right = 1;
        } else {
            misses.push(format!(
                "{file}: document date {date:?}, newest message printed {}",
                newest.date
            ));
        }
    }
    score
}

fn describe(m: &Message) -> String {
    let (date, time) = printed_when(m);
    format!(
        "from {:?} sent {} {}",
        m.from,
        date.unwrap_or_else(|| "-".into()),
        time.unwrap_or_else(|| "-".into())
    )
}

/// The date and time as printed (`YYYY-MM-DD`, `HH:MM`): the printed sent line when the
/// message has one, else its date and time.
fn printed_when(m: &Message) -> (Option<String>, Option<String>) {
    match &m.printed {
        Some(p) => (
            Some(p.date.to_string()),
            p.time.map(|t| t.format("%H:%M").to_string()),
        ),
        None => (
            m.date.map(|d| d.to_string()),
            m.time.map(|t| t.format("%H:%M").to_string()),
        ),
    }
}

fn matches(expected: &LabelledMessage, found: &Message) -> bool {
    let (date, time) = printed_when(found);
    date.as_deref() == Some(expected.date.as_str())
        && time.as_deref() == Some(expected.time.as_str())
        && sender_agrees(&expected.from, found.from.as_deref())
}

/// See the module documentation.
fn sender_agrees(expected: &str, found: Option<&str>) -> bool {
    let Some(found) = found else {
        return false;
    };
    let domain = |s: &str| {
        s.rsplit_once('@').map(|(_, d)| {
            d.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
    };
    if expected.contains("[redacted]") {
        let redacted = found.contains(MARKER) || found.contains("[redacted]");
        return redacted
            && match (domain(expected), domain(found)) {
                (Some(a), Some(b)) => a == b,
                _ => true,
            };
    }
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (letters(expected), letters(found));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// Name particles, which stand in lower case inside a name.
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "ten", "ter", "te", "'t", "von", "la", "le", "du", "di",
    "da", "op", "in", "t",
];

/// Words that open a letter or mail, never an address.
const SALUTATIONS: &[&str] = &["geachte", "beste", "hallo", "hoi", "dag", "dear", "hi"];

/// Whether an address field's value is something else than a name, an address, a
/// redaction or a domain: a lone number or sign, a salutation, a piece of a sentence.
/// Independent of the rules that fill the fields, so it can judge them.
pub fn is_address_fragment(value: &str) -> bool {
    let value = value.trim();
    if !value.chars().any(|c| c.is_alphabetic() || c == MARKER) {
        return true;
    }
    let words: Vec<&str> = value.split_whitespace().collect();
    if words.len() > 8 {
        return true;
    }
    let bare = |w: &str| -> String {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_lowercase()
    };
    if words
        .first()
        .is_some_and(|w| SALUTATIONS.contains(&bare(w).as_str()))
    {
        return true;
    }
    words.iter().any(|w| {
        let is_address = w.contains('@') || w.contains('.');
        let plain: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        !is_address
            && plain.chars().count() >= 2
            && plain.chars().all(char::is_lowercase)
            && !PARTICLES.contains(&bare(w).as_str())
    })
}

/// Titles compared on their letters and digits, a redaction in either as one sign; a
/// title cut short (`…`) is right when the label starts with it.
fn same_title(expected: &str, found: &str) -> bool {
    let key = |s: &str| -> String {
        s.replace("[redacted]", "#")
            .replace(MARKER, "#")
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '#')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (e, f) = (key(expected), key(found.trim_end_matches('…')));
    e == f || (found.ends_with('…') && !f.is_empty() && e.starts_with(&f))
}

/// A title that is only a number or a release's file code (`183586`, `VWS-WOO-183586`).
fn is_file_number(title: &str) -> bool {
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    let digits = title.chars().filter(|c| c.is_ascii_digit()).count();
    letters == 0 || (digits >= 5 && letters <= 6 && !title.contains(' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_fragments_are_told_from_addresses() {
        for clean in [
            "█",
            "█ @rivm.nl",
            "[redacted]@minvws.nl",
            "A. de Vries",
            "Jan van der Berg <j.vanderberg@gemeente.nl>",
            "minvws.nl",
            "'j.broekema@assen.nl'",
        ] {
            assert!(!is_address_fragment(clean), "{clean}");
        }
        for junk in [
            "3",
            ",",
            "Geachte",
            "Ik zou even contact opnemen met de GGD",
            "|",
        ] {
            assert!(is_address_fragment(junk), "{junk}");
        }
    }

    #[test]
    fn senders_agree_on_redaction_and_domain() {
        assert!(sender_agrees("[redacted]", Some("█")));
        assert!(sender_agrees("[redacted]@rivm.nl", Some("█ <█@rivm.nl>")));
        assert!(sender_agrees("[redacted]@rivm.nl", Some("█")));
        assert!(!sender_agrees("[redacted]@rivm.nl", Some("█ @minvws.nl")));
        assert!(!sender_agrees("[redacted]", Some("3")));
        assert!(!sender_agrees("[redacted]", None));
        assert!(sender_agrees(
            "Hugo de Jonge",
            Some("Hugo de Jonge <h@minvws.nl>")
        ));
    }

    #[test]
    fn titles_compare_on_letters_and_cut_titles_on_their_start() {
        assert!(same_title(
            "RE: Kijk jij hier naar?",
            "RE: Kijk jij hier naar"
        ));
        assert!(same_title(
            "Gesprek [redacted] 19-6-2020",
            "Gesprek █ 19-6-2020"
        ));
        assert!(same_title(
            "Een heel lange titel die doorloopt",
            "Een heel lange…"
        ));
        assert!(!same_title("RE: Beleid", "RE: Be"));
        assert!(is_file_number("183586"));
        assert!(is_file_number("VWS-WOO-183586"));
        assert!(!is_file_number("Verslag BO 24 september"));
    }
}
