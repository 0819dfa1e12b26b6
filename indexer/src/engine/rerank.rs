//! Reranking the first candidates with evidence a whole-entry BM25 misses:
//!
//! - **the best passage**: a question that one section answers closely
//!   ("instances pending forever, resource group has no free cpu") beats
//!   entries that match it loosely as a whole;
//! - **coverage**: the entry that has the query's distinguishing word (the
//!   specific case) beats a general one that repeats the shared words.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::Term;

use super::plan::FieldTerm;
use super::sections::{best_passage, SectionScores};
use super::Engine;
use crate::schema::Analyzer;

/// How much coverage counts: an entry with none of the query's words
/// keeps `1 − COVERAGE_WEIGHT` of its score.
const COVERAGE_WEIGHT: f32 = 0.8;

/// How much the best section's own score adds to the entry's.
const PASSAGE_WEIGHT: f32 = 0.1;

impl Engine {
    /// Reorders the first candidates (those with section `scores`) by
    /// `score × (1 − β + β × coverage) + λ × best passage`.
    pub(super) fn rerank(
        &self,
        candidates: &mut [(f32, u32)],
        terms: &[FieldTerm],
        scores: &SectionScores,
        long_query: bool,
    ) {
        // A paste's many words are mostly log noise: how many of them an
        // entry has says little.
        let beta = if long_query { 0.0 } else { COVERAGE_WEIGHT };
        let lambda = PASSAGE_WEIGHT;
        let depth = candidates
            .iter()
            .take_while(|(_, e)| scores.contains_key(e))
            .count();
        let head = &mut candidates[..depth];
        if head.len() < 2 {
            return;
        }
        let entries: Vec<u32> = head.iter().map(|&(_, e)| e).collect();
        // Coverage is read only when it counts (not for a paste).
        let coverage = if beta > 0.0 {
            self.coverage(&entries, terms, 0.0)
        } else {
            HashMap::new()
        };
        for (score, e) in head.iter_mut() {
            let c = coverage.get(e).copied().unwrap_or(0.0);
            let passage = scores.get(e).map_or(0.0, |s| best_passage(s));
            *score = *score * (1.0 - beta + beta * c) + lambda * passage;
        }
        head.sort_by(|a, b| b.0.total_cmp(&a.0));
    }

    /// For each entry, the share of the query's word weight (IDF) that the
    /// entry has, in any of its fields; `unknown` adds the weight of words
    /// no entry has.
    pub(super) fn coverage(
        &self,
        entries: &[u32],
        terms: &[FieldTerm],
        unknown: f32,
    ) -> HashMap<u32, f32> {
        let docs = self.entry_doc_addresses(entries.iter().copied());
        // A word's weight: its best IDF over the fields that hold it.
        // (Ordered maps: float sums in a fixed order give the same scores
        // on every run and every platform.)
        let mut weight: BTreeMap<&str, f32> = BTreeMap::new();
        let mut found: BTreeMap<&str, HashSet<u32>> = BTreeMap::new();
        for t in terms
            .iter()
            .filter(|t| matches!(t.field.analyzer, Analyzer::Prose | Analyzer::Code))
        {
            let term = Term::from_field_text(t.field.field, &t.text);
            let df = self.term_doc_freq(&term);
            let w = weight.entry(t.text.as_str()).or_insert(0.0);
            *w = w.max(self.idf(df) * t.weight);
            found
                .entry(t.text.as_str())
                .or_default()
                .extend(self.entries_with(&term, &docs));
        }
        let total: f32 = (weight.values().sum::<f32>() + unknown).max(f32::MIN_POSITIVE);
        entries
            .iter()
            .map(|&e| {
                let have: f32 = found
                    .iter()
                    .filter(|(_, hits)| hits.contains(&e))
                    .map(|(text, _)| weight[text])
                    .sum();
                (e, have / total)
            })
            .collect()
    }
}
