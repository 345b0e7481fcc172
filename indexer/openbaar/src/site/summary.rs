//! Redaction counts: per document (its summary box) and across the archive (the
//! redactions page): per ground, per organisation whose addresses were redacted, per month.
//!
//! What is counted are boxes, not people: every black box once, except the second box of
//! a recipient written as name and address (`█ @x.nl <█ @x.nl>`), which hides the same
//! address again; and a message released in two formats (an `.eml` and its printed PDF)
//! counts once, as its email, when both are in the set.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::model::{grounds, BlackedOut, Document, Kind, Redaction, RedactionField};

/// How often a ground was used.
#[derive(Debug, Serialize, PartialEq)]
pub struct GroundCount {
    pub(super) code: String,
    pub(super) law: String,
    pub(super) nl: String,
    pub(super) en: String,
    /// Redaction boxes citing it.
    pub(super) count: usize,
    /// Documents with at least one.
    pub(super) documents: usize,
}

/// How many redactions sat at the addresses of a domain.
#[derive(Debug, Serialize, PartialEq)]
pub struct DomainCount {
    pub(super) domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) organisation: Option<String>,
    pub(super) count: usize,
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
    pub(super) total: usize,
    /// Boxes that repeat the address of the box before them, left out of `total`.
    pub(super) repeats: usize,
    /// Documents left out because they are another format of a message in the set.
    pub(super) copies: usize,
    pub(super) without_code: usize,
    pub(super) documents: usize,
    pub(super) by_ground: Vec<GroundCount>,
    pub(super) by_domain: Vec<DomainCount>,
    pub(super) by_month: Vec<MonthCount>,
    /// The share of the PDF pages under boxes (each page weighing the same); none when
    /// no PDF is among the documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) blacked_out: Option<ShareOut>,
    /// The documents with boxes, the most blacked out first.
    pub(super) by_document: Vec<DocumentShare>,
}

/// A share as the site writes it, in Dutch (`12,3 %`) and English (`12.3%`).
#[derive(Debug, Serialize, PartialEq)]
pub struct Percent {
    pub(super) nl: String,
    pub(super) en: String,
}

impl Percent {
    fn of(share: f32) -> Percent {
        let percent = share * 100.0;
        if percent > 0.0 && percent < 0.1 {
            return Percent {
                nl: "< 0,1 %".into(),
                en: "< 0.1%".into(),
            };
        }
        let en = format!("{percent:.1}");
        Percent {
            nl: format!("{} %", en.replace('.', ",")),
            en: format!("{en}%"),
        }
    }
}

/// A share blacked out, in total and per ground.
#[derive(Debug, Serialize, PartialEq)]
pub struct ShareOut {
    pub(super) total: Percent,
    /// The share, 0–1, for sorting and scripts.
    pub(super) share: f32,
    pub(super) grounds: Vec<GroundPercent>,
}

/// The share under boxes of one ground.
#[derive(Debug, Serialize, PartialEq)]
pub struct GroundPercent {
    /// None for boxes whose ground was not read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) code: Option<String>,
    pub(super) share: Percent,
}

impl ShareOut {
    fn of(blacked: &BlackedOut) -> ShareOut {
        ShareOut {
            total: Percent::of(blacked.share),
            share: blacked.share,
            grounds: blacked
                .grounds
                .iter()
                .map(|g| GroundPercent {
                    code: g.code.clone(),
                    share: Percent::of(g.share),
                })
                .collect(),
        }
    }
}

/// One document's share blacked out, for the redactions page.
#[derive(Debug, Serialize, PartialEq)]
pub struct DocumentShare {
    id: String,
    title: String,
    pages: u32,
    blacked_out: ShareOut,
}

/// The share of all PDF pages of `documents` under boxes, each page weighing the same,
/// and the documents with boxes, most blacked out first.
fn shares(documents: &[&Document]) -> (Option<ShareOut>, Vec<DocumentShare>) {
    let pages: Vec<&BlackedOut> = documents
        .iter()
        .flat_map(|d| d.pages.iter().filter_map(|p| p.blacked_out.as_ref()))
        .collect();
    // One document: its own share, by area (what its page shows).
    if let [doc] = documents {
        let own = doc.blacked_out.as_ref().map(ShareOut::of);
        let listed = own
            .as_ref()
            .filter(|s| s.share > 0.0)
            .map(|_| DocumentShare {
                id: doc.id.clone(),
                title: super::one_line(&doc.title),
                pages: doc.page_count,
                blacked_out: ShareOut::of(doc.blacked_out.as_ref().expect("a share")),
            });
        return (own, listed.into_iter().collect());
    }
    let archive = (!pages.is_empty()).then(|| {
        let n = pages.len() as f32;
        let mut codes: Vec<Option<String>> = Vec::new();
        for p in &pages {
            for g in &p.grounds {
                if !codes.contains(&g.code) {
                    codes.push(g.code.clone());
                }
            }
        }
        // In the order of the law, unread last.
        codes.sort_by_key(|c| match c {
            Some(code) => grounds::all()
                .iter()
                .position(|g| &g.code == code)
                .unwrap_or(usize::MAX - 1),
            None => usize::MAX,
        });
        let mean = |f: &dyn Fn(&BlackedOut) -> f32| pages.iter().map(|p| f(p)).sum::<f32>() / n;
        ShareOut::of(&BlackedOut {
            share: mean(&|p| p.share),
            grounds: codes
                .into_iter()
                .map(|code| crate::model::GroundShare {
                    share: mean(&|p| {
                        p.grounds
                            .iter()
                            .find(|g| g.code == code)
                            .map_or(0.0, |g| g.share)
                    }),
                    code,
                })
                .collect(),
        })
    });
    let mut by_document: Vec<DocumentShare> = documents
        .iter()
        .filter_map(|d| {
            let blacked = d.blacked_out.as_ref().filter(|b| b.share > 0.0)?;
            Some(DocumentShare {
                id: d.id.clone(),
                title: super::one_line(&d.title),
                pages: d.page_count,
                blacked_out: ShareOut::of(blacked),
            })
        })
        .collect();
    by_document.sort_by(|a, b| {
        b.blacked_out
            .share
            .total_cmp(&a.blacked_out.share)
            .then_with(|| a.title.cmp(&b.title))
    });
    (archive, by_document)
}

/// Counts the redactions of `documents`.
pub fn summarise<'a>(documents: impl IntoIterator<Item = &'a Document>) -> RedactionSummary {
    let mut grounds_seen: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut domains: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
    let mut months: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut total, mut without_code, mut with_any, mut repeats_total) = (0, 0, 0, 0);
    let documents: Vec<&Document> = documents.into_iter().collect();
    let (blacked_out, by_document) = shares(&documents);
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
        blacked_out,
        by_document,
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
    fn shares_are_written_per_language_and_documents_sorted_by_them() {
        assert_eq!(Percent::of(0.1234).nl, "12,3 %");
        assert_eq!(Percent::of(0.1234).en, "12.3%");
        assert_eq!(Percent::of(0.0004).nl, "< 0,1 %");
        assert_eq!(Percent::of(0.0).nl, "0,0 %");
        let share = |s: f32| BlackedOut {
            share: s,
            grounds: vec![crate::model::GroundShare {
                code: Some("5.1.2e".into()),
                share: s,
            }],
        };
        let mut little = doc("l", Kind::Pdf, "", &[]);
        little.pages = vec![crate::model::Page {
            number: 1,
            provenance: crate::model::Provenance::TextLayer,
            confidence: None,
            paragraphs: Vec::new(),
            blacked_out: Some(share(0.1)),
        }];
        little.blacked_out = Some(share(0.1));
        let mut much = little.clone();
        much.id = "m".into();
        much.pages[0].blacked_out = Some(share(0.5));
        much.blacked_out = Some(share(0.5));
        let none = doc("n", Kind::Email, "", &[]);
        let summary = summarise([&little, &much, &none]);
        let order: Vec<&str> = summary.by_document.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(order, ["m", "l"]);
        let archive = summary.blacked_out.expect("PDF pages");
        assert_eq!(archive.total.nl, "30,0 %");
        assert_eq!(archive.grounds[0].share.en, "30.0%");
        assert_eq!(summarise([&none]).blacked_out, None);
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
