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
