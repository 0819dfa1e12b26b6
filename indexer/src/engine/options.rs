//! What one search asks for: how many results and which filters. The
//! result limit is decided here, once, for every front end.

/// Results per search when the caller does not say.
pub const DEFAULT_LIMIT: usize = 10;
/// Hard cap on results per search.
pub const MAX_LIMIT: usize = 100;

/// Options of one search.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchOptions {
    /// Results wanted; [`SearchOptions::limit`] clamps it to
    /// `1..=`[`MAX_LIMIT`].
    pub limit: usize,
    /// Only entries of this category (exact, case-insensitive).
    pub category: Option<String>,
    /// Only entries with this status (exact, case-insensitive).
    pub status: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: DEFAULT_LIMIT,
            category: None,
            status: None,
        }
    }
}

impl SearchOptions {
    /// Options with this many results (clamped when searching).
    pub fn with_limit(limit: usize) -> SearchOptions {
        SearchOptions {
            limit,
            ..SearchOptions::default()
        }
    }

    /// The number of results a search returns at most.
    pub fn limit(&self) -> usize {
        self.limit.clamp(1, MAX_LIMIT)
    }

    /// Whether a category or status filter is set.
    pub fn is_filtered(&self) -> bool {
        self.category.is_some() || self.status.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_is_clamped_to_one_and_the_maximum() {
        assert_eq!(SearchOptions::with_limit(0).limit(), 1);
        assert_eq!(SearchOptions::with_limit(7).limit(), 7);
        assert_eq!(SearchOptions::with_limit(usize::MAX).limit(), MAX_LIMIT);
    }

    #[test]
    fn filters_are_off_by_default() {
        assert!(!SearchOptions::default().is_filtered());
        let o = SearchOptions {
            status: Some("Failed".into()),
            ..SearchOptions::default()
        };
        assert!(o.is_filtered());
    }
}
