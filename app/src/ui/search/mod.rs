//! The parts of a search UI that the page and the widget share, and the
//! one place that decides how many results each shows.

mod card;
mod results;
mod search_box;
mod status;

pub use results::{open, ResultList};
pub use search_box::SearchBox;
pub use status::StatusLine;

use indexer::{Answer, SearchOptions};
use leptos::prelude::*;

use crate::client::{self, Found};

/// Results on the search page: the engine's default.
pub const PAGE_RESULTS: usize = indexer::engine::DEFAULT_LIMIT;
/// Results in the widget's dropdown unless its `limit` attribute says
/// otherwise (the engine clamps any limit).
pub const WIDGET_RESULTS: usize = 5;
/// The search box grows with a multi-line paste up to this many rows on
/// the page, and fewer in the widget (it sits in a header).
pub const PAGE_BOX_ROWS: usize = 12;
pub const WIDGET_BOX_ROWS: usize = 8;

/// The answer to the current query (`None`: no query, or no engine yet).
/// While the parts a search needs are fetched, the previous answer stays.
pub fn use_answer(
    query: RwSignal<String>,
    options: impl Fn() -> SearchOptions + Send + Sync + 'static,
) -> Memo<Option<Answer>> {
    Memo::new(move |previous: Option<&Option<Answer>>| {
        let options = options();
        let found = query.with(|q| (!q.trim().is_empty()).then(|| client::search_now(q, &options)));
        match found? {
            Found::Answer(answer) => Some(answer),
            Found::NotReady => None,
            Found::Fetching => previous.cloned().flatten(),
        }
    })
}
