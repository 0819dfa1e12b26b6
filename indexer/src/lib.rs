//! # KB Search engine
//!
//! Turns a folder of FAQ markdown into a search index at build time, and
//! answers queries — typed questions or whole pasted error logs — from that
//! index, natively (the `kb` CLI) or compiled to wasm (the browser app).
//!
//! The data flow:
//!
//! ```text
//! content/*.md ──content──▶ Vec<Entry> ──index_build──▶ Bundle (+ entry shards)
//!                                                          │
//!   query ──analysis::paste──▶ terms ──engine::rank──▶ Ranking ──results──▶ Hits
//!                                    (shards_needed: fetch them first) ┘
//! ```
//!
//! - [`content`] (feature `build`): front matter + markdown → [`model::Entry`].
//! - [`analysis`]: the tokenizer and analyzers shared by index and query
//!   time, and the query-only cleanup of pasted logs.
//! - [`schema`]: tantivy fields and their weights.
//! - [`index_build`] (feature `build`): entries → tantivy index → [`bundle::Bundle`].
//! - [`bundle`]: the one-file format (magic, version, checksum).
//! - [`store`]: the entry catalog, and the entry bodies in shards, inside
//!   the bundle or (large knowledge bases) in files fetched per hit.
//! - [`sparse`]: a tantivy directory whose postings may be partly loaded,
//!   so that large knowledge bases fetch a query's postings by range.
//! - [`engine`]: opens a bundle and searches it.
//! - [`eval`] (feature `build`): relevance metrics over a query file.
//! - [`site`] (feature `build`): the static HTML pages and sitemap.
//! - [`synthetic`] (feature `build`): deterministic FAQ-like test KBs.
//!
//! The wasm build disables the default `build` feature and so carries only
//! the reading side: analysis, bundle, engine.

pub mod analysis;
pub mod bundle;
pub mod engine;
pub mod excerpt;
pub mod model;
pub mod names;
pub mod phrase_filter;
pub mod schema;
pub mod sparse;
pub mod store;
pub mod synonyms;

#[cfg(feature = "build")]
pub mod app_assets;
#[cfg(feature = "build")]
pub mod builder;
#[cfg(feature = "build")]
pub mod content;
#[cfg(feature = "build")]
pub mod eval;
#[cfg(feature = "build")]
pub mod index_build;
#[cfg(feature = "build")]
pub mod kb_folder;
#[cfg(feature = "build")]
pub mod serve;
#[cfg(feature = "build")]
pub mod site;
#[cfg(feature = "build")]
pub mod synthetic;

pub use engine::{
    code_runs, Answer, Engine, EngineError, FacetCount, Facets, Fetch, Hit, Search, SearchOptions,
    SearchResults, Step, WEAK_NOTICE,
};
pub use model::{Entry, Section};
pub use store::Summary;
