//! A built knowledge base on disk: `kb.bundle` and, for a large one, its
//! `kb-entries/` shards and `kb-postings/` files next to it.
//!
//! [`KbFolder::write`] checks that a build opens before it replaces
//! anything, then writes the shards and postings before the bundle that
//! names their build. [`KbFolder::open`] reads a folder (or a bundle file)
//! back and searches it through the engine's driver, reading whole files
//! where the browser would fetch ranges.

use std::path::{Path, PathBuf};

use crate::engine::{Answer, Engine, SearchOptions};
use crate::index_build::Built;
use crate::names;

/// A built knowledge base in a folder, opened.
#[derive(Debug)]
pub struct KbFolder {
    pub engine: Engine,
    /// The folder of the bundle (shard and postings paths are relative to it).
    pub dir: PathBuf,
}

/// The sizes of what [`KbFolder::write`] wrote, in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    pub bundle: PathBuf,
    pub bundle_bytes: usize,
    pub shard_files: usize,
    pub shard_bytes: usize,
    pub postings_bytes: usize,
}

fn io_err(path: &Path) -> impl FnOnce(std::io::Error) -> String + '_ {
    move |e| format!("{}: {e}", path.display())
}

impl KbFolder {
    /// Opens `kb.bundle` in `path` (or the bundle file `path`); the
    /// postings files of a large knowledge base are read whole.
    pub fn open(path: &Path) -> Result<KbFolder, String> {
        let bundle = if path.is_dir() {
            path.join(names::BUNDLE_FILE)
        } else {
            path.to_path_buf()
        };
        let bytes = std::fs::read(&bundle).map_err(io_err(&bundle))?;
        let engine =
            Engine::from_bundle_bytes(&bytes).map_err(|e| format!("{}: {e}", bundle.display()))?;
        let dir = bundle.parent().unwrap_or(Path::new(".")).to_path_buf();
        let folder = KbFolder { engine, dir };
        folder.load_postings()?;
        Ok(folder)
    }

    /// Searches, reading the shards of the hits from disk as needed.
    pub fn search(&self, query: &str, options: &SearchOptions) -> Result<Answer, String> {
        self.engine
            .search_with(query, options, |p| std::fs::read(self.dir.join(p)))
            .map_err(|e| format!("{}: {e}", self.dir.display()))
    }

    /// Loads every entry shard (for evaluating many queries).
    pub fn load_all_shards(&self) -> Result<(), String> {
        for fetch in self.engine.unloaded_shards() {
            let p = self.dir.join(fetch.path());
            let bytes = std::fs::read(&p).map_err(io_err(&p))?;
            self.engine.supply(&fetch, bytes)?;
        }
        Ok(())
    }

    fn load_postings(&self) -> Result<(), String> {
        for name in self.engine.postings_files() {
            let p = self.dir.join(&name);
            let bytes = std::fs::read(&p).map_err(io_err(&p))?;
            let whole = crate::engine::Fetch::Postings {
                path: name,
                range: 0..bytes.len() as u64,
            };
            self.engine.supply(&whole, bytes)?;
        }
        Ok(())
    }

    /// Writes a build into `out`: the shard and postings folders (stale
    /// ones of an earlier build removed), then the bundle, atomically.
    /// Nothing is replaced unless the build opens with all its files.
    pub fn write(built: &Built, out: &Path) -> Result<Written, String> {
        let bytes = built.bundle.to_bytes();
        check_opens(built, &bytes)?;
        std::fs::create_dir_all(out).map_err(io_err(out))?;
        for (dir, files) in [
            (names::SHARD_DIR, &built.shard_files),
            (names::POSTINGS_DIR, &built.postings_files),
        ] {
            let dir = out.join(dir);
            if dir.exists() {
                std::fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
            }
            if !files.is_empty() {
                std::fs::create_dir_all(&dir).map_err(io_err(&dir))?;
            }
            for (name, bytes) in files {
                let p = out.join(name);
                std::fs::write(&p, bytes).map_err(io_err(&p))?;
            }
        }
        let path = out.join(names::BUNDLE_FILE);
        let tmp = out.join(format!("{}.tmp", names::BUNDLE_FILE));
        std::fs::write(&tmp, &bytes).map_err(io_err(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io_err(&path))?;
        let total = |files: &[(String, Vec<u8>)]| files.iter().map(|(_, b)| b.len()).sum();
        Ok(Written {
            bundle: path,
            bundle_bytes: bytes.len(),
            shard_files: built.shard_files.len(),
            shard_bytes: total(&built.shard_files),
            postings_bytes: total(&built.postings_files),
        })
    }
}

/// Opens the new bundle with its shards and postings, before anything is
/// written.
fn check_opens(built: &Built, bytes: &[u8]) -> Result<(), String> {
    let engine = Engine::from_bundle_bytes(bytes)
        .map_err(|e| format!("the new bundle does not open: {e}"))?;
    for (path, postings) in &built.postings_files {
        let whole = crate::engine::Fetch::Postings {
            path: path.clone(),
            range: 0..postings.len() as u64,
        };
        engine
            .supply(&whole, postings.clone())
            .map_err(|e| format!("the new postings {path} do not open: {e}"))?;
    }
    let shards = engine.unloaded_shards();
    for fetch in &shards {
        let Some((_, bytes)) = built.shard_files.iter().find(|(p, _)| p == fetch.path()) else {
            return Err(format!("the new build lacks its shard {}", fetch.path()));
        };
        engine
            .supply(fetch, bytes.clone())
            .map_err(|e| format!("the new shard {} does not open: {e}", fetch.path()))?;
    }
    Ok(())
}
