//! Facets and filters: counts say what choosing a chip would give, and
//! filters combine with the query.

use indexer::{content, index_build, Engine, SearchOptions};

fn engine() -> Engine {
    let docs = [
        (
            "a",
            "Deploy",
            "[Failed]",
            "Image pull fails with ImagePullBackOff",
        ),
        ("b", "Deploy", "[Waiting]", "Service waits for resources"),
        (
            "c",
            "Network",
            "[Failed, Error]",
            "Service fails to reach the internet",
        ),
        ("d", "Network", "[Running]", "Custom domain for a service"),
    ];
    let entries: Vec<_> = docs
        .iter()
        .map(|(id, cat, statuses, title)| {
            let md = format!("---\nid: {id}\ncategory: {cat}\nstatuses: {statuses}\n---\n# {title}\n\nBody about the service.\n");
            content::parse_entry(&format!("{id}.md"), &md, &Default::default()).unwrap()
        })
        .collect();
    let bundle = index_build::build_bundle(&entries, &Default::default()).unwrap();
    Engine::from_bundle_bytes(&bundle.to_bytes()).unwrap()
}

fn count(counts: &[indexer::FacetCount], value: &str) -> usize {
    counts
        .iter()
        .find(|c| c.value == value)
        .map_or(0, |c| c.count)
}

#[test]
fn facet_counts_cover_the_results_and_match_what_a_filter_returns() {
    let e = engine();
    let all = e.search("service", &SearchOptions::default());
    assert_eq!(all.total, 4);
    assert_eq!(count(&all.facets.categories, "Deploy"), 2);
    assert_eq!(count(&all.facets.statuses, "Failed"), 2);
    let failed = e.search(
        "service",
        &SearchOptions {
            status: Some("failed".into()),
            ..Default::default()
        },
    );
    assert_eq!(failed.total, 2, "filters are case-insensitive");
    let mut ids: Vec<_> = failed.hits.iter().map(|h| h.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["a", "c"]);
    // Category counts apply the status filter; status counts do not.
    assert_eq!(count(&failed.facets.categories, "Network"), 1);
    assert_eq!(count(&failed.facets.statuses, "Running"), 1);
}

#[test]
fn limit_cuts_the_hits_but_not_the_total() {
    let e = engine();
    let r = e.search(
        "service",
        &SearchOptions {
            limit: 1,
            ..Default::default()
        },
    );
    assert_eq!(r.hits.len(), 1);
    assert_eq!(r.total, 4);
}

#[test]
fn browsing_filters_entries_and_counts_them_all() {
    let e = engine();
    let (entries, facets) = e.browse(&SearchOptions {
        category: Some("Network".into()),
        ..Default::default()
    });
    assert_eq!(entries.len(), 2);
    assert!(entries.iter().all(|x| x.category == "Network"));
    assert_eq!(count(&facets.categories, "Deploy"), 2);
    assert_eq!(
        count(&facets.statuses, "Waiting"),
        0,
        "statuses under the category filter"
    );
}
