//! How much of a page's text is real words: the score that decides whether a PDF text
//! layer is kept or the page is read again by OCR.
//!
//! A token is one whitespace-separated piece, trimmed of punctuation. Numbers, dates,
//! ground codes (`5.1.2e`), web and email addresses and short all-capital abbreviations
//! (`VWS`, `GGD`) are real. A token of letters is real when its letter trigrams are
//! likely in Dutch or English: the model (`data/word-trigrams.tsv`) holds the trigrams
//! of the 424,081 words in Tesseract's own Dutch and English word lists, made by
//! `scripts/make-word-model`. Anything else (letters and digits mixed, stray symbols:
//! `s12¢`, `EXER)EKER`) is junk. The score is the share of characters in real tokens.
//!
//! What the score means, measured on the seed letters of the sample archive with
//! letters replaced at random: clean text scores 0.99, 5 % of letters wrong 0.84,
//! 10 % wrong 0.70, 20 % wrong 0.50. On the 65 text-layer pages of the tuned part of
//! `../shared/realworld` the lowest score is 0.84, and what lowers those pages is the
//! junk the publisher's OCR made of redaction boxes, not the body text (checked by eye
//! on the page images); reading the whole page again would not read those boxes better.

use std::collections::HashMap;
use std::sync::OnceLock;

/// A text layer scoring below this is read again by OCR (about 8 % of its letters
/// wrong, a third of its words broken).
pub const REREAD_BELOW: f32 = 0.75;

/// A word whose mean log10 trigram probability is below this is junk. Dutch and English
/// words score about -0.7 to -1.3 (`gemeente` -0.89, `of` -1.26); strings like `lkjhg`
/// score -2.4.
const WORD_LOG_PROB: f64 = -1.6;

/// Added to every trigram count, so an unseen trigram is rare rather than impossible.
const SMOOTHING: f64 = 0.5;

/// About how many characters follow a pair of letters (the alphabet with accents).
const ALPHABET: f64 = 40.0;

/// Characters trimmed from both ends of a token before it is judged.
const PUNCTUATION: &[char] = &[
    '.', ',', ';', ':', '!', '?', '(', ')', '[', ']', '{', '}', '"', '\'', '«', '»', '“', '”', '‘',
    '’', '*', '•', '–', '—', '-', '/', '|', '<', '>',
];

/// The score of `text`: the share of its characters (in tokens) that are in real words,
/// 0–1, or `None` when it has no tokens at all.
pub fn score(text: &str) -> Option<f32> {
    let (mut real, mut junk) = (0usize, 0usize);
    for token in text.split_whitespace() {
        let trimmed = token.trim_matches(PUNCTUATION);
        if trimmed.is_empty() {
            continue;
        }
        let length = trimmed.chars().count();
        if is_real(trimmed) {
            real += length;
        } else {
            junk += length;
        }
    }
    (real + junk > 0).then(|| real as f32 / (real + junk) as f32)
}

/// Whether a trimmed token is a real word, number, code or address.
fn is_real(token: &str) -> bool {
    let lower = token.to_lowercase();
    if token.contains("://") || lower.starts_with("www.") || token.contains('@') {
        return true;
    }
    if is_number_like(token) || is_ground_code(token) {
        return true;
    }
    token
        .split(['-', '/'])
        .filter(|part| !part.is_empty())
        .all(is_real_part)
}

/// One part of a hyphenated token (`COVID`, `19`, `zorg`).
fn is_real_part(part: &str) -> bool {
    if is_number_like(part) {
        return true;
    }
    if !part
        .chars()
        .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
    {
        return false;
    }
    let letters = part.chars().count();
    if letters == 1 {
        // A lone letter: Dutch `u`, `a`, `e` (and English `a`, `I`) are words; anything
        // else alone is mostly an OCR splinter.
        return matches!(part, "a" | "e" | "u" | "o" | "i" | "I" | "A" | "U" | "&");
    }
    if (2..=6).contains(&letters) && part.chars().all(char::is_uppercase) {
        return true; // an abbreviation
    }
    model().mean_log_prob(&part.to_lowercase().replace('’', "'")) >= WORD_LOG_PROB
}

/// Digits with the separators of amounts, dates, times and percentages.
fn is_number_like(token: &str) -> bool {
    token.starts_with(|c: char| c.is_ascii_digit())
        && token
            .chars()
            .all(|c| c.is_ascii_digit() || ".,:/%€+-".contains(c))
}

/// A refusal ground as printed in a box: `5.1.2e`, `10.2.g`, `11.1`.
fn is_ground_code(token: &str) -> bool {
    let body = token.trim_end_matches(|c: char| c.is_ascii_lowercase());
    let letters = token.len() - body.len();
    letters <= 1
        && body.split('.').count() >= 2
        && body
            .split('.')
            .all(|n| !n.is_empty() && n.len() <= 2 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The letter-trigram model.
struct Model {
    trigrams: HashMap<String, u32>,
    contexts: HashMap<String, u32>,
}

impl Model {
    /// Mean log10 probability of each letter given the two before it, over the word
    /// padded with `^` and `$`.
    fn mean_log_prob(&self, word: &str) -> f64 {
        let padded: Vec<char> = std::iter::once('^')
            .chain(word.chars())
            .chain(std::iter::once('$'))
            .collect();
        let mut sum = 0.0;
        let windows = padded.windows(3);
        let count = windows.len().max(1);
        for window in windows {
            let trigram: String = window.iter().collect();
            let context: String = window[..2].iter().collect();
            let seen = f64::from(self.trigrams.get(&trigram).copied().unwrap_or(0));
            let total = f64::from(self.contexts.get(&context).copied().unwrap_or(0));
            sum += ((seen + SMOOTHING) / (total + SMOOTHING * ALPHABET)).log10();
        }
        sum / count as f64
    }
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut trigrams = HashMap::new();
        let mut contexts: HashMap<String, u32> = HashMap::new();
        for line in include_str!("../../data/word-trigrams.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((trigram, count)) = line.split_once('\t') else {
                continue;
            };
            let count: u32 = count.parse().unwrap_or(0);
            let context: String = trigram.chars().take(2).collect();
            *contexts.entry(context).or_default() += count;
            trigrams.insert(trigram.to_string(), count);
        }
        Model { trigrams, contexts }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_is_loaded() {
        assert!(model().trigrams.len() > 10_000);
    }

    #[test]
    fn dutch_and_english_words_are_real_and_junk_is_not() {
        for word in [
            "gemeente",
            "Jeugdbescherming",
            "verzonden",
            "the",
            "COVID-19",
            "VWS",
            "5.1.2e",
            "29-09-2020",
            "https://www.rvo.nl/x",
        ] {
            assert!(is_real(word), "{word}");
        }
        for junk in ["s12¢", "lkjhg", "EXER)EKER", "l0ket", "xqzt"] {
            assert!(!is_real(junk), "{junk}");
        }
    }

    #[test]
    fn clean_text_scores_high_and_garbled_text_low() {
        let clean = "Geachte leden van de raad, hierbij informeren wij u over de \
                     ontwikkelingen rond Jeugdbescherming Noord (brief van 26 maart 2025).";
        assert!(score(clean).unwrap() > 0.95, "{:?}", score(clean));
        let garbled = "Gcahte lcdcn vnn dc rnad, h1erbij inf0rmcren w!j u ovcr dc \
                       ontw1kkel1ngcn r0nd Jcugdbcschcrm1ng N00rd (br!cf vnn 26 mnnrt 2025).";
        assert!(
            score(garbled).unwrap() < REREAD_BELOW,
            "{:?}",
            score(garbled)
        );
    }

    #[test]
    fn no_tokens_no_score() {
        assert_eq!(score(" \n — | "), None);
        assert_eq!(score(""), None);
    }
}
