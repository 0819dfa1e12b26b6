//! A result card: title, category, status badges (the matched ones
//! highlighted), the best section with marked words, its numbered steps.

use indexer::Hit;
use leptos::prelude::*;

/// Permalink of an entry (and section) inside the app.
pub fn permalink(id: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) => format!("#/entry/{id}/{a}"),
        None => format!("#/entry/{id}"),
    }
}

#[component]
pub fn Badges(statuses: Vec<String>, matched: Vec<String>) -> impl IntoView {
    view! {
        <span class="badges">
            {statuses.into_iter().map(|s| {
                let hit = matched.contains(&s);
                view! { <span class="badge" class:matched=hit title=if hit { "mentioned in your query" } else { "status" }>{s}</span> }
            }).collect_view()}
        </span>
    }
}

#[component]
pub fn Card(hit: Hit) -> impl IntoView {
    let href = permalink(&hit.id, hit.anchor.as_deref());
    let steps = hit.steps.clone();
    view! {
        <article class="card" data-id=hit.id.clone()>
            <h2 class="card-title"><a href=href.clone()>{hit.title.clone()}</a></h2>
            <div class="meta">
                <span class="category">{hit.category.clone()}</span>
                <Badges statuses=hit.statuses.clone() matched=hit.matched_statuses.clone() />
            </div>
            {hit.section.clone().map(|s| view! { <h3 class="section"><a href=href.clone()>{s}</a></h3> })}
            <p class="excerpt">
                {hit.excerpt.iter().map(|f| if f.hl {
                    view! { <mark>{f.text.clone()}</mark> }.into_any()
                } else {
                    f.text.clone().into_any()
                }).collect_view()}
            </p>
            {(!steps.is_empty()).then(|| view! {
                <ol class="steps">{steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ol>
            })}
        </article>
    }
}
