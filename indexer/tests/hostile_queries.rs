//! No query text can panic the engine: random text, query-grammar
//! characters, control characters and huge pastes all return results or an
//! empty list.

mod common;

use common::eas_engine as engine;
use indexer::SearchOptions;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_unicode_text_is_a_valid_query(q in "\\PC{0,200}") {
        let r = engine().search(&q, &SearchOptions::default());
        prop_assert!(r.hits.len() <= 10);
    }

    #[test]
    fn query_grammar_and_control_characters_are_plain_text(q in "[()\\[\\]{}:\"*~^+\\-!&|/\\\\\u{0}-\u{1f}\u{7f}a-z0-9 ]{0,120}") {
        let r = engine().search(&q, &SearchOptions::default());
        prop_assert!(r.hits.iter().all(|h| h.score.is_finite()));
    }

    #[test]
    fn any_limit_is_clamped(limit in 0usize..10_000) {
        let r = engine().search("service failed", &SearchOptions { limit, ..SearchOptions::default() });
        prop_assert!(r.hits.len() <= limit.clamp(1, indexer::engine::MAX_LIMIT));
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
