//! Redaction counts: per document (its summary box) and across the archive (the
//! redactions page): per ground, per organisation whose addresses were redacted, per month.
//!
//! What is counted are boxes, not people: every black box once, except the second box of
//! a recipient written as name and address (`█ @x.nl <█ @x.nl>`), which hides the same
//! address again; and a message released in two formats (an `.eml` and its printed PDF)
//! counts once, as its email, when both are in the set.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::model::{grounds, Document, Kind, Redaction, RedactionField};

/// How often a ground was used.
#[derive(Debug, Serialize, PartialEq)]
pub struct GroundCount {
    code: String,
    law: String,
    nl: String,
    en: String,
    /// Redaction boxes citing it.
    count: usize,
    /// Documents with at least one.
    documents: usize,
}

/// How many redactions sat at the addresses of a domain.
#[derive(Debug, Serialize, PartialEq)]
pub struct DomainCount {
    domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    organisation: Option<String>,
    count: usize,
}

/// Redactions in a month (by document date).
#[derive(Debug, Serialize, PartialEq)]
pub struct MonthCount {
    month: String,
    count: usize,
    documents: usize,
}

/// The redaction counts of a set of documents.
#[derive(Debug, Serialize, PartialEq)]
pub struct RedactionSummary {
    /// Boxes counted.
    total: usize,
    /// Boxes that repeat the address of the box before them, left out of `total`.
    repeats: usize,
    /// Documents left out because they are another format of a message in the set.
    copies: usize,
    without_code: usize,
    documents: usize,
    by_ground: Vec<GroundCount>,
    by_domain: Vec<DomainCount>,
    by_month: Vec<MonthCount>,
}

/// Counts the redactions of `documents`.
pub fn summarise<'a>(documents: impl IntoIterator<Item = &'a Document>) -> RedactionSummary {
    let mut grounds_seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut domains: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    let mut months: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut total, mut without_code, mut with_any, mut repeats_total) = (0, 0, 0, 0);
    let documents: Vec<&Document> = documents.into_iter().collect();
    let in_set: HashSet<&str> = documents.iter().map(|d| d.id.as_str()).collect();
    let mut copies = 0;
    for doc in documents {
        if is_copy_of_email_in(doc, &in_set) {
            copies += 1;
            continue;
        }
        if doc.redactions.is_empty() {
            continue;
        }
        with_any += 1;
        let repeats = repeated_boxes(doc);
        let counted: Vec<&Redaction> = doc
            .redactions
            .iter()
            .zip(&repeats)
            .filter(|(_, &repeat)| !repeat)
            .map(|(r, _)| r)
            .collect();
        repeats_total += doc.redactions.len() - counted.len();
        total += counted.len();
        without_code += counted.iter().filter(|r| r.grounds.is_empty()).count();
        let mut codes_here: Vec<&str> = Vec::new();
        for redaction in &counted {
            for ground in &redaction.grounds {
                grounds_seen.entry(ground_code(ground)).or_default().0 += 1;
                codes_here.push(ground_code(ground));
            }
            count_domain(&mut domains, redaction);
        }
        codes_here.sort_unstable();
        codes_here.dedup();
        for code in codes_here {
            grounds_seen.entry(code).or_default().1 += 1;
        }
        if let Some(date) = doc.date {
            let month = date.format("%Y-%m").to_string();
            let entry = months.entry(month).or_default();
            entry.0 += counted.len();
            entry.1 += 1;
        }
    }
    // In the order of the law, as the table lists them.
    let by_ground = grounds::all()
        .iter()
        .filter_map(|g| {
            grounds_seen
                .get(g.code.as_str())
                .map(|&(count, documents)| GroundCount {
                    code: g.code.clone(),
                    law: g.law.clone(),
                    nl: g.nl.clone(),
                    en: g.en.clone(),
                    count,
                    documents,
                })
        })
        .collect();
    let mut by_domain: Vec<DomainCount> = domains
        .into_iter()
        .map(|((domain, organisation), count)| DomainCount {
            domain,
            organisation,
            count,
        })
        .collect();
    by_domain.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.domain.cmp(&b.domain)));
    RedactionSummary {
        total,
        repeats: repeats_total,
        copies,
        without_code,
        documents: with_any,
        by_ground,
        by_domain,
        by_month: months
            .into_iter()
            .map(|(month, (count, documents))| MonthCount {
                month,
                count,
                documents,
            })
            .collect(),
    }
}

/// A printed copy of an email that is itself in the set: the message counts once.
fn is_copy_of_email_in(doc: &Document, in_set: &HashSet<&str>) -> bool {
    doc.kind != Kind::Email
        && doc
            .same_message
            .iter()
            .any(|id| in_set.contains(id.as_str()))
}

/// For each redaction of `doc`: whether its box hides the same address as the box just
/// before it, as in a recipient written as name and address (`█ @x.nl <█ @x.nl>`, also
/// with brackets or quotes): only the domain and punctuation stand between them.
fn repeated_boxes(doc: &Document) -> Vec<bool> {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut previous: Option<&Redaction> = None;
    doc.redactions
        .iter()
        .map(|r| {
            let repeat = match (previous, r.field, r.span, &r.domain) {
                (Some(p), RedactionField::Text, Some((start, _)), Some(domain)) => {
                    p.domain.as_ref() == Some(domain)
                        && p.span.is_some_and(|(_, end)| {
                            end <= start
                                && start <= chars.len()
                                && is_address_between(&chars[end..start], domain)
                        })
                }
                _ => false,
            };
            if r.field == RedactionField::Text {
                previous = Some(r);
            }
            repeat
        })
        .collect()
}

/// `between` is ` @domain <` (spaces, quotes and the bracket style aside).
fn is_address_between(between: &[char], domain: &str) -> bool {
    let squeezed: String = between
        .iter()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '"'))
        .flat_map(|c| c.to_lowercase())
        .collect();
    let domain = domain.to_lowercase();
    ["<", "["]
        .iter()
        .any(|open| squeezed == format!("@{domain}{open}"))
}

fn ground_code(ground: &grounds::Ground) -> &'static str {
    grounds::get(&ground.code)
        .map(|g| g.code.as_str())
        .unwrap_or("")
}

fn count_domain(domains: &mut BTreeMap<(String, Option<String>), usize>, redaction: &Redaction) {
    if let Some(domain) = &redaction.domain {
        *domains
            .entry((domain.clone(), redaction.organisation.clone()))
            .or_default() += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Place, MARKER};

    fn address_box(start: usize, domain: &str) -> Redaction {
        Redaction {
            code: Some("5.1.2e".into()),
            grounds: vec![grounds::get("5.1.2e").unwrap().clone()],
            field: RedactionField::Text,
            page: 1,
            span: Some((start, start + 1)),
            place: Place::Address,
            domain: Some(domain.into()),
            organisation: None,
            image_box: None,
        }
    }

    /// A document whose text is `text` with a box at every marker, at `domains`.
    fn doc(id: &str, kind: Kind, text: &str, domains: &[&str]) -> Document {
        let starts = text
            .chars()
            .enumerate()
            .filter(|(_, c)| *c == MARKER)
            .map(|(i, _)| i);
        let mut doc = Document::for_test(id, "x");
        doc.kind = kind;
        doc.text = text.into();
        doc.redactions = starts
            .zip(domains)
            .map(|(s, d)| address_box(s, d))
            .collect();
        doc
    }

    #[test]
    fn a_name_and_address_pair_is_one_box_and_two_people_are_two() {
        let text = "CC: █ @a.nl <█ @a.nl>; █ @ b.nl <█ @ b.nl>; █ @a.nl; █ @a.nl";
        let d = doc(
            "1",
            Kind::Email,
            text,
            &["a.nl", "a.nl", "b.nl", "b.nl", "a.nl", "a.nl"],
        );
        assert_eq!(repeated_boxes(&d), [false, true, false, true, false, false]);
        let summary = summarise([&d]);
        assert_eq!((summary.total, summary.repeats), (4, 2));
    }

    #[test]
    fn a_printed_copy_of_an_email_in_the_set_counts_once() {
        let mut email = doc("e", Kind::Email, "█ @a.nl", &["a.nl"]);
        let mut printed = doc("p", Kind::Pdf, "█ @a.nl", &["a.nl"]);
        email.same_message = vec!["p".into()];
        printed.same_message = vec!["e".into()];
        let both = summarise([&email, &printed]);
        assert_eq!((both.total, both.documents, both.copies), (1, 1, 1));
        // On its own page the printed copy counts its own boxes.
        let alone = summarise([&printed]);
        assert_eq!((alone.total, alone.documents, alone.copies), (1, 1, 0));
    }
}
