//! The type of a document (letter, answers to council questions, minutes, …) by rules
//! over its structure and wording.

use crate::model::{DocType, Kind, Page};

/// The document type by rules over its structure and wording; [`DocType::Onbekend`]
/// when no rule holds.
pub fn doc_type(kind: Kind, title: &str, pages: &[Page], is_email: bool) -> DocType {
    if kind == Kind::Email || is_email {
        return DocType::Email;
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
        DocType::BeantwoordingRaadsvragen
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
        DocType::Raadsbrief
    } else if has(&title, &["agenda"]) {
        DocType::Agenda
    } else if has(&title, &["verslag", "notulen", "aantekeningen"]) {
        DocType::Verslag
    } else if has(&title, &["besluit", "beschikking", "aanwijzing"]) {
        DocType::Besluit
    } else if has(&title, &["presentatie", ".pptx", "slides"]) {
        DocType::Presentatie
    } else if has(
        &title,
        &["memo", "nota", "notitie", "oplegnotitie", "oplegnota"],
    ) || has(&opening, &["\nmemo", "nota\n", "notitie\n"])
    {
        DocType::Memo
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
        DocType::Rapport
    } else if has(&opening, &["geachte", "beste "]) {
        DocType::Brief
    } else {
        DocType::Onbekend
    }
}
