//! Relevance evaluation: top-1, recall@3 and MRR@10 over a JSONL query file
//! (`{"kind": "...", "query": "...", "expected": ["id", ...]}` per line),
//! and section accuracy for queries that name the cause they expect
//! (`"section": "<## heading>"`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{Engine, SearchOptions};

/// One evaluation query.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EvalQuery {
    #[serde(default = "default_kind")]
    pub kind: String,
    pub query: String,
    pub expected: Vec<String>,
    /// The heading of the section (cause) the top hit should show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
}

fn default_kind() -> String {
    "all".into()
}

/// Parses a JSONL query file; errors name the line.
pub fn parse_queries(text: &str) -> Result<Vec<EvalQuery>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Scores of one group of queries.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Scores {
    pub queries: usize,
    pub top1: f64,
    pub recall3: f64,
    pub mrr10: f64,
}

/// A query whose expected answer was not first.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub kind: String,
    pub query: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
    /// 1-based rank of the first expected id in the top 10.
    pub rank: Option<usize>,
    /// Plain BM25's first answer: a miss it gets right is one the
    /// engine's own knowledge lost.
    pub baseline_got: Option<String>,
}

/// The evaluation result: overall, by kind, and the misses.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub overall: Scores,
    pub by_kind: BTreeMap<String, Scores>,
    pub misses: Vec<Miss>,
    /// Over the queries that name a section; `None` when none does.
    pub sections: Option<SectionScores>,
    /// The same queries answered by plain BM25 (titles and bodies only).
    pub baseline: Scores,
    pub baseline_by_kind: BTreeMap<String, Scores>,
    /// "No answer matches this well": how often it is said.
    pub flagging: Flagging,
}

/// How often the results say that no answer matches well.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Flagging {
    /// Queries that no entry answers (`expected: []`), and how many of them
    /// were flagged (or found nothing).
    pub out_of_scope: usize,
    pub out_of_scope_flagged: usize,
    /// Queries with an answer whose first answer was right, and how many
    /// of those were flagged anyway.
    pub in_scope_right: usize,
    pub in_scope_right_flagged: usize,
}

/// How often the top card shows the expected cause.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SectionScores {
    /// Queries that name a section.
    pub queries: usize,
    /// Of those, how many have the right entry first.
    pub right_entry: usize,
    /// And how many show the named section on that first card.
    pub right_section: usize,
    pub misses: Vec<SectionMiss>,
}

impl SectionScores {
    /// Right entry and right section, over all section queries.
    pub fn accuracy(&self) -> f64 {
        self.right_section as f64 / self.queries.max(1) as f64
    }

    /// The right section when the entry is right.
    pub fn given_entry(&self) -> f64 {
        self.right_section as f64 / self.right_entry.max(1) as f64
    }
}

/// A query whose first card showed another cause.
#[derive(Debug, Clone, Serialize)]
pub struct SectionMiss {
    pub query: String,
    pub id: String,
    pub expected: String,
    /// `None`: the intro (the card lists the causes).
    pub got: Option<String>,
}

/// The report as `kb eval` prints it: a table by kind with the lead over
/// plain BM25, the flag rates, section accuracy, then the misses.
impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<10} {:>7} {:>7} {:>9} {:>7}   {:>10} {:>6}",
            "kind", "queries", "top-1", "recall@3", "MRR@10", "BM25 top-1", "lead"
        )?;
        let overall =
            (self.overall.queries > 0).then_some(("overall", &self.overall, &self.baseline));
        let kinds = self
            .by_kind
            .iter()
            .map(|(kind, s)| (kind.as_str(), s, &self.baseline_by_kind[kind]));
        for (kind, s, plain) in kinds.chain(overall) {
            writeln!(
                f,
                "{:<10} {:>7} {:>6.1}% {:>8.1}% {:>7.3}   {:>9.1}% {:>+5.1}",
                kind,
                s.queries,
                s.top1 * 100.0,
                s.recall3 * 100.0,
                s.mrr10,
                plain.top1 * 100.0,
                (s.top1 - plain.top1) * 100.0
            )?;
        }
        let flags = &self.flagging;
        let share = |n: usize, of: usize| n as f64 * 100.0 / of.max(1) as f64;
        if flags.out_of_scope > 0 {
            writeln!(
                f,
                "\nout of scope: {:.1}% of {} queries flagged \"no answer matches this well\" (or found nothing)",
                share(flags.out_of_scope_flagged, flags.out_of_scope),
                flags.out_of_scope
            )?;
        }
        if flags.in_scope_right > 0 {
            writeln!(
                f,
                "in scope: {:.1}% of {} queries whose first answer is right were flagged",
                share(flags.in_scope_right_flagged, flags.in_scope_right),
                flags.in_scope_right
            )?;
        }
        if let Some(s) = &self.sections {
            writeln!(
                f,
                "\nsection: {:.1}% of {} queries show the named cause first ({:.1}% when the entry is right)",
                s.accuracy() * 100.0,
                s.queries,
                s.given_entry() * 100.0
            )?;
            for m in &s.misses {
                let shown = m
                    .got
                    .as_deref()
                    .map_or("the causes (intro)".to_string(), |g| format!("`{g}`"));
                writeln!(
                    f,
                    "  {}\n      {}: expected `{}`, shown {shown}",
                    one_line(&m.query),
                    m.id,
                    m.expected
                )?;
            }
        }
        if !self.misses.is_empty() {
            writeln!(f, "\nnot first:")?;
            for m in &self.misses {
                writeln!(
                    f,
                    "  [{}] {}\n      expected {:?}, rank {:?}, got {:?}",
                    m.kind,
                    one_line(&m.query),
                    m.expected,
                    m.rank,
                    m.got
                )?;
            }
        }
        Ok(())
    }
}

/// A query on one report line: its first 90 characters, line breaks as ⏎.
fn one_line(query: &str) -> String {
    query
        .chars()
        .take(90)
        .collect::<String>()
        .replace('\n', "⏎")
}

#[derive(Default)]
struct Acc {
    n: usize,
    top1: usize,
    recall3: f64,
    rr: f64,
}

impl Acc {
    /// Counts one query answered with `ids`, best first.
    fn add(&mut self, q: &EvalQuery, ids: &[String]) {
        let rank = ids
            .iter()
            .position(|id| q.expected.contains(id))
            .map(|p| p + 1);
        let found3 = q
            .expected
            .iter()
            .filter(|e| ids.iter().take(3).any(|id| id == *e))
            .count();
        self.n += 1;
        self.top1 += usize::from(rank == Some(1));
        self.recall3 += found3 as f64 / q.expected.len().max(1) as f64;
        self.rr += rank.map_or(0.0, |r| 1.0 / r as f64);
    }

    fn scores(&self) -> Scores {
        let n = self.n.max(1) as f64;
        Scores {
            queries: self.n,
            top1: self.top1 as f64 / n,
            recall3: self.recall3 / n,
            mrr10: self.rr / n,
        }
    }
}

/// Runs every query and computes the metrics.
pub fn evaluate(engine: &Engine, queries: &[EvalQuery]) -> Report {
    let mut overall = Acc::default();
    let mut kinds: BTreeMap<String, Acc> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut sections = SectionScores::default();
    let mut baseline = Acc::default();
    let mut baseline_kinds: BTreeMap<String, Acc> = BTreeMap::new();
    let mut flagging = Flagging::default();
    let options = SearchOptions::with_limit(10);
    for q in queries {
        let results = engine.search(&q.query, &options);
        if q.expected.is_empty() {
            flagging.out_of_scope += 1;
            flagging.out_of_scope_flagged += usize::from(results.weak || results.hits.is_empty());
            continue;
        }
        if results
            .hits
            .first()
            .is_some_and(|h| q.expected.contains(&h.id))
        {
            flagging.in_scope_right += 1;
            flagging.in_scope_right_flagged += usize::from(results.weak);
        }
        let hits = results.hits;
        if let Some(expected) = &q.section {
            score_section(&mut sections, q, expected, hits.first());
        }
        let plain = engine.baseline_search(&q.query, 10);
        for acc in [
            &mut baseline,
            baseline_kinds.entry(q.kind.clone()).or_default(),
        ] {
            acc.add(q, &plain);
        }
        let ids: Vec<String> = hits.into_iter().map(|h| h.id).collect();
        for acc in [&mut overall, kinds.entry(q.kind.clone()).or_default()] {
            acc.add(q, &ids);
        }
        let rank = ids
            .iter()
            .position(|id| q.expected.contains(id))
            .map(|p| p + 1);
        if rank != Some(1) {
            misses.push(Miss {
                kind: q.kind.clone(),
                query: q.query.clone(),
                expected: q.expected.clone(),
                got: ids.into_iter().take(3).collect(),
                rank,
                baseline_got: plain.first().cloned(),
            });
        }
    }
    Report {
        overall: overall.scores(),
        by_kind: kinds.into_iter().map(|(k, a)| (k, a.scores())).collect(),
        misses,
        sections: (sections.queries > 0).then_some(sections),
        baseline: baseline.scores(),
        baseline_by_kind: baseline_kinds
            .into_iter()
            .map(|(k, a)| (k, a.scores()))
            .collect(),
        flagging,
    }
}

/// Counts whether the first card is the expected entry showing `expected`.
fn score_section(
    scores: &mut SectionScores,
    q: &EvalQuery,
    expected: &str,
    first: Option<&crate::engine::Hit>,
) {
    scores.queries += 1;
    let Some(hit) = first.filter(|h| q.expected.contains(&h.id)) else {
        return;
    };
    scores.right_entry += 1;
    let shown = hit.section.as_deref();
    if shown.is_some_and(|s| s.trim().eq_ignore_ascii_case(expected.trim())) {
        scores.right_section += 1;
    } else {
        scores.misses.push(SectionMiss {
            query: q.query.clone(),
            id: hit.id.clone(),
            expected: expected.to_string(),
            got: shown.map(str::to_string),
        });
    }
}
