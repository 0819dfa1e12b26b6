//! Ranking: the planned terms as one weighted BM25 disjunction over the
//! entry documents; results below a share of the best score are noise;
//! facets are counted before the filters apply; the best section of each
//! ranked entry is chosen ([`super::sections`]).

use std::collections::HashSet;
use std::ops::Range;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Term};

use super::facets::{self, Facets};
use super::options::{SearchOptions, MAX_LIMIT};
use super::plan::FieldTerm;
use super::{typos, Engine};
use crate::analysis::paste;
use crate::names;
use crate::schema::Analyzer;

/// The first this many candidates are reranked with section and coverage
/// evidence ([`super::rerank`]).
const RERANK_DEPTH: usize = 30;

/// Below this share of the query's word weight (words no entry has
/// counted in), the first answer is only the closest, not an answer: it
/// flagged 36 % of out-of-scope queries and 1.7 % of in-scope queries whose
/// first answer was right, on the development sets (`kb eval`).
pub const WEAK_COVERAGE: f32 = 0.27;

/// A typed query's first answer that is unsure is only the closest unless
/// it has at least this share of the query's word weight (27 % otherwise).
/// Unsure is:
/// - none of the query's word pairs the knowledge base holds is in it ("add
///   a signature to my e-mails in Outlook": the pairs are in other entries,
///   the answer shares loose words): on the eleven development sets it
///   flagged 207 → 224 of 541 out-of-scope queries (every set gained) and
///   21 → 25 of 2,809 right first answers (0.75 → 0.89 %); 0.35 and 0.45
///   traded worse (+9 / +3, +21 / +8);
/// - or it leads the second answer by less than [`CLEAR_LEAD`] of its
///   score: then 224 → 258 flagged and 25 → 30 right answers (1.07 %).
///
/// Dev-set numbers: the thresholds were chosen on them.
pub const UNSURE_COVERAGE: f32 = 0.4;

/// The share of its score by which a first answer must lead the second
/// to be clear of it ([`UNSURE_COVERAGE`]). Leads of 0.1, 0.15, 0.2 and
/// 0.3 flagged +12, +22, +27 and +37 out-of-scope queries for +0, +2, +5
/// and +7 right answers; 0.25 (+34 for +5) is where the trade turns.
pub const CLEAR_LEAD: f32 = 0.25;

/// Pasted output (an error line, a log) that matches none of the error
/// strings of a knowledge base that documents them (a third of its
/// entries list theirs) is an
/// error it does not cover unless the first answer has at least this share
/// of the query's word weight: on the development sets it flagged 34 → 64 %
/// (rustc) and 23 → 66 % (postgres) of out-of-scope queries, while 0.3 %
/// and 0.9 % of in-scope queries whose first answer was right were
/// flagged. (An answer that lists no error strings was held to
/// [`WEAK_COVERAGE`] until such an entry was keyed by the strings its code
/// quotes, which now speak for it: python-errors and web-errors flag 4
/// more out-of-scope queries and 2 more right answers, about 1 %.)
pub const UNDOCUMENTED_OUTPUT_COVERAGE: f32 = 0.6;

/// A result scoring below this share of the best score is noise (a long
/// paste shares a word or two with almost every entry): it is neither
/// shown nor counted.
pub const RELEVANT_FRACTION: f32 = 0.15;

/// One ranked entry, before its card is built.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Ranked {
    pub score: f32,
    pub ord: u32,
    pub section: u32,
}

/// A search's ranking: everything the index decides, before the hits are
/// built from the entry bodies (which may still have to be fetched: see
/// [`super::driver`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    pub(super) ranked: Vec<Ranked>,
    pub(super) total: usize,
    pub(super) facets: Facets,
    pub(super) truncated: bool,
    pub(super) did_you_mean: Option<String>,
    /// No entry matches the query well (see [`WEAK_COVERAGE`]).
    pub(super) weak: bool,
    /// The query's words and code terms (to mark statuses) and its prose
    /// terms (to mark excerpts).
    pub(super) query_code: HashSet<String>,
    pub(super) query_prose: HashSet<String>,
    /// Postings byte ranges this search needs that are not loaded: when
    /// not empty, nothing was ranked yet.
    pub(super) postings_needed: Vec<(String, Range<u64>)>,
}

impl Engine {
    /// Ranks with the index and the catalog alone. When postings are
    /// missing (a large KB), the ranking is empty and says which.
    pub(super) fn rank(&self, query: &str, options: &SearchOptions) -> Ranking {
        // A variable-looking piece the KB has verbatim is a documented code.
        let known = |w: &str| self.doc_freq(self.fields.words, w) > 0;
        let analysed = paste::analyze_knowing(query, &known);
        let plan = self.plan(&analysed);
        let mut ranking = Ranking {
            truncated: analysed.truncated,
            did_you_mean: typos::did_you_mean(query, &plan.corrections),
            ..Ranking::default()
        };
        let terms = plan.terms;
        // A large knowledge base's term dictionaries are read by range too:
        // planning asked for blocks that are not here yet.
        ranking.postings_needed = self.missing_ranges();
        if terms.is_empty() || !ranking.postings_needed.is_empty() {
            return ranking;
        }
        // The terms that choose a ranked entry's section: all the ranking
        // terms, and the error strings that only name a cause.
        let choosing: Vec<FieldTerm> = terms.iter().cloned().chain(plan.section_phrases).collect();
        ranking.postings_needed = self.probe_postings(&terms, &choosing);
        if !ranking.postings_needed.is_empty() {
            return ranking;
        }
        let Some(mut relevant) = self.relevant_entries(&terms) else {
            return ranking;
        };
        // The first candidates are scored section by section: the best
        // section's evidence reaches the entry's rank, and the same scores
        // choose each card's section.
        let head: Vec<u32> = relevant
            .iter()
            .take(RERANK_DEPTH)
            .map(|&(_, e)| e)
            .collect();
        let mut scores = self.section_scores(&head, &choosing);
        let long_query = analysed.long;
        self.rerank(&mut relevant, &terms, &scores, long_query);
        self.defer_to_pointed(&mut relevant, &terms, &plan.in_commands);
        ranking.facets = self.facets(relevant.iter().map(|&(_, e)| e), options);
        let summaries = self.store.summaries();
        let filtered: Vec<(f32, u32)> = relevant
            .into_iter()
            .filter(|&(_, e)| facets::filter_matches(&summaries[e as usize], options))
            .collect();
        ranking.total = filtered.len();
        let ranked = &filtered[..filtered.len().min(options.limit())];
        let unscored: Vec<u32> = ranked
            .iter()
            .map(|&(_, e)| e)
            .filter(|e| !scores.contains_key(e))
            .collect();
        if !unscored.is_empty() {
            scores.extend(self.section_scores(&unscored, &choosing));
        }
        ranking.weak = ranked.first().is_some_and(|&(score, top)| {
            let second = filtered.get(1).map_or(0.0, |&(s, _)| s);
            let lead = (score - second) / score.max(f32::MIN_POSITIVE);
            self.weak_answer(top, lead, &terms, plan.unknown_weight, analysed.output)
        });
        ranking.ranked = ranked
            .iter()
            .map(|&(score, ord)| Ranked {
                score,
                ord,
                section: Engine::best_section(&scores, ord),
            })
            .collect();
        // A status is "mentioned in your query" when the query has its
        // words, searched or not (a long paste searches only its strongest).
        ranking
            .query_code
            .extend(analysed.tokens.iter().map(|t| t.token.text.clone()));
        for t in terms {
            match t.field.analyzer {
                Analyzer::Code => ranking.query_code.insert(t.text),
                Analyzer::Prose => ranking.query_prose.insert(t.text),
                _ => false,
            };
        }
        // Choosing sections looked up words the probe did not (a title's
        // stem): rank again once they are here.
        ranking.postings_needed = self.missing_ranges();
        ranking
    }

    /// The byte ranges reads found missing since the last call, by the
    /// file they are fetched from.
    fn missing_ranges(&self) -> Vec<(String, Range<u64>)> {
        self.dir
            .take_missing()
            .into_iter()
            .map(|(path, r)| (names::postings_path(&path), r.start as u64..r.end as u64))
            .collect()
    }

    /// Whether the first answer `top` is only the closest, not an answer
    /// (see [`WEAK_COVERAGE`]).
    fn weak_answer(
        &self,
        top: u32,
        lead: f32,
        terms: &[FieldTerm],
        unknown_weight: f32,
        output: bool,
    ) -> bool {
        // A documented error string found whole (listed, or quoted by an
        // entry that lists none) makes the entry that documents it an
        // answer however little else of the query it has; another entry's
        // string vouches for nothing (out of scope flagged +1 on postgres,
        // git and web-errors, one more right answer flagged on web-errors).
        // Without one, output from a tool needs more of its words in the
        // answer when the knowledge base documents its error strings.
        let documented = self.documented_strings_found(&[top], terms);
        if documented.get(&top).is_some_and(|found| !found.is_empty()) {
            return false;
        }
        let threshold = if self.documents_errors && output {
            UNDOCUMENTED_OUTPUT_COVERAGE
        } else {
            WEAK_COVERAGE
        };
        let coverage = self
            .coverage(&[top], terms, unknown_weight)
            .get(&top)
            .copied()
            .unwrap_or(0.0);
        // A typed question whose answer barely leads the next, or whose
        // word pairs the knowledge base writes elsewhere but not in this
        // answer, is held to more of its words.
        let unsure = !output && (lead < CLEAR_LEAD || self.has_pairs_elsewhere(top, terms));
        coverage < threshold || (unsure && coverage < UNSURE_COVERAGE)
    }

    /// Whether the query has word pairs (bigrams) the knowledge base holds
    /// and entry `top` has none of them.
    fn has_pairs_elsewhere(&self, top: u32, terms: &[FieldTerm]) -> bool {
        let mut pairs = terms
            .iter()
            .filter(|t| t.field.analyzer == Analyzer::Bigram)
            .peekable();
        if pairs.peek().is_none() {
            return false;
        }
        let docs = self.entry_doc_addresses([top]);
        !pairs.any(|t| {
            let term = Term::from_field_text(t.field.field, &t.text);
            self.entries_with(&term, &docs).contains(&top)
        })
    }

    /// (score, entry) of the entries that score at least
    /// [`RELEVANT_FRACTION`] of the best, best first, before any filter
    /// (so the facet counts can say what each other choice would give).
    fn relevant_entries(&self, terms: &[FieldTerm]) -> Option<Vec<(f32, u32)>> {
        let query = BooleanQuery::new(
            terms
                .iter()
                .map(|t| {
                    (
                        Occur::Should,
                        weighted_term(t.field.field, &t.text, t.field.weight * t.weight),
                    )
                })
                .collect(),
        );
        let top = self
            .searcher
            .search_with_statistics_provider(
                &query,
                &TopDocs::with_limit(MAX_LIMIT).order_by_score(),
                &super::Statistics(self),
            )
            .ok()?;
        let best = top.first().map_or(0.0, |(score, _)| *score);
        Some(
            top.into_iter()
                .filter(|(score, _)| *score >= best * RELEVANT_FRACTION)
                .filter_map(|(score, addr)| self.entry_ord(addr).map(|e| (score, e)))
                .collect(),
        )
    }

    /// Reads the postings of these terms (and of the section fields'
    /// terms); returns the byte ranges that are not loaded.
    fn probe_postings(
        &self,
        terms: &[FieldTerm],
        choosing: &[FieldTerm],
    ) -> Vec<(String, Range<u64>)> {
        if self.dir.sparse_files().is_empty() {
            return Vec::new();
        }
        let mut probe: Vec<(tantivy::schema::Field, String)> = terms
            .iter()
            .map(|t| (t.field.field, t.text.clone()))
            .collect();
        for (field, text, _) in self.section_terms(choosing) {
            probe.extend(self.section_lookups(field, text));
        }
        probe.extend(
            self.tied_terms(choosing)
                .into_iter()
                .map(|(f, text)| (f, text.to_string())),
        );
        for (field, text) in probe {
            let term = Term::from_field_text(field, &text);
            self.segment_postings(&term, IndexRecordOption::Basic)
                .for_each(drop);
        }
        self.missing_ranges()
    }

    fn facets(&self, ords: impl Iterator<Item = u32>, options: &SearchOptions) -> Facets {
        let summaries = self.store.summaries();
        facets::facet_counts(ords.map(|o| &summaries[o as usize]), options)
    }

    pub(super) fn entry_ord(&self, addr: DocAddress) -> Option<u32> {
        *self
            .entry_of_doc
            .get(addr.segment_ord as usize)?
            .get(addr.doc_id as usize)?
    }
}

/// A BM25 term query scaled by `boost` (field weight × term weight).
pub(super) fn weighted_term(
    field: tantivy::schema::Field,
    text: &str,
    boost: f32,
) -> Box<dyn Query> {
    let term = Term::from_field_text(field, text);
    let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    Box::new(BoostQuery::new(q, boost))
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    fn ids(engine: &Engine, ranking: &Ranking) -> Vec<String> {
        ranking
            .ranked
            .iter()
            .map(|r| engine.summaries()[r.ord as usize].id.clone())
            .collect()
    }

    #[test]
    fn the_entry_that_documents_the_error_ranks_first() {
        let engine = testing::sample();
        let r = engine.rank("lookup registry: no such host", &SearchOptions::default());
        assert_eq!(ids(&engine, &r)[0], "image-pull");
        assert!(r.postings_needed.is_empty());
    }

    #[test]
    fn facets_count_before_the_filter_and_the_filter_cuts_the_results() {
        let engine = testing::sample();
        let all = engine.rank("401", &SearchOptions::default());
        assert_eq!(all.total, 2, "{:?}", ids(&engine, &all));
        let only = SearchOptions {
            category: Some("invocation".into()),
            ..SearchOptions::default()
        };
        let filtered = engine.rank("401", &only);
        assert_eq!(ids(&engine, &filtered), ["token-expired"]);
        assert_eq!(
            filtered.facets.categories.len(),
            2,
            "both categories still counted"
        );
    }

    #[test]
    fn the_limit_caps_the_ranked_entries_but_not_the_total() {
        let engine = testing::sample();
        let r = engine.rank("401", &SearchOptions::with_limit(1));
        assert_eq!(r.ranked.len(), 1);
        assert_eq!(r.total, 2);
    }

    /// Regression: in a KB whose entries mostly list their error strings,
    /// a traceback answered by an entry that lists none (its text quotes
    /// the error) was flagged "no answer matches this well".
    #[test]
    fn output_answered_by_an_entry_listing_no_errors_is_not_flagged() {
        let engine = testing::engine(&[
            "---\nid: disk\nerrors: [\"No space left on device\"]\n---\n# The disk is full\n\nFree space.\n",
            "---\nid: host\nerrors: [\"no such host\"]\n---\n# A host name is unknown\n\nCheck DNS.\n",
            "---\nid: env\n---\n# A KeyError names an environment variable\n\nThe traceback ends with `KeyError: 'DATABASE_URL'` or another variable's name: the program read it from `os.environ` and it is not set.\n",
        ]);
        let r = engine.rank(
            "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n    url = os.environ[\"DATABASE_URL\"]\nKeyError: 'DATABASE_URL'",
            &SearchOptions::default(),
        );
        assert_eq!(ids(&engine, &r)[0], "env");
        assert!(!r.weak, "flagged");
    }

    #[test]
    fn a_query_of_unknown_words_ranks_nothing() {
        let engine = testing::sample();
        let r = engine.rank("qqqq zzzz", &SearchOptions::default());
        assert!(r.ranked.is_empty());
        assert_eq!(r.total, 0);
    }
}
