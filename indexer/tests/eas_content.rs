//! The bundled EAS FAQ: every entry is there under its permanent id and is
//! the top answer for its own title.

use std::path::Path;

use indexer::{content, index_build, Engine, SearchOptions};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn engine() -> (Engine, Vec<indexer::Entry>) {
    let c = content::load_folder(&root().join("content")).expect("bundled content is valid");
    assert!(
        c.warnings.is_empty(),
        "bundled content has warnings: {:?}",
        c.warnings
    );
    let bundle = index_build::build_bundle(&c.entries, &c.synonyms).unwrap();
    (
        Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap(),
        c.entries,
    )
}

fn expected_ids() -> Vec<(String, String)> {
    std::fs::read_to_string(root().join("tests/kbs/eas/ids.tsv"))
        .unwrap()
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(id, q)| (id.to_string(), q.to_string()))
        .collect()
}

#[test]
fn the_content_holds_exactly_the_34_permanent_ids() {
    let (_, entries) = engine();
    let mut got: Vec<String> = entries.iter().map(|e| e.id.clone()).collect();
    let mut want: Vec<String> = expected_ids().into_iter().map(|(id, _)| id).collect();
    got.sort();
    want.sort();
    assert_eq!(want.len(), 34);
    assert_eq!(got, want);
}

#[test]
fn every_entry_is_the_top_hit_for_its_own_title() {
    let (engine, entries) = engine();
    let mut misses = Vec::new();
    for e in &entries {
        let hits = engine.search(&e.title, &SearchOptions::default()).hits;
        if hits.first().map(|h| h.id.as_str()) != Some(e.id.as_str()) {
            misses.push(format!(
                "{} → {:?}",
                e.id,
                hits.iter().take(3).map(|h| &h.id).collect::<Vec<_>>()
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "not first for their own title: {misses:#?}"
    );
}

/// The `category:` line of an entry's source file.
fn category_line(source: &str) -> Option<String> {
    let text = std::fs::read_to_string(root().join("content").join(source)).unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix("category:"))
        .map(|c| c.trim().trim_matches(['"', '\'']).to_string())
}

#[test]
fn every_entry_has_its_written_category_and_a_non_empty_answer() {
    let (_, entries) = engine();
    for e in &entries {
        // Every bundled entry names its category; the parser must keep it
        // rather than fall back to the folder or "General".
        let written =
            category_line(&e.source).unwrap_or_else(|| panic!("{} names no category", e.id));
        assert_eq!(e.category, written, "{}", e.id);
        assert!(
            e.sections.iter().any(|s| !s.text.is_empty()),
            "{} has no text",
            e.id
        );
    }
}

#[test]
fn hits_carry_the_best_section_and_its_steps() {
    let (engine, _) = engine();
    let hit = &engine
        .search(
            "Running on http://127.0.0.1:7000 but the service stays Waiting",
            &SearchOptions::default(),
        )
        .hits[0];
    assert_eq!(hit.id, "service-waiting");
    let section = hit.section.as_deref().unwrap_or_default().to_lowercase();
    assert!(
        section.contains("port"),
        "best section should be the port cause, got {section:?}"
    );
    assert!(
        hit.matched_statuses.contains(&"Waiting".to_string()),
        "{:?}",
        hit.matched_statuses
    );
}
