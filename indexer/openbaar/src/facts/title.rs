//! The title of a document: its subject, a subject line, the format's own title, or the
//! file name made readable.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Extracted, Page};

/// Longest title kept, in characters; longer ones are cut at a word boundary.
const MAX_TITLE_CHARS: usize = 160;

static SUBJECT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(onderwerp|betreft|subject|titel)\s*:\s*(\S.{3,})$").expect("valid regex")
});

/// A subject label alone on its paragraph (`Betreft`), its value in the next.
static SUBJECT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(onderwerp|betreft|subject|titel)\s*:?\s*$").expect("valid regex")
});

/// A header label OCR glued onto the end of a subject (`… 0.2 Received: Thur 9/3/2020`).
static GLUED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s+(received|sent|verzonden|to|aan|cc|from|van)\s*:.*$").expect("valid regex")
});

/// The subject in the first paragraphs: a subject line, or a subject label alone with
/// its value in the next paragraph (and the one after, when the value wraps: it ends
/// without a stop and the next starts in lower case).
fn subject_in(pages: &[Page]) -> Option<String> {
    let paragraphs: Vec<&String> = pages
        .iter()
        .take(2)
        .flat_map(|p| p.paragraphs.iter())
        .collect();
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if let Some(caps) = SUBJECT_LINE.captures(paragraph) {
            return Some(GLUED_LABEL.replace(caps[2].trim(), "").to_string());
        }
        if SUBJECT_LABEL.is_match(paragraph) {
            // A form marks a required field with `*` on a paragraph of its own, between
            // the label and its value (`Titel`, `*`, `Kamerbrief Kuchschermen`).
            let at = (i + 1..paragraphs.len().min(i + 3))
                .find(|&k| !is_field_mark(paragraphs[k]))
                .unwrap_or(i + 1);
            let Some(value) = paragraphs
                .get(at)
                .filter(|v| v.split_whitespace().count() >= 2 && !SUBJECT_LABEL.is_match(v))
            else {
                continue;
            };
            let mut value = value.trim().to_string();
            if let Some(next) = paragraphs.get(at + 1) {
                let wraps = !value.ends_with(['.', '?', '!', ':'])
                    && next.chars().next().is_some_and(char::is_lowercase);
                if wraps {
                    value = format!("{value} {}", next.trim());
                }
            }
            return Some(value);
        }
    }
    None
}

/// A paragraph that is only a form's mark of a required field (`*`, `(*)`).
fn is_field_mark(paragraph: &str) -> bool {
    let mark = paragraph.trim();
    !mark.is_empty() && mark.chars().all(|c| matches!(c, '*' | '(' | ')' | ':'))
}

/// Chooses a title: the email subject, a subject line in the text (`Onderwerp:`,
/// `Betreft`, `Titel:`),
/// the PDF's own title, or else the file name made readable.
pub fn title(extracted: &Extracted, pages: &[Page], file_name: &str) -> String {
    let from_text = || subject_in(pages);
    let chosen = extracted
        .subject
        .clone()
        .filter(|s| !s.trim().is_empty())
        .or_else(from_text)
        .or_else(|| extracted.title.clone())
        .unwrap_or_else(|| title_from_file_name(file_name));
    shorten(&chosen)
}

/// A printed email's title: its newest message's subject, shortened like any title.
pub fn title_of_subject(subject: &str) -> String {
    shorten(subject)
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
    use crate::model::Provenance;

    fn pages(text: &str) -> Vec<Page> {
        vec![Page {
            number: 1,
            provenance: Provenance::TextLayer,
            confidence: None,
            paragraphs: text.split("\n\n").map(str::to_string).collect(),
            blacked_out: None,
        }]
    }

    #[test]
    fn a_subject_label_alone_takes_the_next_paragraph_and_its_wrap() {
        let e = Extracted::default();
        let text = pages("AGENDA\n\nBetreft\n\nOverleg over de strategie voor mensen met een\n\nbeperking of ziekte\n\nVergaderplaats");
        assert_eq!(
            title(&e, &text, "171080.pdf"),
            "Overleg over de strategie voor mensen met een beperking of ziekte"
        );
        let text = pages("Type voorstel\n\n*\n\nNotitie\n\nTitel\n\n*\n\nKamerbrief Kuchschermen\n\nInhoud en doelstelling van het");
        assert_eq!(title(&e, &text, "172695.pdf"), "Kamerbrief Kuchschermen");
        let text = pages("Aan: ACC-19\n\nTitel: Inventarisatie van maatregelen\n\nInleiding");
        assert_eq!(
            title(&e, &text, "172684.pdf"),
            "Inventarisatie van maatregelen"
        );
        let text = pages("Subject: RE: concept bericht Received: Thur 9/3/2020 8:53:51 AM");
        assert_eq!(title(&e, &text, "1.pdf"), "RE: concept bericht");
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
