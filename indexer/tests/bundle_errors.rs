//! A damaged bundle says what is wrong, plainly and distinctly, both from
//! `Engine::from_bundle_bytes` (what the app shows) and from
//! `kb search --index`: cut short, corrupted, another format version, not a
//! bundle at all, or a sound container holding a broken index.

use std::process::Command;
use std::sync::OnceLock;

use indexer::bundle::{Bundle, FORMAT_VERSION};
use indexer::Engine;

mod common;

fn good_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| common::bundle_bytes(&common::repo_path("content")))
}

fn engine_error(bytes: &[u8]) -> String {
    match Engine::from_bundle_bytes(bytes) {
        Ok(_) => panic!("a damaged bundle opened"),
        Err(e) => e.to_string(),
    }
}

/// `kb search --index FILE x` over these bytes: its stderr.
fn cli_error(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kb.bundle");
    std::fs::write(&path, bytes).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_kb"))
        .args(["search", "--index", dir.path().to_str().unwrap(), "x"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "kb search accepted a damaged bundle");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Each damage with the phrase its message must contain.
fn damaged() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let good = good_bytes();
    let mut flipped = good.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x20;
    let mut newer = good.to_vec();
    newer[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    vec![
        (
            "cut in half",
            good[..good.len() / 2].to_vec(),
            "bundle is truncated",
        ),
        (
            "cut inside the header",
            good[..16].to_vec(),
            "bundle is truncated",
        ),
        (
            "cut inside the magic bytes",
            good[..5].to_vec(),
            "bundle is truncated",
        ),
        (
            "one bit flipped",
            flipped,
            "bundle is corrupt: checksum mismatch",
        ),
        ("a newer format version", newer, "format version"),
        (
            "an HTML page",
            b"<!doctype html><title>404</title>".to_vec(),
            "not a KB Search bundle",
        ),
    ]
}

#[test]
fn each_damage_has_its_own_plain_message_from_the_engine() {
    let mut messages = Vec::new();
    for (what, bytes, phrase) in damaged() {
        let msg = engine_error(&bytes);
        assert!(msg.contains(phrase), "{what}: {msg}");
        assert!(
            !msg.contains("panicked") && !msg.contains("Os {"),
            "{what}: plain words, not debug output: {msg}"
        );
        messages.push(msg);
    }
    let version = engine_error(&damaged()[4].1);
    assert!(
        version.contains(&format!("version {}", FORMAT_VERSION + 1))
            && version.contains(&format!("reads version {FORMAT_VERSION}"))
            && version.contains("rebuild"),
        "names both versions and the fix: {version}"
    );
    messages.sort();
    messages.dedup();
    assert!(messages.len() >= 5, "damages are told apart: {messages:#?}");
}

#[test]
fn kb_search_prints_the_same_messages_naming_the_file() {
    for (what, bytes, phrase) in damaged() {
        let err = cli_error(&bytes);
        assert!(
            err.starts_with("error: ") && err.contains("kb.bundle") && err.contains(phrase),
            "{what}: {err}"
        );
    }
}

#[test]
fn an_empty_file_is_reported_as_truncated() {
    let msg = engine_error(b"");
    assert!(msg.contains("bundle is truncated"), "{msg}");
}

#[test]
fn a_sound_container_with_a_broken_index_is_corrupt_not_a_panic() {
    let mut bundle = Bundle::from_bytes(good_bytes()).unwrap();
    bundle
        .files
        .insert("catalog.json".into(), b"{not json".to_vec());
    let msg = engine_error(&bundle.to_bytes());
    assert!(msg.contains("catalog.json is corrupt"), "{msg}");

    let mut bundle = Bundle::from_bytes(good_bytes()).unwrap();
    bundle.files.retain(|name, _| !name.ends_with("meta.json"));
    let msg = engine_error(&bundle.to_bytes());
    assert!(msg.contains("bundle is corrupt"), "{msg}");
}
