//! The built app travels inside `kb`: `kb build` writes a complete site
//! (pages, bundle, and the app they load) with nothing else installed.
//!
//! The wasm app is built by trunk from `app/` and the engine's reading side;
//! its output (`app.js`, `app_bg.wasm`) is checked in under
//! `indexer/assets/app/` with [`SOURCES_FILE`], the hash of the sources it
//! was built from. `scripts/refresh-app.sh` rebuilds both;
//! `tests/app_inside_kb.rs` fails when the sources changed since. The
//! static files (styles, scripts) are embedded straight from `static/`.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::names;

/// Records the hash of the sources the checked-in app was built from.
pub const SOURCES_FILE: &str = "SOURCES";

/// Every file of the app and the static site parts: (name, bytes).
pub const FILES: &[(&str, &[u8])] = &[
    (names::APP_JS, include_bytes!("../assets/app/app.js")),
    (names::APP_WASM, include_bytes!("../assets/app/app_bg.wasm")),
    (names::STYLE_CSS, include_bytes!("../../static/style.css")),
    (
        names::NOSCRIPT_CSS,
        include_bytes!("../../static/noscript.css"),
    ),
    (names::FAVICON, include_bytes!("../../static/favicon.svg")),
    (names::API_JS, include_bytes!("../../static/kb-api.js")),
    (names::BOOT_JS, include_bytes!("../../static/kb-boot.js")),
    (names::PAGE_JS, include_bytes!("../../static/kb-page.js")),
    (names::WIDGET_JS, include_bytes!("../../static/widget.js")),
    (names::WIDGET_CSS, include_bytes!("../../static/widget.css")),
    (
        names::WIDGET_DEMO_HTML,
        include_bytes!("../../static/widget-demo.html"),
    ),
    (
        names::WIDGET_DEMO_CSS,
        include_bytes!("../../static/widget-demo.css"),
    ),
];

/// Writes the app and the static files into `out`.
pub fn write(out: &Path) -> std::io::Result<usize> {
    for (name, bytes) in FILES {
        std::fs::write(out.join(name), bytes)?;
    }
    Ok(FILES.len())
}

/// The files, relative to the repository root, that the wasm app is built
/// from: the app crate, the engine's reading side (every module of
/// `indexer/src` except those `lib.rs` declares behind the `build`
/// feature, and the `kb` binary), the workspace manifest and lock, the
/// patched crates and the cargo settings.
pub fn app_sources(repo: &Path) -> std::io::Result<Vec<String>> {
    let lib = std::fs::read_to_string(repo.join("indexer/src/lib.rs"))?;
    let mut build_only: Vec<String> = vec!["indexer/src/bin/".into()];
    let mut lines = lib.lines().peekable();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(feature = \"build\")]" {
            if let Some(module) = lines
                .peek()
                .and_then(|l| l.trim().strip_prefix("pub mod"))
                .and_then(|m| m.trim().strip_suffix(';'))
            {
                build_only.push(format!("indexer/src/{module}.rs"));
                build_only.push(format!("indexer/src/{module}/"));
            }
        }
    }
    let mut files = Vec::new();
    for top in [
        "Cargo.toml",
        "Cargo.lock",
        ".cargo",
        "patches",
        "app/Cargo.toml",
        "app/Trunk.toml",
        "app/index.html",
        "app/src",
        "indexer/Cargo.toml",
        "indexer/src",
    ] {
        collect(repo, &repo.join(top), &mut files)?;
    }
    files.retain(|f| {
        !build_only
            .iter()
            .any(|b| f == b || f.starts_with(b.as_str()))
    });
    files.sort();
    Ok(files)
}

fn collect(repo: &Path, path: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)? {
            collect(repo, &entry?.path(), out)?;
        }
    } else if path.is_file() {
        let rel = path.strip_prefix(repo).unwrap_or(path);
        out.push(rel.to_string_lossy().replace('\\', "/"));
    }
    Ok(())
}

/// The SHA-256 of the app's sources (each file's path and bytes).
pub fn sources_hash(repo: &Path) -> std::io::Result<String> {
    let mut hash = Sha256::new();
    for rel in app_sources(repo)? {
        let bytes = std::fs::read(repo.join(&rel))?;
        hash.update(rel.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(&bytes);
    }
    Ok(hash.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The hash recorded next to the checked-in app.
pub const RECORDED_SOURCES: &str = include_str!("../assets/app/SOURCES");
