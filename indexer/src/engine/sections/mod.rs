//! The best section of each ranked entry: the query's terms searched in
//! the section documents of those entries only.

use std::collections::{HashMap, HashSet};

use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Term};

use super::plan::FieldTerm;
use super::{Engine, SectionDoc, SectionSpan};
use crate::schema::Analyzer;

/// Up to this many distinct query terms all take part in choosing a hit's section.
const SECTION_TERMS_ALL: usize = 40;

/// A heading word in more sections than this, and than a tenth of the
/// entries, is a structural heading's ([`Scored::heading`] leaves it out).
const STRUCTURAL_HEADINGS: f32 = 2.0;

/// The share of a quoted word's score (code, an error string) that is its
/// section's own when the intro quotes it too: less than a word only the
/// section has, which outweighs it.
const QUOTED_OVER_INTRO: f32 = 0.5;

/// BM25's term-frequency saturation and length normalisation.
const K1: f32 = 1.2;
const B: f32 = 0.75;

impl Engine {
    /// The ordinals of an entry's overview sections (`Issue`, `Root
    /// Cause`: see [`SectionDoc::describes_entry`]), which a card shows
    /// like the intro.
    pub(super) fn overview_sections(&self, entry: u32) -> HashSet<u32> {
        let Some(span) = self.section_spans.get(entry as usize).copied().flatten() else {
            return HashSet::new();
        };
        (span.start..span.end)
            .filter_map(|d| self.section_doc(span.segment, d))
            .filter(|d| d.overview)
            .map(|d| d.index)
            .collect()
    }

    /// Every section of these entries, scored for the query.
    ///
    /// Sections are scored by BM25 whose IDF counts the entry's own
    /// sections as well as the knowledge base: a word every cause of an
    /// entry shares (the entry's own symptom, `ImagePullBackOff`) cannot
    /// choose among them, while the error string one cause quotes does.
    pub(super) fn section_scores(&self, entries: &[u32], terms: &[FieldTerm]) -> SectionScores {
        let mut spans: Vec<(u32, SectionSpan)> = entries
            .iter()
            .filter_map(|&e| {
                self.section_spans
                    .get(e as usize)
                    .copied()
                    .flatten()
                    .map(|s| (e, s))
            })
            .collect();
        spans.sort_by_key(|(_, s)| (s.segment, s.start));
        let mut scores: HashMap<u32, Vec<Scored>> = spans
            .iter()
            .map(|(e, s)| (*e, vec![Scored::default(); (s.end - s.start) as usize]))
            .collect();
        let mut intros = IntroCache::new();
        for (field, text, weight) in self.section_terms(terms) {
            let intro_has = self.intros_with(field, text, &spans, &mut intros);
            self.score_term(field, text, weight, &intro_has, &spans, &mut scores);
        }
        for (field, text) in self.tied_terms(terms) {
            self.mark_tied(field, text, &spans, &mut scores);
        }
        spans
            .iter()
            .map(|(e, span)| {
                let docs = (span.start..span.end).map(|d| self.section_doc(span.segment, d));
                // Every section of the entry, scored or not.
                let scored: Vec<(Scored, SectionDoc)> = scores[e]
                    .iter()
                    .zip(docs)
                    .filter_map(|(&score, doc)| Some((score, doc?)))
                    .collect();
                (*e, scored)
            })
            .collect()
    }

    /// The ordinal of the section an entry's card shows (0, the first,
    /// when the entry was not scored).
    pub(super) fn best_section(scores: &SectionScores, entry: u32) -> u32 {
        scores
            .get(&entry)
            .map_or(0, |scored| choose_section(scored))
    }

    /// Adds one term's BM25 contribution to the sections of the spans
    /// (sorted by segment and first document) that contain it.
    fn score_term(
        &self,
        field: Field,
        text: &str,
        weight: f32,
        intro_has: &HashSet<u32>,
        spans: &[(u32, SectionSpan)],
        scores: &mut HashMap<u32, Vec<Scored>>,
    ) {
        let term = Term::from_field_text(field, text);
        let global_df = self.term_doc_freq(&term) as f32;
        let sections = self.section_count.max(1) as f32;
        let idf = ((sections - global_df + 0.5) / (global_df + 0.5)).ln_1p();
        // A heading word many entries share ("Why it happens", "Cause")
        // names the structure of the entries, not one of their cases.
        let structural = global_df > STRUCTURAL_HEADINGS.max(self.store.len() as f32 / 10.0);
        // A heading word names its case over an intro that says it too
        // ("…or the health check fails"), and so, at half weight, does a
        // code span or error string the section quotes (an intro naming two
        // settings, each one cause's): but not when the word is the
        // entry's own subject, in its title (`image` of `ImagePullBackOff`).
        let headed = field == self.fields.s_heading;
        let quoted = field == self.fields.s_code || field == self.fields.s_phrases;
        let names_case = (headed || quoted) && !structural;
        let titled = match self.title_lookup(field, text) {
            Some(word) if names_case && !intro_has.is_empty() => {
                let docs = self.entry_doc_addresses(intro_has.iter().copied());
                self.entries_with(&Term::from_field_text(self.fields.title, &word), &docs)
            }
            _ => HashSet::new(),
        };
        for (segment_ord, inverted, mut postings) in
            self.segment_postings(&term, IndexRecordOption::WithFreqs)
        {
            let norms = self
                .searcher
                .segment_reader(segment_ord)
                .fieldnorms_readers()
                .get_field(field)
                .ok()
                .flatten();
            let average = inverted.total_num_tokens() as f32 / self.section_count.max(1) as f32;
            for (entry, span) in spans.iter().filter(|(_, s)| s.segment == segment_ord) {
                if postings.doc() < span.start {
                    postings.seek(span.start);
                }
                let mut found: Vec<(u32, u32)> = Vec::new();
                while postings.doc() < span.end {
                    found.push((postings.doc(), postings.term_freq()));
                    postings.advance();
                }
                if found.is_empty() {
                    continue;
                }
                let (n, df) = ((span.end - span.start) as f32, found.len() as f32);
                let idf_here = ((n - df + 0.5) / (df + 0.5)).ln_1p();
                // A word of the intro says what the entry is about, not which
                // of its causes applies, unless a heading has it: an intro
                // that sums up the causes still lets a heading name one.
                let in_intro = intro_has.contains(entry);
                let slots = scores.get_mut(entry).expect("every span has scores");
                for (doc, tf) in found {
                    let len = norms.as_ref().map_or(average, |r| r.fieldnorm(doc) as f32);
                    let tf = tf as f32;
                    let norm = K1 * (1.0 - B + B * len / average.max(1.0));
                    let bm25 = weight * idf * tf * (K1 + 1.0) / (tf + norm);
                    let score = bm25 * idf_here;
                    let slot = &mut slots[(doc - span.start) as usize];
                    slot.passage += bm25;
                    slot.total += score;
                    let names_case = names_case && !titled.contains(entry);
                    if names_case && headed {
                        slot.heading += score;
                    }
                    if !in_intro || (names_case && headed) {
                        slot.own += score;
                    } else if names_case {
                        slot.own += score * QUOTED_OVER_INTRO;
                    }
                }
            }
        }
    }

    /// The query's error strings, and its code words (a tied string may be
    /// one word, `(0xFFFD)`), as keys of the strings authors tied to
    /// sections.
    pub(super) fn tied_terms<'t>(&self, terms: &'t [FieldTerm]) -> Vec<(Field, &'t str)> {
        let mut seen = HashSet::new();
        terms
            .iter()
            .filter(|t| matches!(t.field.analyzer, Analyzer::Phrase | Analyzer::Code))
            .filter(|t| seen.insert(t.text.as_str()))
            .map(|t| (self.fields.s_tied, t.text.as_str()))
            .collect()
    }

    /// Marks the sections of the spans that the author tied this string to.
    fn mark_tied(
        &self,
        field: Field,
        text: &str,
        spans: &[(u32, SectionSpan)],
        scores: &mut HashMap<u32, Vec<Scored>>,
    ) {
        let term = Term::from_field_text(field, text);
        for (segment_ord, _, mut postings) in self.segment_postings(&term, IndexRecordOption::Basic)
        {
            for (entry, span) in spans.iter().filter(|(_, s)| s.segment == segment_ord) {
                if postings.doc() < span.start {
                    postings.seek(span.start);
                }
                let slots = scores.get_mut(entry).expect("every span has scores");
                while postings.doc() < span.end {
                    slots[(postings.doc() - span.start) as usize].tied = true;
                    postings.advance();
                }
            }
        }
    }

    /// The entries (of `spans`) whose intro, or overview before its first
    /// cause (`Issue`), has the term, in this field or in the intro's other
    /// prose field. Two words next to each other count
    /// as the intro's whenever it has each (`image pull` from
    /// `ImagePullBackOff` is the entry's topic); a pair the intro lacks a
    /// word of (`personal edition`) is the evidence of the causes that
    /// have it.
    fn intros_with(
        &self,
        field: Field,
        text: &str,
        spans: &[(u32, SectionSpan)],
        cache: &mut IntroCache,
    ) -> HashSet<u32> {
        let f = &self.fields;
        if field == f.s_bigrams {
            let mut parts = text
                .split('_')
                .map(|part| self.intros_with(f.s_text, part, spans, cache));
            let first = parts.next().unwrap_or_default();
            return parts.fold(first, |all, has| all.intersection(&has).copied().collect());
        }
        // A word's heading and text terms look up the same intros.
        let key_field = if field == f.s_heading {
            f.s_text
        } else {
            field
        };
        if let Some(known) = cache.get(&(key_field, text.to_string())) {
            return known.clone();
        }
        let mut out = HashSet::new();
        for (field, text) in self.intro_lookups(field, text) {
            let term = Term::from_field_text(field, &text);
            for (segment_ord, _, mut postings) in
                self.segment_postings(&term, IndexRecordOption::Basic)
            {
                for (entry, span) in spans.iter().filter(|(_, s)| s.segment == segment_ord) {
                    // The intro and the overview sections before the first
                    // cause (`Issue`, `Environment`); those after the causes
                    // (`Diagnostic Steps`) go through each cause's evidence.
                    let end = self.leading_overview_end(span);
                    if postings.doc() < span.start {
                        postings.seek(span.start);
                    }
                    if postings.doc() < end {
                        out.insert(*entry);
                    }
                }
            }
        }
        cache.insert((key_field, text.to_string()), out.clone());
        out
    }

    /// One past the last section document of the span that describes the
    /// entry before its first cause (its intro, `Issue`, `Environment`).
    fn leading_overview_end(&self, span: &SectionSpan) -> u32 {
        (span.start..span.end)
            .find(|&d| {
                !self
                    .section_doc(span.segment, d)
                    .is_some_and(|doc| doc.describes_entry())
            })
            .unwrap_or(span.end)
    }

    /// The terms whose postings tell whether an intro has a (non-bigram)
    /// section term: a code word (`failed`) is the intro's too when its
    /// prose has it (`fail`).
    fn intro_lookups(&self, field: Field, text: &str) -> Vec<(Field, String)> {
        let f = &self.fields;
        if field == f.s_heading || field == f.s_text {
            vec![
                (f.s_heading, text.to_string()),
                (f.s_text, text.to_string()),
            ]
        } else if field == f.s_code {
            let stem = crate::analysis::stem(text);
            vec![
                (f.s_code, text.to_string()),
                (f.s_heading, stem.clone()),
                (f.s_text, stem),
            ]
        } else {
            vec![(field, text.to_string())]
        }
    }

    /// The title word that tells whether a heading word, code word or
    /// error string is the entry's own subject. The title is prose: a code
    /// word is there by its stem.
    fn title_lookup(&self, field: Field, text: &str) -> Option<String> {
        let f = &self.fields;
        if field == f.s_code {
            Some(crate::analysis::stem(text))
        } else if field == f.s_heading || field == f.s_phrases {
            Some(text.to_string())
        } else {
            None
        }
    }

    /// Every term whose postings choosing a section with this term reads:
    /// what a large knowledge base fetches before it ranks.
    pub(super) fn section_lookups(&self, field: Field, text: &str) -> Vec<(Field, String)> {
        let f = &self.fields;
        let mut out = vec![(field, text.to_string())];
        if field == f.s_bigrams {
            for part in text.split('_') {
                out.extend(self.intro_lookups(f.s_text, part));
            }
            return out;
        }
        out.extend(self.intro_lookups(field, text));
        out.extend(self.title_lookup(field, text).map(|w| (f.title, w)));
        out
    }

    fn section_doc(&self, segment: u32, doc: u32) -> Option<SectionDoc> {
        *self
            .section_of_doc
            .get(segment as usize)?
            .get(doc as usize)?
    }

    /// The section-field terms that choose a ranked entry's best section,
    /// with their weights.
    pub(super) fn section_terms<'t>(&self, terms: &'t [FieldTerm]) -> Vec<(Field, &'t str, f32)> {
        let mut seen = HashSet::new();
        // For a long paste, the lines that name the error choose the cause;
        // the noise lines would only add cost.
        let strongest: Vec<&FieldTerm> =
            terms.iter().filter(|t| choosing_weight(t) >= 1.0).collect();
        // Counted in words: a typed question's words each have several
        // field terms. (Fewer field terms than the bound are fewer words.)
        let many_words = terms.len() > SECTION_TERMS_ALL
            && terms
                .iter()
                .map(|t| t.text.as_str())
                .collect::<HashSet<_>>()
                .len()
                > SECTION_TERMS_ALL;
        let chosen: Vec<&FieldTerm> = if many_words && !strongest.is_empty() {
            strongest
        } else {
            terms.iter().collect()
        };
        let mut out = Vec::new();
        // A function word quoted in a cause's error string (`on` of `no
        // space left on device`) is not evidence for that cause (the string
        // itself counts as a phrase), nor is a question's `which`.
        for t in chosen
            .into_iter()
            .filter(|t| !crate::analysis::is_question_or_stop_word(&t.text))
        {
            for f in self.fields.section_fields() {
                if f.analyzer != t.field.analyzer || !seen.insert((f.field, t.text.as_str())) {
                    continue;
                }
                out.push((f.field, t.text.as_str(), f.weight * choosing_weight(t)));
            }
        }
        out
    }
}

/// A query term's weight in choosing a section. A documented error string
/// found whole names its cause on any line of a paste, so it counts in full
/// even on a line weighed less (a `DETAIL:` line under the `FATAL:` one).
fn choosing_weight(t: &FieldTerm) -> f32 {
    if t.field.analyzer == Analyzer::Phrase {
        t.weight.max(1.0)
    } else {
        t.weight
    }
}

/// The entries whose intro has a word, by the word's field and text: one
/// search's bigrams and fields ask for the same words again.
type IntroCache = HashMap<(Field, String), HashSet<u32>>;

mod choice;
pub(super) use choice::{best_passage, SectionScores};
use choice::{choose_section, Scored};

#[cfg(test)]
mod tests;
