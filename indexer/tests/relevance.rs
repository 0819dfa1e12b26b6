//! Relevance floors: regression tests over query sets, not tuning targets.
//! A drop below a floor means a change made answers worse; fix the cause.

use std::path::Path;

use indexer::eval::{evaluate, parse_queries};
use indexer::{content, index_build, Engine};

fn run(kb: &str, content_dir: &str) -> indexer::eval::Report {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let c = content::load_folder(&root.join(content_dir)).expect("content is valid");
    let bundle = index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
    let engine = Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap();
    let queries = parse_queries(
        &std::fs::read_to_string(root.join(format!("tests/kbs/{kb}/queries.jsonl"))).unwrap(),
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
