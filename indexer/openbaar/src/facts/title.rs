//! The title of a document: its subject, a subject line, the format's own title, or the
//! file name made readable.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Extracted, Page};

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
    use crate::model::Provenance;

    fn pages(text: &str) -> Vec<Page> {
        vec![Page {
            number: 1,
            provenance: Provenance::TextLayer,
            confidence: None,
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
