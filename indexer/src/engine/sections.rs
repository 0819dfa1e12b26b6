//! The best section of each ranked entry: the query's terms searched in
//! the section documents of those entries only.

use std::collections::{HashMap, HashSet};

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::plan::FieldTerm;
use super::rank::weighted_term;
use super::Engine;

/// Up to this many field terms all take part in choosing a hit's section.
const SECTION_TERMS_ALL: usize = 40;

impl Engine {
    /// For each ranked entry, the ordinal of its best-matching section.
    pub(super) fn best_sections(
        &self,
        ranked: &[(f32, u32)],
        terms: &[FieldTerm],
    ) -> HashMap<u32, u32> {
        let mut best: HashMap<u32, (f32, u32)> = HashMap::new();
        if ranked.is_empty() {
            return HashMap::new();
        }
        // A plain disjunction: TermSetQuery would build an FST per query.
        let restrict = BooleanQuery::new(
            ranked
                .iter()
                .map(|&(_, e)| {
                    let term = Term::from_field_u64(self.fields.s_entry, e as u64);
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect(),
        );
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(BoostQuery::new(Box::new(restrict), 0.0)),
        )];
        for (field, text, weight) in self.section_terms(terms) {
            clauses.push((Occur::Should, weighted_term(field, text, weight)));
        }
        let query = BooleanQuery::new(clauses);
        let limit = (ranked.len() * 16).max(32);
        if let Ok(top) = self
            .searcher
            .search(&query, &TopDocs::with_limit(limit).order_by_score())
        {
            for (score, addr) in top {
                let Some(Some((e, s))) = self
                    .section_of_doc
                    .get(addr.segment_ord as usize)
                    .and_then(|v| v.get(addr.doc_id as usize))
                else {
                    continue;
                };
                if score > 0.0 {
                    let slot = best.entry(*e).or_insert((score, *s));
                    if score > slot.0 {
                        *slot = (score, *s);
                    }
                }
            }
        }
        best.into_iter().map(|(e, (_, s))| (e, s)).collect()
    }

    /// The section-field terms that choose a ranked entry's best section,
    /// with their weights.
    pub(super) fn section_terms<'t>(
        &self,
        terms: &'t [FieldTerm],
    ) -> Vec<(tantivy::schema::Field, &'t str, f32)> {
        let mut seen = HashSet::new();
        // For a long paste, the lines that name the error choose the cause;
        // the noise lines would only add cost.
        let strongest: Vec<&FieldTerm> = terms.iter().filter(|t| t.weight >= 1.0).collect();
        let chosen: Vec<&FieldTerm> = if terms.len() > SECTION_TERMS_ALL && !strongest.is_empty() {
            strongest
        } else {
            terms.iter().collect()
        };
        let mut out = Vec::new();
        for t in chosen {
            for f in self.fields.section_fields() {
                if f.analyzer != t.field.analyzer || !seen.insert((f.field, t.text.as_str())) {
                    continue;
                }
                out.push((f.field, t.text.as_str(), f.weight * t.weight));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use crate::analysis::paste;

    /// The heading of the best section of `id` for `query`.
    fn best(query: &str, id: &str) -> String {
        let engine = testing::sample();
        let plan = engine.plan(&paste::analyze(query).tokens);
        let ord = engine.summaries().iter().position(|s| s.id == id).unwrap() as u32;
        let sections = engine.best_sections(&[(1.0, ord)], &plan.terms);
        let index = sections[&ord];
        engine.store.sections(ord).unwrap()[index as usize]
            .heading
            .clone()
    }

    #[test]
    fn the_section_that_quotes_the_error_is_chosen() {
        assert_eq!(best("401 Unauthorized", "image-pull"), "Wrong credentials");
        assert_eq!(best("no such host", "image-pull"), "Registry host unknown");
    }

    #[test]
    fn a_question_picks_the_section_about_its_words() {
        assert_eq!(
            best("old logs filling my disk", "disk-full"),
            "Logs fill the disk"
        );
        assert_eq!(
            best("image too large", "disk-full"),
            "The image is too large"
        );
    }
}
