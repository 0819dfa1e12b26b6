//! A plain BM25 baseline: the query's words (stemmed, function words
//! dropped) searched in titles and bodies, with none of the engine's
//! knowledge of pastes, ids, codes, error strings, typos or sections. `kb
//! eval` prints the engine's lead over it, so every query set shows the
//! margin and not only the absolute figure.

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur};

use super::rank::weighted_term;
use super::Engine;
use crate::analysis;

impl Engine {
    /// The entries plain BM25 ranks first for `query`, best first.
    pub fn baseline_search(&self, query: &str, limit: usize) -> Vec<String> {
        let words: std::collections::BTreeSet<String> = analysis::prose_terms(query)
            .into_iter()
            .filter(|t| t.is_part)
            .map(|t| t.text)
            .collect();
        let clauses = words
            .iter()
            .flat_map(|w| {
                [self.fields.title, self.fields.body]
                    .map(|f| (Occur::Should, weighted_term(f, w, 1.0)))
            })
            .collect();
        let Ok(top) = self.searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        ) else {
            return Vec::new();
        };
        let summaries = self.store.summaries();
        top.into_iter()
            .filter_map(|(_, addr)| self.entry_ord(addr))
            .map(|e| summaries[e as usize].id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing;

    #[test]
    fn the_baseline_finds_entries_by_their_words_only() {
        let engine = testing::sample();
        assert_eq!(
            engine.baseline_search("old logs fill the disk", 3)[0],
            "disk-full"
        );
        // No paste cleanup, no error strings: words alone.
        assert!(engine.baseline_search("zzqx", 3).is_empty());
    }
}
