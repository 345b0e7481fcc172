//! The words of a document's text that a query matched, as they are written there, so
//! that the document's page marks exactly those: the same analysis as the index (Dutch
//! stems, folded accents), phrases only where their words stand in order, and with typo
//! tolerance only when the search used it. Exclusions and filters mark nothing.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use crate::analyzer::{self, terms};
use crate::query::Clause;

/// At most this many distinct words are returned (a link carries them).
const LIMIT: usize = 40;

/// One word of the text: where it is, its stem and its folded form.
struct Word {
    start: usize,
    end: usize,
    stem: String,
    exact: String,
}

/// What one clause looks for: a sequence of stems (one for a word), and for a word its
/// folded form, which also matches with one typo when `typos` is on.
struct Target {
    stems: Vec<String>,
    exact: Option<String>,
}

fn targets(clauses: &[Clause], out: &mut Vec<Target>) {
    for clause in clauses {
        match clause {
            Clause::Word(word) => {
                let stems = terms(&mut analyzer::dutch(), word);
                let exact = terms(&mut analyzer::exact(), word).into_iter().next();
                if !stems.is_empty() {
                    out.push(Target { stems, exact });
                }
            }
            Clause::Phrase(words) => {
                let stems: Vec<String> = words
                    .iter()
                    .flat_map(|w| terms(&mut analyzer::dutch(), w))
                    .collect();
                if !stems.is_empty() {
                    out.push(Target { stems, exact: None });
                }
            }
            Clause::Any(options) => targets(options, out),
            Clause::Not(_) | Clause::Filter(..) | Clause::Dates(..) | Clause::Sort(_) => {}
        }
    }
}

fn words(text: &str) -> Vec<Word> {
    let mut exact = analyzer::exact();
    let mut stemmer = analyzer::dutch();
    let mut out = Vec::new();
    let mut stream = TextAnalyzer::token_stream(&mut exact, text);
    while stream.advance() {
        let token = stream.token();
        let (start, end) = (token.offset_from, token.offset_to);
        out.push(Word {
            start,
            end,
            stem: terms(&mut stemmer, &text[start..end])
                .into_iter()
                .next()
                .unwrap_or_default(),
            exact: token.text.clone(),
        });
    }
    out
}

/// Levenshtein distance of at most one, a swap of two neighbours counting as one (as
/// tantivy's fuzzy query with transpositions).
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let (ra, rb) = (&a[prefix..], &b[prefix..]);
    match (ra.len(), rb.len()) {
        (0, 0) | (1, 0) | (0, 1) => true,
        (la, lb) if la == lb => {
            ra[1..] == rb[1..]
                || (la >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
        }
        (la, lb) if la == lb + 1 => ra[1..] == *rb,
        (la, lb) if lb == la + 1 => rb[1..] == *ra,
        _ => false,
    }
}

/// The distinct pieces of `text` that `clauses` match, in the order they first appear.
/// `typos`: the search matched words with one typo (five letters or more).
pub fn matched_words(clauses: &[Clause], typos: bool, text: &str) -> Vec<String> {
    let mut wanted = Vec::new();
    targets(clauses, &mut wanted);
    if wanted.is_empty() {
        return Vec::new();
    }
    let words = words(text);
    let mut out: Vec<String> = Vec::new();
    for at in 0..words.len() {
        for target in &wanted {
            let n = target.stems.len();
            let Some(run) = words.get(at..at + n) else {
                continue;
            };
            let same = run.iter().zip(&target.stems).all(|(w, s)| &w.stem == s);
            let close = n == 1
                && target.exact.as_ref().is_some_and(|e| {
                    *e == run[0].exact
                        || (typos && e.chars().count() >= 5 && one_edit(e, &run[0].exact))
                });
            if same || close {
                let piece = &text[run[0].start..run[n - 1].end];
                if !out.iter().any(|p| p == piece) {
                    out.push(piece.to_string());
                    if out.len() == LIMIT {
                        return out;
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn matched(query: &str, text: &str) -> Vec<String> {
        matched_words(&parse(query), false, text)
    }

    #[test]
    fn the_same_stem_and_nothing_that_only_starts_alike() {
        let text = "Jeugdbescherming Noord, de jeugdbeschermers en de jeugdbeschermingsorganisatie; jeugdzorg en jeugd.";
        assert_eq!(matched("jeugdbescherming", text), vec!["Jeugdbescherming"]);
        assert_eq!(matched("jeugdbeschermer", text), vec!["jeugdbeschermers"]);
    }

    #[test]
    fn operators_exclusions_and_filters_mark_nothing() {
        let text = "AEF or KMI, of de gemeente; zorg.";
        assert_eq!(
            matched("AEF OR KMI -gemeente type:e-mail", text),
            vec!["AEF", "KMI"]
        );
    }

    #[test]
    fn phrases_only_in_order_and_ground_codes_whole() {
        let text = "Het verscherpt toezicht; toezicht verscherpt. Artikel 5.1.2e, lid 5 en 1.";
        assert_eq!(
            matched("\"verscherpt toezicht\" 5.1.2e", text),
            vec!["verscherpt toezicht", "5.1.2e"]
        );
    }

    #[test]
    fn accents_fold_and_typos_only_when_used() {
        let text = "De officiële brief over het certificaat.";
        assert_eq!(matched("officiele", text), vec!["officiële"]);
        assert!(matched("certifikaat", text).is_empty());
        assert_eq!(
            matched_words(&parse("certifikaat"), true, text),
            vec!["certificaat"]
        );
    }

    #[test]
    fn one_edit_is_levenshtein_with_swaps() {
        assert!(one_edit("certificaat", "certifikaat"));
        assert!(one_edit("gemeente", "gemente"));
        assert!(one_edit("gemeente", "gmeeente"));
        assert!(one_edit("abcd", "abdc"));
        assert!(!one_edit("gemeente", "gemeenten2"));
        assert!(!one_edit("abcd", "badc"));
    }
}
