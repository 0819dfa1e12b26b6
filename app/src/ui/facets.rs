//! Facet chips: category and status, with counts, filtering the results
//! (or the browse list) and combining with the query.

use indexer::{FacetCount, Facets};
use leptos::prelude::*;

#[component]
pub fn FacetChips(
    facets: Facets,
    category: Option<String>,
    status: Option<String>,
    /// Called with (facet name, new value) when a chip is toggled.
    on_change: Callback<(&'static str, Option<String>)>,
) -> impl IntoView {
    view! {
        <div class="facets">
            <ChipRow name="category" label="Category" counts=facets.categories selected=category on_change />
            <ChipRow name="status" label="Status" counts=facets.statuses selected=status on_change />
        </div>
    }
}

#[component]
fn ChipRow(
    name: &'static str,
    label: &'static str,
    mut counts: Vec<FacetCount>,
    selected: Option<String>,
    on_change: Callback<(&'static str, Option<String>)>,
) -> impl IntoView {
    // The chosen value stays visible (to be unchosen) even at count 0.
    if let Some(s) = &selected {
        if !counts.iter().any(|c| c.value.eq_ignore_ascii_case(s)) {
            counts.insert(
                0,
                FacetCount {
                    value: s.clone(),
                    count: 0,
                },
            );
        }
    }
    if counts.is_empty() {
        return ().into_any();
    }
    view! {
        <div class="chip-row" role="group" aria-label=format!("Filter by {}", label.to_lowercase())>
            <span class="chip-label">{label}</span>
            {counts.into_iter().map(|c| {
                let on = selected.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&c.value));
                let value = c.value.clone();
                view! {
                    <button type="button" class="chip" data-facet=name data-value=c.value.clone()
                        aria-pressed=on.to_string()
                        on:click=move |_| on_change.run((name, (!on).then(|| value.clone())))>
                        {c.value.clone()} " " <span class="chip-count">{c.count}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}
