//! Redaction counts: per document (its summary box) and across the archive (the
//! redactions page): per ground, per organisation whose addresses were redacted, per month.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{grounds, Document, Redaction};

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
    total: usize,
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
    let (mut total, mut without_code, mut with_any) = (0, 0, 0);
    for doc in documents {
        if doc.redactions.is_empty() {
            continue;
        }
        with_any += 1;
        total += doc.redactions.len();
        without_code += doc
            .redactions
            .iter()
            .filter(|r| r.grounds.is_empty())
            .count();
        let mut codes_here: Vec<&str> = Vec::new();
        for redaction in &doc.redactions {
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
            entry.0 += doc.redactions.len();
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
