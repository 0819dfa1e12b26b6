//! Where the entries live once built: a small **catalog** of every entry
//! (id, title, category, statuses: what browsing, facets and filters need)
//! and the entry **bodies** (sections, steps, code), grouped in shards of
//! about [`SHARD_TARGET_BYTES`] that are read only when a hit needs them.
//!
//! A small knowledge base carries its shards inside the bundle. A large one
//! (more than [`EMBED_LIMIT`] bytes of bodies) ships them as separate files,
//! `kb-entries/NNNNN.json` next to `kb.bundle`, so that a first search
//! downloads the index, the catalog and the shards of its hits only —
//! bodies are most of a knowledge base's bytes, and a search shows ten.
//!
//! Every shard names the build it belongs to, so a deployment that mixes
//! files of two builds is reported plainly instead of showing wrong text.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::model::{Entry, Section};
use crate::names::{self, shard_path};

/// A shard closes once its bodies reach this many bytes of JSON (an entry
/// is never split: one larger entry makes a shard of its own).
pub const SHARD_TARGET_BYTES: usize = 16 * 1024;
/// With bodies up to this many bytes in all, the knowledge base is one
/// file (one download, no round trips per search: about 1,000–2,000
/// entries, a few hundred KB brotli); above, its entries go to shard files
/// and its postings are read by range (see [`crate::sparse`]), which costs
/// requests but keeps a first search to a fraction of the bytes.
pub const EMBED_LIMIT: usize = 2 * 1024 * 1024;

/// What the catalog knows of one entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    pub id: String,
    pub title: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub statuses: Vec<String>,
    /// (entry id, phrase key) for each string this one quotes to point at
    /// another entry (see [`Entry::points_to`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points_to: Vec<(String, String)>,
}

impl Summary {
    pub fn of(entry: &Entry) -> Summary {
        Summary {
            id: entry.id.clone(),
            title: entry.title.clone(),
            category: entry.category.clone(),
            statuses: entry.statuses.clone(),
            points_to: pointer_keys(&entry.points_to),
        }
    }
}

/// Each pointer keyed as the documented string it quotes, once.
fn pointer_keys(points_to: &[(String, String)]) -> Vec<(String, String)> {
    let mut keys: Vec<(String, String)> = points_to
        .iter()
        .filter_map(|(id, quoted)| Some((id.clone(), crate::analysis::phrase_key(quoted)?)))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

#[derive(Serialize, Deserialize)]
struct CatalogFile {
    /// Identifies the build (a checksum of its entries).
    build: String,
    entries: Vec<Summary>,
    /// Ordinal of the first entry of each shard.
    shard_starts: Vec<u32>,
}

#[derive(Serialize, Deserialize)]
struct ShardFile {
    build: String,
    shard: u32,
    /// The sections of each entry of the shard, in order.
    bodies: Vec<Vec<Section>>,
}

/// The catalog and shard files of a list of entries.
#[derive(Debug, Clone, PartialEq)]
pub struct Packed {
    pub catalog: Vec<u8>,
    /// `(shard_path, bytes)` in shard order.
    pub shards: Vec<(String, Vec<u8>)>,
    /// Bytes of all bodies, to decide whether to embed them.
    pub body_bytes: usize,
}

/// Splits entries into the catalog and shards of consecutive entries
/// (entries are in category order, so a result list tends to share shards).
pub fn pack(entries: &[Entry]) -> Packed {
    let bodies: Vec<String> = entries
        .iter()
        .map(|e| serde_json::to_string(&e.sections).expect("sections serialise"))
        .collect();
    let mut shard_starts = Vec::new();
    let mut size = usize::MAX;
    for (ord, body) in bodies.iter().enumerate() {
        if size >= SHARD_TARGET_BYTES {
            shard_starts.push(ord as u32);
            size = 0;
        }
        size += body.len();
    }
    let summaries: Vec<Summary> = entries.iter().map(Summary::of).collect();
    let mut hasher = crc32fast::Hasher::new();
    hasher.update(&serde_json::to_vec(&summaries).expect("summaries serialise"));
    for body in &bodies {
        hasher.update(body.as_bytes());
    }
    let build = format!("{:08x}", hasher.finalize());

    let mut shards = Vec::with_capacity(shard_starts.len());
    for (shard, &start) in shard_starts.iter().enumerate() {
        let end = shard_starts
            .get(shard + 1)
            .map_or(entries.len(), |&e| e as usize);
        let file = ShardFile {
            build: build.clone(),
            shard: shard as u32,
            bodies: entries[start as usize..end]
                .iter()
                .map(|e| e.sections.clone())
                .collect(),
        };
        let bytes = serde_json::to_vec(&file).expect("shards serialise");
        shards.push((shard_path(shard as u32), bytes));
    }
    let catalog = serde_json::to_vec(&CatalogFile {
        build,
        entries: summaries,
        shard_starts,
    })
    .expect("catalog serialises");
    Packed {
        catalog,
        shards,
        body_bytes: bodies.iter().map(String::len).sum(),
    }
}

/// Why a catalog or shard could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoreError {
    #[error("{file} is corrupt or cut short: {message}")]
    Corrupt { file: String, message: String },
    #[error("{file} belongs to another build of the knowledge base (build {found}, expected {expected}); deploy the bundle and its {shard_dir}/ folder together", shard_dir = names::SHARD_DIR)]
    OtherBuild {
        file: String,
        found: String,
        expected: String,
    },
    #[error("{file} does not fit the catalog: {message}")]
    Mismatch { file: String, message: String },
}

/// The catalog of every entry, and the bodies of the shards loaded so far.
/// Shards are added through a shared reference (each at most once), so an
/// engine can keep answering while more arrive.
#[derive(Debug)]
pub struct Store {
    build: String,
    entries: Vec<Summary>,
    shard_starts: Vec<u32>,
    bodies: Vec<OnceLock<Vec<Vec<Section>>>>,
}

impl Store {
    /// Opens a catalog (no bodies loaded yet).
    pub fn from_catalog(bytes: &[u8]) -> Result<Store, StoreError> {
        let corrupt = |message: String| StoreError::Corrupt {
            file: names::BUNDLE_CATALOG.into(),
            message,
        };
        let c: CatalogFile = serde_json::from_slice(bytes).map_err(|e| corrupt(e.to_string()))?;
        let n = c.entries.len() as u32;
        let ordered = c.shard_starts.first().is_none_or(|&s| s == 0)
            && c.shard_starts.windows(2).all(|w| w[0] < w[1])
            && c.shard_starts.last().is_none_or(|&s| s < n)
            && (n == 0 || !c.shard_starts.is_empty());
        if !ordered {
            return Err(corrupt("the shard table does not cover the entries".into()));
        }
        Ok(Store {
            bodies: c.shard_starts.iter().map(|_| OnceLock::new()).collect(),
            build: c.build,
            entries: c.entries,
            shard_starts: c.shard_starts,
        })
    }

    /// Adds the bodies of one shard file (a no-op if already loaded).
    pub fn add_shard(&self, bytes: &[u8]) -> Result<u32, StoreError> {
        #[derive(Deserialize)]
        struct Header {
            build: String,
            shard: u32,
        }
        let file = |shard: Option<u32>| shard.map_or_else(|| "a shard file".into(), shard_path);
        let header: Header = serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
            file: file(None),
            message: e.to_string(),
        })?;
        let name = file(Some(header.shard));
        if header.build != self.build {
            return Err(StoreError::OtherBuild {
                file: name,
                found: header.build,
                expected: self.build.clone(),
            });
        }
        let Some(slot) = self.bodies.get(header.shard as usize) else {
            return Err(StoreError::Mismatch {
                file: name,
                message: format!("the catalog has {} shards", self.bodies.len()),
            });
        };
        if slot.get().is_some() {
            return Ok(header.shard);
        }
        let shard: ShardFile = serde_json::from_slice(bytes).map_err(|e| StoreError::Corrupt {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let expected = self.shard_len(shard.shard);
        if shard.bodies.len() != expected {
            return Err(StoreError::Mismatch {
                file: name,
                message: format!(
                    "it holds {} entries, the catalog expects {expected}",
                    shard.bodies.len()
                ),
            });
        }
        let _ = slot.set(shard.bodies);
        Ok(shard.shard)
    }

    /// Every entry's summary, in build order.
    pub fn summaries(&self) -> &[Summary] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Number of shards.
    pub fn shard_count(&self) -> u32 {
        self.shard_starts.len() as u32
    }

    /// The shard holding entry `ord`.
    pub fn shard_of(&self, ord: u32) -> u32 {
        (self.shard_starts.partition_point(|&s| s <= ord) as u32).saturating_sub(1)
    }

    /// Whether a shard's bodies are loaded.
    pub fn is_loaded(&self, shard: u32) -> bool {
        self.bodies
            .get(shard as usize)
            .is_some_and(|b| b.get().is_some())
    }

    /// The sections of entry `ord`, if its shard is loaded.
    pub fn sections(&self, ord: u32) -> Option<&[Section]> {
        let shard = self.shard_of(ord);
        let first = *self.shard_starts.get(shard as usize)?;
        let bodies = self.bodies.get(shard as usize)?.get()?;
        bodies.get((ord - first) as usize).map(Vec::as_slice)
    }

    fn shard_len(&self, shard: u32) -> usize {
        let start = self.shard_starts[shard as usize] as usize;
        let end = self
            .shard_starts
            .get(shard as usize + 1)
            .map_or(self.entries.len(), |&e| e as usize);
        end - start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(i: usize, text_len: usize) -> Entry {
        Entry {
            id: format!("e{i}"),
            title: format!("Entry {i}"),
            category: "c".into(),
            statuses: vec![],
            errors: vec![],
            keywords: vec![],
            sections: vec![Section {
                text: "x".repeat(text_len),
                ..Section::default()
            }],
            html: String::new(),
            source: String::new(),
            points_to: vec![],
        }
    }

    fn store_with_all(entries: &[Entry]) -> Store {
        let packed = pack(entries);
        let store = Store::from_catalog(&packed.catalog).unwrap();
        for (_, bytes) in &packed.shards {
            store.add_shard(bytes).unwrap();
        }
        store
    }

    #[test]
    fn every_entry_gets_its_own_sections_back() {
        let entries: Vec<Entry> = (0..200).map(|i| entry(i, 100 + i * 37)).collect();
        let store = store_with_all(&entries);
        assert!(store.shard_count() > 1);
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(store.sections(i as u32).unwrap(), e.sections.as_slice());
            assert_eq!(store.summaries()[i].id, e.id);
        }
    }

    #[test]
    fn shards_stay_near_the_target_and_a_big_entry_stands_alone() {
        let mut entries: Vec<Entry> = (0..50).map(|i| entry(i, 1000)).collect();
        entries[20] = entry(20, 3 * SHARD_TARGET_BYTES);
        let packed = pack(&entries);
        for (path, bytes) in &packed.shards {
            assert!(
                bytes.len() < 4 * SHARD_TARGET_BYTES,
                "{path}: {}",
                bytes.len()
            );
        }
        let store = Store::from_catalog(&packed.catalog).unwrap();
        assert_ne!(store.shard_of(20), store.shard_of(21));
    }

    #[test]
    fn bodies_are_absent_until_their_shard_is_added() {
        let entries: Vec<Entry> = (0..100).map(|i| entry(i, 2000)).collect();
        let packed = pack(&entries);
        let store = Store::from_catalog(&packed.catalog).unwrap();
        assert!(store.sections(0).is_none());
        let last = store.shard_count() - 1;
        assert_eq!(store.add_shard(&packed.shards[last as usize].1), Ok(last));
        assert!(store.is_loaded(last) && !store.is_loaded(0));
        assert!(store.sections(99).is_some() && store.sections(0).is_none());
    }

    #[test]
    fn a_shard_of_another_build_is_refused_by_name() {
        let a = pack(&(0..10).map(|i| entry(i, 10)).collect::<Vec<_>>());
        let b = pack(&(0..10).map(|i| entry(i, 11)).collect::<Vec<_>>());
        let store = Store::from_catalog(&a.catalog).unwrap();
        let err = store.add_shard(&b.shards[0].1).unwrap_err();
        assert!(matches!(err, StoreError::OtherBuild { .. }), "{err}");
        assert!(err.to_string().contains("kb-entries/00000.json"), "{err}");
    }

    #[test]
    fn a_cut_shard_is_corrupt_not_a_panic() {
        let packed = pack(&(0..10).map(|i| entry(i, 10)).collect::<Vec<_>>());
        let store = Store::from_catalog(&packed.catalog).unwrap();
        let bytes = &packed.shards[0].1;
        for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
            let err = store.add_shard(&bytes[..cut]).unwrap_err();
            assert!(matches!(err, StoreError::Corrupt { .. }), "{cut}: {err}");
        }
    }

    #[test]
    fn an_empty_knowledge_base_has_no_shards() {
        let store = store_with_all(&[]);
        assert_eq!(store.shard_count(), 0);
        assert!(store.sections(0).is_none());
    }
}
