//! Prints the hash of the sources the wasm app is built from (see
//! `indexer::app_assets`): `cargo run -p indexer --example app_sources -- REPO`.
//! `scripts/refresh-app.sh` records it next to the app it builds.

fn main() {
    let repo = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    match indexer::app_assets::sources_hash(std::path::Path::new(&repo)) {
        Ok(hash) => println!("{hash}"),
        Err(e) => {
            eprintln!("error: reading the app's sources under {repo}: {e}");
            std::process::exit(1);
        }
    }
}
