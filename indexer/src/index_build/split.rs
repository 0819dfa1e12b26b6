//! The split layout of a large knowledge base: the postings and term
//! dictionaries move out of the bundle to files read by range, the bundle
//! keeping the parts every search reads ([`crate::sparse`]), and the
//! filter that spares a paste reading phrase blocks
//! ([`crate::phrase_filter`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::RamDirectory;
use tantivy::schema::IndexRecordOption;
use tantivy::{Directory, Index};

use crate::bundle::Bundle;
use crate::names;
use crate::schema::Fields;
use crate::sparse::{self, SparseDirectory, SparseFile};

/// Moves the postings and term dictionary files out of the bundle,
/// leaving in it the parts every search reads: what opening the index and
/// each field's inverted index reads, the postings of the section-to-entry
/// field (each search restricts sections to its ranked entries) and the
/// dictionary of the words typos are corrected to.
pub(super) fn split_postings(bundle: &mut Bundle) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
    let internal = |e: String| tantivy::TantivyError::InternalError(e);
    let ram = RamDirectory::create();
    let mut sparse = BTreeMap::new();
    let mut whole = BTreeMap::new();
    for (name, data) in &bundle.files {
        let Some(path) = name.strip_prefix(names::BUNDLE_INDEX_PREFIX) else {
            continue;
        };
        if path.ends_with(".idx") || path.ends_with(".term") {
            let file = Arc::new(SparseFile::recording(data.clone()));
            sparse.insert(PathBuf::from(path), file);
            whole.insert(path.to_string(), data.clone());
        } else {
            ram.atomic_write(Path::new(path), data)
                .map_err(|e| internal(e.to_string()))?;
        }
    }
    let dir = SparseDirectory::new(ram, sparse);
    let index = Index::open(dir.clone())?;
    let fields = Fields::new();
    let searcher = index.reader()?.searcher();
    for seg in searcher.segment_readers() {
        for (field, entry) in fields.schema.fields() {
            if entry.is_indexed() {
                seg.inverted_index(field)?;
            }
        }
        let s_entry = seg.inverted_index(fields.s_entry)?;
        let mut terms = s_entry.terms().stream()?;
        while terms.advance() {
            s_entry.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
        }
        // The dictionary the engine reads whole: the words typos are
        // corrected to.
        let words = seg.inverted_index(fields.words)?;
        let mut terms = words.terms().stream()?;
        while terms.advance() {}
    }

    let mut out = Vec::new();
    for (path, file) in dir.sparse_files() {
        let path = path.display().to_string();
        let data = &whole[&path];
        bundle
            .files
            .remove(&format!("{}{path}", names::BUNDLE_INDEX_PREFIX));
        bundle.files.insert(
            format!("{}{path}", names::BUNDLE_SPARSE_PREFIX),
            sparse::encode_parts(data, &file.recorded()),
        );
        out.push((names::postings_path(Path::new(&path)), data.clone()));
    }
    Ok(out)
}

/// The filter of the first two parts of every error phrase key (both
/// phrase fields), read from the whole dictionaries at build time.
pub(super) fn phrase_filter(
    searcher: &tantivy::Searcher,
    fields: &Fields,
) -> tantivy::Result<crate::phrase_filter::PhraseFilter> {
    let mut starts: BTreeSet<String> = BTreeSet::new();
    for seg in searcher.segment_readers() {
        for field in fields.phrase_fields() {
            let inverted = seg.inverted_index(field)?;
            let mut terms = inverted.terms().stream()?;
            while terms.advance() {
                let key = std::str::from_utf8(terms.key()).ok();
                if let Some(start) = key.and_then(crate::phrase_filter::start_of) {
                    starts.insert(start.to_string());
                }
            }
        }
    }
    Ok(crate::phrase_filter::PhraseFilter::of(
        starts.iter().map(String::as_str),
    ))
}
