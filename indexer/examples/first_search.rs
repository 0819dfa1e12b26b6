//! Times one cold search of a split knowledge base step by step, handing the
//! engine's driver the postings ranges and entry shards it asks for, read
//! from disk as the browser fetches them:
//! `cargo run --release -p indexer --example first_search -- SITE_DIR QUERIES.jsonl`.
//! Prints milliseconds per step; asserts nothing.
use std::time::Instant;

use indexer::{names, Engine, Fetch, Search, SearchOptions, Step};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: first_search SITE_DIR QUERIES"));
    let queries = std::fs::read_to_string(args.next().expect("queries")).expect("queries");
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    // Files read once; each range is cut from them.
    let mut files: std::collections::HashMap<String, Vec<u8>> = Default::default();
    for line in queries.lines().take(5) {
        let query: serde_json::Value = serde_json::from_str(line).expect("json");
        let query = query["query"].as_str().expect("query");
        let t = Instant::now();
        let bundle = std::fs::read(dir.join(names::BUNDLE_FILE)).unwrap();
        let engine = Engine::from_bundle_bytes(&bundle).unwrap();
        let open = ms(t);
        let mut search = Search::new(query, SearchOptions::default());
        let mut steps = Vec::new();
        let (mut ranges, mut shards, mut bytes, mut supply) = (0, 0, 0, 0.0);
        let answer = loop {
            let t = Instant::now();
            let step = engine.step(&mut search);
            steps.push(format!("{:.1}", ms(t)));
            let fetches = match step {
                Step::Done(answer) => break answer,
                Step::Need(fetches) => fetches,
            };
            for fetch in fetches {
                let file = files
                    .entry(fetch.path().to_string())
                    .or_insert_with(|| std::fs::read(dir.join(fetch.path())).unwrap());
                let part = match fetch.range() {
                    Some(r) => file[r.start as usize..r.end as usize].to_vec(),
                    None => file.clone(),
                };
                match fetch {
                    Fetch::Postings { .. } => ranges += 1,
                    Fetch::Shard { .. } => shards += 1,
                }
                bytes += part.len();
                let t = Instant::now();
                engine.supply(&fetch, part).unwrap();
                supply += ms(t);
            }
        };
        println!(
            "open {open:.1} ms | steps {} ms | {ranges} ranges + {shards} shards, {} KB, supplied in {supply:.1} ms ({} hits)",
            steps.join(" / "),
            bytes / 1024,
            answer.results.hits.len()
        );
    }
}
