//! OCR junk: what a reader made of a black box (`IEEE`, `EER`, `ERED`). Dropped only
//! where a box is likely: next to a code, a box edge, a label or a greeting, on a line
//! of boxes, or alone.

use super::{Candidate, BOX_CHARS, LABEL_BEFORE};

/// Tokens OCR made of a black box: capitals of few kinds, mostly `E`.
fn looks_like_junk(token: &str) -> bool {
    let letters: Vec<char> = token.chars().collect();
    let e = letters.iter().filter(|&&c| c == 'E').count();
    (3..=8).contains(&letters.len())
        && letters.iter().all(|c| "EIRFTHJLDSXBNYKC".contains(*c))
        && e >= 2
        && e * 5 >= letters.len() * 2
}

/// Short capitals and punctuation: what is left of a line of boxes (`BE`, `E.`, `(ED)`).
fn is_debris(token: &str) -> bool {
    let core = token.trim_matches(BOX_CHARS);
    core.is_empty() || (core.chars().count() <= 3 && core.chars().all(|c| c.is_ascii_uppercase()))
}

/// Words after which a name follows: a box there is a redacted name.
const NAME_BEFORE: &[&str] = &[
    "hoi", "hi", "beste", "dag", "geachte", "groet", "groeten", "groetjes", "namens", "met", "van",
    "aan",
];

/// Junk tokens kept only where a box is: next to a code, a box edge, another junk
/// token or a label, or alone in the paragraph.
pub(super) fn junk_tokens(paragraph: &str, candidates: &[Candidate]) -> Vec<(usize, usize)> {
    let tokens: Vec<(usize, usize)> = token_spans(paragraph);
    let is_junk: Vec<bool> = tokens
        .iter()
        .map(|&(s, e)| looks_like_junk(paragraph[s..e].trim_matches(BOX_CHARS)))
        .collect();
    let near_code = |s: usize, e: usize| {
        candidates.iter().any(|c| {
            let gap = if c.start >= e {
                &paragraph[e..c.start]
            } else if s >= c.end {
                &paragraph[c.end..s]
            } else {
                ""
            };
            gap.chars()
                .all(|ch| ch.is_whitespace() || BOX_CHARS.contains(&ch))
        })
    };
    let mut out = Vec::new();
    for (i, &(s, e)) in tokens.iter().enumerate() {
        if !is_junk[i] {
            continue;
        }
        let neighbour_boxy = |j: Option<usize>| {
            j.and_then(|j| tokens.get(j)).is_some_and(|&(a, b)| {
                let t = &paragraph[a..b];
                let lower = t.to_lowercase();
                t.chars().all(|c| BOX_CHARS.contains(&c)) || t.contains('@') || lower.contains(".n")
            })
        };
        let after_name_word = i.checked_sub(1).is_some_and(|j| {
            let (a, b) = tokens[j];
            let word = paragraph[a..b].trim_matches(BOX_CHARS).to_lowercase();
            NAME_BEFORE.contains(&word.as_str())
        });
        // A short line of boxes and labels (`ver: 5 IE IEEE SSE`): no real word on it.
        let box_row = tokens.len() <= 5
            && tokens.iter().all(|&(a, b)| {
                let t = &paragraph[a..b];
                t.contains(['@', '.'])
                    || t.ends_with(':')
                    || t.chars().filter(|c| c.is_lowercase()).count() < 4
            });
        let only_debris = tokens
            .iter()
            .enumerate()
            .all(|(k, &(a, b))| is_junk[k] || is_debris(&paragraph[a..b]));
        let junk_neighbour =
            (i > 0 && is_junk[i - 1]) || is_junk.get(i + 1).copied().unwrap_or(false);
        let alone = tokens.len() == 1;
        let own_edge = paragraph[s..e].contains(['[', ']', '|']);
        if alone
            || box_row
            || own_edge
            || after_name_word
            || only_debris
            || junk_neighbour
            || near_code(s, e)
            || neighbour_boxy(i.checked_sub(1))
            || neighbour_boxy(Some(i + 1))
            || LABEL_BEFORE.is_match(&paragraph[..s])
        {
            // Trim box punctuation off the token itself; it stays in the text.
            let token = &paragraph[s..e];
            let lead = token.len() - token.trim_start_matches(BOX_CHARS).len();
            let trail = token.len() - token.trim_end_matches(BOX_CHARS).len();
            out.push((s + lead, e - trail));
        }
    }
    out
}

pub(super) fn token_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        // A label's colon separates too: `Van:EEE` is a label and a token.
        match (c.is_whitespace() || c == ':', start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}
