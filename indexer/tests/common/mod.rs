//! Shared by the integration tests: a content folder of the repository,
//! indexed into bundle bytes or an engine.
#![allow(dead_code)] // each test crate uses its own subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use indexer::{content, index_build, Engine};

/// A folder relative to the repository root (`content`, `tests/kbs/...`).
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .join(relative)
}

/// The bundle bytes `kb build` would write for a content folder.
pub fn bundle_bytes(content_dir: &Path) -> Vec<u8> {
    let c = content::load_folder(content_dir).expect("content is valid");
    index_build::build_bundle(&c.entries, &c.synonyms)
        .unwrap()
        .to_bytes()
}

/// An engine over a content folder.
pub fn engine_for(content_dir: &Path) -> Engine {
    Engine::from_bundle_bytes(&bundle_bytes(content_dir)).unwrap()
}

/// An engine over a content folder of these (file name, markdown) files.
pub fn engine_of(files: &[(&str, &str)]) -> Engine {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    engine_for(dir.path())
}

/// The engine over the bundled EAS FAQ, built once per test binary.
pub fn eas_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| engine_for(&repo_path("content")))
}

/// Runs the `kb` binary with these arguments.
pub fn kb(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(args)
        .output()
        .expect("kb runs")
}

/// What must hold for any search's results: at most `limit` hits and
/// exactly `min(total, limit)`; finite positive scores, best first; every
/// hit a distinct entry of the engine.
pub fn check_results(
    engine: &Engine,
    r: &indexer::SearchResults,
    limit: usize,
) -> Result<(), String> {
    let limit = limit.clamp(1, indexer::engine::MAX_LIMIT);
    if r.hits.len() != r.total.min(limit) {
        return Err(format!(
            "{} hits of {} results at limit {limit}",
            r.hits.len(),
            r.total
        ));
    }
    if let Some(h) = r
        .hits
        .iter()
        .find(|h| !h.score.is_finite() || h.score <= 0.0)
    {
        return Err(format!("score {} for {}", h.score, h.id));
    }
    if r.hits.windows(2).any(|w| w[0].score < w[1].score) {
        return Err("hits are not best first".into());
    }
    let mut ids: Vec<&str> = r.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() != r.hits.len() {
        return Err("an entry is listed twice".into());
    }
    if let Some(id) = ids
        .iter()
        .find(|id| !engine.summaries().iter().any(|s| s.id == **id))
    {
        return Err(format!("{id} is not an entry"));
    }
    Ok(())
}
