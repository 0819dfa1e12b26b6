//! Query planning: analysed query tokens → weighted field terms.
//!
//! Each field gets the terms of its analyzer; terms absent from the index
//! are dropped; out-of-vocabulary words get typo-corrected candidates
//! ([`super::typos`]); synonym groups add their other phrases; the most
//! informative words are kept, then the bigrams and the documented error
//! strings the query contains whole ([`super::phrases`]).

use std::collections::{HashMap, HashSet};

use super::Engine;
use crate::analysis::{self, paste, Token};
use crate::schema::{Analyzer, Weighted, ID_WEIGHT};

/// At most this many distinct query words are searched: the most
/// informative ones (by IDF and line weight), so long pastes stay cheap.
pub const MAX_QUERY_TERMS: usize = 40;
/// The same cap for long pastes, whose extra words are mostly log noise.
pub const MAX_PASTE_TERMS: usize = 14;
const MAX_BIGRAMS: usize = 24;
/// A long paste keeps fewer: 24 → 12 made a 5 KB paste at 5,000 entries
/// 13 % faster with the same top-1 and MRR on every query set.
const MAX_PASTE_BIGRAMS: usize = 12;
/// Weight of a synonym-expanded term relative to an exact one.
const SYNONYM_WEIGHT: f32 = 0.7;
/// In a paste, a field term found in more than this share of the entries
/// is skipped (it cannot tell entries apart).
const COMMON_FRACTION: f32 = 0.15;
/// In a typed query, a field term found in more than this share of the
/// entries is skipped too: its IDF is near zero, its posting list long.
const TYPED_COMMON_FRACTION: f32 = 0.5;

/// A word in the prose of at least this many entries, and of this share
/// of them, is an ordinary word of the knowledge base ([`Engine::id_scale`]).
const ORDINARY_WORD_ENTRIES: f32 = 3.0;
const ORDINARY_WORD_FRACTION: f32 = 0.002;

/// An ordinary word's whole-id match weighs as a title word: the id
/// field's weight (20) times this is the title's (2).
const ID_AS_TITLE_WORD: f32 = 0.1;

/// A query term for one field, with its weight before BM25.
#[derive(Debug, Clone)]
pub(super) struct FieldTerm {
    pub field: Weighted,
    pub text: String,
    pub weight: f32,
}

/// What planning made of a query.
#[derive(Debug, Default)]
pub(super) struct Plan {
    /// One term per (field, text), sorted by text then field.
    pub terms: Vec<FieldTerm>,
    /// (typed word, the word it was corrected to).
    pub corrections: Vec<(String, String)>,
    /// Error strings that only name a cause inside an entry: they choose
    /// sections, never rank entries.
    pub section_phrases: Vec<FieldTerm>,
    /// The weight (IDF of an unseen word × line weight) of the query's
    /// words that no entry has: what an answer cannot cover. Zero for a
    /// long paste, whose unseen words are its own names (pods, hosts,
    /// paths), not a subject the knowledge base lacks.
    pub unknown_weight: f32,
    /// Error strings found only in the commands the user typed.
    pub in_commands: HashSet<String>,
}

/// The full words of the query's short forms (`config` → `configuration`),
/// weighted as synonyms. Typed queries only: a paste's words are the
/// log's, not the reader's.
fn abbreviation_terms(prose_tokens: &[Token]) -> Vec<(Token, f32)> {
    prose_tokens
        .iter()
        .filter(|t| t.is_part)
        .flat_map(|t| {
            analysis::abbreviations::full_words(&t.text)
                .iter()
                .map(move |form| {
                    let token = Token {
                        text: (*form).to_string(),
                        ..t.clone()
                    };
                    (token, SYNONYM_WEIGHT)
                })
        })
        .collect()
}

/// One surface word's candidate field terms and how informative it is.
struct Candidate {
    info: f32,
    terms: Vec<FieldTerm>,
    /// Parallel to `terms`: is the term in most entries?
    common: Vec<bool>,
}

impl Engine {
    /// Turns analysed query tokens into weighted field terms.
    pub(super) fn plan(&self, analysed: &paste::AnalyzedPaste) -> Plan {
        let tokens = &analysed.tokens;
        let long_query = analysed.long;
        let words = distinct_words(tokens);
        let (mut extra, corrections) = self.typo_terms(&words, long_query);
        let split = if long_query {
            Vec::new()
        } else {
            let (parts, split) = self.split_compounds(&words, &corrections);
            extra.extend(parts);
            split
        };

        // Stemmed once: logs repeat their words, so stems are memoised.
        let prose_tokens = analysis::to_prose(corrected(tokens, &corrections));
        extra.extend(self.synonym_terms(&prose_tokens));
        if !long_query {
            extra.extend(abbreviation_terms(&prose_tokens));
            extra.extend(self.compound_words(tokens));
        }

        let unknown_weight = if long_query {
            0.0
        } else {
            self.unknown_weight(&words, &corrections, &split)
        };
        let asks_more = words
            .iter()
            .any(|(tok, _)| !analysis::is_question_or_stop_word(&tok.text));
        let mut candidates: Vec<Candidate> = words
            .iter()
            .chain(extra.iter())
            // Typed words drop their auxiliaries; a tool's output keeps
            // its message whole (`thread 'main' has overflowed its stack`).
            .filter(|(tok, _)| analysed.output || !analysis::is_auxiliary_word(&tok.text))
            .filter_map(|(tok, weight)| {
                let id_scale = self.id_scale(&tok.text, analysed.output, asks_more);
                self.candidate(tok, *weight, long_query, analysed.output, id_scale)
            })
            .collect();
        if !long_query {
            skip_common_terms(&mut candidates);
        }
        candidates.sort_by(|a, b| b.info.total_cmp(&a.info));
        let keep = if long_query {
            MAX_PASTE_TERMS
        } else {
            MAX_QUERY_TERMS
        };
        let mut out: Vec<FieldTerm> = candidates
            .into_iter()
            .take(keep)
            .flat_map(|c| c.terms)
            .collect();

        let weights: HashMap<u32, f32> = tokens
            .iter()
            .map(|t| (t.token.position, t.weight))
            .collect();
        out.extend(self.bigram_terms(&prose_tokens, &weights, long_query));
        let phrases = self.phrase_terms(
            &prose_tokens,
            &weights,
            &analysed.namespace,
            &analysed.commands,
        );
        out.extend(phrases.entries);
        Plan {
            terms: one_per_field_and_text(out),
            corrections,
            section_phrases: phrases.sections,
            unknown_weight,
            in_commands: phrases.in_commands,
        }
    }

    /// The weight (IDF of an unseen word × line weight) of the typed words
    /// no entry has and that no typo correction replaced or compound split
    /// found (`split`).
    fn unknown_weight(
        &self,
        words: &[(Token, f32)],
        corrections: &[(String, String)],
        split: &[String],
    ) -> f32 {
        words
            .iter()
            .filter(|(tok, _)| {
                is_word(&tok.text)
                    && !corrections.iter().any(|(w, _)| *w == tok.text)
                    && !split.contains(&tok.text)
            })
            .filter(|(tok, _)| !self.knows_word(&tok.text))
            .map(|(_, weight)| self.idf(0) * weight)
            .sum()
    }

    /// The other phrases of the synonym groups the query's prose mentions.
    fn synonym_terms(&self, prose_tokens: &[Token]) -> Vec<(Token, f32)> {
        let prose_seq: Vec<String> = prose_tokens
            .iter()
            .filter(|t| t.is_part)
            .map(|t| t.text.clone())
            .collect();
        let joined: Vec<String> = prose_tokens
            .iter()
            .filter(|t| !t.is_part)
            .map(|t| t.text.clone())
            .collect();
        let mut out = Vec::new();
        for phrase in self.synonyms.expansions(&prose_seq, &joined) {
            for t in analysis::code_terms(phrase) {
                out.push((t, SYNONYM_WEIGHT));
            }
        }
        out
    }

    /// How much a typed word that is an entry's whole id counts as naming
    /// it: not at all for a sentence's grammar (`which`, `do`), as much as
    /// a title word for a word this knowledge base also writes as prose in
    /// several entries (`show`, `file`, `log` in "show the last lines of a
    /// log file": tldr-pages names its pages after commands, and those
    /// matched before the page that answers), in full otherwise (`E0382`,
    /// a pasted id, a word alone).
    fn id_scale(&self, word: &str, output: bool, asks_more: bool) -> f32 {
        if output || !asks_more {
            return 1.0;
        }
        if analysis::is_question_or_stop_word(word) {
            return 0.0;
        }
        if !is_word(word) {
            return 1.0;
        }
        let n_docs = self.store.len() as f32;
        let prose_df = self.doc_freq(self.fields.body, &analysis::stem(word)) as f32;
        if prose_df >= ORDINARY_WORD_ENTRIES.max(ORDINARY_WORD_FRACTION * n_docs) {
            ID_AS_TITLE_WORD
        } else {
            1.0
        }
    }

    /// A surface word's terms in every entry field that holds them, its
    /// whole-id match scaled by `id_scale` ([`Engine::id_scale`]).
    fn candidate(
        &self,
        tok: &Token,
        weight: f32,
        long_query: bool,
        output: bool,
        id_scale: f32,
    ) -> Option<Candidate> {
        let n_docs = self.store.len().max(1) as f32;
        let prose = (!analysis::is_stop_word(&tok.text)).then(|| analysis::stem(&tok.text));
        let mut c = Candidate {
            info: 0.0,
            terms: Vec::new(),
            common: Vec::new(),
        };
        for f in self.fields.entry_fields() {
            let is_id = f.field == self.fields.id_exact;
            if is_id && id_scale == 0.0 {
                continue;
            }
            // An identifier an entry lists as its status or error code
            // (`AADSTS50079`, `0x80070035`) names that entry as surely as
            // its id would: at a status's weight, "what does error
            // AADSTS50079 mean" went to the entries whose titles say
            // "error" in five fields.
            let listed_code = is_identifier(&tok.text)
                && (f.field == self.fields.statuses || f.field == self.fields.errors);
            let scale = if is_id {
                id_scale
            } else if listed_code {
                ID_WEIGHT / f.weight
            } else {
                1.0
            };
            let text = match f.analyzer {
                // Typed words' function words (`the`, `on`, `a`) are rare in
                // code spans and error strings, so their IDF there is high:
                // "permissions on the user and on the bucket" matched the
                // error entry whose messages say `on the`. A tool's output
                // keeps them: they are its message's words.
                Analyzer::Code | Analyzer::Exact
                    if !output && analysis::is_stop_word(&tok.text) =>
                {
                    continue
                }
                Analyzer::Code | Analyzer::Exact => tok.text.clone(),
                Analyzer::Prose => match &prose {
                    Some(p) => p.clone(),
                    None => continue,
                },
                Analyzer::Bigram | Analyzer::Phrase => continue,
            };
            let df = self.doc_freq(f.field, &text);
            // In a long paste, words that most entries contain add cost
            // (long posting lists) and almost no signal: skip them.
            if df == 0 || (long_query && df as f32 > COMMON_FRACTION * n_docs) {
                continue;
            }
            c.info = c.info.max(f.weight * scale * self.idf(df));
            c.terms.push(FieldTerm {
                field: f,
                text,
                weight: weight * scale,
            });
            c.common.push(df as f32 > TYPED_COMMON_FRACTION * n_docs);
        }
        c.info *= weight;
        (!c.terms.is_empty()).then_some(c)
    }

    /// Bigrams of the query's prose words that the index holds, most
    /// informative first.
    fn bigram_terms(
        &self,
        prose_tokens: &[Token],
        weights: &HashMap<u32, f32>,
        long_query: bool,
    ) -> Vec<FieldTerm> {
        let Some(bf) = self.entry_field(Analyzer::Bigram) else {
            return Vec::new();
        };
        let mut grams: Vec<(f32, FieldTerm)> = Vec::new();
        let mut seen = HashSet::new();
        for (position, gram) in analysis::bigrams_at(prose_tokens) {
            if !seen.insert(gram.clone()) {
                continue;
            }
            let df = self.doc_freq(bf.field, &gram);
            if df == 0 {
                continue;
            }
            let weight = weights.get(&position).copied().unwrap_or(1.0);
            grams.push((
                self.idf(df) * weight,
                FieldTerm {
                    field: bf,
                    text: gram,
                    weight,
                },
            ));
        }
        grams.sort_by(|a, b| b.0.total_cmp(&a.0));
        let keep = if long_query {
            MAX_PASTE_BIGRAMS
        } else {
            MAX_BIGRAMS
        };
        grams.into_iter().take(keep).map(|(_, t)| t).collect()
    }

    /// BM25's inverse document frequency of a term found in `df` entries.
    pub(super) fn idf(&self, df: u64) -> f32 {
        let n_docs = self.store.len().max(1) as f32;
        ((n_docs - df as f32 + 0.5) / (df as f32 + 0.5)).ln_1p()
    }
}

/// A word a reader would count as one: letters only, three or more, not a
/// function word (ids, numbers and hashes in a paste are not).
fn is_word(text: &str) -> bool {
    text.len() >= 3 && text.chars().all(char::is_alphabetic) && !analysis::is_stop_word(text)
}

/// A code rather than a word: letters and digits mixed, five characters
/// or more (`AADSTS50079`, `0x80070035`, `caa20002`).
fn is_identifier(text: &str) -> bool {
    text.len() >= 5
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().any(|c| c.is_alphabetic())
}

/// The query's tokens with typos replaced by their corrections: a corrected
/// word takes part in synonyms, pairs and error strings as corrected (`out
/// of memroy` is the synonym `out of memory`).
fn corrected(tokens: &[paste::QueryToken], corrections: &[(String, String)]) -> Vec<Token> {
    tokens
        .iter()
        .map(
            |t| match corrections.iter().find(|(typed, _)| *typed == t.token.text) {
                Some((_, fix)) => Token {
                    text: fix.clone(),
                    ..t.token.clone()
                },
                None => t.token.clone(),
            },
        )
        .collect()
}

/// A typed query skips field terms found in most entries (IDF near zero,
/// long posting lists) as long as it keeps others: "service" alone still
/// finds the entries about services.
fn skip_common_terms(candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.common.contains(&false)) {
        return;
    }
    for c in candidates.iter_mut() {
        let mut flags = c.common.iter();
        c.terms.retain(|_| !flags.next().copied().unwrap_or(false));
    }
    candidates.retain(|c| !c.terms.is_empty());
}

/// The query's surface words, first occurrence first, each with the
/// highest line weight it was seen with.
fn distinct_words(tokens: &[paste::QueryToken]) -> Vec<(Token, f32)> {
    let mut words: Vec<(Token, f32)> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for qt in tokens {
        match index_of.get(&qt.token.text) {
            Some(&i) => words[i].1 = words[i].1.max(qt.weight),
            None => {
                index_of.insert(qt.token.text.clone(), words.len());
                words.push((qt.token.clone(), qt.weight));
            }
        }
    }
    words
}

/// One clause per (field, term), keeping the highest weight; sorted so that
/// the same query always builds the same tantivy query.
fn one_per_field_and_text(terms: Vec<FieldTerm>) -> Vec<FieldTerm> {
    let mut dedup: HashMap<(tantivy::schema::Field, String), FieldTerm> = HashMap::new();
    for t in terms {
        let key = (t.field.field, t.text.clone());
        match dedup.get_mut(&key) {
            Some(old) if old.weight >= t.weight => {}
            _ => {
                dedup.insert(key, t);
            }
        }
    }
    let mut terms: Vec<FieldTerm> = dedup.into_values().collect();
    terms.sort_by(|a, b| {
        a.text
            .cmp(&b.text)
            .then(a.field.field.field_id().cmp(&b.field.field.field_id()))
    });
    terms
}

mod compounds;

#[cfg(test)]
mod tests;
