//! The search engine: opens a bundle and answers queries from it.
//!
//! The same code answers in the `kb` CLI and, compiled to wasm, in the
//! browser. Raw query text never goes through tantivy's query grammar
//! (`code: 28` would become a field query): queries are built from
//! analysed terms.
//!
//! One search, file by file:
//!
//! | step | file | what it does |
//! |---|---|---|
//! | open | [`open`] | bundle → tantivy over a [`SparseDirectory`], catalog, synonyms |
//! | plan | `plan`, `typos`, `phrases` | analysed tokens → weighted field terms |
//! | rank | `rank`, `sections` | BM25 over entry documents, noise cut, filters, best section |
//! | facets | [`facets`] | counts per category and status |
//! | hits | `hits` | a card per ranked entry: section, steps, code, excerpt |
//! | drive | [`driver`] | asks the caller for the postings ranges and entry shards it lacks |
//!
//! A bundle that embeds everything answers at once ([`Engine::search`]).
//! A large one keeps postings and entry bodies in files next to it; the
//! [`driver`] says which to fetch ([`Step::Need`]) until it can answer.
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

mod baseline;
pub mod driver;
pub mod facets;
mod hits;
mod open;
mod options;
mod phrases;
mod plan;
mod pointers;
mod rank;
mod rerank;
mod sections;
mod typos;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use tantivy::Searcher;

use crate::bundle::BundleError;
use crate::schema::Fields;
use crate::sparse::SparseDirectory;
use crate::store::{Store, StoreError, Summary};
use crate::synonyms::Synonyms;

pub use driver::{Answer, Fetch, Search, Step};
pub use facets::{facet_counts, FacetCount, Facets, MAX_FACET_VALUES};
pub use hits::{code_runs, Cause, Hit, SearchResults, WEAK_NOTICE};
pub use options::{SearchOptions, DEFAULT_LIMIT, MAX_LIMIT};
pub use rank::{Ranking, CLEAR_LEAD, RELEVANT_FRACTION, UNSURE_COVERAGE, WEAK_COVERAGE};

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

/// What a section document is: its entry, its ordinal in the entry,
/// whether it is the intro (the text before the first `##`), whether it
/// has resolution steps and whether it is part of the entry's overview.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SectionDoc {
    entry: u32,
    index: u32,
    intro: bool,
    steps: bool,
    /// Part of the entry's overview (`Issue`, `Root Cause`): read like the
    /// intro, never one of its causes.
    overview: bool,
}

impl SectionDoc {
    /// The intro, or a section of the entry's overview: what the entry is
    /// about, not which of its causes applies.
    fn describes_entry(&self) -> bool {
        self.intro || self.overview
    }
}

/// Where an entry's section documents are: consecutive documents of one
/// segment.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SectionSpan {
    segment: u32,
    /// First section document, and one past the last.
    start: u32,
    end: u32,
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
    section_of_doc: Vec<Vec<Option<SectionDoc>>>,
    /// By entry ordinal: its entry document (segment, document).
    entry_docs: Vec<Option<(u32, u32)>>,
    /// By entry ordinal: its section documents.
    section_spans: Vec<Option<SectionSpan>>,
    /// Section documents in all.
    section_count: usize,
    /// Does the knowledge base document the error strings it answers: do
    /// a third of its entries or more list them (front matter `errors:`)?
    /// Then output that matches none is suspect. (A third, not a half: a
    /// team that lists strings in half its entries quotes them in the rest,
    /// as web-errors does with 17 of 35; EAS, 6 of 34, does not.)
    documents_errors: bool,
    /// First two parts of an indexed error phrase → the phrases' keys: a
    /// query looks up only the runs that can match. Read from the term
    /// dictionaries as queries ask ([`Engine::phrases_starting`]).
    phrase_starts: Mutex<HashMap<String, Vec<String>>>,
    /// A split knowledge base's filter of those first two parts: a run
    /// it rules out is not read from the dictionaries.
    phrase_filter: Option<crate::phrase_filter::PhraseFilter>,
    /// What the driver was handed and what could not be fetched.
    fetches: Mutex<driver::FetchLog>,
    /// Term infos already looked up ([`Engine::term_info`]).
    term_infos: Mutex<TermInfos>,
}

/// Term infos by segment and term. A search asks for the same term several
/// times (planning, probing, ranking, choosing sections), and an SSTable
/// lookup decodes a whole block of the dictionary: remembering them made a
/// search 3× faster. Only answers are kept, not reads of bytes still
/// missing; the map is emptied when it grows past [`MAX_TERM_INFOS`].
type TermInfos = HashMap<(u32, tantivy::Term), Option<tantivy::postings::TermInfo>>;

/// About 3 MB of remembered term infos.
const MAX_TERM_INFOS: usize = 50_000;

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("entries", &self.store.len())
            .finish()
    }
}

impl Engine {
    /// Every entry's summary, in build order (by category, then title).
    pub fn summaries(&self) -> &[Summary] {
        self.store.summaries()
    }

    /// Searches a bundle that holds everything it needs. Any text is
    /// accepted: the worst case is an empty result. Hits whose entry body
    /// is not loaded (a sharded bundle: use [`Engine::start`]) come
    /// without excerpt, steps or code.
    pub fn search(&self, query: &str, options: &SearchOptions) -> SearchResults {
        self.results(&self.rank(query, options))
    }

    /// Browsing without a query: the entries that pass the filters (in
    /// build order) and the facet counts over all entries.
    pub fn browse(&self, options: &SearchOptions) -> (Vec<&Summary>, Facets) {
        let facets = facet_counts(self.store.summaries().iter(), options);
        let entries = self
            .store
            .summaries()
            .iter()
            .filter(|e| facets::filter_matches(e, options))
            .collect();
        (entries, facets)
    }

    /// The entry field of this analyzer (bigrams, phrases: one each).
    fn entry_field(&self, analyzer: crate::schema::Analyzer) -> Option<crate::schema::Weighted> {
        self.fields
            .entry_fields()
            .into_iter()
            .find(|f| f.analyzer == analyzer)
    }

    /// A term's postings in each segment that holds it, with the
    /// segment's ordinal and inverted index (for field statistics): where
    /// every per-term read of the index starts. A segment that cannot be
    /// read counts as one without the term. Reading is also what records
    /// the byte ranges a partly loaded bundle still needs.
    fn segment_postings<'a>(
        &'a self,
        term: &'a tantivy::Term,
        option: tantivy::schema::IndexRecordOption,
    ) -> impl Iterator<
        Item = (
            u32,
            std::sync::Arc<tantivy::InvertedIndexReader>,
            tantivy::postings::SegmentPostings,
        ),
    > + 'a {
        let segments = self.searcher.segment_readers().iter().enumerate();
        segments.filter_map(move |(ord, seg)| {
            let inverted = seg.inverted_index(term.field()).ok()?;
            let info = self.term_info(ord as u32, &inverted, term)?;
            let postings = inverted.read_postings_from_terminfo(&info, option).ok()?;
            Some((ord as u32, inverted, postings))
        })
    }

    /// The term's info in one segment, remembered ([`TermInfos`]).
    fn term_info(
        &self,
        segment: u32,
        inverted: &tantivy::InvertedIndexReader,
        term: &tantivy::Term,
    ) -> Option<tantivy::postings::TermInfo> {
        let key = (segment, term.clone());
        if let Some(known) = self.term_infos.lock().unwrap().get(&key) {
            return known.clone();
        }
        // A read of bytes not loaded yet fails: not an answer to keep.
        let info = inverted.get_term_info(term).ok()?;
        let mut known = self.term_infos.lock().unwrap();
        if known.len() >= MAX_TERM_INFOS {
            known.clear();
        }
        known.insert(key, info.clone());
        info
    }

    /// The entry documents of `entries` as (segment, document, entry),
    /// sorted: the order [`Engine::entries_with`] walks postings in.
    fn entry_doc_addresses(&self, entries: impl IntoIterator<Item = u32>) -> Vec<(u32, u32, u32)> {
        let mut docs: Vec<(u32, u32, u32)> = entries
            .into_iter()
            .filter_map(|e| {
                let (segment, doc) = self.entry_docs.get(e as usize).copied().flatten()?;
                Some((segment, doc, e))
            })
            .collect();
        docs.sort_unstable();
        docs
    }

    /// The entries of `docs` ([`Engine::entry_doc_addresses`]) whose
    /// document has `term`.
    fn entries_with(&self, term: &tantivy::Term, docs: &[(u32, u32, u32)]) -> HashSet<u32> {
        use tantivy::DocSet;
        let mut out = HashSet::new();
        for (segment_ord, _, mut postings) in
            self.segment_postings(term, tantivy::schema::IndexRecordOption::Basic)
        {
            for &(_, doc, e) in docs.iter().filter(|(s, _, _)| *s == segment_ord) {
                if postings.doc() <= doc && postings.seek(doc) == doc {
                    out.insert(e);
                }
            }
        }
        out
    }

    /// Whether the index holds a word in any form: as typed (code words)
    /// or by its stem (prose), in a title or a body.
    fn knows_word(&self, word: &str) -> bool {
        let stem = crate::analysis::stem(word);
        self.doc_freq(self.fields.words, word) > 0
            || self.doc_freq(self.fields.body, &stem) > 0
            || self.doc_freq(self.fields.title, &stem) > 0
    }

    /// Document frequency of a term (0 when absent).
    fn doc_freq(&self, field: tantivy::schema::Field, text: &str) -> u64 {
        self.term_doc_freq(&tantivy::Term::from_field_text(field, text))
    }

    /// Documents with the term, over all segments (0 when absent), from
    /// the remembered term infos.
    fn term_doc_freq(&self, term: &tantivy::Term) -> u64 {
        self.searcher
            .segment_readers()
            .iter()
            .enumerate()
            .filter_map(|(ord, seg)| {
                let inverted = seg.inverted_index(term.field()).ok()?;
                self.term_info(ord as u32, &inverted, term)
            })
            .map(|info| u64::from(info.doc_freq))
            .sum()
    }
}

/// BM25's statistics for tantivy's own scoring, with the document
/// frequencies of the engine's remembered term infos.
struct Statistics<'a>(&'a Engine);

impl tantivy::query::Bm25StatisticsProvider for Statistics<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        self.0.searcher.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.0.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &tantivy::Term) -> tantivy::Result<u64> {
        Ok(self.0.term_doc_freq(term))
    }
}

/// Small engines for the unit tests of each step.
#[cfg(test)]
pub(crate) mod testing {
    use super::Engine;

    /// An engine over entries written as markdown files (`id` from the
    /// front matter).
    pub fn engine(markdown: &[&str]) -> Engine {
        let entries: Vec<_> = markdown
            .iter()
            .enumerate()
            .map(|(i, md)| {
                crate::content::parse_entry(&format!("e{i}.md"), md, &Default::default())
                    .expect("test entry parses")
            })
            .collect();
        let bundle = crate::index_build::build_bundle(&entries, &Default::default())
            .expect("test bundle builds");
        Engine::from_bundle_bytes(&bundle.to_bytes()).expect("test bundle opens")
    }

    /// Three entries about disks, images and tokens, with sections.
    pub fn sample() -> Engine {
        engine(SAMPLE)
    }

    /// The sample and `n` filler entries of `words` words each (filler
    /// words match no test query).
    fn with_filler(n: usize, words: usize) -> Vec<crate::model::Entry> {
        let filler: Vec<String> = (0..n)
            .map(|i| {
                let body = format!("filler{i} paragraph ").repeat(words / 2);
                format!("---\nid: filler-{i}\ncategory: Filler\n---\n# Filler {i}\n\n{body}\n")
            })
            .collect();
        SAMPLE
            .iter()
            .copied()
            .chain(filler.iter().map(String::as_str))
            .enumerate()
            .map(|(i, md)| {
                crate::content::parse_entry(&format!("e{i}.md"), md, &Default::default()).unwrap()
            })
            .collect()
    }

    /// The sample among 20 short filler entries: words of one sample entry
    /// are rare, as in a real knowledge base.
    pub fn padded_sample() -> Engine {
        let bundle =
            crate::index_build::build_bundle(&with_filler(20, 10), &Default::default()).unwrap();
        Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap()
    }

    /// The sample split as a large knowledge base is: entry shards and
    /// postings outside the bundle (the engine holds neither yet).
    pub fn split_sample() -> (Engine, crate::index_build::Built) {
        // Long filler entries, so that there are several shards.
        let built = crate::index_build::build(
            &with_filler(12, 300),
            &Default::default(),
            crate::index_build::Layout::Sharded,
        )
        .unwrap();
        assert!(built.shard_files.len() > 1, "several shards");
        let engine = Engine::from_bundle_bytes(&built.bundle.to_bytes()).unwrap();
        (engine, built)
    }

    const SAMPLE: &[&str] = &[
            "---\nid: disk-full\nstatuses: [Failed]\nerrors: [\"no space left on device\"]\n---\n# The disk is full\n\nThe volume has no space left.\n\n## Logs fill the disk\n\nOld logs take the space.\n\n1. Delete old logs.\n\n## The image is too large\n\nA large image fills the system disk.\n\n1. Expand the system disk.\n",
            "---\nid: image-pull\nstatuses: [ImagePullBackOff, Waiting]\nerrors: [\"no such host\", \"401 Unauthorized\"]\n---\n# The image cannot be pulled\n\nThe instance cannot pull its image.\n\n## Registry host unknown\n\nThe error is `no such host`.\n\n1. Add the VPC to the registry's access control.\n\n## Wrong credentials\n\nThe error is `401 Unauthorized`.\n\n1. Enter the registry password.\n",
            "---\nid: token-expired\ncategory: Invocation\nstatuses: [\"401\"]\n---\n# The token expired\n\nCalls fail with 401 once the token expires.\n\n## Renew it\n\n1. Create a new token.\n",
        ];
}
