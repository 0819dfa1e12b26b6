//! The search driver: one search over a bundle that may not hold
//! everything yet.
//!
//! A large knowledge base keeps its postings (`kb-postings/`) and its entry
//! bodies (`kb-entries/`) next to the bundle. A search asks for the parts it
//! lacks and is handed their bytes back:
//!
//! ```text
//! let mut search = Search::new(query, options);
//! loop {
//!     match engine.step(&mut search) {
//!         Step::Need(fetches) => for f in fetches { engine.supply(&f, fetch(f.path(), f.range())) }
//!         Step::Done(answer) => break answer,
//!     }
//! }
//! ```
//!
//! The loop is the caller's only because fetching is: the `kb` CLI reads
//! files ([`Engine::search_with`]), the browser awaits HTTP requests. What
//! to fetch, what arrived, and what cannot arrive is decided here: a
//! range that was supplied and is still missing (a response cut short),
//! a shard file that is not the one asked for, or a failed fetch each end
//! the search with an [`Answer::problem`] instead of asking again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::hits::SearchResults;
use super::options::SearchOptions;
use super::rank::Ranking;
use super::Engine;
use crate::names;

/// Something a search needs fetched, relative to the bundle's folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Fetch {
    /// Bytes `range` of a postings file (an HTTP `Range` request).
    Postings { path: String, range: Range<u64> },
    /// A whole entry shard file.
    Shard { shard: u32, path: String },
}

impl Fetch {
    /// The file to fetch, relative to the bundle's folder.
    pub fn path(&self) -> &str {
        match self {
            Fetch::Postings { path, .. } | Fetch::Shard { path, .. } => path,
        }
    }

    /// The byte range to fetch (`None`: the whole file).
    pub fn range(&self) -> Option<Range<u64>> {
        match self {
            Fetch::Postings { range, .. } => Some(range.clone()),
            Fetch::Shard { .. } => None,
        }
    }
}

/// What a search can say after one step.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Fetch these, hand each to [`Engine::supply`] (or report it with
    /// [`Engine::fetch_failed`]), then step again.
    Need(Vec<Fetch>),
    /// The search is over.
    Done(Answer),
}

/// A finished search.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Answer {
    pub results: SearchResults,
    /// What could not be loaded, for the reader: hits whose entries are
    /// missing come without excerpt and steps; missing postings leave no
    /// hits at all.
    pub problem: Option<String>,
}

/// One search in progress.
#[derive(Debug, Clone)]
pub struct Search {
    query: String,
    options: SearchOptions,
    /// Kept once every postings range it needs is loaded.
    ranking: Option<Ranking>,
}

impl Search {
    pub fn new(query: impl Into<String>, options: SearchOptions) -> Search {
        Search {
            query: query.into(),
            options,
            ranking: None,
        }
    }
}

/// What the engine was handed and what could not be fetched. Kept per
/// engine, so that no search asks again for what cannot arrive.
#[derive(Debug, Default)]
pub(super) struct FetchLog {
    /// Postings ranges supplied so far.
    supplied: HashSet<(String, Range<u64>)>,
    /// Once postings failed to load, searches that need more say so.
    postings_problem: Option<String>,
    /// Shards that could not be loaded, with the reason.
    shard_problems: HashMap<u32, String>,
}

impl Engine {
    /// Takes a search one step: ranks (once its postings are loaded) and
    /// builds the hits (once their entry shards are loaded).
    pub fn step(&self, search: &mut Search) -> Step {
        if search.ranking.is_none() {
            let ranking = self.rank(&search.query, &search.options);
            if !ranking.postings_needed.is_empty() {
                if let Some(problem) = self.postings_problem(&ranking) {
                    return Step::Done(Answer {
                        results: self.results(&ranking),
                        problem: Some(problem),
                    });
                }
                let fetches = ranking
                    .postings_needed
                    .iter()
                    .map(|(path, range)| Fetch::Postings {
                        path: path.clone(),
                        range: range.clone(),
                    })
                    .collect();
                return Step::Need(fetches);
            }
            search.ranking = Some(ranking);
        }
        let ranking = search.ranking.as_ref().expect("ranked above");
        let log = self.log();
        let mut problems = Vec::new();
        let mut missing = Vec::new();
        for shard in self.shards_needed(ranking) {
            match log.shard_problems.get(&shard) {
                Some(problem) => problems.push(problem.clone()),
                None => missing.push(Fetch::Shard {
                    shard,
                    path: names::shard_path(shard),
                }),
            }
        }
        drop(log);
        if !missing.is_empty() {
            return Step::Need(missing);
        }
        Step::Done(Answer {
            results: self.results(ranking),
            problem: (!problems.is_empty()).then(|| problems.join("; ")),
        })
    }

    /// Hands over the bytes of a fetch: exactly the range asked for, or
    /// the whole shard file. A problem is kept (and returned): searches
    /// then report it instead of asking again.
    pub fn supply(&self, fetch: &Fetch, bytes: Vec<u8>) -> Result<(), String> {
        let outcome = match fetch {
            Fetch::Postings { path, range } => self.add_postings(path, range.start, bytes),
            Fetch::Shard { shard, path } => match self.store.add_shard(&bytes) {
                Ok(got) if got == *shard => Ok(()),
                Ok(got) => Err(format!(
                    "answers ({path}) hold shard {got}, not shard {shard}"
                )),
                Err(e) => Err(format!("answers ({path}) cannot be used: {e}")),
            },
        };
        self.record(fetch, outcome)
    }

    /// Hands over the whole file that a postings range belongs to (a host
    /// that ignores `Range` sends it; natively it is read at once).
    pub fn supply_whole(&self, fetch: &Fetch, bytes: Vec<u8>) -> Result<(), String> {
        let outcome = match fetch {
            Fetch::Postings { path, .. } => match self.sparse_len(path) {
                // Another build's file, or one a proxy changed: its bytes
                // would be read as this index's.
                Some(len) if len != bytes.len() => Err(format!(
                    "{path} has {} bytes where this index's has {len}: a file of another build?",
                    bytes.len()
                )),
                _ => self.add_postings(path, 0, bytes),
            },
            Fetch::Shard { .. } => return self.supply(fetch, bytes),
        };
        self.record(fetch, outcome)
    }

    /// Reports a fetch that failed (network, HTTP status): searches that
    /// need it say so instead of asking again.
    pub fn fetch_failed(&self, fetch: &Fetch, message: String) {
        let _ = self.record(fetch, Err(message));
    }

    /// Searches, reading what the search needs through `read` (given a path
    /// relative to the bundle's folder, returning the whole file): the
    /// native driver loop.
    pub fn search_with<E: std::fmt::Display>(
        &self,
        query: &str,
        options: &SearchOptions,
        mut read: impl FnMut(&str) -> Result<Vec<u8>, E>,
    ) -> Result<Answer, String> {
        let mut search = Search::new(query, options.clone());
        loop {
            match self.step(&mut search) {
                Step::Done(answer) => return Ok(answer),
                Step::Need(fetches) => {
                    let mut read_whole = HashSet::new();
                    for fetch in fetches {
                        // One read of a postings file serves all its ranges.
                        if !read_whole.insert(fetch.path().to_string()) {
                            continue;
                        }
                        let bytes =
                            read(fetch.path()).map_err(|e| format!("{}: {e}", fetch.path()))?;
                        self.supply_whole(&fetch, bytes)?;
                    }
                }
            }
        }
    }

    /// The postings files kept outside the bundle (paths relative to it).
    pub fn postings_files(&self) -> Vec<String> {
        self.dir
            .sparse_files()
            .keys()
            .map(|p| names::postings_path(p))
            .collect()
    }

    /// A fetch of every entry shard not loaded yet (to load them all up
    /// front, natively).
    pub fn unloaded_shards(&self) -> Vec<Fetch> {
        (0..self.store.shard_count())
            .filter(|&s| !self.store.is_loaded(s))
            .map(|shard| Fetch::Shard {
                shard,
                path: names::shard_path(shard),
            })
            .collect()
    }

    /// The shards holding the ranked entries' bodies that are not loaded.
    pub(super) fn shards_needed(&self, ranking: &Ranking) -> Vec<u32> {
        let mut needed: Vec<u32> = ranking
            .ranked
            .iter()
            .map(|r| self.store.shard_of(r.ord))
            .filter(|&s| !self.store.is_loaded(s))
            .collect();
        needed.sort_unstable();
        needed.dedup();
        needed
    }

    /// The length of the file read by range that is fetched from `path`.
    fn sparse_len(&self, path: &str) -> Option<usize> {
        self.dir
            .sparse_files()
            .get(names::index_path_of(path)?)
            .map(|f| tantivy::HasLen::len(f.as_ref()))
    }

    /// Adds `bytes` of the postings file `path` from `offset` on.
    fn add_postings(&self, path: &str, offset: u64, bytes: Vec<u8>) -> Result<(), String> {
        let known = names::index_path_of(path)
            .is_some_and(|p| self.dir.add_range(p, offset as usize, bytes));
        if known {
            Ok(())
        } else {
            Err(format!("{path} is not a postings file of this index"))
        }
    }

    /// Notes what a fetch gave; a problem is kept for later searches.
    fn record(&self, fetch: &Fetch, outcome: Result<(), String>) -> Result<(), String> {
        let mut log = self.log();
        match (fetch, &outcome) {
            (Fetch::Postings { path, range }, Ok(())) => {
                log.supplied.insert((path.clone(), range.clone()));
            }
            (Fetch::Postings { .. }, Err(problem)) => {
                log.postings_problem.get_or_insert_with(|| problem.clone());
            }
            (Fetch::Shard { .. }, Ok(())) => {}
            (Fetch::Shard { shard, .. }, Err(problem)) => {
                log.shard_problems.insert(*shard, problem.clone());
            }
        }
        outcome
    }

    /// Why this ranking's postings cannot be loaded, if they cannot: an
    /// earlier failure, or a range that was supplied and is still missing
    /// (asking again would loop).
    fn postings_problem(&self, ranking: &Ranking) -> Option<String> {
        let mut log = self.log();
        if log.postings_problem.is_none() {
            let (path, range) = ranking
                .postings_needed
                .iter()
                .find(|r| log.supplied.contains(*r))?;
            log.postings_problem = Some(format!(
                "the search index ({path}) came back without bytes {}-{} that were asked for; is the file complete on the server?",
                range.start,
                range.end.saturating_sub(1)
            ));
        }
        log.postings_problem.clone()
    }

    fn log(&self) -> std::sync::MutexGuard<'_, FetchLog> {
        self.fetches.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests;
