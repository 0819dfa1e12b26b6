//! Writes a synthetic FAQ-like knowledge base for scale tests and benchmarks
//! (see `indexer::synthetic`):
//! `cargo run --release -p indexer --example synthetic_kb -- OUT_DIR N [SEED]`
//! writes `OUT_DIR/content/` and `OUT_DIR/queries.jsonl`.

use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let out = Path::new(args.get(1).expect("OUT_DIR"));
    let n: usize = args.get(2).expect("N").parse().expect("N is a number");
    let seed: u64 = args
        .get(3)
        .map(|s| s.parse().expect("SEED is a number"))
        .unwrap_or(42);
    let kb = indexer::synthetic::generate(n, seed);
    let content = out.join("content");
    kb.write_content(&content).expect("write content");
    std::fs::write(out.join("queries.jsonl"), kb.queries_jsonl()).expect("write queries");
    println!("wrote {n} entries to {}", content.display());
}
