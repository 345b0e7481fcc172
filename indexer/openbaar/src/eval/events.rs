//! Measures event dating on labelled sentences (`tests/data/events.tsv`): a case is
//! `expected<TAB>anchor<TAB>origin<TAB>sentence`, where `expected` lists every date
//! the sentence gives an event (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `-` for none) and
//! `anchor` is the document's or message's date and its source
//! (`2025-08-28/email_sent`), or `-`.

use super::facts_set::LabelledDocument;
use super::Counts;
use crate::facts::events::{paragraph_events, Anchor};
use crate::model::Document;

/// The result of [`evaluate`].
#[derive(Debug, Clone, PartialEq)]
pub struct EventScore {
    /// Event dates found against those expected.
    pub dates: Counts,
    /// The sentences that went wrong, described.
    pub wrong: Vec<String>,
}

/// Scores every labelled sentence of `tsv`.
pub fn evaluate(tsv: &str) -> Result<EventScore, String> {
    let mut dates = Counts::default();
    let mut wrong = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.splitn(4, '\t').collect();
        let [expected, anchor, origin, sentence] = fields[..] else {
            return Err(format!(
                "line {}: expected four tab-separated fields",
                n + 1
            ));
        };
        let anchor = anchor_of(anchor).map_err(|e| format!("line {}: {e}", n + 1))?;
        let expected: Vec<String> = expected
            .split_whitespace()
            .filter(|e| *e != "-")
            .map(str::to_string)
            .collect();
        let found: Vec<String> = paragraph_events(sentence, 0, anchor)
            .into_iter()
            .map(|e| e.date.iso())
            .collect();
        let (counts, missed) = Counts::of_multisets(expected, found.clone());
        dates.add(counts);
        if counts.has_errors() {
            wrong.push(format!(
                "{origin}: found [{}], missed [{}]: {sentence}",
                found.join(" "),
                missed.join(" ")
            ));
        }
    }
    Ok(EventScore { dates, wrong })
}

/// `2025-08-28/email_sent`, or `-` for none.
fn anchor_of(field: &str) -> Result<Option<Anchor>, String> {
    if field == "-" {
        return Ok(None);
    }
    let (date, source) = field
        .split_once('/')
        .ok_or_else(|| format!("anchor {field:?} is not DATE/SOURCE"))?;
    let date = date
        .parse()
        .map_err(|e| format!("anchor date {date:?}: {e}"))?;
    Ok(Some(Anchor::for_document(date, source.parse()?)))
}

/// The events of records against the labelled real releases.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelledEventScore {
    /// Events found that are real events of the labels (true positives) or not (false
    /// positives): the share of timeline events that are events.
    pub real: Counts,
    /// Of the real events found, those with the labelled date (true positives) and those
    /// with another (false positives): date precision.
    pub dates: Counts,
    /// Labelled events found (true positives) and missed (false negatives).
    pub labelled: Counts,
    /// What went wrong, described.
    pub wrong: Vec<String>,
}

impl LabelledEventScore {
    /// Adds another document's counts.
    pub fn add(&mut self, other: LabelledEventScore) {
        self.real.add(other.real);
        self.dates.add(other.dates);
        self.labelled.add(other.labelled);
        self.wrong.extend(other.wrong);
    }
}

/// Lower-case words of a sentence, for comparing a found sentence with a labelled one
/// whatever the OCR did to spaces and punctuation.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether two sentences are one: most words of the shorter are in the longer.
fn same_sentence(a: &str, b: &str) -> bool {
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = short.iter().filter(|w| long.contains(w)).count();
    !short.is_empty() && shared * 10 >= short.len() * 7
}

/// Scores the events of one record against its labels.
pub fn labelled(label: &LabelledDocument, doc: &Document) -> LabelledEventScore {
    let mut score = LabelledEventScore::default();
    for event in &doc.events {
        let date = event.date.iso();
        let matching: Vec<_> = label
            .events
            .iter()
            .filter(|l| same_sentence(&l.sentence, &event.sentence))
            .collect();
        let real = !matching.is_empty();
        score.real.add(Counts::of_decision(real, true));
        if real {
            let right = matching.iter().any(|l| l.date == date);
            score.dates.add(Counts::of_decision(right, true));
            if !right {
                score.wrong.push(format!(
                    "{}: dated {date}, labelled {}: {}",
                    label.file, matching[0].date, event.sentence
                ));
            }
        } else {
            score.wrong.push(format!(
                "{}: not an event ({date}): {}",
                label.file, event.sentence
            ));
        }
    }
    for labelled in &label.events {
        let hit = doc
            .events
            .iter()
            .any(|e| same_sentence(&labelled.sentence, &e.sentence));
        score.labelled.add(Counts::of_decision(true, hit));
        if !hit {
            score.wrong.push(format!(
                "{}: missed {}: {}",
                label.file, labelled.date, labelled.sentence
            ));
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_scored_against_their_labels() {
        let tsv = "# comment\n2025-09-16\t-\tx/a\tOp 16 september 2025 besloot het KMI.\n2025-08-27\t2025-08-28/email_sent\tx/b\tGisteravond vergaderden wij.\n-\t-\tx/c\tEr waren 2025 meldingen.\n";
        let score = evaluate(tsv).unwrap();
        assert_eq!(score.dates.true_positives, 2);
        assert!(!score.dates.has_errors(), "{:?}", score.wrong);
        assert!(evaluate("one field").is_err());
        assert!(evaluate("-\tnot-an-anchor\tx\ty").is_err());
    }

    #[test]
    fn sentences_compare_by_their_words() {
        assert!(same_sentence(
            "Het OMT is gevraagd om een advies hierover en we verwachten uiterlijk 21-9 het advies.",
            "Het OMT is gevraagd om een advies hierover en we verwachten uiterlijk 21 -9 het advies"
        ));
        assert!(!same_sentence(
            "Sent: Friday, September 18, 2020",
            "Het debat van 2 juli."
        ));
    }
}
