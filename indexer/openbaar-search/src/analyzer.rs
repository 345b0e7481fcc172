//! Dutch text analysis: words, lower case, the Dutch Porter stemmer, then ASCII folding.
//!
//! tantivy's built-in Dutch stemmer is Kraaij-Pohlmann, which strips `ge-` and makes
//! `gemeente` and `menen` one stem; the Porter algorithm keeps them apart. Folding comes
//! last, because stemming a folded `officiele` loses the word.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};

/// The name the stemmed analyzer is registered under.
pub const DUTCH: &str = "nl_stemmed";
/// The name of the unstemmed, folded analyzer (exact matches, typo tolerance).
pub const EXACT: &str = "nl_exact";

/// The analyzer for stemmed Dutch text.
pub fn dutch() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(DutchStemmer)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for exact (unstemmed, folded) matches.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers both analyzers on an index.
pub fn register(index: &tantivy::Index) {
    index.tokenizers().register(DUTCH, dutch());
    index.tokenizers().register(EXACT, exact());
}

/// The Dutch Porter stemmer as a token filter.
#[derive(Clone, Copy, Default)]
pub struct DutchStemmer;

impl TokenFilter for DutchStemmer {
    type Tokenizer<T: Tokenizer> = DutchStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> DutchStemmerFilter<T> {
        DutchStemmerFilter { inner: tokenizer }
    }
}

/// [`DutchStemmer`] around a tokenizer.
#[derive(Clone)]
pub struct DutchStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for DutchStemmerFilter<T> {
    type TokenStream<'a> = DutchStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        DutchStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::DutchPorter),
        }
    }
}

/// The token stream of [`DutchStemmerFilter`].
pub struct DutchStemmerStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for DutchStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmed = self.stemmer.stem(&token.text).into_owned();
        token.text = stemmed;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The terms `analyzer` makes of `text`.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        terms(&mut dutch(), word).join(" ")
    }

    #[test]
    fn gemeente_is_not_menen() {
        assert_ne!(stem("gemeente"), stem("menen"));
        assert_eq!(stem("gemeente"), stem("gemeenten"));
    }

    #[test]
    fn plurals_and_accents_meet() {
        assert_eq!(stem("jeugdbeschermer"), stem("jeugdbeschermers"));
        assert_eq!(stem("officiële"), stem("officiele"));
        assert_eq!(stem("Coördinatie"), stem("coordinatie"));
    }

    #[test]
    fn the_redaction_marker_is_not_a_word() {
        assert_eq!(stem("Aan █ en █."), stem("Aan en"));
        assert!(terms(&mut exact(), "█").is_empty());
    }

    #[test]
    fn exact_keeps_the_word() {
        assert_eq!(
            terms(&mut exact(), "Officiële Gemeenten"),
            vec!["officiele", "gemeenten"]
        );
    }
}
