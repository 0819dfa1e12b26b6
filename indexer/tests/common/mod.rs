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
