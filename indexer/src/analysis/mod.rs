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

pub mod abbreviations;
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

/// Auxiliary verbs and `because`: how a sentence is built, not what it is
/// about. A query drops them, while the index keeps them: in a small
/// knowledge base their IDF is high, so "can't switch branches because I
/// have edits" matched the title "push is rejected because the remote has
/// commits that I do not have" through them.
const AUXILIARY_WORDS: &[&str] = &[
    "am", "because", "being", "did", "had", "has", "have", "having",
];

/// Is `word` (lowercased) an auxiliary a query drops ([`AUXILIARY_WORDS`])?
pub fn is_auxiliary_word(word: &str) -> bool {
    AUXILIARY_WORDS.binary_search(&word).is_ok()
}

/// Words that make a sentence a question or a wish, not what it is about:
/// they stay in the index (BM25's IDF already weighs them down), but
/// cannot tell an entry's causes apart.
const QUESTION_WORDS: &[&str] = &[
    "can", "could", "how", "may", "might", "must", "shall", "should", "what", "when", "where",
    "which", "who", "whom", "whose", "why", "would",
];

/// Is `word` (lowercased) a word of a question's form ([`QUESTION_WORDS`])
/// or a function word ([`is_stop_word`])?
pub fn is_question_or_stop_word(word: &str) -> bool {
    QUESTION_WORDS.binary_search(&word).is_ok() || is_stop_word(word)
}

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

/// Negative contractions (apostrophes already dropped: `can't` is `cant`,
/// and readers often type it so) and the word the written-out form keeps
/// once its function words are gone: an FAQ says "cannot find" and "does
/// not exist" where the reader types "can't find" and "doesn't exist".
/// Sorted.
const NEGATIONS: &[(&str, &str)] = &[
    ("arent", "not"),
    ("cant", "cannot"),
    ("couldnt", "not"),
    ("didnt", "not"),
    ("doesnt", "not"),
    ("dont", "not"),
    ("hadnt", "not"),
    ("hasnt", "not"),
    ("havent", "not"),
    ("isnt", "not"),
    ("mustnt", "not"),
    ("neednt", "not"),
    ("shouldnt", "not"),
    ("wasnt", "not"),
    ("werent", "not"),
    ("wont", "not"),
    ("wouldnt", "not"),
];

/// The prose form of a negative contraction ([`NEGATIONS`]), if `word` is one.
fn negation(word: &str) -> Option<&'static str> {
    NEGATIONS
        .binary_search_by_key(&word, |(contracted, _)| contracted)
        .ok()
        .map(|i| NEGATIONS[i].1)
}

/// Turns code tokens into prose terms: stop words dropped, negative
/// contractions written out ([`NEGATIONS`]), words stemmed.
pub fn to_prose(tokens: Vec<Token>) -> Vec<Token> {
    let mut stems: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    tokens
        .into_iter()
        .filter(|t| !is_stop_word(&t.text))
        .map(|mut t| {
            if let Some(written_out) = negation(&t.text) {
                t.text = written_out.to_string();
            }
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

/// Error strings are matched by their first this many prose parts: enough
/// to be specific (`exec format error`, `no space left on device`), while
/// whole strings, whose tails often hold ids or paths, grew a 20,000-entry
/// bundle by a third (all measured relevance was the same with 4 and 12).
pub const MAX_PHRASE_PARTS: usize = 4;

/// The part of a phrase key that stands for any one word of the query: a
/// documented message's placeholder (`Role "x" does not exist`, `line N`,
/// `%s`), written as a single letter.
pub const PHRASE_WILDCARD: &str = "*";

/// The phrase key of an error string (`trait_bound`, `exec_format_error`):
/// its prose parts joined by `_`, when it has at least two (one-word
/// errors are plain terms). A placeholder becomes [`PHRASE_WILDCARD`]
/// (`role_*_not_exist`): a single-letter part, or a name in angle brackets
/// or braces as docs write them (`<path>`, `{user}`, `${home}`), one
/// wildcard per bracket. A key neither starts nor ends with one. A query
/// matches a key when its own prose parts contain the same run of parts
/// ([`phrase_parts`]), any word where the key has the wildcard.
pub fn phrase_key(text: &str) -> Option<String> {
    phrase_key_of(text, MAX_PHRASE_PARTS)
}

/// An error string tied to one cause is matched by up to this many parts:
/// the author wrote it to tell that cause apart, often by its tail
/// (`integrity checksum failed when using sha1`, where `... sha512` is
/// another cause).
pub const MAX_TIED_PHRASE_PARTS: usize = 12;

/// The phrase key of `text` by its first `max_parts` prose parts.
pub fn phrase_key_of(text: &str, max_parts: usize) -> Option<String> {
    let prose = prose_terms(text);
    // Disjoint (a name holds neither bracket) and in order, as the parts
    // are: one walk finds each part's (a 1 MB code block costs linear
    // time).
    let holes = bracketed_names(text);
    let namespaces = namespace_prefixes(text);
    let mut next_hole = 0;
    let mut filled: Option<usize> = None;
    let mut parts: Vec<&str> = prose
        .iter()
        .filter(|t| t.is_part)
        .filter(|t| !namespaces.iter().any(|n| n.contains(&t.from)))
        .filter_map(|t| {
            while holes.get(next_hole).is_some_and(|h| h.end <= t.from) {
                next_hole += 1;
            }
            if holes.get(next_hole).is_some_and(|h| h.contains(&t.from)) {
                // The rest of a bracketed name is the same placeholder.
                let first = filled != Some(next_hole);
                filled = Some(next_hole);
                return first.then_some(PHRASE_WILDCARD);
            }
            let placeholder = t.text.len() == 1 && t.text.chars().all(|c| c.is_ascii_alphabetic());
            Some(if placeholder {
                PHRASE_WILDCARD
            } else {
                t.text.as_str()
            })
        })
        .skip_while(|p| *p == PHRASE_WILDCARD)
        .take(max_parts)
        .collect();
    while parts.last() == Some(&PHRASE_WILDCARD) {
        parts.pop();
    }
    let words = parts.iter().filter(|p| **p != PHRASE_WILDCARD).count();
    (words >= 2).then(|| parts.join("_"))
}

/// Byte ranges of the package prefixes of qualified class names
/// (`java.lang.` of `java.lang.OutOfMemoryError`, `requests.exceptions.`):
/// lowercase segments before a capitalised last one. An error string is
/// keyed by its class and message: the package would fill the key's first
/// parts, and every `OutOfMemoryError` would share one key.
pub(crate) fn namespace_prefixes(text: &str) -> Vec<std::ops::Range<usize>> {
    let is_name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '.');
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find(|c: char| c.is_ascii_alphanumeric()) {
        let run = &rest[start..];
        let len = run.find(|c: char| !is_name_char(c)).unwrap_or(run.len());
        let name = run[..len].trim_end_matches('.');
        if let Some((prefix, class)) = name.rsplit_once('.') {
            let package = |seg: &str| {
                seg.starts_with(|c: char| c.is_ascii_lowercase())
                    && seg
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            };
            if class.starts_with(|c: char| c.is_ascii_uppercase()) && prefix.split('.').all(package)
            {
                let from = offset + start;
                out.push(from..from + prefix.len() + 1);
            }
        }
        offset += start + len;
        rest = &run[len..];
    }
    out
}

/// Byte ranges of the names in angle brackets or braces (`<path>`,
/// `{user id}`): short lowercase words, so that code such as `Vec<String>`
/// or `{"disk": "40Gi"}` stays literal.
fn bracketed_names(text: &str) -> Vec<std::ops::Range<usize>> {
    let is_name = |name: &str| {
        name.len() <= 40
            && name.starts_with(|c: char| c.is_ascii_lowercase())
            && name.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, ' ' | '_' | '-' | '.')
            })
    };
    let mut out = Vec::new();
    for (open, close) in [(b'<', b'>'), (b'{', b'}')] {
        let bytes = text.as_bytes();
        for at in (0..bytes.len())
            .filter(|&i| bytes[i] == open)
            .map(|i| i + 1)
        {
            // A name is at most 40 bytes: no need to look further.
            let window = &bytes[at..(at + 41).min(bytes.len())];
            let Some(len) = window.iter().position(|&b| b == close) else {
                continue;
            };
            if is_name(&text[at..at + len]) {
                out.push(at..at + len);
            }
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The prose parts of a query in order, with their positions: the
/// sequence whose runs can equal a [`phrase_key`].
pub fn phrase_parts(prose: &[Token]) -> Vec<(u32, &str)> {
    prose
        .iter()
        .filter(|t| t.is_part)
        .map(|t| (t.position, t.text.as_str()))
        .collect()
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

    /// Regression: every `java.lang.OutOfMemoryError: …` was keyed
    /// `java_lang_out_memori`, so `…: Metaspace` found the heap entry,
    /// which lists `…: Java heap space`.
    #[test]
    fn a_qualified_class_name_is_keyed_without_its_package() {
        assert_eq!(
            phrase_key("java.lang.OutOfMemoryError: Metaspace").as_deref(),
            Some("out_memori_error_metaspac")
        );
        assert_eq!(
            phrase_key("requests.exceptions.ConnectTimeout: timed out").as_deref(),
            Some("connect_timeout_time_out")
        );
        // Host names and files are not packages.
        assert_eq!(
            phrase_key("lookup registry.example.com: no such host").as_deref(),
            Some("lookup_registri_exampl_com")
        );
    }

    #[test]
    fn an_error_string_of_two_words_or_more_has_a_phrase_key() {
        assert_eq!(
            phrase_key("fork/exec /bin/sh: exec format error").as_deref(),
            Some("fork_exec_bin_sh")
        );
        assert_eq!(
            phrase_key("the trait bound").as_deref(),
            Some("trait_bound")
        );
        assert_eq!(
            phrase_key("exec format error").as_deref(),
            Some("exec_format_error")
        );
        assert_eq!(phrase_key("timeout"), None);
        // Identifiers split into parts, as the query's words are.
        assert_eq!(phrase_key("OOMKilled").as_deref(), Some("oom_kill"));
        let query = prose_terms("error: the trait bound `A: B` is not satisfied");
        let parts: Vec<&str> = phrase_parts(&query).into_iter().map(|(_, p)| p).collect();
        assert!(parts.join("_").contains("trait_bound"), "{parts:?}");
    }

    #[test]
    fn stop_word_list_is_sorted_for_binary_search() {
        for list in [STOP_WORDS, AUXILIARY_WORDS] {
            let mut sorted = list.to_vec();
            sorted.sort_unstable();
            assert_eq!(sorted, list);
        }
    }

    #[test]
    fn negation_list_is_sorted_for_binary_search() {
        let mut sorted = NEGATIONS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, NEGATIONS);
    }

    /// A question "npm install says it can't find package.json" ranked an
    /// entry about the lockfile over the one titled "npm cannot find
    /// package.json": `cant` and `cannot` were different words.
    #[test]
    fn a_contracted_negation_matches_the_written_out_one() {
        assert_eq!(
            texts(&prose_terms("can't find")),
            texts(&prose_terms("cannot find"))
        );
        assert_eq!(
            texts(&prose_terms("doesnt exist")),
            texts(&prose_terms("does not exist"))
        );
        assert_eq!(
            texts(&prose_terms("won't start")),
            texts(&prose_terms("will not start"))
        );
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

    #[test]
    fn a_placeholder_in_a_documented_message_is_a_wildcard() {
        assert_eq!(
            phrase_key("Role \"x\" does not exist.").as_deref(),
            Some("role_*_not_exist")
        );
        assert_eq!(
            phrase_key("Connection matched pg_hba.conf line N").as_deref(),
            Some("connect_match_pg_hba")
        );
        // Never at either end, and two words besides.
        assert_eq!(phrase_key("x does not exist").as_deref(), Some("not_exist"));
        assert_eq!(phrase_key("line N"), None);
        // A name in brackets, as docs write placeholders, is one wildcard.
        assert_eq!(
            phrase_key("disk quota exceeded for {user}").as_deref(),
            Some("disk_quota_exceed")
        );
        assert_eq!(
            phrase_key("cannot open <file name> for reading").as_deref(),
            Some("cannot_open_*_read")
        );
    }
}
