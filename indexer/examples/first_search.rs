//! Times one cold search of a split knowledge base step by step, reading
//! the postings ranges and entry shards from disk as the browser fetches
//! them: `cargo run --release -p indexer --example first_search -- SITE_DIR QUERIES.jsonl`.
//! Prints milliseconds per step; asserts nothing.
use std::time::Instant;

use indexer::engine::{Engine, SearchOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: first_search SITE_DIR QUERIES"));
    let queries = std::fs::read_to_string(args.next().expect("queries")).expect("queries");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    // Postings files read once; each range is cut from them.
    let mut files: std::collections::HashMap<String, Vec<u8>> = Default::default();
    for line in queries.lines().take(5) {
        let query: serde_json::Value = serde_json::from_str(line).expect("json");
        let query = query["query"].as_str().expect("query");
        let t = Instant::now();
        let engine =
            Engine::from_bundle_bytes(&std::fs::read(dir.join("kb.bundle")).unwrap()).unwrap();
        let open = ms(t);
        let options = SearchOptions {
            limit: 10,
            ..SearchOptions::default()
        };
        let t = Instant::now();
        let ranking = engine.rank(query, &options);
        let probe = ms(t);
        let ranges = ranking.postings_needed().to_vec();
        let mut bytes = 0;
        let mut add = 0.0;
        for (path, range) in &ranges {
            let file = files
                .entry(path.clone())
                .or_insert_with(|| std::fs::read(dir.join(path)).unwrap());
            let part = file[range.start as usize..range.end as usize].to_vec();
            bytes += part.len();
            let t = Instant::now();
            engine.add_postings(path, range.start, part).unwrap();
            add += ms(t);
        }
        let t = Instant::now();
        let ranking = engine.rank(query, &options);
        let rank = ms(t);
        assert!(
            ranking.postings_needed().is_empty(),
            "a second probe still misses postings"
        );
        for shard in engine.shards_needed(&ranking) {
            let bytes = std::fs::read(dir.join(indexer::store::shard_path(shard))).unwrap();
            engine.add_shard(&bytes).unwrap();
        }
        let t = Instant::now();
        let results = engine.results(&ranking);
        let res = ms(t);
        println!(
            "open {open:.1} ms | probe {probe:.1} ms | {} ranges {} KB, add {add:.1} ms | rank {rank:.1} ms | results {res:.1} ms ({} hits)",
            ranges.len(),
            bytes / 1024,
            results.hits.len()
        );
    }
}
