//! Every entry grouped by category, for browsing without typing.

use leptos::prelude::*;

use super::card::permalink;
use crate::loader::{self, LoadState};

#[component]
pub fn Browse(state: RwSignal<LoadState>) -> impl IntoView {
    move || {
        if state.get() != LoadState::Ready {
            return view! { <div class="browse skeleton" aria-hidden="true"></div> }.into_any();
        }
        let Some(engine) = loader::engine() else {
            return ().into_any();
        };
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for e in engine.entries() {
            let item = (e.id.clone(), e.title.clone());
            match groups.iter_mut().find(|(c, _)| *c == e.category) {
                Some((_, items)) => items.push(item),
                None => groups.push((e.category.clone(), vec![item])),
            }
        }
        view! {
            <section class="browse" aria-label="Browse by category">
                {groups.into_iter().map(|(category, items)| view! {
                    <div class="category-group">
                        <h2>{category} <span class="count">{items.len()}</span></h2>
                        <ul>
                            {items.into_iter().map(|(id, title)| view! { <li><a href=permalink(&id, None)>{title}</a></li> }).collect_view()}
                        </ul>
                    </div>
                }).collect_view()}
            </section>
        }.into_any()
    }
}
