//! No query text can panic the engine: random text, query-grammar
//! characters, control characters and huge pastes all return results or an
//! empty list.

mod common;

use std::sync::OnceLock;

use common::{check_results, eas_engine as engine};
use indexer::engine::MAX_LIMIT;
use indexer::{content, index_build, Engine, SearchOptions};
use proptest::prelude::*;

/// 150 entries that all mention "widget": more results than any limit.
fn large_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let entries: Vec<_> = (0..150)
            .map(|i| {
                let md = format!(
                    "---\nid: e{i:03}\n---\n# Widget problem {i}\n\nThe widget fails in case {i}{}.\n",
                    " again".repeat(i % 7)
                );
                content::parse_entry(&format!("e{i:03}.md"), &md, &Default::default()).unwrap()
            })
            .collect();
        let bundle = index_build::build_bundle(&entries, &Default::default()).unwrap();
        Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_unicode_text_is_a_valid_query(q in "\\PC{0,200}") {
        let r = engine().search(&q, &SearchOptions::default());
        prop_assert_eq!(check_results(engine(), &r, 10), Ok(()));
    }

    #[test]
    fn query_grammar_and_control_characters_are_plain_text(q in "[()\\[\\]{}:\"*~^+\\-!&|/\\\\\u{0}-\u{1f}\u{7f}a-z0-9 ]{0,120}") {
        let r = engine().search(&q, &SearchOptions::default());
        prop_assert_eq!(check_results(engine(), &r, 10), Ok(()));
    }

    #[test]
    fn any_limit_is_clamped_to_one_and_the_maximum(limit in 0usize..10_000) {
        let r = large_engine().search("widget", &SearchOptions::with_limit(limit));
        prop_assert_eq!(r.hits.len(), limit.clamp(1, MAX_LIMIT));
        prop_assert_eq!(check_results(large_engine(), &r, limit), Ok(()));
    }
}

#[test]
fn the_edge_limits_are_clamped_to_one_and_the_maximum() {
    for (limit, expected) in [
        (0, 1),
        (1, 1),
        (MAX_LIMIT, MAX_LIMIT),
        (MAX_LIMIT + 1, MAX_LIMIT),
        (usize::MAX, MAX_LIMIT),
    ] {
        let r = large_engine().search("widget", &SearchOptions::with_limit(limit));
        assert_eq!(r.hits.len(), expected, "limit {limit}");
    }
}

#[test]
fn a_one_megabyte_paste_is_cut_and_still_answers() {
    let line = "2024-10-21 20:59:33 worker-5ff76448fd-h9dsn INFO heartbeat ok id=123e4567-e89b-12d3-a456-426614174000\n";
    let mut paste = line.repeat(1_000_000 / line.len());
    paste.push_str("fork/exec /bin/sh: exec format error\n");
    let r = engine().search(&paste, &SearchOptions::default());
    assert!(r.truncated, "a 1 MB paste is reported as cut");
    assert_eq!(
        r.hits.first().map(|h| h.id.as_str()),
        Some("exec-format-error"),
        "the error on the last line is kept"
    );
}

#[test]
fn rtl_cjk_emoji_and_lone_surrogate_replacements_do_not_panic() {
    for q in [
        "שלום עולם",
        "服务一直处于等待状态",
        "🚀🔥 deploy failed 💥",
        "\u{FFFD}\u{FFFD}",
        "\u{202E}reversed",
        "a\u{0301}\u{0301}\u{0301}",
    ] {
        let _ = engine().search(q, &SearchOptions::default());
    }
}

#[test]
fn field_syntax_and_regex_like_queries_are_searched_as_words() {
    let r = engine().search(
        "IoError(Os { code: 28, kind: StorageFull })",
        &SearchOptions::default(),
    );
    assert_eq!(r.hits[0].id, "storage-full-on-startup");
    let r = engine().search("/bin/sh", &SearchOptions::default());
    assert!(!r.hits.is_empty());
}
