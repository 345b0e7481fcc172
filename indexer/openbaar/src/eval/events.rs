//! Measures event dating on labelled sentences (`tests/data/events.tsv`): a case is
//! `expected<TAB>anchor<TAB>origin<TAB>sentence`, where `expected` lists every date
//! the sentence gives an event (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or `-` for none) and
//! `anchor` is the document's or message's date and its source
//! (`2025-08-28/email_sent`), or `-`.

use super::Counts;
use crate::facts::events::{paragraph_events, Anchor};

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
}
