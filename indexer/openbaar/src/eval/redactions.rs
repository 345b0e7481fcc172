//! Measures the redaction detector on labelled paragraphs (`tests/data/redactions-*.tsv`):
//! precision and recall of the ground codes, and of OCR junk per paragraph.
//!
//! A case is `expected<TAB>origin<TAB>paragraph`; `expected` lists the code of every
//! ground of every box on the line, `?` for a box without a legible code, `-` for none.

use std::collections::HashMap;

use super::Counts;
use crate::facts::redact::redact_paragraph;

/// One labelled paragraph.
#[derive(Debug, Clone)]
pub struct Case {
    /// Expected ground codes (a multiset).
    pub codes: Vec<String>,
    /// Whether a box without a legible code is expected.
    pub junk: bool,
    /// Where the paragraph comes from (`realworld/…`, `seed/000`, `written/trap`).
    pub origin: String,
    /// The paragraph.
    pub text: String,
}

/// Parses a case file; lines starting with `#` and empty lines are skipped.
pub fn parse_cases(tsv: &str) -> Result<Vec<Case>, String> {
    let mut cases = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.splitn(3, '\t');
        let (Some(expected), Some(origin), Some(text)) =
            (fields.next(), fields.next(), fields.next())
        else {
            return Err(format!(
                "line {}: expected three tab-separated fields",
                n + 1
            ));
        };
        let items: Vec<&str> = expected.split_whitespace().filter(|i| *i != "-").collect();
        cases.push(Case {
            codes: items
                .iter()
                .filter(|i| **i != "?")
                .map(|i| i.to_string())
                .collect(),
            junk: items.contains(&"?"),
            origin: origin.to_string(),
            text: text.to_string(),
        });
    }
    Ok(cases)
}

/// The figures of one evaluation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Ground codes, as multisets per paragraph.
    pub codes: Counts,
    /// Paragraphs with a box without a legible code (OCR junk).
    pub junk: Counts,
}

impl Score {
    fn add(&mut self, other: &Score) {
        self.codes.add(other.codes);
        self.junk.add(other.junk);
    }
}

/// A case the detector got wrong, for the report.
#[derive(Debug, Clone)]
pub struct Miss {
    /// The case.
    pub case: Case,
    /// What was found: codes, and `?` for boxes without a code.
    pub found: Vec<String>,
}

/// Scores every case; returns the total, the scores per origin group (the part of the
/// origin before its first `/`), and the cases that went wrong.
pub fn evaluate(cases: &[Case]) -> (Score, Vec<(String, Score)>, Vec<Miss>) {
    let mut total = Score::default();
    let mut groups: HashMap<String, Score> = HashMap::new();
    let mut misses = Vec::new();
    for case in cases {
        let found = redact_paragraph(&case.text).found;
        let found_codes: Vec<String> = found
            .iter()
            .flat_map(|f| f.codes.iter().map(|c| c.to_string()))
            .collect();
        let found_junk = found.iter().any(|f| f.codes.is_empty());
        let score = Score {
            codes: Counts::of_multisets(case.codes.clone(), found_codes).0,
            junk: Counts::of_decision(case.junk, found_junk),
        };
        if score.codes.has_errors() || score.junk.has_errors() {
            misses.push(Miss {
                case: case.clone(),
                found: found
                    .iter()
                    .flat_map(|f| {
                        if f.codes.is_empty() {
                            vec!["?".to_string()]
                        } else {
                            f.codes.iter().map(|c| c.to_string()).collect()
                        }
                    })
                    .collect(),
            });
        }
        let group = case.origin.split('/').next().unwrap_or("").to_string();
        groups.entry(group).or_default().add(&score);
        total.add(&score);
    }
    let mut groups: Vec<(String, Score)> = groups.into_iter().collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    (total, groups, misses)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_count_codes_as_a_multiset() {
        let cases =
            parse_cases("5.1.2e 5.1.2e\tx/a\t5.1.2e\n-\tx/b\tAan: 5.1.2e\n?\tx/c\tIEEE\n").unwrap();
        let (total, groups, misses) = evaluate(&cases);
        assert_eq!(
            (
                total.codes.true_positives,
                total.codes.false_positives,
                total.codes.false_negatives
            ),
            (1, 1, 1)
        );
        assert_eq!(total.junk.true_positives, 1);
        assert!(!total.junk.has_errors());
        assert_eq!(groups.len(), 1);
        assert_eq!(misses.len(), 2);
        assert!(parse_cases("only one field").is_err());
    }
}
