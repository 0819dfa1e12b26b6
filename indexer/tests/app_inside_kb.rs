//! The built app travels inside `kb`: `kb build` alone writes a site that
//! needs nothing else, and the app inside is the one today's sources build.

mod common;

use common::{kb, repo_path};
use indexer::{app_assets, names};

#[test]
fn the_app_inside_kb_is_built_from_the_current_sources() {
    let recorded = app_assets::RECORDED_SOURCES
        .lines()
        .next()
        .unwrap_or_default();
    let current = app_assets::sources_hash(&repo_path("")).unwrap();
    assert_eq!(
        recorded, current,
        "the app inside kb (indexer/assets/app/) was built from other sources than today's app/ and \
         engine: run ./scripts/refresh-app.sh and commit indexer/assets/app/"
    );
}

#[test]
fn the_app_sources_are_the_reading_side_and_not_the_build_side() {
    let sources = app_assets::app_sources(&repo_path("")).unwrap();
    for wanted in [
        "app/src/main.rs",
        "indexer/src/engine/rank.rs",
        "indexer/src/analysis/paste/mod.rs",
        "Cargo.lock",
    ] {
        assert!(
            sources.iter().any(|s| s == wanted),
            "{wanted} builds the app"
        );
    }
    for not in [
        "indexer/src/site/mod.rs",
        "indexer/src/content/markdown.rs",
        "indexer/src/bin/kb.rs",
        "indexer/src/serve/mod.rs",
    ] {
        assert!(!sources.iter().any(|s| s == not), "{not} is build-only");
    }
}

#[test]
fn kb_build_alone_writes_a_complete_site() {
    let out = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--content",
        repo_path("content").to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for name in [
        names::HOME_PAGE,
        names::NOT_FOUND_PAGE,
        names::SITEMAP,
        names::BUNDLE_FILE,
        names::APP_JS,
        names::APP_WASM,
        names::STYLE_CSS,
        names::NOSCRIPT_CSS,
        names::BOOT_JS,
        names::API_JS,
        names::PAGE_JS,
        names::WIDGET_JS,
        names::WIDGET_CSS,
    ] {
        assert!(out.path().join(name).is_file(), "{name} is written");
    }
    let wasm = std::fs::read(out.path().join(names::APP_WASM)).unwrap();
    assert_eq!(&wasm[..4], b"\0asm", "app_bg.wasm is a wasm module");
    let bare = tempfile::tempdir().unwrap();
    let o = kb(&[
        "build",
        "--without-app",
        "--content",
        repo_path("content").to_str().unwrap(),
        "--out",
        bare.path().to_str().unwrap(),
    ]);
    assert!(o.status.success());
    assert!(!bare.path().join(names::APP_WASM).exists(), "--without-app");
}
