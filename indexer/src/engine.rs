//! The search engine: query analysis → tantivy query → ranked hits.
//!
//! The same code answers in the `kb` CLI and, compiled to wasm, in the
//! browser. Raw query text never goes through tantivy's query grammar
//! (`code: 28` would become a field query): queries are built from
//! analysed terms.
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use indexer::{content, index_build, Engine, SearchOptions};
//!
//! let md = "---\nid: disk-full\nstatuses: [Failed]\n---\n# Disk is full\n\nThe volume has no space left.\n\n## Fix\n\n1. Expand the disk.\n";
//! let entry = content::parse_entry("disk-full.md", md, &Default::default())?;
//! let bundle = index_build::build_bundle(&[entry], &Default::default())?;
//! let engine = Engine::from_bundle_bytes(&bundle.to_bytes())?;
//! let results = engine.search("write failed: No space left on device", &SearchOptions::default());
//! assert_eq!(results.hits[0].id, "disk-full");
//! assert_eq!(results.hits[0].steps, ["Expand the disk."]);
//! # Ok(()) }
//! ```

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use std::ops::Range;
use std::path::{Path, PathBuf};

use tantivy::directory::RamDirectory;
use tantivy::query::{BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{collector::TopDocs, Directory, DocAddress, Index, Searcher, Term};

use crate::analysis::{self, paste, Token};
use crate::bundle::{Bundle, BundleError};
use crate::excerpt::{self, Fragment};
use crate::model::Section;
use crate::schema::{exact_id, Analyzer, Fields, Weighted};
use crate::sparse::{self, SparseDirectory};
use crate::store::{self, Store, StoreError, Summary};
use crate::synonyms::Synonyms;

/// Bundle file holding the synonym groups as JSON.
pub const SYNONYMS_FILE: &str = "synonyms.json";
/// Prefix of the tantivy index files inside the bundle.
pub const INDEX_PREFIX: &str = "index/";

/// At most this many distinct query words are searched: the most
/// informative ones (by IDF and line weight), so long pastes stay cheap.
pub const MAX_QUERY_TERMS: usize = 40;
/// The same cap for long pastes, whose extra words are mostly log noise.
pub const MAX_PASTE_TERMS: usize = 14;
const MAX_BIGRAMS: usize = 24;
/// A long paste keeps fewer: 24 → 12 made a 5 KB paste at 5,000 entries
/// 13 % faster with the same top-1 and MRR on every query set.
const MAX_PASTE_BIGRAMS: usize = 12;
/// Out-of-vocabulary words tried for typo correction, per query.
const MAX_FUZZY_WORDS: usize = 4;
/// Weight of a typo-corrected term relative to an exact one.
const FUZZY_WEIGHT: f32 = 0.3;
/// Weight of a synonym-expanded term relative to an exact one.
const SYNONYM_WEIGHT: f32 = 0.7;
/// Up to this many field terms all take part in choosing a hit's section.
const SECTION_TERMS_ALL: usize = 40;
/// A query with more tokens than this is a paste, not typed words.
const LONG_QUERY_TOKENS: usize = 24;
/// In a paste, a field term found in more than this share of the entries
/// is skipped (it cannot tell entries apart).
const COMMON_FRACTION: f32 = 0.15;
/// A hit carries at most this many code spans of its section, each at
/// most this long (longer ones are code blocks, read on the answer page).
const MAX_CODE_SPANS: usize = 3;
const MAX_CODE_BYTES: usize = 160;
/// Each facet lists at most this many values (the most frequent).
pub const MAX_FACET_VALUES: usize = 12;
/// In a typed query, a field term found in more than this share of the
/// entries is skipped too: its IDF is near zero, its posting list long.
const TYPED_COMMON_FRACTION: f32 = 0.5;
/// Hard cap on results per query.
pub const MAX_LIMIT: usize = 100;
/// A result scoring below this share of the best score is noise (a long
/// paste shares a word or two with almost every entry): it is neither
/// shown nor counted.
pub const RELEVANT_FRACTION: f32 = 0.15;

/// Why an engine could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("bundle is corrupt: {0}")]
    Index(String),
}

/// Options of one search.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    pub limit: usize,
    /// Only entries of this category (exact, case-insensitive).
    pub category: Option<String>,
    /// Only entries with this status (exact, case-insensitive).
    pub status: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            category: None,
            status: None,
        }
    }
}

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

/// How many results (or entries, when browsing) have each value of a
/// facet, most first.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub statuses: Vec<FacetCount>,
}

/// One facet value and how many results have it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
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
    /// The paste was longer than [`paste::MAX_QUERY_BYTES`] and was cut.
    pub truncated: bool,
    /// The query with misspelt words replaced, when typos were corrected.
    pub did_you_mean: Option<String>,
}

/// Facet counts over these entries: categories under the status filter,
/// statuses under the category filter; most first, ties alphabetically,
/// at most [`MAX_FACET_VALUES`] each.
/// (The static home page shows the same counts before the engine loads.)
pub fn facet_counts<'a>(
    entries: impl Iterator<Item = &'a Summary>,
    options: &SearchOptions,
) -> Facets {
    let mut categories: Vec<FacetCount> = Vec::new();
    let mut statuses: Vec<FacetCount> = Vec::new();
    let bump = |counts: &mut Vec<FacetCount>, value: &str| match counts
        .iter_mut()
        .find(|c| c.value == value)
    {
        Some(c) => c.count += 1,
        None => counts.push(FacetCount {
            value: value.to_string(),
            count: 1,
        }),
    };
    for entry in entries {
        if status_matches(entry, options.status.as_deref()) {
            bump(&mut categories, &entry.category);
        }
        if category_matches(entry, options.category.as_deref()) {
            for status in &entry.statuses {
                bump(&mut statuses, status);
            }
        }
    }
    for counts in [&mut categories, &mut statuses] {
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(MAX_FACET_VALUES);
    }
    Facets {
        categories,
        statuses,
    }
}

fn category_matches(entry: &Summary, category: Option<&str>) -> bool {
    category.is_none_or(|c| entry.category.eq_ignore_ascii_case(c))
}

fn status_matches(entry: &Summary, status: Option<&str>) -> bool {
    status.is_none_or(|want| entry.statuses.iter().any(|s| s.eq_ignore_ascii_case(want)))
}

fn filter_matches(entry: &Summary, options: &SearchOptions) -> bool {
    category_matches(entry, options.category.as_deref())
        && status_matches(entry, options.status.as_deref())
}

/// A query term for one field, with its weight before BM25.
#[derive(Debug, Clone)]
struct FieldTerm {
    field: Weighted,
    text: String,
    weight: f32,
}

/// The search engine over one opened bundle.
pub struct Engine {
    /// The index files; postings may be partly loaded (large KBs).
    dir: SparseDirectory,
    fields: Fields,
    searcher: Searcher,
    store: Store,
    synonyms: Synonyms,
    /// Per segment: entry ordinal of each doc (entry docs), and
    /// (entry, section) of each section doc.
    entry_of_doc: Vec<Vec<Option<u32>>>,
    section_of_doc: Vec<Vec<Option<(u32, u32)>>>,
    /// First two parts of every indexed error phrase → the phrases'
    /// lengths in parts: a query looks up only the runs that can match.
    /// Read from the term dictionary on first use.
    phrase_starts: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
}

/// One ranked entry, before its card is built.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Ranked {
    score: f32,
    ord: u32,
    section: u32,
}

/// A search's ranking: everything the index decides, before the hits are
/// built from the entry bodies (which may still have to be fetched, see
/// [`Engine::shards_needed`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranking {
    ranked: Vec<Ranked>,
    total: usize,
    facets: Facets,
    truncated: bool,
    did_you_mean: Option<String>,
    /// The query's code and prose terms, to mark statuses and excerpts.
    query_code: HashSet<String>,
    query_prose: HashSet<String>,
    /// Postings byte ranges this search needs that are not loaded: when
    /// not empty, nothing was ranked yet (see [`Ranking::postings_needed`]).
    postings_needed: Vec<(String, Range<u64>)>,
}

impl Ranking {
    /// The postings byte ranges to fetch (file path relative to the bundle,
    /// range) before this search can rank; add them with
    /// [`Engine::add_postings`] and rank again. Always empty for a bundle
    /// that embeds its postings.
    pub fn postings_needed(&self) -> &[(String, Range<u64>)] {
        &self.postings_needed
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("entries", &self.store.len())
            .finish()
    }
}

fn index_err(e: impl std::fmt::Display) -> EngineError {
    EngineError::Index(e.to_string())
}

impl Engine {
    /// Opens a bundle produced by `kb build`.
    pub fn from_bundle_bytes(bytes: &[u8]) -> Result<Engine, EngineError> {
        let bundle = Bundle::from_bytes(bytes)?;
        let store = Store::from_catalog(bundle.file(store::CATALOG_FILE)?)?;
        for (name, data) in &bundle.files {
            if name.starts_with(store::SHARD_DIR) {
                store.add_shard(data)?;
            }
        }
        let synonyms: Synonyms = match bundle.files.get(SYNONYMS_FILE) {
            Some(b) => {
                serde_json::from_slice(b).map_err(|e| index_err(format!("{SYNONYMS_FILE}: {e}")))?
            }
            None => Synonyms::default(),
        };
        let ram = RamDirectory::create();
        let mut sparse_files = std::collections::BTreeMap::new();
        for (name, data) in &bundle.files {
            if let Some(path) = name.strip_prefix(INDEX_PREFIX) {
                ram.atomic_write(Path::new(path), data).map_err(index_err)?;
            } else if let Some(path) = name.strip_prefix(sparse::BUNDLE_PREFIX) {
                let file =
                    sparse::decode_parts(data).map_err(|e| index_err(format!("{name}: {e}")))?;
                sparse_files.insert(PathBuf::from(path), std::sync::Arc::new(file));
            }
        }
        let dir = SparseDirectory::new(ram, sparse_files);
        let index = Index::open(dir.clone()).map_err(index_err)?;
        let fields = Fields::new();
        if index.schema() != fields.schema {
            return Err(index_err(
                "the index schema differs from this engine's; rebuild with the same `kb` version",
            ));
        }
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(index_err)?;
        let searcher = reader.searcher();
        let mut entry_of_doc = Vec::new();
        let mut section_of_doc = Vec::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let entry_col = ff.u64("entry").map_err(index_err)?;
            let s_entry = ff.u64("s_entry").map_err(index_err)?;
            let s_index = ff.u64("s_index").map_err(index_err)?;
            let n = seg.max_doc();
            let mut e = Vec::with_capacity(n as usize);
            let mut s = Vec::with_capacity(n as usize);
            for doc in 0..n {
                e.push(entry_col.first(doc).map(|v| v as u32));
                s.push(
                    s_entry
                        .first(doc)
                        .zip(s_index.first(doc))
                        .map(|(a, b)| (a as u32, b as u32)),
                );
            }
            entry_of_doc.push(e);
            section_of_doc.push(s);
        }
        let engine = Engine {
            dir,
            fields,
            searcher,
            store,
            synonyms,
            entry_of_doc,
            section_of_doc,
            phrase_starts: std::sync::OnceLock::new(),
        };
        engine.check_consistency()?;
        Ok(engine)
    }

    fn check_consistency(&self) -> Result<(), EngineError> {
        let n = self.store.len();
        let bad = self
            .entry_of_doc
            .iter()
            .flatten()
            .flatten()
            .any(|&e| e as usize >= n);
        if bad {
            return Err(index_err(
                "the index refers to entries the bundle does not hold",
            ));
        }
        Ok(())
    }

    /// Every entry's summary, in build order (by category, then title).
    pub fn summaries(&self) -> &[Summary] {
        self.store.summaries()
    }

    /// Searches. Any text is accepted: the worst case is an empty result.
    /// Hits whose entry body is not loaded yet (a sharded bundle, see
    /// [`Engine::shards_needed`]) come without excerpt, steps or code.
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        self.results(&self.rank(query, options))
    }

    /// Searches, first reading the shards the hits need through `read`
    /// (given a shard's path relative to the bundle, such as
    /// `kb-entries/00003.json`). The native way to search a sharded bundle;
    /// the browser does the same three steps with an asynchronous fetch.
    pub fn search_reading<E: std::fmt::Display>(
        &self,
        query: &str,
        options: &SearchOptions,
        mut read: impl FnMut(&str) -> Result<Vec<u8>, E>,
    ) -> Result<SearchResults, String> {
        let mut ranking = self.rank(query, options);
        if !ranking.postings_needed.is_empty() {
            // Natively, reading a whole postings file is cheap.
            let mut paths: Vec<&str> = ranking
                .postings_needed
                .iter()
                .map(|(p, _)| p.as_str())
                .collect();
            paths.dedup();
            for path in paths {
                let bytes = read(path).map_err(|e| format!("{path}: {e}"))?;
                self.add_postings(path, 0, bytes)?;
            }
            ranking = self.rank(query, options);
        }
        for shard in self.shards_needed(&ranking) {
            let path = store::shard_path(shard);
            let bytes = read(&path).map_err(|e| format!("{path}: {e}"))?;
            self.add_shard(&bytes).map_err(|e| e.to_string())?;
        }
        Ok(self.results(&ranking))
    }

    /// Step 1 of a search: ranks with the index and the catalog alone.
    pub fn rank(&self, query: &str, options: &SearchOptions) -> Ranking {
        let limit = options.limit.clamp(1, MAX_LIMIT);
        let analysed = paste::analyze(query);
        let (terms, corrections) = self.query_terms(&analysed.tokens);
        let mut ranking = Ranking {
            truncated: analysed.truncated,
            did_you_mean: did_you_mean(query, &corrections),
            ..Ranking::default()
        };
        if terms.is_empty() {
            return ranking;
        }
        ranking.postings_needed = self.probe_postings(&terms);
        if !ranking.postings_needed.is_empty() {
            return ranking;
        }
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
        // Rank without the filters, so that the facet counts can say what
        // each other choice would give; then filter in memory.
        let Ok(top) = self
            .searcher
            .search(&query, &TopDocs::with_limit(MAX_LIMIT).order_by_score())
        else {
            return ranking;
        };
        let best = top.first().map_or(0.0, |(score, _)| *score);
        let relevant: Vec<(f32, u32)> = top
            .into_iter()
            .filter(|(score, _)| *score >= best * RELEVANT_FRACTION)
            .filter_map(|(score, addr)| self.entry_ord(addr).map(|e| (score, e)))
            .collect();
        ranking.facets = self.facets(relevant.iter().map(|&(_, e)| e), options);
        let summaries = self.store.summaries();
        let filtered: Vec<(f32, u32)> = relevant
            .into_iter()
            .filter(|&(_, e)| filter_matches(&summaries[e as usize], options))
            .collect();
        ranking.total = filtered.len();
        let ranked = &filtered[..filtered.len().min(limit)];
        let best_sections = self.best_sections(ranked, &terms);
        ranking.ranked = ranked
            .iter()
            .map(|&(score, ord)| Ranked {
                score,
                ord,
                section: best_sections.get(&ord).copied().unwrap_or(0),
            })
            .collect();
        for t in terms {
            match t.field.analyzer {
                Analyzer::Code => ranking.query_code.insert(t.text),
                Analyzer::Prose => ranking.query_prose.insert(t.text),
                _ => false,
            };
        }
        ranking
    }

    /// Step 2: the shards holding the ranked entries' bodies that are not
    /// loaded yet (always empty for a bundle that embeds its entries).
    pub fn shards_needed(&self, ranking: &Ranking) -> Vec<u32> {
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

    /// Adds fetched postings bytes: `bytes` of the file `path` (as in
    /// [`Ranking::postings_needed`]) from `offset` on.
    pub fn add_postings(&self, path: &str, offset: u64, bytes: Vec<u8>) -> Result<(), String> {
        let known = path
            .strip_prefix(sparse::POSTINGS_DIR)
            .and_then(|p| p.strip_prefix('/'))
            .is_some_and(|p| self.dir.add_range(Path::new(p), offset as usize, bytes));
        if known {
            Ok(())
        } else {
            Err(format!("{path} is not a postings file of this index"))
        }
    }

    /// The postings files kept outside the bundle (paths relative to it).
    pub fn postings_files(&self) -> Vec<String> {
        self.dir
            .sparse_files()
            .keys()
            .map(|p| sparse::external_path(p))
            .collect()
    }

    /// Reads the postings of these terms (and of the section fields'
    /// terms); returns the byte ranges that are not loaded.
    fn probe_postings(&self, terms: &[FieldTerm]) -> Vec<(String, Range<u64>)> {
        if self.dir.sparse_files().is_empty() {
            return Vec::new();
        }
        let mut probe: Vec<(tantivy::schema::Field, &str)> = terms
            .iter()
            .map(|t| (t.field.field, t.text.as_str()))
            .collect();
        probe.extend(
            self.section_terms(terms)
                .into_iter()
                .map(|(f, text, _)| (f, text)),
        );
        for seg in self.searcher.segment_readers() {
            for (field, text) in &probe {
                let Ok(inverted) = seg.inverted_index(*field) else {
                    continue;
                };
                let term = Term::from_field_text(*field, text);
                if let Ok(Some(info)) = inverted.get_term_info(&term) {
                    let _ = inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic);
                }
            }
        }
        self.dir
            .take_missing()
            .into_iter()
            .map(|(path, r)| (sparse::external_path(&path), r.start as u64..r.end as u64))
            .collect()
    }

    /// Every shard not loaded yet (to load them all up front, natively).
    pub fn unloaded_shards(&self) -> Vec<u32> {
        (0..self.store.shard_count())
            .filter(|&s| !self.store.is_loaded(s))
            .collect()
    }

    /// Adds a fetched shard file; returns its shard number.
    pub fn add_shard(&self, bytes: &[u8]) -> Result<u32, EngineError> {
        Ok(self.store.add_shard(bytes)?)
    }

    /// Step 3: the results, with a card for each ranked entry.
    pub fn results(&self, ranking: &Ranking) -> SearchResults {
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

    /// Browsing without a query: the entries that pass the filters (in
    /// build order) and the facet counts over all entries.
    pub fn browse(&self, options: &SearchOptions) -> (Vec<&Summary>, Facets) {
        let facets = facet_counts(self.store.summaries().iter(), options);
        let entries = self
            .store
            .summaries()
            .iter()
            .filter(|e| filter_matches(e, options))
            .collect();
        (entries, facets)
    }

    fn facets(&self, ords: impl Iterator<Item = u32>, options: &SearchOptions) -> Facets {
        let summaries = self.store.summaries();
        facet_counts(ords.map(|o| &summaries[o as usize]), options)
    }

    fn entry_ord(&self, addr: DocAddress) -> Option<u32> {
        *self
            .entry_of_doc
            .get(addr.segment_ord as usize)?
            .get(addr.doc_id as usize)?
    }

    fn hit(&self, ranked: &Ranked, ranking: &Ranking) -> Hit {
        let entry = &self.store.summaries()[ranked.ord as usize];
        let sections: &[Section] = self.store.sections(ranked.ord).unwrap_or_default();
        let section = sections.get(ranked.section as usize).or(sections.first());
        let steps = match section {
            Some(s) if !s.steps.is_empty() => s.steps.clone(),
            _ => sections
                .iter()
                .find(|s| !s.steps.is_empty())
                .map(|s| s.steps.clone())
                .unwrap_or_default(),
        };
        let query_code = &ranking.query_code;
        let matched_statuses = entry
            .statuses
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
            .collect();
        let code = section
            .map(|s| {
                s.code
                    .iter()
                    .filter(|c| c.len() <= MAX_CODE_BYTES && !c.trim().is_empty())
                    .take(MAX_CODE_SPANS)
                    .cloned()
                    .collect()
            })
            .unwrap_or_default();
        let excerpt_source = section
            .filter(|s| !s.text.is_empty())
            .or(sections.iter().find(|s| !s.text.is_empty()));
        let excerpt = excerpt_source
            .map(|s| excerpt::excerpt(&s.text, &ranking.query_prose, excerpt::EXCERPT_WORDS))
            .unwrap_or_default();
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
            matched_statuses,
            excerpt,
            steps,
            code,
        }
    }

    /// For each ranked entry, the ordinal of its best-matching section.
    fn best_sections(&self, ranked: &[(f32, u32)], terms: &[FieldTerm]) -> HashMap<u32, u32> {
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
    fn section_terms<'t>(
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

    /// Document frequency of a term (0 when absent).
    fn doc_freq(&self, field: tantivy::schema::Field, text: &str) -> u64 {
        self.searcher
            .doc_freq(&Term::from_field_text(field, text))
            .unwrap_or(0)
    }

    /// Turns analysed query tokens into weighted field terms: each field
    /// gets the terms of its analyzer; terms absent from the index are
    /// dropped; out-of-vocabulary words get typo-corrected candidates; the
    /// most informative words are kept.
    fn query_terms(&self, tokens: &[paste::QueryToken]) -> (Vec<FieldTerm>, Vec<(String, String)>) {
        let n_docs = self.store.len().max(1) as f32;
        let idf = |df: u64| ((n_docs - df as f32 + 0.5) / (df as f32 + 0.5)).ln_1p();
        let fields = self.fields.entry_fields();
        let long_query = tokens.len() > LONG_QUERY_TOKENS;

        // Surface word → (code tokens, weight); prose/bigram terms follow.
        let mut words: Vec<(Token, f32)> = Vec::new();
        let mut index_of: HashMap<String, usize> = HashMap::new();
        for qt in tokens {
            match index_of.get(&qt.token.text) {
                Some(&i) => words[i].1 = words[i].1.max(qt.weight),
                None => {
                    index_of.insert(qt.token.text.clone(), words.len());
                    words.push((qt.token.clone(), qt.weight));
                }
            }
        }

        let mut corrections = Vec::new();
        let mut extra: Vec<(Token, f32)> = Vec::new();
        let mut fuzzy_tried = 0;
        // Typos come from typing: a pasted log is copied, and its unknown
        // words (identifiers, hostnames) would only buy costly automata.
        let fuzzy_budget = if long_query { 0 } else { MAX_FUZZY_WORDS };
        for (tok, weight) in &words {
            if fuzzy_tried >= fuzzy_budget {
                break;
            }
            if !self.wants_correction(&tok.text) {
                continue;
            }
            fuzzy_tried += 1;
            if let Some(fix) = self.correct(&tok.text) {
                corrections.push((tok.text.clone(), fix.clone()));
                extra.push((
                    Token {
                        text: fix,
                        ..tok.clone()
                    },
                    weight * FUZZY_WEIGHT,
                ));
            }
        }

        // Stemmed once: logs repeat their words, so stems are memoised.
        let prose_tokens = analysis::to_prose(tokens.iter().map(|t| t.token.clone()).collect());
        let prose_seq: Vec<String> = prose_tokens
            .iter()
            .filter(|t| t.is_part)
            .map(|t| t.text.clone())
            .collect();
        for phrase in self.synonyms.expansions(&prose_seq) {
            for t in analysis::code_terms(phrase) {
                extra.push((t, SYNONYM_WEIGHT));
            }
        }

        // Per surface word: its candidate field terms and its informativeness.
        let mut candidates: Vec<(f32, Vec<FieldTerm>)> = Vec::new();
        // Parallel to the field terms pushed: is the term in most entries?
        let mut common: Vec<bool> = Vec::new();
        for (tok, weight) in words.iter().chain(extra.iter()) {
            let prose = if analysis::is_stop_word(&tok.text) {
                None
            } else {
                Some(analysis::stem(&tok.text))
            };
            let mut terms = Vec::new();
            let mut info = 0.0f32;
            for f in fields {
                let text = match f.analyzer {
                    Analyzer::Code | Analyzer::Exact => tok.text.clone(),
                    Analyzer::Prose => match &prose {
                        Some(p) => p.clone(),
                        None => continue,
                    },
                    Analyzer::Bigram | Analyzer::Phrase => continue,
                };
                let df = self.doc_freq(f.field, &text);
                // In a long paste, words that most entries contain add cost
                // (long posting lists) and almost no signal: skip them.
                if df == 0 || (long_query && df as f32 > COMMON_FRACTION * n_docs) {
                    continue;
                }
                info = info.max(f.weight * idf(df));
                terms.push(FieldTerm {
                    field: f,
                    text,
                    weight: *weight,
                });
                common.push(df as f32 > TYPED_COMMON_FRACTION * n_docs);
            }
            if !terms.is_empty() {
                candidates.push((info * weight, terms));
            }
        }
        // A typed query skips field terms found in most entries (IDF near
        // zero, long posting lists) as long as it keeps others: "service"
        // alone still finds the entries about services.
        if !long_query && common.contains(&false) {
            let mut flags = common.into_iter();
            for (_, terms) in &mut candidates {
                terms.retain(|_| !flags.next().unwrap_or(false));
            }
            candidates.retain(|(_, terms)| !terms.is_empty());
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<FieldTerm> = candidates
            .into_iter()
            .take(if long_query {
                MAX_PASTE_TERMS
            } else {
                MAX_QUERY_TERMS
            })
            .flat_map(|(_, t)| t)
            .collect();

        // Bigrams of the query's prose words, most informative first.
        let weights: HashMap<u32, f32> = tokens
            .iter()
            .map(|t| (t.token.position, t.weight))
            .collect();
        let bigram_field = fields
            .iter()
            .copied()
            .find(|f| f.analyzer == Analyzer::Bigram);
        if let Some(bf) = bigram_field {
            let mut grams: Vec<(f32, FieldTerm)> = Vec::new();
            let mut seen = HashSet::new();
            for (position, gram) in analysis::bigrams_at(&prose_tokens) {
                if !seen.insert(gram.clone()) {
                    continue;
                }
                let df = self.doc_freq(bf.field, &gram);
                if df == 0 {
                    continue;
                }
                let weight = weights.get(&position).copied().unwrap_or(1.0);
                grams.push((
                    idf(df) * weight,
                    FieldTerm {
                        field: bf,
                        text: gram,
                        weight,
                    },
                ));
            }
            grams.sort_by(|a, b| b.0.total_cmp(&a.0));
            let keep = if long_query {
                MAX_PASTE_BIGRAMS
            } else {
                MAX_BIGRAMS
            };
            out.extend(grams.into_iter().take(keep).map(|(_, t)| t));
        }

        out.extend(self.phrase_terms(&prose_tokens, &weights));

        // One clause per (field, term): keep the highest weight.
        let mut dedup: HashMap<(tantivy::schema::Field, String), FieldTerm> = HashMap::new();
        for t in out {
            let key = (t.field.field, t.text.clone());
            match dedup.get_mut(&key) {
                Some(old) if old.weight >= t.weight => {}
                _ => {
                    dedup.insert(key, t);
                }
            }
        }
        let mut terms: Vec<FieldTerm> = dedup.into_values().collect();
        terms.sort_by(|a, b| {
            a.text
                .cmp(&b.text)
                .then(a.field.field.field_id().cmp(&b.field.field.field_id()))
        });
        (terms, corrections)
    }

    /// The documented error strings the query contains, as whole phrases
    /// ([`analysis::phrase_key`]), each weighted like its first word.
    fn phrase_terms(&self, prose: &[Token], weights: &HashMap<u32, f32>) -> Vec<FieldTerm> {
        let Some(field) = self
            .fields
            .entry_fields()
            .into_iter()
            .find(|f| f.analyzer == Analyzer::Phrase)
        else {
            return Vec::new();
        };
        let starts = self.phrase_starts.get_or_init(|| self.read_phrase_starts());
        let parts = analysis::phrase_parts(prose);
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for i in 0..parts.len().saturating_sub(1) {
            let start = format!("{}_{}", parts[i].1, parts[i + 1].1);
            let Some(lengths) = starts.get(&start) else {
                continue;
            };
            for &n in lengths {
                let Some(run) = parts.get(i..i + n) else {
                    continue;
                };
                let key = run.iter().map(|(_, p)| *p).collect::<Vec<_>>().join("_");
                if seen.insert(key.clone()) && self.doc_freq(field.field, &key) > 0 {
                    out.push(FieldTerm {
                        field,
                        text: key,
                        weight: weights.get(&parts[i].0).copied().unwrap_or(1.0),
                    });
                }
            }
        }
        out
    }

    /// Every indexed error phrase's first two parts → its lengths in parts.
    fn read_phrase_starts(&self) -> HashMap<String, Vec<usize>> {
        let mut starts: HashMap<String, Vec<usize>> = HashMap::new();
        for seg in self.searcher.segment_readers() {
            let Ok(inverted) = seg.inverted_index(self.fields.error_phrases) else {
                continue;
            };
            let Ok(mut terms) = inverted.terms().stream() else {
                continue;
            };
            while terms.advance() {
                let Ok(key) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                let parts: Vec<&str> = key.split('_').collect();
                if parts.len() >= 2 {
                    let lengths = starts
                        .entry(format!("{}_{}", parts[0], parts[1]))
                        .or_default();
                    if !lengths.contains(&parts.len()) {
                        lengths.push(parts.len());
                    }
                }
            }
        }
        starts
    }

    /// A word deserves typo correction when it is alphabetic, long enough
    /// for a one-letter slip to be unambiguous, and unknown to the index.
    fn wants_correction(&self, word: &str) -> bool {
        word.len() >= 5
            && word.chars().all(|c| c.is_alphabetic())
            && !analysis::is_stop_word(word)
            && self.doc_freq(self.fields.words, word) == 0
    }

    /// The most frequent indexed word within edit distance 1, a
    /// transposition counting as one edit. (Distance 2 found more noise than
    /// typos and its automata cost milliseconds in wasm.)
    fn correct(&self, word: &str) -> Option<String> {
        let distance = 1;
        let query = FuzzyTermQuery::new(
            Term::from_field_text(self.fields.words, word),
            distance,
            true,
        );
        let automaton = query.automaton().ok()?;
        let mut best: Option<(u64, String)> = None;
        for seg in self.searcher.segment_readers() {
            let Ok(inverted) = seg.inverted_index(self.fields.words) else {
                continue;
            };
            let Ok(mut stream) = inverted.terms().search(&automaton).into_stream() else {
                continue;
            };
            while stream.advance() {
                let Ok(candidate) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if !candidate.chars().all(|c| c.is_alphabetic()) {
                    continue;
                }
                let df = self.doc_freq(self.fields.words, candidate);
                let better = match &best {
                    None => true,
                    Some((bdf, b)) => df > *bdf || (df == *bdf && candidate < b.as_str()),
                };
                if better {
                    best = Some((df, candidate.to_string()));
                }
            }
        }
        best.map(|(_, w)| w)
    }
}

/// A BM25 term query scaled by `boost` (field weight × term weight).
fn weighted_term(field: tantivy::schema::Field, text: &str, boost: f32) -> Box<dyn Query> {
    let term = Term::from_field_text(field, text);
    let q: Box<dyn Query> = Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs));
    Box::new(BoostQuery::new(q, boost))
}

/// The query with each corrected word replaced (first occurrence, any case).
fn did_you_mean(query: &str, corrections: &[(String, String)]) -> Option<String> {
    if corrections.is_empty() {
        return None;
    }
    let mut out = query.to_string();
    for (wrong, right) in corrections {
        let lower = out.to_lowercase();
        if lower.len() != out.len() {
            continue; // case mapping changed byte offsets: skip rather than mangle
        }
        if let Some(at) = lower.find(wrong.as_str()) {
            out.replace_range(at..at + wrong.len(), right);
        }
    }
    Some(out)
}
