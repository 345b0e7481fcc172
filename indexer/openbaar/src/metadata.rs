//! Step 4: facts about a document derived from its text and what the format stated.
//! For now: the title. Dates, people, types and organisations grow here.

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::Extracted;
use crate::record::Page;

/// Longest title kept, in characters; longer ones are cut at a word boundary.
const MAX_TITLE_CHARS: usize = 160;

static SUBJECT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(onderwerp|betreft|subject)\s*:\s*(\S.{3,})$").expect("valid regex")
});

/// Chooses a title: the email subject, a subject line in the text (`Onderwerp:`),
/// the PDF's own title, or else the file name made readable.
pub fn title(extracted: &Extracted, pages: &[Page], file_name: &str) -> String {
    let from_text = || {
        pages
            .iter()
            .take(2)
            .flat_map(|p| p.paragraphs.iter())
            .find_map(|p| SUBJECT_LINE.captures(p).map(|c| c[2].trim().to_string()))
    };
    let chosen = extracted
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(from_text)
        .or_else(|| extracted.title.clone())
        .unwrap_or_else(|| title_from_file_name(file_name));
    shorten(&chosen)
}

/// `VWS-WOO-183586-RE_nieuw_thuisblijf.pdf` → `RE nieuw thuisblijf`.
pub fn title_from_file_name(file_name: &str) -> String {
    let stem = file_name
        .rsplit_once('.')
        .map(|(stem, _)| stem)
        .unwrap_or(file_name);
    let stem = stem
        .trim_end_matches(".pdf")
        .trim_end_matches(".docx")
        .trim_end_matches(".doc");
    static RELEASE_PREFIX: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Z]{2,}-WOO-\d+-").expect("valid regex"));
    let stem = RELEASE_PREFIX.replace(stem, "");
    let words: Vec<&str> = stem.split(['_', ' ']).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        file_name.to_string()
    } else {
        words.join(" ")
    }
}

fn shorten(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.chars().count() <= MAX_TITLE_CHARS {
        return title;
    }
    let cut: String = title.chars().take(MAX_TITLE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map(|(head, _)| head).unwrap_or(&cut);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Provenance;

    fn pages(text: &str) -> Vec<Page> {
        vec![Page {
            number: 1,
            provenance: Provenance::TextLayer,
            paragraphs: text.split("\n\n").map(str::to_string).collect(),
        }]
    }

    #[test]
    fn subject_wins_then_subject_line_then_pdf_title_then_file_name() {
        let mut e = Extracted {
            subject: Some("RE: Spoedoverleg BO JBN".into()),
            title: Some("Brief".into()),
            ..Extracted::default()
        };
        let text = pages(
            "Datum: 18 maart 2025\n\nOnderwerp: Informatie over de inkoopregio jeugdhulp Drenthe",
        );
        assert_eq!(title(&e, &text, "x.pdf"), "RE: Spoedoverleg BO JBN");
        e.subject = None;
        assert_eq!(
            title(&e, &text, "x.pdf"),
            "Informatie over de inkoopregio jeugdhulp Drenthe"
        );
        assert_eq!(title(&e, &pages("Geachte lezer,"), "x.pdf"), "Brief");
        e.title = None;
        assert_eq!(
            title(
                &e,
                &pages(""),
                "VWS-WOO-183586-RE_nieuw_thuisblijf_en_testbeleid.pdf"
            ),
            "RE nieuw thuisblijf en testbeleid"
        );
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "woord ".repeat(60);
        let t = shorten(&long);
        assert!(t.chars().count() <= MAX_TITLE_CHARS + 1);
        assert!(t.ends_with("woord…"));
    }
}

/// Where a document's date came from, best first.
pub mod date_source {
    /// The Date header of a real email.
    pub const EMAIL_HEADER: &str = "email_header";
    /// The Sent/Verzonden line of the newest message of a printed email.
    pub const EMAIL_SENT: &str = "email_sent";
    /// A `Datum:` line of a letter.
    pub const DATE_LINE: &str = "date_line";
    /// A date beside the signature or the place name (`Groningen, 26 maart 2025`).
    pub const SIGNATURE: &str = "signature";
    /// The inventory list of the release.
    pub const INVENTORY: &str = "inventory";
    /// The PDF's creation date: usually the export date, a last resort.
    pub const PDF_METADATA: &str = "pdf_metadata";
}

static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(datum|date|dagtekening)\s*:?\s*(?P<rest>.+)$").expect("valid regex")
});

static CLOSING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(met\s+)?(vriendelijke|hartelijke|beste)?\s*groet(en)?|^groetjes|^kind regards|^best regards|^hoogachtend")
        .expect("valid regex")
});

/// The document date and its source, best source first: an email's own date, the
/// newest message of a printed thread, a `Datum:` line, a date by the signature, and
/// the PDF metadata last (the inventory list is applied by the pipeline, above that).
pub fn document_date(
    stated: Option<&(String, &'static str)>,
    pages: &[Page],
    messages: &[crate::messages::Message],
) -> Option<(String, &'static str)> {
    if let Some((date, "email_header")) = stated {
        return Some((date.clone(), date_source::EMAIL_HEADER));
    }
    if let Some(date) = messages.first().and_then(|m| m.date.clone()) {
        return Some((date, date_source::EMAIL_SENT));
    }
    let first_paragraphs: Vec<&String> = pages
        .iter()
        .take(2)
        .flat_map(|p| p.paragraphs.iter())
        .take(40)
        .collect();
    for paragraph in &first_paragraphs {
        if let Some(caps) = DATE_LINE.captures(paragraph) {
            if let Some(found) = crate::dates::find_dates(&caps["rest"]).first() {
                if found.value.precision == crate::dates::Precision::Day && found.start <= 2 {
                    return Some((found.value.iso(), date_source::DATE_LINE));
                }
            }
        }
    }
    // A letterhead's date on a line of its own (`11 SEP. 2020`), its label elsewhere.
    for paragraph in &first_paragraphs {
        let found = crate::dates::find_dates(paragraph);
        if let [only] = found.as_slice() {
            let alone = only.start == 0 && only.end == paragraph.trim_end().len();
            if alone && only.value.precision == crate::dates::Precision::Day {
                return Some((only.value.iso(), date_source::DATE_LINE));
            }
        }
    }
    if let Some(date) = signature_date(pages) {
        return Some((date, date_source::SIGNATURE));
    }
    stated.map(|(date, _)| (date.clone(), date_source::PDF_METADATA))
}

/// `Groningen, 26 maart 2025` on a line of its own near the top or the signature.
fn signature_date(pages: &[Page]) -> Option<String> {
    static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][a-zA-Z'\- ]{1,30},\s+(?P<date>.{6,40})$").expect("valid regex")
    });
    let paragraphs: Vec<&String> = pages.iter().flat_map(|p| p.paragraphs.iter()).collect();
    let near_edges = paragraphs
        .iter()
        .take(15)
        .chain(paragraphs.iter().rev().take(15));
    for paragraph in near_edges {
        if let Some(caps) = PLACE_DATE.captures(paragraph) {
            let found = crate::dates::find_dates(&caps["date"]);
            if let Some(f) = found
                .first()
                .filter(|f| f.value.precision == crate::dates::Precision::Day)
            {
                return Some(f.value.iso());
            }
        }
    }
    None
}

/// A person named in a document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Person {
    /// The name as written.
    pub name: String,
    /// The function under the name, when given.
    pub function: Option<String>,
    /// `sender`, `recipient` or `signatory`.
    pub role: String,
}

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
                        role: "signatory".into(),
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
                    role: "signatory".into(),
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

/// The document type by rules over its structure and wording; `unknown` when no rule
/// holds. Dutch labels, as shown on the site.
pub fn doc_type(
    kind: crate::record::Kind,
    title: &str,
    pages: &[Page],
    is_email: bool,
) -> &'static str {
    if kind == crate::record::Kind::Email || is_email {
        return "e-mail";
    }
    let opening: String = pages
        .iter()
        .take(2)
        .flat_map(|p| p.paragraphs.iter())
        .take(12)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase();
    let opening: String = opening.chars().take(900).collect();
    let title = title.to_lowercase();
    let has = |text: &str, words: &[&str]| words.iter().any(|w| text.contains(w));
    // Answers announce themselves in the opening lines; later a letter may only refer
    // to earlier answers.
    let first_lines: String = opening.lines().take(4).collect::<Vec<_>>().join("\n");
    if has(
        &first_lines,
        &[
            "ex art. 36",
            "ex artikel 36",
            "art. 36 rvo",
            "schriftelijke vragen",
        ],
    ) && has(&first_lines, &["antwoord", "beantwoording"])
    {
        "beantwoording raadsvragen"
    } else if has(
        &title,
        &["raadsinformatiebrief", "raadsbrief", "raadsvoorstel"],
    ) || has(
        &opening,
        &[
            "leden van de raad",
            "leden van de gemeenteraad",
            "aan de gemeenteraad",
            "raadsinformatiebrief",
        ],
    ) || (opening.contains("aan de leden van de") && opening.contains("gemeenteraad"))
    {
        "raadsbrief"
    } else if has(&title, &["agenda"]) {
        "agenda"
    } else if has(&title, &["verslag", "notulen", "aantekeningen"]) {
        "verslag"
    } else if has(&title, &["besluit", "beschikking", "aanwijzing"]) {
        "besluit"
    } else if has(&title, &["presentatie", ".pptx", "slides"]) {
        "presentatie"
    } else if has(
        &title,
        &["memo", "nota", "notitie", "oplegnotitie", "oplegnota"],
    ) || has(&opening, &["\nmemo", "nota\n", "notitie\n"])
    {
        "memo"
    } else if has(
        &title,
        &[
            "rapport",
            "rapportage",
            "onderzoek",
            "survey",
            "monitor",
            "evaluatie",
        ],
    ) {
        "rapport"
    } else if has(&opening, &["geachte", "beste "]) {
        "brief"
    } else {
        "onbekend"
    }
}
