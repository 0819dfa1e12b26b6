//! Relevance floors: regression tests over query sets, not tuning targets.
//! A drop below a floor means a change made answers worse; fix the cause.
//!
//! - `floors`: each knowledge base's query sets against their floors;
//! - `ranking`: regressions of the first answer, named after the miss;
//! - `weak_answers`: the "no answer matches this well" flag;
//! - `cards`: the cause (section) a card shows.

#[path = "../common/mod.rs"]
mod common;

mod cards;
mod floors;
mod ranking;
mod weak_answers;

use indexer::eval::{evaluate, parse_queries, Flagging};

fn run(kb: &str, content_dir: &str) -> indexer::eval::Report {
    run_file(kb, content_dir, "queries.jsonl")
}

fn run_file(kb: &str, content_dir: &str, file: &str) -> indexer::eval::Report {
    let engine = common::engine_for(&common::repo_path(content_dir));
    let queries = parse_queries(
        &std::fs::read_to_string(common::repo_path(&format!("tests/kbs/{kb}/{file}"))).unwrap(),
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

/// The "no answer matches this well" flag's counts over these query files
/// of one KB, summed.
fn flagging(kb: &str, content_dir: &str, files: &[&str]) -> Flagging {
    let mut sum = Flagging::default();
    for file in files {
        add(&mut sum, &run_file(kb, content_dir, file).flagging);
    }
    sum
}

fn add(sum: &mut Flagging, f: &Flagging) {
    sum.out_of_scope += f.out_of_scope;
    sum.out_of_scope_flagged += f.out_of_scope_flagged;
    sum.in_scope_right += f.in_scope_right;
    sum.in_scope_right_flagged += f.in_scope_right_flagged;
}

/// (share of out-of-scope queries flagged, share of right answers flagged).
fn flag_rates(f: &Flagging) -> (f64, f64) {
    (
        f.out_of_scope_flagged as f64 / f.out_of_scope as f64,
        f.in_scope_right_flagged as f64 / f.in_scope_right as f64,
    )
}

/// The ids of the hits for `query` on the KB in `content` (a repository path).
fn top_ids(content: &str, query: &str) -> Vec<String> {
    let engine = common::engine_for(&common::repo_path(content));
    let results = engine.search(query, &indexer::SearchOptions::default());
    results.hits.into_iter().map(|h| h.id).collect()
}
