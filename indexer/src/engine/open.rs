//! Opening a bundle: the tantivy index over a [`SparseDirectory`], the
//! entry catalog (and any embedded shards), the synonyms, and the maps
//! from tantivy documents to entries and sections.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::RamDirectory;
use tantivy::{Directory, Index, Searcher};

use super::{Engine, EngineError, SectionDoc, SectionSpan};
use crate::bundle::Bundle;
use crate::names;
use crate::phrase_filter::PhraseFilter;
use crate::schema::Fields;
use crate::sparse::{self, SparseDirectory};
use crate::store::Store;
use crate::synonyms::Synonyms;

pub(super) fn index_err(e: impl std::fmt::Display) -> EngineError {
    EngineError::Index(e.to_string())
}

/// Per segment, the entry of each entry document and what each section
/// document is.
type DocMaps = (Vec<Vec<Option<u32>>>, Vec<Vec<Option<SectionDoc>>>);

impl Engine {
    /// Opens a bundle produced by `kb build`.
    pub fn from_bundle_bytes(bytes: &[u8]) -> Result<Engine, EngineError> {
        let bundle = Bundle::from_bytes(bytes)?;
        let store = Store::from_catalog(bundle.file(names::BUNDLE_CATALOG)?)?;
        for (name, data) in &bundle.files {
            if name.starts_with(names::SHARD_DIR) {
                store.add_shard(data)?;
            }
        }
        let synonyms: Synonyms = match bundle.files.get(names::BUNDLE_SYNONYMS) {
            Some(b) => serde_json::from_slice(b)
                .map_err(|e| index_err(format!("{}: {e}", names::BUNDLE_SYNONYMS)))?,
            None => Synonyms::default(),
        };
        let phrase_filter = match bundle.files.get(names::BUNDLE_PHRASE_FILTER) {
            Some(b) => Some(PhraseFilter::from_bytes(b).ok_or_else(|| {
                index_err(format!("{}: not a filter", names::BUNDLE_PHRASE_FILTER))
            })?),
            None => None,
        };
        let dir = index_directory(&bundle)?;
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
        let (entry_of_doc, section_of_doc) = doc_maps(&searcher)?;
        let section_spans = section_spans(&section_of_doc, store.len());
        let section_count = section_of_doc.iter().flatten().flatten().count();
        let mut entry_docs = vec![None; store.len()];
        for (segment, docs) in entry_of_doc.iter().enumerate() {
            for (doc, entry) in docs.iter().enumerate() {
                if let Some(slot) = entry.and_then(|e| entry_docs.get_mut(e as usize)) {
                    *slot = Some((segment as u32, doc as u32));
                }
            }
        }
        let lists_errors = lists_errors(&searcher, &entry_docs, fields.errors);
        let with_errors = lists_errors.iter().filter(|&&e| e).count();
        let documents_errors = with_errors > 0 && 3 * with_errors >= lists_errors.len();
        let engine = Engine {
            dir,
            fields,
            searcher,
            store,
            synonyms,
            entry_of_doc,
            section_of_doc,
            entry_docs,
            section_spans,
            section_count,
            documents_errors,
            phrase_starts: Mutex::default(),
            phrase_filter,
            fetches: Mutex::default(),
            term_infos: Mutex::default(),
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
}

/// By entry ordinal: does the entry list error strings in its front
/// matter?
fn lists_errors(
    searcher: &tantivy::Searcher,
    entry_docs: &[Option<(u32, u32)>],
    errors: tantivy::schema::Field,
) -> Vec<bool> {
    let norms: Vec<_> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fieldnorms_readers().get_field(errors).ok().flatten())
        .collect();
    entry_docs
        .iter()
        .map(|doc| {
            doc.is_some_and(|(segment, doc)| {
                norms
                    .get(segment as usize)
                    .and_then(Option::as_ref)
                    .is_some_and(|n| n.fieldnorm_id(doc) > 0)
            })
        })
        .collect()
}

/// The index files of a bundle: whole ones in RAM, postings files that
/// live outside the bundle as sparse files holding the bundle's parts.
fn index_directory(bundle: &Bundle) -> Result<SparseDirectory, EngineError> {
    let ram = RamDirectory::create();
    let mut sparse_files = BTreeMap::new();
    for (name, data) in &bundle.files {
        if let Some(path) = name.strip_prefix(names::BUNDLE_INDEX_PREFIX) {
            ram.atomic_write(Path::new(path), data).map_err(index_err)?;
        } else if let Some(path) = name.strip_prefix(names::BUNDLE_SPARSE_PREFIX) {
            let file = sparse::decode_parts(data).map_err(|e| index_err(format!("{name}: {e}")))?;
            sparse_files.insert(PathBuf::from(path), Arc::new(file));
        }
    }
    Ok(SparseDirectory::new(ram, sparse_files))
}

fn doc_maps(searcher: &Searcher) -> Result<DocMaps, EngineError> {
    let mut entry_of_doc = Vec::new();
    let mut section_of_doc = Vec::new();
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let entry_col = ff.u64("entry").map_err(index_err)?;
        let s_entry = ff.u64("s_entry").map_err(index_err)?;
        let s_index = ff.u64("s_index").map_err(index_err)?;
        let s_intro = ff.u64("s_intro").map_err(index_err)?;
        let s_steps = ff.u64("s_steps").map_err(index_err)?;
        let s_overview = ff.u64("s_overview").map_err(index_err)?;
        let n = seg.max_doc();
        let mut e = Vec::with_capacity(n as usize);
        let mut s = Vec::with_capacity(n as usize);
        for doc in 0..n {
            e.push(entry_col.first(doc).map(|v| v as u32));
            s.push(
                s_entry
                    .first(doc)
                    .zip(s_index.first(doc))
                    .map(|(entry, index)| SectionDoc {
                        entry: entry as u32,
                        index: index as u32,
                        intro: s_intro.first(doc) == Some(1),
                        steps: s_steps.first(doc) == Some(1),
                        overview: s_overview.first(doc) == Some(1),
                    }),
            );
        }
        entry_of_doc.push(e);
        section_of_doc.push(s);
    }
    Ok((entry_of_doc, section_of_doc))
}

/// By entry ordinal, where its section documents are (written right after
/// its entry document, so consecutive).
fn section_spans(
    section_of_doc: &[Vec<Option<SectionDoc>>],
    entries: usize,
) -> Vec<Option<SectionSpan>> {
    let mut spans: Vec<Option<SectionSpan>> = vec![None; entries];
    for (segment, docs) in section_of_doc.iter().enumerate() {
        for (doc, section) in docs.iter().enumerate() {
            let Some(section) = section else { continue };
            let Some(slot) = spans.get_mut(section.entry as usize) else {
                continue;
            };
            let doc = doc as u32;
            match slot {
                Some(span) if span.segment == segment as u32 => {
                    span.start = span.start.min(doc);
                    span.end = span.end.max(doc + 1);
                }
                _ => {
                    *slot = Some(SectionSpan {
                        segment: segment as u32,
                        start: doc,
                        end: doc + 1,
                    })
                }
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn an_opened_engine_maps_every_entry_document_to_its_entry() {
        let engine = testing::sample();
        let mut entries: Vec<u32> = engine
            .entry_of_doc
            .iter()
            .flatten()
            .flatten()
            .copied()
            .collect();
        entries.sort_unstable();
        assert_eq!(entries, [0, 1, 2]);
        // Five sections with headings plus three intros.
        let sections = engine.section_of_doc.iter().flatten().flatten().count();
        assert_eq!(sections, 8);
    }

    #[test]
    fn a_bundle_without_a_catalog_is_refused() {
        let bundle = Bundle {
            files: BTreeMap::new(),
        };
        let err = Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap_err();
        assert!(err.to_string().contains(names::BUNDLE_CATALOG), "{err}");
    }
}
