//! Bytes of the index by file kind and field:
//! `cargo run --release -p indexer --example space_usage -- BUNDLE`.
//! Shows where a bundle's size goes; asserts nothing.

fn main() {
    let path = std::env::args().nth(1).expect("usage: space_usage BUNDLE");
    let bundle = indexer::bundle::Bundle::from_bytes(&std::fs::read(&path).expect("bundle"))
        .expect("a bundle");
    let dir = tantivy::directory::RamDirectory::create();
    for (name, data) in &bundle.files {
        match name.strip_prefix(indexer::names::BUNDLE_INDEX_PREFIX) {
            Some(p) => {
                use tantivy::Directory;
                dir.atomic_write(std::path::Path::new(p), data).unwrap();
            }
            // A split index: its postings file is next to the bundle.
            None if name.starts_with(indexer::names::BUNDLE_SPARSE_PREFIX) => {
                use tantivy::Directory;
                let file = &name[indexer::names::BUNDLE_SPARSE_PREFIX.len()..];
                let external = std::path::Path::new(&path)
                    .with_file_name(indexer::names::postings_path(std::path::Path::new(file)));
                let whole = std::fs::read(&external).expect("the postings file next to the bundle");
                dir.atomic_write(std::path::Path::new(file), &whole)
                    .unwrap();
                println!(
                    "{name:<28} {:>9} bytes in the bundle, {} in {}",
                    data.len(),
                    whole.len(),
                    external.display()
                );
            }
            None => println!("{name:<28} {:>9} bytes", data.len()),
        }
    }
    let index = tantivy::Index::open(dir).expect("index");
    let searcher = index.reader().unwrap().searcher();
    let usage = searcher.space_usage().unwrap();
    for seg in usage.segments() {
        println!("segment: {} docs, {} bytes", seg.num_docs(), seg.total());
        for (label, part) in [
            ("postings", seg.postings()),
            ("termdict", seg.termdict()),
            ("fieldnorms", seg.fieldnorms()),
        ] {
            let mut fields: Vec<_> = part
                .fields()
                .map(|u| (u.total(), u.field_name().to_string()))
                .collect();
            fields.sort_by_key(|f| std::cmp::Reverse(f.0));
            println!("{label}: {} bytes", part.total());
            for (bytes, name) in fields {
                println!("  {name:<12} {bytes:>9}");
            }
        }
    }
}
