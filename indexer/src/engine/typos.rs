//! Typo correction: a typed word the index does not know is tried against
//! the indexed words one edit away; the query says what it searched
//! instead ("did you mean").

use tantivy::query::FuzzyTermQuery;
use tantivy::Term;

use super::Engine;
use crate::analysis::{self, Token};

/// A word this short is corrected only for two swapped letters (`dsik`,
/// `prot`): a letter more or less in a four-letter word is as often
/// another word as a slip.
const MIN_LENGTH: usize = 4;
/// From this length a missing or extra letter is corrected too.
const MIN_LENGTH_ANY_EDIT: usize = 5;

/// Out-of-vocabulary words tried for typo correction, per query.
const MAX_FUZZY_WORDS: usize = 4;
/// Weight of a typo-corrected term relative to an exact one. Only words
/// unknown in every form are corrected, so the correction is the word's
/// only evidence; at 0.3 a typo'd `memroy` could not choose the memory
/// cause over a section that repeats `instance` (0.3 → 0.8: section choice
/// 77.6 → 79.3 %, EAS apart questions 64.2 → 66.0 %, postgres questions
/// 88.3 → 89.4 %, nothing lower on any dev set).
const FUZZY_WEIGHT: f32 = 0.8;

/// Corrected words to search too, and (typed, corrected) pairs.
pub(super) type TypoTerms = (Vec<(Token, f32)>, Vec<(String, String)>);

impl Engine {
    /// The corrections of the query's unknown words, as extra weighted
    /// words. Pastes get none: typos come from typing, and a log's unknown
    /// words (identifiers, hostnames) would only buy costly automata.
    pub(super) fn typo_terms(&self, words: &[(Token, f32)], long_query: bool) -> TypoTerms {
        let mut corrections = Vec::new();
        let mut extra = Vec::new();
        let budget = if long_query { 0 } else { MAX_FUZZY_WORDS };
        let mut tried = 0;
        for (tok, weight) in words {
            if tried >= budget {
                break;
            }
            // An identifier (`SageMaker`, `serde_json`) is a name, not a
            // slip of typing: neither its one-word form nor its parts
            // (`maker` → `make`) are corrected.
            if !tok.is_part || in_compound(tok, words) || !self.wants_correction(&tok.text) {
                continue;
            }
            // A large knowledge base's dictionaries are still arriving:
            // the word may be known, and this plan is made again once
            // they are here (a correction streams a whole dictionary).
            if self.dir.any_missing() {
                break;
            }
            tried += 1;
            if let Some(fix) = self.correct(&tok.text) {
                corrections.push((tok.text.clone(), fix.clone()));
                extra.push((
                    Token {
                        text: fix,
                        ..tok.clone()
                    },
                    weight * FUZZY_WEIGHT,
                ));
            }
        }
        (extra, corrections)
    }

    /// A word deserves typo correction when it is alphabetic, long enough
    /// for a one-letter slip to be unambiguous, and unknown to the index in
    /// every form: "response" where the entries say "responses" is another
    /// form of a known word (its stem matches), not a typo.
    fn wants_correction(&self, word: &str) -> bool {
        word.len() >= MIN_LENGTH
            && word.chars().all(|c| c.is_alphabetic())
            && !analysis::is_stop_word(word)
            && !self.knows_word(word)
    }

    /// The most frequent indexed word within edit distance 1, a
    /// transposition counting as one edit, but not one letter changed
    /// ([`is_substitution`]). (Distance 2 found more noise than typos and
    /// its automata cost milliseconds in wasm.)
    fn correct(&self, word: &str) -> Option<String> {
        let distance = 1;
        let query = FuzzyTermQuery::new(
            Term::from_field_text(self.fields.words, word),
            distance,
            true,
        );
        let automaton = query.automaton().ok()?;
        let mut best: Option<(u64, String)> = None;
        for seg in self.searcher.segment_readers() {
            let Ok(inverted) = seg.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !candidate.chars().all(|c| c.is_alphabetic()) {
                    continue;
                }
                if is_substitution(word, candidate)
                    || (word.len() < MIN_LENGTH_ANY_EDIT && !is_transposition(word, candidate))
                {
                    continue;
                }
                let df = self.doc_freq(self.fields.words, candidate);
                let better = match &best {
                    None => true,
                    Some((bdf, b)) => df > *bdf || (df == *bdf && candidate < b.as_str()),
                };
                if better {
                    best = Some((df, candidate.to_string()));
                }
            }
        }
        best.map(|(_, w)| w)
    }
}

/// Is the word a part of an identifier written as one word (`maker` of
/// `SageMaker`, `regsitry` of `RegsitryClient`): inside a one-word form,
/// with another part right next to it, no `-` or `_` between? Words joined
/// by a hyphen or underscore (`non-exhaustve`, `serde_jsonn`) are typed
/// words and are corrected.
fn in_compound(part: &Token, words: &[(Token, f32)]) -> bool {
    let inside = |t: &Token, w: &Token| w.from <= t.from && t.to <= w.to;
    words.iter().any(|(w, _)| {
        !w.is_part
            && inside(part, w)
            && words.iter().any(|(other, _)| {
                other.is_part
                    && inside(other, w)
                    && (other.from == part.to || other.to == part.from)
            })
    })
}

/// Is `b` `a` with two neighbouring letters swapped (`dsik` → `disk`)?
fn is_transposition(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let differ: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    a.len() == b.len() && matches!(differ[..], [i, j] if j == i + 1 && a[i] == b[j] && a[j] == b[i])
}

/// Does `b` differ from `a` in exactly one letter, at the same place? One
/// letter changed mostly gives another real word, not a slip: on the dev
/// sets every such correction was wrong (`complains` → `complaint`,
/// `layer` → `later`, `remote` → `remove`, `mixing` → `fixing`), while a
/// missing, extra or swapped letter (`comits`, `postgress`, `becuase`) was
/// a typo every time.
fn is_substitution(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    a.len() == b.len() && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
}

/// The query with each corrected word replaced (first occurrence, any case).
pub(super) fn did_you_mean(query: &str, corrections: &[(String, String)]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut out = query.to_string();
    for (wrong, right) in corrections {
        let lower = out.to_lowercase();
        if lower.len() != out.len() {
            continue; // case mapping changed byte offsets: skip rather than mangle
        }
        // The word itself, not the same letters inside a longer word.
        let is_word_char = |c: char| c.is_alphanumeric();
        let whole = lower.match_indices(wrong.as_str()).find(|&(at, w)| {
            !lower[..at].ends_with(is_word_char) && !lower[at + w.len()..].starts_with(is_word_char)
        });
        if let Some((at, _)) = whole {
            out.replace_range(at..at + wrong.len(), right);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn an_unknown_word_is_corrected_to_an_indexed_word_one_edit_away() {
        let engine = testing::sample();
        assert_eq!(engine.correct("regsitry").as_deref(), Some("registry"));
        assert_eq!(engine.correct("regstry").as_deref(), Some("registry"));
        assert_eq!(engine.correct("qqqqqq"), None);
    }

    /// Regression (git-errors questions): "git complains the directory
    /// isn't a repository" searched `complaint`, and said "did you mean:
    /// git complaint". A word one letter away is usually another word.
    #[test]
    fn a_word_one_changed_letter_away_is_not_a_typo_of_it() {
        let engine = testing::sample();
        assert_eq!(engine.correct("regisxry"), None);
    }

    /// Regression: "AWS SageMaker endpoint" searched `make` for the
    /// `maker` of `SageMaker`, and said "did you mean: AWS Sagemake".
    #[test]
    fn the_parts_of_an_identifier_are_not_corrected() {
        let engine = testing::sample();
        let words = |q: &str| {
            let analysed = crate::analysis::paste::analyze(q);
            let tokens: Vec<(Token, f32)> = analysed
                .tokens
                .iter()
                .map(|t| (t.token.clone(), t.weight))
                .collect();
            engine.typo_terms(&tokens, false).1
        };
        assert!(words("RegsitryClient timeout").is_empty(), "an identifier");
        assert_eq!(
            words("regsitry timeout"),
            [("regsitry".to_string(), "registry".to_string())]
        );
    }

    /// "dsik full": two swapped letters are a slip even in a word of four;
    /// a letter more or less there is as often another word (`imag`).
    #[test]
    fn a_four_letter_word_is_corrected_only_for_swapped_letters() {
        let engine = testing::sample();
        assert_eq!(engine.correct("dsik").as_deref(), Some("disk"));
        assert!(engine.wants_correction("dsik"));
        assert_eq!(engine.correct("dik"), None);
        assert!(!engine.wants_correction("dsk"), "too short");
    }

    /// Regression: "out of memroy" searched `memory` alone, not the
    /// synonym, pair or error string "out of memory", and ranked an entry
    /// about scaling *out* first. A corrected word now takes part in them.
    #[test]
    fn a_corrected_word_completes_the_error_string_it_is_part_of() {
        let engine = testing::sample();
        let phrases = |q: &str| {
            let plan = engine.plan(&crate::analysis::paste::analyze(q));
            plan.terms
                .into_iter()
                .filter(|t| t.field.analyzer == crate::schema::Analyzer::Phrase)
                .map(|t| t.text)
                .collect::<Vec<_>>()
        };
        let whole = phrases("no space left on device");
        assert!(!whole.is_empty());
        assert_eq!(phrases("no space left on devcie"), whole);
    }

    #[test]
    fn known_short_or_non_alphabetic_words_are_not_corrected() {
        let engine = testing::sample();
        assert!(!engine.wants_correction("registry"), "known");
        assert!(!engine.wants_correction("reg"), "too short");
        assert!(!engine.wants_correction("regsitry2"), "not alphabetic");
        assert!(
            !engine.wants_correction("registries"),
            "another form of a known word"
        );
        assert!(engine.wants_correction("regsitry"));
    }

    #[test]
    fn pastes_get_no_corrections() {
        let engine = testing::sample();
        let words = vec![(
            Token {
                text: "regsitry".into(),
                from: 0,
                to: 8,
                position: 0,
                is_part: true,
            },
            1.0,
        )];
        assert_eq!(engine.typo_terms(&words, false).1.len(), 1);
        assert!(engine.typo_terms(&words, true).1.is_empty());
    }

    #[test]
    fn did_you_mean_replaces_the_first_occurrence_in_any_case() {
        let fixed = did_you_mean(
            "Regsitry down, regsitry",
            &[("regsitry".into(), "registry".into())],
        );
        assert_eq!(fixed.as_deref(), Some("registry down, regsitry"));
        let fixed = did_you_mean("the blgos of lgos", &[("lgos".into(), "logs".into())]);
        assert_eq!(
            fixed.as_deref(),
            Some("the blgos of logs"),
            "the word itself"
        );
        assert_eq!(did_you_mean("fine", &[]), None);
    }
}
