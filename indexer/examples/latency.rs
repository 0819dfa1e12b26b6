//! Native query latency over a built knowledge base and a JSONL query file:
//! `cargo run --release -p indexer --example latency -- BUNDLE QUERIES [REPS]`.
//! Prints p50/p95 per query kind; asserts nothing. Postings files and
//! entry shards next to a split bundle are loaded up front: this measures
//! the engine alone.

use std::collections::BTreeMap;
use std::time::Instant;

use indexer::eval::parse_queries;
use indexer::kb_folder::KbFolder;
use indexer::SearchOptions;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let queries =
        parse_queries(&std::fs::read_to_string(&args[2]).expect("queries")).expect("valid queries");
    let reps: usize = args.get(3).map(|r| r.parse().unwrap()).unwrap_or(50);
    let t = Instant::now();
    let kb = KbFolder::open(std::path::Path::new(&args[1])).expect("opens");
    kb.load_all_shards().expect("shards open");
    let engine = &kb.engine;
    println!("open: {:.2} ms", t.elapsed().as_secs_f64() * 1e3);
    let options = SearchOptions::default();
    let mut by_kind: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for q in &queries {
        engine.search(&q.query, &options);
        for _ in 0..reps {
            let t = Instant::now();
            std::hint::black_box(engine.search(&q.query, &options));
            let us = t.elapsed().as_secs_f64() * 1e6;
            by_kind.entry(q.kind.clone()).or_default().push(us);
            by_kind.entry("all".into()).or_default().push(us);
        }
    }
    for (kind, mut t) in by_kind {
        t.sort_by(f64::total_cmp);
        let p = |q: f64| t[((t.len() as f64 * q) as usize).min(t.len() - 1)];
        println!(
            "{kind:<10} n={:<6} p50 {:>8.1} µs  p95 {:>8.1} µs",
            t.len(),
            p(0.5),
            p(0.95)
        );
    }
}
