//! Compounds: two typed words the knowledge base writes as one
//! (`timed out` → `timeout`), and one typed word it writes as two
//! (`cronjob` → `cron job`), searched as synonyms.

use std::collections::HashSet;

use super::SYNONYM_WEIGHT;
use crate::analysis::{self, paste, Token};
use crate::engine::Engine;
use crate::schema::Analyzer;

impl Engine {
    /// The two words the knowledge base writes apart for a typed compound
    /// it never writes whole (`cronjob` → `cron job`, `filesystem` → `file
    /// system`), weighted as synonyms: the reverse of
    /// [`Engine::compound_words`]. Only a split whose pair the knowledge
    /// base writes (its bigram is indexed) counts. Returns the parts and
    /// the words split.
    pub(super) fn split_compounds(
        &self,
        words: &[(Token, f32)],
        corrections: &[(String, String)],
    ) -> (Vec<(Token, f32)>, Vec<String>) {
        let Some(bigrams) = self.entry_field(Analyzer::Bigram) else {
            return Default::default();
        };
        let mut parts = Vec::new();
        let mut split = Vec::new();
        for (tok, weight) in words {
            let w = tok.text.as_str();
            if w.len() < 6
                || !w.chars().all(|c| c.is_ascii_lowercase())
                || corrections.iter().any(|(typed, _)| typed == w)
                || self.knows_word(w)
            {
                continue;
            }
            let best = (3..=w.len() - 3)
                .map(|i| (&w[..i], &w[i..]))
                .filter(|(a, b)| self.knows_word(a) && self.knows_word(b))
                .map(|(a, b)| {
                    let gram = format!("{}_{}", analysis::stem(a), analysis::stem(b));
                    (self.doc_freq(bigrams.field, &gram), a, b)
                })
                .filter(|(df, _, _)| *df > 0)
                .max_by_key(|(df, _, _)| *df);
            if let Some((_, a, b)) = best {
                for part in [a, b] {
                    let token = Token {
                        text: part.to_string(),
                        ..tok.clone()
                    };
                    parts.push((token, SYNONYM_WEIGHT * weight));
                }
                split.push(w.to_string());
            }
        }
        (parts, split)
    }

    /// The one-word forms of two adjacent words (`timed out` → `timeout`,
    /// `set up` → `setup`), weighted as synonyms: the knowledge base may
    /// write the compound where the reader types two words. A pair the
    /// knowledge base also writes apart (its bigram is indexed) already
    /// matches as itself. Only forms the index holds become terms.
    pub(super) fn compound_words(&self, tokens: &[paste::QueryToken]) -> Vec<(Token, f32)> {
        let parts: Vec<&paste::QueryToken> = tokens.iter().filter(|t| t.token.is_part).collect();
        let bigrams = self.entry_field(Analyzer::Bigram);
        let written_apart = |a: &str, a_stem: &str, b: &str| {
            !analysis::is_stop_word(a)
                && !analysis::is_stop_word(b)
                && bigrams.is_some_and(|f| {
                    let gram = format!("{a_stem}_{}", analysis::stem(b));
                    self.doc_freq(f.field, &gram) > 0
                })
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for pair in parts.windows(2) {
            let (a, b) = (&pair[0].token, &pair[1].token);
            let alphabetic =
                |t: &Token| t.text.len() >= 2 && t.text.chars().all(char::is_alphabetic);
            // Two words of the sentence's grammar are no compound the
            // reader meant (`what is` is not tldr's `whatis`).
            let grammar = |t: &Token| analysis::is_question_or_stop_word(&t.text);
            if b.position != a.position + 1
                || !alphabetic(a)
                || !alphabetic(b)
                || (grammar(a) && grammar(b))
            {
                continue;
            }
            let a_stem = analysis::stem(&a.text);
            if written_apart(&a.text, &a_stem, &b.text) {
                continue;
            }
            let weight = SYNONYM_WEIGHT * pair[0].weight.min(pair[1].weight);
            for first in [a.text.clone(), a_stem] {
                let text = format!("{first}{}", b.text);
                if text.len() >= 5 && seen.insert(text.clone()) {
                    out.push((Token { text, ..a.clone() }, weight));
                }
            }
        }
        out
    }
}
