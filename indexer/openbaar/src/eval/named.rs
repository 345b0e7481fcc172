//! Measures the organisations and people of records against the labelled document
//! facts ([`super::facts_set`]): what was found on a page against what a person read
//! there, per part of the split.
//!
//! - An organisation found is right when the labels name it on the page (by its full
//!   name, or as written, or by a name the table gives it, without the notes the
//!   labels add in brackets, accents aside; or as the unit a label names after its
//!   body, `Ministerie van VWS, Directie Jeugd`), or when a domain on the page belongs
//!   to it. Recall is counted over every labelled organisation, and separately
//!   over those that are public bodies of the table, which is what is matched.
//! - A person found is right when the labels name the same person: the same name, or
//!   one name the end of the other at a word (`De Jonge`, `Hugo de Jonge`).

use super::facts_set::LabelledDocument;
use super::Counts;
use crate::model::organisation::{self, Organisation};
use crate::model::Document;
use unicode_normalization::UnicodeNormalization;

/// Letters and digits only, lower case, without accents (OCR reads `ë` as `é`):
/// `Ministerie van VWS` → `ministerievanvws`.
fn squeeze(text: &str) -> String {
    text.nfd()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn table_entry(name: &str) -> Option<&'static Organisation> {
    organisation::all().iter().find(|o| o.name == name)
}

/// The names an organisation found goes by: its own, and the table's for it.
fn names_of(found: &str) -> Vec<String> {
    let mut names = vec![squeeze(found)];
    if let Some(org) = table_entry(found) {
        names.extend(org.aliases.iter().map(|a| squeeze(a)));
    }
    names
}

/// A labelled name without its notes in brackets: the labels add the parent body or
/// the abbreviation (`Directie Curatieve Zorg (VWS)`, `Landelijke Huisartsen Vereniging
/// (LHV)`), which are not part of the name.
fn without_notes(label: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether an organisation found (by its names) is the labelled organisation: the
/// name as written or in full, with or without the labels' notes in brackets, or the
/// unit a label names after its body (`Ministerie van VWS, Directie Jeugd`).
fn is_labelled(names: &[String], as_written: &str, full: &str) -> bool {
    let mut forms = Vec::new();
    for label in [as_written, full] {
        forms.push(squeeze(label));
        let bare = without_notes(label);
        forms.push(squeeze(&bare));
        // `Ministerie van VWS, Directie Jeugd`, `Centrum X, afdeling Y`: a body and
        // its unit, both named on the page.
        if let Some((body, unit)) = bare.rsplit_once([',', '–']) {
            let unit = unit.trim().to_lowercase();
            if ["directie", "afdeling", "directoraat", "programmadirectie"]
                .iter()
                .any(|w| unit.starts_with(w))
            {
                forms.push(squeeze(body));
                forms.push(squeeze(&unit));
            }
        }
    }
    forms.retain(|f| !f.is_empty());
    names.iter().any(|n| forms.contains(n))
}

/// The counts of one part of the split.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NamedScore {
    /// Found items: right (true positives) and wrong (false positives).
    pub found: Counts,
    /// Labelled items: found (true positives) and missed (false negatives).
    pub labelled: Counts,
    /// Organisations only: labelled public bodies of the table, found and missed.
    pub public: Counts,
    /// What went wrong, described per document.
    pub wrong: Vec<String>,
}

impl NamedScore {
    /// Adds another document's counts.
    pub fn add(&mut self, other: NamedScore) {
        self.found.add(other.found);
        self.labelled.add(other.labelled);
        self.public.add(other.public);
        self.wrong.extend(other.wrong);
    }
}

/// Scores the organisations of one record against its labels.
pub fn organisations(label: &LabelledDocument, doc: &Document) -> NamedScore {
    let mut score = NamedScore::default();
    let domain_bodies: Vec<&str> = label
        .domains
        .iter()
        .filter_map(|d| organisation::by_domain(d))
        .map(|o| o.name.as_str())
        .collect();
    for found in &doc.organisations {
        let names = names_of(found);
        let right = label
            .organisations
            .iter()
            .any(|l| is_labelled(&names, &l.as_written, &l.name))
            || domain_bodies.contains(&found.as_str());
        score.found.add(Counts::of_decision(right, true));
        if !right {
            score
                .wrong
                .push(format!("{}: found {found:?}, not on the page", label.file));
        }
    }
    for labelled in &label.organisations {
        let hit = doc
            .organisations
            .iter()
            .any(|f| is_labelled(&names_of(f), &labelled.as_written, &labelled.name));
        score.labelled.add(Counts::of_decision(true, hit));
        let public = organisation::all().iter().any(|o| {
            if !o.kind.is_public() {
                return false;
            }
            let mut names = vec![squeeze(&o.name)];
            names.extend(o.aliases.iter().map(|a| squeeze(a)));
            is_labelled(&names, &labelled.as_written, &labelled.name)
        });
        if public {
            score.public.add(Counts::of_decision(true, hit));
        }
        if !hit {
            score.wrong.push(format!(
                "{}: missed {:?} ({}){}",
                label.file,
                labelled.as_written,
                labelled.name,
                if public {
                    ", a public body of the table"
                } else {
                    ""
                }
            ));
        }
    }
    score
}

/// Whether two names are one person's: equal, or one the end of the other at a word.
fn same_person(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.ends_with(&short) && short.iter().any(|w| w.len() > 2)
}

/// Scores the people of one record against its labels.
pub fn people(label: &LabelledDocument, doc: &Document) -> NamedScore {
    let mut score = NamedScore::default();
    let mut names: Vec<&str> = doc.people.iter().map(|p| p.name.as_str()).collect();
    names.dedup();
    for found in &names {
        let right = label.people.iter().any(|l| same_person(found, &l.name));
        score.found.add(Counts::of_decision(right, true));
        if !right {
            score.wrong.push(format!(
                "{}: found {found:?}, not a person on the page",
                label.file
            ));
        }
    }
    for labelled in &label.people {
        let hit = names.iter().any(|f| same_person(f, &labelled.name));
        score.labelled.add(Counts::of_decision(true, hit));
        if !hit {
            score
                .wrong
                .push(format!("{}: missed {:?}", label.file, labelled.name));
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_case_and_punctuation() {
        assert!(same_person("De Jonge", "Hugo de Jonge"));
        assert!(same_person("JONGE", "Hugo de Jonge"));
        assert!(!same_person("minister De Jonge", "Hugo de Jonge"));
        assert!(!same_person("de", "Hugo de"));
        let names = names_of("Ministerie van Volksgezondheid, Welzijn en Sport");
        assert!(is_labelled(
            &names,
            "VWS-beleid",
            "Ministerie van Volksgezondheid, Welzijn en Sport"
        ));
        assert!(is_labelled(&names, "Ministerie van VWS", "x"));
        assert!(!is_labelled(
            &names,
            "VNG",
            "Vereniging van Nederlandse Gemeenten"
        ));
        let unit = names_of("Directie Jeugd");
        assert!(is_labelled(&unit, "Jeugd", "Directie Jeugd (VWS)"));
        assert!(is_labelled(
            &unit,
            "Ministerie van VWS – Directie Jeugd",
            "Ministerie van Volksgezondheid, Welzijn en Sport, Directie Jeugd"
        ));
        assert!(!is_labelled(
            &unit,
            "Ministerie van VWS",
            "Ministerie van VWS (Jeugd)"
        ));
        assert!(!is_labelled(
            &names_of("Rijksinstituut voor Volksgezondheid en Milieu"),
            "Cib",
            "Centrum Infectieziektebestrijding (CIb), RIVM"
        ));
    }
}
