//! Facet chips: category and status, with counts, filtering the results
//! (or the browse list) and combining with the query. The home page's
//! static chips (written by `kb build`) have the same markup.

use indexer::{names, FacetCount, Facets};
use leptos::prelude::*;

/// A facet the page filters by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Category,
    Status,
}

impl Facet {
    /// Its name in the URL and in `data-facet`.
    pub fn name(self) -> &'static str {
        match self {
            Facet::Category => "category",
            Facet::Status => "status",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Facet::Category => "Category",
            Facet::Status => "Status",
        }
    }
}

/// A facet set to a value (or cleared).
pub type FacetChange = (Facet, Option<String>);

/// The chips, behind a filter button that only phones show (there the
/// chips would fill the first screen): it says how many filters are on.
#[component]
pub fn FacetChips(
    facets: Facets,
    category: Option<String>,
    status: Option<String>,
    on_change: Callback<FacetChange>,
    /// Whether the chips are unfolded (phones).
    open: RwSignal<bool>,
) -> impl IntoView {
    let on = usize::from(category.is_some()) + usize::from(status.is_some());
    let label = match on {
        0 => names::FILTER_LABEL.to_string(),
        n => format!("{} ({n} on)", names::FILTER_LABEL),
    };
    view! {
        <div class="facets-wrap" class:open=move || open.get()>
            <button type="button" class="filter-toggle" aria-controls=names::FACETS_ID
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
            <div class="facets" id=names::FACETS_ID>
                <ChipRow facet=Facet::Category counts=facets.categories selected=category on_change />
                <ChipRow facet=Facet::Status counts=facets.statuses selected=status on_change />
            </div>
        </div>
    }
}

#[component]
fn ChipRow(
    facet: Facet,
    mut counts: Vec<FacetCount>,
    selected: Option<String>,
    on_change: Callback<FacetChange>,
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
        <div class="chip-row" role="group" aria-label=format!("Filter by {}", facet.name())>
            <span class="chip-label">{facet.label()}</span>
            {counts.into_iter().map(|c| {
                let on = selected.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(&c.value));
                let value = c.value.clone();
                view! {
                    <button type="button" class="chip" data-facet=facet.name() data-value=c.value.clone()
                        aria-pressed=on.to_string()
                        on:click=move |_| on_change.run((facet, (!on).then(|| value.clone())))>
                        {c.value.clone()} " " <span class="chip-count">{c.count}</span>
                    </button>
                }
            }).collect_view()}
        </div>
    }
    .into_any()
}
