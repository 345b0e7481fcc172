//! People: signatories under a closing greeting, and names in address lines.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Page, Person, Role};

static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(met\s+)?(vriendelijke|hartelijke|beste)?\s*groet(en)?|^groetjes|^kind regards|^best regards|^hoogachtend")
        .expect("valid regex")
});

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][a-zà-ÿ'’]+|[A-Z]\.(?:[A-Z]\.)*)(?:\s+(?:van|de|der|den|ter|ten|te|het|vd|[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.(?:[A-Z]\.)*)){1,4}$")
        .expect("valid regex")
});

/// Signatories: names (with their function) in the lines after a closing greeting.
pub fn signatories(pages: &[Page]) -> Vec<Person> {
    let paragraphs: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.paragraphs.iter().map(String::as_str))
        .collect();
    let mut people = Vec::new();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if !CLOSING.is_match(paragraph.trim()) {
            continue;
        }
        let mut j = i + 1;
        while j < paragraphs.len() && j <= i + 8 {
            let line = paragraphs[j].trim().trim_end_matches(',');
            // Two signatures side by side: `burgemeester, loco-secretaris,` above
            // `Roelien Kamminga Bert Popken`.
            let functions: Vec<&str> = paragraphs[j - 1]
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect();
            let words: Vec<&str> = line.split_whitespace().collect();
            if functions.len() == 2
                && words.len() == 4
                && functions.iter().all(|f| looks_like_function(f))
                && NAME.is_match(line)
            {
                for (k, function) in functions.iter().enumerate() {
                    people.push(Person {
                        name: words[k * 2..k * 2 + 2].join(" "),
                        function: Some(function.to_string()),
                        role: Role::Signatory,
                    });
                }
                j += 1;
                continue;
            }
            if NAME.is_match(line) && !line.contains("Groeten") {
                let function = paragraphs
                    .get(j + 1)
                    .map(|f| f.trim())
                    .filter(|f| looks_like_function(f))
                    .map(str::to_string);
                people.push(Person {
                    name: line.to_string(),
                    role: Role::Signatory,
                    function: function.clone(),
                });
                j += if function.is_some() { 2 } else { 1 };
                continue;
            }
            // Stop at the first line that is neither a name nor a role line.
            if !looks_like_function(line) && !line.is_empty() {
                break;
            }
            j += 1;
        }
    }
    people.dedup();
    people
}

fn looks_like_function(line: &str) -> bool {
    let lower = line.to_lowercase();
    let words = line.split_whitespace().count();
    (1..=8).contains(&words)
        && !line.contains(':')
        && !line.contains('@')
        && (line.starts_with(|c: char| c.is_lowercase())
            || [
                "directeur",
                "secretaris",
                "burgemeester",
                "wethouder",
                "manager",
                "adviseur",
                "medewerker",
                "hoofd",
                "voorzitter",
                "minister",
                "coördinator",
                "beleids",
            ]
            .iter()
            .any(|w| lower.contains(w)))
}

/// A person's name from an address line (`Manouska Molema <Manouska.Molema@groningen.nl>`,
/// `Manouska Molema[…]`), or `None` for a bare address or a redaction.
pub fn name_of(address: &str) -> Option<String> {
    let name = address
        .split(['<', '['])
        .next()
        .unwrap_or("")
        .trim()
        .trim_matches(['\'', '"'])
        .trim();
    (NAME.is_match(name) && !name.contains('@')).then(|| name.to_string())
}
