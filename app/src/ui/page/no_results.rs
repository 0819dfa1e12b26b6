//! Nothing matched: offer the engine's typo correction, a search without
//! the filters, and the categories to browse.

use indexer::SearchOptions;
use leptos::prelude::*;

use super::facets::{Facet, FacetChange};
use crate::client::{self, LoadState};

#[component]
pub fn NoResults(
    did_you_mean: Option<String>,
    query: RwSignal<String>,
    /// Whether a category or status filter is on.
    filtered: bool,
    on_facet: Callback<FacetChange>,
) -> impl IntoView {
    let categories: Vec<String> = client::state()
        .with_untracked(LoadState::engine)
        .map(|e| {
            let (_, f) = e.browse(&SearchOptions::default());
            f.categories.into_iter().map(|c| c.value).collect()
        })
        .unwrap_or_default();
    view! {
        <div class="no-results">
            <p class="empty">"No answer matches your search."</p>
            {did_you_mean.map(|d| {
                let suggestion = d.clone();
                view! {
                    <p class="suggest">"Did you mean "
                        <button type="button" class="link did-you-mean" on:click=move |_| query.set(suggestion.clone())>{d}</button>
                        "?"
                    </p>
                }
            })}
            {filtered.then(|| view! {
                <p><button type="button" class="link clear-filters" on:click=move |_| {
                    on_facet.run((Facet::Category, None));
                    on_facet.run((Facet::Status, None));
                }>"Search without the filters"</button></p>
            })}
            <p class="empty">"Try fewer words, the exact error line, or browse a category:"</p>
            <ul class="category-links">
                {categories.into_iter().map(|c| {
                    let value = c.clone();
                    view! { <li><button type="button" class="link" on:click=move |_| {
                        query.set(String::new());
                        on_facet.run((Facet::Category, Some(value.clone())));
                    }>{c}</button></li> }
                }).collect_view()}
            </ul>
        </div>
    }
}
