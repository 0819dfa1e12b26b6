//! Hits: the card of each ranked entry, built from its body (section,
//! steps, code spans, excerpt with the query's words marked).

use serde::Serialize;

use super::facets::Facets;
use super::rank::{Ranked, Ranking};
use super::Engine;
use crate::analysis;
use crate::excerpt::{self, Fragment};
use crate::model::Section;
use crate::schema::exact_id;

/// A hit carries at most this many code spans of its section, each at
/// most this long (longer ones are code blocks, read on the answer page).
const MAX_CODE_SPANS: usize = 3;
const MAX_CODE_BYTES: usize = 160;

/// One ranked answer.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub category: String,
    pub score: f32,
    /// Heading of the best-matching section (`None`: the intro).
    pub section: Option<String>,
    /// Anchor of that section, for a permalink.
    pub anchor: Option<String>,
    /// All statuses of the entry.
    pub statuses: Vec<String>,
    /// The statuses the query mentions.
    pub matched_statuses: Vec<String>,
    /// Excerpt of the best section, with the matched words marked.
    pub excerpt: Vec<Fragment>,
    /// Resolution steps of the best section (or of the entry when the
    /// section has none).
    pub steps: Vec<String>,
    /// Short code spans of the best section (error strings, commands),
    /// for showing in monospace with a copy button.
    pub code: Vec<String>,
}

/// What a search returns.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct SearchResults {
    pub hits: Vec<Hit>,
    /// How many results match (with the filters), of which `hits` are
    /// the first `limit`.
    pub total: usize,
    /// Counts per category and status over the matching results; each
    /// facet's counts apply the other facet's filter but not its own, so a
    /// chip always says what choosing it would give.
    pub facets: Facets,
    /// The paste was longer than [`crate::analysis::paste::MAX_QUERY_BYTES`]
    /// and was cut.
    pub truncated: bool,
    /// The query with misspelt words replaced, when typos were corrected.
    pub did_you_mean: Option<String>,
}

impl Engine {
    /// The results, with a card for each ranked entry. Entries whose body
    /// is not loaded get a card without excerpt, steps or code.
    pub(super) fn results(&self, ranking: &Ranking) -> SearchResults {
        SearchResults {
            hits: ranking
                .ranked
                .iter()
                .map(|r| self.hit(r, ranking))
                .collect(),
            total: ranking.total,
            facets: ranking.facets.clone(),
            truncated: ranking.truncated,
            did_you_mean: ranking.did_you_mean.clone(),
        }
    }

    fn hit(&self, ranked: &Ranked, ranking: &Ranking) -> Hit {
        let entry = &self.store.summaries()[ranked.ord as usize];
        let sections: &[Section] = self.store.sections(ranked.ord).unwrap_or_default();
        let section = sections.get(ranked.section as usize).or(sections.first());
        let excerpt_source = section
            .filter(|s| !s.text.is_empty())
            .or(sections.iter().find(|s| !s.text.is_empty()));
        Hit {
            id: entry.id.clone(),
            title: entry.title.clone(),
            category: entry.category.clone(),
            score: ranked.score,
            section: section
                .filter(|s| !s.heading.is_empty())
                .map(|s| s.heading.clone()),
            anchor: section
                .filter(|s| !s.anchor.is_empty())
                .map(|s| s.anchor.clone()),
            statuses: entry.statuses.clone(),
            matched_statuses: matched_statuses(&entry.statuses, ranking),
            excerpt: excerpt_source
                .map(|s| excerpt::excerpt(&s.text, &ranking.query_prose, excerpt::EXCERPT_WORDS))
                .unwrap_or_default(),
            steps: steps(section, sections),
            code: section.map(code_spans).unwrap_or_default(),
        }
    }
}

/// The section's steps, or the first steps of the entry when it has none.
fn steps(section: Option<&Section>, sections: &[Section]) -> Vec<String> {
    match section {
        Some(s) if !s.steps.is_empty() => s.steps.clone(),
        _ => sections
            .iter()
            .find(|s| !s.steps.is_empty())
            .map(|s| s.steps.clone())
            .unwrap_or_default(),
    }
}

/// The statuses whose words the query contains (whole, or every part).
fn matched_statuses(statuses: &[String], ranking: &Ranking) -> Vec<String> {
    let query_code = &ranking.query_code;
    statuses
        .iter()
        .filter(|status| {
            let tokens = analysis::code_terms(status);
            let joined = exact_id(status);
            query_code.contains(joined.as_str())
                || (!tokens.is_empty()
                    && tokens
                        .iter()
                        .filter(|t| t.is_part)
                        .all(|t| query_code.contains(t.text.as_str())))
        })
        .cloned()
        .collect()
}

/// The section's short code spans.
fn code_spans(section: &Section) -> Vec<String> {
    section
        .code
        .iter()
        .filter(|c| c.len() <= MAX_CODE_BYTES && !c.trim().is_empty())
        .take(MAX_CODE_SPANS)
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::{testing, SearchOptions};
    use super::*;

    #[test]
    fn a_hit_shows_its_best_sections_heading_steps_and_code() {
        let engine = testing::sample();
        let r = engine.search("401 Unauthorized", &SearchOptions::default());
        let hit = r.hits.iter().find(|h| h.id == "image-pull").unwrap();
        assert_eq!(hit.section.as_deref(), Some("Wrong credentials"));
        assert_eq!(hit.anchor.as_deref(), Some("wrong-credentials"));
        assert_eq!(hit.steps, ["Enter the registry password."]);
        assert_eq!(hit.code, ["401 Unauthorized"]);
    }

    #[test]
    fn statuses_the_query_names_are_marked() {
        let engine = testing::sample();
        let r = engine.search("pod in ImagePullBackOff", &SearchOptions::default());
        assert_eq!(r.hits[0].id, "image-pull");
        assert_eq!(r.hits[0].matched_statuses, ["ImagePullBackOff"]);
    }

    #[test]
    fn long_and_blank_code_spans_stay_off_the_card() {
        let section = Section {
            code: vec![" ".into(), "x".repeat(MAX_CODE_BYTES + 1), "ok".into()],
            ..Section::default()
        };
        assert_eq!(code_spans(&section), ["ok"]);
    }

    #[test]
    fn a_section_without_steps_borrows_the_first_steps_of_the_entry() {
        let with = Section {
            steps: vec!["Do it.".into()],
            ..Section::default()
        };
        let without = Section::default();
        assert_eq!(steps(Some(&without), &[without.clone(), with]), ["Do it."]);
    }
}
