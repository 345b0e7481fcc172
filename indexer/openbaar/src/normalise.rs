//! Step 3: turn raw page text into clean paragraphs.
//!
//! - Unicode: NFC, ligatures spelled out, soft hyphens and zero-width characters dropped;
//! - running headers and footers (lines repeated at the top or bottom of most pages)
//!   and page numbers removed;
//! - lines re-flowed into paragraphs, with line-end hyphenation joined where it is a
//!   line break (`seri-` + `eus` → `serieus`) and kept where it is a real hyphen
//!   (`Noord-` + `Nederland`, `wet-` + `en regelgeving`, `AEF-` + `onderzoek`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::model::{Page, RawPage, MARKER};

/// A line this close to the longest lines of its page (as a fraction) is taken to run
/// on into the next line: it was broken by the layout, not by the author.
const FULL_LINE_FRACTION: f32 = 0.72;
/// Pages with shorter lines than this are not re-flowed (tables, forms, headers).
const MIN_REFLOW_WIDTH: usize = 35;
/// How many lines at the top and bottom of a page are looked at for headers/footers.
const EDGE_LINES: usize = 3;

/// Normalises the raw pages of one document.
pub fn normalise_pages(raw: &[RawPage]) -> Vec<Page> {
    let cleaned: Vec<Vec<String>> = raw.iter().map(|p| clean_lines(&p.text)).collect();
    let without_edges = remove_running_lines(cleaned);
    let lexicon = HyphenLexicon::from_pages(&without_edges);
    raw.iter()
        .zip(without_edges)
        .enumerate()
        .map(|(i, (raw_page, lines))| Page {
            number: i as u32 + 1,
            provenance: raw_page.provenance,
            confidence: raw_page.confidence,
            paragraphs: paragraphs(&lines, &lexicon),
            blacked_out: None,
        })
        .collect()
}

/// Unicode clean-up of a whole text, line structure kept.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfc() {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}' | '\u{2060}' => {}
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\t' => out.push(' '),
            '\r' => {}
            // The redaction marker must only ever mean a redaction.
            MARKER => out.push('■'),
            '\u{000C}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

fn clean_lines(text: &str) -> Vec<String> {
    clean_text(text)
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(pagina|page|blz\.?|p\.)?\s*[-–]?\s*\d{1,4}\s*((/|van|of|uit)\s*\d{1,4})?\s*[-–]?\s*$")
        .expect("valid regex")
});

/// The shape of a line with its numbers blanked, so `Pagina 2 van 5` and
/// `Pagina 3 van 5` count as the same running line.
fn line_shape(line: &str) -> String {
    let mut shape = String::new();
    let mut last_space = true;
    for c in line.trim().chars() {
        if c.is_ascii_digit() {
            if !shape.ends_with('#') {
                shape.push('#');
            }
            last_space = false;
        } else if c.is_whitespace() {
            if !last_space {
                shape.push(' ');
            }
            last_space = true;
        } else {
            shape.extend(c.to_lowercase());
            last_space = false;
        }
    }
    shape
}

/// Indices of the first and last few non-empty lines of a page.
fn edge_indices(lines: &[String]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].trim().is_empty())
        .collect();
    let mut edges: Vec<usize> = filled.iter().take(EDGE_LINES).copied().collect();
    edges.extend(filled.iter().rev().take(EDGE_LINES));
    edges.sort_unstable();
    edges.dedup();
    edges
}

/// Drops page numbers, and lines that repeat at the edges of at least half the pages
/// (two pages at least): letterheads, running titles, footers.
fn remove_running_lines(pages: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let cleaned = drop_running_lines(pages.clone());
    // A document that is nothing but running lines (`Pagina 1 van 3000` on every page)
    // keeps them: removing them would publish a document without any text.
    let any_text = cleaned.iter().flatten().any(|l| !l.trim().is_empty());
    if any_text {
        cleaned
    } else {
        pages
    }
}

fn drop_running_lines(pages: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut pages_with_shape: HashMap<String, usize> = HashMap::new();
    for lines in &pages {
        let shapes: HashSet<String> = edge_indices(lines)
            .into_iter()
            .map(|i| line_shape(&lines[i]))
            .collect();
        for shape in shapes {
            *pages_with_shape.entry(shape).or_default() += 1;
        }
    }
    let threshold = (pages.len() / 2).max(2);
    pages
        .into_iter()
        .map(|mut lines| {
            let drop: HashSet<usize> = edge_indices(&lines)
                .into_iter()
                .filter(|&i| {
                    PAGE_NUMBER.is_match(&lines[i])
                        || pages_with_shape
                            .get(&line_shape(&lines[i]))
                            .is_some_and(|&n| n >= threshold)
                })
                .collect();

            let mut i = 0;
            lines.retain(|_| {
                i += 1;
                !drop.contains(&(i - 1))
            });
            lines
        })
        .collect()
}

static HYPHENATED_WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\w+)-(\w+)\b").expect("valid regex"));
static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// The words of the document itself, used to tell a real hyphen from a line break:
/// if `e-mail` is written with a hyphen in the middle of a line elsewhere, `e-` at a
/// line end followed by `mail` keeps its hyphen.
#[derive(Debug, Default)]
struct HyphenLexicon {
    hyphenated: HashSet<String>,
    words: HashSet<String>,
}

impl HyphenLexicon {
    fn from_pages(pages: &[Vec<String>]) -> Self {
        let mut lexicon = HyphenLexicon::default();
        for line in pages.iter().flatten() {
            for caps in HYPHENATED_WORD.captures_iter(line) {
                lexicon
                    .hyphenated
                    .insert(format!("{}-{}", &caps[1], &caps[2]).to_lowercase());
            }
            for word in WORD.find_iter(line) {
                lexicon.words.insert(word.as_str().to_lowercase());
            }
        }
        lexicon
    }
}

/// How the end of one line joins the start of the next.
fn join_lines(previous: &str, next: &str, lexicon: &HyphenLexicon) -> String {
    let next = next.trim_start();
    let Some(stem) = previous.strip_suffix('-') else {
        return format!("{previous} {next}");
    };
    let fragment: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let next_word: String = next.chars().take_while(|c| c.is_alphanumeric()).collect();
    let first = next.chars().next();
    // A dash after a space, or a hyphen before punctuation, is not hyphenation.
    if fragment.is_empty() || next_word.is_empty() {
        return format!("{previous} {next}");
    }
    // `wet- en regelgeving`, `jeugdbeschermings- of jeugdreclasseringsmaatregel`.
    if matches!(
        next_word.to_lowercase().as_str(),
        "en" | "of" | "tot" | "noch" | "and" | "or" | "to"
    ) {
        return format!("{previous} {next}");
    }
    let upper_next = first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let acronym = fragment.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && fragment.chars().all(|c| !c.is_lowercase());
    let written_with_hyphen = lexicon
        .hyphenated
        .contains(&format!("{fragment}-{next_word}").to_lowercase());
    let written_joined = lexicon
        .words
        .contains(&format!("{fragment}{next_word}").to_lowercase());
    if upper_next || acronym || (written_with_hyphen && !written_joined) {
        format!("{previous}{next}")
    } else {
        format!("{stem}{next}")
    }
}

static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*([-•·▪●◦*o]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\(\w{1,3}\)\s)")
        .expect("valid regex")
});

/// Groups lines into paragraphs: blank lines separate, and within a block a line that
/// fills its page's width runs on into the next unless that one starts a list item.
fn paragraphs(lines: &[String], lexicon: &HyphenLexicon) -> Vec<String> {
    let full_width = typical_full_width(lines);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut previous_len = 0usize;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            out.extend(current.take());
            continue;
        }
        current = Some(match current.take() {
            None => trimmed.to_string(),
            Some(paragraph) => {
                // A word broken at the line end runs on whatever the line's length.
                let broken_word = paragraph.ends_with('-')
                    && paragraph[..paragraph.len() - 1]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic);
                let full_line = (previous_len as f32) >= FULL_LINE_FRACTION * full_width as f32;
                let runs_on = full_width >= MIN_REFLOW_WIDTH
                    && (full_line || broken_word)
                    && !paragraph.ends_with(':')
                    && !LIST_ITEM.is_match(trimmed);
                if runs_on {
                    join_lines(&paragraph, trimmed, lexicon)
                } else {
                    out.push(paragraph);
                    trimmed.to_string()
                }
            }
        });
        previous_len = trimmed.chars().count();
    }
    out.extend(current);
    out.into_iter()
        .map(|p| collapse_spaces(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The width of a full line on this page: the 90th percentile of line lengths.
fn typical_full_width(lines: &[String]) -> usize {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n > 0)
        .collect();
    if lengths.is_empty() {
        return 0;
    }
    lengths.sort_unstable();
    lengths[(lengths.len() * 9 / 10).min(lengths.len() - 1)]
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    fn page(text: &str) -> RawPage {
        RawPage {
            provenance: Provenance::TextLayer,
            confidence: None,
            text: text.to_string(),
        }
    }

    fn normalise_one(text: &str) -> Vec<String> {
        normalise_pages(&[page(text)]).remove(0).paragraphs
    }

    const SEED_001: &str =
        "De bevindingen uit het overkoepelende inspectierapport Als zelfs overheidsingrijpen
kinderen geen bescherming biedt, het inspectierapport over JB Noord en verhalen van
ouders die ons de afgelopen tijd hebben bereikt raken ons diep en nemen wij zeer seri-
eus. Ze laten zien hoe de tekortkomingen in de uitvoering van kinderbeschermings-
maatregelen hebben doorgewerkt in het leven van jeugdigen en gezinnen. Hoe Kkijkt
het college aan tegen het voorstel voor een parlementaire enquéte naar de jeugdbe-
scherming in Noord-Ne-
derland en het Noord-
Nederlandse beleid, de wet- en regelgeving en het AEF-
onderzoek, dat in Noord-Nederland bekend is? Het is een lange zin voor de breedte.

o kinderen krijgen nog steeds geen vaste jeugdbeschermer;
o veiligheidsplannen ontbreken of zijn niet actueel;";

    #[test]
    fn line_end_hyphenation_is_joined_only_where_it_is_a_break() {
        let paragraphs = normalise_one(SEED_001);
        let text = paragraphs.join("\n");
        for expected in [
            "zeer serieus.",
            "kinderbeschermingsmaatregelen",
            "jeugdbescherming in Noord-Nederland",
            "Noord-Nederlandse",
            "wet- en regelgeving",
            "AEF-onderzoek",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        assert!(!text.contains("seri-"));
    }

    #[test]
    fn paragraphs_and_list_items_stay_apart() {
        let paragraphs = normalise_one(SEED_001);
        assert_eq!(paragraphs.len(), 3, "{paragraphs:#?}");
        assert!(paragraphs[1].starts_with("o kinderen"));
    }

    #[test]
    fn a_word_written_with_a_hyphen_elsewhere_keeps_it() {
        let text = "Stuur uw vraag per e-mail naar de griffie van de gemeente Groningen, via het e-\nmail adres op de website van de gemeenteraad van Groningen en Assen vandaag.";
        let joined = normalise_one(text).join(" ");
        assert!(joined.contains("via het e-mail adres"), "{joined}");
    }

    #[test]
    fn ligatures_soft_hyphens_and_nfc() {
        assert_eq!(
            clean_text("o\u{FB03}cie\u{0308}le be\u{00AD}slis\u{FB01}ng"),
            "officiële beslisfing"
        );
        assert_eq!(clean_text("a\u{00A0}b\r\n"), "a b\n");
    }

    const BODIES: [&str; 3] = [
        "Geachte lezer,",
        "Wij informeren u.",
        "Met vriendelijke groet,",
    ];

    #[test]
    fn running_footers_and_page_numbers_are_removed() {
        let pages: Vec<RawPage> = (1..=3)
            .map(|n| {
                page(&format!(
                    "Gemeente Groningen\n\n{}\n\nPagina {n} van 3",
                    BODIES[n - 1]
                ))
            })
            .collect();
        let normalised = normalise_pages(&pages);
        for (n, p) in normalised.iter().enumerate() {
            assert_eq!(p.paragraphs, vec![BODIES[n].to_string()]);
        }
    }

    #[test]
    fn a_document_of_only_running_lines_keeps_them() {
        let pages: Vec<RawPage> = (1..=3)
            .map(|n| page(&format!("Pagina {n} van 3")))
            .collect();
        let normalised = normalise_pages(&pages);
        assert_eq!(normalised[2].paragraphs, vec!["Pagina 3 van 3"]);
    }

    #[test]
    fn a_single_page_keeps_its_heading() {
        let paragraphs = normalise_one("Gemeente Groningen\n\nGeachte lezer,\n\n3");
        assert_eq!(paragraphs, vec!["Gemeente Groningen", "Geachte lezer,"]);
    }
}
