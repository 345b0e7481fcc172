//! The grounds printed in one redaction box, from what OCR read inside it.
//!
//! Inside a box there is no context to weigh: whatever is read is a ground or nothing.
//! Each piece (split at `;`, `,` and spaces; two pieces together where one alone is
//! nothing, as OCR splits codes at a space) is squeezed to its letters and digits
//! (`5.1.2e` → `512e`) and matched against the grounds table:
//! 1. exactly (`5 .1.2e`, `51.2e`, `10.2.e`);
//! 2. else, where the law wants a letter after the article (`5.1.1`, `5.1.2`, `10.1`,
//!    `10.2`) and OCR read a character that has exactly one letter it is mistaken for
//!    (`6`, `8` for `e`; `1` for `i`): `5.1.26` → `5.1.2e`;
//! 3. else, if the piece is one code whose first character was lost or misread
//!    (`.1.2e`, `6.1.26` → `5.1.2e`), and no other code ends that way;
//! 4. else, if exactly one lettered ground occurs inside the piece (`55.1.2e` → `5.1.2e`).
//!
//! Pieces that match nothing are dropped; a box where nothing matched has no ground.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::model::grounds;

/// What was read in a box.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxCodes {
    /// The grounds, in the order printed, without repeats.
    pub codes: Vec<&'static str>,
    /// How sure the reading is, 0–1: the engine's confidence in the words used, lowered
    /// for a repaired letter (step 2: ×0.8) or a code found inside junk (steps 3 and 4: ×0.6).
    pub confidence: f32,
}

/// The squeezed form of every code (`512e` → `5.1.2e`).
static SQUEEZED: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    grounds::all()
        .iter()
        .map(|g| (squeeze(&g.code), g.code.as_str()))
        .collect()
});

fn squeeze(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The one letter OCR mistakes this character for, if there is exactly one.
fn mistaken_letter(c: char) -> Option<char> {
    match c {
        // Not `0`: it is as much a `c` as an `e`.
        '6' | '8' | '¢' | '©' => Some('e'),
        '1' => Some('i'),
        _ => None,
    }
}

/// Articles whose grounds all end in a letter.
const LETTERED_ARTICLES: &[&str] = &["511", "512", "101", "102"];

/// Matches one squeezed piece; returns the code and the confidence factor.
fn match_piece(piece: &str) -> Option<(&'static str, f32)> {
    if let Some(code) = SQUEEZED.get(piece) {
        return Some((code, 1.0));
    }
    let repaired = repair_letter(piece);
    if let Some(code) = repaired.as_deref().and_then(|r| SQUEEZED.get(r)) {
        return Some((code, 0.8));
    }
    // The first character lost or misread (`.1.2e`, `6.1.2e`): the rest of one code only.
    for candidate in [Some(piece), repaired.as_deref()].into_iter().flatten() {
        let tails: Vec<&'static str> = SQUEEZED
            .iter()
            .filter(|(squeezed, _)| {
                squeezed.len() >= 4
                    && candidate.len() <= squeezed.len()
                    && candidate.len() + 1 >= squeezed.len()
                    && candidate.ends_with(&squeezed[1..])
            })
            .map(|(_, code)| *code)
            .collect();
        if let [code] = tails.as_slice() {
            return Some((code, 0.6));
        }
    }
    let inside: Vec<&'static str> = SQUEEZED
        .iter()
        .filter(|(squeezed, _)| squeezed.len() >= 4 && piece.contains(squeezed.as_str()))
        .map(|(_, code)| *code)
        .collect();
    match inside.as_slice() {
        [code] => Some((code, 0.6)),
        _ => None,
    }
}

/// The piece with its last character read as the one letter it is mistaken for, where
/// the article before it takes a letter (`5126` → `512e`; `5.1.2` alone has no letter
/// to repair).
fn repair_letter(piece: &str) -> Option<String> {
    let (head, last) = piece.split_at(piece.len().checked_sub(1)?);
    let letter = mistaken_letter(last.chars().next()?)?;
    // The article's first character may itself be misread (`6.1.26`).
    let article_takes_letter = LETTERED_ARTICLES
        .iter()
        .any(|a| head.ends_with(&a[1..]) && head.len() + 1 >= a.len());
    article_takes_letter.then(|| format!("{head}{letter}"))
}

/// Reads the grounds in the words of one box (text and confidence 0–1 per word).
pub fn read_codes(words: &[(&str, f32)]) -> BoxCodes {
    let mut codes = Vec::new();
    let mut confidence: f32 = 1.0;
    // Pieces with the confidence of their word; OCR may split one code at a space.
    let pieces: Vec<(String, f32)> = words
        .iter()
        .flat_map(|&(word, c)| {
            word.split([';', ',', ' ', '/'])
                .map(move |p| (squeeze(p), c))
        })
        .filter(|(p, _)| !p.is_empty())
        .collect();
    let mut i = 0;
    while i < pieces.len() {
        let (piece, c) = &pieces[i];
        let mut found = match_piece(piece).map(|(code, f)| (code, f * c, 1));
        if found.is_none() {
            if let Some((next, c2)) = pieces.get(i + 1) {
                found = match_piece(&format!("{piece}{next}"))
                    .map(|(code, f)| (code, f * c.min(*c2), 2));
            }
        }
        let used = match found {
            Some((code, c, used)) => {
                confidence = confidence.min(c);
                if !codes.contains(&code) {
                    codes.push(code);
                }
                used
            }
            None => 1,
        };
        i += used;
    }
    if codes.is_empty() {
        confidence = 0.0;
    }
    BoxCodes { codes, confidence }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(read: &str) -> Vec<&'static str> {
        read_codes(&[(read, 0.9)]).codes
    }

    #[test]
    fn exact_and_squeezed_codes() {
        assert_eq!(codes("5.1.2e"), ["5.1.2e"]);
        assert_eq!(codes("5 .1.2i"), ["5.1.2i"]);
        assert_eq!(codes("5.1.5"), ["5.1.5"]);
        assert_eq!(codes("10.2.e"), ["10.2.e"]);
        assert_eq!(codes("5.1.1c;5.1.2i"), ["5.1.1c", "5.1.2i"]);
        assert_eq!(codes("5.1.2e; 5.1.2e"), ["5.1.2e"]);
    }

    #[test]
    fn a_misread_letter_is_repaired_only_where_it_is_unique() {
        assert_eq!(codes("5.1.26"), ["5.1.2e"]);
        assert_eq!(codes("5.1.28"), ["5.1.2e"]);
        assert_eq!(codes("5.1.21"), ["5.1.2i"]);
        // 5.1.1 has letters a–e only: `1` would be `i`, which 5.1.1 does not have.
        assert!(codes("5.1.11").is_empty());
        // `3` is not mistaken for one letter; 5.1.5 needs no letter.
        assert!(codes("5.1.23").is_empty());
        assert_eq!(codes("5.1.5"), ["5.1.5"]);
        let repaired = read_codes(&[("5.1.26", 0.9)]);
        assert!((repaired.confidence - 0.72).abs() < 1e-6);
    }

    #[test]
    fn junk_around_a_code_and_junk_alone() {
        assert_eq!(codes("55.1.2e"), ["5.1.2e"]);
        assert!(codes("ee").is_empty());
        assert!(codes("5.1.2").is_empty());
        assert_eq!(codes(".1.2e"), ["5.1.2e"]);
        assert_eq!(codes("6.1.26"), ["5.1.2e"]);
        assert_eq!(codes("9.1.2e"), ["5.1.2e"]);
        // `2e` alone ends 5.1.2e and 10.2.e alike.
        assert!(codes("2e").is_empty());
        assert_eq!(read_codes(&[]).confidence, 0.0);
        // Two different grounds inside one piece of junk: not unique, nothing.
        assert!(codes("5.1.2e5.1.2i").is_empty());
    }
}
