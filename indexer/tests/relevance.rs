//! Relevance floors: regression tests over query sets, not tuning targets.
//! A drop below a floor means a change made answers worse; fix the cause.

mod common;

use indexer::eval::{evaluate, parse_queries};

fn run(kb: &str, content_dir: &str) -> indexer::eval::Report {
    let engine = common::engine_for(&common::repo_path(content_dir));
    let queries = parse_queries(
        &std::fs::read_to_string(common::repo_path(&format!("tests/kbs/{kb}/queries.jsonl")))
            .unwrap(),
    )
    .unwrap();
    let report = evaluate(&engine, &queries);
    eprintln!("{kb}: {:?}", report.overall);
    for m in &report.misses {
        eprintln!(
            "  miss [{}] {:?} expected {:?} got {:?}",
            m.kind,
            m.query.chars().take(80).collect::<String>(),
            m.expected,
            m.got
        );
    }
    report
}

#[test]
fn eas_dev_queries_stay_above_the_floor() {
    let r = run("eas", "content");
    assert!(r.overall.top1 >= 0.95, "top-1 {:.3}", r.overall.top1);
    assert!(r.overall.mrr10 >= 0.97, "MRR@10 {:.3}", r.overall.mrr10);
}

#[test]
fn rustc_error_reference_stays_above_the_floor() {
    let r = run("rustc-errors", "tests/kbs/rustc-errors/content");
    assert!(r.overall.top1 >= 0.90, "top-1 {:.3}", r.overall.top1);
    assert!(r.overall.mrr10 >= 0.95, "MRR@10 {:.3}", r.overall.mrr10);
    let paste = &r.by_kind["paste"];
    assert!(
        paste.top1 >= 0.90,
        "whole cargo output pastes: top-1 {:.3}",
        paste.top1
    );
}

/// Regression: a message line quoting two of an entry's twelve documented
/// error strings ranked below an entry sharing three of its words, because
/// BM25 shortens the score of a field that holds many strings. Each
/// documented string contained whole in the query now counts on its own.
#[test]
fn an_entry_documenting_many_error_strings_wins_a_message_that_quotes_one() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
    write(
        "trait-not-implemented.md",
        "---\ntitle: A type is used where it must implement a trait it does not implement\nerrors:\n  - \"the trait bound\"\n  - \"is not satisfied\"\n  - \"the trait is not implemented for\"\n  - \"doesn't implement `Debug`\"\n  - \"cannot be sent between threads safely\"\n  - \"cannot be shared between threads safely\"\n  - \"the size for values of type\"\n  - \"cannot be known at compilation time\"\n  - \"is not an iterator\"\n  - \"can't compare\"\n  - \"a value of type\"\n  - \"cannot be built from an iterator\"\n---\n\nImplement the trait for the type, or use a type that implements it.\n",
    );
    write(
        "lifetime-bound.md",
        "---\ntitle: A lifetime bound required by a type is not met\nerrors:\n  - \"lifetime bound not satisfied\"\n---\n\nThe bound on the lifetime is not satisfied: declare that one lifetime outlives the other.\n",
    );
    write(
        "moved-value.md",
        "---\ntitle: A value is used after it was moved\nerrors:\n  - \"borrow of moved value\"\n---\n\nClone the value or borrow it instead of moving it.\n",
    );
    write(
        "private-field.md",
        "---\ntitle: A private field is read from outside its module\nerrors:\n  - \"is private\"\n---\n\nMake the field public or add a getter.\n",
    );
    let engine = common::engine_for(dir.path());
    let hits = engine
        .search(
            "the trait bound `Config: Clone` is not satisfied",
            &indexer::SearchOptions::default(),
        )
        .hits;
    assert_eq!(
        hits[0].id,
        "trait-not-implemented",
        "{:?}",
        hits.iter().map(|h| &h.id).collect::<Vec<_>>()
    );
}
