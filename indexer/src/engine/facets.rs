//! Facets: how many results (or entries, when browsing) have each category
//! and status, and the filters that choose among them.

use serde::Serialize;

use super::options::SearchOptions;
use crate::store::Summary;

/// Each facet lists at most this many values (the most frequent).
pub const MAX_FACET_VALUES: usize = 12;

/// How many results (or entries, when browsing) have each value of a
/// facet, most first.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Facets {
    pub categories: Vec<FacetCount>,
    pub statuses: Vec<FacetCount>,
}

/// One facet value and how many results have it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// Facet counts over these entries: categories under the status filter,
/// statuses under the category filter; most first, ties alphabetically,
/// at most [`MAX_FACET_VALUES`] each.
/// (The static home page shows the same counts before the engine loads.)
pub fn facet_counts<'a>(
    entries: impl Iterator<Item = &'a Summary>,
    options: &SearchOptions,
) -> Facets {
    let mut categories: Vec<FacetCount> = Vec::new();
    let mut statuses: Vec<FacetCount> = Vec::new();
    let bump = |counts: &mut Vec<FacetCount>, value: &str| match counts
        .iter_mut()
        .find(|c| c.value == value)
    {
        Some(c) => c.count += 1,
        None => counts.push(FacetCount {
            value: value.to_string(),
            count: 1,
        }),
    };
    for entry in entries {
        if status_matches(entry, options.status.as_deref()) {
            bump(&mut categories, &entry.category);
        }
        if category_matches(entry, options.category.as_deref()) {
            for status in &entry.statuses {
                bump(&mut statuses, status);
            }
        }
    }
    for counts in [&mut categories, &mut statuses] {
        counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        counts.truncate(MAX_FACET_VALUES);
    }
    Facets {
        categories,
        statuses,
    }
}

fn category_matches(entry: &Summary, category: Option<&str>) -> bool {
    category.is_none_or(|c| entry.category.eq_ignore_ascii_case(c))
}

fn status_matches(entry: &Summary, status: Option<&str>) -> bool {
    status.is_none_or(|want| entry.statuses.iter().any(|s| s.eq_ignore_ascii_case(want)))
}

/// Whether an entry passes both filters.
pub(crate) fn filter_matches(entry: &Summary, options: &SearchOptions) -> bool {
    category_matches(entry, options.category.as_deref())
        && status_matches(entry, options.status.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(category: &str, statuses: &[&str]) -> Summary {
        Summary {
            id: format!("{category}-{}", statuses.join("-")),
            title: "t".into(),
            category: category.into(),
            statuses: statuses.iter().map(|s| s.to_string()).collect(),
            points_to: vec![],
        }
    }

    fn counts(c: &[FacetCount]) -> Vec<(&str, usize)> {
        c.iter().map(|c| (c.value.as_str(), c.count)).collect()
    }

    #[test]
    fn each_facet_applies_the_other_facets_filter_but_not_its_own() {
        let entries = [
            summary("Ops", &["Failed"]),
            summary("Ops", &["Waiting"]),
            summary("Calls", &["Failed"]),
        ];
        let options = SearchOptions {
            category: Some("ops".into()),
            status: Some("failed".into()),
            ..SearchOptions::default()
        };
        let f = facet_counts(entries.iter(), &options);
        // Categories under status=Failed: both categories, one each.
        assert_eq!(counts(&f.categories), [("Calls", 1), ("Ops", 1)]);
        // Statuses under category=Ops: both of Ops' statuses.
        assert_eq!(counts(&f.statuses), [("Failed", 1), ("Waiting", 1)]);
    }

    #[test]
    fn values_are_sorted_by_count_then_name_and_capped() {
        let entries: Vec<Summary> = (0..MAX_FACET_VALUES + 3)
            .map(|i| summary(&format!("c{i:02}"), &[]))
            .chain([summary("c05", &[])])
            .collect();
        let f = facet_counts(entries.iter(), &SearchOptions::default());
        assert_eq!(f.categories.len(), MAX_FACET_VALUES);
        assert_eq!(counts(&f.categories)[..2], [("c05", 2), ("c00", 1)]);
    }

    #[test]
    fn filters_match_case_insensitively() {
        let e = summary("Ops", &["ImagePullBackOff"]);
        let o = SearchOptions {
            category: Some("OPS".into()),
            status: Some("imagepullbackoff".into()),
            ..SearchOptions::default()
        };
        assert!(filter_matches(&e, &o));
        let other = SearchOptions {
            status: Some("Waiting".into()),
            ..SearchOptions::default()
        };
        assert!(!filter_matches(&e, &other));
    }
}
