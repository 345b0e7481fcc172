//! People: signatories under a closing greeting, names in address lines, the person a
//! salutation addresses, and people the text names by their function (`minister De
//! Jonge`, `Kamerlid Jetten`, `staatssecretaris Van Ark`, `motie Van den Berg`) or cites
//! (`Chu et al.`). A name is never a fragment of a sentence nor an organisation: most
//! people in released documents are redacted, and a redaction is no one.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{organisation, Page, Person, Role, MONTH_NAMES, WEEKDAY_NAMES};

static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(met\s+)?(vriendelijke|hartelijke|beste)?\s*groet(en)?|^groetjes|^kind regards|^best regards|^hoogachtend")
        .expect("valid regex")
});

static NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][a-zà-ÿ'’]+|[A-Z]\.(?:[A-Z]\.)*)(?:\s+(?:van|de|der|den|ter|ten|te|het|vd|[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.(?:[A-Z]\.)*)){1,4}$")
        .expect("valid regex")
});

/// Words that make a name an organisation's or a sentence's, not a person's.
const NOT_IN_A_NAME: &[&str] = &[
    "institute",
    "instituut",
    "universiteit",
    "university",
    "ministerie",
    "gemeente",
    "directie",
    "team",
    "afdeling",
    "centrum",
    "center",
    "centre",
    "stichting",
    "vereniging",
    "groep",
    "group",
    "raad",
    "dienst",
    "bureau",
    "college",
    "kamer",
    "rijksoverheid",
    "bv",
    "nv",
    "ggd",
    "provincie",
    "inspectie",
    "tweede",
    "eerste",
    "staten",
    "generaal",
    "president",
    "nederland",
    "europa",
    "de",
    "het",
    "een",
    "en",
    "of",
    "met",
    "voor",
    "naar",
    "ook",
    "niet",
    "wel",
    "covid",
    "corona",
];

/// Whether `name` can be a person's: one to five words, the last a surname with small
/// letters, no word of an organisation or of a sentence, not a body of the table.
pub fn is_person_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let particles = [
        "van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "vd",
    ];
    words.len() <= 5
        && last.chars().next().is_some_and(char::is_uppercase)
        && last.chars().any(char::is_lowercase)
        && words.iter().all(|w| {
            let lower = w.to_lowercase();
            let bare = lower.trim_matches(|c: char| !c.is_alphanumeric());
            particles.contains(&lower.as_str()) && *w != *last
                || !(NOT_IN_A_NAME.contains(&bare)
                    || MONTH_NAMES.contains(&bare)
                    || WEEKDAY_NAMES.contains(&bare))
        })
        && !organisation::all()
            .iter()
            .any(|o| o.name == name || o.aliases.iter().any(|a| a == name))
}

/// A surname as the text gives it, with its particles and a first name or initials:
/// `De Jonge`, `van den Berg`, `Hugo de Jonge`, `K. Blauw`.
const SURNAME: &str = r"(?:[A-Z][a-zà-ÿ'’]+\s+|(?:[A-Z]\.\s?)+)?(?:(?:[Vv]an|[Dd]e|[Dd]en|[Dd]er|[Tt]er|[Tt]en)\s+){0,3}[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?";

/// A function, a title (`de heer Jansen`, `mw. Bakker`, `prof. Koopmans`), or a word
/// that names a member of parliament (`motie Jetten`), before a name. `minister van VWS` is a portfolio, so a small `van` after `minister` or
/// `staatssecretaris` is not read as a name.
static FUNCTION_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<f>[Dd]e heer|[Mm]evrouw|[Mm]w\.|[Dd]hr\.|[Pp]rof\.|[Dd]r\.|[Mm]inister-[Pp]resident|[Mm]inister|[Ss]taatssecretaris|[Kk]amerlid|het lid|[Mm]otie|[Bb]urgemeester|[Ww]ethouder|[Gg]edeputeerde|[Pp]remier)\s+(?P<n>{SURNAME})\b"
    ))
    .expect("valid regex")
});

/// The first author of a cited study: `Chu et al.` (OCR also reads `Long etal.`), a
/// surname and a year in brackets (`(Smith, 2009)`), or a surname alone in brackets right
/// after a word for a study (`Oudere studies (Smith)`, `onderzoek (Wertheim)`).
static CITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\b(?P<n>[A-Z][a-zà-ÿ'’\-]+)\s+et\s?al\b",
        r"|\((?P<y>[A-Z][a-zà-ÿ'’\-]+),\s+(?:19|20)\d\d[a-z]?[;)]",
        r"|\b(?:[Ss]tudies?|[Oo]nderzoek|[Rr]eview|[Pp]ublicatie|[Aa]rtikel)\s+",
        r"\((?P<s>[A-Z][a-zà-ÿ'’\-]+)\)"
    ))
    .expect("valid regex")
});

/// `Beste Marieke,`, `Geachte heer Jansen,`, `Dear John,`: a salutation alone on its line.
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:Beste|Geachte(?:\s+(?:heer|mevrouw))?|Hoi|Hallo|Dag|Dear)\s+(?P<n>{SURNAME}),?$"
    ))
    .expect("valid regex")
});

/// People the text names by their function or cites, and those its salutations address.
pub fn named_in_text(pages: &[Page]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut add = |name: &str, function: Option<String>, role: Role| {
        let name = capitalise_particle(name);
        let surname = name.rsplit(' ').next().unwrap_or("").to_string();
        if is_person_name(&name)
            && !people
                .iter()
                .any(|p| p.name.rsplit(' ').next() == Some(surname.as_str()))
        {
            people.push(Person {
                name,
                function,
                role,
            });
        }
    };
    for paragraph in pages.iter().flat_map(|p| &p.paragraphs) {
        let text = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
        for caps in FUNCTION_NAME.captures_iter(&text) {
            let function = caps["f"].to_lowercase();
            let name = &caps["n"];
            let portfolio = name.starts_with("van ") || name.starts_with("voor ");
            if portfolio
                && ["minister", "staatssecretaris", "minister-president"]
                    .contains(&function.as_str())
            {
                continue;
            }
            let function = match function.as_str() {
                "motie" | "het lid" | "de heer" | "mevrouw" | "mw." | "dhr." | "prof." | "dr." => {
                    None
                }
                "kamerlid" => Some("Kamerlid".to_string()),
                _ => Some(function),
            };
            add(name, function, Role::Mentioned);
        }
        for caps in CITED.captures_iter(&text) {
            let name = ["n", "y", "s"].iter().find_map(|g| caps.name(g));
            if let Some(name) = name {
                add(name.as_str(), None, Role::Mentioned);
            }
        }
        if let Some(caps) = SALUTATION.captures(text.trim()) {
            add(&caps["n"], None, Role::Recipient);
        }
    }
    people
}

/// `de Jonge` without a first name is written `De Jonge`.
fn capitalise_particle(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => name.to_string(),
    }
}

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
            if NAME.is_match(line) && is_person_name(line) {
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
    (NAME.is_match(name) && !name.contains('@') && is_person_name(name)).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    fn page(paragraphs: &[&str]) -> Vec<Page> {
        vec![Page {
            number: 1,
            provenance: Provenance::TextLayer,
            confidence: None,
            paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
            blacked_out: None,
        }]
    }

    fn names(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        named_in_text(&page(paragraphs))
            .into_iter()
            .map(|p| (p.name, p.function))
            .collect()
    }

    #[test]
    fn functions_name_people_but_portfolios_do_not() {
        assert_eq!(
            names(&[
                "Wilt u minister De Jonge vragen? Ook Kamerlid Jetten en staatssecretaris Van Ark."
            ]),
            vec![
                ("De Jonge".to_string(), Some("minister".to_string())),
                ("Jetten".to_string(), Some("Kamerlid".to_string())),
                ("Van Ark".to_string(), Some("staatssecretaris".to_string())),
            ]
        );
        assert!(names(&["De minister van Volksgezondheid en de minister van VWS."]).is_empty());
        assert!(names(&[
            "het lid van de Tweede Kamer",
            "Minister VWS",
            "motie van wantrouwen"
        ])
        .is_empty());
        assert_eq!(
            names(&["motie Van den Berg", "Motie van de Berg"]),
            vec![("Van den Berg".to_string(), None)]
        );
        assert_eq!(
            names(&["het lid de Groot (D66)"]),
            vec![("De Groot".to_string(), None)]
        );
    }

    #[test]
    fn citations_and_salutations_name_people() {
        assert_eq!(
            names(&["In de studie van Chu et al. blijkt", "Beste Marieke,"]),
            vec![("Chu".to_string(), None), ("Marieke".to_string(), None)]
        );
        assert!(names(&["Beste collega's,", "Geachte heer,"]).is_empty());
        assert_eq!(
            names(&["(Long etal., 2020). Oudere studies (Smith) en (Jansen, 2019a; x)"]),
            vec![
                ("Long".to_string(), None),
                ("Smith".to_string(), None),
                ("Jansen".to_string(), None)
            ]
        );
        assert_eq!(
            names(&["Aan: mevrouw K. Blauw (PVV) en de heer Y. Menger; de heer █ niet."]),
            vec![
                ("K. Blauw".to_string(), None),
                ("Y. Menger".to_string(), None)
            ]
        );
        assert!(
            names(&["het onderzoek (RIVM) en de Directie (Zorg) in 2020 (Utrecht)"]).is_empty()
        );
    }

    #[test]
    fn organisations_and_sentences_are_not_people() {
        assert!(!is_person_name("Athena Institute"));
        assert!(!is_person_name("Tweede Kamer"));
        assert!(!is_person_name("Met vriendelijke groet"));
        assert!(is_person_name("Hugo de Jonge"));
        assert!(is_person_name("Roelien Kamminga"));
    }
}
