//! The best section of each ranked entry: the query's terms searched in
//! the section documents of those entries only.

use std::collections::{HashMap, HashSet};

use tantivy::postings::Postings;
use tantivy::schema::IndexRecordOption;
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
        field: tantivy::schema::Field,
        text: &str,
        weight: f32,
        intro_has: &HashSet<u32>,
        spans: &[(u32, SectionSpan)],
        scores: &mut HashMap<u32, Vec<Scored>>,
    ) {
        let term = Term::from_field_text(field, text);
        let global_df = self.searcher.doc_freq(&term).unwrap_or(0) as f32;
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
        let titled = if names_case && !intro_has.is_empty() {
            let docs = self.entry_doc_addresses(intro_has.iter().copied());
            // The title is prose: a code word is there by its stem.
            let word = if field == self.fields.s_code {
                crate::analysis::stem(text)
            } else {
                text.to_string()
            };
            self.entries_with(&Term::from_field_text(self.fields.title, &word), &docs)
        } else {
            HashSet::new()
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

    /// The entries (of `spans`) whose intro has the term, in this field or
    /// in the intro's other prose field. Two words next to each other count
    /// as the intro's whenever it has each (`image pull` from
    /// `ImagePullBackOff` is the entry's topic); a pair the intro lacks a
    /// word of (`personal edition`) is the evidence of the causes that
    /// have it.
    fn intros_with(
        &self,
        field: tantivy::schema::Field,
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
        // A code word (`failed`) is the intro's too when its prose has it
        // (`fail`).
        let stem = crate::analysis::stem(text);
        let lookups: Vec<(tantivy::schema::Field, &str)> =
            if field == f.s_heading || field == f.s_text {
                vec![(f.s_heading, text), (f.s_text, text)]
            } else if field == f.s_code {
                vec![(f.s_code, text), (f.s_heading, &stem), (f.s_text, &stem)]
            } else {
                vec![(field, text)]
            };
        let mut out = HashSet::new();
        for (field, text) in lookups {
            let term = Term::from_field_text(field, text);
            for (segment_ord, _, mut postings) in
                self.segment_postings(&term, IndexRecordOption::Basic)
            {
                for (entry, span) in spans.iter().filter(|(_, s)| s.segment == segment_ord) {
                    let is_intro = self
                        .section_doc(span.segment, span.start)
                        .is_some_and(|d| d.intro);
                    if is_intro
                        && postings.doc() <= span.start
                        && postings.seek(span.start) == span.start
                    {
                        out.insert(*entry);
                    }
                }
            }
        }
        cache.insert((key_field, text.to_string()), out.clone());
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
    pub(super) fn section_terms<'t>(
        &self,
        terms: &'t [FieldTerm],
    ) -> Vec<(tantivy::schema::Field, &'t str, f32)> {
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
type IntroCache = HashMap<(tantivy::schema::Field, String), HashSet<u32>>;

/// The scored sections of each entry.
pub(super) type SectionScores = HashMap<u32, Vec<(Scored, SectionDoc)>>;

/// A section's score (with the entry's own IDF), the part of it from words
/// the entry's intro does not have (and of that, the part its heading
/// has), and its plain BM25 score as a passage of the knowledge base.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct Scored {
    pub total: f32,
    pub own: f32,
    pub passage: f32,
    /// The part of `own` from the section's heading, without the words
    /// of headings many entries share.
    pub heading: f32,
}

/// The best passage score of an entry's sections.
pub(super) fn best_passage(scored: &[(Scored, SectionDoc)]) -> f32 {
    scored.iter().map(|(s, _)| s.passage).fold(0.0, f32::max)
}

/// The section a card shows. An entry whose steps are in one section
/// (its resolution) shows that one, unless the query's own words are in
/// another section's heading more than in its own (the sections are then
/// cases, one with steps). Otherwise its `##` sections are
/// causes or cases: the one with the most evidence of its own (words of the
/// query the intro lacks, such as the error string it quotes) is shown;
/// when none has any, the intro, whose card lists the causes rather than
/// guess one's steps.
fn choose_section(scored: &[(Scored, SectionDoc)]) -> u32 {
    let headed: Vec<&(Scored, SectionDoc)> = scored.iter().filter(|(_, d)| !d.intro).collect();
    let mut with_steps = headed.iter().filter(|(_, d)| d.steps);
    if let (Some((steps, only)), None) = (with_steps.next(), with_steps.next()) {
        // Unless another section's heading names the query better: then
        // the sections are cases, and the one named is chosen below.
        let named_better = headed
            .iter()
            .any(|(s, d)| d.index != only.index && s.heading > steps.heading);
        if !named_better {
            return only.index;
        }
    }
    if let [(_, only)] = headed[..] {
        return only.index;
    }
    let by = |key: fn(&Scored) -> (f32, f32)| {
        headed
            .iter()
            .filter(|(s, _)| key(s).0 > 0.0)
            .max_by(|a, b| {
                key(&a.0)
                    .partial_cmp(&key(&b.0))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(_, d)| d.index)
    };
    match scored.iter().find(|(_, d)| d.intro) {
        Some((_, intro)) => by(|s| (s.own, s.total)).unwrap_or(intro.index),
        None => by(|s| (s.total, s.own))
            .or(headed.first().map(|(_, d)| d.index))
            .unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{testing, Engine};
    use crate::analysis::paste;

    /// The heading of the best section of `id` for `query`.
    fn best(query: &str, id: &str) -> String {
        let engine = testing::sample();
        let plan = engine.plan(&paste::analyze(query));
        let ord = engine.summaries().iter().position(|s| s.id == id).unwrap() as u32;
        let index = Engine::best_section(&engine.section_scores(&[ord], &plan.terms), ord);
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
    fn words_the_intro_has_show_the_intro_and_its_causes() {
        // "pull its image": the intro's own words say what the entry is
        // about, not which cause applies.
        assert_eq!(best("cannot pull image", "image-pull"), "");
        assert_eq!(best("image pull", "image-pull"), "");
    }

    #[test]
    fn an_error_string_tied_to_a_section_in_the_front_matter_chooses_it() {
        let engine = testing::engine(&[
            "---\nid: conns\nerrors:\n  - text: \"sorry, too many clients already\"\n    section: Per-role connection limit\n---\n# Too many connections\n\nThe server refuses new connections.\n\n## The server limit\n\nmax_connections is reached.\n\n1. Raise max_connections.\n\n## Per-role connection limit\n\nA role has its own limit.\n\n1. Raise the role's CONNECTION LIMIT.\n",
        ]);
        let r = engine.search(
            "FATAL:  sorry, too many clients already",
            &crate::engine::SearchOptions::default(),
        );
        assert_eq!(
            r.hits[0].section.as_deref(),
            Some("Per-role connection limit")
        );
        assert_eq!(r.hits[0].steps, ["Raise the role's CONNECTION LIMIT."]);
    }

    /// The heading of the first hit's section for `query` over `markdown`.
    fn shown(markdown: &[&str], query: &str) -> Option<String> {
        let engine = testing::engine(markdown);
        let r = engine.search(query, &crate::engine::SearchOptions::default());
        r.hits[0].section.clone()
    }

    const PULL: &str = "---\nid: pull\n---\n# The image cannot be pulled\n\nThe pull of the image fails. Match the error with a cause below.\n\n## Access control\n\nAccess is denied. A personal registry needs its access list; the edition of the registry decides who may pull. Personal registries are private.\n\n1. Add the network to the access list.\n\n## Which address to use\n\nA personal edition registry in another region needs its public address. When the pull times out, the registry cannot be reached.\n\n1. Use the public address.\n\n## Disk full\n\nThe error is `no space left on device`.\n\n1. Expand the disk.\n";

    /// Regression (issue 13): "my personal edition repo is in another
    /// region" showed the access-control cause, which says `personal` more
    /// often, because every pair of words counted as the intro's.
    #[test]
    fn a_pair_of_words_the_intro_lacks_is_its_causes_own_evidence() {
        assert_eq!(
            shown(&[PULL], "my personal edition registry").as_deref(),
            Some("Which address to use")
        );
    }

    /// Regression: an intro that sums up the causes ("…because resources
    /// are short or the health check fails") hid the cause "the health
    /// check fails" named in its heading: its words were all the intro's,
    /// so no section had evidence of its own and the card listed the
    /// causes. A heading that names the query's case is that case's own,
    /// unless its word is the entry's subject, in the title (`service`).
    #[test]
    fn an_intro_that_sums_up_the_causes_does_not_hide_the_one_a_heading_names() {
        let entry = "---\nid: waiting\n---\n# The service stays Waiting\n\nThe service stays Waiting, usually because resources are short or the health check fails.\n\n## No free resources in the group\n\n1. Scale out the resource group.\n\n## The health check fails\n\n1. Make the health check pass.\n\n## The service port differs from the code's\n\n1. Use the port of the code.\n";
        assert_eq!(
            shown(&[entry], "the health check fails").as_deref(),
            Some("The health check fails")
        );
        assert_eq!(
            shown(&[entry], "service stays waiting"),
            None,
            "no case named"
        );
    }

    /// Regression: a paste that set `idle_session_timeout` showed the
    /// intro, which names both timeouts, not the cause that quotes it: a
    /// code word the intro also quotes was no section's own evidence.
    #[test]
    fn a_setting_the_intro_sums_up_still_names_the_section_that_quotes_it() {
        let entry = "---\nid: idle\n---\n# The session was ended because it sat idle\n\nTwo settings end idle sessions: `idle_in_transaction_session_timeout` inside a transaction and `idle_session_timeout` outside one.\n\n## Idle inside an open transaction\n\nThe session waited longer than `idle_in_transaction_session_timeout`.\n\n1. Commit sooner.\n\n## Idle session\n\nThe session waited longer than `idle_session_timeout`.\n\n1. Make the pool recycle connections sooner.\n";
        assert_eq!(
            shown(
                &[entry],
                "SET idle_session_timeout = '2s';\nFATAL:  terminating the session"
            )
            .as_deref(),
            Some("Idle session")
        );
    }

    /// Regression (issue 13): "the pull just hangs on the network" showed
    /// the disk cause, whose quoted `no space left on device` has `on`.
    #[test]
    fn a_function_word_of_a_quoted_error_is_not_a_cause_s_evidence() {
        assert_ne!(
            shown(&[PULL], "the pull of my image just hangs on and on").as_deref(),
            Some("Disk full")
        );
    }

    /// Regression (issue 13): "which metrics can scaling use" showed the
    /// tolerance cause, whose text says "which" once, over the cause about
    /// the metrics.
    #[test]
    fn the_words_that_make_a_question_are_not_a_cause_s_evidence() {
        let entry = "---\nid: scaling\n---\n# Scaling policies\n\nTwo policies scale a service.\n\n## Horizontal\n\nDriven by metrics.\n\n## Tolerance on the threshold\n\nA 10% tolerance around the threshold, which keeps a short metric spike from changing the number of instances too often.\n";
        assert_eq!(
            shown(&[entry], "which metrics can it use").as_deref(),
            Some("Horizontal")
        );
    }

    /// Regression (issue 13): a typed question of many words dropped its
    /// synonym-weighted words (`timed out` → `timeout`) from the section
    /// choice, as if it were a long paste.
    #[test]
    fn a_long_question_keeps_its_weaker_words_in_the_section_choice() {
        let question = "deploying image from public registry internet, pull hangs then times out; every service stalls same step during rollout";
        let intro = "deploying image public registry internet pull hangs times every service stalls same step during rollout";
        let entry = format!("---\nid: pull\n---\n# The image cannot be pulled\n\n{intro}: `{intro}`.\n\n## Credentials\n\nThe registry asks for a user name and password.\n\n1. Enter the password.\n\n## Network\n\nThe error is `dial tcp timeout`.\n\n1. Configure internet access.\n");
        assert_eq!(shown(&[&entry], question).as_deref(), Some("Network"));
    }

    const CAUSE_AND_FIX: &str = "---\nid: oom\n---\n# The job is killed\n\nThe job stops without a message.\n\n## Cause\n\nThe kernel logs `Out of memory: Killed process` when the job uses more memory than its limit.\n\n## Solution\n\n1. Raise the memory limit.\n2. Restart the job.\n";

    /// An entry whose one section with steps is its resolution shows it,
    /// whichever section the query's words are in.
    #[test]
    fn the_one_section_with_steps_is_the_resolution_shown() {
        assert_eq!(
            shown(
                &[CAUSE_AND_FIX],
                "Out of memory: Killed process 4242 (python3)"
            )
            .as_deref(),
            Some("Solution")
        );
    }

    /// Regression (issue 13): "which hops does a request through the VPC
    /// endpoint pass" showed the direct-connection case, the only one of the
    /// two with steps, though the query names the other in its heading.
    #[test]
    fn a_case_the_query_names_in_its_heading_is_shown_though_another_has_the_steps() {
        let entry = "---\nid: paths\n---\n# Two ways to call a service\n\nThey differ in the path a request takes.\n\n## Endpoint invocation\n\nA request goes through a load balancer and a gateway, which limit bandwidth.\n\n## Direct connection\n\nThe client reaches the instance itself.\n\n1. Enable direct connection.\n2. Set the client to direct mode.\n";
        assert_eq!(
            shown(
                &[entry],
                "which hops does a request through the endpoint pass"
            )
            .as_deref(),
            Some("Endpoint invocation")
        );
    }

    /// Regression: "why does the borrow error happen" showed the "Why it
    /// happens" section, without steps, of an entry whose fix is in "How to
    /// fix it": a heading many entries share names no case.
    #[test]
    fn a_heading_many_entries_share_does_not_outrank_the_fix() {
        let entry = |id: &str, topic: &str| {
            format!("---\nid: {id}\n---\n# The {topic} error\n\nThe {topic} check fails.\n\n## Why it happens\n\nThe {topic} rule is broken.\n\n## How to fix it\n\n1. Follow the {topic} rule.\n")
        };
        // Four of ten entries have the two headings: the word is no
        // longer common enough for a typed query to skip.
        let mut entries: Vec<String> = ["borrow", "move", "lifetime", "trait"]
            .iter()
            .map(|t| entry(t, t))
            .collect();
        for t in ["disk", "port", "image", "token", "quota", "region"] {
            entries.push(format!(
                "---\nid: {t}\n---\n# The {t} question\n\nAbout the {t}.\n"
            ));
        }
        let refs: Vec<&str> = entries.iter().map(String::as_str).collect();
        assert_eq!(
            shown(&refs, "why does the borrow error happen").as_deref(),
            Some("How to fix it")
        );
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
