//! Hits: the card of each ranked entry, built from its body (section,
//! steps, code spans, excerpt with the query's words marked).

use std::collections::HashSet;

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
    /// Resolution steps of the best section, and of no other: the steps
    /// shown always belong to the cause shown.
    pub steps: Vec<String>,
    /// Short code spans of the best section (error strings, commands),
    /// for showing in monospace with a copy button; never a status, nor
    /// code a step quotes (see `step_code`).
    pub code: Vec<String>,
    /// The code the steps quote (`kubectl top pod`), to set in monospace
    /// inside them ([`code_runs`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub step_code: Vec<String>,
    /// When the intro matches best and the entry has several causes: the
    /// causes (sections) to pick from.
    pub causes: Vec<Cause>,
    /// Set on the first hit when no answer matches the query well: it is
    /// only the closest.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub weak: bool,
}

/// A section of an entry, to link to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Cause {
    pub heading: String,
    pub anchor: String,
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
    /// No answer matches the query well: the hits are only the closest.
    pub weak: bool,
}

/// What the page, the widget and the CLI say before the hits of a weak
/// result ([`SearchResults::weak`]), so no guess reads as the answer.
pub const WEAK_NOTICE: &str = "No answer matches this well; closest:";

impl Engine {
    /// The results, with a card for each ranked entry. Entries whose body
    /// is not loaded get a card without excerpt, steps or code.
    pub(super) fn results(&self, ranking: &Ranking) -> SearchResults {
        SearchResults {
            hits: ranking
                .ranked
                .iter()
                .enumerate()
                .map(|(i, r)| Hit {
                    weak: ranking.weak && i == 0,
                    ..self.hit(r, ranking)
                })
                .collect(),
            total: ranking.total,
            facets: ranking.facets.clone(),
            truncated: ranking.truncated,
            did_you_mean: ranking.did_you_mean.clone(),
            weak: ranking.weak,
        }
    }

    fn hit(&self, ranked: &Ranked, ranking: &Ranking) -> Hit {
        let entry = &self.store.summaries()[ranked.ord as usize];
        let sections: &[Section] = self.store.sections(ranked.ord).unwrap_or_default();
        let overview = self.overview_sections(ranked.ord);
        let parts = Parts {
            sections,
            overview: &overview,
        };
        let shown = parts.shown(ranked.section);
        let section = shown.map(|i| &sections[i]);
        // The intro or an overview section (`Issue`): the entry, not one
        // of its causes, so the card names no cause and lists them.
        let describes_entry = shown.is_some_and(|i| parts.describes_entry(i));
        let causes = if describes_entry {
            parts.causes()
        } else {
            Vec::new()
        };
        let named = section.filter(|_| !describes_entry);
        let excerpt_source = section
            .filter(|s| !s.text.is_empty())
            .or(sections.iter().find(|s| !s.text.is_empty()));
        Hit {
            id: entry.id.clone(),
            title: entry.title.clone(),
            category: entry.category.clone(),
            score: ranked.score,
            section: named.map(|s| s.heading.clone()),
            anchor: named
                .filter(|s| !s.anchor.is_empty())
                .map(|s| s.anchor.clone()),
            statuses: entry.statuses.clone(),
            matched_statuses: matched_statuses(&entry.statuses, ranking),
            excerpt: excerpt_source
                .map(|s| excerpt::excerpt(&s.text, &ranking.query_prose, excerpt::EXCERPT_WORDS))
                .unwrap_or_default(),
            steps: section.map(|s| s.steps.clone()).unwrap_or_default(),
            code: section
                .map(|s| code_spans(s, &entry.statuses))
                .unwrap_or_default(),
            step_code: section.map(step_code).unwrap_or_default(),
            causes,
            weak: false,
        }
    }
}

/// An entry's sections, and which of them are its overview (`Issue`,
/// `Root Cause`: see `SectionDoc::describes_entry`).
struct Parts<'a> {
    sections: &'a [Section],
    overview: &'a HashSet<u32>,
}

impl<'a> Parts<'a> {
    /// Whether section `i` is the intro or a section of the overview.
    fn describes_entry(&self, i: usize) -> bool {
        self.sections[i].heading.is_empty() || self.overview.contains(&(i as u32))
    }

    /// The index of the section a card shows: the one ranking chose (see
    /// `sections::choose_section`); when that describes the entry and the
    /// entry has a single cause, that cause.
    fn shown(&self, best: u32) -> Option<usize> {
        let best = if (best as usize) < self.sections.len() {
            best as usize
        } else if self.sections.is_empty() {
            return None;
        } else {
            0
        };
        match self.cause_sections()[..] {
            [only] if self.describes_entry(best) || !self.sections[best].steps.is_empty() => {
                Some(only)
            }
            _ => Some(best),
        }
    }

    /// An entry's causes: its sections with steps, or when none has steps,
    /// all its `##` sections outside the overview.
    fn cause_sections(&self) -> Vec<usize> {
        let headed: Vec<usize> = (0..self.sections.len())
            .filter(|&i| !self.describes_entry(i))
            .collect();
        let with_steps: Vec<usize> = headed
            .iter()
            .copied()
            .filter(|&i| !self.sections[i].steps.is_empty())
            .collect();
        if with_steps.is_empty() {
            headed
        } else {
            with_steps
        }
    }

    /// The entry's causes to pick from, when it has several.
    fn causes(&self) -> Vec<Cause> {
        let causes = self.cause_sections();
        if causes.len() < 2 {
            return Vec::new();
        }
        causes
            .into_iter()
            .map(|i| Cause {
                heading: self.sections[i].heading.clone(),
                anchor: self.sections[i].anchor.clone(),
            })
            .collect()
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

/// The section's short code spans: real code, not the statuses the
/// badges already show, each once.
fn code_spans(section: &Section, statuses: &[String]) -> Vec<String> {
    let mut seen: Vec<String> = statuses.iter().map(|s| s.to_lowercase()).collect();
    let mut out = Vec::new();
    for c in &section.code {
        let key = c.trim().to_lowercase();
        // The card shows the steps too: a command a step quotes is there.
        if c.len() > MAX_CODE_BYTES
            || key.is_empty()
            || seen.contains(&key)
            || a_step_quotes(section, c.trim())
            || is_transcript(c)
        {
            continue;
        }
        seen.push(key);
        out.push(c.clone());
        if out.len() == MAX_CODE_SPANS {
            break;
        }
    }
    out
}

/// A terminal transcript (`$ ssh host`, then what it printed): output the
/// reader already has, not code to copy. A config snippet or a command
/// alone stays a chip.
fn is_transcript(code: &str) -> bool {
    let mut lines = code.lines().filter(|l| !l.trim().is_empty());
    let command = |l: &str| analysis::paste::is_command_line(l.trim_start());
    lines.next().is_some_and(command) && lines.any(|l| !command(l))
}

/// Whether one of the section's steps quotes `code`.
fn a_step_quotes(section: &Section, code: &str) -> bool {
    section.steps.iter().any(|s| s.contains(code))
}

/// The code spans of a section that its steps quote, however long (they
/// are set inside the step, not shown again).
fn step_code(section: &Section) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in section.code.iter().map(|c| c.trim()) {
        if !c.is_empty() && a_step_quotes(section, c) && !out.iter().any(|o| o == c) {
            out.push(c.to_string());
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.len()));
    out
}

/// A step's text in runs, each `(text, is_code)`: where the step quotes
/// one of `code` as a whole word (`on` is not code inside `only`), the
/// longest at the same place.
pub fn code_runs<'t>(step: &'t str, code: &[String]) -> Vec<(&'t str, bool)> {
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let whole = |text: &str, at: usize, len: usize| {
        let before = text[..at].chars().next_back();
        let after = text[at + len..].chars().next();
        let (first, last) = (
            text[at..].chars().next(),
            text[..at + len].chars().next_back(),
        );
        let joined_before = before.is_some_and(word_char) && first.is_some_and(word_char);
        let joined_after = after.is_some_and(word_char) && last.is_some_and(word_char);
        !(joined_before || joined_after)
    };
    let mut out = Vec::new();
    let mut rest = step;
    while !rest.is_empty() {
        let next = code
            .iter()
            .filter(|c| !c.is_empty())
            .filter_map(|c| {
                let at = rest
                    .match_indices(c.as_str())
                    .map(|(at, _)| at)
                    .find(|&at| whole(rest, at, c.len()))?;
                Some((at, c.len()))
            })
            .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
        let Some((at, len)) = next else {
            out.push((rest, false));
            break;
        };
        if at > 0 {
            out.push((&rest[..at], false));
        }
        out.push((&rest[at..at + len], true));
        rest = &rest[at + len..];
    }
    out
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
    fn long_blank_repeated_and_status_code_spans_stay_off_the_card() {
        let section = Section {
            code: vec![
                " ".into(),
                "x".repeat(MAX_CODE_BYTES + 1),
                "Waiting".into(),
                "ok".into(),
                "OK".into(),
            ],
            ..Section::default()
        };
        assert_eq!(code_spans(&section, &["Waiting".into()]), ["ok"]);
    }

    #[test]
    fn code_a_step_quotes_is_not_repeated_as_a_chip() {
        let section = Section {
            code: vec!["8Gi".into(), "kubectl top pod".into()],
            steps: vec!["Watch `kubectl top pod` for the peak.".replace('`', "")],
            ..Section::default()
        };
        assert_eq!(code_spans(&section, &[]), ["8Gi"]);
        assert_eq!(step_code(&section), ["kubectl top pod"]);
    }

    #[test]
    fn a_steps_quoted_code_is_its_own_run() {
        let code = ["kubectl top pod".to_string(), "top".to_string()];
        assert_eq!(
            code_runs("Watch kubectl top pod, then top.", &code),
            [
                ("Watch ", false),
                ("kubectl top pod", true),
                (", then ", false),
                ("top", true),
                (".", false)
            ]
        );
        assert_eq!(code_runs("No code.", &code), [("No code.", false)]);
        let on = ["on".to_string()];
        assert_eq!(
            code_runs("Once done, turn it on.", &on),
            [("Once done, turn it ", false), ("on", true), (".", false)]
        );
    }

    fn section(heading: &str, steps: &[&str]) -> Section {
        Section {
            heading: heading.into(),
            anchor: heading.to_lowercase(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            ..Section::default()
        }
    }

    fn parts<'a>(sections: &'a [Section], overview: &'a HashSet<u32>) -> Parts<'a> {
        Parts { sections, overview }
    }

    #[test]
    fn an_intro_that_matches_best_shows_the_causes_not_another_causes_steps() {
        let sections = [
            section("", &[]),
            section("Disk", &["Expand."]),
            section("Host", &["Add VPC."]),
        ];
        let none = HashSet::new();
        let p = parts(&sections, &none);
        assert_eq!(p.shown(0), Some(0));
        let c: Vec<String> = p.causes().into_iter().map(|c| c.heading).collect();
        assert_eq!(c, ["Disk", "Host"]);
    }

    #[test]
    fn an_intro_of_an_entry_with_one_cause_shows_that_cause() {
        let sections = [section("", &[]), section("Architecture", &["Switch."])];
        let none = HashSet::new();
        let p = parts(&sections, &none);
        assert_eq!(p.shown(0), Some(1));
        assert!(p.causes().is_empty());
    }

    #[test]
    fn a_terminal_transcript_is_no_code_chip_but_a_config_snippet_is() {
        let section = Section {
            code: vec![
                "$ ssh batch-02\nssh: connect to host batch-02 port 22: No route to host".into(),
                "proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;".into(),
                "$ systemctl restart nginx".into(),
            ],
            ..Section::default()
        };
        assert_eq!(
            code_spans(&section, &[]),
            [
                "proxy_http_version 1.1;\nproxy_set_header Upgrade $http_upgrade;",
                "$ systemctl restart nginx"
            ]
        );
    }

    #[test]
    fn an_overview_section_is_read_like_the_intro() {
        // A Red Hat style solution: `Issue` and `Root Cause` describe the
        // entry; the causes are the sections with steps.
        let sections = [
            section("Issue", &[]),
            section("If the disk is full", &["Expand."]),
            section("If inodes run out", &["Delete small files."]),
            section("Root Cause", &[]),
        ];
        let overview = HashSet::from([0, 3]);
        let p = parts(&sections, &overview);
        assert_eq!(p.shown(0), Some(0));
        let c: Vec<String> = p.causes().into_iter().map(|c| c.heading).collect();
        assert_eq!(c, ["If the disk is full", "If inodes run out"]);
        // Without the overview, `Issue` and `Root Cause` are no causes
        // either (no steps), but a single cause is then shown.
        let one = &sections[..2];
        assert_eq!(parts(one, &overview).shown(0), Some(1));
    }

    #[test]
    fn the_card_shows_the_section_that_quotes_the_pasted_error() {
        let engine = testing::sample();
        let r = engine.search(
            "Back-off pulling image: dial tcp: lookup registry.example: no such host",
            &SearchOptions::default(),
        );
        let hit = &r.hits[0];
        assert_eq!(hit.id, "image-pull");
        assert_eq!(hit.section.as_deref(), Some("Registry host unknown"));
        assert_eq!(hit.steps, ["Add the VPC to the registry's access control."]);
    }
}
