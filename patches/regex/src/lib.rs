//! `regex` for KB Search's dependencies, implemented by [`regex_lite`].
//!
//! In the browser build the only regex that runs is tantivy's facet-path
//! escape (`[\\/]`, reachable from every query's `Debug`), yet the full
//! `regex` crate brings its Unicode tables and several search engines:
//! 154 of the 553 KiB of brotli wasm. `regex-lite`, by the same authors,
//! has the same API without them. See `README.md` in this folder.
pub use regex_lite::*;
