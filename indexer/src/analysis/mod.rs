//! Text analysis, applied identically at index time and at query time.
//!
//! Two analyzers share one tokenizer ([`tokenizer`]):
//! - **code** terms: lowercased tokens, nothing removed, no stemming — for
//!   error strings, status names, code spans and ids, where `failed` and
//!   `fail` are different facts;
//! - **prose** terms: the same tokens without function words, English-stemmed
//!   — for titles, headings and body text.
//!
//! Bigrams of adjacent prose terms reward entries that contain the user's
//! words in the same order. Query-only processing of pasted text (masking
//! timestamps, pod ids, source excerpts...) lives in [`paste`].

pub mod paste;
pub mod tokenizer;

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
pub use tokenizer::Token;

/// Function words only: wh-words and negations carry meaning in questions
/// and error messages (`not healthy`, `no such host`) and are kept.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "do", "does", "for", "from",
    "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our", "so", "than",
    "that", "the", "their", "them", "then", "there", "these", "this", "those", "to", "was", "we",
    "were", "will", "with", "you", "your",
];

/// Is `word` (lowercased) a function word dropped from prose fields?
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Stems alphabetic words; anything with a digit (codes, versions) is kept.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        word.to_string()
    } else {
        stemmer().stem(word).into_owned()
    }
}

/// Code terms: every token, lowercased.
pub fn code_terms(text: &str) -> Vec<Token> {
    tokenizer::tokenize(text)
}

/// Turns code tokens into prose terms: stop words dropped, words stemmed.
pub fn to_prose(tokens: Vec<Token>) -> Vec<Token> {
    let mut stems: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    tokens
        .into_iter()
        .filter(|t| !is_stop_word(&t.text))
        .map(|mut t| {
            t.text = match stems.get(&t.text) {
                Some(s) => s.clone(),
                None => {
                    let s = stem(&t.text);
                    stems.insert(t.text.clone(), s.clone());
                    s
                }
            };
            t
        })
        .collect()
}

/// Prose terms of a text.
pub fn prose_terms(text: &str) -> Vec<Token> {
    to_prose(tokenizer::tokenize(text))
}

/// Bigrams (`left_devic`) of consecutive prose *parts*: two terms whose
/// positions differ by at most two (one dropped stop word in between).
pub fn bigrams(prose: &[Token]) -> Vec<String> {
    bigrams_at(prose)
        .into_iter()
        .map(|(_, gram)| gram)
        .collect()
}

/// [`bigrams`], each with the position of its first term.
pub fn bigrams_at(prose: &[Token]) -> Vec<(u32, String)> {
    let parts: Vec<&Token> = prose.iter().filter(|t| t.is_part).collect();
    parts
        .windows(2)
        .filter(|w| w[1].position > w[0].position && w[1].position - w[0].position <= 2)
        .map(|w| (w[0].position, format!("{}_{}", w[0].text, w[1].text)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn stop_word_list_is_sorted_for_binary_search() {
        let mut sorted = STOP_WORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOP_WORDS);
    }

    #[test]
    fn prose_drops_function_words_and_stems() {
        let t = prose_terms("The service is not healthy after restarting");
        assert_eq!(texts(&t), ["servic", "not", "healthi", "after", "restart"]);
    }

    #[test]
    fn prose_keeps_codes_unstemmed() {
        assert_eq!(texts(&prose_terms("errors E0308")), ["error", "e0308"]);
    }

    #[test]
    fn code_terms_keep_every_word() {
        assert_eq!(
            texts(&code_terms("No space left on device")),
            ["no", "space", "left", "on", "device"]
        );
    }

    #[test]
    fn bigrams_bridge_a_dropped_stop_word() {
        let b = bigrams(&prose_terms("space left on device"));
        assert_eq!(b, ["space_left", "left_devic"]);
    }
}
