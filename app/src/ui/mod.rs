//! The page: a search box with result cards, an answer view at
//! `#/entry/<id>`, and a browsable list of every entry when the box is empty.

mod answer;
mod browse;
mod card;
mod route;

use leptos::prelude::*;

use crate::loader::{self, LoadState};
pub use route::Route;

/// Results shown per query.
const RESULT_LIMIT: usize = 10;
/// The search box grows with a multi-line paste up to this many rows.
const MAX_ROWS: usize = 12;

#[component]
pub fn App(state: RwSignal<LoadState>) -> impl IntoView {
    let route = RwSignal::new(Route::current());
    let _hash = window_event_listener(leptos::ev::hashchange, move |_| route.set(Route::current()));
    let _pop = window_event_listener(leptos::ev::popstate, move |_| route.set(Route::current()));
    let query = RwSignal::new(route::query_param());
    Effect::new(move |_| route::write_query_param(&query.get()));

    let results = Memo::new(move |_| {
        let q = query.get();
        if state.get() != LoadState::Ready || q.trim().is_empty() {
            return None;
        }
        loader::engine().map(|e| {
            e.search(
                &q,
                &indexer::SearchOptions {
                    limit: RESULT_LIMIT,
                    ..Default::default()
                },
            )
        })
    });

    view! {
        <header class="top">
            <a class="brand" href="#/">"KB Search"</a>
        </header>
        <main class="page">
            {move || match route.get() {
                Route::Entry { id, anchor } => view! { <answer::Answer id anchor state /> }.into_any(),
                Route::Search => view! { <SearchPage query results state /> }.into_any(),
            }}
        </main>
    }
}

#[component]
fn SearchPage(
    query: RwSignal<String>,
    results: Memo<Option<indexer::SearchResults>>,
    state: RwSignal<LoadState>,
) -> impl IntoView {
    let rows = move || query.with(|q| q.lines().count().clamp(1, MAX_ROWS));
    view! {
        <div class="search">
            <label class="visually-hidden" for="kb-q">"Search the knowledge base"</label>
            <textarea
                id="kb-q"
                class="search-box"
                rows=rows
                placeholder="Paste an error or ask a question…"
                autofocus=true
                spellcheck="false"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            ></textarea>
        </div>
        <Status state results />
        {move || match results.get() {
            Some(r) if !r.hits.is_empty() => view! {
                <ol class="results" aria-label="Answers">
                    {r.hits.into_iter().map(|hit| view! { <li><card::Card hit /></li> }).collect_view()}
                </ol>
            }.into_any(),
            Some(_) => view! { <p class="empty">"No answer matches. Try fewer words, or browse the categories below."</p><browse::Browse state /> }.into_any(),
            None => view! { <browse::Browse state /> }.into_any(),
        }}
    }
}

#[component]
fn Status(
    state: RwSignal<LoadState>,
    results: Memo<Option<indexer::SearchResults>>,
) -> impl IntoView {
    view! {
        <div class="status" role="status" aria-live="polite">
            {move || match state.get() {
                LoadState::Loading => view! { <span class="loading">"Loading the search index…"</span> }.into_any(),
                LoadState::Failed(message) => view! {
                    <div class="error" role="alert">
                        <strong>"Search is unavailable. "</strong>
                        <span class="error-message">{message}</span>
                        " "
                        <button class="retry" on:click=move |_| loader::reload(state)>"Retry"</button>
                    </div>
                }.into_any(),
                LoadState::Ready => match results.get() {
                    Some(r) => {
                        let n = r.hits.len();
                        let mut text = match n { 0 => "No answers".to_string(), 1 => "1 answer".to_string(), n => format!("{n} answers") };
                        if r.truncated {
                            text.push_str(" — the paste was long, so only its beginning and end were searched");
                        }
                        let dym = r.did_you_mean.clone();
                        view! {
                            <span class="count">{text}</span>
                            {dym.map(|d| view! { <span class="did-you-mean">" · Searched with typo corrections: " <em>{d}</em></span> })}
                        }.into_any()
                    }
                    None => view! { <span class="count"></span> }.into_any(),
                },
            }}
        </div>
    }
}
