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
/// Id of the search box (for shortcuts and the label).
const SEARCH_BOX_ID: &str = "kb-q";
/// The search box grows with a multi-line paste up to this many rows.
const MAX_ROWS: usize = 12;

#[component]
pub fn App(state: RwSignal<LoadState>) -> impl IntoView {
    let route = RwSignal::new(Route::current());
    let _hash = window_event_listener(leptos::ev::hashchange, move |_| route.set(Route::current()));
    let _pop = window_event_listener(leptos::ev::popstate, move |_| route.set(Route::current()));
    let query = RwSignal::new(route::query_param());
    Effect::new(move |_| route::write_query_param(&query.get()));
    let _keys = window_event_listener(leptos::ev::keydown, move |ev| shortcuts(&ev, query, route));

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

/// `/` and Ctrl/⌘-K focus the search box (from the answer view too); Esc
/// in the box clears it.
fn shortcuts(ev: &web_sys::KeyboardEvent, query: RwSignal<String>, route: RwSignal<Route>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let in_box = doc
        .active_element()
        .is_some_and(|e| e.id() == SEARCH_BOX_ID);
    let typing_elsewhere = doc.active_element().is_some_and(|e| {
        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA") && e.id() != SEARCH_BOX_ID
    });
    let focus_key = (ev.key() == "/" && !in_box && !typing_elsewhere)
        || (ev.key().eq_ignore_ascii_case("k") && (ev.ctrl_key() || ev.meta_key()));
    if focus_key {
        ev.prevent_default();
        if route.get_untracked() != Route::Search {
            let _ = web_sys::window().map(|w| w.location().set_hash("#/"));
        }
        focus_search_box();
    } else if ev.key() == "Escape" && in_box {
        query.set(String::new());
    }
}

/// Focuses the search box once it is on the page.
fn focus_search_box() {
    let focus = || {
        let doc = web_sys::window().and_then(|w| w.document());
        if let Some(el) = doc.and_then(|d| d.get_element_by_id(SEARCH_BOX_ID)) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    focus();
    // After a route change the box is rendered on the next frame.
    leptos::prelude::request_animation_frame(focus);
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
            <label class="visually-hidden" for=SEARCH_BOX_ID>"Search the knowledge base"</label>
            <textarea
                id=SEARCH_BOX_ID
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
