//! Entries grouped by category, for browsing without typing: the list the
//! facet chips filter (the unfiltered list is the home page's static HTML).

use indexer::{names, Summary};
use leptos::prelude::*;

/// (id, title, category) of a listed entry.
pub type Listed = (String, String, String);

pub fn listed(entries: &[&Summary]) -> Vec<Listed> {
    entries
        .iter()
        .map(|e| (e.id.clone(), e.title.clone(), e.category.clone()))
        .collect()
}

#[component]
pub fn Browse(entries: Vec<Listed>) -> impl IntoView {
    let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (id, title, category) in entries {
        match groups.iter_mut().find(|(c, _)| *c == category) {
            Some((_, items)) => items.push((id, title)),
            None => groups.push((category, vec![(id, title)])),
        }
    }
    view! {
        <section class="browse" aria-label="Browse by category">
            {groups.into_iter().map(|(category, items)| view! {
                <div class="category-group">
                    <h2>{category} " " <span class="count">{items.len()}</span></h2>
                    <ul>
                        {items.into_iter().map(|(id, title)| view! { <li><a href=names::entry_href("", &id, None)>{title}</a></li> }).collect_view()}
                    </ul>
                </div>
            }).collect_view()}
        </section>
    }
}
